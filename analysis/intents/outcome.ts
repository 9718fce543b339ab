/**
 * Checks and how they add up: a positive check holds on a path (request and reply), a negative one on
 * the component that stops the request; an unknown verdict never holds. A result is refuted when any
 * check fails, unknown when none fails but one is unknown, proved otherwise. A query whose request
 * is delivered but whose reply is dropped fails either kind of check and is also kept as a
 * {@link ReplyBlocked} observation, which `lz check` reports as a finding of its own.
 */
import { describeResult } from '../reach/format-path';
import { requestDelivered } from '../reach/reach';
import { noteExpectation, type Expectation } from '../reach/observe';
import type { Hop, Reachable, ReachResult } from '../reach/types';
import type { IntentId, IntentResult, ReplyBlocked } from './types';

/** One decided check. */
export interface Outcome {
  readonly verdict: 'holds' | 'fails' | 'unknown';
  /** `internet → shop-shop-prod/web-1 tcp/22`. */
  readonly label: string;
  /** The path or the blocking component (rendered on first read: most checks are folded away unread). */
  readonly evidence: string;
  readonly culprit?: string;
  /** Queries of this check whose request was delivered and whose reply was dropped. */
  readonly replyBlocked?: readonly ReplyBlocked[];
  /** True when the evidence is a query's path, which a like check of another subject may point to instead of repeating (see {@link withWitnesses}). */
  readonly path?: boolean;
}

/** Holding checks already written in full during one {@link withWitnesses} run: witness key → the subject that shows it. */
let witnesses: Map<string, string> | undefined;

/**
 * Runs `work` (an evaluation of the intent pack) keeping evidence proportional to the landing zone:
 * a check that holds is written with its full path only for the first subject of the intent whose
 * check has the same label (the subject's own name aside); later subjects count such checks in one
 * line naming the subject that shows the path. Failing and unknown checks always keep their full
 * evidence. `lz check --explain` prints any path on demand.
 */
export function withWitnesses<T>(work: () => T): T {
  const previous = witnesses;
  witnesses = new Map();
  try {
    return work();
  } finally {
    witnesses = previous;
  }
}

/** An outcome whose evidence text is built only when read. */
export function outcome(verdict: Outcome['verdict'], label: string, evidence: () => string, culprit?: string, replyBlocked?: readonly ReplyBlocked[], path?: boolean): Outcome {
  let text: string | undefined;
  return {
    verdict,
    label,
    get evidence() {
      text ??= evidence();
      return text;
    },
    ...(path ? { path } : {}),
    ...(culprit === undefined ? {} : { culprit }),
    ...(replyBlocked && replyBlocked.length > 0 ? { replyBlocked } : {}),
  };
}

/**
 * The component that let the request in: the last security-group rule that admitted it, else the
 * internet gateway it came in by, else the last Transit Gateway route (the propagation or static
 * route that handed it to the destination's attachment), else the last VPC route.
 */
export function permittingHop(path: readonly Hop[]): string | undefined {
  const hops = [...path].reverse();
  return (hops.find((h) => h.kind === 'security-group-rule') ?? hops.find((h) => h.kind === 'igw') ?? hops.find((h) => h.kind === 'tgw-route') ?? hops.find((h) => h.kind === 'route'))?.id;
}

/** The observation to keep when only the reply of a query was dropped. */
function replyBlocked(label: string, result: ReachResult): ReplyBlocked[] | undefined {
  return result.status === 'blocked' && result.blockedBy.direction === 'return' ? [{ label, result }] : undefined;
}

/**
 * The traffic must get there and back; `requirement` may add a condition on the path (it returns
 * why the path is wrong and the resource at fault).
 */
export function expectReachable(label: string, result: ReachResult, requirement?: (r: Reachable) => { readonly reason: string; readonly culprit?: string } | undefined): Outcome {
  return observed(result, 'reachable', reachableOutcome(label, result, requirement));
}

function reachableOutcome(label: string, result: ReachResult, requirement?: (r: Reachable) => { readonly reason: string; readonly culprit?: string } | undefined): Outcome {
  if (result.status === 'unknown') return outcome('unknown', label, () => describeResult(result), result.unresolved.component);
  if (result.status === 'blocked') return outcome('fails', label, () => describeResult(result), result.blockedBy.component, replyBlocked(label, result));
  const wrong = requirement?.(result);
  if (wrong) return outcome('fails', label, () => `${wrong.reason}: ${describeResult(result)}`, wrong.culprit ?? permittingHop(result.path));
  return outcome('holds', label, () => describeResult(result), undefined, undefined, true);
}

/**
 * The request must be stopped: one that is delivered fails whatever happens to its reply (a dropped
 * reply still let a datagram or a SYN in), naming the hop that let it in. `requirement` may reject a
 * block that happens too late (it returns why and the resource at fault).
 */
export function expectBlocked(label: string, result: ReachResult, requirement?: (hops: readonly Hop[]) => { readonly reason: string; readonly culprit?: string } | undefined): Outcome {
  return observed(result, 'blocked', blockedOutcome(label, result, requirement));
}

function blockedOutcome(label: string, result: ReachResult, requirement?: (hops: readonly Hop[]) => { readonly reason: string; readonly culprit?: string } | undefined): Outcome {
  if (result.status === 'reachable' || requestDelivered(result)) {
    const wrong = requirement?.(result.path);
    const oneWay = result.status === 'blocked' ? 'the request is delivered, only its reply is dropped: ' : result.status === 'unknown' ? 'the request is delivered (its reply is unknown before apply): ' : '';
    return outcome('fails', label, () => `${wrong ? `${wrong.reason}; ` : ''}${oneWay}${describeResult(result)}`, wrong?.culprit ?? permittingHop(result.path), replyBlocked(label, result));
  }
  if (result.status === 'unknown') return outcome('unknown', label, () => describeResult(result), result.unresolved.component);
  const late = requirement?.(result.path);
  if (late) return outcome('fails', label, () => `${late.reason}: ${describeResult(result)}`, late.culprit ?? result.blockedBy.component);
  return outcome('holds', label, () => describeResult(result), undefined, undefined, true);
}

/** Tells an observer of the queries (lz plan-summary's flow matrix, analysis/reach/observe.ts) what the check expected and decided. */
function observed(result: ReachResult, expected: Expectation, checked: Outcome): Outcome {
  noteExpectation(result, expected, checked.verdict);
  return checked;
}

/** A check decided without a query (a missing resource, an overlap). */
export function fact(label: string, holds: boolean, evidence: string, culprit?: string): Outcome {
  return outcome(holds ? 'holds' : 'fails', label, () => evidence, culprit);
}

/** A check that cannot be decided offline. */
export function undecided(label: string, evidence: string, culprit?: string): Outcome {
  return outcome('unknown', label, () => evidence, culprit);
}

const MARK = { holds: '✓', fails: '✗', unknown: '?' } as const;

/** Adds the checks of one subject up into a result; no checks at all is unknown (nothing was proved). */
export function conclude(id: IntentId, title: string, subject: string, outcomes: readonly Outcome[]): IntentResult {
  const failed = outcomes.find((o) => o.verdict === 'fails');
  const open = outcomes.find((o) => o.verdict === 'unknown');
  const status = failed ? 'refuted' : open || outcomes.length === 0 ? 'unknown' : 'proved';
  const order = { fails: 0, unknown: 1, holds: 2 } as const;
  const lines: string[] = [];
  // Holding checks of a kind already shown in full for another subject: counted per witness subject, one line.
  const alike = new Map<string, number>();
  for (const o of [...outcomes].sort((a, b) => order[a.verdict] - order[b.verdict])) {
    const shown = witnessOf(id, subject, o);
    if (shown === undefined) lines.push(`${MARK[o.verdict]} ${o.label}: ${o.evidence}`);
    else alike.set(shown, (alike.get(shown) ?? 0) + 1);
  }
  if (alike.size > 0) {
    lines.push(`✓ ${[...alike].map(([shown, n]) => `${n} check${n === 1 ? '' : 's'} held as for ${id} ${shown}`).join(', ')} (the same checks with ${subject}'s names; lz check --explain prints any path)`);
  }
  const culprit = (failed ?? open)?.culprit;
  const replyBlocked = outcomes.flatMap((o) => o.replyBlocked ?? []);
  return {
    id,
    title,
    subject,
    status,
    evidence: lines.length > 0 ? lines.join('\n') : 'nothing to check: the synthesized output has none of the resources this intent is about',
    ...(culprit === undefined ? {} : { culprit }),
    ...(replyBlocked.length > 0 ? { replyBlocked } : {}),
  };
}

/**
 * The subject whose evidence already shows a holding check of this kind in full (the label with the
 * subject's own name left out), or undefined when `o` is to be written in full: it fails, is unknown,
 * is a fact without a path, or is the first of its kind.
 */
function witnessOf(id: IntentId, subject: string, o: Outcome): string | undefined {
  if (o.verdict !== 'holds' || !o.path || !witnesses) return undefined;
  const key = `${id}\n${subject ? o.label.split(subject).join('\u0000') : o.label}`;
  const shown = witnesses.get(key);
  if (shown === undefined || shown === subject) {
    witnesses.set(key, subject);
    return undefined;
  }
  return shown;
}

/**
 * Like {@link all}, for checks against many peers (one per other VPC): the first failure's evidence,
 * then every other failure's culprit with the labels it fails (ten named per culprit), so that no
 * failing component goes unnamed while the line stays one line.
 */
export function allPeers(label: string, outcomes: readonly Outcome[], tried: string): Outcome {
  const folded = all(label, outcomes, tried);
  const failing = outcomes.filter((o) => o.verdict === 'fails');
  if (failing.length < 2) return folded;
  const culprits = new Map<string, string[]>();
  for (const o of failing.slice(1)) {
    const at = o.culprit ?? 'unnamed';
    culprits.set(at, [...(culprits.get(at) ?? []), o.label]);
  }
  const others = [...culprits].map(([at, labels]) => `${labels.length} more by ${at} (${labels.slice(0, 10).join(', ')}${labels.length > 10 ? ', …' : ''})`).join('; ');
  return outcome(folded.verdict, folded.label, () => `${folded.evidence} [also failed: ${others}]`, folded.culprit, folded.replyBlocked);
}

/**
 * Folds many checks of one kind into one line: the first failure (or unknown) when there is one,
 * else the first check's evidence and what else was tried.
 */
export function all(label: string, outcomes: readonly Outcome[], tried: string): Outcome {
  const worst = outcomes.find((o) => o.verdict === 'fails') ?? outcomes.find((o) => o.verdict === 'unknown');
  // Every folded check's one-way queries are kept, not only the first failure's.
  const replyBlocked = outcomes.flatMap((o) => (o.replyBlocked ?? []).map((r) => ({ ...r, label: `${label} (${r.label})` })));
  if (worst) return outcome(worst.verdict, `${label} (${worst.label})`, () => worst.evidence, worst.culprit, replyBlocked);
  if (outcomes.length === 0) return undecided(label, 'nothing to check');
  const first = outcomes[0];
  return outcome('holds', label, () => `${first.evidence} [all ${outcomes.length} held: ${tried}]`, undefined, undefined, first.path);
}
