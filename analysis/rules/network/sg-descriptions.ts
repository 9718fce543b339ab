/** LZ-SG04: every security group and every rule says what it is for. */
import { isUnknown, type TfResource, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { describeRule, securityGroupRules, SECURITY_GROUP_RULE_TYPES } from '../helpers/security-groups';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** What the AWS provider writes when `description` is omitted on aws_security_group. */
const TERRAFORM_DEFAULT = 'Managed by Terraform';

/** Rule LZ-SG04: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-SG04',
  title: 'Every security group and every security-group rule has a description',
  why: 'A rule nobody can explain is a rule nobody dares remove; the description is what a reviewer and an incident responder read in the console.',
  level: 'warning',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_23'] },
  appliesTo: SECURITY_GROUP_RULE_TYPES,
  check(graph) {
    const out: Violation[] = [];
    const check = (resource: TfResource, value: Value | undefined, subject: string, fallback?: string): void => {
      const text = stringOf(graph, value);
      if (isUnknown(text)) out.push(unknownFinding(resource, `${subject} has a description`, text));
      else if ((text ?? fallback ?? '').trim() === '' || (text ?? fallback) === TERRAFORM_DEFAULT) {
        out.push(finding(resource, `${subject} has no description${text === undefined && fallback ? ` (Terraform writes "${fallback}")` : ''}`));
      }
    };
    // The default group's description is AWS's own and cannot be set.
    for (const sg of graph.byType('aws_security_group')) check(sg, sg.attrs.description, 'security group', TERRAFORM_DEFAULT);
    for (const rule of securityGroupRules(graph)) {
      if (rule.opaque) out.push(unknownFinding(rule.resource, `every ${rule.block} rule has a description`, rule.opaque));
      else check(rule.resource, rule.description, describeRule(graph, rule, rule.peers[0]));
    }
    return out;
  },
};
