/**
 * Findings section: the proof-before-deploy analysis (`lz check`) as the report shows it — the
 * reachability intents with their verdicts, and the rule-pack findings with suppressions and their
 * reasons. {@link AnalysisSummary} is the contract between the analysis and the report; the report
 * says "analysis not run" when there is none.
 */
import { z } from 'zod';
import { code, fence, plural, table } from './markdown';

// Loose objects: analysis.json carries more (summary, culprits, construct paths) than the report shows.
const intentSchema = z.object({
  id: z.string(),
  title: z.string(),
  subject: z.string(),
  status: z.enum(['proved', 'refuted', 'unknown']),
  evidence: z.string(),
});

const findingSchema = z.object({
  rule: z.string(),
  title: z.string(),
  level: z.enum(['error', 'warning']),
  resource: z.string(),
  message: z.string(),
  suppressed: z.object({ reason: z.string(), expires: z.string().optional() }).optional(),
});

/** What the analysis hands the report (`cdktf.out/analysis.json`). */
export const analysisSummarySchema = z.object({
  intents: z.array(intentSchema),
  findings: z.array(findingSchema),
});

/** The analysis result the report renders. */
export type AnalysisSummary = z.infer<typeof analysisSummarySchema>;

/** One reachability intent and its verdict. */
export type IntentResult = AnalysisSummary['intents'][number];

/** One rule-pack finding, possibly suppressed. */
export type Finding = AnalysisSummary['findings'][number];

/** Why an analysis file cannot be used. */
export class AnalysisFormatError extends Error {}

/** Validates parsed JSON as an {@link AnalysisSummary}; the error names the first bad path. */
export function parseAnalysisSummary(data: unknown, source: string): AnalysisSummary {
  const result = analysisSummarySchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AnalysisFormatError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message} — expected { intents: [...], findings: [...] } as \`lz check --json\` writes it`);
}

/** Errors that are not suppressed: what makes `lz check` exit 1. */
export function openErrors(summary: AnalysisSummary): Finding[] {
  return summary.findings.filter((f) => f.level === 'error' && !f.suppressed);
}

const STATUS = { proved: 'proved ✅', refuted: '**refuted** ❌', unknown: 'unknown ⚠️' } as const;

/**
 * One row per intent (its title once, then each subject with its verdict), and the evidence — the
 * path hop by hop, or what blocks it — folded per intent, open where something is not proved.
 */
function renderIntents(intents: readonly IntentResult[]): string {
  const ids = [...new Set(intents.map((i) => i.id))];
  const rows = ids.map((id) => {
    const group = intents.filter((i) => i.id === id);
    return [code(id), group[0].title, group.map((i) => `${i.subject}: ${STATUS[i.status]}`).join('<br>')];
  });
  const evidence = ids.map((id) => {
    const group = intents.filter((i) => i.id === id);
    const failing = group.some((i) => i.status !== 'proved');
    const body = group.map((i) => `${i.subject} (${i.status})\n${i.evidence.split('\n').map((l) => `  ${l}`).join('\n')}`).join('\n\n');
    return [`<details${failing ? ' open' : ''}><summary>${id} evidence (${group.length} subject${group.length === 1 ? '' : 's'})</summary>`, '', fence('text', body), '', '</details>'].join('\n');
  });
  return [table(['intent', 'proved when', 'subjects'], rows), '', ...evidence].join('\n');
}

/** The findings section. */
export function renderFindings(summary: AnalysisSummary | undefined): string {
  if (!summary) {
    return ['## Findings', '', '_Analysis not run._ `lz check` proves the reachability intents and runs the security rule pack over `cdktf.out`; run it, then `lz report`, to list the results here.'].join('\n');
  }
  const open = summary.findings.filter((f) => !f.suppressed);
  const suppressed = summary.findings.filter((f) => f.suppressed);
  const refuted = summary.intents.filter((i) => i.status !== 'proved');
  const verdict =
    openErrors(summary).length === 0 && refuted.length === 0
      ? '**Verdict: pass.**'
      : `**Verdict: fail** — ${plural(openErrors(summary).length, 'open error')}, ${plural(refuted.length, 'intent')} not proved.`;
  const parts = [
    '## Findings',
    '',
    `${verdict} ${plural(summary.intents.length, 'intent')} checked, ${plural(open.length, 'open finding')}, ${plural(suppressed.length, 'suppressed finding')}.`,
    '',
    '### Intents',
    '',
    summary.intents.length > 0 ? renderIntents(summary.intents) : '_No intents._',
    '',
    '### Open findings',
    '',
    open.length > 0
      ? table(['rule', 'level', 'resource', 'message'], open.map((f) => [`${code(f.rule)} ${f.title}`, f.level === 'error' ? '**error**' : 'warning', code(f.resource), f.message]))
      : '_None._',
  ];
  if (suppressed.length > 0) {
    parts.push(
      '',
      '### Suppressed findings',
      '',
      table(['rule', 'resource', 'reason', 'expires'], suppressed.map((f) => [`${code(f.rule)} ${f.title}`, code(f.resource), f.suppressed!.reason, f.suppressed!.expires ?? 'never'])),
    );
  }
  return parts.join('\n');
}
