/** LZ-VPN01: Site-to-Site VPN tunnels negotiate IKEv2 with strong algorithms only. */
import { isUnknown, type TfResource } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { listOf, stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Per-tunnel arguments and the values allowed in each; an unset list lets AWS offer every value it supports. */
const POLICY: readonly { readonly suffix: string; readonly allowed: readonly string[] }[] = [
  { suffix: 'ike_versions', allowed: ['ikev2'] },
  { suffix: 'phase1_encryption_algorithms', allowed: ['AES256', 'AES256-GCM-16'] },
  { suffix: 'phase2_encryption_algorithms', allowed: ['AES256', 'AES256-GCM-16'] },
  { suffix: 'phase1_integrity_algorithms', allowed: ['SHA2-256', 'SHA2-384', 'SHA2-512'] },
  { suffix: 'phase2_integrity_algorithms', allowed: ['SHA2-256', 'SHA2-384', 'SHA2-512'] },
  // Groups 2 and 22-24 are the weak MODP groups (RFC 8247 says MUST NOT / SHOULD NOT); 14-21 remain.
  { suffix: 'phase1_dh_group_numbers', allowed: ['14', '15', '16', '17', '18', '19', '20', '21'] },
  { suffix: 'phase2_dh_group_numbers', allowed: ['14', '15', '16', '17', '18', '19', '20', '21'] },
];

/** Rule LZ-VPN01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPN01',
  title: 'VPN tunnels pin IKEv2, AES-256, SHA-2 and DH groups 14-21 on both tunnels',
  why: 'Left unset, AWS accepts IKEv1, AES-128, SHA-1 and DH group 2 so a misconfigured or downgraded customer gateway silently negotiates weak crypto; pinning the proposals makes the weak ones fail to connect.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpn_connection'],
  check(graph) {
    const out: Violation[] = [];
    for (const vpn of graph.byType('aws_vpn_connection')) {
      for (const tunnel of [1, 2]) for (const { suffix, allowed } of POLICY) checkList(vpn, `tunnel${tunnel}_${suffix}`, allowed);
    }
    return out;

    function checkList(vpn: TfResource, attribute: string, allowed: readonly string[]): void {
      const claim = `${attribute} allows only ${allowed.join(', ')}`;
      const list = listOf(graph, vpn.attrs[attribute]);
      if (isUnknown(list)) {
        out.push(unknownFinding(vpn, claim, list));
        return;
      }
      if (list.length === 0) {
        out.push(finding(vpn, `${attribute} is not set, so AWS offers every value it supports`));
        return;
      }
      const weak: string[] = [];
      for (const item of list) {
        const value = stringOf(graph, item);
        if (isUnknown(value)) {
          out.push(unknownFinding(vpn, claim, value));
          return;
        }
        if (value !== undefined && !allowed.includes(value)) weak.push(value);
      }
      if (weak.length) out.push(finding(vpn, `${attribute} allows ${weak.join(', ')}`));
    }
  },
};
