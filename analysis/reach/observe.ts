/**
 * Lets a caller watch the reachability queries the intents make, and what each check expects of
 * them, without changing what the intents compute: `lz plan-summary` records the flow matrix this way
 * (analysis/flows/matrix.ts) and compares it before and after a plan. With no observer (every other
 * caller) the hooks do nothing.
 */
import type { Endpoint, Protocol, ReachResult } from './types';

/** What a check expects of a query: the flow must get through, or must be stopped. */
export type Expectation = 'reachable' | 'blocked';

/** The verdict of one check on one query. */
export type CheckVerdict = 'holds' | 'fails' | 'unknown';

/** Receives every query and every expectation while {@link observeReach} runs. */
export interface ReachObserver {
  /** A query and its result (`reach` returns a fresh result object per query). */
  query(from: Endpoint, to: Endpoint, protocol: Protocol, port: number, result: ReachResult): void;
  /** A check put this expectation on the query that returned `result`, with this verdict. */
  expectation(result: ReachResult, expected: Expectation, verdict: CheckVerdict): void;
}

let active: ReachObserver | undefined;

/** Runs `work` with `observer` receiving every query and expectation (nested calls restore the outer one). */
export function observeReach<T>(observer: ReachObserver, work: () => T): T {
  const outer = active;
  active = observer;
  try {
    return work();
  } finally {
    active = outer;
  }
}

/** True while an observer watches: shortcuts that skip queries (segment-classes.ts) must then query every pair. */
export function observing(): boolean {
  return active !== undefined;
}

/** Called by `reach` for every query. */
export function noteQuery(from: Endpoint, to: Endpoint, protocol: Protocol, port: number, result: ReachResult): void {
  active?.query(from, to, protocol, port, result);
}

/** Called by the intents' `expectReachable` and `expectBlocked`. */
export function noteExpectation(result: ReachResult, expected: Expectation, verdict: CheckVerdict): void {
  active?.expectation(result, expected, verdict);
}
