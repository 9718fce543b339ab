import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/sg-all-traffic-world';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';
import { expectResolverGroupsLeftToR53R01 } from './resolver-fixture';

const sg = resource('hub', 'aws_security_group', 'x', { description: 'x' });

describe('LZ-SG03 no all-traffic ingress from the internet', () => {
  it('passes all traffic from internal ranges and single ports from the world', () => {
    expect(
      findings(
        rule,
        sg,
        resource('hub', 'aws_security_group_rule', 'internal', { type: 'ingress', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['172.16.0.0/12'], security_group_id: ref(sg.id) }),
        resource('hub', 'aws_security_group_rule', 'https', { type: 'ingress', protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'], security_group_id: ref(sg.id) }),
        resource('hub', 'aws_security_group_rule', 'egress', { type: 'egress', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'], security_group_id: ref(sg.id) }),
      ),
    ).toEqual([]);
  });

  it('reports protocol -1 and every TCP/UDP port from 0.0.0.0/0 or ::/0', () => {
    expect(
      findings(
        rule,
        resource('hub', 'aws_security_group', 'open', {
          description: 'open',
          ingress: [
            { protocol: '-1', from_port: 0, to_port: 0, ipv6_cidr_blocks: ['::/0'] },
            { protocol: 'udp', from_port: 0, to_port: 65535, cidr_blocks: ['0.0.0.0/0'] },
          ],
        }),
      ),
    ).toEqual([
      { resource: 'hub:aws_security_group.open', message: 'ingress[0] all traffic from ::/0' },
      { resource: 'hub:aws_security_group.open', message: 'ingress[1] udp 0-65535 from 0.0.0.0/0' },
    ]);
  });

  it('reports an all-traffic rule with an unknown source as unknown', () => {
    expect(findings(rule, sg, resource('hub', 'aws_vpc_security_group_ingress_rule', 'v', { security_group_id: ref(sg.id), ip_protocol: '-1', cidr_ipv4: unknown('${var.cidr}') }))).toEqual([
      { resource: 'hub:aws_vpc_security_group_ingress_rule.v', message: 'cannot prove no ingress from the internet opens all protocols or all ports: ${var.cidr} is unknown before apply', unknown: true },
    ]);
  });

  it('leaves the untracked Resolver endpoint groups (the outbound group replies (tcp/udp 0-65535 from 0.0.0.0/0)) to LZ-R53R01, but only in a VPC without an internet gateway and on groups nothing else uses', () => {
    expectResolverGroupsLeftToR53R01(rule, ['hub:aws_vpc_security_group_ingress_rule.out-tcp-replies', 'hub:aws_vpc_security_group_ingress_rule.out-udp-replies']);
  });
});
