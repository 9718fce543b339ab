/** LZ-IAM02: no administrator managed policy attachments. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/iam-no-admin-managed-policy';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));

describe('LZ-IAM02 no administrator managed policy', () => {
  test('scoped AWS managed policies and customer managed policies of the graph are compliant', () => {
    const g = graph(
      resource('s', 'aws_iam_policy', 'mine', { policy: '{}' }),
      resource('s', 'aws_iam_role_policy_attachment', 'ssm', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }),
      resource('s', 'aws_iam_role_policy_attachment', 'mine', { role: 'r', policy_arn: ref('s:aws_iam_policy.mine', 'arn') }),
      resource('s', 'aws_iam_role', 'r', { managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('AdministratorAccess, PowerUserAccess and IAMFullAccess, however attached, are findings', () => {
    const g = graph(
      resource('s', 'aws_iam_role_policy_attachment', 'a', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      resource('s', 'aws_iam_group_policy_attachment', 'b', { group: 'g', policy_arn: 'arn:aws-us-gov:iam::aws:policy/PowerUserAccess' }),
      resource('s', 'aws_iam_role', 'r', { managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/IAMFullAccess'] }),
      resource('s', 'aws_iam_policy', 'admin', { name: 'AdministratorAccess' }, { mode: 'data' }),
      resource('s', 'aws_iam_user_policy_attachment', 'c', { user: 'u', policy_arn: ref('s:data.aws_iam_policy.admin', 'arn') }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_iam_group_policy_attachment.b', message: 'attaches arn:aws-us-gov:iam::aws:policy/PowerUserAccess: administrator access', unknown: false },
      { resource: 's:aws_iam_role.r', message: 'attaches arn:aws:iam::aws:policy/IAMFullAccess: administrator access', unknown: false },
      { resource: 's:aws_iam_role_policy_attachment.a', message: 'attaches arn:aws:iam::aws:policy/AdministratorAccess: administrator access', unknown: false },
      { resource: 's:aws_iam_user_policy_attachment.c', message: 'attaches arn:aws:iam::aws:policy/AdministratorAccess: administrator access', unknown: false },
    ]);
  });

  test('an unknown policy ARN or list cannot be proved', () => {
    const g = graph(
      resource('s', 'aws_iam_role_policy_attachment', 'a', { role: 'r', policy_arn: unknown('${var.policy_arn}') }),
      resource('s', 'aws_iam_role_policy_attachments_exclusive', 'b', { role_name: 'r', policy_arns: unknown('${var.policy_arns}') }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_iam_role_policy_attachment.a', message: 'cannot prove no administrator managed policy is attached: ${var.policy_arn} is unknown before apply', unknown: true },
      { resource: 's:aws_iam_role_policy_attachments_exclusive.b', message: 'cannot prove no administrator managed policy is attached: ${var.policy_arns} is unknown before apply', unknown: true },
    ]);
  });
});
