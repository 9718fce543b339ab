/**
 * DNS: private hosted zones with the VPCs that see them (inline `vpc` blocks and
 * `aws_route53_zone_association`s, cross-account ones arriving through the spoke's authorization) and
 * their records; Route 53 Resolver endpoints and rules, with the VPCs a rule applies to (rule
 * associations, and Route 53 Profiles that carry the rule and are associated with a VPC).
 */
import type { TfResource } from '../graph/types';
import { compare, optional, push, unique } from './collect';
import { absent, blocks, ModelReader, UNKNOWN } from './reader';
import type { HostedZone, ResolverEndpoint, ResolverRule } from './types';

const ZONE = 'aws_route53_zone';
const GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'];

/** Every hosted zone with its VPCs and records. */
export function buildHostedZones(read: ModelReader): HostedZone[] {
  const g = read.graph;
  // A zone is named by its `zone_id` (or `id`) attribute.
  const zoneOf = (r: TfResource) => read.requiredRef(r, 'zone_id', [ZONE], ['zone_id', 'id']);
  const vpcs = new Map<string, string[]>();
  for (const a of g.byType('aws_route53_zone_association')) push(vpcs, zoneOf(a), read.requiredRef(a, 'vpc_id', ['aws_vpc']));
  const records = new Map<string, HostedZone['records'][number][]>();
  for (const r of g.byType('aws_route53_record')) {
    push(records, zoneOf(r), { name: read.text(r, 'name') ?? UNKNOWN, type: read.text(r, 'type') ?? UNKNOWN, source: r.id });
  }
  return g.byType(ZONE).map((z) => ({
    id: z.id,
    name: read.text(z, 'name') ?? UNKNOWN,
    vpcs: unique([...blocks(z.attrs.vpc).map((b, i) => read.ref(z, `vpc[${i}].vpc_id`, b.vpc_id, ['aws_vpc']) ?? UNKNOWN), ...(vpcs.get(z.id) ?? [])]),
    records: (records.get(z.id) ?? []).sort((a, b) => compare(a.name, b.name) || compare(a.type, b.type) || compare(a.source, b.source)),
  }));
}

/** Every Resolver endpoint: direction, VPC (of its subnets or security groups), subnets, fixed IPs, groups. */
export function buildResolverEndpoints(read: ModelReader): ResolverEndpoint[] {
  const g = read.graph;
  return g.byType('aws_route53_resolver_endpoint').map((r) => {
    const addresses = blocks(r.attrs.ip_address);
    const subnets = addresses.map((b, i) => read.ref(r, `ip_address[${i}].subnet_id`, b.subnet_id, ['aws_subnet']) ?? UNKNOWN);
    const securityGroups = read.refs(r, 'security_group_ids', r.attrs.security_group_ids, GROUP_TYPES);
    const direction = read.text(r, 'direction');
    const ips = addresses.map((b, i) => (absent(b.ip) ? undefined : (read.text(r, `ip_address[${i}].ip`, b.ip) ?? UNKNOWN)));
    let vpc: string | undefined;
    for (const id of [...subnets, ...securityGroups]) {
      const t = read.target(read.graph.get(id)?.attrs.vpc_id, ['aws_vpc']);
      if ('id' in t) vpc = vpc ?? t.id;
    }
    return {
      id: r.id,
      direction: direction === 'INBOUND' || direction === 'OUTBOUND' ? direction : 'unknown',
      ...optional('vpc', vpc),
      subnets: unique(subnets),
      // Addresses without `ip` are chosen by AWS: only the fixed ones are listed.
      ips: ips.filter((ip): ip is string => ip !== undefined),
      addresses: addresses.map((_, i) => ({ subnet: subnets[i], ...optional('ip', ips[i]) })),
      securityGroups,
    };
  });
}

/** Every Resolver rule with its target IPs (the port is left out) and the VPCs it applies to. */
export function buildResolverRules(read: ModelReader): ResolverRule[] {
  const g = read.graph;
  const RULE = ['aws_route53_resolver_rule'];
  const vpcs = new Map<string, string[]>();
  for (const a of g.byType('aws_route53_resolver_rule_association')) push(vpcs, read.requiredRef(a, 'resolver_rule_id', RULE), read.requiredRef(a, 'vpc_id', ['aws_vpc']));
  // Route 53 Profiles: a VPC associated with a profile gets every rule the profile carries.
  const profileVpcs = new Map<string, string[]>();
  for (const a of g.byType('aws_route53profiles_association')) push(profileVpcs, read.requiredRef(a, 'profile_id', ['aws_route53profiles_profile']), read.requiredRef(a, 'resource_id', ['aws_vpc']));
  for (const a of g.byType('aws_route53profiles_resource_association')) {
    const rule = read.target(a.attrs.resource_arn, RULE, ['arn']);
    if (!('id' in rule)) continue; // endpoints and zones are carried too; only rules matter here
    const profile = read.requiredRef(a, 'profile_id', ['aws_route53profiles_profile']);
    for (const vpc of profileVpcs.get(profile) ?? []) push(vpcs, rule.id, vpc);
  }
  return g.byType('aws_route53_resolver_rule').map((r) => ({
    id: r.id,
    domain: read.text(r, 'domain_name') ?? UNKNOWN,
    ruleType: read.text(r, 'rule_type') ?? UNKNOWN,
    targets: blocks(r.attrs.target_ip).map((b, i) => read.text(r, `target_ip[${i}].ip`, b.ip) ?? UNKNOWN),
    vpcs: unique(vpcs.get(r.id) ?? []),
  }));
}
