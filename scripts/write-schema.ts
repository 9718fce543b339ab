/**
 * `npm run schema`: writes schema/landing-zone.schema.json (for editors) and docs/config-reference.md
 * from the zod schema
 * (landing-zone.yaml names it in its `yaml-language-server` comment). The input side of the schema:
 * fields with defaults are optional, as a person writes them. __tests__/config/schema-sync.test.ts
 * fails when the committed file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { landingZoneSchema } from '../config/schema';

/** Where the JSON Schema is committed. */
export const SCHEMA_FILE = path.join(__dirname, '..', 'schema', 'landing-zone.schema.json');

/** The JSON Schema text: deterministic, 2-space indented, with a trailing newline. */
export function renderSchema(): string {
  const schema = z.toJSONSchema(landingZoneSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Where the generated config reference is committed. */
export const REFERENCE_FILE = path.join(__dirname, '..', 'docs', 'config-reference.md');

type JsonSchema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
};

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' or ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if ((s as { const?: unknown }).const !== undefined) return `\`${String((s as { const?: unknown }).const)}\``;
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'any'}`;
  if (s.type === 'object' && !s.properties) return 'mapping';
  if (s.type === 'integer' || s.type === 'number') {
    const range = s.minimum !== undefined || s.maximum !== undefined ? ` ${s.minimum ?? ''}–${s.maximum ?? ''}` : '';
    return `${s.type}${range}`;
  }
  return String(s.type ?? 'any');
}

function constraints(s: JsonSchema): string {
  const out: string[] = [];
  if (s.pattern) out.push(`pattern \`${s.pattern}\``);
  if (s.maxLength !== undefined) out.push(`max ${s.maxLength} chars`);
  if (s.minItems !== undefined) out.push(`at least ${s.minItems}`);
  return out.join(', ');
}

/** One table row per setting, depth first, with type, required/default and description. */
export function renderReference(): string {
  const schema = JSON.parse(renderSchema()) as JsonSchema;
  const rows: string[] = [];
  const walk = (s: JsonSchema, at: string, required: boolean) => {
    if (at) {
      const need = required ? 'required' : s.default !== undefined ? `default \`${JSON.stringify(s.default)}\`` : 'optional';
      const notes = [s.description ?? '', constraints(s)].filter(Boolean).join(' ');
      // GFM splits table cells on every unescaped pipe, even inside code spans.
      const cell = (text: string) => text.replace(/\|/g, '\\|');
      rows.push(`| ${[`\`${at}\``, typeOf(s), need, notes].map(cell).join(' | ')} |`);
    }
    const item = s.type === 'array' ? s.items : s;
    // A value that is either a scalar or a mapping (`clientVpn.users[]`: a name or `{ name, csr }`):
    // list the mapping's keys.
    const object = item?.anyOf?.find((branch) => branch.properties) ?? item;
    const prefix = s.type === 'array' ? `${at}[]` : at;
    if (object?.properties) {
      for (const [key, child] of Object.entries(object.properties)) walk(child, prefix ? `${prefix}.${key}` : key, object.required?.includes(key) ?? false);
    } else if (object && typeof object.additionalProperties === 'object' && object.additionalProperties.properties) {
      const keys = object.propertyNames?.enum ? `<${object.propertyNames.enum.join('|')}>` : '<key>';
      walk(object.additionalProperties, `${prefix}.${keys}`, false);
    }
  };
  walk(schema, '', true);
  return [
    '# landing-zone.yaml reference',
    '',
    'Generated from `config/schema.ts` by `npm run schema`; do not edit by hand. Semantic rules (overlaps,',
    'AZs of the region, NAT placement, ...) are listed in the README and enforced by `config/validate/`.',
    '',
    '| setting | type | required / default | description |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  for (const [file, text] of [
    [SCHEMA_FILE, renderSchema()],
    [REFERENCE_FILE, renderReference()],
  ]) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
