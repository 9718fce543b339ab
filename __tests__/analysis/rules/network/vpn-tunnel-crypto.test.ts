import { rule } from '../../../../analysis/rules/network/vpn-tunnel-crypto';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const strong = (tunnel: number): Record<string, unknown> => ({
  [`tunnel${tunnel}_ike_versions`]: ['ikev2'],
  [`tunnel${tunnel}_phase1_encryption_algorithms`]: ['AES256', 'AES256-GCM-16'],
  [`tunnel${tunnel}_phase2_encryption_algorithms`]: ['AES256-GCM-16'],
  [`tunnel${tunnel}_phase1_integrity_algorithms`]: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  [`tunnel${tunnel}_phase2_integrity_algorithms`]: ['SHA2-512'],
  [`tunnel${tunnel}_phase1_dh_group_numbers`]: [14, 19, 20, 21],
  [`tunnel${tunnel}_phase2_dh_group_numbers`]: ['20'],
});
const vpn = (attrs: Record<string, unknown>) => resource('hub', 'aws_vpn_connection', 'dc', { type: 'ipsec.1', ...strong(1), ...strong(2), ...(attrs as object) });

describe('LZ-VPN01 IKEv2 and strong ciphers on both tunnels', () => {
  it('passes pinned IKEv2, AES-256, SHA-2 and DH 14-21 on both tunnels', () => {
    expect(findings(rule, vpn({}))).toEqual([]);
  });

  it('reports IKEv1, weak algorithms and unset lists', () => {
    expect(
      findings(
        rule,
        vpn({ tunnel1_ike_versions: ['ikev1', 'ikev2'], tunnel1_phase1_integrity_algorithms: ['SHA1', 'SHA2-256'], tunnel2_phase2_dh_group_numbers: [2, 14, 24], tunnel2_phase1_encryption_algorithms: undefined }),
      ),
    ).toEqual([
      { resource: 'hub:aws_vpn_connection.dc', message: 'tunnel1_ike_versions allows ikev1' },
      { resource: 'hub:aws_vpn_connection.dc', message: 'tunnel1_phase1_integrity_algorithms allows SHA1' },
      { resource: 'hub:aws_vpn_connection.dc', message: 'tunnel2_phase1_encryption_algorithms is not set, so AWS offers every value it supports' },
      { resource: 'hub:aws_vpn_connection.dc', message: 'tunnel2_phase2_dh_group_numbers allows 2, 24' },
    ]);
  });

  it('reports unknown lists and values as unknown', () => {
    expect(findings(rule, vpn({ tunnel1_ike_versions: unknown('${var.ike}'), tunnel2_phase2_integrity_algorithms: ['SHA2-256', unknown('${var.alg}')] }))).toEqual([
      { resource: 'hub:aws_vpn_connection.dc', message: 'cannot prove tunnel1_ike_versions allows only ikev2: ${var.ike} is unknown before apply', unknown: true },
      { resource: 'hub:aws_vpn_connection.dc', message: 'cannot prove tunnel2_phase2_integrity_algorithms allows only SHA2-256, SHA2-384, SHA2-512: ${var.alg} is unknown before apply', unknown: true },
    ]);
  });
});
