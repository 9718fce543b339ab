/** Plan summaries as plain text for a terminal or a CI log. */
import { COUNT_COLUMNS, moves, otherDestructiveChanges, reasonText, verdict } from './describe';
import { PlanSummary, ResourceChangeSummary } from './summary';

function line(c: ResourceChangeSummary): string {
  const reason = reasonText(c);
  return `    ${c.action.padEnd(7)} ${c.address}${reason ? `  (${reason})` : ''}`;
}

/** Per stack: counts on one line, then connectivity-impacting changes with why, other deletions and moves; the verdict last. */
export function renderPlanSummaryText(summaries: readonly PlanSummary[], allowConnectivityImpact = false): string {
  const out: string[] = [];
  for (const s of summaries) {
    out.push(`${s.stack}: ${COUNT_COLUMNS.map(([k, h]) => `${s.counts[k]} ${h}`).join(', ')}${s.complete ? '' : ' (incomplete plan: some changes deferred)'}`);
    if (s.connectivityImpacts.length > 0) {
      out.push(`  ⚠ connectivity-impacting (${s.connectivityImpacts.length}):`);
      for (const c of s.connectivityImpacts) out.push(line(c), `        why: ${c.why}`);
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
  const v = verdict(summaries, allowConnectivityImpact);
  out.push(`${v.ok ? 'ok' : 'FAIL'}: ${v.text}`);
  return `${out.join('\n')}\n`;
}
