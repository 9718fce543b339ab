import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/sg-admin-ports-world';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';
import { expectResolverGroupsLeftToR53R01 } from './resolver-fixture';

const sg = resource('spoke', 'aws_security_group', 'app', { description: 'app tier', vpc_id: 'vpc-1' });
const ingress = (name: string, attrs: Record<string, unknown>) =>
  resource('spoke', 'aws_vpc_security_group_ingress_rule', name, { security_group_id: ref(sg.id), ip_protocol: 'tcp', description: 'x', ...(attrs as object) });

describe('LZ-SG01 no SSH/RDP from the internet', () => {
  it('is not suppressible', () => {
    expect(rule.suppressible).toBe(false);
    expect(rule.level).toBe('error');
  });

  it('passes admin ports from internal ranges or groups and web ports from the world', () => {
    expect(
      findings(
        rule,
        sg,
        ingress('ssh-internal', { from_port: 22, to_port: 22, cidr_ipv4: '10.0.0.0/8' }),
        ingress('ssh-from-group', { from_port: 22, to_port: 22, referenced_security_group_id: ref(sg.id) }),
        ingress('https', { from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }),
        resource('spoke', 'aws_security_group_rule', 'ssh-egress', { type: 'egress', protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'], security_group_id: ref(sg.id) }),
      ),
    ).toEqual([]);
  });

  it('reports SSH and RDP from 0.0.0.0/0 or ::/0 in every rule shape, and ranges or all-traffic rules that include them', () => {
    const inline = resource('spoke', 'aws_security_group', 'bastion', {
      description: 'bastion',
      ingress: [{ protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] }],
    });
    expect(
      findings(
        rule,
        sg,
        inline,
        ingress('ssh-v6', { from_port: 22, to_port: 22, cidr_ipv6: '::/0' }),
        ingress('all', { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' }),
        resource('spoke', 'aws_security_group_rule', 'range', { type: 'ingress', protocol: '6', from_port: 20, to_port: 30, cidr_blocks: ['0.0.0.0/0'], security_group_id: ref(sg.id) }),
      ),
    ).toEqual([
      { resource: 'spoke:aws_security_group.bastion', message: 'ingress[0] tcp 3389 from 0.0.0.0/0' },
      { resource: 'spoke:aws_security_group_rule.range', message: 'ingress tcp 20-30 from 0.0.0.0/0 (opens 22)' },
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.all', message: 'ingress all traffic from 0.0.0.0/0 (opens 22 and 3389)' },
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.ssh-v6', message: 'ingress tcp 22 from ::/0' },
    ]);
  });

  it('reports an unknown source on an admin port, and unknown ports from the world, as unknown', () => {
    expect(
      findings(
        rule,
        sg,
        ingress('ssh-var', { from_port: 22, to_port: 22, cidr_ipv4: unknown('${var.admin_cidr}') }),
        ingress('port-var', { from_port: unknown('${var.port}'), to_port: unknown('${var.port}'), cidr_ipv4: '0.0.0.0/0' }),
        ingress('https-var', { from_port: 443, to_port: 443, cidr_ipv4: unknown('${var.clients}') }),
      ),
    ).toEqual([
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.port-var', message: 'cannot prove no ingress from the internet reaches port 22 or 3389: ${var.port} is unknown before apply', unknown: true },
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.ssh-var', message: 'cannot prove no ingress from the internet reaches port 22 or 3389: ${var.admin_cidr} is unknown before apply', unknown: true },
    ]);
  });

  it('leaves the untracked Resolver endpoint groups (the outbound group replies (tcp/udp 0-65535 from 0.0.0.0/0)) to LZ-R53R01, but only in a VPC without an internet gateway and on groups nothing else uses', () => {
    expectResolverGroupsLeftToR53R01(rule, ['hub:aws_vpc_security_group_ingress_rule.out-tcp-replies', 'hub:aws_vpc_security_group_ingress_rule.out-udp-replies']);
  });
});
