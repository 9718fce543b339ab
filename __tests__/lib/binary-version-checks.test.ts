/** lib/cdktf/binary-version-checks.ts: one version command per synth, same verdicts. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ValidateBinaryVersion } from 'cdktf/lib/validations/validate-binary-version';
import { withMemoizedBinaryVersionChecks } from '../../lib/cdktf/binary-version-checks';
import { tempDir } from '../helpers/temp';

/** A version command that prints `version` and appends a line to `log` each time it runs. */
function counted(version: string): { command: string; runs: () => number } {
  const log = path.join(tempDir('lz-version-'), 'runs');
  return { command: `node -e "require('fs').appendFileSync(${JSON.stringify(log).replace(/"/g, "'")}, 'x'); process.stdout.write('tool ${version}')"`, runs: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').length : 0) };
}

describe('withMemoizedBinaryVersionChecks', () => {
  test('five identical checks run the command once inside, five times outside', () => {
    const tool = counted('1.9.0');
    const checks = Array.from({ length: 5 }, () => new ValidateBinaryVersion('tool', '>=1.5', tool.command));
    expect(withMemoizedBinaryVersionChecks(() => checks.map((c) => c.validate()))).toEqual(Array(5).fill([]));
    expect(tool.runs()).toBe(1);
    checks.forEach((c) => c.validate());
    expect(tool.runs()).toBe(6);
  });

  test('a failing check still fails, for every construct that carries it; other constraints are asked separately', () => {
    const tool = counted('1.3.0');
    const results = withMemoizedBinaryVersionChecks(() => [
      new ValidateBinaryVersion('tool', '>=1.5', tool.command, 'upgrade').validate(),
      new ValidateBinaryVersion('tool', '>=1.5', tool.command, 'upgrade').validate(),
      new ValidateBinaryVersion('tool', '>=1.1', tool.command).validate(),
    ]);
    expect(results).toEqual([['tool version 1.3.0 is lower than the required version >=1.5 for this construct. upgrade'], ['tool version 1.3.0 is lower than the required version >=1.5 for this construct. upgrade'], []]);
    expect(tool.runs()).toBe(2);
  });

  test('the original method is back after the work, also when it throws', () => {
    const original = ValidateBinaryVersion.prototype.validate;
    expect(() =>
      withMemoizedBinaryVersionChecks(() => {
        expect(ValidateBinaryVersion.prototype.validate).not.toBe(original);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(ValidateBinaryVersion.prototype.validate).toBe(original);
  });
});
