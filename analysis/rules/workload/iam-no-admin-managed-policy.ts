/** LZ-IAM02: no role, user or group gets the AWS managed administrator policies. */
import { isRef, isUnknown, type Unknown, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { listOf, stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { resourcesOf } from './util';

const CLAIM = 'no administrator managed policy is attached';

/** AWS managed policies that are administrator access or a step away from it (IAMFullAccess can grant itself the rest). */
export const ADMIN_POLICIES: readonly string[] = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];

const ADMIN_ARN = new RegExp(`^arn:[\\w-]+:iam::aws:policy/(${ADMIN_POLICIES.join('|')})$`);

/** Attachment resources and the argument holding their policy ARN (or ARNs, for a name ending in `arns`). */
const ATTACHMENTS: ReadonlyMap<string, string> = new Map([
  ['aws_iam_role_policy_attachment', 'policy_arn'],
  ['aws_iam_user_policy_attachment', 'policy_arn'],
  ['aws_iam_group_policy_attachment', 'policy_arn'],
  ['aws_iam_policy_attachment', 'policy_arn'],
  ['aws_iam_role', 'managed_policy_arns'],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns'],
  ['aws_ssoadmin_managed_policy_attachment', 'managed_policy_arn'],
]);

export const rule: Rule = {
  id: 'LZ-IAM02',
  title: 'No AdministratorAccess, PowerUserAccess or IAMFullAccess managed policy is attached to a role, user, group or permission set',
  why: 'These AWS managed policies grant every action (or every action but IAM, or IAM itself, from which every action follows); access in the landing zone is granted by scoped policies instead.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_274'] },
  appliesTo: [...ATTACHMENTS.keys()],
  check(graph) {
    const out: Violation[] = [];
    for (const resource of resourcesOf(graph, ...ATTACHMENTS.keys())) {
      const attribute = ATTACHMENTS.get(resource.type) ?? '';
      const arns = attribute.endsWith('arns') ? listOf(graph, resource.attrs[attribute]) : [resource.attrs[attribute]];
      if (isUnknown(arns)) {
        out.push(unknownFinding(resource, CLAIM, arns));
        continue;
      }
      for (const value of arns) {
        const arn = managedArn(value);
        if (arn === undefined) continue;
        if (isUnknown(arn)) out.push(unknownFinding(resource, CLAIM, arn));
        else if (ADMIN_ARN.test(arn)) out.push(finding(resource, `attaches ${arn}: administrator access`));
      }
    }
    return out;

    /** The policy ARN an attachment names: the literal, the `arn`/`name` of an `aws_iam_policy` data source, nothing for a policy this code creates, or an Unknown. */
    function managedArn(value: Value | undefined): string | Unknown | undefined {
      if (isRef(value)) {
        const target = graph.get(value.$ref);
        if (target?.mode === 'data' && target.type === 'aws_iam_policy') {
          const name = stringOf(graph, target.attrs.name);
          if (typeof name === 'string') return `arn:aws:iam::aws:policy/${name}`;
          return stringOf(graph, target.attrs.arn) ?? name;
        }
        // A customer managed policy of this graph: its content is LZ-IAM01's business.
        if (target?.type === 'aws_iam_policy') return undefined;
      }
      return stringOf(graph, value);
    }
  },
};
