/** What a synthesized output holds: resources per stack and bytes on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One stack's size. */
export interface StackStats {
  readonly name: string;
  /** Managed resources (`resource` blocks), not data sources. */
  readonly resources: number;
  readonly dataSources: number;
  /** Bytes of its cdk.tf.json. */
  readonly bytes: number;
}

type Blocks = Record<string, Record<string, unknown>> | undefined;
const countBlocks = (blocks: Blocks) => Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);

/** Resource and data-source counts of one stack's JSON. */
export function countStack(json: { resource?: Blocks; data?: Blocks }): { resources: number; dataSources: number } {
  return { resources: countBlocks(json.resource), dataSources: countBlocks(json.data) };
}

/** Every stack of a synthesized output, in manifest order. */
export function outputStats(outdir: string): StackStats[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.entries(manifest.stacks).map(([name, s]) => {
    const file = path.join(outdir, s.synthesizedStackPath);
    return { name, ...countStack(JSON.parse(fs.readFileSync(file, 'utf8'))), bytes: fs.statSync(file).size };
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
