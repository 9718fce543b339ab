import { NETWORK_RULES } from '../../../../analysis/rules/network';

describe('NETWORK_RULES table', () => {
  it('holds at least 19 rules with unique LZ-<AREA><NN> ids in id order', () => {
    const ids = NETWORK_RULES.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(19);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^LZ-[A-Z0-9]*[A-Z]\d{2}$/);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
  });

  it('gives every rule a title, a why, a level and only known mapping kinds', () => {
    for (const r of NETWORK_RULES) {
      expect(r.title.length).toBeGreaterThan(20);
      expect(r.why.length).toBeGreaterThan(40);
      expect(['error', 'warning']).toContain(r.level);
      expect(Object.keys(r.mappings).every((k) => ['cdkNag', 'checkov', 'securityHub'].includes(k))).toBe(true);
      for (const id of r.mappings.checkov ?? []) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
      for (const id of r.mappings.securityHub ?? []) expect(id).toMatch(/^EC2\.\d+$/);
    }
  });

  it('makes only the world-open admin port rule unsuppressible', () => {
    expect(NETWORK_RULES.filter((r) => !r.suppressible).map((r) => r.id)).toEqual(['LZ-SG01']);
  });
});
