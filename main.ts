/**
 * Entry point of `npm run synth` and `cdktf synth` (cdktf.json `app`): the same command line as
 * `lz synth` (cli/lz.ts), so every flag form works or fails loudly. Wiring only.
 *   config: --config <file> (or --config=<file>), else LZ_CONFIG, else the embedded landing-zone.yaml
 *   output: --out <dir>, else CDKTF_OUTDIR (set by the cdktf CLI), else cdktf.out
 */
import { synthMain } from './cli/lz';

if (process.argv.includes('--debug')) process.env.LZ_DEBUG = '1';
process.exitCode = synthMain(process.argv);
