/**
 * Generated landing zones for the scale benchmark: a fixed hub (three segments, central egress,
 * shared endpoints with Resolver endpoints, Direct Connect with summarized allowed prefixes) and N spokes, each of one of four shapes picked by a seeded PRNG, in distinct /16
 * slots of 10.0.0.0/8 (so at most 256 spokes). Because the hub uses summaries rather than `auto`
 * prefixes, the hub and log-archive stacks do not depend on the spokes at all, and every spoke of a
 * shape differs from another only in names, account and ranges. Above 256 spokes every spoke takes a
 * /20 instead (same shapes otherwise), up to 1,000 spokes (above 499 the log archive admits delivery by organization). As in
 * the default config a Site-to-Site VPN backs Direct Connect up: `auto` would list every spoke range
 * (over the 200-prefix quota at 200 spokes, and a hub that changes with every spoke), and summaries
 * alone would let the VPN's more specific routes win in the data center, so the customer gateways use
 * `customerGatewayRoutes: floating-summaries` (https://repost.aws/knowledge-center/direct-connect-gateway-primary-connection).
 */
import { MAX_LOG_SOURCE_ACCOUNTS } from '../config/validate/logging';
import { LandingZoneSpec, renderConfig, SpokeSpec } from './landing-zone-spec';

/** The spoke shapes of the benchmark. */
export const SHAPES = {
  /** The write-up's VPC: 3 AZs, explicit subnets, central egress, ALB and Instance Connect. */
  web: { segment: 'prod', egress: 'central', zones: 3, prefix: 16, layout: 'explicit', publicTier: true, alb: true, clientVpn: false, instanceConnect: true },
  /** A /20 with tiers and its own NAT gateway. */
  batch: { segment: 'nonprod', egress: 'local', natGateways: 'single', zones: 2, prefix: 20, layout: 'tiers', publicTier: true, alb: false, clientVpn: false, instanceConnect: false },
  /** A closed /20: no internet egress, local Session Manager endpoints. */
  data: { segment: 'prod', egress: 'none', zones: 2, prefix: 20, layout: 'tiers', publicTier: false, alb: false, clientVpn: false, instanceConnect: false, ssmEndpoints: 'local' },
  /** A developer /16 with Client VPN (and so its own PKI stack). */
  dev: { segment: 'nonprod', egress: 'central', zones: 2, prefix: 16, layout: 'tiers', publicTier: false, alb: false, clientVpn: true, instanceConnect: false },
} as const satisfies Record<string, Omit<SpokeSpec, 'slot'>>;

/** A benchmark shape name. */
export type ShapeName = keyof typeof SHAPES;

/** Most spokes a generated config holds with the shapes as written (one 10.x.0.0/16 slot each). */
export const MAX_SHAPED_SPOKES = 256;

/**
 * Most spokes a generated config holds: one account each (Session Manager preferences exist once per
 * account), 1,000 as issue 18 and 21 ask. Above {@link MAX_SHAPED_SPOKES} every shape keeps its
 * choices but takes a /20 (one of the 4,096 /20s of 10.0.0.0/8); when the hub and spokes are more
 * accounts than a log archive bucket policy can list ({@link MAX_LOG_SOURCE_ACCOUNTS}), the archive
 * admits log delivery by organization (`logArchive.logDelivery.scope: organization`).
 */
export const MAX_GENERATED_SPOKES = 1000;

/** The /20 slots of 10.0.0.0/8 that dense configs draw from. */
const DENSE_SLOTS = 4096;

/** mulberry32: a tiny deterministic PRNG, so a seed always yields the same config. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated landing zone: its spec and each spoke's shape, in spoke order. */
export interface GeneratedLandingZone {
  readonly spec: LandingZoneSpec;
  readonly shapes: readonly ShapeName[];
}

/** The spec of a benchmark landing zone with `spokes` spokes (1-1,000; /20 spokes above 256). */
export function generateSpec(spokes: number, seed = 1): GeneratedLandingZone {
  if (!Number.isInteger(spokes) || spokes < 1 || spokes > MAX_GENERATED_SPOKES) throw new RangeError(`spokes must be an integer from 1 to ${MAX_GENERATED_SPOKES}, got ${spokes}`);
  const random = prng(seed);
  const names = Object.keys(SHAPES) as ShapeName[];
  const dense = spokes > MAX_SHAPED_SPOKES;
  // Fisher-Yates over the 256 /16 slots (the 4,096 /20s when dense): ranges are scattered, not in spoke order, and never repeat.
  const slots = Array.from({ length: dense ? DENSE_SLOTS : MAX_SHAPED_SPOKES }, (_, i) => i);
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const shapes = Array.from({ length: spokes }, () => names[Math.floor(random() * names.length)]);
  const spec: LandingZoneSpec = {
    name: 'bench',
    segments: { prod: { reaches: ['shared', 'onprem'] }, nonprod: { reaches: ['shared', 'onprem'] }, shared: { reaches: ['onprem'] } },
    centralEgress: true,
    endpoints: { segment: 'shared', services: ['ssm', 'ssmmessages', 'ec2messages', 'kms', 'logs', 'sts', 'ecr.api', 'ecr.dkr'], sharing: 'zone-association', resolver: true },
    // The default config's hybrid shape: Direct Connect with a VPN backup. Summaries keep the hub constant
    // and under the 200 allowed prefixes; floating summaries on the customer gateway keep Direct Connect
    // preferred for every spoke range (intent I4 proves it).
    hybrid: { directConnect: true, vpn: true, allowedPrefixes: 'summaries', vpnRoutes: 'floating-summaries' },
    logDelivery: spokes + 1 > MAX_LOG_SOURCE_ACCOUNTS ? 'organization' : 'accounts',
    spokes: shapes.map((shape, i) => (dense ? { ...SHAPES[shape], prefix: 20 as const, slot: slots[i] >> 4, sub: slots[i] & 15 } : { ...SHAPES[shape], slot: slots[i] })),
  };
  return { spec, shapes };
}

/** landing-zone.yaml text with `spokes` spokes; the same seed always gives the same text. Spoke names end with their shape. */
export function generateConfig(spokes: number, seed = 1): string {
  const { spec, shapes } = generateSpec(spokes, seed);
  return renderConfig(spec, shapes);
}
