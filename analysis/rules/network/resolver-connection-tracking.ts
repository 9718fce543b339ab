/**
 * LZ-R53R03: Resolver endpoints run untracked, at their full query capacity, or the config says why not.
 *
 * An ENI tracks only so many connections: when a Resolver endpoint's security groups track DNS, an
 * inbound ENI can answer as few as 1,500 queries per second instead of 10,000. DNS stays untracked
 * only when the query rule and a reply rule on every port both name 0.0.0.0/0 (or ::/0), per protocol.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-entities-resolver
 * A warning, not an error: tracked rules are a legitimate choice (narrow ranges) when the capacity is
 * enough; suppress it with that reason.
 */
import { QUOTAS } from '../../../lib/aws/quotas';
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import type { Rule, Violation } from '../types';
import { endpointTracking } from './resolver-groups';

const CLAIM = 'the Resolver endpoint keeps DNS untracked';
const n = (v: number): string => v.toLocaleString('en-US');

/** Rule LZ-R53R03: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-R53R03',
  title: 'Route 53 Resolver endpoints keep DNS untracked: per protocol, a 0.0.0.0/0 rule in the query direction and a 0.0.0.0/0 rule on every port for the replies',
  why: `Tracked connections cap each Resolver ENI at as few as ${n(QUOTAS.resolverQpsPerEniTracked.value)} queries per second instead of ${n(QUOTAS.resolverQpsPerEni.value)}; beyond that, queries are throttled and lost for every VPC and the data center. Keep the untracked shape, or suppress this with the reason the lower capacity is enough.`,
  level: 'warning',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_route53_resolver_endpoint'],
  check(graph) {
    const out: Violation[] = [];
    for (const endpoint of graph.byType('aws_route53_resolver_endpoint')) {
      const tracking = endpointTracking(graph, endpoint);
      if (isUnknown(tracking)) {
        out.push(unknownFinding(endpoint, CLAIM, tracking));
        continue;
      }
      const { direction, enis } = tracking;
      const times = (perEni: number): string => (enis === undefined ? `${n(perEni)} per ENI` : `${enis} ENIs: ${n(enis * perEni)}`);
      for (const { port, tracked } of tracking.ports) {
        if (tracked.length === 0) continue;
        const dir = direction === 'ingress' ? 'inbound' : 'outbound';
        out.push(
          finding(
            endpoint,
            `${dir} DNS over ${tracked.join(' and ').toUpperCase()} on port ${port} is connection-tracked: as few as ${n(QUOTAS.resolverQpsPerEniTracked.value)} queries per second per ENI instead of ${n(QUOTAS.resolverQpsPerEni.value)} (${times(QUOTAS.resolverQpsPerEniTracked.value)} instead of ${n((enis ?? 1) * QUOTAS.resolverQpsPerEni.value)})`,
          ),
        );
      }
    }
    return out;
  },
};
