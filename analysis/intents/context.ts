/**
 * What every intent needs to relate the config (what was meant) to the network model (what will be
 * deployed): each spoke's VPC and subnets found by CIDR, the hub VPCs, the egress attachments and
 * the segments with their reachability.
 */
import type { LandingZone, SegmentSpec, SpokeSpec } from '../../config/model';
import type { NetworkModel, Subnet, Vpc } from '../network/types';
import { indexModel, type ModelIndex } from '../reach/model-index';

/** A spoke as the config declares it and the model holds it. */
export interface SpokeView {
  readonly spoke: SpokeSpec;
  /** Undefined when no VPC of the model has the spoke's CIDR (the intent is then unknown for it). */
  readonly vpc?: Vpc;
  readonly subnets: readonly Subnet[];
  /** App and DB subnets: where workloads run. */
  readonly workloads: readonly Subnet[];
  /** The subnet that stands for the spoke in queries between VPCs: its first app subnet, else its first workload subnet. */
  readonly representative?: Subnet;
}

/** Shared lookups of one evaluation. */
export interface IntentContext {
  readonly model: NetworkModel;
  readonly lz: LandingZone;
  readonly index: ModelIndex;
  readonly spokes: readonly SpokeView[];
  readonly endpointsVpc?: Vpc;
  readonly egressVpc?: Vpc;
  /** Attachments of the egress VPC: a path through one of them leaves through the central NAT gateways. */
  readonly egressAttachments: ReadonlySet<string>;
  readonly segments: ReadonlyMap<string, SegmentSpec>;
  /** The spoke each spoke VPC belongs to, by VPC id. */
  readonly spokesByVpc: ReadonlyMap<string, SpokeView>;
}

const WORKLOAD_TIERS = new Set(['app', 'db']);

/** True for app and DB subnets. */
export const isWorkload = (subnet: Subnet): boolean => WORKLOAD_TIERS.has(subnet.tier ?? '');

/** The VPC of the model that holds exactly this CIDR. */
export function vpcWithCidr(model: NetworkModel, cidr: string): Vpc | undefined {
  return model.vpcs.find((v) => v.cidrs.includes(cidr));
}

// Grouped once per model: a filter over every subnet per VPC would make each intent quadratic in the spokes.
const subnetsByVpc = new WeakMap<NetworkModel, Map<string, Subnet[]>>();

/** Subnets of a VPC, in model order (by id). */
export function subnetsOf(model: NetworkModel, vpc: Vpc | undefined): Subnet[] {
  if (!vpc) return [];
  let byVpc = subnetsByVpc.get(model);
  if (!byVpc) {
    byVpc = new Map();
    for (const s of model.subnets) {
      const list = byVpc.get(s.vpc);
      if (list) list.push(s);
      else byVpc.set(s.vpc, [s]);
    }
    subnetsByVpc.set(model, byVpc);
  }
  return [...(byVpc.get(vpc.id) ?? [])];
}

/** Builds the context once per evaluation. */
export function intentContext(model: NetworkModel, lz: LandingZone): IntentContext {
  const index = indexModel(model);
  const spokes = lz.spokes.map((spoke): SpokeView => {
    const vpc = vpcWithCidr(model, spoke.vpc.cidr);
    const subnets = subnetsOf(model, vpc);
    const workloads = subnets.filter(isWorkload);
    const representative = workloads.find((s) => s.tier === 'app') ?? workloads[0];
    return { spoke, ...(vpc ? { vpc } : {}), subnets, workloads, ...(representative ? { representative } : {}) };
  });
  const endpointsVpc = lz.hub.endpoints ? vpcWithCidr(model, lz.hub.endpoints.cidr) : undefined;
  const egressVpc = lz.hub.egress ? vpcWithCidr(model, lz.hub.egress.cidr) : undefined;
  const egressAttachments = new Set(model.tgwAttachments.filter((a) => egressVpc !== undefined && a.vpc === egressVpc.id).map((a) => a.id));
  return {
    model,
    lz,
    index,
    spokes,
    ...(endpointsVpc ? { endpointsVpc } : {}),
    ...(egressVpc ? { egressVpc } : {}),
    egressAttachments,
    segments: new Map(lz.hub.transitGateway.segments.map((s) => [s.name, s])),
    spokesByVpc: new Map(spokes.flatMap((v) => (v.vpc ? [[v.vpc.id, v] as const] : []))),
  };
}

/** True when a spoke of segment `from` may reach a VPC of segment `to` (reachability is symmetric in the model). */
export function segmentReaches(context: IntentContext, from: string, to: string): boolean {
  const segment = context.segments.get(from);
  if (!segment) return false;
  return from === to ? !segment.isolateAttachments : segment.peers.includes(to);
}

/** A short name for a spoke's subnet in labels: `shop-prod/web-1`. */
export function spokeSubnetLabel(view: SpokeView, subnet: Subnet): string {
  const vpcName = view.vpc?.name ?? view.spoke.name;
  return `${view.spoke.name}/${subnet.name.startsWith(`${vpcName}-`) ? subnet.name.slice(vpcName.length + 1) : subnet.name}`;
}

/** `com.amazonaws.ap-northeast-2.ssm` → `ssm`, `com.amazonaws.ap-northeast-2.ecr.api` → `ecr.api`. */
export const serviceOf = (serviceName: string): string => serviceName.split('.').slice(3).join('.') || serviceName;
