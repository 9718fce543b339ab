/**
 * `npm run stack-matrix -- --out cdktf.out [--base <dir>] [--github-output]`: the GitHub Actions job
 * matrices of the Terraform Cloud workflows, read from a synthesized `cdktf.out` (manifest and each
 * stack's `cloud` block), never from the config, so CI plans and applies exactly what was synthesized.
 *
 * - `waves`: apply order. A stack's wave is one more than the latest wave it depends on (manifest
 *   `dependencies`): log archive and the PKI stacks first, then the hub, then the spokes. Always
 *   {@link MAX_WAVES} entries (empty ones have no stacks), one per apply job of the merge workflow.
 * - `plan`: the stacks to plan in a pull request: those whose `cdk.tf.json` differs from (or is missing
 *   in) the base branch's synth given with `--base`; every stack without `--base` or when the base
 *   has no manifest.
 *
 * Stacks without a `cloud` block (the local-state `<name>-tfc-bootstrap`) are not workspaces and are
 * left out. `--github-output` appends `plan`, `plan_count`, `wave<N>`, `wave<N>_count` to
 * `$GITHUB_OUTPUT`. Exit 1 with a message when nothing can be planned or the waves do not fit.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { cloudBlock, hasManifest, readSynthManifest, readSynthOutput, SynthOutputError, type SynthOutput } from '../lib/synth-output/reader';

/** Apply jobs of `.github/workflows/apply.yml` (`apply-wave-1` … `apply-wave-3`). */
export const MAX_WAVES = 3;

/** One matrix entry: what a plan or apply job needs. */
export interface MatrixEntry {
  readonly stack: string;
  readonly workspace: string;
  readonly organization: string;
}

/** A workspace stack with its place in the apply order. */
export interface MatrixStack extends MatrixEntry {
  /** 1-based apply wave. */
  readonly wave: number;
  readonly dependsOn: readonly string[];
  /** Directory of its `cdk.tf.json` relative to the outdir (the workspace's working directory). */
  readonly directory: string;
}

/** The matrices of both workflows. */
export interface StackMatrix {
  readonly stacks: readonly MatrixStack[];
  readonly plan: { readonly include: readonly MatrixEntry[] };
  /** Exactly {@link MAX_WAVES} entries. */
  readonly waves: readonly { readonly include: readonly MatrixEntry[] }[];
}

/** A synthesized output that cannot drive the workflows. */
export class StackMatrixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackMatrixError';
  }
}

/** Reads the output through the one reader; its missing-manifest error becomes this script's error. */
function readOutput(outdir: string): SynthOutput {
  try {
    return readSynthOutput(outdir);
  } catch (e) {
    if (e instanceof SynthOutputError) throw new StackMatrixError(e.message);
    throw e;
  }
}

/** Reads the matrices from `outdir`, comparing each stack with `base` (another synth's outdir) when given. */
export function stackMatrix(outdir: string, options: { readonly base?: string } = {}): StackMatrix {
  const workspaces = new Map<string, MatrixEntry & { directory: string; file: string; deps: readonly string[] }>();
  for (const s of readOutput(outdir).stacks) {
    const cloud = cloudBlock(s.json);
    if (!cloud) continue; // local state: not a Terraform Cloud workspace
    if (!cloud.organization || !cloud.workspaces?.name) throw new StackMatrixError(`${s.file}: the cloud block names no organization or workspace`);
    workspaces.set(s.name, { stack: s.name, workspace: cloud.workspaces.name, organization: cloud.organization, directory: s.workingDirectory, file: s.file, deps: s.dependencies });
  }
  if (workspaces.size === 0) throw new StackMatrixError(`no stack in ${outdir} has a Terraform Cloud workspace: set terraformCloud in the config and synthesize again`);

  const waveOf = new Map<string, number>();
  const visiting = new Set<string>();
  const wave = (name: string): number => {
    const known = waveOf.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new StackMatrixError(`stack ${name} depends on itself through ${[...visiting].join(' -> ')}`);
    visiting.add(name);
    const deps = workspaces.get(name)!.deps.filter((d) => workspaces.has(d));
    const w = deps.length === 0 ? 1 : 1 + Math.max(...deps.map(wave));
    visiting.delete(name);
    waveOf.set(name, w);
    return w;
  };
  const stacks: MatrixStack[] = [...workspaces.values()]
    .map((s) => ({ stack: s.stack, workspace: s.workspace, organization: s.organization, wave: wave(s.stack), dependsOn: s.deps.filter((d) => workspaces.has(d)).sort(), directory: s.directory }))
    .sort((a, b) => a.wave - b.wave || a.stack.localeCompare(b.stack));
  const deepest = Math.max(...stacks.map((s) => s.wave));
  if (deepest > MAX_WAVES) throw new StackMatrixError(`the stacks need ${deepest} apply waves, but the apply workflow has ${MAX_WAVES} (apply-wave-1 … apply-wave-${MAX_WAVES}): add jobs and raise MAX_WAVES`);

  const entry = (s: MatrixStack): MatrixEntry => ({ stack: s.stack, workspace: s.workspace, organization: s.organization });
  const changed = changedStacks(workspaces, options.base);
  return {
    stacks,
    plan: { include: stacks.filter((s) => changed === undefined || changed.has(s.stack)).map(entry) },
    waves: Array.from({ length: MAX_WAVES }, (_, i) => ({ include: stacks.filter((s) => s.wave === i + 1).map(entry) })),
  };
}

/** Stacks whose JSON differs from the base synth; `undefined` (plan everything) without a usable base. */
function changedStacks(workspaces: ReadonlyMap<string, { readonly file: string }>, base: string | undefined): Set<string> | undefined {
  if (base === undefined || !hasManifest(base)) return undefined;
  const baseStacks = new Map(readSynthManifest(base).stacks.map((s) => [s.name, s]));
  const changed = new Set<string>();
  for (const [name, s] of workspaces) {
    const beforeFile = baseStacks.get(name)?.file;
    if (!beforeFile || !existsSync(beforeFile) || readFileSync(beforeFile, 'utf8') !== readFileSync(s.file, 'utf8')) changed.add(name);
  }
  return changed;
}

/** `name=value` lines for `$GITHUB_OUTPUT`: `plan`, `plan_count`, then `wave<N>` and `wave<N>_count`. */
export function githubOutputLines(m: StackMatrix): string[] {
  return [
    `plan=${JSON.stringify(m.plan)}`,
    `plan_count=${m.plan.include.length}`,
    ...m.waves.flatMap((w, i) => [`wave${i + 1}=${JSON.stringify(w)}`, `wave${i + 1}_count=${w.include.length}`]),
  ];
}

/** The command line; returns the exit code. */
export function main(argv: readonly string[]): number {
  const o = new Command('stack-matrix')
    .description('job matrices of the Terraform Cloud workflows, from a synthesized cdktf.out')
    .option('--out <dir>', 'synthesized output to read', 'cdktf.out')
    .option('--base <dir>', "the base branch's synthesized output: plan only stacks that differ from it")
    .option('--github-output', 'also append the matrices to $GITHUB_OUTPUT')
    .parse(argv, { from: 'user' })
    .opts<{ out: string; base?: string; githubOutput?: boolean }>();
  try {
    const m = stackMatrix(o.out, { base: o.base });
    if (o.githubOutput) {
      const file = process.env.GITHUB_OUTPUT;
      if (!file) throw new StackMatrixError('--github-output needs $GITHUB_OUTPUT (set by GitHub Actions)');
      appendFileSync(file, `${githubOutputLines(m).join('\n')}\n`);
    }
    console.log(JSON.stringify(m, null, 2));
    return 0;
  } catch (e) {
    if (!(e instanceof StackMatrixError)) throw e;
    console.error(`error: ${e.message}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
