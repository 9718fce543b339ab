/**
 * The report's view of the analysis model: the resource graph and the {@link NetworkModel} that
 * `lz check` proves the intents on, built from the same synthesized stacks, so the routing the report
 * renders and the routing the proof walks cannot disagree. Built once per synthesized app.
 */
import { graphFromJson } from '../analysis/graph/load';
import type { ResourceGraph, TfResource } from '../analysis/graph/types';
import { buildNetwork } from '../analysis/network/build';
import type { NetworkModel } from '../analysis/network/types';
import type { SynthesizedApp } from './synthesized';

/** The graph, the network model and the synthesized order of the resources (what the hub creates first comes first). */
export interface ReportNetwork {
  readonly graph: ResourceGraph;
  readonly network: NetworkModel;
  /** Position of a resource id in the synthesized JSON (stacks in manifest order, resources as written); the graph itself sorts by id. */
  readonly order: (id: string) => number;
}

const cache = new WeakMap<SynthesizedApp, Map<string, ReportNetwork>>();

/** The analysis model of `app`, with `onPremises` (the config's on-premises ranges) as what DX and VPN attachments propagate. */
export function reportNetwork(app: SynthesizedApp, onPremises: readonly string[]): ReportNetwork {
  const key = onPremises.join(',');
  const byRanges = cache.get(app) ?? new Map<string, ReportNetwork>();
  cache.set(app, byRanges);
  const hit = byRanges.get(key);
  if (hit) return hit;
  const graph = graphFromJson(app.stacks.map((s) => ({ name: s.name, dependencies: s.dependencies, json: s.json as Record<string, unknown> })));
  const positions = new Map<string, number>();
  for (const stack of app.stacks) {
    for (const [mode, prefix] of [['resource', ''], ['data', 'data.']] as const) {
      for (const [type, bodies] of Object.entries(stack.json[mode] ?? {})) {
        for (const name of Object.keys(bodies)) positions.set(`${stack.name}:${prefix}${type}.${name}`, positions.size);
      }
    }
  }
  const model: ReportNetwork = { graph, network: buildNetwork(graph, { onPremises }), order: (id) => positions.get(id) ?? positions.size };
  byRanges.set(key, model);
  return model;
}

/** The last segment of a resource's construct path (`rt-app-ap-northeast-2a`), or its name when it has none. */
export function constructName(resource: TfResource | undefined): string {
  if (!resource) return '?';
  return resource.path.split('/').pop() || resource.name;
}

/** A resource's literal `Name` tag, if it has one. */
export function nameTagOf(resource: TfResource | undefined): string | undefined {
  const tags = resource?.attrs.tags;
  if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return undefined;
  const name = (tags as { readonly [k: string]: unknown }).Name;
  return typeof name === 'string' ? name : undefined;
}
