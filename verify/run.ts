/**
 * `npm run verify`: synthesize the default config and every `__tests__/fixtures/valid/*.yaml` with
 * local state, then run real Terraform over every stack (init from a local provider mirror,
 * validate, mock apply). Exit 1 on any failure. When Terraform or the mirror is missing, prints a
 * loud banner and exits 0, or 1 under LZ_REQUIRE_TERRAFORM=1 (CI must not pass by skipping).
 *   --config <file>  verify only that config      --stacks a,b  only these stacks
 *   --keep           keep the temp dirs and print where they are
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { synthesize } from '../cli/synth';
import { ConfigError } from '../config/issues';
import { loadConfig } from '../config/load';
import { configLabels, configsToVerify } from './configs';
import { preFixLookupShape } from './dx-prefix-change';
import { execCommand, findOnPath, terminateRunning } from './exec';
import { findProviderMirror, MIRROR_ENV, terraformPlatform } from './provider-mirror';
import { closingLine, countLine, outcomeLines, skippedBanner } from './report';
import { awsVersion, readManifest, skipReason } from './stack-json';
import { mapLimit, PARALLEL_STACKS, StackJob, StackOutcome, TerraformVerifier } from './terraform';
import { unpackedMirror } from './unpack-mirror';

/**
 * `terraform test` with `mock_provider` and `override_data` arrived in Terraform 1.7, but
 * verify/dx-prefix-change.ts writes `override_during = plan`, which arrived in 1.11
 * (HashiCorp's v1.11 upgrade guide): 1.11 is the floor.
 */
const MIN_TERRAFORM = [1, 11] as const;

interface Options {
  readonly config?: string;
  readonly stacks?: string;
  readonly keep?: boolean;
}

/** Synthesizes each config under `root` and lists its stacks; labels are prefixed with the config name when there are several. */
function synthAll(configs: readonly string[], root: string): StackJob[] {
  const jobs: StackJob[] = [];
  const labels = configLabels(configs);
  for (const [i, file] of configs.entries()) {
    const name = labels[i];
    // Local state always: a Terraform Cloud backend would make init reach the network.
    const { outdir } = synthesize(loadConfig(file).landingZone, path.join(root, 'synth', name), { backend: 'local' });
    const stacks = readManifest(outdir);
    for (const stack of stacks) jobs.push({ label: configs.length > 1 ? `${name}/${stack.name}` : stack.name, stack, siblings: stacks });
  }
  return jobs;
}

async function terraformProblem(terraform: string | undefined): Promise<string | undefined> {
  if (!terraform) return 'terraform is not on PATH';
  const r = await execCommand(terraform, ['version', '-json'], { cwd: os.tmpdir(), env: { ...process.env, CHECKPOINT_DISABLE: '1' }, timeoutSeconds: 60 });
  const version = (() => {
    try {
      return String(JSON.parse(r.stdout).terraform_version);
    } catch {
      return undefined;
    }
  })();
  if (!version) return `${terraform} did not report its version (terraform version -json)`;
  const [major, minor] = version.split('.').map(Number);
  if (major < MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor < MIN_TERRAFORM[1])) return `terraform ${version} is older than ${MIN_TERRAFORM.join('.')} (needed for mock_provider with override_during)`;
  return undefined;
}

function skipOrFail(missing: readonly string[], fix: readonly string[]): number {
  const required = process.env.LZ_REQUIRE_TERRAFORM === '1';
  const tail = required ? ['LZ_REQUIRE_TERRAFORM=1 is set, so this is a FAILURE.'] : ['Set LZ_REQUIRE_TERRAFORM=1 to make this an error (CI should).'];
  console.error(skippedBanner(missing, [...fix, ...tail]));
  return required ? 1 : 0;
}

async function verify(options: Options, root: string): Promise<number> {
  let jobs = synthAll(configsToVerify(options.config), root);
  if (options.stacks) {
    const wanted = options.stacks.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = wanted.filter((w) => !jobs.some((j) => j.label === w || j.stack.name === w));
    if (unknown.length > 0) {
      console.error(`unknown stack(s): ${unknown.join(', ')}. Stacks: ${jobs.map((j) => j.label).join(', ')}`);
      return 1;
    }
    jobs = jobs.filter((j) => wanted.includes(j.label) || wanted.includes(j.stack.name));
  }

  const terraform = findOnPath('terraform');
  const problem = await terraformProblem(terraform);
  if (problem) return skipOrFail([problem], [`Install Terraform >= ${MIN_TERRAFORM.join('.')} and put it on PATH; see https://developer.hashicorp.com/terraform/install`]);

  const versions = [...new Set(jobs.filter((j) => !skipReason(j.stack.json)).map((j) => awsVersion(j.stack.json) ?? 'unpinned'))];
  if (versions.length > 1 || versions[0] === 'unpinned') {
    console.error(`stacks must pin one exact hashicorp/aws version for offline verification; found: ${versions.join(', ')}`);
    return 1;
  }
  let mirrorRoot = '';
  if (versions.length === 1) {
    const platform = terraformPlatform();
    const mirror = findProviderMirror(versions[0]);
    if (!mirror.found) {
      if (mirror.explicitError) {
        console.error(`error: ${mirror.explicitError}`);
        return 1;
      }
      return skipOrFail(
        [`a filesystem mirror of hashicorp/aws ${versions[0]} for ${platform}`, 'looked in:', ...mirror.tried.map((t) => `  ${t}`)],
        [
          'On a connected machine: terraform providers mirror -platform=' + platform + ' <dir>  (in a dir whose required_providers pins aws ' + versions[0] + ')',
          `then: export ${MIRROR_ENV}=<dir>   (the directory that contains registry.terraform.io/)`,
        ],
      );
    }
    // A packed mirror (what `terraform providers mirror` writes) is extracted once here, not by every init.
    const unpacked = unpackedMirror(mirror.root, versions[0], platform, path.join(root, 'mirror'));
    mirrorRoot = unpacked.root;
    console.log(`terraform: ${terraform}; hashicorp/aws ${versions[0]} ${platform} from ${mirror.root} (via ${mirror.via}; ${unpacked.note})`);
  }

  const verifier = new TerraformVerifier(terraform!, mirrorRoot, fs.mkdtempSync(path.join(root, 'work-')));
  const width = Math.max(...jobs.map((j) => j.label.length));
  const outcomes: StackOutcome[] = await mapLimit(jobs, PARALLEL_STACKS, async (job) => {
    const o = await verifier.verifyStack(job);
    for (const line of outcomeLines(o, width)) console.log(line);
    return o;
  });

  const control = await preFixControl(verifier, jobs, root);
  console.log(control ? control.line : 'note  no stack with Direct Connect in this run: the allowed-prefix proof and its control did not run');

  for (const o of outcomes.filter((x) => x.status === 'failed')) {
    console.log(`\n===== ${o.label}: ${o.reason} =====\n${o.log ?? ''}\n===== end of ${o.label} =====`);
  }
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  if (skipped.length > 0) {
    console.log(`\nskipped (not verifiable offline):`);
    for (const o of skipped) console.log(`  ${o.label}: ${o.reason}`);
  }
  if (options.keep) {
    console.log(`\nkept: ${root}`);
    for (const o of outcomes.filter((x) => x.workdir)) console.log(`  ${o.label}: ${o.workdir}`);
  }
  console.log(closingLine(outcomes));
  console.log(countLine(outcomes));
  return outcomes.some((o) => o.status === 'failed') || control?.ok === false ? 1 : 0;
}

/**
 * Runs the allowed-prefix proof on the pre-fix shape of the first stack that has Direct Connect
 * (verify/dx-prefix-change.ts) and requires it to fail: a proof that passes on the defect proves nothing.
 */
async function preFixControl(verifier: TerraformVerifier, jobs: readonly StackJob[], root: string): Promise<{ ok: boolean; line: string } | undefined> {
  for (const job of jobs) {
    const broken = preFixLookupShape(job.stack.json);
    if (!broken || skipReason(job.stack.json)) continue;
    const dir = fs.mkdtempSync(path.join(root, 'control-'));
    fs.cpSync(job.stack.dir, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(broken, null, 2));
    const label = `control/${job.stack.name}`;
    const o = await verifier.verifyStack({ label, stack: { ...job.stack, dir, json: broken }, siblings: job.siblings });
    const caught = o.status === 'failed' && o.validated && o.passed === 0 && /mock apply failed \(1 passed, 1 failed\)/.test(o.reason ?? '');
    return caught
      ? { ok: true, line: `ok    ${label}: the pre-fix lookup (reading the DX association directly) fails the allowed-prefix run, as it must` }
      : { ok: false, line: `FAIL  ${label}: the allowed-prefix proof did not catch the pre-fix lookup (${o.status}${o.reason ? `: ${o.reason}` : ''})${o.log ? `\n${o.log}` : ''}` };
  }
  return undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = new Command('verify')
    .description('real Terraform, offline: init from a local aws provider mirror, validate, mock apply every synthesized stack')
    .option('--config <file>', 'verify only this config, e.g. examples/perimeter.yaml (default: landing-zone.yaml, every examples/*.yaml and every __tests__/fixtures/valid/*.yaml)')
    .option('--stacks <names>', 'comma-separated stack names (or <config>/<stack>) to verify')
    .option('--keep', 'keep the temp directories and print where they are')
    .parse(argv, { from: 'user' })
    .opts<Options>();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-verify-'));
  const cleanup = () => {
    if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      terminateRunning();
      cleanup();
      process.exit(130);
    });
  }
  try {
    return await verify(options, root);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    cleanup();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
