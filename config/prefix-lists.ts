/**
 * The customer-managed prefix lists of `hub.transitGateway.prefixLists`: one home for their keys, names,
 * entries and max_entries, read by the hub stack (which creates them), the spoke stacks (which route to
 * them) and the quota rule (config/validate/prefix-lists.ts).
 *
 * - `internal`: hub.transitGateway.internalRanges, what every spoke and hub VPC routes to the Transit
 *   Gateway and what central-egress segments blackhole;
 * - `onprem`: onPremises.cidrs;
 * - `segment-<name>`: the range set of a segment, for security-group rules of workloads: its IPAM pool
 *   (`ipam.pools[].segment`) when it has one, so adding a spoke never changes the hub; otherwise the VPC
 *   ranges of its spokes, merged where adjacent (summarizeRanges), which a new spoke updates in place
 *   like `allowedPrefixes: auto`. The endpoints VPC joins the list of its segment either way.
 *
 * A reference to a list counts its max_entries, not its current entries, against the quota of the
 * referencing route table or security group, and a list holds at most QUOTAS.prefixListEntries
 * (lib/aws/quotas.ts).
 */
import { LandingZone, spareEntriesOf, summarizeRanges } from './model';
import { segmentPool } from './ipam-pools';
import { LandingZoneConfig } from './schema';

/** One prefix list to create. */
export interface PrefixListSpec {
  /** `internal`, `onprem` or `segment-<name>`: part of Terraform addresses and of the published key. */
  readonly key: string;
  /** `<landing zone>-<key>` (ModifyManagedPrefixList renames in place). */
  readonly name: string;
  /** CIDR blocks in address order. */
  readonly entries: readonly string[];
  /** entries + spareEntries, at least 1 (AWS requires max_entries ≥ 1). */
  readonly maxEntries: number;
}

/** What the plan needs: the same facts in config and model form. */
export interface PrefixListInput {
  readonly name: string;
  readonly internalRanges: readonly string[];
  readonly onPremises: readonly string[];
  readonly segments: readonly string[];
  /** Every VPC range of the landing zone with its segment (`hub`: the endpoints VPC, outside any pool). */
  readonly vpcs: readonly { readonly segment: string; readonly cidr: string; readonly hub?: boolean }[];
  /** The IPAM pool range of a segment, when one names it. */
  readonly segmentPools: Readonly<Record<string, string>>;
  readonly spareEntries: number;
}

/** Key of the internal-ranges list. */
export const INTERNAL_PREFIX_LIST = 'internal';
/** Key of the on-premises list. */
export const ON_PREMISES_PREFIX_LIST = 'onprem';
/** Key of a segment's list. */
export const segmentPrefixList = (segment: string): string => `segment-${segment}`;

/** The lists to create, internal first, then on-premises, then one per segment in config order. */
export function prefixListPlan(input: PrefixListInput): PrefixListSpec[] {
  const list = (key: string, entries: readonly string[]): PrefixListSpec => ({ key, name: `${input.name}-${key}`, entries, maxEntries: Math.max(1, entries.length + input.spareEntries) });
  return [
    list(INTERNAL_PREFIX_LIST, summarizeRanges(input.internalRanges)),
    list(ON_PREMISES_PREFIX_LIST, summarizeRanges(input.onPremises)),
    ...input.segments.map((s) => {
      const pool = input.segmentPools[s];
      const vpcs = input.vpcs.filter((v) => v.segment === s && (pool === undefined || v.hub));
      return list(segmentPrefixList(s), summarizeRanges([...(pool !== undefined ? [pool] : []), ...vpcs.map((v) => v.cidr)]));
    }),
  ];
}

/** The plan of a config that passed the schema (ranges that do not parse are left out: the CIDR rules report them); undefined when prefix lists are off. */
export function configPrefixLists(config: LandingZoneConfig, parses: (cidr: string) => boolean): PrefixListSpec[] | undefined {
  const spareEntries = spareEntriesOf(config.hub.transitGateway.prefixLists);
  if (spareEntries === undefined) return undefined;
  const ok = (cidrs: readonly string[]) => cidrs.filter(parses);
  const endpoints = config.hub.endpoints;
  return prefixListPlan({
    name: config.name,
    internalRanges: ok(config.hub.transitGateway.internalRanges),
    onPremises: ok(config.onPremises.cidrs),
    segments: Object.keys(config.hub.transitGateway.segments),
    vpcs: [...(endpoints && parses(endpoints.cidr) ? [{ segment: endpoints.segment, cidr: endpoints.cidr, hub: true }] : []), ...config.spokes.filter((s) => s.vpc.cidr !== undefined && parses(s.vpc.cidr)).map((s) => ({ segment: s.segment, cidr: s.vpc.cidr! }))],
    segmentPools: Object.fromEntries(Object.keys(config.hub.transitGateway.segments).flatMap((s) => {
      const pool = segmentPool(config, s);
      return pool && parses(pool.cidr) ? [[s, pool.cidr]] : [];
    })),
    spareEntries,
  });
}

/** The plan of the stack-ready model; undefined when prefix lists are off. */
export function landingZonePrefixLists(lz: LandingZone): PrefixListSpec[] | undefined {
  const spareEntries = lz.hub.transitGateway.prefixLists?.spareEntries;
  if (spareEntries === undefined) return undefined;
  const endpoints = lz.hub.endpoints;
  return prefixListPlan({
    name: lz.name,
    internalRanges: lz.hub.transitGateway.internalRanges,
    onPremises: lz.onPremises.cidrs,
    segments: lz.hub.transitGateway.segments.map((s) => s.name),
    vpcs: [...(endpoints ? [{ segment: endpoints.segment, cidr: endpoints.cidr, hub: true }] : []), ...lz.spokes.map((s) => ({ segment: s.segment, cidr: s.vpc.cidr }))],
    // The first pool naming the segment, as config/ipam-pools.ts segmentPool decides.
    segmentPools: Object.fromEntries(lz.hub.transitGateway.segments.flatMap((s) => {
      const pool = lz.ipam?.pools.find((p) => p.segment === s.name);
      return pool ? [[s.name, pool.cidr]] : [];
    })),
    spareEntries,
  });
}
