/**
 * Security groups with every rule that applies to them: inline `ingress`/`egress` blocks, the
 * `aws_vpc_security_group_{ingress,egress}_rule` resources and legacy `aws_security_group_rule`s, one
 * {@link SgRule} per peer. IPv6 CIDR peers are kept as `cidr` peers (the rule pack checks `::/0`).
 *
 * Tier: the `Tier` tag. Only when a group's tags cannot be read at all (no literal `tags` map) does
 * the builder fall back to the name suffix `-app` / `-db` that the spoke stacks use.
 */
import type { TfResource, Value } from '../graph/types';
import { compare, optional, push } from './collect';
import { resolvePrefixList } from './route-tables';
import { absent, blocks, describe, isRecord, ModelReader, UNKNOWN, type Target } from './reader';
import type { SecurityGroup, SgPeer, SgRule } from './types';
import { securityGroupRules } from './security-group-rules';

const GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'];
const PROTOCOL_NAMES: { readonly [number: string]: string } = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/**
 * The security group a value names: a group resource, or a VPC's `default_security_group_id`, which is
 * the VPC's `aws_default_security_group` when the graph adopts it (the same group AWS created with the
 * VPC). https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/default_security_group
 */
function groupTarget(read: ModelReader, value: Value | undefined): Target {
  const direct = read.target(value, GROUP_TYPES);
  if ('id' in direct) return direct;
  const vpc = read.target(value, ['aws_vpc'], ['default_security_group_id']);
  if (!('id' in vpc)) return direct;
  const group = read.graph.byType('aws_default_security_group').find((d) => (read.target(d.attrs.vpc_id, ['aws_vpc']) as { id?: string }).id === vpc.id);
  return group ? { id: group.id } : { reason: `the default security group of ${vpc.id} is not adopted (no aws_default_security_group), so its rules are not modelled` };
}

/** {@link groupTarget} as an id, {@link UNKNOWN} (recorded) when unresolved or absent. */
function requiredGroup(read: ModelReader, source: TfResource, field: string): string {
  const value = source.attrs[field];
  if (absent(value)) {
    read.note(source, field, `${field} is not set`);
    return UNKNOWN;
  }
  const t = groupTarget(read, value);
  if ('id' in t) return t.id;
  read.note(source, field, t.reason);
  return UNKNOWN;
}

/**
 * Every security group, with its rules from all three ways of writing them: the records of the one
 * flattening the rule pack reads too ({@link securityGroupRules}), resolved here into addresses,
 * groups and prefix lists, in the order rule resources first, then inline blocks.
 */
export function buildSecurityGroups(read: ModelReader): SecurityGroup[] {
  const g = read.graph;
  const written = securityGroupRules(g);
  const ingress = new Map<string, SgRule[]>();
  const egress = new Map<string, SgRule[]>();
  const add = (direction: 'ingress' | 'egress', group: string, rules: SgRule[]) => {
    for (const rule of rules) push(direction === 'ingress' ? ingress : egress, group, rule);
  };
  for (const direction of ['ingress', 'egress'] as const) {
    for (const { resource: r } of written.filter((w) => w.shape === 'vpc-rule' && w.direction === direction)) {
      const group = requiredGroup(read, r, 'security_group_id');
      if (group === UNKNOWN) continue; // recorded; an unattached allow rule allows nothing
      add(direction, group, rulesOf(read, r, '', r.attrs, 'ip_protocol', group, peersOfVpcRule(read, r)));
    }
  }
  for (const { resource: r } of written.filter((w) => w.shape === 'rule')) {
    const group = requiredGroup(read, r, 'security_group_id');
    const direction = read.text(r, 'type');
    if (group === UNKNOWN || (direction !== 'ingress' && direction !== 'egress')) continue;
    add(direction, group, rulesOf(read, r, '', r.attrs, 'protocol', group, peersOfBlock(read, r, '', r.attrs, group, 'source_security_group_id')));
  }
  for (const w of written.filter((x) => x.shape === 'inline')) {
    const sg = w.resource;
    const direction = w.direction as 'ingress' | 'egress';
    const list = sg.attrs[direction];
    if (w.opaque && (absent(list) || isRecord(list))) {
      // Not a list to the pack, but the model reads an empty value as no rules and one object as one block.
      blocks(list).forEach((block, i) => add(direction, sg.id, rulesOf(read, sg, `${direction}[${i}].`, block, 'protocol', sg.id, peersOfBlock(read, sg, `${direction}[${i}].`, block, sg.id, 'security_groups'))));
      continue;
    }
    if (w.opaque) {
      // A rule list built by an expression may allow anything: one rule whose peer is unknown, so no
      // proof reads the group as closed (the rule pack reports it as "cannot prove" too).
      read.note(sg, direction, describe(list));
      add(direction, sg.id, [{ protocol: '-1', fromPort: 0, toPort: 65535, peer: { kind: 'unknown', reason: `${direction} is built by an expression: ${describe(list)}` }, source: sg.id }]);
      continue;
    }
    if (!isRecord(w.args)) continue; // an entry that is not a block holds no rule
    const prefix = `${w.block}.`;
    add(direction, sg.id, rulesOf(read, sg, prefix, w.args, 'protocol', sg.id, peersOfBlock(read, sg, prefix, w.args, sg.id, 'security_groups')));
  }
  const groups = [...g.byType('aws_security_group'), ...g.byType('aws_default_security_group')];
  return groups
    .map((sg) => {
      const isDefault = sg.type === 'aws_default_security_group';
      const name = read.text(sg, 'name') ?? read.tags(sg)?.Name ?? (isDefault ? 'default' : sg.name);
      return {
        id: sg.id,
        vpc: read.requiredRef(sg, 'vpc_id', ['aws_vpc']),
        name,
        ...optional('tier', tierOf(read, sg, name)),
        ingress: ingress.get(sg.id) ?? [],
        egress: egress.get(sg.id) ?? [],
        isDefault,
      };
    })
    .sort((a, b) => compare(a.id, b.id));
}

function tierOf(read: ModelReader, sg: TfResource, name: string): string | undefined {
  const tags = read.tags(sg);
  if (tags) return tags.Tier;
  return /-(app|db)$/.exec(name)?.[1];
}

/** The rules of one rule resource or inline block: one per peer, sharing protocol and ports. */
function rulesOf(read: ModelReader, source: TfResource, prefix: string, b: { readonly [key: string]: Value }, protocolKey: string, group: string, peers: SgPeer[]): SgRule[] {
  const rawProtocol = read.text(source, `${prefix}${protocolKey}`, b[protocolKey]) ?? UNKNOWN;
  const protocol = normalizeProtocol(rawProtocol);
  let fromPort = 0;
  let toPort = 65535;
  let portProblem: string | undefined;
  if (protocol !== '-1') {
    const from = read.num(source, `${prefix}from_port`, b.from_port);
    const to = read.num(source, `${prefix}to_port`, b.to_port);
    if (from === UNKNOWN || to === UNKNOWN) portProblem = 'its port range is computed';
    else {
      fromPort = from ?? -1;
      toPort = to ?? -1;
    }
  }
  if (rawProtocol === UNKNOWN) portProblem = 'its protocol is computed';
  // A rule whose protocol or ports are unknown cannot be evaluated: its peer becomes unknown.
  const sourceId = prefix ? group : source.id;
  return peers.map((peer) => ({ protocol, fromPort, toPort, peer: portProblem ? { kind: 'unknown', reason: portProblem } : peer, source: sourceId }));
}

/** `-1` for all protocols, names for the common numbers, lower case otherwise. */
export function normalizeProtocol(protocol: string): string {
  const p = protocol.toLowerCase();
  if (p === '-1' || p === 'all') return '-1';
  return PROTOCOL_NAMES[p] ?? p;
}

function peersOfVpcRule(read: ModelReader, r: TfResource): SgPeer[] {
  const a = r.attrs;
  if (!absent(a.cidr_ipv4)) return [cidrPeer(read, r, 'cidr_ipv4', a.cidr_ipv4)];
  if (!absent(a.cidr_ipv6)) return [cidrPeer(read, r, 'cidr_ipv6', a.cidr_ipv6)];
  if (!absent(a.referenced_security_group_id)) return [groupPeer(read, r, 'referenced_security_group_id', a.referenced_security_group_id)];
  if (!absent(a.prefix_list_id)) return prefixPeers(read, r, 'prefix_list_id', a.prefix_list_id);
  read.note(r, 'cidr_ipv4', 'the rule names no peer');
  return [{ kind: 'unknown', reason: 'the rule names no peer' }];
}

/** Peers of an inline block or `aws_security_group_rule`: CIDR lists, groups, `self`, prefix lists. */
function peersOfBlock(read: ModelReader, source: TfResource, prefix: string, b: { readonly [key: string]: Value }, group: string, groupsKey: string): SgPeer[] {
  const peers: SgPeer[] = [];
  for (const key of ['cidr_blocks', 'ipv6_cidr_blocks']) {
    for (const [i, cidr] of read.texts(source, `${prefix}${key}`, b[key]).entries()) {
      peers.push(cidr === UNKNOWN ? { kind: 'unknown', reason: `${prefix}${key}[${i}] cannot be resolved offline` } : { kind: 'cidr', cidr });
    }
  }
  const groupValues = b[groupsKey];
  for (const [i, v] of (Array.isArray(groupValues) ? (groupValues as readonly Value[]) : absent(groupValues) ? [] : [groupValues]).entries()) {
    peers.push(groupPeer(read, source, `${prefix}${groupsKey}[${i}]`, v));
  }
  if (read.flag(source, `${prefix}self`, false, b.self) === true) peers.push({ kind: 'sg', id: group });
  const lists = b.prefix_list_ids;
  for (const [i, v] of (Array.isArray(lists) ? (lists as readonly Value[]) : []).entries()) peers.push(...prefixPeers(read, source, `${prefix}prefix_list_ids[${i}]`, v));
  return peers;
}

function cidrPeer(read: ModelReader, source: TfResource, field: string, value: Value): SgPeer {
  const cidr = read.text(source, field, value);
  return cidr === undefined || cidr === UNKNOWN ? { kind: 'unknown', reason: `${field}: ${describe(read.follow(value))}` } : { kind: 'cidr', cidr };
}

function groupPeer(read: ModelReader, source: TfResource, field: string, value: Value): SgPeer {
  const t = groupTarget(read, value);
  if ('id' in t) return { kind: 'sg', id: t.id };
  read.note(source, field, t.reason);
  return { kind: 'unknown', reason: `${field}: ${t.reason}` };
}

/**
 * The peers of a prefix-list reference: a gateway endpoint's service list stays one `prefix-list` peer
 * (its id is what follows `pl:` in route destinations); a customer-managed list of the stacks is its
 * entries, one CIDR peer each (AWS admits each entry; an empty list admits nothing); anything else is
 * unknown, never a pass.
 */
function prefixPeers(read: ModelReader, source: TfResource, field: string, value: Value): SgPeer[] {
  const list = resolvePrefixList(read, source, field, value);
  if (list.kind === 'service') return [{ kind: 'prefix-list', id: list.id }];
  if (list.kind === 'unknown') return [{ kind: 'unknown', reason: list.reason }];
  return list.entries.map((cidr) => ({ kind: 'cidr' as const, cidr, prefixList: list.id }));
}
