/** LZ-R53R01: Resolver endpoint security groups carry DNS only, never to or from the internet. */
import { isUnknown, type TfResource } from '../../graph/types';
import {
  groupRuleViolations,
  peerIsWorld,
  portsOf,
  protocolOf,
  securityGroupsOf,
  unknownFinding,
  type Peer,
  type SgRule,
  type Tri,
} from '../helpers';
import type { Rule, Violation } from '../types';

const CLAIM = 'Resolver endpoint groups carry only tcp/udp 53 with listed ranges';

/** Rule LZ-R53R01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-R53R01',
  title: 'Security groups of Route 53 Resolver endpoints allow only tcp/udp 53, with named ranges or groups, never 0.0.0.0/0 or ::/0',
  why: 'An inbound endpoint answers for every private zone of the organization and an outbound endpoint can reach on-premises; any other port, or DNS with the whole internet, turns them into an open resolver or a tunnel.',
  level: 'error',
  suppressible: true,
  mappings: {},
  check(graph) {
    const out: Violation[] = [];
    const groups = new Map<string, TfResource>();
    for (const endpoint of graph.byType('aws_route53_resolver_endpoint')) {
      const sgs = securityGroupsOf(graph, endpoint);
      if (isUnknown(sgs)) out.push(unknownFinding(endpoint, CLAIM, sgs));
      else for (const sg of sgs) groups.set(sg.id, sg);
    }
    const dnsOf = (rule: SgRule): Tri => {
      const protocol = protocolOf(graph, rule);
      const ports = portsOf(graph, rule);
      return isUnknown(protocol) ? protocol : ports === null ? false : isUnknown(ports) ? ports : (protocol === 'tcp' || protocol === 'udp') && ports.from === 53 && ports.to === 53;
    };
    const verdict = (rule: SgRule, peer: Peer): Tri => {
      const dns = dnsOf(rule);
      const world = peerIsWorld(graph, peer);
      return dns === false || world === true ? false : isUnknown(dns) ? dns : isUnknown(world) ? world : true;
    };
    return [...out, ...groupRuleViolations(graph, groups, { claim: CLAIM, notOnGroup: 'this rule is not on a Resolver endpoint group', verdict })];
  },
};
