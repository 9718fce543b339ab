/**
 * `npm run build:cli [-- --out <dir>]`: compiles the `lz` command line to JavaScript (tsconfig.build.json,
 * default `dist/`) with the files it reads at run time beside it, so `node dist/cli/lz.js` works without
 * tsx or TypeScript. `npm ci` builds it (the `prepare` script, with `--if-toolchain`), so package.json
 * `bin.lz` (dist/cli/lz.js) and `npx lz` run compiled JavaScript. The workflows build it once in the job
 * that runs `npm ci`, ship it with the synth, and read plans with it (`lz plan-summary`) after
 * `npm ci --omit=dev`: the plan and apply jobs never install the dev toolchain.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The compiled entry point, relative to the output directory: package.json `bin.lz` is `dist/` + this. */
export const CLI_ENTRY = path.join('cli', 'lz.js');

/** First line of the compiled entry: plain node, so `npx lz` and the `bin` link run JavaScript, never tsx. */
export const NODE_SHEBANG = '#!/usr/bin/env node';

/**
 * True when TypeScript is installed. `npm ci --omit=dev` (the plan and apply jobs) runs `prepare` too
 * (https://docs.npmjs.com/cli/v11/using-npm/scripts, "runs with flags like --production or --omit=dev"),
 * without the compiler: there `prepare` must keep the dist/ the job downloaded, not fail or empty it.
 */
export function toolchainAvailable(resolve: (id: string) => string = require.resolve): boolean {
  try {
    resolve('typescript/bin/tsc');
    return true;
  } catch {
    return false;
  }
}

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
  // tsc keeps the source's `#!/usr/bin/env -S npx tsx`; the compiled file must start plain node, and be executable for the bin link.
  const entry = path.join(outDir, CLI_ENTRY);
  writeFileSync(entry, readFileSync(entry, 'utf8').replace(/^#!.*\n/, '').replace(/^/, `${NODE_SHEBANG}\n`));
  chmodSync(entry, 0o755);
}

/** The command line; returns the exit code. `hasToolchain` is for tests. */
export function main(argv: readonly string[], hasToolchain: () => boolean = toolchainAvailable): number {
  const o = new Command('build-cli')
    .description('compile the lz command line to JavaScript')
    .option('--out <dir>', 'output directory', path.join(ROOT, 'dist'))
    .option('--if-toolchain', 'do nothing (exit 0) when TypeScript is not installed: the `prepare` script of `npm ci --omit=dev`')
    .parse(argv, { from: 'user' })
    .opts<{ out: string; ifToolchain?: boolean }>();
  if (o.ifToolchain && !hasToolchain()) {
    console.log(`build-cli: TypeScript is not installed (npm ci --omit=dev): kept ${path.join(o.out, CLI_ENTRY)} as it is`);
    return 0;
  }
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
