/**
 * Network ACL evaluation. NACLs are stateless and ordered: the lowest-numbered rule that matches
 * decides, and the implicit `*` rule denies what no rule matched. Replies are checked like requests,
 * with a port range (the client's ephemeral ports) that must be allowed entirely.
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
 */
import type { NaclRule, Subnet } from '../network/types';
import { holds, parseRange } from './address';
import type { IndexedNacl, ModelIndex } from './model-index';
import { portsIgnored, protocolMatches } from './protocol';
import type { Protocol } from './types';

/** The verdict of one subnet's NACL on one direction. */
export type NaclVerdict =
  /** `acl` undefined: the subnet uses the default NACL, which allows everything. */
  | { readonly kind: 'allow'; readonly acl?: IndexedNacl; readonly rule?: NaclRule }
  /** `rule` undefined: no rule matched and the implicit `*` rule denied. */
  | { readonly kind: 'deny'; readonly acl: IndexedNacl; readonly rule?: NaclRule }
  | { readonly kind: 'unknown'; readonly component: string; readonly reason: string };

type Interval = readonly [number, number];

function subtract(remaining: readonly Interval[], cut: Interval): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of remaining) {
    if (cut[1] < a || cut[0] > b) {
      out.push([a, b]);
      continue;
    }
    if (a < cut[0]) out.push([a, cut[0] - 1]);
    if (cut[1] < b) out.push([cut[1] + 1, b]);
  }
  return out;
}

const intersects = (remaining: readonly Interval[], cut: Interval): boolean => remaining.some(([a, b]) => cut[0] <= b && a <= cut[1]);

/**
 * Whether the subnet's NACL lets traffic with `peer` (the destination for outbound, the source for
 * inbound) through on every port of `ports`.
 */
export function evaluateNacl(index: ModelIndex, subnet: Subnet, direction: 'inbound' | 'outbound', peer: number, protocol: Protocol, ports: Interval): NaclVerdict {
  if (subnet.nacl === undefined) return { kind: 'allow' };
  const acl = index.networkAcls.get(subnet.nacl);
  if (!acl) return { kind: 'unknown', component: subnet.nacl, reason: `network ACL ${subnet.nacl} of ${subnet.name} is not in the synthesized output` };
  let remaining: Interval[] = [[ports[0], ports[1]]];
  for (const rule of direction === 'inbound' ? acl.inbound : acl.outbound) {
    if (!protocolMatches(rule.protocol, protocol)) continue;
    const range = parseRange(rule.cidr);
    if (!range) return { kind: 'unknown', component: rule.source, reason: `NACL rule ${rule.ruleNumber} has CIDR ${rule.cidr}, which is not an IPv4 CIDR` };
    if (!holds(range, peer)) continue;
    const cut: Interval = portsIgnored(rule.protocol, protocol) ? [0, 65535] : [rule.fromPort, rule.toPort];
    if (!intersects(remaining, cut)) continue;
    if (rule.action === 'deny') return { kind: 'deny', acl, rule };
    remaining = subtract(remaining, cut);
    if (remaining.length === 0) return { kind: 'allow', acl, rule };
  }
  return { kind: 'deny', acl };
}
