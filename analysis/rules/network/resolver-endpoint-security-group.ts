/**
 * LZ-R53R01: Resolver endpoint security groups carry DNS only, and are open to 0.0.0.0/0 only where
 * that cannot mean the internet.
 *
 * The shipped groups follow AWS's untracked shape (query direction from/to 0.0.0.0/0 on the DNS port,
 * reply direction to/from 0.0.0.0/0 on every port; see resolver-groups.ts). This rule judges those
 * groups in place of the generic world-open rules: every rule TCP or UDP; in the query direction only
 * the DNS port (53 inbound, the forwarding targets' ports outbound), any port for replies; and
 * 0.0.0.0/0 only when the group is used by Resolver endpoints alone in a VPC without an internet gateway.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
 */
import { isUnknown, type ResourceGraph, type TfResource } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { groupRuleViolations } from '../helpers/security-group-checks';
import { groupOf, isIngress, peerIsWorld, portsOf, protocolOf, rulesOfGroup, type Peer, type SgRule } from '../helpers/security-groups';
import { type Tri } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { queryDirection, queryPorts, resolverGroups, widerThanInternal, worldIsInternal, type ResolverGroup } from './resolver-groups';

const CLAIM = 'Resolver endpoint groups carry only TCP/UDP DNS (the DNS port toward the resolver or its targets, any port for replies), open to 0.0.0.0/0 only in a VPC without an internet gateway';

/** Whether a rule of this group is allowed, peer by peer. */
function verdict(graph: ResourceGraph, entry: ResolverGroup, rule: SgRule, peer: Peer): Tri {
  const protocol = protocolOf(graph, rule);
  if (isUnknown(protocol)) return protocol;
  if (protocol !== 'tcp' && protocol !== 'udp') return false;
  const ports = portsOf(graph, rule);
  if (ports === null) return false;
  if (isUnknown(ports)) return ports;
  const ingress = isIngress(rule);
  if (isUnknown(ingress)) return ingress;
  // The rule must fit at least one endpoint using the group: a query rule on its DNS ports, or a reply rule.
  let fits: Tri = false;
  for (const endpoint of entry.endpoints) {
    const direction = queryDirection(graph, endpoint);
    if (isUnknown(direction)) return direction;
    if ((direction === 'ingress') !== ingress) {
      fits = true;
      break;
    }
    const dns = queryPorts(graph, endpoint);
    if (isUnknown(dns)) return dns;
    if (ports.from === ports.to && dns.includes(ports.from)) {
      fits = true;
      break;
    }
  }
  if (fits !== true) return fits;
  const world = peerIsWorld(graph, peer);
  if (isUnknown(world)) return world;
  return world ? worldIsInternal(entry) : true;
}

/** Rule LZ-R53R01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-R53R01',
  title: 'Security groups of Route 53 Resolver endpoints carry only TCP/UDP DNS (the DNS port toward the resolver or its forwarding targets, any port for replies), and are open to 0.0.0.0/0 only when used by Resolver endpoints alone in a VPC without an internet gateway',
  why: 'An inbound endpoint answers for every private zone of the organization and an outbound endpoint can reach on-premises; any other port turns them into a tunnel, and 0.0.0.0/0 where the internet can route turns them into an open resolver. The untracked 0.0.0.0/0 shape AWS recommends for capacity is safe only where routing, not the group, limits who reaches the ENIs.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_route53_resolver_endpoint'],
  check(graph) {
    const out: Violation[] = [];
    const { groups, unknown } = resolverGroups(graph);
    for (const u of unknown) out.push(unknownFinding(u.endpoint, CLAIM, u.value));
    const byId = new Map<string, TfResource>([...groups].map(([id, g]) => [id, g.group]));
    // One finding on a group with 0.0.0.0/0 rules saying why they fail, besides one per rule.
    for (const entry of groups.values()) {
      const why = widerThanInternal(entry);
      if (why === undefined || isUnknown(why)) continue;
      const world = rulesOfGroup(graph, entry.group).some((r) => r.peers.some((p) => peerIsWorld(graph, p) === true));
      if (world) out.push(finding(entry.group, `Resolver endpoint group with 0.0.0.0/0 rules: ${why}`));
    }
    const check = (r: SgRule, peer: Peer): Tri => {
      const group = groupOf(graph, r);
      if (isUnknown(group)) return group;
      const entry = groups.get(group.id);
      return entry ? verdict(graph, entry, r, peer) : true;
    };
    return [...out, ...groupRuleViolations(graph, byId, { claim: CLAIM, notOnGroup: 'this rule is not on a Resolver endpoint group', verdict: check })];
  },
};
