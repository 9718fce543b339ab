/**
 * Declares that a resource whose construct id changed takes over the state of its old address, so
 * Terraform moves it instead of destroying and recreating it.
 * https://developer.hashicorp.com/terraform/language/modules/develop/refactoring#moved-block-syntax
 * https://developer.hashicorp.com/terraform/cdktf/examples-and-guides/refactoring
 */
import { Node } from 'constructs';
import { TerraformResource, TerraformStack } from 'cdktf';

/**
 * Emits `moved { from = <type>.<address the resource had under legacyId>, to = <its address now> }`.
 * The old address is computed by the stack's own naming scheme from the resource's parent path and
 * `legacyId`, so it is exactly what earlier releases wrote to state. Terraform ignores a `moved`
 * block whose `from` is not in state (a workspace created after the rename), so it is safe everywhere.
 */
export function moveFromLegacyId(resource: TerraformResource, legacyId: string): void {
  if (legacyId === resource.node.id) return;
  const stack = TerraformStack.of(resource);
  // getLogicalId accepts a Node; only `scopes` (each with `node.id`) is read.
  const legacyNode = { scopes: [...resource.node.scopes.slice(0, -1), { node: { id: legacyId } }] } as unknown as Node;
  resource.moveFromId(`${resource.terraformResourceType}.${stack.getLogicalId(legacyNode)}`);
}
