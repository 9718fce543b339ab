/**
 * The validated landing zone as the stacks consume it: defaults applied, role ARNs filled in and
 * tier specs expanded into concrete subnets. Pure data; built only from a config that passed
 * validation (config/validate). The one file it reads is a Client VPN user's certificate signing
 * request (`clientVpn.users[].csr`), so that stacks get its content and never read files.
 */
import { allocate, cidrOf, Cidr, contains as cidrContains, intToIp, parseCidr, rangeToCidrs } from '../lib/net/range';
import { ConfigIssue, ConfigPath } from './issues';
import { poolViews } from './ipam-pools';
import { certificateRequestPem } from './csr';
import { bucketNameOf } from '../lib/aws/s3-bucket';
import { endpointService, recordNames, serviceName, zoneName } from '../lib/aws/endpoints';
import { SSM_ENDPOINT_SERVICES } from '../lib/aws/session-manager';
import { BlockResponse } from '../lib/aws/dns-firewall';
import { BpaExclusionMode, BpaMode } from '../lib/aws/block-public-access';
import { clientVpnUserName, DEFAULT_DEPLOY_ROLE_NAME, DnsSharingMode, EgressMode, LandingZoneConfig, LogDeliveryScope, NatMode, ObjectLockMode, ON_PREMISES, PRODUCTION_SEGMENT_PREFIX, SpokeConfig, SUBNET_TIERS, SubnetTier, VpcConfig } from './schema';

/** A concrete subnet, explicit or generated, with the config path it came from. */
export interface SubnetSpec {
  readonly name: string;
  readonly tier: SubnetTier;
  readonly cidr: string;
  readonly az: string;
  /** Where it is defined: `spokes[0].vpc.subnets[2]` or `spokes[0].vpc.tiers.app`. */
  readonly path: ConfigPath;
  readonly generated: boolean;
}

/** A VPC with its subnets expanded and NAT mode decided. */
export interface VpcSpec {
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  readonly subnets: readonly SubnetSpec[];
  readonly natGateways: NatMode;
}

/** A spoke VPC: also how it reaches the internet. */
export interface SpokeVpcSpec extends VpcSpec {
  readonly egress: EgressMode;
  /** Public-tier subnets give instances a public IPv4 address on launch. */
  readonly publicIpOnLaunch: boolean;
  /** The IPAM pool the range is allocated from (`vpc.ipamPool`); `cidr` is then the recorded allocation. */
  readonly ipamPool?: string;
}

/** One IPAM pool, resolved: its locale decided, its parent by name. */
export interface IpamPoolSpec {
  readonly name: string;
  readonly cidr: string;
  /** Region VPCs allocate in; undefined for a pool that only feeds child pools. */
  readonly locale?: string;
  readonly parent?: string;
  readonly segment?: string;
  readonly allocation?: { readonly defaultPrefixLength: number; readonly min: number; readonly max: number };
}

/** Amazon VPC IPAM of the landing zone (`ipam`). */
export interface IpamSpec extends AccountTarget {
  /** The IPAM lives in another account than the hub (a delegated administrator). */
  readonly delegated: boolean;
  /** The landing zone region first, then the other pool locales, each once. */
  readonly operatingRegions: readonly string[];
  /** Parents before children, in config order. */
  readonly pools: readonly IpamPoolSpec[];
  /** RAM principals the pools are shared with: the organization ARN. */
  readonly sharePrincipals: readonly string[];
  /**
   * Ranges the landing zone uses without allocating them from IPAM (hub VPCs, on-premises ranges,
   * spokes with a written `cidr`) that lie inside an allocatable pool: each is reserved in the
   * innermost such pool, so no account allocating from the shared pool receives it.
   */
  readonly reservations: readonly IpamReservationSpec[];
}

/** A range reserved in an IPAM pool (`aws_vpc_ipam_pool_cidr_allocation`). */
export interface IpamReservationSpec {
  /** Stable key of the reservation: `hub-egress`, `hub-endpoints`, `hub-inspection`, `spoke-<name>`, `onprem-<range>`. */
  readonly key: string;
  readonly pool: string;
  readonly cidr: string;
  readonly description: string;
  /** The spoke whose workspace reserves it (its own written range, from the shared pool), so adding a spoke never changes the hub; undefined: the hub (IPAM account) reserves it. */
  readonly spoke?: string;
}

/** One Transit Gateway segment (route table) with reachability already made symmetric. */
export interface SegmentSpec {
  readonly name: string;
  /** Other segments whose spokes this segment's spokes may reach, in config order. */
  readonly peers: readonly string[];
  readonly reachesOnPremises: boolean;
  readonly centralEgress: boolean;
  readonly isolateAttachments: boolean;
  /** Production segment: its spokes' workspaces never auto-apply triggered runs. */
  readonly production: boolean;
  /** The spokes' Terraform Cloud workspaces apply runs that a hub or PKI apply triggered without confirmation. */
  readonly autoApplyRunTriggers: boolean;
  /** With hub.inspection: whether this segment's traffic crosses the firewall; undefined without inspection. */
  readonly inspected?: boolean;
  /** Why the segment opted out of inspection (`inspect: false`). */
  readonly inspectReason?: string;
}

/** The hub Transit Gateway. */
export interface TransitGatewaySpec {
  readonly asn: number;
  readonly internalRanges: readonly string[];
  /** RAM principals: the organization ARN, or OU ARNs and account ids. */
  readonly sharePrincipals: readonly string[];
  readonly segments: readonly SegmentSpec[];
  /** Customer-managed prefix lists (`prefixLists`), when on: config/prefix-lists.ts plans them. */
  readonly prefixLists?: { readonly spareEntries: number };
}

/** One centralized interface endpoint, resolved from the catalog for the region. */
export interface CentralEndpointSpec {
  /** Catalog name, e.g. `ecr.dkr`; part of Terraform addresses. */
  readonly name: string;
  /** `com.amazonaws.<region>.<name>` */
  readonly serviceName: string;
  /** Private hosted zone name, e.g. `dkr.ecr.ap-northeast-2.amazonaws.com`. */
  readonly zone: string;
  /** Fully qualified record names in the zone (apex and/or wildcard). */
  readonly records: readonly string[];
  /** organization: only org principals; open: opted out with a reason; unsupported: the service takes no policy. */
  readonly policy: 'organization' | 'open' | 'unsupported';
  /** With `policy: 'open'`: the opt-out's reason and its place in the config (`hub.endpoints.openPolicy[i]`). */
  readonly openPolicy?: { readonly reason: string; readonly path: string };
  /** Spokes use their own gateway endpoint; the central one serves on-premises only (catalog `spokesUseGateway`). */
  readonly spokesUseGateway: boolean;
}

/** The shared-endpoints VPC. */
export interface EndpointsVpcSpec extends VpcSpec {
  readonly segment: string;
  readonly services: readonly CentralEndpointSpec[];
}

/** Hybrid DNS settings. */
export interface DnsSpec {
  readonly sharing: DnsSharingMode;
  readonly inbound?: { readonly addresses: readonly { readonly az: string; readonly ip?: string }[] };
  readonly outbound?: { readonly rules: readonly { readonly domain: string; readonly targets: readonly { readonly ip: string; readonly port: number }[] }[] };
}

/** Direct Connect settings, with allowed prefixes computed. */
export interface DirectConnectSpec {
  readonly gatewayName: string;
  readonly asn: number;
  readonly allowedPrefixes: readonly string[];
  readonly virtualInterfaces: readonly (
    | { readonly kind: 'owned'; readonly name: string; readonly connectionId: string; readonly vlan: number; readonly customerAsn: number; readonly mtu: 1500 | 8500; readonly amazonAddress?: string; readonly customerAddress?: string; readonly location?: string }
    | { readonly kind: 'hosted'; readonly name: string; readonly virtualInterfaceId: string; readonly location?: string }
  )[];
}

/** Site-to-Site VPN connections. */
export interface VpnSpec {
  readonly connections: readonly { readonly name: string; readonly ip: string; readonly asn: number; readonly tunnelInsideCidrs?: readonly [string, string] }[];
  /** What the on-premises routers do with the VPN's routes (see the schema). */
  readonly customerGatewayRoutes: 'learned' | 'floating-summaries';
}

/** The hub central egress VPC. */
export interface EgressVpcSpec extends VpcSpec {
  readonly natGateways: 'single' | 'per-az';
}

/** DNS Firewall of the landing zone, defaults applied (`hub.dnsFirewall`). */
export interface DnsFirewallSpec {
  readonly managedDomainLists: readonly { readonly name: string; readonly id: string }[];
  /** Lower-case, without a trailing dot, in config order. */
  readonly blockDomains: readonly string[];
  readonly allowDomains: readonly string[];
  readonly failOpen: boolean;
  readonly blockResponse: BlockResponse;
  readonly blockOverride?: { readonly domain: string; readonly ttl: number };
}

/** One VPC Block Public Access exclusion, with the config path it came from. */
export interface BpaExclusionSpec {
  /** `egress`, `inspection` or a spoke name. */
  readonly vpc: string;
  /** `public`: the VPC's public subnets, one exclusion each; `all`: the VPC. */
  readonly subnets: 'all' | 'public';
  readonly mode: BpaExclusionMode;
  readonly reason: string;
  readonly path: ConfigPath;
}

/** VPC Block Public Access, set in every account with VPCs (`blockPublicAccess`). */
export interface BlockPublicAccessSpec {
  readonly mode: BpaMode;
  readonly exclusions: readonly BpaExclusionSpec[];
}

/** The inspection VPC: per AZ a /28 firewall subnet and a /28 attachment subnet, and the firewall policy. */
export interface InspectionSpec {
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  /** Firewall subnets (one endpoint each) and attachment subnets, one of each per AZ, in AZ order. */
  readonly subnets: readonly { readonly name: string; readonly role: 'firewall' | 'tgw'; readonly cidr: string; readonly az: string }[];
  readonly eastWest: boolean;
  readonly egress: boolean;
  readonly policy: { readonly egressAllowDomains: readonly string[]; readonly suricataRules: readonly string[]; readonly managedThreatGroups: readonly string[] };
}

/** Prefix of the inspection VPC's firewall and attachment subnets (AWS: a /28 is enough for a firewall endpoint). */
export const INSPECTION_SUBNET_PREFIX = 28;

/**
 * The inspection VPC subnets: the first AZ-count /28s are firewall subnets, the next are the
 * attachment subnets, both in AZ order; undefined when the range does not parse or hold them.
 */
export function inspectionSubnets(cidr: string, zones: readonly string[]): InspectionSpec['subnets'] | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed.ok || parsed.cidr.prefix > INSPECTION_SUBNET_PREFIX) return undefined;
  const blocks = 2 ** (INSPECTION_SUBNET_PREFIX - parsed.cidr.prefix);
  if (blocks < 2 * zones.length) return undefined;
  const block = (i: number) => intToIp(parsed.cidr.first + i * 2 ** (32 - INSPECTION_SUBNET_PREFIX)) + `/${INSPECTION_SUBNET_PREFIX}`;
  return [
    ...zones.map((az, i) => ({ name: `firewall-${i + 1}`, role: 'firewall' as const, cidr: block(i), az })),
    ...zones.map((az, i) => ({ name: `tgw-${i + 1}`, role: 'tgw' as const, cidr: block(zones.length + i), az })),
  ];
}

function resolveInspection(config: LandingZoneConfig): InspectionSpec | undefined {
  const spec = config.hub.inspection;
  if (!spec) return undefined;
  const zones = spec.availabilityZones ?? config.hub.availabilityZones;
  const subnets = inspectionSubnets(spec.cidr, zones);
  if (!subnets) throw new Error(`internal: inspection range ${spec.cidr} passed validation without room for its subnets`);
  return {
    cidr: spec.cidr,
    availabilityZones: zones,
    subnets,
    eastWest: spec.inspect.includes('east-west'),
    egress: spec.inspect.includes('egress'),
    policy: { egressAllowDomains: spec.policy.egressAllowDomains.map((d) => d.toLowerCase()), suricataRules: spec.policy.suricataRules, managedThreatGroups: spec.policy.managedThreatGroups },
  };
}

/** One account's deployment target. */
export interface AccountTarget {
  readonly account: string;
  readonly roleArn: string;
}

/** Operator access of a spoke. */
export interface AccessSpec {
  readonly ssm: { readonly endpoints: 'central' | 'local'; readonly idleTimeoutMinutes: number; readonly maxSessionMinutes: number; readonly adoptExistingPreferences: boolean };
  readonly instanceConnect?: { readonly subnet: string; readonly maxTunnelSeconds: number };
}

/** Client VPN of a spoke, defaults applied. */
export interface ClientVpnSpec {
  readonly clientCidr: string;
  /** User names (certificate common names), in config order, whichever form each entry takes. */
  readonly users: readonly string[];
  /**
   * Users who keep their own key: user name → their certificate signing request, which the PKI
   * workspace signs (no key for them exists there).
   */
  readonly csrs: Readonly<Record<string, ClientVpnCsrSpec>>;
  readonly serverDomain: string;
  readonly transport: 'udp' | 'tcp';
  readonly port: 443 | 1194;
  readonly sessionTimeoutHours: 8 | 10 | 12 | 24;
  readonly loginBanner?: string;
  readonly logRetentionDays: number;
  /** Names of the associated subnets (one per AZ). */
  readonly subnets: readonly string[];
  /** Ranges users may reach; those outside the VPC are routed through the Transit Gateway. */
  readonly authorizedCidrs: readonly string[];
  /** Certificate lifetimes, defaults applied ({@link CLIENT_VPN_CERTIFICATE_DEFAULTS}). */
  readonly certificates: ClientVpnCertificatesSpec;
}

/** A user's certificate signing request, read from the file the config names. */
export interface ClientVpnCsrSpec {
  /** The path as written in the config (relative to the config file). */
  readonly file: string;
  /** The one `CERTIFICATE REQUEST` block, canonical PEM. */
  readonly pem: string;
}

/** Validity and early renewal of the Client VPN certificates, in days. */
export interface ClientVpnCertificatesSpec {
  readonly caValidityDays: number;
  readonly serverValidityDays: number;
  readonly clientValidityDays: number;
  readonly earlyRenewalDays: number;
}

/**
 * Certificate defaults: staggered lifetimes (the server renews yearly without users noticing, clients
 * less often, the CA rarely) and renewal 30 days ahead, so an apply in the last month re-issues a
 * certificate before it expires.
 */
export const CLIENT_VPN_CERTIFICATE_DEFAULTS: ClientVpnCertificatesSpec = { caValidityDays: 3650, serverValidityDays: 365, clientValidityDays: 825, earlyRenewalDays: 30 };

/** A spoke ready for its stack. */
export interface SpokeSpec extends AccountTarget {
  readonly name: string;
  readonly segment: string;
  /** Role the spoke's `hub` provider assumes with local credentials (`spokes[].hubRoleArn`, default hub.roleArn). */
  readonly hubRoleArn: string;
  readonly vpc: SpokeVpcSpec;
  readonly access: AccessSpec;
  /** Buckets outside the organization the S3 gateway endpoint admits, by name (ARNs reduced to the name). */
  readonly s3GatewayEndpoint: { readonly allowBuckets: readonly { readonly bucket: string; readonly access: 'read' | 'read-write' }[] };
  readonly databasePort: number;
  readonly clientVpn?: ClientVpnSpec;
  readonly alb?: SpokeConfig['alb'];
  readonly path: ConfigPath;
}

/** The whole landing zone ready for the stacks. */
export interface LandingZone {
  readonly name: string;
  readonly region: string;
  readonly organizationId: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly terraformCloud?: { readonly organization: string; readonly hostname: string; readonly project?: string; readonly workspacePrefix: string; readonly bootstrap?: boolean; readonly bootstrapRoleName?: string };
  readonly hub: AccountTarget & {
    readonly availabilityZones: readonly string[];
    readonly transitGateway: TransitGatewaySpec;
    readonly egress?: EgressVpcSpec;
    /** Inspection VPC with AWS Network Firewall, when configured. */
    readonly inspection?: InspectionSpec;
    readonly endpoints?: EndpointsVpcSpec;
    readonly dns: DnsSpec;
    readonly directConnect?: DirectConnectSpec;
    readonly vpn?: VpnSpec;
    readonly dnsFirewall?: DnsFirewallSpec;
  };
  /** VPC Block Public Access, when configured: each VPC-owning workspace sets it for its account. */
  readonly blockPublicAccess?: BlockPublicAccessSpec;
  /** Amazon VPC IPAM, when configured. */
  readonly ipam?: IpamSpec;
  readonly onPremises: { readonly cidrs: readonly string[] };
  readonly logArchive: AccountTarget & {
    /** Deterministic: `<name>-logs-<account>-<region>`. */
    readonly bucketName: string;
    readonly lifecycle: { readonly transitionDays: number; readonly expirationDays: number };
    /** Accounts whose flow logs and query logs the archive admits ({@link logSourceAccounts}); its policies list them only with `logDeliveryScope` `accounts`. */
    readonly logSourceAccounts: readonly string[];
    /** `accounts`: the policies list {@link logSourceAccounts}; `organization`: they admit the organization (`aws:SourceOrgID`) instead. */
    readonly logDeliveryScope: LogDeliveryScope;
    /** S3 Object Lock, when configured. */
    readonly objectLock?: { readonly mode: ObjectLockMode; readonly days: number; readonly breakGlassRoleArn: string };
  };
  readonly spokes: readonly SpokeSpec[];
  /** Accepted findings of the analysis (`lz check`). */
  readonly suppressions: readonly Suppression[];
}

/** One accepted finding: rule id, resource pattern (construct path or id, `*` wildcard), reason, optional last day. */
export interface Suppression {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
  readonly expires?: string;
}

/**
 * Accounts whose log sources deliver to the log archive (VPC and Transit Gateway flow logs, the
 * Resolver query logging configuration): the hub and every spoke, sorted, without duplicates. With
 * `logArchive.logDelivery.scope` `accounts` the archive's bucket and key policies admit log delivery
 * for exactly these (`aws:SourceAccount`); with `organization` they do not list them.
 */
export function logSourceAccounts(config: LandingZoneConfig): string[] {
  return [...new Set([config.hub.account, ...config.spokes.map((s) => s.account)])].sort();
}

/** The log archive account: `logArchive.account`, by default the hub account. */
export const logArchiveAccount = (config: LandingZoneConfig): string => config.logArchive.account ?? config.hub.account;

/** The role the log-archive workspace deploys with. */
export function logArchiveRoleArn(config: LandingZoneConfig): string {
  const logAccount = logArchiveAccount(config);
  // The log archive may share the hub account; it then also shares the hub's role unless told otherwise.
  return config.logArchive.roleArn ?? (logAccount === config.hub.account && config.hub.roleArn ? config.hub.roleArn : defaultRoleArn(logAccount));
}

/** `arn:aws:iam::<account>:role/OrganizationAccountAccessRole` unless the config names a role. */
export const defaultRoleArn = (account: string): string => `arn:aws:iam::${account}:role/${DEFAULT_DEPLOY_ROLE_NAME}`;

/** Prefix of the Transit Gateway attachment subnets generated when a VPC lists none (AWS recommends a small dedicated /28 per AZ). */
export const ATTACHMENT_SUBNET_PREFIX = 28;

/** What subnet expansion needs of a VPC (a spoke VPC config, or the hub egress VPC). */
export type SubnetLayout = Pick<VpcConfig, 'cidr' | 'availabilityZones' | 'subnets' | 'tiers'>;

/**
 * Explicit subnets plus the subnets generated from `tiers`, each generated one carved from the
 * VPC free space (smallest address first, AZs round-robin). When the VPC lists no `tgw` subnet, one
 * /28 attachment subnet per AZ is generated last. Returns issues when a tier does not fit or the VPC
 * CIDR is unusable (then only explicit subnets are returned).
 */
export function expandSubnets(vpc: SubnetLayout, vpcPath: ConfigPath): { subnets: SubnetSpec[]; issues: ConfigIssue[] } {
  const subnets: SubnetSpec[] = vpc.subnets.map((s, i) => ({ ...s, path: [...vpcPath, 'subnets', i], generated: false }));
  const issues: ConfigIssue[] = [];
  const vpcCidr = parseCidr(vpc.cidr);
  const used: Cidr[] = [];
  for (const s of subnets) {
    const parsed = parseCidr(s.cidr);
    if (!parsed.ok) return { subnets, issues }; // explicit CIDR errors are reported by the CIDR rule first
    used.push(parsed.cidr);
  }
  if (!vpcCidr.ok) return { subnets, issues };
  const names = new Set(subnets.map((s) => s.name));
  // Larger blocks first so that alignment wastes as little space as possible.
  const requests: { tier: SubnetTier; prefixLength: number; count: number; path: ConfigPath; implicit: boolean }[] = SUBNET_TIERS.filter((t) => vpc.tiers?.[t])
    .map((tier) => ({ tier, ...vpc.tiers![tier]!, path: [...vpcPath, 'tiers', tier], implicit: false }))
    .sort((a, b) => a.prefixLength - b.prefixLength);
  if (!subnets.some((s) => s.tier === 'tgw') && !vpc.tiers?.tgw) {
    requests.push({ tier: 'tgw', prefixLength: ATTACHMENT_SUBNET_PREFIX, count: vpc.availabilityZones.length, path: [...vpcPath, 'cidr'], implicit: true });
  }
  for (const spec of requests) {
    if (spec.prefixLength < vpcCidr.cidr.prefix) {
      issues.push({ path: [...spec.path, 'prefixLength'], value: spec.prefixLength, message: `is larger than the VPC ${vpc.cidr}`, fix: `use a prefix length of ${vpcCidr.cidr.prefix} or more` });
      continue;
    }
    for (let n = 1; n <= spec.count; n++) {
      const block = allocate(vpcCidr.cidr, spec.prefixLength, used);
      if (!block) {
        issues.push(
          spec.implicit
            ? { path: spec.path, value: vpc.cidr, message: `has no room left for the ${spec.count} /28 Transit Gateway attachment subnets (one per AZ) after the others`, fix: 'free a /26 of space, list tgw subnets yourself, or use a larger VPC' }
            : {
                path: spec.path,
                value: { prefixLength: spec.prefixLength, count: spec.count },
                message: `does not fit: the VPC ${vpc.cidr} has room for only ${n - 1} of ${spec.count} /${spec.prefixLength} subnets after the others`,
                fix: 'lower the count, use a longer prefix length or a larger VPC',
              },
        );
        break;
      }
      used.push(block);
      let name = `${spec.tier}-${n}`;
      for (let k = 2; names.has(name); k++) name = `${spec.tier}-${n}-${k}`;
      names.add(name);
      subnets.push({ name, tier: spec.tier, cidr: block.text, az: vpc.availabilityZones[(n - 1) % vpc.availabilityZones.length], path: spec.path, generated: true });
    }
  }
  // Explicit subnets keep their config order (so "first" and "already used" follow the file);
  // generated ones follow in address order, which keeps generated layouts readable and deterministic.
  const generatedByAddress = subnets.filter((s) => s.generated).sort((a, b) => cidrOf(a.cidr).first - cidrOf(b.cidr).first);
  return { subnets: [...subnets.filter((s) => !s.generated), ...generatedByAddress], issues };
}

/** Egress when the config does not say: central when the hub has an egress VPC and the spoke's segment uses it, else local. */
export function egressModeOf(config: LandingZoneConfig, spoke: SpokeConfig): EgressMode {
  const segments = config.hub.transitGateway.segments;
  const segment = Object.hasOwn(segments, spoke.segment) ? segments[spoke.segment] : undefined;
  return spoke.vpc.egress ?? (config.hub.egress && segment?.centralEgress !== false ? 'central' : 'local');
}

/** The NAT layout when the config does not say: one NAT for local egress with a public subnet, none otherwise. */
export function natModeOf(vpc: VpcConfig, subnets: readonly SubnetSpec[], egress: EgressMode): NatMode {
  return vpc.natGateways ?? (egress === 'local' && subnets.some((s) => s.tier === 'public') ? 'single' : 'none');
}

/** Segments with reachability made symmetric: A reaching B means B's spokes also reach A's. */
export function resolveSegments(config: LandingZoneConfig): SegmentSpec[] {
  const segments = config.hub.transitGateway.segments;
  const names = Object.keys(segments);
  return names.map((name) => ({
    name,
    peers: names.filter((other) => other !== name && (segments[name].reaches.includes(other) || segments[other].reaches.includes(name))),
    reachesOnPremises: segments[name].reaches.includes(ON_PREMISES),
    centralEgress: segments[name].centralEgress ?? !!config.hub.egress,
    isolateAttachments: segments[name].isolateAttachments,
    production: isProductionSegment(name, segments[name]),
    autoApplyRunTriggers: segments[name].autoApplyRunTriggers,
    ...(config.hub.inspection && { inspected: segments[name].inspect !== false, ...(segments[name].inspect === false && { inspectReason: segments[name].inspectReason }) }),
  }));
}

/** A segment is production when it says so, and by default when its name starts with `prod`. */
export function isProductionSegment(name: string, segment: { readonly production?: boolean }): boolean {
  return segment.production ?? name.startsWith(PRODUCTION_SEGMENT_PREFIX);
}

/** The spare entries a `hub.transitGateway.prefixLists` setting asks for; undefined when prefix lists are off. */
export function spareEntriesOf(setting: LandingZoneConfig['hub']['transitGateway']['prefixLists']): number | undefined {
  if (setting === undefined || setting === false) return undefined;
  return setting === true ? 0 : setting.spareEntries;
}

/** The ARN RAM needs to share with a whole organization. */
export const organizationArn = (managementAccount: string, organizationId: string): string => `arn:aws:organizations::${managementAccount}:organization/${organizationId}`;

/**
 * A hub VPC layout: per AZ one `tier` subnet, as large as fits, and one /28 attachment subnet.
 * The largest block such that one per AZ plus the attachment subnets fit (one spare block of the
 * same size is not always enough: a /24 over six AZs leaves a /27, which holds only two /28s).
 */
export function hubVpcLayout(cidr: string, zones: readonly string[], tier: SubnetTier): SubnetLayout {
  const parsed = parseCidr(cidr);
  const prefix = parsed.ok ? parsed.cidr.prefix : 24;
  const room = 2 ** (32 - prefix);
  const attachments = zones.length * 2 ** (32 - ATTACHMENT_SUBNET_PREFIX);
  let blockPrefix = prefix;
  while (blockPrefix < ATTACHMENT_SUBNET_PREFIX && zones.length * 2 ** (32 - blockPrefix) + attachments > room) blockPrefix++;
  return { cidr, availabilityZones: [...zones], subnets: [], tiers: { [tier]: { prefixLength: blockPrefix, count: zones.length }, tgw: { prefixLength: ATTACHMENT_SUBNET_PREFIX, count: zones.length } } };
}

/** The egress VPC layout: per AZ a public subnet and a /28 attachment subnet. */
export function egressLayout(config: LandingZoneConfig): SubnetLayout | undefined {
  const egress = config.hub.egress;
  return egress && hubVpcLayout(egress.cidr, egress.availabilityZones ?? config.hub.availabilityZones, 'public');
}

/** The shared-endpoints VPC layout: per AZ an endpoint subnet (interface endpoints, resolver ENIs) and a /28 attachment subnet. */
export function endpointsLayout(config: LandingZoneConfig): SubnetLayout | undefined {
  const endpoints = config.hub.endpoints;
  return endpoints && hubVpcLayout(endpoints.cidr, endpoints.availabilityZones ?? config.hub.availabilityZones, 'endpoint');
}

function resolveEndpoints(config: LandingZoneConfig): EndpointsVpcSpec | undefined {
  const endpoints = config.hub.endpoints;
  const layout = endpointsLayout(config);
  if (!endpoints || !layout) return undefined;
  const open = new Set(endpoints.openPolicy.map((o) => o.service));
  const openPolicyOf = (name: string) => {
    const index = endpoints.openPolicy.findIndex((o) => o.service === name);
    return { reason: endpoints.openPolicy[index].reason, path: `hub.endpoints.openPolicy[${index}]` };
  };
  return {
    cidr: layout.cidr,
    availabilityZones: layout.availabilityZones,
    subnets: expandSubnets(layout, ['hub', 'endpoints']).subnets,
    natGateways: 'none',
    segment: endpoints.segment,
    services: endpoints.services.map((name) => {
      const service = endpointService(name);
      if (!service) throw new Error(`internal: unknown endpoint service ${name} passed validation`);
      return {
        name,
        serviceName: serviceName(service, config.region),
        zone: zoneName(service, config.region),
        records: recordNames(service, config.region),
        // Services without endpoint-policy support reject a policy document, so they get none.
        policy: !service.supportsPolicy ? 'unsupported' : open.has(name) ? 'open' : 'organization',
        ...(service.supportsPolicy && open.has(name) ? { openPolicy: openPolicyOf(name) } : {}),
        spokesUseGateway: service.spokesUseGateway ?? false,
      };
    }),
  };
}

function resolveDns(config: LandingZoneConfig, endpoints: EndpointsVpcSpec | undefined): DnsSpec {
  const dns = config.hub.dns;
  return {
    sharing: dns.sharing,
    inbound: dns.inbound && {
      addresses: dns.inbound.addresses ?? (endpoints?.availabilityZones ?? []).slice(0, 2).map((az) => ({ az })),
    },
    outbound: dns.outbound && { rules: dns.outbound.rules.map((r) => ({ domain: r.domain.replace(/\.$/, '').toLowerCase(), targets: r.targets })) },
  };
}

/**
 * The smallest set of CIDR blocks that covers exactly the spoke and hub VPC ranges (adjacent and
 * overlapping ranges merged, nothing else added): what `allowedPrefixes: auto` advertises.
 */
export function summarizeRanges(ranges: readonly string[]): string[] {
  const blocks = ranges.map((r) => cidrOf(r)).sort((a, b) => a.first - b.first);
  const merged: { first: number; last: number }[] = [];
  for (const b of blocks) {
    const top = merged[merged.length - 1];
    if (top && b.first <= top.last + 1) top.last = Math.max(top.last, b.last);
    else merged.push({ first: b.first, last: b.last });
  }
  return merged.flatMap((m) => rangeToCidrs(m.first, m.last));
}

/**
 * Every VPC range of the landing zone as written: hub VPCs, then spokes. Only absent VPCs are left
 * out; an empty or broken range stays, so that callers checking `parseCidr` see it.
 */
export function vpcRanges(config: LandingZoneConfig): string[] {
  return [config.hub.egress?.cidr, config.hub.endpoints?.cidr, ...config.spokes.map((s) => s.vpc.cidr)].filter((c): c is string => c !== undefined);
}

/**
 * What `allowedPrefixes: auto` advertises: exactly the VPC ranges the `onprem` Transit Gateway route
 * table learns (spokes whose segment reaches on-premises, and the endpoints VPC when its segment does),
 * in address order, never merged. The VPN backup advertises those same ranges over BGP (a VPN
 * attachment advertises every route of its route table), and the data center picks the most specific
 * prefix before any BGP preference: Direct Connect must advertise prefixes at least as specific as the
 * VPN's, or the backup carries all traffic towards AWS
 * (https://repost.aws/knowledge-center/direct-connect-gateway-primary-connection).
 */
export function onPremisesRanges(config: LandingZoneConfig): string[] {
  const segments = new Map(resolveSegments(config).map((s) => [s.name, s]));
  const reaches = (segment: string | undefined) => !!segment && !!segments.get(segment)?.reachesOnPremises;
  const ranges = [
    ...(config.hub.endpoints && reaches(config.hub.endpoints.segment) ? [config.hub.endpoints.cidr] : []),
    ...config.spokes.filter((s) => reaches(s.segment)).map((s) => s.vpc.cidr),
  ];
  // Ranges that do not parse are left out: the CIDR rules report them, and the rules run on invalid configs too.
  const blocks = [...new Set(ranges)].flatMap((r) => {
    const parsed = parseCidr(r);
    return parsed.ok ? [parsed.cidr] : [];
  });
  return blocks.sort((a, b) => a.first - b.first || a.last - b.last).map((c) => c.text);
}

/**
 * What the Direct Connect gateway advertises to on-premises for `hub.directConnect.allowedPrefixes`:
 * `auto` the onprem-reaching VPC ranges, `internal` the internal summaries, or the list as written.
 * Undefined without Direct Connect.
 */
export function advertisedPrefixes(config: LandingZoneConfig): string[] | undefined {
  const dx = config.hub.directConnect;
  if (!dx) return undefined;
  if (dx.allowedPrefixes === 'auto') return onPremisesRanges(config);
  if (dx.allowedPrefixes === 'internal') return [...config.hub.transitGateway.internalRanges];
  return [...dx.allowedPrefixes];
}

function resolveDirectConnect(config: LandingZoneConfig): DirectConnectSpec | undefined {
  const dx = config.hub.directConnect;
  if (!dx) return undefined;
  return {
    gatewayName: dx.gatewayName ?? `${config.name}-dx`,
    asn: dx.asn,
    allowedPrefixes: advertisedPrefixes(config) ?? [],
    virtualInterfaces: dx.virtualInterfaces.map((v) =>
      v.ownership === 'hosted'
        ? { kind: 'hosted' as const, name: v.name, virtualInterfaceId: v.virtualInterfaceId!, location: v.location }
        : { kind: 'owned' as const, name: v.name, connectionId: v.connectionId!, vlan: v.vlan!, customerAsn: v.customerAsn!, mtu: v.mtu, amazonAddress: v.amazonAddress, customerAddress: v.customerAddress, location: v.location },
    ),
  };
}

// The three endpoints Session Manager needs live in lib/aws/session-manager.ts; re-exported for config callers.
export { SSM_ENDPOINT_SERVICES } from '../lib/aws/session-manager';

/** SSM endpoints when the config does not say: central when the hub centralizes all three. */
export function ssmEndpointModeOf(config: LandingZoneConfig, spoke: SpokeConfig): 'central' | 'local' {
  const central = SSM_ENDPOINT_SERVICES.every((s) => config.hub.endpoints?.services.includes(s));
  return spoke.access.ssm.endpoints ?? (central ? 'central' : 'local');
}

/** Name of the central log bucket: unique per landing zone, account and region, no dots. */
export const logBucketName = (name: string, account: string, region: string): string => `${name}-logs-${account}-${region}`;

/** Default Client VPN subnets: the first db subnet of each AZ, in config order. */
export function clientVpnSubnets(spoke: SpokeConfig, subnets: readonly SubnetSpec[]): string[] {
  return spoke.clientVpn?.subnets ?? subnets.filter((s, i, all) => s.tier === 'db' && all.findIndex((o) => o.tier === 'db' && o.az === s.az) === i).map((s) => s.name);
}

/** Certificate lifetimes after defaults; the deprecated `certValidityDays` sets the server and client validity. */
export function clientVpnCertificates(vpn: NonNullable<SpokeConfig['clientVpn']>): ClientVpnCertificatesSpec {
  const c = vpn.certificates ?? {};
  const d = CLIENT_VPN_CERTIFICATE_DEFAULTS;
  return {
    caValidityDays: c.caValidityDays ?? d.caValidityDays,
    serverValidityDays: c.serverValidityDays ?? vpn.certValidityDays ?? d.serverValidityDays,
    clientValidityDays: c.clientValidityDays ?? vpn.certValidityDays ?? d.clientValidityDays,
    earlyRenewalDays: c.earlyRenewalDays ?? d.earlyRenewalDays,
  };
}

function resolveClientVpn(config: LandingZoneConfig, spoke: SpokeConfig, subnets: readonly SubnetSpec[], options: ResolveOptions): ClientVpnSpec | undefined {
  const vpn = spoke.clientVpn;
  if (!vpn) return undefined;
  const names = clientVpnSubnets(spoke, subnets);
  const configDir = options.configDir ?? process.cwd();
  return {
    clientCidr: vpn.clientCidr,
    users: vpn.users.map(clientVpnUserName),
    csrs: Object.fromEntries(vpn.users.flatMap((u) => (typeof u === 'string' ? [] : [[u.name, { file: u.csr, pem: certificateRequestPem(configDir, u.csr) }]]))),
    serverDomain: vpn.serverDomain ?? `vpn.${spoke.name}.${config.name}.internal`,
    transport: vpn.transport,
    port: vpn.port,
    sessionTimeoutHours: vpn.sessionTimeoutHours,
    loginBanner: vpn.loginBanner,
    logRetentionDays: vpn.logRetentionDays,
    subnets: names,
    authorizedCidrs: vpn.authorizedCidrs ?? names.map((n) => subnets.find((s) => s.name === n)!.cidr),
    certificates: clientVpnCertificates(vpn),
  };
}

function resolveSpoke(config: LandingZoneConfig, spoke: SpokeConfig, index: number, options: ResolveOptions): SpokeSpec {
  const path = ['spokes', index];
  const { subnets } = expandSubnets(spoke.vpc, [...path, 'vpc']);
  const egress = egressModeOf(config, spoke);
  return {
    name: spoke.name,
    account: spoke.account,
    roleArn: spoke.roleArn ?? defaultRoleArn(spoke.account),
    hubRoleArn: spoke.hubRoleArn ?? config.hub.roleArn ?? defaultRoleArn(config.hub.account),
    segment: spoke.segment,
    path,
    vpc: {
      cidr: spoke.vpc.cidr,
      availabilityZones: spoke.vpc.availabilityZones,
      subnets,
      egress,
      natGateways: natModeOf(spoke.vpc, subnets, egress),
      publicIpOnLaunch: spoke.vpc.publicIpOnLaunch,
      ...(spoke.vpc.ipamPool !== undefined && { ipamPool: spoke.vpc.ipamPool }),
    },
    access: {
      ssm: {
        endpoints: ssmEndpointModeOf(config, spoke),
        idleTimeoutMinutes: spoke.access.ssm.idleTimeoutMinutes,
        maxSessionMinutes: spoke.access.ssm.maxSessionMinutes,
        adoptExistingPreferences: spoke.access.ssm.adoptExistingPreferences,
      },
      instanceConnect: spoke.access.instanceConnect,
    },
    s3GatewayEndpoint: { allowBuckets: spoke.s3GatewayEndpoint.allowBuckets.map((b) => ({ bucket: bucketNameOf(b.bucket), access: b.access })) },
    databasePort: spoke.databasePort,
    clientVpn: resolveClientVpn(config, spoke, subnets, options),
    alb: spoke.alb,
  };
}

/** A domain as DNS Firewall lists it: lower case, no trailing dot. */
export const firewallDomain = (domain: string): string => domain.trim().replace(/\.$/, '').toLowerCase();

function resolveDnsFirewall(config: LandingZoneConfig): DnsFirewallSpec | undefined {
  const fw = config.hub.dnsFirewall;
  if (!fw) return undefined;
  return {
    managedDomainLists: fw.managedDomainLists.map((l) => ({ name: l.name, id: l.id })),
    blockDomains: [...new Set(fw.blockDomains.map(firewallDomain))],
    allowDomains: [...new Set(fw.allowDomains.map(firewallDomain))],
    failOpen: fw.failOpen,
    blockResponse: fw.blockResponse,
    ...(fw.blockOverride && { blockOverride: { domain: firewallDomain(fw.blockOverride.domain), ttl: fw.blockOverride.ttl } }),
  };
}

function resolveIpam(config: LandingZoneConfig): IpamSpec | undefined {
  const ipam = config.ipam;
  if (!ipam) return undefined;
  const account = ipam.account ?? config.hub.account;
  const delegated = account !== config.hub.account;
  const pools = [...poolViews(config).values()].map(({ pool, locale, parent }) => ({
    name: pool.name,
    cidr: cidrOf(pool.cidr).text,
    ...(locale !== undefined && { locale }),
    ...(parent !== undefined && { parent }),
    ...(pool.segment !== undefined && { segment: pool.segment }),
    ...(pool.allocation && { allocation: pool.allocation }),
  }));
  return {
    account,
    roleArn: delegated ? (ipam.roleArn ?? defaultRoleArn(account)) : (config.hub.roleArn ?? defaultRoleArn(account)),
    delegated,
    operatingRegions: [...new Set([config.region, ...pools.flatMap((p) => (p.locale ? [p.locale] : []))])],
    pools,
    sharePrincipals: [organizationArn(config.organization.managementAccount!, config.organization.id)],
    reservations: ipamReservations(config),
  };
}

/**
 * The ranges to reserve in IPAM ({@link IpamSpec.reservations}): each used range that lies wholly
 * inside an allocatable pool (one with a locale), in the innermost such pool. A range that straddles a
 * pool boundary cannot be reserved and is refused by config/validate/ipam.ts
 * (unreservedRangesOutsidePools).
 */
function ipamReservations(config: LandingZoneConfig): IpamReservationSpec[] {
  const allocatable = [...poolViews(config).values()].filter((v) => v.locale !== undefined && v.cidr);
  type Used = { key: string; cidr: string; description: string; spoke?: string };
  const hub = (['egress', 'endpoints', 'inspection'] as const).flatMap((k): Used[] => {
    const v = config.hub[k];
    return v ? [{ key: `hub-${k}`, cidr: v.cidr, description: `hub ${k} VPC` }] : [];
  });
  const spokes = config.spokes.filter((s) => !s.vpc.ipamPool).map((s): Used => ({ key: `spoke-${s.name}`, cidr: s.vpc.cidr!, description: `spoke ${s.name} VPC (written cidr)`, spoke: s.name }));
  const onPremises = config.onPremises.cidrs.map((c): Used => ({ key: `onprem-${cidrOf(c).text.replace(/[./]/g, '-')}`, cidr: c, description: `on-premises ${cidrOf(c).text}` }));
  return [...hub, ...spokes, ...onPremises].flatMap((r) => {
    const range = parseCidr(r.cidr);
    if (!range.ok) return [];
    const pool = allocatable
      .filter((v) => v.cidr!.prefix <= range.cidr.prefix && cidrContains(v.cidr!, range.cidr))
      .sort((a, b) => b.cidr!.prefix - a.cidr!.prefix)[0];
    return pool ? [{ key: r.key, pool: pool.pool.name, cidr: range.cidr.text, description: r.description, ...(r.spoke !== undefined && { spoke: r.spoke }) }] : [];
  });
}

/** Where files the config names are found. */
export interface ResolveOptions {
  /** Directory of the config file: `clientVpn.users[].csr` paths are relative to it. @default the working directory */
  readonly configDir?: string;
}

/** Builds the stack-ready model from a config that passed validation. */
export function resolveLandingZone(config: LandingZoneConfig, options: ResolveOptions = {}): LandingZone {
  const logAccount = logArchiveAccount(config);
  const tgw = config.hub.transitGateway;
  const egress = egressLayout(config);
  const endpoints = resolveEndpoints(config);
  return {
    name: config.name,
    region: config.region,
    organizationId: config.organization.id,
    tags: config.tags,
    terraformCloud: config.terraformCloud,
    hub: {
      account: config.hub.account,
      roleArn: config.hub.roleArn ?? defaultRoleArn(config.hub.account),
      availabilityZones: config.hub.availabilityZones,
      transitGateway: {
        asn: tgw.asn,
        internalRanges: tgw.internalRanges,
        sharePrincipals: tgw.shareWith === 'organization' ? [organizationArn(config.organization.managementAccount!, config.organization.id)] : tgw.shareWith,
        segments: resolveSegments(config),
        ...(spareEntriesOf(tgw.prefixLists) !== undefined && { prefixLists: { spareEntries: spareEntriesOf(tgw.prefixLists)! } }),
      },
      egress: egress && {
        cidr: egress.cidr,
        availabilityZones: egress.availabilityZones,
        subnets: expandSubnets(egress, ['hub', 'egress']).subnets,
        natGateways: config.hub.egress!.natGateways,
      },
      ...(config.hub.inspection && { inspection: resolveInspection(config) }),
      endpoints,
      dns: resolveDns(config, endpoints),
      directConnect: resolveDirectConnect(config),
      vpn: config.hub.vpn && { connections: config.hub.vpn.connections, customerGatewayRoutes: config.hub.vpn.customerGatewayRoutes },
      dnsFirewall: resolveDnsFirewall(config),
    },
    blockPublicAccess: config.blockPublicAccess && {
      mode: config.blockPublicAccess.mode,
      exclusions: config.blockPublicAccess.exclusions.map((e, i) => ({ vpc: e.vpc, subnets: e.subnets ?? 'all', mode: e.mode, reason: e.reason, path: ['blockPublicAccess', 'exclusions', i] })),
    },
    ...(config.ipam && { ipam: resolveIpam(config) }),
    onPremises: { cidrs: config.onPremises.cidrs },
    logArchive: {
      account: logAccount,
      bucketName: logBucketName(config.name, logAccount, config.region),
      lifecycle: config.logArchive.lifecycle,
      logSourceAccounts: logSourceAccounts(config),
      logDeliveryScope: config.logArchive.logDelivery.scope,
      ...(config.logArchive.objectLock && {
        objectLock: { mode: config.logArchive.objectLock.mode, days: config.logArchive.objectLock.days, breakGlassRoleArn: config.logArchive.objectLock.breakGlassRoleArn },
      }),
      roleArn: logArchiveRoleArn(config),
    },
    spokes: config.spokes.map((s, i) => resolveSpoke(config, s, i, options)),
    suppressions: config.suppressions,
  };
}
