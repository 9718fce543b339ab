/**
 * Builds the typed {@link NetworkModel} the reachability engine walks from the resolved resource
 * graph of every stack. Values that cannot be resolved offline become `'unknown'` (ids, CIDRs, route
 * targets, peers) and are listed in `unresolved`; nothing unknown is ever modelled as allowing traffic.
 */
import type { ResourceGraph } from '../graph/types';
import { buildClientVpnEndpoints, buildInstanceConnectEndpoints, buildLoadBalancers } from './access';
import { compare } from './collect';
import { buildHostedZones, buildResolverEndpoints, buildResolverRules } from './dns';
import { buildFirewalls } from './firewalls';
import { buildNetworkAcls } from './network-acls';
import { buildPerimeter } from './perimeter';
import { ModelReader } from './reader';
import { buildVpcRouting } from './route-tables';
import { buildSecurityGroups } from './security-groups';
import { buildTransit } from './transit';
import type { NetworkModel } from './types';
import { buildInternetGateways, buildNatGateways, buildSubnets, buildVpcs } from './vpc-network';

/** Options of {@link buildNetwork}. */
export interface BuildNetworkOptions {
  /** On-premises ranges (the config's `onPremises.cidrs`): what DX gateway and VPN attachments propagate. */
  readonly onPremises: readonly string[];
}

/** The whole network of all stacks, every list ordered by id. */
export function buildNetwork(graph: ResourceGraph, options: BuildNetworkOptions): NetworkModel {
  const read = new ModelReader(graph);
  const routing = buildVpcRouting(read);
  const { networkAcls, subnetAcls } = buildNetworkAcls(read);
  const vpcs = buildVpcs(read, routing.mainTables);
  const transit = buildTransit(read, vpcs, options.onPremises);
  const subnets = buildSubnets(read, routing, subnetAcls);
  const firewalls = buildFirewalls(read, subnets);
  return {
    vpcs,
    subnets,
    routeTables: routing.routeTables,
    natGateways: buildNatGateways(read),
    internetGateways: buildInternetGateways(read),
    securityGroups: buildSecurityGroups(read),
    networkAcls,
    ...transit,
    vpcEndpoints: routing.vpcEndpoints,
    hostedZones: buildHostedZones(read),
    resolverEndpoints: buildResolverEndpoints(read),
    resolverRules: buildResolverRules(read),
    clientVpnEndpoints: buildClientVpnEndpoints(read),
    loadBalancers: buildLoadBalancers(read),
    instanceConnectEndpoints: buildInstanceConnectEndpoints(read),
    // Present only when there is one, so models of landing zones without inspection keep their shape.
    ...(firewalls.length > 0 && { firewalls }),
    ...buildPerimeter(read),
    onPremises: [...options.onPremises],
    unresolved: read.unresolved.sort((a, b) => compare(a.source, b.source) || compare(a.field, b.field)),
  };
}
