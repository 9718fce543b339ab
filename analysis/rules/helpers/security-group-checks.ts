/**
 * Rule-pack helpers: the two shapes of security-group check the rules share, world-open rules in one
 * direction and every rule of a set of groups, each reporting unknowns as "cannot prove".
 */
import { isUnknown, type ResourceGraph, type TfResource } from '../../graph/types';
import type { Violation } from '../types';
import { finding, unknownFinding } from './findings';
import { describeRule, groupOf, isIngress, peerIsWorld, portsOf, rulesOfGroup, rulesOfUnknownGroup, securityGroupRules, type Peer, type PortRange, type SgRule } from './security-groups';
import type { Tri } from './values';

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
