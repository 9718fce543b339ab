/** The reachability diff as the first section of the plan summary, in plain text and in markdown. */
import type { FlowChange, IntentChange, Reachability, ReachabilityDiff, ResourceRef } from './reachability';

/** How many flows of one kind the markdown lists before it counts the rest (the PR comment has a size limit). */
export const MARKDOWN_FLOW_LIMIT = 12;

/** Longest reason a markdown table cell shows (the comment holds every stack's summary). */
const MARKDOWN_REASON_LENGTH = 120;

type Group = { readonly title: string; readonly flows: readonly FlowChange[] };

function groups(diff: ReachabilityDiff): Group[] {
  const of = (kind: FlowChange['change']) => diff.flows.filter((f) => f.change === kind);
  return [
    { title: 'newly denied', flows: of('denies') },
    { title: 'newly allowed', flows: of('allows') },
    { title: 'rerouted', flows: of('reroutes') },
    { title: 'other changes', flows: of('other') },
  ].filter((g) => g.flows.length > 0);
}

/** `address`, with its stack when it is not the one stack planned. */
function resourceText(diff: ReachabilityDiff, r: ResourceRef | string): string {
  if (typeof r === 'string') return r;
  return diff.stacks.length === 1 && diff.stacks[0] === r.stack ? r.address : `${r.address} (${r.stack})`;
}

const STATE: Readonly<Record<string, string>> = { allowed: 'allowed', 'one-way': 'one-way (reply dropped)', denied: 'denied', unknown: 'unknown until apply', absent: 'not there' };

/** `I2 requires it (held, now fails)`: the checks that say why the change matters. */
function checksText(f: FlowChange): string {
  const relevant = f.checks.filter((c) => c.before !== c.after || (c.after !== undefined && c.after !== 'holds'));
  return relevant
    .map((c) => {
      const what = `${c.intent} ${c.expected === 'reachable' ? 'requires' : 'forbids'} it`;
      const was = c.before === undefined ? 'not checked' : c.before === 'holds' ? 'held' : c.before === 'fails' ? 'failed' : 'unknown';
      const now = c.after === undefined ? 'not checked' : c.after === 'holds' ? 'holds' : c.after === 'fails' ? 'fails' : 'unknown';
      return `${what} (${was}, now ${now})`;
    })
    .join('; ');
}

function flowName(f: FlowChange): string {
  return `${f.from} → ${f.to} ${f.protocol}/${f.port}`;
}

function decidedText(diff: ReachabilityDiff, f: FlowChange): string | undefined {
  if (f.via) return `${f.via.direction === 'reply' ? 'the reply ' : ''}now via ${f.via.after} (was ${f.via.before})`;
  if (!f.decidedAt) return undefined;
  const where = resourceText(diff, f.decidedAt.resource);
  return f.decidedAt.side === 'after' ? `at ${where}: ${f.decidedAt.reason}` : `was stopped at ${where}: ${f.decidedAt.reason}`;
}

function intentLine(diff: ReachabilityDiff, i: IntentChange): string {
  const culprit = i.culprit ? ` at ${resourceText(diff, i.culprit)}` : '';
  return `${i.id} ${i.subject}: ${i.before} → ${i.after}${culprit}`;
}

const changedText = (diff: ReachabilityDiff, refs: readonly ResourceRef[]): string => refs.map((r) => resourceText(diff, r)).join(', ');

function scope(diff: ReachabilityDiff): string {
  return `today (the prior state) → after applying ${diff.stacks.join(', ')}`;
}

function totals(diff: ReachabilityDiff): string {
  const extra = [
    diff.newFlowsDenied > 0 ? `${diff.newFlowsDenied} new flows stopped as expected` : '',
    diff.flowsGone > 0 ? `${diff.flowsGone} flows no longer exist` : '',
  ].filter((s) => s !== '');
  return `${diff.flowsCompared} flows and ${diff.intentsCompared} intent results compared${extra.length > 0 ? `; ${extra.join(', ')}` : ''}`;
}

/** One line when nothing changed, else undefined. */
function quiet(diff: ReachabilityDiff): string | undefined {
  const n = diff.changes.length;
  if (diff.sameNetwork) return `no flow or intent can change: the network model reads the same before and after ${n === 1 ? 'the 1 change' : `the ${n} changes`} of this plan`;
  if (diff.flows.length === 0 && diff.intents.length === 0) return `no flow and no intent verdict changes (${totals(diff)})`;
  return undefined;
}

/** The section for the terminal: one line per changed flow and intent, with where it is decided and what changed it. */
export function reachabilityText(r: Reachability): string[] {
  if (!r.evaluated) return [`reachability: not evaluated: ${r.reason}`];
  const diff = r;
  const q = quiet(diff);
  if (q) return [`reachability diff, ${scope(diff)}: ${q}`];
  const out = [`reachability diff, ${scope(diff)} (${totals(diff)}):`];
  for (const g of groups(diff)) {
    out.push(`  ${g.title} (${g.flows.length}):`);
    for (const f of g.flows) {
      out.push(`    ${f.violates ? '✗' : '•'} ${flowName(f)}: ${STATE[f.before]} → ${STATE[f.after]}`);
      const at = decidedText(diff, f);
      if (at) out.push(`        ${at}`);
      if (f.changedBy.length > 0) out.push(`        changed by: ${changedText(diff, f.changedBy)}`);
      const checks = checksText(f);
      if (checks) out.push(`        ${checks}`);
    }
  }
  if (diff.intents.length > 0) {
    out.push(`  intents that change verdict (${diff.intents.length}):`);
    for (const i of diff.intents) {
      out.push(`    ${i.violates ? '✗' : '•'} ${intentLine(diff, i)}`);
      if (i.evidence && i.after !== 'proved') out.push(`        ${i.evidence}`);
      if (i.changedBy.length > 0) out.push(`        changed by: ${changedText(diff, i.changedBy)}`);
    }
  }
  if (diff.unknownAfterApply.length > 0) {
    out.push(`  unknown until apply (${diff.unknownAfterApply.length}):`);
    for (const u of diff.unknownAfterApply) out.push(`    ? ${resourceText(diff, u.resource)} ${u.field}: ${u.reason}`);
  }
  return out;
}

function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The section for the pull-request comment: a table per kind of flow change, then the intents whose verdict changes. */
export function reachabilityMarkdown(r: Reachability): string[] {
  const lines = ['### Reachability diff', ''];
  if (!r.evaluated) return [...lines, `_Not evaluated: ${r.reason}._`];
  const diff = r;
  lines.push(`_${scope(diff).replace(/^today/, 'Today')}: every flow the intents probe, and every intent._`);
  const q = quiet(diff);
  if (q) return [...lines, '', `✅ ${q.charAt(0).toUpperCase()}${q.slice(1)}.`];
  lines.push('', `${totals(diff).charAt(0).toUpperCase()}${totals(diff).slice(1)}.`);
  for (const g of groups(diff)) {
    const violating = g.flows.filter((f) => f.violates).length;
    lines.push('', `**${g.title.charAt(0).toUpperCase()}${g.title.slice(1)}** (${g.flows.length}${violating > 0 ? `, ${violating} against an intent` : ''})`, '');
    lines.push('| | flow | before → after | decided at | changed by | intents |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of g.flows.slice(0, MARKDOWN_FLOW_LIMIT)) {
      const reason = f.decidedAt && f.decidedAt.reason.length > MARKDOWN_REASON_LENGTH ? `${f.decidedAt.reason.slice(0, MARKDOWN_REASON_LENGTH - 1)}…` : f.decidedAt?.reason;
      const at = f.via ? cell(decidedText(diff, f) ?? '') : f.decidedAt ? `${f.decidedAt.side === 'before' ? 'was: ' : ''}${code(resourceText(diff, f.decidedAt.resource))}: ${cell(reason ?? '')}` : '';
      const by = f.changedBy.map((c) => code(resourceText(diff, c))).join(', ');
      lines.push(`| ${f.violates ? '✗' : ''} | ${cell(`${f.from} → ${f.to}`)} ${f.protocol}/${f.port} | ${STATE[f.before]} → **${STATE[f.after]}** | ${at} | ${by} | ${cell(checksText(f))} |`);
    }
    if (g.flows.length > MARKDOWN_FLOW_LIMIT) lines.push('', `_… and ${g.flows.length - MARKDOWN_FLOW_LIMIT} more (\`lz plan-summary --json\` lists them all)._`);
  }
  if (diff.intents.length > 0) {
    lines.push('', `**Intents that change verdict** (${diff.intents.length})`, '');
    for (const i of diff.intents) {
      const culprit = i.culprit ? ` at ${code(resourceText(diff, i.culprit))}` : '';
      const by = i.changedBy.length > 0 ? `; changed by ${i.changedBy.map((c) => code(resourceText(diff, c))).join(', ')}` : '';
      lines.push(`- ${i.violates ? '✗' : '•'} **${i.id}** ${cell(i.subject)}: ${i.before} → **${i.after}**${culprit}${by}`);
    }
  }
  if (diff.unknownAfterApply.length > 0) {
    lines.push('', `**Unknown until apply** (${diff.unknownAfterApply.length}): never counted as allowed`, '');
    for (const u of diff.unknownAfterApply.slice(0, MARKDOWN_FLOW_LIMIT)) lines.push(`- ${code(resourceText(diff, u.resource))} \`${u.field}\`: ${u.reason}`);
  }
  return lines;
}
