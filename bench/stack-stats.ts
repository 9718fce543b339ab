/** What a synthesized output holds: resources per stack and bytes on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackEntry, StackKind } from '../config/stack-list';
import { countBlocks, readSynthOutput, stackFileBytes, type StackJson } from '../lib/synth-output/reader';

/** One stack's size. */
export interface StackStats {
  readonly name: string;
  /** What the stack holds, from the config's stack list (config/stack-list.ts), not guessed from its name. */
  readonly kind: StackKind;
  /** The spoke of a `spoke` or `vpn-pki` stack. */
  readonly spoke?: string;
  /** The benchmark shape of that spoke (bench/generate.ts `SHAPES`). */
  readonly shape?: string;
  /** Managed resources (`resource` blocks), not data sources. */
  readonly resources: number;
  readonly dataSources: number;
  /** Bytes of its cdk.tf.json. */
  readonly bytes: number;
}

/** Resource and data-source counts of one stack's JSON. */
export function countStack(json: Pick<StackJson, 'resource' | 'data'>): { resources: number; dataSources: number } {
  return { resources: countBlocks(json.resource), dataSources: countBlocks(json.data) };
}

/**
 * Every stack of a synthesized output, in manifest order, with its kind, spoke and shape from `list`
 * (`landingZoneStackList` of the config synthesized) and `shapeOf` (a spoke's benchmark shape). A stack
 * the list does not have is an error: the output is not of that config.
 */
export function outputStats(outdir: string, list: readonly StackEntry[], shapeOf: (spoke: string) => string | undefined = () => undefined): StackStats[] {
  const byName = new Map(list.map((e) => [e.name, e]));
  return readSynthOutput(outdir).stacks.map((s) => {
    const entry = byName.get(s.name);
    if (!entry) throw new Error(`${outdir}: stack ${s.name} is not in the config's stack list`);
    const shape = entry.spoke === undefined ? undefined : shapeOf(entry.spoke);
    return { name: s.name, kind: entry.kind, ...(entry.spoke === undefined ? {} : { spoke: entry.spoke }), ...(shape === undefined ? {} : { shape }), ...countStack(s.json), bytes: stackFileBytes(s) };
  });
}

/** Total bytes of every file under `dir`. */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(p) : fs.statSync(p).size;
  }
  return total;
}
