/**
 * How `lz` reports failures: one readable line, and a second only when `--debug` (or `LZ_DEBUG=1`)
 * would add something, because a trace helps whoever fixes the code, not whoever runs the command.
 */

/** Exit codes of `lz` (home: lib/exit-codes.ts, shared with plan/). */
export { EXIT } from '../lib/exit-codes';

/** True when stack traces were asked for. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.LZ_DEBUG && env.LZ_DEBUG !== '0';
}

/** The line that says how to see more, printed only when the trace would help. */
export const DEBUG_HINT = 'run again with --debug (or LZ_DEBUG=1) for the stack trace.';

/**
 * True for a failure that is a bug in `lz`, not a problem with the input: JavaScript's own error
 * types (`Cannot read properties of null` is a TypeError) and anything thrown that is not an Error.
 * Every expected failure is an `Error` (or a subclass of ours) whose message was written for people.
 */
export function isInternalError(error: unknown): boolean {
  return !(error instanceof Error) || error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError || error instanceof SyntaxError || error instanceof EvalError || error instanceof URIError;
}

/**
 * The lines to print for an error: `error: <message>` and the trace or how to get it. An internal
 * error never shows its raw message (it means nothing to the person running the command): it says
 * which command failed; `--debug` adds the message and the trace.
 */
export function describeError(error: unknown, debug: boolean = debugEnabled(), command?: string): string[] {
  if (isInternalError(error)) {
    const where = command ? ` in lz ${command}` : ' in lz';
    if (!debug) return [`error: internal error${where}; ${DEBUG_HINT}`];
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    return [`error: internal error${where}:`, detail];
  }
  const message = (error as Error).message;
  const lines = [`error: ${message.split('\n')[0]}`, ...message.split('\n').slice(1)];
  if (debug && (error as Error).stack) lines.push((error as Error).stack!);
  else if (!isInputError(error as Error)) lines.push(DEBUG_HINT);
  return lines;
}

/**
 * True for a failure of the input (config, analysis, plan, usage): one of our own Error subclasses
 * (ConfigError, ReportError, ReachabilityError, ...), whose message says all there is to say, so the
 * `--debug` hint would only send people after a trace of code that did its job. A plain `Error` (a
 * construct refusing its props) or a system error (`EACCES`, with an errno `code` or `syscall`) is
 * unexpected and keeps the hint.
 */
function isInputError(error: Error): boolean {
  const errno = error as NodeJS.ErrnoException;
  if (errno.syscall !== undefined || (typeof errno.code === 'string' && /^E[A-Z]+$/.test(errno.code))) return false;
  return Object.getPrototypeOf(error) !== Error.prototype;
}
