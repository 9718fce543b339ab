/**
 * The rule engine: runs every rule of the pack over the graph, containing each rule's failure the way
 * cdk-nag's `applyRule` does. A rule that throws becomes one unsuppressible error finding naming the
 * rule and the exception, and the other rules still run; a rule none of whose resource types is in
 * the graph is listed, so a provider rename cannot turn a rule into a silent pass.
 * https://github.com/cdklabs/cdk-nag/blob/main/src/nag-pack.ts (applyRule: a rule that throws becomes a CdkNagValidationFailure naming the rule)
 */
import type { Finding } from '../findings';
import type { ResourceGraph } from '../graph/types';
import type { Rule, RuleContext } from './types';

/** Rule id of the engine's findings: a rule whose check threw. */
export const RULE_FAILED_RULE = 'LZ-ENGINE01';

/**
 * The engine's finding kind as a rule entry, so that suppressions treat it like any unsuppressible
 * rule. Not in the rule pack (RULES): its findings are about the pack itself.
 */
export const RULE_FAILED: Rule = {
  id: RULE_FAILED_RULE,
  title: 'Every rule of the pack runs to completion',
  why: 'A rule that throws has checked nothing, so its resources are unproved: the check fails until the rule is fixed, and no suppression can silence that.',
  level: 'error',
  suppressible: false,
  mappings: {},
  appliesTo: [],
  check: () => [],
};

/** What {@link runRules} found. */
export interface RulePackResult {
  /** Every violation as a finding (before suppressions), plus one {@link RULE_FAILED} finding per rule that threw. */
  readonly findings: readonly Finding[];
  /** Ids of rules that declare resource types of which the graph holds none (information, not failure), in pack order. */
  readonly rulesWithoutSubjects: readonly string[];
}

/** Runs each rule in turn; a rule that throws is reported and the next one runs. */
export function runRules(rules: readonly Rule[], graph: ResourceGraph, context: RuleContext): RulePackResult {
  const findings: Finding[] = [];
  const rulesWithoutSubjects: string[] = [];
  for (const rule of rules) {
    if (rule.appliesTo.length > 0 && rule.appliesTo.every((type) => graph.byType(type).length === 0)) rulesWithoutSubjects.push(rule.id);
    let violations;
    try {
      violations = rule.check(graph, context);
    } catch (e) {
      findings.push(ruleFailed(rule, e));
      continue;
    }
    for (const v of violations) {
      findings.push({ rule: rule.id, title: rule.title, level: rule.level, resource: v.resource.id, path: v.resource.path, message: v.message, unknown: !!v.unknown });
    }
  }
  return { findings, rulesWithoutSubjects };
}

function ruleFailed(rule: Rule, e: unknown): Finding {
  const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return {
    rule: RULE_FAILED_RULE,
    title: RULE_FAILED.title,
    level: 'error',
    resource: `rule:${rule.id}`,
    path: `rule:${rule.id}`,
    message: `rule ${rule.id} (${rule.title}) failed and checked nothing: ${reason}`,
    unknown: false,
  };
}
