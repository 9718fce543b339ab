/**
 * Loads landing-zone.yaml: YAML with positions (the `yaml` package), shape and defaults (zod),
 * semantic rules (config/validate). Every problem from every stage is collected and thrown once,
 * each with file:line:col, path, value and fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isCollection, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, Document } from 'yaml';
import { z } from 'zod';
import { ConfigError, ConfigIssue, ConfigPath, didYouMean, LocatedIssue } from './issues';
import { LandingZone, resolveLandingZone } from './model';
import { LandingZoneConfig, landingZoneSchema } from './schema';
import { TAG_RULES } from '../lib/aws/tags';
import { Allocation, allocationFileFor, orphanAllocations, pinAllocations, readAllocations, RecordedAllocations } from './ipam-allocation';
import { validateConfig } from './validate';
import { yamlDataIssue } from './yaml-aliases';

/** The config embedded in the project, used when no other is named. */
export const DEFAULT_CONFIG_PATH = defaultConfigPath(path.join(__dirname, '..'));

/**
 * The embedded config beside the code in `root`. The compiled CLI runs from `dist/`, which carries a
 * copy of landing-zone.yaml made at build time (for the synth artifact the workflows download); when the
 * project's own file is one level up, that one wins, so `npx lz` never reads a stale copy of an edited config.
 */
export function defaultConfigPath(root: string): string {
  const project = path.join(root, '..', 'landing-zone.yaml');
  return path.basename(root) === 'dist' && existsSync(project) ? project : path.join(root, 'landing-zone.yaml');
}

/**
 * yaml's budget for alias expansion (its `maxAliasCount`): far above what a landing zone repeats,
 * far below an alias bomb. https://eemeli.org/yaml/#tojs-options
 */
const MAX_ALIAS_COUNT = 100;

/** A loaded, valid config. */
export interface LoadedConfig {
  readonly file: string;
  readonly config: LandingZoneConfig;
  readonly landingZone: LandingZone;
  /** Warnings found by the rules (errors throw). */
  readonly warnings: readonly LocatedIssue[];
  /** IPAM allocations (config/ipam-allocation.ts): the file beside the config, every allocation, and those made by this load (to record with `allocate`). */
  readonly ipamAllocations: { readonly file: string; readonly all: readonly Allocation[]; readonly added: readonly Allocation[] };
}

/** Options of {@link parseConfig}. */
export interface ParseOptions {
  /** The recorded IPAM allocations. @default read from the file beside the config (`<config>.allocations.yaml`) */
  readonly allocations?: RecordedAllocations;
  /** Allocate IPAM spokes that have no recorded allocation, to record them (`lz ipam allocate`, `lz synth`). @default false: the range they would take is pinned for this load, with a warning */
  readonly allocate?: boolean;
  /** A spoke without a recorded allocation is an error (`lz synth --frozen-allocations`). @default false */
  readonly frozen?: boolean;
}

/** Where a path of a YAML document is: line and column (1-based) of its key, or of its nearest existing parent. */
export type Locator = (p: ConfigPath) => { line: number; column: number };

/** The {@link Locator} of a parsed YAML document (also used for other YAML files of the project, e.g. the connectivity acknowledgement). */
export function locatorFor(doc: Document, counter: LineCounter): Locator {
  return (p) => {
    // Walk as deep as the document goes; a missing key is reported at its nearest parent.
    let node: unknown = doc.contents;
    let offset = 0;
    for (const part of p) {
      if (isMap(node)) {
        const pair = node.items.find((it) => (isScalar(it.key) ? it.key.value : it.key) === part);
        if (!pair) break;
        offset = (isNode(pair.key) && pair.key.range?.[0]) || offset;
        node = pair.value;
        // A block mapping or list starts on the next line; the key is the line a person looks for.
        if (isNode(node) && node.range && !(isCollection(node) && !node.flow)) offset = node.range[0];
      } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
        node = node.items[part];
        if (isNode(node) && node.range) offset = node.range[0];
      } else break;
    }
    const pos = counter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
}

/** What the schema made of the data: the typed config (and the unknown keys set aside), or the shape problems. */
type Shape = { readonly success: true; readonly data: z.output<typeof landingZoneSchema>; readonly unknownKeys: ConfigIssue[] } | { readonly success: false; readonly issues: ConfigIssue[] };

/**
 * The schema's verdict. When every problem is an unknown key (a typo, mostly: `natGatways`), the keys
 * are reported and set aside, and the config without them goes on to the rules, so one run reports
 * the typo and the rule problems together. Any other shape problem (a wrong type, a missing key)
 * stops here: the rules need a whole, typed config.
 */
function parseShape(data: unknown): Shape {
  const parsed = landingZoneSchema.safeParse(data, { reportInput: false });
  if (parsed.success) return { success: true, data: parsed.data, unknownKeys: [] };
  const issues = schemaIssues(parsed.error.issues, data);
  if (!parsed.error.issues.every((i) => i.code === 'unrecognized_keys')) return { success: false, issues };
  const stripped = structuredClone(data);
  for (const issue of parsed.error.issues) {
    const parent = valueAt(stripped, issue.path as ConfigPath) as Record<string, unknown>;
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) delete parent[key];
  }
  const again = landingZoneSchema.safeParse(stripped, { reportInput: false });
  return again.success ? { success: true, data: again.data, unknownKeys: issues } : { success: false, issues };
}

/** The top-level keys a config must have, in schema order: what an empty file is missing. */
function requiredRootKeys(): string[] {
  return Object.entries(landingZoneSchema.shape)
    .filter(([, schema]) => !(schema instanceof z.ZodOptional || schema instanceof z.ZodDefault))
    .map(([key]) => key);
}

/** Keys the schema allows at a path, for did-you-mean on unknown keys. */
function knownKeysAt(p: ConfigPath): string[] {
  let schema: z.ZodType = landingZoneSchema;
  for (const part of p) {
    schema = objectBranch(unwrap(schema));
    if (schema instanceof z.ZodObject) schema = schema.shape[part as string] ?? z.never();
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return [];
  }
  schema = objectBranch(unwrap(schema));
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodRecord && schema.keyType instanceof z.ZodEnum) return schema.keyType.options as string[];
  return [];
}

/** The mapping branch of a union such as `string | { name, csr }` (`clientVpn.users[]`), else the schema itself. */
function objectBranch(schema: z.ZodType): z.ZodType {
  if (!(schema instanceof z.ZodUnion)) return schema;
  return (schema.options as z.ZodType[]).map(unwrap).find((o) => o instanceof z.ZodObject) ?? schema;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

function valueAt(data: unknown, p: ConfigPath): unknown {
  return p.reduce<unknown>((acc, part) => (acc !== null && typeof acc === 'object' ? (acc as Record<string | number, unknown>)[part] : undefined), data);
}

/** Zod's type names in the words of a YAML author, with the article: `a list`, `a mapping`, `an integer`. */
const YAML_TYPE_WORDS: Readonly<Record<string, string>> = { array: 'list', object: 'mapping', record: 'mapping', int: 'integer' };
function aTypeWord(type: string): string {
  const word = YAML_TYPE_WORDS[type] ?? type;
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

/** Fixes for format errors, by the key that failed. */
const FIX_BY_KEY: Readonly<Record<string, string>> = {
  account: 'write the 12 digits in quotes, e.g. "111111111111"',
  id: 'copy the id from AWS Organizations (Settings), e.g. o-a1b2c3d4e5',
  roleArn: 'write arn:aws:iam::<account>:role/<role name>',
  name: 'use lower-case letters, digits and hyphens, e.g. "shop-prod"',
  segment: 'use lower-case letters, digits and hyphens, e.g. "prod"',
  healthCheckPath: 'write a path such as /health',
};

/** Fixes for values of the wrong size, by the key that failed (others: `change it to fit that range`). */
const SIZE_FIX_BY_KEY: Readonly<Record<string, string>> = {
  amazonAddress: 'write an address with its prefix such as 169.254.100.1/30, or remove both peer addresses (AWS then assigns them)',
  customerAddress: 'write an address with its prefix such as 169.254.100.2/30, or remove both peer addresses (AWS then assigns them)',
  healthCheckPath: 'shorten the path',
  location: 'shorten it: it is only a label for people',
  reason: 'say why in at least 10 characters (it is printed with the finding it accepts)',
};

/** The fix for a value at `p` that failed a size or a format check. A tag's name is the user's own and may equal a config key such as `name`: tags never take a key's fix. */
function fixAt(p: ConfigPath, check: 'size' | 'format'): string {
  if (p[0] === 'tags') return check === 'size' ? `shorten the tag value to at most ${TAG_RULES.maxValueLength} characters` : 'correct the value as the message says';
  const key = String(p[p.length - 1]);
  return check === 'size' ? (SIZE_FIX_BY_KEY[key] ?? 'change it to fit that range') : (FIX_BY_KEY[key] ?? 'correct the value as the message says');
}

/** What one branch of a union wanted, in a YAML author's words: `auto`, `a list`. */
function alternatives(branch: readonly z.core.$ZodIssue[]): string[] {
  return branch.flatMap((i) => (i.code === 'invalid_value' ? i.values.map(String) : i.code === 'invalid_type' ? [aTypeWord(i.expected)] : [i.message]));
}

/**
 * A union none of whose branches matched. A branch whose every issue lies inside the value got past
 * the shape check (a list where a list or `auto` is allowed): its issues are the real ones, at the
 * element. Otherwise the value has none of the accepted forms: name them all.
 */
function unionIssues(issue: z.core.$ZodIssueInvalidUnion, p: ConfigPath, value: unknown, data: unknown): ConfigIssue[] {
  // Unknown keys of a mapping also mean the mapping form was meant (`{ name, cert }` for `{ name, csr }`).
  const inside = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
  if (inside) return schemaIssues(inside.map((i) => ({ ...i, path: [...p, ...i.path] })), data);
  const options = [...new Set(issue.errors.flatMap(alternatives))];
  const literals = issue.errors.flat().flatMap((i) => (i.code === 'invalid_value' ? i.values.map(String) : []));
  if (options.length === 0) return [{ path: p, value, message: issue.message, fix: 'correct the value as the message says' }];
  return [{ path: p, value, message: `is not allowed${didYouMean(String(value), literals)}`, fix: `use one of: ${options.join(', ')}` }];
}

/** Turns zod's issues into ours: same path, the value, and a fix a person can act on. */
function schemaIssues(issues: readonly z.core.$ZodIssue[], data: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const p = issue.path as (string | number)[];
    const value = valueAt(data, p);
    switch (issue.code) {
      case 'invalid_union':
        out.push(...unionIssues(issue, p, value, data));
        break;
      case 'invalid_key':
        // A record key (a tag key) that fails its own schema: reported at the key, with the key as value.
        for (const inner of issue.issues) out.push({ path: p, value: p[p.length - 1], message: inner.message, fix: 'shorten or rename the key' });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const known = knownKeysAt(p);
          out.push({ path: [...p, key], value: key, message: `is not a known key${didYouMean(key, known)}`, fix: `remove it or use one of: ${known.join(', ')}` });
        }
        break;
      case 'invalid_type': {
        const expected = aTypeWord(issue.expected);
        out.push(
          value === undefined
            ? { path: p, message: 'is required', fix: `add ${String(p[p.length - 1])} (${expected})` }
            : { path: p, value, message: `is ${value === null ? 'empty' : aTypeWord(Array.isArray(value) ? 'array' : typeof value)}, expected ${expected}`, fix: `write ${expected}${issue.expected === 'string' ? ' (quote it in YAML)' : ''}` },
        );
        break;
      }
      case 'invalid_value': {
        const options = issue.values.map(String);
        out.push({ path: p, value, message: `is not allowed${didYouMean(String(value), options)}`, fix: `use one of: ${options.join(', ')}` });
        break;
      }
      case 'too_small':
      case 'too_big':
        // zod: "Too small: expected number to be >=16", "Too big: expected array to have <=3 items".
        out.push({ path: p, value, message: issue.message.replace(/^Too (?:small|big): expected \w+ to (be|have) /, 'must $1 '), fix: fixAt(p, 'size') });
        break;
      default:
        out.push({ path: p, value, message: issue.message, fix: fixAt(p, 'format') });
    }
  }
  return out;
}

/**
 * Every key that repeats an earlier key of the same mapping, at the repetition, naming the key, the
 * mapping's path and both lines: `hub.egress: "cidr" is a duplicate key (first at line 10, again at line 12)`.
 */
function duplicateKeyIssues(doc: Document, counter: LineCounter, file: string): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const walk = (node: unknown, at: ConfigPath): void => {
    if (isMap(node)) {
      const first = new Map<string, number>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const offset = (isNode(pair.key) && pair.key.range?.[0]) || 0;
        const prior = first.get(key);
        if (prior === undefined) {
          first.set(key, offset);
          walk(pair.value, [...at, key]);
          continue;
        }
        const pos = counter.linePos(offset);
        issues.push({
          file,
          line: pos.line,
          column: pos.col,
          path: at,
          value: key,
          message: `is a duplicate key (first at line ${counter.linePos(prior).line}, again at line ${pos.line}); YAML would silently keep only one of the two values`,
          fix: 'remove one of them',
        });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...at, i]));
    }
  };
  walk(doc.contents, []);
  return issues;
}

/**
 * Parses and validates config text; throws `ConfigError` listing every problem. `file` names the
 * config in messages and locates the files it names (relative paths resolve against its directory).
 */
export function parseConfig(text: string, file: string, options: ParseOptions = {}): LoadedConfig {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const locate = locatorFor(doc, counter);
  const located = (issues: ConfigIssue[]): LocatedIssue[] => issues.map((i) => ({ ...i, file, ...locate(i.path) }));

  if (doc.errors.length > 0) {
    // yaml says only "Map keys must be unique"; the walk below names the key, its path and both lines.
    const syntax = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    throw new ConfigError([
      ...syntax.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, path: [], value: undefined, message: `${path.basename(file)} is not valid YAML: ${e.message.split('\n')[0]}`, fix: 'fix the YAML syntax at this position' };
      }),
      ...duplicateKeyIssues(doc, counter, file),
    ]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // An alias bomb or an alias to an undefined anchor: yaml throws a bare ReferenceError.
    const { offset, ...issue } = yamlDataIssue(doc, e, MAX_ALIAS_COUNT);
    const pos = counter.linePos(offset);
    throw new ConfigError([{ ...issue, file, line: pos.line, column: pos.col }]);
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    // The whole file is wrong: a sentence about the file, not a path and a value.
    const keys = requiredRootKeys();
    const expected = `expected a mapping with ${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]} (and usually spokes)`;
    const name = path.basename(file);
    const message = data == null ? `${name} is empty: ${expected}` : Array.isArray(data) ? `${name} holds a list, not a mapping: ${expected}` : `is all ${name} holds: ${expected}`;
    throw new ConfigError(located([{ path: [], value: data === undefined ? undefined : data, message, fix: 'start from the embedded landing-zone.yaml and edit it' }]));
  }
  const parsed = parseShape(data);
  if (!parsed.success) throw new ConfigError(located(parsed.issues));
  // Unknown keys did not stop the rules: they are reported with whatever the rules find.
  const unknownKeys = located(parsed.unknownKeys);

  // Files the config names (Client VPN certificate requests) are relative to the config file; `file`
  // is absolute or relative to the working directory (loadConfig), so this finds its directory.
  const configDir = path.dirname(path.resolve(file));
  // IPAM spokes get their recorded range before any rule runs, so every rule sees exact ranges.
  const allocationFile = allocationFileFor(file);
  const recorded = options.allocations ?? readAllocations(allocationFile);
  if (recorded.issues.some((i) => i.severity !== 'warning')) throw new ConfigError([...recorded.issues]);
  const pinned = pinAllocations(parsed.data, recorded.allocations, { allocate: options.allocate, frozen: options.frozen, allocationFile, configFile: file });
  if (!pinned.config) throw new ConfigError([...unknownKeys, ...located([...pinned.issues])]);
  const orphans = orphanAllocations(parsed.data, recorded.allocations).map((a) => ({
    path: ['spokes'],
    value: a.spoke,
    severity: 'warning' as const,
    message: `is no longer a spoke, but ${allocationFile} still reserves ${a.cidr} of pool "${a.pool}" for it`,
    fix: 'delete its line from the allocation file to free the block (keep it while the VPC still exists)',
  }));
  const issues = located([...pinned.issues, ...validateConfig(pinned.config, configDir), ...orphans]);
  if (unknownKeys.length > 0 || issues.some((i) => i.severity !== 'warning')) throw new ConfigError([...unknownKeys, ...issues]);
  return {
    file,
    config: pinned.config,
    landingZone: resolveLandingZone(pinned.config, { configDir }),
    warnings: issues,
    ipamAllocations: { file: allocationFile, all: pinned.allocations, added: pinned.added },
  };
}

/** Reads a config file (default: the embedded landing-zone.yaml) and validates it. */
export function loadConfig(file: string = DEFAULT_CONFIG_PATH, options: ParseOptions = {}): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(e as Error).message})`;
    throw new ConfigError([{ file, line: 1, column: 1, path: [], value: undefined, message: `the config file ${file} ${reason}`, fix: 'pass an existing file with --config or LZ_CONFIG' }]);
  }
  // Repo-relative when inside the working directory (clickable in editors and CI logs), else as given.
  const relative = path.relative(process.cwd(), file);
  return parseConfig(text, relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file, options);
}
