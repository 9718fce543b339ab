/** Issue 22, messages an audit found awkward: each says what it means, in a sentence, with no hint that does not help. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Io, validateCommand } from '../../cli/commands';
import { describeError } from '../../cli/errors';
import { readAnalysis, ReportError } from '../../cli/report';
import { ConfigError } from '../../config/issues';
import { configText, RawConfig } from '../helpers/config';
import { tempDir } from '../helpers/temp';

const HINT = 'run again with --debug (or LZ_DEBUG=1) for the stack trace.';

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe('lz validate', () => {
  test('spokes: [] is "valid (no spokes)", not "valid (0 spokes: )"', () => {
    const file = path.join(tempDir('lz-msg-'), 'lz.yaml');
    fs.writeFileSync(
      file,
      configText((c: RawConfig) => {
        c.spokes = [];
      }),
    );
    const io = capture();
    const code = validateCommand(file, {}, io);
    expect({ code, stdout: io.stdout, stderr: io.stderr.filter((l) => !l.includes('warning')) }).toEqual({ code: 0, stdout: [`${file}: valid (no spokes)`], stderr: [] });
  });
});

describe('the --debug hint', () => {
  test('not for an input error (one of our Error subclasses): the message says it all', () => {
    expect(describeError(new ReportError('a.json is not an analysis.json: expected an object, got null'), false)).toEqual(['error: a.json is not an analysis.json: expected an object, got null']);
    expect(describeError(new ConfigError([]), false)).not.toContain(HINT);
  });

  test('for a system error (errno code) and for an unexpected plain Error', () => {
    const eacces = Object.assign(new Error('EACCES: permission denied, open cdktf.out/REPORT.md'), { code: 'EACCES', syscall: 'open' });
    expect(describeError(eacces, false)).toEqual(['error: EACCES: permission denied, open cdktf.out/REPORT.md', HINT]);
    expect(describeError(new Error('boom in a construct'), false)).toEqual(['error: boom in a construct', HINT]);
  });

  test('with --debug an input error shows its trace', () => {
    const lines = describeError(new ReportError('bad'), true);
    expect(lines[0]).toBe('error: bad');
    expect(lines[1]).toMatch(/^Error: bad\n {4}at /);
  });
});

describe('readAnalysis', () => {
  const write = (text: string) => {
    const file = path.join(tempDir('lz-msg-'), 'analysis.json');
    fs.writeFileSync(file, text);
    return file;
  };
  const message = (file: string) => {
    try {
      readAnalysis(file);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  test.each([
    ['null', 'null'],
    ['[]', 'a list'],
    ['42', 'a number'],
    ['"x"', 'a string'],
  ])('%s: a sentence naming the file, not zod\'s "(root): Invalid input"', (text, got) => {
    const file = write(text);
    expect(message(file)).toBe(`${file} is not an analysis.json: expected an object, got ${got} (write one with \`lz check --json\`)`);
  });

  test('an object of the wrong shape still names the first bad path', () => {
    const file = write('{}');
    expect(message(file)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\w+: `));
  });
});
