/**
 * `lz check`: loads `cdktf.out`, runs the rule pack and proves the config's intents, reports the
 * intents' one-way paths (request delivered, reply dropped) as findings, applies the config's
 * suppressions, and writes `cdktf.out/analysis.json`.
 */
import { renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LandingZone } from '../config/model';
import { type AnalysisResult, type Finding, type IntentOutcome, isBlocking } from './findings';
import { loadGraph } from './graph/load';
import type { ResourceGraph } from './graph/types';
import { evaluateIntents } from './intents';
import { buildNetwork } from './network/build';
import { REPLY_BLOCKED, replyBlockedFindings } from './reply-blocked';
import { RULES } from './rules';
import { RULE_FAILED, runRules } from './rules/engine';
import type { Rule } from './rules/types';
import { betweenPhases } from '../lib/runtime/memory';
import { hubStackName, spokeStackName } from '../lib/stack-names';
import { applySuppressions, type SourcedSuppression } from './suppressions';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** The day suppressions are checked against. @default now */
  readonly now?: Date;
  /** The rule pack. @default RULES */
  readonly rules?: readonly Rule[];
}

/** Runs every rule and intent over a resource graph (pure; tests call it on mutated graphs). */
export function analyze(graph: ResourceGraph, lz: LandingZone, options: AnalyzeOptions = {}): AnalysisResult {
  const rules = options.rules ?? RULES;
  // One network model for the rules and the proofs.
  const network = buildNetwork(graph, { onPremises: lz.onPremises.cidrs });
  const pack = runRules(rules, graph, { network });
  const raw: Finding[] = [...pack.findings];
  // Each phase's short-lived paths are released before the next, so the peak follows the live model.
  const release = () => betweenPhases(graph.resources.length);
  release();
  const results = evaluateIntents(network, lz, undefined, release);
  raw.push(...replyBlockedFindings(graph, results));
  // REPLY_BLOCKED and RULE_FAILED are listed for suppressions only: one naming it is refused as unsuppressible.
  const findings = applySuppressions(raw, [...lz.suppressions, ...derivedSuppressions(lz)], [...rules, REPLY_BLOCKED, RULE_FAILED], options.now ?? new Date()).sort(
    (a, b) => a.rule.localeCompare(b.rule) || a.resource.localeCompare(b.resource) || a.message.localeCompare(b.message),
  );
  const intents: IntentOutcome[] = results.map((i) => ({
    id: i.id,
    title: i.title,
    subject: i.subject,
    status: i.status,
    evidence: i.evidence,
    ...(i.culprit ? { culprit: i.culprit } : {}),
    ...(i.matrix ? { matrix: i.matrix } : {}),
    ...(i.sourceSegment ? { sourceSegment: i.sourceSegment } : {}),
  }));
  const count = (status: IntentOutcome['status']) => intents.filter((i) => i.status === status).length;
  const summary = {
    resources: graph.resources.length,
    rules: rules.length,
    // Rules with nothing of their resource types to judge: information (a provider rename shows here).
    rulesWithoutSubjects: pack.rulesWithoutSubjects,
    intents: { proved: count('proved'), refuted: count('refuted'), unknown: count('unknown') },
    findings: {
      errors: findings.filter((f) => f.level === 'error' && !f.suppressed).length,
      warnings: findings.filter((f) => f.level === 'warning' && !f.suppressed).length,
      suppressed: findings.filter((f) => f.suppressed).length,
    },
  };
  // An unknown intent fails like a refuted one: nothing unknown may make the check pass.
  const failed = summary.intents.refuted + summary.intents.unknown > 0 || findings.some(isBlocking);
  return { version: 1, landingZone: lz.name, stacks: graph.stacks.map((s) => s.name), intents, findings, summary, exitCode: failed ? 1 : 0 };
}

/**
 * Suppressions the config already states in another form, so the reason is written once: an
 * interface endpoint opted out of the organization-only policy (`hub.endpoints.openPolicy`) accepts
 * LZ-VPCE01 for that endpoint, and a load balancer accepted without TLS (`spokes[].alb.httpOnly`, which
 * config/validate/edge.ts requires when there is no certificate) accepts LZ-ALB02 for its listener and
 * rules. Matched like any suppression; if a construct path ever changes, the suppression matches
 * nothing and is reported as stale.
 */
export function derivedSuppressions(lz: LandingZone): SourcedSuppression[] {
  const endpoints = (lz.hub.endpoints?.services ?? []).flatMap((s) =>
    s.openPolicy ? [{ rule: 'LZ-VPCE01', resource: `${hubStackName(lz)}/interface-endpoints/endpoint-${s.name}`, reason: s.openPolicy.reason, origin: s.openPolicy.path }] : [],
  );
  const httpOnly = lz.spokes.flatMap((s, i) =>
    s.alb?.httpOnly && !s.alb.certificateArn ? [{ rule: 'LZ-ALB02', resource: `${spokeStackName(lz, s.name)}/alb/*`, reason: s.alb.httpOnly.reason, origin: `spokes[${i}].alb.httpOnly` }] : [],
  );
  return [...endpoints, ...httpOnly];
}

/** Options of {@link runCheck}. */
export interface CheckOptions extends AnalyzeOptions {
  /** The synthesized output directory (`cdktf.out`). */
  readonly out: string;
  readonly landingZone: LandingZone;
  /** Write `<out>/analysis.json`. @default true */
  readonly write?: boolean;
}

/** Analyzes a synthesized output directory and writes `analysis.json` next to the manifest. */
export function runCheck(options: CheckOptions): AnalysisResult {
  const result = analyze(loadGraph(options.out), options.landingZone, options);
  if (options.write ?? true) {
    const file = path.join(options.out, 'analysis.json');
    const temp = `${file}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(result, null, 2)}\n`);
    renameSync(temp, file);
  }
  // `lz check` refreshes REPORT.md next, which reads the stacks again.
  betweenPhases(result.summary.resources);
  return result;
}
