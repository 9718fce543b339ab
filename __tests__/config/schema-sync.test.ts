/** schema/landing-zone.schema.json is generated from config/schema.ts and must not go stale. */
import { readFileSync } from 'node:fs';
import { REFERENCE_FILE, renderReference, renderSchema, SCHEMA_FILE } from '../../scripts/write-schema';

describe('JSON Schema for editors', () => {
  const rendered = renderSchema();

  test('the committed file matches the zod schema (else run `npm run schema`)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== rendered) {
      throw new Error('schema/landing-zone.schema.json is out of date with config/schema.ts: run `npm run schema` and commit the result');
    }
  });

  test('rendering is deterministic, 2-space indented, with a trailing newline', () => {
    expect(renderSchema()).toBe(rendered);
    expect(rendered.endsWith('}\n')).toBe(true);
    expect(rendered.split('\n')[1]).toMatch(/^ {2}"/);
  });

  test('input side: fields with defaults are optional, required ones are not', () => {
    const schema = JSON.parse(rendered);
    expect(schema.required).toEqual(['name', 'region', 'organization', 'hub']);
    expect(schema.additionalProperties).toBe(false);
    const vpc = schema.properties.spokes.items.properties.vpc;
    // cidr is optional: a VPC may take its range from an IPAM pool (vpc.ipamPool) instead.
    expect(vpc.required).toEqual(['availabilityZones']);
    expect(vpc.properties.natGateways.enum).toEqual(['none', 'single', 'per-az']);
    expect(schema.properties.organization.properties.id.pattern).toBe('^o-[a-z0-9]{10,32}$');
    // Editors flag a one-day expiration as the loader does: the transition needs a day before it.
    const lifecycle = schema.properties.logArchive.properties.lifecycle;
    expect(lifecycle.required).toBeUndefined();
    expect(lifecycle.properties.expirationDays).toMatchObject({ type: 'integer', minimum: 2, default: 400 });
    expect(lifecycle.properties.transitionDays).toMatchObject({ type: 'integer', minimum: 1, default: 90 });
  });
});

describe('config reference (docs/config-reference.md)', () => {
  test('the committed reference matches the zod schema (else run `npm run schema`)', () => {
    if (readFileSync(REFERENCE_FILE, 'utf8') !== renderReference()) {
      throw new Error('docs/config-reference.md is out of date with config/schema.ts: run `npm run schema` and commit the result');
    }
  });

  test('lists every setting with its type and default, pipes escaped for GFM tables', () => {
    const text = renderReference();
    expect(text).toContain('| `spokes[].vpc.natGateways` | `none` or `single` or `per-az` | optional |');
    expect(text).toContain('| `spokes[].vpc.tiers.<public\\|app\\|db\\|tgw\\|endpoint>.prefixLength` | integer 16–28 | required |');
    expect(text).toContain('| `tags` | mapping | default `{}` |');
    // Every data row has exactly four cells once escaped pipes are ignored.
    for (const row of text.split('\n').filter((l) => l.startsWith('| `'))) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });
});
