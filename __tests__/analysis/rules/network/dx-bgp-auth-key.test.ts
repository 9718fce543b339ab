import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/dx-bgp-auth-key';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const vif = (name: string, key: unknown, type = 'aws_dx_transit_virtual_interface') => resource('hub', type, name, key === undefined ? { bgp_asn: 65010 } : { bgp_asn: 65010, bgp_auth_key: key as never });

describe('LZ-DX04 BGP keys from variables', () => {
  it('passes keys from an input variable or a secret generated at apply', () => {
    const generated = resource('hub', 'random_password', 'bgp', { length: 32 });
    expect(findings(rule, vif('a', unknown('${var.dx_bgp_auth_key_a}', 'variable')), vif('b', unknown('var.key')), generated, vif('c', ref(generated.id, 'result'), 'aws_dx_hosted_transit_virtual_interface'))).toEqual([]);
  });

  it('reports a literal key and a missing key without revealing the key', () => {
    expect(findings(rule, vif('a', 's3cr3t-md5'), vif('b', undefined))).toEqual([
      { resource: 'hub:aws_dx_transit_virtual_interface.a', message: 'bgp_auth_key is a literal written in the synthesized configuration' },
      { resource: 'hub:aws_dx_transit_virtual_interface.b', message: 'bgp_auth_key is not set: declare it as a sensitive variable so the key is managed, not left to AWS' },
    ]);
  });

  it('reports a key built by an expression, or from a resource not in the graph, as unknown', () => {
    expect(findings(rule, vif('a', unknown('${base64encode(var.key)}')), vif('b', ref('hub:random_password.gone', 'result')))).toEqual([
      { resource: 'hub:aws_dx_transit_virtual_interface.a', message: 'cannot prove bgp_auth_key comes from an input variable: ${base64encode(var.key)} is unknown before apply', unknown: true },
      { resource: 'hub:aws_dx_transit_virtual_interface.b', message: 'cannot prove bgp_auth_key comes from an input variable: hub:random_password.gone.result is unknown before apply', unknown: true },
    ]);
  });
});
