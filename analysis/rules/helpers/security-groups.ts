/**
 * Rule-pack helpers over security-group rules as written: protocol, ports, world-open peers, the
 * group a rule belongs to, and how a rule reads in messages. The rules themselves come from the one
 * flattening the network model is built from (analysis/network/security-group-rules.ts).
 */
import { isRef, isUnknown, type ResourceGraph, type TfResource, type Unknown, type Value } from '../../graph/types';
import { isWorldCidr } from './cidr';
import { expressionOf, listOf, numberOf, stringOf, targetOf, type Tri } from './values';
import { ModelReader } from '../../network/reader';
import { resolvePrefixList } from '../../network/route-tables';
import { normalizeProtocol } from '../../network/security-groups';
import { securityGroupRules, type Peer, type SgRule } from '../../network/security-group-rules';

// The rules as written, and the types that write them: one home, the network model's flattening.
export { SECURITY_GROUP_RULE_TYPES, securityGroupRules, type Peer, type SgRule } from '../../network/security-group-rules';

/**
 * A rule's protocol, normalized as the network model does ({@link normalizeProtocol}) but with `all`
 * for every protocol: `all`, `tcp`, `udp`, `icmp`, `icmpv6`, another name or number, or an Unknown.
 */
export function protocolOf(graph: ResourceGraph, rule: SgRule): string | Unknown {
  const p = stringOf(graph, rule.protocol);
  if (p === undefined) return { $unknown: expressionOf(rule.protocol), reason: 'no protocol' };
  if (isUnknown(p)) return p;
  const normalized = normalizeProtocol(p);
  return normalized === '-1' ? 'all' : normalized;
}

/** Inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/**
 * The ports a rule opens: every port for `all`; the range for TCP and UDP (absent bounds mean all
 * ports); null for protocols without ports (ICMP and others); or an Unknown.
 */
export function portsOf(graph: ResourceGraph, rule: SgRule): PortRange | null | Unknown {
  const protocol = protocolOf(graph, rule);
  if (isUnknown(protocol)) return protocol;
  if (protocol === 'all') return ALL_PORTS;
  if (protocol !== 'tcp' && protocol !== 'udp') return null;
  const from = numberOf(graph, rule.fromPort);
  const to = numberOf(graph, rule.toPort);
  if (isUnknown(from)) return from;
  if (isUnknown(to)) return to;
  return { from: from ?? 0, to: to ?? 65535 };
}

/** True when the range holds `port`. */
export const coversPort = (range: PortRange, port: number): boolean => range.from <= port && port <= range.to;

/** True when the range is every port. */
export const isAllPorts = (range: PortRange): boolean => range.from <= 0 && range.to >= 65535;

/** The peer's CIDR text, or the Unknown hiding it; undefined for a peer that is not a CIDR block. */
export function peerCidr(graph: ResourceGraph, peer: Peer): string | Unknown | undefined {
  if (peer.kind !== 'cidr') return undefined;
  const c = stringOf(graph, peer.value);
  return c === undefined ? undefined : c;
}

/**
 * Whether a peer is the whole internet: a `/0` block, or a managed prefix list of this graph that
 * holds one. AWS-managed prefix lists (a gateway endpoint's `prefix_list_id`) are service ranges,
 * never the world; a prefix list whose entries the graph does not hold is unknown.
 */
export function peerIsWorld(graph: ResourceGraph, peer: Peer): boolean | Unknown {
  if (peer.kind === 'cidr') {
    const c = peerCidr(graph, peer);
    if (c === undefined) return false;
    return isUnknown(c) ? c : isWorldCidr(c);
  }
  if (peer.kind === 'prefix-list') {
    const cidrs = prefixListCidrs(graph, peer.value);
    return isUnknown(cidrs) ? cidrs : cidrs.some(isWorldCidr);
  }
  return false;
}

/**
 * The CIDR blocks of a prefix list, as the network model reads them ({@link resolvePrefixList}): the
 * entries of a managed prefix list in the graph (its `entry` blocks and
 * `aws_ec2_managed_prefix_list_entry` resources), none for a gateway endpoint's AWS-managed service
 * list, or an Unknown when the contents are not in the graph.
 */
export function prefixListCidrs(graph: ResourceGraph, value: Value): readonly string[] | Unknown {
  if (isUnknown(value)) return value;
  const list = resolvePrefixList(new ModelReader(graph), undefined, 'prefix list', value);
  if (list.kind === 'service') return [];
  if (list.kind === 'managed') return list.entries;
  return { $unknown: expressionOf(value), reason: list.reason };
}

/** How a peer reads in messages: the CIDR, `sg <ref>`, `prefix list <ref>` or `self`. */
export function describePeer(graph: ResourceGraph, peer: Peer): string {
  if (peer.kind === 'self') return 'self';
  if (peer.kind === 'cidr') {
    const c = peerCidr(graph, peer);
    return c === undefined ? 'nothing' : isUnknown(c) ? c.$unknown : c;
  }
  return `${peer.kind === 'group' ? 'security group' : 'prefix list'} ${expressionOf(peer.value)}`;
}

/** How a rule reads in messages, e.g. `ingress tcp 22 from 0.0.0.0/0` or `egress[0] all traffic to ::/0`. */
export function describeRule(graph: ResourceGraph, rule: SgRule, peer?: Peer): string {
  const direction = isUnknown(rule.direction) ? 'rule' : rule.direction;
  const head = rule.block ?? direction;
  const protocol = protocolOf(graph, rule);
  const ports = portsOf(graph, rule);
  let what: string;
  if (isUnknown(protocol)) what = `protocol ${protocol.$unknown}`;
  else if (protocol === 'all') what = 'all traffic';
  else if (ports === null) what = protocol;
  else if (isUnknown(ports)) what = `${protocol} ports ${ports.$unknown}`;
  else what = `${protocol} ${ports.from === ports.to ? ports.from : `${ports.from}-${ports.to}`}`;
  const preposition = direction === 'egress' ? 'to' : 'from';
  return peer ? `${head} ${what} ${preposition} ${describePeer(graph, peer)}` : `${head} ${what}`;
}

/** Whether a rule is an ingress rule. */
export function isIngress(rule: SgRule): Tri {
  return isUnknown(rule.direction) ? rule.direction : rule.direction === 'ingress';
}

/** The security group a rule belongs to, or the Unknown hiding it. */
export function groupOf(graph: ResourceGraph, rule: SgRule): TfResource | Unknown {
  const target = targetOf(graph, rule.group);
  if (target === undefined) return { $unknown: expressionOf(rule.group), reason: 'no security group' };
  return target;
}

/**
 * The rules of one security group. Rules whose group is unknown are returned apart: they might
 * belong to it, so a rule that would break a group-scoped check must be reported as unknown.
 */
export function rulesOfGroup(graph: ResourceGraph, sg: TfResource, rules: readonly SgRule[] = securityGroupRules(graph)): readonly SgRule[] {
  return rules.filter((r) => {
    const g = groupOf(graph, r);
    if (isUnknown(g)) return false;
    return g.id === sg.id || (g.type === 'aws_vpc' && sg.type === 'aws_default_security_group' && isRef(sg.attrs.vpc_id) && sg.attrs.vpc_id.$ref === g.id);
  });
}

/** Rules whose security group is unknown before apply. */
export function rulesOfUnknownGroup(graph: ResourceGraph, rules: readonly SgRule[] = securityGroupRules(graph)): readonly SgRule[] {
  return rules.filter((r) => isUnknown(groupOf(graph, r)));
}

/** The security groups a resource's `security_group_ids` argument names, or the Unknown hiding one of them. */
export function securityGroupsOf(graph: ResourceGraph, resource: TfResource, attribute = 'security_group_ids'): readonly TfResource[] | Unknown {
  const ids = listOf(graph, resource.attrs[attribute]);
  if (isUnknown(ids)) return ids;
  const out: TfResource[] = [];
  for (const id of ids) {
    const t = targetOf(graph, id);
    if (t === undefined) return { $unknown: expressionOf(id), reason: 'a security group id that is not a reference' };
    if (isUnknown(t)) return t;
    out.push(t);
  }
  return out;
}
