/**
 * Issue 22: every flag form works or fails loudly, and every output contract holds: exit codes 0, 1,
 * 2 and 70; `--json` is JSON alone on stdout (money rounded to cents); progress and warnings on
 * stderr, and none at all off a terminal (cdktf synth prints the app's stderr as [ERROR]); one path
 * vocabulary (`--out <dir>`, `--file`/`-o <file>`) with the old spellings warned about; help examples
 * that parse as written.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Io } from '../../cli/commands';
import { program, run, synthMain } from '../../cli/lz';
import { cents, jsonText } from '../../cli/json';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const DEFAULT = path.join(ROOT, 'landing-zone.yaml');

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** Runs `lz <args>` in process. */
function lz(...args: string[]) {
  const io = capture();
  const code = run(['node', 'lz', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** Runs main.ts (npm run synth) in process with these arguments. */
function main(...args: string[]) {
  const io = capture();
  const code = synthMain(['node', 'main.ts', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** Every key of a JSON value whose number is money, with the value. */
function moneyValues(value: unknown, out: [string, number][] = []): [string, number][] {
  if (Array.isArray(value)) value.forEach((v) => moneyValues(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'number' && (/Usd$/.test(k) || k === 'monthly')) out.push([k, v]);
      else moneyValues(v, out);
    }
  }
  return out;
}

const hasAtMostCents = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

let out: string;

beforeAll(() => {
  out = path.join(tempDir('lz-flags-'), 'cdktf.out');
  const r = lz('synth', '--config', DEFAULT, '--out', out);
  expect([r.code, r.stderr]).toEqual([0, '']);
});

describe('main.ts (npm run synth, cdktf synth): the lz synth command line', () => {
  test('--config=<file> and --config <file> both pick the config; --out picks the directory', () => {
    const dir = tempDir('lz-main-');
    const fixture = path.join(ROOT, '__tests__', 'fixtures', 'valid', 'per-az-and-isolated.yaml');
    const equals = main(`--config=${fixture}`, '--out', path.join(dir, 'a'));
    expect(equals.code).toBe(0);
    expect(equals.stdout).toMatch(/^synthesized \d+ stacks from .*per-az-and-isolated\.yaml into .*\/a:/);
    expect(fs.readdirSync(path.join(dir, 'a', 'stacks')).some((s) => s.startsWith('acme-'))).toBe(true);
    const spaced = main('--config', fixture, `--out=${path.join(dir, 'b')}`);
    expect(spaced.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'b', 'stacks')).sort()).toEqual(fs.readdirSync(path.join(dir, 'a', 'stacks')).sort());
  });

  test('--help prints the synth usage and exits 0 without synthesizing', () => {
    const r = main('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: lz synth \[options\]/);
    expect(r.stdout).toContain('npm run synth -- --config=examples/perimeter.yaml --out=build/cdktf.out');
  });

  test.each([
    [['--config'], /^error: option '--config <file>' argument missing/],
    [['--conifg', 'x.yaml'], /^error: unknown option '--conifg'/],
    [['--out'], /^error: option '--out <dir>' argument missing/],
    [['stray'], /^error: too many arguments for 'synth'/],
  ])('%j is a usage error: exit 2, nothing synthesized', (args, message) => {
    const r = main(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  test('CDKTF_OUTDIR (set by cdktf synth) is the default output directory', () => {
    const dir = path.join(tempDir('lz-main-'), 'from-cdktf');
    const saved = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = dir;
    try {
      expect(main('--config', DEFAULT).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = saved;
    }
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true);
  });

  test('the real main.ts off a terminal (as cdktf runs it): success prints nothing on stderr, a bare --config exits 2', () => {
    const dir = tempDir('lz-main-');
    const spawn = (args: string[]) =>
      spawnSync(process.execPath, [require.resolve('tsx/cli'), 'main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: path.join(dir, 'out'), CI: '', LZ_CONFIG: '' } });
    const ok = spawn([`--config=${DEFAULT}`]);
    expect(ok.status).toBe(0);
    // cdktf prints every stderr line of the app as [ERROR]: progress is for terminals only.
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^synthesized 5 stacks from /);
    const bare = spawn(['--config']);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/^error: option '--config <file>' argument missing/);
  });
});

describe('--json: JSON alone on stdout, money in cents', () => {
  test('lz synth --json: stacks written, report path, cost', () => {
    const dir = path.join(tempDir('lz-json-'), 'cdktf.out');
    const r = lz('synth', '--config', DEFAULT, '--out', dir, '--json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data).toEqual({
      config: expect.stringMatching(/landing-zone\.yaml$/),
      outdir: dir,
      stacks: ['shop-hub', 'shop-log-archive', 'shop-spoke-shop-dev', 'shop-spoke-shop-prod', 'shop-spoke-shop-prod-vpn-pki'].sort(),
      report: path.join(dir, 'REPORT.md'),
      costs: { monthlyUsd: 1430.79, region: 'ap-northeast-2' },
      orphanedState: [],
    });
    expect(r.stderr).toBe('');
  });

  test('lz synth --json with an invalid config: exit 1, the issues as JSON on stdout, nothing written', () => {
    const file = path.join(tempDir('lz-json-'), 'bad.yaml');
    fs.writeFileSync(file, fs.readFileSync(DEFAULT, 'utf8').replace('account: "444444444444"', 'account: "4444"'));
    const target = path.join(path.dirname(file), 'cdktf.out');
    const r = lz('synth', '--config', file, '--out', target, '--json');
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    expect(data.valid).toBe(false);
    expect(data.issues[0]).toMatchObject({ path: 'spokes[1].account', value: '4444' });
    expect(fs.existsSync(target)).toBe(false);
  });

  test('lz check --synth --json: stdout is the analysis alone; the synth lines go to stderr', () => {
    const dir = path.join(tempDir('lz-json-'), 'cdktf.out');
    const r = lz('check', '--synth', '--config', DEFAULT, '--out', dir, '--json');
    expect(r.code).toBe(0);
    const analysis = JSON.parse(r.stdout);
    expect(analysis.intents.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^synthesized 5 stacks/);
  });

  test('progress is reported beside the output, never in it: with --json stdout is the JSON alone', () => {
    const steps: string[] = [];
    const io = { ...capture(), progress: { start: (l: string) => steps.push(`start ${l}`), succeed: () => steps.push('done'), fail: () => steps.push('failed') } };
    const dir = path.join(tempDir('lz-json-'), 'cdktf.out');
    expect(run(['node', 'lz', 'check', '--synth', '--config', DEFAULT, '--out', dir, '--json'], io)).toBe(0);
    expect(steps).toEqual(['start synthesizing 2 spokes and the hub', 'done', expect.stringMatching(/^start proving intents and running \d+ rules over /), 'done']);
    expect(JSON.parse(io.stdout.join('\n')).exitCode).toBe(0);
  });

  test('lz report --json: every money amount rounded to cents; validate and ip-plan --json parse', () => {
    const r = lz('report', '--config', DEFAULT, '--out', out, '--json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    const money = moneyValues(data);
    expect(money.length).toBeGreaterThan(10);
    expect(money.filter(([, v]) => !hasAtMostCents(v))).toEqual([]);
    expect(data.costs.totalUsd).toBe(1430.79);
    expect(JSON.parse(lz('validate', '--config', DEFAULT, '--json').stdout).valid).toBe(true);
    expect(JSON.parse(lz('ip-plan', '--config', DEFAULT, '--json').stdout)[0].owner).toBeDefined();
  });

  test('config warnings go to stderr with --json (stdout stays JSON); lz validate --json carries them in its JSON instead', () => {
    const dir = tempDir('lz-json-');
    const file = path.join(dir, 'lz.yaml');
    fs.writeFileSync(file, fs.readFileSync(DEFAULT, 'utf8').replace('      users: [alice, bob]\n', '      users: [alice, bob]\n      certValidityDays: 365\n'));
    const r = lz('synth', '--config', file, '--out', path.join(dir, 'out'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stacks).toHaveLength(5);
    expect(r.stderr).toMatch(/^.*lz\.yaml:\d+:\d+ warning: spokes\[0\]\.clientVpn\.certValidityDays: 365 is deprecated/);
    const v = lz('validate', '--config', file, '--json');
    expect(JSON.parse(v.stdout).warnings[0]).toMatchObject({ path: 'spokes[0].clientVpn.certValidityDays' });
    expect(v.stderr).toBe('');
  });

  test('jsonText rounds money keys only, never unit prices', () => {
    expect(JSON.parse(jsonText({ totalUsd: 1430.789999, monthly: 32.8499999, usd: 0.0014, lines: [{ savingUsd: -139.0849 }] }))).toEqual({ totalUsd: 1430.79, monthly: 32.85, usd: 0.0014, lines: [{ savingUsd: -139.08 }] });
    expect(cents(0.005)).toBe(0.01);
    expect(cents(-0.005)).toBe(-0.01);
  });
});

describe('one path vocabulary: --out <dir>, --file/-o <file>, old spellings warned about', () => {
  test('lz report -o <file> and --file - write the report where asked', () => {
    const file = path.join(tempDir('lz-paths-'), 'lz-report.md');
    const r = lz('report', '--config', DEFAULT, '--out', out, '-o', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^# Network report: shop\n/);
    const md = lz('report', '--config', DEFAULT, '--out', out, '--file', '-');
    expect(md.stdout).toMatch(/^# Network report: shop\n/);
  });

  test('the old `lz report --outdir <dir> --out <file>` still works, with a warning on stderr for each old spelling', () => {
    const file = path.join(tempDir('lz-paths-'), 'lz-report.md');
    const r = lz('report', '--config', DEFAULT, '--outdir', out, '--out', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${file} (analysis not run; about $1,430.79 a month)`);
    expect(r.stderr.split('\n')).toEqual([
      `warning: \`lz report --out ${file}\` is deprecated and stops working in the next release: use --file ${file} (or -o ${file}): --out now names the output directory`,
      'warning: `lz report --outdir` is deprecated and stops working in the next release: use --out',
    ]);
  });

  test('the old `lz report --out -` prints the report, with the warning on stderr only', () => {
    const cwd = process.cwd();
    process.chdir(path.dirname(out));
    try {
      const r = lz('report', '--config', DEFAULT, '--out', '-');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^# Network report: shop\n/);
      expect(r.stderr).toMatch(/^warning: `lz report --out -` is deprecated/);
    } finally {
      process.chdir(cwd);
    }
  });

  test('--out naming an existing directory is always the directory; --outdir with --out is a usage error', () => {
    const r = lz('report', '--config', DEFAULT, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const both = lz('check', '--config', DEFAULT, '--out', out, '--outdir', out);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^error: give the output directory once: --out .* or --outdir /);
    const old = lz('check', '--config', DEFAULT, '--outdir', out);
    expect(old.code).toBe(0);
    expect(old.stderr).toBe('warning: `lz check --outdir` is deprecated and stops working in the next release: use --out');
  });

  test('--outdir is hidden from help; --out and --file are shown', () => {
    for (const command of ['synth', 'check', 'report', 'vpn-profile', 'plan-summary']) {
      const help = lz(command, '--help').stdout;
      expect(help).not.toContain('--outdir');
      expect(help).toContain('--out <dir>');
      if (['report', 'vpn-profile', 'plan-summary'].includes(command)) expect(help).toContain('-o, --file <file>');
    }
  });
});

/** Splits an example the way a POSIX shell would, for the quoting the examples use. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The `lz` invocation of one example line: after `&&`, before a pipe; `npm run synth -- …` is `lz synth …`. */
function invocation(line: string): string[] | undefined {
  const command = line.split(' && ').pop()!.split(' | ')[0].trim();
  const npm = /^npm run synth -- (.*)$/.exec(command);
  if (npm) return ['synth', ...words(npm[1])];
  if (!command.startsWith('lz ')) return undefined;
  return words(command).slice(1);
}

/** Parses argv as `lz` would, stopping before any command runs: 0 when it parses, 2 (usage) when not. */
function parses(args: string[]): { code: number; stderr: string } {
  const io = capture();
  const p = program(io, () => undefined);
  p.hook('preAction', () => {
    throw new Error('parsed');
  });
  try {
    p.parse(['node', 'lz', ...args]);
    return { code: 0, stderr: io.stderr.join('\n') };
  } catch (e) {
    if ((e as Error).message === 'parsed') return { code: 0, stderr: io.stderr.join('\n') };
    return { code: (e as { exitCode?: number }).exitCode ?? 1, stderr: io.stderr.join('\n') };
  }
}

describe('help examples run as written', () => {
  // Every command of the program, subcommands included (`ipam allocate`), as the words that name it.
  const walk = (cmd: ReturnType<typeof program>, at: string[]): string[][] =>
    cmd.commands.flatMap((c) => (c.commands.length > 0 ? walk(c, [...at, c.name()]) : [[...at, c.name()]]));
  const commands = walk(program(), []);
  const examplesOf = (help: string): string[] =>
    help
      .slice(help.lastIndexOf('Examples:\n') + 'Examples:\n'.length)
      .split('\n')
      .map((l) => l.trim().split(/\s{3,}/)[0])
      .filter((l) => l !== '' && !l.includes('<command>'));
  const all = [...examplesOf(lz('--help').stdout), ...commands.flatMap((c) => examplesOf(lz(...c, '--help').stdout))];

  test('every command has examples, and every example is an lz (or npm run synth) command line', () => {
    for (const c of commands) expect([c.join(' '), lz(...c, '--help').stdout.includes('Examples:\n')]).toEqual([c.join(' '), true]);
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(all.filter((l) => invocation(l) === undefined)).toEqual([]);
  });

  test.each(all)('parses: %s', (line) => {
    const r = parses(invocation(line)!);
    expect(r).toEqual({ code: 0, stderr: '' });
  });

  /**
   * The files an example reads: config, plan, outputs and acknowledgement files it names (not the
   * file it writes, -o/--file), and the output directory of any command but synth, which reads it.
   * vpn-profile without --spoke-outputs reads the spoke's Terraform state, which no test has.
   */
  function inputsOf(args: readonly string[]): string[] {
    const inputs: string[] = [];
    const flat = args.flatMap((a) => (/^--[\w-]+=/.test(a) ? a.split(/=(.*)/s).slice(0, 2) : [a]));
    flat.forEach((a, i) => {
      const flag = flat[i - 1];
      if (flag === '-o' || flag === '--file') return;
      if (/\.(ya?ml|json)$/.test(a)) inputs.push(a);
      if (flag === '--out' && args[0] !== 'synth') inputs.push(a);
    });
    if (args[0] === 'vpn-profile' && !args.includes('--spoke-outputs')) inputs.push('<terraform state of the spoke>');
    return inputs;
  }

  test('every example whose input files exist runs as written, in help order, in a directory with examples/: exit 0 (1 for a blocked --explain)', () => {
    const cwd = process.cwd();
    const dir = tempDir('lz-examples-');
    fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    process.chdir(dir);
    const skipped: string[] = [];
    const ran: string[] = [];
    try {
      for (const line of all) {
        const args = invocation(line)!;
        if (args.includes('--help') || args.includes('--version')) continue;
        const missing = inputsOf(args).filter((f) => !fs.existsSync(f));
        if (missing.length > 0) {
          skipped.push(line);
          continue;
        }
        const r = lz(...args);
        ran.push(line);
        const expected = args.includes('--explain') && r.stdout.includes(': blocked by ') ? 1 : 0;
        expect([line, r.code, r.code === expected ? '' : r.stderr]).toEqual([line, expected, '']);
        if (args.includes('--json')) expect(() => JSON.parse(r.stdout)).not.toThrow();
      }
    } finally {
      process.chdir(cwd);
    }
    expect(ran).toEqual(
      expect.arrayContaining([
        'lz validate --config examples/perimeter.yaml --json',
        'lz synth --config examples/perimeter.yaml --out build/cdktf.out',
        'npm run synth -- --config=examples/perimeter.yaml --out=build/cdktf.out',
        'lz check --out cdktf.out --verbose',
        'lz check --explain shop-dev shop-prod/web-1 --port 443',
        'lz report --config examples/perimeter.yaml --out build/cdktf.out --file lz-report.md',
        'lz ipam allocate --config examples/ipam.yaml',
      ]),
    );
    expect(fs.existsSync(path.join(dir, 'lz-report.md'))).toBe(true);
    // Only examples that read a plan, an outputs file or Terraform state no test has are left out.
    expect(skipped.every((l) => /plan-summary|vpn-profile/.test(l))).toBe(true);
    expect(skipped.length).toBeLessThanOrEqual(all.filter((l) => /plan-summary|vpn-profile/.test(l)).length);
  });

  test('those that need only the default config run, exit 0 and print (JSON where asked)', () => {
    const cwd = process.cwd();
    const dir = tempDir('lz-examples-');
    process.chdir(dir);
    try {
      for (const line of ['lz validate', 'lz ip-plan', "lz ip-plan --json | jq '.[0].usable'", 'lz check --rules', 'lz synth', 'lz report', 'lz report -o - | less', "lz report --json | jq '.costs.totalUsd'", 'lz check --synth']) {
        expect(all).toContain(line);
        const r = lz(...invocation(line)!);
        expect([line, r.code]).toEqual([line, 0]);
        if (line.includes('--json')) expect(() => JSON.parse(r.stdout)).not.toThrow();
        else expect(r.stdout).not.toBe('');
      }
    } finally {
      process.chdir(cwd);
    }
  });
});
