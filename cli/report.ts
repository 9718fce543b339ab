/**
 * Building and writing `REPORT.md` from a synthesized output directory: used by `npm run synth` /
 * `lz synth` (inside the atomic synth, before the swap) and by `lz report` (over an existing synth,
 * with the `lz check` result when there is one). Files are written to a temporary name and renamed,
 * so a reader never sees half a report.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cidrOf } from '../lib/net/range';
import { configHash } from '../config/hash';
import { LandingZone } from '../config/model';
import { AnalysisSummary, parseAnalysisSummary } from '../report/findings';
import { priceBookFor } from '../report/prices';
import { ReportInput } from '../report/render';
import { readSynthesized, resourcesOf, SynthesizedApp } from '../report/synthesized';
import { describeStackListMismatch, stackListMismatch } from '../config/stack-list';
import { readSynthManifest, SynthOutputError } from '../lib/synth-output/reader';

/** The report's file name inside the output directory. */
export const REPORT_FILE = 'REPORT.md';

/** Where `lz check` leaves its result for the report. */
export const ANALYSIS_FILE = 'analysis.json';

/** Why a report cannot be built; the message says what to do. */
export class ReportError extends Error {}

/** Writes `text` to `file` through a temporary sibling and a rename, so the file is whole or absent. */
export function writeFileAtomic(file: string, text: string, mode?: number): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, mode === undefined ? undefined : { mode });
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Refuses an output whose stacks are not {@link stackListMismatch}'s list for `lz` (config/stack-list.ts,
 * the list synthesis builds from): the one stale/missing-stack test of `lz report` and `lz check`.
 */
export function assertStackList(lz: LandingZone, found: readonly string[], outdir: string): void {
  const mismatch = stackListMismatch(lz, found);
  if (mismatch) {
    throw new ReportError(`${outdir} was synthesized from another config (stacks ${mismatch.found.join(', ')}; this config has ${mismatch.expected.join(', ')}: ${describeStackListMismatch(mismatch)}) — run \`lz synth\` with this config first`);
  }
}

/**
 * Refuses a synth that does not match the config: other stacks, or a VPC whose range differs. A
 * report mixing a config with another config's JSON would be wrong in ways nobody could see.
 */
export function assertMatchesConfig(lz: LandingZone, app: SynthesizedApp, outdir: string): void {
  assertStackList(lz, app.stacks.map((s) => s.name), outdir);
  const configured = new Set([lz.hub.egress?.cidr, lz.hub.endpoints?.cidr, lz.hub.inspection?.cidr, ...lz.spokes.map((s) => s.vpc.cidr)].filter((c): c is string => !!c).map((c) => cidrOf(c).text));
  for (const stack of app.stacks) {
    for (const [, vpc] of resourcesOf(stack, 'aws_vpc')) {
      if (!configured.has(String(vpc.cidr_block))) {
        throw new ReportError(`${outdir} is out of date: stack ${stack.name} has a VPC ${String(vpc.cidr_block)} the config does not — run \`lz synth\` first`);
      }
    }
  }
  // Same stacks and ranges: the fingerprint catches everything else (an edited port, user or timeout).
  const recorded = recordedConfigHash(outdir);
  const expectedHash = configHash(lz);
  if (recorded !== expectedHash) {
    throw new ReportError(
      recorded === undefined
        ? `${outdir} records no config fingerprint (synthesized by an older version or by hand) — run \`lz synth\` with this config first`
        : `${outdir} was synthesized from another config (fingerprint ${recorded.slice(0, 19)}…; this config is ${expectedHash.slice(0, 19)}…): something changed since the synth — run \`lz synth\` with this config first`,
    );
  }
}

/** The config fingerprint `lz synth` recorded in `<outdir>/manifest.json`, if any. */
export function recordedConfigHash(outdir: string): string | undefined {
  try {
    return readSynthManifest(outdir).configHash;
  } catch (e) {
    if (e instanceof SynthOutputError) return undefined;
    throw e;
  }
}

/** Reads and validates an analysis result file. */
export function readAnalysis(file: string): AnalysisSummary {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ReportError(`cannot read the analysis ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  // A file that is JSON but not an object at all (null, a list, a number) is not an analysis: say so in a sentence, not as zod's "(root): Invalid input".
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const got = data === null ? 'null' : Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    throw new ReportError(`${file} is not an analysis.json: expected an object, got ${got} (write one with \`lz check --json\`)`);
  }
  try {
    return parseAnalysisSummary(data, file);
  } catch (e) {
    throw new ReportError((e as Error).message);
  }
}

/** What a report is built from, read from a synthesized directory. */
export function reportInput(lz: LandingZone, configName: string, outdir: string, analysisFile?: string): ReportInput {
  const synthesized = readSynthesized(outdir);
  assertMatchesConfig(lz, synthesized, outdir);
  const defaultAnalysis = path.join(outdir, ANALYSIS_FILE);
  const file = analysisFile ?? (existsSync(defaultAnalysis) ? defaultAnalysis : undefined);
  return { landingZone: lz, synthesized, configName, prices: priceBookFor(lz.region), analysis: file ? readAnalysis(file) : undefined };
}
