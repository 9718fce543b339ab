/**
 * Config test helpers: take the default landing-zone.yaml as a plain object, mutate it, write it back
 * with `yaml`'s `stringify` and run the real loader on the text, so every case goes through YAML
 * positions, zod and the rules exactly as a user's file does.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { ConfigError, formatIssue, formatPath, formatValue, LocatedIssue } from '../../config/issues';
import { DEFAULT_CONFIG_PATH, LoadedConfig, parseConfig } from '../../config/load';

/** File name the helpers report issues under. */
export const FILE = 'landing-zone.yaml';

/** The raw YAML data; `any` because tests write invalid shapes into it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawConfig = any;

/** Edits the raw config in place. */
export type Mutation = (config: RawConfig) => void;

/** The text the loader sees and what it reported. */
export interface Outcome {
  readonly text: string;
  readonly issues: readonly LocatedIssue[];
}

/** The default landing-zone.yaml as a fresh plain object. */
export const defaultConfigObject = (): RawConfig => parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));

/** The default config, mutated, as YAML text. */
export function configText(mutate: Mutation = () => undefined): string {
  const config = defaultConfigObject();
  mutate(config);
  return stringify(config);
}

/** Loads the mutated default config; throws the `ConfigError` if it is invalid. */
export const loadWith = (mutate?: Mutation): LoadedConfig => parseConfig(configText(mutate), FILE);

/** Issues the loader throws for this text; fails when it loads. */
export function issuesOf(text: string): Outcome {
  try {
    parseConfig(text, FILE);
  } catch (e) {
    if (e instanceof ConfigError) return { text, issues: e.issues };
    throw e;
  }
  throw new Error('expected a ConfigError, but the config loaded');
}

/** Issues the loader throws for the mutated default config. */
export const issuesWith = (mutate: Mutation): Outcome => issuesOf(configText(mutate));

/** Warnings of the mutated default config, which must load (warnings never stop it). */
export function warningsWith(mutate: Mutation): Outcome {
  const text = configText(mutate);
  return { text, issues: parseConfig(text, FILE).warnings };
}

/** The paths of an outcome's errors and of its warnings, each in report order: the whole outcome at a glance. */
export function pathsBySeverity(outcome: Outcome): { errors: string[]; warnings: string[] } {
  const paths = (severity: 'error' | 'warning') => outcome.issues.filter((i) => (i.severity ?? 'error') === severity).map((i) => formatPath(i.path));
  return { errors: paths('error'), warnings: paths('warning') };
}

/**
 * 1-based line and column of the `nth` occurrence of `needle` in `text`. A `|` in the needle marks
 * the exact spot when the needle carries context: `count: |0` is the position of the 0.
 */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  const cursor = Math.max(0, needle.indexOf('|'));
  const plain = needle.replace('|', '');
  let index = -1;
  for (let n = 0; n < nth; n++) {
    index = text.indexOf(plain, index + 1);
    if (index < 0) throw new Error(`"${plain}" occurs fewer than ${nth} times in:\n${text}`);
  }
  const before = text.slice(0, index + cursor).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** What one failing case must report. */
export interface ExpectedIssue {
  /** `formatPath` of the issue path. */
  readonly path: string;
  /** The offending value; omit for a missing key. */
  readonly value?: unknown;
  readonly message: string | RegExp;
  readonly fix: string | RegExp;
  /** Where it points: the text at that position (optionally its nth occurrence), or a line and column. */
  readonly at: string | readonly [string, number] | { readonly line: number; readonly column?: number };
  /** Default: error. A warning and an error may share a path; each is matched on its own. */
  readonly severity?: 'error' | 'warning';
}

/** Asserts that exactly one issue of the expected severity sits at `path` and that it carries the value, message, fix and position. */
export function expectIssue(outcome: Outcome, expected: ExpectedIssue): LocatedIssue {
  const severity = expected.severity ?? 'error';
  const atPath = outcome.issues.filter((i) => formatPath(i.path) === expected.path && (i.severity ?? 'error') === severity);
  expect({ path: expected.path, severity, count: atPath.length, all: outcome.issues.map(formatIssue) }).toMatchObject({ count: 1 });
  const issue = atPath[0];
  expect(issue.file).toBe(FILE);
  if ('value' in expected) {
    expect(issue.value).toEqual(expected.value);
    expect(formatIssue(issue)).toContain(`${expected.path}: ${formatValue(expected.value)} `);
  } else {
    expect(issue.value).toBeUndefined();
  }
  expect(issue.message).toEqual(typeof expected.message === 'string' ? expect.stringContaining(expected.message) : expect.stringMatching(expected.message));
  expect(issue.fix).toEqual(typeof expected.fix === 'string' ? expect.stringContaining(expected.fix) : expect.stringMatching(expected.fix));
  const at = expected.at;
  const want: { line: number; column?: number } = typeof at === 'string' ? positionOf(outcome.text, at) : Array.isArray(at) ? positionOf(outcome.text, at[0], at[1]) : (at as { line: number; column?: number });
  // Compared together with the path so a failure says which case points at the wrong place.
  expect({ path: expected.path, line: issue.line, column: want.column === undefined ? undefined : issue.column }).toEqual({ path: expected.path, ...want });
  return issue;
}
