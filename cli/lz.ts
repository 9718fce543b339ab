#!/usr/bin/env -S npx tsx
/**
 * `lz`: the landing zone's command line. Exit codes: 0 ok, 1 invalid config, failed check or
 * failure, 2 usage, 70 internal error (a bug in lz). Each command is registered by one function below; add a command by writing its
 * `register…` function and listing it in {@link COMMANDS}.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { describeError, EXIT, isInternalError } from './errors';
import { consoleIo, Io } from './io';

/*
 * The commands are required inside their actions, not imported at the top: loading them loads cdktf,
 * the provider bindings, the config schema and the analysis (~250 modules), which `lz --help` and
 * `lz --version` do not need (issue 19: both under 0.3 s). A synchronous require keeps `run`
 * synchronous for its callers.
 */
/** cli/commands.ts, loaded on first use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commands = (): typeof import('./commands') => require('./commands');
/** plan/command.ts, loaded on first use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const planCommand = (): typeof import('../plan/command') => require('../plan/command');

/** The package.json `name` of this project, to find its package.json from cli/ (tsx) or dist/cli/ (compiled). */
const PACKAGE_NAME = 'cdktf-aws-network-landing-zone';

/** This project's version, from the nearest package.json above this file that is this project's. */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      // no (readable) package.json here: keep going up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

const CONFIG_FLAGS = '--config <file>';
const CONFIG_HELP = 'landing zone config (default: $LZ_CONFIG, else the embedded landing-zone.yaml)';

/** `--config`, else LZ_CONFIG, else undefined (the embedded default). */
const configOf = (o: { config?: string }): string | undefined => o.config ?? (process.env.LZ_CONFIG || undefined);

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`;

/*
 * One vocabulary for paths (issue 22): `--out <dir>` is always the output directory (what `lz synth`
 * writes and the other commands read), `--file`/`-o <file>` is always a file a command writes. Until
 * this release `--outdir` named the directory and, for report, vpn-profile and plan-summary, `--out`
 * named the file. Scripts that use the old spellings keep working for one release with a warning on
 * stderr: `--outdir` is a hidden alias of `--out`, and an old `--out <file>` is recognised because the
 * directory `--out` names must already exist for those commands (they read a synth), while the old
 * file usually did not, or was the file itself (`--out -`, `--out lz-report.md`, `--out $GITHUB_STEP_SUMMARY`).
 */

/** `--outdir`, the old spelling of `--out <dir>`, hidden from help. */
const outdirAlias = (): Option => new Option('--outdir <dir>', 'deprecated spelling of --out <dir>').hideHelp();

/** The options every path-taking command may receive. */
interface PathOptions {
  out?: string;
  outdir?: string;
  file?: string;
}

/** True when `p` is an existing directory. */
const isDirectory = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};
/** True when `p` is an existing regular file. */
const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The warning for an old spelling; printed on stderr, so stdout (and `--json`) stays clean. */
const deprecation = (command: string, old: string, now: string): string => `warning: \`lz ${command} ${old}\` is deprecated and stops working in the next release: use ${now}`;

/**
 * The output directory and file of one command line, old spellings mapped onto the new ones (with a
 * warning). `oldFile` says whether a value of `--out` that is not an existing directory was meant as
 * the file, as it was before this release; undefined for commands whose `--out` always was the directory.
 */
function resolvePaths(command: Command, o: PathOptions, io: Io, oldFile?: (value: string) => boolean): { out?: string; file?: string } {
  const name = command.name();
  let { out, file } = o;
  if (oldFile && o.out !== undefined && o.file === undefined && !isDirectory(o.out) && (o.outdir !== undefined || oldFile(o.out))) {
    io.err(deprecation(name, `--out ${o.out}`, `--file ${o.out} (or -o ${o.out}): --out now names the output directory`));
    file = o.out;
    out = undefined;
  }
  if (o.outdir !== undefined) {
    if (out !== undefined) command.error(`error: give the output directory once: --out ${out} or --outdir ${o.outdir} (--outdir is the old spelling)`, { exitCode: EXIT.usage, code: 'lz.duplicatePath' });
    io.err(deprecation(name, '--outdir', '--out'));
    out = o.outdir;
  }
  return { out, file };
}

/** What a command's action reports to: its output, and where its exit code goes. */
export interface CommandContext {
  readonly io: Io;
  exit(code: number): void;
}

/** Registers one command on the program. */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

const registerValidate: RegisterCommand = (p, { io, exit }) => {
  p.command('validate')
    .summary('check the config and print every problem')
    .description('Check the config in three stages (YAML, schema, rules) and print every problem with file:line, path, value and fix. Writes nothing.\nExit 0: valid (warnings are printed); 1: invalid.')
    .option(CONFIG_FLAGS, CONFIG_HELP)
    .option('--json', 'print { valid, issues | warnings, spokes, terraformCloud } as JSON on stdout')
    .addHelpText('after', examples('lz validate', 'lz validate --config examples/perimeter.yaml --json'))
    .action((o: { config?: string; json?: boolean }) => {
      exit(commands().validateCommand(configOf(o), o, io));
    });
};

/** The default output directory of `lz synth`: cdktf's CDKTF_OUTDIR when `cdktf synth` runs the app (cdktf.json `app`), else cdktf.out. */
const defaultSynthOut = (env: NodeJS.ProcessEnv = process.env): string => env.CDKTF_OUTDIR || 'cdktf.out';

const registerSynth: RegisterCommand = (p, { io, exit }) => {
  p.command('synth')
    .summary('write Terraform JSON for every stack, and REPORT.md')
    .description(
      'Validate, then synthesize every stack into <out>/stacks/<stack>/cdk.tf.json and write <out>/REPORT.md, atomically: on any error the previous output stays as it was. ' +
        'A spoke with vpc.ipamPool and no recorded allocation gets the lowest free block of its pool, recorded in <config>.allocations.yaml (commit it; recorded blocks never move) unless --frozen-allocations.\nExit 0: written; 1: invalid config or synthesis failed (nothing written).',
    )
    .option(CONFIG_FLAGS, CONFIG_HELP)
    .option('--out <dir>', 'output directory (default: $CDKTF_OUTDIR under cdktf synth, else cdktf.out)')
    .addOption(outdirAlias())
    .option('--json', 'print { config, outdir, stacks, report, costs, orphanedState, allocated, allocationFile } as JSON on stdout')
    .option('--frozen-allocations', 'never write <config>.allocations.yaml: a spoke with vpc.ipamPool and no recorded allocation is an error (for pipelines that must not write; by default synth records it)')
    .addHelpText('after', examples('lz synth', 'lz synth --config examples/perimeter.yaml --out build/cdktf.out', "lz synth --json | jq '.costs.monthlyUsd'", 'npm run synth -- --config=examples/perimeter.yaml --out=build/cdktf.out', 'lz synth --frozen-allocations'))
    .action((o: { config?: string; out?: string; outdir?: string; json?: boolean; frozenAllocations?: boolean }, cmd: Command) => {
      const { out } = resolvePaths(cmd, o, io);
      exit(commands().synthCommand(configOf(o), out ?? defaultSynthOut(), io, { json: o.json, allocations: o.frozenAllocations ? 'frozen' : 'record' }));
    });
};

const registerReport: RegisterCommand = (p, { io, exit }) => {
  p.command('report')
    .summary('rewrite REPORT.md from an existing synth and the analysis')
    .description(
      'Render the network report (diagram, IP plan, routes, DNS, access commands, analysis findings, monthly cost estimate) from the synthesized stacks in <out> ' +
        'and, when present, the `lz check` result <out>/analysis.json. The synth must come from the same config.\nExit 0: written; 1: invalid config, missing or stale synth, unreadable analysis.',
    )
    .option(CONFIG_FLAGS, CONFIG_HELP)
    .option('--out <dir>', 'synthesized output to read', 'cdktf.out')
    .addOption(outdirAlias())
    .option('-o, --file <file>', "report to write, '-' for stdout (default: <out>/REPORT.md)")
    .option('--analysis <file>', 'analysis result as `lz check --json` writes it (default: <out>/analysis.json if it exists)')
    .option('--json', "print the report's figures (IP plan, routes, costs in USD rounded to cents, findings) as JSON instead of Markdown")
    .addHelpText('after', examples('lz report', 'lz report -o - | less', 'lz report --config examples/perimeter.yaml --out build/cdktf.out --file lz-report.md', "lz report --json | jq '.costs.totalUsd'"))
    .action((o: { config?: string; out?: string; outdir?: string; file?: string; analysis?: string; json?: boolean }, cmd: Command) => {
      // The default of --out is applied here, so that an old `--out <file>` can be told from it.
      const given = cmd.getOptionValueSource('out') === 'cli' ? o.out : undefined;
      const paths = resolvePaths(cmd, { ...o, out: given }, io, (v) => v === '-' || /\.md$/i.test(v) || isFile(v));
      exit(commands().reportCommand(configOf(o), { ...o, out: paths.out ?? 'cdktf.out', file: paths.file }, io));
    });
};

const registerIpPlan: RegisterCommand = (p, { io, exit }) => {
  p.command('ip-plan')
    .summary('print every subnet with its total and usable addresses')
    .description('Print every VPC subnet with its total and usable addresses (AWS reserves 5 per subnet) and the free ranges left.\nExit 0: printed; 1: invalid config.')
    .option(CONFIG_FLAGS, CONFIG_HELP)
    .option('--json', 'machine-readable plan')
    .addHelpText('after', examples('lz ip-plan', "lz ip-plan --json | jq '.[0].usable'"))
    .action((o: { config?: string; json?: boolean }) => {
      exit(commands().ipPlanCommand(configOf(o), o, io));
    });
};

const registerVpnProfile: RegisterCommand = (p, { io, exit }) => {
  p.command('vpn-profile')
    .summary("write a Client VPN user's .ovpn profile")
    .description(
      "Write a Client VPN user's OpenVPN profile (mode 0600) from the spoke workspace's outputs and the PKI workspace's state (terraform show -json in its stack directory, after terraform init). " +
        'The spoke and user are checked against the config before terraform runs. ' +
        'Only an operator who may read the PKI state can run it; the profile holds the private key of a user whose key the PKI made (hand it over out of band, then delete it), and no key for a user who brought a certificate signing request.\n' +
        'Exit 0: written; 1: invalid config, unknown spoke or user, missing synth, state or outputs (terraform\'s whole message is shown).',
    )
    .requiredOption('--spoke <name>', 'spoke with clientVpn')
    .requiredOption('--user <name>', 'user listed in clientVpn.users')
    .option(CONFIG_FLAGS, CONFIG_HELP)
    .option('--out <dir>', 'synthesized output whose stack directories terraform runs in', 'cdktf.out')
    .addOption(outdirAlias())
    .option('-o, --file <file>', 'profile to write (default: <spoke>-<user>.ovpn)')
    .option('--spoke-outputs <file>', 'JSON of `terraform output -json` of the spoke workspace instead of running terraform there')
    .addHelpText('after', examples('lz vpn-profile --spoke shop-prod --user alice', 'lz vpn-profile --spoke shop-prod --user bob --spoke-outputs spoke.json -o bob.ovpn'))
    .action((o: { spoke: string; user: string; config?: string; out?: string; outdir?: string; file?: string; spokeOutputs?: string }, cmd: Command) => {
      const given = cmd.getOptionValueSource('out') === 'cli' ? o.out : undefined;
      const paths = resolvePaths(cmd, { ...o, out: given }, io, (v) => /\.ovpn$/i.test(v) || isFile(v));
      exit(commands().vpnProfileCommand(configOf(o), { ...o, out: paths.out ?? 'cdktf.out', file: paths.file }, io));
    });
};

const registerCheck: RegisterCommand = (p, { io, exit }) => {
  p.command('check')
    .summary('prove the intents and run the security rule pack over the synthesized JSON')
    .description(
      'Load every stack of <out>, resolve references within and across stacks, prove the config\'s reachability intents (internet ingress and egress, segment isolation, on-premises, Client VPN, Session Manager, hybrid DNS, routing integrity) ' +
        'and run the security rule pack, with the config\'s suppressions. Writes <out>/analysis.json and refreshes <out>/REPORT.md. ' +
        'Evidence keeps one witness path per kind of check; --explain SRC DST prints any flow\'s path.\n' +
        'Exit 0: every intent proved, no unsuppressed error; 1: a refuted or unknown intent, an unsuppressed error finding, or an invalid config / missing synth. Reference: docs/rules.md.',
    )
    .option(CONFIG_FLAGS, CONFIG_HELP)
    .option('--out <dir>', 'synthesized output to analyze', 'cdktf.out')
    .addOption(outdirAlias())
    .option('--synth', 'synthesize the config into <out> first')
    .option('--json', 'print the analysis (as written to analysis.json) on stdout instead of the table; progress and the synth\'s lines go to stderr (with --rules: the pack as [{ id, level, suppressible, title }]; with --explain: the path)')
    .option('--verbose', 'print the evidence (path hop by hop) of every intent, not only failing ones')
    .option('--rules', 'list the rule pack and exit (goes with --json only)')
    .option('--explain <src-dst...>', 'print the hop-by-hop path (request and reply) of one flow SRC DST instead of checking: spoke names, spoke/subnet or vpc/subnet labels, internet, on-premises (exit 0 reachable, 1 blocked, 2 unknown name)')
    .option('--port <n>', 'port of the --explain flow (default 443)')
    .option('--protocol <p>', 'tcp, udp or icmp for --explain (default tcp)')
    .addHelpText(
      'after',
      examples(
        'lz check --synth',
        'lz check --out cdktf.out --verbose',
        "lz check --synth --json | jq '.findings[] | select(.level == \"error\")'",
        'lz check --rules',
        'lz check --explain shop-dev shop-prod/web-1 --port 443',
      ),
    )
    .action((o: { config?: string; out?: string; outdir?: string; synth?: boolean; json?: boolean; verbose?: boolean; rules?: boolean; explain?: string[]; port?: string; protocol?: string }, cmd: Command) => {
      const given = cmd.getOptionValueSource('out') === 'cli' ? o.out : undefined;
      const { out } = resolvePaths(cmd, { ...o, out: given }, io);
      exit(commands().checkCommand(configOf(o), { ...o, out: out ?? 'cdktf.out' }, io));
    });
};

const registerPlanSummary: RegisterCommand = (p, { io, exit }) => {
  p.command('plan-summary')
    .summary('what plans do to the network (flows, intents) and their connectivity-impacting changes')
    .description(
      'Read `terraform show -json <planfile>` output (one file per stack) and evaluate it over the synthesized output it was made from (<out>): the network today (the plans\' prior state) ' +
        'against the network after the apply, flow by flow (every flow the intents probe) and intent by intent. Then, per stack, count creates, updates, replacements and deletes. ' +
        'A replacement or deletion of anything that carries traffic (TGW attachments, associations, propagations and routes, DX gateway associations, VPN connections, resolver endpoints, ' +
        'hosted-zone associations, Client VPN endpoints, NAT gateways, ...) is connectivity-impacting, and is reported, not failed, when the reachability diff shows it changes no flow. ' +
        '--allow-connectivity-impact lets every change through; --allow-connectivity-impact-from lets through only the addresses a reviewed acknowledgement file names (docs/terraform-cloud.md).\n' +
        'Exit 0: nothing left unacknowledged; 1: a flow an intent requires newly denied, a flow it forbids newly allowed, an intent newly refuted or unknown, or a connectivity-impacting change ' +
        'that changes the network, nobody acknowledged; an unreadable plan or acknowledgement file; a named --out the plans do not match; 2: usage.',
    )
    .argument('<plan.json...>', 'plan JSON files; the stack comes from --stack, the plan\'s Stack tag, the file name <stack>.plan.json or its resource addresses')
    .option('--out <dir>', 'synthesized output the plans were made from (default: cdktf.out; without one there, the resource-level guard alone)')
    .addOption(outdirAlias())
    .option('--stack <name>', 'stack name, once per file in file order', (name: string, names: string[]) => [...names, name], [] as string[])
    .option('--markdown', 'Markdown for the pull-request comment')
    .option('--json', 'machine-readable summary')
    .option('-o, --file <file>', 'also write the output to this file')
    .option('--allow-connectivity-impact', 'exit 0 even when a connectivity-impacting change is present (a reviewed, deliberate change)')
    .option('--allow-connectivity-impact-from <file>', 'acknowledgement file (connectivity-ack.yaml: pullRequest, reason, stacks: {<stack>: [<address>...]}): exit 0 when it names every connectivity-impacting change')
    .option('--pull-request <number>', 'the pull request being planned (0: the commit came from none): an acknowledgement file for another pull request acknowledges nothing')
    .addHelpText(
      'after',
      examples(
        'terraform show -json tfplan > shop-hub.plan.json && lz plan-summary shop-hub.plan.json',
        'lz plan-summary plans/*.plan.json --markdown --file plan-summary.md',
        'lz plan-summary --out build/cdktf.out --stack shop-hub hub.json --stack shop-spoke-shop-prod prod.json',
        'lz plan-summary shop-hub.plan.json --allow-connectivity-impact-from connectivity-ack.yaml --pull-request 42',
      ),
    )
    .action(
      (
        files: string[],
        o: { stack: string[]; out?: string; outdir?: string; file?: string; markdown?: boolean; json?: boolean; allowConnectivityImpact?: boolean; allowConnectivityImpactFrom?: string; pullRequest?: string },
        cmd: Command,
      ) => {
        const paths = resolvePaths(cmd, o, io, (v) => isFile(v) || /\.(md|json|txt)$/i.test(v));
        const { outdir: _outdir, file: _file, ...rest } = o;
        const r = planCommand().runPlanSummary(files, {
          ...rest,
          stack: o.stack.length > 0 ? o.stack : undefined,
          out: paths.file,
          outdir: paths.out ?? 'cdktf.out',
          requireReachability: paths.out !== undefined,
        });
        const write = (line: string) => (r.summaries ? io.out(line) : io.err(line));
        write(r.output.replace(/\n$/, ''));
        exit(r.exitCode);
      },
    );
};

const registerIpam: RegisterCommand = (p, { io, exit }) => {
  const ipam = p.command('ipam').summary('manage IPAM allocations').description('Amazon VPC IPAM allocations of spokes that take their range from a pool (docs/ipam.md).');
  ipam
    .command('allocate')
    .summary('record an allocation for every IPAM spoke that has none')
    .description('Give every spoke with vpc.ipamPool and no recorded allocation the lowest free aligned block of its pool, check the whole config with it, and write <config>.allocations.yaml beside the config. Recorded allocations never move. lz synth records missing allocations the same way (unless --frozen-allocations); validate and check only preview them.\nExit 0: written or nothing to do; 1: invalid config or no room.')
    .option(CONFIG_FLAGS, CONFIG_HELP)
    .option('--json', 'print { file, added, allocations } as JSON on stdout')
    .addHelpText('after', examples('lz ipam allocate --config examples/ipam.yaml'))
    .action((o: { config?: string; json?: boolean }) => {
      exit((require('./ipam') as typeof import('./ipam')).ipamAllocateCommand(configOf(o), o, io));
    });
};

/** The commands, in help order. */
export const COMMANDS: readonly RegisterCommand[] = [registerValidate, registerSynth, registerCheck, registerReport, registerPlanSummary, registerIpPlan, registerIpam, registerVpnProfile];

const PROGRAM_HELP = `
Exit codes:
  0   success
  1   invalid config, failed check or findings, or the command could not finish (one line on stderr)
  2   usage error: unknown command or option, missing argument
  70  internal error: a bug in lz (run again with --debug and report the stack trace)

Output:
  --json prints JSON alone on stdout (money in USD, rounded to cents); progress, warnings and errors
  go to stderr. Progress is shown only on a terminal. lz prints no colour, so NO_COLOR and
  FORCE_COLOR change nothing. --out <dir> is always the output directory, --file/-o <file> a file.

Environment:
  LZ_CONFIG     config file when --config is not given
  LZ_DEBUG=1    same as --debug
  CI            when set, progress on a terminal is plain lines instead of a spinner
  CDKTF_OUTDIR  output directory of lz synth when --out is not given (set by cdktf synth)

Examples:
  lz --version                                print the version
  lz validate                                 check the embedded landing-zone.yaml
  lz synth --config examples/perimeter.yaml   synthesize another config into cdktf.out/
  lz check --synth                            synthesize, prove the intents, run the rule pack
  lz report                                   rewrite cdktf.out/REPORT.md
  lz plan-summary shop-hub.plan.json          what a plan does to the network, and its connectivity-impacting changes
  lz vpn-profile --spoke shop-prod --user alice
  lz <command> --help                         options and examples of one command`;

/** Builds the program; exported for tests, which pass their own output and exit callback. */
export function program(io: Io = consoleIo, exit: (code: number) => void = (code) => (process.exitCode = code)): Command {
  const p = new Command('lz')
    .description('CDKTF landing zone for AWS networks: validate, synthesize, report on and prove the hub-and-spoke network before deploy.')
    .version(packageVersion(), '-v, --version', 'print the version of lz')
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .showHelpAfterError('(run lz --help or lz <command> --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) })
    .addHelpText('after', PROGRAM_HELP)
    .hook('preAction', (cmd) => {
      if (cmd.opts().debug) process.env.LZ_DEBUG = '1';
    });
  for (const register of COMMANDS) register(p, { io, exit });
  return p;
}

/** Runs `lz` with `argv` (node, script, args...) and returns the exit code. */
export function run(argv: readonly string[], io: Io = consoleIo): number {
  let code: number = EXIT.ok;
  let command: string | undefined;
  try {
    const p = program(io, (c) => (code = c));
    p.hook('preAction', (_program, action) => {
      // `ipam allocate`, not `allocate`: every name below the program.
      const names: string[] = [];
      for (let c: Command | null = action; c && c.parent; c = c.parent) names.unshift(c.name());
      command = names.join(' ');
    });
    if (argv.length <= 2) {
      p.outputHelp({ error: true });
      return EXIT.usage;
    }
    p.parse([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    describeError(e, undefined, command).forEach((l) => io.err(l));
    return isInternalError(e) ? EXIT.internal : EXIT.failed;
  }
}

/**
 * `npm run synth` and `cdktf synth` (cdktf.json `app`): main.ts hands its arguments to `lz synth`,
 * so `--config=<file>`, `--config <file>`, `--out`, `--json` and `--help` mean what they mean there,
 * and a bare `--config` or an unknown flag is a usage error (exit 2) instead of being ignored.
 */
export function synthMain(argv: readonly string[], io: Io = consoleIo): number {
  return run([argv[0] ?? 'node', 'lz', 'synth', ...argv.slice(2)], io);
}

if (require.main === module) {
  if (process.argv.includes('--debug')) process.env.LZ_DEBUG = '1';
  process.exitCode = run(process.argv);
}
