/** Issue 22: bench names its results file --file/-o like `lz`; the old `--out <file>` still works, with a warning. */
import * as path from 'node:path';
import { resultsFile } from '../../bench/run';

function call(o: { file?: string; out?: string }) {
  const err: string[] = [];
  return { file: resultsFile(o, (l) => err.push(l)), err };
}

describe('bench results file', () => {
  test('default bench/RESULTS.md, no warning', () => {
    expect(call({})).toEqual({ file: path.join(__dirname, '..', '..', 'bench', 'RESULTS.md'), err: [] });
  });

  test('--file (or -o) names it, no warning', () => {
    expect(call({ file: 'r.md' })).toEqual({ file: 'r.md', err: [] });
  });

  test('--out <file> still works, with a deprecation warning naming --file', () => {
    expect(call({ out: 'r.md' })).toEqual({
      file: 'r.md',
      err: ['warning: `bench --out r.md` is deprecated and stops working in the next release: use --file r.md (or -o r.md)'],
    });
  });

  test('both: an error, no file', () => {
    expect(call({ file: 'a.md', out: 'b.md' })).toEqual({ file: undefined, err: ['error: give the results file once: --file a.md or --out b.md (--out is the old spelling)'] });
  });
});
