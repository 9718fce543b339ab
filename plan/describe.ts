/** Wording shared by the markdown and text renderings of a plan summary. */
import { AcknowledgedAddress, acknowledges, appliesTo, ConnectivityAcknowledgement } from './acknowledgement';
import { type Reachability, unchanged, type Violation, violations } from './reachability';
import { PlanCounts, PlanSummary, ResourceChangeSummary } from './summary';

/** Column order and headings of the counts, as the renderings print them. */
export const COUNT_COLUMNS: readonly (readonly [keyof PlanCounts, string])[] = [
  ['create', 'create'],
  ['update', 'update'],
  ['replace', 'replace'],
  ['delete', 'delete'],
  ['move', 'move'],
  ['import', 'import'],
  ['forget', 'forget'],
  ['read', 'read'],
  ['noOp', 'no-op'],
];

/** Terraform's `action_reason` values in words (json-format "resource_changes" reference). */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted',
  replace_by_request: 'replacement requested with -replace',
  replace_by_triggers: 'replace_triggered_by fired',
  delete_because_no_resource_config: 'removed from the configuration; renamed without a `moved` block?',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each changed on the resource',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_move_target: 'the target of its `moved` block does not exist',
};

/** Why Terraform plans this change, in words: the forcing attributes of a replacement, or its reason. */
export function reasonText(c: ResourceChangeSummary, code: (s: string) => string = (s) => s): string | undefined {
  const parts: string[] = [];
  if (c.replacePaths.length > 0) parts.push(`forced by ${c.replacePaths.map(code).join(', ')}`);
  else if (c.reason && c.reason !== 'replace_because_cannot_update') parts.push(REASONS[c.reason] ?? c.reason);
  if (c.previousAddress) parts.push(`moved from ${code(c.previousAddress)}`);
  if (c.deposed) parts.push(`deposed object ${c.deposed}, left by an earlier create_before_destroy`);
  if (c.action === 'forget') parts.push('removed from state only; the object stays in AWS');
  if (c.actions.join(',') === 'create,forget') parts.push('the old object stays in AWS, unmanaged');
  if (c.importing) parts.push('imported');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Replacements, deletions and forgets outside the connectivity table, which a reviewer still wants to see. */
export function otherDestructiveChanges(s: PlanSummary): ResourceChangeSummary[] {
  const flagged = new Set(s.connectivityImpacts.map((c) => `${c.address} ${c.deposed ?? ''}`));
  return s.changes.filter((c) => (c.action === 'replace' || c.action === 'delete' || c.action === 'forget') && !flagged.has(`${c.address} ${c.deposed ?? ''}`));
}

/** Changes whose object only gets a new address. */
export function moves(s: PlanSummary): ResourceChangeSummary[] {
  return s.changes.filter((c) => c.previousAddress !== undefined);
}

/** What a reviewer let through the blast-radius guard. */
export interface Allowance {
  /** Every connectivity-impacting change (`--allow-connectivity-impact`; the pull-request label in CI). @default false */
  readonly allowConnectivityImpact?: boolean;
  /** The addresses of an acknowledgement file (`--allow-connectivity-impact-from`). */
  readonly acknowledgement?: ConnectivityAcknowledgement;
  /** The pull request being planned (`--pull-request`; 0: the commit came from none): a file for another one acknowledges nothing. @default any */
  readonly pullRequest?: number;
  /**
   * The reachability diff of the plans (plan/reachability.ts): a connectivity-impacting change that
   * leaves every flow and intent as it was is reported, not failed; a flow or intent it breaks must be
   * acknowledged like a connectivity-impacting change. @default none: the resource-level guard alone
   */
  readonly reachability?: Reachability;
  /** The diff was asked for by name (`--outdir`): one that cannot be evaluated fails the run. @default false */
  readonly reachabilityRequired?: boolean;
}

/** The guard's decision over every stack. */
export interface Verdict {
  readonly ok: boolean;
  /** One line, without a final period. */
  readonly text: string;
  /**
   * Changes to acknowledge over every stack, acknowledged or not: connectivity-impacting changes (none
   * when the reachability diff shows they change nothing), and the changes a reachability violation is
   * laid to.
   */
  readonly impacts: number;
  /** Connectivity-impacting changes the reachability diff shows to change no flow and no intent verdict: reported, not failed. */
  readonly benign?: number;
  /** Flow checks and intent results the reachability diff shows to break. */
  readonly violations?: number;
  /** The connectivity-impacting changes nobody allowed, one entry per change (a deposed object repeats its address); the run fails when there is any. */
  readonly unacknowledged: readonly AcknowledgedAddress[];
  /** Addresses the file acknowledges in the summarized stacks that the plans do not replace or delete: a typo or a stale entry. */
  readonly unused: readonly AcknowledgedAddress[];
  /** Set when a file was given: whether it names this pull request and so counts. */
  readonly acknowledgementApplies?: boolean;
}

const asAllowance = (a: boolean | Allowance): Allowance => (typeof a === 'boolean' ? { allowConnectivityImpact: a } : a);

/** True when the acknowledgement file (one that applies to this run) names the change; the blanket flag is not counted here. */
export function acknowledgedByFile(allowance: boolean | Allowance, stack: string, c: ResourceChangeSummary): boolean {
  const { acknowledgement: ack, pullRequest } = asAllowance(allowance);
  return ack !== undefined && appliesTo(ack, pullRequest) && acknowledges(ack, stack, c.address);
}

/** Acknowledged addresses of the summarized stacks that no connectivity-impacting change (or change a reachability violation is laid to) matches. */
export function unusedAcknowledgements(summaries: readonly PlanSummary[], allowance: boolean | Allowance): AcknowledgedAddress[] {
  const { acknowledgement: ack, pullRequest, reachability } = asAllowance(allowance);
  if (!ack || !appliesTo(ack, pullRequest)) return [];
  const blamed = violations(reachability).flatMap((v) => v.changedBy);
  const used = (stack: string, a: string) => summaries.some((s) => s.stack === stack && s.connectivityImpacts.some((c) => c.address === a)) || blamed.some((r) => r.stack === stack && r.address === a);
  return summaries.flatMap((s) => (ack.stacks[s.stack] ?? []).filter((a) => !used(s.stack, a)).map((a) => ({ stack: s.stack, address: a })));
}

/** True when the acknowledgement file (one that applies) names a change the violation is laid to. */
export function violationAcknowledged(allowance: boolean | Allowance, v: Violation): boolean {
  const { acknowledgement: ack, pullRequest } = asAllowance(allowance);
  return ack !== undefined && appliesTo(ack, pullRequest) && v.changedBy.some((r) => acknowledges(ack, r.stack, r.address));
}

/** True when the reachability diff shows that the connectivity-impacting changes change no flow and no intent verdict. */
export function impactsBenign(allowance: boolean | Allowance): boolean {
  const r = asAllowance(allowance).reachability;
  return r?.evaluated === true && unchanged(r);
}

/** `not #42`, or for pull request 0 (a commit that came from no pull request) says so. */
const otherRun = (pullRequest: number | undefined): string => (pullRequest === 0 ? 'and this commit came from no pull request' : `not #${pullRequest}`);

/** Why the acknowledgement file does not count here, or undefined when it does (or there is none). */
export function ignoredAcknowledgement(allowance: boolean | Allowance): string | undefined {
  const { acknowledgement: ack, pullRequest } = asAllowance(allowance);
  if (!ack || appliesTo(ack, pullRequest)) return undefined;
  return `${ack.file} acknowledges pull request #${ack.pullRequest}, ${otherRun(pullRequest)}: it acknowledges nothing here (delete it or update it)`;
}

/**
 * The one-line verdict over every stack: ok when no connectivity-impacting change is left that the
 * blanket flag or the acknowledgement file does not allow. `allowance` as a boolean is the blanket flag.
 */
export function verdict(summaries: readonly PlanSummary[], allowance: boolean | Allowance = {}): Verdict {
  const a = asAllowance(allowance);
  const r = a.reachability;
  if (r === undefined) return resourceVerdict(summaries, a);
  if (!r.evaluated) {
    const v = resourceVerdict(summaries, a);
    return a.reachabilityRequired ? { ...v, ok: false, text: `${v.text}; the reachability diff could not be evaluated: ${r.reason.split('\n')[0].replace(/:$/, '')}` } : v;
  }
  return reachabilityVerdict(summaries, a);
}

/** The guard's decision from the replacements and deletions alone (no reachability diff). */
function resourceVerdict(summaries: readonly PlanSummary[], a: Allowance): Verdict {
  const ack = a.acknowledgement;
  const applies = ack === undefined ? undefined : appliesTo(ack, a.pullRequest);
  const base = { unused: unusedAcknowledgements(summaries, a), ...(applies === undefined ? {} : { acknowledgementApplies: applies }) };
  const impacted = summaries.filter((s) => s.connectivityImpacts.length > 0);
  const total = impacted.reduce((n, s) => n + s.connectivityImpacts.length, 0);
  if (total === 0) return { ...base, ok: true, impacts: 0, unacknowledged: [], text: `no connectivity-impacting change in ${summaries.length} stack${summaries.length === 1 ? '' : 's'}` };
  const where = impacted.length === 1 ? impacted[0].stack : impacted.map((s) => `${s.stack} (${s.connectivityImpacts.length})`).join(', ');
  const what = `${total} connectivity-impacting change${total === 1 ? '' : 's'} in ${where}`;
  if (a.allowConnectivityImpact === true) return { ...base, ok: true, impacts: total, unacknowledged: [], text: `${what}, allowed with --allow-connectivity-impact` };
  const unacknowledged = impacted.flatMap((s) => s.connectivityImpacts.filter((c) => !acknowledgedByFile(a, s.stack, c)).map((c) => ({ stack: s.stack, address: c.address })));
  const result = { ...base, impacts: total, unacknowledged };
  if (ack && applies) {
    const named = `${ack.file} (pull request #${ack.pullRequest})`;
    if (unacknowledged.length === 0) return { ...result, ok: true, text: `${what}, all acknowledged in ${named}` };
    return { ...result, ok: false, text: `${what}, ${unacknowledged.length} not acknowledged in ${named}: review them, then add them to it or re-run with --allow-connectivity-impact if they are intended` };
  }
  const note = ack ? ` (${ack.file} acknowledges pull request #${ack.pullRequest}, ${otherRun(a.pullRequest)})` : '';
  return { ...result, ok: false, text: `${what}: review them, then re-run with --allow-connectivity-impact if they are intended${note}` };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The decision with the reachability diff: a connectivity-impacting change is reported, not failed,
 * when the diff shows no flow and no intent verdict change; each violation (a flow check or intent
 * result the plan breaks) must be acknowledged like one, by the blanket flag or by the file naming a
 * change it is laid to.
 */
function reachabilityVerdict(summaries: readonly PlanSummary[], a: Allowance): Verdict {
  const ack = a.acknowledgement;
  const applies = ack === undefined ? undefined : appliesTo(ack, a.pullRequest);
  const base = { unused: unusedAcknowledgements(summaries, a), ...(applies === undefined ? {} : { acknowledgementApplies: applies }) };
  const impacted = summaries.filter((s) => s.connectivityImpacts.length > 0);
  const total = impacted.reduce((n, s) => n + s.connectivityImpacts.length, 0);
  const benign = impactsBenign(a);
  const broken = violations(a.reachability);
  const where = impacted.length === 1 ? impacted[0].stack : impacted.map((s) => `${s.stack} (${s.connectivityImpacts.length})`).join(', ');
  const counts = { benign: benign ? total : 0, violations: broken.length };
  if (total === 0 && broken.length === 0) {
    return { ...base, ...counts, ok: true, impacts: 0, unacknowledged: [], text: `no connectivity-impacting change and no reachability violation in ${plural(summaries.length, 'stack')}` };
  }
  if (benign) {
    return { ...base, ...counts, ok: true, impacts: 0, unacknowledged: [], text: `${plural(total, 'connectivity-impacting change')} in ${where}, none of which changes a flow or an intent verdict (reachability diff): reported, not failed` };
  }
  // What a reviewer acknowledges: each connectivity-impacting change, and the changes each violation is laid to.
  const toReview = new Map<string, AcknowledgedAddress & { readonly acknowledged: boolean }>();
  for (const s of impacted) for (const c of s.connectivityImpacts) toReview.set(`${s.stack} ${c.address} ${c.deposed ?? ''}`, { stack: s.stack, address: c.address, acknowledged: acknowledgedByFile(a, s.stack, c) });
  for (const v of broken) {
    const acknowledged = violationAcknowledged(a, v);
    // Laid to no single change: only the blanket flag acknowledges it.
    if (v.changedBy.length === 0) toReview.set(`* ${v.text}`, { stack: a.reachability?.evaluated ? a.reachability.stacks.join(', ') : '', address: v.text, acknowledged: false });
    for (const ref of v.changedBy) {
      const key = `${ref.stack} ${ref.address} `;
      const seen = toReview.get(key);
      toReview.set(key, { stack: ref.stack, address: ref.address, acknowledged: (seen?.acknowledged ?? true) && acknowledged });
    }
  }
  const flowsBroken = broken.filter((v) => v.kind === 'flow').length;
  const brokenText = `${plural(broken.length, 'reachability violation')} (${[flowsBroken > 0 ? plural(flowsBroken, 'flow') : '', broken.length > flowsBroken ? plural(broken.length - flowsBroken, 'intent result') : ''].filter((t) => t !== '').join(', ')})`;
  const parts = [total > 0 ? `${plural(total, 'connectivity-impacting change')} in ${where}` : '', broken.length > 0 ? brokenText : ''];
  const what = parts.filter((p) => p !== '').join(' and ');
  const impacts = toReview.size;
  if (a.allowConnectivityImpact === true) return { ...base, ...counts, ok: true, impacts, unacknowledged: [], text: `${what}, allowed with --allow-connectivity-impact` };
  const unacknowledged = [...toReview.values()].filter((e) => !e.acknowledged).map(({ stack, address }) => ({ stack, address }));
  const result = { ...base, ...counts, impacts, unacknowledged };
  if (ack && applies) {
    const named = `${ack.file} (pull request #${ack.pullRequest})`;
    if (unacknowledged.length === 0) return { ...result, ok: true, text: `${what}, all acknowledged in ${named}` };
    return { ...result, ok: false, text: `${what}, ${unacknowledged.length} not acknowledged in ${named}: review them, then add them to it or re-run with --allow-connectivity-impact if they are intended` };
  }
  const note = ack ? ` (${ack.file} acknowledges pull request #${ack.pullRequest}, ${otherRun(a.pullRequest)})` : '';
  return { ...result, ok: false, text: `${what}: review them, then re-run with --allow-connectivity-impact if they are intended${note}` };
}
