/**
 * The real CLI on broken configs, in child processes (split from fuzz.test.ts, issue 19, so the two run
 * on separate jest workers): exit code 1, the path on stderr, no stack trace, and the output directory
 * untouched.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { tempDir } from '../helpers/temp';
import { DEFAULT, mutated, setTo } from './mutation';

const ROOT = path.join(__dirname, '..', '..');

// ---- the real CLI ------------------------------------------------------------------------------

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function lzSynth(config: string, out: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli', 'lz.ts'), 'synth', '--config', config, '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LZ_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under dir with its content. */
function tree(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = fs.readFileSync(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

const CLI_CASES: readonly { name: string; text: string; says: string[]; existingOut: boolean }[] = [
  { name: 'empty file', text: '', says: ['landing-zone.yaml:1:1 landing-zone.yaml is empty: expected a mapping with name, region'], existingOut: true },
  { name: 'not YAML at all', text: '{{{ name: shop', says: ['landing-zone.yaml:1:15 landing-zone.yaml is not valid YAML'], existingOut: false },
  { name: 'wrong type', text: setTo(['spokes', 0, 'vpc', 'cidr'], 12345)(), says: ['spokes[0].vpc.cidr: 12345 is a number, expected a string'], existingOut: true },
  { name: 'unknown key', text: mutated(['spokes', 0, 'vpc', 'egress'], (parent) => void (parent.egres = 'central'))(), says: ['spokes[0].vpc.egres', '(did you mean "egress"?)'], existingOut: true },
  { name: 'overlapping ranges', text: stringify({ ...structuredClone(DEFAULT), spokes: [DEFAULT.spokes[0], { ...DEFAULT.spokes[1], vpc: { ...DEFAULT.spokes[1].vpc, cidr: '172.16.0.0/16' } }] }), says: ['spokes[1].vpc.cidr', 'overlaps 172.16.0.0/16'], existingOut: true },
];

describe(`the real CLI (lz synth) on ${CLI_CASES.length} broken configs, in child processes`, () => {
  const results = new Map<string, { run: CliRun; out: string; parent: string; before: Record<string, string> }>();

  beforeAll(async () => {
    await Promise.all(
      CLI_CASES.map(async (c) => {
        const parent = tempDir('lz-fuzz-cli-');
        const config = path.join(parent, 'landing-zone.yaml');
        fs.writeFileSync(config, c.text);
        const out = path.join(parent, 'cdktf.out');
        if (c.existingOut) {
          fs.mkdirSync(path.join(out, 'stacks', 'previous'), { recursive: true });
          fs.writeFileSync(path.join(out, 'stacks', 'previous', 'cdk.tf.json'), '{"previous": true}\n');
        }
        const before = tree(out);
        results.set(c.name, { run: await lzSynth(config, out), out, parent, before });
      }),
    );
  }, 180_000);

  test.each(CLI_CASES)('$name: exit 1, the path on stderr, no stack trace, output untouched', (c) => {
    const { run, out, parent, before } = results.get(c.name)!;
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: expect.any(String) });
    for (const s of c.says) expect(run.stderr).toContain(s);
    expect(run.stderr).toContain('nothing was written to the output directory.');
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m);
    expect(tree(out)).toEqual(before);
    expect(fs.existsSync(out)).toBe(c.existingOut);
    // No staging directory left beside it.
    expect(fs.readdirSync(parent).sort()).toEqual(c.existingOut ? ['cdktf.out', 'landing-zone.yaml'] : ['landing-zone.yaml']);
  });
});
