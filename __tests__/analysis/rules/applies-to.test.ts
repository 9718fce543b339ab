/**
 * Every resource type a rule declares in `appliesTo` exists in the pinned providers
 * (@cdktf/provider-aws 20.1.0 = hashicorp/aws 5.100.0, and hashicorp/tls), so a renamed or misspelt
 * type fails here instead of turning the rule into a silent pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../analysis/rules';

/** The Terraform type a generated provider class declares, or undefined when there is no such class (`aws_vpc` → lib/vpc). */
function providerType(type: string): string | undefined {
  const [provider, ...rest] = type.split('_');
  const lib = path.join(path.dirname(require.resolve(`@cdktf/provider-${provider}/package.json`)), 'lib', rest.join('-'), 'index.js');
  if (!existsSync(lib)) return undefined;
  return /\.tfResourceType = "([\w]+)";/.exec(readFileSync(lib, 'utf8'))?.[1];
}

describe('Rule.appliesTo', () => {
  test('every declared type is a resource type of the pinned providers', () => {
    const missing = RULES.flatMap((r) => r.appliesTo.filter((t) => providerType(t) !== t).map((t) => `${r.id}: ${t}`));
    expect(missing).toEqual([]);
  });

  test('the check can fail: a misspelt or removed type is not found', () => {
    expect(providerType('aws_vpc')).toBe('aws_vpc');
    expect(providerType('tls_private_key')).toBe('tls_private_key');
    expect(providerType('aws_vpcs')).toBeUndefined();
    expect(providerType('aws_ssm_maintenance_window_task_parameter')).toBeUndefined();
  });

  test('every rule that judges resources says which, and only the whole-graph rule says none', () => {
    expect(RULES.filter((r) => r.appliesTo.length === 0).map((r) => r.id)).toEqual(['LZ-SECRET01']);
  });
});
