/** A {@link VpcRef} without a VPC construct, for construct tests: literal ids, subnets selected by the real {@link selectFrom}. */
import { selectFrom, type SelectedSubnet, type VpcRef, type VpcSubnetTier } from '../../constructs/network/vpc-ref';

/** One subnet of a {@link fakeVpc}; the route table defaults to `rtb-<name>`. */
export interface FakeSubnet {
  readonly id: string;
  readonly name: string;
  readonly az: string;
  readonly tier: VpcSubnetTier;
  readonly cidr: string;
  readonly routeTableId?: string;
}

/** A VPC reference over literal subnets, in the order given. */
export function fakeVpc(vpcId: string, cidr: string, subnets: readonly FakeSubnet[]): VpcRef {
  const selectable: SelectedSubnet[] = subnets.map((s) => ({ ...s, routeTableId: s.routeTableId ?? `rtb-${s.name}` }));
  return { vpcId, cidr, selectSubnets: (selection) => selectFrom(selectable, selection) };
}

/** A VPC whose subnets are `ids`, all of tier `tier`, subnet `x` in AZ `az-x` (one AZ each). */
export function vpcWith(vpcId: string, ids: readonly string[], tier: VpcSubnetTier = 'endpoint'): VpcRef {
  return fakeVpc(vpcId, '10.254.0.0/16', ids.map((id, i) => ({ id, name: `${tier}-${i + 1}`, az: `az-${id}`, tier, cidr: `10.254.${i}.0/24` })));
}
