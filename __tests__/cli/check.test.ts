/** `lz check` and `lz plan-summary` through the real command line: exit codes, output and files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Io } from '../../cli/commands';
import { run } from '../../cli/lz';
import { INTENTS } from '../../analysis/intents';
import { RULES } from '../../analysis/rules';
import { readStacks, stackNamed } from '../helpers/analysis';
import { planBetween } from '../helpers/plan';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const DEFAULT = path.join(ROOT, 'landing-zone.yaml');
const PLANS = path.join(ROOT, '__tests__', 'fixtures', 'plans');

function lz(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
  const code = run(['node', 'lz', ...args], io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** The default config with extra YAML appended (suppressions). */
function configWith(extra: string): string {
  const file = path.join(tempDir('lz-check-'), 'landing-zone.yaml');
  fs.writeFileSync(file, `${fs.readFileSync(DEFAULT, 'utf8')}\n${extra}\n`);
  return file;
}

describe('lz check', () => {
  let out: string;
  beforeAll(() => {
    out = path.join(tempDir('lz-check-'), 'cdktf.out');
    expect(lz('synth', '--config', DEFAULT, '--out', out).code).toBe(0);
  });

  test('the default config: every intent proved, no findings, exit 0; analysis.json written and the report shows it', () => {
    const r = lz('check', '--config', DEFAULT, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Intents \(\d+: (\d+) proved, 0 refuted, 0 unknown\)/);
    expect(r.stdout).toContain(`Findings (${RULES.length} rules over`);
    expect(r.stdout).toContain('check passed');
    const analysis = JSON.parse(fs.readFileSync(path.join(out, 'analysis.json'), 'utf8'));
    expect(analysis).toEqual(expect.objectContaining({ version: 1, landingZone: 'shop', exitCode: 0, findings: [] }));
    // I10-I12 prove inspection and have no subject without hub.inspection (examples/inspected.yaml has them).
    const inspection = ['I10', 'I11', 'I12'];
    expect(new Set(analysis.intents.map((i: { id: string }) => i.id))).toEqual(new Set(INTENTS.map((i) => i.id).filter((id) => !inspection.includes(id))));
    expect(INTENTS.map((i) => i.id)).toEqual(['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'I9', ...inspection]);
    expect(fs.readFileSync(path.join(out, 'REPORT.md'), 'utf8')).not.toContain('analysis not run');
  });

  test('--json prints the analysis', () => {
    const r = lz('check', '--config', DEFAULT, '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.findings).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });

  test('an expired suppression fails the check, naming it', () => {
    const config = configWith('suppressions:\n  - { rule: LZ-ALB04, resource: "shop-spoke-shop-prod/alb/*", reason: "logs go to the SIEM instead", expires: "2020-01-01" }');
    const r = lz('check', '--config', config, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+LZ-SUP01\s+suppressions\[0\]\s+expired on 2020-01-01/);
    expect(r.stdout).toContain('check FAILED');
  });

  test('a suppression that matches nothing is a warning: the check still passes', () => {
    const config = configWith('suppressions:\n  - { rule: LZ-ALB04, resource: "shop-spoke-shop-prod/alb/*", reason: "logs go to the SIEM instead" }');
    const r = lz('check', '--config', config, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning\s+LZ-SUP01\s+suppressions\[0\]\s+matches no LZ-ALB04 finding/);
  });

  test('the fixture passes: its endpoint policy opt-out is reported as suppressed with the reason and where it comes from', () => {
    const fixtureOut = path.join(tempDir('lz-check-'), 'cdktf.out');
    const r = lz('check', '--synth', '--config', path.join(ROOT, '__tests__', 'fixtures', 'valid', 'per-az-and-isolated.yaml'), '--out', fixtureOut);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /suppressed\s+LZ-VPCE01\s+acme-hub\/interface-endpoints\/endpoint-execute-api\s+no endpoint policy: .* \(suppressed: partner APIs in other organizations are called through this endpoint, by hub\.endpoints\.openPolicy\[0\]\)/,
    );
  });

  test('no synth: exit 1 with what to run', () => {
    const r = lz('check', '--config', DEFAULT, '--out', path.join(tempDir('lz-check-'), 'missing'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no manifest\.json — run `lz synth` first \(or `lz check --synth`\)/);
  });

  test('refuses a synth whose manifest lacks a stack of the config\'s stack list, or has one more (config/stack-list.ts)', () => {
    const edit = (change: (stacks: Record<string, { name: string }>) => void) => {
      const copy = path.join(tempDir('lz-check-'), 'cdktf.out');
      fs.cpSync(out, copy, { recursive: true });
      fs.rmSync(path.join(copy, 'analysis.json'), { force: true });
      const file = path.join(copy, 'manifest.json');
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      change(manifest.stacks);
      fs.writeFileSync(file, JSON.stringify(manifest));
      return copy;
    };
    const missing = edit((stacks) => delete stacks['shop-spoke-shop-dev']);
    const r = lz('check', '--config', DEFAULT, '--out', missing);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/was synthesized from another config \(stacks .*: missing shop-spoke-shop-dev\) — run `lz synth` with this config first$/);
    expect(fs.existsSync(path.join(missing, 'analysis.json'))).toBe(false);
    const extra = edit((stacks) => (stacks['shop-spoke-gone'] = { ...stacks['shop-hub'], name: 'shop-spoke-gone' }));
    const e = lz('check', '--config', DEFAULT, '--out', extra);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/: not in the config: shop-spoke-gone\) — run `lz synth` with this config first$/);
  });

  test('--rules lists the pack; an unknown option is a usage error', () => {
    const r = lz('check', '--rules');
    expect(r.code).toBe(0);
    // A header line, then one line per rule of the pack.
    expect(r.stdout.split('\n')).toHaveLength(RULES.length + 1);
    expect(r.stdout).toMatch(/LZ-SG01\s+error\s+no\s+/);
    expect(lz('check', '--nope').code).toBe(2);
  });

  test('--rules --json: the pack as a JSON array of { id, level, suppressible, title }', () => {
    const r = lz('check', '--rules', '--json');
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout);
    expect(rules).toEqual(RULES.map((x) => ({ id: x.id, level: x.level, suppressible: x.suppressible, title: x.title })));
    expect(rules).toContainEqual(expect.objectContaining({ id: 'LZ-SG01', level: 'error', suppressible: false }));
  });

  test('--rules with an option it would ignore (--synth, --explain, --verbose, --port) is a usage error, exit 2', () => {
    for (const extra of [['--synth'], ['--explain', 'shop-prod', 'shop-dev'], ['--verbose'], ['--port', '22']]) {
      const r = lz('check', '--rules', ...extra);
      expect([extra[0], r.code, r.stdout]).toEqual([extra[0], 2, '']);
      expect(r.stderr).toBe(`error: --rules lists the rule pack and exits; it does not go with ${extra[0]}`);
    }
  });

  test('--synth --json on an invalid config: { valid: false, issues } on stdout, as lz synth --json prints it', () => {
    const file = path.join(tempDir('lz-check-'), 'landing-zone.yaml');
    fs.writeFileSync(file, fs.readFileSync(DEFAULT, 'utf8').replace('account: "444444444444"', 'account: "4444"'));
    const out = path.join(tempDir('lz-check-'), 'cdktf.out');
    const check = lz('check', '--synth', '--json', '--config', file, '--out', out);
    const synth = lz('synth', '--json', '--config', file, '--out', out);
    expect(check.code).toBe(1);
    const data = JSON.parse(check.stdout);
    expect(data).toEqual(JSON.parse(synth.stdout));
    expect(data.valid).toBe(false);
    expect(data.issues[0]).toMatchObject({ path: 'spokes[1].account', value: '4444' });
  });
});

describe('lz plan-summary', () => {
  const fixtures = fs.readdirSync(PLANS).filter((f) => f.endsWith('.json'));

  test('a plan that replaces or deletes connectivity exits 1; --allow-connectivity-impact exits 0', () => {
    const impacting = fixtures.filter((f) => /real-.*(segment|nonprod|rename)/.test(f) && !/moved/.test(f));
    expect(impacting.length).toBeGreaterThan(0);
    const file = path.join(PLANS, impacting[0]);
    const r = lz('plan-summary', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/connectivity/i);
    expect(lz('plan-summary', file, '--allow-connectivity-impact').code).toBe(0);
  });

  test('--allow-connectivity-impact-from <file> --pull-request <n>: the acknowledged addresses pass, a file for another pull request does not', () => {
    const plan = path.join(PLANS, 'real-spoke-prod-resegment-rename.json');
    const impacts = JSON.parse(lz('plan-summary', plan, '--json').stdout).stacks[0].connectivityImpacts.map((c: { address: string }) => c.address) as string[];
    expect(impacts).toHaveLength(5);
    const file = path.join(tempDir('lz-ack-'), 'connectivity-ack.yaml');
    fs.writeFileSync(file, `pullRequest: 42\nreason: resegment\nstacks:\n  shop-spoke-shop-prod:\n${impacts.map((a) => `    - ${a}`).join('\n')}\n`);
    const ok = lz('plan-summary', plan, '--allow-connectivity-impact-from', file, '--pull-request', '42');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`all acknowledged in ${file} (pull request #42)`);
    expect(lz('plan-summary', plan, '--allow-connectivity-impact-from', file, '--pull-request', '43').code).toBe(1);
    expect(lz('plan-summary', plan, '--pull-request', '42').code).toBe(2);
    expect(lz('plan-summary', '--help').stdout).toContain('--allow-connectivity-impact-from <file>');
  });

  test('no file is a usage error; a file that is not a plan exits 1 naming it', () => {
    expect(lz('plan-summary').code).toBe(2);
    const notPlan = path.join(tempDir('lz-plan-'), 'x.plan.json');
    fs.writeFileSync(notPlan, '{"hello": 1}');
    const r = lz('plan-summary', notPlan);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('x.plan.json');
  });
});

describe('lz plan-summary --out (the reachability diff)', () => {
  test('evaluates the plans over the synth they were made from: a benign replacement passes, a deleted rule fails; one --stack per file', () => {
    const dir = tempDir('lz-plan-reach-');
    const out = path.join(dir, 'cdktf.out');
    expect(lz('synth', '--config', DEFAULT, '--out', out).code).toBe(0);
    const deployed = readStacks(out);
    const prod = stackNamed(deployed, 'shop-spoke-shop-prod').json;
    const association = Object.keys(prod.resource.aws_route_table_association).find((k) => k.startsWith('app-vpc_rta-db-2_'))!;
    const write = (name: string, plan: object) => {
      fs.writeFileSync(path.join(dir, name), JSON.stringify(plan));
      return path.join(dir, name);
    };
    const benign = write('prod.json', planBetween({ stack: 'shop-spoke-shop-prod', deployed, proposed: prod, replace: { [`aws_route_table_association.${association}`]: 'replace_by_request' } }));
    const hub = write('hub.json', planBetween({ stack: 'shop-hub', deployed, proposed: stackNamed(deployed, 'shop-hub').json }));
    const ok = lz('plan-summary', '--out', out, '--stack', 'shop-hub', hub, '--stack', 'shop-spoke-shop-prod', benign);
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('reachability diff, today (the prior state) → after applying shop-hub, shop-spoke-shop-prod: no flow or intent can change: the network model reads the same before and after the 1 change of this plan');
    // A named output that is not there fails the run (the replacement is then judged alone, and fails too).
    const missing = lz('plan-summary', '--out', path.join(dir, 'missing'), benign);
    expect(missing.code).toBe(1);
    expect(missing.stdout.split('\n')[0]).toMatch(/^reachability: not evaluated: .*missing has no manifest\.json/);
    const rule = Object.keys(prod.resource.aws_vpc_security_group_ingress_rule).find((k) => k.startsWith('alb_security-group_ingress-tcp-443-'))!;
    const edited = structuredClone(prod);
    delete edited.resource.aws_vpc_security_group_ingress_rule[rule];
    fs.writeFileSync(path.join(out, 'stacks', 'shop-spoke-shop-prod', 'cdk.tf.json'), JSON.stringify(edited));
    const failed = lz('plan-summary', '--out', out, write('shop-spoke-shop-prod.plan.json', planBetween({ stack: 'shop-spoke-shop-prod', deployed, proposed: edited })));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('  newly denied (2):\n    ✗ internet 198.51.100.10 → alb alb_load-balancer (public-1) tcp/443: allowed → denied\n');
    expect(lz('plan-summary', '--stack', 'a', '--stack', 'b', benign).code).toBe(2);
    // Plans map onto the recorded config's stack list: an output missing one of its stacks is refused.
    const manifestFile = path.join(out, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    delete manifest.stacks['shop-spoke-shop-dev'];
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const stale = lz('plan-summary', '--out', out, '--stack', 'shop-hub', hub);
    expect(stale.code).toBe(1);
    expect(stale.stdout.split('\n')[0]).toBe(`reachability: not evaluated: ${out} does not hold the stacks of the config it records (missing shop-spoke-shop-dev): run \`lz synth --out ${out}\` again`);
    expect(lz('plan-summary', '--help').stdout).toContain('--out <dir>');
  });
});
