/** LZ-DX04: transit VIF BGP keys come from a sensitive variable, never from the code. */
import { isRef, isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { isVariable, resolve } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** VIFs this account creates and therefore keys (the accepter of a hosted VIF takes the owner's key). */
const TRANSIT_VIF_TYPES = ['aws_dx_transit_virtual_interface', 'aws_dx_hosted_transit_virtual_interface'];

/** Rule LZ-DX04: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-DX04',
  title: 'Transit VIFs set bgp_auth_key from an input variable, never a literal',
  why: 'The BGP MD5 key authenticates the routes the data center can inject; written in the code it lands in the repository and every synthesized artifact, while a sensitive variable keeps it in the workspace only.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: TRANSIT_VIF_TYPES,
  check(graph) {
    const out: Violation[] = [];
    for (const type of TRANSIT_VIF_TYPES) {
      for (const vif of graph.byType(type)) {
        const key = vif.attrs.bgp_auth_key;
        // The rule needs only where the key comes from, not its value: a variable is the compliant unknown.
        if (isVariable(key)) continue;
        if (key === undefined || key === null) {
          out.push(finding(vif, 'bgp_auth_key is not set: declare it as a sensitive variable so the key is managed, not left to AWS'));
          continue;
        }
        const value = resolve(graph, key);
        // A reference to a secret generated at apply (e.g. random_password.x.result) is as good as a variable.
        if (isRef(key) && isUnknown(value) && graph.get(key.$ref)) continue;
        if (isUnknown(value)) out.push(unknownFinding(vif, 'bgp_auth_key comes from an input variable', value));
        else out.push(finding(vif, 'bgp_auth_key is a literal written in the synthesized configuration'));
      }
    }
    return out;
  },
};
