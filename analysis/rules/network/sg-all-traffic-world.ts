/** LZ-SG03: no security group admits every protocol or every port from the internet. */
import { isAllPorts, worldRuleViolations } from '../helpers';
import type { Rule } from '../types';

const CLAIM = 'no ingress from the internet opens all protocols or all ports';

/** Rule LZ-SG03: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-SG03',
  title: 'No security group admits all protocols (-1) or all ports 0-65535 from 0.0.0.0/0 or ::/0',
  why: 'An all-traffic rule from the internet exposes every service the instance runs, including the ones nobody knows about.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_277'] },
  check: (graph) => worldRuleViolations(graph, { direction: 'ingress', claim: CLAIM, matches: isAllPorts }),
};
