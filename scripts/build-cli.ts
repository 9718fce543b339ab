/**
 * `npm run build:cli [-- --out <dir>]`: compiles the `lz` command line to JavaScript (tsconfig.build.json,
 * default `dist/`) with the files it reads at run time beside it, so `node dist/cli/lz.js` works without
 * tsx or TypeScript. The workflows build it once in the job that runs `npm ci`, ship it with the synth,
 * and read plans with it (`lz plan-summary`) after `npm ci --omit=dev`: the plan and apply jobs never
 * install the dev toolchain.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';

const ROOT = path.join(__dirname, '..');

/** The TypeScript project of the compiled command line (the CLI and what it imports; no tests, scripts or benchmarks). */
export const BUILD_TSCONFIG = path.join(ROOT, 'tsconfig.build.json');

/**
 * Files the code finds next to itself (`__dirname`) at run time, copied to the same place under the
 * output: the embedded config (config/load.ts DEFAULT_CONFIG_PATH) and the Client VPN connect
 * handler's code (constructs/access/client-vpn-connect-handler.ts CONNECT_HANDLER_CODE_DIR).
 */
export const BUILD_ASSETS: readonly string[] = ['landing-zone.yaml', 'constructs/access/client-vpn-connect-handler'];

/** Compiles into `outDir` (emptied first, so no stale module survives) and copies {@link BUILD_ASSETS}; throws with tsc's output when it fails. */
export function buildCli(outDir: string = path.join(ROOT, 'dist')): void {
  rmSync(outDir, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', BUILD_TSCONFIG, '--outDir', outDir], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    const out = e as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p tsconfig.build.json failed:\n${`${out.stdout ?? ''}${out.stderr ?? ''}`.trim() || (e as Error).message}`);
  }
  for (const asset of BUILD_ASSETS) cpSync(path.join(ROOT, asset), path.join(outDir, asset), { recursive: true });
}

/** The command line; returns the exit code. */
export function main(argv: readonly string[]): number {
  const o = new Command('build-cli').description('compile the lz command line to JavaScript').option('--out <dir>', 'output directory', path.join(ROOT, 'dist')).parse(argv, { from: 'user' }).opts<{ out: string }>();
  try {
    buildCli(path.resolve(o.out));
    console.log(`built ${path.join(o.out, 'cli', 'lz.js')}`);
    return 0;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
