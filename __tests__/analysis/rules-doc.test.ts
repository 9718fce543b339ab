/** docs/rules.md is generated from the rule and intent tables and must not go stale. */
import { readFileSync } from 'node:fs';
import { INTENTS } from '../../analysis/intents';
import { RULES } from '../../analysis/rules';
import { renderRulesDoc, RULES_DOC_FILE } from '../../scripts/write-rules-doc';

describe('docs/rules.md', () => {
  const rendered = renderRulesDoc();

  test('the committed file matches the tables (else run `npm run docs:rules`)', () => {
    if (readFileSync(RULES_DOC_FILE, 'utf8') !== rendered) throw new Error('docs/rules.md is out of date: run `npm run docs:rules` and commit the result');
  });

  test('one row per rule and per intent, with level and suppressibility', () => {
    for (const r of RULES) expect(rendered).toContain(`| ${r.id} | ${r.level} | ${r.suppressible ? 'yes' : 'no'} |`);
    for (const i of INTENTS) expect(rendered).toContain(`| ${i.id} |`);
    expect(rendered.match(/^\| LZ-/gm)).toHaveLength(RULES.length);
  });
});

describe('the rule pack', () => {
  test('at least 35 rules, unique ids of the form LZ-<AREA><NN>, each with a title, a why and a level', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(35);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^LZ-[A-Z0-9]+\d{2}$/);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.why.length).toBeGreaterThan(20);
      expect(['error', 'warning']).toContain(r.level);
    }
  });

  test('the world-open admin ports rule cannot be suppressed', () => {
    expect(RULES.find((r) => r.id === 'LZ-SG01')).toEqual(expect.objectContaining({ suppressible: false, level: 'error' }));
  });
});
