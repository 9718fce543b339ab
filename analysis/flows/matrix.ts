/**
 * The flow matrix: every flow the intents probe (source, destination, protocol and port: spoke to
 * spoke per segment, spoke to the hub endpoints and on-premises, the internet to public interfaces,
 * Client VPN users, administrative ports, ...), its state on the model, and what the intents expect
 * of it. It is recorded while the intents are evaluated (analysis/reach/observe.ts), so it is exactly
 * the set of queries the proofs rest on, with the expectations they put on them: `lz plan-summary`
 * compares two matrices (before and after a plan) flow by flow.
 */
import type { LandingZone } from '../../config/model';
import { intentContext } from '../intents/context';
import { INTENTS } from '../intents/evaluate';
import type { IntentId, IntentResult } from '../intents/types';
import type { NetworkModel } from '../network/types';
import { lastSegment, subnetLabel, type ModelIndex } from '../reach/model-index';
import { observeReach, type CheckVerdict, type Expectation } from '../reach/observe';
import { requestDelivered } from '../reach/reach';
import { DEFAULT_INTERNET_ADDRESS, type Endpoint, type GroupSelection, type Protocol, type ReachResult } from '../reach/types';

/**
 * What happens to a flow: `allowed` (there and back), `one-way` (the request is delivered, its reply
 * is dropped or unknown), `denied` (the request is stopped), `unknown` (a value unknown before apply
 * decides the request).
 */
export type FlowState = 'allowed' | 'one-way' | 'denied' | 'unknown';

/** One intent check on a flow: what it expects and its verdict. */
export interface FlowCheck {
  readonly intent: IntentId;
  readonly expected: Expectation;
  readonly verdict: CheckVerdict;
}

/** The query behind a flow, to ask it again of another model. */
export interface FlowQuery {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly protocol: Protocol;
  readonly port: number;
}

/** One probed flow. */
export interface Flow {
  /** Stable identity across models: endpoint ids (not names), protocol and port. */
  readonly key: string;
  /** The source, readable: `shop-prod/web-1`, `internet 198.51.100.10`, `on-premises 10.10.0.0/16`. */
  readonly from: string;
  /** The destination, readable. */
  readonly to: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly state: FlowState;
  /** The engine's verdict, with the hops and the component that stopped it. */
  readonly result: ReachResult;
  /** Every check the intents made on it (a flow several intents probe has several). */
  readonly checks: readonly FlowCheck[];
  readonly query: FlowQuery;
}

/** The intents' verdicts and the flows they probed, ordered by key. */
export interface FlowMatrix {
  readonly intents: readonly IntentResult[];
  readonly flows: readonly Flow[];
}

/** The state of a query's result. */
export function flowState(result: ReachResult): FlowState {
  if (result.status === 'reachable') return 'allowed';
  if (requestDelivered(result)) return 'one-way';
  return result.status === 'unknown' ? 'unknown' : 'denied';
}

function groupsKey(groups: GroupSelection | undefined): string {
  if (groups === undefined) return 'tier';
  return groups === 'any' ? 'any' : [...groups].sort().join(',');
}

function endKey(end: Endpoint): string {
  switch (end.kind) {
    case 'subnet':
      return `subnet ${end.subnet} ${groupsKey(end.securityGroups)}`;
    case 'eni':
      return `eni ${end.resource ?? end.subnet} ${end.subnet} ${end.address ?? ''} ${groupsKey(end.securityGroups)}`;
    case 'internet':
      return `internet ${end.address ?? DEFAULT_INTERNET_ADDRESS}`;
    case 'on-premises':
      return `on-premises ${end.address}`;
    case 'client-vpn':
      return `client-vpn ${end.endpoint}`;
  }
}

function endLabel(index: ModelIndex, end: Endpoint): string {
  switch (end.kind) {
    case 'subnet': {
      const subnet = index.subnets.get(end.subnet);
      const name = subnet ? subnetLabel(index, subnet) : end.subnet;
      const groups = end.securityGroups;
      if (groups === undefined) return name;
      if (groups === 'any') return `${name} (any security group)`;
      return `${name} (groups ${groups.map((g) => index.securityGroups.get(g)?.name ?? lastSegment(g)).join(', ')})`;
    }
    case 'eni':
      return end.label;
    case 'internet':
      return `internet ${end.address ?? DEFAULT_INTERNET_ADDRESS}`;
    case 'on-premises':
      return `on-premises ${end.address}`;
    case 'client-vpn': {
      const subnet = index.subnets.get(index.clientVpnEndpoints.get(end.endpoint)?.associatedSubnets[0] ?? '');
      return `client-vpn users of ${subnet ? (index.vpcs.get(subnet.vpc)?.name ?? subnet.vpc) : lastSegment(end.endpoint)}`;
    }
  }
}

interface Recorded {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly result: ReachResult;
  readonly checks: FlowCheck[];
  readonly query: FlowQuery;
}

/** The identity of a query's flow: endpoint ids, protocol and port. */
export function flowKey(q: FlowQuery): string {
  return `${endKey(q.from)} → ${endKey(q.to)} ${q.protocol}/${q.port}`;
}

/** Evaluates every intent on the model and records the flows they probe (the same verdicts as `evaluateIntents`). */
export function evaluateFlowMatrix(model: NetworkModel, lz: LandingZone): FlowMatrix {
  const context = intentContext(model, lz);
  const flows = new Map<string, Recorded>();
  const byResult = new WeakMap<ReachResult, Recorded>();
  const intents: IntentResult[] = [];
  let current: IntentId | undefined;
  observeReach(
    {
      query(from, to, protocol, port, result) {
        const key = flowKey({ from, to, protocol, port });
        let flow = flows.get(key);
        if (!flow) {
          flow = { key, from: endLabel(context.index, from), to: endLabel(context.index, to), protocol, port, result, checks: [], query: { from, to, protocol, port } };
          flows.set(key, flow);
        }
        byResult.set(result, flow);
      },
      expectation(result, expected, verdict) {
        const flow = byResult.get(result);
        if (flow && current) flow.checks.push({ intent: current, expected, verdict });
      },
    },
    () => {
      for (const intent of INTENTS) {
        current = intent.id;
        intents.push(...intent.evaluate(context));
      }
    },
  );
  const ordered = [...flows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { intents, flows: ordered.map((f) => ({ ...f, state: flowState(f.result) })) };
}
