/** LZ-VPC02: every VPC adopts its default security group and leaves it without rules. */
import { isRef } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { describeRule, securityGroupRules } from '../helpers/security-groups';
import { referrersOrUnknown } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Rule LZ-VPC02: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPC02',
  title: "Every VPC's default security group is adopted (aws_default_security_group) and has no rules",
  why: 'AWS creates the default group allowing all traffic between its members and all egress, and anything launched without a group lands in it; emptied, a forgotten group assignment fails closed.',
  level: 'error',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-VPCDefaultSecurityGroupClosed'], checkov: ['CKV2_AWS_12'], securityHub: ['EC2.2'] },
  appliesTo: ['aws_vpc'],
  check(graph) {
    const out: Violation[] = [];
    for (const vpc of graph.byType('aws_vpc')) {
      const { found, unknown } = referrersOrUnknown(graph, vpc, 'aws_default_security_group', 'vpc_id');
      if (found.length === 0) {
        if (unknown.length) out.push(unknownFinding(vpc, "this VPC's default security group is adopted and empty", unknown[0].value));
        else out.push(finding(vpc, 'default security group not adopted: it keeps AWS\'s allow-all rules (add aws_default_security_group with no ingress or egress)'));
      }
    }
    for (const rule of securityGroupRules(graph)) {
      const group = rule.resource.type === 'aws_default_security_group' ? rule.resource : undefined;
      const target = isRef(rule.group) ? graph.get(rule.group.$ref) : undefined;
      const viaVpc = target?.type === 'aws_vpc' && isRef(rule.group) && rule.group.attribute === 'default_security_group_id';
      if (!(group || target?.type === 'aws_default_security_group' || viaVpc)) continue;
      if (rule.opaque) out.push(unknownFinding(rule.resource, `the default security group has no ${rule.block} rules`, rule.opaque));
      else out.push(finding(rule.resource, `${describeRule(graph, rule)} on a default security group, which must stay empty`));
    }
    return out;
  },
};
