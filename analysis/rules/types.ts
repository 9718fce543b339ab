/**
 * The security rule pack, after cdk-nag: each rule is one pure function in its own file, listed in
 * the table in `index.ts` with its id, title, why and level.
 */
import type { ResourceGraph, TfResource } from '../graph/types';
import type { NetworkModel } from '../network/types';

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
  /**
   * The Terraform resource types the rule judges (its subjects, not the types it only looks up). When
   * the graph holds none of them the engine lists the rule in `summary.rulesWithoutSubjects`, so a
   * renamed provider type shows up instead of passing silently; `__tests__/analysis/rules/applies-to.test.ts`
   * checks every type exists in the pinned providers. Empty for a rule over the whole graph (stacks, outputs).
   */
  readonly appliesTo: readonly string[];
  /**
   * The check: pure, reads only the graph and the network model built from it. The engine always
   * passes the context; tests may omit it (rules that need the model then build it, {@link networkOf}).
   */
  readonly check: (graph: ResourceGraph, context?: RuleContext) => readonly Violation[];
}

/** What the engine hands every rule besides the graph: the one network model the proofs and the report use. */
export interface RuleContext {
  /** `buildNetwork(graph, ...)`, built once per analysis. */
  readonly network: NetworkModel;
}

