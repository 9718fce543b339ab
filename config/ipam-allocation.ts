/**
 * Deterministic IPAM allocation, recorded in a committed file beside the config.
 *
 * Why pin instead of proving on the pool range: the real range of a VPC that asks IPAM for "a /20
 * from pool prod" is only known after apply, but every offline proof of this project (overlaps,
 * Direct Connect prefixes, reachability over cdktf.out, the report) needs the VPC's exact range.
 * Proving on the whole pool range would be sound for containment but not for overlap (two spokes of
 * one pool would both "be" the pool) nor for Direct Connect specificity. So `lz ipam allocate` picks
 * the lowest free aligned block of the pool, records it (spoke → pool → cidr) in
 * `<config>.allocations.yaml`, and the VPC asks IPAM for exactly that CIDR (`ipv4_ipam_pool_id` +
 * `cidr_block`). A recorded allocation never moves: a new spoke takes a free block, and a removed
 * spoke's block stays reserved until a person deletes its line. `lz synth` records missing allocations
 * (and says so: commit the file); validate and check only preview them (a warning); a CI pipeline that
 * must not write runs `lz synth --frozen-allocations`, where a missing allocation is an error.
 * docs/ipam.md explains the workflow.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import { AddressRange, allocate, Cidr, cidrOf, overlaps, parseCidr } from '../lib/net/range';
import { ConfigIssue, LocatedIssue } from './issues';
import { childPools, poolViews, requestedPrefix } from './ipam-pools';
import type { LandingZoneConfig, ParsedConfig, SpokeConfig } from './schema';

/** The command that records new allocations (named in every "no allocation" error). */
const ALLOCATE_COMMAND = 'lz ipam allocate';

/** `examples/ipam.yaml` → `examples/ipam.allocations.yaml`: one allocation file per config, beside it. */
export function allocationFileFor(configFile: string): string {
  const dir = path.dirname(configFile);
  const base = path.basename(configFile).replace(/\.ya?ml$/i, '');
  return path.join(dir, `${base}.allocations.yaml`);
}

/** Whether a file name is an allocation file (`*.allocations.yaml`), not a config: directory scans of configs skip it. */
export const isAllocationFile = (file: string): boolean => /\.allocations\.yaml$/i.test(file);

/** One recorded allocation: a spoke's VPC range, taken from a pool. */
export interface Allocation {
  readonly spoke: string;
  readonly pool: string;
  readonly cidr: string;
}

/** The allocation file as read: its entries in recorded order, and problems located in it. */
export interface RecordedAllocations {
  readonly allocations: readonly Allocation[];
  readonly issues: readonly LocatedIssue[];
}

/** Reads an allocation file; a missing file holds no allocation. */
export function readAllocations(file: string): RecordedAllocations {
  if (!existsSync(file)) return { allocations: [], issues: [] };
  return parseAllocations(readFileSync(file, 'utf8'), file);
}

/** Parses allocation-file text: `allocations: [{ spoke, pool, cidr }, ...]`. */
export function parseAllocations(text: string, file: string): RecordedAllocations {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const at = (offset: number | undefined) => {
    const pos = counter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  const issues: LocatedIssue[] = [];
  if (doc.errors.length > 0) {
    return { allocations: [], issues: [{ ...at(doc.errors[0].pos[0]), path: [], value: undefined, message: `is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, fix: `fix the YAML, or delete the file and run ${ALLOCATE_COMMAND}` }] };
  }
  const root = doc.contents;
  const list = isMap(root) ? root.get('allocations', true) : undefined;
  if (root !== null && root !== undefined && !(isMap(root) && (list === undefined || list === null || isSeq(list)))) {
    return { allocations: [], issues: [{ ...at(0), path: ['allocations'], value: undefined, message: 'is not a list of { spoke, pool, cidr }', fix: `write allocations: [...] as ${ALLOCATE_COMMAND} does` }] };
  }
  const allocations: Allocation[] = [];
  const ranges: Cidr[] = [];
  const seen = new Map<string, number>();
  (isSeq(list) ? list.items : []).forEach((item, i) => {
    const where = at(isMap(item) || isScalar(item) ? item.range?.[0] : undefined);
    const value = isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined;
    const fields = ['spoke', 'pool', 'cidr'] as const;
    if (!value || fields.some((f) => typeof value[f] !== 'string')) {
      issues.push({ ...where, path: ['allocations', i], value, message: 'is not a { spoke, pool, cidr } entry', fix: 'write all three as strings, or delete the line' });
      return;
    }
    const entry = { spoke: value.spoke as string, pool: value.pool as string, cidr: value.cidr as string };
    const parsed = parseCidr(entry.cidr);
    if (!parsed.ok) {
      issues.push({ ...where, path: ['allocations', i, 'cidr'], value: entry.cidr, message: parsed.reason, fix: `restore the recorded block, or delete the line and run ${ALLOCATE_COMMAND}` });
      return;
    }
    if (seen.has(entry.spoke)) {
      issues.push({ ...where, path: ['allocations', i, 'spoke'], value: entry.spoke, message: `is recorded twice (first as allocations[${seen.get(entry.spoke)}])`, fix: 'keep one line per spoke' });
      return;
    }
    const clashIndex = ranges.findIndex((r) => overlaps(r, parsed.cidr));
    const clash = clashIndex >= 0 ? allocations[clashIndex] : undefined;
    if (clash) {
      issues.push({ ...where, path: ['allocations', i, 'cidr'], value: entry.cidr, message: `overlaps ${clash.cidr} recorded for spoke "${clash.spoke}"`, fix: `delete one of the two lines and run ${ALLOCATE_COMMAND}` });
      return;
    }
    seen.set(entry.spoke, i);
    ranges.push(parsed.cidr);
    allocations.push({ ...entry, cidr: parsed.cidr.text });
  });
  return { allocations, issues };
}

/** The allocation file text for these allocations, in recorded order. */
export function renderAllocations(allocations: readonly Allocation[]): string {
  const header = [
    `# IPAM allocations, written by \`${ALLOCATE_COMMAND}\`: commit this file with the config.`,
    '# A recorded block never moves (changing it replaces the VPC). Deleting the line of a removed spoke',
    '# frees its block for the next allocation. docs/ipam.md',
  ].join('\n');
  return `${header}\n${stringify({ allocations: allocations.map((a) => ({ spoke: a.spoke, pool: a.pool, cidr: a.cidr })) }, { collectionStyle: 'block', flowCollectionPadding: true })}`;
}

/** One allocation a spoke asks for: its pool and prefix length. */
export interface AllocationRequest {
  readonly spoke: string;
  readonly pool: string;
  readonly prefix: number;
}

/** A pool as the allocator sees it. */
export interface AllocatorPool {
  readonly name: string;
  readonly cidr: Cidr;
  /** Child pools' ranges: allocated to the child, never to a VPC of this pool. */
  readonly children: readonly AddressRange[];
}

/**
 * Allocates each request, in order, the lowest free block of its prefix aligned on its size inside its
 * pool, clear of the recorded allocations, the pool's children, `reserved` (ranges written in the
 * config: hub VPCs, on-premises, explicit spoke VPCs) and the blocks given before it. Pure and
 * deterministic: the same input gives the same output. A request that finds no room is returned in
 * `failures`.
 */
export function allocateRequests(
  pools: ReadonlyMap<string, AllocatorPool>,
  recorded: readonly Allocation[],
  reserved: readonly AddressRange[],
  requests: readonly AllocationRequest[],
): { added: Allocation[]; failures: AllocationRequest[] } {
  const used: AddressRange[] = [...reserved, ...recorded.flatMap((a) => { const p = parseCidr(a.cidr); return p.ok ? [p.cidr] : []; })];
  const added: Allocation[] = [];
  const failures: AllocationRequest[] = [];
  for (const request of requests) {
    const pool = pools.get(request.pool);
    const block = pool && request.prefix >= pool.cidr.prefix ? allocate(pool.cidr, request.prefix, [...used, ...pool.children]) : undefined;
    if (!block) {
      failures.push(request);
      continue;
    }
    used.push(block);
    added.push({ spoke: request.spoke, pool: request.pool, cidr: block.text });
  }
  return { added, failures };
}

/** What pinning produced: the config with every VPC range known, or the problems that stop it. */
export interface PinResult {
  /** The config with IPAM spokes' cidr set from their allocation (undefined when `issues` has errors). */
  readonly config?: LandingZoneConfig;
  /** Problems in the config (paths into it). */
  readonly issues: readonly ConfigIssue[];
  /** Every allocation after pinning: the recorded ones, then the new ones (not recorded yet without `allocate`). */
  readonly allocations: readonly Allocation[];
  /** Allocations made now (to record with `allocate`; a preview otherwise). */
  readonly added: readonly Allocation[];
}

/** Options of {@link pinAllocations}. */
export interface PinOptions {
  /** Allocate spokes without a recorded allocation to record them (`lz ipam allocate`, `lz synth`). */
  readonly allocate?: boolean;
  /** A spoke without a recorded allocation is an error (`lz synth --frozen-allocations`). Without `allocate` or `frozen` (validate, check), the range it would take is pinned for this run with a warning. */
  readonly frozen?: boolean;
  /** The allocation file's name, for messages. */
  readonly allocationFile: string;
  /** The config file's name, for the command in messages. */
  readonly configFile: string;
}

/** Ranges written in the config that no allocation may take: hub VPCs, on-premises, explicit spoke VPCs. */
function writtenRanges(config: ParsedConfig): Cidr[] {
  const texts = [config.hub.egress?.cidr, config.hub.endpoints?.cidr, config.hub.inspection?.cidr, ...config.onPremises.cidrs, ...config.spokes.map((s) => s.vpc.cidr)];
  return texts.flatMap((t) => {
    const p = t === undefined ? undefined : parseCidr(t);
    return p?.ok ? [p.cidr] : [];
  });
}

/** The pools as the allocator sees them (pools whose range does not parse are left out: the rules report them). */
function allocatorPools(config: Pick<ParsedConfig, 'ipam' | 'region'>): Map<string, AllocatorPool> {
  const views = poolViews(config);
  const out = new Map<string, AllocatorPool>();
  for (const [name, view] of views) {
    if (!view.cidr) continue;
    const children = childPools(config, name).flatMap((c) => {
      const p = parseCidr(c.cidr);
      return p.ok ? [p.cidr] : [];
    });
    out.set(name, { name, cidr: view.cidr, children });
  }
  return out;
}

/**
 * Sets each IPAM spoke's `vpc.cidr` from its recorded allocation, so every rule, the model and the
 * analysis see the exact range. A spoke with `ipamPool` and no recorded allocation is allocated here
 * (to record with `allocate`, else as a preview with a warning), or an error naming {@link ALLOCATE_COMMAND} with `frozen`.
 */
export function pinAllocations(parsed: ParsedConfig, recorded: readonly Allocation[], options: PinOptions): PinResult {
  const issues: ConfigIssue[] = [];
  const bySpoke = new Map(recorded.map((a) => [a.spoke, a]));
  const pools = poolViews(parsed);
  const requests: AllocationRequest[] = [];
  const command = `${ALLOCATE_COMMAND} --config ${options.configFile}`;
  parsed.spokes.forEach((spoke, i) => {
    const at = ['spokes', i, 'vpc'];
    const { cidr, ipamPool } = spoke.vpc;
    if (cidr !== undefined && ipamPool !== undefined) {
      issues.push({ path: [...at, 'ipamPool'], value: ipamPool, message: `is given together with cidr ${cidr}`, fix: 'keep one: cidr for a range you choose, ipamPool for one taken from the pool' });
      return;
    }
    if (ipamPool === undefined) {
      if (cidr === undefined) issues.push({ path: at, value: undefined, message: 'has neither cidr nor ipamPool', fix: 'add cidr (e.g. 172.16.0.0/16) or ipamPool (a pool of ipam.pools)' });
      return;
    }
    const view = pools.get(ipamPool);
    if (!parsed.ipam || !view) {
      const known = [...pools.keys()];
      issues.push({ path: [...at, 'ipamPool'], value: ipamPool, message: parsed.ipam ? 'is not a pool of ipam.pools' : 'names a pool, but the config has no ipam section', fix: known.length ? `use one of: ${known.join(', ')}` : 'add ipam.pools, or give the VPC a cidr' });
      return;
    }
    const prefix = requestedPrefix(spoke.vpc, view.pool);
    const own = bySpoke.get(spoke.name);
    if (own) {
      if (own.pool !== ipamPool) {
        issues.push({ path: [...at, 'ipamPool'], value: ipamPool, message: `differs from pool "${own.pool}" recorded for this spoke (${own.cidr}) in ${options.allocationFile}`, fix: `a recorded range never moves: set ipamPool back to "${own.pool}", or delete the spoke's line (its VPC is then replaced) and run ${command}` });
      } else if (spoke.vpc.prefixLength !== undefined && cidrOf(own.cidr).prefix !== spoke.vpc.prefixLength) {
        issues.push({ path: [...at, 'prefixLength'], value: spoke.vpc.prefixLength, message: `differs from the recorded allocation ${own.cidr} in ${options.allocationFile}`, fix: `a recorded range never moves: remove prefixLength or set it to match, or delete the spoke's line (its VPC is then replaced) and run ${command}` });
      }
      return;
    }
    if (prefix === undefined) {
      issues.push({ path: [...at, 'ipamPool'], value: ipamPool, message: `needs a prefix length: the pool "${ipamPool}" has no allocation.defaultPrefixLength`, fix: 'add vpc.prefixLength, or allocation.defaultPrefixLength to the pool' });
      return;
    }
    if (options.frozen) {
      issues.push({ path: [...at, 'ipamPool'], value: ipamPool, message: `has no recorded allocation for spoke "${spoke.name}" in ${options.allocationFile}`, fix: `run \`${command}\` (or lz synth without --frozen-allocations) and commit ${options.allocationFile}` });
      return;
    }
    requests.push({ spoke: spoke.name, pool: ipamPool, prefix });
  });
  const { added, failures } = allocateRequests(allocatorPools(parsed), recorded, writtenRanges(parsed), requests);
  for (const f of failures) {
    const i = parsed.spokes.findIndex((s) => s.name === f.spoke);
    issues.push({ path: ['spokes', i, 'vpc', 'ipamPool'], value: f.pool, message: `has no free /${f.prefix} left for spoke "${f.spoke}"`, fix: 'use a smaller prefixLength, another pool, or delete allocations of removed spokes' });
  }
  if (!options.allocate && !options.frozen) {
    // Preview (validate, check): the range the next `lz synth` or `lz ipam allocate` records, so every other rule still runs.
    for (const a of added) {
      const i = parsed.spokes.findIndex((s) => s.name === a.spoke);
      issues.push({ path: ['spokes', i, 'vpc', 'ipamPool'], value: a.pool, severity: 'warning', message: `has no allocation in ${options.allocationFile} (not recorded yet: lz synth or lz ipam allocate will record ${a.cidr})`, fix: `run lz synth or ${command}, and commit ${options.allocationFile}` });
    }
  }
  const allocations = [...recorded, ...added];
  if (issues.some((i) => i.severity !== 'warning')) return { issues, allocations, added };
  const allocatedCidr = new Map(allocations.map((a) => [a.spoke, a.cidr]));
  const spokes: SpokeConfig[] = parsed.spokes.map((s) => ({ ...s, vpc: { ...s.vpc, cidr: s.vpc.cidr ?? allocatedCidr.get(s.name)! } }));
  return { config: { ...parsed, spokes }, issues, allocations, added };
}

/** Recorded allocations whose spoke is gone: their blocks stay reserved until their lines are deleted. */
export function orphanAllocations(config: Pick<ParsedConfig, 'spokes'>, recorded: readonly Allocation[]): Allocation[] {
  const names = new Set(config.spokes.map((s) => s.name));
  return recorded.filter((a) => !names.has(a.spoke));
}
