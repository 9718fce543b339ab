/** LZ-DX03: Direct Connect virtual interfaces are transit VIFs into the Transit Gateway. */
import { finding } from '../helpers/findings';
import type { Rule, Violation } from '../types';

/** Every non-transit VIF type (owned, hosted, and the accepter side of a hosted one), with what it bypasses. */
const NON_TRANSIT: Readonly<Record<string, string>> = {
  aws_dx_private_virtual_interface: 'a private VIF',
  aws_dx_hosted_private_virtual_interface: 'a hosted private VIF',
  aws_dx_hosted_private_virtual_interface_accepter: 'a hosted private VIF',
  aws_dx_public_virtual_interface: 'a public VIF',
  aws_dx_hosted_public_virtual_interface: 'a hosted public VIF',
  aws_dx_hosted_public_virtual_interface_accepter: 'a hosted public VIF',
};

/** Rule LZ-DX03: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-DX03',
  title: 'Direct Connect virtual interfaces are transit VIFs (no private or public VIFs)',
  why: 'Only a transit VIF lands in the Transit Gateway, where segment route tables decide what on-premises may reach; a private VIF reaches a VPC around them, and a public VIF exposes AWS public endpoints on the circuit.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: [...Object.keys(NON_TRANSIT), 'aws_dx_transit_virtual_interface', 'aws_dx_hosted_transit_virtual_interface', 'aws_dx_hosted_transit_virtual_interface_accepter'],
  check(graph) {
    const out: Violation[] = [];
    for (const [type, kind] of Object.entries(NON_TRANSIT)) {
      for (const vif of graph.byType(type)) out.push(finding(vif, `${kind} bypasses the Transit Gateway segments; use a transit VIF`));
    }
    return out;
  },
};
