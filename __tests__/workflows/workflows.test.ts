import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { synthesize } from '../../cli/synth';
import { githubOutputLines, MAX_WAVES, stackMatrix, StackMatrix } from '../../scripts/stack-matrix';
import { loadWith, RawConfig } from '../helpers/config';
import { tempDir } from '../helpers/temp';

const DIR = path.join(__dirname, '..', '..', '.github', 'workflows');

/**
 * Every action a workflow may use, at the release checked against its repository: the major tags
 * of GitHub's own actions and of hashicorp/setup-terraform, and the HashiCorp Terraform Cloud actions
 * at the release HashiCorp's own workflow templates pin (hashicorp/tfc-workflows-github,
 * workflow-templates/hcp-terraform.*.workflow.yml), under their `actions/<name>` paths.
 */
const ALLOWED_ACTIONS = new Set([
  'actions/checkout@v4',
  'actions/setup-node@v4',
  'actions/upload-artifact@v4',
  'actions/download-artifact@v4',
  'actions/github-script@v7',
  'hashicorp/setup-terraform@v3',
  'hashicorp/tfc-workflows-github/actions/upload-configuration@v1.3.2',
  'hashicorp/tfc-workflows-github/actions/create-run@v1.3.2',
  'hashicorp/tfc-workflows-github/actions/apply-run@v1.3.2',
]);

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

  it('takes one secret, TF_API_TOKEN, and no AWS credentials (OIDC)', () => {
    const secrets = new Set(workflows.flatMap((w) => [...w.text.matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1])));
    expect([...secrets]).toEqual(['TF_API_TOKEN']);
    for (const w of workflows) expect(w.text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|configure-aws-credentials/);
  });

  it('reads only matrix keys the stack matrix provides', () => {
    const provided = new Set(Object.keys(matrix.plan.include[0]));
    const used = new Set(workflows.flatMap((w) => [...w.text.matchAll(/(?<![\w.-])matrix\.([a-z_]+)/g)].map((m) => m[1])));
    expect([...used].sort()).toEqual(['organization', 'stack', 'workspace']);
    for (const key of used) expect(provided.has(key)).toBe(true);
  });
});

describe('pull-request.yml', () => {
  const doc = () => byFile('pull-request.yml');

  it('runs on pull requests to main with permission to comment', () => {
    expect(doc().on).toEqual({ pull_request: { branches: ['main'] } });
    expect(doc().permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(Object.keys(doc().jobs)).toEqual(['check', 'plan', 'comment']);
  });

  it('checks in order: npm ci, lz validate, npm test, lz synth, the matrix, lz check, lz report; a failed check fails the job', () => {
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
      at('npm test'),
      at('npx tsx cli/lz.ts synth --out cdktf.out'),
      at('npx tsx scripts/stack-matrix.ts --out cdktf.out --base'),
      at('npx tsx cli/lz.ts check --out cdktf.out'),
      at('npx tsx cli/lz.ts report --outdir cdktf.out --out lz-report.md'),
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
    expect(runs(doc().jobs.check)).toContain('echo "LZ_REQUIRE_TERRAFORM=1" >> "$GITHUB_ENV"');
    expect(stepUsing(doc().jobs.check, 'hashicorp/setup-terraform').with).toEqual({ terraform_version: '1.11.4', terraform_wrapper: false });
  });

  it('plans each changed stack in a matrix built by scripts/stack-matrix.ts', () => {
    const check = doc().jobs.check;
    const matrixStep = steps(check).find((s) => s.id === 'matrix')!;
    expect(matrixStep.run).toContain('scripts/stack-matrix.ts --out cdktf.out');
    expect(matrixStep.run).toContain('--github-output');
    expect(check.outputs).toEqual({ plan: '${{ steps.matrix.outputs.plan }}', plan_count: '${{ steps.matrix.outputs.plan_count }}' });
    for (const name of Object.keys(check.outputs)) expect(outputs.has(name)).toBe(true);
    const plan = doc().jobs.plan;
    expect(needsOf(plan)).toEqual(['check']);
    expect(plan.if).toBe("needs.check.outputs.plan_count != '0'");
    expect(plan.strategy).toEqual({ 'fail-fast': false, matrix: '${{ fromJSON(needs.check.outputs.plan) }}' });
    // What the script writes is a valid matrix for that job.
    expect(JSON.parse(outputs.get('plan')!)).toEqual({ include: matrix.stacks.map(({ stack, workspace, organization }) => ({ stack, workspace, organization })) });
  });

  it('runs a speculative, plan-only run per stack and summarizes its JSON plan', () => {
    const plan = doc().jobs.plan;
    expect(stepUsing(plan, 'hashicorp/tfc-workflows-github/actions/upload-configuration').with).toEqual({
      organization: '${{ matrix.organization }}',
      workspace: '${{ matrix.workspace }}',
      directory: 'cdktf.out',
      speculative: true,
    });
    const run = stepUsing(plan, 'hashicorp/tfc-workflows-github/actions/create-run');
    expect(run.with).toMatchObject({ workspace: '${{ matrix.workspace }}', configuration_version: '${{ steps.upload.outputs.configuration_version_id }}', plan_only: true });
    expect(runs(plan)).toContain('https://app.terraform.io/api/v2/plans/$PLAN_ID/json-output');
    expect(runs(plan)).toContain('npx tsx cli/lz.ts plan-summary plan.json --markdown > plan-summary.md');
    expect(plan.env).toEqual({ TF_API_TOKEN: '${{ secrets.TF_API_TOKEN }}' });
  });

  it('posts one comment after the plans, even when some failed', () => {
    const comment = doc().jobs.comment;
    expect(needsOf(comment)).toEqual(['check', 'plan']);
    expect(comment.if).toBe("always() && needs.check.result != 'cancelled'");
    const script = stepUsing(comment, 'actions/github-script').with.script as string;
    expect(script).toContain('synth/lz-report.md');
    expect(script).toContain("'plan-summary.md'");
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
    expect(runs(doc().jobs.synth)).toContain('npx tsx cli/lz.ts check --out cdktf.out');
  });

  it('has one job per wave of the stack matrix, each after the previous one', () => {
    expect(waveJobs()).toEqual(Array.from({ length: MAX_WAVES }, (_, i) => `apply-wave-${i + 1}`));
    expect(matrix.waves).toHaveLength(MAX_WAVES);
    for (const [i, name] of waveJobs().entries()) {
      const job = doc().jobs[name];
      expect(needsOf(job)).toEqual(i === 0 ? ['synth'] : ['synth', `apply-wave-${i}`]);
      expect(job.uses).toBe('./.github/workflows/apply-stacks.yml');
      expect(job.with).toEqual({ matrix: `\${{ needs.synth.outputs.wave${i + 1} }}` });
      expect(job.secrets).toEqual({ TF_API_TOKEN: '${{ secrets.TF_API_TOKEN }}' });
      expect(job.if).toContain(`needs.synth.outputs.wave${i + 1}_count != '0'`);
      if (i > 0) expect(job.if).toContain("!contains(needs.*.result, 'failure')");
    }
  });

  it('takes its waves from scripts/stack-matrix.ts outputs', () => {
    const synth = doc().jobs.synth;
    expect(steps(synth).find((s) => s.id === 'matrix')!.run).toBe('npx tsx scripts/stack-matrix.ts --out cdktf.out --github-output');
    for (const [name, value] of Object.entries(synth.outputs as Record<string, string>)) {
      expect(value).toBe(`\${{ steps.matrix.outputs.${name} }}`);
      expect(outputs.has(name)).toBe(true);
    }
    expect(Object.keys(synth.outputs).sort()).toEqual([...outputs.keys()].filter((k) => k.startsWith('wave')).sort());
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

  it('is called with a matrix and the Terraform Cloud token', () => {
    expect(doc().on).toEqual({
      workflow_call: {
        inputs: { matrix: { description: expect.any(String), required: true, type: 'string' } },
        secrets: { TF_API_TOKEN: { required: true } },
      },
    });
    expect(doc().jobs.apply.strategy).toEqual({ 'fail-fast': false, matrix: '${{ fromJSON(inputs.matrix) }}' });
    expect(doc().jobs.apply.environment).toBe('landing-zone');
  });

  it('uploads the synth, plans, and applies only a confirmable run', () => {
    const job = doc().jobs.apply;
    expect(steps(job).map((s) => s.uses ?? 'run')).toEqual([
      'actions/download-artifact@v4',
      'hashicorp/tfc-workflows-github/actions/upload-configuration@v1.3.2',
      'hashicorp/tfc-workflows-github/actions/create-run@v1.3.2',
      'hashicorp/tfc-workflows-github/actions/apply-run@v1.3.2',
      'run',
    ]);
    expect(stepUsing(job, 'hashicorp/tfc-workflows-github/actions/upload-configuration').with).toEqual({
      organization: '${{ matrix.organization }}',
      workspace: '${{ matrix.workspace }}',
      directory: 'cdktf.out',
    });
    expect(stepUsing(job, 'hashicorp/tfc-workflows-github/actions/create-run').with.plan_only).toBeUndefined();
    const apply = stepUsing(job, 'hashicorp/tfc-workflows-github/actions/apply-run');
    expect(apply.if).toBe('fromJSON(steps.run.outputs.payload).data.attributes.actions.IsConfirmable');
    expect(apply.with.run).toBe('${{ steps.run.outputs.run_id }}');
  });
});
