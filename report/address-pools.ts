/**
 * Address pools section: per IPAM pool the addresses allocated (child pools and the VPC ranges inside
 * it), free, the largest free block and the utilisation, and which spoke holds which range. The
 * ranges are the model's, so a pinned allocation (config/ipam-allocation.ts) shows exactly as the
 * spoke's VPC is synthesized.
 */
import { LandingZone } from '../config/model';
import { cidrOf, Cidr, contains, freeBlocks, size } from '../lib/net/range';
import { code, count, table } from './markdown';

/** One range a pool holds. */
export interface PoolHolder {
  /** `spoke shop-dev`, `pool nonprod`, `hub egress VPC`, `on-premises`. */
  readonly holder: string;
  readonly cidr: string;
  /** child pool; IPAM allocation (the VPC takes it from this pool); written (a range in the config that lies in the pool). */
  readonly kind: 'child pool' | 'IPAM allocation' | 'written';
}

/** One pool's usage. */
export interface PoolUsage {
  readonly pool: string;
  readonly cidr: string;
  readonly locale?: string;
  readonly segment?: string;
  readonly total: number;
  readonly allocated: number;
  readonly free: number;
  /** The largest free aligned block, or undefined when the pool is full. */
  readonly largestFree?: string;
  /** allocated / total, in percent with one decimal. */
  readonly utilisation: number;
  readonly holders: readonly PoolHolder[];
}

/**
 * Usage of every pool: a range counts in the innermost pool that holds it (a spoke inside the nonprod
 * child of org counts in nonprod, and org counts nonprod as its child pool).
 */
export function addressPools(lz: LandingZone): PoolUsage[] {
  const pools = lz.ipam?.pools ?? [];
  const ranges: { holder: string; cidr: Cidr; pool?: string }[] = [
    ...(lz.hub.egress ? [{ holder: 'hub egress VPC', cidr: cidrOf(lz.hub.egress.cidr) }] : []),
    ...(lz.hub.endpoints ? [{ holder: 'hub endpoints VPC', cidr: cidrOf(lz.hub.endpoints.cidr) }] : []),
    ...(lz.hub.inspection ? [{ holder: 'hub inspection VPC', cidr: cidrOf(lz.hub.inspection.cidr) }] : []),
    ...lz.onPremises.cidrs.map((c) => ({ holder: 'on-premises', cidr: cidrOf(c) })),
    ...lz.spokes.map((s) => ({ holder: `spoke ${s.name}`, cidr: cidrOf(s.vpc.cidr), pool: s.vpc.ipamPool })),
  ];
  return pools.map((p) => {
    const outer = cidrOf(p.cidr);
    const children = pools.filter((c) => c.parent === p.name).map((c) => ({ holder: `pool ${c.name}`, cidr: cidrOf(c.cidr) }));
    const inChild = (c: Cidr) => children.some((ch) => contains(ch.cidr, c));
    const holders: PoolHolder[] = [
      ...children.map((c) => ({ holder: c.holder, cidr: c.cidr.text, kind: 'child pool' as const })),
      ...ranges
        .filter((r) => (r.pool !== undefined ? r.pool === p.name : contains(outer, r.cidr) && !inChild(r.cidr)))
        .map((r) => ({ holder: r.holder, cidr: r.cidr.text, kind: r.pool !== undefined ? ('IPAM allocation' as const) : ('written' as const) })),
    ];
    const used = holders.map((h) => cidrOf(h.cidr));
    const allocated = used.reduce((n, c) => n + size(c), 0);
    const free = freeBlocks(outer, used).map(cidrOf);
    const largest = free.reduce<Cidr | undefined>((best, c) => (!best || c.prefix < best.prefix ? c : best), undefined);
    const total = size(outer);
    return {
      pool: p.name,
      cidr: outer.text,
      ...(p.locale && { locale: p.locale }),
      ...(p.segment && { segment: p.segment }),
      total,
      allocated,
      free: total - allocated,
      ...(largest && { largestFree: largest.text }),
      utilisation: Math.round((allocated / total) * 1000) / 10,
      holders,
    };
  });
}

/** The Address pools section. */
export function renderAddressPools(lz: LandingZone): string {
  if (!lz.ipam) return ['## Address pools', '', 'No IPAM pools: every VPC range is written in the config (`ipam` in docs/ipam.md).'].join('\n');
  const usage = addressPools(lz);
  const summary = table(
    ['pool', 'CIDR', 'locale', 'segment', 'addresses', 'allocated', 'free', 'largest free block', 'utilisation'],
    usage.map((u) => [code(u.pool), code(u.cidr), u.locale ?? '—', u.segment ?? '—', count(u.total), count(u.allocated), count(u.free), u.largestFree ? code(u.largestFree) : 'none', `${u.utilisation.toFixed(1)}%`]),
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left', 'right'],
  );
  const holders = table(
    ['pool', 'holder', 'CIDR', 'kind'],
    usage.flatMap((u) => u.holders.map((h) => [code(u.pool), h.holder, code(h.cidr), h.kind])),
  );
  return [
    '## Address pools',
    '',
    `Amazon VPC IPAM in account ${code(lz.ipam.account)}, operating in ${lz.ipam.operatingRegions.map(code).join(', ')}. A range counts in the innermost pool that holds it; IPAM allocations are pinned from the committed allocation file (docs/ipam.md).`,
    '',
    summary,
    '',
    holders,
  ].join('\n');
}
