/**
 * Real Terraform over synthesized stacks, offline: `init` from the local provider mirror, `validate`,
 * then a mock apply with `terraform test`. Each stack runs in its own copy of its directory, so
 * `.terraform/` and lock files never land in the synth output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execCommand, ExecResult } from './exec';
import { AWS_PROVIDER_ADDRESS } from './provider-mirror';
import { parseProviderSchema, ProviderSchema } from './provider-schema';
import { ManifestStack, skipReason } from './stack-json';
import { Diagnostic, formatDiagnostic, parseTestSummary, parseValidateJson } from './terraform-output';
import { planTest, renderTestFile, TEST_FILE } from './tftest';
import { withPrefixVariables } from './dx-prefix-change';

/**
 * Per-command deadlines in seconds, far above what was measured on 2 cores (init ~1 s, validate ~4 s,
 * test ~5 s per stack: most of it is the 700 MB aws provider starting and loading its schema).
 */
export const TIMEOUTS = { init: 180, validate: 180, schema: 180, test: 600 } as const;

/**
 * Stacks verified at once: each terraform process starts a ~700 MB provider binary, two fit a 2-core machine.
 * Effective: a full `npm run verify` (17 stacks and the control, load average 8-14) took 338 s of wall time
 * for 573 s of per-stack time (issue 19).
 */
export const PARALLEL_STACKS = 2;

/** What happened to one stack. */
export interface StackOutcome {
  /** Stack name, prefixed `<config>/` when several configs are verified. */
  readonly label: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  /** Skip reason, or which step failed and why. */
  readonly reason?: string;
  /** `terraform validate` passed (the mock apply may still have failed). */
  readonly validated: boolean;
  readonly warnings: readonly Diagnostic[];
  /** Runs passed in the mock apply. */
  readonly passed: number;
  /** Terraform's output of the failing command. */
  readonly log?: string;
  readonly workdir?: string;
  readonly seconds: number;
}

/** A stack to verify and the synth it came from (remote state outputs are typed from its siblings). */
export interface StackJob {
  readonly label: string;
  readonly stack: ManifestStack;
  readonly siblings: readonly ManifestStack[];
}

/**
 * The CLI config that makes `init` install hashicorp/aws from the mirror and nothing from the network.
 * No plugin cache: from an unpacked mirror Terraform symlinks the provider into `.terraform/` instead
 * of copying it, and a `TF_PLUGIN_CACHE_DIR` measured no faster (~1 s either way); from a packed one it
 * did not help either (init still verifies the zip), so verify/run.ts unpacks a packed mirror once
 * (verify/unpack-mirror.ts) and every init symlinks.
 */
export function cliConfigText(mirrorRoot: string): string {
  return [
    '# Written by verify/terraform.ts: install hashicorp/aws from the local mirror only.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirrorRoot)}`,
    `    include = [${JSON.stringify(AWS_PROVIDER_ADDRESS)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** The child environment: our CLI config, no prompts, no checkpoint calls, no inherited TF_CLI_ARGS. */
export function terraformEnv(base: NodeJS.ProcessEnv, cliConfigFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    // Inherited args, workspace or data dir would change what init/test do in ways this harness does not expect.
    if (/^TF_CLI_ARGS/.test(k) || k === 'TF_WORKSPACE' || k === 'TF_DATA_DIR') continue;
    env[k] = v;
  }
  return { ...env, TF_CLI_CONFIG_FILE: cliConfigFile, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}

function commandLog(args: readonly string[], r: ExecResult): string {
  const status = r.timedOut ? 'timed out' : `exit ${r.code}`;
  return [`$ terraform ${args.join(' ')}   (${status}, ${r.seconds.toFixed(1)} s)`, r.stdout.trimEnd(), r.stderr.trimEnd()].filter(Boolean).join('\n');
}

/** Runs Terraform over stacks with one mirror, one CLI config and one provider schema per run. */
export class TerraformVerifier {
  private readonly env: NodeJS.ProcessEnv;
  private schema?: Promise<ProviderSchema>;

  /** `workRoot` is a private temp directory; the verifier writes its CLI config and stack copies there. */
  constructor(
    private readonly terraform: string,
    mirrorRoot: string,
    private readonly workRoot: string,
    baseEnv: NodeJS.ProcessEnv = process.env,
  ) {
    const cliConfig = path.join(workRoot, 'terraformrc');
    fs.writeFileSync(cliConfig, cliConfigText(mirrorRoot));
    this.env = terraformEnv(baseEnv, cliConfig);
  }

  private run(args: readonly string[], cwd: string, timeoutSeconds: number): Promise<ExecResult> {
    return execCommand(this.terraform, args, { cwd, env: this.env, timeoutSeconds });
  }

  /** The aws schema, read once from the first initialized stack (every stack pins the same version). */
  private providerSchema(initializedDir: string): Promise<ProviderSchema> {
    if (!this.schema) {
      this.schema = this.run(['providers', 'schema', '-json'], initializedDir, TIMEOUTS.schema).then((r) => {
        if (r.code !== 0) throw new Error(commandLog(['providers', 'schema', '-json'], r));
        return parseProviderSchema(r.stdout);
      });
      this.schema.catch(() => (this.schema = undefined)); // let the next stack retry
    }
    return this.schema;
  }

  /** Init, validate and mock-apply one stack. Never throws for a Terraform failure: that is an outcome. */
  async verifyStack(job: StackJob): Promise<StackOutcome> {
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    const skip = skipReason(job.stack.json);
    if (skip) return { label: job.label, status: 'skipped', reason: skip, validated: false, warnings: [], passed: 0, seconds: 0 };

    const workdir = path.join(this.workRoot, ...job.label.split('/'));
    fs.cpSync(job.stack.dir, workdir, { recursive: true });
    const fail = (reason: string, log: string, validated = false, warnings: readonly Diagnostic[] = []): StackOutcome =>
      ({ label: job.label, status: 'failed', reason, log, validated, warnings, passed: 0, workdir, seconds: seconds() });

    const initArgs = ['init', '-input=false', '-no-color'];
    const init = await this.run(initArgs, workdir, TIMEOUTS.init);
    if (init.code !== 0) return fail(init.timedOut ? 'init timed out' : 'init failed', commandLog(initArgs, init));

    const validateArgs = ['validate', '-json', '-no-color'];
    const validate = await this.run(validateArgs, workdir, TIMEOUTS.validate);
    const v = parseValidateJson(validate.stdout);
    if (validate.timedOut) return fail('validate timed out', commandLog(validateArgs, validate));
    if (!v.valid) {
      // The diagnostics, one line each, read better than the JSON they came from.
      const diagnostics = [...v.errors, ...v.warnings].map(formatDiagnostic).join('\n');
      return fail(`validate: ${v.errors.length} error(s)`, commandLog(validateArgs, { ...validate, stdout: diagnostics }), false, v.warnings);
    }

    let schema: ProviderSchema;
    try {
      schema = await this.providerSchema(workdir);
    } catch (e) {
      return fail('reading the provider schema failed', (e as Error).message, true, v.warnings);
    }
    const plan = planTest(job.stack, job.siblings, schema);
    const testText = renderTestFile(plan);
    fs.writeFileSync(path.join(workdir, TEST_FILE), testText);
    if (plan.problems.length > 0) return fail(`cross-stack references: ${plan.problems.join('; ')}`, testText, true, v.warnings);

    // `terraform test` destroys what it applied; `prevent_destroy` (log bucket, KMS key, TGW, ...) would fail
    // that teardown. Validate ran on the stack as synthesized; only the mock apply sees it without the guard.
    const stackFile = path.join(workdir, 'cdk.tf.json');
    // The allowed prefixes become a variable so the second run can change them (verify/dx-prefix-change.ts).
    // `import` blocks (access.ssm.adoptExistingPreferences) are dropped from that copy too: a mocked provider
    // cannot read an object to import (its refresh returns unknown values). Validate ran with them.
    fs.writeFileSync(stackFile, JSON.stringify(withoutImports(withPrefixVariables(withoutPreventDestroy(JSON.parse(fs.readFileSync(stackFile, 'utf8'))), plan.prefixChanges ?? [])), null, 2));

    // -filter: run only our file, whatever else a stack directory may carry.
    const testArgs = ['test', '-no-color', `-filter=${TEST_FILE}`];
    const test = await this.run(testArgs, workdir, TIMEOUTS.test);
    const summary = parseTestSummary(test.stdout);
    if (test.code !== 0 || !summary || summary.failed > 0 || summary.passed === 0) {
      const why = test.timedOut ? 'mock apply timed out' : `mock apply failed${summary ? ` (${summary.passed} passed, ${summary.failed} failed)` : ''}`;
      return fail(why, `${commandLog(testArgs, test)}\n\n--- ${TEST_FILE} ---\n${testText}`, true, v.warnings);
    }
    return { label: job.label, status: 'ok', validated: true, warnings: v.warnings, passed: summary.passed, workdir, seconds: seconds() };
  }
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A copy of a stack's JSON with every `lifecycle.prevent_destroy` removed (for the mock apply's teardown only). */
export function withoutPreventDestroy<T>(json: T): T {
  const copy = JSON.parse(JSON.stringify(json));
  for (const byName of Object.values<Record<string, { lifecycle?: { prevent_destroy?: boolean } }>>(copy.resource ?? {})) {
    for (const resource of Object.values(byName)) {
      if (resource.lifecycle && 'prevent_destroy' in resource.lifecycle) {
        delete resource.lifecycle.prevent_destroy;
        if (Object.keys(resource.lifecycle).length === 0) delete resource.lifecycle;
      }
    }
  }
  return copy;
}

/** A copy of a stack's JSON without `import` blocks (for the mock apply only). */
export function withoutImports<T>(json: T): T {
  const copy = { ...(json as Record<string, unknown>) };
  delete copy.import;
  return copy as T;
}
