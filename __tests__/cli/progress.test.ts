import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProgress, SPINNER_FRAMES } from '../../cli/progress';
import { describeError } from '../../cli/errors';
import { tempDir } from '../helpers/temp';

/** Blocks the main thread like a synth does. */
const block = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function target(): { fd: number; read(): string; close(): void } {
  const file = path.join(tempDir('lz-progress-'), 'stderr');
  const fd = fs.openSync(file, 'w');
  return { fd, read: () => fs.readFileSync(file, 'utf8'), close: () => fs.closeSync(fd) };
}

/** A clock that advances by `step` ms on every call. */
const clock = (step: number) => {
  let t = 0;
  return () => (t += step);
};

describe('progress', () => {
  test('not a terminal (a pipe, a file, cdktf synth capturing stderr): silent', () => {
    const t = target();
    const progress = createProgress({ fd: t.fd, isTTY: false }, { CI: 'true' }, clock(1450));
    progress.start('synthesizing 2 spokes and the hub');
    progress.succeed();
    progress.start('writing');
    progress.fail();
    t.close();
    expect(t.read()).toBe('');
  });

  test('a dumb terminal: plain start and finish lines', () => {
    const t = target();
    const progress = createProgress({ fd: t.fd, isTTY: true }, { TERM: 'dumb' }, clock(1450));
    progress.start('synthesizing 2 spokes and the hub');
    progress.succeed();
    progress.start('writing');
    progress.fail();
    t.close();
    expect(t.read()).toBe('synthesizing 2 spokes and the hub…\nsynthesizing 2 spokes and the hub: done in 1.4s\nwriting…\nwriting: failed in 1.4s\n');
  });

  test('a terminal in CI: plain lines too', () => {
    const t = target();
    const progress = createProgress({ fd: t.fd, isTTY: true }, { CI: 'true' }, clock(100));
    progress.start('x');
    progress.succeed();
    t.close();
    expect(t.read()).toBe('x…\nx: done in 0.1s\n');
  });

  test('a terminal: the spinner turns while the main thread is blocked, then leaves one clean line', () => {
    const t = target();
    const progress = createProgress({ fd: t.fd, isTTY: true }, {}, clock(300));
    progress.start('synthesizing');
    block(900);
    progress.succeed();
    const text = t.read();
    const frames = new Set([...text.matchAll(/\r\x1b\[K(.) synthesizing \d+\.\ds/g)].map((m) => m[1]));
    expect(frames.size).toBeGreaterThanOrEqual(2);
    expect([...frames].every((f) => (SPINNER_FRAMES as readonly string[]).includes(f))).toBe(true);
    expect(text.endsWith('\r\x1b[K✓ synthesizing (0.3s)\n')).toBe(true);
    // The worker is gone: nothing more is drawn after the step ended.
    block(250);
    expect(t.read()).toBe(text);
    t.close();
  });
});

describe('describeError', () => {
  test('one line and how to get the trace; the trace only when asked', () => {
    const error = new Error('cannot write cdktf.out/REPORT.md: EACCES');
    expect(describeError(error, false)).toEqual(['error: cannot write cdktf.out/REPORT.md: EACCES', 'run again with --debug (or LZ_DEBUG=1) for the stack trace.']);
    const debug = describeError(error, true);
    expect(debug[0]).toBe('error: cannot write cdktf.out/REPORT.md: EACCES');
    expect(debug[1]).toMatch(/^Error: cannot write cdktf\.out\/REPORT\.md: EACCES\n {4}at /);
    // Not an Error, or one of JavaScript's own (TypeError, ...): a bug in lz, whose raw message means nothing to the user.
    expect(describeError('plain string', false)).toEqual(['error: internal error in lz; run again with --debug (or LZ_DEBUG=1) for the stack trace.']);
    expect(describeError(new TypeError("Cannot read properties of null (reading 'x')"), false, 'check')).toEqual(['error: internal error in lz check; run again with --debug (or LZ_DEBUG=1) for the stack trace.']);
    expect(describeError(new TypeError("Cannot read properties of null (reading 'x')"), true, 'check')[1]).toMatch(/^TypeError: Cannot read properties of null \(reading 'x'\)\n {4}at /);
  });
});
