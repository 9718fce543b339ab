/** The benchmark's figures, its targets (met or missed) and bench/RESULTS.md. */
import { StackStats } from './stack-stats';
import { StepResult } from './child';
import { DirectConnectFigures } from './direct-connect';
import { QUOTAS } from '../lib/aws/quotas';

/** Everything measured for one config size. */
export interface SizeRun {
  readonly spokes: number;
  /** 1-minute load average when the size started. */
  readonly loadAverage: number;
  /** The synth child, and its wall time seen from the parent (spawn to exit: node start and tsx included). */
  readonly synth: StepResult;
  readonly synthOuterMs: number;
  readonly check: StepResult;
  readonly checkOuterMs: number;
  /** Bytes of the whole output directory. */
  readonly outputBytes: number;
  readonly stacks: readonly StackStats[];
  /** Issue 21: the hub's Direct Connect allowed prefixes and the check's Direct Connect preference (bench/direct-connect.ts). */
  readonly directConnect?: DirectConnectFigures;
}

/** The machine the figures come from. */
export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

/** Targets of issue 11, on a 2-core machine. */
export const TARGETS = {
  synth100Ms: 15_000,
  synth100Bytes: 1.5e9,
  ratio200To100: 2.2,
  check100Ms: 20_000,
  /** Issue 18: `lz check` grows at most linearly: t200 / t100. */
  checkRatio200To100: 2.1,
  /** Issue 18: peak RSS of `lz check` at the largest size (1,000 spokes by default). */
  checkLargestRssBytes: 1e9,
  /** Issue 18: analysis.json and REPORT.md each at the largest size. */
  checkLargestOutputBytes: 10e6,
  /** Issue 21: synth of the 1,000-spoke config on this 2-core machine: wall time and peak RSS. */
  synth1000Ms: 60_000,
  synth1000Bytes: 2e9,
} as const;

/** One target's outcome. */
export interface TargetOutcome {
  readonly target: string;
  readonly status: 'met' | 'missed' | 'not measured';
  readonly detail: string;
}

/**
 * Row label of a stack: `hub`, `log-archive`, `spoke <shape>` or `pki <shape>`, from the kind and shape
 * recorded with its stats (config/stack-list.ts via bench/stack-stats.ts), never from its name.
 */
export function stackKind(stack: Pick<StackStats, 'kind' | 'spoke' | 'shape'>): string {
  const of = stack.shape ?? stack.spoke;
  if (stack.kind === 'spoke') return of === undefined ? 'spoke' : `spoke ${of}`;
  if (stack.kind === 'vpn-pki') return of === undefined ? 'pki' : `pki ${of}`;
  return stack.kind;
}

/** Resource counts seen per stack kind across `runs` (one entry per distinct count). */
export function countsByKind(runs: readonly SizeRun[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const run of runs) {
    for (const s of run.stacks) {
      const kind = stackKind(s);
      if (!out.has(kind)) out.set(kind, new Set());
      out.get(kind)!.add(s.resources);
    }
  }
  return out;
}

/** A message fit for one table cell: first line, no pipes. */
const cell = (text: string | undefined) => (text ?? '').split('\n')[0].replace(/\|/g, '\\|');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;
/** Sizes of output files, to a tenth of a MB. */
const mb = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1e6).toFixed(1)} MB`);

/** Evaluates every target over the runs; a size that was not run leaves its target `not measured`. */
export function evaluateTargets(runs: readonly SizeRun[]): TargetOutcome[] {
  const at = (n: number) => runs.find((r) => r.spokes === n && r.synth.status === 'ok');
  const r100 = at(100);
  const r200 = at(200);
  const out: TargetOutcome[] = [];
  const notMeasured = (target: string, why: string): TargetOutcome => ({ target, status: 'not measured', detail: why });

  const t1 = '100 spokes synthesize in under 15 s';
  out.push(r100 ? { target: t1, status: r100.synthOuterMs < TARGETS.synth100Ms ? 'met' : 'missed', detail: seconds(r100.synthOuterMs) } : notMeasured(t1, 'no successful 100-spoke run'));
  const t2 = '100 spokes synthesize in under 1.5 GB';
  out.push(r100 ? { target: t2, status: r100.synth.maxRssBytes < TARGETS.synth100Bytes ? 'met' : 'missed', detail: `peak RSS ${megabytes(r100.synth.maxRssBytes)}` } : notMeasured(t2, 'no successful 100-spoke run'));
  const t3 = '200 spokes take at most 2.2x the time of 100';
  if (r100 && r200) {
    const ratio = r200.synthOuterMs / r100.synthOuterMs;
    out.push({ target: t3, status: ratio <= TARGETS.ratio200To100 ? 'met' : 'missed', detail: `${ratio.toFixed(2)}x (${seconds(r200.synthOuterMs)} / ${seconds(r100.synthOuterMs)})` });
  } else out.push(notMeasured(t3, 'needs successful 100- and 200-spoke runs'));

  const ok = runs.filter((r) => r.synth.status === 'ok');
  const smallest = ok[0];
  const largest = ok[ok.length - 1];
  for (const kind of ['hub', 'log-archive']) {
    const t = `${kind} resource count is the same for ${smallest?.spokes ?? 1} and ${largest?.spokes ?? 200} spokes`;
    if (!smallest || smallest === largest) {
      out.push(notMeasured(t, 'needs two successful sizes'));
      continue;
    }
    const count = (r: SizeRun) => r.stacks.find((s) => stackKind(s) === kind)?.resources ?? -1;
    out.push({ target: t, status: count(smallest) === count(largest) ? 'met' : 'missed', detail: `${count(smallest)} and ${count(largest)}` });
  }

  const kinds = [...countsByKind(ok)].filter(([k]) => k.startsWith('spoke ') || k.startsWith('pki '));
  const uneven = kinds.filter(([, counts]) => counts.size > 1);
  out.push({
    target: 'every spoke stack has the resource count of any other spoke of its shape',
    status: kinds.length === 0 ? 'not measured' : uneven.length === 0 ? 'met' : 'missed',
    detail: kinds.length === 0 ? 'no spoke stacks' : uneven.length === 0 ? kinds.map(([k, c]) => `${k}: ${[...c][0]}`).join(', ') : uneven.map(([k, c]) => `${k}: ${[...c].join(' / ')}`).join(', '),
  });

  const t6 = '`lz check` on 100 spokes in under 20 s';
  const c100 = runs.find((r) => r.spokes === 100)?.check;
  if (!c100 || c100.status === 'unavailable') out.push(notMeasured(t6, cell(c100?.message ?? 'no 100-spoke run')));
  else if (c100.status === 'failed') out.push({ target: t6, status: 'missed', detail: `check failed: ${cell(c100.message)}` });
  else out.push({ target: t6, status: c100.wallMs < TARGETS.check100Ms ? 'met' : 'missed', detail: seconds(runs.find((r) => r.spokes === 100)!.checkOuterMs) });

  const checked = (n: number) => runs.find((r) => r.spokes === n && r.check.status === 'ok');
  const k100 = checked(100);
  const k200 = checked(200);
  const t7 = '`lz check` on 200 spokes takes at most 2.1x the time of 100';
  if (k100 && k200) {
    const ratio = k200.checkOuterMs / k100.checkOuterMs;
    out.push({ target: t7, status: ratio <= TARGETS.checkRatio200To100 ? 'met' : 'missed', detail: `${ratio.toFixed(2)}x (${seconds(k200.checkOuterMs)} / ${seconds(k100.checkOuterMs)}); CPU ${(k200.check.cpuMs / k100.check.cpuMs).toFixed(2)}x` });
  } else out.push(notMeasured(t7, 'needs successful 100- and 200-spoke checks'));
  const top = runs.filter((r) => r.check.status === 'ok' && r.spokes > 200).sort((a, b) => b.spokes - a.spokes)[0];
  const t8 = `\`lz check\` peak RSS at the largest size under 1 GB`;
  const t9 = `\`lz check\` outputs (analysis.json, REPORT.md) at the largest size under 10 MB each`;
  if (top) {
    out.push({ target: t8, status: top.check.maxRssBytes <= TARGETS.checkLargestRssBytes ? 'met' : 'missed', detail: `${top.spokes} spokes: ${megabytes(top.check.maxRssBytes)}` });
    const biggest = Math.max(top.check.analysisBytes ?? Infinity, top.check.reportBytes ?? Infinity);
    out.push({ target: t9, status: biggest <= TARGETS.checkLargestOutputBytes ? 'met' : 'missed', detail: `${top.spokes} spokes: analysis.json ${mb(top.check.analysisBytes)}, REPORT.md ${mb(top.check.reportBytes)}` });
  } else {
    out.push(notMeasured(t8, 'needs a successful check above 200 spokes'), notMeasured(t9, 'needs a successful check above 200 spokes'));
  }

  // Issue 21: 1,000 spokes synthesize within a minute and 2 GB, and the hub stack is the same file at every size.
  const r1000 = ok.find((r) => r.spokes === 1000);
  const t10 = 'synth of 1,000 spokes in under 60 s';
  const t11 = 'synth of 1,000 spokes under 2 GB peak RSS';
  if (r1000) {
    out.push({ target: t10, status: r1000.synthOuterMs < TARGETS.synth1000Ms ? 'met' : 'missed', detail: `${seconds(r1000.synthOuterMs)} (CPU ${seconds(r1000.synth.cpuMs)})` });
    out.push({ target: t11, status: r1000.synth.maxRssBytes < TARGETS.synth1000Bytes ? 'met' : 'missed', detail: `peak RSS ${megabytes(r1000.synth.maxRssBytes)}` });
  } else out.push(notMeasured(t10, 'no successful 1,000-spoke run'), notMeasured(t11, 'no successful 1,000-spoke run'));
  const t12 = `hub stack bytes are the same for ${smallest?.spokes ?? 1} and ${largest?.spokes ?? 1000} spokes`;
  const hubBytes = (r: SizeRun) => r.stacks.find((s) => stackKind(s) === 'hub')?.bytes ?? -1;
  if (!smallest || smallest === largest) out.push(notMeasured(t12, 'needs two successful sizes'));
  else out.push({ target: t12, status: hubBytes(smallest) === hubBytes(largest) ? 'met' : 'missed', detail: `${hubBytes(smallest).toLocaleString('en-US')} and ${hubBytes(largest).toLocaleString('en-US')} bytes` });
  out.push(...directConnectTargets(r1000));
  return out;
}

/**
 * Issue 21's Direct Connect targets at 1,000 spokes: the hub's association stays within the allowed
 * prefixes quota (lib/aws/quotas.ts), and `lz check` proved, for every spoke range, that the data
 * center enters over Direct Connect rather than the VPN (one held check per spoke at least).
 */
function directConnectTargets(r1000: SizeRun | undefined): TargetOutcome[] {
  const quota = QUOTAS.allowedPrefixesPerTgwAssociation.value;
  const t13 = 'Direct Connect allowed prefixes within quota at 1,000 spokes';
  const t14 = 'Direct Connect proved preferred over the VPN for every spoke range at 1,000 spokes';
  if (!r1000) return [{ target: t13, status: 'not measured', detail: 'no successful 1,000-spoke run' }, { target: t14, status: 'not measured', detail: 'no successful 1,000-spoke run' }];
  const out: TargetOutcome[] = [];
  const prefixes = r1000.directConnect?.allowedPrefixes;
  if (prefixes === undefined) out.push({ target: t13, status: 'not measured', detail: 'the hub stack has no Direct Connect gateway association' });
  else out.push({ target: t13, status: prefixes <= quota ? 'met' : 'missed', detail: `${prefixes} of ${quota} allowed prefixes` });
  const preference = r1000.directConnect?.preference;
  if (r1000.check.status !== 'ok') out.push({ target: t14, status: 'not measured', detail: `check ${r1000.check.status}${r1000.check.message ? `: ${cell(r1000.check.message)}` : ''}` });
  else if (!preference) out.push({ target: t14, status: 'missed', detail: 'analysis.json has no Direct Connect preference checks (I4 direct connect preference)' });
  else {
    const met = preference.status === 'proved' && preference.held === preference.checks && preference.checks >= r1000.spokes;
    out.push({ target: t14, status: met ? 'met' : 'missed', detail: `I4 ${preference.status}: ${preference.held} of ${preference.checks} checks held (${r1000.spokes.toLocaleString('en-US')} spokes)` });
  }
  return out;
}

/** bench/RESULTS.md: machine, figures per size, resources per stack kind, targets, and the notes kept by hand. */
export function renderResults(runs: readonly SizeRun[], machine: Machine, options: { date: string; seed: number; notes?: string }): string {
  const lines: string[] = [];
  lines.push('# Scale benchmark results', '');
  lines.push(`Generated by \`npm run bench\` (bench/run.ts) on ${options.date}; configs from \`generateConfig(n, ${options.seed})\` (bench/generate.ts).`);
  lines.push(`Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, Node ${machine.node}, ${machine.platform}.`);
  lines.push('Each step runs in its own child process (`node --import tsx bench/child.ts <step> ...`): wall time is spawn to exit, so');
  lines.push('Node start, TypeScript loading and module imports are included; peak RSS is the child\'s `process.resourceUsage().maxRSS`.');
  lines.push('CPU is the child\'s user + system time, which other load on the machine barely moves; "load avg" is the 1-minute load average when the size started.', '');

  lines.push('## Figures', '');
  lines.push('| spokes | stacks | resources | output | synth wall | synth CPU | imports / load+validate / synth | synth peak RSS | check wall | check CPU | check peak RSS | analysis.json | REPORT.md | load avg |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of runs) {
    const total = r.stacks.reduce((n, s) => n + s.resources, 0);
    const synth = r.synth.status === 'ok' ? seconds(r.synthOuterMs) : `failed: ${cell(r.synth.message)}`;
    const phases = r.synth.status === 'ok' ? `${seconds(r.synth.importMs)} / ${seconds(r.synth.loadMs)} / ${seconds(r.synth.workMs)}` : '';
    const check = r.check.status === 'ok' ? `${seconds(r.checkOuterMs)} (exit ${r.check.exitCode})` : r.check.status === 'unavailable' ? `not available: ${cell(r.check.message)}` : `failed: ${cell(r.check.message)}`;
    const checkRss = r.check.status === 'ok' ? megabytes(r.check.maxRssBytes) : '';
    const checkCpu = r.check.status === 'ok' ? seconds(r.check.cpuMs) : '';
    const cpu = r.synth.status === 'ok' ? seconds(r.synth.cpuMs) : '';
    lines.push(`| ${r.spokes} | ${r.stacks.length} | ${total.toLocaleString('en-US')} | ${megabytes(r.outputBytes)} | ${synth} | ${cpu} | ${phases} | ${megabytes(r.synth.maxRssBytes)} | ${check} | ${checkCpu} | ${checkRss} | ${mb(r.check.analysisBytes)} | ${mb(r.check.reportBytes)} | ${r.loadAverage.toFixed(1)} |`);
  }
  lines.push('');

  lines.push('## Resources per stack', '');
  lines.push('Spoke shapes are defined in bench/generate.ts (`SHAPES`); `pki <shape>` is the Client VPN certificate stack of a spoke.', '');
  const sizes = runs.filter((r) => r.synth.status === 'ok');
  lines.push(`| stack kind | ${sizes.map((r) => `${r.spokes} spokes`).join(' | ')} |`);
  lines.push(`| --- | ${sizes.map(() => '---').join(' | ')} |`);
  const kinds = [...countsByKind(sizes).keys()].sort((a, b) => (a === 'hub' ? -1 : b === 'hub' ? 1 : a.localeCompare(b)));
  for (const kind of kinds) {
    const cells = sizes.map((r) => {
      const of = r.stacks.filter((s) => stackKind(s) === kind);
      if (of.length === 0) return '-';
      const counts = [...new Set(of.map((s) => s.resources))];
      return `${counts.join(' / ')} (${of.length} stack${of.length === 1 ? '' : 's'})`;
    });
    lines.push(`| ${kind} | ${cells.join(' | ')} |`);
  }
  lines.push('');

  lines.push('## Targets', '');
  lines.push('| target | status | measured |', '| --- | --- | --- |');
  for (const t of evaluateTargets(runs)) lines.push(`| ${t.target} | ${t.status === 'missed' ? '**missed**' : t.status} | ${cell(t.detail)} |`);
  lines.push('');
  if (options.notes) lines.push(options.notes.trim(), '');
  return lines.join('\n');
}
