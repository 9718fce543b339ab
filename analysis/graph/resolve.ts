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
import { isRef, isTemplate, isUnknown, type OutputRead, type Ref, type Template, type Unknown, type UnknownKind, type Value } from './types';
import { calledFunction, formatSteps, parseTraversal, scanTemplate, traversalsIn, unescapeLiteral, type TraversalStep } from '../../lib/terraform/expression';
import { StateLocations, type StateMatch, type StateOwner } from '../../lib/synth-output/state-location';

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

/** Attributes of `data.tfe_outputs` that hold the workspace's outputs (all, or the non-sensitive ones). */
const TFE_OUTPUT_VALUES = new Set(['values', 'nonsensitive_values']);

/** Attributes of `data.aws_ssm_parameter` that hold the parameter's value. */
const PARAMETER_VALUES = new Set(['insecure_value', 'value']);

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
  private readonly producers = new Map<string, StateMatch>();
  /** Published values: `aws_ssm_parameter` resources by literal name, with the stacks that declare one. */
  private readonly parameters = new Map<string, { readonly stack: string; readonly body: { readonly [key: string]: unknown } }[]>();

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
      for (const body of Object.values(objectOf(objectOf(stack.json.resource).aws_ssm_parameter))) {
        const name = objectOf(body).name;
        if (typeof name !== 'string' || name.includes('${')) continue;
        this.parameters.set(name, [...(this.parameters.get(name) ?? []), { stack: stack.name, body: objectOf(body) }]);
      }
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
    if (isData && type === 'tfe_outputs' && TFE_OUTPUT_VALUES.has(attrOf(rest[0]) ?? '')) return this.remoteOutput(stack, name, rest.slice(1), text, 'tfe_outputs');
    const address = `${isData ? 'data.' : ''}${type}.${name}`;
    if (!this.scope(stack).declared.has(address)) return unknown(text, 'undeclared', `${address} is not declared in stack ${stack}`);
    if (isData && type === 'aws_ssm_parameter' && rest.length === 1 && PARAMETER_VALUES.has(attrOf(rest[0]) ?? '')) return this.publishedValue(stack, name, rest, text);
    return { $ref: `${stack}:${address}`, attribute: formatSteps(rest) };
  }

  /** Output of another stack read through `data.terraform_remote_state.<n>.outputs` or `data.tfe_outputs.<n>.(nonsensitive_)values`. */
  private remoteOutput(stack: string, stateName: string, steps: readonly TraversalStep[], text: string, type: 'terraform_remote_state' | 'tfe_outputs' = 'terraform_remote_state'): Value {
    const scope = this.scope(stack);
    const address = `data.${type}.${stateName}`;
    const readers = type === 'tfe_outputs' ? objectOf(objectOf(scope.stack.json.data).tfe_outputs) : scope.remoteStates;
    if (!(stateName in readers)) return unknown(text, 'undeclared', `${address} is not declared in stack ${stack}`);
    const match = this.producer(stack, type, stateName);
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

  /** The stack that `data.<type>.<name>` of `stack` reads (cached), or why none. */
  private producer(stack: string, type: 'terraform_remote_state' | 'tfe_outputs', name: string): StateMatch {
    const key = `${stack}\u0000${type}\u0000${name}`;
    let match = this.producers.get(key);
    if (!match) {
      const scope = this.scope(stack);
      const body = objectOf(objectOf(scope.stack.json.data)[type])[name];
      match = type === 'tfe_outputs' ? this.locations.matchTfeOutputs(body, tfeProviderOf(scope.stack.json, body)) : this.locations.match(scope.stack, body);
      this.producers.set(key, match);
    }
    return match;
  }

  /** Every `data.terraform_remote_state` and `data.tfe_outputs` of `stack`, with the stack each reads or why none does. */
  reads(stack: string): OutputRead[] {
    const data = objectOf(this.scope(stack).stack.json.data);
    const out: OutputRead[] = [];
    for (const type of ['terraform_remote_state', 'tfe_outputs'] as const) {
      for (const name of Object.keys(objectOf(data[type]))) {
        const match = this.producer(stack, type, name);
        out.push({ source: `${stack}:data.${type}.${name}`, ...match });
      }
    }
    return out;
  }

  /** Every local value of `stack`, resolved. */
  locals(stack: string): { [name: string]: Value } {
    const out: { [name: string]: Value } = {};
    for (const [name, raw] of Object.entries(objectOf(this.scope(stack).stack.json.locals))) out[name] = this.value(stack, raw);
    return out;
  }

  /**
   * The value of a parameter another stack publishes (constructs/publish): `data.aws_ssm_parameter.x`
   * names a parameter that exactly one `aws_ssm_parameter` resource of the app writes, so its value is
   * that resource's `value`, resolved in the publishing stack. Anything else stays the data source's
   * own attribute (a parameter published outside the landing zone).
   */
  private publishedValue(stack: string, name: string, rest: readonly TraversalStep[], text: string): Value {
    const body = objectOf(objectOf(objectOf(this.scope(stack).stack.json.data).aws_ssm_parameter)[name]);
    const parameter = body.name;
    const address = `data.aws_ssm_parameter.${name}`;
    if (typeof parameter !== 'string' || parameter.includes('${')) return { $ref: `${stack}:${address}`, attribute: formatSteps(rest) };
    const writers = this.parameters.get(parameter) ?? [];
    if (writers.length !== 1) {
      if (writers.length === 0) return { $ref: `${stack}:${address}`, attribute: formatSteps(rest) };
      const why = `parameter ${parameter} is published by ${writers.map((w) => w.stack).join(' and ')}`;
      return unknown(text, 'remote-state', `${address} of stack ${stack} cannot be resolved: ${why}`);
    }
    const [writer] = writers;
    if (writer.stack === stack) return unknown(text, 'cycle', `stack ${stack} reads the parameter ${parameter} it publishes itself`);
    const key = `${writer.stack}\u0000parameter\u0000${parameter}`;
    const cached = this.outputCache.get(key);
    if (cached !== undefined) return cached;
    const v = this.value(writer.stack, writer.body.value);
    this.outputCache.set(key, v);
    return v;
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

/**
 * The `provider.tfe` configuration a data source uses: the one whose alias its `provider` meta-argument
 * names (`tfe.<alias>`), or the default (unaliased) one.
 */
function tfeProviderOf(json: { readonly [key: string]: unknown }, body: unknown): unknown {
  const configs = objectOf(json.provider).tfe;
  const list = Array.isArray(configs) ? configs : configs === undefined ? [] : [configs];
  const named = objectOf(body).provider;
  const alias = typeof named === 'string' ? /^\$?\{?tfe\.([\w-]+)\}?$/.exec(named)?.[1] : undefined;
  return list.find((c) => (alias === undefined ? objectOf(c).alias === undefined : objectOf(c).alias === alias));
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
