/** LZ-SG02: only load balancer groups take traffic from the internet, and only on 80 and 443. */
import { isRef, isUnknown, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { describeRule, groupOf, isIngress, peerIsWorld, portsOf, protocolOf, securityGroupRules, SECURITY_GROUP_RULE_TYPES } from '../helpers/security-groups';
import { expressionOf, listOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { judgedByResolverRule } from './resolver-groups';

const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'] as const;
const WEB_PORTS = [80, 443];
const CLAIM = 'this ingress from the internet is tcp 80 or 443 on a load balancer group';

/** Rule LZ-SG02: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-SG02',
  title: 'Ingress from 0.0.0.0/0 or ::/0 is only tcp 80 or 443, and only on security groups of load balancers',
  why: 'Everything else in the landing zone is reached through the load balancer, the Transit Gateway or Client VPN; a world-open port anywhere else is an unreviewed entry point. Route 53 Resolver endpoint groups, world-open to keep DNS untracked where no internet gateway exists, are judged by LZ-R53R01 instead.',
  level: 'error',
  suppressible: true,
  mappings: { cdkNag: ['AwsSolutions-EC23'], securityHub: ['EC2.18', 'EC2.19'] },
  appliesTo: SECURITY_GROUP_RULE_TYPES,
  check(graph) {
    const lbGroups = new Set<string>();
    let lbUnknown: Unknown | undefined;
    for (const type of LOAD_BALANCER_TYPES) {
      for (const lb of graph.byType(type)) {
        const groups = listOf(graph, lb.attrs.security_groups);
        if (isUnknown(groups)) lbUnknown ??= groups;
        else {
          for (const g of groups) {
            if (isRef(g)) lbGroups.add(g.$ref);
            else lbUnknown ??= { $unknown: expressionOf(g), reason: 'a security group id that is not a reference' };
          }
        }
      }
    }
    const out: Violation[] = [];
    for (const rule of securityGroupRules(graph)) {
      const ingress = isIngress(rule);
      if (ingress === false) continue;
      if (rule.opaque) {
        out.push(unknownFinding(rule.resource, CLAIM, rule.opaque));
        continue;
      }
      // Resolver endpoint groups keep DNS untracked with 0.0.0.0/0 rules in a VPC without an internet
      // gateway; LZ-R53R01 judges their ports and that condition.
      if (judgedByResolverRule(graph, rule)) continue;
      for (const peer of rule.peers) {
        const world = peerIsWorld(graph, peer);
        if (world === false) continue;
        const protocol = protocolOf(graph, rule);
        const ports = portsOf(graph, rule);
        const hidden = [world, ingress, protocol, ports].find(isUnknown);
        const web = !isUnknown(protocol) && protocol === 'tcp' && ports !== null && !isUnknown(ports) && ports.from === ports.to && WEB_PORTS.includes(ports.from);
        if (!web) {
          // A port other than 80/443 is a finding wherever it is, unless something it depends on is unknown.
          if (hidden) out.push(unknownFinding(rule.resource, CLAIM, hidden));
          else out.push(finding(rule.resource, `${describeRule(graph, rule, peer)}: only tcp 80 and 443 may be open to the internet`));
          continue;
        }
        const group = groupOf(graph, rule);
        if (hidden || isUnknown(group)) {
          out.push(unknownFinding(rule.resource, CLAIM, (hidden ?? group) as Unknown));
          continue;
        }
        if (lbGroups.has(group.id)) continue;
        if (lbUnknown) out.push(unknownFinding(rule.resource, CLAIM, lbUnknown));
        else out.push(finding(rule.resource, `${describeRule(graph, rule, peer)} on ${group.address}, which no load balancer uses`));
      }
    }
    return out;
  },
};
