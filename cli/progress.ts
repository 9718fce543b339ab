/**
 * Progress for steps that take more than a moment, on a terminal only: an animated spinner, or plain
 * start and finish lines in CI or on a dumb terminal; nothing on a pipe or a file. Synthesis blocks the main
 * thread, so the spinner runs in a worker thread that writes straight to the terminal's file
 * descriptor; the main thread stops it through shared memory and waits until the line is cleared,
 * so nothing the command prints afterwards lands on a half-drawn spinner.
 */
import { writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Reports the steps of one command. */
export interface Progress {
  /** Starts a step (ending the previous one). */
  start(label: string): void;
  /** Ends the current step. */
  succeed(): void;
  /** Ends the current step as failed; the caller prints the error. */
  fail(): void;
}

/** Where progress goes: a stream's file descriptor and whether it is a terminal. */
export interface ProgressTarget {
  readonly fd: number;
  readonly isTTY?: boolean;
}

/** Prints nothing (tests, `--json`). */
export const silentProgress: Progress = { start: () => undefined, succeed: () => undefined, fail: () => undefined };

/** Spinner frames (Braille dots, as most CLIs draw them). */
export const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

/** Milliseconds between spinner frames. */
export const SPINNER_INTERVAL_MS = 80;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** Plain lines: `synthesizing 5 stacks…` then `synthesizing 5 stacks: done in 2.9s`. */
function lineProgress(fd: number, now: () => number): Progress {
  let current: { label: string; since: number } | undefined;
  const end = (word: string) => {
    if (current) writeSync(fd, `${current.label}: ${word} in ${seconds(now() - current.since)}\n`);
    current = undefined;
  };
  return {
    start(label) {
      end('done');
      current = { label, since: now() };
      writeSync(fd, `${label}…\n`);
    },
    succeed: () => end('done'),
    fail: () => end('failed'),
  };
}

// Runs in the worker: draws a frame every interval until the main thread sets state[0], then clears
// the line and acknowledges in state[1]. Plain JavaScript because the worker loads no TypeScript.
const SPINNER_WORKER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.state);
const started = Date.now();
let frame = 0;
const tick = () => {
  if (Atomics.load(state, 0) === 1) {
    writeSync(workerData.fd, '\\r\\x1b[K');
    Atomics.store(state, 1, 1);
    Atomics.notify(state, 1);
    clearInterval(timer);
    return;
  }
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);
  writeSync(workerData.fd, '\\r\\x1b[K' + workerData.frames[frame++ % workerData.frames.length] + ' ' + workerData.label + ' ' + elapsed + 's');
};
const timer = setInterval(tick, workerData.interval);
tick();
`;

/** A spinner on a terminal, drawn by a worker thread so it keeps turning while the main thread is busy. */
function spinnerProgress(fd: number, now: () => number): Progress {
  let current: { label: string; since: number; state: Int32Array; worker: Worker } | undefined;
  const stop = (mark: string) => {
    if (!current) return;
    const { label, since, state, worker } = current;
    current = undefined;
    Atomics.store(state, 0, 1);
    // Wait (bounded) for the worker to clear its line before anything else is written.
    Atomics.wait(state, 1, 0, 1000);
    void worker.terminate();
    writeSync(fd, `${mark} ${label} (${seconds(now() - since)})\n`);
  };
  return {
    start(label) {
      stop('✓');
      const state = new Int32Array(new SharedArrayBuffer(8));
      const worker = new Worker(SPINNER_WORKER, { eval: true, workerData: { fd, label, frames: SPINNER_FRAMES, interval: SPINNER_INTERVAL_MS, state: state.buffer } });
      worker.unref();
      current = { label, since: now(), state, worker };
    },
    succeed: () => stop('✓'),
    fail: () => stop('✗'),
  };
}

/**
 * Progress on `target` (stderr by default), only when it is a terminal: a spinner, or plain lines
 * when `CI` is set or `TERM=dumb`. Anywhere else (a pipe, a file, `cdktf synth`, which captures the
 * app's stderr and prints every line of it as `[ERROR]`) progress stays silent: the command's result
 * and its errors say everything. Progress never carries colour, so `NO_COLOR` has nothing to turn off.
 */
export function createProgress(target: ProgressTarget = process.stderr, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): Progress {
  if (target.isTTY !== true) return silentProgress;
  return env.CI || env.TERM === 'dumb' ? lineProgress(target.fd, now) : spinnerProgress(target.fd, now);
}
