/** Issue 21's Direct Connect targets of the benchmark: allowed prefixes within quota, DX preferred for every spoke. Not timed. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StepResult } from '../../bench/child';
import { allowedPrefixesOf, directConnectFigures, dxPreferenceOf } from '../../bench/direct-connect';
import { evaluateTargets, SizeRun } from '../../bench/report';
import { QUOTAS } from '../../lib/aws/quotas';
import { tempDir } from '../helpers/temp';

const step = (over: Partial<StepResult> = {}): StepResult => ({ step: 'synth', status: 'ok', wallMs: 1000, importMs: 100, loadMs: 100, workMs: 800, cpuMs: 900, maxRssBytes: 3e8, ...over });
const run = (spokes: number, over: Partial<SizeRun> = {}): SizeRun => ({
  spokes,
  loadAverage: 0.5,
  synth: step(),
  synthOuterMs: 30_000,
  check: step({ step: 'check', exitCode: 0 }),
  checkOuterMs: 20_000,
  outputBytes: 1,
  stacks: [{ name: 'bench-hub', kind: 'hub', resources: 177, dataSources: 0, bytes: 1 }],
  ...over,
});
/** The two Direct Connect rows: the last two targets. */
const dxTargets = (runs: SizeRun[]) => evaluateTargets(runs).slice(-2).map((o) => [o.target, o.status, o.detail]);
const T13 = 'Direct Connect allowed prefixes within quota at 1,000 spokes';
const T14 = 'Direct Connect proved preferred over the VPN for every spoke range at 1,000 spokes';

/** I4's evidence as conclude() writes it: one line per check, failures first. */
const preferenceIntent = (lines: string[], status = 'proved') => ({ id: 'I4', title: 'on-premises access', subject: 'direct connect preference', status, evidence: lines.join('\n') });
const held = (spoke: string) => `✓ on-premises → ${spoke} (10.1.0.4) enters over Direct Connect: allowed prefix 10.0.0.0/8`;

describe('Direct Connect figures of an output', () => {
  test('allowed prefixes: the association of the stack, the largest of several, none without one', () => {
    expect(allowedPrefixesOf({ resource: { aws_dx_gateway_association: { a: { allowed_prefixes: ['10.0.0.0/8', '172.31.254.0/23'] } } } })).toBe(2);
    expect(allowedPrefixesOf({ resource: { aws_dx_gateway_association: { a: { allowed_prefixes: ['10.0.0.0/8'] }, b: { allowed_prefixes: ['10.0.0.0/9', '10.128.0.0/9', '192.0.2.0/24'] } } } })).toBe(3);
    expect(allowedPrefixesOf({ resource: { aws_vpc: { v: {} } } })).toBeUndefined();
    expect(allowedPrefixesOf({})).toBeUndefined();
  });

  test('the preference intent: checks that say "enters over Direct Connect", and how many held', () => {
    const analysis = {
      intents: [
        { id: 'I4', subject: 's000-web', status: 'proved', evidence: '✓ on-premises → s000-web reaches tcp/443' },
        preferenceIntent([`✗ on-premises → s001-dev (10.2.0.4) enters over Direct Connect: the data center prefers the VPN`, held('s000-web'), held('hub-endpoints')], 'refuted'),
      ],
    };
    expect(dxPreferenceOf(analysis)).toEqual({ status: 'refuted', checks: 3, held: 2 });
    expect(dxPreferenceOf({ intents: [{ id: 'I4', subject: 's000-web', status: 'proved', evidence: '' }] })).toBeUndefined();
    expect(dxPreferenceOf({})).toBeUndefined();
    expect(dxPreferenceOf(null)).toBeUndefined();
  });

  test('reads the hub stack named by the stack list and analysis.json from the output directory', () => {
    const dir = tempDir('lz-bench-dx-');
    const stacks = [
      { name: 'bench-hub', json: { resource: { aws_dx_gateway_association: { association: { allowed_prefixes: ['10.0.0.0/8', '172.31.254.0/23'] } } } } },
      { name: 'bench-spoke-s000-web', json: { resource: { aws_dx_gateway_association: { other: { allowed_prefixes: ['1.0.0.0/8', '2.0.0.0/8', '3.0.0.0/8'] } } } } },
    ];
    for (const s of stacks) {
      fs.mkdirSync(path.join(dir, 'stacks', s.name), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', s.name, 'cdk.tf.json'), JSON.stringify(s.json));
    }
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: Object.fromEntries(stacks.map((s) => [s.name, { name: s.name, synthesizedStackPath: `stacks/${s.name}/cdk.tf.json`, workingDirectory: `stacks/${s.name}` }])) }));
    const list = [{ name: 'bench-spoke-s000-web', kind: 'spoke' as const }, { name: 'bench-hub', kind: 'hub' as const }];
    expect(directConnectFigures(dir, list)).toEqual({ allowedPrefixes: 2 });
    fs.writeFileSync(path.join(dir, 'analysis.json'), JSON.stringify({ intents: [preferenceIntent([held('s000-web')])] }));
    expect(directConnectFigures(dir, list)).toEqual({ allowedPrefixes: 2, preference: { status: 'proved', checks: 1, held: 1 } });
    expect(directConnectFigures(dir, [])).toEqual({ preference: { status: 'proved', checks: 1, held: 1 } });
  });
});

describe('Direct Connect targets (issue 21)', () => {
  const quota = QUOTAS.allowedPrefixesPerTgwAssociation.value;
  const spokes = (n: number) => Array.from({ length: n }, (_, i) => held(`s${String(i).padStart(3, '0')}-web`));

  test('met: prefixes within the quota, and every spoke range proved to enter over Direct Connect', () => {
    const r = run(1000, { directConnect: { allowedPrefixes: 2, preference: dxPreferenceOf({ intents: [preferenceIntent([...spokes(1000), held('hub-endpoints')])] }) } });
    expect(dxTargets([run(10), r])).toEqual([
      [T13, 'met', `2 of ${quota} allowed prefixes`],
      [T14, 'met', 'I4 proved: 1001 of 1001 checks held (1,000 spokes)'],
    ]);
    expect(dxTargets([run(1000, { directConnect: { allowedPrefixes: quota, preference: { status: 'proved', checks: 1000, held: 1000 } } })]).map((t) => t[1])).toEqual(['met', 'met']);
  });

  test('missed: over the quota, a spoke preferring the VPN, fewer checks than spokes, or no preference checks at all', () => {
    const failing = [`✗ on-premises → s007-web (10.1.7.4) enters over Direct Connect: the data center prefers the VPN`, ...spokes(999)];
    expect(dxTargets([run(1000, { directConnect: { allowedPrefixes: quota + 1, preference: dxPreferenceOf({ intents: [preferenceIntent(failing, 'refuted')] }) } })])).toEqual([
      [T13, 'missed', `${quota + 1} of ${quota} allowed prefixes`],
      [T14, 'missed', 'I4 refuted: 999 of 1000 checks held (1,000 spokes)'],
    ]);
    expect(dxTargets([run(1000, { directConnect: { allowedPrefixes: 2, preference: { status: 'proved', checks: 400, held: 400 } } })])[1]).toEqual([T14, 'missed', 'I4 proved: 400 of 400 checks held (1,000 spokes)']);
    expect(dxTargets([run(1000, { directConnect: { allowedPrefixes: 2 } })])[1]).toEqual([T14, 'missed', 'analysis.json has no Direct Connect preference checks (I4 direct connect preference)']);
  });

  test('not measured: no 1,000-spoke run, no association in the hub, or the check did not run', () => {
    expect(dxTargets([run(10)])).toEqual([
      [T13, 'not measured', 'no successful 1,000-spoke run'],
      [T14, 'not measured', 'no successful 1,000-spoke run'],
    ]);
    expect(dxTargets([run(1000, { directConnect: {}, check: step({ step: 'check', status: 'failed', message: 'boom\nat x' }) })])).toEqual([
      [T13, 'not measured', 'the hub stack has no Direct Connect gateway association'],
      [T14, 'not measured', 'check failed: boom'],
    ]);
  });
});
