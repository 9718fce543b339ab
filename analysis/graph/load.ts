/**
 * Loads `cdktf.out` (the manifest and every stack's `cdk.tf.json`) into a {@link ResourceGraph}, with
 * references resolved within and across stacks (resolve.ts). The analyzers read only this: what will
 * be deployed, never the config.
 */
import { readSynthOutput, type StackJson as TerraformJson } from '../../lib/synth-output/reader';
import { Graph } from './graph';
import { Resolver, type RawStack } from './resolve';
import type { ResourceGraph, StackInfo, TfResource, Value, VariableInfo } from './types';

/** One stack's synthesized JSON, as {@link graphFromJson} takes it. */
export interface StackJson {
  readonly name: string;
  /** Stacks this one depends on (the manifest's `dependencies`). @default none */
  readonly dependencies?: readonly string[];
  /** The parsed `cdk.tf.json` (tests mutate it, so typed loosely here; the reader's shape is {@link TerraformJson}). */
  readonly json: object;
  /** Path of `cdk.tf.json` relative to the output directory. @default `stacks/<name>/cdk.tf.json` */
  readonly file?: string;
  /** Working directory relative to the output directory, against which local state paths resolve. @default `stacks/<name>` */
  readonly workingDirectory?: string;
}

/** Keys of a resource body that are Terraform meta-arguments or cdktf metadata, not attributes. */
const META = new Set(['//', 'depends_on', 'provider', 'lifecycle']);

/** Reads `<outDir>/manifest.json` and every stack it lists into a resolved resource graph. */
export function loadGraph(outDir: string): ResourceGraph {
  return graphFromJson(readStacks(outDir));
}

/** Reads `<outDir>/manifest.json` and the JSON of every stack it lists, unresolved (`lz plan-summary` applies a plan to it first). */
export function readStacks(outDir: string): StackJson[] {
  return readSynthOutput(outDir).stacks.map((s): StackJson => ({
    name: s.name,
    dependencies: s.dependencies,
    file: s.synthesizedStackPath,
    workingDirectory: s.workingDirectory,
    json: s.json,
  }));
}

/** Builds the resolved graph from stacks already in memory (tests mutate the JSON before calling this). */
export function graphFromJson(stacks: readonly StackJson[]): ResourceGraph {
  const raw: RawStack[] = stacks.map((s) => ({
    name: s.name,
    workingDirectory: s.workingDirectory ?? `stacks/${s.name}`,
    terraform: (s.json as { terraform?: unknown }).terraform,
    json: s.json as RawStack['json'],
  }));
  const resolver = new Resolver(raw);
  const resources: TfResource[] = [];
  const infos: StackInfo[] = stacks.map((s) => {
    const json = s.json as { provider?: { aws?: unknown }; variable?: unknown };
    for (const r of stackResources(s.name, s.json as RawStack['json'], resolver)) resources.push(r);
    return {
      name: s.name,
      dependencies: [...(s.dependencies ?? [])],
      file: s.file ?? `stacks/${s.name}/cdk.tf.json`,
      providers: Array.isArray(json.provider?.aws) ? (json.provider.aws as { [key: string]: unknown }[]) : [],
      outputs: resolver.outputs(s.name),
      variables: variablesOf(json.variable),
      locals: resolver.locals(s.name),
      reads: resolver.reads(s.name),
    };
  });
  return new Graph(infos, resources);
}

function* stackResources(stack: string, json: RawStack['json'], resolver: Resolver): Generator<TfResource> {
  for (const mode of ['managed', 'data'] as const) {
    const blocks = json[mode === 'managed' ? 'resource' : 'data'];
    if (!isObject(blocks)) continue;
    for (const [type, byName] of Object.entries(blocks)) {
      if (!isObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        if (!isObject(body)) continue;
        const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        const attrs: { [key: string]: Value } = {};
        for (const [k, v] of Object.entries(body)) if (!META.has(k)) attrs[k] = resolver.value(stack, v);
        const metadata = isObject(body['//']) && isObject(body['//'].metadata) ? body['//'].metadata : undefined;
        const provider = body.provider;
        const dependsOn = Array.isArray(body.depends_on) ? body.depends_on.filter((d): d is string => typeof d === 'string').map((d) => `${stack}:${d.replace(/^\$\{(.*)\}$/, '$1')}`) : [];
        yield {
          id: `${stack}:${address}`,
          stack,
          mode,
          type,
          name,
          address,
          path: typeof metadata?.path === 'string' ? metadata.path : address,
          ...(typeof provider === 'string' ? { provider: provider.replace(/^\$\{(.*)\}$/, '$1') } : {}),
          attrs,
          ...(isObject(body.lifecycle) ? { lifecycle: body.lifecycle } : {}),
          dependsOn,
        };
      }
    }
  }
}

/** The `variable` blocks of a stack: name and whether it is sensitive. */
function variablesOf(blocks: unknown): { [name: string]: VariableInfo } {
  const out: { [name: string]: VariableInfo } = {};
  if (!isObject(blocks)) return out;
  for (const [name, body] of Object.entries(blocks)) out[name] = { sensitive: isObject(body) && body.sensitive === true };
  return out;
}

function isObject(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
