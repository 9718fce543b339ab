/**
 * Security-group rules as written: one flat view of every rule however it was written (inline
 * `ingress`/`egress` blocks, `aws_security_group_rule`, `aws_vpc_security_group_{ingress,egress}_rule`),
 * keeping each peer's value as written so that a rule of the pack can name it and report what is
 * unknown before apply. The network model's security groups (security-groups.ts) are resolved from the
 * same records, so the pack and the proofs read one flattening.
 */
import { isUnknown, type ResourceGraph, type TfResource, type Unknown, type Value } from '../graph/types';
import { boolOf, listOf, stringOf } from '../rules/helpers/values';

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
  /** Which Terraform shape wrote it: an inline block, `aws_security_group_rule`, or `aws_vpc_security_group_{ingress,egress}_rule`. */
  readonly shape: 'inline' | 'rule' | 'vpc-rule';
  /** Its arguments as written: the inline block, or the rule resource's attributes. */
  readonly args: { readonly [key: string]: Value };
}

/** Terraform types whose security-group rules {@link securityGroupRules} reads. */
export const SECURITY_GROUP_TYPES: readonly string[] = ['aws_security_group', 'aws_default_security_group'];

/** Every Terraform type that can write a security-group rule: the subjects of the security-group rules. */
export const SECURITY_GROUP_RULE_TYPES: readonly string[] = [...SECURITY_GROUP_TYPES, 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

const listPeers = (graph: ResourceGraph, kind: 'cidr' | 'group' | 'prefix-list', value: Value | undefined): Peer[] => {
  const list = listOf(graph, value);
  return isUnknown(list) ? [{ kind, value: list }] : list.map((v) => ({ kind, value: v }));
};

/**
 * Every security-group rule in the graph, inline blocks first (in resource order), then rule
 * resources: the one walk over the five Terraform shapes. The rule pack reads these as written; the
 * network model ({@link buildSecurityGroups}) resolves the same records. Computed once per graph.
 */
export function securityGroupRules(graph: ResourceGraph): readonly SgRule[] {
  const cached = flattened.get(graph);
  if (cached) return cached;
  const out = flatten(graph);
  flattened.set(graph, out);
  return out;
}

const flattened = new WeakMap<ResourceGraph, readonly SgRule[]>();

function flatten(graph: ResourceGraph): SgRule[] {
  const out: SgRule[] = [];
  for (const type of SECURITY_GROUP_TYPES) {
    for (const sg of graph.byType(type)) {
      for (const direction of ['ingress', 'egress'] as const) {
        const blocks = listOf(graph, sg.attrs[direction]);
        const group: Value = { $ref: sg.id, attribute: 'id' };
        if (isUnknown(blocks)) {
          out.push({ resource: sg, block: direction, direction, group, protocol: blocks, fromPort: blocks, toPort: blocks, peers: [{ kind: 'cidr', value: blocks }], description: blocks, opaque: blocks, shape: 'inline', args: {} });
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
            shape: 'inline',
            args: b,
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
      shape: 'rule',
      args: r.attrs,
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
        shape: 'vpc-rule',
        args: r.attrs,
      });
    }
  }
  return out;
}
