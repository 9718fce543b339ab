/**
 * Facts about the IPAM pools of a config, in one home: each pool's effective locale, its parent and
 * children, and the segment pool of a segment. The rules (config/validate/ipam.ts), the allocator
 * (config/ipam-allocation.ts), the model and the report all ask here.
 *
 * Locale: only resources in the pool's locale (a Region) can allocate from it, and a VPC can only take
 * its CIDR from a pool whose locale is the VPC's Region; a pool without a locale only feeds child pools.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateIpamPool.html
 */
import { Cidr, contains, parseCidr } from '../lib/net/range';
import type { IpamPoolConfig, ParsedConfig } from './schema';

/** One pool with its parsed range and effective locale. */
export interface PoolView {
  readonly index: number;
  readonly pool: IpamPoolConfig;
  /** Undefined when the cidr does not parse (the rules report it). */
  readonly cidr?: Cidr;
  /** The Region VPCs allocate in: its own region, else its parent's locale, else (a segment pool) the landing zone region. */
  readonly locale?: string;
  /**
   * The pool it is carved from: `parent` when written (an explicit override), else the smallest pool listed
   * earlier whose range contains this one (the shape: `org`, then `apne2` inside it, then `prod`
   * inside that), else none (top-level).
   */
  readonly parent?: string;
}

/** The pools of a config by name (first of a duplicated name wins), in config order. */
export function poolViews(config: Pick<ParsedConfig, 'ipam' | 'region'>): Map<string, PoolView> {
  const out = new Map<string, PoolView>();
  (config.ipam?.pools ?? []).forEach((pool, index) => {
    if (out.has(pool.name)) return;
    const parsed = parseCidr(pool.cidr);
    const cidr = parsed.ok ? parsed.cidr : undefined;
    const parent = pool.parent ?? (cidr && enclosingPool([...out.values()], cidr));
    const parentLocale = parent ? out.get(parent)?.locale : undefined;
    const locale = pool.region ?? parentLocale ?? (pool.segment ? config.region : undefined);
    out.set(pool.name, { index, pool, cidr, locale, ...(parent !== undefined && { parent }) });
  });
  return out;
}

/** The pool a segment's VPCs must lie in (the first pool naming the segment), if any. */
export function segmentPool(config: Pick<ParsedConfig, 'ipam'>, segment: string): IpamPoolConfig | undefined {
  return config.ipam?.pools.find((p) => p.segment === segment);
}

/** The smallest of `earlier` whose range contains `cidr` (the first of equal size), if any. */
function enclosingPool(earlier: readonly PoolView[], cidr: Cidr): string | undefined {
  let best: PoolView | undefined;
  for (const v of earlier) {
    if (v.cidr && contains(v.cidr, cidr) && (!best || v.cidr.prefix > best.cidr!.prefix)) best = v;
  }
  return best?.pool.name;
}

/** Pools carved directly from `name` (written or inferred parent, see {@link PoolView.parent}). */
export function childPools(config: Pick<ParsedConfig, 'ipam' | 'region'>, name: string): IpamPoolConfig[] {
  return [...poolViews(config).values()].filter((v) => v.parent === name).map((v) => v.pool);
}

/** The prefix length a spoke takes from its pool: its own, else the pool's default; undefined when neither says. */
export function requestedPrefix(vpc: { readonly prefixLength?: number }, pool: IpamPoolConfig | undefined): number | undefined {
  return vpc.prefixLength ?? pool?.allocation?.defaultPrefixLength;
}
