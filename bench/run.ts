/**
 * `npm run bench`: generates configs with 1, 10, 50, 100, 200 and 1,000 spokes and, for each, runs the synth and then `lz check` in child processes (one measured step each, see bench/child.ts), counts
 * resources per stack and output bytes, and writes bench/RESULTS.md with the targets met or missed.
 * Sizes run one after another so that no two measurements share the CPU.
 *   --sizes 1,10,50    other sizes          --seed <n>       generator seed (default 1)
 *   --scale            issue 21 only: 10 and 1,000 spokes (hub resources and bytes at both, synth time and RSS at 1,000)
 *   -o, --file <file>  where to write the results (default bench/RESULTS.md; `--out <file>` is the
 *                      deprecated spelling, as in `lz`, where --out names an output directory)
 *   --keep             keep the temp directory with the configs and outputs
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { RESULT_MARKER, Step, StepResult } from './child';
import { CliStartResult, cliStartOutcomes, measureCliStart, renderCliStart } from './cli-start';
import { generateSpec, MAX_GENERATED_SPOKES, ShapeName } from './generate';
import { renderConfig } from './landing-zone-spec';
import { loadConfig } from '../config/load';
import { landingZoneStackList } from '../config/stack-list';
import { evaluateTargets, Machine, renderResults, SizeRun } from './report';
import { directoryBytes, outputStats, StackStats } from './stack-stats';
import { directConnectFigures } from './direct-connect';

const ROOT = path.join(__dirname, '..');
/** Hand-written notes (profiling, before/after figures) appended to RESULTS.md. */
const NOTES_FILE = path.join(__dirname, 'NOTES.md');

/** Runs one step in a child process; resolves with its result and the wall time seen from here. */
function runChild(step: Step, config: string, outdir: string): Promise<{ result: StepResult; outerMs: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'child.ts'), step, config, outdir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => {
      const outerMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_MARKER));
      const failed = (message: string): StepResult => ({ step, status: 'failed', wallMs: outerMs, importMs: 0, loadMs: 0, workMs: 0, cpuMs: 0, maxRssBytes: 0, message });
      resolve({ result: line ? (JSON.parse(line.slice(RESULT_MARKER.length)) as StepResult) : failed(`exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' ')}`), outerMs });
    });
  });
}

/** This machine, for the record. */
function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}

async function measure(spokes: number, seed: number, root: string): Promise<SizeRun> {
  const config = path.join(root, `lz-${spokes}.yaml`);
  const { spec, shapes } = generateSpec(spokes, seed);
  fs.writeFileSync(config, renderConfig(spec, shapes));
  const outdir = path.join(root, `out-${spokes}`);
  // Other processes slow a 2-core machine's wall times down; the 1-minute load average says how busy it was.
  const loadAverage = os.loadavg()[0];
  const synth = await runChild('synth', config, outdir);
  const ok = synth.result.status === 'ok';
  const check = ok ? await runChild('check', config, outdir) : { result: { ...synth.result, step: 'check' as const, status: 'unavailable' as const, message: 'synth failed' }, outerMs: 0 };
  const stacks = ok ? stackStatsOf(config, outdir, shapes) : [];
  return {
    spokes,
    loadAverage,
    synth: synth.result,
    synthOuterMs: synth.outerMs,
    check: check.result,
    checkOuterMs: check.outerMs,
    outputBytes: ok ? directoryBytes(outdir) : 0,
    stacks,
    ...(ok ? { directConnect: directConnectFigures(outdir, stacks) } : {}),
  };
}

/**
 * The output's stack stats, each with its kind and spoke from the config's own stack list
 * (config/stack-list.ts, what synthesis built) and the spoke's shape (spoke i has `shapes[i]`).
 */
function stackStatsOf(config: string, outdir: string, shapes: readonly ShapeName[]): StackStats[] {
  const lz = loadConfig(config).landingZone;
  const shapeOf = new Map(lz.spokes.map((s, i) => [s.name, shapes[i]]));
  return outputStats(outdir, landingZoneStackList(lz), (spoke) => shapeOf.get(spoke));
}

/** `--scale`: the sizes issue 21 compares (the hub at 10 and 1,000 spokes must be the same file). */
const SCALE_SIZES = '10,1000';

/** Target of issue 8: the analysis of the default config (config load + `lz check`'s work, module loading excluded). */
const DEFAULT_CHECK_TARGET_MS = 2000;

/** Synthesizes the embedded default landing-zone.yaml and times `lz check` on it. */
async function measureDefault(root: string): Promise<{ readonly check: StepResult; readonly outcome: { target: string; status: 'met' | 'missed' | 'not measured'; detail: string } }> {
  const outdir = path.join(root, 'out-default');
  const config = path.join(ROOT, 'landing-zone.yaml');
  const target = 'analysis of the default config (load + check) under 2 s';
  const synth = await runChild('synth', config, outdir);
  if (synth.result.status !== 'ok') return { check: synth.result, outcome: { target, status: 'not measured', detail: `synth failed: ${synth.result.message}` } };
  const { result } = await runChild('check', config, outdir);
  if (result.status !== 'ok') return { check: result, outcome: { target, status: 'not measured', detail: result.message ?? result.status } };
  const ms = result.loadMs + result.workMs;
  return { check: result, outcome: { target, status: ms < DEFAULT_CHECK_TARGET_MS ? 'met' : 'missed', detail: `${(ms / 1000).toFixed(2)} s (load ${result.loadMs} ms, check ${result.workMs} ms; exit ${result.exitCode})` } };
}

/**
 * The results file of `--file` (or `-o`), or of the old spelling `--out` with a warning on stderr
 * (`lz` uses --out for an output directory, so bench follows it); undefined, after an error on
 * stderr, when both are given.
 */
export function resultsFile(o: { file?: string; out?: string }, err: (line: string) => void): string | undefined {
  if (o.out !== undefined && o.file !== undefined) {
    err(`error: give the results file once: --file ${o.file} or --out ${o.out} (--out is the old spelling)`);
    return undefined;
  }
  if (o.out !== undefined) err(`warning: \`bench --out ${o.out}\` is deprecated and stops working in the next release: use --file ${o.out} (or -o ${o.out})`);
  return o.file ?? o.out ?? path.join(__dirname, 'RESULTS.md');
}

async function main(argv: readonly string[]): Promise<number> {
  const options = new Command('bench')
    .description('scale benchmark: synth and lz check of generated configs, results in bench/RESULTS.md')
    .option('--sizes <list>', 'comma-separated spoke counts', '1,10,50,100,200,1000')
    .option('--seed <n>', 'generator seed', '1')
    .option('-o, --file <file>', 'results file (default bench/RESULTS.md)')
    .addOption(new Option('--out <file>', 'deprecated spelling of --file <file>').hideHelp())
    .option('--keep', 'keep the temp directory')
    .option('--scale', 'only 10 and 1,000 spokes (issue 21: constant hub, synth time and RSS at 1,000)')
    .parse(argv, { from: 'user' })
    .opts<{ sizes: string; seed: string; file?: string; out?: string; keep?: boolean; scale?: boolean }>();
  const file = resultsFile(options, (line) => console.error(line));
  if (file === undefined) return 2;
  const sizes = (options.scale ? SCALE_SIZES : options.sizes).split(',').map((s) => Number(s.trim()));
  const seed = Number(options.seed);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_GENERATED_SPOKES) || !Number.isInteger(seed)) {
    console.error(`--sizes takes integers from 1 to ${MAX_GENERATED_SPOKES} and --seed an integer`);
    return 2;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-'));
  const runs: SizeRun[] = [];
  let defaultConfig: Awaited<ReturnType<typeof measureDefault>> | undefined;
  let cliStart: CliStartResult | undefined;
  try {
    // Issue 19: start-up of the compiled lz, first, before the big sizes heat the machine.
    cliStart = measureCliStart(os.loadavg()[0]);
    for (const t of cliStartOutcomes(cliStart)) console.log(`cli start: ${t.target}: ${t.detail}`);
    defaultConfig = await measureDefault(root);
    console.log(`default config: ${defaultConfig.outcome.detail}`);
    for (const n of sizes) {
      const run = await measure(n, seed, root);
      runs.push(run);
      const check = run.check.status === 'ok' ? `check ${(run.checkOuterMs / 1000).toFixed(1)} s` : `check ${run.check.status}`;
      console.log(
        `${String(n).padStart(3)} spokes: synth ${run.synth.status === 'ok' ? `${(run.synthOuterMs / 1000).toFixed(1)} s (cpu ${(run.synth.cpuMs / 1000).toFixed(1)} s, load ${run.loadAverage.toFixed(1)}), peak ${Math.round(run.synth.maxRssBytes / 1e6)} MB` : `FAILED ${run.synth.message}`}, ` +
          `${run.stacks.length} stacks, ${run.stacks.reduce((a, s) => a + s.resources, 0)} resources, ${(run.outputBytes / 1e6).toFixed(1)} MB; ${check}`,
      );
      // Outputs of 200 spokes take hundreds of MB; keep only what was asked for.
      if (!options.keep) fs.rmSync(path.join(root, `out-${n}`), { recursive: true, force: true });
    }
  } finally {
    if (options.keep) console.log(`kept: ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
  const notes = fs.existsSync(NOTES_FILE) ? fs.readFileSync(NOTES_FILE, 'utf8') : undefined;
  const outcomes = [...evaluateTargets(runs), ...(defaultConfig ? [defaultConfig.outcome] : []), ...(cliStart ? cliStartOutcomes(cliStart) : [])];
  const defaultSection = defaultConfig
    ? `\n## The default config\n\n\`lz check\` on the embedded landing-zone.yaml (5 stacks): ${defaultConfig.outcome.detail} — target under 2 s: **${defaultConfig.outcome.status}**. Module loading (${defaultConfig.check.importMs} ms) is Node start and imports, not analysis.\n`
    : '';
  const cliSection = cliStart ? renderCliStart(cliStart) : '';
  const rendered = renderResults(runs, machine(), { date: new Date().toISOString().slice(0, 10), seed, notes });
  // The default-config figure goes right before the profile notes.
  const at = rendered.indexOf('\n## Profile');
  fs.writeFileSync(file, at >= 0 ? `${rendered.slice(0, at)}${defaultSection}${cliSection}${rendered.slice(at)}` : `${rendered}${defaultSection}${cliSection}`);
  for (const t of outcomes) console.log(`${t.status.padEnd(12)} ${t.target}: ${t.detail}`);
  console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
  return outcomes.some((t) => t.status === 'missed') || runs.some((r) => r.synth.status !== 'ok') ? 1 : 0;
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
