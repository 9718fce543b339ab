/** `<name>-spoke-<spoke>`: one spoke account's application VPC, plus a `hub` provider for the hub-side half of its connection. */
import { VpcIpamPoolCidrAllocation } from '@cdktf/provider-aws/lib/vpc-ipam-pool-cidr-allocation';
import { INTERNAL_PREFIX_LIST } from '../config/prefix-lists';
import { spokeStackName } from '../lib/stack-names';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { CentralEndpointSpec, LandingZone, SpokeSpec } from '../config/model';
import { albAccessLogBucketName, albName, pkiPublishedPath, spokeHubRoleName, spokeResourcePrefix, spokeVpcName, TFC_ROLE_PATH } from '../lib/names';
import { NAT_ROUTED_TIERS, SUBNET_TIERS } from '../config/schema';
import { SpokeAttachment } from '../constructs/hub/spoke-attachment';
import { ruleKey } from '../constructs/dns/resolver-endpoints';
import { SpokeDns } from '../constructs/dns/spoke-dns';
import { InstanceConnectEndpoint } from '../constructs/access/instance-connect-endpoint';
import { SessionManagerAccess } from '../constructs/access/session-manager';
import { ClientVpnEndpoint } from '../constructs/access/client-vpn-endpoint';
import { ApplicationLoadBalancer } from '../constructs/edge/application-load-balancer';
import { RuleSecurityGroup } from '../constructs/private/security-group';
import { SecurityGroupLink } from '../constructs/private/security-group-link';
import { cidrOf, contains } from '../lib/net/range';
import { VpcFlowLogs } from '../constructs/logging/flow-logs';
import { ResolverQueryLogAssociation } from '../constructs/logging/resolver-query-logging';
import { ApplicationVpc } from '../constructs/network/application-vpc';
import { NatProvider } from '../constructs/network/nat-provider';
import { BackendMode } from './backend';
import { HubOutputs, hubPublishedValues, logArchiveOutputs } from './hub-outputs';
import { PKI_PUBLISHED } from './vpn-pki-stack';
import { PublishedValueReader } from '../constructs/publish/published-value-reader';
import { propagationTargets } from '../config/transit-routing';
import { LandingZoneStack } from './landing-zone-stack';
import { addBlockPublicAccess, associateDnsFirewall } from './perimeter';
import { partitionOfRegion } from '../constructs/private/aws-partition';

/** Props of {@link SpokeStack}. */
export interface SpokeStackProps {
  readonly landingZone: LandingZone;
  readonly spoke: SpokeSpec;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** A spoke stack. */
export class SpokeStack extends LandingZoneStack {
  /** Provider for the hub account (alias `hub`), used for the hub-side half of this spoke's connection. */
  readonly hubProvider: AwsProvider;
  readonly network: ApplicationVpc;
  readonly attachment: SpokeAttachment;

  constructor(scope: Construct, props: SpokeStackProps) {
    const { landingZone: lz, spoke } = props;
    const name = spokeStackName(lz, spoke.name);
    super(scope, name, { landingZone: lz, target: spoke, backend: props.backend });
    // The hub-side half of the connection: locally spokes[].hubRoleArn (default hub.roleArn); in Terraform
    // Cloud the spoke's own narrow hub role, never the hub's deployment role.
    const propagateTo = propagationTargets(lz, spoke.segment, { egress: !!lz.hub.egress });
    this.hubProvider = this.aliasedProvider('aws-hub', HUB_PROVIDER_ALIAS, lz.hub.account, spoke.hubRoleArn, {
      applyRoleArn: spokeHubRoleArn(lz, spoke.name),
      scope: { kind: 'spoke-hub', associateWith: spoke.segment, propagateTo },
    });

    // Resource names keep `<name>-<spoke>` (a rename would replace them); Name tags drop a repeated prefix.
    const namePrefix = spokeResourcePrefix(lz.name, spoke.name);
    const vpcName = spokeVpcName(lz.name, spoke.name);
    this.network = new ApplicationVpc(this, 'app-vpc', {
      namePrefix: vpcName,
      cidr: spoke.vpc.cidr,
      subnets: spoke.vpc.subnets.map(({ name, tier, cidr, az }) => ({ name, tier, cidr, az })),
      natProvider: NatProvider.fromMode(spoke.vpc.natGateways),
      mapPublicIpOnLaunch: spoke.vpc.publicIpOnLaunch,
    });

    const hub = hubPublishedValues(this, lz, this.hubProvider);
    // An IPAM spoke's VPC takes its pinned range from the hub's shared pool (docs/ipam.md).
    if (spoke.vpc.ipamPool !== undefined) this.network.allocateFromIpamPool(hub.ipamPoolId(spoke.vpc.ipamPool));
    // A written range inside a pool shared with the organization is reserved there by the spoke's own
    // account (pool consumers may allocate from a shared pool), so no other account receives it and the
    // hub workspace does not change when a spoke is added. Changing the range replaces the reservation.
    // https://docs.aws.amazon.com/vpc/latest/ipam/share-pool-ipam.html
    const reservation = lz.ipam?.reservations.find((r) => r.spoke === spoke.name);
    if (reservation) {
      new VpcIpamPoolCidrAllocation(this, 'ipam-reservation', { ipamPoolId: hub.ipamPoolId(reservation.pool), cidr: reservation.cidr, description: reservation.description });
    }
    this.attachment = new SpokeAttachment(this, 'tgw-attachment', {
      namePrefix: vpcName,
      transitGatewayId: hub.transitGatewayId,
      vpc: this.network,
      hubProvider: this.hubProvider,
      associateWith: hub.routeTableId(spoke.segment),
      propagateTo: Object.fromEntries(propagateTo.map((name) => [name, hub.routeTableId(name)])),
    });
    this.network.routeToTransitGateway(hub.transitGatewayId, {
      // Internal supernets, not other spokes' ranges: the segment route table decides what is reachable,
      // and adding a spoke never changes another spoke's routes. With central egress the private tiers
      // send everything to the Transit Gateway; the public tier keeps its IGW default route.
      // With hub prefix lists: one route per table to the shared internal list (published by the hub), so
      // a changed supernet changes the list, never this workspace.
      ...(lz.hub.transitGateway.prefixLists
        ? { destinations: [], destinationPrefixLists: { [INTERNAL_PREFIX_LIST]: hub.prefixListId(INTERNAL_PREFIX_LIST) } }
        : { destinations: lz.hub.transitGateway.internalRanges }),
      defaultRouteTiers: spoke.vpc.egress === 'central' ? NAT_ROUTED_TIERS : [],
      dependsOn: this.attachment.ready,
    });

    const ssm = this.addLoggingAndAccess(lz, spoke, namePrefix, hub, props.backend ?? 'config');
    // The hub's DNS Firewall on this VPC and Block Public Access for this account (stacks/perimeter.ts).
    if (lz.hub.dnsFirewall) associateDnsFirewall(this, lz, namePrefix, hub.dnsFirewallRuleGroupId, { vpc: this.network });
    addBlockPublicAccess(this, lz, namePrefix, { [spoke.name]: this.network });
    this.addTiersVpnAndAlb(lz, spoke, namePrefix, ssm);

    // Hub DNS: the endpoint names and the on-premises domains resolve in this VPC too.
    const dns = lz.hub.dns;
    if (lz.hub.endpoints && dns.sharing === 'route53-profile') {
      new SpokeDns(this, 'hub-dns', { mode: 'route53-profile', name: namePrefix, vpcId: this.network.vpcId, profileId: hub.route53ProfileId });
    } else if (lz.hub.endpoints) {
      new SpokeDns(this, 'hub-dns', {
        mode: 'zone-association',
        name: namePrefix,
        vpcId: this.network.vpcId,
        region: lz.region,
        hubProvider: this.hubProvider,
        zoneIds: Object.fromEntries(spokeZoneServices(lz.hub.endpoints.services, ssm.interfaceEndpoints).map((s) => [s.name, hub.hostedZoneId(s.name)])),
        resolverRuleIds: Object.fromEntries((dns.outbound?.rules ?? []).map((r) => [ruleKey(r.domain), hub.resolverRuleId(r.domain)])),
      });
    }

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId, description: 'Application VPC id' });
    for (const tier of SUBNET_TIERS) {
      if (this.network.subnets.some((s) => s.tier === tier)) {
        new TerraformOutput(this, `subnet_ids_${tier}`, { value: this.network.subnetIds(tier), description: `Subnet ids of the ${tier} tier, in config order` });
      }
    }
    new TerraformOutput(this, 'route_table_ids', {
      value: Object.fromEntries([...this.network.routeTables].map(([key, rt]) => [key, rt.id])),
      description: 'Route table ids keyed "public" or "<tier>-<az>"',
    });
  }

  /**
   * Tier security groups (app, db), the Client VPN endpoint and the application load balancer: the db
   * tier admits the database port from the app tier and the VPN, the app tier admits the target ports
   * only from the load balancer. Outbound, both tiers reach the Session Manager endpoints (central or
   * local) and S3 (session logs) on 443; the app tier reaches any HTTPS destination when the VPC has
   * internet egress (package repositories, AWS APIs). Anything else is an explicit rule of the user's.
   */
  private addTiersVpnAndAlb(lz: LandingZone, spoke: SpokeSpec, namePrefix: string, ssm: SessionManagerAccess): void {
    // The SSM agent talks to ssm, ssmmessages and ec2messages over HTTPS and uploads session logs to S3
    // (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-prerequisites.html).
    const ssmRange = spoke.access.ssm.endpoints === 'central' && lz.hub.endpoints ? lz.hub.endpoints.cidr : spoke.vpc.cidr;
    const hubServicesRange = lz.hub.endpoints?.cidr;
    const managedNodeEgress = (tier: string) => ({
      egress: [
        { protocol: 'tcp' as const, port: 443, peer: 'ssm-endpoints', cidr: ssmRange, description: `Session Manager endpoints (${spoke.access.ssm.endpoints}) from the ${tier} tier` },
        // With local Session Manager endpoints the VPC still resolves every other service the hub
        // centralizes (ECR, KMS, logs, STS...) to the hub endpoints, so the tiers need that range on 443 as well.
        ...(hubServicesRange !== undefined && hubServicesRange !== ssmRange
          ? [{ protocol: 'tcp' as const, port: 443, peer: 'hub-endpoints', cidr: hubServicesRange, description: `Hub interface endpoints (centralized AWS services) from the ${tier} tier` }]
          : []),
      ],
      prefixListEgress: [{ key: 's3', protocol: 'tcp' as const, port: 443, prefixListId: ssm.s3GatewayEndpoint.prefixListId, description: `S3 through the gateway endpoint (session logs) from the ${tier} tier` }],
      tags: { Tier: tier },
    });
    const appEgress = managedNodeEgress('app');
    const reachesInternet = spoke.vpc.egress === 'central' || (spoke.vpc.egress === 'local' && spoke.vpc.natGateways !== 'none');
    if (reachesInternet) {
      appEgress.egress.push({ protocol: 'tcp', port: 443, peer: 'internet', cidr: '0.0.0.0/0', description: `HTTPS to the internet through the ${spoke.vpc.egress} NAT` });
    }
    const app = new RuleSecurityGroup(this, 'app-tier-sg', { name: `${namePrefix}-app`, description: 'App tier: target ports from the load balancer only', vpcId: this.network.vpcId, ...appEgress });
    const db = new RuleSecurityGroup(this, 'db-tier-sg', { name: `${namePrefix}-db`, description: 'DB tier: the database port from the app tier and the Client VPN only', vpcId: this.network.vpcId, ...managedNodeEgress('db') });
    new SecurityGroupLink(this, 'app-to-db', { fromSecurityGroupId: app.id, toSecurityGroupId: db.id, protocol: 'tcp', port: spoke.databasePort, description: 'Database from the app tier' });
    new TerraformOutput(this, 'app_security_group_id', { value: app.id, description: 'Security group of app-tier instances' });
    new TerraformOutput(this, 'db_security_group_id', { value: db.id, description: 'Security group of databases' });

    const vpn = spoke.clientVpn;
    if (vpn) {
      // The PKI workspace publishes the two certificate ARNs in this account; its state (the keys) is read by nobody.
      const pki = new PublishedValueReader(this, 'vpn-pki-published', { path: pkiPublishedPath(lz.name, spoke.name) });
      const vpcRange = cidrOf(spoke.vpc.cidr);
      const endpoint = new ClientVpnEndpoint(this, 'client-vpn', {
        name: namePrefix,
        vpc: this.network,
        clientCidr: vpn.clientCidr,
        serverCertificateArn: pki.value(PKI_PUBLISHED.serverCertificateArn),
        clientRootCertificateArn: pki.value(PKI_PUBLISHED.clientRootCertificateArn),
        // The connect handler admits exactly the users in the config: a removed user is locked out at the next apply.
        allowedCommonNames: vpn.users,
        // The spoke VPC resolves AWS service names to the hub endpoints whenever the hub centralizes them
        // (zone association or Route 53 Profile), so clients need that range on 443 too.
        serviceEndpointsCidr: lz.hub.endpoints?.cidr,
        associatedSubnets: { names: vpn.subnets },
        authorizedCidrs: vpn.authorizedCidrs,
        // Ranges outside the VPC (other spokes, on-premises) are reached through the Transit Gateway.
        extraRoutes: vpn.authorizedCidrs.filter((c) => !contains(vpcRange, cidrOf(c))).map((cidr) => ({ cidr })),
        transportProtocol: vpn.transport,
        port: vpn.port,
        sessionTimeoutHours: vpn.sessionTimeoutHours,
        loginBanner: vpn.loginBanner,
        logRetentionDays: vpn.logRetentionDays,
        accountId: spoke.account,
        region: lz.region,
      });
      new SecurityGroupLink(this, 'vpn-to-db', { fromSecurityGroupId: endpoint.securityGroupId, toSecurityGroupId: db.id, protocol: 'tcp', port: spoke.databasePort, description: 'Database from Client VPN users' });
      new TerraformOutput(this, 'client_vpn_endpoint_id', { value: endpoint.endpointId, description: 'Client VPN endpoint (lz vpn-profile builds user profiles from it)' });
      new TerraformOutput(this, 'client_vpn_dns_name', { value: endpoint.dnsName, description: 'Client VPN endpoint DNS name' });
    }

    const alb = spoke.alb;
    if (alb) {
      const lb = new ApplicationLoadBalancer(this, 'alb', {
        name: albName(namePrefix),
        vpc: this.network,
        subnets: { tiers: ['public'] },
        allowedCidrs: alb.allowedCidrs,
        certificateArn: alb.certificateArn,
        hostRules: alb.hosts.map((h) => ({ host: h.host, targetPort: h.port, protocol: h.protocol, healthCheckPath: h.healthCheckPath })),
        deletionProtection: alb.deletionProtection,
        wafAclArn: alb.wafAclArn,
        accessLogBucketName: albAccessLogBucketName(namePrefix, spoke.account),
        region: lz.region,
        accountId: spoke.account,
        appSecurityGroupId: app.id,
      });
      new TerraformOutput(this, 'alb_dns_name', { value: lb.dnsName, description: 'Point the host names (CNAME or alias) here' });
    }
  }

  /** Flow logs and query logging to the archive, Session Manager wiring and the optional Instance Connect Endpoint. */
  private addLoggingAndAccess(lz: LandingZone, spoke: SpokeSpec, namePrefix: string, hub: HubOutputs, backend: BackendMode): SessionManagerAccess {
    const archive = logArchiveOutputs(this, lz, backend);
    new VpcFlowLogs(this, 'flow-logs', { name: namePrefix, vpcId: this.network.vpcId, destinationArn: archive.flowLogsArn });
    new ResolverQueryLogAssociation(this, 'resolver-query-logging', { name: namePrefix, configId: hub.queryLogConfigId, vpcId: this.network.vpcId });

    // Session Manager: instance role, preferences that log every session to the archive, operator policy.
    // The S3 gateway endpoint routes from every private tier (not public, not the attachment subnets);
    // local interface endpoints take one subnet per AZ of the endpoint tier, else of the app and db tiers.
    const hasEndpointTier = this.network.selectSubnets({ tiers: ['endpoint'] }).subnets.length > 0;
    const ssm = new SessionManagerAccess(this, 'session-manager', {
      name: namePrefix,
      region: lz.region,
      accountId: spoke.account,
      vpc: this.network,
      privateSubnets: { tiers: NAT_ROUTED_TIERS },
      endpoints: spoke.access.ssm.endpoints === 'local' ? { mode: 'local', subnets: { tiers: hasEndpointTier ? ['endpoint'] : ['app', 'db'], onePerAz: true } } : { mode: 'central' },
      logBucketName: archive.bucketName,
      logBucketArn: archive.bucketArn,
      logKeyArn: archive.keyArn,
      sessionLogsPrefix: `ssm/${spoke.account}`,
      idleTimeoutMinutes: spoke.access.ssm.idleTimeoutMinutes,
      maxSessionMinutes: spoke.access.ssm.maxSessionMinutes,
      adoptExistingPreferences: spoke.access.ssm.adoptExistingPreferences,
      // The S3 gateway endpoint carries all S3 traffic of the private subnets, whatever their egress: it
      // admits the AWS-owned buckets of every catalog service (the construct's default: SSM Agent, ECR
      // layers, Amazon Linux repositories), the listed buckets and those of the organization.
      allowedBuckets: spoke.s3GatewayEndpoint.allowBuckets,
      additionalS3EndpointStatements: [
        { Sid: 'OrganizationBuckets', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceOrgID': lz.organizationId } } },
      ],
    });
    new TerraformOutput(this, 'ssm_instance_profile_name', { value: ssm.instanceProfileName, description: 'Instance profile that makes an instance a Session Manager managed node' });
    new TerraformOutput(this, 'ssm_start_session_command', { value: ssm.startSessionCommand(EXAMPLE_INSTANCE_ID).replace(EXAMPLE_INSTANCE_ID, '<instance-id>'), description: 'Start a session (operators need the ssm-operator policy and a matching team tag)' });

    const eic = spoke.access.instanceConnect;
    if (eic) {
      const endpoint = new InstanceConnectEndpoint(this, 'instance-connect', {
        name: namePrefix,
        vpc: this.network,
        subnet: { names: [eic.subnet] },
        maxTunnelDurationSeconds: eic.maxTunnelSeconds,
        accountId: spoke.account,
        region: lz.region,
      });
      new TerraformOutput(this, 'instance_connect_command', {
        value: endpoint.openTunnelCommand(EXAMPLE_INSTANCE_ID).replace(EXAMPLE_INSTANCE_ID, '<instance-id>'),
        description: 'SSH through the EC2 Instance Connect Endpoint (instances join the instance-connect-clients security group)',
      });
      new TerraformOutput(this, 'instance_connect_clients_security_group_id', { value: endpoint.clientsSecurityGroupId, description: 'Security group instances join to accept SSH from the endpoint' });
    }
    return ssm;
  }
}

/**
 * The hub zones a spoke VPC joins: every central service except those it serves itself. A service
 * with a local interface endpoint (`access.ssm.endpoints: local` creates ssm, ssmmessages,
 * ec2messages, kms and logs with private DNS) already has a private zone of that name in the VPC, and
 * Route 53 refuses a second one ("ConflictingDomainExists: the VPC is already associated with another
 * hosted zone that has the same name"); S3 goes through the spoke's own gateway endpoint.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html#API_AssociateVPCWithHostedZone_Errors
 */
function spokeZoneServices(services: readonly CentralEndpointSpec[], localEndpoints: ReadonlyMap<string, unknown>): CentralEndpointSpec[] {
  return services.filter((s) => !s.spokesUseGateway && !localEndpoints.has(s.name));
}

/** Placeholder used to render command shapes in outputs. */
const EXAMPLE_INSTANCE_ID = 'i-0123456789abcdef0';

/** Alias of a spoke's provider for the hub account, also the tag of its Terraform Cloud dynamic-credentials configuration (`TFC_AWS_*_hub`). */
export const HUB_PROVIDER_ALIAS = 'hub';

/** `arn:<partition>:iam::<hub>:role/tfc/<name>-spoke-<spoke>-hub`: the spoke workspace's narrow apply role in the hub account, created by the bootstrap. */
export const spokeHubRoleArn = (lz: LandingZone, spoke: string): string => `arn:${partitionOfRegion(lz.region)}:iam::${lz.hub.account}:role${TFC_ROLE_PATH}${spokeHubRoleName(lz.name, spoke)}`;
