import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/vpn-preshared-keys';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const vpn = (attrs: Record<string, unknown>) => resource('hub', 'aws_vpn_connection', 'dc', { type: 'ipsec.1', ...(attrs as object) });

describe('LZ-VPN02 pre-shared keys never literal', () => {
  it('passes keys from variables, secrets generated at apply, and keys left to AWS', () => {
    const secret = resource('hub', 'random_password', 'psk', { length: 32 });
    expect(findings(rule, secret, vpn({ tunnel1_preshared_key: unknown('${var.vpn_dc_tunnel1_psk}'), tunnel2_preshared_key: ref(secret.id, 'result') }))).toEqual([]);
    expect(findings(rule, vpn({}))).toEqual([]);
  });

  it('reports literal keys without revealing them', () => {
    expect(findings(rule, vpn({ tunnel1_preshared_key: 'not-so-secret', tunnel2_preshared_key: 'again' }))).toEqual([
      { resource: 'hub:aws_vpn_connection.dc', message: 'tunnel1_preshared_key is a literal written in the synthesized configuration' },
      { resource: 'hub:aws_vpn_connection.dc', message: 'tunnel2_preshared_key is a literal written in the synthesized configuration' },
    ]);
  });

  it('reports a key built by an expression as unknown', () => {
    expect(findings(rule, vpn({ tunnel2_preshared_key: unknown('${lookup(var.keys, "dc")}') }))).toEqual([
      { resource: 'hub:aws_vpn_connection.dc', message: 'cannot prove tunnel2_preshared_key comes from an input variable: ${lookup(var.keys, "dc")} is unknown before apply', unknown: true },
    ]);
  });
});
