/** Tiny builders for rule tests: TfResource literals and a {@link Graph} over them, no synthesis. */
import { Graph } from '../../analysis/graph/graph';
import type { TfResource, Value } from '../../analysis/graph/types';
import type { Rule } from '../../analysis/rules/types';

/** Overrides for the derived fields of {@link resource} (e.g. `{ mode: 'data' }`, `{ path: ... }`). */
export type ResourceExtra = Partial<Omit<TfResource, 'stack' | 'type' | 'name' | 'attrs'>>;

/**
 * One managed resource `<stack>:<type>.<name>` with the given arguments; `extra` overrides derived
 * fields (a data source gets the `data.` prefix in its id and address).
 */
export function resource(stack: string, type: string, name: string, attrs: { readonly [key: string]: Value } = {}, extra: ResourceExtra = {}): TfResource {
  const mode = extra.mode ?? 'managed';
  const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
  return { id: `${stack}:${address}`, stack, mode, type, name, address, path: address, attrs, dependsOn: [], ...extra };
}

/** A graph over these resources, with no stack metadata. */
export function graph(...resources: TfResource[]): Graph {
  return new Graph([], resources);
}

/** An Unknown value for `expression`, as the loader produces for a variable or function call. */
export function unknown(expression: string, reason = 'a variable or function result'): Value {
  return { $unknown: expression, reason };
}

/** A finding reduced to what tests assert: the resource id, the message, and `unknown: true` when set. */
export interface FindingSummary {
  readonly resource: string;
  readonly message: string;
  readonly unknown?: true;
}

/** Runs a rule over a graph of these resources and returns its findings as {@link FindingSummary}s, in rule order. */
export function findings(rule: Rule, ...resources: TfResource[]): FindingSummary[] {
  return rule.check(graph(...resources)).map((v) => ({ resource: v.resource.id, message: v.message, ...(v.unknown ? { unknown: true as const } : {}) }));
}
