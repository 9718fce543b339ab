import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/sg-egress-world';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';
import { expectResolverGroupsLeftToR53R01 } from './resolver-fixture';

const sg = resource('spoke', 'aws_security_group', 'app', { description: 'app' });
const egress = (name: string, attrs: Record<string, unknown>) => resource('spoke', 'aws_vpc_security_group_egress_rule', name, { security_group_id: ref(sg.id), ...(attrs as object) });

describe('LZ-SG05 no all-ports egress to the internet', () => {
  it('is a warning', () => expect(rule.level).toBe('warning'));

  it('passes HTTPS to the world and all traffic to internal ranges', () => {
    expect(findings(rule, sg, egress('https', { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }), egress('internal', { ip_protocol: '-1', cidr_ipv4: '10.0.0.0/8' }))).toEqual([]);
  });

  it('reports all traffic and all TCP ports to the world', () => {
    expect(
      findings(
        rule,
        sg,
        egress('all', { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' }),
        resource('spoke', 'aws_security_group', 'inline', { description: 'i', egress: [{ protocol: 'tcp', from_port: 0, to_port: 65535, ipv6_cidr_blocks: ['::/0'] }] }),
      ),
    ).toEqual([
      { resource: 'spoke:aws_security_group.inline', message: 'egress[0] tcp 0-65535 to ::/0' },
      { resource: 'spoke:aws_vpc_security_group_egress_rule.all', message: 'egress all traffic to 0.0.0.0/0' },
    ]);
  });

  it('reports all-traffic egress to an unknown destination as unknown', () => {
    expect(findings(rule, sg, egress('var', { ip_protocol: '-1', cidr_ipv4: unknown('${var.cidr}') }))).toEqual([
      { resource: 'spoke:aws_vpc_security_group_egress_rule.var', message: 'cannot prove no egress to the internet opens all protocols or all ports: ${var.cidr} is unknown before apply', unknown: true },
    ]);
  });

  it('leaves the untracked Resolver endpoint groups (the inbound group replies (tcp/udp 0-65535 to 0.0.0.0/0)) to LZ-R53R01, but only in a VPC without an internet gateway and on groups nothing else uses', () => {
    expectResolverGroupsLeftToR53R01(rule, ['hub:aws_vpc_security_group_egress_rule.in-tcp-replies', 'hub:aws_vpc_security_group_egress_rule.in-udp-replies']);
  });
});
