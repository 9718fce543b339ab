/** Plan summaries as GitHub-flavoured markdown for the pull-request comment. */
import { COUNT_COLUMNS, moves, otherDestructiveChanges, reasonText, verdict } from './describe';
import { PlanSummary, ResourceChangeSummary } from './summary';

/** Options for {@link renderPlanSummaryMarkdown}. */
export interface MarkdownOptions {
  /** The run passed `--allow-connectivity-impact`: the verdict says so instead of failing. @default false */
  readonly allowConnectivityImpact?: boolean;
}

/** Inline code that survives backticks inside the text (CommonMark: a longer fence). */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function item(c: ResourceChangeSummary, why?: string): string {
  const reason = reasonText(c, code);
  return `- ${code(c.address)} — **${c.action}**${reason ? ` (${reason})` : ''}${why ? `: ${why}` : ''}`;
}

function stackSection(s: PlanSummary): string[] {
  const lines = [`### ${code(s.stack)}${s.connectivityImpacts.length > 0 ? ' ⚠' : ''}`, ''];
  lines.push(`| ${COUNT_COLUMNS.map(([, h]) => h).join(' | ')} |`);
  lines.push(`|${COUNT_COLUMNS.map(() => ' ---: |').join('')}`);
  lines.push(`| ${COUNT_COLUMNS.map(([k]) => String(s.counts[k])).join(' | ')} |`);
  if (!s.complete) lines.push('', '_The plan is incomplete: Terraform deferred some changes to a later plan, which this summary cannot show._');
  if (s.connectivityImpacts.length > 0) {
    lines.push('', `**⚠ connectivity-impacting** (${s.connectivityImpacts.length})`, '');
    for (const c of s.connectivityImpacts) lines.push(item(c, c.why));
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

/** One markdown document: a verdict line, then per stack a counts table and the changes to review. */
export function renderPlanSummaryMarkdown(summaries: readonly PlanSummary[], options: MarkdownOptions = {}): string {
  const v = verdict(summaries, options.allowConnectivityImpact === true);
  const icon = v.ok ? (summaries.some((s) => s.connectivityImpacts.length > 0) ? '⚠' : '✅') : '❌';
  const lines = ['## Terraform plan summary', '', `${icon} ${v.text.replace(/--allow-connectivity-impact/g, '`--allow-connectivity-impact`')}.`];
  for (const s of summaries) lines.push('', ...stackSection(s));
  return `${lines.join('\n')}\n`;
}
