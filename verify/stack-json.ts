/**
 * Read-only view of a synthesized stack (`cdk.tf.json`) and of the cdktf manifest: which providers
 * a stack needs, its aws aliases and regions, and which of its resources go through which provider.
 */
import { awsProviders, readSynthOutput, type StackJson } from '../lib/synth-output/reader';

export type { StackJson } from '../lib/synth-output/reader';
export { awsProviders } from '../lib/synth-output/reader';

/** A stack as listed in `manifest.json`, with its JSON. */
export interface ManifestStack {
  readonly name: string;
  /** Directory holding the stack's `cdk.tf.json` (its working directory). */
  readonly dir: string;
  /** The working directory relative to the output directory (`stacks/<name>`), where local state paths start. */
  readonly workingDirectory: string;
  readonly json: StackJson;
}

/** Reads every stack of a synthesized outdir, in manifest order. */
export function readManifest(outdir: string): ManifestStack[] {
  return readSynthOutput(outdir).stacks.map((s) => ({ name: s.name, dir: s.dir, workingDirectory: s.workingDirectory, json: s.json }));
}

/** Provider sources that mean hashicorp/aws (cdktf writes the short `aws`). */
const AWS_SOURCES = new Set(['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws']);

/** Local names of required providers other than hashicorp/aws, e.g. `['tls']` for a PKI stack. */
export function nonAwsProviders(stack: StackJson): string[] {
  return Object.entries(stack.terraform?.required_providers ?? {})
    .filter(([name, req]) => !(name === 'aws' && AWS_SOURCES.has(req.source ?? 'aws')))
    .map(([name]) => name)
    .sort();
}

/** Why a stack cannot be verified offline, or `undefined` when it can. */
export function skipReason(stack: StackJson): string | undefined {
  const others = nonAwsProviders(stack);
  if (others.length === 0) return undefined;
  return `needs the ${others.join(', ')} provider${others.length > 1 ? 's' : ''}, which ${others.length > 1 ? 'have' : 'has'} no offline mirror`;
}

/** The exact hashicorp/aws version a stack pins, or `undefined` when it has none. */
export function awsVersion(stack: StackJson): string | undefined {
  return stack.terraform?.required_providers?.aws?.version?.replace(/^=\s*/, '');
}

/** Aliases of the aws provider blocks, sorted, e.g. `['hub']` for a spoke. */
export function awsAliases(stack: StackJson): string[] {
  return awsProviders(stack)
    .map((p) => p.alias)
    .filter((a): a is string => typeof a === 'string')
    .sort();
}

/** `aws` or the alias (`hub`) a resource or data block is bound to. */
export function providerKeyOf(block: Record<string, unknown>): string {
  const p = block.provider;
  if (typeof p !== 'string') return 'aws';
  const m = /^aws\.(.+)$/.exec(p.replace(/^\$\{|\}$/g, ''));
  return m ? m[1] : 'aws';
}

/** Kind of block for mocks: `mock_resource` or `mock_data`. */
export type BlockKind = 'resource' | 'data';

/** Every aws resource and data type a stack uses, grouped by provider key (`aws` or an alias). */
export function awsTypesByProvider(stack: StackJson): Map<string, { resource: Set<string>; data: Set<string> }> {
  const out = new Map<string, { resource: Set<string>; data: Set<string> }>();
  const add = (kind: BlockKind, blocks: StackJson['resource']) => {
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      if (!type.startsWith('aws_')) continue; // e.g. terraform_remote_state is built in, not aws
      for (const block of Object.values(byName)) {
        const key = providerKeyOf(block);
        if (!out.has(key)) out.set(key, { resource: new Set(), data: new Set() });
        out.get(key)![kind].add(type);
      }
    }
  };
  add('resource', stack.resource);
  add('data', stack.data);
  return out;
}
