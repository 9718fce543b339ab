#!/usr/bin/env -S npx tsx
/**
 * `lz`: the landing zone's command line. Exit codes: 0 ok, 1 invalid config or findings, 2 usage.
 */
import { Command, CommanderError } from 'commander';
import { ipPlanCommand, synthCommand, validateCommand, vpnProfileCommand } from './commands';

/** Builds the program; exported for tests. */
export function program(): Command {
  const configOption = '--config <file>';
  const configHelp = 'landing zone config (default: $LZ_CONFIG, else the embedded landing-zone.yaml)';
  const p = new Command('lz')
    .description('CDKTF landing zone for AWS networks: validate, synthesize and prove the hub-and-spoke network before deploy.')
    .exitOverride()
    .showHelpAfterError();
  p.command('validate')
    .description('check the config and print every problem with file:line, path, value and fix')
    .option(configOption, configHelp)
    .option('--json', 'machine-readable result')
    .addHelpText('after', '\nExamples:\n  lz validate\n  lz validate --config envs/prod.yaml --json')
    .action((o: { config?: string; json?: boolean }) => {
      process.exitCode = validateCommand(o.config ?? (process.env.LZ_CONFIG || undefined), o);
    });
  p.command('synth')
    .description('validate, then write Terraform JSON for every stack (atomically: nothing is written on failure)')
    .option(configOption, configHelp)
    .option('--out <dir>', 'output directory', 'cdktf.out')
    .addHelpText('after', '\nExamples:\n  lz synth\n  lz synth --config envs/prod.yaml --out build/cdktf.out')
    .action((o: { config?: string; out: string }) => {
      process.exitCode = synthCommand(o.config ?? (process.env.LZ_CONFIG || undefined), o.out);
    });
  p.command('ip-plan')
    .description('print every VPC subnet with its total and usable addresses (AWS reserves 5 per subnet) and the free ranges')
    .option(configOption, configHelp)
    .option('--json', 'machine-readable plan')
    .addHelpText('after', '\nExamples:\n  lz ip-plan\n  lz ip-plan --json | jq \'.[0].usable\'')
    .action((o: { config?: string; json?: boolean }) => {
      process.exitCode = ipPlanCommand(o.config ?? (process.env.LZ_CONFIG || undefined), o);
    });
  p.command('vpn-profile')
    .description("write a Client VPN user's .ovpn profile (mode 0600) from the spoke and its PKI workspace outputs")
    .requiredOption('--spoke <name>', 'spoke with clientVpn')
    .requiredOption('--user <name>', 'user listed in clientVpn.users')
    .option(configOption, configHelp)
    .option('--out <file>', 'profile to write (default: <spoke>-<user>.ovpn)')
    .option('--outdir <dir>', 'synthesized output whose workspaces to read with terraform output', 'cdktf.out')
    .option('--spoke-outputs <file>', 'JSON of `terraform output -json` of the spoke workspace instead of running terraform')
    .option('--pki-outputs <file>', 'JSON of `terraform output -json` of the PKI workspace instead of running terraform')
    .addHelpText('after', '\nExamples:\n  lz vpn-profile --spoke shop-prod --user alice\n  lz vpn-profile --spoke shop-prod --user bob --spoke-outputs spoke.json --pki-outputs pki.json --out bob.ovpn')
    .action((o: { spoke: string; user: string; config?: string; out?: string; outdir: string; spokeOutputs?: string; pkiOutputs?: string }) => {
      process.exitCode = vpnProfileCommand(o.config ?? (process.env.LZ_CONFIG || undefined), o);
    });
  return p;
}

if (require.main === module) {
  try {
    program().parse(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
    else throw e;
  }
}
