/**
 * Runs a child process with a deadline and captures its output. Terraform starts the provider as a
 * grandchild; a plain SIGTERM lets Terraform stop it cleanly, SIGKILL follows if it does not exit.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a finished (or killed) command produced. */
export interface ExecResult {
  /** `null` when the process was killed by a signal (including our timeout). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly seconds: number;
}

/** Options for {@link execCommand}. */
export interface ExecOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutSeconds: number;
}

/** Grace between SIGTERM and SIGKILL after a timeout. */
const KILL_GRACE_MS = 10_000;

/** Children still running, so an interrupted run can stop them instead of orphaning them. */
const running = new Set<ChildProcess>();

/** Sends SIGTERM to every child this module started that is still running. */
export function terminateRunning(): void {
  for (const child of running) child.kill('SIGTERM');
}

/** Runs `command args...`, never rejects for a non-zero exit (the caller decides what failure means). */
export function execCommand(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, options.timeoutSeconds * 1000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      running.delete(child);
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      reject(e);
    });
    child.on('close', (code) => {
      running.delete(child);
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

/** Full path of the first executable file named `name` on PATH, or `undefined`. */
export function findOnPath(name: string, pathEnv: string | undefined = process.env.PATH): string | undefined {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}
