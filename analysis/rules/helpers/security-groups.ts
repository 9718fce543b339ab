/**
 * Rule-pack helpers: one flat view of every security-group rule however it was written (inline
 * blocks, `aws_security_group_rule`, `aws_vpc_security_group_{ingress,egress}_rule`), keeping each
 * peer's value as written so that a rule can name it and report what is unknown before apply.
 */
import { isRef, isUnknown, type ResourceGraph, type TfResource, type Unknown, type Value } from '../../graph/types';
import { isWorldCidr } from './cidr';
import { boolOf, expressionOf, listOf, numberOf, stringOf, targetOf, type Tri } from './values';

/** The other end of a security-group rule. */
export type Peer =
  | { readonly kind: 'cidr'; readonly value: Value }
  | { readonly kind: 'group'; readonly value: Value }
  | { readonly kind: 'prefix-list'; readonly value: Value }
  | { readonly kind: 'self' };

/** One security-group rule, whichever of the five Terraform shapes wrote it. */
export interface SgRule {
  /** The resource that holds the rule: the rule resource, or the group for an inline block. */
  readonly resource: TfResource;
  /** `ingress[0]` / `egress[1]` for an inline block; undefined for a rule resource. */
  readonly block?: string;
  readonly direction: 'ingress' | 'egress' | Unknown;
  /** The security group the rule belongs to (a reference to the holder for inline blocks). */
  readonly group: Value | undefined;
  readonly protocol: Value | undefined;
  readonly fromPort: Value | undefined;
  readonly toPort: Value | undefined;
  readonly peers: readonly Peer[];
  readonly description: Value | undefined;
  /** Set on the stand-in for a whole `ingress`/`egress` list that is unknown before apply. */
  readonly opaque?: Unknown;
}

/** Terraform types whose security-group rules {@link securityGroupRules} reads. */
export const SECURITY_GROUP_TYPES: readonly string[] = ['aws_security_group', 'aws_default_security_group'];

/** Every Terraform type that can write a security-group rule: the subjects of the security-group rules. */
export const SECURITY_GROUP_RULE_TYPES: readonly string[] = [...SECURITY_GROUP_TYPES, 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

const listPeers = (graph: ResourceGraph, kind: 'cidr' | 'group' | 'prefix-list', value: Value | undefined): Peer[] => {
  const list = listOf(graph, value);
  return isUnknown(list) ? [{ kind, value: list }] : list.map((v) => ({ kind, value: v }));
};

/** Every security-group rule in the graph, inline blocks first (in resource order), then rule resources. */
export function securityGroupRules(graph: ResourceGraph): readonly SgRule[] {
  const out: SgRule[] = [];
  for (const type of SECURITY_GROUP_TYPES) {
    for (const sg of graph.byType(type)) {
      for (const direction of ['ingress', 'egress'] as const) {
        const blocks = listOf(graph, sg.attrs[direction]);
        const group: Value = { $ref: sg.id, attribute: 'id' };
        if (isUnknown(blocks)) {
          out.push({ resource: sg, block: direction, direction, group, protocol: blocks, fromPort: blocks, toPort: blocks, peers: [{ kind: 'cidr', value: blocks }], description: blocks, opaque: blocks });
          continue;
        }
        blocks.forEach((raw, i) => {
          const b = (raw ?? {}) as { readonly [k: string]: Value };
          const self = boolOf(graph, b.self);
          out.push({
            resource: sg,
            block: `${direction}[${i}]`,
            direction,
            group,
            protocol: b.protocol,
            fromPort: b.from_port,
            toPort: b.to_port,
            peers: [
              ...listPeers(graph, 'cidr', b.cidr_blocks),
              ...listPeers(graph, 'cidr', b.ipv6_cidr_blocks),
              ...listPeers(graph, 'prefix-list', b.prefix_list_ids),
              ...listPeers(graph, 'group', b.security_groups),
              ...(self === true ? [{ kind: 'self' as const }] : isUnknown(self) ? [{ kind: 'group' as const, value: self }] : []),
            ],
            description: b.description,
          });
        });
      }
    }
  }
  for (const r of graph.byType('aws_security_group_rule')) {
    const type = stringOf(graph, r.attrs.type);
    const direction: SgRule['direction'] = isUnknown(type) ? type : type === 'egress' ? 'egress' : 'ingress';
    const self = boolOf(graph, r.attrs.self);
    out.push({
      resource: r,
      direction,
      group: r.attrs.security_group_id,
      protocol: r.attrs.protocol,
      fromPort: r.attrs.from_port,
      toPort: r.attrs.to_port,
      peers: [
        ...listPeers(graph, 'cidr', r.attrs.cidr_blocks),
        ...listPeers(graph, 'cidr', r.attrs.ipv6_cidr_blocks),
        ...listPeers(graph, 'prefix-list', r.attrs.prefix_list_ids),
        ...(r.attrs.source_security_group_id !== undefined && r.attrs.source_security_group_id !== null ? [{ kind: 'group' as const, value: r.attrs.source_security_group_id }] : []),
        ...(self === true ? [{ kind: 'self' as const }] : isUnknown(self) ? [{ kind: 'group' as const, value: self }] : []),
      ],
      description: r.attrs.description,
    });
  }
  for (const direction of ['ingress', 'egress'] as const) {
    for (const r of graph.byType(`aws_vpc_security_group_${direction}_rule`)) {
      const present = (v: Value | undefined): v is Value => v !== undefined && v !== null;
      out.push({
        resource: r,
        direction,
        group: r.attrs.security_group_id,
        protocol: r.attrs.ip_protocol,
        fromPort: r.attrs.from_port,
        toPort: r.attrs.to_port,
        peers: [
          ...(present(r.attrs.cidr_ipv4) ? [{ kind: 'cidr' as const, value: r.attrs.cidr_ipv4 }] : []),
          ...(present(r.attrs.cidr_ipv6) ? [{ kind: 'cidr' as const, value: r.attrs.cidr_ipv6 }] : []),
          ...(present(r.attrs.prefix_list_id) ? [{ kind: 'prefix-list' as const, value: r.attrs.prefix_list_id }] : []),
          ...(present(r.attrs.referenced_security_group_id) ? [{ kind: 'group' as const, value: r.attrs.referenced_security_group_id }] : []),
        ],
        description: r.attrs.description,
      });
    }
  }
  return out;
}

/** A rule's protocol, normalized: `all`, `tcp`, `udp`, `icmp`, `icmpv6`, another name or number, or an Unknown. */
export function protocolOf(graph: ResourceGraph, rule: SgRule): string | Unknown {
  const p = stringOf(graph, rule.protocol);
  if (p === undefined) return { $unknown: expressionOf(rule.protocol), reason: 'no protocol' };
  if (isUnknown(p)) return p;
  const names: Record<string, string> = { '-1': 'all', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };
  return names[p.toLowerCase()] ?? p.toLowerCase();
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
 * The CIDR blocks of a prefix list: the `entry` blocks of a managed prefix list in the graph (plus
 * its `aws_ec2_managed_prefix_list_entry` resources), none for an AWS-managed service list, or an
 * Unknown when the contents are not in the graph.
 */
export function prefixListCidrs(graph: ResourceGraph, value: Value): readonly string[] | Unknown {
  const target = targetOf(graph, value);
  if (target === undefined) return { $unknown: expressionOf(value), reason: 'a prefix list whose entries are not in the graph' };
  if (isUnknown(target)) return target;
  if (target.type === 'aws_vpc_endpoint') return [];
  if (target.type !== 'aws_ec2_managed_prefix_list') return { $unknown: expressionOf(value), reason: 'a prefix list whose entries are not in the graph' };
  const entries = listOf(graph, target.attrs.entry);
  if (isUnknown(entries)) return entries;
  const out: string[] = [];
  const add = (v: Value | undefined): Unknown | undefined => {
    const c = stringOf(graph, v);
    if (isUnknown(c)) return c;
    if (c !== undefined) out.push(c);
    return undefined;
  };
  for (const e of entries) {
    const u = add((e as { readonly [k: string]: Value } | null)?.cidr);
    if (u) return u;
  }
  for (const e of graph.referrers(target, 'aws_ec2_managed_prefix_list_entry', 'prefix_list_id')) {
    const u = add(e.attrs.cidr);
    if (u) return u;
  }
  return out;
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
