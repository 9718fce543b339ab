import * as fs from 'node:fs';
import * as path from 'node:path';
import { Io } from '../../cli/commands';
import { packageVersion, run } from '../../cli/lz';
import * as synthModule from '../../cli/synth';
import * as synthesizedModule from '../../report/synthesized';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const DEFAULT = path.join(ROOT, 'landing-zone.yaml');
const FIXTURE = path.join(ROOT, '__tests__', 'fixtures', 'valid', 'per-az-and-isolated.yaml');

function capture(): Io & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), text: () => [...stdout, ...stderr].join('\n') };
}

/** Runs `lz <args>` and returns the exit code with what it printed. */
function lz(...args: string[]) {
  const io = capture();
  const code = run(['node', 'lz', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

function badConfig(): string {
  const file = path.join(tempDir('lz-cli-'), 'bad.yaml');
  fs.writeFileSync(file, fs.readFileSync(DEFAULT, 'utf8').replace('account: "444444444444"', 'account: "4444"'));
  return file;
}

let out: string;
let synthRun: ReturnType<typeof lz>;

beforeAll(() => {
  out = path.join(tempDir('lz-cli-'), 'cdktf.out');
  synthRun = lz('synth', '--config', DEFAULT, '--out', out);
});

describe('lz --help', () => {
  test('explains every command, the exit codes and the environment', () => {
    const r = lz('--help');
    expect(r.code).toBe(0);
    for (const line of [
      /^ {2}validate \[options\] +check the config and print every problem$/m,
      /^ {2}synth \[options\] +write Terraform JSON for every stack, and REPORT\.md$/m,
      /^ {2}report \[options\] +rewrite REPORT\.md from an existing synth and the/m,
      /^ {2}ip-plan \[options\] +print every subnet with its total and usable addresses$/m,
      /^ {2}vpn-profile \[options\] +write a Client VPN user's \.ovpn profile$/m,
      /^ {2}0 +success$/m,
      /^ {2}1 +invalid config, failed check or findings, or the command could not finish/m,
      /^ {2}2 +usage error: unknown command or option, missing argument$/m,
      /^ {2}70 +internal error: a bug in lz/m,
      /^ {2}CDKTF_OUTDIR +output directory of lz synth/m,
      /^ {2}LZ_DEBUG=1 +same as --debug$/m,
      /^ {2}--debug +print stack traces of unexpected errors$/m,
    ]) {
      expect(r.stdout).toMatch(line);
    }
  });

  test.each(['validate', 'synth', 'report', 'ip-plan', 'vpn-profile'])('lz %s --help: description, exit codes and examples', (command) => {
    const r = lz(command, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: lz ${command} [options]`);
    expect(r.stdout).toMatch(/^Exit 0: .+; 1: .+$/m);
    expect(r.stdout).toMatch(new RegExp(`Examples:\\n {2}lz ${command}`));
  });
});

describe('lz --version', () => {
  test.each([['--version'], ['-v']])('lz %s prints package.json\'s version and exits 0', (flag) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(lz(flag)).toEqual({ code: 0, stdout: pkg.version, stderr: '' });
  });

  test('packageVersion finds this project\'s package.json from cli/ and from dist/cli/, and says unknown elsewhere', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(packageVersion(path.join(ROOT, 'cli'))).toBe(pkg.version);
    expect(packageVersion(path.join(ROOT, 'dist', 'cli'))).toBe(pkg.version);
    // Another project's package.json on the way up is not ours.
    const other = tempDir('lz-version-');
    fs.writeFileSync(path.join(other, 'package.json'), JSON.stringify({ name: 'someone-else', version: '9.9.9' }));
    fs.mkdirSync(path.join(other, 'cli'));
    expect(packageVersion(path.join(other, 'cli'))).toBe('unknown');
  });
});

describe('usage errors exit 2 with one line and a pointer to --help', () => {
  test.each([
    [[], /^Usage: lz \[options\] \[command\]/],
    [['bogus'], /^error: unknown command 'bogus'\n\(run lz --help or lz <command> --help for usage\)$/],
    [['synth', '--bogus'], /^error: unknown option '--bogus'/],
    [['vpn-profile', '--spoke', 'shop-prod'], /^error: required option '--user <name>' not specified/],
    [['report', '--out'], /^error: option '--out <dir>' argument missing/],
    [['report', '--file'], /^error: option '-o, --file <file>' argument missing/],
    [['synth', '--config'], /^error: option '--config <file>' argument missing/],
    [['validate', 'extra'], /^error: too many arguments for 'validate'/],
  ])('lz %j', (args, message) => {
    const r = lz(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('lz validate and lz ip-plan', () => {
  test('valid: 0; invalid: 1 with file:line, path, value and fix', () => {
    expect(lz('validate', '--config', DEFAULT).code).toBe(0);
    const bad = lz('validate', '--config', badConfig());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+ spokes\[1\]\.account: "4444" must be a 12-digit AWS account id — write the 12 digits in quotes/);
    expect(lz('ip-plan', '--config', DEFAULT).code).toBe(0);
  });
});

describe('lz synth', () => {
  test('writes the stacks and REPORT.md, and prints the estimate', () => {
    expect(synthRun.code).toBe(0);
    expect(synthRun.stdout).toContain(`report: ${path.join(out, 'REPORT.md')} (about $1,430.79 a month in fixed charges)`);
    expect(fs.readFileSync(path.join(out, 'REPORT.md'), 'utf8')).toMatch(/^# Network report: shop\n/);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['cdktf.out']);
  });

  test('an invalid config: 1, nothing written', () => {
    const target = path.join(tempDir('lz-cli-'), 'cdktf.out');
    const r = lz('synth', '--config', badConfig(), '--out', target);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was written to the output directory\.$/);
    expect(fs.existsSync(target)).toBe(false);
  });

  test('an unexpected failure prints one line without a trace, and the trace with --debug', () => {
    const spy = jest.spyOn(synthModule, 'synthesize').mockImplementation(() => {
      throw new Error('boom in a construct');
    });
    const saved = process.env.LZ_DEBUG;
    try {
      delete process.env.LZ_DEBUG;
      const plain = lz('synth', '--config', DEFAULT, '--out', path.join(tempDir('lz-cli-'), 'x'));
      expect(plain.code).toBe(1);
      expect(plain.stderr).toBe(['error: synthesis failed: boom in a construct', 'run again with --debug (or LZ_DEBUG=1) for the stack trace.', 'nothing was written to the output directory.'].join('\n'));
      const debug = lz('--debug', 'synth', '--config', DEFAULT, '--out', path.join(tempDir('lz-cli-'), 'x'));
      expect(debug.code).toBe(1);
      expect(debug.stderr).toMatch(/^error: synthesis failed: boom in a construct\nError: boom in a construct\n {4}at /);
    } finally {
      spy.mockRestore();
      if (saved === undefined) delete process.env.LZ_DEBUG;
      else process.env.LZ_DEBUG = saved;
    }
  });
});

describe('lz report', () => {
  test('rewrites REPORT.md from the synth: the same bytes synth wrote, without an analysis', () => {
    const written = fs.readFileSync(path.join(out, 'REPORT.md'), 'utf8');
    const r = lz('report', '--config', DEFAULT, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${path.join(out, 'REPORT.md')} (analysis not run; about $1,430.79 a month)`);
    expect(fs.readFileSync(path.join(out, 'REPORT.md'), 'utf8')).toBe(written);
  });

  test('picks up <outdir>/analysis.json and renders its findings', () => {
    const dir = path.join(tempDir('lz-cli-'), 'copy');
    fs.cpSync(out, dir, { recursive: true });
    const analysis = {
      intents: [{ id: 'prod-not-nonprod', title: 'prod never reaches nonprod', subject: 'shop-prod → shop-dev', status: 'proved', evidence: 'no route' }],
      findings: [{ rule: 'LZ-SG02', title: 'No SSH from the internet', level: 'error', resource: 'shop-spoke-shop-prod/app-tier-sg', message: 'ingress tcp 22 from 0.0.0.0/0' }],
    };
    fs.writeFileSync(path.join(dir, 'analysis.json'), JSON.stringify(analysis));
    const r = lz('report', '--config', DEFAULT, '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(1 open error(s) in the analysis;');
    const text = fs.readFileSync(path.join(dir, 'REPORT.md'), 'utf8');
    expect(text).toContain('| `LZ-SG02` No SSH from the internet | **error** | `shop-spoke-shop-prod/app-tier-sg` | ingress tcp 22 from 0.0.0.0/0 |');
    expect(text).not.toContain('_Analysis not run._');
  });

  test('-o - prints the Markdown; --json prints the figures', () => {
    const md = lz('report', '--config', DEFAULT, '--out', out, '-o', '-');
    expect(md.code).toBe(0);
    expect(md.stdout).toBe(fs.readFileSync(path.join(out, 'REPORT.md'), 'utf8').trimEnd());
    const json = lz('report', '--config', DEFAULT, '--out', out, '--json');
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout);
    expect(data.costs.totalUsd).toBeCloseTo(1430.79, 2);
    expect(data.transitGatewayRouteTables.map((t: { name: string }) => t.name)).toEqual(['prod', 'nonprod', 'shared', 'egress', 'onprem']);
    expect(data.ipPlan[2]).toMatchObject({ owner: 'spoke shop-prod', usable: 20990 });
  });

  test('no synth, a synth of another config, an unwritable target or a malformed analysis: 1 with what to do', () => {
    const missing = lz('report', '--config', DEFAULT, '--out', path.join(tempDir('lz-cli-'), 'none'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/none\/manifest\.json does not exist: .*none holds no synthesized stacks — run `lz synth --out .*none` first$/);

    const other = lz('report', '--config', FIXTURE, '--out', out);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/was synthesized from another config \(stacks shop-hub, .*; this config has acme-hub, .*\) — run `lz synth` with this config first$/);

    const bad = path.join(tempDir('lz-cli-'), 'analysis.json');
    fs.writeFileSync(bad, JSON.stringify({ intents: [{ id: 'x', title: 't', subject: 's', status: 'maybe', evidence: 'e' }], findings: [] }));
    const unwritable = lz('report', '--config', DEFAULT, '--out', out, '--file', path.join(tempDir('lz-cli-'), 'missing-dir', 'REPORT.md'));
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/^error: cannot write .*missing-dir\/REPORT\.md: ENOENT$/);

    const malformed = lz('report', '--config', DEFAULT, '--out', out, '--analysis', bad);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/analysis\.json: intents\.0\.status: .+ — expected \{ intents: \[\.\.\.\], findings: \[\.\.\.\] \}/);
  });

  test('an internal error (a TypeError) never shows its raw message: one line naming the command, exit 70; --debug adds message and trace', () => {
    const spy = jest.spyOn(synthesizedModule, 'readSynthesized').mockImplementation(() => {
      throw new TypeError('cannot read properties of undefined');
    });
    const saved = process.env.LZ_DEBUG;
    try {
      delete process.env.LZ_DEBUG;
      const r = lz('report', '--config', DEFAULT, '--out', out);
      expect(r.code).toBe(70);
      expect(r.stderr).toBe('error: internal error in lz report; run again with --debug (or LZ_DEBUG=1) for the stack trace.');
      const debug = lz('--debug', 'report', '--config', DEFAULT, '--out', out);
      expect(debug.code).toBe(70);
      expect(debug.stderr).toMatch(/^error: internal error in lz report:\nTypeError: cannot read properties of undefined\n {4}at /);
    } finally {
      spy.mockRestore();
      if (saved === undefined) delete process.env.LZ_DEBUG;
      else process.env.LZ_DEBUG = saved;
    }
  });
});
