/**
 * Security group connection tracking, as AWS defines it: a TCP or UDP flow is untracked when a rule
 * admits it for all traffic (0.0.0.0/0 or ::/0) and a rule in the other direction admits all response
 * traffic (0.0.0.0/0 or ::/0) on every port (0-65535); otherwise it is tracked, and each network
 * interface tracks only so many connections (a Resolver endpoint ENI then answers as few as 1,500
 * queries per second instead of 10,000).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html#untracked-connections
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
 *
 * Pure: `endpointTracking` (analysis/rules/network/resolver-groups.ts) reduces an endpoint's rules to
 * {@link TrackingRule}s and asks here, for LZ-R53R03 and the report's DNS section alike.
 */

/** A security group rule reduced to what connection tracking depends on. */
export interface TrackingRule {
  readonly direction: 'ingress' | 'egress';
  /** `tcp`, `udp`, `all` (-1) or another protocol name. */
  readonly protocol: string;
  /** Inclusive port range (0-65535 for `all`). */
  readonly from: number;
  readonly to: number;
  /** The peer is 0.0.0.0/0 or ::/0. */
  readonly world: boolean;
}

/** The protocols DNS uses, and the only ones that can be untracked besides ICMP (which never is). */
const DNS_PROTOCOLS = ['udp', 'tcp'] as const;

const carries = (rule: TrackingRule, protocol: string): boolean => rule.protocol === protocol || rule.protocol === 'all';

/**
 * Whether `protocol` flows to `port` that start in `queryDirection` (ingress: clients query this
 * interface; egress: this interface queries others) are untracked.
 */
function isUntracked(rules: readonly TrackingRule[], protocol: (typeof DNS_PROTOCOLS)[number], queryDirection: 'ingress' | 'egress', port: number): boolean {
  const reply = queryDirection === 'ingress' ? 'egress' : 'ingress';
  const query = rules.some((r) => r.direction === queryDirection && r.world && carries(r, protocol) && r.from <= port && port <= r.to);
  const replies = rules.some((r) => r.direction === reply && r.world && carries(r, protocol) && r.from <= 0 && r.to >= 65535);
  return query && replies;
}

/** The DNS protocols whose queries on `port` stay tracked (empty: the interface runs at untracked capacity). */
export function trackedProtocols(rules: readonly TrackingRule[], queryDirection: 'ingress' | 'egress', port: number): ('udp' | 'tcp')[] {
  return DNS_PROTOCOLS.filter((p) => !isUntracked(rules, p, queryDirection, port));
}
