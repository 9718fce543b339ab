/**
 * The typed network model the reachability engine walks, built from the resource graph.
 * Ids are {@link TfResource.id}s. A field that is `'unknown'` (or an Unknown target) could not be
 * resolved offline; the engine must treat it as blocking-with-reason, never as allowing.
 */

/** Where a route sends traffic. */
export type RouteTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'igw'; readonly id: string }
  | { readonly kind: 'nat'; readonly id: string }
  | { readonly kind: 'tgw'; readonly id: string }
  | { readonly kind: 'vpce'; readonly id: string }
  /** The endpoint of an `aws_networkfirewall_firewall` in one AZ (a route whose `vpc_endpoint_id` selects it from `firewall_status`). */
  | { readonly kind: 'firewall'; readonly id: string; readonly az: string }
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** One VPC route (`local` routes are implicit: one per VPC CIDR). */
export interface VpcRoute {
  /** IPv4 CIDR, or `pl:<resource id>` for a prefix-list destination (S3 gateway endpoint). */
  readonly destination: string;
  readonly target: RouteTarget;
  /** The `aws_route` (or route table / endpoint association) that made this route; undefined for local. */
  readonly source?: string;
  /** The customer-managed prefix list this route is one entry of (a route to a list routes each entry). */
  readonly prefixList?: string;
}

export interface VpcRouteTable {
  readonly id: string;
  readonly vpc: string;
  readonly name: string;
  readonly routes: readonly VpcRoute[];
}

export interface Vpc {
  readonly id: string;
  readonly stack: string;
  readonly name: string;
  readonly cidrs: readonly string[];
  /** The main route table, used by subnets without an explicit association (our VPCs never rely on it). */
  readonly mainRouteTable?: string;
}

export interface Subnet {
  readonly id: string;
  readonly vpc: string;
  readonly name: string;
  readonly cidr: string;
  readonly az: string;
  /** From the `Tier` tag: public, app, db, tgw, endpoints, egress, resolver, ... */
  readonly tier?: string;
  /** Route table of this subnet (explicit association, else the VPC main table, else undefined). */
  readonly routeTable?: string;
  /** Network ACL of this subnet; undefined means the default NACL (allows everything). */
  readonly nacl?: string;
  readonly mapPublicIp: boolean;
}

export interface NatGateway {
  readonly id: string;
  readonly subnet: string;
  /** Public NAT (has an EIP) or private. */
  readonly public: boolean;
}

export interface InternetGateway {
  readonly id: string;
  readonly vpc: string;
}

/** A security-group rule peer. */
export type SgPeer =
  /** `prefixList`: the customer-managed prefix list this CIDR is one entry of. */
  | { readonly kind: 'cidr'; readonly cidr: string; readonly prefixList?: string }
  | { readonly kind: 'sg'; readonly id: string }
  /** An AWS-managed service prefix list (a gateway endpoint's): the service's addresses. */
  | { readonly kind: 'prefix-list'; readonly id: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface SgRule {
  /** `tcp`, `udp`, `icmp` or `-1` (all). */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: SgPeer;
  /** The rule resource (or the group, for inline rules). */
  readonly source: string;
}

export interface SecurityGroup {
  readonly id: string;
  readonly vpc: string;
  readonly name: string;
  /** From the `Tier` tag when the group is a tier's workload group (app, db). */
  readonly tier?: string;
  readonly ingress: readonly SgRule[];
  readonly egress: readonly SgRule[];
  /** A `aws_default_security_group` (its rules apply to anything launched without a group). */
  readonly isDefault: boolean;
}

export interface NaclRule {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: string;
  readonly action: 'allow' | 'deny';
  readonly source: string;
  /** `ingress[0]` / `egress[1]` for an inline block of the ACL; undefined for an `aws_network_acl_rule`. */
  readonly block?: string;
}

export interface NetworkAcl {
  readonly id: string;
  readonly vpc: string;
  readonly subnets: readonly string[];
  readonly rules: readonly NaclRule[];
}

export interface TransitGateway {
  readonly id: string;
  readonly defaultRouteTableAssociation: boolean | 'unknown';
  readonly defaultRouteTablePropagation: boolean | 'unknown';
  readonly autoAcceptSharedAttachments: boolean | 'unknown';
}

export interface TgwAttachment {
  readonly id: string;
  readonly kind: 'vpc' | 'dx-gateway' | 'vpn' | 'unknown';
  readonly transitGateway: string;
  /** For VPC attachments. */
  readonly vpc?: string;
  readonly subnets?: readonly string[];
  /** For DX gateway attachments: the gateway; for VPN: the VPN connection. */
  readonly peer?: string;
  /** The TGW route table this attachment is associated with (undefined: none, so traffic from it is dropped). */
  readonly associatedRouteTable?: string;
  /** TGW route tables this attachment propagates its routes into. */
  readonly propagatesTo: readonly string[];
  /** The `aws_ec2_transit_gateway_route_table_association` resource, for messages. */
  readonly associationSource?: string;
  /**
   * VPC attachments: `appliance_mode_support` (the Transit Gateway keeps both directions of a flow in
   * one AZ of this attachment); undefined for other kinds.
   */
  readonly applianceMode?: boolean | 'unknown';
  /**
   * For VPN attachments: what the data center does with the routes learned over this VPN (the
   * connection's `CustomerGatewayRoutes` tag). `floating-summaries`: it drops them and routes the
   * Direct Connect allowed prefixes into the tunnels as floating static routes.
   */
  readonly customerGatewayRoutes?: 'learned' | 'floating-summaries';
}

export interface TgwRoute {
  readonly destination: string;
  /** Attachment id, or blackhole. */
  readonly target: { readonly kind: 'attachment'; readonly id: string } | { readonly kind: 'blackhole' } | { readonly kind: 'unknown'; readonly reason: string };
  /** `prefix-list`: one entry of a prefix-list reference (`aws_ec2_transit_gateway_prefix_list_reference`). */
  readonly origin: 'static' | 'prefix-list' | 'propagated';
  /** The route or propagation resource. */
  readonly source: string;
}

export interface TgwRouteTable {
  readonly id: string;
  /** Segment name from the `Segment`/`Name` tag or the output key (prod, shared, egress, onprem ...). */
  readonly name: string;
  /**
   * From the `Inspection` tag (hub.inspection): `inspected` when the segment's traffic must cross the
   * firewall, `opted-out` (with the `InspectionOptOut` reason) when the config exempted it; undefined
   * for tables the design does not classify.
   */
  readonly inspection?: { readonly state: 'inspected' | 'opted-out'; readonly reason?: string };
  /**
   * Static routes, plus propagated routes computed from propagations: a propagating VPC attachment
   * contributes its VPC CIDRs; a DX gateway contributes nothing inbound (on-prem prefixes are learned
   * over BGP: the model uses the config's on-premises ranges); a VPN likewise.
   */
  readonly routes: readonly TgwRoute[];
}

export interface DxGateway {
  readonly id: string;
  readonly asn: number | 'unknown';
  /** Allowed prefixes of its TGW association(s): what on-premises learns. */
  readonly allowedPrefixes: readonly string[] | 'unknown';
  readonly associationSource?: string;
}

export interface InterfaceEndpoint {
  readonly id: string;
  readonly vpc: string;
  readonly service: string;
  readonly type: 'Interface' | 'Gateway' | 'unknown';
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly privateDns: boolean;
  readonly routeTables: readonly string[];
  /**
   * The endpoint policy's JSON text as synthesized, `${...}` references left in place (an
   * `aws_vpc_endpoint_policy` wins over the inline argument); `'unknown'` when an expression builds
   * it; undefined when there is none, which AWS reads as full access.
   */
  readonly policy?: string;
}

export interface HostedZone {
  readonly id: string;
  readonly name: string;
  /** VPCs the zone is attached to (inline `vpc` blocks and `aws_route53_zone_association`s). */
  readonly vpcs: readonly string[];
  readonly records: readonly { readonly name: string; readonly type: string; readonly source: string }[];
}

export interface ResolverEndpoint {
  readonly id: string;
  readonly direction: 'INBOUND' | 'OUTBOUND' | 'unknown';
  readonly vpc?: string;
  readonly subnets: readonly string[];
  readonly ips: readonly string[];
  /** One per `ip_address` block, in order: the ENI's subnet and its fixed address (absent when AWS assigns it at apply). */
  readonly addresses: readonly { readonly subnet: string; readonly ip?: string }[];
  readonly securityGroups: readonly string[];
}

export interface ResolverRule {
  readonly id: string;
  readonly domain: string;
  readonly ruleType: string;
  readonly targets: readonly string[];
  /** VPCs associated with the rule. */
  readonly vpcs: readonly string[];
}

export interface ClientVpnEndpoint {
  readonly id: string;
  readonly clientCidr: string;
  readonly splitTunnel: boolean;
  readonly vpc?: string;
  readonly securityGroups: readonly string[];
  readonly associatedSubnets: readonly string[];
  readonly authorizations: readonly { readonly cidr: string; readonly allGroups: boolean; readonly source: string }[];
  /**
   * Routes added to the endpoint's route table (`aws_ec2_client_vpn_route`), each through one
   * associated subnet. The route to the VPC that every association adds is implicit, not listed.
   */
  readonly routes: readonly { readonly cidr: string; readonly subnet: string; readonly source: string }[];
  readonly connectionLogging: boolean;
}

export interface LoadBalancer {
  readonly id: string;
  readonly internal: boolean;
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly listeners: readonly { readonly id: string; readonly port: number; readonly protocol: string }[];
}

export interface InstanceConnectEndpoint {
  readonly id: string;
  readonly subnet: string;
  readonly securityGroups: readonly string[];
}

/**
 * VPC Block Public Access of one workspace's account (`aws_vpc_block_public_access_options`). Each
 * workspace that owns VPCs has its own account (config rules spokeOutsideHubAccount and
 * oneSpokePerAccount), so the setting applies to the VPCs of its stack.
 */
export interface BlockPublicAccessSetting {
  readonly id: string;
  readonly stack: string;
  readonly mode: 'block-bidirectional' | 'block-ingress' | 'off' | 'unknown';
}

/** One BPA exclusion: a VPC or a subnet, allowed egress only or both directions. */
export interface BpaExclusion {
  readonly id: string;
  readonly stack: string;
  readonly vpc?: string;
  readonly subnet?: string;
  readonly mode: 'allow-egress' | 'allow-bidirectional' | 'unknown';
  /** The `Reason` tag. */
  readonly reason?: string;
}

/** A DNS Firewall rule-group association of a VPC, with that VPC's fail-open setting. */
export interface DnsFirewallAssociation {
  readonly id: string;
  readonly vpc: string;
  /** The rule group: a resource id when it is in the synthesized output, else the literal or `unknown`. */
  readonly ruleGroup: string;
  readonly priority: number | 'unknown';
}

/** A Network Firewall with its endpoints, policy summary and logging. */
export interface NetworkFirewall {
  readonly id: string;
  readonly name: string;
  readonly vpc: string;
  /** One endpoint per subnet mapping; `az` from the subnet (`unknown` when the subnet is not modelled). */
  readonly endpoints: readonly { readonly subnet: string; readonly az: string }[];
  /** The policy as configured; undefined when it is not in the synthesized output. */
  readonly policy?: FirewallPolicySummary;
  /** Log types delivered (`ALERT`, `FLOW`, `TLS`) with their destination type; empty without logging. */
  readonly logging: readonly { readonly type: string; readonly destinationType: string; readonly destination: string }[];
  /** The `aws_networkfirewall_logging_configuration`, when there is one. */
  readonly loggingSource?: string;
}

/** What a firewall policy does by default and which rule groups it evaluates, in order. */
export interface FirewallPolicySummary {
  readonly id: string;
  readonly name: string;
  readonly statelessDefaultActions: readonly string[];
  readonly statelessFragmentDefaultActions: readonly string[];
  readonly statefulDefaultActions: readonly string[];
  /** `STRICT_ORDER` or `DEFAULT_ACTION_ORDER` (the provider's default when absent). */
  readonly ruleOrder: string;
  /** Stateful rule groups by priority: an AWS managed group's name, or our rule group's resource id. */
  readonly ruleGroups: readonly { readonly priority: number | 'unknown'; readonly group: string; readonly managed: boolean }[];
  /** HOME_NET when the policy sets it. */
  readonly homeNet?: readonly string[];
}

/** The whole network, all stacks. */
export interface NetworkModel {
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly VpcRouteTable[];
  readonly natGateways: readonly NatGateway[];
  readonly internetGateways: readonly InternetGateway[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly networkAcls: readonly NetworkAcl[];
  readonly transitGateways: readonly TransitGateway[];
  readonly tgwAttachments: readonly TgwAttachment[];
  readonly tgwRouteTables: readonly TgwRouteTable[];
  readonly dxGateways: readonly DxGateway[];
  readonly vpcEndpoints: readonly InterfaceEndpoint[];
  readonly hostedZones: readonly HostedZone[];
  readonly resolverEndpoints: readonly ResolverEndpoint[];
  readonly resolverRules: readonly ResolverRule[];
  readonly clientVpnEndpoints: readonly ClientVpnEndpoint[];
  readonly loadBalancers: readonly LoadBalancer[];
  readonly instanceConnectEndpoints: readonly InstanceConnectEndpoint[];
  /** AWS Network Firewalls (inspection VPCs); absent in models built before inspection existed. */
  readonly firewalls?: readonly NetworkFirewall[];
  /** VPC Block Public Access settings, one per workspace that sets it (absent: none anywhere). */
  readonly blockPublicAccess?: readonly BlockPublicAccessSetting[];
  readonly bpaExclusions?: readonly BpaExclusion[];
  readonly dnsFirewallAssociations?: readonly DnsFirewallAssociation[];
  /** `aws_route53_resolver_firewall_config`: VPC id → fail open. */
  readonly dnsFirewallFailOpen?: readonly { readonly id: string; readonly vpc: string; readonly failOpen: boolean | 'unknown' }[];
  /** On-premises ranges (from the config) behind the DX gateway / VPN attachments. */
  readonly onPremises: readonly string[];
  /** Every value the builder could not resolve, with the resource and field it came from (where an `'unknown'` came from). */
  readonly unresolved?: readonly Unresolved[];
}

/** A value the model builder could not resolve offline; the model holds `'unknown'` (or leaves the item out) in its place. */
export interface Unresolved {
  /** The resource whose field it is. */
  readonly source: string;
  /** The attribute, e.g. `route_table_id` or `ingress[0].cidr_blocks`. */
  readonly field: string;
  readonly reason: string;
}
