/** LZ-TGW01: the Transit Gateway never accepts shared attachments on its own. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Rule LZ-TGW01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-TGW01',
  title: 'Transit Gateways have auto_accept_shared_attachments disabled',
  why: 'The gateway is shared with the whole organization; with auto-accept on, any account that can see it joins the network without the hub workspace ever approving the attachment.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_331'], securityHub: ['EC2.23'] },
  appliesTo: ['aws_ec2_transit_gateway'],
  check(graph) {
    const out: Violation[] = [];
    for (const tgw of graph.byType('aws_ec2_transit_gateway')) {
      const value = stringOf(graph, tgw.attrs.auto_accept_shared_attachments);
      // Provider default: "disable".
      if (isUnknown(value)) out.push(unknownFinding(tgw, 'auto_accept_shared_attachments is disable', value));
      else if ((value ?? 'disable') !== 'disable') out.push(finding(tgw, `auto_accept_shared_attachments is "${value}"`));
    }
    return out;
  },
};
