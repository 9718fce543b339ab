/**
 * Rule-pack helpers over the analysis network model (analysis/network): the one interpretation of
 * security groups, network ACLs, routes and references that the reachability proofs and the report
 * also read, so a rule and a proof cannot disagree about what a resource means.
 */
import type { ResourceGraph, Unknown } from '../../graph/types';
import { buildNetwork } from '../../network/build';
import type { NetworkModel, Unresolved } from '../../network/types';
import type { RuleContext } from '../types';

const built = new WeakMap<ResourceGraph, NetworkModel>();

/**
 * The network model the engine passed in `context`; built here (once per graph) when a test calls a
 * rule without one. Rules only read what does not depend on the config's on-premises ranges.
 */
export function networkOf(graph: ResourceGraph, context?: RuleContext): NetworkModel {
  if (context) return context.network;
  const cached = built.get(graph);
  if (cached) return cached;
  const network = buildNetwork(graph, { onPremises: [] });
  built.set(graph, network);
  return network;
}

/**
 * The first value the model could not resolve for `source` (a resource id) under `prefix` (an inline
 * block such as `ingress[0].`, or empty for every field of a rule resource), as an {@link Unknown} a
 * rule reports as "cannot prove"; undefined when every value was read.
 */
export function unresolvedOf(network: NetworkModel, source: string, prefix = '', fields?: readonly string[]): Unknown | undefined {
  const hit = (network.unresolved ?? []).find((u: Unresolved) => u.source === source && u.field.startsWith(prefix) && (!fields || fields.includes(u.field.slice(prefix.length))));
  return hit ? { $unknown: `${hit.field} (${hit.reason})`, reason: hit.reason } : undefined;
}
