/**
 * The benchmark's config generator and its target evaluation: generated configs are valid, distinct
 * and deterministic; the fixture verify runs is the generator's output; targets are judged right.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { StepResult } from '../../bench/child';
import { generateConfig, generateSpec, MAX_GENERATED_SPOKES, SHAPES } from '../../bench/generate';
import { evaluateTargets, SizeRun, stackKind } from '../../bench/report';
import { countStack, outputStats, StackStats } from '../../bench/stack-stats';
import { landingZoneStackList } from '../../config/stack-list';
import { loadWith } from '../helpers/config';
import { overlaps, parseCidr } from '../../lib/net/range';
import { parseConfig } from '../../config/load';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'valid', 'generated-3-spokes.yaml');

describe('generateConfig', () => {
  test.each([1, 7, 20])('%i spokes: valid, no warnings, every spoke named after its shape', (n) => {
    const loaded = parseConfig(generateConfig(n, 3), `generated-${n}.yaml`);
    expect(loaded.warnings).toEqual([]);
    const { shapes } = generateSpec(n, 3);
    expect(loaded.landingZone.spokes.map((s) => s.name)).toEqual(shapes.map((shape, i) => `s${String(i).padStart(3, '0')}-${shape}`));
  });

  test(`${MAX_GENERATED_SPOKES} spokes: distinct accounts and pairwise disjoint VPC ranges, all four shapes`, () => {
    const config = parse(generateConfig(MAX_GENERATED_SPOKES, 1));
    const spokes = config.spokes as { account: string; vpc: { cidr: string } }[];
    expect(new Set(spokes.map((s) => s.account)).size).toBe(MAX_GENERATED_SPOKES);
    const ranges = spokes.map((s) => parseCidr(s.vpc.cidr)).map((p) => (p.ok ? p.cidr : undefined));
    expect(ranges.every(Boolean)).toBe(true);
    const clashes = ranges.flatMap((a, i) => ranges.slice(i + 1).filter((b) => overlaps(a!, b!)).map((b) => `${a!.text} ${b!.text}`));
    expect(clashes).toEqual([]);
    expect(new Set(generateSpec(MAX_GENERATED_SPOKES, 1).shapes)).toEqual(new Set(Object.keys(SHAPES)));
  });

  test('above 256 spokes every spoke takes a /20 of 10.0.0.0/8 and a distinct Client VPN range: valid, no warnings', () => {
    const loaded = parseConfig(generateConfig(300, 1), 'generated-300.yaml');
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.spokes.every((s) => s.vpc.cidr.startsWith('10.') && s.vpc.cidr.endsWith('/20'))).toBe(true);
    const clients = loaded.landingZone.spokes.flatMap((s) => (s.clientVpn ? [s.clientVpn.clientCidr] : []));
    expect(clients.length).toBeGreaterThan(0);
    expect(new Set(clients).size).toBe(clients.length);
  });

  test('above 499 spokes (more accounts than one bucket policy lists) the archive admits delivery by organization: 1,000 spokes are valid', () => {
    const small = parseConfig(generateConfig(499, 1), 'generated-499.yaml').landingZone;
    expect(small.logArchive.logDeliveryScope).toBe('accounts');
    const loaded = parseConfig(generateConfig(1000, 1), 'generated-1000.yaml');
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.spokes).toHaveLength(1000);
    expect(loaded.landingZone.logArchive.logDeliveryScope).toBe('organization');
  });

  test('the same seed gives the same text; another seed another layout', () => {
    expect(generateConfig(20, 5)).toBe(generateConfig(20, 5));
    expect(generateConfig(20, 6)).not.toBe(generateConfig(20, 5));
  });

  test.each([0, -1, 2.5, MAX_GENERATED_SPOKES + 1])('refuses %p spokes', (n) => {
    expect(() => generateConfig(n)).toThrow(`spokes must be an integer from 1 to ${MAX_GENERATED_SPOKES}, got ${n}`);
  });

  test('the generated fixture that npm run verify covers is generateConfig(3, 16) under its header', () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const body = text.split('\n').filter((l, i, all) => !(l.startsWith('#') && all.slice(0, i).every((x) => x.startsWith('#')))).join('\n');
    expect(body).toBe(generateConfig(3, 16));
    expect(generateSpec(3, 16).shapes).toEqual(['batch', 'web', 'data']);
  });
});

const step = (over: Partial<StepResult> = {}): StepResult => ({ step: 'synth', status: 'ok', wallMs: 1000, importMs: 100, loadMs: 100, workMs: 800, cpuMs: 900, maxRssBytes: 3e8, ...over });
/** Kind, spoke and shape as outputStats records them from the stack list. */
const stats = (name: string, resources: number): StackStats => {
  const spoke = /-spoke-(s\d+-([a-z]+))(-vpn-pki)?$/.exec(name);
  const kind = spoke ? (spoke[3] ? 'vpn-pki' : 'spoke') : name.endsWith('-hub') ? 'hub' : 'log-archive';
  return { name, kind, ...(spoke ? { spoke: spoke[1], shape: spoke[2] } : {}), resources, dataSources: 0, bytes: 1 };
};
function run(spokes: number, synthOuterMs: number, over: Partial<SizeRun> = {}): SizeRun {
  return {
    spokes,
    loadAverage: 0.5,
    synth: step(),
    synthOuterMs,
    check: step({ step: 'check', status: 'unavailable', message: 'analysis/run.ts does not exist yet' }),
    checkOuterMs: 0,
    outputBytes: 1,
    stacks: [stats('bench-hub', 156), stats('bench-log-archive', 9), stats('bench-spoke-s000-web', 121), stats('bench-spoke-s001-dev', 87), stats('bench-spoke-s001-dev-vpn-pki', 12)],
    ...over,
  };
}

describe('benchmark targets', () => {
  test('stack kinds come from the recorded stack list, not from names', () => {
    const rows: StackStats[] = [
      { name: 'bench-hub', kind: 'hub', resources: 1, dataSources: 0, bytes: 1 },
      { name: 'bench-log-archive', kind: 'log-archive', resources: 1, dataSources: 0, bytes: 1 },
      { name: 'bench-spoke-s012-web', kind: 'spoke', spoke: 's012-web', shape: 'web', resources: 1, dataSources: 0, bytes: 1 },
      { name: 'bench-spoke-s199-dev-vpn-pki', kind: 'vpn-pki', spoke: 's199-dev', shape: 'dev', resources: 1, dataSources: 0, bytes: 1 },
      // A name that looks like a hub is still what the list says it is.
      { name: 'odd-hub', kind: 'spoke', spoke: 'odd-hub', shape: 'data', resources: 1, dataSources: 0, bytes: 1 },
      { name: 'x-tfc-bootstrap', kind: 'tfc-bootstrap', resources: 1, dataSources: 0, bytes: 1 },
    ];
    expect(rows.map(stackKind)).toEqual(['hub', 'log-archive', 'spoke web', 'pki dev', 'spoke data', 'tfc-bootstrap']);
  });

  test('outputStats records kind, spoke and shape from landingZoneStackList', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stats-'));
    try {
      const lz = loadWith().landingZone;
      const list = landingZoneStackList(lz);
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: Object.fromEntries(list.map((e) => [e.name, { name: e.name, synthesizedStackPath: `stacks/${e.name}/cdk.tf.json`, workingDirectory: `stacks/${e.name}` }])) }));
      for (const e of list) {
        fs.mkdirSync(path.join(dir, 'stacks', e.name), { recursive: true });
        fs.writeFileSync(path.join(dir, 'stacks', e.name, 'cdk.tf.json'), JSON.stringify({ resource: { aws_vpc: { a: {} } } }));
      }
      const got = outputStats(dir, list, (spoke) => `shape-of-${spoke}`);
      expect(got.map((s) => [s.name, s.kind, s.spoke, s.shape])).toEqual(list.map((e) => [e.name, e.kind, e.spoke, e.spoke && `shape-of-${e.spoke}`]));
      expect(() => outputStats(dir, list.slice(1))).toThrow(`stack ${list[0].name} is not in the config's stack list`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('counts resources and data sources of a stack', () => {
    expect(countStack({ resource: { aws_vpc: { a: {} }, aws_subnet: { b: {}, c: {} } }, data: { aws_region: { r: {} } } })).toEqual({ resources: 3, dataSources: 1 });
    expect(countStack({})).toEqual({ resources: 0, dataSources: 0 });
  });

  test('all met: fast, small, near-linear, constant hub, even shapes', () => {
    const outcomes = evaluateTargets([run(1, 2000), run(100, 14_000), run(200, 30_000)]);
    expect(outcomes.map((o) => [o.status, o.detail])).toEqual([
      ['met', '14.0 s'],
      ['met', 'peak RSS 300 MB'],
      ['met', '2.14x (30.0 s / 14.0 s)'],
      ['met', '156 and 156'],
      ['met', '9 and 9'],
      ['met', 'spoke web: 121, spoke dev: 87, pki dev: 12'],
      ['not measured', 'analysis/run.ts does not exist yet'],
      ['not measured', 'needs successful 100- and 200-spoke checks'],
      ['not measured', 'needs a successful check above 200 spokes'],
      ['not measured', 'needs a successful check above 200 spokes'],
      ['not measured', 'no successful 1,000-spoke run'],
      ['not measured', 'no successful 1,000-spoke run'],
      ['met', '1 and 1 bytes'],
      ['not measured', 'no successful 1,000-spoke run'],
      ['not measured', 'no successful 1,000-spoke run'],
    ]);
  });

  test('lz check at scale (issue 18): t200/t100 at most 2.1, and at the largest size above 200 spokes RSS under 1 GB and each output under 10 MB', () => {
    const checked = (spokes: number, outerMs: number, over: Partial<StepResult> = {}) =>
      run(spokes, 10_000 * (spokes / 100), { check: step({ step: 'check', cpuMs: outerMs, maxRssBytes: 4e8, analysisBytes: 2e6, reportBytes: 3e6, ...over }), checkOuterMs: outerMs });
    const met = evaluateTargets([checked(100, 2000), checked(200, 4000), checked(300, 6500), checked(499, 11_000, { maxRssBytes: 6.6e8, analysisBytes: 3.8e6, reportBytes: 5e6 })]).slice(7, 10);
    expect(met.map((o) => [o.status, o.detail])).toEqual([
      ['met', '2.00x (4.0 s / 2.0 s); CPU 2.00x'],
      ['met', '499 spokes: 660 MB'],
      ['met', '499 spokes: analysis.json 3.8 MB, REPORT.md 5.0 MB'],
    ]);
    const missed = evaluateTargets([checked(100, 2000), checked(200, 4300), checked(499, 11_000, { maxRssBytes: 1.2e9, reportBytes: 12e6 })]).slice(7, 10);
    expect(missed.map((o) => [o.status, o.detail])).toEqual([
      ['missed', '2.15x (4.3 s / 2.0 s); CPU 2.15x'],
      ['missed', '499 spokes: 1,200 MB'],
      ['missed', '499 spokes: analysis.json 2.0 MB, REPORT.md 12.0 MB'],
    ]);
  });

  test('each target can be missed', () => {
    const big = run(200, 40_000, { stacks: [stats('bench-hub', 157), stats('bench-log-archive', 9), stats('bench-spoke-s000-web', 122)] });
    const slow = run(100, 16_000, { synth: step({ maxRssBytes: 1.6e9 }), check: step({ step: 'check', wallMs: 25_000 }), checkOuterMs: 25_500 });
    const outcomes = evaluateTargets([run(1, 2000), slow, big]);
    expect(outcomes.map((o) => o.status)).toEqual(['missed', 'missed', 'missed', 'missed', 'met', 'missed', 'missed', 'not measured', 'not measured', 'not measured', 'not measured', 'not measured', 'met', 'not measured', 'not measured']);
    expect(outcomes[5].detail).toBe('spoke web: 121 / 122');
    expect(outcomes[6].detail).toBe('25.5 s');
  });

  test('sizes that were not run are not measured, never met', () => {
    expect(evaluateTargets([run(10, 3000)]).map((o) => o.status)).toEqual(['not measured', 'not measured', 'not measured', 'not measured', 'not measured', 'met', 'not measured', 'not measured', 'not measured', 'not measured', 'not measured', 'not measured', 'not measured', 'not measured', 'not measured']);
  });

  test('1,000 spokes (issue 21): synth under 60 s and 2 GB, hub stack bytes unchanged from the smallest size', () => {
    const hub = (bytes: number) => ({ stacks: [{ name: 'bench-hub', kind: 'hub' as const, resources: 177, dataSources: 0, bytes }] });
    const met = evaluateTargets([run(10, 3000, hub(118_274)), run(1000, 45_000, { synth: step({ maxRssBytes: 1.4e9, cpuMs: 40_000 }), ...hub(118_274) })]).slice(10, 13);
    expect(met.map((o) => [o.target, o.status, o.detail])).toEqual([
      ['synth of 1,000 spokes in under 60 s', 'met', '45.0 s (CPU 40.0 s)'],
      ['synth of 1,000 spokes under 2 GB peak RSS', 'met', 'peak RSS 1,400 MB'],
      ['hub stack bytes are the same for 10 and 1000 spokes', 'met', '118,274 and 118,274 bytes'],
    ]);
    const missed = evaluateTargets([run(10, 3000, hub(118_274)), run(1000, 61_000, { synth: step({ maxRssBytes: 2.1e9 }), ...hub(118_301) })]).slice(10, 13);
    expect(missed.map((o) => o.status)).toEqual(['missed', 'missed', 'missed']);
  });
});
