/**
 * LZ-NFW01: every Network Firewall's policy forwards stateless traffic to the stateful engine and
 * drops by default (a stateful default action `aws:drop_strict` or `aws:drop_established`, which
 * exist only with STRICT_ORDER); LZ-NFW02 (same file): every firewall delivers ALERT and FLOW logs.
 * Both read the one network model (analysis/network/firewalls.ts).
 * Stateful default actions are valid only with strict order:
 * https://docs.aws.amazon.com/fms/2018-01-01/APIReference/API_NetworkFirewallPolicyDescription.html
 * Logging, after AWS Config's netfw-logging-enabled (logType both):
 * https://docs.aws.amazon.com/config/latest/developerguide/netfw-logging-enabled.html
 */
import { finding } from '../helpers/findings';
import { networkOf } from '../helpers/network';
import type { Rule, Violation } from '../types';

const DROPS = ['aws:drop_strict', 'aws:drop_established'];
const FORWARD = 'aws:forward_to_sfe';

/** Rule LZ-NFW01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-NFW01',
  title: 'Every Network Firewall policy forwards stateless traffic to the stateful engine, in strict order, and drops what no rule passes',
  why: 'An inspection point that passes by default inspects nothing it was not told about: the firewall must drop whatever its allow-list and rules do not pass, and stateless defaults that pass or drop bypass the stateful rules altogether.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_networkfirewall_firewall'],
  check(graph, context) {
    const out: Violation[] = [];
    for (const fw of networkOf(graph, context).firewalls ?? []) {
      const resource = graph.get(fw.id);
      if (!resource) continue;
      const policy = fw.policy;
      if (!policy) {
        out.push({ resource, message: `cannot prove the policy of firewall ${fw.name} drops by default: its firewall policy is not in the synthesized output`, unknown: true });
        continue;
      }
      const problems: string[] = [];
      const unknownIn = (list: readonly string[]) => list.some((a) => a === 'unknown');
      if (unknownIn(policy.statefulDefaultActions) || unknownIn(policy.statelessDefaultActions) || policy.ruleOrder === 'unknown') {
        out.push({ resource, message: `cannot prove the policy ${policy.name} drops by default: its default actions or rule order are unknown before apply`, unknown: true });
        continue;
      }
      if (!policy.statelessDefaultActions.includes(FORWARD)) problems.push(`stateless default actions are [${policy.statelessDefaultActions.join(', ')}], not ${FORWARD}`);
      if (!policy.statelessFragmentDefaultActions.includes(FORWARD)) problems.push(`stateless fragment default actions are [${policy.statelessFragmentDefaultActions.join(', ')}], not ${FORWARD}`);
      if (policy.ruleOrder !== 'STRICT_ORDER') problems.push(`rule order is ${policy.ruleOrder}, so no stateful default action applies (they need STRICT_ORDER)`);
      else if (!policy.statefulDefaultActions.some((a) => DROPS.includes(a))) problems.push(`stateful default actions [${policy.statefulDefaultActions.join(', ') || 'none'}] drop nothing (use aws:drop_established or aws:drop_strict)`);
      if (problems.length > 0) out.push(finding(graph.get(policy.id) ?? resource, `policy ${policy.name} of firewall ${fw.name}: ${problems.join('; ')}`));
    }
    return out;
  },
};

/** Rule LZ-NFW02: its table entry and its check. */
export const loggingRule: Rule = {
  id: 'LZ-NFW02',
  title: 'Every Network Firewall delivers ALERT and FLOW logs',
  why: 'Alert logs record what the rules dropped or flagged, flow logs every flow the firewall saw: without them the inspection leaves no evidence for an investigation or an auditor.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_networkfirewall_firewall'],
  check(graph, context) {
    const out: Violation[] = [];
    for (const fw of networkOf(graph, context).firewalls ?? []) {
      const resource = graph.get(fw.id);
      if (!resource) continue;
      const types = new Set(fw.logging.map((l) => l.type));
      if (types.has('unknown')) {
        out.push({ resource, message: `cannot prove firewall ${fw.name} logs ALERT and FLOW: a log type is unknown before apply`, unknown: true });
        continue;
      }
      const missing = ['ALERT', 'FLOW'].filter((t) => !types.has(t));
      if (missing.length > 0) out.push(finding(graph.get(fw.loggingSource ?? '') ?? resource, fw.loggingSource ? `firewall ${fw.name} does not log ${missing.join(' and ')}` : `firewall ${fw.name} has no aws_networkfirewall_logging_configuration`));
    }
    return out;
  },
};
