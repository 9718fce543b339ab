/**
 * Suppressions from the config (`suppressions: [{rule, resource, reason, expires?}]`), after cdk-nag's
 * NagSuppressions: a suppressed finding is still reported (with its reason), never dropped. A
 * suppression of a rule that cannot be suppressed, of an unknown rule, or past its `expires` day is
 * itself an error; one that matches nothing is a warning (it is stale and should go).
 */
import { closest } from 'fastest-levenshtein';
import type { Suppression } from '../config/model';
import type { Finding } from './findings';
import type { Rule } from './rules/types';

/** Rule id of the findings about suppressions themselves. */
export const SUPPRESSION_RULE = 'LZ-SUP01';

/** A suppression, from the config's list or derived from another accepted choice in the config. */
export type SourcedSuppression = Suppression & {
  /** Where it comes from, for messages; default `suppressions[<index>]`. */
  readonly origin?: string;
};

/** Compiles a resource pattern (`*` matches any run of characters) into a matcher. */
export function resourcePattern(pattern: string): (candidate: string) => boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const re = new RegExp(`^${source}$`);
  return (candidate) => re.test(candidate);
}

/** The last day a suppression holds has passed (compared in UTC days). */
export function isExpired(expires: string | undefined, now: Date): boolean {
  if (!expires) return false;
  return now.toISOString().slice(0, 10) > expires;
}

/** Applies the config's suppressions to raw findings; returns the findings with `suppressed` set, plus findings about the suppressions. */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly SourcedSuppression[], rules: readonly Rule[], now: Date): Finding[] {
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const used = new Set<number>();
  const problems: Finding[] = [];
  const configFinding = (index: number, level: Finding['level'], message: string): Finding => ({
    rule: SUPPRESSION_RULE,
    title: 'Suppressions are valid, current and used',
    level,
    resource: 'config',
    path: suppressions[index].origin ?? `suppressions[${index}]`,
    message,
    unknown: false,
  });

  const active = suppressions.map((s, index) => ({ s, index, matches: resourcePattern(s.resource) }));
  for (const { s, index } of active) {
    const rule = ruleById.get(s.rule);
    if (!rule) {
      const hint = ruleById.size > 0 ? ` — did you mean ${closest(s.rule, [...ruleById.keys()])}?` : '';
      problems.push(configFinding(index, 'error', `names rule ${s.rule}, which does not exist${hint}`));
    } else if (!rule.suppressible) {
      problems.push(configFinding(index, 'error', `suppresses ${s.rule} (${rule.title}), which cannot be suppressed — fix the resource instead`));
    } else if (isExpired(s.expires, now)) {
      problems.push(configFinding(index, 'error', `expired on ${s.expires}: the ${s.rule} findings it covered fail again — fix them, or renew it with a new date and reason`));
    }
  }

  const out = findings.map((f) => {
    const rule = ruleById.get(f.rule);
    if (!rule?.suppressible) return f;
    const hit = active.find(({ s, matches }) => s.rule === f.rule && !isExpired(s.expires, now) && (matches(f.path) || matches(f.resource)));
    if (!hit) return f;
    used.add(hit.index);
    return { ...f, suppressed: { reason: hit.s.reason, expires: hit.s.expires, index: hit.index, ...(hit.s.origin ? { origin: hit.s.origin } : {}) } };
  });
  for (const { s, index } of active) {
    const rule = ruleById.get(s.rule);
    if (rule?.suppressible && !isExpired(s.expires, now) && !used.has(index)) {
      problems.push(configFinding(index, 'warning', `matches no ${s.rule} finding (resource "${s.resource}"): it is stale — remove it`));
    }
  }
  return [...out, ...problems];
}
