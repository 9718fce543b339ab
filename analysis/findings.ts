/** What `lz check` reports: rule findings (after suppressions) and intent results, and the exit code they imply. */
import type { Level } from './rules/types';

/** A suppression that silenced a finding. */
export interface AppliedSuppression {
  readonly reason: string;
  readonly expires?: string;
  /** Index in the list of suppressions applied (the config's first, then derived ones). */
  readonly index: number;
  /** For a suppression derived from another part of the config, where (e.g. `hub.endpoints.openPolicy[0]`). */
  readonly origin?: string;
}

/** One finding of the rule pack (or of the suppression checks). */
export interface Finding {
  readonly rule: string;
  readonly title: string;
  readonly level: Level;
  /** Resource id (`<stack>:<address>`), or `config` for findings about the config itself. */
  readonly resource: string;
  /** Construct path of the resource (what suppressions usually match). */
  readonly path: string;
  readonly message: string;
  /** The rule could not prove compliance because a value is unknown before apply. */
  readonly unknown: boolean;
  readonly suppressed?: AppliedSuppression;
}

/** One intent result (see analysis/intents). */
export interface IntentOutcome {
  readonly id: string;
  readonly title: string;
  readonly subject: string;
  readonly status: 'proved' | 'refuted' | 'unknown';
  readonly evidence: string;
  readonly culprit?: string;
  /** I3: the subject's row of the segment reachability matrix (counts per destination segment). */
  readonly matrix?: readonly { readonly segment: string; readonly expected: boolean; readonly members: number; readonly reachable: number; readonly refuted: number }[];
  /** I3: the subject spoke's segment. */
  readonly sourceSegment?: string;
}

/** Everything `lz check` found, as written to `cdktf.out/analysis.json`. */
export interface AnalysisResult {
  readonly version: 1;
  readonly landingZone: string;
  readonly stacks: readonly string[];
  readonly intents: readonly IntentOutcome[];
  readonly findings: readonly Finding[];
  readonly summary: {
    readonly resources: number;
    readonly rules: number;
    /** Ids of rules none of whose resource types (`Rule.appliesTo`) is in the graph: they had nothing to check. */
    readonly rulesWithoutSubjects: readonly string[];
    readonly intents: { readonly proved: number; readonly refuted: number; readonly unknown: number };
    readonly findings: { readonly errors: number; readonly warnings: number; readonly suppressed: number };
  };
  /** 0 when every intent is proved and no unsuppressed error remains, else 1. */
  readonly exitCode: 0 | 1;
}

/** True when a finding fails the check: an unsuppressed error. */
export const isBlocking = (f: Finding): boolean => f.level === 'error' && !f.suppressed;
