/** LZ-VPN02: VPN pre-shared keys are never written in the code. */
import { isRef, isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { isVariable, resolve } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Rule LZ-VPN02: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPN02',
  title: 'VPN tunnel pre-shared keys come from an input variable or AWS, never a literal',
  why: 'Whoever holds the pre-shared key can impersonate the data center to the tunnel; a literal key ends up in the repository and every synthesized artifact.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpn_connection'],
  check(graph) {
    const out: Violation[] = [];
    for (const vpn of graph.byType('aws_vpn_connection')) {
      for (const attribute of ['tunnel1_preshared_key', 'tunnel2_preshared_key']) {
        const key = vpn.attrs[attribute];
        // Unset: AWS generates a random key. A variable or a secret generated at apply is fine too.
        if (key === undefined || key === null || isVariable(key)) continue;
        const value = resolve(graph, key);
        if (!isUnknown(value)) out.push(finding(vpn, `${attribute} is a literal written in the synthesized configuration`));
        else if (!(isRef(key) && graph.get(key.$ref))) out.push(unknownFinding(vpn, `${attribute} comes from an input variable`, value));
      }
    }
    return out;
  },
};
