/**
 * Where `lz` writes: its own module, light on imports, so that `lz --help` and `lz --version` can
 * print without loading the commands (and with them cdktf, the config and the analysis).
 */
import { createProgress, Progress } from './progress';

/** Where a command writes its human output; tests pass their own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Progress of slow steps; none when absent. */
  readonly progress?: Progress;
}

/** The console: output on stdout, problems and progress on stderr. */
export const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l), progress: createProgress() };
