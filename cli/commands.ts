/** The commands behind `lz` and `npm run synth`; each returns its exit code (0 ok, 1 invalid config). */
import { ConfigError, formatIssue, formatPath } from '../config/issues';
import { loadConfig, LoadedConfig } from '../config/load';
import { synthesize } from './synth';

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
    const result = synthesize(loaded.landingZone, outdir);
    io.out(`synthesized ${result.stacks.length} stacks from ${loaded.file} into ${result.outdir}:\n  ${result.stacks.join('\n  ')}`);
    return 0;
  });
  if (code !== 0) io.err('nothing was written to the output directory.');
  return code;
}
