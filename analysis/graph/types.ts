/**
 * The resource graph: every resource and data source of every stack in `cdktf.out`, with `${...}`
 * references resolved within a stack and across stacks (a `terraform_remote_state` output is
 * followed back to the resource of the producing stack that the output names).
 *
 * Values that cannot be resolved offline are {@link Unknown}. An Unknown must never make a check
 * pass: rules and intents treat it as "cannot prove" and report it.
 */

/** A reference to an attribute of another resource, e.g. `aws_vpc.app-vpc_8A0156E4.id`. */
export interface Ref {
  /** Id of the referenced resource ({@link TfResource.id}). */
  readonly $ref: string;
  /** Attribute path after the address, e.g. `id`, `arn`, `outputs.x` or `ip_address`. */
  readonly attribute: string;
}

/** A string mixing literal text and references, e.g. `arn:aws:s3:::${aws_s3_bucket.b.bucket}/*` or a JSON policy. */
export interface Template {
  /** The synthesized string as written. */
  readonly $template: string;
  /** Every reference in it, resolved where possible. */
  readonly refs: readonly (Ref | Unknown)[];
}

/** A value nobody can know before apply (a function call, a variable, a missing output). */
export interface Unknown {
  /** The expression as synthesized. */
  readonly $unknown: string;
  /** Why it cannot be resolved, for the finding message. */
  readonly reason: string;
  /** What kind of expression it is, for code that branches on the cause (the reason is for people). */
  readonly kind?: UnknownKind;
  /** References inside the expression (a function's arguments), resolved; what it depends on even though its value is unknown. */
  readonly refs?: readonly Ref[];
}

/**
 * Why a value is {@link Unknown}: a `var.` or `local.` value, a function call or other expression,
 * a splat, a reference to an address the stack does not declare, a remote state no stack writes, a
 * missing output or map key, a template directive, or a cycle of outputs.
 */
export type UnknownKind = 'variable' | 'local' | 'function' | 'expression' | 'splat' | 'undeclared' | 'remote-state' | 'missing-output' | 'missing-key' | 'directive' | 'cycle';

/** A resolved attribute value. */
export type Value = string | number | boolean | null | Ref | Template | Unknown | readonly Value[] | { readonly [key: string]: Value };

/** One resource or data source. */
export interface TfResource {
  /** Globally unique id: `<stack>:<type>.<name>` for resources, `<stack>:data.<type>.<name>` for data sources. */
  readonly id: string;
  readonly stack: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  /** Logical name inside the stack (the Terraform name, e.g. `app-vpc_8A0156E4`). */
  readonly name: string;
  /** Terraform address inside its stack: `aws_vpc.app-vpc_8A0156E4` or `data.terraform_remote_state.hub`. */
  readonly address: string;
  /** Construct path from the `//` metadata, e.g. `shop-spoke-shop-prod/app-vpc/vpc`; the address when absent. */
  readonly path: string;
  /** Provider alias as written (`aws.hub`) or undefined for the default provider. */
  readonly provider?: string;
  /** Arguments with references resolved (`//`, `depends_on`, `provider`, `lifecycle` removed). */
  readonly attrs: { readonly [key: string]: Value };
  /** The lifecycle block as synthesized (e.g. `{ prevent_destroy: true }`). */
  readonly lifecycle?: { readonly [key: string]: unknown };
  /** Ids of `depends_on` targets. */
  readonly dependsOn: readonly string[];
}

/** One stack of the manifest. */
export interface StackInfo {
  readonly name: string;
  readonly dependencies: readonly string[];
  /** Path of `cdk.tf.json`, relative to the output directory. */
  readonly file: string;
  /** Provider configurations (`provider.aws[*]`) as synthesized. */
  readonly providers: readonly { readonly [key: string]: unknown }[];
  /** Output values, resolved like attributes (e.g. `transit_gateway_route_table_ids` as a map of Refs). */
  readonly outputs?: { readonly [name: string]: Value };
  /** Input variables the stack declares, by name. @default none */
  readonly variables?: { readonly [name: string]: VariableInfo };
  /** Local values, resolved like attributes (a `local.x` elsewhere stays {@link Unknown}). @default none */
  readonly locals?: { readonly [name: string]: Value };
  /** Every `data.terraform_remote_state` and `data.tfe_outputs` of the stack, with the stack each one reads. @default none */
  readonly reads?: readonly OutputRead[];
}

/** One declared input variable. */
export interface VariableInfo {
  /** `sensitive = true`: a secret, set per workspace and redacted from plans. */
  readonly sensitive: boolean;
}

/** A read of another stack's outputs (`data.terraform_remote_state` or `data.tfe_outputs`) and the stack it reads. */
export interface OutputRead {
  /** Id of the data source ({@link TfResource.id}). */
  readonly source: string;
  /** The stack whose state or outputs it reads, when exactly one stack writes them. */
  readonly stack?: string;
  /** Why no stack could be matched (set when `stack` is not). */
  readonly reason?: string;
}

/** Every stack's resources, indexed. */
export interface ResourceGraph {
  readonly stacks: readonly StackInfo[];
  /** Every resource and data source, ordered by id. */
  readonly resources: readonly TfResource[];
  /** The resource with this id. */
  get(id: string): TfResource | undefined;
  /** Managed resources of one Terraform type, ordered by id. */
  byType(type: string): readonly TfResource[];
  /** The resource a value points at (a {@link Ref}), or undefined for anything else. */
  deref(value: Value | undefined): TfResource | undefined;
  /** Resources of `type` whose `attribute` (top level, or any element of a top-level list) references `target`. */
  referrers(target: TfResource, type: string, attribute: string): readonly TfResource[];
}

/** True for a {@link Ref}. */
export function isRef(v: unknown): v is Ref {
  return typeof v === 'object' && v !== null && '$ref' in v;
}

/** True for an {@link Unknown}. */
export function isUnknown(v: unknown): v is Unknown {
  return typeof v === 'object' && v !== null && '$unknown' in v;
}

/** True for a {@link Template}. */
export function isTemplate(v: unknown): v is Template {
  return typeof v === 'object' && v !== null && '$template' in v;
}
