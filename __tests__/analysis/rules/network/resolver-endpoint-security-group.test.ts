import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/resolver-endpoint-security-group';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const inboundSg = resource('hub', 'aws_security_group', 'inbound', { description: 'inbound' });
const outboundSg = resource('hub', 'aws_security_group', 'outbound', { description: 'outbound' });
const inbound = resource('hub', 'aws_route53_resolver_endpoint', 'inbound', { direction: 'INBOUND', security_group_ids: [ref(inboundSg.id)] });
const outbound = resource('hub', 'aws_route53_resolver_endpoint', 'outbound', { direction: 'OUTBOUND', security_group_ids: [ref(outboundSg.id)] });
const rule53 = (type: 'ingress' | 'egress', name: string, group: string, attrs: Record<string, unknown>) =>
  resource('hub', `aws_vpc_security_group_${type}_rule`, name, { security_group_id: ref(group), from_port: 53, to_port: 53, ...(attrs as object) });

describe('LZ-R53R01 Resolver endpoint groups carry DNS only', () => {
  it('passes tcp/udp 53 with named ranges in both directions', () => {
    expect(
      findings(
        rule,
        inboundSg,
        outboundSg,
        inbound,
        outbound,
        rule53('ingress', 'in-tcp', inboundSg.id, { ip_protocol: 'tcp', cidr_ipv4: '10.10.0.0/16' }),
        rule53('ingress', 'in-udp', inboundSg.id, { ip_protocol: 'udp', cidr_ipv4: '10.10.0.0/16' }),
        rule53('egress', 'out-udp', outboundSg.id, { ip_protocol: 'udp', cidr_ipv4: '10.10.0.2/32' }),
      ),
    ).toEqual([]);
  });

  it('reports DNS with the whole internet and ports other than 53, group by group', () => {
    expect(
      findings(
        rule,
        inboundSg,
        outboundSg,
        inbound,
        outbound,
        rule53('ingress', 'in-world', inboundSg.id, { ip_protocol: 'udp', cidr_ipv4: '0.0.0.0/0' }),
        rule53('egress', 'out-all', outboundSg.id, { ip_protocol: '-1', cidr_ipv4: '10.10.0.2/32' }),
        rule53('ingress', 'in-853', inboundSg.id, { ip_protocol: 'tcp', from_port: 853, to_port: 853, cidr_ipv4: '10.10.0.0/16' }),
      ),
    ).toEqual([
      { resource: 'hub:aws_vpc_security_group_ingress_rule.in-853', message: 'ingress tcp 853 from 10.10.0.0/16: Resolver endpoint groups carry only tcp/udp 53 with listed ranges' },
      { resource: 'hub:aws_vpc_security_group_ingress_rule.in-world', message: 'ingress udp 53 from 0.0.0.0/0: Resolver endpoint groups carry only tcp/udp 53 with listed ranges' },
      { resource: 'hub:aws_vpc_security_group_egress_rule.out-all', message: 'egress all traffic to 10.10.0.2/32: Resolver endpoint groups carry only tcp/udp 53 with listed ranges' },
    ]);
  });

  it('reports an unknown range on an endpoint group as unknown', () => {
    expect(findings(rule, inboundSg, inbound, rule53('ingress', 'in-var', inboundSg.id, { ip_protocol: 'udp', cidr_ipv4: unknown('${var.onprem}') }))).toEqual([
      { resource: 'hub:aws_vpc_security_group_ingress_rule.in-var', message: 'cannot prove Resolver endpoint groups carry only tcp/udp 53 with listed ranges: ${var.onprem} is unknown before apply', unknown: true },
    ]);
  });
});
