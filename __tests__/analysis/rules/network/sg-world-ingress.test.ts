import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/sg-world-ingress';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';
import { expectResolverGroupsLeftToR53R01 } from './resolver-fixture';

const albSg = resource('spoke', 'aws_security_group', 'alb', { description: 'alb' });
const appSg = resource('spoke', 'aws_security_group', 'app', { description: 'app' });
const alb = resource('spoke', 'aws_lb', 'web', { load_balancer_type: 'application', security_groups: [ref(albSg.id)] });
const ingress = (name: string, group: string, attrs: Record<string, unknown>) =>
  resource('spoke', 'aws_vpc_security_group_ingress_rule', name, { security_group_id: ref(group), ip_protocol: 'tcp', ...(attrs as object) });

describe('LZ-SG02 world ingress only 80/443 on load balancers', () => {
  it('passes 80 and 443 from the world on the load balancer group and anything internal elsewhere', () => {
    expect(
      findings(
        rule,
        albSg,
        appSg,
        alb,
        ingress('http', albSg.id, { from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0' }),
        ingress('https-v6', albSg.id, { from_port: 443, to_port: 443, cidr_ipv6: '::/0' }),
        ingress('app', appSg.id, { from_port: 8080, to_port: 8080, referenced_security_group_id: ref(albSg.id) }),
        ingress('internal', appSg.id, { from_port: 0, to_port: 65535, cidr_ipv4: '10.0.0.0/8' }),
      ),
    ).toEqual([]);
  });

  it('reports other ports from the world on any group, and 443 from the world on a group no load balancer uses', () => {
    expect(
      findings(
        rule,
        albSg,
        appSg,
        alb,
        ingress('alt-port', albSg.id, { from_port: 8443, to_port: 8443, cidr_ipv4: '0.0.0.0/0' }),
        ingress('icmp', albSg.id, { ip_protocol: 'icmp', from_port: -1, to_port: -1, cidr_ipv4: '0.0.0.0/0' }),
        ingress('direct', appSg.id, { from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }),
      ),
    ).toEqual([
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.alt-port', message: 'ingress tcp 8443 from 0.0.0.0/0: only tcp 80 and 443 may be open to the internet' },
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.direct', message: 'ingress tcp 443 from 0.0.0.0/0 on aws_security_group.app, which no load balancer uses' },
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.icmp', message: 'ingress icmp from 0.0.0.0/0: only tcp 80 and 443 may be open to the internet' },
    ]);
  });

  it('reports as unknown a world 443 rule whose group is unknown, and a rule whose source is unknown', () => {
    expect(
      findings(
        rule,
        albSg,
        alb,
        ingress('on-var-group', albSg.id, { security_group_id: unknown('${var.sg_id}'), from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }),
        ingress('from-var', albSg.id, { from_port: 22, to_port: 22, cidr_ipv4: unknown('${var.cidr}') }),
      ),
    ).toEqual([
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.from-var', message: 'cannot prove this ingress from the internet is tcp 80 or 443 on a load balancer group: ${var.cidr} is unknown before apply', unknown: true },
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.on-var-group', message: 'cannot prove this ingress from the internet is tcp 80 or 443 on a load balancer group: ${var.sg_id} is unknown before apply', unknown: true },
    ]);
  });

  it('leaves the untracked Resolver endpoint groups (DNS from 0.0.0.0/0 on the inbound group, replies on the outbound group) to LZ-R53R01, but only in a VPC without an internet gateway and on groups nothing else uses', () => {
    expectResolverGroupsLeftToR53R01(rule, ['hub:aws_vpc_security_group_ingress_rule.in-tcp-53', 'hub:aws_vpc_security_group_ingress_rule.in-udp-53', 'hub:aws_vpc_security_group_ingress_rule.out-tcp-replies', 'hub:aws_vpc_security_group_ingress_rule.out-udp-replies']);
  });
});
