/** The terminal rendering of an {@link AnalysisResult}: intents, then findings, then a one-line verdict. */
import type { AnalysisResult, Finding } from './findings';

const STATUS = { proved: 'PROVED ', refuted: 'REFUTED', unknown: 'UNKNOWN' } as const;

/** Pads a table: each row an array of cells, columns as wide as their widest cell (the last column is not padded). */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

const findingStatus = (f: Finding): string => (f.suppressed ? 'suppressed' : f.unknown ? `${f.level}?` : f.level);

/** Renders the result for a terminal; `verbose` prints every intent's evidence (refuted and unknown ones always do). */
export function renderCheck(result: AnalysisResult, options: { readonly verbose?: boolean } = {}): string {
  const out: string[] = [];
  const s = result.summary;
  out.push(`Intents (${result.intents.length}: ${s.intents.proved} proved, ${s.intents.refuted} refuted, ${s.intents.unknown} unknown)`);
  // Grouped by intent: the title once, then one line per subject; evidence under failing (or, verbose, all) subjects.
  const ids = [...new Set(result.intents.map((i) => i.id))];
  for (const id of ids) {
    const group = result.intents.filter((i) => i.id === id);
    out.push(`${id}  ${group[0].title}`);
    for (const i of group) {
      out.push(`    ${STATUS[i.status]}  ${i.subject}${i.culprit ? `  (culprit: ${i.culprit})` : ''}`);
      if (options.verbose || i.status !== 'proved') out.push(...i.evidence.split('\n').map((l) => `        ${l}`));
    }
  }
  out.push('');
  out.push(`Findings (${s.rules} rules over ${s.resources} resources: ${s.findings.errors} errors, ${s.findings.warnings} warnings, ${s.findings.suppressed} suppressed)`);
  if (s.rulesWithoutSubjects.length > 0) {
    // Information, not failure: nothing of those types is deployed (or a provider type was renamed).
    const n = s.rulesWithoutSubjects.length;
    out.push(`  ${n} ${n === 1 ? 'rule' : 'rules'} had no resource of their types to check: ${s.rulesWithoutSubjects.join(', ')}`);
  }
  if (result.findings.length === 0) out.push('  none');
  else {
    out.push(
      table([
        ['level', 'rule', 'resource', 'message'],
        ...result.findings.map((f) => [findingStatus(f), f.rule, f.path, f.suppressed ? `${f.message} (suppressed: ${f.suppressed.reason}${f.suppressed.origin ? `, by ${f.suppressed.origin}` : ''}${f.suppressed.expires ? `, until ${f.suppressed.expires}` : ''})` : f.message]),
      ]),
    );
  }
  out.push('');
  out.push(
    result.exitCode === 0
      ? `check passed: ${s.intents.proved} intents proved, no unsuppressed errors`
      : `check FAILED: ${s.intents.refuted} refuted and ${s.intents.unknown} unknown intents, ${s.findings.errors} unsuppressed errors`,
  );
  return out.join('\n');
}
