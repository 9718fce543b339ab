/** The shared-endpoints VPC and its Resolver endpoints, for the Resolver rule tests (LZ-R53R01, LZ-R53R03, the world-open rules). */
import { ref } from '../../../../analysis/graph/graph';
import type { TfResource } from '../../../../analysis/graph/types';
import type { Rule } from '../../../../analysis/rules/types';
import { findings, resource } from '../../../helpers/rule-fixtures';

/** The shared-endpoints VPC (no internet gateway) with the shipped, untracked Resolver groups. */
export function resolverFixture(options: { igw?: boolean; extraUser?: boolean; targetPort?: number } = {}) {
  const vpc = resource('hub', 'aws_vpc', 'endpoints', { cidr_block: '10.254.0.0/24' });
  const inboundSg = resource('hub', 'aws_security_group', 'inbound', { description: 'inbound', vpc_id: ref(vpc.id) });
  const outboundSg = resource('hub', 'aws_security_group', 'outbound', { description: 'outbound', vpc_id: ref(vpc.id) });
  const ips = [{ subnet_id: 'subnet-a' }, { subnet_id: 'subnet-b' }];
  const inbound = resource('hub', 'aws_route53_resolver_endpoint', 'inbound', { direction: 'INBOUND', security_group_ids: [ref(inboundSg.id)], ip_address: ips });
  const outbound = resource('hub', 'aws_route53_resolver_endpoint', 'outbound', { direction: 'OUTBOUND', security_group_ids: [ref(outboundSg.id)], ip_address: [...ips, { subnet_id: 'subnet-c' }] });
  const forward = resource('hub', 'aws_route53_resolver_rule', 'corp', { rule_type: 'FORWARD', resolver_endpoint_id: ref(outbound.id), target_ip: [{ ip: '192.168.0.2', port: options.targetPort ?? 53 }] });
  const sgRule = (type: 'ingress' | 'egress', name: string, group: TfResource, protocol: string, from: number, to: number, cidr = '0.0.0.0/0') =>
    resource('hub', `aws_vpc_security_group_${type}_rule`, name, { security_group_id: ref(group.id), ip_protocol: protocol, from_port: from, to_port: to, cidr_ipv4: cidr });
  const rules = [
    sgRule('ingress', 'in-tcp-53', inboundSg, 'tcp', 53, 53),
    sgRule('ingress', 'in-udp-53', inboundSg, 'udp', 53, 53),
    sgRule('egress', 'in-tcp-replies', inboundSg, 'tcp', 0, 65535),
    sgRule('egress', 'in-udp-replies', inboundSg, 'udp', 0, 65535),
    sgRule('egress', 'out-tcp-53', outboundSg, 'tcp', options.targetPort ?? 53, options.targetPort ?? 53),
    sgRule('egress', 'out-udp-53', outboundSg, 'udp', options.targetPort ?? 53, options.targetPort ?? 53),
    sgRule('ingress', 'out-tcp-replies', outboundSg, 'tcp', 0, 65535),
    sgRule('ingress', 'out-udp-replies', outboundSg, 'udp', 0, 65535),
  ];
  const extras = [
    ...(options.igw ? [resource('hub', 'aws_internet_gateway', 'igw', { vpc_id: ref(vpc.id) })] : []),
    ...(options.extraUser ? [resource('hub', 'aws_instance', 'box', { vpc_security_group_ids: [ref(inboundSg.id)] })] : []),
  ];
  return { vpc, inboundSg, outboundSg, inbound, outbound, forward, sgRule, all: [vpc, inboundSg, outboundSg, inbound, outbound, forward, ...rules, ...extras] };
}

/**
 * Asserts that a world-open rule (LZ-SG01/02/03/05) leaves the Resolver endpoint groups to LZ-R53R01:
 * no finding on the shipped fixture; with an internet gateway in the VPC, findings on exactly the
 * `expected` rule resources; with another resource attached to the inbound group, findings on only
 * the inbound group's share of `expected` (its rules are named `in-*`).
 */
export function expectResolverGroupsLeftToR53R01(rule: Rule, expected: readonly string[]): void {
  expect(findings(rule, ...resolverFixture().all)).toEqual([]);
  const exposed = (options: { igw?: boolean; extraUser?: boolean }) => findings(rule, ...resolverFixture(options).all).map((f) => f.resource).filter((r) => r.includes('_rule.')).sort();
  expect(exposed({ igw: true })).toEqual(expected);
  expect(exposed({ extraUser: true })).toEqual(expected.filter((r) => r.includes('.in-')));
}
