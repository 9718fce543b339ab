/**
 * Command-line start-up, part of `npm run bench` (issue 19): wall time of `node -e 0` (the floor: Node
 * itself) and of the compiled `lz --help`, `lz --version` and `lz validate` of the embedded config, as
 * package.json `bin.lz` and `npx lz` run them (dist/cli/lz.js, built first so the figures are of this
 * code), each the median of {@link RUNS} runs after one warm-up, with its ratio to `node -e 0`. The
 * development path (`tsx cli/lz.ts`, type-stripping every module per call) is measured for comparison.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildCli, CLI_ENTRY } from '../scripts/build-cli';

const ROOT = path.join(__dirname, '..');

/** Runs per command; the median is reported. */
const RUNS = 5;

/** Targets of issue 19, in seconds. */
export const CLI_TARGETS = { help: 0.3, version: 0.3, validate: 1 } as const;

/** One measured command line. */
export interface CliTiming {
  /** As shown in the table, e.g. `lz --help`. */
  readonly label: string;
  /** Median wall time in milliseconds, spawn to exit. */
  readonly medianMs: number;
  /** Every run's wall time in milliseconds. */
  readonly runsMs: readonly number[];
  /** Exit code of the last run. */
  readonly exitCode: number | null;
  /** Target in seconds, when there is one. */
  readonly targetSeconds?: number;
}

/** What {@link measureCliStart} measured. */
export interface CliStartResult {
  readonly node: CliTiming;
  readonly commands: readonly CliTiming[];
  /** 1-minute load average when the measurement started. */
  readonly loadAverage: number;
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(label: string, args: readonly string[], targetSeconds?: number): CliTiming {
  // The embedded config, whatever the caller's environment names; CI=1 keeps progress to plain lines.
  const env = { ...process.env, LZ_CONFIG: '', CI: '1' };
  const once = () => {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'ignore'] });
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, code: r.status };
  };
  once(); // warm-up: the file system cache, not the code, would otherwise be measured
  const runs = Array.from({ length: RUNS }, once);
  return { label, medianMs: median(runs.map((r) => r.ms)), runsMs: runs.map((r) => Math.round(r.ms)), exitCode: runs[runs.length - 1].code, targetSeconds };
}

/** Builds dist/ (as `npm ci` does through `prepare`) and measures the start-up of each command. */
export function measureCliStart(loadAverage: number): CliStartResult {
  buildCli();
  const lz = path.join(ROOT, 'dist', CLI_ENTRY);
  return {
    loadAverage,
    node: time('node -e 0', ['-e', '0']),
    commands: [
      time('lz --help', [lz, '--help'], CLI_TARGETS.help),
      time('lz --version', [lz, '--version'], CLI_TARGETS.version),
      time('lz validate', [lz, 'validate'], CLI_TARGETS.validate),
      time('tsx cli/lz.ts --help (development, no target)', ['--import', 'tsx', path.join(ROOT, 'cli', 'lz.ts'), '--help']),
      time('tsx cli/lz.ts validate (development, no target)', ['--import', 'tsx', path.join(ROOT, 'cli', 'lz.ts'), 'validate']),
    ],
  };
}

/** Each command with a target: met or missed, for the targets table and the exit code of the benchmark. */
export function cliStartOutcomes(result: CliStartResult): { target: string; status: 'met' | 'missed'; detail: string }[] {
  return result.commands
    .filter((c) => c.targetSeconds !== undefined)
    .map((c) => ({
      target: `\`${c.label}\` under ${c.targetSeconds} s`,
      status: c.exitCode === 0 && c.medianMs < c.targetSeconds! * 1000 ? 'met' : 'missed',
      detail: `${(c.medianMs / 1000).toFixed(2)} s (${(c.medianMs / result.node.medianMs).toFixed(1)}x node -e 0; exit ${c.exitCode})`,
    }));
}

/** The RESULTS.md section. */
export function renderCliStart(result: CliStartResult): string {
  const row = (c: CliTiming) => {
    const outcome = c.targetSeconds === undefined ? '' : c.exitCode === 0 && c.medianMs < c.targetSeconds * 1000 ? `< ${c.targetSeconds} s: **met**` : `< ${c.targetSeconds} s: **missed**`;
    return `| ${c.label} | ${(c.medianMs / 1000).toFixed(2)} s | ${(c.medianMs / result.node.medianMs).toFixed(1)}x | ${c.runsMs.join(', ')} | ${c.exitCode} | ${outcome} |`;
  };
  return [
    '',
    '## Command-line start-up',
    '',
    `The compiled \`lz\` (dist/cli/lz.js, package.json \`bin.lz\`, what \`npx lz\` runs; built by \`npm ci\` through \`prepare\`), run by bench/cli-start.ts: median of ${RUNS} runs after one warm-up, spawn to exit, load average ${result.loadAverage.toFixed(1)}. ` +
      '`lz --help` and `--version` load no command module (cli/lz.ts requires each command inside its action); `npx lz` adds npm\'s own start-up (about 1 s) on top.',
    '',
    '| command | median | ratio to node -e 0 | runs (ms) | exit | target |',
    '| --- | ---: | ---: | --- | ---: | --- |',
    row(result.node),
    ...result.commands.map(row),
    '',
  ].join('\n');
}
