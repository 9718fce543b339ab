/**
 * The security rule pack, after cdk-nag: each rule is one pure function in its own file, listed in
 * the table in `index.ts` with its id, title, why and level.
 */
import type { ResourceGraph, TfResource } from '../graph/types';

/** How bad a finding is: errors fail `lz check`, warnings are printed. */
export type Level = 'error' | 'warning';

/** Ids of the same control in other tools, where one exists. */
export interface RuleMappings {
  readonly cdkNag?: readonly string[];
  readonly checkov?: readonly string[];
  readonly securityHub?: readonly string[];
}

/**
 * A part of a stack that is not a resource but can be at fault: an output (what other workspaces and
 * `terraform output` read), an input variable or a local value.
 */
export interface StackElement {
  /** `<stack>:output.<name>`, `<stack>:var.<name>` or `<stack>:local.<name>`. */
  readonly id: string;
  readonly stack: string;
  readonly type: 'output' | 'variable' | 'local';
  readonly name: string;
  /** `<stack>/output.<name>` (or `var.`, `local.`): the synthesized JSON carries no construct path for these. */
  readonly path: string;
}

/** One problem a rule found. */
export interface Violation {
  /** The resource at fault, or the output, variable or local value of a stack. */
  readonly resource: TfResource | StackElement;
  /** What is wrong, naming the value, e.g. `ingress tcp 22 from 0.0.0.0/0`. */
  readonly message: string;
  /** True when the rule could not prove compliance because a value is unknown before apply. */
  readonly unknown?: boolean;
}

/** One rule of the pack. */
export interface Rule {
  /** Stable id, `LZ-<AREA><NN>` (e.g. `LZ-SG01`); suppressions refer to it. */
  readonly id: string;
  /** One line: what compliant looks like. */
  readonly title: string;
  /** Why it matters, one or two sentences. */
  readonly why: string;
  readonly level: Level;
  /** False for rules no suppression may silence (e.g. world-open admin ports). */
  readonly suppressible: boolean;
  readonly mappings: RuleMappings;
  /** The check: pure, reads only the graph. */
  readonly check: (graph: ResourceGraph) => readonly Violation[];
}
