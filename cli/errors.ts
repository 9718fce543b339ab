/**
 * How `lz` reports failures: one readable line, and the stack trace only with `--debug` (or
 * `LZ_DEBUG=1`), because a trace helps whoever fixes the code, not whoever runs the command.
 */

/** Exit codes of `lz`. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** Invalid config, failed checks or findings, or the command could not do its job. */
  failed: 1,
  /** The command line itself is wrong: unknown command or option, missing argument. */
  usage: 2,
} as const;

/** True when stack traces were asked for. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.LZ_DEBUG && env.LZ_DEBUG !== '0';
}

/** The lines to print for an error: `error: <message>`, then the trace or how to get it. */
export function describeError(error: unknown, debug: boolean = debugEnabled()): string[] {
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`error: ${message.split('\n')[0]}`, ...message.split('\n').slice(1)];
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  else lines.push('run again with --debug (or LZ_DEBUG=1) for the stack trace.');
  return lines;
}
