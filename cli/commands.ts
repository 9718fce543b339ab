/** The commands behind `lz` and `npm run synth`; each returns its exit code (0 ok, 1 invalid config). */
import { ConfigError, formatIssue, formatPath } from '../config/issues';
import { loadConfig, LoadedConfig } from '../config/load';
import { AWS_RESERVED_PER_SUBNET, planLandingZone } from '../config/ip-plan';
import { synthesize } from './synth';
import { buildVpnProfile, readOutputs, VpnProfileError, writeProfile } from './vpn-profile';
import { spokeStackName } from '../stacks/spoke-stack';
import { vpnPkiStackName } from '../stacks/vpn-pki-stack';

/** Where a command writes its human output; tests pass their own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** The console. */
export const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

function withConfig(file: string | undefined, io: Io, json: boolean, run: (loaded: LoadedConfig) => number): number {
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig(file);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    if (json) io.out(JSON.stringify({ valid: false, issues: e.issues.map((i) => ({ ...i, path: formatPath(i.path) })) }, null, 2));
    else io.err(e.message);
    return 1;
  }
  if (!json) for (const w of loaded.warnings) io.err(formatIssue(w));
  return run(loaded);
}

/** `lz validate`: load and check the config, write nothing. */
export function validateCommand(file: string | undefined, options: { json?: boolean }, io: Io = consoleIo): number {
  return withConfig(file, io, !!options.json, (loaded) => {
    const lz = loaded.landingZone;
    if (options.json) io.out(JSON.stringify({ valid: true, file: loaded.file, warnings: loaded.warnings.map((i) => ({ ...i, path: formatPath(i.path) })), spokes: lz.spokes.map((s) => s.name) }, null, 2));
    else io.out(`${loaded.file}: valid (${lz.spokes.length} spoke${lz.spokes.length === 1 ? '' : 's'}: ${lz.spokes.map((s) => s.name).join(', ')})`);
    return 0;
  });
}

/** `lz synth` / `npm run synth`: validate, then synthesize every stack into `outdir` atomically. */
export function synthCommand(file: string | undefined, outdir: string, io: Io = consoleIo): number {
  const code = withConfig(file, io, false, (loaded) => {
    try {
      const result = synthesize(loaded.landingZone, outdir);
      io.out(`synthesized ${result.stacks.length} stacks from ${loaded.file} into ${result.outdir}:\n  ${result.stacks.join('\n  ')}`);
      return 0;
    } catch (e) {
      // A construct refused its props (a bug the config rules missed): one readable line, the trace only on request.
      io.err(`error: synthesis failed: ${(e as Error).message}`);
      if (process.env.LZ_DEBUG) io.err(String((e as Error).stack));
      else io.err('set LZ_DEBUG=1 for the stack trace.');
      return 1;
    }
  });
  if (code !== 0) io.err('nothing was written to the output directory.');
  return code;
}

/** `lz ip-plan`: every VPC's subnets with total and usable addresses, and the free ranges. */
export function ipPlanCommand(file: string | undefined, options: { json?: boolean }, io: Io = consoleIo): number {
  return withConfig(file, io, !!options.json, (loaded) => {
    const plans = planLandingZone(loaded.landingZone);
    if (options.json) {
      io.out(JSON.stringify(plans, null, 2));
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

/** `lz vpn-profile`: write a user's .ovpn (mode 0600) from the spoke and PKI workspaces' outputs. */
export function vpnProfileCommand(
  file: string | undefined,
  options: { spoke: string; user: string; out?: string; outdir?: string; spokeOutputs?: string; pkiOutputs?: string },
  io: Io = consoleIo,
): number {
  return withConfig(file, io, false, (loaded) => {
    const lz = loaded.landingZone;
    const outdir = options.outdir ?? 'cdktf.out';
    try {
      const text = buildVpnProfile(lz, {
        spoke: options.spoke,
        user: options.user,
        spokeOutputs: readOutputs(options.spokeOutputs, outdir, spokeStackName(lz, options.spoke)),
        pkiOutputs: readOutputs(options.pkiOutputs, outdir, vpnPkiStackName(lz, options.spoke)),
      });
      const target = options.out ?? `${options.spoke}-${options.user}.ovpn`;
      writeProfile(target, text);
      io.out(`wrote ${target} (mode 0600): import it into the AWS VPN Client or Tunnelblick. It holds ${options.user}'s private key; do not share it.`);
      return 0;
    } catch (e) {
      if (!(e instanceof VpnProfileError) && !(e instanceof SyntaxError)) throw e;
      io.err(`error: ${(e as Error).message}`);
      return 1;
    }
  });
}
