/**
 * `lz plan-summary <plan.json...>`: reads `terraform show -json` plans (one per stack) and, over the
 * synthesized output they were made from (`--out`), evaluates what they do to the network: the
 * flows they newly allow or deny and the intents whose verdict changes (plan/reachability.ts). Then
 * counts and connectivity-impacting changes per stack. It fails on a flow or intent the plans break,
 * and on a connectivity-impacting change unless the diff shows it changes nothing, unless
 * `--allow-connectivity-impact` (all of them) or `--allow-connectivity-impact-from <file>` (the
 * addresses an acknowledgement file names, plan/acknowledgement.ts) lets it through. Exit codes follow
 * `lz`: 0 ok, 1 connectivity impact or violation, an unreadable plan or acknowledgement file, 2 wrong
 * command line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT } from '../lib/exit-codes';
import { ConnectivityAcknowledgement, readAcknowledgement } from './acknowledgement';
import { Allowance, verdict } from './describe';
import { renderPlanSummaryMarkdown } from './markdown';
import { evaluateReachability, type PlanInput, type Reachability, ReachabilityError } from './reachability';
import { PlanFormatError, PlanSummary, stackFromPlan, summarizePlan } from './summary';
import { renderPlanSummaryText } from './text';

/** Options of {@link runPlanSummary}, one per command-line flag. */
export interface PlanSummaryOptions {
  /** Report connectivity-impacting changes but exit 0 (`--allow-connectivity-impact`). @default false */
  readonly allowConnectivityImpact?: boolean;
  /** Acknowledgement file whose addresses may change (`--allow-connectivity-impact-from`); others still fail the run. */
  readonly allowConnectivityImpactFrom?: string;
  /** The pull request being planned (`--pull-request`; 0 for a commit that came from none): an acknowledgement file for another one acknowledges nothing. */
  readonly pullRequest?: string | number;
  /** Machine-readable output (`--json`). @default false */
  readonly json?: boolean;
  /** Markdown for the pull-request comment (`--markdown`). @default false: plain text */
  readonly markdown?: boolean;
  /** Also write the output to this file (`--file`/`-o`), e.g. the comment body a CI step posts. */
  readonly out?: string;
  /** The stack name (`--stack`), one per file in file order. @default the plan's `Stack` default tag, else the file name `<stack>.plan.json` */
  readonly stack?: string | readonly string[];
  /**
   * The synthesized output the plans were made from (`--out`, the CLI's default `cdktf.out`): the
   * reachability diff is evaluated over it. @default none: the resource-level guard alone
   */
  readonly outdir?: string;
  /** The output directory was named (`--out`): a diff that cannot be evaluated fails the run instead of being noted. @default false */
  readonly requireReachability?: boolean;
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

/** Reads one file: its summary and the parsed plan; throws an Error whose message starts with the file name. */
function loadPlanFile(file: string, stack?: string): { readonly summary: PlanSummary; readonly plan: unknown } {
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
    return { summary: summarizePlan(plan, stack ?? stackFromPlan(plan) ?? stackFromFileName(file)), plan };
  } catch (e) {
    if (e instanceof PlanFormatError) throw new Error(`${file}: ${e.message}`);
    throw e;
  }
}

function usage(message: string): PlanSummaryResult {
  return {
    exitCode: EXIT.usage,
    output: `${message}\nusage: lz plan-summary [--out <dir>] [--stack <name>...] [--markdown | --json] [--file <file>] [--allow-connectivity-impact] [--allow-connectivity-impact-from <file> [--pull-request <number>]] <plan.json...>\n`,
  };
}

/** Runs `lz plan-summary`: every file is read and every problem reported at once before anything is summarized. */
export function runPlanSummary(files: readonly string[], opts: PlanSummaryOptions = {}): PlanSummaryResult {
  if (files.length === 0) return usage('no plan file given: pass the output of `terraform show -json <planfile>`, one file per stack');
  if (opts.json && opts.markdown) return usage('--json and --markdown exclude each other');
  const stacks = opts.stack === undefined ? undefined : typeof opts.stack === 'string' ? [opts.stack] : opts.stack;
  if (stacks !== undefined && stacks.length === 1 && files.length > 1) return usage(`--stack names one plan, but ${files.length} files were given: name them <stack>.plan.json instead, or give one --stack per file`);
  if (stacks !== undefined && stacks.length !== files.length) return usage(`${stacks.length} --stack names for ${files.length} files: give one per file, in file order`);
  const pullRequest = opts.pullRequest === undefined ? undefined : Number(opts.pullRequest);
  if (pullRequest !== undefined && !(Number.isInteger(pullRequest) && pullRequest >= 0)) return usage(`--pull-request ${JSON.stringify(String(opts.pullRequest))} is not a pull-request number`);
  if (pullRequest !== undefined && opts.allowConnectivityImpactFrom === undefined) return usage('--pull-request only says which acknowledgement file counts: give --allow-connectivity-impact-from <file> too');
  const summaries: PlanSummary[] = [];
  const inputs: PlanInput[] = [];
  const problems: string[] = [];
  // A broken acknowledgement file fails loudly, never as "acknowledges nothing".
  let acknowledgement: ConnectivityAcknowledgement | undefined;
  let ackProblem: string | undefined;
  if (opts.allowConnectivityImpactFrom !== undefined) {
    try {
      acknowledgement = readAcknowledgement(opts.allowConnectivityImpactFrom);
    } catch (e) {
      ackProblem = (e as Error).message;
    }
  }
  files.forEach((file, i) => {
    try {
      const { summary, plan } = loadPlanFile(file, stacks?.[i]);
      summaries.push(summary);
      inputs.push({ stack: summary.stack, file, plan });
    } catch (e) {
      problems.push((e as Error).message);
    }
  });
  if (problems.length > 0 || ackProblem !== undefined) {
    const lines = ackProblem === undefined ? [] : [`cannot use the acknowledgement file: ${ackProblem}`];
    if (problems.length > 0) lines.push(problems.length === 1 ? 'cannot summarize the plan:' : `cannot summarize ${problems.length} of ${files.length} plans:`, ...problems.map((p) => `  ${p.replace(/\n/g, '\n  ')}`));
    return { exitCode: EXIT.failed, output: `${lines.join('\n')}\n` };
  }
  const reachability = opts.outdir === undefined ? undefined : reachabilityOf(opts.outdir, inputs, opts.requireReachability === true);
  const allowance: Allowance = {
    allowConnectivityImpact: opts.allowConnectivityImpact === true,
    ...(acknowledgement ? { acknowledgement } : {}),
    ...(pullRequest !== undefined ? { pullRequest } : {}),
    ...(reachability ? { reachability, reachabilityRequired: opts.requireReachability === true } : {}),
  };
  const v = verdict(summaries, allowance);
  const ack = acknowledgement && {
    file: acknowledgement.file,
    pullRequest: acknowledgement.pullRequest,
    reason: acknowledgement.reason,
    applies: v.acknowledgementApplies === true,
    unused: v.unused,
  };
  const json = {
    ok: v.ok,
    allowConnectivityImpact: allowance.allowConnectivityImpact,
    verdict: v.text,
    impacts: v.impacts,
    unacknowledged: v.unacknowledged,
    acknowledgement: ack ?? null,
    ...(reachability ? { benign: v.benign ?? 0, violations: v.violations ?? 0, reachability } : {}),
    stacks: summaries,
  };
  const output = opts.json ? `${JSON.stringify(json, null, 2)}\n` : opts.markdown ? renderPlanSummaryMarkdown(summaries, allowance) : renderPlanSummaryText(summaries, allowance);
  if (opts.out !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    fs.writeFileSync(opts.out, output);
  }
  return { exitCode: v.ok ? EXIT.ok : EXIT.failed, output, summaries };
}

/**
 * The reachability diff over `outdir`, or why there is none. An output directory that does not exist
 * is a note when it was not named (the CLI's default `cdktf.out` in a directory without a synth).
 */
function reachabilityOf(outdir: string, inputs: readonly PlanInput[], required: boolean): Reachability {
  if (!required && !fs.existsSync(outdir)) return { evaluated: false, reason: `no synthesized output at ${outdir}: name the \`lz synth\` output the plans were made from with --out` };
  try {
    return evaluateReachability(outdir, inputs);
  } catch (e) {
    if (e instanceof ReachabilityError) return { evaluated: false, reason: e.message };
    throw e;
  }
}
