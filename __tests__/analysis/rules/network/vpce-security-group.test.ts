import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/vpce-security-group';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const sg = resource('hub', 'aws_security_group', 'endpoints', { description: 'endpoints' });
const other = resource('hub', 'aws_security_group', 'other', { description: 'other' });
const endpoint = resource('hub', 'aws_vpc_endpoint', 'ssm', { vpc_endpoint_type: 'Interface', security_group_ids: [ref(sg.id)] });
const ingress = (name: string, attrs: Record<string, unknown>, group = sg.id) =>
  resource('hub', 'aws_vpc_security_group_ingress_rule', name, { security_group_id: ref(group), ip_protocol: 'tcp', from_port: 443, to_port: 443, ...(attrs as object) });

describe('LZ-VPCE02 endpoint groups admit only 443 from internal ranges', () => {
  it('passes HTTPS from RFC 1918 ranges and groups; rules of other groups and egress rules are not its business', () => {
    expect(
      findings(
        rule,
        sg,
        other,
        endpoint,
        ingress('a', { cidr_ipv4: '10.0.0.0/8' }),
        ingress('b', { cidr_ipv4: '172.16.0.0/12' }),
        ingress('c', { referenced_security_group_id: ref(other.id) }),
        ingress('ssh-elsewhere', { from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' }, other.id),
        resource('hub', 'aws_vpc_security_group_egress_rule', 'out', { security_group_id: ref(sg.id), ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' }),
      ),
    ).toEqual([]);
  });

  it('reports other ports, public sources, and endpoints without a group', () => {
    expect(
      findings(
        rule,
        sg,
        endpoint,
        resource('hub', 'aws_vpc_endpoint', 'bare', { vpc_endpoint_type: 'Interface' }),
        ingress('http', { from_port: 80, to_port: 80, cidr_ipv4: '10.0.0.0/8' }),
        ingress('public', { cidr_ipv4: '203.0.113.0/24' }),
      ),
    ).toEqual([
      { resource: 'hub:aws_vpc_endpoint.bare', message: 'no security_group_ids: AWS attaches the VPC default security group' },
      { resource: 'hub:aws_vpc_security_group_ingress_rule.http', message: 'ingress tcp 80 from 10.0.0.0/8: interface endpoint groups admit only tcp 443 from internal ranges' },
      { resource: 'hub:aws_vpc_security_group_ingress_rule.public', message: 'ingress tcp 443 from 203.0.113.0/24: interface endpoint groups admit only tcp 443 from internal ranges' },
    ]);
  });

  it('reports unknown sources, unknown group lists and rules whose group is unknown as unknown', () => {
    expect(
      findings(
        rule,
        sg,
        endpoint,
        resource('hub', 'aws_vpc_endpoint', 'var-groups', { vpc_endpoint_type: 'Interface', security_group_ids: unknown('${var.sgs}') }),
        ingress('var-cidr', { cidr_ipv4: unknown('${var.cidr}') }),
        resource('hub', 'aws_vpc_security_group_ingress_rule', 'var-group', { security_group_id: unknown('${var.sg}'), ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '10.0.0.0/8' }),
      ),
    ).toEqual([
      { resource: 'hub:aws_vpc_endpoint.var-groups', message: 'cannot prove interface endpoint groups admit only tcp 443 from internal ranges: ${var.sgs} is unknown before apply', unknown: true },
      { resource: 'hub:aws_vpc_security_group_ingress_rule.var-cidr', message: 'cannot prove interface endpoint groups admit only tcp 443 from internal ranges: ${var.cidr} is unknown before apply', unknown: true },
      { resource: 'hub:aws_vpc_security_group_ingress_rule.var-group', message: 'cannot prove this rule is not on an interface endpoint group: ${var.sg} is unknown before apply', unknown: true },
    ]);
  });
});
