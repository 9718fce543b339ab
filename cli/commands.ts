/** The commands behind `lz` and `npm run synth`; each returns its exit code (0 ok, 1 invalid config or failure). */
import * as path from 'node:path';
import { byPosition, ConfigError, formatIssue, formatPath } from '../config/issues';
import { loadConfig, LoadedConfig, ParseOptions } from '../config/load';
import { renderAllocations } from '../config/ipam-allocation';
import { AWS_RESERVED_PER_SUBNET, planLandingZone } from '../config/ip-plan';
import { openErrors } from '../report/findings';
import { usd } from '../report/markdown';
import { renderReport, reportData, ReportInput } from '../report/render';
import { SynthesizedReadError } from '../report/synthesized';
import { describeError, EXIT, isInternalError } from './errors';
import { explainFlow } from './explain';
import { consoleIo, type Io } from './io';
import { jsonText } from './json';
import { silentProgress } from './progress';
import { assertStackList, REPORT_FILE, ReportError, reportInput, writeFileAtomic } from './report';
import { synthesizeWithReport } from './synth-report';
import { buildVpnProfile, findVpnUser, pkiUserMaterial, readOutputs, readPkiState, readSynthesizedStack, runTerraform, splitTunnelOf, TerraformRunner, VpnProfileError, writeProfile } from './vpn-profile';
import { estimateCosts } from '../report/costs';
import { hasManifest, readSynthManifest, SynthOutputError } from '../lib/synth-output/reader';
import { runCheck } from '../analysis/run';
import { RULES } from '../analysis/rules';
import { renderCheck, table } from '../analysis/table';
import { spokeStackName, vpnPkiStackName } from '../lib/stack-names';

// Io lives in cli/io.ts, which `lz --help` loads without this module.
export { type Io } from './io';

/** The config's name as the report shows it: as given when relative, the file name when absolute (no machine paths). */
const configName = (file: string): string => (path.isAbsolute(file) ? path.basename(file) : file);

/**
 * Loads the config and runs `run` with it, or prints its problems (as JSON on stdout with `json`)
 * and returns 1. Warnings go to stderr, unless the command's own JSON carries them (`lz validate --json`).
 */
function withConfig(file: string | undefined, io: Io, json: boolean, run: (loaded: LoadedConfig) => number, warningsInJson = false, loadOptions: ParseOptions = {}): number {
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig(file, loadOptions);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    if (json) io.out(jsonText({ valid: false, issues: e.issues.map((i) => ({ ...i, path: formatPath(i.path) })) }));
    else io.err(e.message);
    return 1;
  }
  if (!(json && warningsInJson)) for (const w of byPosition(loaded.warnings)) io.err(formatIssue(w));
  return run(loaded);
}

/** `lz validate`: load and check the config, write nothing. */
export function validateCommand(file: string | undefined, options: { json?: boolean }, io: Io = consoleIo): number {
  return withConfig(file, io, !!options.json, (loaded) => {
    const lz = loaded.landingZone;
    // terraformCloud (null without the block) tells the workflows whether there is anything to plan, and on which host.
    const summary = { valid: true, file: loaded.file, warnings: loaded.warnings.map((i) => ({ ...i, path: formatPath(i.path) })), spokes: lz.spokes.map((s) => s.name), terraformCloud: lz.terraformCloud ?? null };
    if (options.json) io.out(jsonText(summary));
    else if (lz.spokes.length === 0) io.out(`${loaded.file}: valid (no spokes)`);
    else io.out(`${loaded.file}: valid (${lz.spokes.length} spoke${lz.spokes.length === 1 ? '' : 's'}: ${namesList(lz.spokes.map((s) => s.name))})`);
    return 0;
  }, true);
}

/** Options of {@link synthCommand}. */
export interface SynthCommandOptions {
  /**
   * Print `{ config, outdir, stacks, report, costs, orphanedState }` as JSON on stdout instead of the lines;
   * `issues`: only an invalid config's `{ valid: false, issues }` as JSON, the lines otherwise (`lz check --synth --json`).
   */
  readonly json?: boolean | 'issues';
  /**
   * IPAM spokes without a recorded allocation: `record` allocates them and writes `<config>.allocations.yaml`
   * (`lz synth`), `frozen` refuses them (`--frozen-allocations`, for pipelines that must not write),
   * `preview` pins them for this synth only, writing nothing beside the config (`lz check --synth`). @default 'record'
   */
  readonly allocations?: 'record' | 'frozen' | 'preview';
}

/** What `lz synth --json` prints. */
export interface SynthJson {
  readonly config: string;
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly report: string;
  /** Fixed monthly charges in USD (cents), null without price data for the region. */
  readonly costs: { readonly monthlyUsd: number | null; readonly region: string };
  readonly orphanedState: readonly string[];
  /** With `ipam`: IPAM allocations recorded by this synth into `allocationFile` (commit it); empty when none was missing. */
  readonly allocated?: readonly { readonly spoke: string; readonly pool: string; readonly cidr: string }[];
  readonly allocationFile?: string;
}

/** `lz synth` / `npm run synth`: validate, then synthesize every stack and REPORT.md into `outdir` atomically. */
export function synthCommand(file: string | undefined, outdir: string, io: Io = consoleIo, options: SynthCommandOptions = {}): number {
  const progress = io.progress ?? silentProgress;
  const mode = options.allocations ?? 'record';
  const code = withConfig(file, io, !!options.json, (loaded) => {
    const lz = loaded.landingZone;
    const { file: allocationFile, all, added } = loaded.ipamAllocations;
    const allocated = mode === 'record' ? added : [];
    let total: number | undefined;
    try {
      progress.start(`synthesizing ${lz.spokes.length} spoke${lz.spokes.length === 1 ? '' : 's'} and the hub`);
      const result = synthesizeWithReport(lz, outdir, configName(loaded.file));
      total = result.monthlyUsd;
      progress.succeed();
      // The synth pinned the new spokes to these ranges: record them beside the config (never moving a recorded one).
      if (allocated.length > 0) {
        writeFileAtomic(allocationFile, renderAllocations(all));
        io.err(`allocated ${allocated.map((a) => `${a.spoke} ${a.cidr} (pool ${a.pool})`).join(', ')}: recorded in ${allocationFile} — commit ${allocationFile}`);
      }
      for (const stack of result.orphanedState) {
        io.err(`warning: ${stack} is no longer in the config, but its directory held Terraform state or working files: kept them in ${path.join(result.outdir, 'stacks', stack)} — destroy or move that state deliberately`);
      }
      const report = path.join(result.outdir, REPORT_FILE);
      if (options.json === true) {
        const data: SynthJson = { config: loaded.file, outdir: result.outdir, stacks: result.stacks, report, costs: { monthlyUsd: total ?? null, region: lz.region }, orphanedState: result.orphanedState, ...(loaded.config.ipam && { allocated, allocationFile }) };
        io.out(jsonText(data));
        return EXIT.ok;
      }
      io.out(`synthesized ${result.stacks.length} stacks from ${loaded.file} into ${result.outdir}:\n  ${result.stacks.join('\n  ')}`);
      io.out(`report: ${report} (${total === undefined ? `no price data for ${lz.region}` : `about ${usd(total)} a month in fixed charges`})`);
      return EXIT.ok;
    } catch (e) {
      progress.fail();
      // A bug in lz itself is reported once, by the command line (exit 70).
      if (isInternalError(e)) throw e;
      // A construct refused its props (a bug the config rules missed): one readable line, the trace only on request.
      const [first, ...rest] = describeError(e);
      io.err(first.replace(/^error: /, 'error: synthesis failed: '));
      rest.forEach((l) => io.err(l));
      return EXIT.failed;
    }
  }, false, mode === 'record' ? { allocate: true } : { frozen: mode === 'frozen' });
  if (code !== 0) io.err('nothing was written to the output directory.');
  return code;
}

/** Options of {@link reportCommand}. */
export interface ReportOptions {
  /** Synthesized output to read (`--out`). @default 'cdktf.out' */
  readonly out?: string;
  /** Report file to write (`--file`/`-o`), `-` for stdout. @default '<out>/REPORT.md' */
  readonly file?: string;
  /** `lz check` result. @default '<outdir>/analysis.json' when it exists */
  readonly analysis?: string;
  /** Print the report's figures as JSON instead of writing Markdown. */
  readonly json?: boolean;
}

/**
 * `lz report`: (re)write REPORT.md from an existing synth, with the analysis result when there is one.
 * @public called through cli/lz.ts's lazy `require`, which knip cannot follow.
 */
export function reportCommand(file: string | undefined, options: ReportOptions, io: Io = consoleIo): number {
  return withConfig(file, io, !!options.json, (loaded) => {
    const outdir = options.out ?? 'cdktf.out';
    let input: ReportInput;
    try {
      input = reportInput(loaded.landingZone, configName(loaded.file), outdir, options.analysis);
    } catch (e) {
      if (!(e instanceof ReportError) && !(e instanceof SynthesizedReadError)) throw e;
      io.err(`error: ${e.message}`);
      return EXIT.failed;
    }
    if (options.json) {
      io.out(jsonText(reportData(input)));
      return EXIT.ok;
    }
    const text = renderReport(input);
    if (options.file === '-') {
      io.out(text.trimEnd());
      return EXIT.ok;
    }
    const target = options.file ?? path.join(outdir, REPORT_FILE);
    try {
      writeFileAtomic(target, text);
    } catch (e) {
      io.err(`error: cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return EXIT.failed;
    }
    const total = estimateCosts(loaded.landingZone, input.synthesized, input.prices).totalUsd;
    const analysis = input.analysis ? `${openErrors(input.analysis).length} open error(s) in the analysis` : 'analysis not run';
    io.out(`wrote ${target} (${analysis}; ${total === undefined ? `no price data for ${loaded.landingZone.region}` : `about ${usd(total)} a month`})`);
    return EXIT.ok;
  });
}

/** `lz ip-plan`: every VPC's subnets with total and usable addresses, and the free ranges. */
export function ipPlanCommand(file: string | undefined, options: { json?: boolean }, io: Io = consoleIo): number {
  return withConfig(file, io, !!options.json, (loaded) => {
    const plans = planLandingZone(loaded.landingZone);
    if (options.json) {
      io.out(jsonText(plans));
      return 0;
    }
    const n = (v: number) => v.toLocaleString('en-US');
    for (const p of plans) {
      io.out(`${p.owner}  ${p.cidr}  (${n(p.total)} addresses)`);
      const rows = p.subnets.map((s) => [s.name, s.tier, s.az, s.cidr, n(s.total), n(s.usable)]);
      const header = ['subnet', 'tier', 'az', 'cidr', 'total', 'usable'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (r: string[]) => '  ' + r.map((c, i) => (i >= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
      io.out(line(header));
      rows.forEach((r) => io.out(line(r)));
      io.out(`  in subnets: ${n(p.allocated)} addresses, ${n(p.usable)} usable (AWS reserves ${AWS_RESERVED_PER_SUBNET} per subnet); unallocated: ${n(p.unallocated)}`);
      io.out(`  free ranges: ${p.unallocatedRanges.join(', ') || 'none'}\n`);
    }
    return 0;
  });
}

/** Options of {@link vpnProfileCommand}. */
export interface VpnProfileCommandOptions {
  readonly spoke: string;
  readonly user: string;
  /** Profile to write (`--file`/`-o`). @default `<spoke>-<user>.ovpn` */
  readonly file?: string;
  /** Synthesized output whose stack directories terraform runs in (`--out`). @default 'cdktf.out' */
  readonly out?: string;
  /** `terraform output -json` of the spoke workspace, saved to a file, instead of running terraform there. */
  readonly spokeOutputs?: string;
  /** How terraform runs (tests pass a fake). @default the terraform on PATH */
  readonly terraform?: TerraformRunner;
}

/**
 * `lz vpn-profile`: write a user's .ovpn (mode 0600) from the spoke's outputs and the PKI workspace's
 * state, which only an operator allowed to read that state can do (cli/vpn-profile.ts).
 */
export function vpnProfileCommand(file: string | undefined, options: VpnProfileCommandOptions, io: Io = consoleIo): number {
  return withConfig(file, io, false, (loaded) => {
    const lz = loaded.landingZone;
    const outdir = options.out ?? 'cdktf.out';
    const terraform = options.terraform ?? runTerraform;
    try {
      // Everything the config and the synth can answer is checked before terraform runs: a typo in
      // --spoke or --user is a one-line error naming what exists, not a terraform failure.
      const found = findVpnUser(lz, options.spoke, options.user);
      const pkiStack = vpnPkiStackName(lz, options.spoke);
      const spokeStack = spokeStackName(lz, options.spoke);
      const pkiSynth = readSynthesizedStack(outdir, pkiStack);
      const splitTunnel = splitTunnelOf(readSynthesizedStack(outdir, spokeStack), spokeStack);
      const pki = pkiUserMaterial(lz, found, pkiSynth, readPkiState(lz, outdir, pkiStack, terraform));
      const spokeOutputs = readOutputs(options.spokeOutputs, outdir, spokeStack, terraform);
      const text = buildVpnProfile(lz, found, spokeOutputs, pki, splitTunnel);
      const target = options.file ?? `${options.spoke}-${options.user}.ovpn`;
      writeProfile(target, text);
      if (pki.keyPem) {
        io.out(`wrote ${target} (mode 0600): it holds ${options.user}'s private key. Hand it to ${options.user} out of band (not by e-mail or chat), then delete your copy; ${options.user} imports it into the AWS VPN Client or Tunnelblick.`);
      } else {
        io.out(`wrote ${target} (mode 0600) without a private key: ${options.user} keeps it (${found.csr!.file} was their request) and appends it before importing, e.g. { echo "<key>"; cat ${options.user}.key; echo "</key>"; } >> ${path.basename(target)}`);
      }
      if (pki.expiry) io.out(`${options.user}'s certificate expires ${pki.expiry}; an apply in the renewal window before that issues a new one: fetch the profile again then.`);
      return 0;
    } catch (e) {
      if (!(e instanceof VpnProfileError)) throw e;
      io.err(`error: ${(e as Error).message}`);
      return 1;
    }
  });
}

/** Options of {@link checkCommand}. */
export interface CheckCommandOptions {
  /** Synthesized output to analyze. @default 'cdktf.out' */
  readonly out?: string;
  /** Synthesize first (atomically), then check. */
  readonly synth?: boolean;
  /** Print the result as JSON (the content of analysis.json) instead of the table. */
  readonly json?: boolean;
  /** Print every intent's evidence, not only the failing ones. */
  readonly verbose?: boolean;
  /** Print the rule pack and exit. */
  readonly rules?: boolean;
  /** The day suppressions are checked against (tests). @default now */
  readonly now?: Date;
  /** SRC and DST: print the hop-by-hop path of that one flow instead of checking (cli/explain.ts). */
  readonly explain?: readonly string[];
  /** Port of the `explain` flow. @default 443 */
  readonly port?: string;
  /** Protocol of the `explain` flow. @default tcp */
  readonly protocol?: string;
}

/**
 * `lz check`: prove the config's intents and run the rule pack over `<out>` (written by `lz synth`),
 * write `<out>/analysis.json` and refresh `<out>/REPORT.md` with the result. Exit 1 on a refuted or
 * unknown intent or an unsuppressed error finding.
 * @public called through cli/lz.ts's lazy `require`, which knip cannot follow.
 */
export function checkCommand(file: string | undefined, options: CheckCommandOptions, io: Io = consoleIo): number {
  if (options.rules) {
    // --rules lists the pack and does nothing else: an option that would change what it does is a usage error, not ignored.
    const conflicting = [options.synth && '--synth', options.explain && '--explain', options.verbose && '--verbose', options.port !== undefined && '--port', options.protocol !== undefined && '--protocol'].filter((f): f is string => !!f);
    if (conflicting.length > 0) {
      io.err(`error: --rules lists the rule pack and exits; it does not go with ${conflicting.join(', ')}`);
      return EXIT.usage;
    }
    if (options.json) io.out(jsonText(RULES.map((r) => ({ id: r.id, level: r.level, suppressible: r.suppressible, title: r.title }))));
    else io.out(table([['rule', 'level', 'suppressible', 'title'], ...RULES.map((r) => [r.id, r.level, r.suppressible ? 'yes' : 'no', r.title])]));
    return EXIT.ok;
  }
  if (!options.explain && (options.port !== undefined || options.protocol !== undefined)) {
    io.err('error: --port and --protocol go with --explain SRC DST');
    return EXIT.usage;
  }
  const outdir = options.out ?? 'cdktf.out';
  if (options.synth) {
    // With --json, stdout carries the analysis alone: the synth's own lines go to stderr, unless the
    // config is invalid, when stdout carries `{ valid: false, issues }` as `lz synth --json` prints it.
    const held: string[] = [];
    const code = synthCommand(file, outdir, options.json ? { ...io, out: (l) => held.push(l) } : io, { allocations: 'preview', json: options.json ? 'issues' : undefined });
    held.forEach((l) => (code === EXIT.ok ? io.err(l) : io.out(l)));
    if (code !== EXIT.ok) return code;
  }
  if (options.explain) return withConfig(file, io, !!options.json, (loaded) => explainFlow(loaded.landingZone, configName(loaded.file), options.explain!, { ...options, out: outdir }, io));
  return withConfig(file, io, !!options.json, (loaded) => {
    const lz = loaded.landingZone;
    if (!hasManifest(outdir)) {
      io.err(`error: ${outdir} has no manifest.json — run \`lz synth\` first (or \`lz check --synth\`)`);
      return EXIT.failed;
    }
    const progress = io.progress ?? silentProgress;
    let result;
    try {
      // The synth must be of this config: a proof over another config's JSON would prove nothing. Its
      // manifest must list exactly the config's stacks (config/stack-list.ts) before any stack is read.
      assertStackList(lz, readSynthManifest(outdir).stacks.map((s) => s.name), outdir);
      reportInput(lz, configName(loaded.file), outdir);
      progress.start(`proving intents and running ${RULES.length} rules over ${outdir}`);
      result = runCheck({ out: outdir, landingZone: lz, now: options.now });
      progress.succeed();
    } catch (e) {
      progress.fail();
      if (!(e instanceof ReportError) && !(e instanceof SynthesizedReadError) && !(e instanceof SynthOutputError)) throw e;
      io.err(`error: ${e.message}`);
      return EXIT.failed;
    }
    // The report shows the findings: rewrite it now that analysis.json exists.
    writeFileAtomic(path.join(outdir, REPORT_FILE), renderReport(reportInput(lz, configName(loaded.file), outdir)));
    if (options.json) io.out(jsonText(result));
    else {
      io.out(renderCheck(result, { verbose: options.verbose }));
      io.out(`wrote ${path.join(outdir, 'analysis.json')} and refreshed ${path.join(outdir, REPORT_FILE)}`);
    }
    return result.exitCode;
  });
}

/** Spoke names for one line: all of them up to 12, else the first 10 and how many more. */
function namesList(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}
