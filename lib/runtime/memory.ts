/**
 * Peak memory of the analysis at scale. `lz check` keeps a small live model (about 170 MB at 1,000
 * spokes) but allocates several hundred megabytes of short-lived paths per intent; V8 grows its old
 * space instead of collecting (the default limit is a quarter of the machine's memory), so the
 * process peaked at about 1 GB while the live data stayed under 200 MB (bench/NOTES.md). A full
 * collection between the phases of a large analysis keeps the peak close to the live set; small
 * landing zones skip it (it would only cost time).
 * https://nodejs.org/api/v8.html#v8setflagsfromstringflags (runtime flags; `--expose-gc` exposes
 * `gc` to contexts created afterwards, which is how this obtains it without a command-line flag).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Resources from which a collection between phases pays for itself (about 400 spokes; below, the peak stays under 500 MB without it). */
export const COLLECT_FROM_RESOURCES = 40_000;

let collector: (() => void) | null | undefined;

/** The engine's full collection, obtained once; null when the runtime refuses it. */
function fullCollection(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    collector = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collector = null;
  }
  return collector;
}

/** Collects garbage between two phases of an analysis of `resources` resources, when that many make it worth it. */
export function betweenPhases(resources: number): void {
  if (resources >= COLLECT_FROM_RESOURCES) fullCollection()?.();
}
