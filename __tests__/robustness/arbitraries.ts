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
import { ENDPOINT_CATALOG } from '../../config/endpoint-catalog';

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
