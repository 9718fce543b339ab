/**
 * What the workflows run, executed here: the compiled command line they ship to the plan and apply
 * jobs (plain node, its embedded files, production dependencies only, so those jobs need
 * `npm ci --omit=dev` and never the dev toolchain), and the shell and github-script steps taken from
 * the workflow files themselves, with `npx` and `curl` replaced by stand-ins on PATH.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { BUILD_ASSETS, buildCli, CLI_ENTRY, main as buildCliMain, NODE_SHEBANG, toolchainAvailable } from '../../scripts/build-cli';
import { configText } from '../helpers/config';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const PLANS = path.join(ROOT, '__tests__', 'fixtures', 'plans');
const RESEGMENT = path.join(PLANS, 'real-spoke-prod-resegment-rename.json');

let out: string;

/** Runs the compiled `lz` with node; modules resolve from the repository's node_modules as they would from dist/. */
function lzJs(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(out, 'cli', 'lz.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), LZ_CONFIG: '', CI: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  out = path.join(tempDir('lz-build-'), 'dist');
  buildCli(out);
});

describe('npm run build:cli', () => {
  test('is the script the workflows run, compiling tsconfig.build.json into dist/ with the run-time files beside it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts['build:cli']).toBe('tsx scripts/build-cli.ts');
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8'));
    expect(tsconfig.compilerOptions).toMatchObject({ rootDir: '.', outDir: 'dist' });
    // The build must not compile tests (jest types) or anything the CLI does not need.
    expect(tsconfig.include.some((p: string) => /__tests__|bench|scripts|verify/.test(p))).toBe(false);
    for (const asset of BUILD_ASSETS) expect([asset, fs.existsSync(path.join(out, asset))]).toEqual([asset, true]);
  });

  test('node dist/cli/lz.js --help and validate (the embedded config) work without tsx', () => {
    const help = lzJs('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}plan-summary \[options\] <plan\.json\.\.\.>/m);
    const validate = lzJs('validate');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/landing-zone\.yaml: valid \(2 spokes: shop-prod, shop-dev\)/);
  });

  test('npm ci builds it (prepare) and package.json bin.lz is the compiled entry: executable, plain node, so `npx lz` runs JavaScript', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ lz: `dist/${CLI_ENTRY}` });
    expect(pkg.scripts.prepare).toBe('tsx scripts/build-cli.ts --if-toolchain');
    const entry = path.join(out, CLI_ENTRY);
    expect(fs.readFileSync(entry, 'utf8').split('\n')[0]).toBe(NODE_SHEBANG);
    expect(fs.statSync(entry).mode & 0o111).toBe(0o111);
    // Run as the bin link does: the file itself, its shebang choosing the interpreter. The version comes
    // from the package.json above dist/, as in the repository and in the synth artifact the plan jobs download.
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(path.dirname(out), 'package.json'));
    const r = spawnSync(entry, ['--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
    expect([r.status, r.stdout.trim(), r.stderr]).toEqual([0, pkg.version, '']);
  });

  test.each([['--help'], ['--version']])('lz %s loads no command: no cdktf, provider, config, analysis or plan module (issue 19: under 0.3 s)', (flag) => {
    const probe = [
      `const lz = require(${JSON.stringify(path.join(out, CLI_ENTRY))});`,
      `const code = lz.run(['node', 'lz', ${JSON.stringify(flag)}], { out() {}, err() {} });`,
      'console.log(JSON.stringify({ code, modules: Object.keys(require.cache) }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
    expect(r.stderr).toBe('');
    const { code, modules } = JSON.parse(r.stdout) as { code: number; modules: string[] };
    expect(code).toBe(0);
    const loaded = modules.map((m) => path.relative(out, m).split(path.sep).join('/'));
    // Only the entry and its light helpers; commander is the one package.
    expect(loaded.filter((m) => !m.startsWith('..')).sort()).toEqual(['cli/errors.js', 'cli/io.js', 'cli/lz.js', 'cli/progress.js', 'lib/exit-codes.js']);
    expect(modules.filter((m) => /node_modules/.test(m)).every((m) => /node_modules\/commander\//.test(m))).toBe(true);
  });

  test('prepare under npm ci --omit=dev (no TypeScript) keeps the downloaded dist/ and exits 0; with TypeScript it builds', () => {
    expect(toolchainAvailable()).toBe(true);
    expect(
      toolchainAvailable(() => {
        throw new Error('Cannot find module');
      }),
    ).toBe(false);
    const shipped = path.join(tempDir('lz-build-'), 'dist');
    fs.mkdirSync(path.join(shipped, 'cli'), { recursive: true });
    fs.writeFileSync(path.join(shipped, CLI_ENTRY), 'shipped');
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(buildCliMain(['--if-toolchain', '--out', shipped], () => false)).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(fs.readFileSync(path.join(shipped, CLI_ENTRY), 'utf8')).toBe('shipped');
  });

  test('plan-summary: the guard and the acknowledgement file, as the plan jobs run it', () => {
    expect(lzJs('plan-summary', RESEGMENT, '--stack', 'shop-spoke-shop-prod').code).toBe(1);
    const impacts = JSON.parse(lzJs('plan-summary', RESEGMENT, '--json').stdout).stacks[0].connectivityImpacts.map((c: { address: string }) => c.address) as string[];
    const ack = path.join(tempDir('lz-build-'), 'connectivity-ack.yaml');
    fs.writeFileSync(ack, `pullRequest: 7\nreason: resegment\nstacks:\n  shop-spoke-shop-prod:\n${impacts.map((a) => `    - ${a}`).join('\n')}\n`);
    const r = lzJs('plan-summary', RESEGMENT, '--stack', 'shop-spoke-shop-prod', '--allow-connectivity-impact-from', ack, '--pull-request', '7', '--markdown');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`⚠ 5 connectivity-impacting changes in shop-spoke-shop-prod, all acknowledged in ${ack} (pull request #7).`);
  });

  test('reading a plan loads production dependencies only (npm ci --omit=dev installs everything it needs)', () => {
    const probe = [
      `const lz = require(${JSON.stringify(path.join(out, 'cli', 'lz.js'))});`,
      `const code = lz.run(['node', 'lz', 'plan-summary', ${JSON.stringify(RESEGMENT)}, '--allow-connectivity-impact'], { out() {}, err() {} });`,
      'console.log(JSON.stringify({ code, modules: Object.keys(require.cache) }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
    expect(r.stderr).toBe('');
    const { code, modules } = JSON.parse(r.stdout) as { code: number; modules: string[] };
    expect(code).toBe(0);
    // package-lock.json marks what `npm ci --omit=dev` leaves out with "dev": true.
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')).packages as Record<string, { dev?: boolean }>;
    const packages = new Set(
      modules
        .map((m) => path.relative(ROOT, m).split(path.sep).join('/'))
        .map((rel) => rel.match(/^(?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+/)?.[0])
        .filter((key): key is string => key !== undefined),
    );
    expect([...packages]).toEqual(expect.arrayContaining(['node_modules/commander', 'node_modules/zod']));
    for (const key of packages) expect([key, key in lock && lock[key].dev !== true]).toEqual([key, true]);
  });
});

// ---------------------------------------------------------------------------------------------
// The workflow steps themselves.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const workflow = (file: string): Json => parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', file), 'utf8'));
const stepOf = (job: Json, pick: (st: Json) => boolean): Json => (job.steps as Json[]).find(pick)!;

/** `npx tsx cli/lz.ts …` runs the compiled lz; `curl` logs its arguments and writes $FAKE_PLAN to --output. */
function fakeBin(): string {
  const bin = tempDir('lz-bin-');
  fs.writeFileSync(
    path.join(bin, 'npx'),
    '#!/usr/bin/env bash\nif [ "$1" = tsx ] && [ "$2" = cli/lz.ts ]; then shift 2; exec node "$LZ_JS" "$@"; fi\necho "unexpected: npx $*" >&2; exit 99\n',
    { mode: 0o755 },
  );
  fs.writeFileSync(
    path.join(bin, 'curl'),
    '#!/usr/bin/env bash\nout=""\nwhile [ $# -gt 0 ]; do case "$1" in --output) out="$2"; shift 2;; --header) echo "header $2" >> "$FAKE_CURL_LOG"; shift 2;; -*) shift;; *) echo "url $1" >> "$FAKE_CURL_LOG"; shift;; esac; done\ncp "$FAKE_PLAN" "$out"\n',
    { mode: 0o755 },
  );
  return bin;
}

/** Runs a step's `run` the way GitHub's default shell does (`bash -e`), with the runner's files. */
function runStepScript(script: string, env: Record<string, string>, cwd: string = tempDir('lz-step-')) {
  const runner = tempDir('lz-runner-');
  const files = { GITHUB_OUTPUT: path.join(runner, 'output'), GITHUB_STEP_SUMMARY: path.join(runner, 'summary'), FAKE_CURL_LOG: path.join(runner, 'curl.log') };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const r = spawnSync('bash', ['-e', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${fakeBin()}:${process.env.PATH}`, NODE_PATH: path.join(ROOT, 'node_modules'), LZ_JS: path.join(out, 'cli', 'lz.js'), RUNNER_TEMP: runner, LZ_CONFIG: '', TF_HOSTNAME: '', ...files, ...env },
  });
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, cwd, output: read(files.GITHUB_OUTPUT), summary: read(files.GITHUB_STEP_SUMMARY), curl: read(files.FAKE_CURL_LOG) };
}

describe('the Terraform Cloud settings step (pull-request.yml and apply.yml)', () => {
  const script = () => stepOf(workflow('pull-request.yml').jobs.check, (st) => st.id === 'tfc').run as string;
  const config = (mutate: Parameters<typeof configText>[0]) => {
    const file = path.join(tempDir('lz-cfg-'), 'landing-zone.yaml');
    fs.writeFileSync(file, configText(mutate));
    return file;
  };

  test('no terraformCloud block: succeeds, outputs configured=false and says so in the job summary', () => {
    const r = runStepScript(script(), {});
    expect(r.code).toBe(0);
    expect(r.output).toBe('configured=false\n');
    expect(r.summary).toBe(
      '### Terraform Cloud is not configured\n\nThe config has no `terraformCloud` block, so nothing was planned or applied in Terraform Cloud; the offline checks ran.\nSet `terraformCloud` in the config to plan pull requests and apply merges (docs/terraform-cloud.md).\n',
    );
  });

  test("with terraformCloud: the config's host, which TF_HOSTNAME may repeat but not contradict", () => {
    const tfe = config((c) => (c.terraformCloud = { organization: 'acme', hostname: 'tfe.example.com' }));
    expect(runStepScript(script(), { LZ_CONFIG: tfe })).toMatchObject({ code: 0, output: 'configured=true\nhostname=tfe.example.com\n', summary: '' });
    expect(runStepScript(script(), { LZ_CONFIG: tfe, TF_HOSTNAME: 'tfe.example.com' })).toMatchObject({ code: 0, output: 'configured=true\nhostname=tfe.example.com\n' });
    const wrong = runStepScript(script(), { LZ_CONFIG: tfe, TF_HOSTNAME: 'app.terraform.io' });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toBe('');
    expect(wrong.stdout).toContain("::error::TF_HOSTNAME is 'app.terraform.io' but terraformCloud.hostname in the config is 'tfe.example.com'");
    const byDefault = config((c) => (c.terraformCloud = { organization: 'acme' }));
    expect(runStepScript(script(), { LZ_CONFIG: byDefault }).output).toBe('configured=true\nhostname=app.terraform.io\n');
  });
});

describe('the blast-radius guard steps', () => {
  const prGuard = () => stepOf(workflow('pull-request.yml').jobs.plan, (st) => st.id === 'guard').run as string;
  const applyGuard = () => stepOf(workflow('apply-stacks.yml').jobs.apply, (st) => st.id === 'guard').run as string;
  let impacts: string[];
  beforeAll(() => {
    impacts = JSON.parse(lzJs('plan-summary', RESEGMENT, '--json').stdout).stacks[0].connectivityImpacts.map((c: { address: string }) => c.address);
  });

  /** A job workspace as the artifact leaves it: dist/, and the acknowledgement file when given. */
  function workspace(ack?: { pullRequest: number; addresses: readonly string[] }): string {
    const dir = tempDir('lz-ws-');
    fs.symlinkSync(out, path.join(dir, 'dist'));
    if (ack) fs.writeFileSync(path.join(dir, 'connectivity-ack.yaml'), `pullRequest: ${ack.pullRequest}\nreason: resegment shop-prod\nstacks:\n  shop-spoke-shop-prod:\n${ack.addresses.map((a) => `    - ${a}`).join('\n')}\n`);
    return dir;
  }
  const env = (extra: Record<string, string>) => ({ TF_HOSTNAME: 'tfe.example.com', TF_API_TOKEN: 'token-1', PLAN_ID: 'plan-123', STACK: 'shop-spoke-shop-prod', FAKE_PLAN: RESEGMENT, ...extra });
  const guardJson = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'plan-guard.json'), 'utf8'));

  test('pull request: downloads the JSON plan from TF_HOSTNAME and blocks an unacknowledged connectivity change', () => {
    const r = runStepScript(prGuard(), env({ PULL_REQUEST: '7', ACKNOWLEDGED_BY_LABEL: 'false' }), workspace());
    expect(r.code).toBe(1);
    expect(r.curl).toBe('header Authorization: Bearer token-1\nurl https://tfe.example.com/api/v2/plans/plan-123/json-output\n');
    expect(guardJson(r.cwd)).toMatchObject({ ok: false, impacts: 5, allowConnectivityImpact: false, acknowledgement: null });
    expect(guardJson(r.cwd).unacknowledged).toHaveLength(5);
    expect(fs.readFileSync(path.join(r.cwd, 'plan-summary.md'), 'utf8')).toMatch(/^## Terraform plan summary\n\n❌ 5 connectivity-impacting changes in shop-spoke-shop-prod: /);
  });

  test('pull request: the label acknowledges every change', () => {
    const r = runStepScript(prGuard(), env({ PULL_REQUEST: '7', ACKNOWLEDGED_BY_LABEL: 'true' }), workspace());
    expect(r.code).toBe(0);
    expect(guardJson(r.cwd)).toMatchObject({ ok: true, impacts: 5, allowConnectivityImpact: true, unacknowledged: [] });
  });

  test('pull request: the file acknowledges what it names for its own pull request only', () => {
    const all = runStepScript(prGuard(), env({ PULL_REQUEST: '7', ACKNOWLEDGED_BY_LABEL: 'false' }), workspace({ pullRequest: 7, addresses: impacts }));
    expect(all.code).toBe(0);
    expect(guardJson(all.cwd)).toMatchObject({ ok: true, unacknowledged: [], acknowledgement: { file: 'connectivity-ack.yaml', pullRequest: 7, applies: true } });
    const some = runStepScript(prGuard(), env({ PULL_REQUEST: '7', ACKNOWLEDGED_BY_LABEL: 'false' }), workspace({ pullRequest: 7, addresses: impacts.slice(0, 4) }));
    expect(some.code).toBe(1);
    expect(guardJson(some.cwd).unacknowledged).toEqual([{ stack: 'shop-spoke-shop-prod', address: impacts[4] }]);
    const other = runStepScript(prGuard(), env({ PULL_REQUEST: '8', ACKNOWLEDGED_BY_LABEL: 'false' }), workspace({ pullRequest: 7, addresses: impacts }));
    expect(other.code).toBe(1);
    expect(guardJson(other.cwd).acknowledgement.applies).toBe(false);
  });

  test('apply: the verdict goes to the job summary; without a merged pull request the file acknowledges nothing', () => {
    const noPr = runStepScript(applyGuard(), env({ PULL_REQUEST: '0', ACKNOWLEDGED_BY_LABEL: 'false' }), workspace({ pullRequest: 7, addresses: impacts }));
    expect(noPr.code).toBe(1);
    expect(noPr.summary).toContain('(connectivity-ack.yaml acknowledges pull request #7, and this commit came from no pull request).');
    const merged = runStepScript(applyGuard(), env({ PULL_REQUEST: '7', ACKNOWLEDGED_BY_LABEL: 'false' }), workspace({ pullRequest: 7, addresses: impacts }));
    expect(merged.code).toBe(0);
    expect(merged.summary).toContain('⚠ 5 connectivity-impacting changes in shop-spoke-shop-prod, all acknowledged in connectivity-ack.yaml (pull request #7).');
    expect(runStepScript(applyGuard(), env({ PULL_REQUEST: '0', ACKNOWLEDGED_BY_LABEL: 'true' }), workspace()).code).toBe(0);
    // A plan without connectivity impact passes with nothing acknowledged.
    expect(runStepScript(applyGuard(), env({ PULL_REQUEST: '0', ACKNOWLEDGED_BY_LABEL: 'false', FAKE_PLAN: path.join(PLANS, 'real-spoke-dev-tags.json'), STACK: 'shop-spoke-shop-dev' }), workspace()).code).toBe(0);
  });
});

describe('the pull-request comment (github-script in pull-request.yml)', () => {
  /** Runs the comment script in `dir` with a stand-in GitHub API; returns the body it posted. */
  function comment(dir: string, env: Record<string, string>): string {
    const script = stepOf(workflow('pull-request.yml').jobs.comment, (st) => String(st.uses).startsWith('actions/github-script')).with.script as string;
    const harness = [
      'const posted = [];',
      'const github = { paginate: async () => [], rest: { issues: { listComments: () => [], updateComment: async (a) => posted.push(a.body), createComment: async (a) => posted.push(a.body) } } };',
      "const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };",
      `(async () => { ${script}\n})().then(() => console.log(JSON.stringify(posted)), (e) => { console.error(e); process.exit(1); });`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', harness], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    expect(r.stderr).toBe('');
    const posted = JSON.parse(r.stdout) as string[];
    expect(posted).toHaveLength(1);
    return posted[0];
  }

  /** A comment job's download: one plan result per stack, with the guard's JSON when it ran. */
  function downloads(plans: { stack: string; status: string; guard?: object }[]): string {
    const dir = tempDir('lz-comment-');
    fs.mkdirSync(path.join(dir, 'report'));
    fs.writeFileSync(path.join(dir, 'report', 'lz-report.md'), '# Report\n\n## Summary\n\nall good\n\n## Details\n\nmore\n');
    for (const p of plans) {
      const d = path.join(dir, 'plans', `plan-${p.stack}`);
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'result.json'), JSON.stringify({ stack: p.stack, workspace: `lz-${p.stack}`, status: p.status, link: 'https://tfe.example.com/run', guard: p.guard ? 'success' : '' }));
      if (p.guard) fs.writeFileSync(path.join(d, 'plan-guard.json'), JSON.stringify(p.guard));
    }
    return dir;
  }
  const heading = (body: string) => body.split('\n\n')[1];
  const ok = { TERRAFORM_CLOUD: 'true', CHECK_RESULT: 'success', PLAN_COUNT: '2' };
  const guard = (impacts: number, unacknowledged: number, extra: object = {}) => ({
    ok: unacknowledged === 0,
    impacts,
    allowConnectivityImpact: false,
    acknowledgement: null,
    unacknowledged: Array.from({ length: unacknowledged }, (_, i) => ({ stack: 's', address: `aws_route.r${i}` })),
    ...extra,
  });

  test('the heading is the guard verdict: blocked, acknowledged by label or file, passed', () => {
    const planned = 'planned_and_finished';
    expect(heading(comment(downloads([{ stack: 'a', status: planned, guard: guard(5, 3) }, { stack: 'b', status: planned, guard: guard(1, 1) }]), ok))).toBe(
      '## Landing zone — guard: blocked: 4 connectivity-impacting changes not acknowledged',
    );
    expect(heading(comment(downloads([{ stack: 'a', status: planned, guard: guard(5, 0, { allowConnectivityImpact: true }) }]), ok))).toBe(
      '## Landing zone — guard: passed: 5 connectivity-impacting changes acknowledged by label',
    );
    const file = { acknowledgement: { file: 'connectivity-ack.yaml', pullRequest: 7, applies: true } };
    expect(heading(comment(downloads([{ stack: 'a', status: planned, guard: guard(1, 0, file) }, { stack: 'b', status: planned, guard: guard(0, 0) }]), ok))).toBe(
      '## Landing zone — guard: passed: 1 connectivity-impacting change acknowledged in connectivity-ack.yaml',
    );
    const body = comment(downloads([{ stack: 'a', status: planned, guard: guard(0, 0) }, { stack: 'b', status: 'errored' }]), ok);
    expect(heading(body)).toBe('## Landing zone — guard: incomplete: 1 of 2 plans not summarized');
    expect(body).toContain('### ❌ `b` (lz-b)');
    expect(heading(comment(downloads([{ stack: 'a', status: planned, guard: guard(0, 0) }]), ok))).toBe('## Landing zone — guard: passed: no connectivity-impacting change');
  });

  test('the heading passes connectivity-impacting changes the reachability diff shows to change no flow, and says so', () => {
    const planned = 'planned_and_finished';
    const downloaded = downloads([{ stack: 'a', status: planned, guard: guard(0, 0, { benign: 2 }) }, { stack: 'b', status: planned, guard: guard(0, 0) }]);
    expect(heading(comment(downloaded, ok))).toBe('## Landing zone — guard: passed: 2 connectivity-impacting changes that change no flow');
  });

  test('not run: without Terraform Cloud (and it says so), with failed checks, with no changed stack', () => {
    const body = comment(downloads([]), { TERRAFORM_CLOUD: 'false', CHECK_RESULT: 'success', PLAN_COUNT: '' });
    expect(heading(body)).toBe('## Landing zone — guard: not run: Terraform Cloud is not configured');
    expect(body).toContain('Terraform Cloud is not configured: the config has no `terraformCloud` block, so nothing was planned.');
    expect(body).toContain('## Summary\n\nall good');
    expect(heading(comment(downloads([]), { TERRAFORM_CLOUD: '', CHECK_RESULT: 'failure', PLAN_COUNT: '' }))).toBe('## Landing zone — guard: not run: the checks failed');
    expect(heading(comment(downloads([]), { ...ok, PLAN_COUNT: '0' }))).toBe('## Landing zone — guard: not run: no stack changed');
  });
});
