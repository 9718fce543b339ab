/**
 * One measured benchmark step, run in its own process so that its wall time includes loading the
 * code and its peak memory is its own:
 *   node --import tsx bench/child.ts synth <config> <outdir>
 *   node --import tsx bench/child.ts check <config> <outdir>
 * Prints one line `BENCH_RESULT <json>` (a {@link StepResult}) as its last line; anything the step
 * itself prints comes before it. Exit code 0 when the step ran, 1 when it failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Prefix of the result line on stdout. */
export const RESULT_MARKER = 'BENCH_RESULT ';

/** Benchmark steps a child can run. */
export type Step = 'synth' | 'check';

/** What one step measured. Times in milliseconds since the process started (performance.timeOrigin). */
export interface StepResult {
  readonly step: Step;
  readonly status: 'ok' | 'failed' | 'unavailable';
  /** Process start to the end of the step, module loading included. */
  readonly wallMs: number;
  /** Process start until the step's modules were loaded. */
  readonly importMs: number;
  /** Config read, parsed and validated. */
  readonly loadMs: number;
  /** The step's own work (what `lz synth` runs: synthesize and REPORT.md; or the analysis). */
  readonly workMs: number;
  /** CPU time (user + system) of this process: unlike wall time, barely moved by other load on the machine. */
  readonly cpuMs: number;
  /** Peak resident set size of this process in bytes (`process.resourceUsage().maxRSS` is KiB). */
  readonly maxRssBytes: number;
  /** Exit code the step reported (`lz check`: 0 no findings at error level). */
  readonly exitCode?: number;
  /** `check`: bytes of the files `lz check` writes, `analysis.json` and the refreshed `REPORT.md`. */
  readonly analysisBytes?: number;
  readonly reportBytes?: number;
  /** Why it failed or is unavailable. */
  readonly message?: string;
}

/** The part of analysis/run.ts the benchmark calls. */
interface AnalysisModule {
  runCheck?: (options: { out: string; landingZone: unknown; write?: boolean }) => { exitCode: number } | Promise<{ exitCode: number }>;
}

/** The analysis entry point once it exists (analysis/run.ts); loaded by path so the benchmark builds without it. */
const ANALYSIS_MODULE = path.join(__dirname, '..', 'analysis', 'run');

/** `analysis/run.ts` is present (`lz check` is not written yet while it is not). */
export function analysisAvailable(): boolean {
  return ['.ts', '.js'].some((ext) => fs.existsSync(ANALYSIS_MODULE + ext));
}

/** CPU milliseconds this process used so far. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

async function runStep(step: Step, config: string, outdir: string): Promise<StepResult> {
  const since = (t: number) => Math.round(performance.now() - t);
  const rss = () => process.resourceUsage().maxRSS * 1024;
  const base = { step, importMs: 0, loadMs: 0, workMs: 0, cpuMs: cpuMs() };
  if (step === 'check' && !analysisAvailable()) {
    return { ...base, status: 'unavailable', wallMs: Math.round(performance.now()), maxRssBytes: rss(), message: 'analysis/run.ts does not exist yet' };
  }
  // Loaded here, not at the top, so importMs shows what the step's code costs to load.
  const { loadConfig } = await import('../config/load');
  const { synthesizeWithReport } = await import('../cli/synth-report');
  let analysis: AnalysisModule | undefined;
  if (step === 'check') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      analysis = require(ANALYSIS_MODULE) as AnalysisModule;
    } catch (e) {
      // The analysis is written while the benchmark exists: a module that does not load yet is not a measurement.
      return { ...base, status: 'unavailable', wallMs: Math.round(performance.now()), maxRssBytes: rss(), message: `analysis/run.ts does not load: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  const importMs = Math.round(performance.now());
  let t = performance.now();
  const loaded = loadConfig(config);
  const loadMs = since(t);
  t = performance.now();
  let exitCode: number | undefined;
  let written: { analysisBytes: number; reportBytes: number } | undefined;
  if (step === 'synth') {
    // Exactly what `lz synth` runs (cli/commands.ts synthCommand): the stacks, then REPORT.md from them.
    synthesizeWithReport(loaded.landingZone, outdir, path.basename(config));
  } else {
    if (typeof analysis?.runCheck !== 'function') throw new Error('analysis/run.ts exports no runCheck');
    // Same work as `lz check` (cli/commands.ts checkCommand): the analysis, analysis.json and the
    // refreshed REPORT.md, whose sizes are measured; `await` accepts a synchronous runCheck too.
    exitCode = (await analysis.runCheck({ out: outdir, landingZone: loaded.landingZone, write: true })).exitCode;
    const { renderReport } = await import('../report/render');
    const { reportInput, REPORT_FILE, ANALYSIS_FILE } = await import('../cli/report');
    fs.writeFileSync(path.join(outdir, REPORT_FILE), renderReport(reportInput(loaded.landingZone, path.basename(config), outdir)));
    written = { analysisBytes: fs.statSync(path.join(outdir, ANALYSIS_FILE)).size, reportBytes: fs.statSync(path.join(outdir, REPORT_FILE)).size };
  }
  const workMs = since(t);
  return { step, status: 'ok', wallMs: Math.round(performance.now()), importMs, loadMs, workMs, cpuMs: cpuMs(), maxRssBytes: rss(), exitCode, ...written };
}

async function main(argv: readonly string[]): Promise<number> {
  const [step, config, outdir] = argv;
  if ((step !== 'synth' && step !== 'check') || !config || !outdir) {
    console.error('usage: bench/child.ts synth|check <config> <outdir>');
    return 2;
  }
  let result: StepResult;
  try {
    result = await runStep(step, config, outdir);
  } catch (e) {
    const message = (e as Error).message.split('\n').slice(0, 5).join('\n');
    result = { step, status: 'failed', wallMs: Math.round(performance.now()), importMs: 0, loadMs: 0, workMs: 0, cpuMs: cpuMs(), maxRssBytes: process.resourceUsage().maxRSS * 1024, message };
  }
  console.log(RESULT_MARKER + JSON.stringify(result));
  return result.status === 'failed' ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
