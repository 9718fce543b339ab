/** LZ-SG03: no security group admits every protocol or every port from the internet. */
import { worldRuleViolations } from '../helpers/security-group-checks';
import { isAllPorts, SECURITY_GROUP_RULE_TYPES } from '../helpers/security-groups';
import type { Rule } from '../types';
import { judgedByResolverRule } from './resolver-groups';

const CLAIM = 'no ingress from the internet opens all protocols or all ports';

/** Rule LZ-SG03: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-SG03',
  title: 'No security group admits all protocols (-1) or all ports 0-65535 from 0.0.0.0/0 or ::/0',
  why: 'An all-traffic rule from the internet exposes every service the instance runs, including the ones nobody knows about. (The TCP/UDP reply rules of Route 53 Resolver endpoint groups, in a VPC without an internet gateway, are judged by LZ-R53R01.)',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_277'] },
  appliesTo: SECURITY_GROUP_RULE_TYPES,
  check: (graph) => worldRuleViolations(graph, { skip: (r) => judgedByResolverRule(graph, r), direction: 'ingress', claim: CLAIM, matches: isAllPorts }),
};
