/**
 * Cross-stack references: cdktf turns a token from another stack into
 * `data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<key>` in the consumer and
 * an `output "<key>"` in the producer. A mock apply cannot read real state, so every such data source
 * is overridden with values of the type the producer's output really has.
 */
import { ManifestStack, StackJson } from './stack-json';
import { attributeType, CtyType, ProviderSchema } from './provider-schema';
import { ValueUsage } from './mock-values';
import { StateLocations, type StateOwner } from '../lib/synth-output/state-location';
import { parseReference, parseTraversal, scanTemplate, traversalsIn, type ResourceReference, type TraversalStep } from '../lib/terraform/expression';

/** How one `outputs.<key>` is used in the consumer. */
export interface OutputUsage extends ValueUsage {
  /** A list function (`tolist`, `element`, `join`'s 2nd argument...) or an index reads it. */
  readonly asList: boolean;
  /** A map function (`lookup`, `keys`...) or a key access reads it. */
  readonly asMap: boolean;
}

/** Output keys read from one remote state data source. */
export type RemoteStateRefs = Map<string, Map<string, OutputUsage>>;

/**
 * One read of `data.terraform_remote_state.<name>.outputs.<key>` in an interpolation, with what follows
 * the key (an index, a map key, or nothing) and where it starts in `${<expr>}`; parsed by the one
 * Terraform expression parser (lib/terraform/expression.ts).
 */
interface OutputRead {
  readonly dataName: string;
  readonly key: string;
  readonly accessor?: TraversalStep;
  /** Offset of the traversal in `${<expr>}`, for {@link enclosingCall}. */
  readonly at: number;
}

const isAttr = (step: TraversalStep | undefined, name?: string): step is { readonly attr: string } => step !== undefined && 'attr' in step && (name === undefined || step.attr === name);

/** Every `outputs.<key>` read of a remote state in one interpolation expression. */
function outputReads(expr: string): OutputRead[] {
  const out: OutputRead[] = [];
  let from = 0;
  for (const traversal of traversalsIn(expr)) {
    const at = expr.indexOf(traversal, from);
    from = at < 0 ? from : at + traversal.length;
    const [data, type, name, outputs, key, accessor] = parseTraversal(traversal) ?? [];
    if (!isAttr(data, 'data') || !isAttr(type, 'terraform_remote_state') || !isAttr(name) || !isAttr(outputs, 'outputs') || key === undefined) continue;
    const keyText = 'attr' in key ? key.attr : typeof key.index === 'string' ? key.index : undefined;
    if (keyText === undefined) continue;
    out.push({ dataName: name.attr, key: keyText, ...(accessor ? { accessor } : {}), at: Math.max(at, 0) + 2 });
  }
  return out;
}

/** Functions whose given argument (or any, `*`) is a list. `length` is left out: it takes maps and strings too. */
const LIST_ARGS: Record<string, number | '*'> = {
  tolist: 0, toset: 0, element: 0, join: 1, concat: '*', flatten: 0, slice: 0, contains: 0,
  distinct: 0, sort: 0, one: 0, index: 0, reverse: 0, compact: 0, coalescelist: '*', chunklist: 0,
};
/** Functions whose given argument (or any) is a map. */
const MAP_ARGS: Record<string, number | '*'> = { lookup: 0, keys: 0, values: 0, tomap: 0, merge: '*' };

/** The innermost function call around position `at` inside the `${...}` that contains it, with the argument index. */
export function enclosingCall(text: string, at: number): { fn: string; arg: number } | undefined {
  const open = text.lastIndexOf('${', at);
  if (open < 0) return undefined;
  const stack: { fn: string; arg: number }[] = [];
  let inString = false;
  for (let i = open + 2; i < at; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '(') stack.push({ fn: /([A-Za-z_][\w:]*)\s*$/.exec(text.slice(open + 2, i))?.[1] ?? '', arg: 0 });
    else if (c === '[' || c === '{') stack.push({ fn: c, arg: 0 });
    else if (c === ')' || c === ']' || c === '}') stack.pop();
    else if (c === ',' && stack.length > 0) stack[stack.length - 1].arg++;
  }
  return stack[stack.length - 1];
}

function takes(table: Record<string, number | '*'>, call: { fn: string; arg: number } | undefined): boolean {
  if (!call || !(call.fn in table)) return false;
  const want = table[call.fn];
  return want === '*' || want === call.arg;
}

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== '//') strings(v, out);
  return out;
}

/** Every `outputs.<key>` read from every `terraform_remote_state` data source of a stack, with how it is used. */
export function findRemoteStateRefs(stack: StackJson): RemoteStateRefs {
  const refs: RemoteStateRefs = new Map();
  const usage = new Map<string, { keys: Set<string>; maxIndex: number; asList: boolean; asMap: boolean }>();
  for (const text of strings(stack, [])) {
    for (const part of scanTemplate(text) ?? []) {
      if (typeof part === 'string' || part.directive) continue;
      for (const { dataName, key, accessor, at } of outputReads(part.expr)) {
        const id = `${dataName}\u0000${key}`;
        if (!refs.has(dataName)) refs.set(dataName, new Map());
        if (!usage.has(id)) usage.set(id, { keys: new Set(), maxIndex: -1, asList: false, asMap: false });
        const u = usage.get(id)!;
        if (accessor && 'index' in accessor && typeof accessor.index === 'number') {
          u.asList = true;
          u.maxIndex = Math.max(u.maxIndex, accessor.index);
        } else if (accessor) {
          u.asMap = true;
          u.keys.add('attr' in accessor ? accessor.attr : String(accessor.index));
        }
        const call = enclosingCall(`\${${part.expr}}`, at);
        if (!accessor && takes(LIST_ARGS, call)) u.asList = true;
        if (!accessor && takes(MAP_ARGS, call)) u.asMap = true;
      }
    }
  }
  for (const [id, u] of usage) {
    const [dataName, key] = id.split('\u0000');
    refs.get(dataName)!.set(key, { keys: [...u.keys].sort(), maxIndex: u.maxIndex, asList: u.asList, asMap: u.asMap });
  }
  return refs;
}

/** A stack as the one remote-state lookup (lib/synth-output/state-location.ts) sees it. */
export const stateOwner = (s: ManifestStack): StateOwner => ({ name: s.name, workingDirectory: s.workingDirectory, terraform: s.json.terraform });

/**
 * The stacks a remote state data source of one synth can read, matched by the same lookup `lz check`
 * uses (local state path relative to the reader's working directory, or Terraform Cloud workspace).
 */
export function remoteStateProducers(stacks: readonly ManifestStack[]): (reader: ManifestStack, body: unknown) => ManifestStack | undefined {
  const locations = new StateLocations(stacks.map(stateOwner));
  const byName = new Map(stacks.map((s) => [s.name, s]));
  return (reader, body) => {
    const match = locations.match(stateOwner(reader), body);
    return 'stack' in match ? byName.get(match.stack) : undefined;
  };
}

/** `${aws_x.y.attr}` or `${data.aws_x.y.attr}` with a plain attribute name (lib/terraform/expression.ts parses it). */
function awsAttributeRef(value: unknown): ResourceReference | undefined {
  const ref = parseReference(value);
  return ref && ref.type.startsWith('aws_') && /^\w+$/.test(ref.attribute) ? ref : undefined;
}

/** Function results whose type is plain from the name. */
const LIST_FUNCTIONS = /^(tolist|toset|concat|flatten|slice|distinct|sort|compact|keys|values|split)\(/;
const MAP_FUNCTIONS = /^(tomap|merge|zipmap)\(/;
const STRING_FUNCTIONS = /^(join|format|jsonencode|lower|upper|replace|trimspace|cidrsubnet|tostring)\(/;

/**
 * The type of an `output`'s `value` in the producer: literals by their JSON shape, a single attribute
 * reference (`${aws_x.y.attr}`, `${data.aws_x.y.attr}`) through the provider schema, plain function
 * results by the function. `undefined` when it cannot be told without evaluating.
 */
export function outputValueType(value: unknown, schema?: ProviderSchema): CtyType | undefined {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map((v) => outputValueType(v, schema) ?? 'string')];
  if (value && typeof value === 'object') {
    return ['object', Object.fromEntries(Object.entries(value).map(([k, v]) => [k, outputValueType(v, schema) ?? 'string']))];
  }
  if (typeof value !== 'string') return undefined;
  const parts = scanTemplate(value);
  const only = parts?.length === 1 && typeof parts[0] !== 'string' && !parts[0].directive ? parts[0] : undefined;
  if (!only) return 'string'; // a literal, or a template mixing text and interpolations: both are strings
  const expr = only.expr.trim();
  const ref = awsAttributeRef(value);
  if (ref) return attributeType(schema, ref.mode === 'data' ? 'data' : 'resource', ref.type, ref.attribute);
  if (LIST_FUNCTIONS.test(expr) || expr.startsWith('[')) return ['list', 'string'];
  if (MAP_FUNCTIONS.test(expr) || expr.startsWith('{')) return ['map', 'string'];
  if (STRING_FUNCTIONS.test(expr)) return 'string';
  return undefined;
}

/** The producer's aws type behind an output (`aws_kms_key` for `${aws_kms_key.k.arn}`), for shaping ARNs. */
export function outputAwsType(value: unknown): { awsType?: string; attr?: string } {
  const ref = awsAttributeRef(value);
  return ref ? { awsType: ref.type, attr: ref.attribute } : {};
}

/** Type to mock for an output: the producer's when known, else what the consumer's usage implies, else string. */
export function inferOutputType(producerValue: unknown, usage: OutputUsage, schema?: ProviderSchema): CtyType {
  const known = producerValue === undefined ? undefined : outputValueType(producerValue, schema);
  if (known !== undefined) return known;
  if (usage.asList) return ['list', 'string'];
  if (usage.asMap) return ['map', 'string'];
  return 'string';
}
