/**
 * Synthesizes a landing zone into a directory atomically: everything is written to a temporary
 * sibling directory first and swapped in only when the whole synth succeeded, so a failure never
 * leaves a half-written `cdktf.out`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { withMemoizedBinaryVersionChecks } from '../lib/cdktf/binary-version-checks';
import { configHash } from '../config/hash';
import { readSynthManifest, recordManifestSection } from '../lib/synth-output/reader';
import { RECORDED_CONFIG_FILE, recordedConfigText } from '../config/recorded';
import { LandingZone } from '../config/model';
import { BuildOptions, buildLandingZone } from '../stacks/landing-zone-app';

/** What a synth produced. */
export interface SynthResult {
  readonly outdir: string;
  /** Stack names in manifest order. */
  readonly stacks: readonly string[];
  /**
   * Stack directories of the previous output that held Terraform working files (local state, `.terraform`,
   * the lock file) but are no longer synthesized: their files were kept, in `stacks/<name>/`.
   */
  readonly orphanedState: readonly string[];
}

/** Options of {@link synthesize}. */
export interface SynthOptions extends BuildOptions {
  /**
   * Runs on the complete staging directory before it replaces `outdir` (e.g. to write REPORT.md
   * from the synthesized JSON); if it throws, nothing is replaced.
   */
  readonly beforeSwap?: (stagingDir: string) => void;
}

/** Builds and synthesizes every stack into `outdir`, replacing its previous content only on success. */
export function synthesize(lz: LandingZone, outdir: string, options: SynthOptions = {}): SynthResult {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, `.${path.basename(target)}.tmp-`));
  try {
    const app = new App({ outdir: staging, stackTraces: false });
    // One `terraform version` per synth, not one per stack (lib/cdktf/binary-version-checks.ts).
    withoutTokenStackTraces(() =>
      withMemoizedBinaryVersionChecks(() => {
        buildLandingZone(app, lz, options);
        app.synth();
      }),
    );
    // The fingerprint of the config this output was made from; lz check and lz report compare it.
    recordManifestSection(staging, { name: lz.name, configHash: configHash(lz) });
    // The config itself, for readers that have the output but not the config file (lz plan-summary in a plan job).
    writeFileSync(path.join(staging, RECORDED_CONFIG_FILE), recordedConfigText(lz));
    const stacks = readSynthManifest(staging).stacks.map((s) => s.name);
    options.beforeSwap?.(staging);
    const orphanedState = carryTerraformFiles(target, staging, stacks);
    swapInto(staging, target);
    return { outdir: target, stacks, orphanedState };
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Runs `work` without cdktf's per-token stack captures. cdktf captures a full stack trace
 * (`Error.stackTraceLimit = Number.MAX_SAFE_INTEGER`) into a plain object, never an Error, for every
 * token it creates (node_modules/cdktf/lib/tokens/private/stack-trace.js, from `Intrinsic`, `Lazy`,
 * `ComplexComputedList`), only to decorate a rare error about an unresolvable token, and has no flag
 * to turn that off (`App({ stackTraces: false })` covers construct metadata only). Formatting those
 * traces was 11.2 s of a 28.8 s profile of a 200-spoke synth; even unformatted, walking every frame
 * was ~15 % of synth CPU (bench/NOTES.md). So for the duration of `work`, `Error.captureStackTrace`
 * leaves non-Error targets as they are (cdktf then records an empty creation stack: nothing it writes
 * to cdk.tf.json changes), and formats non-Errors as empty should anything else capture one. Real
 * errors keep their full stack. cdktf looks `Error.captureStackTrace` up on each call, so this needs
 * no change to its files; V8 documents both hooks: https://v8.dev/docs/stack-trace-api
 */
export function withoutTokenStackTraces<T>(work: () => T): T {
  const previousPrepare = Error.prepareStackTrace;
  const previousCapture = Error.captureStackTrace;
  Error.prepareStackTrace = (target, frames) =>
    target instanceof Error ? (previousPrepare ? previousPrepare(target, frames) : `${target.name}: ${target.message}${frames.map((f) => `\n    at ${f}`).join('')}`) : '';
  // Node's own errors capture through an internal copy (primordials), so this only sees library calls.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  Error.captureStackTrace = function captureErrorStacksOnly(target: object, below?: Function): void {
    if (target instanceof Error) previousCapture.call(Error, target, below);
  };
  try {
    return work();
  } finally {
    Error.captureStackTrace = previousCapture;
    Error.prepareStackTrace = previousPrepare;
  }
}

/** Terraform's own files in a stack directory: local state (and its backups), the provider cache, the lock file. */
export const isTerraformWorkingFile = (name: string): boolean => /^terraform\.([^/]*\.)?tfstate(\.backup|\.\d+\.backup)?$/.test(name) || name === '.terraform' || name === '.terraform.lock.hcl';

/**
 * Moves Terraform's working files of every stack directory of the previous output into the new one,
 * so a synth never deletes local state (`terraform.<stack>.tfstate` lives in the stack directory).
 * Returns the stacks whose files were kept although the stack is no longer synthesized.
 */
function carryTerraformFiles(target: string, staging: string, stacks: readonly string[]): string[] {
  const oldStacks = path.join(target, 'stacks');
  if (!existsSync(oldStacks)) return [];
  const orphaned: string[] = [];
  for (const entry of readdirSync(oldStacks, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const files = readdirSync(path.join(oldStacks, entry.name)).filter(isTerraformWorkingFile);
    if (files.length === 0) continue;
    const into = path.join(staging, 'stacks', entry.name);
    mkdirSync(into, { recursive: true });
    for (const f of files) renameSync(path.join(oldStacks, entry.name, f), path.join(into, f));
    if (!stacks.includes(entry.name)) orphaned.push(entry.name);
  }
  return orphaned.sort();
}

function swapInto(staging: string, target: string): void {
  const retired = `${staging}.old`;
  if (existsSync(target)) renameSync(target, retired);
  renameSync(staging, target);
  rmSync(retired, { recursive: true, force: true });
}
