/**
 * The one step every reader of the graph takes to follow a reference: from `<resource>.<attribute>`
 * to the value configured there. The rule pack's values (analysis/rules/helpers/values.ts) and the
 * network model's reader (analysis/network/reader.ts) both follow references through this function,
 * so they agree on what a reference stands for.
 */
import { terraformDataOutputKey } from '../../lib/terraform/expression';
import { isRef, isTemplate, isUnknown, type Ref, type ResourceGraph, type Value } from './types';

function isObject(v: Value | undefined): v is { readonly [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRef(v) && !isTemplate(v) && !isUnknown(v);
}

/**
 * The value a reference names, as configured in the graph: the argument at the reference's attribute
 * path (`aws_vpc.x.cidr_block`, `aws_lb.x.subnet_mapping.0.subnet_id`), or for a `terraform_data`
 * output the matching key of its `input` (its `output` is its `input` after apply:
 * https://developer.hashicorp.com/terraform/language/resources/terraform-data). Undefined when the
 * resource is not in the graph or the attribute is not configured (AWS computes it at apply).
 */
export function referencedValue(graph: ResourceGraph, ref: Ref): Value | undefined {
  const target = graph.get(ref.$ref);
  if (!target) return undefined;
  const dataKey = target.type === 'terraform_data' ? terraformDataOutputKey(ref.attribute) : undefined;
  const input = target.attrs.input;
  if (dataKey !== undefined && isObject(input) && dataKey in input) return input[dataKey];
  let current: Value | undefined = target.attrs;
  for (const step of ref.attribute.split('.')) {
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = Array.isArray(current) ? (/^\d+$/.test(step) ? (current as readonly Value[])[Number(step)] : undefined) : (current as { readonly [k: string]: Value })[step];
  }
  return current;
}
