/** LZ-VPC04: VPCs resolve DNS and give instances DNS hostnames, which private endpoint names need. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Rule LZ-VPC04: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPC04',
  title: 'Every VPC has enable_dns_support and enable_dns_hostnames on',
  why: 'Private hosted zones, private DNS of interface endpoints and Resolver rules only answer in VPCs with both attributes on; without them clients silently resolve the public service names and leave through NAT.',
  level: 'warning',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpc'],
  check(graph) {
    const out: Violation[] = [];
    for (const vpc of graph.byType('aws_vpc')) {
      // AWS defaults: DNS support on, DNS hostnames off.
      for (const [attribute, fallback] of [['enable_dns_support', true], ['enable_dns_hostnames', false]] as const) {
        const value = boolOf(graph, vpc.attrs[attribute]);
        if (isUnknown(value)) out.push(unknownFinding(vpc, `${attribute} is on`, value));
        else if (!(value ?? fallback)) out.push(finding(vpc, `${attribute} is ${value === undefined ? 'unset (AWS default off)' : 'false'}`));
      }
    }
    return out;
  },
};
