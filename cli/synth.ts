/**
 * Synthesizes a landing zone into a directory atomically: everything is written to a temporary
 * sibling directory first and swapped in only when the whole synth succeeded, so a failure never
 * leaves a half-written `cdktf.out`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, TerraformResource } from 'cdktf';
import { withMemoizedBinaryVersionChecks } from '../lib/cdktf/binary-version-checks';
import { configHash } from '../config/hash';
import { betweenPhases, COLLECT_FROM_RESOURCES } from '../lib/runtime/memory';
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
    // The construct tree is garbage once synthApp returns (and, at scale, its tokens are dropped from
    // cdktf's registry): collect it now, so that what runs next (beforeSwap: lz synth's report) reuses
    // its memory instead of growing the heap further.
    const tokens = registeredTokens();
    const resources = synthApp(lz, staging, options);
    if (resources >= COLLECT_FROM_RESOURCES) forgetTokensSince(tokens);
    betweenPhases(resources);
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
 * Builds the app and writes its stacks into `staging`; returns its number of managed resources. Its own function so that the construct tree
 * (hundreds of MB at 1,000 spokes) is garbage once it returns: held in {@link synthesize}'s scope it
 * would stay alive through `beforeSwap` (the report), which then grew the heap on top of it.
 */
function synthApp(lz: LandingZone, staging: string, options: BuildOptions): number {
  const app = new App({ outdir: staging, stackTraces: false });
  // One `terraform version` per synth, not one per stack (lib/cdktf/binary-version-checks.ts).
  withoutTokenStackTraces(() =>
    withMemoizedBinaryVersionChecks(() => {
      buildLandingZone(app, lz, options);
      app.synth();
    }),
  );
  return app.node.findAll().filter((c) => c instanceof TerraformResource).length;
}

/** cdktf's process-wide token registry (node_modules/cdktf/lib/tokens/private/token-map.js, `globalThis.__cdktfTokenMap`). */
interface TokenRegistry {
  readonly stringTokenMap?: Map<unknown, unknown>;
  readonly numberTokenMap?: Map<unknown, unknown>;
}
/** The string and the number token maps, in that order (undefined before cdktf's first token). */
const tokenMaps = (): (Map<unknown, unknown> | undefined)[] => {
  const registry = (globalThis as { __cdktfTokenMap?: TokenRegistry }).__cdktfTokenMap;
  return [registry?.stringTokenMap, registry?.numberTokenMap].map((m) => (m instanceof Map ? m : undefined));
};
/** How many tokens each of cdktf's token maps holds (0 before the registry exists). */
const registeredTokens = (): number[] => tokenMaps().map((m) => m?.size ?? 0);

/**
 * Drops the tokens registered since `counts` ({@link registeredTokens}) from cdktf's registry. cdktf never
 * forgets a token, and its tokens reference their constructs, so the registry keeps a synthesized app's
 * whole construct tree alive for the rest of the process. Only after a large synth (the CLI's one-shot
 * process): a token created during it and used again afterwards would no longer resolve.
 */
function forgetTokensSince(counts: readonly number[]): void {
  tokenMaps().forEach((map, i) => {
    if (!map) return;
    let seen = 0;
    // Maps iterate in insertion order: the entries after the first counts[i] are this synth's.
    for (const key of map.keys()) if (seen++ >= (counts[i] ?? Infinity)) map.delete(key);
  });
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
