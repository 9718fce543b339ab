/**
 * The parts of `terraform providers schema -json` that mock generation needs: top-level attribute
 * types of aws resources and data sources. The raw output is ~14 MB; it is reduced once per run.
 * https://developer.hashicorp.com/terraform/cli/commands/providers/schema
 */

/** A cty type as Terraform prints it: `"string"`, `["list","string"]`, `["object",{...}]`. */
export type CtyType = string | readonly [string, unknown];

/** One top-level attribute. */
export interface AttributeSchema {
  readonly type: CtyType;
  readonly computed: boolean;
  readonly optional: boolean;
}

/** Attributes by type name, e.g. `resource.aws_s3_bucket.arn`. */
export interface ProviderSchema {
  readonly resource: Readonly<Record<string, Readonly<Record<string, AttributeSchema>>>>;
  readonly data: Readonly<Record<string, Readonly<Record<string, AttributeSchema>>>>;
}

interface RawBlock {
  block?: { attributes?: Record<string, { type?: CtyType; computed?: boolean; optional?: boolean }> };
}

function reduce(blocks: Record<string, RawBlock> | undefined): Record<string, Record<string, AttributeSchema>> {
  const out: Record<string, Record<string, AttributeSchema>> = {};
  for (const [type, raw] of Object.entries(blocks ?? {})) {
    const attrs: Record<string, AttributeSchema> = {};
    for (const [name, a] of Object.entries(raw.block?.attributes ?? {})) {
      // Attributes without a plain type (nested_type, protocol 6 only) are left to the mock's own defaults.
      if (a.type !== undefined) attrs[name] = { type: a.type, computed: a.computed === true, optional: a.optional === true };
    }
    out[type] = attrs;
  }
  return out;
}

/** Reduces the JSON printed by `terraform providers schema -json` to the hashicorp/aws attributes. */
export function parseProviderSchema(jsonText: string, address = 'registry.terraform.io/hashicorp/aws'): ProviderSchema {
  const raw = JSON.parse(jsonText) as {
    provider_schemas?: Record<string, { resource_schemas?: Record<string, RawBlock>; data_source_schemas?: Record<string, RawBlock> }>;
  };
  const aws = raw.provider_schemas?.[address];
  if (!aws) throw new Error(`terraform providers schema printed no schema for ${address}`);
  return { resource: reduce(aws.resource_schemas), data: reduce(aws.data_source_schemas) };
}

/** Type of `<type>.<attr>` (resource) or `data.<type>.<attr>`, if the schema knows it. */
export function attributeType(schema: ProviderSchema | undefined, kind: 'resource' | 'data', type: string, attr: string): CtyType | undefined {
  return schema?.[kind][type]?.[attr]?.type;
}
