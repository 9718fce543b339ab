/**
 * The shape of `landing-zone.yaml`: one zod schema is the single source of truth for types,
 * defaults and the JSON Schema that editors use (`npm run schema` writes schema/landing-zone.schema.json).
 *
 * Shape only lives here: rules that relate two values (a subnet inside its VPC, no overlaps, AZs of
 * the region) live in config/validate/, one small function each.
 */
import { z } from 'zod';
import { ACM_CERTIFICATE_ARN } from '../lib/aws/alb';
import { BPA_EXCLUSION_MODES, BPA_MODES } from '../lib/aws/block-public-access';
import { BLOCK_RESPONSES } from '../lib/aws/dns-firewall';
import { EIC_TUNNEL_SECONDS } from '../lib/aws/instance-connect';
import { IDLE_TIMEOUT_MINUTES, MAX_SESSION_MINUTES } from '../lib/aws/session-manager';
import { TAG_RULES } from '../lib/aws/tags';

import { SUBNET_TIERS } from '../lib/net/subnet-tiers';

// Subnet tiers live in lib/net/subnet-tiers.ts (the VPC construct reads them too); re-exported for config callers.
export { NAT_ROUTED_TIERS, SUBNET_TIERS, type SubnetTier } from '../lib/net/subnet-tiers';

/** NAT gateway layouts for a VPC that egresses locally. */
export const NAT_MODES = ['none', 'single', 'per-az'] as const;
export type NatMode = (typeof NAT_MODES)[number];

/** Spoke egress: through the hub egress VPC, through NAT gateways of its own, or none. */
export const EGRESS_MODES = ['central', 'local', 'none'] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];

/** Names the Transit Gateway route tables of the hub take; segments cannot use them. */
export const RESERVED_SEGMENT_NAMES = ['egress', 'onprem', 'inspection'] as const;

/** The pseudo-segment for on-premises networks (behind Direct Connect and VPN) in `reaches`. */
export const ON_PREMISES = 'onprem';

/** RFC 1918: the default internal ranges that segments without a route to them must never reach through the egress VPC. */
export const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/** S3 Object Lock retention modes of the log archive (S3's GOVERNANCE and COMPLIANCE). */
export const OBJECT_LOCK_MODES = ['governance', 'compliance'] as const;
export type ObjectLockMode = (typeof OBJECT_LOCK_MODES)[number];

/** How the log archive admits log delivery: by listing each source account, or by the organization. */
export const LOG_DELIVERY_SCOPES = ['accounts', 'organization'] as const;
/** One of {@link LOG_DELIVERY_SCOPES}. */
export type LogDeliveryScope = (typeof LOG_DELIVERY_SCOPES)[number];

/** Segments whose name starts with this are production unless they say `production: false`. */
export const PRODUCTION_SEGMENT_PREFIX = 'prod';

/** Default role every stack's provider assumes in its account when `roleArn` is not set. */
export const DEFAULT_DEPLOY_ROLE_NAME = 'OrganizationAccountAccessRole';

const accountId = z
  .string({ error: 'must be a 12-digit AWS account id, written as a quoted string' })
  .regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' })
  .describe('12-digit AWS account id. Quote it in YAML so leading zeros survive.');

const roleArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, {
    error: 'must be an IAM role ARN such as arn:aws:iam::111111111111:role/NetworkDeploy',
  })
  .describe(`Role the Terraform AWS provider assumes in this account. Default: arn:aws:iam::<account>:role/${DEFAULT_DEPLOY_ROLE_NAME}.`);

/** A name AWS accepts inside resource names, tags, stack and workspace names. */
const resourceName = (max: number) =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(/^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/, {
      error: 'must be lower-case letters, digits and hyphens, start with a letter and not end with a hyphen',
    });

const cidr = z.string().describe('IPv4 CIDR block, e.g. 172.16.0.0/16 (network address, no host bits).');

const subnetSchema = z
  .strictObject({
    name: resourceName(32).describe('Subnet name, unique within the VPC; used in the Name tag and Terraform address.'),
    tier: z.enum(SUBNET_TIERS).describe('public: IGW route; app: web/application tier; db: databases; tgw: Transit Gateway attachment ENIs; endpoint: interface endpoint ENIs.'),
    cidr,
    az: z.string().describe('Availability zone name, e.g. ap-northeast-2a; must be in the VPC availabilityZones.'),
  })
  .describe('One subnet with an explicit CIDR.');

const tierSpecSchema = z
  .strictObject({
    prefixLength: z.number().int().min(16).max(28).describe('Prefix length of each generated subnet (/16 to /28).'),
    count: z.number().int().min(1).max(200).describe('How many subnets to generate; they are spread round-robin over the VPC AZs.'),
  })
  .describe('Generated subnets of one tier, carved from the VPC free space after explicit subnets.');

const vpcSchema = z
  .strictObject({
    cidr: cidr.optional().describe('IPv4 CIDR block of the VPC, e.g. 172.16.0.0/16. Required unless ipamPool is given.'),
    ipamPool: z
      .string()
      .optional()
      .describe('Name of an ipam.pools entry to take the VPC range from instead of cidr: `lz synth` (or `lz ipam allocate`) records the lowest free block in the allocation file beside the config, and the VPC is pinned to it (docs/ipam.md).'),
    prefixLength: z.number().int().min(16).max(28).optional().describe("With ipamPool: prefix length of the VPC range (/16 to /28). Default: the pool's allocation.defaultPrefixLength."),
    availabilityZones: z.array(z.string()).min(1, { error: 'must list at least one availability zone' }).describe('AZ names this VPC spans.'),
    subnets: z.array(subnetSchema).default([]).describe('Explicit subnets (the seed layout).'),
    tiers: z
      .partialRecord(z.enum(SUBNET_TIERS), tierSpecSchema)
      .optional()
      .describe('Compact alternative to `subnets`: per tier, a prefix length and a count.'),
    natGateways: z
      .enum(NAT_MODES)
      .optional()
      .describe('NAT gateways for local egress: none, single (one NAT and EIP in the first public subnet) or per-az. Default: single when egress is local and a public subnet exists, else none.'),
    egress: z
      .enum(EGRESS_MODES)
      .optional()
      .describe('Internet egress: central (0.0.0.0/0 to the Transit Gateway, out through the hub egress VPC; no local NAT), local (NAT gateways in this VPC) or none. Default: central when hub.egress is set, else local.'),
    publicIpOnLaunch: z
      .boolean()
      .default(false)
      .describe('Give instances launched into the public subnets a public IPv4 address (map_public_ip_on_launch). Off by default: a load balancer and NAT gateways need none, and workloads sit in the private tiers behind them.'),
  })
  .describe('The spoke application VPC. Transit Gateway attachment subnets (tier tgw) are generated, a /28 per AZ from the free space, when none are listed.');

const segmentSchema = z
  .strictObject({
    reaches: z
      .array(z.string())
      .default([])
      .describe('Segments (or "onprem" for on-premises) this segment may exchange traffic with. Reachability is symmetric: listing it on either side is enough. Isolation is the default.'),
    centralEgress: z.boolean().optional().describe('Send 0.0.0.0/0 to the hub egress VPC, with blackhole routes for the internal ranges. Default: true when hub.egress is set.'),
    isolateAttachments: z.boolean().default(false).describe('When true, spokes of this segment cannot reach each other (no propagation into their own route table).'),
    production: z
      .boolean()
      .optional()
      .describe(`Whether this segment's spokes are production: their Terraform Cloud workspaces never apply a run that a hub or PKI apply triggered without confirmation. Default: true when the segment name starts with "${PRODUCTION_SEGMENT_PREFIX}" (prod, production, prod-eu), else false.`),
    autoApplyRunTriggers: z
      .boolean()
      .default(false)
      .describe('With terraformCloud.bootstrap: the workspaces of this segment\'s spokes apply the runs that a hub or PKI apply triggers without confirmation (auto_apply_run_trigger). Refused on production segments. Default: false (a triggered run waits for confirmation).'),
    inspect: z
      .boolean()
      .optional()
      .describe('With hub.inspection: false keeps this segment out of the inspection VPC (its traffic goes through the Transit Gateway uninspected, as without inspection). Needs inspectReason. Default: true when hub.inspection is set.'),
    inspectReason: z.string().optional().describe('Why this segment is not inspected (at least 10 characters); shown in REPORT.md. Required with inspect: false.'),
  })
  .describe('One Transit Gateway route table.');

const asn = z.number().int().min(1).max(4294967295).describe('BGP autonomous system number (1-4294967295).');

const transitGatewaySchema = z
  .strictObject({
    asn: asn.default(64512).describe('Amazon-side ASN of the Transit Gateway: 64512-65534 or 4200000000-4294967294.'),
    segments: z.record(resourceName(32), segmentSchema).describe('Segments by name; each becomes a route table. The hub adds "egress" and "onprem".'),
    internalRanges: z
      .array(cidr)
      .min(1)
      .default([...RFC1918])
      .describe('Supernets holding every VPC and on-premises range. Spokes route them to the Transit Gateway; segments with central egress blackhole them, so only propagated (reachable) ranges win by longest prefix. Default: RFC 1918.'),
    shareWith: z
      .union([z.literal('organization'), z.array(z.string()).min(1)])
      .default('organization')
      .describe('RAM principals of the Transit Gateway share: "organization" (needs organization.managementAccount) or a list of OU ARNs and account ids.'),
    prefixLists: z
      .union([
        z.boolean(),
        z.strictObject({
          spareEntries: z
            .number()
            .int()
            .min(0)
            .max(100)
            .default(0)
            .describe('Entries each list may take beyond its current ones (max_entries = entries + spareEntries). Every reference counts max_entries against the route-table and security-group rule quotas. Default: 0.'),
        }),
      ])
      .optional()
      .describe(
        'Customer-managed prefix lists in the hub, shared through RAM like the Transit Gateway: <name>-internal (internalRanges), <name>-onprem (onPremises.cidrs) and <name>-segment-<segment> (the IPAM pool of the segment when ipam.pools names it, else its VPC ranges, summarized). Spoke and hub VPC routes, the hub endpoints security group and the segment blackholes reference them instead of repeating the internal ranges, so changing a supernet changes one list. Default: off (literal routes).',
      ),
  })
  .describe('The hub Transit Gateway.');

const egressVpcSchema = z
  .strictObject({
    cidr: cidr.describe('Range of the central egress VPC, /16 to /24. Public and attachment subnets are carved from it per AZ.'),
    availabilityZones: z.array(z.string()).min(2).optional().describe('AZs of the egress VPC. Default: hub.availabilityZones.'),
    natGateways: z.enum(['single', 'per-az']).default('per-az').describe('One NAT gateway, or one per AZ so an AZ failure does not cut every spoke off.'),
  })
  .describe('Central egress VPC: NAT gateways reached by spokes through the Transit Gateway.');

/** Which traffic the inspection VPC sees: between segments, and from segments to the internet. */
export const INSPECTED_TRAFFIC = ['east-west', 'egress'] as const;

const inspectionSchema = z
  .strictObject({
    cidr: cidr.describe('Range of the inspection VPC, inside RFC 1918: a /28 firewall subnet and a /28 attachment subnet are carved per AZ (a /25 fits three AZs).'),
    availabilityZones: z.array(z.string()).min(2).optional().describe('AZs of the firewall endpoints (one endpoint per AZ, each billed per hour). Default: hub.availabilityZones.'),
    inspect: z
      .array(z.enum(INSPECTED_TRAFFIC))
      .min(1)
      .describe('east-west: traffic between two inspected segments that reach each other crosses the firewall; egress: internet-bound traffic of inspected segments crosses it before the egress NAT (needs hub.egress).'),
    policy: z
      .strictObject({
        egressAllowDomains: z
          .array(z.string())
          .default([])
          .describe('Domains HTTPS (TLS SNI) and HTTP (Host) traffic may reach; a leading dot admits every subdomain (.example.com). Everything else is dropped by default.'),
        suricataRules: z.array(z.string()).default([]).describe('Suricata-compatible rules, one per entry, evaluated in strict order after the domain allow-list.'),
        managedThreatGroups: z
          .array(z.string())
          .default([])
          .describe('AWS managed stateful rule groups by name, StrictOrder variants only (lib/aws/network-firewall.ts), e.g. ThreatSignaturesMalwareStrictOrder.'),
      })
      .default({ egressAllowDomains: [], suricataRules: [], managedThreatGroups: [] })
      .describe('The firewall policy: stateless forwards everything to the stateful engine; strict rule order; default drop established plus alert.'),
  })
  .describe('Inspection VPC with AWS Network Firewall, attached to the Transit Gateway with appliance mode on (docs/inspection.md).');

/** How the hub's private hosted zones and resolver rules reach the spokes. */
export const DNS_SHARING_MODES = ['zone-association', 'route53-profile'] as const;
export type DnsSharingMode = (typeof DNS_SHARING_MODES)[number];

const endpointsVpcSchema = z
  .strictObject({
    cidr: cidr.describe('Range of the shared-endpoints VPC, /16 to /24. An endpoint subnet and a /28 attachment subnet are carved per AZ.'),
    availabilityZones: z.array(z.string()).min(2).optional().describe('AZs of the endpoints VPC (at least two). Default: hub.availabilityZones.'),
    segment: resourceName(32).default('shared').describe('Transit Gateway segment the endpoints VPC joins; every spoke segment must reach it.'),
    services: z
      .array(z.string())
      .min(1)
      .describe('Interface endpoint services to centralize, by catalog name (lib/aws/endpoints.ts), e.g. ssm, ssmmessages, ec2messages, kms, logs, sts, ecr.api, ecr.dkr.'),
    openPolicy: z
      .array(
        z.strictObject({
          service: z.string().describe('A service listed in services.'),
          reason: z.string().describe('Why this endpoint may serve principals outside the organization (at least 10 characters).'),
        }),
      )
      .default([])
      .describe('Services whose endpoint gets no organization-only policy. Every endpoint otherwise allows only principals of the organization (aws:PrincipalOrgID).'),
  })
  .describe('Shared-endpoints VPC: centralized interface endpoints and the Route 53 Resolver endpoints.');

const dnsSchema = z
  .strictObject({
    sharing: z
      .enum(DNS_SHARING_MODES)
      .default('zone-association')
      .describe('zone-association: one private hosted zone per service, associated with each spoke VPC from its workspace (zones cost $0.50/month). route53-profile: endpoints with private DNS and resolver rules in a Route 53 Profile shared through RAM; each spoke associates its VPC once ($0.75/hour per account with associations).'),
    inbound: z
      .strictObject({
        addresses: z
          .array(
            z.strictObject({
              az: z.string().describe('AZ of this resolver ENI; each address in a distinct AZ.'),
              ip: z.string().optional().describe('Static IPv4 address inside the endpoint subnet of that AZ. Default: assigned by AWS.'),
            }),
          )
          .optional()
          .describe('2 to 6 addresses in distinct AZs. Default: the first two AZs of the endpoints VPC.'),
      })
      .optional()
      .describe('Route 53 Resolver inbound endpoint: on-premises resolvers forward AWS private names here (TCP/UDP 53 from onPremises.cidrs only).'),
    outbound: z
      .strictObject({
        rules: z
          .array(
            z.strictObject({
              domain: z.string().describe('Domain forwarded to on-premises, e.g. corp.example.com.'),
              targets: z
                .array(z.strictObject({ ip: z.string().describe('On-premises DNS server.'), port: z.number().int().default(53).describe('DNS port (1-65535).') }))
                .min(1)
                .describe('On-premises resolvers for the domain.'),
            }),
          )
          .min(1)
          .describe('FORWARD rules, shared with the organization and associated with every spoke VPC.'),
      })
      .optional()
      .describe('Route 53 Resolver outbound endpoint and forwarding rules for on-premises domains.'),
  })
  .describe('Hybrid DNS: how the spokes get the endpoint names, and the Resolver endpoints.');

const dnsFirewallSchema = z
  .strictObject({
    managedDomainLists: z
      .array(
        z.strictObject({
          name: z.string().describe('AWS managed domain list name, e.g. AWSManagedDomainsMalwareDomainList (lib/aws/dns-firewall.ts lists them).'),
          id: z.string().describe("Its id in this Region (rslvr-fdl-...; `aws route53resolver list-firewall-domain-lists`): the provider cannot look a list up by name."),
        }),
      )
      .default([])
      .describe('AWS managed threat lists to block, in this order after the block list.'),
    blockDomains: z.array(z.string()).default([]).describe('Domains to block (a leading "*." matches every subdomain).'),
    allowDomains: z.array(z.string()).default([]).describe('Domains always allowed: their rule runs first, so they win over every block list.'),
    failOpen: z
      .boolean()
      .default(false)
      .describe('What the Resolver does with a query DNS Firewall cannot evaluate: false (default) blocks it (fail closed: filtering never lapses); true answers it (fail open: DNS keeps working while filtering is impaired).'),
    blockResponse: z.enum(BLOCK_RESPONSES).default('NXDOMAIN').describe('Answer to a blocked query: NXDOMAIN, NODATA, or OVERRIDE (with blockOverride).'),
    blockOverride: z
      .strictObject({
        domain: z.string().describe('The name blocked queries are answered with (a CNAME), e.g. blocked.example.com.'),
        ttl: z.number().int().min(0).max(604800).default(300).describe('TTL of the override answer, 0-604800 seconds.'),
      })
      .optional()
      .describe('With blockResponse OVERRIDE: the CNAME answer.'),
  })
  .describe('Route 53 Resolver DNS Firewall: one rule group in the hub, shared through RAM and associated with every hub and spoke VPC.');

const blockPublicAccessSchema = z
  .strictObject({
    mode: z
      .enum(BPA_MODES)
      .describe('ingress: block inbound internet traffic (NAT gateway egress keeps working); bidirectional: block both directions, so NAT gateways need an exclusion.'),
    exclusions: z
      .array(
        z.strictObject({
          vpc: z.string().describe('egress (the hub egress VPC), inspection (the hub inspection VPC) or a spoke name.'),
          subnets: z.literal('public').optional().describe('public: exclude only the public subnets. Default: the whole VPC.'),
          mode: z.enum(BPA_EXCLUSION_MODES).describe('allow-egress (outbound only, effective under bidirectional) or allow-bidirectional.'),
          reason: z
            .string()
            .trim()
            .min(10, { error: 'must explain why this VPC may reach the internet, in at least 10 characters' })
            .max(TAG_RULES.maxValueLength, { error: `must be at most ${TAG_RULES.maxValueLength} characters (it becomes the Reason tag value)` })
            .describe('Why the exclusion exists; printed in REPORT.md and set as its Reason tag.'),
        }),
      )
      .default([])
      .describe('VPCs or public subnets exempt from the block, each with its reason.'),
  })
  .describe('VPC Block Public Access in every account that has VPCs (the hub and each spoke), each set by its own workspace.');

/** A BGP peer address with its prefix (host bits set on purpose); config/validate/hybrid.ts checks the address, /30 or /31 and the pair. */
const peerAddress = z.string().min(1, { error: 'must not be empty' });

/** Virtual interface types; only `transit` works with a Transit Gateway (the others are accepted so that the validator can explain why). */
export const VIF_TYPES = ['transit', 'private', 'public'] as const;

const virtualInterfaceSchema = z
  .strictObject({
    name: resourceName(32).describe('VIF name; part of the Terraform address and the name of its BGP key variable.'),
    type: z.enum(VIF_TYPES).default('transit').describe('Must be transit: private and public VIFs cannot be used with a Transit Gateway.'),
    ownership: z.enum(['owned', 'hosted']).default('owned').describe('owned: created by this account on its connection; hosted: created by a partner on a hosted connection and accepted here.'),
    connectionId: z.string().regex(/^dx(con|lag)-[a-z0-9]+$/, { error: 'must be a Direct Connect connection or LAG id (dxcon-... or dxlag-...)' }).optional().describe('Connection (or LAG) for an owned VIF.'),
    virtualInterfaceId: z.string().regex(/^dxvif-[a-z0-9]+$/, { error: 'must be a virtual interface id (dxvif-...)' }).optional().describe('The partner-created VIF to accept (hosted).'),
    // Only a label, but it becomes the VIF's Location tag value, whose AWS limit is 256 characters.
    location: z.string().max(TAG_RULES.maxValueLength, { error: `must be at most ${TAG_RULES.maxValueLength} characters (it becomes the Location tag value)` }).optional().describe(`Direct Connect location, e.g. "KINX Seoul" (documentation and the Location tag: at most ${TAG_RULES.maxValueLength} letters, digits, spaces and _ . : / = + - @).`),
    vlan: z.number().int().optional().describe('VLAN 1-4094 (owned).'),
    customerAsn: z.number().int().optional().describe('On-premises BGP ASN (owned).'),
    mtu: z.union([z.literal(1500), z.literal(8500)]).default(1500).describe('1500, or 8500 for jumbo frames.'),
    amazonAddress: peerAddress.optional().describe('Amazon peer address with prefix, e.g. 169.254.100.1/30 (set both or neither).'),
    customerAddress: peerAddress.optional().describe('Customer peer address with prefix, e.g. 169.254.100.2/30.'),
  })
  .describe('One virtual interface to the Direct Connect gateway. Its BGP MD5 key comes from the sensitive Terraform variable dx_bgp_auth_key_<name>, never from this file.');

const directConnectSchema = z
  .strictObject({
    gatewayName: z.string().min(1).optional().describe('Direct Connect gateway name. Default: <name>-dx.'),
    asn: z.number().int().min(1).max(4294967295).describe('Amazon-side ASN of the Direct Connect gateway: private, and different from the Transit Gateway and customer ASNs.'),
    allowedPrefixes: z
      .union([z.literal('auto'), z.literal('internal'), z.array(cidr).min(1)])
      .default('auto')
      .describe(
        'Prefixes advertised to on-premises (at most 200 per Transit Gateway association). auto: exactly the VPC ranges the onprem route table learns (adding such a spoke updates this one list in the hub, in place); internal: hub.transitGateway.internalRanges (a few summaries: the hub never changes when a spoke is added); or an explicit list of summaries. With a VPN backup, summaries need hub.vpn.customerGatewayRoutes: floating-summaries so that Direct Connect stays preferred.',
      ),
    virtualInterfaces: z.array(virtualInterfaceSchema).default([]).describe('Transit VIFs on existing connections.'),
  })
  .describe('Direct Connect gateway associated with the Transit Gateway.');

/** What the on-premises routers do with the routes of the VPN backup (see hub.vpn.customerGatewayRoutes). */
export const CUSTOMER_GATEWAY_ROUTES = ['learned', 'floating-summaries'] as const;

const vpnSchema = z
  .strictObject({
    connections: z
      .array(
        z.strictObject({
          name: resourceName(32).describe('Connection name; part of addresses and of the pre-shared key variables vpn_<name>_tunnel1_psk / _tunnel2_psk.'),
          ip: z.string().describe('Public IPv4 address of the on-premises VPN device.'),
          asn: z.number().int().min(1).max(4294967295).describe('BGP ASN of the on-premises device.'),
          tunnelInsideCidrs: z.tuple([cidr, cidr]).optional().describe('Two /30 blocks in 169.254.0.0/16 for the tunnels. Default: chosen by AWS.'),
        }),
      )
      .min(1),
    customerGatewayRoutes: z
      .enum(CUSTOMER_GATEWAY_ROUTES)
      .default('learned')
      .describe(
        'What the on-premises routers do with the VPN. learned: accept the routes the Transit Gateway advertises over BGP (each VPC range exactly; Direct Connect stays preferred only if its allowed prefixes are as specific, i.e. allowedPrefixes: auto). floating-summaries: drop every route learned over the VPN and route the Direct Connect allowed prefixes into the tunnels as floating static routes (administrative distance above BGP), used only when Direct Connect withdraws them; REPORT.md prints the router configuration. Needs hub.directConnect.',
      ),
  })
  .describe('Site-to-Site VPN on the Transit Gateway as the backup path (BGP, two tunnels per connection).');

/** Where a spoke's three Session Manager endpoints live. */
export const SSM_ENDPOINT_MODES = ['central', 'local'] as const;

const accessSchema = z
  .strictObject({
    ssm: z
      .strictObject({
        endpoints: z
          .enum(SSM_ENDPOINT_MODES)
          .optional()
          .describe('central: use the hub interface endpoints (needs ssm, ssmmessages, ec2messages in hub.endpoints.services); local: the three endpoints with private DNS in this VPC (the closed-VPC setup). Default: central when the hub centralizes all three.'),
        idleTimeoutMinutes: z.number().int().default(IDLE_TIMEOUT_MINUTES.default).describe(`Session idle timeout, ${IDLE_TIMEOUT_MINUTES.min}-${IDLE_TIMEOUT_MINUTES.max} minutes.`),
        maxSessionMinutes: z.number().int().default(MAX_SESSION_MINUTES.default).describe(`Maximum session duration, ${MAX_SESSION_MINUTES.min}-${MAX_SESSION_MINUTES.max} minutes.`),
        adoptExistingPreferences: z
          .boolean()
          .default(false)
          .describe(
            'Adopt an SSM-SessionManagerRunShell that already exists in this account (the console creates it when someone saves Session Manager preferences) with a Terraform import block, instead of creating it. Without it the first apply in such an account fails with DocumentAlreadyExists. The apply after the import overwrites the preferences. Needs Terraform >= 1.5 (cdktf checks the local terraform at synth).',
          ),
      })
      .default({ idleTimeoutMinutes: IDLE_TIMEOUT_MINUTES.default, maxSessionMinutes: MAX_SESSION_MINUTES.default, adoptExistingPreferences: false })
      .describe('Session Manager: instance role and profile, session preferences logging to the archive, operator policy.'),
    instanceConnect: z
      .strictObject({
        subnet: z.string().describe('Name of the private subnet that holds the EC2 Instance Connect Endpoint.'),
        maxTunnelSeconds: z.number().int().default(EIC_TUNNEL_SECONDS.max).describe(`Longest tunnel an operator may open, ${EIC_TUNNEL_SECONDS.min}-${EIC_TUNNEL_SECONDS.max} seconds.`),
      })
      .optional()
      .describe('EC2 Instance Connect Endpoint: SSH to private instances without a bastion, a public IP or an open inbound port.'),
  })
  .default({ ssm: { idleTimeoutMinutes: IDLE_TIMEOUT_MINUTES.default, maxSessionMinutes: MAX_SESSION_MINUTES.default, adoptExistingPreferences: false } })
  .describe('Bastion-free operator access.');

/** What a listed bucket may be used for through a spoke's S3 gateway endpoint. */
export const BUCKET_ACCESS_LEVELS = ['read', 'read-write'] as const;

const s3GatewayEndpointSchema = z
  .strictObject({
    allowBuckets: z
      .array(
        z.strictObject({
          bucket: z.string().describe('Bucket name, or its ARN arn:aws:s3:::<bucket> (the whole bucket; no wildcards).'),
          access: z.enum(BUCKET_ACCESS_LEVELS).default('read').describe('read: s3:GetObject and s3:ListBucket; read-write: also s3:PutObject, s3:DeleteObject and s3:AbortMultipartUpload.'),
        }),
      )
      .default([])
      .describe('Buckets outside the organization that instances use (buckets of the organization are already admitted), e.g. a vendor\'s artifacts.'),
  })
  .default({ allowBuckets: [] })
  .describe(
    'The S3 gateway endpoint on the private route tables. Its route captures all same-Region S3 traffic of the app and db tiers, so its policy decides which buckets they reach: the log archive, buckets of the organization, the AWS-owned buckets of the SSM Agent, ECR image layers and the Amazon Linux 2023 and 2 repositories (config/aws-owned-buckets.ts), and the buckets listed here.',
  );

/**
 * Certificate lifetimes of a Client VPN. Defaults stagger them (server 1 year, clients 825 days, CA 10
 * years) and renew each one 30 days before it expires, at the first apply in that window (tls
 * `early_renewal_hours`): https://registry.terraform.io/providers/hashicorp/tls/latest/docs/resources/locally_signed_cert
 */
const clientVpnCertificatesSchema = z
  .strictObject({
    caValidityDays: z.number().int().min(1).optional().describe('Validity of the CA certificate. Renewed with the same key and subject, so certificates it signed keep verifying. Default: 3650.'),
    serverValidityDays: z.number().int().min(1).optional().describe('Validity of the server certificate. Its renewal re-imports it into ACM under the same ARN: users notice nothing. Default: 365.'),
    clientValidityDays: z.number().int().min(1).optional().describe('Validity of each client certificate. After a renewal users fetch a new profile before the old one expires. Default: 825.'),
    earlyRenewalDays: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('An apply re-issues a certificate from this many days before it expires (less than every validity). Renewal happens only when an apply runs in that window. Default: 30.'),
  })
  .optional()
  .describe('Certificate lifetimes and early renewal; REPORT.md lists each certificate with its validity and renewal window.');

/**
 * A Client VPN user: a name (the PKI workspace makes the key and the certificate), or a name and the
 * user's certificate signing request (the PKI workspace only signs it; the key never leaves the user).
 */
const clientVpnUserSchema = z.union([
  z.string().describe('User name: the certificate common name. The PKI workspace generates the key and certificate.'),
  z
    .strictObject({
      name: z.string().describe('User name: the certificate common name, which the request must carry as its subject CN.'),
      csr: z
        .string()
        .min(1)
        .describe(
          'PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----) the user made with their own RSA 2048 key, path relative to this config file. The PKI workspace signs it and holds no key for this user; the profile has no <key> block.',
        ),
    })
    .describe('A user who keeps their own key and brings a certificate signing request.'),
]);

/** The name of a `clientVpn.users` entry, whichever form it takes. */
export const clientVpnUserName = (user: ClientVpnUserConfig): string => (typeof user === 'string' ? user : user.name);

const clientVpnSchema = z
  .strictObject({
    clientCidr: cidr.describe('Addresses handed to VPN clients, /12 to /22, overlapping no VPC or on-premises range.'),
    users: z
      .array(clientVpnUserSchema)
      .min(1)
      .describe('One client certificate per user: a name (key and certificate made by the PKI workspace), or { name, csr } for a user who keeps their own key.'),
    serverDomain: z.string().optional().describe('Domain name in the server certificate. Default: vpn.<spoke>.<name>.internal.'),
    transport: z.enum(['udp', 'tcp']).default('udp').describe('UDP is faster; TCP passes stricter firewalls.'),
    port: z.union([z.literal(443), z.literal(1194)]).default(443).describe('443 or 1194.'),
    sessionTimeoutHours: z.union([z.literal(8), z.literal(10), z.literal(12), z.literal(24)]).default(8).describe('Maximum VPN session length.'),
    loginBanner: z.string().max(1400).optional().describe('Text shown by the AWS VPN client when a session starts.'),
    logRetentionDays: z.number().int().default(365).describe('Retention of the connection log group.'),
    subnets: z.array(z.string()).optional().describe('Subnet names to associate, one per AZ, in the db tier. Default: the db subnets (first per AZ).'),
    authorizedCidrs: z.array(cidr).optional().describe('Ranges users may reach. Default: the associated db subnets. Others (e.g. spokes through the TGW) also get routes.'),
    certificates: clientVpnCertificatesSchema,
    certValidityDays: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Deprecated: sets certificates.serverValidityDays and certificates.clientValidityDays to one value, so they expire together; use certificates instead.'),
  })
  .describe('AWS Client VPN with mutual certificate authentication; its PKI lives in the <stack>-vpn-pki workspace.');

const albSchema = z
  .strictObject({
    certificateArn: z.string().regex(ACM_CERTIFICATE_ARN, { error: 'must be an ACM certificate ARN' }).optional().describe('ACM certificate of the HTTPS listener, in the landing zone Region. Required unless httpOnly says why the ALB may serve plain HTTP.'),
    allowedCidrs: z.array(cidr).default(['0.0.0.0/0']).describe('Who may reach 443 (and 80, which only redirects).'),
    hosts: z
      .array(
        z.strictObject({
          host: z.string().describe('Host header, e.g. shop.example.com.'),
          port: z.number().int().describe('Target port on the app tier.'),
          protocol: z.enum(['HTTP', 'HTTPS']).default('HTTP'),
          // 1-1024 characters starting with / (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html);
          // no spaces, as the ALB construct checks, so the config fails here instead of at synth.
          healthCheckPath: z
            .string()
            .max(1024, { error: 'must be at most 1024 characters (the AWS limit for a health check path)' })
            .regex(/^\/\S*$/, { error: 'must start with "/" and contain no spaces, e.g. /health' })
            .default('/')
            .describe('Path the target group health check requests: starts with /, at most 1024 characters.'),
        }),
      )
      .min(1)
      .describe('Host-header rules, in priority order, each to its own target group.'),
    deletionProtection: z.boolean().default(true),
    wafAclArn: z.string().optional().describe('WAFv2 web ACL to associate: a REGIONAL web ACL of the landing zone Region.'),
    httpOnly: z
      .strictObject({
        reason: z.string().trim().min(10, { error: 'must explain why plain HTTP is acceptable, in at least 10 characters' }).describe('Why this load balancer may serve plain HTTP (printed by lz validate and with the suppressed LZ-ALB02 finding).'),
      })
      .optional()
      .describe('Accept a load balancer without certificateArn: it then serves and forwards plain HTTP. Without certificateArn and without this, the config is refused (lz check would fail LZ-ALB02).'),
  })
  .describe('Internet-facing application load balancer in the public subnets, routing several domains by host header.');

const spokeSchema = z.strictObject({
  name: resourceName(32).describe('Spoke name; the stack is <name>-spoke-<spoke name>.'),
  account: accountId,
  roleArn: roleArn.optional(),
  hubRoleArn: roleArn
    .optional()
    .describe(
      "Role in the hub account that the spoke's hub provider (the hub-side half of its connection: attachment acceptance, route table association and propagation, hosted-zone authorizations) assumes with local credentials. Default: hub.roleArn. With Terraform Cloud the runs use dynamic credentials instead; with terraformCloud.bootstrap that is a narrow role per spoke, /tfc/<name>-spoke-<spoke>-hub (docs/terraform-cloud.md).",
    ),
  segment: resourceName(32).describe('Transit Gateway segment (route table) this spoke joins.'),
  vpc: vpcSchema,
  access: accessSchema,
  s3GatewayEndpoint: s3GatewayEndpointSchema,
  databasePort: z.number().int().min(1).max(65535).default(5432).describe('Port the db-tier security group admits from the app tier and the Client VPN.'),
  clientVpn: clientVpnSchema.optional(),
  alb: albSchema.optional(),
});

/** One accepted finding of the security rule pack (`lz check`). */
const suppressionSchema = z.strictObject({
  rule: z
    .string()
    .regex(/^LZ-[A-Z0-9]+\d{2}$/, { error: 'must be a rule id like LZ-SG02 (see `lz check --rules`)' })
    .describe('Rule id, e.g. LZ-SG02.'),
  resource: z
    .string()
    .min(1)
    .describe('Resource the finding names: its construct path (shop-spoke-shop-prod/alb/security-group/...) or id (<stack>:<address>); `*` matches any run of characters.'),
  reason: z
    .string()
    .trim()
    .min(10, { error: 'must explain why the finding is accepted, in at least 10 characters' })
    .describe('Why the finding is accepted; printed with the finding.'),
  expires: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: 'must be a real calendar date' })
    .optional()
    .describe('Last day (UTC) the suppression holds; after it the finding fails `lz check` again.'),
});

const ipamPoolSchema = z
  .strictObject({
    name: resourceName(32).describe('Pool name, unique; spokes name it in vpc.ipamPool and it is part of Terraform addresses (renaming replaces the pool).'),
    cidr: cidr.describe('Range provisioned to the pool (aws_vpc_ipam_pool_cidr); inside its parent pool when it has one.'),
    region: z.string().optional().describe("Locale: the Region whose VPCs may allocate from the pool. Default: the parent's locale; a segment pool without either takes the landing zone region; a top-level pool without it has none (it only feeds child pools)."),
    segment: resourceName(32).optional().describe("Transit Gateway segment whose pool this is: every VPC of the segment's spokes must lie inside it."),
    parent: resourceName(32).optional().describe('Name of the pool this one is carved from (listed earlier): an explicit override. Default: the smallest pool listed earlier whose range contains this one, else none (a top-level pool).'),
    allocation: z
      .strictObject({
        defaultPrefixLength: z.number().int().min(0).max(32).describe('Prefix length of an allocation that names none (allocation_default_netmask_length).'),
        min: z.number().int().min(0).max(32).describe('Shortest prefix (largest block) an allocation may take (allocation_min_netmask_length).'),
        max: z.number().int().min(0).max(32).describe('Longest prefix (smallest block) an allocation may take (allocation_max_netmask_length).'),
      })
      .optional()
      .describe('Allocation rules of the pool. Default: none (any size).'),
  })
  .describe('One Amazon VPC IPAM pool.');

const ipamSchema = z
  .strictObject({
    account: accountId.optional().describe('Account that owns the IPAM (the delegated IPAM administrator of the organization). Default: the hub account.'),
    roleArn: roleArn.optional().describe('Role the hub stack assumes in ipam.account when it is not the hub account. Default: arn:aws:iam::<account>:role/' + DEFAULT_DEPLOY_ROLE_NAME + '.'),
    pools: z.array(ipamPoolSchema).min(1, { error: 'must list at least one pool' }).describe('Pools: top-level, regional (region) and per-segment (segment), parents first.'),
  })
  .describe('Amazon VPC IPAM: pools shared with the organization through RAM, from which spokes take their VPC ranges (docs/ipam.md).');

/** The whole landing-zone.yaml. */
export const landingZoneSchema = z
  .strictObject({
    name: resourceName(20).describe('Prefix of every stack, resource name and tag (max 20 characters, so derived names stay inside AWS limits).'),
    region: z.string().describe('AWS region of every stack, e.g. ap-northeast-2.'),
    organization: z.strictObject({
      id: z
        .string()
        .regex(/^o-[a-z0-9]{10,32}$/, { error: 'must be an AWS Organizations id: "o-" then 10 to 32 lower-case letters or digits' })
        .describe('AWS Organizations id (o-xxxxxxxxxx); scopes resource policies with aws:PrincipalOrgID.'),
      managementAccount: accountId.optional().describe('Management account id; with the organization id it forms the organization ARN that RAM shares target.'),
    }).describe('The AWS organization every account belongs to.'),
    // AWS tag limits (TAG_RULES, lib/aws/tags.ts): keys 1-128 characters, values 0-256. https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
    tags: z
      .record(
        z.string().min(1, { error: `must not be empty (an AWS tag key has 1 to ${TAG_RULES.maxKeyLength} characters)` }).max(TAG_RULES.maxKeyLength, { error: `must be at most ${TAG_RULES.maxKeyLength} characters (the AWS limit for a tag key)` }),
        z.string().max(TAG_RULES.maxValueLength, { error: `must be at most ${TAG_RULES.maxValueLength} characters (the AWS limit for a tag value)` }),
      )
      .default({})
      .describe(`Extra tags applied to every resource through the provider default_tags. Keys up to ${TAG_RULES.maxKeyLength} characters, values up to ${TAG_RULES.maxValueLength}.`),
    terraformCloud: z
      .strictObject({
        organization: z.string().min(1).describe('Terraform Cloud organization.'),
        hostname: z
          .string()
          .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, { error: 'must be a host name such as app.terraform.io or tfe.example.com' })
          .default('app.terraform.io')
          .describe('Host of Terraform Cloud or your Terraform Enterprise: the cloud block, the tfe provider, the issuer of run identity tokens (OIDC) and the workflows (TF_HOSTNAME) use it. Default: app.terraform.io.'),
        project: z.string().min(1).optional().describe('Terraform Cloud project for the workspaces. Default: the organization default project. Required with bootstrap.'),
        workspacePrefix: z.string().default('').describe('Prefix of every workspace name; the workspace is <prefix><stack>.'),
        bootstrap: z
          .boolean()
          .default(false)
          .describe(
            'Also synthesize the <name>-tfc-bootstrap stack (local state, applied by hand once): the project, one workspace per stack, remote-state sharing, run triggers, sensitive variables and OIDC dynamic AWS credentials. Needs project and an explicit roleArn for the hub, log archive and every spoke (the bootstrap creates those roles). See docs/terraform-cloud.md.',
          ),
        bootstrapRoleName: z
          .string()
          .regex(/^[\w+=,.@-]{1,64}$/, { error: 'must be an IAM role name (1-64 letters, digits and +=,.@_-)' })
          .default(DEFAULT_DEPLOY_ROLE_NAME)
          .describe(`Role the bootstrap stack assumes in every account, from management-account credentials, to create the OIDC provider and roles. Default: ${DEFAULT_DEPLOY_ROLE_NAME}.`),
      })
      // The OIDC subject names the project, so the bootstrap needs one it creates and names.
      .refine((t) => !t.bootstrap || t.project !== undefined, { error: 'is required when bootstrap is true (the OIDC trust names the project)', path: ['project'] })
      .optional()
      .describe('When set, every stack uses a Terraform Cloud workspace instead of local state.'),
    hub: z.strictObject({
      account: accountId,
      roleArn: roleArn.optional(),
      availabilityZones: z.array(z.string()).min(2, { error: 'must list at least two availability zones' }).describe('AZs of the hub VPCs.'),
      transitGateway: transitGatewaySchema,
      egress: egressVpcSchema.optional(),
      inspection: inspectionSchema.optional(),
      endpoints: endpointsVpcSchema.optional(),
      dns: dnsSchema.default({ sharing: 'zone-association' }),
      directConnect: directConnectSchema.optional(),
      vpn: vpnSchema.optional(),
      dnsFirewall: dnsFirewallSchema.optional(),
    }).describe('The network hub account (stack <name>-hub).'),
    onPremises: z
      .strictObject({
        cidrs: z.array(cidr).default([]).describe('Ranges behind Direct Connect and VPN; used for routes, security groups and overlap checks.'),
      })
      .default({ cidrs: [] })
      .describe('The data center side of the hybrid network.'),
    logArchive: z
      .strictObject({
        account: accountId.optional().describe('Log archive account. Default: the hub account.'),
        roleArn: roleArn.optional(),
        lifecycle: z
          .strictObject({
            transitionDays: z.number().int().min(1).default(90).describe('Days before logs move to Glacier Instant Retrieval.'),
            expirationDays: z
              .number()
              .int()
              .min(2)
              .default(400)
              .describe('Retention: days after which a log is deleted (its noncurrent version one day later, then its delete marker).'),
          })
          .default({ transitionDays: 90, expirationDays: 400 })
          .describe('Retention of the central log bucket.'),
        objectLock: z
          .strictObject({
            mode: z
              .enum(OBJECT_LOCK_MODES)
              .describe('governance: the break-glass role can still delete a locked version early; compliance: nobody can, not even the root user, until its retention ends.'),
            days: z.number().int().min(1).max(36500).describe('Days each new log version is locked; at most lifecycle.expirationDays.'),
            breakGlassRoleArn: roleArn.describe(
              'The only role that may delete logs or bypass governance retention; it and the deploy role (roleArn) alone may change the bucket policy, lifecycle, versioning and Object Lock configuration. A role of the log archive account.',
            ),
            acknowledgeComplianceMode: z
              .boolean()
              .optional()
              .describe('Required (true) with mode compliance: its retention cannot be shortened or removed by anyone, and the bucket cannot be emptied, until every locked version expires.'),
          })
          .optional()
          .describe('S3 Object Lock for regulated archives. One-way: once on, the bucket keeps Object Lock and versioning for good. Default: off (logs are deleted by the lifecycle, or by the account\'s administrators).'),
        logDelivery: z
          .strictObject({
            scope: z
              .enum(LOG_DELIVERY_SCOPES)
              .default('accounts')
              .describe(
                'accounts: the bucket and key policies admit flow-log and Resolver query-log delivery (delivery.logs.amazonaws.com) for each hub and spoke account by aws:SourceAccount, as the flow logs documentation shows; S3\'s 20 KB bucket policy limit caps this at 500 accounts. organization: they admit delivery for any account of the organization by aws:SourceOrgID, each account only below its own AWSLogs/<account id>/ prefix (${aws:SourceAccount} in the resource), so the policies do not grow with the accounts; aws:SourceOrgID is documented for service principals in general (IAM global condition keys), not on the flow logs page: test delivery from one spoke first.',
              ),
          })
          .default({ scope: 'accounts' })
          .describe('How the archive admits flow-log and Resolver query-log delivery.'),
      })
      .default({ lifecycle: { transitionDays: 90, expirationDays: 400 }, logDelivery: { scope: 'accounts' } })
      .describe('The log archive account (stack <name>-log-archive).'),
    blockPublicAccess: blockPublicAccessSchema.optional(),
    ipam: ipamSchema.optional(),
    spokes: z.array(spokeSchema).default([]).describe('Spoke accounts, one stack <name>-spoke-<spoke> each.'),
    suppressions: z.array(suppressionSchema).default([]).describe('Accepted findings of `lz check`: reported as suppressed, never dropped.'),
  })
  .describe('AWS network landing zone: hub, log archive and spokes.');

/** Config as parsed (after defaults), before IPAM allocations are pinned: a spoke VPC may still lack its cidr. */
export type ParsedConfig = z.infer<typeof landingZoneSchema>;
type ParsedSpoke = ParsedConfig['spokes'][number];
/** A spoke VPC with its range known: written, or pinned from the IPAM allocation file (config/ipam-allocation.ts). */
export type VpcConfig = Omit<ParsedSpoke['vpc'], 'cidr'> & { readonly cidr: string };
export type SpokeConfig = Omit<ParsedSpoke, 'vpc'> & { vpc: VpcConfig };
/** Config as the rules and stacks see it: defaults applied and every spoke VPC range known. */
export type LandingZoneConfig = Omit<ParsedConfig, 'spokes'> & { spokes: SpokeConfig[] };
/** `ipam` of the config. */
export type IpamConfig = NonNullable<ParsedConfig['ipam']>;
/** One `ipam.pools` entry. */
export type IpamPoolConfig = IpamConfig['pools'][number];
/** One entry of `clientVpn.users`: a name, or a name with a certificate signing request. */
export type ClientVpnUserConfig = z.infer<typeof clientVpnUserSchema>;
