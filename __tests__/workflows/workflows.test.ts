import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { synthesize } from '../../cli/synth';
import { ACK_FILE, ACK_LABEL } from '../../plan/acknowledgement';
import { githubOutputLines, MAX_WAVES, stackMatrix, StackMatrix } from '../../scripts/stack-matrix';
import { loadWith, RawConfig } from '../helpers/config';
import { tempDir } from '../helpers/temp';

const DIR = path.join(__dirname, '..', '..', '.github', 'workflows');

/**
 * Every action a workflow may use, pinned to the commit of its release tag (a tag can be moved, a
 * commit cannot), with that tag. Each commit is the tag's target in the action's own repository and
 * appears pinned with the same tag comment in public workflows, e.g.
 * `actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`; the HashiCorp Terraform Cloud
 * actions at v1.3.2 (refs/tags/v1.3.2 of hashicorp/tfc-workflows-github, "Prepare v1.3.2 release"),
 * the release HashiCorp's own workflow templates use, under their `actions/<name>` paths.
 */
const ALLOWED_ACTIONS = new Map<string, string>([
  ['actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', 'v4.2.2'],
  ['actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020', 'v4.4.0'],
  ['actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02', 'v4.6.2'],
  ['actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093', 'v4.3.0'],
  ['actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea', 'v7.0.1'],
  ['hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd', 'v3.1.2'],
  ...['upload-configuration', 'create-run', 'apply-run', 'discard-run'].map((a) => [`hashicorp/tfc-workflows-github/actions/${a}@8e08d1ba957673f5fbf971a22b3219639dc45661`, 'v1.3.2'] as [string, string]),
]);

/** Pinned name of an action, e.g. `pin('actions/checkout')`. */
const pin = (action: string): string => {
  const found = [...ALLOWED_ACTIONS.keys()].filter((k) => k.startsWith(`${action}@`));
  if (found.length !== 1) throw new Error(`no allowed action ${action}`);
  return found[0];
};

type Json = Record<string, any>;

interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly doc: Json;
}

function load(file: string): Workflow {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return { file, text, doc: parsed.toJS() as Json };
}

const workflows = fs
  .readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map(load);
const byFile = (file: string) => workflows.find((w) => w.file === file)!.doc;
const steps = (job: Json): Json[] => job.steps ?? [];
const runs = (job: Json): string => steps(job).map((s) => s.run ?? '').join('\n');
const stepUsing = (job: Json, action: string) => {
  const found = steps(job).filter((s) => typeof s.uses === 'string' && s.uses.startsWith(action));
  if (found.length !== 1) throw new Error(`expected one step using ${action}, found ${found.length}`);
  return found[0];
};
const needsOf = (job: Json): string[] => [job.needs ?? []].flat();

/** Jobs that must finish before `job` (transitively). */
function ancestors(jobs: Json, job: string): Set<string> {
  const seen = new Set<string>();
  const walk = (name: string) => {
    for (const n of needsOf(jobs[name])) {
      if (!(n in jobs)) throw new Error(`job ${name} needs unknown job ${n}`);
      if (!seen.has(n)) {
        seen.add(n);
        walk(n);
      }
    }
  };
  walk(job);
  return seen;
}

/** Every `uses:` of steps and of jobs calling reusable workflows. */
const usesOf = (doc: Json): string[] => Object.values(doc.jobs as Json).flatMap((job: Json) => [...(job.uses ? [job.uses] : []), ...steps(job).map((s) => s.uses).filter(Boolean)]);

let matrix: StackMatrix;
let outputs: Map<string, string>;

beforeAll(() => {
  const withCloud = (c: RawConfig) => (c.terraformCloud = { organization: 'acme', project: 'network', workspacePrefix: 'lz-' });
  const { outdir } = synthesize(loadWith(withCloud).landingZone, path.join(tempDir(), 'cdktf.out'));
  matrix = stackMatrix(outdir);
  outputs = new Map(githubOutputLines(matrix).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
});

describe('every workflow', () => {
  it('exists: pull request, apply, and the reusable apply', () => {
    expect(workflows.map((w) => w.file)).toEqual(expect.arrayContaining(['apply-stacks.yml', 'apply.yml', 'pull-request.yml']));
  });

  it.each(workflows.map((w) => [w.file, w]))('%s parses, names itself and every step does one thing', (_file, w) => {
    const { doc } = w as Workflow;
    expect(typeof doc.name).toBe('string');
    expect(doc.on).toBeDefined();
    expect(Object.keys(doc.jobs).length).toBeGreaterThan(0);
    for (const [name, job] of Object.entries(doc.jobs as Json)) {
      if (job.uses) {
        expect([name, job.steps, job['runs-on']]).toEqual([name, undefined, undefined]);
        continue;
      }
      expect([name, job['runs-on']]).toEqual([name, 'ubuntu-latest']);
      for (const step of steps(job)) expect([name, ('uses' in step) !== ('run' in step)]).toEqual([name, true]);
    }
  });

  it.each(workflows.map((w) => [w.file, w]))('%s uses only allow-listed actions and local reusable workflows that exist', (_file, w) => {
    for (const uses of usesOf((w as Workflow).doc)) {
      if (uses.startsWith('./')) {
        const called = path.join(DIR, '..', '..', uses);
        expect(fs.existsSync(called)).toBe(true);
        expect(load(path.basename(called)).doc.on).toHaveProperty('workflow_call');
      } else expect([uses, ALLOWED_ACTIONS.has(uses)]).toEqual([uses, true]);
    }
  });

  it.each(workflows.map((w) => [w.file, w]))('%s pins every third-party action to a 40-hex commit with its tag in a comment', (_file, w) => {
    const { text, doc } = w as Workflow;
    const lines = text.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l));
    // Every `uses:` the parsed YAML has is one of these lines (none hides in a flow mapping).
    expect(lines).toHaveLength(usesOf(doc).length);
    for (const line of lines) {
      const uses = line.replace(/^\s*(-\s+)?uses:\s*/, '');
      if (uses.startsWith('./')) continue;
      const m = uses.match(/^([\w.-]+\/[\w./-]+)@([0-9a-f]{40}) # (v\d+(?:\.\d+)*)$/);
      expect([line, m !== null]).toEqual([line, true]);
      expect([line, ALLOWED_ACTIONS.get(`${m![1]}@${m![2]}`)]).toEqual([line, m![3]]);
    }
  });

  it('takes one secret, TF_API_TOKEN, and no AWS credentials (OIDC)', () => {
    const secrets = new Set(workflows.flatMap((w) => [...w.text.matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1])));
    expect([...secrets]).toEqual(['TF_API_TOKEN']);
    for (const w of workflows) expect(w.text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|configure-aws-credentials/);
  });

  it('reads only matrix keys the stack matrix provides', () => {
    const provided = new Set(Object.keys(matrix.plan.include[0]));
    // matrix.node is the test job's own Node matrix, not the stack matrix.
    const used = new Set(workflows.flatMap((w) => [...w.text.matchAll(/(?<![\w.-])matrix\.([a-z_]+)/g)].map((m) => m[1])).filter((k) => k !== 'node'));
    expect([...used].sort()).toEqual(['organization', 'stack', 'workspace']);
    for (const key of used) expect(provided.has(key)).toBe(true);
  });
});

/** The step of `job` whose `run` starts with `prefix`; exactly one. */
const runStep = (job: Json, prefix: string): Json => {
  const found = steps(job).filter((st) => typeof st.run === 'string' && st.run.trim().startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one step running ${prefix}, found ${found.length}`);
  return found[0];
};
/** Jobs that talk to Terraform Cloud: they plan or apply. */
const cloudJobs = (): [string, Json][] =>
  workflows.flatMap((w) => Object.entries(w.doc.jobs as Json).filter(([, job]) => steps(job).some((st) => String(st.uses ?? '').startsWith('hashicorp/tfc-workflows-github/')))).map(([n, j]) => [n, j as Json]);

describe('Terraform Cloud host, build and dependencies', () => {
  it('every API call uses TF_HOSTNAME, which comes from the config (or the TF_HOSTNAME variable), never a fixed host', () => {
    // Outside comments (which may name the default).
    for (const w of workflows) expect([w.file, w.text.split('\n').filter((l) => !/^\s*#/.test(l) && l.includes('app.terraform.io'))]).toEqual([w.file, []]);
    expect(byFile('pull-request.yml').env.TF_HOSTNAME).toBe('${{ vars.TF_HOSTNAME }}');
    expect(byFile('apply.yml').env.TF_HOSTNAME).toBe('${{ vars.TF_HOSTNAME }}');
    expect(byFile('pull-request.yml').jobs.plan.env.TF_HOSTNAME).toBe('${{ needs.check.outputs.tf_hostname }}');
    expect(byFile('apply-stacks.yml').jobs.apply.env.TF_HOSTNAME).toBe('${{ inputs.tf_hostname }}');
    expect(cloudJobs().map(([n]) => n).sort()).toEqual(['apply', 'plan']);
    for (const [name, job] of cloudJobs()) {
      for (const st of steps(job).filter((x) => String(x.uses ?? '').startsWith('hashicorp/tfc-workflows-github/'))) expect([name, st.uses, st.with.hostname]).toEqual([name, st.uses, '${{ env.TF_HOSTNAME }}']);
      const curls = runs(job).split('\n').filter((l) => l.includes('/api/v2/'));
      expect(curls.map((l) => l.trim())).toEqual(['--output plan.json "https://$TF_HOSTNAME/api/v2/plans/$PLAN_ID/json-output"']);
    }
    // No step writes Terraform CLI credentials (terraform login): the only Terraform here is the offline mirror's.
    expect(stepUsing(byFile('pull-request.yml').jobs.test, 'hashicorp/setup-terraform').with).toEqual({ terraform_version: '1.11.4', terraform_wrapper: false });
  });

  it('Node: the tests on a matrix of 22 and 24; the jobs with a checkout read .nvmrc (22), the others name 22', () => {
    expect(fs.readFileSync(path.join(DIR, '..', '..', '.nvmrc'), 'utf8').trim()).toBe('22');
    const test = byFile('pull-request.yml').jobs.test;
    expect(test.strategy).toEqual({ 'fail-fast': false, matrix: { node: [22, 24] } });
    expect(stepUsing(test, 'actions/setup-node').with).toEqual({ 'node-version': '${{ matrix.node }}', cache: 'npm' });
    for (const w of workflows) {
      for (const [name, job] of Object.entries<Json>(w.doc.jobs)) {
        if (!job.steps) continue;
        const node = steps(job).find((st) => String(st.uses ?? '').startsWith('actions/setup-node'));
        if (!node || name === 'test') continue;
        const checkout = steps(job).some((st) => String(st.uses ?? '').startsWith('actions/checkout'));
        expect([w.file, name, node.with]).toEqual([w.file, name, checkout ? { 'node-version-file': '.nvmrc', cache: 'npm' } : { 'node-version': 22, cache: 'npm' }]);
      }
    }
    // Only the test job runs the tests.
    for (const w of workflows) for (const [name, job] of Object.entries<Json>(w.doc.jobs)) if (name !== 'test') expect([w.file, name, /npm test/.test(runs(job))]).toEqual([w.file, name, false]);
  });

  it('both workflows read Terraform Cloud from the validated config in the same step: not configured is a job summary, a TF_HOSTNAME that differs an error', () => {
    const pr = steps(byFile('pull-request.yml').jobs.check).find((st) => st.id === 'tfc')!;
    const apply = steps(byFile('apply.yml').jobs.synth).find((st) => st.id === 'tfc')!;
    expect(apply).toEqual(pr);
    expect(pr.run).toContain('npx tsx cli/lz.ts validate --json > "$RUNNER_TEMP/config.json"');
    expect(pr.run).toContain(`jq -r '.terraformCloud.hostname // empty'`);
    expect(pr.run).toContain('echo "### Terraform Cloud is not configured"');
    expect(pr.run).toContain('} >> "$GITHUB_STEP_SUMMARY"');
    expect(pr.run).toContain('if [ -n "$TF_HOSTNAME" ] && [ "$TF_HOSTNAME" != "$host" ]; then');
    // Right after lz validate, before anything that needs Terraform Cloud.
    for (const job of [byFile('pull-request.yml').jobs.check, byFile('apply.yml').jobs.synth]) {
      const all = steps(job);
      expect(all.indexOf(runStep(job, 'npx tsx cli/lz.ts validate --json'))).toBe(all.findIndex((st) => st.run === 'npx tsx cli/lz.ts validate') + 1);
    }
  });

  it('the job that runs npm ci builds lz (npm run build:cli) and ships it with the synth, the lockfile and the acknowledgement file', () => {
    for (const job of [byFile('pull-request.yml').jobs.check, byFile('apply.yml').jobs.synth]) {
      const all = steps(job);
      const build = runStep(job, 'npm run build:cli');
      const synth = runStep(job, 'npx tsx cli/lz.ts synth --out cdktf.out');
      expect(all.indexOf(build)).toBeGreaterThan(all.indexOf(synth));
      const upload = all.find((st) => String(st.uses).startsWith('actions/upload-artifact') && st.with.name === 'synth')!;
      expect(upload.with).toEqual({ name: 'synth', path: ['cdktf.out', 'dist', 'package.json', 'package-lock.json', ACK_FILE].join('\n') + '\n', 'if-no-files-found': 'error' });
      expect(all.indexOf(upload)).toBeGreaterThan(all.indexOf(build));
    }
  });

  it('plan and apply jobs install production dependencies only and read plans with the compiled lz', () => {
    for (const [name, job] of cloudJobs()) {
      const uses = steps(job).map((st) => st.uses ?? 'run');
      expect([name, uses.slice(0, 2)]).toEqual([name, [pin('actions/download-artifact'), pin('actions/setup-node')]]);
      expect([name, uses.includes(pin('actions/checkout'))]).toEqual([name, false]);
      expect(stepUsing(job, 'actions/download-artifact').with).toEqual({ name: 'synth' });
      // The dependencies before any run exists in Terraform Cloud.
      expect([name, steps(job)[2].run]).toEqual([name, 'npm ci --omit=dev']);
      expect([name, /npx|tsx|npm ci(?! --omit=dev)|npm test/.test(runs(job))]).toEqual([name, false]);
      expect(runs(job)).toMatch(/^ {0}node dist\/cli\/lz\.js plan-summary plan\.json --stack "\$STACK" "\$\{allow\[@\]\}" /m);
    }
  });
});

describe('pull-request.yml', () => {
  const doc = () => byFile('pull-request.yml');

  it('runs on pull requests to main, and again when a label changes, with permission to comment', () => {
    expect(doc().on).toEqual({ pull_request: { branches: ['main'], types: ['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled'] } });
    expect(doc().permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(Object.keys(doc().jobs)).toEqual(['test', 'check', 'plan', 'comment']);
    expect(needsOf(doc().jobs.check)).toEqual(['test']);
    // No job is skipped on a label event: a skipped job would report success for a commit that failed.
    for (const job of Object.values(doc().jobs as Json)) expect(String(job.if ?? '')).not.toMatch(/event\.action|event\.label/);
  });

  it('checks in order (after the tests): npm ci, lz validate, Terraform Cloud, the acknowledgement, lz synth, build, the matrix, lz check, lz report; a failed check fails the job', () => {
    const commands = steps(doc().jobs.check)
      .map((s) => s.run as string | undefined)
      .filter((r): r is string => !!r)
      .map((r) => r.trim());
    const at = (prefix: string) => {
      const i = commands.findIndex((c) => c.startsWith(prefix));
      expect([prefix, i >= 0]).toEqual([prefix, true]);
      return i;
    };
    const order = [
      at('npm ci'),
      at('npx tsx cli/lz.ts validate'),
      at('npx tsx cli/lz.ts validate --json'),
      at(`npx tsx scripts/connectivity-ack.ts --file ${ACK_FILE} --pull-request "$PULL_REQUEST"`),
      at('npx tsx cli/lz.ts synth --out cdktf.out'),
      at('npm run build:cli'),
      at('npx tsx scripts/stack-matrix.ts --out cdktf.out --base'),
      at('npx tsx cli/lz.ts check --out cdktf.out'),
      at('npx tsx cli/lz.ts report --out cdktf.out --file lz-report.md'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The report shows the findings, then the check's failure fails the job (and skips the plans).
    const all = steps(doc().jobs.check);
    const check = all.find((s) => s.id === 'check')!;
    expect(check['continue-on-error']).toBe(true);
    const gate = all.find((s) => s.if === "steps.check.outcome == 'failure'")!;
    expect(gate.run).toContain('exit 1');
    expect(all.indexOf(gate)).toBeGreaterThan(all.indexOf(check));
    // npm test must really run Terraform: the mirror is provided and skipping is an error.
    expect(runs(doc().jobs.test)).toContain('echo "LZ_REQUIRE_TERRAFORM=1" >> "$GITHUB_ENV"');
    expect(steps(doc().jobs.test).map((st) => st.run ?? st.uses).slice(-2)).toEqual(['npm ci', 'npm test']);
    expect(stepUsing(doc().jobs.test, 'hashicorp/setup-terraform').with).toEqual({ terraform_version: '1.11.4', terraform_wrapper: false });
    expect(runStep(doc().jobs.check, 'npx tsx scripts/connectivity-ack.ts').env).toEqual({ PULL_REQUEST: '${{ github.event.pull_request.number }}' });
  });

  it('without Terraform Cloud: no base synth, no matrix, no plan; the check job succeeds', () => {
    const check = doc().jobs.check;
    const configured = "steps.tfc.outputs.configured == 'true'";
    expect(steps(check).find((s) => s.name === 'Synthesize the base branch')!.if).toBe(configured);
    expect(steps(check).find((s) => s.id === 'matrix')!.if).toBe(configured);
    expect(doc().jobs.plan.if).toBe("needs.check.outputs.terraform_cloud == 'true' && needs.check.outputs.plan_count != '0'");
  });

  it('plans each changed stack in a matrix built by scripts/stack-matrix.ts', () => {
    const check = doc().jobs.check;
    const matrixStep = steps(check).find((s) => s.id === 'matrix')!;
    expect(matrixStep.run).toContain('scripts/stack-matrix.ts --out cdktf.out');
    expect(matrixStep.run).toContain('--github-output');
    expect(check.outputs).toEqual({
      plan: '${{ steps.matrix.outputs.plan }}',
      plan_count: '${{ steps.matrix.outputs.plan_count }}',
      terraform_cloud: '${{ steps.tfc.outputs.configured }}',
      tf_hostname: '${{ steps.tfc.outputs.hostname }}',
    });
    for (const name of ['plan', 'plan_count']) expect(outputs.has(name)).toBe(true);
    const plan = doc().jobs.plan;
    expect(needsOf(plan)).toEqual(['check']);
    expect(plan.strategy).toEqual({ 'fail-fast': false, matrix: '${{ fromJSON(needs.check.outputs.plan) }}' });
    // What the script writes is a valid matrix for that job.
    expect(JSON.parse(outputs.get('plan')!)).toEqual({ include: matrix.stacks.map(({ stack, workspace, organization }) => ({ stack, workspace, organization })) });
  });

  it('runs a speculative, plan-only run per stack and puts its JSON plan through the guard, acknowledged by label or file', () => {
    const plan = doc().jobs.plan;
    expect(steps(plan).map((s) => s.uses ?? s.name)).toEqual([
      pin('actions/download-artifact'),
      pin('actions/setup-node'),
      'Production dependencies only',
      pin('hashicorp/tfc-workflows-github/actions/upload-configuration'),
      pin('hashicorp/tfc-workflows-github/actions/create-run'),
      'lz plan-summary (blast-radius guard)',
      'Record the result',
      pin('actions/upload-artifact'),
      'Fail unless the plan finished',
      'Fail when the guard blocked',
    ]);
    expect(stepUsing(plan, 'hashicorp/tfc-workflows-github/actions/upload-configuration').with).toEqual({
      hostname: '${{ env.TF_HOSTNAME }}',
      organization: '${{ matrix.organization }}',
      workspace: '${{ matrix.workspace }}',
      directory: 'cdktf.out',
      speculative: true,
    });
    const run = stepUsing(plan, 'hashicorp/tfc-workflows-github/actions/create-run');
    expect(run.with).toMatchObject({ workspace: '${{ matrix.workspace }}', configuration_version: '${{ steps.upload.outputs.configuration_version_id }}', plan_only: true });
    expect(plan.env).toEqual({ TF_API_TOKEN: '${{ secrets.TF_API_TOKEN }}', TF_HOSTNAME: '${{ needs.check.outputs.tf_hostname }}' });
    const guard = steps(plan).find((s) => s.id === 'guard')!;
    expect(guard.if).toBe("steps.run.outputs.plan_id != ''");
    expect(guard['continue-on-error']).toBe(true);
    expect(guard.env).toEqual({
      PLAN_ID: '${{ steps.run.outputs.plan_id }}',
      STACK: '${{ matrix.stack }}',
      PULL_REQUEST: '${{ github.event.pull_request.number }}',
      ACKNOWLEDGED_BY_LABEL: `\${{ contains(github.event.pull_request.labels.*.name, '${ACK_LABEL}') }}`,
    });
    const lines = (guard.run as string).trim().split('\n');
    expect(lines.slice(3)).toEqual([
      'allow=()',
      'if [ "$ACKNOWLEDGED_BY_LABEL" = "true" ]; then allow+=(--allow-connectivity-impact); fi',
      `if [ -f ${ACK_FILE} ]; then allow+=(--allow-connectivity-impact-from ${ACK_FILE} --pull-request "$PULL_REQUEST"); fi`,
      'node dist/cli/lz.js plan-summary plan.json --stack "$STACK" "${allow[@]}" --json --file plan-guard.json > /dev/null || true',
      'node dist/cli/lz.js plan-summary plan.json --stack "$STACK" "${allow[@]}" --markdown --file plan-summary.md',
    ]);
    // The verdict travels to the comment; a blocked guard fails the job after the result is uploaded.
    expect(runStep(plan, 'mkdir -p plan-result').env.GUARD).toBe('${{ steps.guard.outcome }}');
    expect(runs(plan)).toContain('if [ -f plan-guard.json ]; then cp plan-guard.json plan-result/; fi');
    const blocked = steps(plan).find((s) => s.name === 'Fail when the guard blocked')!;
    expect(blocked.if).toBe("steps.guard.outcome == 'failure'");
    expect(blocked.run).toContain('exit 1');
  });

  it('posts one comment after the plans, even when some failed, headed by the guard verdict', () => {
    const comment = doc().jobs.comment;
    expect(needsOf(comment)).toEqual(['check', 'plan']);
    expect(comment.if).toBe("always() && needs.check.result != 'cancelled'");
    expect(steps(comment).filter((s) => String(s.uses).startsWith('actions/download-artifact')).map((s) => s.with)).toEqual([
      { name: 'report', path: 'report' },
      { pattern: 'plan-*', path: 'plans' },
    ]);
    const gh = stepUsing(comment, 'actions/github-script');
    expect(gh.env).toEqual({ CHECK_RESULT: '${{ needs.check.result }}', PLAN_COUNT: '${{ needs.check.outputs.plan_count }}', TERRAFORM_CLOUD: '${{ needs.check.outputs.terraform_cloud }}' });
    const script = gh.with.script as string;
    expect(script).toContain("read('report/lz-report.md')");
    expect(script).toContain("'plan-summary.md'");
    expect(script).toContain("'plan-guard.json'");
    expect(script).toContain('const parts = [marker, `## Landing zone — guard: ${verdict}`];');
    for (const verdict of [
      "'not run: Terraform Cloud is not configured'",
      '`blocked: ${plural(open, \'connectivity-impacting change\')} not acknowledged`',
      "'passed: no connectivity-impacting change'",
      "? 'by label' : `in ${file ? file.file : 'connectivity-ack.yaml'}`",
    ]) {
      expect(script).toContain(verdict);
    }
    // Upserted by a marker: one comment per pull request, updated on every push.
    expect(script).toContain('updateComment');
    expect(script).toContain('createComment');
  });
});

describe('apply.yml', () => {
  const doc = () => byFile('apply.yml');
  const waveJobs = () => Object.keys(doc().jobs).filter((j) => j.startsWith('apply-wave-'));

  it('runs on merges to main (and by hand), one at a time, never cancelled', () => {
    expect(doc().on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
    expect(doc().concurrency).toEqual({ group: 'terraform-cloud-apply', 'cancel-in-progress': false });
    expect(doc().permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    expect(runs(doc().jobs.synth)).toContain('npx tsx cli/lz.ts check --out cdktf.out');
  });

  it('has one job per wave of the stack matrix, each after the previous one, only with Terraform Cloud', () => {
    expect(waveJobs()).toEqual(Array.from({ length: MAX_WAVES }, (_, i) => `apply-wave-${i + 1}`));
    expect(matrix.waves).toHaveLength(MAX_WAVES);
    for (const [i, name] of waveJobs().entries()) {
      const job = doc().jobs[name];
      expect(needsOf(job)).toEqual(i === 0 ? ['synth'] : ['synth', `apply-wave-${i}`]);
      expect(job.uses).toBe('./.github/workflows/apply-stacks.yml');
      expect(job.with).toEqual({
        matrix: `\${{ needs.synth.outputs.wave${i + 1} }}`,
        tf_hostname: '${{ needs.synth.outputs.tf_hostname }}',
        pull_request: '${{ needs.synth.outputs.pull_request }}',
        acknowledged_by_label: "${{ needs.synth.outputs.acknowledged_by_label == 'true' }}",
      });
      expect(job.secrets).toEqual({ TF_API_TOKEN: '${{ secrets.TF_API_TOKEN }}' });
      expect(job.if).toContain(`needs.synth.outputs.wave${i + 1}_count != '0'`);
      expect(job.if).toContain("needs.synth.outputs.terraform_cloud == 'true'");
      if (i > 0) expect(job.if).toContain("!contains(needs.*.result, 'failure')");
    }
  });

  it('takes its waves from scripts/stack-matrix.ts outputs, only with Terraform Cloud', () => {
    const synth = doc().jobs.synth;
    const step = steps(synth).find((s) => s.id === 'matrix')!;
    expect(step.run).toBe('npx tsx scripts/stack-matrix.ts --out cdktf.out --github-output');
    expect(step.if).toBe("steps.tfc.outputs.configured == 'true'");
    const waves = Object.entries(synth.outputs as Record<string, string>).filter(([k]) => k.startsWith('wave'));
    for (const [name, value] of waves) {
      expect(value).toBe(`\${{ steps.matrix.outputs.${name} }}`);
      expect(outputs.has(name)).toBe(true);
    }
    expect(waves.map(([k]) => k).sort()).toEqual([...outputs.keys()].filter((k) => k.startsWith('wave')).sort());
    expect(Object.fromEntries(Object.entries(synth.outputs as Record<string, string>).filter(([k]) => !k.startsWith('wave')))).toEqual({
      terraform_cloud: '${{ steps.tfc.outputs.configured }}',
      tf_hostname: '${{ steps.tfc.outputs.hostname }}',
      pull_request: '${{ steps.pr.outputs.number }}',
      acknowledged_by_label: '${{ steps.pr.outputs.acknowledged_by_label }}',
    });
  });

  it("finds the merged pull request's number and acknowledgement label, and checks the acknowledgement file, before synthesizing", () => {
    const synth = doc().jobs.synth;
    const pr = steps(synth).find((s) => s.id === 'pr')!;
    expect(pr.uses).toBe(pin('actions/github-script'));
    const script = pr.with.script as string;
    expect(script).toContain('github.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: context.sha })');
    expect(script).toContain("p.merged_at && p.base.ref === 'main'");
    expect(script).toContain(`pr.labels.some((l) => l.name === '${ACK_LABEL}')`);
    expect(script).toContain("core.setOutput('number', pr ? String(pr.number) : '0');");
    const ack = runStep(synth, 'npx tsx scripts/connectivity-ack.ts');
    expect(ack.run).toBe(`npx tsx scripts/connectivity-ack.ts --file ${ACK_FILE} --pull-request "$PULL_REQUEST"`);
    expect(ack.env).toEqual({ PULL_REQUEST: '${{ steps.pr.outputs.number }}' });
    const all = steps(synth);
    expect(all.indexOf(ack)).toBeGreaterThan(all.indexOf(pr));
    expect(all.indexOf(ack)).toBeLessThan(all.indexOf(runStep(synth, 'npx tsx cli/lz.ts synth')));
  });

  it('applies the log archive and the hub before every spoke', () => {
    const jobs = doc().jobs;
    const jobOf = (stack: string) => {
      const wave = matrix.waves.findIndex((w) => w.include.some((e) => e.stack === stack));
      expect([stack, wave >= 0]).toEqual([stack, true]);
      return `apply-wave-${wave + 1}`;
    };
    const spokes = matrix.stacks.filter((s) => /-spoke-/.test(s.stack) && !s.stack.endsWith('-vpn-pki'));
    expect(spokes.map((s) => s.stack)).toEqual(['shop-spoke-shop-dev', 'shop-spoke-shop-prod']);
    for (const spoke of spokes) {
      const before = ancestors(jobs, jobOf(spoke.stack));
      for (const first of ['shop-log-archive', 'shop-hub', ...spoke.dependsOn]) expect([spoke.stack, first, before.has(jobOf(first))]).toEqual([spoke.stack, first, true]);
    }
    expect(ancestors(jobs, jobOf('shop-hub')).has(jobOf('shop-log-archive'))).toBe(true);
  });
});

describe('apply-stacks.yml', () => {
  const doc = () => byFile('apply-stacks.yml');

  it('is called with a matrix, the host, the acknowledgements of the merged pull request and the Terraform Cloud token', () => {
    expect(doc().on).toEqual({
      workflow_call: {
        inputs: {
          matrix: { description: expect.any(String), required: true, type: 'string' },
          tf_hostname: { description: expect.any(String), required: true, type: 'string' },
          pull_request: { description: expect.any(String), required: true, type: 'string' },
          acknowledged_by_label: { description: expect.any(String), required: true, type: 'boolean' },
        },
        secrets: { TF_API_TOKEN: { required: true } },
      },
    });
    expect(doc().jobs.apply.strategy).toEqual({ 'fail-fast': false, matrix: '${{ fromJSON(inputs.matrix) }}' });
    expect(doc().jobs.apply.environment).toBe('landing-zone');
    expect(doc().jobs.apply.env).toEqual({ TF_API_TOKEN: '${{ secrets.TF_API_TOKEN }}', TF_HOSTNAME: '${{ inputs.tf_hostname }}' });
  });

  it('uploads the synth, plans, runs the guard on that plan, applies only a confirmable run the guard passed, and discards a blocked one', () => {
    const job = doc().jobs.apply;
    expect(steps(job).map((s) => s.uses ?? s.name)).toEqual([
      pin('actions/download-artifact'),
      pin('actions/setup-node'),
      'Production dependencies only',
      pin('hashicorp/tfc-workflows-github/actions/upload-configuration'),
      pin('hashicorp/tfc-workflows-github/actions/create-run'),
      'lz plan-summary (blast-radius guard)',
      pin('hashicorp/tfc-workflows-github/actions/apply-run'),
      pin('hashicorp/tfc-workflows-github/actions/discard-run'),
      'Fail unless applied or unchanged',
    ]);
    expect(stepUsing(job, 'hashicorp/tfc-workflows-github/actions/upload-configuration').with).toEqual({
      hostname: '${{ env.TF_HOSTNAME }}',
      organization: '${{ matrix.organization }}',
      workspace: '${{ matrix.workspace }}',
      directory: 'cdktf.out',
    });
    expect(stepUsing(job, 'hashicorp/tfc-workflows-github/actions/create-run').with.plan_only).toBeUndefined();
    const guard = steps(job).find((s) => s.id === 'guard')!;
    // A failing guard fails the job: it has no continue-on-error.
    expect(guard['continue-on-error']).toBeUndefined();
    expect(guard.if).toBe("steps.run.outputs.plan_id != ''");
    expect(guard.env).toEqual({
      PLAN_ID: '${{ steps.run.outputs.plan_id }}',
      STACK: '${{ matrix.stack }}',
      PULL_REQUEST: '${{ inputs.pull_request }}',
      ACKNOWLEDGED_BY_LABEL: '${{ inputs.acknowledged_by_label }}',
    });
    expect((guard.run as string).trim().split('\n').slice(3)).toEqual([
      'allow=()',
      'if [ "$ACKNOWLEDGED_BY_LABEL" = "true" ]; then allow+=(--allow-connectivity-impact); fi',
      `if [ -f ${ACK_FILE} ]; then allow+=(--allow-connectivity-impact-from ${ACK_FILE} --pull-request "\${PULL_REQUEST:-0}"); fi`,
      'node dist/cli/lz.js plan-summary plan.json --stack "$STACK" "${allow[@]}" --markdown --file "$GITHUB_STEP_SUMMARY"',
    ]);
    const apply = stepUsing(job, 'hashicorp/tfc-workflows-github/actions/apply-run');
    expect(apply.if).toBe("steps.guard.outcome == 'success' && fromJSON(steps.run.outputs.payload).data.attributes.actions.IsConfirmable");
    expect(apply.with.run).toBe('${{ steps.run.outputs.run_id }}');
    const discard = stepUsing(job, 'hashicorp/tfc-workflows-github/actions/discard-run');
    expect(discard.if).toBe("failure() && steps.guard.outcome == 'failure' && fromJSON(steps.run.outputs.payload).data.attributes.actions.IsDiscardable");
    expect(discard.with).toMatchObject({ hostname: '${{ env.TF_HOSTNAME }}', organization: '${{ matrix.organization }}', run: '${{ steps.run.outputs.run_id }}' });
  });
});
