/**
 * Turns the {@link Endpoint} of a query into a concrete end: a VPC interface (subnet, address,
 * groups, public or not), an internet or on-premises address, or a Client VPN endpoint.
 */
import type { ClientVpnEndpoint, Subnet, Vpc } from '../network/types';
import { firstHost, firstInstanceAddress, parseAddress, parseRange } from './address';
import { subnetLabel, type ModelIndex } from './model-index';
import { DEFAULT_INTERNET_ADDRESS, type Endpoint, type GroupSelection } from './types';

/** A network interface in a VPC. */
export interface InterfaceEnd {
  readonly kind: 'interface';
  readonly vpc: Vpc;
  readonly subnet: Subnet;
  readonly address: number;
  readonly groups: GroupSelection;
  readonly publicAddress: boolean;
  readonly label: string;
  readonly resource: string;
}

/** A resolved end of a query. */
export type ResolvedEnd =
  | InterfaceEnd
  | { readonly kind: 'internet'; readonly address: number }
  | { readonly kind: 'on-premises'; readonly address: number }
  | { readonly kind: 'client-vpn'; readonly endpoint: ClientVpnEndpoint };

/** An endpoint the caller got wrong (an id that is not in the model, an unparsable address). */
export class EndpointError extends Error {}

function subnetOf(index: ModelIndex, id: string): { subnet: Subnet; vpc: Vpc } {
  const subnet = index.subnets.get(id);
  if (!subnet) throw new EndpointError(`subnet ${id} is not in the network model`);
  const vpc = index.vpcs.get(subnet.vpc);
  if (!vpc) throw new EndpointError(`VPC ${subnet.vpc} of subnet ${id} is not in the network model`);
  return { subnet, vpc };
}

function subnetAddress(subnet: Subnet): number {
  const range = parseRange(subnet.cidr);
  if (!range) throw new EndpointError(`subnet ${subnet.id} has CIDR ${subnet.cidr}, which is not an IPv4 CIDR`);
  return firstInstanceAddress(range);
}

/**
 * The groups a workload in this subnet carries when the query names none: the workload groups of the
 * subnet's tier; a tier without one (public, tgw, endpoint) stands for "whatever the workload's own
 * groups allow" (`'any'`).
 */
export function defaultGroups(index: ModelIndex, subnet: Subnet): GroupSelection {
  const groups = subnet.tier ? index.tierGroups.get(`${subnet.vpc}|${subnet.tier}`) : undefined;
  return groups && groups.length > 0 ? groups : 'any';
}

/** Resolves a query endpoint; throws {@link EndpointError} for ids or addresses the model does not have. */
export function resolveEnd(index: ModelIndex, endpoint: Endpoint): ResolvedEnd {
  switch (endpoint.kind) {
    case 'subnet': {
      const { subnet, vpc } = subnetOf(index, endpoint.subnet);
      return {
        kind: 'interface',
        vpc,
        subnet,
        address: subnetAddress(subnet),
        groups: endpoint.securityGroups ?? defaultGroups(index, subnet),
        publicAddress: subnet.mapPublicIp,
        label: `subnet ${subnetLabel(index, subnet)}`,
        resource: subnet.id,
      };
    }
    case 'eni': {
      const { subnet, vpc } = subnetOf(index, endpoint.subnet);
      const address = endpoint.address === undefined ? subnetAddress(subnet) : parseAddress(endpoint.address);
      if (address === undefined) throw new EndpointError(`${endpoint.label}: ${endpoint.address} is not an IPv4 address`);
      return {
        kind: 'interface',
        vpc,
        subnet,
        address,
        groups: endpoint.securityGroups,
        publicAddress: endpoint.publicAddress ?? subnet.mapPublicIp,
        label: endpoint.label,
        resource: endpoint.resource ?? subnet.id,
      };
    }
    case 'internet': {
      const text = endpoint.address ?? DEFAULT_INTERNET_ADDRESS;
      const address = parseAddress(text);
      if (address === undefined) throw new EndpointError(`internet address ${text} is not an IPv4 address`);
      return { kind: 'internet', address };
    }
    case 'on-premises': {
      const range = parseRange(endpoint.address);
      const address = range ? firstHost(range) : parseAddress(endpoint.address);
      if (address === undefined) throw new EndpointError(`on-premises address ${endpoint.address} is neither an IPv4 address nor a CIDR`);
      return { kind: 'on-premises', address };
    }
    case 'client-vpn': {
      const cvpn = index.clientVpnEndpoints.get(endpoint.endpoint);
      if (!cvpn) throw new EndpointError(`Client VPN endpoint ${endpoint.endpoint} is not in the network model`);
      return { kind: 'client-vpn', endpoint: cvpn };
    }
  }
}
