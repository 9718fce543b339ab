import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Allocation, allocateRequests, allocationFileFor, AllocatorPool, parseAllocations, renderAllocations } from '../../config/ipam-allocation';
import { ConfigError } from '../../config/issues';
import { loadConfig, parseConfig } from '../../config/load';
import { cidrOf, contains, overlaps } from '../../lib/net/range';
import { configText, FILE, RawConfig } from '../helpers/config';

/** The default config with a nonprod pool and shop-dev taking its range from it. */
function withPool(mutate: (c: RawConfig) => void = () => undefined): string {
  return configText((c) => {
    c.ipam = {
      pools: [
        { name: 'org', cidr: '172.16.0.0/12' },
        { name: 'nonprod', parent: 'org', segment: 'nonprod', cidr: '172.20.0.0/14', allocation: { defaultPrefixLength: 20, min: 16, max: 24 } },
      ],
    };
    const dev = c.spokes.find((s: RawConfig) => s.name === 'shop-dev');
    delete dev.vpc.cidr;
    dev.vpc.ipamPool = 'nonprod';
    dev.vpc.prefixLength = 16;
    mutate(c);
  });
}

/** A nonprod spoke that takes the pool's default /20. */
const extraSpoke = (name: string, account: string): RawConfig => ({
  name,
  account,
  segment: 'nonprod',
  vpc: { ipamPool: 'nonprod', availabilityZones: ['ap-northeast-2a', 'ap-northeast-2c'], tiers: { app: { prefixLength: 23, count: 2 }, db: { prefixLength: 24, count: 2 } } },
});

const recorded = (allocations: Allocation[]) => ({ allocations, issues: [] });

describe('allocationFileFor', () => {
  it('puts the file beside the config, named after it', () => {
    expect(allocationFileFor('examples/ipam.yaml')).toBe('examples/ipam.allocations.yaml');
    expect(allocationFileFor('landing-zone.yml')).toBe('landing-zone.allocations.yaml');
  });
});

describe('pinning at load time', () => {
  it('previews a missing allocation as a warning with the range it would record, and goes on validating', () => {
    const loaded = parseConfig(withPool(), FILE, { allocations: recorded([]) });
    expect(loaded.landingZone.spokes.find((s) => s.name === 'shop-dev')!.vpc.cidr).toBe('172.20.0.0/16');
    const warning = loaded.warnings.find((w) => w.path.join('.') === 'spokes.1.vpc.ipamPool')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toBe('has no allocation in landing-zone.allocations.yaml (not recorded yet: lz synth or lz ipam allocate will record 172.20.0.0/16)');
    expect(loaded.ipamAllocations.added).toEqual([{ spoke: 'shop-dev', pool: 'nonprod', cidr: '172.20.0.0/16' }]);
  });

  it('fails a spoke without a recorded allocation when frozen, naming the command and the file', () => {
    let error: unknown;
    try {
      parseConfig(withPool(), FILE, { allocations: recorded([]), frozen: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const [issue] = (error as ConfigError).issues;
    expect(issue.path).toEqual(['spokes', 1, 'vpc', 'ipamPool']);
    expect(issue.message).toBe('has no recorded allocation for spoke "shop-dev" in landing-zone.allocations.yaml');
    expect(issue.fix).toBe('run `lz ipam allocate --config landing-zone.yaml` (or lz synth without --frozen-allocations) and commit landing-zone.allocations.yaml');
  });

  it('pins the VPC to its recorded range, which the model and every rule then see', () => {
    const loaded = parseConfig(withPool(), FILE, { allocations: recorded([{ spoke: 'shop-dev', pool: 'nonprod', cidr: '172.20.0.0/16' }]) });
    const dev = loaded.landingZone.spokes.find((s) => s.name === 'shop-dev')!;
    expect(dev.vpc.cidr).toBe('172.20.0.0/16');
    expect(dev.vpc.ipamPool).toBe('nonprod');
    expect(loaded.ipamAllocations.added).toEqual([]);
  });

  it('allocates the lowest free aligned block with allocate, clear of written ranges', () => {
    // shop-prod's written 172.16.0.0/16 sits in org, not nonprod; a written range inside nonprod is skipped.
    const text = withPool((c) => c.spokes.push({ ...extraSpoke('shop-qa', '555555555555'), vpc: { ...extraSpoke('x', '1').vpc, ipamPool: undefined, cidr: '172.20.0.0/20' } }));
    const loaded = parseConfig(text, FILE, { allocations: recorded([]), allocate: true });
    expect(loaded.ipamAllocations.added).toEqual([{ spoke: 'shop-dev', pool: 'nonprod', cidr: '172.21.0.0/16' }]);
  });

  it('is deterministic: the same config gives the same allocations', () => {
    const text = withPool((c) => c.spokes.push(extraSpoke('shop-qa', '555555555555')));
    const a = parseConfig(text, FILE, { allocations: recorded([]), allocate: true }).ipamAllocations.all;
    const b = parseConfig(text, FILE, { allocations: recorded([]), allocate: true }).ipamAllocations.all;
    expect(a).toEqual(b);
    expect(a).toEqual([
      { spoke: 'shop-dev', pool: 'nonprod', cidr: '172.20.0.0/16' },
      { spoke: 'shop-qa', pool: 'nonprod', cidr: '172.21.0.0/20' },
    ]);
  });

  it('never moves a recorded allocation when a spoke is added before it', () => {
    const first = parseConfig(withPool(), FILE, { allocations: recorded([]), allocate: true }).ipamAllocations.all;
    // The new spoke comes first in the file and would have taken 172.20.0.0 on a fresh allocation.
    const text = withPool((c) => c.spokes.splice(0, 0, extraSpoke('shop-qa', '555555555555')));
    const second = parseConfig(text, FILE, { allocations: recorded([...first]), allocate: true }).ipamAllocations;
    expect(second.all[0]).toEqual(first[0]);
    expect(second.added).toEqual([{ spoke: 'shop-qa', pool: 'nonprod', cidr: '172.21.0.0/20' }]);
  });

  it('keeps a removed spoke\'s block reserved until its line is deleted', () => {
    const gone: Allocation = { spoke: 'shop-old', pool: 'nonprod', cidr: '172.20.0.0/16' };
    const kept = parseConfig(withPool(), FILE, { allocations: recorded([gone]), allocate: true });
    expect(kept.ipamAllocations.added).toEqual([{ spoke: 'shop-dev', pool: 'nonprod', cidr: '172.21.0.0/16' }]);
    expect(kept.warnings.map((w) => w.message)).toContain('is no longer a spoke, but landing-zone.allocations.yaml still reserves 172.20.0.0/16 of pool "nonprod" for it');
    const freed = parseConfig(withPool(), FILE, { allocations: recorded([]), allocate: true });
    expect(freed.ipamAllocations.added).toEqual([{ spoke: 'shop-dev', pool: 'nonprod', cidr: '172.20.0.0/16' }]);
  });

  it('refuses a spoke whose pool differs from the recorded one', () => {
    expect(() => parseConfig(withPool(), FILE, { allocations: recorded([{ spoke: 'shop-dev', pool: 'org', cidr: '172.20.0.0/16' }]) })).toThrow(
      'differs from pool "org" recorded for this spoke (172.20.0.0/16) in landing-zone.allocations.yaml',
    );
  });

  it('refuses a prefixLength that differs from the recorded block', () => {
    expect(() => parseConfig(withPool((c) => (c.spokes[1].vpc.prefixLength = 18)), FILE, { allocations: recorded([{ spoke: 'shop-dev', pool: 'nonprod', cidr: '172.20.0.0/16' }]) })).toThrow(
      'differs from the recorded allocation 172.20.0.0/16 in landing-zone.allocations.yaml',
    );
  });

  it('refuses cidr and ipamPool together, and neither', () => {
    expect(() => parseConfig(withPool((c) => (c.spokes[1].vpc.cidr = '172.20.0.0/16')), FILE, { allocations: recorded([]) })).toThrow('is given together with cidr 172.20.0.0/16');
    expect(() => parseConfig(withPool((c) => delete c.spokes[1].vpc.ipamPool), FILE, { allocations: recorded([]) })).toThrow('has neither cidr nor ipamPool');
  });

  it('refuses an unknown pool and a pool without ipam', () => {
    expect(() => parseConfig(withPool((c) => (c.spokes[1].vpc.ipamPool = 'nonprd')), FILE, { allocations: recorded([]) })).toThrow('is not a pool of ipam.pools');
    expect(() => parseConfig(withPool((c) => delete c.ipam), FILE, { allocations: recorded([]) })).toThrow('names a pool, but the config has no ipam section');
  });

  it('reports a pool without room', () => {
    const text = withPool((c) => {
      c.ipam.pools[1].cidr = '172.20.0.0/16';
      c.spokes.push(extraSpoke('shop-qa', '555555555555'));
    });
    expect(() => parseConfig(text, FILE, { allocations: recorded([]), allocate: true })).toThrow('has no free /20 left for spoke "shop-qa"');
  });
});

describe('the allocation file', () => {
  it('round-trips through render and parse', () => {
    const all: Allocation[] = [
      { spoke: 'a', pool: 'p', cidr: '10.0.0.0/16' },
      { spoke: 'b', pool: 'p', cidr: '10.1.0.0/20' },
    ];
    expect(parseAllocations(renderAllocations(all), 'f.yaml')).toEqual({ allocations: all, issues: [] });
  });

  it('refuses a spoke recorded twice and overlapping blocks, at their line', () => {
    const text = 'allocations:\n  - { spoke: a, pool: p, cidr: 10.0.0.0/16 }\n  - { spoke: a, pool: p, cidr: 10.1.0.0/16 }\n  - { spoke: b, pool: p, cidr: 10.0.16.0/20 }\n';
    const { issues } = parseAllocations(text, 'f.yaml');
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [3, 'is recorded twice (first as allocations[0])'],
      [4, 'overlaps 10.0.0.0/16 recorded for spoke "a"'],
    ]);
  });

  it('refuses an entry that is not { spoke, pool, cidr } and a bad cidr', () => {
    const { issues } = parseAllocations('allocations:\n  - { spoke: a, pool: p }\n  - { spoke: b, pool: p, cidr: 10.0.0.1/16 }\n', 'f.yaml');
    expect(issues.map((i) => i.path)).toEqual([['allocations', 0], ['allocations', 1, 'cidr']]);
  });

  it('the example config loads with its committed allocation file', () => {
    const loaded = loadConfig('examples/ipam.yaml');
    const committed = parse(readFileSync('examples/ipam.allocations.yaml', 'utf8')).allocations;
    expect(loaded.ipamAllocations.all).toEqual(committed);
    expect(loaded.landingZone.spokes.filter((s) => s.vpc.ipamPool).map((s) => [s.name, s.vpc.cidr])).toEqual(committed.map((a: Allocation) => [a.spoke, a.cidr]));
  });
});

describe('allocateRequests (property)', () => {
  it('gives disjoint, aligned blocks inside their pool, of the asked prefix, clear of reserved ranges and children', () => {
    const arb = fc.record({
      poolPrefix: fc.integer({ min: 8, max: 20 }),
      poolIndex: fc.integer({ min: 0, max: 15 }),
      child: fc.boolean(),
      reservedCount: fc.integer({ min: 0, max: 3 }),
      requests: fc.array(fc.record({ extra: fc.integer({ min: 0, max: 8 }), pool: fc.constantFrom('a', 'b') }), { maxLength: 25 }),
    });
    fc.assert(
      fc.property(arb, ({ poolPrefix, poolIndex, child, reservedCount, requests }) => {
        // Pool a at a random aligned place of 10.0.0.0/8, pool b in 172.16.0.0/12.
        const a = cidrOf(`10.${poolPrefix <= 8 ? 0 : (poolIndex * 2 ** Math.max(0, 16 - poolPrefix)) % 256}.0.0/${poolPrefix}`);
        const b = cidrOf(`172.16.0.0/${Math.max(12, poolPrefix)}`);
        const childRange = child ? [cidrOf(`${a.text.split('/')[0]}/${poolPrefix + 2}`)] : [];
        const pools = new Map<string, AllocatorPool>([
          ['a', { name: 'a', cidr: a, children: childRange }],
          ['b', { name: 'b', cidr: b, children: [] }],
        ]);
        const reserved = Array.from({ length: reservedCount }, (_, i) => cidrOf(`172.16.${i * 16}.0/20`));
        const reqs = requests.map((r, i) => ({ spoke: `s${i}`, pool: r.pool, prefix: Math.min(28, pools.get(r.pool)!.cidr.prefix + r.extra) }));
        const { added, failures } = allocateRequests(pools, [], reserved, reqs);
        const blocks = added.map((x) => ({ x, c: cidrOf(x.cidr) }));
        expect(added.length + failures.length).toBe(reqs.length);
        for (const { x, c } of blocks) {
          const req = reqs.find((r) => r.spoke === x.spoke)!;
          expect(c.prefix).toBe(req.prefix);
          expect(c.first % 2 ** (32 - c.prefix)).toBe(0);
          expect(contains(pools.get(x.pool)!.cidr, c)).toBe(true);
          expect(reserved.some((r) => overlaps(r, c))).toBe(false);
          expect(pools.get(x.pool)!.children.some((r) => overlaps(r, c))).toBe(false);
        }
        for (let i = 0; i < blocks.length; i++) for (let j = i + 1; j < blocks.length; j++) expect(overlaps(blocks[i].c, blocks[j].c)).toBe(false);
        // Same input, same output.
        expect(allocateRequests(pools, [], reserved, reqs)).toEqual({ added, failures });
      }),
      { numRuns: 200 },
    );
  });
});
