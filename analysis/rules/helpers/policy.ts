/** Rule-pack helpers: IAM policy documents parsed with `${...}` kept opaque, and statement matching. */
import { scanTemplate } from '../../../lib/terraform/expression';
import { isTemplate, type ResourceGraph, type Unknown, type Value } from '../../graph/types';
import { expressionOf, resolve, unknownOf } from './values';

/** One statement of a policy, normalized to lists. Values built from `${...}` read as {@link isOpaque} strings. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: string;
  /** `'*'` or the principal map (`{ AWS: [...] }`), undefined when absent. */
  readonly principal?: '*' | { readonly [type: string]: readonly string[] };
  readonly notPrincipal: boolean;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly conditions: readonly { readonly operator: string; readonly key: string; readonly values: readonly string[] }[];
}

const OPAQUE_OPEN = '\u27e8';
const OPAQUE_CLOSE = '\u27e9';

/** True for a policy string that came from a `${...}` interpolation (its value is unknown before apply). */
export function isOpaque(s: string): boolean {
  return s.includes(OPAQUE_OPEN);
}

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * The statements of a JSON policy document given as a string or template, with every `${...}` left
 * opaque (it never equals `*` nor any literal). An Unknown when the policy is unknown, built by an
 * expression rather than JSON text, or not a policy at all.
 */
export function parsePolicy(graph: ResourceGraph, value: Value | undefined): readonly PolicyStatement[] | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  const unknown = unknownOf(value, graph);
  if (unknown) return unknown;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (isTemplate(value)) text = value.$template;
  else {
    const resolved = resolve(graph, value);
    if (typeof resolved !== 'string') return { $unknown: expressionOf(value), reason: 'not a JSON policy string' };
    text = resolved;
  }
  return parsePolicyText(text);
}

/**
 * The statements of a JSON policy document's text as synthesized, every `${...}` left opaque; an
 * Unknown when the text is not JSON or has no Statement. {@link parsePolicy} for graph values.
 */
export function parsePolicyText(text: string): readonly PolicyStatement[] | Unknown {
  const parts = scanTemplate(text);
  let n = 0;
  const json = parts ? parts.map((p) => (typeof p === 'string' ? p : `${OPAQUE_OPEN}${n++}${OPAQUE_CLOSE}`)).join('') : text;
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return { $unknown: text, reason: 'not JSON text (built by an expression)' };
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  if (raw === undefined || typeof doc !== 'object') return { $unknown: text, reason: 'no Statement' };
  return (Array.isArray(raw) ? raw : [raw]).map((s: Record<string, unknown>) => normalizeStatement(s));
}

function normalizeStatement(s: Record<string, unknown>): PolicyStatement {
  const principalOf = (p: unknown): PolicyStatement['principal'] =>
    p === undefined ? undefined : p === '*' ? '*' : Object.fromEntries(Object.entries(p as Record<string, unknown>).map(([k, v]) => [k, asList(v)]));
  const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([operator, keys]) =>
    Object.entries(keys ?? {}).map(([key, values]) => ({ operator, key, values: asList(values) })),
  );
  return {
    ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
    effect: String(s.Effect ?? ''),
    principal: principalOf(s.Principal ?? s.NotPrincipal),
    notPrincipal: s.NotPrincipal !== undefined,
    actions: asList(s.Action),
    notActions: asList(s.NotAction),
    resources: asList(s.Resource),
    notResources: asList(s.NotResource),
    conditions,
  };
}

/** True when an Allow statement admits any principal: `"*"`, `{"AWS": "*"}`, or everyone but a `NotPrincipal`. */
export function allowsAnyPrincipal(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.notPrincipal) return true;
  const p = statement.principal;
  return p === '*' || (p !== undefined && Object.values(p).some((values) => values.includes('*')));
}

/**
 * Condition keys (lower case) that narrow a statement: keys under positive operators only, since
 * negated operators, `...IfExists` and `ForAllValues:` all pass when the key is missing from the request.
 */
export function restrictingConditionKeys(statement: PolicyStatement): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const c of statement.conditions) {
    const op = c.operator.toLowerCase();
    if (op.includes('not') || op.endsWith('ifexists') || op.startsWith('forallvalues:') || op === 'null' || op === 'bool') continue;
    if (c.values.length === 0) continue;
    keys.add(c.key.toLowerCase());
  }
  return keys;
}

/**
 * IAM wildcard matching (`*` any run, `?` one character); a value built from `${...}` never matches.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
export function iamWildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (isOpaque(pattern)) return false;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/** True when a statement's Action (or NotAction) covers `action` (action names are case-insensitive). */
export function statementCoversAction(s: PolicyStatement, action: string): boolean {
  if (s.notActions.length > 0) return !s.notActions.some((a) => iamWildcardMatch(a, action, true));
  return s.actions.some((a) => iamWildcardMatch(a, action, true));
}

/** True when a statement's Resource (or NotResource) covers `arn`. */
export function statementCoversResource(s: PolicyStatement, arn: string): boolean {
  if (s.notResources.length > 0) return !s.notResources.some((r) => iamWildcardMatch(r, arn, false));
  return s.resources.some((r) => iamWildcardMatch(r, arn, false));
}

/** How a statement is named in messages: its Sid, or its position. */
export function statementName(statement: PolicyStatement, index: number): string {
  return statement.sid ? `statement ${statement.sid}` : `statement ${index}`;
}
