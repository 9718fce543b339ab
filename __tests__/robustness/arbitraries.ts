/**
 * fast-check arbitraries of valid landing zones, as `LandingZoneSpec`s (bench/landing-zone-spec.ts):
 * random segments with random reachability, isolation and central-egress settings, hub egress on or
 * off, shared endpoints with a random service set and DNS mode, optional Direct Connect and VPN (and,
 * with one of them, reachability to on-premises and the Resolver endpoints), and 1-20 spokes with random egress modes, NAT layouts, VPC sizes, subnet layouts
 * and features. Choices the config rules forbid are never drawn: each spoke picks only from what its
 * segment and the hub allow, which the comments below spell out.
 */
import fc from 'fast-check';
import { EndpointsChoice, HybridChoice, LandingZoneSpec, SegmentChoice, SpokeSpec } from '../../bench/landing-zone-spec';
import { ENDPOINT_CATALOG } from '../../lib/aws/endpoints';

const SPOKE_SEGMENTS = ['prod', 'nonprod', 'dev', 'data', 'edge', 'batch'] as const;
const SSM_TRIO = ['ssm', 'ssmmessages', 'ec2messages'];

/** The hub's choices; spokes are drawn against them. */
interface HubDraw {
  readonly segments: Record<string, SegmentChoice>;
  readonly spokeSegments: readonly string[];
  readonly centralEgress: boolean;
  readonly endpoints?: EndpointsChoice;
  readonly hybrid?: HybridChoice;
}

const hubArb: fc.Arbitrary<HubDraw> = fc
  .record({
    spokeSegments: fc.uniqueArray(fc.constantFrom(...SPOKE_SEGMENTS), { minLength: 1, maxLength: 4 }),
    endpointsSegment: fc.constantFrom('shared', 'services'),
    centralEgress: fc.boolean(),
    endpoints: fc.option(
      fc.record({
        services: fc.subarray(ENDPOINT_CATALOG.map((s) => s.name), { minLength: 1, maxLength: 12 }),
        trio: fc.boolean(),
        sharing: fc.constantFrom('zone-association' as const, 'route53-profile' as const),
        resolver: fc.boolean(),
      }),
      { nil: undefined },
    ),
    hybrid: fc.option(fc.record({ directConnect: fc.boolean(), vpn: fc.boolean(), allowedPrefixes: fc.constantFrom('auto' as const, 'summaries' as const) }), { nil: undefined }),
    // Per spoke segment: other segments it reaches (by index), onprem, isolation, central egress opt-out.
    links: fc.array(fc.record({ reach: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), onprem: fc.boolean(), isolate: fc.boolean(), noCentralEgress: fc.boolean() }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ spokeSegments, endpointsSegment, centralEgress, endpoints: drawnEndpoints, hybrid: drawnHybrid, links }) => {
    // On-premises exists only behind Direct Connect or a VPN: segments reach onprem, and the Resolver endpoints
    // forward there, only with one (`lz check` refutes a reach that nothing connects). With one, at least the first
    // segment reaches onprem (allowedPrefixes: auto would advertise nothing otherwise).
    // Direct Connect summaries with a VPN backup load (with a warning) but `lz check` refutes them: the VPN's
    // more specific routes would carry the traffic (intent I4). With both, the prefixes are `auto`.
    const hybrid =
      drawnHybrid && (drawnHybrid.directConnect || drawnHybrid.vpn)
        ? { ...drawnHybrid, allowedPrefixes: drawnHybrid.directConnect && drawnHybrid.vpn ? ('auto' as const) : drawnHybrid.allowedPrefixes }
        : undefined;
    const endpoints = drawnEndpoints && { ...drawnEndpoints, resolver: drawnEndpoints.resolver && !!hybrid };
    const segments: Record<string, SegmentChoice> = {};
    spokeSegments.forEach((name, i) => {
      const l = links[i];
      const reaches = [
        // Every spoke segment must reach the endpoints segment (endpointsSegmentReachable).
        ...(endpoints ? [endpointsSegment] : []),
        ...spokeSegments.filter((_, j) => j !== i && l.reach[j]),
        ...(hybrid && (l.onprem || i === 0) ? ['onprem'] : []),
      ];
      segments[name] = { reaches, ...(l.isolate ? { isolateAttachments: true } : {}), ...(l.noCentralEgress ? { centralEgress: false } : {}) };
    });
    // The Resolver endpoints need the endpoints segment to reach onprem (resolverReachesOnPremises); it is never isolated,
    // so spokes that join it reach the endpoints too.
    if (endpoints) segments[endpointsSegment] = { reaches: endpoints.resolver ? ['onprem'] : [] };
    const services = endpoints ? [...new Set([...endpoints.services, ...(endpoints.trio ? SSM_TRIO : [])])] : [];
    return {
      segments,
      spokeSegments: endpoints ? [...spokeSegments, endpointsSegment] : spokeSegments,
      centralEgress,
      endpoints: endpoints && { segment: endpointsSegment, services, sharing: endpoints.sharing, resolver: endpoints.resolver },
      hybrid,
    };
  });

/** One spoke's raw draws, resolved against the hub by {@link resolveSpoke}. */
const spokeDrawArb = fc.record({
  segment: fc.nat(),
  egress: fc.constantFrom('central' as const, 'local' as const, 'none' as const),
  nat: fc.constantFrom(undefined, 'single' as const, 'per-az' as const),
  zones: fc.constantFrom(2 as const, 3 as const),
  prefix: fc.constantFrom(16 as const, 20 as const),
  layout: fc.constantFrom('explicit' as const, 'tiers' as const),
  publicTier: fc.boolean(),
  alb: fc.boolean(),
  clientVpn: fc.boolean(),
  instanceConnect: fc.boolean(),
  ssm: fc.constantFrom(undefined, 'local' as const, 'central' as const),
});

type SpokeDraw = typeof spokeDrawArb extends fc.Arbitrary<infer T> ? T : never;

function resolveSpoke(hub: HubDraw, d: SpokeDraw, slot: number): SpokeSpec {
  const segment = hub.spokeSegments[d.segment % hub.spokeSegments.length];
  // Central egress needs the hub egress VPC and a segment that keeps its default route there (centralEgress).
  const centralAllowed = hub.centralEgress && hub.segments[segment].centralEgress !== false;
  const egress = d.egress === 'central' && !centralAllowed ? 'local' : d.egress;
  // NAT gateways need public subnets, one per AZ for per-az (natNeedsPublicSubnets); only local egress uses them.
  const natGateways = egress === 'local' && d.publicTier ? d.nat : undefined;
  // Central Session Manager endpoints need the hub to centralize all three services.
  const trio = SSM_TRIO.every((s) => hub.endpoints?.services.includes(s));
  const ssmEndpoints = d.ssm === 'central' && !trio ? undefined : d.ssm;
  return {
    segment,
    egress,
    ...(natGateways ? { natGateways } : {}),
    zones: d.zones,
    prefix: d.prefix,
    layout: d.layout,
    publicTier: d.publicTier,
    // An ALB needs public subnets in two AZs.
    alb: d.alb && d.publicTier,
    clientVpn: d.clientVpn,
    instanceConnect: d.instanceConnect,
    ...(ssmEndpoints ? { ssmEndpoints } : {}),
    slot,
  };
}

/** A valid landing zone with `minSpokes` to `maxSpokes` spokes. */
export function landingZoneSpecArb(minSpokes = 1, maxSpokes = 20): fc.Arbitrary<LandingZoneSpec> {
  return hubArb.chain((hub) =>
    fc
      .integer({ min: minSpokes, max: maxSpokes })
      .chain((n) => fc.tuple(fc.array(spokeDrawArb, { minLength: n, maxLength: n }), fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n })))
      .map(([draws, slots]) => ({
        name: 'prop',
        segments: hub.segments,
        centralEgress: hub.centralEgress,
        ...(hub.endpoints ? { endpoints: hub.endpoints } : {}),
        ...(hub.hybrid ? { hybrid: hub.hybrid } : {}),
        // With Direct Connect or a VPN the first spoke joins the first segment, which reaches onprem, so that
        // allowedPrefixes: auto has a range to advertise.
        spokes: draws.map((d, i) => resolveSpoke(hub, hub.hybrid && i === 0 ? { ...d, segment: 0 } : d, slots[i])),
      })),
  );
}

/**
 * Edits of a valid config towards and past the limits AWS puts on what the config derives: landing
 * zone and spoke names up to their schema maxima (so the load balancer, IAM role and bucket names
 * cross 32, 64 and 63 characters), names AWS reserves (`sg`, `internal`, `xn--`), tags up to 50 with
 * keys and values around 128 and 256 characters and characters AWS refuses, load balancer
 * certificates and web ACLs of the wrong Region or scope, plain HTTP with and without `httpOnly`, the
 * Terraform Cloud bootstrap with and without deployment roles, public IPs on launch, and a VIF
 * location that becomes a tag. Many results are invalid on purpose: the property is that whatever
 * `lz validate` accepts, `lz synth` builds.
 */
export interface NearLimitEdit {
  readonly name: string;
  /** Spoke name length per spoke position (names stay unique: `s<index>` padded with x). */
  readonly spokeNameLengths: readonly number[];
  /** Spoke names start with `<name>-`, so their VPC name tags drop the repetition. */
  readonly spokePrefixed: boolean;
  readonly tags: readonly (readonly [string, string])[];
  readonly alb: {
    readonly certificate: 'ok' | 'none' | 'http-only' | 'other-region' | 'both';
    readonly waf?: 'ok' | 'global' | 'other-region' | 'malformed';
    readonly emptyCidrs: boolean;
    readonly hostLength?: number;
  };
  readonly terraformCloud?: 'cloud' | 'bootstrap-roles' | 'bootstrap-default' | 'bootstrap-admin';
  readonly publicIpOnLaunch: boolean;
  readonly location?: string;
}

/** A string of `length` characters repeating `pattern`. */
const repeatTo = (pattern: string, length: number) => pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);

/** Tag text: mostly allowed characters (letters of any script, digits, spaces, _ . : / = + - @), sometimes one AWS refuses. */
const tagText = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.array(fc.constantFrom('a', 'Z', '9', ' ', '_', '.', ':', '/', '=', '+', '-', '@', '한', 'é'), { minLength: 1, maxLength: 4 }), fc.constantFrom(...Array<string>(20).fill(''), ',', '*', 'aws:'))
    .map(([length, units, odd]) => (odd === 'aws:' ? `aws:${repeatTo(units.join(''), Math.max(0, length - 4))}` : odd ? `${repeatTo(units.join(''), Math.max(0, length - 1))}${odd}` : repeatTo(units.join(''), length)));

/** Edits near and past the derived limits; apply with {@link applyNearLimitEdit}. */
export const nearLimitEditArb: fc.Arbitrary<NearLimitEdit> = fc.record({
  name: fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom('sg', 'internal', 'xn--lz', 'a') },
    { weight: 8, arbitrary: fc.integer({ min: 2, max: 20 }).map((n) => repeatTo('lz', n).replace(/-$/, 'z')) },
  ),
  spokeNameLengths: fc.array(fc.integer({ min: 4, max: 32 }), { minLength: 20, maxLength: 20 }),
  spokePrefixed: fc.boolean(),
  tags: fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.tuple(tagText(1, 130), tagText(0, 258)), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.integer({ min: 40, max: 50 }).map((n) => Array.from({ length: n }, (_, i) => [`Tag${i}`, 'v'] as const)) },
  ),
  alb: fc.record({
    certificate: fc.constantFrom('ok' as const, 'ok' as const, 'ok' as const, 'http-only' as const, 'http-only' as const, 'none' as const, 'other-region' as const, 'both' as const),
    waf: fc.constantFrom(undefined, undefined, undefined, 'ok' as const, 'ok' as const, 'global' as const, 'other-region' as const, 'malformed' as const),
    emptyCidrs: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    // 120 to 136 characters: the second label stays within 63, so only the 128-character limit is in play.
    hostLength: fc.option(fc.integer({ min: 120, max: 136 }), { nil: undefined }),
  }),
  terraformCloud: fc.constantFrom(undefined, undefined, 'cloud' as const, 'bootstrap-roles' as const, 'bootstrap-roles' as const, 'bootstrap-default' as const, 'bootstrap-admin' as const),
  publicIpOnLaunch: fc.boolean(),
  location: fc.constantFrom(undefined, undefined, undefined, 'KINX Seoul', repeatTo('Equinix ', 256).trimEnd(), 'KINX, Seoul'),
});

/** Applies an edit to config data built by `buildConfig` (bench/landing-zone-spec.ts), in place. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function applyNearLimitEdit(config: any, edit: NearLimitEdit): void {
  config.name = edit.name;
  config.tags = Object.fromEntries(edit.tags);
  const region = config.region as string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  config.spokes.forEach((s: any, i: number) => {
    const base = edit.spokePrefixed ? `${edit.name}-${s.name}` : s.name;
    s.name = repeatTo(`${base}${'x'.repeat(32)}`, Math.max(base.length, edit.spokeNameLengths[i % edit.spokeNameLengths.length])).slice(0, 32).replace(/-+$/, '');
    s.vpc.publicIpOnLaunch = edit.publicIpOnLaunch;
    const alb = s.alb;
    if (alb) {
      const cert = alb.certificateArn as string;
      if (edit.alb.certificate === 'none' || edit.alb.certificate === 'http-only') delete alb.certificateArn;
      if (edit.alb.certificate === 'http-only' || edit.alb.certificate === 'both') alb.httpOnly = { reason: 'TLS terminates at the CDN in front of this load balancer' };
      if (edit.alb.certificate === 'other-region') alb.certificateArn = cert.replace(`:${region}:`, ':us-east-1:');
      const waf = { ok: `arn:aws:wafv2:${region}:${s.account}:regional/webacl/site/0000`, global: `arn:aws:wafv2:us-east-1:${s.account}:global/webacl/site/0000`, 'other-region': `arn:aws:wafv2:us-east-1:${s.account}:regional/webacl/site/0000`, malformed: 'site-acl' } as const;
      if (edit.alb.waf) alb.wafAclArn = waf[edit.alb.waf];
      if (edit.alb.emptyCidrs) alb.allowedCidrs = [];
      if (edit.alb.hostLength) alb.hosts[0].host = `${repeatTo('a', 60)}.${repeatTo('b', edit.alb.hostLength - 73)}.example.com`;
    }
  });
  const vif = config.hub.directConnect?.virtualInterfaces?.[0];
  if (vif && edit.location !== undefined) vif.location = edit.location;
  const role = (account: string, name = 'network-deploy') => `arn:aws:iam::${account}:role/${name}`;
  if (edit.terraformCloud) {
    config.terraformCloud = { organization: 'acme', project: 'network', workspacePrefix: 'lz-', bootstrap: edit.terraformCloud !== 'cloud' };
    if (edit.terraformCloud === 'bootstrap-roles' || edit.terraformCloud === 'bootstrap-admin') {
      const name = edit.terraformCloud === 'bootstrap-admin' ? 'OrganizationAccountAccessRole' : undefined;
      config.hub.roleArn = role(config.hub.account, name);
      config.logArchive.roleArn = role(config.logArchive.account);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      for (const s of config.spokes as any[]) s.roleArn = role(s.account);
    }
  }
}
