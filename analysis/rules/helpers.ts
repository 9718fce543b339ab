/**
 * Shared pure helpers for the rule pack: reading literal values out of the resource graph, turning
 * what cannot be known before apply into "cannot prove" findings, CIDR tests, IAM policy parsing
 * with `${...}` kept opaque, and one flat view of every security-group rule however it was written.
 *
 * Nothing here ever treats an {@link Unknown} as compliant: readers return the Unknown itself so the
 * rule can report it.
 */
import * as ipaddr from 'ipaddr.js';
import { cidrOf, contains, type Cidr } from '../../config/cidr';
import { scanTemplate } from '../graph/expression';
import { isRef, isTemplate, isUnknown, type Ref, type ResourceGraph, type TfResource, type Unknown, type Value } from '../graph/types';
import type { Violation } from './types';

// ---------------------------------------------------------------------------------------------
// Findings

/** A definite finding on `resource`. */
export function finding(resource: TfResource, message: string): Violation {
  return { resource, message };
}

/** An "unknown before apply" finding: `cannot prove <claim>: <expression> is unknown before apply`. */
export function unknownFinding(resource: TfResource, claim: string, unknown: Unknown): Violation {
  return { resource, message: `cannot prove ${claim}: ${unknown.$unknown} is unknown before apply`, unknown: true };
}

// ---------------------------------------------------------------------------------------------
// Values

/** The scalar kinds a literal can have. */
export type Scalar = string | number | boolean | null;

/** How a reference is written in messages: `<resource id>.<attribute>`. */
export function refText(ref: Ref): string {
  return `${ref.$ref}.${ref.attribute}`;
}

/** A readable rendering of any value for messages (literals as JSON, references and unknowns as written). */
export function expressionOf(value: Value | undefined): string {
  if (value === undefined) return 'undefined';
  if (isUnknown(value)) return value.$unknown;
  if (isRef(value)) return refText(value);
  if (isTemplate(value)) return value.$template;
  return JSON.stringify(value);
}

/**
 * The Unknown a value stands for when nobody can know it before apply: the value itself when it is
 * an {@link Unknown}, or a reference to a resource the graph does not hold; undefined otherwise.
 */
export function unknownOf(value: Value | undefined, graph?: ResourceGraph): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (graph && isRef(value) && !graph.get(value.$ref)) return { $unknown: refText(value), reason: `${value.$ref} is not in the graph` };
  return undefined;
}

/** True when a value is an unknown that comes straight from an input variable (`var.x`), the one place secrets may come from. */
export function isVariable(value: Value | undefined): boolean {
  return isUnknown(value) && /^\s*(\$\{)?\s*var\.[A-Za-z_][\w-]*\s*\}?\s*$/.test(value.$unknown);
}

const MAX_DEPTH = 16;

/**
 * The value behind a reference, followed to a literal argument of the referenced resource where the
 * graph holds one (`aws_vpc.x.cidr_block` gives the VPC's literal CIDR). A template is interpolated
 * when every reference in it resolves to a scalar. Anything else that cannot be read offline comes
 * back as an {@link Unknown}: a missing resource, an attribute AWS computes at apply (ids, ARNs),
 * an unresolvable template. Plain literals, lists and objects are returned as they are.
 */
export function resolve(graph: ResourceGraph, value: Value | undefined, depth = 0): Value | undefined {
  if (value === undefined || depth > MAX_DEPTH) return value;
  if (isUnknown(value)) return value;
  if (isRef(value)) {
    const target = graph.get(value.$ref);
    if (!target) return { $unknown: refText(value), reason: `${value.$ref} is not in the graph` };
    let current: Value | undefined = target.attrs;
    for (const step of value.attribute.split('.')) {
      if (current === null || typeof current !== 'object' || isRef(current) || isUnknown(current) || isTemplate(current)) {
        current = undefined;
        break;
      }
      current = Array.isArray(current) ? (/^\d+$/.test(step) ? current[Number(step)] : undefined) : (current as { readonly [k: string]: Value })[step];
    }
    if (current === undefined) return { $unknown: refText(value), reason: 'computed by AWS at apply' };
    return resolve(graph, current, depth + 1);
  }
  if (isTemplate(value)) return interpolate(graph, value.$template, value.refs, depth);
  return value;
}

function interpolate(graph: ResourceGraph, text: string, refs: readonly (Ref | Unknown)[], depth: number): Value {
  const parts = scanTemplate(text);
  const opaque: Unknown = { $unknown: text, reason: 'a string built from values known only at apply' };
  if (!parts) return text;
  const interpolations = parts.filter((p) => typeof p !== 'string');
  // The refs line up with the interpolations only when each one is a single reference.
  if (interpolations.length !== refs.length) return opaque;
  let out = '';
  let i = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const resolved = resolve(graph, refs[i++], depth + 1);
    if (resolved === null || resolved === undefined || typeof resolved === 'object') return opaque;
    out += String(resolved);
  }
  return out;
}

/** A string argument: the literal, undefined when absent or null, or the Unknown that hides it (numbers are stringified). */
export function stringOf(graph: ResourceGraph, value: Value | undefined): string | undefined | Unknown {
  const v = resolve(graph, value);
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return { $unknown: expressionOf(v), reason: 'not a single string' };
}

/** A boolean argument (`"true"`/`"false"` strings accepted, as Terraform converts them): the literal, undefined when absent, or an Unknown. */
export function boolOf(graph: ResourceGraph, value: Value | undefined): boolean | undefined | Unknown {
  const v = resolve(graph, value);
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return { $unknown: expressionOf(v), reason: 'not a boolean' };
}

/** A number argument (numeric strings accepted): the literal, undefined when absent, or an Unknown. */
export function numberOf(graph: ResourceGraph, value: Value | undefined): number | undefined | Unknown {
  const v = resolve(graph, value);
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return { $unknown: expressionOf(v), reason: 'not a number' };
}

/** A list argument: its elements (unresolved), an empty list when absent, or the Unknown that hides the whole list. */
export function listOf(graph: ResourceGraph, value: Value | undefined): readonly Value[] | Unknown {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  const v = isRef(value) ? resolve(graph, value) : value;
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (isUnknown(v)) return v;
  return { $unknown: expressionOf(value), reason: 'not a list' };
}

/** The value of tag `key` of a resource (its `tags` argument; provider default tags are not seen). */
export function tagOf(graph: ResourceGraph, resource: TfResource, key: string): string | undefined | Unknown {
  const tags = resolve(graph, resource.attrs.tags);
  if (tags === undefined || tags === null) return undefined;
  if (isUnknown(tags)) return tags;
  if (typeof tags !== 'object' || Array.isArray(tags) || isRef(tags) || isTemplate(tags)) return { $unknown: expressionOf(tags), reason: 'tags are not a map' };
  return stringOf(graph, (tags as { readonly [k: string]: Value })[key]);
}

/** The resource a value references, or the Unknown explaining why it cannot be known (undefined when the value is absent or a literal). */
export function targetOf(graph: ResourceGraph, value: Value | undefined): TfResource | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (!isRef(value)) return undefined;
  return graph.get(value.$ref) ?? { $unknown: refText(value), reason: `${value.$ref} is not in the graph` };
}

/** Resources of `type` whose `attribute` references `target`, and those whose `attribute` is unknown (they might). */
export function referrersOrUnknown(graph: ResourceGraph, target: TfResource, type: string, attribute: string): { readonly found: readonly TfResource[]; readonly unknown: readonly { readonly resource: TfResource; readonly value: Unknown }[] } {
  const found = graph.referrers(target, type, attribute);
  const unknown = graph
    .byType(type)
    .map((resource) => ({ resource, value: unknownOf(resource.attrs[attribute], graph) }))
    .filter((u): u is { resource: TfResource; value: Unknown } => u.value !== undefined);
  return { found, unknown };
}

// ---------------------------------------------------------------------------------------------
// CIDR blocks

/** RFC 1918 private IPv4 space: the only ranges this pack calls internal. */
export const PRIVATE_IPV4_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const PRIVATE_BLOCKS: readonly Cidr[] = PRIVATE_IPV4_RANGES.map(cidrOf);

/** A CIDR block of either family, host bits tolerated: family and prefix length, or undefined when not a CIDR. */
export function parseAnyCidr(text: string): { readonly family: 4 | 6; readonly prefix: number } | undefined {
  try {
    const [addr, prefix] = ipaddr.parseCIDR(text);
    return { family: addr.kind() === 'ipv4' ? 4 : 6, prefix };
  } catch {
    return undefined;
  }
}

/** True for a block that covers every address of its family (`0.0.0.0/0`, `::/0`). */
export function isWorldCidr(text: string): boolean {
  return parseAnyCidr(text)?.prefix === 0;
}

/** True for an IPv4 block inside RFC 1918 space. */
export function isPrivateIpv4(text: string): boolean {
  let block: Cidr;
  try {
    const network = ipaddr.IPv4.networkAddressFromCIDR(text).toString();
    block = cidrOf(`${network}/${text.split('/')[1]}`);
  } catch {
    return false;
  }
  return PRIVATE_BLOCKS.some((p) => contains(p, block));
}

// ---------------------------------------------------------------------------------------------
// IAM policy documents

/** One statement of a policy, normalized to lists. Values built from `${...}` read as {@link isOpaque} strings. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: string;
  /** `'*'` or the principal map (`{ AWS: [...] }`), undefined when absent. */
  readonly principal?: '*' | { readonly [type: string]: readonly string[] };
  readonly notPrincipal: boolean;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly conditions: readonly { readonly operator: string; readonly key: string; readonly values: readonly string[] }[];
}

const OPAQUE_OPEN = '\u27e8';
const OPAQUE_CLOSE = '\u27e9';

/** True for a policy string that came from a `${...}` interpolation (its value is unknown before apply). */
export function isOpaque(s: string): boolean {
  return s.includes(OPAQUE_OPEN);
}

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * The statements of a JSON policy document given as a string or template, with every `${...}` left
 * opaque (it never equals `*` nor any literal). An Unknown when the policy is unknown, built by an
 * expression rather than JSON text, or not a policy at all.
 */
export function parsePolicy(graph: ResourceGraph, value: Value | undefined): readonly PolicyStatement[] | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  const unknown = unknownOf(value, graph);
  if (unknown) return unknown;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (isTemplate(value)) text = value.$template;
  else {
    const resolved = resolve(graph, value);
    if (typeof resolved !== 'string') return { $unknown: expressionOf(value), reason: 'not a JSON policy string' };
    text = resolved;
  }
  return parsePolicyText(text);
}

/**
 * The statements of a JSON policy document's text as synthesized, every `${...}` left opaque; an
 * Unknown when the text is not JSON or has no Statement. {@link parsePolicy} for graph values.
 */
export function parsePolicyText(text: string): readonly PolicyStatement[] | Unknown {
  const parts = scanTemplate(text);
  let n = 0;
  const json = parts ? parts.map((p) => (typeof p === 'string' ? p : `${OPAQUE_OPEN}${n++}${OPAQUE_CLOSE}`)).join('') : text;
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return { $unknown: text, reason: 'not JSON text (built by an expression)' };
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  if (raw === undefined || typeof doc !== 'object') return { $unknown: text, reason: 'no Statement' };
  return (Array.isArray(raw) ? raw : [raw]).map((s: Record<string, unknown>) => normalizeStatement(s));
}

function normalizeStatement(s: Record<string, unknown>): PolicyStatement {
  const principalOf = (p: unknown): PolicyStatement['principal'] =>
    p === undefined ? undefined : p === '*' ? '*' : Object.fromEntries(Object.entries(p as Record<string, unknown>).map(([k, v]) => [k, asList(v)]));
  const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([operator, keys]) =>
    Object.entries(keys ?? {}).map(([key, values]) => ({ operator, key, values: asList(values) })),
  );
  return {
    ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
    effect: String(s.Effect ?? ''),
    principal: principalOf(s.Principal ?? s.NotPrincipal),
    notPrincipal: s.NotPrincipal !== undefined,
    actions: asList(s.Action),
    notActions: asList(s.NotAction),
    resources: asList(s.Resource),
    notResources: asList(s.NotResource),
    conditions,
  };
}

/** True when an Allow statement admits any principal: `"*"`, `{"AWS": "*"}`, or everyone but a `NotPrincipal`. */
export function allowsAnyPrincipal(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.notPrincipal) return true;
  const p = statement.principal;
  return p === '*' || (p !== undefined && Object.values(p).some((values) => values.includes('*')));
}

/**
 * Condition keys (lower case) that narrow a statement: keys under positive operators only, since
 * negated operators, `...IfExists` and `ForAllValues:` all pass when the key is missing from the request.
 */
export function restrictingConditionKeys(statement: PolicyStatement): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const c of statement.conditions) {
    const op = c.operator.toLowerCase();
    if (op.includes('not') || op.endsWith('ifexists') || op.startsWith('forallvalues:') || op === 'null' || op === 'bool') continue;
    if (c.values.length === 0) continue;
    keys.add(c.key.toLowerCase());
  }
  return keys;
}

/**
 * IAM wildcard matching (`*` any run, `?` one character); a value built from `${...}` never matches.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
export function iamWildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (isOpaque(pattern)) return false;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/** True when a statement's Action (or NotAction) covers `action` (action names are case-insensitive). */
export function statementCoversAction(s: PolicyStatement, action: string): boolean {
  if (s.notActions.length > 0) return !s.notActions.some((a) => iamWildcardMatch(a, action, true));
  return s.actions.some((a) => iamWildcardMatch(a, action, true));
}

/** True when a statement's Resource (or NotResource) covers `arn`. */
export function statementCoversResource(s: PolicyStatement, arn: string): boolean {
  if (s.notResources.length > 0) return !s.notResources.some((r) => iamWildcardMatch(r, arn, false));
  return s.resources.some((r) => iamWildcardMatch(r, arn, false));
}

/** How a statement is named in messages: its Sid, or its position. */
export function statementName(statement: PolicyStatement, index: number): string {
  return statement.sid ? `statement ${statement.sid}` : `statement ${index}`;
}

// ---------------------------------------------------------------------------------------------
// Security-group rules

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

/** True, false, or the Unknown that stops the question being answered. */
export type Tri = boolean | Unknown;

/** Tri-state AND: false if either is false, else the first Unknown, else true. */
export function both(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return isUnknown(a) ? a : b;
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

// ---------------------------------------------------------------------------------------------
// Flow logs

/**
 * Why a flow log does not deliver to the central archive (a bucket this landing zone manages), or
 * undefined when it does, or the Unknown that hides the destination. The destination type must be
 * `s3` and the destination must pass {@link archiveBucketProblem}.
 */
export function archiveProblem(graph: ResourceGraph, flowLog: TfResource): string | Unknown | undefined {
  const type = stringOf(graph, flowLog.attrs.log_destination_type);
  if (isUnknown(type)) return type;
  if ((type ?? 'cloud-watch-logs') !== 's3') return `log_destination_type is ${type ?? 'cloud-watch-logs (the default)'}, not s3`;
  return archiveBucketProblem(graph, flowLog.attrs.log_destination, 'log_destination');
}

/**
 * Why a log destination ARN is not a bucket of this landing zone (the archive), or undefined when
 * it is, or the Unknown that hides it: a reference (or a template around one) to an `aws_s3_bucket`
 * of the graph, or an ARN `arn:<partition>:s3:::<bucket>[/prefix]` naming one by its literal name.
 */
export function archiveBucketProblem(graph: ResourceGraph, dest: Value | undefined, attribute: string): string | Unknown | undefined {
  if (dest === undefined || dest === null) return `no ${attribute}`;
  const refs = isRef(dest) ? [dest] : isTemplate(dest) ? dest.refs : [];
  if (refs.some((r) => isRef(r) && graph.get(r.$ref)?.type === 'aws_s3_bucket')) return undefined;
  const arn = stringOf(graph, dest);
  if (arn === undefined) return `no ${attribute}`;
  if (isUnknown(arn)) return arn;
  const bucket = /^arn:[\w-]+:s3:::([^/]+)/.exec(arn)?.[1];
  if (!bucket) return `${attribute} ${arn} is not an S3 bucket ARN`;
  const known = graph.byType('aws_s3_bucket').some((b) => stringOf(graph, b.attrs.bucket) === bucket);
  return known ? undefined : `${attribute} ${arn} is not a bucket of this landing zone`;
}

/** What {@link worldRuleViolations} looks for. */
export interface WorldRuleCheck {
  /** Which rules: those admitting traffic from the internet, or those sending it there. */
  readonly direction: 'ingress' | 'egress';
  /** The claim an unknown value leaves unproved, e.g. `no ingress from the internet reaches port 22`. */
  readonly claim: string;
  /** True for the port ranges the rule is about (only called with known ranges). */
  readonly matches: (ports: PortRange) => boolean;
  /** Text appended to the finding's description of the rule. @default none */
  readonly detail?: (ports: PortRange) => string;
  /** True for rules another rule judges instead (Resolver endpoint groups: LZ-R53R01). @default none */
  readonly skip?: (rule: SgRule) => boolean;
}

/**
 * Security-group rules in one direction whose peer is the whole internet and whose ports match:
 * one finding per rule and peer, or an unknown finding when the direction, the peer or the ports
 * cannot be known before apply (an unknown never passes).
 */
export function worldRuleViolations(graph: ResourceGraph, check: WorldRuleCheck): Violation[] {
  const out: Violation[] = [];
  for (const rule of securityGroupRules(graph)) {
    const ingress = isIngress(rule);
    if (ingress === (check.direction === 'egress')) continue;
    if (rule.opaque) {
      out.push(unknownFinding(rule.resource, check.claim, rule.opaque));
      continue;
    }
    if (check.skip?.(rule)) continue;
    const ports = portsOf(graph, rule);
    if (ports === null || (!isUnknown(ports) && !check.matches(ports))) continue;
    for (const peer of rule.peers) {
      const world = peerIsWorld(graph, peer);
      if (world === false) continue;
      const hidden = [world, ingress, ports].find(isUnknown);
      if (hidden) out.push(unknownFinding(rule.resource, check.claim, hidden));
      else out.push(finding(rule.resource, `${describeRule(graph, rule, peer)}${check.detail?.(ports as PortRange) ?? ''}`));
    }
  }
  return out;
}

/** What {@link groupRuleViolations} asks of each rule. */
export interface GroupRuleCheck {
  /** The claim a finding or an unknown leaves unproved. */
  readonly claim: string;
  /** The claim for a rule whose group is unknown (it might be one of the groups). */
  readonly notOnGroup: string;
  /** False for rules the check ignores (e.g. egress); asked before anything else. @default every rule */
  readonly applies?: (rule: SgRule) => boolean;
  /** Per peer of the rule: fine, a finding, or unknown. */
  readonly verdict: (rule: SgRule, peer: Peer) => Tri;
}

/**
 * Checks every rule of `groups` (the security groups of some endpoints), and every rule whose group
 * is unknown before apply (it might be one of them): one finding per failing peer, an unknown finding
 * where a verdict or the rule itself cannot be known.
 */
export function groupRuleViolations(graph: ResourceGraph, groups: ReadonlyMap<string, TfResource>, check: GroupRuleCheck): Violation[] {
  const out: Violation[] = [];
  if (groups.size === 0) return out;
  const rules = securityGroupRules(graph);
  const visit = (rule: SgRule, groupUnknown: boolean): void => {
    if (check.applies && !check.applies(rule)) return;
    if (rule.opaque) {
      out.push(unknownFinding(rule.resource, check.claim, rule.opaque));
      return;
    }
    const verdicts = rule.peers.map((peer) => ({ peer, ok: check.verdict(rule, peer) }));
    const hidden = verdicts.map((v) => v.ok).find(isUnknown);
    const bad = verdicts.filter((v) => v.ok === false);
    if (groupUnknown) {
      const group = groupOf(graph, rule);
      if ((hidden || bad.length) && isUnknown(group)) out.push(unknownFinding(rule.resource, check.notOnGroup, group));
      return;
    }
    for (const v of bad) out.push(finding(rule.resource, `${describeRule(graph, rule, v.peer)}: ${check.claim}`));
    if (hidden) out.push(unknownFinding(rule.resource, check.claim, hidden));
  };
  for (const sg of groups.values()) for (const rule of rulesOfGroup(graph, sg, rules)) visit(rule, false);
  for (const rule of rulesOfUnknownGroup(graph, rules)) visit(rule, true);
  return out;
}
