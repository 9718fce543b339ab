/**
 * The synthesized Terraform JSON as the report reads it: every stack of `manifest.json` with its
 * `cdk.tf.json`, and the few helpers needed to follow `${type.name.attribute}` references inside a
 * stack. The report reads what will be deployed for routes, counts and command outputs, and the
 * resolved config for intent (names, CIDRs, on-premises ranges).
 */
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
