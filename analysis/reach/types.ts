/**
 * The reachability engine's vocabulary: the two ends of a query, the hops of a path and the verdict.
 * Ids are {@link NetworkModel} ids (resource ids of the synthesized stacks).
 */

/**
 * Security groups of a workload end: explicit group ids, or `'any'` for "a workload whose groups admit
 * this flow" (the query then proves the network layers only: routes, NACLs, gateways).
 */
export type GroupSelection = readonly string[] | 'any';

/** A workload in a subnet, at the subnet's first usable address (network address + 4). */
export interface SubnetEndpoint {
  readonly kind: 'subnet';
  readonly subnet: string;
  /** @default the subnet tier's workload groups ({@link SecurityGroup.tier}), or none when the tier has none */
  readonly securityGroups?: GroupSelection;
}

/** A network interface of a managed resource (load balancer, interface endpoint, Resolver, Instance Connect Endpoint). */
export interface EniEndpoint {
  readonly kind: 'eni';
  readonly subnet: string;
  readonly securityGroups: GroupSelection;
  /** @default the subnet's first usable address */
  readonly address?: string;
  /** True when the interface has a public IPv4 address (an internet-facing load balancer's node). @default the subnet's mapPublicIp */
  readonly publicAddress?: boolean;
  /** Text for the path, e.g. `alb shop-prod (public-1)`. */
  readonly label: string;
  /** The resource the interface belongs to, for hops. @default the subnet */
  readonly resource?: string;
}

/** Any host on the internet, at one public address. */
export interface InternetEndpoint {
  readonly kind: 'internet';
  /** @default {@link DEFAULT_INTERNET_ADDRESS} */
  readonly address?: string;
}

/** A host in the data center behind Direct Connect or the Site-to-Site VPN. */
export interface OnPremisesEndpoint {
  readonly kind: 'on-premises';
  /** An address, or a CIDR whose first host is used. */
  readonly address: string;
}

/** A user connected to a Client VPN endpoint (source only). */
export interface ClientVpnUserEndpoint {
  readonly kind: 'client-vpn';
  readonly endpoint: string;
}

/** One end of a reachability query. */
export type Endpoint = SubnetEndpoint | EniEndpoint | InternetEndpoint | OnPremisesEndpoint | ClientVpnUserEndpoint;

/** A documentation address (RFC 5737 TEST-NET-2) standing for "a host on the internet". */
export const DEFAULT_INTERNET_ADDRESS = '198.51.100.10';

/** Transport of a query. */
export type Protocol = 'tcp' | 'udp' | 'icmp';

/** What a hop is. */
export type HopKind =
  | 'endpoint'
  | 'security-group-rule'
  | 'nacl-rule'
  | 'route'
  | 'tgw-attachment'
  | 'tgw-route'
  | 'nat'
  | 'igw'
  /** A Network Firewall endpoint the packet crossed (stateful: it must see both directions of a flow). */
  | 'firewall'
  | 'dx-gateway'
  | 'vpn'
  | 'client-vpn'
  | 'subnet'
  | 'vpc';

/** One step of a path. */
export interface Hop {
  readonly kind: HopKind;
  /** The resource that decided this step (the route, rule, attachment, gateway ...). */
  readonly id: string;
  /** The route table or TGW route table a route belongs to. */
  readonly table?: string;
  /** One readable fragment, e.g. `rt shop-prod-app-a 0.0.0.0/0→tgw`. */
  readonly text: string;
}

/** The component that stopped the traffic (or could not be resolved). */
export interface Blocker {
  readonly component: string;
  readonly kind: HopKind;
  readonly reason: string;
  /** Whether the request or the reply was stopped (NACLs are stateless, so replies are walked too). */
  readonly direction: 'forward' | 'return';
}

/** The traffic gets there and the reply gets back. */
export interface Reachable {
  readonly status: 'reachable';
  readonly reachable: true;
  readonly path: readonly Hop[];
  readonly returnPath: readonly Hop[];
}

/** A component drops the request or the reply. */
export interface Blocked {
  readonly status: 'blocked';
  readonly reachable: false;
  /** The request's hops, as far as it got (all of them when the reply was blocked). */
  readonly path: readonly Hop[];
  readonly returnPath: readonly Hop[];
  readonly blockedBy: Blocker;
}

/** A value on the way is unknown before apply: neither reachable nor blocked can be proved. */
export interface Unresolved {
  readonly status: 'unknown';
  /** Always false, so that an unknown never reads as reachable. */
  readonly reachable: false;
  readonly path: readonly Hop[];
  readonly returnPath: readonly Hop[];
  readonly unresolved: Blocker;
}

/** The verdict of {@link reach}. */
export type ReachResult = Reachable | Blocked | Unresolved;

/** Tuning of a query. */
export interface ReachOptions {
  /**
   * Destination ports of replies, which stateless NACLs must admit entirely (NAT gateways use
   * 1024-65535). @default [1024, 65535]
   */
  readonly ephemeralPorts?: readonly [number, number];
}
