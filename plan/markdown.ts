/** Plan summaries as GitHub-flavoured markdown for the pull-request comment. */
import { acknowledgedByFile, Allowance, COUNT_COLUMNS, ignoredAcknowledgement, impactsBenign, moves, otherDestructiveChanges, reasonText, unusedAcknowledgements, verdict } from './describe';
import { reachabilityMarkdown } from './reachability-render';
import { PlanSummary, ResourceChangeSummary } from './summary';

/** Options for {@link renderPlanSummaryMarkdown}: what the reviewer allowed, which the verdict and each change show. */
export type MarkdownOptions = Allowance;

/** Inline code that survives backticks inside the text (CommonMark: a longer fence). */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function item(c: ResourceChangeSummary, why?: string, acknowledged = false): string {
  const reason = reasonText(c, code);
  return `- ${code(c.address)} — **${c.action}**${acknowledged ? ', acknowledged' : ''}${reason ? ` (${reason})` : ''}${why ? `: ${why}` : ''}`;
}

function stackSection(s: PlanSummary, options: MarkdownOptions): string[] {
  const lines = [`### ${code(s.stack)}${s.connectivityImpacts.length > 0 ? ' ⚠' : ''}`, ''];
  lines.push(`| ${COUNT_COLUMNS.map(([, h]) => h).join(' | ')} |`);
  lines.push(`|${COUNT_COLUMNS.map(() => ' ---: |').join('')}`);
  lines.push(`| ${COUNT_COLUMNS.map(([k]) => String(s.counts[k])).join(' | ')} |`);
  if (!s.complete) lines.push('', '_The plan is incomplete: Terraform deferred some changes to a later plan, which this summary cannot show._');
  if (s.connectivityImpacts.length > 0) {
    lines.push('', `**⚠ connectivity-impacting** (${s.connectivityImpacts.length}${impactsBenign(options) ? ', none changes a flow or an intent verdict' : ''})`, '');
    for (const c of s.connectivityImpacts) lines.push(item(c, c.why, acknowledgedByFile(options, s.stack, c)));
  }
  const unused = unusedAcknowledgements([s], options);
  if (unused.length > 0) {
    lines.push('', `**Acknowledged but not replaced or deleted by this plan** (${unused.length}: a typo, or no longer needed)`, '');
    for (const u of unused) lines.push(`- ${code(u.address)}`);
  }
  const others = otherDestructiveChanges(s);
  if (others.length > 0) {
    lines.push('', `**Other replacements, deletions and forgets** (${others.length})`, '');
    for (const c of others) lines.push(item(c));
  }
  const moved = moves(s);
  if (moved.length > 0) {
    lines.push('', `**Moved** (${moved.length}, kept in place by a \`moved\` block)`, '');
    for (const c of moved) lines.push(`- ${code(c.previousAddress ?? '')} → ${code(c.address)}${c.action === 'no-op' ? '' : ` (then **${c.action}**)`}`);
  }
  return lines;
}

/** One markdown document: a verdict line, the reachability diff (when there is one), then per stack a counts table and the changes to review. */
export function renderPlanSummaryMarkdown(summaries: readonly PlanSummary[], options: MarkdownOptions = {}): string {
  const v = verdict(summaries, options);
  const icon = v.ok ? (v.impacts > 0 || (v.benign ?? 0) > 0 ? '⚠' : '✅') : '❌';
  const lines = ['## Terraform plan summary', '', `${icon} ${v.text.replace(/--allow-connectivity-impact/g, '`--allow-connectivity-impact`')}.`];
  const ignored = ignoredAcknowledgement(options);
  if (ignored) lines.push('', `_${ignored}._`);
  if (options.reachability) lines.push('', ...reachabilityMarkdown(options.reachability));
  for (const s of summaries) lines.push('', ...stackSection(s, options));
  return `${lines.join('\n')}\n`;
}
