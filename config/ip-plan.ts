/**
 * The IP plan: per subnet its size and usable addresses, per VPC the totals and the free ranges.
 * AWS reserves five addresses in every subnet (network, VPC router, DNS, future use, broadcast):
 * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 */
import { AWS_RESERVED_PER_SUBNET } from '../lib/aws/vpc';
import { cidrOf, freeBlocks, size } from '../lib/net/range';
import { LandingZone, VpcSpec } from './model';
import { SubnetTier } from './schema';

// Addresses AWS keeps in every subnet: lib/aws/vpc.ts; re-exported for the plan's callers.
export { AWS_RESERVED_PER_SUBNET } from '../lib/aws/vpc';

/** One subnet's line of the plan. */
export interface SubnetPlan {
  readonly name: string;
  /** The subnet's tier; `firewall` for the inspection VPC's Network Firewall endpoint subnets. */
  readonly tier: SubnetTier | 'firewall';
  readonly az: string;
  readonly cidr: string;
  readonly total: number;
  readonly usable: number;
}

/** One VPC's plan. */
export interface VpcPlan {
  /** Who owns the VPC, e.g. `spoke shop-prod`. */
  readonly owner: string;
  readonly cidr: string;
  readonly total: number;
  readonly subnets: readonly SubnetPlan[];
  /** Addresses inside subnets, reserved ones included. */
  readonly allocated: number;
  /** Addresses instances can use across all subnets. */
  readonly usable: number;
  /** Addresses in no subnet. */
  readonly unallocated: number;
  /** The free ranges as the fewest CIDR blocks, in address order. */
  readonly unallocatedRanges: readonly string[];
}

/** What the plan needs of a VPC: its range and its subnets. */
type PlannedVpc = Pick<VpcSpec, 'cidr'> & { readonly subnets: readonly Pick<SubnetPlan, 'name' | 'tier' | 'az' | 'cidr'>[] };

/** Plans one VPC. */
export function planVpc(owner: string, vpc: PlannedVpc): VpcPlan {
  const outer = cidrOf(vpc.cidr);
  const subnets = vpc.subnets.map((s) => {
    const total = size(cidrOf(s.cidr));
    return { name: s.name, tier: s.tier, az: s.az, cidr: s.cidr, total, usable: total - AWS_RESERVED_PER_SUBNET };
  });
  const allocated = subnets.reduce((n, s) => n + s.total, 0);
  return {
    owner,
    cidr: vpc.cidr,
    total: size(outer),
    subnets,
    allocated,
    usable: subnets.reduce((n, s) => n + s.usable, 0),
    unallocated: size(outer) - allocated,
    unallocatedRanges: freeBlocks(outer, vpc.subnets.map((s) => cidrOf(s.cidr))),
  };
}

/** Plans every VPC of the landing zone: the hub's first, then the spokes in config order. */
export function planLandingZone(lz: LandingZone): VpcPlan[] {
  return [
    ...(lz.hub.egress ? [planVpc('hub egress', lz.hub.egress)] : []),
    ...(lz.hub.endpoints ? [planVpc('hub endpoints', lz.hub.endpoints)] : []),
    // The inspection VPC's /28s (config/model.ts inspectionSubnets): firewall endpoint subnets and attachment subnets.
    ...(lz.hub.inspection
      ? [planVpc('hub inspection', { cidr: lz.hub.inspection.cidr, subnets: lz.hub.inspection.subnets.map((s) => ({ name: s.name, tier: s.role === 'tgw' ? 'tgw' : 'firewall', az: s.az, cidr: s.cidr })) })]
      : []),
    ...lz.spokes.map((s) => planVpc(`spoke ${s.name}`, s.vpc)),
  ];
}
