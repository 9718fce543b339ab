/**
 * What a construct needs to know about a VPC it places resources in: its id and range, and its
 * subnets selected by tier and AZ with their route tables. Constructs take this object and ask it
 * for subnets (after aws-cdk's `IVpc.selectSubnets`) instead of taking subnet ids and route-table
 * keys matched by string prefix.
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.IVpc.html#selectwbrsubnetsselection
 */
import { SubnetTier } from '../../lib/net/subnet-tiers';

/**
 * Tier of a subnet as a {@link VpcRef} reports it: a config tier, or `firewall` for the inspection
 * VPC's firewall-endpoint subnets (no config tier: the inspection VPC's subnets have roles, not tiers).
 */
export type VpcSubnetTier = SubnetTier | 'firewall';

/** Which subnets to select; every field narrows the selection. */
export interface SubnetSelection {
  /**
   * Tiers to select.
   * @default every tier
   */
  readonly tiers?: readonly VpcSubnetTier[];
  /**
   * Availability Zones to select.
   * @default every AZ
   */
  readonly azs?: readonly string[];
  /**
   * Subnet names to select (names are unique within a VPC); the result stays in VPC order.
   * @default every name
   */
  readonly names?: readonly string[];
  /**
   * Keep only the first selected subnet (in VPC order) of each AZ, for services that accept one
   * subnet per AZ (interface endpoints, Transit Gateway attachments).
   * @default false
   */
  readonly onePerAz?: boolean;
}

/** One selected subnet. */
export interface SelectedSubnet {
  /** Subnet id (a token until apply). */
  readonly id: string;
  /** Subnet name, unique within the VPC. */
  readonly name: string;
  readonly az: string;
  readonly tier: VpcSubnetTier;
  /** Range of the subnet. */
  readonly cidr: string;
  /** Id of the route table associated with the subnet. */
  readonly routeTableId: string;
}

/** The result of {@link VpcRef.selectSubnets}, every list in VPC (config) order. */
export interface SelectedSubnets {
  readonly subnets: readonly SelectedSubnet[];
  readonly subnetIds: string[];
  /** Route tables of the selected subnets, each once. */
  readonly routeTableIds: string[];
  /** AZs of the selected subnets, each once. */
  readonly availabilityZones: string[];
}

/** A VPC as seen by the constructs that place resources in it. */
export interface VpcRef {
  readonly vpcId: string;
  /** Primary IPv4 range. */
  readonly cidr: string;
  /** Subnets matching `selection`, in VPC order. */
  selectSubnets(selection?: SubnetSelection): SelectedSubnets;
}

/** How a selection reads in an error message: `{ tiers: [public], names: [app-a] }`, or `every subnet`. */
export function describeSelection(selection: SubnetSelection = {}): string {
  const parts = (['tiers', 'azs', 'names'] as const).filter((k) => selection[k]).map((k) => `${k}: [${selection[k]!.join(', ')}]`);
  if (selection.onePerAz) parts.push('onePerAz: true');
  return parts.length === 0 ? 'every subnet' : `{ ${parts.join(', ')} }`;
}

/**
 * Filters `subnets` by `selection` and derives the id, route-table and AZ lists: the one
 * implementation of {@link VpcRef.selectSubnets}. Ids are deduplicated by string, so callers pass
 * each route table's id token once (every `.id` read of a resource makes a new token).
 */
export function selectFrom(subnets: readonly SelectedSubnet[], selection: SubnetSelection = {}): SelectedSubnets {
  const seenAz = new Set<string>();
  const selected = subnets.filter((s) => {
    if (selection.tiers && !selection.tiers.includes(s.tier)) return false;
    if (selection.azs && !selection.azs.includes(s.az)) return false;
    if (selection.names && !selection.names.includes(s.name)) return false;
    if (selection.onePerAz) {
      if (seenAz.has(s.az)) return false;
      seenAz.add(s.az);
    }
    return true;
  });
  const unique = (xs: string[]) => [...new Set(xs)];
  return {
    subnets: selected,
    subnetIds: selected.map((s) => s.id),
    routeTableIds: unique(selected.map((s) => s.routeTableId)),
    availabilityZones: unique(selected.map((s) => s.az)),
  };
}
