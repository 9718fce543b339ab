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
  // I3 (segment isolation): the subject's row of the proved reachability matrix.
  sourceSegment: z.string().optional(),
  matrix: z.array(z.object({ segment: z.string(), expected: z.boolean(), members: z.number(), reachable: z.number(), refuted: z.number() })).optional(),
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
  // Rules with nothing of their resource types to check (analysis/rules/engine.ts); absent in older files.
  summary: z.object({ rulesWithoutSubjects: z.array(z.string()).optional() }).optional(),
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

/** Above this many subjects an intent's evidence shows every subject not proved and only the first proved one. */
export const FULL_EVIDENCE_SUBJECTS = 20;

/**
 * The subjects whose evidence the report prints: all of them for a small landing zone; for a large one
 * every subject that is not proved and the first that is, so that REPORT.md grows with the problems,
 * not with the spokes (a thousand proved subjects would be megabytes of witness references).
 */
function evidenceShown(group: readonly IntentResult[]): IntentResult[] {
  if (group.length <= FULL_EVIDENCE_SUBJECTS) return [...group];
  const firstProved = group.find((i) => i.status === 'proved');
  return group.filter((i) => i.status !== 'proved' || i === firstProved);
}

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
    const shown = evidenceShown(group);
    const hidden = group.length - shown.length;
    const body = [
      ...shown.map((i) => `${i.subject} (${i.status})\n${i.evidence.split('\n').map((l) => `  ${l}`).join('\n')}`),
      ...(hidden > 0 ? [`… and ${hidden} more subjects proved: their evidence is in analysis.json, and \`lz check --explain SRC DST\` prints any path`] : []),
    ].join('\n\n');
    return [`<details${failing ? ' open' : ''}><summary>${id} evidence (${group.length} subject${group.length === 1 ? '' : 's'})</summary>`, '', fence('text', body), '', '</details>'].join('\n');
  });
  return [table(['intent', 'proved when', 'subjects'], rows), '', ...evidence].join('\n');
}

/**
 * The segment reachability matrix as `lz check` proved it (I3's compact data): per source segment and
 * destination, to how many member pairs requests are delivered, against what the config intends. Unlike
 * the diagram's matrix (the config's intent), this is what the synthesized routes do.
 */
export function renderProvedMatrix(intents: readonly IntentResult[]): string | undefined {
  const rows = new Map<string, Map<string, { expected: boolean; members: number; reachable: number; refuted: number }>>();
  for (const intent of intents) {
    if (!intent.matrix || !intent.sourceSegment) continue;
    let row = rows.get(intent.sourceSegment);
    if (!row) rows.set(intent.sourceSegment, (row = new Map()));
    for (const cell of intent.matrix) {
      const sum = row.get(cell.segment) ?? { expected: cell.expected, members: 0, reachable: 0, refuted: 0 };
      row.set(cell.segment, { expected: sum.expected, members: sum.members + cell.members, reachable: sum.reachable + cell.reachable, refuted: sum.refuted + cell.refuted });
    }
  }
  if (rows.size === 0) return undefined;
  const sources = [...rows.keys()].sort();
  const destinations = [...new Set([...rows.values()].flatMap((r) => [...r.keys()]))].sort();
  const body = sources.map((source) => [
    code(source),
    ...destinations.map((destination) => {
      const cell = rows.get(source)!.get(destination);
      if (!cell) return '—';
      const mark = cell.refuted === 0 ? '✅' : '❌';
      return `${mark} ${cell.reachable.toLocaleString('en-US')} of ${cell.members.toLocaleString('en-US')} delivered (${cell.expected ? 'reachable' : 'isolated'} intended)`;
    }),
  ]);
  return [
    '### Segment reachability as proved',
    '',
    'Spoke-to-member pairs whose requests the synthesized routes deliver, per source segment (rows) and destination (columns), from I3; ❌ where a pair contradicts the intent (the I3 evidence names it). `lz check --explain SRC DST` prints any pair\'s path.',
    '',
    table(['source segment', ...destinations.map(code)], body),
  ].join('\n');
}

/** The line naming the rules that had nothing of their resource types to check (information, not failure). */
function withoutSubjects(summary: AnalysisSummary): string[] {
  const ids = summary.summary?.rulesWithoutSubjects ?? [];
  return ids.length > 0 ? [`${plural(ids.length, 'rule')} had no resource of their types to check: ${ids.map(code).join(', ')}.`, ''] : [];
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
    ...withoutSubjects(summary),
    '### Intents',
    '',
    summary.intents.length > 0 ? renderIntents(summary.intents) : '_No intents._',
    '',
    ...(renderProvedMatrix(summary.intents) ? [renderProvedMatrix(summary.intents)!, ''] : []),
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
