/** The state rule table: one file per rule, in the pack, and LZ-SECRET01 refusing suppressions. */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../../analysis/rules';
import { STATE_RULES } from '../../../../analysis/rules/state';
import type { Rule } from '../../../../analysis/rules/types';

const DIR = path.join(__dirname, '..', '..', '..', '..', 'analysis', 'rules', 'state');

describe('STATE_RULES', () => {
  test('holds LZ-SECRET01, an unsuppressible error, and every rule file of the directory', async () => {
    expect(STATE_RULES.map((r) => [r.id, r.level, r.suppressible])).toEqual([['LZ-SECRET01', 'error', false]]);
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'util.ts');
    const fromFiles = await Promise.all(files.map(async (f) => ((await import(path.join(DIR, f))) as { rule: Rule }).rule));
    expect(fromFiles.map((r) => r.id).sort()).toEqual(STATE_RULES.map((r) => r.id).sort());
    for (const r of STATE_RULES) {
      expect(RULES).toContain(r);
      expect(r.title.length).toBeGreaterThan(20);
      expect(r.why.length).toBeGreaterThan(60);
    }
  });
});
