/** LZ-IAM04: no whole-service wildcards in identity policies. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/iam-no-service-wildcard';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('LZ-IAM04 no service wildcard', () => {
  test('named actions, prefix wildcards and a deny of s3:* are compliant', () => {
    const g = graph(
      resource('s', 'aws_iam_policy', 'p', {
        policy: doc(
          { Effect: 'Allow', Action: ['s3:GetObject', 'logs:Put*', 'ec2:Describe*'], Resource: '*' },
          { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ),
      }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('s3:*, KMS:* and "*" are findings, per statement', () => {
    const g = graph(
      resource('s', 'aws_iam_role_policy', 'p', { role: 'r', policy: doc({ Sid: 'Data', Effect: 'Allow', Action: ['s3:*', 'KMS:*', 's3:GetObject'], Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' }) }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_iam_role_policy.p', message: 'statement Data allows every action of a service: s3:*, KMS:*', unknown: false },
      { resource: 's:aws_iam_role_policy.p', message: 'statement 1 allows every action of a service: *', unknown: false },
    ]);
  });

  test('an unknown policy cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', 'aws_iam_group_policy', 'g', { group: 'ops', policy: unknown('${var.policy}') }))))).toEqual([
      { resource: 's:aws_iam_group_policy.g', message: 'cannot prove the policy allows no whole-service wildcard: ${var.policy} is unknown before apply', unknown: true },
    ]);
  });
});
