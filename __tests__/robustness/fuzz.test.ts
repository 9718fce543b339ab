/**
 * Mutation fuzzing of the default landing-zone.yaml. Every leaf of the config gets the mutations that
 * make it invalid by construction (wrong types, out-of-range and non-finite numbers, huge and
 * look-alike unicode strings, broken CIDRs), every required key is deleted, every key of a fixed-shape
 * mapping gets a misspelled sibling, and a list of special files (empty, not YAML, aliases, deep
 * nesting, prototype keys, overlapping ranges...) is added. Each case must be rejected with a
 * `ConfigError` that names the mutated path at file:line:col, and never with any other exception. A
 * handful go through the real CLI in child processes (fuzz-cli.test.ts).
 */
import * as fs from 'node:fs';
import { stringify } from 'yaml';
import { z } from 'zod';
import { ConfigError, ConfigPath, formatIssue, formatPath, LocatedIssue } from '../../config/issues';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../../config/load';
import { landingZoneSchema } from '../../config/schema';
import { FILE, RawConfig } from '../helpers/config';
import { DEFAULT, mutated, setTo } from './mutation';

/** One fuzz case: the file text and what the rejection must name. */
interface FuzzCase {
  readonly kind: string;
  /** Where the mutation happened; the rejection must report an error at this path or inside the value put there. */
  readonly path: string;
  readonly text: () => string;
  /** Extra text the error at `path` must contain (did-you-mean). */
  readonly says?: string;
}

// ---- walking the default config and the schema ------------------------------------------------

type Node = { path: ConfigPath; value: unknown };

function walk(value: unknown, p: ConfigPath = [], out: Node[] = []): Node[] {
  out.push({ path: p, value });
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, [...p, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

function unwrap(s: z.ZodType): z.ZodType {
  let t = s;
  while (t instanceof z.ZodOptional || t instanceof z.ZodDefault || t instanceof z.ZodNullable) t = t.unwrap() as z.ZodType;
  return t;
}

/** The schema of the value at `p` (wrappers kept), or undefined where the shape is not fixed. */
function schemaAt(p: ConfigPath): z.ZodType | undefined {
  let s: z.ZodType = landingZoneSchema;
  for (const part of p) {
    let u = unwrap(s);
    if (u instanceof z.ZodUnion) u = unwrap((u.options as z.ZodType[]).find((o) => (typeof part === 'number') === unwrap(o) instanceof z.ZodArray || unwrap(o) instanceof z.ZodTuple) ?? u);
    if (u instanceof z.ZodObject) s = u.shape[part as string];
    else if (u instanceof z.ZodArray) s = u.element as z.ZodType;
    else if (u instanceof z.ZodTuple) s = (u.def.items as z.ZodType[])[part as number];
    else if (u instanceof z.ZodRecord) s = u.valueType as z.ZodType;
    else return undefined;
    if (!s) return undefined;
  }
  return s;
}

/** A key of a fixed-shape mapping whose absence the schema itself rejects (record entries such as tags may always go). */
const required = (p: ConfigPath) => {
  const parent = schemaAt(p.slice(0, -1));
  const s = schemaAt(p);
  return !!parent && unwrap(parent) instanceof z.ZodObject && !!s && !s.safeParse(undefined).success;
};

/** Mappings whose keys the schema fixes (strict objects and enum-keyed records), not free-form ones such as tags or segments. */
function fixedKeys(p: ConfigPath): boolean {
  const s = schemaAt(p);
  if (!s) return false;
  const u = unwrap(s);
  return u instanceof z.ZodObject || (u instanceof z.ZodRecord && u.keyType instanceof z.ZodEnum);
}

// ---- mutations ---------------------------------------------------------------------------------


/** Free text that AWS takes as written (tags, names shown to people): look-alike unicode there is not an error. */
const FREE_TEXT = [/^tags\./, /\.location$/, /\.healthCheckPath$/];

const HUGE = 'x'.repeat(100_000);
const HOMOGLYPHS: Readonly<Record<string, string>> = { a: '\u0430', e: '\u0435', o: '\u043e', c: '\u0441', p: '\u0440', '0': '\uff10', '1': '\uff11', '2': '\uff12' };
const homoglyph = (s: string) => {
  const i = [...s].findIndex((ch) => ch in HOMOGLYPHS);
  return i < 0 ? undefined : s.slice(0, i) + HOMOGLYPHS[s[i]] + s.slice(i + 1);
};
const CIDR = /^\d+\.\d+\.\d+\.\d+\/\d+$/;
/** A misspelling one edit away: a dropped middle letter, or a doubled last one for short keys. */
const typo = (key: string) => (key.length >= 5 ? key.slice(0, key.length >> 1) + key.slice((key.length >> 1) + 1) : key + key[key.length - 1]);

/**
 * Middle elements of a list repeat its first and last (seven subnets of one shape): fuzzing the first
 * and the last keeps every shape and position kind, at a third of the cost.
 */
function representative(p: ConfigPath): boolean {
  return p.every((part, i) => {
    if (typeof part !== 'number') return true;
    const list = p.slice(0, i).reduce<RawConfig>((acc, k) => acc[k], DEFAULT) as unknown[];
    return part === 0 || part === list.length - 1;
  });
}

function leafCases(): FuzzCase[] {
  const rejected: FuzzCase[] = [];
  for (const { path: p, value } of walk(DEFAULT).filter((n) => representative(n.path))) {
    const at = formatPath(p);
    const add = (kind: string, text: () => string) => rejected.push({ kind, path: at, text });
    if (typeof value === 'string') {
      const free = FREE_TEXT.some((r) => r.test(at));
      add('wrong type: number', setTo(p, 12345));
      add('wrong type: list', setTo(p, [value]));
      add('wrong type: mapping', setTo(p, { value }));
      add('huge string', setTo(p, HUGE));
      if (!free) {
        add('unicode: zero-width space', setTo(p, `${value}\u200b`));
        const look = homoglyph(value);
        if (look) add('unicode: look-alike letter', setTo(p, look));
        add('empty string', setTo(p, ''));
      }
      if (CIDR.test(value)) {
        const [ip] = value.split('/');
        add('cidr: prefix /33', setTo(p, `${ip}/33`));
        add('cidr: octet 256', setTo(p, value.replace(/^\d+/, '256')));
        add('cidr: IPv6', setTo(p, '2001:db8::/32'));
        add('cidr: no prefix', setTo(p, ip));
      }
    } else if (typeof value === 'number') {
      add('wrong type: string', setTo(p, 'sixty-four'));
      add('wrong type: boolean', setTo(p, true));
      add('negative number', setTo(p, -1));
      add('huge number', setTo(p, 1e30));
      add('fraction', setTo(p, value + 0.5));
      add('infinity', setTo(p, Infinity));
      add('not a number', setTo(p, NaN));
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && fixedKeys(p)) {
      for (const key of Object.keys(value)) {
        const wrong = typo(key);
        if (wrong in value) continue;
        rejected.push({ kind: 'unknown key (typo)', path: formatPath([...p, wrong]), says: `(did you mean "${key}"?)`, text: mutated([...p, key], (parent) => void (parent[wrong] = parent[key])) });
      }
    }
    if (p.length > 0 && typeof p[p.length - 1] === 'string' && required(p)) {
      add('missing required key', mutated(p, (parent, key) => void delete parent[key]));
    }
  }
  return rejected;
}

/** Whole files that are not a landing zone at all; the error is at the root or at the YAML position. */
const SPECIAL_FILES: readonly [string, string][] = [
  ['empty file', ''],
  ['only whitespace', '  \n\n\t\n'],
  ['only a comment', '# nothing here\n'],
  ['null document', 'null\n'],
  ['a number', '42\n'],
  ['a string', '"landing zone"\n'],
  ['a list', '- name: shop\n- region: ap-northeast-2\n'],
  ['not YAML: unbalanced braces', '{{{ name: shop'],
  ['not YAML: unclosed flow list', 'name: [shop\nregion: x\n'],
  ['not YAML: unterminated quote', 'name: "shop\nregion: ap-northeast-2\n'],
  ['not YAML: tab indentation', 'hub:\n\taccount: "111111111111"\n'],
  ['not YAML: binary bytes', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
  ['not YAML: NUL bytes', 'name: shop\0\0\0\n'],
  ['not YAML: UTF-16 read as UTF-8', Buffer.from('name: shop\nregion: ap-northeast-2\n', 'utf16le').toString('utf8')],
  ['not YAML: HTML', '<!doctype html><html><body>404</body></html>\n'],
  ['duplicate key', 'name: shop\nname: other\n'],
  ['two documents', 'name: shop\n---\nname: other\n'],
  ['alias bomb (10^10 nodes)', `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\n`],
  ['deeply nested lists', `name: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
  ['deeply nested mappings', `${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n`],
  ['unknown YAML tag', 'name: !!js/function "function () { return 1 }"\n'],
  ['a 2 MB line', `name: ${'y'.repeat(2_000_000)}\n`],
];

/** The default config with a change the rules (not the schema) must refuse. */
const RULE_CASES: readonly { kind: string; path: string; change: (c: RawConfig) => void }[] = [
  { kind: 'overlap: spoke and spoke', path: 'spokes[1].vpc.cidr', change: (c) => (c.spokes[1].vpc.cidr = '172.16.0.0/16') },
  { kind: 'overlap: subnet and subnet', path: 'spokes[0].vpc.subnets[3].cidr', change: (c) => (c.spokes[0].vpc.subnets[3].cidr = '172.16.32.0/20') },
  { kind: 'overlap: spoke and hub egress VPC', path: 'spokes[1].vpc.cidr', change: (c) => (c.spokes[1].vpc.cidr = '10.255.0.0/16') },
  { kind: 'overlap: on-premises and spoke', path: 'spokes[1].vpc.cidr', change: (c) => (c.spokes[1].vpc.cidr = '10.10.0.0/16') },
  { kind: 'overlap: client VPN and VPC', path: 'spokes[0].clientVpn.clientCidr', change: (c) => (c.spokes[0].clientVpn.clientCidr = '172.20.0.0/22') },
  { kind: 'subnet outside its VPC', path: 'spokes[0].vpc.subnets[0].cidr', change: (c) => (c.spokes[0].vpc.subnets[0].cidr = '172.17.1.0/24') },
  { kind: 'same account twice', path: 'spokes[1].account', change: (c) => (c.spokes[1].account = c.spokes[0].account) },
  { kind: 'same spoke name twice', path: 'spokes[1].name', change: (c) => (c.spokes[1].name = c.spokes[0].name) },
  { kind: 'VLAN out of range', path: 'hub.directConnect.virtualInterfaces[0].vlan', change: (c) => (c.hub.directConnect.virtualInterfaces[0].vlan = 4095) },
  { kind: 'unknown segment', path: 'spokes[0].segment', change: (c) => (c.spokes[0].segment = 'prd') },
  { kind: 'region that does not exist', path: 'region', change: (c) => (c.region = 'ap-northeast-9') },
  { kind: 'an AZ of another region', path: 'spokes[1].vpc.availabilityZones[0]', change: (c) => (c.spokes[1].vpc.availabilityZones[0] = 'us-east-1a') },
  { kind: '__proto__ key at the root', path: '__proto__', change: (c) => Object.defineProperty(c, '__proto__', { value: { polluted: true }, enumerable: true }) },
  { kind: 'wrong type in a list of prefixes', path: 'hub.directConnect.allowedPrefixes[0]', change: (c) => (c.hub.directConnect.allowedPrefixes = [12345, '172.16.0.0/12']) },
  { kind: 'constructor key in a spoke', path: 'spokes[0].constructor', change: (c) => (c.spokes[0].constructor = { polluted: true }) },
];

// ---- assertions --------------------------------------------------------------------------------

/** The ConfigError's issues; any other exception fails the case with its own message. */
function rejection(text: string): { issues: readonly LocatedIssue[]; message: string } | undefined {
  try {
    parseConfig(text, FILE);
    return undefined;
  } catch (e) {
    if (e instanceof ConfigError) return { issues: e.issues, message: e.message };
    throw new Error(`not a ConfigError but ${(e as Error)?.name}: ${String((e as Error)?.message).slice(0, 300)}`);
  }
}

function expectRejected(c: FuzzCase): void {
  const r = rejection(c.text());
  expect({ case: `${c.kind} at ${c.path}`, rejected: !!r }).toEqual({ case: `${c.kind} at ${c.path}`, rejected: true });
  const errors = r!.issues.filter((i) => i.severity !== 'warning');
  // At the path, or inside the value put there (a string turned into a list is reported at its element).
  const names = (i: LocatedIssue) => [c.path, `${c.path}[`, `${c.path}.`].some((p, k) => (k === 0 ? formatPath(i.path) === p : formatPath(i.path).startsWith(p)));
  const hit = errors.find(names);
  expect({ case: c.kind, at: c.path, named: !!hit, paths: errors.map((i) => formatPath(i.path)) }).toMatchObject({ case: c.kind, at: c.path, named: true });
  expect(hit!.file).toBe(FILE);
  expect(hit!.line).toBeGreaterThanOrEqual(1);
  expect(hit!.column).toBeGreaterThanOrEqual(1);
  expect(r!.message).toContain(`${FILE}:${hit!.line}:${hit!.column} ${formatPath(hit!.path)}: `);
  if (c.says) expect(hit!.message).toContain(c.says);
  expect(r!.message).not.toMatch(/\n\s+at /);
}

// ---- the cases ---------------------------------------------------------------------------------

const CASES: FuzzCase[] = [...leafCases(), ...RULE_CASES.map((r) => ({ kind: r.kind, path: r.path, text: () => { const c = structuredClone(DEFAULT); r.change(c); return stringify(c); } }))];
const FILES = SPECIAL_FILES;
const TOTAL = CASES.length + FILES.length;

describe(`mutation fuzzing of landing-zone.yaml: ${TOTAL} cases, each rejected with its path (${CASES.length} mutations + ${FILES.length} special files)`, () => {
  afterAll(() => {
    const byKind = new Map<string, number>();
    for (const c of CASES) byKind.set(c.kind.replace(/:.*/, ''), (byKind.get(c.kind.replace(/:.*/, '')) ?? 0) + 1);
    console.log(`fuzz: ${TOTAL} cases rejected with their path (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}, ${FILES.length} special files)`);
  });

  test('the generator covers every kind of mutation the issue lists, over every part of the config', () => {
    const kinds = new Set(CASES.map((c) => c.kind.replace(/:.*/, '')));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['cidr', 'empty string', 'fraction', 'huge number', 'huge string', 'infinity', 'missing required key', 'negative number', 'not a number', 'unicode', 'unknown key (typo)', 'wrong type']),
    );
    for (const top of ['organization', 'hub.transitGateway', 'hub.dns', 'hub.directConnect', 'hub.vpn', 'onPremises', 'logArchive', 'spokes[0].vpc.subnets', 'spokes[0].clientVpn', 'spokes[0].alb', 'spokes[1].vpc.tiers']) {
      expect({ top, cases: CASES.some((c) => c.path.startsWith(top)) }).toEqual({ top, cases: true });
    }
    expect(TOTAL).toBeGreaterThanOrEqual(500);
  });

  test.each(CASES.map((c) => [`${c.kind} at ${c.path}`, c] as const))('%s', (_name, c) => expectRejected(c));

  const expectFileRejected = (text: string) => {
    const r = rejection(text);
    expect(r).toBeDefined();
    expect(r!.issues.length).toBeGreaterThan(0);
    // Each problem printed as formatIssue writes it: `file:line:col path: value …`, or a sentence for the file as a whole.
    for (const i of r!.issues) expect(r!.message).toContain(formatIssue(i));
    expect(r!.message).not.toMatch(/\n\s+at /);
    expect(r!.message.length).toBeLessThan(20_000);
  };
  test.each(FILES)('special file: %s', (_name, text) => expectFileRejected(text));

  test('prototype keys pollute nothing', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a byte-order mark in front of a valid file is not an error', () => {
    expect(parseConfig(`\ufeff${fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')}`, FILE).landingZone.spokes.length).toBe(2);
  });

});
