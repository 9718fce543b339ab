/** Issue 22: the missing-output message names the option lz has (--out), not the old --outdir spelling. */
import * as path from 'node:path';
import { evaluateReachability, ReachabilityError } from '../../plan/reachability';
import { tempDir } from '../helpers/temp';

test('a directory without manifest.json: says to run lz synth --out <dir> or name the output with --out', () => {
  const dir = path.join(tempDir('lz-reach-'), 'none');
  let error: unknown;
  try {
    evaluateReachability(dir, []);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ReachabilityError);
  expect((error as Error).message).toBe(`${dir} has no manifest.json: run \`lz synth --out ${dir}\` with the config the plans were made from, or name the output with --out`);
  expect((error as Error).message).not.toContain('--outdir');
});
