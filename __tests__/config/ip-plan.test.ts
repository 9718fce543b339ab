/**
 * config/ip-plan: the default shop-prod plan reproduces the seed write-up's numbers, the hub
 * endpoints VPC is planned with the hub's, and for any set of disjoint subnets the plan accounts
 * for every address exactly once.
 */
import * as path from 'node:path';
import * as fc from 'fast-check';
import { cidrOf, intToIp, overlaps, size } from '../../lib/net/range';
import { AWS_RESERVED_PER_SUBNET, planLandingZone, planVpc } from '../../config/ip-plan';
import { loadConfig } from '../../config/load';
import { SubnetSpec, VpcSpec } from '../../config/model';

/** The seed's seven subnets and the usable addresses it states for each. */
const SEED_USABLE: Readonly<Record<string, number>> = {
  '172.16.1.0/24': 251,
  '172.16.2.0/24': 251,
  '172.16.32.0/20': 4091,
  '172.16.48.0/20': 4091,
  '172.16.128.0/20': 4091,
  '172.16.144.0/20': 4091,
  '172.16.160.0/20': 4091,
};
const isSeed = (cidr: string) => Object.hasOwn(SEED_USABLE, cidr);

describe('planLandingZone on the default config: shop-prod', () => {
  const lz = loadConfig().landingZone;
  const plan = planLandingZone(lz).find((p) => p.owner === 'spoke shop-prod')!;
  // Only the seed's subnets, so that subnets added to the default later (e.g. /28 TGW ones) do not move these numbers.
  const seedLines = plan.subnets.filter((s) => isSeed(s.cidr));

  test('each seed subnet has the stated usable addresses (AWS keeps 5 per subnet)', () => {
    expect(AWS_RESERVED_PER_SUBNET).toBe(5);
    expect(Object.fromEntries(seedLines.map((s) => [s.cidr, s.usable]))).toEqual(SEED_USABLE);
    expect(seedLines.map((s) => `${s.name} ${s.tier} ${s.az}`)).toEqual([
      'public-1 public ap-northeast-2a',
      'public-2 public ap-northeast-2c',
      'web-1 app ap-northeast-2a',
      'web-2 app ap-northeast-2c',
      'db-1 db ap-northeast-2a',
      'db-2 db ap-northeast-2b',
      'db-3 db ap-northeast-2c',
    ]);
  });

  test('20,957 usable across the seven seed subnets; the VPC holds 65,536', () => {
    expect(seedLines.reduce((n, s) => n + s.usable, 0)).toBe(20957);
    expect(plan.cidr).toBe('172.16.0.0/16');
    expect(plan.total).toBe(65536);
    expect(plan.allocated + plan.unallocated).toBe(65536);
  });

  test('the seed layout leaves exactly these ranges free', () => {
    const spoke = lz.spokes.find((s) => s.name === 'shop-prod')!;
    const seedOnly = planVpc('seed', { ...spoke.vpc, subnets: spoke.vpc.subnets.filter((s) => isSeed(s.cidr)) });
    expect(seedOnly).toMatchObject({ total: 65536, allocated: 20992, usable: 20957, unallocated: 44544 });
    expect(seedOnly.unallocatedRanges).toEqual([
      '172.16.0.0/24',
      '172.16.3.0/24',
      '172.16.4.0/22',
      '172.16.8.0/21',
      '172.16.16.0/20',
      '172.16.64.0/18',
      '172.16.176.0/20',
      '172.16.192.0/18',
    ]);
  });

  test('the real plan\'s free ranges cover exactly the unallocated addresses', () => {
    expect(plan.unallocatedRanges.reduce((n, c) => n + size(cidrOf(c)), 0)).toBe(plan.unallocated);
  });
});

describe('planLandingZone on the default config: the hub endpoints VPC', () => {
  const plans = planLandingZone(loadConfig().landingZone);
  const plan = plans.find((p) => p.owner === 'hub endpoints')!;

  test('the hub VPCs come first, then the spokes in config order', () => {
    expect(plans.map((p) => `${p.owner} ${p.cidr}`)).toEqual(['hub egress 10.255.0.0/24', 'hub endpoints 10.254.0.0/24', 'spoke shop-prod 172.16.0.0/16', 'spoke shop-dev 172.20.0.0/16']);
  });

  test('three /26 endpoint subnets (59 usable each) and three /28 attachment subnets (11 usable each)', () => {
    expect(plan.subnets.map((s) => `${s.name} ${s.tier} ${s.az} ${s.cidr} ${s.total} ${s.usable}`)).toEqual([
      'endpoint-1 endpoint ap-northeast-2a 10.254.0.0/26 64 59',
      'endpoint-2 endpoint ap-northeast-2b 10.254.0.64/26 64 59',
      'endpoint-3 endpoint ap-northeast-2c 10.254.0.128/26 64 59',
      'tgw-1 tgw ap-northeast-2a 10.254.0.192/28 16 11',
      'tgw-2 tgw ap-northeast-2b 10.254.0.208/28 16 11',
      'tgw-3 tgw ap-northeast-2c 10.254.0.224/28 16 11',
    ]);
  });

  test('240 of 256 addresses allocated, 210 usable, the last /28 free', () => {
    expect(plan).toMatchObject({ cidr: '10.254.0.0/24', total: 256, allocated: 240, usable: 210, unallocated: 16, unallocatedRanges: ['10.254.0.240/28'] });
  });

  test('no hub.endpoints: no plan for it', () => {
    const lz = loadConfig().landingZone;
    expect(planLandingZone({ ...lz, hub: { ...lz.hub, endpoints: undefined } }).map((p) => p.owner)).toEqual(['hub egress', 'spoke shop-prod', 'spoke shop-dev']);
  });
});

describe('planLandingZone on examples/inspected.yaml: the hub inspection VPC', () => {
  const plans = planLandingZone(loadConfig(path.join(__dirname, '..', '..', 'examples', 'inspected.yaml')).landingZone);

  test('planned with the hub VPCs, after egress and endpoints', () => {
    expect(plans.map((p) => p.owner)).toEqual(['hub egress', 'hub endpoints', 'hub inspection', 'spoke shop-prod', 'spoke shop-dev', 'spoke sandbox']);
  });

  test('a /28 firewall subnet and a /28 attachment subnet per AZ, the rest of the /25 free', () => {
    const plan = plans.find((p) => p.owner === 'hub inspection')!;
    expect(plan.subnets.map((s) => `${s.name} ${s.tier} ${s.az} ${s.cidr} ${s.usable}`)).toEqual([
      'firewall-1 firewall ap-northeast-2a 10.253.0.0/28 11',
      'firewall-2 firewall ap-northeast-2b 10.253.0.16/28 11',
      'firewall-3 firewall ap-northeast-2c 10.253.0.32/28 11',
      'tgw-1 tgw ap-northeast-2a 10.253.0.48/28 11',
      'tgw-2 tgw ap-northeast-2b 10.253.0.64/28 11',
      'tgw-3 tgw ap-northeast-2c 10.253.0.80/28 11',
    ]);
    expect(plan).toMatchObject({ cidr: '10.253.0.0/25', total: 128, allocated: 96, usable: 66, unallocated: 32, unallocatedRanges: ['10.253.0.96/27'] });
  });
});

describe('planVpc', () => {
  const subnet = (name: string, cidr: string): SubnetSpec => ({ name, tier: 'app', cidr, az: 'ap-northeast-2a', path: ['test', name], generated: false });
  const vpc = (cidr: string, subnets: SubnetSpec[]): VpcSpec => ({ cidr, availabilityZones: ['ap-northeast-2a'], subnets, natGateways: 'none' });

  test('a /28 subnet has 11 usable addresses; the free space is listed in address order', () => {
    const plan = planVpc('t', vpc('10.0.0.0/24', [subnet('b', '10.0.0.128/28'), subnet('a', '10.0.0.16/28')]));
    expect(plan.subnets.map((s) => [s.name, s.total, s.usable])).toEqual([
      ['b', 16, 11],
      ['a', 16, 11],
    ]);
    expect(plan).toMatchObject({ total: 256, allocated: 32, usable: 22, unallocated: 224 });
    expect(plan.unallocatedRanges).toEqual(['10.0.0.0/28', '10.0.0.32/27', '10.0.0.64/26', '10.0.0.144/28', '10.0.0.160/27', '10.0.0.192/26']);
  });

  test('an empty VPC is one free block', () => {
    expect(planVpc('t', vpc('10.0.0.0/16', []))).toMatchObject({ allocated: 0, usable: 0, unallocated: 65536, unallocatedRanges: ['10.0.0.0/16'] });
  });

  /** A VPC of /16 to /24 at a random aligned base, and candidate subnets inside it (some overlapping). */
  const layouts = fc
    .record({
      vpcPrefix: fc.integer({ min: 16, max: 24 }),
      vpcSlot: fc.integer({ min: 0, max: 2 ** 16 - 1 }),
      candidates: fc.array(fc.record({ extra: fc.integer({ min: 0, max: 12 }), slot: fc.nat() }), { maxLength: 40 }),
    })
    .map(({ vpcPrefix, vpcSlot, candidates }) => {
      const vpcSize = 2 ** (32 - vpcPrefix);
      const vpcFirst = (vpcSlot % 2 ** vpcPrefix) * vpcSize;
      const kept: { first: number; last: number; prefix: number }[] = [];
      for (const { extra, slot } of candidates) {
        const prefix = Math.min(28, vpcPrefix + extra);
        const blockSize = 2 ** (32 - prefix);
        const first = vpcFirst + (slot % (vpcSize / blockSize)) * blockSize;
        const last = first + blockSize - 1;
        // Keep only subnets disjoint from those already kept (checked here with plain integers, not the code under test).
        if (kept.every((k) => last < k.first || k.last < first)) kept.push({ first, last, prefix });
      }
      return { cidr: `${intToIp(vpcFirst)}/${vpcPrefix}`, vpcSize, subnets: kept };
    });

  test('property: allocated + unallocated === total, and free blocks never overlap a subnet or each other', () => {
    fc.assert(
      fc.property(layouts, ({ cidr, vpcSize, subnets }) => {
        const specs = subnets.map((s, i) => subnet(`s${i}`, `${intToIp(s.first)}/${s.prefix}`));
        const plan = planVpc('prop', vpc(cidr, specs));
        const outer = cidrOf(cidr);
        const free = plan.unallocatedRanges.map(cidrOf);
        expect(plan.total).toBe(vpcSize);
        expect(plan.allocated + plan.unallocated).toBe(plan.total);
        expect(plan.allocated).toBe(subnets.reduce((n, s) => n + (s.last - s.first + 1), 0));
        expect(plan.usable).toBe(plan.allocated - AWS_RESERVED_PER_SUBNET * subnets.length);
        expect(free.reduce((n, f) => n + size(f), 0)).toBe(plan.unallocated);
        for (const f of free) {
          expect(f.first >= outer.first && f.last <= outer.last).toBe(true);
          expect(subnets.some((s) => s.first <= f.last && f.first <= s.last)).toBe(false);
        }
        free.forEach((f, i) => free.slice(i + 1).forEach((g) => expect(overlaps(f, g)).toBe(false)));
      }),
      { numRuns: 300 },
    );
  });
});
