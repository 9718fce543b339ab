/**
 * Entry point of `npm run synth` and `cdktf synth`: load and validate the config, build the stacks,
 * synthesize. Wiring only.
 *   config: --config <file>, else LZ_CONFIG, else the embedded landing-zone.yaml
 *   output: CDKTF_OUTDIR (set by the cdktf CLI), else cdktf.out
 */
import { synthCommand } from './cli/commands';

const argv = process.argv.slice(2);
const flag = argv.indexOf('--config');
const file = flag >= 0 ? argv[flag + 1] : process.env.LZ_CONFIG || undefined;
process.exitCode = synthCommand(file, process.env.CDKTF_OUTDIR || 'cdktf.out');
