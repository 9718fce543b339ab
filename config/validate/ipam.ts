/**
 * IPAM rules: the pool tree is well formed, and every spoke VPC range (written, or pinned from the
 * allocation file by config/ipam-allocation.ts) lies inside its segment's pool and its own pool's
 * allocation rules. Overlaps across the organization are `vpcRangesDisjoint`'s job: pinned ranges are
 * ordinary VPC ranges by the time the rules run.
 * Pools and locales: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateIpamPool.html
 */
import { KNOWN_REGIONS } from '../../lib/aws/regions';
import { contains, overlaps, parseCidr } from '../../lib/net/range';
import { ConfigIssue, didYouMean } from '../issues';
import { childPools, poolViews, segmentPool } from '../ipam-pools';
import type { LandingZoneConfig } from '../schema';
import { Rule } from './context';

/** Pool names unique, ranges valid, regions known, parents listed earlier and holding their children, siblings disjoint, allocation rules ordered, segments known. */
export const ipamPoolTree: Rule = ({ config }) => {
  const ipam = config.ipam;
  if (!ipam) return [];
  const issues: ConfigIssue[] = [];
  const views = poolViews(config);
  const segments = Object.keys(config.hub.transitGateway.segments);
  const segmentOwner = new Map<string, number>();
  ipam.pools.forEach((pool, i) => {
    const at = ['ipam', 'pools', i];
    const first = views.get(pool.name)!;
    if (first.index !== i) issues.push({ path: [...at, 'name'], value: pool.name, message: `is also the name of ipam.pools[${first.index}]`, fix: 'give every pool its own name' });
    const parsed = parseCidr(pool.cidr);
    if (!parsed.ok) issues.push({ path: [...at, 'cidr'], value: pool.cidr, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block such as 10.0.0.0/8' });
    if (pool.region !== undefined && !KNOWN_REGIONS.includes(pool.region)) {
      issues.push({ path: [...at, 'region'], value: pool.region, message: `is not a known AWS region${didYouMean(pool.region, KNOWN_REGIONS)}`, fix: `use a region code such as ${config.region}` });
    }
    // The parent: written (an override), else inferred as the smallest earlier pool holding this one (ipam-pools.ts).
    const parentName = first.index === i ? first.parent : pool.parent;
    if (parentName !== undefined) {
      const parent = views.get(parentName);
      if (pool.parent !== undefined && (!parent || parent.index >= i)) {
        const earlier = ipam.pools.slice(0, i).map((p) => p.name);
        issues.push({ path: [...at, 'parent'], value: pool.parent, message: parent ? 'is listed after this pool (or is this pool)' : `is not a pool${didYouMean(pool.parent, earlier)}`, fix: earlier.length ? `name a pool listed before it: ${earlier.join(', ')}` : 'list the parent pool first' });
      } else if (parent) {
        if (parsed.ok && parent.cidr && !contains(parent.cidr, parsed.cidr)) {
          issues.push({ path: [...at, 'cidr'], value: pool.cidr, message: `is outside its parent pool "${parent.pool.name}" (${parent.cidr.text})`, fix: 'pick a range inside the parent pool' });
        }
        // A child pool in another Region than its parent's locale cannot be created under it.
        if (pool.region !== undefined && parent.locale !== undefined && pool.region !== parent.locale) {
          issues.push({ path: [...at, 'region'], value: pool.region, message: `differs from the locale ${parent.locale} of its parent pool "${parent.pool.name}"`, fix: `remove region (the child takes ${parent.locale}) or carve the pool from a pool without a locale` });
        }
      }
    }
    // Siblings (same parent, or both top-level) must not overlap: IPAM refuses overlapping CIDRs in one pool.
    const sibling = parsed.ok && [...views.values()].find((o) => o.index < i && o.parent === parentName && o.pool.name !== pool.name && o.cidr !== undefined && overlaps(o.cidr, parsed.cidr));
    if (sibling) {
      issues.push({ path: [...at, 'cidr'], value: pool.cidr, message: `overlaps pool "${sibling.pool.name}" (${sibling.pool.cidr})`, fix: `give sibling pools disjoint ranges, or set parent: ${sibling.pool.name} if this pool is carved from it (without parent, a pool's parent is the smallest earlier pool holding its range)` });
    }
    const a = pool.allocation;
    if (a && !(a.min <= a.defaultPrefixLength && a.defaultPrefixLength <= a.max)) {
      issues.push({ path: [...at, 'allocation'], value: a, message: `must satisfy min <= defaultPrefixLength <= max (got ${a.min}, ${a.defaultPrefixLength}, ${a.max})`, fix: 'order them, e.g. { defaultPrefixLength: 20, min: 16, max: 24 }' });
    }
    if (a && parsed.ok && a.min < parsed.cidr.prefix) {
      issues.push({ path: [...at, 'allocation', 'min'], value: a.min, message: `is shorter than the pool itself (/${parsed.cidr.prefix}): no such allocation fits`, fix: `use ${parsed.cidr.prefix} or more` });
    }
    if (pool.segment !== undefined) {
      if (!segments.includes(pool.segment)) {
        issues.push({ path: [...at, 'segment'], value: pool.segment, message: `is not a segment of hub.transitGateway.segments${didYouMean(pool.segment, segments)}`, fix: `use one of: ${segments.join(', ')}` });
      } else if (segmentOwner.has(pool.segment)) {
        issues.push({ path: [...at, 'segment'], value: pool.segment, message: `already has pool ipam.pools[${segmentOwner.get(pool.segment)}]`, fix: 'give each segment at most one pool (carve child pools from it with parent)' });
      } else segmentOwner.set(pool.segment, i);
      // Spokes deploy in the landing zone region: their segment pool must be allocatable there.
      if (views.get(pool.name)?.locale !== config.region) {
        issues.push({ path: [...at, 'region'], value: pool.region, message: `makes the pool's locale ${views.get(pool.name)?.locale ?? '(none)'}, but the segment's VPCs are in ${config.region}`, fix: `remove region, or set it to ${config.region}` });
      }
    }
  });
  return issues;
};

/**
 * RAM shares the pools with the organization (its ARN needs the management account). A delegated IPAM
 * account is reached through an aliased provider of the hub stack with an assumed role; Terraform
 * Cloud dynamic credentials for it are not built yet, so that combination is refused.
 */
export const ipamAccount: Rule = ({ config }) => {
  const ipam = config.ipam;
  if (!ipam) return [];
  const issues: ConfigIssue[] = [];
  if (!config.organization.managementAccount) {
    issues.push({ path: ['organization', 'managementAccount'], value: undefined, message: 'is required with ipam: the pools are shared with the organization ARN, which names the management account', fix: 'add organization.managementAccount' });
  }
  if (ipam.account !== undefined && ipam.account !== config.hub.account && config.terraformCloud) {
    issues.push({ path: ['ipam', 'account'], value: ipam.account, message: 'is not the hub account, which the landing zone supports only with local state (Terraform Cloud dynamic credentials for a second account of the hub workspace are not built)', fix: 'remove ipam.account (the hub account owns the IPAM), or deploy without terraformCloud' });
  }
  if (ipam.roleArn !== undefined && (ipam.account === undefined || ipam.account === config.hub.account)) {
    issues.push({ path: ['ipam', 'roleArn'], value: ipam.roleArn, severity: 'warning', message: 'has no effect: the IPAM is in the hub account, created with the hub role', fix: 'remove it, or set ipam.account' });
  }
  return issues;
};

/**
 * Every spoke VPC lies inside its segment's pool (an explicit cidr outside it is an error); a VPC
 * taken from a pool lies inside that pool, clear of its child pools, with a prefix inside the pool's
 * min/max, and the pool's locale is the landing zone region (a VPC allocates only from a pool of its Region).
 */
export const spokeRangesInPools: Rule = ({ config, spokes }) => {
  const issues: ConfigIssue[] = [];
  const views = poolViews(config);
  for (const { spoke, path } of spokes) {
    const range = parseCidr(spoke.vpc.cidr);
    if (!range.ok) continue;
    const from = spoke.vpc.ipamPool;
    const at = from !== undefined ? [...path, 'vpc', 'ipamPool'] : [...path, 'vpc', 'cidr'];
    const what = from !== undefined ? `The allocation ${range.cidr.text} of spoke "${spoke.name}"` : undefined;
    const segPool = segmentPool(config, spoke.segment);
    const segRange = segPool && parseCidr(segPool.cidr);
    if (segPool && segRange?.ok && !contains(segRange.cidr, range.cidr)) {
      issues.push({
        path: at,
        value: from ?? spoke.vpc.cidr,
        message: `${what ? `takes ${range.cidr.text}, which is` : 'is'} outside the pool "${segPool.name}" (${segRange.cidr.text}) of segment "${spoke.segment}"`,
        fix: from !== undefined ? `use ipamPool: ${segPool.name} (or a child of it)` : `pick a range inside ${segRange.cidr.text}, or use ipamPool: ${segPool.name}`,
      });
    }
    const written = from === undefined ? segPool && views.get(segPool.name) : undefined;
    const wa = written?.pool.allocation;
    if (written && wa && segRange?.ok && contains(segRange.cidr, range.cidr) && (range.cidr.prefix < wa.min || range.cidr.prefix > wa.max)) {
      issues.push({ path: at, value: spoke.vpc.cidr, message: `is a /${range.cidr.prefix}, outside the allocation rules /${wa.min} to /${wa.max} of the pool "${segPool!.name}" of segment "${spoke.segment}"`, fix: `write a range with a prefix length from ${wa.min} to ${wa.max}, or use ipamPool: ${segPool!.name}` });
    }
    const view = from !== undefined ? views.get(from) : undefined;
    if (!view?.cidr) continue;
    if (!contains(view.cidr, range.cidr)) {
      issues.push({ path: at, value: from, message: `has the recorded allocation ${range.cidr.text}, outside the pool (${view.cidr.text})`, fix: 'delete the spoke\'s line from the allocation file and run lz ipam allocate (the VPC is then replaced)' });
      continue;
    }
    const child = childPools(config, from!).find((c) => ((p) => p.ok && overlaps(p.cidr, range.cidr))(parseCidr(c.cidr)));
    if (child) issues.push({ path: at, value: from, message: `has the allocation ${range.cidr.text}, which overlaps child pool "${child.name}" (${child.cidr})`, fix: 'delete the spoke\'s line from the allocation file and run lz ipam allocate, or allocate from the child pool' });
    const a = view.pool.allocation;
    if (a && (range.cidr.prefix < a.min || range.cidr.prefix > a.max)) {
      issues.push({ path: spoke.vpc.prefixLength !== undefined ? [...path, 'vpc', 'prefixLength'] : at, value: range.cidr.prefix, message: `is a /${range.cidr.prefix}, outside the pool "${from}" allocation rules /${a.min} to /${a.max}`, fix: `use a prefix length from ${a.min} to ${a.max}` });
    }
    if (view.locale !== config.region) {
      issues.push({ path: at, value: from, message: `has locale ${view.locale ?? '(none)'}, but a VPC in ${config.region} can only allocate from a pool whose locale is ${config.region}`, fix: `set region: ${config.region} on the pool (or a parent), or use a pool of that Region` });
    }
  }
  return issues;
};

/** Hub VPCs that join a segment: their range must lie in the segment's pool, like a spoke's. */
const hubSegmentVpcs = (config: LandingZoneConfig): { cidr: string; segment: string; path: (string | number)[] }[] =>
  config.hub.endpoints ? [{ cidr: config.hub.endpoints.cidr, segment: config.hub.endpoints.segment, path: ['hub', 'endpoints', 'cidr'] }] : [];

/** Every hub VPC that belongs to a segment (the endpoints VPC) lies inside the segment's pool. */
export const hubRangesInPools: Rule = ({ config }) => {
  const issues: ConfigIssue[] = [];
  for (const vpc of hubSegmentVpcs(config)) {
    const range = parseCidr(vpc.cidr);
    const segPool = segmentPool(config, vpc.segment);
    const segRange = segPool && parseCidr(segPool.cidr);
    if (!range.ok || !segPool || !segRange?.ok || contains(segRange.cidr, range.cidr)) continue;
    issues.push({ path: vpc.path, value: vpc.cidr, message: `is outside the pool "${segPool.name}" (${segRange.cidr.text}) of segment "${vpc.segment}"`, fix: `pick a range inside ${segRange.cidr.text}, or move the segment's pool` });
  }
  return issues;
};

/**
 * Ranges the landing zone uses without allocating them from IPAM (hub VPCs, on-premises ranges,
 * spokes with a written cidr) are reserved in the innermost allocatable pool that holds them (the
 * pools are shared with the whole organization; config/model.ts ipamReservations, constructs/ipam):
 * an allocation can reserve a range only inside one pool, so a range that overlaps an allocatable
 * pool without lying inside it is refused. https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html
 */
export const unreservedRangesOutsidePools: Rule = ({ config }) => {
  if (!config.ipam) return [];
  const allocatable = [...poolViews(config).values()].filter((v) => v.locale !== undefined && v.cidr);
  const issues: ConfigIssue[] = [];
  const ranges: { cidr: string; path: (string | number)[] }[] = [
    ...(['egress', 'endpoints', 'inspection'] as const).flatMap((k) => {
      const v = config.hub[k];
      return v ? [{ cidr: v.cidr, path: ['hub', k, 'cidr'] }] : [];
    }),
    ...config.onPremises.cidrs.map((cidr, i) => ({ cidr, path: ['onPremises', 'cidrs', i] })),
    ...config.spokes.flatMap((s, i) => (s.vpc.ipamPool || !s.vpc.cidr ? [] : [{ cidr: s.vpc.cidr, path: ['spokes', i, 'vpc', 'cidr'] }])),
  ];
  for (const r of ranges) {
    const range = parseCidr(r.cidr);
    if (!range.ok) continue;
    const straddled = allocatable.find((v) => overlaps(v.cidr!, range.cidr) && !contains(v.cidr!, range.cidr) && !contains(range.cidr, v.cidr!));
    const swallowed = allocatable.find((v) => contains(range.cidr, v.cidr!) && range.cidr.text !== v.cidr!.text);
    const pool = straddled ?? swallowed;
    if (!pool) continue;
    issues.push({
      path: r.path,
      value: r.cidr,
      message: straddled
        ? `overlaps allocatable pool ${pool.pool.name} (${pool.cidr!.text}) without lying inside it: IPAM cannot reserve it, so another account allocating from the shared pool could receive part of it`
        : `contains allocatable pool ${pool.pool.name} (${pool.cidr!.text}): every allocation from that shared pool would overlap it`,
      fix: 'carve it out of the pool or move it, so that it lies wholly inside one pool (it is then reserved there) or outside every allocatable pool',
    });
  }
  return issues;
};
