/**
 * The perimeter of a workspace's VPCs: DNS Firewall associations (the hub owns and shares the rule
 * group, every VPC owner associates its VPCs) and VPC Block Public Access with the exclusions the
 * config gives for this workspace's VPCs. Shared by the hub and spoke stacks so both translate the
 * config the same way.
 */
import { Construct } from 'constructs';
import { dependable, TerraformOutput, TerraformResource } from 'cdktf';
import { BpaExclusionSpec, LandingZone } from '../config/model';
import { DnsFirewallAssociation } from '../constructs/dns/dns-firewall-association';
import { DnsFirewallRuleGroup } from '../constructs/dns/dns-firewall';
import { VpcRef } from '../constructs/network/vpc-ref';
import { BlockPublicAccess, BlockPublicAccessExclusion } from '../constructs/perimeter/block-public-access';
import { PublishedValues } from '../constructs/publish/published-values';
import { HUB_OUTPUTS, HUB_PUBLISHED } from './hub-outputs';

/**
 * The hub's DNS Firewall rule group (shared with the organization) and its publication for the
 * spokes; undefined without `hub.dnsFirewall`. The published id waits for the RAM share, so a spoke
 * that reads it can associate the group.
 */
export function addDnsFirewallRuleGroup(scope: Construct, lz: LandingZone, published: PublishedValues): DnsFirewallRuleGroup | undefined {
  const fw = lz.hub.dnsFirewall;
  if (!fw) return undefined;
  const group = new DnsFirewallRuleGroup(scope, 'dns-firewall', {
    name: `${lz.name}-dns-firewall`,
    managedDomainLists: fw.managedDomainLists,
    blockDomains: fw.blockDomains,
    allowDomains: fw.allowDomains,
    blockResponse: fw.blockResponse,
    blockOverride: fw.blockOverride,
    sharePrincipals: lz.hub.transitGateway.sharePrincipals,
  });
  new TerraformOutput(scope, HUB_OUTPUTS.dnsFirewallRuleGroupId, { value: group.ruleGroupId, description: 'DNS Firewall rule group id (every VPC of the landing zone associates it)' });
  const parameter = published.publish(HUB_PUBLISHED.dnsFirewallRuleGroupId, group.ruleGroupId, 'DNS Firewall rule group id (spokes associate their VPC with it)');
  // The share, its resource and its principal associations: a spoke that reads the id can use the group.
  const shared = group.share.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
  parameter.dependsOn = [...(parameter.dependsOn ?? []), ...shared.map((r) => dependable(r))];
  return group;
}

/** A VPC as the perimeter needs it: its id, and its subnets when it has any to select (the inspection VPC has no public subnets). */
export type PerimeterVpc = Pick<VpcRef, 'vpcId'> & Partial<Pick<VpcRef, 'selectSubnets'>>;

/** Associates each VPC (by a stable key, part of the address: `dns-firewall-<key>`) with the rule group. */
export function associateDnsFirewall(scope: Construct, lz: LandingZone, namePrefix: string, ruleGroupId: string, vpcs: Readonly<Record<string, PerimeterVpc>>): void {
  const fw = lz.hub.dnsFirewall;
  if (!fw) return;
  for (const [key, vpc] of Object.entries(vpcs)) {
    new DnsFirewallAssociation(scope, `dns-firewall-${key}`, { name: `${namePrefix}-${key}-dns-firewall`.slice(0, 64), vpcId: vpc.vpcId, ruleGroupId, failOpen: fw.failOpen });
  }
}

/**
 * Block Public Access for this workspace's account, with the exclusions the config gives for `vpcs`
 * (keys as the config names them: `egress`, `inspection`, the spoke name). Nothing without
 * `blockPublicAccess`.
 */
export function addBlockPublicAccess(scope: Construct, lz: LandingZone, namePrefix: string, vpcs: Readonly<Record<string, PerimeterVpc>>): BlockPublicAccess | undefined {
  const bpa = lz.blockPublicAccess;
  if (!bpa) return undefined;
  const exclusions = bpa.exclusions.filter((e) => Object.hasOwn(vpcs, e.vpc)).flatMap((e) => exclusionsOf(e, vpcs[e.vpc]));
  return new BlockPublicAccess(scope, 'block-public-access', { name: `${namePrefix}-bpa`, mode: bpa.mode, exclusions });
}

/** One exclusion for the VPC, or one per public subnet (keyed by subnet name, stable across reorderings). */
function exclusionsOf(e: BpaExclusionSpec, vpc: PerimeterVpc): BlockPublicAccessExclusion[] {
  if (e.subnets === 'all') return [{ key: e.vpc, vpcId: vpc.vpcId, mode: e.mode, reason: e.reason }];
  return (vpc.selectSubnets?.({ tiers: ['public'] }).subnets ?? []).map((s) => ({ key: `${e.vpc}-${s.name}`, subnetId: s.id, mode: e.mode, reason: e.reason }));
}
