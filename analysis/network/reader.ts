/**
 * Typed reads of resolved attributes for the model builders. Every read that cannot be resolved
 * offline yields {@link UNKNOWN} (or an `unknown` target) and is recorded with its resource and field,
 * so a gap is never silently read as "absent" (which could mean "allowed").
 */
import { referencedValue } from '../graph/follow';
import { isRef, isTemplate, isUnknown, type ResourceGraph, type TfResource, type Value } from '../graph/types';
import type { Unresolved } from './types';

/** The placeholder for an id, CIDR or name that cannot be known before apply. */
export const UNKNOWN = 'unknown';

/** A resolved target resource id, or why there is none. */
export type Target = { readonly id: string } | { readonly reason: string };

/** Reads attributes of graph resources and collects what it could not resolve. */
export class ModelReader {
  readonly unresolved: Unresolved[] = [];

  constructor(readonly graph: ResourceGraph) {}

  /** Records an unresolved value. */
  note(source: TfResource, field: string, reason: string): void {
    this.unresolved.push({ source: source.id, field, reason });
  }

  /**
   * Follows a reference to an argument of another resource to the value configured there
   * (`aws_route53_vpc_association_authorization.a.vpc_id` is that authorization's `vpc_id`), until it
   * reaches a computed attribute (`id`, `arn`, ...) or a literal.
   */
  follow(value: Value | undefined): Value | undefined {
    let v = value;
    for (let hops = 0; hops < 16 && isRef(v); hops++) {
      if (v.attribute === 'id') break;
      // The same step the rule pack takes (terraform_data's `output` is its `input`).
      const next = referencedValue(this.graph, v);
      if (next === undefined) break;
      v = next;
    }
    return v;
  }

  /** The id of the resource of one of `types` whose `attributes` (default `id`) `value` references. */
  target(value: Value | undefined, types: readonly string[], attributes: readonly string[] = ['id']): Target {
    const v = this.follow(value);
    if (isRef(v)) {
      const r = this.graph.get(v.$ref);
      if (!r) return { reason: `${v.$ref} does not exist` };
      if (types.includes(r.type) && attributes.includes(v.attribute)) return { id: r.id };
      return { reason: `it references ${r.id}.${v.attribute}, not the ${attributes.join('/')} of a ${types.join(' or ')}` };
    }
    return { reason: describe(v) };
  }

  /** {@link target} as an id, {@link UNKNOWN} (recorded) when unresolved; undefined when the field is absent. */
  ref(source: TfResource, field: string, value: Value | undefined, types: readonly string[], attributes?: readonly string[]): string | undefined {
    if (absent(value)) return undefined;
    const t = this.target(value, types, attributes);
    if ('id' in t) return t.id;
    this.note(source, field, t.reason);
    return UNKNOWN;
  }

  /** {@link ref} for a required field: absent is unknown too. */
  requiredRef(source: TfResource, field: string, types: readonly string[], attributes?: readonly string[]): string {
    const value = source.attrs[field];
    if (absent(value)) {
      this.note(source, field, `${field} is not set`);
      return UNKNOWN;
    }
    return this.ref(source, field, value, types, attributes) ?? UNKNOWN;
  }

  /** A list of references (e.g. `subnet_ids`); a list that is itself unknown gives `[UNKNOWN]`. */
  refs(source: TfResource, field: string, value: Value | undefined, types: readonly string[], attributes?: readonly string[]): string[] {
    const v = this.follow(value);
    if (absent(v)) return [];
    if (!Array.isArray(v)) {
      this.note(source, field, `the list is ${describe(v)}`);
      return [UNKNOWN];
    }
    return (v as readonly Value[]).map((e, i) => this.ref(source, `${field}[${i}]`, e, types, attributes) ?? UNKNOWN);
  }

  /** A literal string (a CIDR, a name); {@link UNKNOWN} (recorded) for anything computed; undefined when absent. */
  text(source: TfResource, field: string, value: Value | undefined = source.attrs[field]): string | undefined {
    const v = this.follow(value);
    if (absent(v)) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.note(source, field, describe(v));
    return UNKNOWN;
  }

  /** A list of literal strings (CIDR lists); entries that are computed become {@link UNKNOWN}. */
  texts(source: TfResource, field: string, value: Value | undefined = source.attrs[field]): string[] {
    const v = this.follow(value);
    if (absent(v)) return [];
    if (!Array.isArray(v)) {
      this.note(source, field, `the list is ${describe(v)}`);
      return [UNKNOWN];
    }
    return (v as readonly Value[]).map((e, i) => this.text(source, `${field}[${i}]`, e) ?? UNKNOWN);
  }

  /** A literal number (ports, rule numbers); numeric strings are accepted, as Terraform converts them. */
  num(source: TfResource, field: string, value: Value | undefined = source.attrs[field]): number | typeof UNKNOWN | undefined {
    const v = this.follow(value);
    if (absent(v)) return undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    this.note(source, field, describe(v));
    return UNKNOWN;
  }

  /** A boolean (or `true`/`false`, `enable`/`disable` strings); `fallback` when absent, {@link UNKNOWN} when computed. */
  flag(source: TfResource, field: string, fallback: boolean, value: Value | undefined = source.attrs[field]): boolean | typeof UNKNOWN {
    const v = this.follow(value);
    if (absent(v)) return fallback;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'enable') return true;
    if (v === 'false' || v === 'disable') return false;
    this.note(source, field, describe(v));
    return UNKNOWN;
  }

  /** The literal tags, or undefined when the resource has none that can be read. */
  tags(source: TfResource): { readonly [key: string]: string } | undefined {
    const v = source.attrs.tags;
    if (!isRecord(v)) return undefined;
    const out: { [key: string]: string } = {};
    for (const [k, tag] of Object.entries(v)) if (typeof tag === 'string') out[k] = tag;
    return out;
  }
}

/** Inline nested blocks: cdktf writes a list of objects, or one object for a single-item block. */
export function blocks(value: Value | undefined): { readonly [key: string]: Value }[] {
  if (Array.isArray(value)) return (value as readonly Value[]).filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** A plain resolved object (not a Ref, Template or Unknown). */
export function isRecord(v: Value | undefined): v is { readonly [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRef(v) && !isUnknown(v) && !isTemplate(v);
}

/** Not set: missing, null, or the empty string Terraform JSON uses for unset block arguments. */
export function absent(v: Value | undefined): v is undefined | null | '' {
  return v === undefined || v === null || v === '';
}

/** Why a value is not a usable reference or literal, for {@link Unresolved.reason}. */
export function describe(v: Value | undefined): string {
  if (absent(v)) return 'it is not set';
  if (isUnknown(v)) return `${v.$unknown}: ${v.reason}`;
  if (isTemplate(v)) return `${v.$template} is a template, computed by Terraform`;
  if (isRef(v)) return `it is ${v.$ref}.${v.attribute}, computed at apply time`;
  if (typeof v === 'string') return `the literal ${JSON.stringify(v)} names nothing in the synthesized stacks`;
  return `${JSON.stringify(v)} is not a reference`;
}
