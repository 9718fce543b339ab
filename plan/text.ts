/** Plan summaries as plain text for a terminal or a CI log. */
import { acknowledgedByFile, Allowance, COUNT_COLUMNS, ignoredAcknowledgement, impactsBenign, moves, otherDestructiveChanges, reasonText, unusedAcknowledgements, verdict } from './describe';
import { reachabilityText } from './reachability-render';
import { PlanSummary, ResourceChangeSummary } from './summary';

function line(c: ResourceChangeSummary, acknowledged = false): string {
  const reason = reasonText(c);
  return `    ${c.action.padEnd(7)} ${c.address}${reason ? `  (${reason})` : ''}${acknowledged ? '  [acknowledged]' : ''}`;
}

/**
 * The reachability diff first (when there is one), then per stack: counts on one line, then
 * connectivity-impacting changes with why, other deletions and moves; the verdict last. `allowance`
 * as a boolean is `--allow-connectivity-impact`.
 */
export function renderPlanSummaryText(summaries: readonly PlanSummary[], allowance: boolean | Allowance = false): string {
  const out: string[] = [];
  const reachability = typeof allowance === 'boolean' ? undefined : allowance.reachability;
  if (reachability) out.push(...reachabilityText(reachability));
  const benign = impactsBenign(allowance) ? ', none changes a flow' : '';
  for (const s of summaries) {
    out.push(`${s.stack}: ${COUNT_COLUMNS.map(([k, h]) => `${s.counts[k]} ${h}`).join(', ')}${s.complete ? '' : ' (incomplete plan: some changes deferred)'}`);
    if (s.connectivityImpacts.length > 0) {
      out.push(`  ⚠ connectivity-impacting (${s.connectivityImpacts.length}${benign}):`);
      for (const c of s.connectivityImpacts) out.push(line(c, acknowledgedByFile(allowance, s.stack, c)), `        why: ${c.why}`);
    }
    const unused = unusedAcknowledgements([s], allowance);
    if (unused.length > 0) {
      out.push(`  acknowledged but not replaced or deleted by this plan (${unused.length}: a typo, or no longer needed):`);
      for (const u of unused) out.push(`    ${u.address}`);
    }
    const others = otherDestructiveChanges(s);
    if (others.length > 0) {
      out.push(`  other replacements, deletions and forgets (${others.length}):`);
      for (const c of others) out.push(line(c));
    }
    const moved = moves(s);
    if (moved.length > 0) {
      out.push(`  moved (${moved.length}):`);
      for (const c of moved) out.push(`    ${c.previousAddress} -> ${c.address}`);
    }
  }
  const ignored = ignoredAcknowledgement(allowance);
  if (ignored) out.push(`note: ${ignored}`);
  const v = verdict(summaries, allowance);
  out.push(`${v.ok ? 'ok' : 'FAIL'}: ${v.text}`);
  return `${out.join('\n')}\n`;
}
