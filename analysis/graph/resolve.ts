/**
 * Resolves synthesized values into {@link Value}s: `${type.name.attr}` becomes a {@link Ref}, a
 * `terraform_remote_state` output is followed into the producing stack and resolved there, mixed
 * strings become {@link Template}s, anything Terraform computes becomes an {@link Unknown}.
 *
 * Choices worth knowing:
 * - An index into a resource attribute (`aws_vpc_endpoint.e.dns_entry[0].hosted_zone_id`) is a Ref
 *   to that resource with the index kept in `attribute`: which resource it names is certain.
 * - A map key of an output can be written `.key` or `["key"]`; both are followed. A list index into
 *   a list output is followed too.
 * - Function calls (`tolist(...)`, `trimprefix(...)`), operators and splats are Unknown; their
 *   resolvable references are listed in `refs`.
 * - A string whose interpolations all resolve to literals (a remote output that is a plain string) is
 *   returned as the plain string Terraform will compute; `$${`/`%%{` escapes are undone in plain strings.
 *   In a Template, interpolations that resolve to literals are not listed in `refs`.
 * - Resolved strings are cached per stack and parses across stacks, so 100 spokes that repeat the same
 *   expressions cost little more than one; returned Values are shared and must not be mutated.
 */
import { isRef, isTemplate, isUnknown, type Ref, type Template, type Unknown, type UnknownKind, type Value } from './types';
import { calledFunction, formatSteps, parseTraversal, scanTemplate, traversalsIn, unescapeLiteral, type TraversalStep } from './expression';
import { StateLocations, type StateOwner } from './state-location';

/** One stack's synthesized JSON with where it lives in the output directory. */
export interface RawStack extends StateOwner {
  readonly json: { readonly [key: string]: unknown };
}

interface Scope {
  readonly stack: RawStack;
  /** `type.name` and `data.type.name` of everything the stack declares. */
  readonly declared: ReadonlySet<string>;
  readonly remoteStates: { readonly [name: string]: unknown };
  readonly outputs: { readonly [name: string]: unknown };
  /** Resolved strings: the same reference recurs many times in a stack, and Values are immutable. */
  readonly strings: Map<string, Value>;
}

/** Roots Terraform evaluates itself: never a resource address. */
const EVALUATED_ROOTS = new Set(['module', 'each', 'count', 'self', 'path', 'terraform']);

/** Resolves values of any stack of one synthesized app; caches followed outputs. */
export class Resolver {
  private readonly scopes = new Map<string, Scope>();
  private readonly locations: StateLocations;
  private readonly outputCache = new Map<string, Value>();
  private readonly following = new Set<string>();
  /** Parses are stack-independent: shared by every stack (100 spokes repeat the same strings). */
  private readonly scans = new Map<string, ReturnType<typeof scanTemplate>>();
  private readonly traversals = new Map<string, TraversalStep[] | undefined>();
  private readonly producers = new Map<string, ReturnType<StateLocations['match']>>();

  constructor(stacks: readonly RawStack[]) {
    for (const stack of stacks) {
      if (this.scopes.has(stack.name)) throw new Error(`duplicate stack ${stack.name}`);
      const declared = new Set<string>();
      for (const [mode, prefix] of [['resource', ''], ['data', 'data.']] as const) {
        for (const [type, byName] of Object.entries(objectOf(stack.json[mode]))) {
          for (const name of Object.keys(objectOf(byName))) declared.add(`${prefix}${type}.${name}`);
        }
      }
      const data = objectOf(stack.json.data);
      this.scopes.set(stack.name, { stack, declared, remoteStates: objectOf(data.terraform_remote_state), outputs: objectOf(stack.json.output), strings: new Map() });
    }
    this.locations = new StateLocations(stacks);
  }

  /** A synthesized JSON value of `stack`, resolved (lists and objects recursively). */
  value(stack: string, raw: unknown): Value {
    if (typeof raw === 'string') return this.string(stack, raw);
    if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return raw;
    if (Array.isArray(raw)) return raw.map((e) => this.value(stack, e));
    if (typeof raw === 'object') {
      const out: { [key: string]: Value } = {};
      for (const [k, v] of Object.entries(raw as object)) out[k] = this.value(stack, v);
      return out;
    }
    return null;
  }

  /** Every output of `stack`, resolved. */
  outputs(stack: string): { [name: string]: Value } {
    const out: { [name: string]: Value } = {};
    for (const key of Object.keys(this.scope(stack).outputs)) out[key] = this.output(stack, key, []);
    return out;
  }

  private scope(stack: string): Scope {
    const scope = this.scopes.get(stack);
    if (!scope) throw new Error(`unknown stack ${stack}`);
    return scope;
  }

  private string(stack: string, s: string): Value {
    if (!s.includes('{')) return s;
    const cache = this.scope(stack).strings;
    let v = cache.get(s);
    if (v === undefined) {
      v = this.uncachedString(stack, s);
      cache.set(s, v);
    }
    return v;
  }

  private uncachedString(stack: string, s: string): Value {
    let parts = this.scans.get(s);
    if (parts === undefined && !this.scans.has(s)) {
      parts = scanTemplate(s);
      this.scans.set(s, parts);
    }
    if (!parts) return unescapeLiteral(s);
    if (parts.length === 1 && typeof parts[0] !== 'string') return this.interpolation(stack, parts[0].expr, parts[0].directive);
    const resolved = parts.map((p) => (typeof p === 'string' ? p : this.interpolation(stack, p.expr, p.directive)));
    if (resolved.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return resolved.join('');
    const refs: (Ref | Unknown)[] = [];
    for (let i = 0; i < parts.length; i++) {
      const v = resolved[i];
      if (typeof parts[i] === 'string') continue;
      if (isRef(v) || isUnknown(v)) refs.push(v);
      else if (isTemplate(v)) refs.push(...v.refs);
      else if (typeof v === 'object' && v !== null) {
        const expr = (parts[i] as { expr: string }).expr;
        refs.push(unknown(`\${${expr}}`, 'expression', 'a list or object cannot be interpolated into a string'));
      }
    }
    const template: Template = { $template: s, refs };
    return template;
  }

  private interpolation(stack: string, expr: string, directive: boolean): Value {
    const text = `${directive ? '%' : '$'}{${expr}}`;
    if (directive) return unknown(text, 'directive', 'a template directive is evaluated by Terraform', this.refsIn(stack, expr));
    const steps = this.parse(expr);
    if (steps) return this.traversal(stack, steps, text);
    const fn = calledFunction(expr);
    if (fn) return unknown(text, 'function', `${fn}(...) is computed by Terraform at plan time`, this.refsIn(stack, expr));
    if (/\[\*\]|\.\*/.test(expr)) return unknown(text, 'splat', 'a splat expression is computed by Terraform at plan time', this.refsIn(stack, expr));
    return unknown(text, 'expression', 'the expression is computed by Terraform at plan time', this.refsIn(stack, expr));
  }

  /** The resolvable references inside a complex expression. */
  private refsIn(stack: string, expr: string): Ref[] {
    const seen = new Set<string>();
    const refs: Ref[] = [];
    for (const candidate of traversalsIn(expr)) {
      const steps = this.parse(candidate);
      if (!steps) continue;
      const v = this.traversal(stack, steps, candidate);
      if (!isRef(v)) continue;
      const key = `${v.$ref} ${v.attribute}`;
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push(v);
    }
    return refs;
  }

  private parse(expr: string): TraversalStep[] | undefined {
    if (this.traversals.has(expr)) return this.traversals.get(expr);
    const steps = parseTraversal(expr);
    this.traversals.set(expr, steps);
    return steps;
  }

  private traversal(stack: string, steps: readonly TraversalStep[], text: string): Value {
    const root = attrOf(steps[0]);
    if (root === 'var') return unknown(text, 'variable', `${formatSteps(steps.slice(0, 2))} is a variable: its value is set only when Terraform runs`);
    if (root === 'local') return unknown(text, 'local', `${formatSteps(steps.slice(0, 2))} is a local value, not resolved offline`);
    if (root === undefined || EVALUATED_ROOTS.has(root)) return unknown(text, 'expression', `${formatSteps(steps.slice(0, 1))}.… is evaluated by Terraform`);
    const isData = root === 'data';
    const type = isData ? attrOf(steps[1]) : root;
    const name = attrOf(steps[isData ? 2 : 1]);
    if (type === undefined || name === undefined) return unknown(text, 'expression', 'not a resource reference');
    const rest = steps.slice(isData ? 3 : 2);
    if (isData && type === 'terraform_remote_state' && attrOf(rest[0]) === 'outputs') return this.remoteOutput(stack, name, rest.slice(1), text);
    const address = `${isData ? 'data.' : ''}${type}.${name}`;
    if (!this.scope(stack).declared.has(address)) return unknown(text, 'undeclared', `${address} is not declared in stack ${stack}`);
    return { $ref: `${stack}:${address}`, attribute: formatSteps(rest) };
  }

  private remoteOutput(stack: string, stateName: string, steps: readonly TraversalStep[], text: string): Value {
    const scope = this.scope(stack);
    const address = `data.terraform_remote_state.${stateName}`;
    if (!(stateName in scope.remoteStates)) return unknown(text, 'undeclared', `${address} is not declared in stack ${stack}`);
    const matchKey = `${stack}\u0000${stateName}`;
    let match = this.producers.get(matchKey);
    if (!match) {
      match = this.locations.match(scope.stack, scope.remoteStates[stateName]);
      this.producers.set(matchKey, match);
    }
    if ('reason' in match) return unknown(text, 'remote-state', `${address} of stack ${stack} cannot be resolved: ${match.reason}`);
    const producer = match.stack;
    if (steps.length === 0) return this.outputs(producer);
    const first = steps[0];
    const key = 'attr' in first ? first.attr : String(first.index);
    if (!(key in this.scope(producer).outputs)) return unknown(text, 'missing-output', `stack ${producer} has no output "${key}" (read by ${stack} through ${address})`);
    const v = this.output(producer, key, steps.slice(1));
    if (!isUnknown(v)) return v;
    // Keep the reader's expression; say where the producer's value came from.
    const why = v.kind === 'missing-key' || v.kind === 'cycle' ? v.reason : `output "${key}" of stack ${producer} is ${v.$unknown}: ${v.reason}`;
    return { $unknown: text, reason: why, kind: v.kind, ...(v.refs ? { refs: v.refs } : {}) };
  }

  /** Output `key` of `producer`, followed along `sub` (map keys, list indexes), resolved in the producer. */
  private output(producer: string, key: string, sub: readonly TraversalStep[]): Value {
    const cacheKey = `${producer}\u0000${key}\u0000${formatSteps(sub)}`;
    const cached = this.outputCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const text = `output.${key}${sub.length ? `.${formatSteps(sub)}` : ''}`;
    if (this.following.has(cacheKey)) return unknown(text, 'cycle', `output "${key}" of stack ${producer} refers back to itself`);
    this.following.add(cacheKey);
    try {
      const result = this.follow(producer, key, sub, text);
      this.outputCache.set(cacheKey, result);
      return result;
    } finally {
      this.following.delete(cacheKey);
    }
  }

  private follow(producer: string, key: string, sub: readonly TraversalStep[], text: string): Value {
    const output = objectOf(this.scope(producer).outputs[key]);
    let raw: unknown = output.value;
    for (let i = 0; i < sub.length; i++) {
      const step = sub[i];
      const k = 'attr' in step ? step.attr : step.index;
      if (Array.isArray(raw) && typeof k === 'number' && k < raw.length) raw = raw[k];
      else if (isPlainObject(raw) && String(k) in raw) raw = raw[String(k)];
      else if (typeof raw === 'string') {
        // The output is an expression (`${aws_x.y.tags}`): continue the traversal in the producer.
        const parts = scanTemplate(raw);
        const steps = parts?.length === 1 && typeof parts[0] !== 'string' ? this.parse(parts[0].expr) : undefined;
        if (steps) return this.traversal(producer, [...steps, ...sub.slice(i)], text);
        return unknown(text, 'missing-key', `output "${key}" of stack ${producer} is ${JSON.stringify(raw)}, so ${formatSteps(sub.slice(i))} cannot be followed into it`);
      } else {
        const where = formatSteps(sub.slice(0, i)) || undefined;
        return unknown(text, 'missing-key', `output "${key}"${where ? ` (at ${where})` : ''} of stack ${producer} has no key ${JSON.stringify(k)}`);
      }
    }
    return this.value(producer, raw);
  }
}

function unknown(text: string, kind: UnknownKind, reason: string, refs?: readonly Ref[]): Unknown {
  return refs && refs.length ? { $unknown: text, reason, kind, refs } : { $unknown: text, reason, kind };
}

function attrOf(step: TraversalStep | undefined): string | undefined {
  return step && 'attr' in step ? step.attr : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objectOf(v: unknown): { readonly [key: string]: unknown } {
  return isPlainObject(v) ? v : {};
}
