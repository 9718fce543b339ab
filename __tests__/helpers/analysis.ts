/**
 * Synthesized output for analysis tests: the default landing zone (or a named fixture) synthesized
 * once per test file into a temporary directory, and its stacks as in-memory JSON that fault-injection
 * tests mutate before handing it to `graphFromJson`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StackJson } from '../../analysis/graph/load';
import { synthesize } from '../../cli/synth';
import { defaultLandingZone, fixtureLandingZone } from './landing-zone';
import { tempDir } from './temp';

const synthesized = new Map<string, string>();

function synthOnce(key: string, build: () => Parameters<typeof synthesize>[0]): string {
  const done = synthesized.get(key);
  if (done) return done;
  const outdir = synthesize(build(), path.join(tempDir('lz-analysis-'), 'cdktf.out')).outdir;
  synthesized.set(key, outdir);
  return outdir;
}

/** The output directory of the embedded default landing zone, synthesized on first use (removed after the test file). */
export function synthDefault(): string {
  return synthOnce('default', defaultLandingZone);
}

/** The output directory of a fixture config (`valid/per-az-and-isolated.yaml`), synthesized on first use. */
export function synthFixture(name: string): string {
  return synthOnce(`fixture:${name}`, () => fixtureLandingZone(name));
}

/** Every stack of an output directory in manifest order, freshly parsed (callers may mutate the JSON). */
export function readStacks(dir: string): (StackJson & { json: Record<string, any> })[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { name: string; dependencies: string[]; synthesizedStackPath: string; workingDirectory: string }>;
  };
  return Object.values(manifest.stacks).map((s) => ({
    name: s.name,
    dependencies: s.dependencies,
    file: s.synthesizedStackPath,
    workingDirectory: s.workingDirectory,
    json: JSON.parse(readFileSync(path.join(dir, s.synthesizedStackPath), 'utf8')),
  }));
}

/** The stack named `name` of a {@link readStacks} result, or a failing test. */
export function stackNamed<T extends { name: string }>(stacks: readonly T[], name: string): T {
  const found = stacks.find((s) => s.name === name);
  if (!found) throw new Error(`no stack ${name} among ${stacks.map((s) => s.name).join(', ')}`);
  return found;
}
