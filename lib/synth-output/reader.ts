/**
 * The one reader of a synthesized output directory (`cdktf.out`): cdktf's `manifest.json` (stacks,
 * their files and dependencies, and the config fingerprint `lz synth` records beside them) and each
 * stack's `cdk.tf.json`, with one typed shape. Analysis, report, verify, plan, scripts and bench all
 * read through here, so a change to the layout (a renamed manifest key, a moved file) is made once.
 * Layout as cdktf writes it: https://developer.hashicorp.com/terraform/cdktf/concepts/stacks
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Key of the landing zone's own section in cdktf's manifest.json (where `lz synth` records the config fingerprint). */
export const MANIFEST_KEY = 'landingZone';

/** One resource or data source body as synthesized. */
export type TfBody = { readonly [key: string]: unknown };

/** `resource` or `data` blocks: type, then name, then body. */
export type TfBlocks = { readonly [type: string]: { readonly [name: string]: TfBody } };

/** One `provider` block. */
export interface ProviderConfig {
  readonly alias?: string;
  readonly region?: string;
  readonly allowed_account_ids?: readonly string[];
  readonly [key: string]: unknown;
}

/** A `terraform { cloud { ... } }` block (Terraform Cloud workspace of a stack). */
export interface CloudBlock {
  readonly organization?: string;
  readonly hostname?: string;
  readonly workspaces?: { readonly name?: string; readonly project?: string };
}

/** A stack's `cdk.tf.json`: every part some reader uses. */
export interface StackJson {
  readonly terraform?: {
    readonly required_providers?: { readonly [name: string]: { readonly source?: string; readonly version?: string } };
    /** `local`, `s3`, ...: type, then settings. */
    readonly backend?: { readonly [type: string]: { readonly [key: string]: unknown } };
    readonly cloud?: CloudBlock;
    readonly [key: string]: unknown;
  };
  readonly provider?: { readonly [name: string]: ProviderConfig | readonly ProviderConfig[] };
  readonly resource?: TfBlocks;
  readonly data?: TfBlocks;
  readonly output?: { readonly [name: string]: { readonly value?: unknown; readonly description?: string; readonly sensitive?: boolean } };
  readonly variable?: { readonly [name: string]: { readonly sensitive?: boolean; readonly [key: string]: unknown } };
  readonly locals?: { readonly [name: string]: unknown };
  readonly module?: { readonly [name: string]: unknown };
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
  readonly [key: string]: unknown;
}

/** One stack as `manifest.json` lists it. */
export interface ManifestStack {
  readonly name: string;
  /** Stacks that must be applied first. */
  readonly dependencies: readonly string[];
  /** `cdk.tf.json` relative to the output directory, `/`-separated. */
  readonly synthesizedStackPath: string;
  /** The stack's working directory relative to the output directory, `/`-separated. */
  readonly workingDirectory: string;
  /** Absolute (or outdir-joined) path of `cdk.tf.json`. */
  readonly file: string;
  /** Outdir-joined working directory. */
  readonly dir: string;
}

/** What `manifest.json` says, in its order. */
export interface SynthManifest {
  readonly outdir: string;
  readonly stacks: readonly ManifestStack[];
  /** The config fingerprint `lz synth` recorded (config/hash.ts), if any. */
  readonly configHash?: string;
}

/** One synthesized stack: its manifest entry and its parsed JSON. */
export interface SynthStack extends ManifestStack {
  readonly json: StackJson;
}

/** Every stack of one synth, in manifest order. */
export interface SynthOutput {
  readonly manifest: SynthManifest;
  readonly stacks: readonly SynthStack[];
}

/** Why a synthesized output directory cannot be read; the message names the path and the fix. */
export class SynthOutputError extends Error {
  /**
   * @param problem `missing`: the file is not there; `invalid`: it is there but is not what cdktf writes
   * (callers with their own wording, such as `lz vpn-profile`, tell the two apart by it).
   */
  constructor(
    message: string,
    readonly problem: 'missing' | 'invalid' = 'invalid',
  ) {
    super(message);
    this.name = 'SynthOutputError';
  }
}

/** Path of the manifest of an output directory. */
export const manifestPath = (outdir: string): string => path.join(outdir, 'manifest.json');

/** True when `outdir` holds a manifest (a synth ran there). */
export const hasManifest = (outdir: string): boolean => existsSync(manifestPath(outdir));

function readJsonFile(file: string, missing: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new SynthOutputError(`${file} does not exist: ${missing}`, 'missing');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new SynthOutputError(`${file} is not valid JSON (${(e as Error).message.split('\n')[0]}) — run \`lz synth\` again`);
  }
}

const toPosix = (p: string): string => p.split(path.sep).join('/');
const isObject = (v: unknown): v is { readonly [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `<outdir>/manifest.json`; throws {@link SynthOutputError} naming the file when it is missing or broken. */
export function readSynthManifest(outdir: string): SynthManifest {
  const file = manifestPath(outdir);
  const raw = readJsonFile(file, `${outdir} holds no synthesized stacks — run \`lz synth --out ${outdir}\` first`);
  if (!isObject(raw) || !isObject(raw.stacks)) throw new SynthOutputError(`${file} lists no stacks — run \`lz synth\` again`);
  const stacks = Object.entries(raw.stacks).map(([key, value]): ManifestStack => {
    const s = (isObject(value) ? value : {}) as { name?: string; dependencies?: string[]; synthesizedStackPath?: string; workingDirectory?: string };
    const name = s.name ?? key;
    if (typeof s.synthesizedStackPath !== 'string') throw new SynthOutputError(`${file}: stack ${name} has no synthesizedStackPath — run \`lz synth\` again`);
    const synthesizedStackPath = toPosix(s.synthesizedStackPath);
    const workingDirectory = toPosix(s.workingDirectory ?? `stacks/${name}`);
    return {
      name,
      dependencies: Array.isArray(s.dependencies) ? s.dependencies.filter((d): d is string => typeof d === 'string') : [],
      synthesizedStackPath,
      workingDirectory,
      file: path.join(outdir, s.synthesizedStackPath),
      dir: path.join(outdir, workingDirectory),
    };
  });
  const section = raw[MANIFEST_KEY];
  const hash = isObject(section) ? section.configHash : undefined;
  return { outdir, stacks, ...(typeof hash === 'string' ? { configHash: hash } : {}) };
}

/**
 * Records the landing zone's own section (`lz synth`'s config fingerprint) in `<outdir>/manifest.json`,
 * beside what cdktf wrote there; {@link readSynthManifest} reads it back as `configHash`.
 */
export function recordManifestSection(outdir: string, section: { readonly name: string; readonly configHash: string }): void {
  const file = manifestPath(outdir);
  const raw = readJsonFile(file, `${outdir} holds no synthesized stacks`);
  if (!isObject(raw)) throw new SynthOutputError(`${file} is not a JSON object`);
  writeFileSync(file, `${JSON.stringify({ ...raw, [MANIFEST_KEY]: section }, null, 2)}\n`);
}

/** Parses one stack's `cdk.tf.json`. */
export function readStackJson(stack: Pick<ManifestStack, 'name' | 'file'>): StackJson {
  const json = readJsonFile(stack.file, `stack ${stack.name} is listed in the manifest but was not written — run \`lz synth\` again`);
  if (!isObject(json)) throw new SynthOutputError(`${stack.file} is not a Terraform JSON object — run \`lz synth\` again`);
  return json as StackJson;
}

/** Reads the manifest and every stack it lists, in manifest order. */
export function readSynthOutput(outdir: string): SynthOutput {
  const manifest = readSynthManifest(outdir);
  return { manifest, stacks: manifest.stacks.map((s) => ({ ...s, json: readStackJson(s) })) };
}

/** Bytes of a stack's `cdk.tf.json` on disk. */
export const stackFileBytes = (stack: Pick<ManifestStack, 'file'>): number => statSync(stack.file).size;

/** Number of blocks (resources or data sources) in a `resource`/`data` section. */
export function countBlocks(blocks: TfBlocks | undefined): number {
  return Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/** The `provider.aws` blocks, whether cdktf wrote one object or a list. */
export function awsProviders(json: StackJson): ProviderConfig[] {
  const p = json.provider?.aws;
  if (!p) return [];
  return Array.isArray(p) ? [...(p as readonly ProviderConfig[])] : [p as ProviderConfig];
}

/** The Terraform Cloud workspace block of a stack, if it has one (local-state stacks have none). */
export const cloudBlock = (json: StackJson): CloudBlock | undefined => json.terraform?.cloud;
