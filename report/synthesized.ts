/**
 * The synthesized Terraform JSON as the report reads it: every stack of `manifest.json` with its
 * `cdk.tf.json`, and the few helpers needed to follow `${type.name.attribute}` references inside a
 * stack. The report reads what will be deployed for routes, counts and command outputs, and the
 * resolved config for intent (names, CIDRs, on-premises ranges).
 */
import { terraformDataOutputKey } from '../analysis/graph/expression';
import { countBlocks, readSynthOutput, SynthOutputError, type StackJson, type TfBody } from '../lib/synth-output/reader';

export type { TfBody } from '../lib/synth-output/reader';

/** A stack's `cdk.tf.json` (the one shape of lib/synth-output). */
export type TerraformJson = StackJson;

/** One synthesized stack. */
export interface SynthesizedStack {
  readonly name: string;
  /** Stacks that must be applied first (from the manifest). */
  readonly dependencies: readonly string[];
  readonly json: TerraformJson;
}

/** Every stack of one synth, in manifest order. */
export interface SynthesizedApp {
  readonly stacks: readonly SynthesizedStack[];
}

/** Why a synthesized output directory cannot be read (the reader's error). */
export const SynthesizedReadError = SynthOutputError;
/** Why a synthesized output directory cannot be read (the reader's error). */
export type SynthesizedReadError = SynthOutputError;

/** Reads `manifest.json` and every stack's `cdk.tf.json` from a synth output directory. */
export function readSynthesized(outdir: string): SynthesizedApp {
  return { stacks: readSynthOutput(outdir).stacks.map((s) => ({ name: s.name, dependencies: s.dependencies, json: s.json })) };
}

/** The stack of that name, if synthesized. */
export function stackNamed(app: SynthesizedApp, name: string): SynthesizedStack | undefined {
  return app.stacks.find((s) => s.name === name);
}

/** `[name, body]` of every resource of one type in a stack, in file order. */
export function resourcesOf(stack: SynthesizedStack | undefined, type: string): (readonly [string, TfBody])[] {
  return Object.entries(stack?.json.resource?.[type] ?? {});
}

/** Number of managed resources in a stack. */
export function resourceCount(stack: SynthesizedStack): number {
  return countBlocks(stack.json.resource);
}

/** A parsed `${...}` reference. */
export interface TfRef {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** What follows the address: `id`, `outputs.transit_gateway_route_table_ids.prod`, ... */
  readonly attribute: string;
}

/** Parses a whole-string reference such as `${aws_vpc.app-vpc_8A0156E4.id}`; undefined for anything else. */
export function parseRef(value: unknown): TfRef | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([^}]+)\}$/.exec(value);
  if (!m) return undefined;
  return { mode: m[1] ? 'data' : 'managed', type: m[2], name: m[3], attribute: m[4] };
}

/** The body a reference points at inside the same stack. */
export function deref(stack: SynthesizedStack, value: unknown): { readonly ref: TfRef; readonly body: TfBody } | undefined {
  const ref = parseRef(value);
  if (!ref) return undefined;
  const body = (ref.mode === 'data' ? stack.json.data : stack.json.resource)?.[ref.type]?.[ref.name];
  if (!body) return undefined;
  // A terraform_data's `output` is its `input` after apply: follow the input's value instead.
  const key = ref.type === 'terraform_data' ? terraformDataOutputKey(ref.attribute) : undefined;
  const input = body.input as Record<string, unknown> | undefined;
  if (key !== undefined && input) return deref(stack, input[key]);
  return { ref, body };
}

/** The construct path below the stack (`app-vpc/rt-public`), from the `//` metadata. */
export function constructPath(body: TfBody): string {
  const meta = (body['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? '';
  return meta.split('/').slice(1).join('/');
}

/** The `Name` tag, if any. */
export function nameTag(body: TfBody): string | undefined {
  const tags = body.tags as Record<string, unknown> | undefined;
  return typeof tags?.Name === 'string' ? tags.Name : undefined;
}
