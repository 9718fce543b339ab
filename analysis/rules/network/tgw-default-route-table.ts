/** LZ-TGW02: attachments never land in the Transit Gateway's default route table. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

const ATTRIBUTES = ['default_route_table_association', 'default_route_table_propagation'] as const;

/** Rule LZ-TGW02: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-TGW02',
  title: 'Transit Gateways have default_route_table_association and default_route_table_propagation disabled',
  why: 'Segmentation lives in the per-segment route tables; with the defaults on, every new attachment is associated with and propagated into one shared table and can reach every other attachment, prod and nonprod alike.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_ec2_transit_gateway'],
  check(graph) {
    const out: Violation[] = [];
    for (const tgw of graph.byType('aws_ec2_transit_gateway')) {
      for (const attribute of ATTRIBUTES) {
        const value = stringOf(graph, tgw.attrs[attribute]);
        // Provider default for both: "enable".
        if (isUnknown(value)) out.push(unknownFinding(tgw, `${attribute} is disable`, value));
        else if (value !== 'disable') out.push(finding(tgw, `${attribute} is ${value === undefined ? 'unset (AWS default enable)' : `"${value}"`}`));
      }
    }
    return out;
  },
};
