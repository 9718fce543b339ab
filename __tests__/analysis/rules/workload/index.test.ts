/** The workload rule table: one file per rule, ids unique and in order, metadata complete, mappings well formed. */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../../analysis/rules';
import type { Rule } from '../../../../analysis/rules/types';
import { WORKLOAD_RULES } from '../../../../analysis/rules/workload';

const DIR = path.join(__dirname, '..', '..', '..', '..', 'analysis', 'rules', 'workload');

describe('WORKLOAD_RULES', () => {
  test('holds 30 rules with unique LZ-<AREA><NN> ids, in id order', () => {
    const ids = WORKLOAD_RULES.map((r) => r.id);
    expect(ids).toEqual([
      'LZ-ALB01', 'LZ-ALB02', 'LZ-ALB03', 'LZ-ALB04', 'LZ-ALB05', 'LZ-ALB06',
      'LZ-CVPN01', 'LZ-CVPN02', 'LZ-CVPN03', 'LZ-CVPN04', 'LZ-CVPN05',
      'LZ-IAM01', 'LZ-IAM02', 'LZ-IAM03', 'LZ-IAM04',
      'LZ-KMS01', 'LZ-KMS02',
      'LZ-LOG01', 'LZ-LOG02', 'LZ-LOG03',
      'LZ-PKI01',
      'LZ-S301', 'LZ-S302', 'LZ-S303', 'LZ-S304', 'LZ-S305', 'LZ-S306',
      'LZ-SSM01', 'LZ-SSM02', 'LZ-SSM03',
    ]);
    expect([...ids].sort((a, b) => a.localeCompare(b))).toEqual(ids);
    expect(ids.every((id) => /^LZ-[A-Z0-9]+\d\d$/.test(id))).toBe(true);
  });

  test('every rule file but the helpers exports exactly one table entry, and the pack includes them all', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'util.ts');
    expect(files.every((f) => /^[a-z0-9]+(-[a-z0-9]+)*\.ts$/.test(f))).toBe(true);
    const fromFiles = await Promise.all(files.map(async (f) => ((await import(path.join(DIR, f))) as { rule: Rule }).rule));
    expect(fromFiles.map((r) => r.id).sort()).toEqual(WORKLOAD_RULES.map((r) => r.id).sort());
    for (const r of WORKLOAD_RULES) expect(RULES).toContain(r);
  });

  test('every rule has a title, a why, a level and well-formed mappings', () => {
    for (const r of WORKLOAD_RULES) {
      expect(r.title.length).toBeGreaterThan(20);
      expect(r.why.length).toBeGreaterThan(60);
      expect(['error', 'warning']).toContain(r.level);
      for (const id of r.mappings.checkov ?? []) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
      for (const id of r.mappings.securityHub ?? []) expect(id).toMatch(/^[A-Za-z0-9]+\.\d+$/);
      for (const id of r.mappings.cdkNag ?? []) expect(id).toMatch(/^(AwsSolutions|NIST\.800\.53\.R5|HIPAA\.Security)-[A-Za-z0-9]+$/);
    }
  });

  test('only the full-administrator statement rule refuses suppressions', () => {
    expect(WORKLOAD_RULES.filter((r) => !r.suppressible).map((r) => r.id)).toEqual(['LZ-IAM01']);
  });
});
