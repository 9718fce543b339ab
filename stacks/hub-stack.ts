/**
 * `<name>-hub`: the network hub account: the Transit Gateway with its segment, egress and on-premises
 * route tables, its RAM share, the central egress VPC, and the shared-endpoints VPC with the
 * centralized interface endpoints, their private hosted zones (or a Route 53 Profile) and the Route 53
 * Resolver endpoints. Hybrid connectivity joins in a later issue. Nothing here depends on the list of
 * spokes.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { LandingZone } from '../config/model';
import { BGP_AUTH_KEY_LENGTH } from '../lib/aws/quotas';
import { RESOLVER_ADDRESSES } from '../lib/aws/vpc';
import { CentralInterfaceEndpoints } from '../constructs/hub/interface-endpoints';
import { HubVpcAttachment } from '../constructs/hub/hub-vpc-attachment';
import { ResourceShare } from '../constructs/hub/resource-share';
import { SegmentEgressRoutes } from '../constructs/hub/segment-routes';
import { TransitGateway } from '../constructs/hub/transit-gateway';
import { ManagedPrefixLists } from '../constructs/hub/prefix-lists';
import { INTERNAL_PREFIX_LIST, landingZonePrefixLists } from '../config/prefix-lists';
import { DnsProfile } from '../constructs/dns/dns-profile';
import { EndpointHostedZones } from '../constructs/dns/endpoint-zones';
import { InboundResolver, OutboundResolver, ruleKey } from '../constructs/dns/resolver-endpoints';
import { DirectConnectGateway } from '../constructs/hybrid/direct-connect';
import { SiteToSiteVpn } from '../constructs/hybrid/site-to-site-vpn';
import { VpcFlowLogs } from '../constructs/logging/flow-logs';
import { ResolverQueryLogging } from '../constructs/logging/resolver-query-logging';
import { ApplicationVpc } from '../constructs/network/application-vpc';
import { EgressVpc } from '../constructs/network/egress-vpc';
import { NatProvider } from '../constructs/network/nat-provider';
import { BackendMode } from './backend';
import { HUB_OUTPUTS, HUB_PUBLISHED, hubPublication, LogArchiveOutputs, logArchiveOutputs } from './hub-outputs';
import { PublishedValues } from '../constructs/publish/published-values';
import { hubStackName } from '../lib/stack-names';
import { LandingZoneStack } from './landing-zone-stack';
import { addBlockPublicAccess, addDnsFirewallRuleGroup, associateDnsFirewall, PerimeterVpc } from './perimeter';
import { EGRESS_ROUTE_TABLE, INSPECTION_ROUTE_TABLE, ON_PREMISES_ROUTE_TABLE, propagationTargets } from '../config/transit-routing';
import { CentralInspection } from '../constructs/inspection/central-inspection';
import { addCentralInspection, egressInspected, inspectionTags } from './inspection';
import { addIpam } from './ipam';

/** Terraform variable name for a secret: `-` becomes `_` (`vpn_dc-backup_tunnel1_psk` is `vpn_dc_backup_tunnel1_psk`). */
const variableName = (name: string): string => name.replace(/-/g, '_');

/**
 * A sensitive string variable that defaults to null (AWS then generates the secret). Secrets never
 * live in landing-zone.yaml: set them as sensitive workspace variables (TF_VAR_<name> locally).
 */
function secret(scope: Construct, name: string, description: string): string {
  const variable = new TerraformVariable(scope, variableName(name), { type: 'string', sensitive: true, nullable: true, description: `${description}. Null: AWS generates one.` });
  // cdktf cannot render `default: null` itself (it walks the value as an object); an override can.
  variable.addOverride('default', null);
  return variable.stringValue;
}

/**
 * A required sensitive variable for a Direct Connect BGP MD5 key (the AWS length limits of `authKey`).
 * No default: an AWS-generated key would have to be copied out of the hub's state to configure the
 * router, and a later change of the key replaces the VIF (see constructs/hybrid/direct-connect.ts).
 */
function bgpKeyVariable(scope: Construct, vif: string): string {
  const name = variableName(`dx_bgp_auth_key_${vif}`);
  const { min, max } = BGP_AUTH_KEY_LENGTH;
  const variable = new TerraformVariable(scope, name, {
    type: 'string',
    sensitive: true,
    nullable: false,
    description: `BGP MD5 key of Direct Connect VIF ${vif} (${min}-${max} characters; set it as a sensitive workspace variable or TF_VAR_${name}). Changing it replaces the VIF: rotate it as a planned interruption (docs/direct-connect.md).`,
    validation: [{ condition: `\${length(var.${name}) >= ${min} && length(var.${name}) <= ${max}}`, errorMessage: `${name} must be ${min} to ${max} characters (the AWS limit of a BGP authentication key).` }],
  });
  return variable.stringValue;
}

/** Props of {@link HubStack}. */
export interface HubStackProps {
  readonly landingZone: LandingZone;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** The hub stack. */
export class HubStack extends LandingZoneStack {
  readonly transitGateway: TransitGateway;
  readonly egress?: EgressVpc;
  readonly endpointsVpc?: ApplicationVpc;
  /** The inspection VPC with its Network Firewall (hub.inspection). */
  readonly inspection?: CentralInspection;
  /** The non-secret values spokes read (SSM parameters): nobody reads this stack's state, which holds secrets. */
  readonly published: PublishedValues;
  /** The shared prefix lists (hub.transitGateway.prefixLists). */
  readonly prefixLists?: ManagedPrefixLists;

  constructor(scope: Construct, props: HubStackProps) {
    const lz = props.landingZone;
    // Its identities alone may read the VPN and Direct Connect configuration, which returns the pre-shared and BGP keys.
    super(scope, hubStackName(lz), { landingZone: lz, target: lz.hub, backend: props.backend, readsHybridSecrets: true });
    const tgwSpec = lz.hub.transitGateway;
    this.published = hubPublication(this, lz);

    this.transitGateway = new TransitGateway(this, 'transit-gateway', {
      namePrefix: lz.name,
      asn: tgwSpec.asn,
      routeTableNames: [...tgwSpec.segments.map((s) => s.name), ...(lz.hub.egress ? [EGRESS_ROUTE_TABLE] : []), ...(lz.hub.inspection ? [INSPECTION_ROUTE_TABLE] : []), ON_PREMISES_ROUTE_TABLE],
      ...(lz.hub.inspection && { routeTableTags: inspectionTags(lz) }),
    });
    new ResourceShare(this, 'transit-gateway-share', { name: `${lz.name}-transit-gateway`, resources: { tgw: this.transitGateway.transitGateway.arn }, principals: tgwSpec.sharePrincipals });
    this.prefixLists = this.addPrefixLists(lz);

    if (lz.hub.egress) this.egress = this.addEgress(lz);
    if (lz.hub.endpoints) this.endpointsVpc = this.addSharedServices(lz);
    this.addHybrid(lz);
    const logging = this.addLogging(lz, props.backend ?? 'config');
    if (lz.hub.inspection) this.inspection = addCentralInspection(this, lz, { transitGateway: this.transitGateway, ...logging, egress: this.egress, internalPrefixListId: this.internalPrefixListId });
    // DNS Firewall on every hub VPC and Block Public Access for the hub account (stacks/perimeter.ts).
    const hubVpcs: Record<string, PerimeterVpc> = {
      ...(this.egress && { egress: this.egress }),
      ...(this.endpointsVpc && { endpoints: this.endpointsVpc }),
      ...(this.inspection && { inspection: this.inspection.vpc }),
    };
    const dnsFirewall = addDnsFirewallRuleGroup(this, lz, this.published);
    if (dnsFirewall) associateDnsFirewall(this, lz, lz.name, dnsFirewall.ruleGroupId, hubVpcs);
    addBlockPublicAccess(this, lz, `${lz.name}-hub`, hubVpcs);
    // Amazon VPC IPAM pools shared with the organization, their ids published for the spokes (stacks/ipam.ts).
    addIpam(this, lz, this.published);

    new TerraformOutput(this, HUB_OUTPUTS.transitGatewayId, { value: this.transitGateway.transitGatewayId, description: 'Transit Gateway id' });
    new TerraformOutput(this, HUB_OUTPUTS.routeTableIds, {
      value: Object.fromEntries([...this.transitGateway.routeTables].map(([name, rt]) => [name, rt.id])),
      description: 'Transit Gateway route table ids by segment, plus egress and onprem',
    });
    this.published.publish(HUB_PUBLISHED.transitGatewayId, this.transitGateway.transitGatewayId, 'Transit Gateway id (read by every spoke)');
    for (const [name, rt] of this.transitGateway.routeTables) {
      this.published.publish(HUB_PUBLISHED.routeTableId(name), rt.id, `Transit Gateway route table ${name} (read by the spokes that associate with or propagate into it)`);
    }
  }

  /** The id of the internal-ranges prefix list, when the hub has prefix lists. */
  get internalPrefixListId(): string | undefined {
    return this.prefixLists?.id(INTERNAL_PREFIX_LIST);
  }

  /**
   * The prefix lists of hub.transitGateway.prefixLists (config/prefix-lists.ts), shared like the Transit
   * Gateway and published for the spokes. Their entries are summaries and segment ranges, never one
   * resource per spoke.
   */
  private addPrefixLists(lz: LandingZone): ManagedPrefixLists | undefined {
    const plan = landingZonePrefixLists(lz);
    if (!plan) return undefined;
    const lists = new ManagedPrefixLists(this, 'prefix-lists', { shareName: `${lz.name}-prefix-lists`, lists: plan, sharePrincipals: lz.hub.transitGateway.sharePrincipals });
    for (const l of plan) this.published.publish(HUB_PUBLISHED.prefixListId(l.key), lists.id(l.key), `Prefix list ${l.name} (shared through RAM; spokes route and admit it)`);
    return lists;
  }

  private addEgress(lz: LandingZone): EgressVpc {
    const egress = lz.hub.egress!;
    const tgwSpec = lz.hub.transitGateway;
    const vpc = new EgressVpc(this, 'egress', {
      namePrefix: `${lz.name}-egress`,
      cidr: egress.cidr,
      subnets: egress.subnets.map(({ name, tier, cidr, az }) => ({ name, tier, cidr, az })),
      natProvider: NatProvider.fromMode(egress.natGateways),
      transitGatewayId: this.transitGateway.transitGatewayId,
      egressRouteTableId: this.transitGateway.routeTable(EGRESS_ROUTE_TABLE).id,
      internalRanges: tgwSpec.internalRanges,
      internalPrefixListId: this.internalPrefixListId,
    });
    // Inspected segments take their default route to the inspection VPC instead (stacks/inspection.ts).
    for (const segment of tgwSpec.segments.filter((s) => s.centralEgress && !egressInspected(lz, s.name))) {
      new SegmentEgressRoutes(this, `segment-${segment.name}-egress`, {
        routeTableId: this.transitGateway.routeTable(segment.name).id,
        egressAttachmentId: vpc.attachment.id,
        internalRanges: tgwSpec.internalRanges,
        internalPrefixListId: this.internalPrefixListId,
        dependsOn: [vpc.association],
      });
    }
    return vpc;
  }

  /**
   * Flow logs of every hub VPC and of the Transit Gateway to the central archive, and a Resolver query
   * logging configuration shared with the organization so each spoke associates its own VPC.
   */
  private addLogging(lz: LandingZone, backend: BackendMode): { archive: LogArchiveOutputs; queryLogConfigId: string } {
    const archive = logArchiveOutputs(this, lz, backend);
    new VpcFlowLogs(this, 'tgw-flow-logs', { name: `${lz.name}-tgw`, transitGatewayId: this.transitGateway.transitGatewayId, destinationArn: archive.flowLogsArn });
    const vpcs: Record<string, string> = {};
    if (this.egress) vpcs.egress = this.egress.network.vpcId;
    if (this.endpointsVpc) vpcs.endpoints = this.endpointsVpc.vpcId;
    for (const [key, vpcId] of Object.entries(vpcs)) new VpcFlowLogs(this, `${key}-flow-logs`, { name: `${lz.name}-${key}`, vpcId, destinationArn: archive.flowLogsArn });
    const queryLogs = new ResolverQueryLogging(this, 'resolver-query-logging', {
      name: `${lz.name}-resolver-query-logs`,
      destinationArn: archive.resolverQueryLogsArn,
      vpcIds: vpcs,
      shareWith: lz.hub.transitGateway.sharePrincipals,
    });
    new TerraformOutput(this, HUB_OUTPUTS.queryLogConfigId, { value: queryLogs.configId, description: 'Resolver query logging configuration id (spokes associate their VPC with it)' });
    this.published.publish(HUB_PUBLISHED.queryLogConfigId, queryLogs.configId, 'Resolver query logging configuration id (spokes associate their VPC with it)');
    return { archive, queryLogConfigId: queryLogs.configId };
  }

  /** Direct Connect and the Site-to-Site VPN backup, both in `onprem` and propagated into the segments that reach on-premises. */
  private addHybrid(lz: LandingZone): void {
    const { directConnect: dx, vpn } = lz.hub;
    if (!dx && !vpn) return;
    const onPremisesRouteTableId = this.transitGateway.routeTable(ON_PREMISES_ROUTE_TABLE).id;
    const propagateTo = Object.fromEntries(lz.hub.transitGateway.segments.filter((s) => s.reachesOnPremises).map((s) => [s.name, this.transitGateway.routeTable(s.name).id]));
    if (dx) {
      new DirectConnectGateway(this, 'direct-connect', {
        name: dx.gatewayName,
        amazonSideAsn: dx.asn,
        transitGatewayId: this.transitGateway.transitGatewayId,
        allowedPrefixes: dx.allowedPrefixes,
        onPremisesRouteTableId,
        propagateTo,
        virtualInterfaces: dx.virtualInterfaces.map((v) => (v.kind === 'owned' ? { ...v, bgpAuthKey: bgpKeyVariable(this, v.name) } : v)),
      });
    }
    if (vpn) {
      new SiteToSiteVpn(this, 'vpn', {
        namePrefix: `${lz.name}-vpn`,
        transitGatewayId: this.transitGateway.transitGatewayId,
        onPremisesRouteTableId,
        propagateTo,
        customerGatewayRoutes: vpn.customerGatewayRoutes,
        connections: vpn.connections.map((c) => ({
          ...c,
          presharedKeys: [1, 2].map((n) => secret(this, `vpn_${c.name}_tunnel${n}_psk`, `Pre-shared key of VPN ${c.name} tunnel ${n}`)) as [string, string],
        })),
      });
    }
  }

  /** The shared-endpoints VPC with interface endpoints, their DNS and the Resolver endpoints. */
  private addSharedServices(lz: LandingZone): ApplicationVpc {
    const spec = lz.hub.endpoints!;
    const dns = lz.hub.dns;
    const tgwSpec = lz.hub.transitGateway;
    const prefix = `${lz.name}-endpoints`;
    const vpc = new ApplicationVpc(this, 'endpoints-vpc', { namePrefix: prefix, cidr: spec.cidr, subnets: spec.subnets.map(({ name, tier, cidr, az }) => ({ name, tier, cidr, az })) });
    const attachment = new HubVpcAttachment(this, 'endpoints-attachment', {
      name: prefix,
      transitGatewayId: this.transitGateway.transitGatewayId,
      vpc,
      associateWith: this.transitGateway.routeTable(spec.segment).id,
      propagateTo: Object.fromEntries(propagationTargets(lz, spec.segment, { egress: false }).map((name) => [name, this.transitGateway.routeTable(name).id])),
    });
    // Replies to spokes and on-premises (and the outbound resolver's queries) go back through the Transit Gateway.
    const internal = this.internalPrefixListId;
    vpc.routeToTransitGateway(this.transitGateway.transitGatewayId, {
      destinations: internal === undefined ? tgwSpec.internalRanges : [],
      ...(internal !== undefined && { destinationPrefixLists: { internal } }),
      dependsOn: attachment.ready,
    });

    // The inbound endpoint first: its static addresses are reserved before any other ENI of these
    // subnets (interface endpoints, outbound Resolver) is created and could take one of them.
    const inbound =
      dns.inbound &&
      new InboundResolver(this, 'resolver-inbound', {
        name: prefix,
        vpc,
        subnets: { tiers: ['endpoint'] },
        addresses: dns.inbound.addresses.map((a) => ({ az: a.az, ip: a.ip, key: a.az })),
      });
    const reservations = inbound ? inbound.addressReservations : [];
    const endpoints = new CentralInterfaceEndpoints(this, 'interface-endpoints', {
      namePrefix: prefix,
      vpc,
      subnets: { tiers: ['endpoint'] },
      services: spec.services,
      organizationId: lz.organizationId,
      clientRanges: tgwSpec.internalRanges,
      clientPrefixListId: this.internalPrefixListId,
      privateDns: dns.sharing === 'route53-profile',
      dependsOn: reservations,
    });
    const outbound =
      dns.outbound &&
      new OutboundResolver(this, 'resolver-outbound', {
        name: prefix,
        vpc,
        // At most one ENI per subnet and 6 ENIs: the first endpoint subnets.
        subnets: { tiers: ['endpoint'], names: vpc.selectSubnets({ tiers: ['endpoint'] }).subnets.slice(0, RESOLVER_ADDRESSES.max).map((s) => s.name) },
        rules: dns.outbound.rules,
        dependsOn: reservations,
      });
    const ruleArns = Object.fromEntries([...(outbound?.rules ?? new Map())].map(([domain, rule]) => [`rule-${ruleKey(domain)}`, rule.arn]));

    if (dns.sharing === 'route53-profile') {
      const profile = new DnsProfile(this, 'dns-profile', {
        name: `${lz.name}-dns`,
        // Services spokes reach through their own gateway endpoint (s3) stay out: the profile would
        // otherwise answer their names with the hub endpoint in every spoke.
        resources: {
          ...Object.fromEntries([...endpoints.endpoints].filter(([name]) => !spec.services.find((s) => s.name === name)?.spokesUseGateway).map(([name, e]) => [`endpoint-${name}`, e.arn])),
          ...ruleArns,
        },
        sharePrincipals: tgwSpec.sharePrincipals,
      });
      new TerraformOutput(this, HUB_OUTPUTS.route53ProfileId, { value: profile.profile.id, description: 'Route 53 Profile id (spokes associate their VPC with it)' });
      this.published.publish(HUB_PUBLISHED.route53ProfileId, profile.profile.id, 'Route 53 Profile id (spokes associate their VPC with it)');
    } else {
      const zones = new EndpointHostedZones(this, 'endpoint-zones', {
        vpcId: vpc.vpcId,
        otherVpcIds: this.egress ? { egress: this.egress.network.vpcId } : {},
        zones: spec.services.map((s) => ({ name: s.name, zone: s.zone, records: s.records, endpoint: endpoints.endpoints.get(s.name)! })),
      });
      if (outbound) new ResourceShare(this, 'resolver-rules-share', { name: `${lz.name}-resolver-rules`, resources: ruleArns, principals: tgwSpec.sharePrincipals });
      new TerraformOutput(this, HUB_OUTPUTS.hostedZoneIds, {
        value: Object.fromEntries([...zones.zones].map(([name, z]) => [name, z.zoneId])),
        description: 'Private hosted zone ids by endpoint service (spokes associate their VPC with each)',
      });
      new TerraformOutput(this, HUB_OUTPUTS.resolverRuleIds, {
        value: Object.fromEntries([...(outbound?.rules ?? new Map())].map(([domain, rule]) => [domain, rule.id])),
        description: 'Resolver forwarding rule ids by domain (spokes associate their VPC with each)',
      });
      for (const [name, z] of zones.zones) this.published.publish(HUB_PUBLISHED.hostedZoneId(name), z.zoneId, `Private hosted zone of ${name} (spokes authorize and associate their VPC)`);
      for (const [domain, rule] of outbound?.rules ?? new Map()) this.published.publish(HUB_PUBLISHED.resolverRuleId(domain), rule.id, `Resolver forwarding rule for ${domain} (spokes associate their VPC)`);
    }
    if (inbound) {
      new TerraformOutput(this, 'resolver_inbound_ips', {
        value: inbound.endpoint.ipAddress,
        description: 'Inbound Resolver addresses: point the on-premises conditional forwarders for the AWS names here',
      });
    }
    return vpc;
  }
}
