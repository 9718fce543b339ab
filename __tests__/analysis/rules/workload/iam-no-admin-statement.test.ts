/** LZ-IAM01: no policy allows * on *. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/iam-no-admin-statement';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('LZ-IAM01 no administrator statement', () => {
  test('describe actions on "*", "*" on one resource, and a deny of * on * are compliant', () => {
    const g = graph(
      resource('s', 'aws_iam_policy', 'p', {
        policy: doc(
          { Sid: 'Describe', Effect: 'Allow', Action: ['ec2:DescribeInstances'], Resource: '*' },
          { Sid: 'OneBucket', Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' },
          { Sid: 'Guard', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ),
      }),
      resource('s', 'aws_iam_role', 'r', { assume_role_policy: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), inline_policy: [{ name: 'logs', policy: doc({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }) }] }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('* on * in managed, inline and data-source policies, and NotAction on *, are findings', () => {
    const g = graph(
      resource('s', 'aws_iam_policy', 'admin', { policy: doc({ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }) }),
      resource('s', 'aws_iam_role_policy', 'almost', { role: 'r', policy: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: ['*'] }) }),
      resource('s', 'aws_iam_role', 'r', { assume_role_policy: '{}', inline_policy: { name: 'everything', policy: doc({ Effect: 'Allow', Action: ['*'], NotResource: 'arn:aws:s3:::audit/*' }) } }),
      resource('s', 'aws_iam_policy_document', 'd', { statement: [{ actions: ['*'], resources: ['*'] }] }, { mode: 'data' }),
      resource('s', 'aws_iam_user_policy', 'u', { user: 'bob', policy: ref('s:data.aws_iam_policy_document.d', 'json') }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_iam_policy.admin', message: 'statement Admin allows "*" on "*": full administrator access', unknown: false },
      { resource: 's:aws_iam_role.r', message: 'inline_policy everything: statement 0 allows "*" on every resource but arn:aws:s3:::audit/*: full administrator access', unknown: false },
      { resource: 's:aws_iam_role_policy.almost', message: 'statement 0 allows every action but iam:*, organizations:* on "*": full administrator access', unknown: false },
      { resource: 's:aws_iam_user_policy.u', message: 'statement 0 allows "*" on "*": full administrator access', unknown: false },
    ]);
  });

  test('an unknown policy, or a data source merging other documents, cannot be proved', () => {
    const g = graph(
      resource('s', 'aws_iam_policy', 'p', { policy: unknown('${file("admin.json")}', 'file(...) is computed by Terraform at plan time') }),
      resource('s', 'aws_iam_policy_document', 'merged', { source_policy_documents: [unknown('${var.extra}')], statement: [] }, { mode: 'data' }),
      resource('s', 'aws_iam_policy', 'q', { policy: ref('s:data.aws_iam_policy_document.merged', 'json') }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_iam_policy.p', message: 'cannot prove the policy grants no full administrator access: ${file("admin.json")} is unknown before apply', unknown: true },
      { resource: 's:aws_iam_policy.q', message: 'cannot prove the policy grants no full administrator access: data.aws_iam_policy_document.merged.json is unknown before apply', unknown: true },
    ]);
  });
});
