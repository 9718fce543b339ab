/** LZ-S306: bucket policies grant nothing to unscoped "*" principals. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/s3-no-public-policy';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const POLICY = 'aws_s3_bucket_policy';
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const bucket = ref('s:aws_s3_bucket.b', 'id');

describe('LZ-S306 no public bucket policy', () => {
  test('"*" scoped to the organization, service principals and denies to "*" are compliant', () => {
    const g = graph(
      resource('s', POLICY, 'p', {
        bucket,
        policy: doc(
          { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
          { Sid: 'OrgPaths', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'] } } },
          { Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' },
        ),
      }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('"*" with no condition, an IfExists condition, a wildcard org id or a NotPrincipal are findings', () => {
    const g = graph(
      resource('s', POLICY, 'p', {
        bucket,
        policy: doc(
          { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:GetObject', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
          { Sid: 'AnyOrg', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } },
        ),
      }),
      resource('s', 'aws_s3_bucket', 'legacy', { bucket: 'legacy', policy: doc({ Sid: 'AllButMe', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, NotAction: 's3:DeleteBucket', Resource: '*' }) }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.legacy', message: 'statement AllButMe allows every action but s3:DeleteBucket to every principal but its NotPrincipal without an organization or account condition', unknown: false },
      { resource: 's:aws_s3_bucket_policy.p', message: 'statement Public allows s3:GetObject, s3:ListBucket to any principal ("*") without an organization or account condition', unknown: false },
      { resource: 's:aws_s3_bucket_policy.p', message: 'statement 1 allows s3:GetObject to any principal ("*") without an organization or account condition', unknown: false },
      { resource: 's:aws_s3_bucket_policy.p', message: 'statement AnyOrg allows s3:GetObject to any principal ("*") without an organization or account condition', unknown: false },
    ]);
  });

  test('an unknown policy cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', POLICY, 'p', { bucket, policy: unknown('${var.policy}') }))))).toEqual([
      { resource: 's:aws_s3_bucket_policy.p', message: 'cannot prove the bucket policy grants nothing to the public: ${var.policy} is unknown before apply', unknown: true },
    ]);
  });
});
