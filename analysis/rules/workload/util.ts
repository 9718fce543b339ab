/**
 * Helpers only the workload rules need, on top of ../helpers.ts: blocks written as an object or a
 * list, presence of a value whose content does not matter (a KMS key ARN), IAM policies from a JSON
 * string, a template or an `aws_iam_policy_document` data source, organization/account scoping of a
 * statement, account-root principals, the companion resources of an S3 bucket (its public access
 * block, policy, encryption...) and the buckets application load balancers log to.
 *
 * Like ../helpers.ts, nothing here lets an {@link Unknown} pass: readers hand it back to the rule.
 */
import { parse as parseYaml } from 'yaml';
import { scanTemplate } from '../../../lib/terraform/expression';
import { isRef, isTemplate, isUnknown, type ResourceGraph, type TfResource, type Unknown, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { parsePolicy, statementName, type PolicyStatement } from '../helpers/policy';
import { expressionOf, stringOf, unknownOf } from '../helpers/values';
import type { Violation } from '../types';

/** One nested block (`access_logs { ... }`), whichever way cdktf synthesized it. */
export type Block = { readonly [key: string]: Value };

/** Managed resources of any of `types` (aliases such as `aws_lb` / `aws_alb`), ordered by id. */
export function resourcesOf(graph: ResourceGraph, ...types: readonly string[]): readonly TfResource[] {
  return types.flatMap((t) => graph.byType(t)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The blocks of a nested-block argument: cdktf writes a single block as an object and repeated ones
 * as a list (both appear in the synthesized JSON). Empty when absent; an Unknown for a dynamic block.
 */
export function blocksOf(graph: ResourceGraph, value: Value | undefined): readonly Block[] | Unknown {
  if (value === undefined || value === null) return [];
  const unknown = unknownOf(value, graph);
  if (unknown) return unknown;
  const items = Array.isArray(value) ? (value as readonly Value[]) : [value];
  const out: Block[] = [];
  for (const item of items) {
    if (item === null) continue;
    if (typeof item !== 'object' || Array.isArray(item) || isRef(item) || isTemplate(item) || isUnknown(item)) {
      return unknownOf(item, graph) ?? { $unknown: expressionOf(item), reason: 'not a block' };
    }
    out.push(item as Block);
  }
  return out;
}

/**
 * Whether an argument is set to something non-empty, when what it is does not matter (a KMS key ARN,
 * a log group name): a reference to a resource of the graph is set even though AWS computes its
 * value at apply. An Unknown when it might be null or empty.
 */
export function presenceOf(graph: ResourceGraph, value: Value | undefined): boolean | Unknown {
  if (value === undefined || value === null || value === '') return false;
  const unknown = unknownOf(value, graph);
  if (unknown) return unknown;
  if (isTemplate(value)) {
    // A template holds literal text around its references; it is empty only if it is nothing but unknowns.
    const u = value.refs.find(isUnknown);
    return u && /^(\$\{[^}]*\})+$/.test(value.$template) ? u : true;
  }
  return true;
}

const OPAQUE = (v: Value): string => `\u27e8${expressionOf(v)}\u27e9`;

/**
 * The statements of an IAM policy argument: a JSON string or template (../helpers.ts `parsePolicy`),
 * or a reference to the `json` of an `aws_iam_policy_document` data source, whose statement blocks
 * are read directly (references inside them stay opaque). Undefined when absent; an Unknown when the
 * document cannot be known offline (a variable, a function, merged source documents).
 */
export function policyStatements(graph: ResourceGraph, value: Value | undefined): readonly PolicyStatement[] | Unknown | undefined {
  if (isRef(value)) {
    const doc = graph.get(value.$ref);
    if (doc?.mode === 'data' && doc.type === 'aws_iam_policy_document' && (value.attribute === 'json' || value.attribute === 'minified_json')) return documentStatements(graph, doc);
  }
  return parsePolicy(graph, value);
}

function documentStatements(graph: ResourceGraph, doc: TfResource): readonly PolicyStatement[] | Unknown {
  for (const merged of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
    const v = doc.attrs[merged];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) return { $unknown: `${doc.address}.json`, reason: `${merged} are merged by Terraform` };
  }
  const statements = blocksOf(graph, doc.attrs.statement);
  if (isUnknown(statements)) return statements;
  const strings = (v: Value | undefined): readonly string[] | Unknown => {
    if (v === undefined || v === null) return [];
    const u = unknownOf(v, graph);
    if (u) return u;
    const items = Array.isArray(v) ? (v as readonly Value[]) : [v];
    return items.map((e) => (typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean' ? String(e) : OPAQUE(e)));
  };
  const out: PolicyStatement[] = [];
  for (const s of statements) {
    const lists: Record<string, readonly string[]> = {};
    for (const key of ['actions', 'not_actions', 'resources', 'not_resources']) {
      const l = strings(s[key]);
      if (isUnknown(l)) return l;
      lists[key] = l;
    }
    const principalsOf = (key: string): { [type: string]: string[] } | Unknown | undefined => {
      const blocks = blocksOf(graph, s[key]);
      if (isUnknown(blocks)) return blocks;
      if (blocks.length === 0) return undefined;
      const map: { [type: string]: string[] } = {};
      for (const b of blocks) {
        const ids = strings(b.identifiers);
        if (isUnknown(ids)) return ids;
        const type = typeof b.type === 'string' ? b.type : OPAQUE(b.type ?? null);
        (map[type] ??= []).push(...ids);
      }
      return map;
    };
    const principals = principalsOf('principals');
    const notPrincipals = principalsOf('not_principals');
    if (isUnknown(principals)) return principals;
    if (isUnknown(notPrincipals)) return notPrincipals;
    const conditionBlocks = blocksOf(graph, s.condition);
    if (isUnknown(conditionBlocks)) return conditionBlocks;
    const conditions: { operator: string; key: string; values: readonly string[] }[] = [];
    for (const c of conditionBlocks) {
      const values = strings(c.values);
      if (isUnknown(values)) return values;
      conditions.push({ operator: String(c.test ?? ''), key: String(c.variable ?? ''), values });
    }
    const principal = principals ?? notPrincipals;
    const star = principal && Object.entries(principal).some(([t, ids]) => t === '*' && ids.includes('*'));
    out.push({
      ...(typeof s.sid === 'string' && s.sid !== '' ? { sid: s.sid } : {}),
      effect: typeof s.effect === 'string' ? s.effect : 'Allow',
      // Terraform writes `type = "*", identifiers = ["*"]` for the JSON `"Principal": "*"`.
      principal: star ? '*' : principal,
      notPrincipal: notPrincipals !== undefined,
      actions: lists.actions,
      notActions: lists.not_actions,
      resources: lists.resources,
      notResources: lists.not_resources,
      conditions,
    });
  }
  return out;
}

/** Condition keys that tie a request to an organization or account (lower case). */
const SCOPE_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourceaccount', 'kms:calleraccount']);

/**
 * True when a statement's conditions restrict it to an organization or account: a positive string
 * operator (not negated, not `...IfExists`, not `ForAllValues:`, which all pass when the key is
 * missing) on an organization/account key, with values that are not bare wildcards.
 */
export function scopedToOrgOrAccount(statement: PolicyStatement): boolean {
  return statement.conditions.some((c) => {
    const op = c.operator.toLowerCase().replace(/^foranyvalue:/, '');
    if (!['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike'].includes(op)) return false;
    return SCOPE_KEYS.has(c.key.toLowerCase()) && c.values.length > 0 && c.values.every((v) => !/^[*?]*$/.test(v));
  });
}

/**
 * True when a statement has a condition that must hold for it to apply: any operator but the negated
 * ones, `...IfExists`, `ForAllValues:` and `Null`, which all pass when the key is missing.
 */
export function hasRequiredCondition(statement: PolicyStatement): boolean {
  return statement.conditions.some((c) => {
    const op = c.operator.toLowerCase();
    return c.values.length > 0 && !op.includes('not') && !op.endsWith('ifexists') && !op.startsWith('forallvalues:') && op !== 'null';
  });
}

/** True when an action pattern grants every action of a service or of AWS: `*`, `s3:*`, `KMS:*`. */
export function isServiceWildcard(action: string): boolean {
  return /^(\*|[A-Za-z0-9-]+:\*)$/.test(action);
}

/**
 * The account of a principal that names a whole account (`arn:aws:iam::111111111111:root` or the
 * bare id): the 12 digits, `opaque` when the account comes from a `${...}` reference, or undefined
 * for any other principal (a role, a user, a service).
 */
export function accountRootOf(principal: string): string | 'opaque' | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const m = /^arn:[\w-]+:iam::([^:]*):root$/.exec(principal);
  if (!m) return undefined;
  return /^\d{12}$/.test(m[1]) ? m[1] : 'opaque';
}

/** The accounts a resource is deployed to: its provider configuration's `allowed_account_ids`, when the graph holds them. */
export function accountsOf(graph: ResourceGraph, resource: TfResource): readonly string[] | undefined {
  const stack = graph.stacks.find((s) => s.name === resource.stack);
  const alias = resource.provider?.replace(/^aws\./, '');
  const config = stack?.providers.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias));
  const ids = config?.allowed_account_ids;
  return Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
}

/** The resources that configure one S3 bucket through their `bucket` argument, and those whose `bucket` cannot be known. */
export interface Companions {
  readonly found: readonly TfResource[];
  /** The first unknown `bucket` argument of a same-stack companion: it might be this bucket's. */
  readonly unknown?: Unknown;
}

/**
 * Resources of `types` whose `bucket` names `bucket`: by reference (any attribute: `id`, `bucket`),
 * or by the literal bucket name. A same-stack companion whose `bucket` is unknown is returned apart.
 */
export function companionsOf(graph: ResourceGraph, bucket: TfResource, ...types: readonly string[]): Companions {
  const name = stringOf(graph, bucket.attrs.bucket);
  const found: TfResource[] = [];
  let unknown: Unknown | undefined;
  for (const r of resourcesOf(graph, ...types)) {
    const v = r.attrs.bucket;
    if (isRef(v)) {
      if (v.$ref === bucket.id) found.push(r);
      continue;
    }
    const literal = stringOf(graph, v);
    if (isUnknown(literal)) {
      if (r.stack === bucket.stack) unknown ??= literal;
      continue;
    }
    if (literal !== undefined && typeof name === 'string' && literal === name) found.push(r);
  }
  return unknown ? { found, unknown } : { found };
}

/** Application load balancers whose access logs go to `bucket` (by reference or literal name), with any whose log bucket or type cannot be known. */
export function albsLoggingTo(graph: ResourceGraph, bucket: TfResource): { readonly albs: readonly TfResource[]; readonly unknown?: Unknown } {
  const name = stringOf(graph, bucket.attrs.bucket);
  const albs: TfResource[] = [];
  let unknown: Unknown | undefined;
  for (const lb of resourcesOf(graph, 'aws_lb', 'aws_alb')) {
    const logs = blocksOf(graph, lb.attrs.access_logs);
    if (isUnknown(logs)) {
      if (lb.stack === bucket.stack) unknown ??= logs;
      continue;
    }
    for (const block of logs) {
      const target = block.bucket;
      const literal = isRef(target) ? undefined : stringOf(graph, target);
      const matches = isRef(target) ? target.$ref === bucket.id : typeof literal === 'string' && literal === name;
      if (isUnknown(literal)) {
        if (lb.stack === bucket.stack) unknown ??= literal;
        continue;
      }
      if (!matches) continue;
      const type = lbTypeOf(graph, lb);
      if (isUnknown(type)) unknown ??= type;
      else if (type === 'application') albs.push(lb);
    }
  }
  return unknown ? { albs, unknown } : { albs };
}

/** A load balancer's type: `load_balancer_type`, `application` when unset (the provider default). */
export function lbTypeOf(graph: ResourceGraph, lb: TfResource): string | Unknown {
  const type = stringOf(graph, lb.attrs.load_balancer_type);
  return type ?? 'application';
}

/** The `inputs` of a Session Manager preferences document (one input per key, as written). */
export type SessionInputs = { readonly [key: string]: unknown };

/**
 * The inputs of an `aws_ssm_document` of type `Session` whose `sessionType` is `Standard_Stream` (the
 * Session Manager preferences); undefined for any other document. The content may be JSON or YAML,
 * literal or a template: an input string built from an unknown `${...}` reads as that Unknown, one
 * built from a resolvable reference as the text it was written with (`${aws_kms_key.k.arn}`). An Unknown when the document cannot be read.
 */
export function sessionInputsOf(graph: ResourceGraph, doc: TfResource): SessionInputs | Unknown | undefined {
  const type = stringOf(graph, doc.attrs.document_type);
  if (isUnknown(type)) return type;
  if (type !== 'Session') return undefined;
  const format = stringOf(graph, doc.attrs.document_format) ?? 'JSON';
  if (isUnknown(format)) return format;
  const content = doc.attrs.content;
  let text: string;
  const markers = new Map<string, { readonly expression: string; readonly unknown?: Unknown }>();
  if (isTemplate(content)) {
    const parts = scanTemplate(content.$template) ?? [content.$template];
    text = parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const marker = `\u27e8${markers.size}\u27e9`;
        const expression = `${p.directive ? '%' : '$'}{${p.expr}}`;
        const unknown = content.refs.find((r): r is Unknown => isUnknown(r) && r.$unknown === expression);
        markers.set(marker, unknown ? { expression, unknown } : { expression });
        return marker;
      })
      .join('');
  } else {
    const s = stringOf(graph, content);
    if (s === undefined) return { $unknown: expressionOf(content), reason: 'the document has no content' };
    if (isUnknown(s)) return s;
    text = s;
  }
  let parsed: unknown;
  try {
    parsed = format === 'YAML' ? parseYaml(text) : JSON.parse(text);
  } catch {
    const hidden = [...markers.values()].find((entry) => entry.unknown !== undefined)?.unknown;
    return hidden ?? { $unknown: expressionOf(content), reason: `not ${format} text` };
  }
  const body = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { sessionType?: unknown; inputs?: unknown };
  if (body.sessionType !== 'Standard_Stream') return undefined;
  const raw = (typeof body.inputs === 'object' && body.inputs !== null ? body.inputs : {}) as { readonly [key: string]: unknown };
  const inputs: { [key: string]: unknown } = {};
  for (const [key, v] of Object.entries(raw)) {
    if (typeof v !== 'string' || !v.includes('\u27e8')) {
      inputs[key] = v;
      continue;
    }
    const hidden = [...markers.entries()].find(([m, entry]) => entry.unknown !== undefined && v.includes(m))?.[1].unknown;
    // A resolvable interpolation reads as the expression it was written with, e.g. in a finding's message.
    inputs[key] = hidden ?? [...markers.entries()].reduce((text, [m, entry]) => text.split(m).join(entry.expression), v);
  }
  return inputs;
}

/** An input as text: `''` when absent or null, numbers and booleans stringified, an Unknown as it is. */
export function inputText(value: unknown): string | Unknown {
  if (isUnknown(value)) return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One identity policy document: the resource holding it, a label for messages (`inline_policy x: ` or empty) and the document. */
export interface IdentityPolicy {
  readonly resource: TfResource;
  readonly label: string;
  readonly value: Value | undefined;
}

/** Resource types whose `policy` argument is an identity policy. */
const IDENTITY_POLICY_TYPES: readonly string[] = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/** The types whose identity-policy statements {@link identityStatementViolations} reads (inline role policies included). */
export const IDENTITY_STATEMENT_TYPES: readonly string[] = [...IDENTITY_POLICY_TYPES, 'aws_iam_role'];

/** Every identity policy document in the graph (managed and inline policies, a role's `inline_policy` blocks), in resource id order. */
export function identityPolicies(graph: ResourceGraph): readonly IdentityPolicy[] {
  const out: IdentityPolicy[] = [];
  for (const resource of resourcesOf(graph, ...IDENTITY_POLICY_TYPES, 'aws_iam_role')) {
    if (resource.type !== 'aws_iam_role') {
      out.push({ resource, label: '', value: resource.attrs.policy });
      continue;
    }
    const inline = blocksOf(graph, resource.attrs.inline_policy);
    if (isUnknown(inline)) {
      out.push({ resource, label: 'inline_policy: ', value: inline });
      continue;
    }
    for (const block of inline) {
      const name = stringOf(graph, block.name);
      out.push({ resource, label: `inline_policy ${typeof name === 'string' ? name : expressionOf(block.name)}: `, value: block.policy });
    }
  }
  return out;
}

/**
 * Runs `visit` over every statement of every identity policy; `visit` returns the finding's message
 * (after the policy label and statement name) or undefined. A policy that cannot be read before
 * apply gets an unknown finding for `claim`.
 */
export function identityStatementViolations(graph: ResourceGraph, claim: string, visit: (statement: PolicyStatement) => string | undefined): Violation[] {
  const out: Violation[] = [];
  for (const { resource, label, value } of identityPolicies(graph)) {
    const statements = policyStatements(graph, value);
    if (statements === undefined) continue;
    if (isUnknown(statements)) {
      out.push(unknownFinding(resource, claim, statements));
      continue;
    }
    for (const [i, s] of statements.entries()) {
      const message = visit(s);
      if (message !== undefined) out.push(finding(resource, `${label}${statementName(s, i)} ${message}`));
    }
  }
  return out;
}
