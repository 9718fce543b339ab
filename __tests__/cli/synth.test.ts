import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lazy } from 'cdktf';
import { isTerraformWorkingFile, synthesize, withoutTokenStackTraces } from '../../cli/synth';
import { LandingZone } from '../../config/model';
import { defaultLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const tmp = () => tempDir('lz-synth-');

/** Every file under dir, relative path → content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('synthesize', () => {
  test('writes the manifest and one cdk.tf.json per stack', () => {
    const out = path.join(tmp(), 'cdktf.out');
    const result = synthesize(defaultLandingZone(), out);
    expect(result.stacks).toEqual(['shop-hub', 'shop-log-archive', 'shop-spoke-shop-dev', 'shop-spoke-shop-prod', 'shop-spoke-shop-prod-vpn-pki']);
    for (const s of result.stacks) expect(fs.existsSync(path.join(out, 'stacks', s, 'cdk.tf.json'))).toBe(true);
  });

  test('two synths of the same config are byte-identical', () => {
    const a = path.join(tmp(), 'out');
    const b = path.join(tmp(), 'out');
    synthesize(defaultLandingZone(), a);
    synthesize(defaultLandingZone(), b);
    const ta = tree(a);
    expect(Object.keys(ta).length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(ta)).toContain('stacks/shop-hub/cdk.tf.json');
    expect(tree(b)).toEqual(ta);
  });

  test('a failure during synth leaves the previous output untouched and no staging directory behind', () => {
    const parent = tmp();
    const out = path.join(parent, 'cdktf.out');
    synthesize(defaultLandingZone(), out);
    const before = tree(out);
    const lz = defaultLandingZone();
    // Bypass config validation to make a construct throw mid-synth.
    const broken: LandingZone = {
      ...lz,
      spokes: [lz.spokes[0], { ...lz.spokes[1], vpc: { ...lz.spokes[1].vpc, subnets: [{ ...lz.spokes[1].vpc.subnets[0], cidr: '10.9.0.0/24' }] } }],
    };
    expect(() => synthesize(broken, out)).toThrow(/is outside the VPC 172.20.0.0\/16/);
    expect(tree(out)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['cdktf.out']);
  });
});

describe('withoutTokenStackTraces (issue 19: no stack walk per cdktf token)', () => {
  /** A cdktf token's creation stack (cdktf/lib/tokens/lazy.js records it for every Lazy). */
  const creationStack = () => (Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] }).creationStack;

  test('a capture into a plain object (what cdktf does per token) walks no frame: the object gets no stack', () => {
    const target: { stack?: string } = {};
    withoutTokenStackTraces(() => Error.captureStackTrace(target));
    expect('stack' in target).toBe(false);
    // Outside the wrapper the same call records the frames.
    const outside: { stack?: string } = {};
    Error.captureStackTrace(outside);
    expect(outside.stack).toMatch(/\n\s+at /);
  });

  test('cdktf records an empty creation stack for a token made inside, and a full one outside', () => {
    expect(withoutTokenStackTraces(creationStack)).toEqual([]);
    expect(creationStack().length).toBeGreaterThan(0);
  });

  test('real errors keep their stack, whether made with new Error or Error.captureStackTrace', () => {
    const [made, captured] = withoutTokenStackTraces(() => {
      const e = new Error('made');
      const c = new Error('captured');
      Error.captureStackTrace(c);
      return [e, c];
    });
    expect(made.stack).toMatch(/^Error: made\n\s+at /);
    expect(captured.stack).toMatch(/^Error: captured\n\s+at /);
  });

  test('puts both hooks back, also when the work throws', () => {
    const { captureStackTrace, prepareStackTrace } = Error;
    expect(() =>
      withoutTokenStackTraces(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Error.captureStackTrace).toBe(captureStackTrace);
    expect(Error.prepareStackTrace).toBe(prepareStackTrace);
  });
});

describe('synthesize keeps Terraform working files', () => {
  test('local state, its backup, .terraform and the lock file survive a re-synth; generated files are replaced', () => {
    const out = path.join(tmp(), 'cdktf.out');
    const lz = defaultLandingZone();
    synthesize(lz, out);
    const hub = path.join(out, 'stacks', 'shop-hub');
    fs.writeFileSync(path.join(hub, 'terraform.shop-hub.tfstate'), '{"serial": 7}');
    fs.writeFileSync(path.join(hub, 'terraform.shop-hub.tfstate.backup'), '{"serial": 6}');
    fs.writeFileSync(path.join(hub, '.terraform.lock.hcl'), '# lock');
    fs.mkdirSync(path.join(hub, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(hub, '.terraform', 'providers', 'x'), 'cache');
    fs.writeFileSync(path.join(hub, 'stray.txt'), 'not terraform');
    const result = synthesize(lz, out);
    expect(result.orphanedState).toEqual([]);
    expect(fs.readFileSync(path.join(hub, 'terraform.shop-hub.tfstate'), 'utf8')).toBe('{"serial": 7}');
    expect(fs.readFileSync(path.join(hub, 'terraform.shop-hub.tfstate.backup'), 'utf8')).toBe('{"serial": 6}');
    expect(fs.readFileSync(path.join(hub, '.terraform.lock.hcl'), 'utf8')).toBe('# lock');
    expect(fs.readFileSync(path.join(hub, '.terraform', 'providers', 'x'), 'utf8')).toBe('cache');
    expect(fs.existsSync(path.join(hub, 'stray.txt'))).toBe(false);
  });

  test('the state of a stack no longer in the config is kept and reported', () => {
    const out = path.join(tmp(), 'cdktf.out');
    const lz = defaultLandingZone();
    synthesize(lz, out);
    fs.writeFileSync(path.join(out, 'stacks', 'shop-spoke-shop-dev', 'terraform.shop-spoke-shop-dev.tfstate'), '{}');
    const result = synthesize({ ...lz, spokes: lz.spokes.filter((s) => s.name !== 'shop-dev') }, out);
    expect(result.stacks).not.toContain('shop-spoke-shop-dev');
    expect(result.orphanedState).toEqual(['shop-spoke-shop-dev']);
    expect(fs.readdirSync(path.join(out, 'stacks', 'shop-spoke-shop-dev'))).toEqual(['terraform.shop-spoke-shop-dev.tfstate']);
  });

  test.each([
    ['terraform.shop-hub.tfstate', true],
    ['terraform.tfstate', true],
    ['terraform.shop-hub.tfstate.backup', true],
    ['terraform.shop-hub.tfstate.1700000000.backup', true],
    ['.terraform', true],
    ['.terraform.lock.hcl', true],
    ['cdk.tf.json', false],
    ['terraform.tfvars', false],
  ])('%s is a working file: %s', (name, expected) => {
    expect(isTerraformWorkingFile(name)).toBe(expected);
  });
});

describe('main.ts (npm run synth)', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [require.resolve('tsx/cli'), 'main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

  test('a config with mistakes prints every problem with file:line, exits 1 and writes nothing', () => {
    const dir = tmp();
    const bad = path.join(dir, 'bad.yaml');
    const text = fs
      .readFileSync(path.join(ROOT, 'landing-zone.yaml'), 'utf8')
      .replace('172.16.160.0/20', '172.16.160.0/12')
      .replace('cidr: 172.20.0.0/16', 'cidr: 172.16.0.0/16');
    fs.writeFileSync(bad, text);
    const out = path.join(dir, 'cdktf.out');
    const r = run(['--config', bad], { CDKTF_OUTDIR: out });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/2 problems in the landing zone config/);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ spokes\[0\]\.vpc\.subnets\[6\]\.cidr: "172\.16\.160\.0\/12" has host bits set/);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ spokes\[1\]\.vpc\.cidr: "172\.16\.0\.0\/16" of spoke "shop-dev" overlaps/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(fs.readdirSync(dir)).toEqual(['bad.yaml']);
  });

  test('LZ_CONFIG picks the config; success lists the stacks', () => {
    const dir = tmp();
    const out = path.join(dir, 'cdktf.out');
    const r = run([], { CDKTF_OUTDIR: out, LZ_CONFIG: path.join(ROOT, 'landing-zone.yaml') });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/synthesized 5 stacks/);
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
  });
});
