/** A small assertion helper over synthesized stack JSON (after TerraConstructs' `Template`). */
import { TerraformStack, Testing } from 'cdktf';

type Json = Record<string, any>;

/** One resource: its Terraform address and its synthesized arguments. */
export interface SynthResource {
  readonly address: string;
  readonly name: string;
  readonly props: Json;
}

/** Parsed `cdk.tf.json` of one stack. */
export class Template {
  /** Synthesizes a stack the way `cdktf synth` does. */
  static fromStack(stack: TerraformStack): Template {
    return new Template(JSON.parse(Testing.synth(stack)));
  }

  constructor(readonly json: Json) {}

  /** Every resource of a type, in address order. */
  resources(type: string): SynthResource[] {
    return Object.entries((this.json.resource?.[type] ?? {}) as Json)
      .map(([name, props]) => ({ address: `${type}.${name}`, name, props }))
      .sort((a, b) => a.address.localeCompare(b.address));
  }

  /** The one resource of a type whose props match every given key, or a failing expectation. */
  resource(type: string, match: Json = {}): SynthResource {
    const found = this.resources(type).filter((r) => Object.entries(match).every(([k, v]) => JSON.stringify(r.props[k]) === JSON.stringify(v)));
    if (found.length !== 1) throw new Error(`expected one ${type} matching ${JSON.stringify(match)}, found ${found.length}`);
    return found[0];
  }

  /** Number of resources of a type. */
  count(type: string): number {
    return this.resources(type).length;
  }

  /** Resource types present, sorted, with counts. */
  inventory(): Record<string, number> {
    return Object.fromEntries(Object.keys(this.json.resource ?? {}).sort().map((t) => [t, this.count(t)]));
  }

  /** `${aws_x.name.attr}` reference to a resource. */
  static ref(r: SynthResource, attr = 'id'): string {
    return `\${${r.address}.${attr}}`;
  }

  /** Resource whose `Name` tag equals `name`. */
  byName(type: string, name: string): SynthResource {
    const found = this.resources(type).filter((r) => r.props.tags?.Name === name);
    if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${this.resources(type).map((r) => r.props.tags?.Name).join(', ')}`);
    return found[0];
  }

  /** `${data.aws_ssm_parameter.<n>.insecure_value}`: this stack's lookup of the published value named `parameter` (constructs/publish). */
  published(parameter: string): string {
    const reads = Object.entries((this.json.data?.aws_ssm_parameter ?? {}) as Record<string, { name?: string }>).filter(([, body]) => body.name === parameter);
    if (reads.length !== 1) throw new Error(`expected one lookup of ${parameter}, found ${reads.length}`);
    return `\${data.aws_ssm_parameter.${reads[0][0]}.insecure_value}`;
  }

  /** The published parameter name a value reads (`${data.aws_ssm_parameter.x.insecure_value}`), if it is such a lookup. */
  publishedName(value: unknown): string | undefined {
    const m = typeof value === 'string' ? /^\$\{data\.aws_ssm_parameter\.([\w-]+)\.insecure_value\}$/.exec(value) : null;
    return m ? ((this.json.data?.aws_ssm_parameter ?? {}) as Record<string, { name?: string }>)[m[1]]?.name : undefined;
  }
}
