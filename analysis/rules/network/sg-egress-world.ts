/** LZ-SG05: no security group sends every protocol or every port to the internet. */
import { worldRuleViolations } from '../helpers/security-group-checks';
import { isAllPorts, SECURITY_GROUP_RULE_TYPES } from '../helpers/security-groups';
import type { Rule } from '../types';
import { judgedByResolverRule } from './resolver-groups';

const CLAIM = 'no egress to the internet opens all protocols or all ports';

/** Rule LZ-SG05: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-SG05',
  title: 'No security group allows all protocols or all ports to 0.0.0.0/0 or ::/0',
  why: 'Unrestricted egress is the exfiltration and command-and-control path of a compromised instance; name the ports the workload needs (usually 443) instead. (The TCP/UDP reply rules of Route 53 Resolver endpoint groups, in a VPC without an internet gateway, are judged by LZ-R53R01.)',
  level: 'warning',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_382'] },
  appliesTo: SECURITY_GROUP_RULE_TYPES,
  check: (graph) => worldRuleViolations(graph, { skip: (r) => judgedByResolverRule(graph, r), direction: 'egress', claim: CLAIM, matches: isAllPorts }),
};
