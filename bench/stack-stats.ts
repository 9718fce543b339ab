/** What a synthesized output holds: resources per stack and bytes on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countBlocks, readSynthOutput, stackFileBytes, type StackJson } from '../lib/synth-output/reader';

/** One stack's size. */
export interface StackStats {
  readonly name: string;
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

/** Every stack of a synthesized output, in manifest order. */
export function outputStats(outdir: string): StackStats[] {
  return readSynthOutput(outdir).stacks.map((s) => ({ name: s.name, ...countStack(s.json), bytes: stackFileBytes(s) }));
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
