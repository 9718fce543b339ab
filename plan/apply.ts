/**
 * Applies a Terraform plan (`terraform show -json`) to the synthesized JSON of its stack, giving the
 * stack twice, in the form the analysis reads (`cdk.tf.json`):
 *
 * - **before**: what is deployed today, from the plan's `before` values (Terraform's refreshed prior
 *   state): a resource the plan creates is absent, one it deletes is present, an attribute it changes
 *   has its old value;
 * - **after**: what the apply leaves, which is the synthesized configuration the plan was made from,
 *   with the values only the plan knows filled in (an attribute the synth computes with a function or a
 *   variable, which the analysis cannot evaluate, gets the plan's known `after` value).
 *
 * Plans hold concrete ids where the synth holds references, so an old value is turned back into a
 * reference by its id: every id, ARN and zone id of the plan's resources and every value of the data
 * sources it read (published SSM parameters, remote state and `tfe_outputs` outputs) is indexed.
 * A value unknown until apply (`after_unknown`) keeps the synthesized reference when there is one,
 * which names the very object Terraform will create; anything else the analysis cannot evaluate stays
 * unknown, and nothing unknown reads as allowed.
 *
 * The plan must come from this synth: a resource it creates or updates that the synth lacks, one it
 * deletes that the synth still has, or a changed literal that differs from the synthesized one is a
 * {@link PlanMismatchError}.
 *
 * Format: https://developer.hashicorp.com/terraform/internals/json-format ("Change Representation",
 * "Values Representation": unknown values are absent from `after` and marked in `after_unknown`).
 */
import type { PlanAction } from './summary';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** A managed resource the plan changes (anything but a no-op or a read). */
export interface PlannedChange {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly action: PlanAction;
}

/** One stack before and after its plan, as `cdk.tf.json` objects. */
export interface AppliedPlan {
  readonly before: Obj;
  readonly after: Obj;
  readonly changes: readonly PlannedChange[];
}

/** The plan was not made from this synthesized output; the message lists what differs. */
export class PlanMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanMismatchError';
  }
}

/** Keys of a synthesized resource body that are not attributes. */
const META = new Set(['//', 'depends_on', 'provider', 'lifecycle', 'count', 'for_each', 'connection', 'provisioner']);

/** What the provider computes for an object itself, never an argument the analysis reads. */
const OWN = new Set(['id', 'arn', 'tags_all']);

/** A cdktf stack declares every resource at the top level, one instance each. */
const ADDRESS = /^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** Roots of a traversal that Terraform evaluates itself (never a resource the analysis resolves). */
const EVALUATED = new Set(['var', 'local', 'module', 'each', 'count', 'self', 'path', 'terraform']);

const TRAVERSAL = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\\]*"\])+$/;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The inner text of every `${...}` in a string (escaped `$${` skipped), or undefined when there is a `%{` directive. */
function interpolations(s: string): string[] | undefined {
  if (/(^|[^%])%\{/.test(s)) return undefined;
  const out: string[] = [];
  const re = /(^|[^$])\$\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const start = m.index + m[0].length;
    let depth = 1;
    let i = start;
    for (; i < s.length && depth > 0; i++) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}') depth--;
    }
    out.push(s.slice(start, i - 1).trim());
    re.lastIndex = i;
  }
  return out;
}

/** A reference the analysis resolves to a resource or data source (`aws_subnet.a.id`, `data.aws_ssm_parameter.p.insecure_value`). */
function isResourceTraversal(expr: string): boolean {
  return TRAVERSAL.test(expr) && !EVALUATED.has(expr.split(/[.[]/)[0]);
}

/** Every resource traversal inside a synthesized value: the references it makes. */
function traversalsOf(raw: unknown, out = new Set<string>()): Set<string> {
  if (typeof raw === 'string') {
    for (const e of interpolations(raw) ?? []) if (isResourceTraversal(e)) out.add(e);
  } else if (Array.isArray(raw)) raw.forEach((e) => traversalsOf(e, out));
  else if (isObj(raw)) Object.values(raw).forEach((e) => traversalsOf(e, out));
  return out;
}

/** True when the analysis cannot evaluate the synthesized value (a function, a variable, an operator, a directive). */
function isComputed(raw: unknown): boolean {
  if (typeof raw === 'string') {
    const parts = interpolations(raw);
    return parts === undefined || parts.some((e) => !isResourceTraversal(e));
  }
  if (Array.isArray(raw)) return raw.some(isComputed);
  if (isObj(raw)) return Object.values(raw).some(isComputed);
  return false;
}

function hasUnknown(u: unknown): boolean {
  if (u === true) return true;
  if (Array.isArray(u)) return u.some(hasUnknown);
  if (isObj(u)) return Object.values(u).some(hasUnknown);
  return false;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Plan values → synthesized references, by the ids and data-source values of the plan. */
class IdIndex {
  private readonly byValue = new Map<string, { readonly expr: string; readonly managed: boolean; readonly type: string }[]>();

  add(value: unknown, expr: string, managed: boolean, type: string): void {
    if (typeof value !== 'string' || value.length < 3) return;
    const list = this.byValue.get(value) ?? [];
    if (!list.some((c) => c.expr === expr)) list.push({ expr, managed, type });
    this.byValue.set(value, list);
  }

  /** Every string leaf of `value` under `expr` (outputs of remote state, `tfe_outputs`). */
  addTree(value: unknown, expr: string, type: string): void {
    if (typeof value === 'string') this.add(value, expr, false, type);
    else if (Array.isArray(value)) value.forEach((v, i) => this.addTree(v, `${expr}[${i}]`, type));
    else if (isObj(value)) for (const [k, v] of Object.entries(value)) this.addTree(v, /^[A-Za-z_][\w-]*$/.test(k) ? `${expr}.${k}` : `${expr}[${JSON.stringify(k)}]`, type);
  }

  /** The references a value may stand for. */
  candidates(value: string): readonly string[] {
    return (this.byValue.get(value) ?? []).map((c) => c.expr);
  }

  /**
   * The reference for `value`: the one the synth makes at this place when it is a candidate (`hints`),
   * else a resource over a data source, else the base resource over its accepter or association
   * (an attachment and its accepter share an id), else undefined when the plan names no such object.
   */
  reference(value: string, hints: ReadonlySet<string>): string | undefined {
    const list = this.byValue.get(value);
    if (!list) return undefined;
    const hinted = list.find((c) => hints.has(c.expr));
    const best = hinted ?? [...list].sort((a, b) => Number(b.managed) - Number(a.managed) || a.type.length - b.type.length || (a.expr < b.expr ? -1 : 1))[0];
    return best.expr;
  }

  translate(value: Json, hints: ReadonlySet<string>): Json {
    if (typeof value === 'string') {
      const ref = this.reference(value, hints);
      return ref === undefined ? value.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : `\${${ref}}`;
    }
    if (Array.isArray(value)) return value.map((v) => this.translate(v, hints));
    if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.translate(v, hints)]));
    return value;
  }
}

interface RawChange {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly deposed?: string;
  readonly change: { readonly actions: readonly string[]; readonly before?: Json; readonly after?: Json; readonly after_unknown?: Json };
}

interface RawStateResource {
  readonly address?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly name?: string;
  readonly values?: Json;
}

/** Every resource of a state's module tree (`prior_state.values.root_module` and its `child_modules`). */
function stateResources(module: unknown, out: RawStateResource[] = []): RawStateResource[] {
  if (!isObj(module)) return out;
  if (Array.isArray(module.resources)) for (const r of module.resources) if (isObj(r)) out.push(r as RawStateResource);
  if (Array.isArray(module.child_modules)) for (const m of module.child_modules) stateResources(m, out);
  return out;
}

const ID_ATTRIBUTES = ['id', 'arn', 'zone_id'];

function indexPlan(plan: Obj, changes: readonly RawChange[]): IdIndex {
  const index = new IdIndex();
  const prior = isObj(plan.prior_state) && isObj(plan.prior_state.values) ? plan.prior_state.values.root_module : undefined;
  for (const r of stateResources(prior)) {
    const m = typeof r.address === 'string' ? ADDRESS.exec(r.address) : null;
    if (!m || !isObj(r.values) || typeof r.type !== 'string') continue;
    const v = r.values;
    if (r.mode === 'managed') {
      for (const a of ID_ATTRIBUTES) index.add(v[a], `${r.address}.${a}`, true, r.type);
      continue;
    }
    if (r.type === 'terraform_remote_state') index.addTree(v.outputs, `${r.address}.outputs`, r.type);
    else if (r.type === 'tfe_outputs') {
      index.addTree(v.nonsensitive_values, `${r.address}.nonsensitive_values`, r.type);
      index.addTree(v.values, `${r.address}.values`, r.type);
    } else if (r.type === 'aws_ssm_parameter') {
      index.add(v.insecure_value, `${r.address}.insecure_value`, false, r.type);
      index.add(v.value, `${r.address}.value`, false, r.type);
    }
    index.add(v.id, `${r.address}.id`, false, r.type);
  }
  for (const rc of changes) {
    if (rc.mode !== 'managed' || rc.deposed !== undefined) continue;
    for (const side of [rc.change.before, rc.change.after]) if (isObj(side)) for (const a of ID_ATTRIBUTES) index.add(side[a], `${rc.address}.${a}`, true, rc.type);
  }
  return index;
}

/** What the plan does to one object, in the words of {@link PlanAction}. */
function actionOf(actions: readonly string[]): PlanAction | undefined {
  const key = actions.join(',');
  if (key === 'no-op' || key === 'create' || key === 'update' || key === 'delete' || key === 'forget' || key === 'read') return key;
  if (key === 'delete,create' || key === 'create,delete' || key === 'create,forget') return 'replace';
  return undefined;
}

/** True when a synthesized value and a value the plan knows agree (a reference agrees with any id it may stand for). */
function consistent(raw: unknown, value: Json, index: IdIndex): boolean {
  if (typeof raw === 'string') {
    const parts = interpolations(raw);
    if (parts === undefined || parts.length > 0) {
      if (parts === undefined || parts.length !== 1 || raw.trim() !== `\${${parts[0]}}` || !isResourceTraversal(parts[0])) return true;
      if (typeof value !== 'string') return value === null ? false : true;
      const candidates = index.candidates(value);
      return candidates.length === 0 || candidates.includes(parts[0]);
    }
    const literal = raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
    if (typeof value === 'string') {
      if (literal === value) return true;
      try {
        return canonical(JSON.parse(literal)) === canonical(JSON.parse(value));
      } catch {
        return false;
      }
    }
    return value !== null && String(value) === literal;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') return value !== null && String(value) === String(raw);
  if (raw === null || raw === undefined) return true;
  if (Array.isArray(raw)) {
    if (value === null) return raw.length === 0;
    if (!Array.isArray(value)) return raw.length === 1 && consistent(raw[0], value, index);
    if (raw.some((e) => typeof e === 'object' && e !== null)) return true;
    if (raw.length !== value.length) return false;
    // Sets come back in any order: match each synthesized element with a distinct planned one.
    const left = [...value];
    return raw.every((e) => {
      const i = left.findIndex((v) => consistent(e, v, index));
      if (i < 0) return false;
      left.splice(i, 1);
      return true;
    });
  }
  if (isObj(raw)) {
    const v = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (!isObj(v)) return false;
    return Object.entries(raw).every(([k, e]) => consistent(e, v[k] ?? null, index));
  }
  return true;
}

function blockOf(json: Obj, mode: string): Obj {
  const key = mode === 'data' ? 'data' : 'resource';
  if (!isObj(json[key])) json[key] = {};
  return json[key] as Obj;
}

function getBody(json: Obj, type: string, name: string): Obj | undefined {
  const byType = isObj(json.resource) ? json.resource[type] : undefined;
  const body = isObj(byType) ? byType[name] : undefined;
  return isObj(body) ? body : undefined;
}

function setBody(json: Obj, type: string, name: string, body: Obj | undefined): void {
  const resources = blockOf(json, 'managed');
  if (body === undefined) {
    if (!isObj(resources[type])) return;
    delete (resources[type] as Obj)[name];
    if (Object.keys(resources[type] as Obj).length === 0) delete resources[type];
    return;
  }
  if (!isObj(resources[type])) resources[type] = {};
  (resources[type] as Obj)[name] = body;
}

/** A body for an object the synth does not declare, from plan values (nulls left out: unset). */
function bodyFrom(values: Json | undefined, index: IdIndex): Obj {
  const body: Obj = {};
  if (!isObj(values)) return body;
  for (const [k, v] of Object.entries(values)) if (v !== null && !OWN.has(k)) body[k] = index.translate(v, new Set());
  return body;
}

function setOrDelete(body: Obj, key: string, value: Json): void {
  if (value === null) delete body[key];
  else body[key] = value;
}

/**
 * Before and after bodies of a resource that exists on both sides. Per attribute: an unchanged one
 * keeps the synthesized expression (it evaluates to the same value on both sides); a changed one gets
 * its old value before, and after keeps the synthesized expression, which the plan evaluated (checked
 * against the plan's value where it is a literal).
 */
function merge(rc: RawChange, synth: Obj, index: IdIndex, mismatches: string[]): { before: Obj; after: Obj } {
  const before = structuredClone(synth);
  const after = structuredClone(synth);
  const b = isObj(rc.change.before) ? rc.change.before : {};
  const a = isObj(rc.change.after) ? rc.change.after : {};
  const u = isObj(rc.change.after_unknown) ? rc.change.after_unknown : {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a), ...Object.keys(u)])) {
    if (META.has(key) || (OWN.has(key) && !(key in synth))) continue;
    const unknown = hasUnknown(u[key]);
    const bv = b[key] ?? null;
    const av = a[key] ?? null;
    const inSynth = key in synth;
    const hints = inSynth ? traversalsOf(synth[key]) : new Set<string>();
    const computed = inSynth && isComputed(synth[key]);
    if (!unknown && canonical(bv) === canonical(av)) {
      // The plan knows what the analysis cannot evaluate: the same value on both sides.
      if (computed) {
        setOrDelete(before, key, index.translate(bv, hints));
        setOrDelete(after, key, index.translate(av, hints));
      }
      continue;
    }
    // Computed by the provider and unknown until apply (the id of a replacement): no argument of the synth.
    if (!inSynth && unknown) continue;
    setOrDelete(before, key, index.translate(bv, hints));
    if (!inSynth) setOrDelete(after, key, index.translate(av, hints));
    else if (unknown) continue;
    else if (computed) setOrDelete(after, key, index.translate(av, hints));
    else if (!consistent(synth[key], av, index)) mismatches.push(`${rc.address}.${key}: the plan sets ${JSON.stringify(av)}, the synth ${JSON.stringify(synth[key])}`);
  }
  return { before, after };
}

/** The synthesized body with the values only the plan knows filled in (a resource the plan creates). */
function fillIn(rc: RawChange, synth: Obj, index: IdIndex): Obj {
  const after = structuredClone(synth);
  const a = isObj(rc.change.after) ? rc.change.after : {};
  const u = isObj(rc.change.after_unknown) ? rc.change.after_unknown : {};
  for (const [key, raw] of Object.entries(synth)) {
    if (META.has(key) || !isComputed(raw) || !(key in a) || hasUnknown(u[key])) continue;
    setOrDelete(after, key, index.translate(a[key], traversalsOf(raw)));
  }
  return after;
}

/** `stack` as it is today and after the plan; throws {@link PlanMismatchError} when the plan is not of this synth. */
export function applyPlan(stack: string, synthesized: object, plan: unknown): AppliedPlan {
  const p = isObj(plan) ? plan : {};
  const changes = (Array.isArray(p.resource_changes) ? p.resource_changes : []).filter(isObj) as unknown as RawChange[];
  // Old values name objects by id; without the prior state (a pruned plan) they cannot be placed.
  if (!isObj(p.prior_state) && changes.some((rc) => rc.mode === 'managed' && isObj(rc.change?.before))) {
    throw new PlanMismatchError(`the plan of ${stack} has no prior_state, so its old values cannot be placed: pass \`terraform show -json\` output as Terraform prints it`);
  }
  const index = indexPlan(p, changes);
  const synth = synthesized as Obj;
  const before = structuredClone(synth);
  const after = structuredClone(synth);
  const planned: PlannedChange[] = [];
  const mismatches: string[] = [];
  for (const rc of changes) {
    if (rc.mode !== 'managed' || rc.deposed !== undefined) continue;
    const action = actionOf(rc.change?.actions ?? []);
    const m = ADDRESS.exec(rc.address);
    if (!m || m[1] !== undefined || action === undefined) {
      mismatches.push(`${rc.address}: not a resource of a synthesized stack (cdktf declares every resource at the top level, without count or for_each)`);
      continue;
    }
    const [, , type, name] = m;
    if (action !== 'no-op' && action !== 'read') planned.push({ stack, address: rc.address, type, action });
    const body = getBody(synth, type, name);
    switch (action) {
      case 'read':
        break;
      case 'create':
        if (!body) mismatches.push(`${rc.address}: the plan creates it, the synth has no such resource`);
        else {
          setBody(before, type, name, undefined);
          setBody(after, type, name, fillIn(rc, body, index));
        }
        break;
      case 'delete':
        if (body) mismatches.push(`${rc.address}: the plan deletes it, the synth still declares it`);
        else setBody(before, type, name, bodyFrom(rc.change.before, index));
        break;
      case 'forget': {
        // Removed from state only: the object stays in AWS, on both sides.
        const kept = bodyFrom(rc.change.before, index);
        setBody(before, type, name, kept);
        if (!body) setBody(after, type, name, kept);
        break;
      }
      default: {
        if (!body) {
          mismatches.push(`${rc.address}: the plan ${action === 'no-op' ? 'keeps' : action === 'update' ? 'updates' : 'replaces'} it, the synth has no such resource`);
          break;
        }
        const merged = merge(rc, body, index, mismatches);
        setBody(before, type, name, merged.before);
        setBody(after, type, name, merged.after);
      }
    }
  }
  if (mismatches.length > 0) {
    const shown = mismatches.slice(0, 5).map((m) => `  ${m}`);
    if (mismatches.length > shown.length) shown.push(`  ... and ${mismatches.length - shown.length} more`);
    throw new PlanMismatchError(`the plan of ${stack} was not made from this synthesized output:\n${shown.join('\n')}`);
  }
  return { before, after, changes: planned };
}
