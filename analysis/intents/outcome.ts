/**
 * Checks and how they add up: a positive check holds on a path, a negative one on the component that
 * blocks; an unknown verdict never holds. A result is refuted when any check fails, unknown when
 * none fails but one is unknown, proved otherwise.
 */
import { describeResult } from '../reach/format-path';
import type { Hop, Reachable, ReachResult } from '../reach/types';
import type { IntentId, IntentResult } from './types';

/** One decided check. */
export interface Outcome {
  readonly verdict: 'holds' | 'fails' | 'unknown';
  /** `internet → shop-shop-prod/web-1 tcp/22`. */
  readonly label: string;
  /** The path or the blocking component (rendered on first read: most checks are folded away unread). */
  readonly evidence: string;
  readonly culprit?: string;
}

/** An outcome whose evidence text is built only when read. */
export function outcome(verdict: Outcome['verdict'], label: string, evidence: () => string, culprit?: string): Outcome {
  let text: string | undefined;
  return {
    verdict,
    label,
    get evidence() {
      text ??= evidence();
      return text;
    },
    ...(culprit === undefined ? {} : { culprit }),
  };
}

/**
 * The component that let traffic through: the last security-group rule that admitted it, else the
 * internet gateway it came in by, else the last route.
 */
export function permittingHop(result: Reachable): string | undefined {
  const hops = [...result.path].reverse();
  return (hops.find((h) => h.kind === 'security-group-rule') ?? hops.find((h) => h.kind === 'igw') ?? hops.find((h) => h.kind === 'tgw-route' || h.kind === 'route'))?.id;
}

/**
 * The traffic must get there and back; `requirement` may add a condition on the path (it returns
 * why the path is wrong and the resource at fault).
 */
export function expectReachable(label: string, result: ReachResult, requirement?: (r: Reachable) => { readonly reason: string; readonly culprit?: string } | undefined): Outcome {
  if (result.status === 'unknown') return outcome('unknown', label, () => describeResult(result), result.unresolved.component);
  if (result.status === 'blocked') return outcome('fails', label, () => describeResult(result), result.blockedBy.component);
  const wrong = requirement?.(result);
  if (wrong) return outcome('fails', label, () => `${wrong.reason}: ${describeResult(result)}`, wrong.culprit ?? permittingHop(result));
  return outcome('holds', label, () => describeResult(result));
}

/**
 * The traffic must be stopped; `requirement` may reject a block that happens too late (it returns
 * why and the resource at fault).
 */
export function expectBlocked(label: string, result: ReachResult, requirement?: (hops: readonly Hop[]) => { readonly reason: string; readonly culprit?: string } | undefined): Outcome {
  if (result.status === 'unknown') return outcome('unknown', label, () => describeResult(result), result.unresolved.component);
  if (result.status === 'reachable') {
    const wrong = requirement?.(result.path);
    return outcome('fails', label, () => `${wrong ? `${wrong.reason}; ` : ''}${describeResult(result)}`, wrong?.culprit ?? permittingHop(result));
  }
  const late = requirement?.(result.path);
  if (late) return outcome('fails', label, () => `${late.reason}: ${describeResult(result)}`, late.culprit ?? result.blockedBy.component);
  return outcome('holds', label, () => describeResult(result));
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
  const lines = [...outcomes].sort((a, b) => order[a.verdict] - order[b.verdict]).map((o) => `${MARK[o.verdict]} ${o.label}: ${o.evidence}`);
  const culprit = (failed ?? open)?.culprit;
  return {
    id,
    title,
    subject,
    status,
    evidence: lines.length > 0 ? lines.join('\n') : 'nothing to check: the synthesized output has none of the resources this intent is about',
    ...(culprit === undefined ? {} : { culprit }),
  };
}

/**
 * Folds many checks of one kind into one line: the first failure (or unknown) when there is one,
 * else the first check's evidence and what else was tried.
 */
export function all(label: string, outcomes: readonly Outcome[], tried: string): Outcome {
  const worst = outcomes.find((o) => o.verdict === 'fails') ?? outcomes.find((o) => o.verdict === 'unknown');
  if (worst) return outcome(worst.verdict, `${label} (${worst.label})`, () => worst.evidence, worst.culprit);
  if (outcomes.length === 0) return undecided(label, 'nothing to check');
  return outcome('holds', label, () => `${outcomes[0].evidence} [all ${outcomes.length} held: ${tried}]`);
}
