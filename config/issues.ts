/**
 * Config problems: every rule returns `ConfigIssue`s; the loader adds file:line:col and throws one
 * `ConfigError` that lists them all.
 */
import { closest, distance } from 'fastest-levenshtein';

/** Path into the config, e.g. ['spokes', 1, 'vpc', 'subnets', 3, 'cidr']. */
export type ConfigPath = readonly (string | number)[];

/** One problem found in the config. */
export interface ConfigIssue {
  readonly path: ConfigPath;
  /** What is wrong, phrased to follow the value: `is outside the VPC 172.16.0.0/16`. */
  readonly message: string;
  /** The offending value; `undefined` when the key is missing. */
  readonly value?: unknown;
  /** How to fix it, phrased as an instruction: `pick a range inside it`. */
  readonly fix: string;
  /** Warnings are printed but do not stop synthesis. Default: error. */
  readonly severity?: 'error' | 'warning';
}

/** An issue with its position in the file. */
export interface LocatedIssue extends ConfigIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `spokes[1].vpc.subnets[3].cidr` */
export function formatPath(path: ConfigPath): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

/** Renders a value the way it appears in the message: strings quoted, long values cut. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * `landing-zone.yaml:42:9 spokes[1].vpc.subnets[3].cidr: "172.16.200.0/20" is outside the VPC 172.16.0.0/16 — pick a range inside it`.
 * A problem with the file as a whole (empty, not YAML, not a mapping) has no path: it reads as a
 * sentence, `landing-zone.yaml:1:1 landing-zone.yaml is empty: expected a mapping with name, … — …`,
 * with the value only when it is a scalar the message follows (a duplicate top-level key).
 */
export function formatIssue(issue: LocatedIssue): string {
  const level = issue.severity === 'warning' ? 'warning: ' : '';
  if (issue.path.length === 0) {
    const scalar = typeof issue.value === 'string' || typeof issue.value === 'number' || typeof issue.value === 'boolean';
    return `${issue.file}:${issue.line}:${issue.column} ${level}${scalar ? `${formatValue(issue.value)} ` : ''}${issue.message} — ${issue.fix}`;
  }
  return `${issue.file}:${issue.line}:${issue.column} ${level}${formatPath(issue.path)}: ${formatValue(issue.value)} ${issue.message} — ${issue.fix}`;
}

/** Issues in the order of the file: by file, line, column; issues at one position keep their order. */
export function byPosition<T extends LocatedIssue>(issues: readonly T[]): T[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.file === b.issue.file ? 0 : a.issue.file < b.issue.file ? -1 : 1) || a.issue.line - b.issue.line || a.issue.column - b.issue.column || a.i - b.i)
    .map((x) => x.issue);
}

/** Thrown when the config has one or more errors; `message` lists every one. */
export class ConfigError extends Error {
  /** The problems, sorted by their position in the file (a reader fixes them top to bottom). */
  readonly issues: readonly LocatedIssue[];

  constructor(issues: readonly LocatedIssue[]) {
    const sorted = byPosition(issues);
    const errors = sorted.filter((i) => i.severity !== 'warning');
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} in the landing zone config:\n${sorted.map(formatIssue).join('\n')}`);
    this.issues = sorted;
    this.name = 'ConfigError';
  }
}

/** ` (did you mean "x"?)` when a candidate is close enough to be a likely typo, else ''. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  if (candidates.length === 0 || typeof value !== 'string') return '';
  const best = closest(value, [...candidates]);
  const d = distance(value, best);
  // A suggestion that rewrites every character of a short word is a guess, not a typo fix ("web" is not "db").
  return d <= Math.max(2, Math.floor(best.length / 3)) && d < Math.min(value.length, best.length) ? ` (did you mean "${best}"?)` : '';
}
