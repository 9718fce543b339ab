/**
 * `lz plan-summary <plan.json...>`: reads `terraform show -json` plans (one per stack), prints counts and
 * connectivity-impacting changes, and fails when any is present unless `--allow-connectivity-impact`.
 * Exit codes follow `lz`: 0 ok, 1 connectivity impact or an unreadable plan, 2 wrong command line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT } from '../cli/errors';
import { verdict } from './describe';
import { renderPlanSummaryMarkdown } from './markdown';
import { PlanFormatError, PlanSummary, stackFromPlan, summarizePlan } from './summary';
import { renderPlanSummaryText } from './text';

/** Options of {@link runPlanSummary}, one per command-line flag. */
export interface PlanSummaryOptions {
  /** Report connectivity-impacting changes but exit 0 (`--allow-connectivity-impact`). @default false */
  readonly allowConnectivityImpact?: boolean;
  /** Machine-readable output (`--json`). @default false */
  readonly json?: boolean;
  /** Markdown for the pull-request comment (`--markdown`). @default false: plain text */
  readonly markdown?: boolean;
  /** Also write the output to this file (`--out`), e.g. the comment body a CI step posts. */
  readonly out?: string;
  /** The stack name (`--stack`), for a single file. @default the plan's `Stack` default tag, else the file name `<stack>.plan.json` */
  readonly stack?: string;
}

/**
 * How the command ended and what to print (always newline-terminated): the report on stdout when
 * `summaries` is set, else the error text (exit 1: unreadable plans, exit 2: wrong command line) on stderr.
 */
export interface PlanSummaryResult {
  readonly exitCode: number;
  readonly output: string;
  /** The summaries, when every file was read. */
  readonly summaries?: readonly PlanSummary[];
}

/** `shop-hub.plan.json` → `shop-hub`; any other `x.json` → `x`. */
export function stackFromFileName(file: string): string {
  const base = path.basename(file);
  return base.replace(/\.plan\.json$/i, '').replace(/\.json$/i, '');
}

/** Reads and summarizes one file; throws an Error whose message starts with the file name. */
export function readPlanFile(file: string, stack?: string): PlanSummary {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // A saved plan is a zip archive: the usual mistake is passing it instead of its JSON rendering.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new Error(`${file}: this is a binary plan file (terraform plan -out); convert it first: terraform show -json ${path.basename(file)} > ${path.basename(file)}.json`);
  }
  let plan: unknown;
  try {
    plan = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message}); expected the output of \`terraform show -json <planfile>\``);
  }
  try {
    return summarizePlan(plan, stack ?? stackFromPlan(plan) ?? stackFromFileName(file));
  } catch (e) {
    if (e instanceof PlanFormatError) throw new Error(`${file}: ${e.message}`);
    throw e;
  }
}

function usage(message: string): PlanSummaryResult {
  return { exitCode: EXIT.usage, output: `${message}\nusage: lz plan-summary [--stack <name>] [--markdown | --json] [--out <file>] [--allow-connectivity-impact] <plan.json...>\n` };
}

/** Runs `lz plan-summary`: every file is read and every problem reported at once before anything is summarized. */
export function runPlanSummary(files: readonly string[], opts: PlanSummaryOptions = {}): PlanSummaryResult {
  if (files.length === 0) return usage('no plan file given: pass the output of `terraform show -json <planfile>`, one file per stack');
  if (opts.json && opts.markdown) return usage('--json and --markdown exclude each other');
  if (opts.stack !== undefined && files.length > 1) return usage(`--stack names one plan, but ${files.length} files were given: name them <stack>.plan.json instead`);
  const summaries: PlanSummary[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      summaries.push(readPlanFile(file, opts.stack));
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0) {
    const head = problems.length === 1 ? 'cannot summarize the plan:' : `cannot summarize ${problems.length} of ${files.length} plans:`;
    return { exitCode: EXIT.failed, output: `${[head, ...problems.map((p) => `  ${p.replace(/\n/g, '\n  ')}`)].join('\n')}\n` };
  }
  const allowed = opts.allowConnectivityImpact === true;
  const v = verdict(summaries, allowed);
  const output = opts.json
    ? `${JSON.stringify({ ok: v.ok, allowConnectivityImpact: allowed, verdict: v.text, stacks: summaries }, null, 2)}\n`
    : opts.markdown
      ? renderPlanSummaryMarkdown(summaries, { allowConnectivityImpact: allowed })
      : renderPlanSummaryText(summaries, allowed);
  if (opts.out !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    fs.writeFileSync(opts.out, output);
  }
  return { exitCode: v.ok ? EXIT.ok : EXIT.failed, output, summaries };
}
