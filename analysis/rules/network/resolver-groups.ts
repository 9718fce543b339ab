/**
 * Security groups of Route 53 Resolver endpoints, read once per graph for LZ-R53R01 and the
 * world-open rules (LZ-SG01/02/03/05), which leave these groups' DNS rules to LZ-R53R01; and what
 * they do to connection tracking ({@link endpointTracking}), for LZ-R53R03 and the report. Internet
 * gateways are placed in their VPCs by the network model (analysis/network/vpc-network.ts).
 *
 * Why world-open rules are the shipped shape: AWS recommends rules that keep DNS untracked (query
 * direction and reply direction both 0.0.0.0/0), because tracked connections cap an ENI at as few
 * as 1,500 queries per second.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
 * 0.0.0.0/0 on such a group is acceptable only where it cannot mean "the internet": the group is used
 * by Resolver endpoints and nothing else (a Resolver ENI is requester-managed and answers nothing but
 * DNS), and its VPC has no internet gateway, so only routed internal addresses reach it.
 */
import { isRef, isTemplate, isUnknown, type ResourceGraph, type TfResource, type Unknown, type Value } from '../../graph/types';
import { trackedProtocols, type TrackingRule } from '../../network/connection-tracking';
import { ModelReader, UNKNOWN } from '../../network/reader';
import type { InternetGateway } from '../../network/types';
import { buildInternetGateways } from '../../network/vpc-network';
import { groupOf, isIngress, peerIsWorld, portsOf, protocolOf, rulesOfGroup, securityGroupRules, securityGroupsOf, type SgRule } from '../helpers/security-groups';
import { expressionOf, listOf, numberOf, stringOf } from '../helpers/values';

/** One Resolver endpoint security group and what decides whether 0.0.0.0/0 on it is safe. */
export interface ResolverGroup {
  readonly group: TfResource;
  /** The `aws_route53_resolver_endpoint`s that use it. */
  readonly endpoints: readonly TfResource[];
  /** Other resources that attach it (an instance, a load balancer, an interface endpoint...). */
  readonly otherUsers: readonly TfResource[];
  /** Internet gateways of its VPC, or the Unknown that hides the VPC. */
  readonly internetGateways: readonly TfResource[] | Unknown;
}

/** What {@link resolverGroups} found. */
export interface ResolverGroups {
  /** By security group id. */
  readonly groups: ReadonlyMap<string, ResolverGroup>;
  /** Endpoints whose `security_group_ids` are unknown before apply. */
  readonly unknown: readonly { readonly endpoint: TfResource; readonly value: Unknown }[];
}

/** Types whose references to a group do not attach it to a network interface. */
const NOT_ATTACHING = new Set(['aws_route53_resolver_endpoint', 'aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']);

const refersTo = (value: Value | undefined, id: string): boolean => {
  if (value === undefined || value === null) return false;
  if (isRef(value)) return value.$ref === id;
  if (isTemplate(value)) return value.refs.some((r) => isRef(r) && r.$ref === id);
  if (Array.isArray(value)) return value.some((v) => refersTo(v, id));
  if (typeof value === 'object' && !isUnknown(value)) return Object.values(value as { readonly [k: string]: Value }).some((v) => refersTo(v, id));
  return false;
};

/** The internet gateways of the group's VPC, as the network model places them (inline `vpc_id` or an attachment). */
function internetGatewaysOf(graph: ResourceGraph, gateways: readonly InternetGateway[], group: TfResource): readonly TfResource[] | Unknown {
  const vpc = graph.deref(group.attrs.vpc_id);
  if (!vpc || vpc.type !== 'aws_vpc') return { $unknown: expressionOf(group.attrs.vpc_id), reason: 'the VPC of the security group is not in the graph' };
  // A gateway whose VPC is unknown before apply may be this one: that cannot pass as "no internet gateway".
  const undecided = gateways.find((g) => g.vpc === UNKNOWN);
  if (undecided) return { $unknown: `the VPC of ${undecided.id}`, reason: 'an internet gateway whose VPC is unknown before apply may be in the VPC of the group' };
  return gateways.filter((g) => g.vpc === vpc.id).flatMap((g) => graph.get(g.id) ?? []);
}

const cache = new WeakMap<ResourceGraph, ResolverGroups>();

/** Every security group of a Resolver endpoint, with its endpoints, other users and its VPC's internet gateways. */
export function resolverGroups(graph: ResourceGraph): ResolverGroups {
  const hit = cache.get(graph);
  if (hit) return hit;
  const endpointsOf = new Map<string, { group: TfResource; endpoints: TfResource[] }>();
  const unknown: { endpoint: TfResource; value: Unknown }[] = [];
  for (const endpoint of graph.byType('aws_route53_resolver_endpoint')) {
    const sgs = securityGroupsOf(graph, endpoint);
    if (isUnknown(sgs)) {
      unknown.push({ endpoint, value: sgs });
      continue;
    }
    for (const sg of sgs) {
      const entry = endpointsOf.get(sg.id) ?? { group: sg, endpoints: [] };
      entry.endpoints.push(endpoint);
      endpointsOf.set(sg.id, entry);
    }
  }
  const groups = new Map<string, ResolverGroup>();
  const gateways = endpointsOf.size > 0 ? buildInternetGateways(new ModelReader(graph)) : [];
  for (const [id, { group, endpoints }] of endpointsOf) {
    const otherUsers = graph.resources.filter((r) => r.mode === 'managed' && !NOT_ATTACHING.has(r.type) && Object.values(r.attrs).some((v) => refersTo(v, id)));
    groups.set(id, { group, endpoints, otherUsers, internetGateways: internetGatewaysOf(graph, gateways, group) });
  }
  const result = { groups, unknown };
  cache.set(graph, result);
  return result;
}

/**
 * Why 0.0.0.0/0 on this group would mean more than routed internal addresses (another user of the
 * group, or an internet gateway in its VPC); undefined when it cannot; the Unknown when the VPC is.
 */
export function widerThanInternal(group: ResolverGroup): string | Unknown | undefined {
  if (group.otherUsers.length > 0) return `it is also attached to ${group.otherUsers.map((r) => r.id).join(', ')}, which its 0.0.0.0/0 rules would open`;
  if (isUnknown(group.internetGateways)) return group.internetGateways;
  if (group.internetGateways.length > 0) return `its VPC has an internet gateway (${group.internetGateways.map((r) => r.id).join(', ')}), so 0.0.0.0/0 includes the internet`;
  return undefined;
}

/**
 * Whether 0.0.0.0/0 on this group can only mean routed internal addresses: used by Resolver endpoints
 * alone, in a VPC without an internet gateway ({@link widerThanInternal}). Unknown when the VPC is.
 */
export function worldIsInternal(group: ResolverGroup): boolean | Unknown {
  const why = widerThanInternal(group);
  if (why === undefined) return true;
  return isUnknown(why) ? why : false;
}

/**
 * True when a rule is a TCP or UDP rule of a Resolver endpoint group whose 0.0.0.0/0 can only mean
 * routed internal addresses ({@link worldIsInternal}): the generic world-open rules leave it to
 * LZ-R53R01, which checks its ports. False whenever anything about it is unknown.
 */
export function judgedByResolverRule(graph: ResourceGraph, rule: SgRule): boolean {
  const group = groupOf(graph, rule);
  if (isUnknown(group)) return false;
  const entry = resolverGroups(graph).groups.get(group.id);
  if (!entry || worldIsInternal(entry) !== true) return false;
  const protocol = protocolOf(graph, rule);
  return protocol === 'tcp' || protocol === 'udp';
}

/** The ports an endpoint's queries use: 53 inbound; the forwarding targets' ports outbound (53 when it has no rule). */
export function queryPorts(graph: ResourceGraph, endpoint: TfResource): readonly number[] | Unknown {
  const direction = stringOf(graph, endpoint.attrs.direction);
  if (isUnknown(direction)) return direction;
  if (direction !== 'OUTBOUND') return [53];
  const ports = new Set<number>();
  for (const rule of graph.referrers(endpoint, 'aws_route53_resolver_rule', 'resolver_endpoint_id')) {
    const targets = listOf(graph, rule.attrs.target_ip);
    if (isUnknown(targets)) return targets;
    for (const t of targets) {
      const port = numberOf(graph, (t as { readonly [k: string]: Value } | null)?.port);
      if (isUnknown(port)) return port;
      ports.add(port ?? 53);
    }
  }
  return ports.size > 0 ? [...ports].sort((a, b) => a - b) : [53];
}

/** The direction in which an endpoint's queries cross its security groups: into an inbound endpoint, out of an outbound one. */
export function queryDirection(graph: ResourceGraph, endpoint: TfResource): 'ingress' | 'egress' | Unknown {
  const direction = stringOf(graph, endpoint.attrs.direction);
  if (isUnknown(direction)) return direction;
  return direction === 'OUTBOUND' ? 'egress' : 'ingress';
}

/** The rules of these groups reduced for connection tracking, or the first Unknown among them. */
function trackingRules(graph: ResourceGraph, groups: readonly TfResource[]): TrackingRule[] | Unknown {
  const all = securityGroupRules(graph);
  const out: TrackingRule[] = [];
  for (const group of groups) {
    for (const rule of rulesOfGroup(graph, group, all)) {
      if (rule.opaque) return rule.opaque;
      const ingress = isIngress(rule);
      const protocol = protocolOf(graph, rule);
      const ports = portsOf(graph, rule);
      if (isUnknown(ingress)) return ingress;
      if (isUnknown(protocol)) return protocol;
      if (isUnknown(ports)) return ports;
      for (const peer of rule.peers) {
        const world = peerIsWorld(graph, peer);
        if (isUnknown(world)) return world;
        out.push({ direction: ingress ? 'ingress' : 'egress', protocol, from: ports?.from ?? 0, to: ports?.to ?? 0, world });
      }
    }
  }
  return out;
}

/** One Resolver endpoint as connection tracking sees it. */
export interface EndpointTracking {
  /** The direction its queries cross its security groups. */
  readonly direction: 'ingress' | 'egress';
  /** Its ENIs (`ip_address` blocks); undefined when the list is unknown before apply. */
  readonly enis?: number;
  /** Per query port ({@link queryPorts}), the DNS protocols its groups leave tracked (none: full, untracked capacity). */
  readonly ports: readonly { readonly port: number; readonly tracked: readonly ('udp' | 'tcp')[] }[];
}

/**
 * Whether an endpoint's security groups keep DNS untracked, port by port, or the first Unknown that
 * hides it: the one reading behind LZ-R53R03 and the capacity the report's DNS section prints.
 */
export function endpointTracking(graph: ResourceGraph, endpoint: TfResource): EndpointTracking | Unknown {
  const groups = securityGroupsOf(graph, endpoint);
  if (isUnknown(groups)) return groups;
  const direction = queryDirection(graph, endpoint);
  if (isUnknown(direction)) return direction;
  const ports = queryPorts(graph, endpoint);
  if (isUnknown(ports)) return ports;
  const rules = trackingRules(graph, groups);
  if (isUnknown(rules)) return rules;
  const addresses = listOf(graph, endpoint.attrs.ip_address);
  return {
    direction,
    ...(isUnknown(addresses) ? {} : { enis: addresses.length }),
    ports: ports.map((port) => ({ port, tracked: trackedProtocols(rules, direction, port) })),
  };
}
