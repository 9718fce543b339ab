import { hclKey, hclString, hclValue } from '../../verify/hcl';

describe('hcl', () => {
  it('escapes quotes, backslashes, newlines and template sequences in strings', () => {
    expect(hclString('a "b" \\ c\nd ${x} %{if}')).toBe('"a \\"b\\" \\\\ c\\nd $${x} %%{if}"');
  });

  it('quotes keys that are not identifiers or are keywords', () => {
    expect(hclKey('cross-stack-output-x')).toBe('cross-stack-output-x');
    expect(hclKey('a.b')).toBe('"a.b"');
    expect(hclKey('1x')).toBe('"1x"');
    expect(hclKey('null')).toBe('"null"');
  });

  it('renders scalars inline and objects over lines', () => {
    expect(hclValue({ a: [1, true, 'x'], 'b c': { d: null }, e: [] })).toBe('{\n  a = [1, true, "x"]\n  "b c" = {\n    d = null\n  }\n  e = []\n}');
    expect(hclValue([{ a: 1 }])).toBe('[\n  {\n    a = 1\n  },\n]');
  });
});
