/** LZ-SG05: no security group sends every protocol or every port to the internet. */
import { isAllPorts, worldRuleViolations } from '../helpers';
import type { Rule } from '../types';

const CLAIM = 'no egress to the internet opens all protocols or all ports';

/** Rule LZ-SG05: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-SG05',
  title: 'No security group allows all protocols or all ports to 0.0.0.0/0 or ::/0',
  why: 'Unrestricted egress is the exfiltration and command-and-control path of a compromised instance; name the ports the workload needs (usually 443) instead.',
  level: 'warning',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_382'] },
  check: (graph) => worldRuleViolations(graph, { direction: 'egress', claim: CLAIM, matches: isAllPorts }),
};
