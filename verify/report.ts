/** What `npm run verify` prints: one line per stack, the skip list, the closing line, the skip banner. */
import { StackOutcome } from './terraform';
import { formatDiagnostic } from './terraform-output';

/** `ok  shop-hub  validate 0 warnings, mock apply 1 passed  (9.1 s)` plus indented warnings. */
export function outcomeLines(o: StackOutcome, width: number): string[] {
  const name = o.label.padEnd(width);
  if (o.status === 'skipped') return [`skip  ${name}  ${o.reason}`];
  const warnings = `${o.warnings.length} warning${o.warnings.length === 1 ? '' : 's'}`;
  const head =
    o.status === 'ok'
      ? `ok    ${name}  validate ${warnings}, mock apply ${o.passed} passed  (${o.seconds.toFixed(1)} s)`
      : `FAIL  ${name}  ${o.reason}  (${o.seconds.toFixed(1)} s)`;
  return [head, ...o.warnings.map((w) => `      ${formatDiagnostic(w)}`)];
}

/** `terraform: 4 stacks validated, 4 mock-applied, 0 skipped` (`, 1 failed` when any failed). */
export function closingLine(outcomes: readonly StackOutcome[]): string {
  const failed = outcomes.filter((o) => o.status === 'failed');
  const skipped = outcomes.filter((o) => o.status === 'skipped').length;
  const validated = outcomes.filter((o) => o.validated).length;
  const applied = outcomes.filter((o) => o.status === 'ok').length;
  const plural = validated === 1 ? 'stack' : 'stacks';
  return `terraform: ${validated} ${plural} validated, ${applied} mock-applied, ${skipped} skipped${failed.length ? `, ${failed.length} failed` : ''}`;
}

/** `verify: 4 passed, 0 failed, 1 skipped`: the plain count CI log readers recognise in any language, printed last. */
export function countLine(outcomes: readonly StackOutcome[]): string {
  const count = (status: StackOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  return `verify: ${count('ok')} passed, ${count('failed')} failed, ${count('skipped')} skipped`;
}

/** A banner nobody scrolls past: verification did not happen, and why. */
export function skippedBanner(missing: readonly string[], fix: readonly string[]): string {
  const bar = '!'.repeat(78);
  return [bar, '!!!! TERRAFORM VERIFICATION SKIPPED: nothing was checked by real Terraform !!!!', bar, ...missing.map((m) => `!!!! missing: ${m}`), ...fix.map((f) => `!!!! ${f}`), bar].join('\n');
}
