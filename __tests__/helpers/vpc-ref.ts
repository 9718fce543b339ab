/** A {@link VpcRef} without a VPC construct, for construct tests: literal ids, subnets selected by the real {@link selectFrom}. */
import type { SubnetTier } from '../../lib/net/subnet-tiers';
import { selectFrom, type SelectedSubnet, type VpcRef } from '../../constructs/network/vpc-ref';

/** One subnet of a {@link fakeVpc}; the route table defaults to `rtb-<name>`. */
export interface FakeSubnet {
  readonly id: string;
  readonly name: string;
  readonly az: string;
  readonly tier: SubnetTier;
  readonly cidr: string;
  readonly routeTableId?: string;
}

/** A VPC reference over literal subnets, in the order given. */
export function fakeVpc(vpcId: string, cidr: string, subnets: readonly FakeSubnet[]): VpcRef {
  const selectable: SelectedSubnet[] = subnets.map((s) => ({ ...s, routeTableId: s.routeTableId ?? `rtb-${s.name}` }));
  return { vpcId, cidr, selectSubnets: (selection) => selectFrom(selectable, selection) };
}
