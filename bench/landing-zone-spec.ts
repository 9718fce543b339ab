/**
 * A landing zone described by the handful of choices that matter for scale and robustness tests
 * (segments, egress modes, endpoint sets, subnet layouts, optional features), and the function that
 * turns it into config data. The benchmark's seeded generator and the property tests' fast-check
 * arbitraries both build a `LandingZoneSpec`, so they exercise the same config space.
 *
 * Addressing keeps every range distinct by construction: spoke `slot` k owns 10.k.0.0/16 (a /16 or
 * /20 VPC at its start), the hub VPCs sit in 172.31.254.0/23, on-premises is 192.168.0.0/20 and the
 * Client VPN ranges are /22s of 100.64.0.0/10, which no VPC uses and Direct Connect never advertises.
 */
import { stringify } from 'yaml';

/** Spoke VPC prefix lengths the generators use: a /16 (the write-up's size) or a compact /20. */
export type VpcPrefix = 16 | 20;

/** One spoke, by its choices; the builder derives names, accounts and ranges from its position and slot. */
export interface SpokeSpec {
  /** Transit Gateway segment; must reach the endpoints segment when the hub has endpoints. */
  readonly segment: string;
  /** `central` needs the hub egress VPC and a segment whose centralEgress is not false. */
  readonly egress: 'central' | 'local' | 'none';
  /** NAT layout for `local` egress (needs `publicTier`); omitted: the config default. */
  readonly natGateways?: 'single' | 'per-az';
  /** AZs of the VPC (the first two or three of the region). */
  readonly zones: 2 | 3;
  readonly prefix: VpcPrefix;
  /** Explicit subnets with CIDRs, or a compact `tiers` spec the loader expands. */
  readonly layout: 'explicit' | 'tiers';
  /** One public subnet per AZ. */
  readonly publicTier: boolean;
  /** An ALB over two hosts (needs `publicTier`). */
  readonly alb: boolean;
  /** Client VPN with two users, associated with the db subnets. */
  readonly clientVpn: boolean;
  /** An EC2 Instance Connect Endpoint in `app-1`. */
  readonly instanceConnect: boolean;
  /** Session Manager endpoints; omitted: the default (central when the hub centralizes ssm, ssmmessages, ec2messages). */
  readonly ssmEndpoints?: 'central' | 'local';
  /** Index of the spoke's 10.<slot>.0.0/16 block, 0-255, distinct per spoke. */
  readonly slot: number;
  /**
   * With a /20 prefix only: which /20 of the slot's /16 (0-15), so that up to 4,096 spokes fit in
   * 10.0.0.0/8; (slot, sub) pairs are distinct per spoke. Omitted: the first, numbered by slot alone.
   */
  readonly sub?: number;
}

/** One Transit Gateway segment as written in the config. */
export interface SegmentChoice {
  readonly reaches: readonly string[];
  readonly centralEgress?: boolean;
  readonly isolateAttachments?: boolean;
}

/** Shared endpoints and hybrid DNS of the hub. */
export interface EndpointsChoice {
  readonly segment: string;
  /** Catalog names (config/endpoint-catalog.ts). */
  readonly services: readonly string[];
  readonly sharing: 'zone-association' | 'route53-profile';
  /** Inbound and outbound Resolver endpoints with one forwarding rule (needs the segment to reach onprem). */
  readonly resolver: boolean;
}

/** Direct Connect and VPN of the hub. */
export interface HybridChoice {
  readonly directConnect: boolean;
  readonly vpn: boolean;
  /** `auto` changes the hub with every spoke range; `summaries` (10.0.0.0/8 and the hub block) does not. */
  readonly allowedPrefixes: 'auto' | 'summaries';
  /**
   * With a VPN: `hub.vpn.customerGatewayRoutes`. `floating-summaries` keeps Direct Connect preferred
   * with summaries on it (the routers drop the VPN's specific routes). @default the config's default (learned)
   */
  readonly vpnRoutes?: 'learned' | 'floating-summaries';
}

/** A whole landing zone, by its choices. */
export interface LandingZoneSpec {
  readonly name: string;
  readonly segments: Readonly<Record<string, SegmentChoice>>;
  /** The hub egress VPC (172.31.255.0/24). */
  readonly centralEgress: boolean;
  /** The shared-endpoints VPC (172.31.254.0/24). */
  readonly endpoints?: EndpointsChoice;
  readonly hybrid?: HybridChoice;
  /** How the log archive admits log delivery: per account (default) or by organization (over 500 accounts). */
  readonly logDelivery?: 'accounts' | 'organization';
  readonly spokes: readonly SpokeSpec[];
}

/** Region of every generated landing zone and its AZs in order. */
export const SPEC_REGION = 'ap-northeast-2';
const ZONES = ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'];

/** Ranges of the hub and the data center (outside every spoke slot). */
export const SPEC_RANGES = { egress: '172.31.255.0/24', endpoints: '172.31.254.0/24', onPremises: '192.168.0.0/20', dnsServer: '192.168.0.2' } as const;

/** Spoke name of position `index`: `s007-web` for a shape label, else `s007`. */
export function spokeName(index: number, label?: string): string {
  return `s${String(index).padStart(3, '0')}${label ? `-${label}` : ''}`;
}

const account = (index: number) => String(200000000000 + index);
const ip = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** First address of the spoke's VPC range. */
const vpcStart = (s: SpokeSpec): number => 0x0a000000 + s.slot * 65536 + (s.sub ?? 0) * 4096;

/** Subnets of one spoke VPC, explicit or as tiers; the /28 attachment subnets are always generated from the free space. */
function vpcSubnets(s: SpokeSpec, zones: readonly string[]): Record<string, unknown> {
  // Blocks of a quarter of the VPC's sixteenth: /20s of a /16, /24s of a /20. Block 0 holds the public
  // subnets (and leaves its first piece free for the attachment subnets), app uses blocks 1-3, db 8-10.
  const vpcBase = vpcStart(s);
  const block = 2 ** (32 - s.prefix - 4);
  const publicPrefix = s.prefix === 16 ? 24 : 26; // an ALB needs at least a /27
  const piece = 2 ** (32 - publicPrefix);
  if (s.layout === 'tiers') {
    return {
      tiers: {
        ...(s.publicTier ? { public: { prefixLength: publicPrefix, count: zones.length } } : {}),
        app: { prefixLength: s.prefix + 4, count: zones.length },
        db: { prefixLength: s.prefix + 5, count: zones.length },
      },
    };
  }
  const subnets = zones.flatMap((az, k) => [
    ...(s.publicTier ? [{ name: `public-${k + 1}`, tier: 'public', cidr: `${ip(vpcBase + (k + 1) * piece)}/${publicPrefix}`, az }] : []),
    { name: `app-${k + 1}`, tier: 'app', cidr: `${ip(vpcBase + (1 + k) * block)}/${s.prefix + 4}`, az },
    { name: `db-${k + 1}`, tier: 'db', cidr: `${ip(vpcBase + (8 + k) * block)}/${s.prefix + 4}`, az },
  ]);
  return { subnets };
}

/** The n-th /22 of 100.64.0.0/10 (n < 4,096): a Client VPN client range outside every VPC. */
const clientCidr = (n: number): string => `100.${64 + (n >> 6)}.${(n & 63) * 4}.0/22`;

/** The spoke's config entry; `index` is its position (name and account), `label` an optional name suffix. */
function spokeConfig(s: SpokeSpec, index: number, label?: string): Record<string, unknown> {
  const zones = ZONES.slice(0, s.zones);
  const name = spokeName(index, label);
  const id = account(index);
  return {
    name,
    account: id,
    segment: s.segment,
    vpc: {
      cidr: `${ip(vpcStart(s))}/${s.prefix}`,
      availabilityZones: zones,
      egress: s.egress,
      ...(s.natGateways ? { natGateways: s.natGateways } : {}),
      ...vpcSubnets(s, zones),
    },
    ...(s.ssmEndpoints || s.instanceConnect
      ? { access: { ...(s.ssmEndpoints ? { ssm: { endpoints: s.ssmEndpoints } } : {}), ...(s.instanceConnect ? { instanceConnect: { subnet: 'app-1' } } : {}) } }
      : {}),
    ...(s.clientVpn ? { clientVpn: { clientCidr: clientCidr(s.sub === undefined ? s.slot : s.slot * 16 + s.sub), users: ['alice', 'bob'] } } : {}),
    ...(s.alb
      ? {
          alb: {
            certificateArn: `arn:aws:acm:${SPEC_REGION}:${id}:certificate/00000000-0000-0000-0000-${String(index).padStart(12, '0')}`,
            hosts: [
              { host: `${name}.example.com`, port: 8080, healthCheckPath: '/health' },
              { host: `api.${name}.example.com`, port: 8081 },
            ],
          },
        }
      : {}),
  };
}

/**
 * The config data of a spec. `labels[i]` (optional) suffixes spoke i's name, e.g. its shape. The
 * result is plain data for `yaml.stringify`; it is valid when the spec respects the constraints its
 * fields document.
 */
export function buildConfig(spec: LandingZoneSpec, labels: readonly (string | undefined)[] = []): Record<string, unknown> {
  const ep = spec.endpoints;
  const hybrid = spec.hybrid;
  return {
    name: spec.name,
    region: SPEC_REGION,
    organization: { id: 'o-bench00001', managementAccount: '100000000000' },
    tags: { CostCenter: 'bench' },
    hub: {
      account: '100000000001',
      availabilityZones: ZONES,
      transitGateway: { asn: 64512, segments: spec.segments },
      ...(spec.centralEgress ? { egress: { cidr: SPEC_RANGES.egress, natGateways: 'single' } } : {}),
      ...(ep ? { endpoints: { cidr: SPEC_RANGES.endpoints, segment: ep.segment, services: ep.services } } : {}),
      ...(ep
        ? {
            dns: {
              sharing: ep.sharing,
              ...(ep.resolver ? { inbound: {}, outbound: { rules: [{ domain: 'corp.example.internal', targets: [{ ip: SPEC_RANGES.dnsServer }] }] } } : {}),
            },
          }
        : {}),
      ...(hybrid?.directConnect
        ? {
            directConnect: {
              asn: 64600,
              allowedPrefixes: hybrid.allowedPrefixes === 'auto' ? 'auto' : ['10.0.0.0/8', '172.31.254.0/23'],
              virtualInterfaces: [
                { name: 'dc-1', type: 'transit', connectionId: 'dxcon-bench001', vlan: 101, customerAsn: 65010, mtu: 8500, amazonAddress: '169.254.100.1/30', customerAddress: '169.254.100.2/30' },
              ],
            },
          }
        : {}),
      ...(hybrid?.vpn
        ? { vpn: { connections: [{ name: 'dc-backup', ip: '203.0.113.10', asn: 65010, tunnelInsideCidrs: ['169.254.200.0/30', '169.254.200.4/30'] }], ...(hybrid.vpnRoutes ? { customerGatewayRoutes: hybrid.vpnRoutes } : {}) } }
        : {}),
    },
    onPremises: { cidrs: [SPEC_RANGES.onPremises] },
    logArchive: { account: '100000000002', ...(spec.logDelivery === 'organization' ? { logDelivery: { scope: 'organization' } } : {}) },
    spokes: spec.spokes.map((s, i) => spokeConfig(s, i, labels[i])),
  };
}

/** The spec as landing-zone.yaml text. */
export function renderConfig(spec: LandingZoneSpec, labels: readonly (string | undefined)[] = []): string {
  return stringify(buildConfig(spec, labels));
}
