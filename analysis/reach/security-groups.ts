/**
 * Security-group evaluation. Groups are stateful: only the request is checked (egress at the source,
 * ingress at the destination); replies are always admitted. Rules only allow, so a flow passes when
 * any rule of any group of the interface admits it.
 */
import type { SecurityGroup, SgRule } from '../network/types';
import { holds, parseRange } from './address';
import type { ModelIndex } from './model-index';
import { portsIgnored, protocolMatches } from './protocol';
import type { GroupSelection, Protocol } from './types';

/** The other end of the flow as a rule sees it. */
export interface SgPeerView {
  readonly address: number;
  /**
   * The peer's groups when a group reference can match it (same VPC, no address translation in
   * between); undefined otherwise.
   */
  readonly groups: GroupSelection | undefined;
}

/** The verdict on one interface's groups. */
export type SgVerdict =
  | { readonly kind: 'allow'; readonly group?: SecurityGroup; readonly rule?: SgRule }
  | { readonly kind: 'deny'; readonly groups: readonly string[] }
  | { readonly kind: 'unknown'; readonly component: string; readonly reason: string };

type Match = 'yes' | 'no' | { readonly unknown: string };

function peerMatches(rule: SgRule, peer: SgPeerView): Match {
  switch (rule.peer.kind) {
    case 'cidr': {
      const range = parseRange(rule.peer.cidr);
      if (!range) return { unknown: `rule peer ${rule.peer.cidr} is not an IPv4 CIDR` };
      return holds(range, peer.address) ? 'yes' : 'no';
    }
    case 'sg':
      if (peer.groups === undefined) return 'no';
      return peer.groups === 'any' || peer.groups.includes(rule.peer.id) ? 'yes' : 'no';
    case 'prefix-list':
      // The only prefix lists in this landing zone are AWS-managed service lists (S3 through the
      // gateway endpoint); they hold the service's addresses, never a workload, on-premises or
      // documentation address that a query names.
      return 'no';
    case 'unknown':
      return { unknown: rule.peer.reason };
  }
}

/**
 * Whether the interface's groups admit a flow in `direction` (egress: to the peer; ingress: from the
 * peer). `'any'` admits everything; an empty list admits nothing.
 */
export function evaluateGroups(
  index: ModelIndex,
  groups: GroupSelection,
  direction: 'ingress' | 'egress',
  peer: SgPeerView,
  protocol: Protocol,
  port: number,
): SgVerdict {
  if (groups === 'any') return { kind: 'allow' };
  let unknown: SgVerdict | undefined;
  for (const id of groups) {
    const group = index.securityGroups.get(id);
    if (!group) {
      unknown ??= { kind: 'unknown', component: id, reason: `security group ${id} is not in the synthesized output` };
      continue;
    }
    for (const rule of direction === 'ingress' ? group.ingress : group.egress) {
      if (!protocolMatches(rule.protocol, protocol)) continue;
      if (!portsIgnored(rule.protocol, protocol) && (port < rule.fromPort || port > rule.toPort)) continue;
      const match = peerMatches(rule, peer);
      if (match === 'yes') return { kind: 'allow', group, rule };
      if (match !== 'no') unknown ??= { kind: 'unknown', component: rule.source, reason: `security group ${group.name}: ${match.unknown}` };
    }
  }
  return unknown ?? { kind: 'deny', groups };
}

/** `egress tcp/443 → 10.254.0.0/24` style text of a rule. */
export function ruleText(rule: SgRule, direction: 'ingress' | 'egress', groupName: (id: string) => string | undefined = () => undefined): string {
  const ports = rule.protocol === '-1' ? 'all' : rule.fromPort === rule.toPort ? `${rule.protocol}/${rule.fromPort}` : `${rule.protocol}/${rule.fromPort}-${rule.toPort}`;
  const peer =
    rule.peer.kind === 'cidr'
      ? rule.peer.cidr
      : rule.peer.kind === 'sg'
        ? `sg ${groupName(rule.peer.id) ?? rule.peer.id}`
        : rule.peer.kind === 'prefix-list'
          ? `prefix list ${rule.peer.id}`
          : '?';
  return direction === 'ingress' ? `ingress ${ports} ← ${peer}` : `egress ${ports} → ${peer}`;
}
