/** Every semantic rule, run in order over a config that passed the schema. */
import { ConfigIssue } from '../issues';
import { LandingZoneConfig } from '../schema';
import { roleInOwnAccount, spokeOutsideHubAccount } from './accounts';
import { buildContext, Rule } from './context';
import { natNeedsPublicSubnets } from './nat';
import { derivedNamesFit, spokeVpcNamesUnique, uniqueSpokeNames, uniqueSubnetNames, workspaceNamesFit } from './names';
import { derivedTagValues, tagKeysAndValues } from './tags';
import { bootstrapDeployRoles, hubRoleOnlyForHub, productionSegmentsNeverAutoApply } from './terraform-cloud';
import { cidrSyntaxAndSize, publicIpOnLaunchNeedsPublicTier, spokeHasPrivateSubnets, subnetsInsideVpcAndDisjoint, vpcRangesDisjoint } from './network';
import { dnsNeedsEndpointsVpc, endpointServicesKnown, endpointsSegmentReachable, inboundResolverAddresses, outboundResolverRules, resolverReachesOnPremises } from './endpoints';
import { allowedPrefixes, directConnectAsn, floatingSummariesNeedDirectConnect, hybridHasPurpose, onPremisesNeedsHybrid, transitVifsOnly, virtualInterfaceFields, vpnTunnelCidrs } from './hybrid';
import { instanceConnectSettings, oneSpokePerAccount, s3GatewayEndpointBuckets, sessionManagerSettings } from './access';
import { logArchiveLifecycle, logArchiveObjectLock, logSourceAccountsFit } from './logging';
import { clientVpnCertificateLifetimes, clientVpnCertificateRequests, clientVpnRange, clientVpnSubnetsAndUsers, loadBalancerRules, loadBalancerWithoutTls } from './edge';
import { knownRegion, subnetZoneInVpc, zonesInRegion } from './region';
import { inspectedSpokesEgressCentrally, inspectionOptOuts, inspectionPolicy, inspectionVpc } from './inspection';
import { blockPublicAccessCoversPaths, blockPublicAccessExclusions, dnsFirewallLists } from './perimeter';
import { prefixListQuotas, prefixListSizes } from './prefix-lists';
import { hubRangesInPools, ipamAccount, ipamPoolTree, spokeRangesInPools, unreservedRangesOutsidePools } from './ipam';
import { attachmentSubnets, centralEgress, rangesInsideInternal, routeQuotas, segmentReachability, spokeSegmentExists, transitGatewayAsn, transitGatewayShare } from './transit';

/** The rules, by domain. Adding a rule: write it next to its domain and list it here. */
export const RULES: Readonly<Record<string, Rule>> = {
  roleInOwnAccount,
  spokeOutsideHubAccount,
  knownRegion,
  zonesInRegion,
  subnetZoneInVpc,
  uniqueSpokeNames,
  uniqueSubnetNames,
  workspaceNamesFit,
  derivedNamesFit,
  spokeVpcNamesUnique,
  tagKeysAndValues,
  derivedTagValues,
  bootstrapDeployRoles,
  hubRoleOnlyForHub,
  productionSegmentsNeverAutoApply,
  cidrSyntaxAndSize,
  subnetsInsideVpcAndDisjoint,
  vpcRangesDisjoint,
  spokeHasPrivateSubnets,
  publicIpOnLaunchNeedsPublicTier,
  natNeedsPublicSubnets,
  transitGatewayAsn,
  segmentReachability,
  spokeSegmentExists,
  attachmentSubnets,
  centralEgress,
  transitGatewayShare,
  rangesInsideInternal,
  routeQuotas,
  prefixListSizes,
  prefixListQuotas,
  endpointServicesKnown,
  endpointsSegmentReachable,
  dnsNeedsEndpointsVpc,
  inboundResolverAddresses,
  outboundResolverRules,
  resolverReachesOnPremises,
  transitVifsOnly,
  virtualInterfaceFields,
  directConnectAsn,
  allowedPrefixes,
  vpnTunnelCidrs,
  hybridHasPurpose,
  onPremisesNeedsHybrid,
  floatingSummariesNeedDirectConnect,
  sessionManagerSettings,
  instanceConnectSettings,
  oneSpokePerAccount,
  s3GatewayEndpointBuckets,
  clientVpnRange,
  clientVpnSubnetsAndUsers,
  clientVpnCertificateRequests,
  clientVpnCertificateLifetimes,
  loadBalancerRules,
  loadBalancerWithoutTls,
  logArchiveLifecycle,
  logArchiveObjectLock,
  logSourceAccountsFit,
  dnsFirewallLists,
  blockPublicAccessExclusions,
  blockPublicAccessCoversPaths,
  inspectionVpc,
  inspectionPolicy,
  inspectionOptOuts,
  inspectedSpokesEgressCentrally,
  ipamPoolTree,
  ipamAccount,
  spokeRangesInPools,
  hubRangesInPools,
  unreservedRangesOutsidePools,
};

/** Runs every rule and returns all problems (errors and warnings); paths in the config resolve against `configDir`. */
export function validateConfig(config: LandingZoneConfig, configDir?: string): ConfigIssue[] {
  const { ctx, issues } = buildContext(config, configDir);
  for (const rule of Object.values(RULES)) issues.push(...rule(ctx));
  return issues;
}
