/**
 * Rule-pack helpers: reading literal values out of the resource graph and following references to
 * them. Nothing here treats an {@link Unknown} as compliant: readers return the Unknown itself so the
 * rule can report it.
 */
import { scanTemplate } from '../../../lib/terraform/expression';
import { referencedValue } from '../../graph/follow';
import { isRef, isTemplate, isUnknown, type Ref, type ResourceGraph, type TfResource, type Unknown, type Value } from '../../graph/types';

/** How a reference is written in messages: `<resource id>.<attribute>`. */
export function refText(ref: Ref): string {
  return `${ref.$ref}.${ref.attribute}`;
}

/** A readable rendering of any value for messages (literals as JSON, references and unknowns as written). */
export function expressionOf(value: Value | undefined): string {
  if (value === undefined) return 'undefined';
  if (isUnknown(value)) return value.$unknown;
  if (isRef(value)) return refText(value);
  if (isTemplate(value)) return value.$template;
  return JSON.stringify(value);
}

/**
 * The Unknown a value stands for when nobody can know it before apply: the value itself when it is
 * an {@link Unknown}, or a reference to a resource the graph does not hold; undefined otherwise.
 */
export function unknownOf(value: Value | undefined, graph?: ResourceGraph): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (graph && isRef(value) && !graph.get(value.$ref)) return { $unknown: refText(value), reason: `${value.$ref} is not in the graph` };
  return undefined;
}

/** True when a value is an unknown that comes straight from an input variable (`var.x`), the one place secrets may come from. */
export function isVariable(value: Value | undefined): boolean {
  return isUnknown(value) && /^\s*(\$\{)?\s*var\.[A-Za-z_][\w-]*\s*\}?\s*$/.test(value.$unknown);
}

const MAX_DEPTH = 16;

/**
 * The value behind a reference, followed to a literal argument of the referenced resource where the
 * graph holds one (`aws_vpc.x.cidr_block` gives the VPC's literal CIDR; a `terraform_data` output gives
 * the matching key of its input), by the same step as the network model ({@link referencedValue}). A template is interpolated
 * when every reference in it resolves to a scalar. Anything else that cannot be read offline comes
 * back as an {@link Unknown}: a missing resource, an attribute AWS computes at apply (ids, ARNs),
 * an unresolvable template. Plain literals, lists and objects are returned as they are.
 */
export function resolve(graph: ResourceGraph, value: Value | undefined, depth = 0): Value | undefined {
  if (value === undefined || depth > MAX_DEPTH) return value;
  if (isUnknown(value)) return value;
  if (isRef(value)) {
    if (!graph.get(value.$ref)) return { $unknown: refText(value), reason: `${value.$ref} is not in the graph` };
    // The same step the network model takes (analysis/network/reader.ts): terraform_data's `output` is its `input`.
    const current = referencedValue(graph, value);
    if (current === undefined) return { $unknown: refText(value), reason: 'computed by AWS at apply' };
    return resolve(graph, current, depth + 1);
  }
  if (isTemplate(value)) return interpolate(graph, value.$template, value.refs, depth);
  return value;
}

function interpolate(graph: ResourceGraph, text: string, refs: readonly (Ref | Unknown)[], depth: number): Value {
  const parts = scanTemplate(text);
  const opaque: Unknown = { $unknown: text, reason: 'a string built from values known only at apply' };
  if (!parts) return text;
  const interpolations = parts.filter((p) => typeof p !== 'string');
  // The refs line up with the interpolations only when each one is a single reference.
  if (interpolations.length !== refs.length) return opaque;
  let out = '';
  let i = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const resolved = resolve(graph, refs[i++], depth + 1);
    if (resolved === null || resolved === undefined || typeof resolved === 'object') return opaque;
    out += String(resolved);
  }
  return out;
}

/** A string argument: the literal, undefined when absent or null, or the Unknown that hides it (numbers are stringified). */
export function stringOf(graph: ResourceGraph, value: Value | undefined): string | undefined | Unknown {
  const v = resolve(graph, value);
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return { $unknown: expressionOf(v), reason: 'not a single string' };
}

/** A boolean argument (`"true"`/`"false"` strings accepted, as Terraform converts them): the literal, undefined when absent, or an Unknown. */
export function boolOf(graph: ResourceGraph, value: Value | undefined): boolean | undefined | Unknown {
  const v = resolve(graph, value);
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return { $unknown: expressionOf(v), reason: 'not a boolean' };
}

/** A number argument (numeric strings accepted): the literal, undefined when absent, or an Unknown. */
export function numberOf(graph: ResourceGraph, value: Value | undefined): number | undefined | Unknown {
  const v = resolve(graph, value);
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return { $unknown: expressionOf(v), reason: 'not a number' };
}

/** A list argument: its elements (unresolved), an empty list when absent, or the Unknown that hides the whole list. */
export function listOf(graph: ResourceGraph, value: Value | undefined): readonly Value[] | Unknown {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  const v = isRef(value) ? resolve(graph, value) : value;
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (isUnknown(v)) return v;
  return { $unknown: expressionOf(value), reason: 'not a list' };
}

/** The resource a value references, or the Unknown explaining why it cannot be known (undefined when the value is absent or a literal). */
export function targetOf(graph: ResourceGraph, value: Value | undefined): TfResource | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (!isRef(value)) return undefined;
  return graph.get(value.$ref) ?? { $unknown: refText(value), reason: `${value.$ref} is not in the graph` };
}

/** Resources of `type` whose `attribute` references `target`, and those whose `attribute` is unknown (they might). */
export function referrersOrUnknown(graph: ResourceGraph, target: TfResource, type: string, attribute: string): { readonly found: readonly TfResource[]; readonly unknown: readonly { readonly resource: TfResource; readonly value: Unknown }[] } {
  const found = graph.referrers(target, type, attribute);
  const unknown = graph
    .byType(type)
    .map((resource) => ({ resource, value: unknownOf(resource.attrs[attribute], graph) }))
    .filter((u): u is { resource: TfResource; value: Unknown } => u.value !== undefined);
  return { found, unknown };
}

/** True, false, or the Unknown that stops the question being answered. */
export type Tri = boolean | Unknown;

/** Tri-state AND: false if either is false, else the first Unknown, else true. */
export function both(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return isUnknown(a) ? a : b;
}
