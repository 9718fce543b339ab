/** LZ-S302: bucket policies deny requests without TLS. */
import { ref } from '../../../../analysis/graph/graph';
import type { Value } from '../../../../analysis/graph/types';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/s3-tls-only';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const POLICY = 'aws_s3_bucket_policy';
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const denyHttp = (resources: string[]) => ({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

describe('LZ-S302 TLS-only bucket policy', () => {
  test('the deny on aws:SecureTransport, literal, through ${...} or inline on the bucket, is compliant', () => {
    const template: Value = {
      $template: JSON.stringify({
        Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['s3:*'], Resource: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'], Condition: { Bool: { 'aws:SecureTransport': false } } }],
      }),
      refs: [ref('s:aws_s3_bucket.b', 'arn'), ref('s:aws_s3_bucket.b', 'arn')],
    };
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'bucket-a' }),
      resource('s', POLICY, 'a', { bucket: ref('s:aws_s3_bucket.a', 'id'), policy: doc({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-a/*' }, denyHttp(['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-a/*'])) }),
      resource('s', 'aws_s3_bucket', 'b', {}),
      resource('s', POLICY, 'b', { bucket: ref('s:aws_s3_bucket.b', 'id'), policy: template }),
      resource('s', 'aws_s3_bucket', 'c', { bucket: 'bucket-c', policy: doc(denyHttp(['*'])) }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('no policy, a policy without the deny, and a deny that misses the bucket itself are findings', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'bucket-a' }),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'bucket-b' }),
      resource('s', POLICY, 'b', { bucket: 'bucket-b', policy: doc({ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-b/*' }) }),
      resource('s', 'aws_s3_bucket', 'c', { bucket: 'bucket-c' }),
      resource('s', POLICY, 'c', { bucket: ref('s:aws_s3_bucket.c', 'bucket'), policy: doc(denyHttp(['arn:aws:s3:::bucket-c/*'])) }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.a', message: 'has no bucket policy, so requests without TLS are not denied', unknown: false },
      { resource: 's:aws_s3_bucket.b', message: 'bucket policy aws_s3_bucket_policy.b has no statement denying s3:* on aws_s3_bucket.b and its objects to every principal when aws:SecureTransport is false', unknown: false },
      { resource: 's:aws_s3_bucket.c', message: 'bucket policy aws_s3_bucket_policy.c has no statement denying s3:* on aws_s3_bucket.c and its objects to every principal when aws:SecureTransport is false', unknown: false },
    ]);
  });

  test('an unknown policy, or only a same-stack policy whose bucket is unknown, cannot be proved', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'bucket-a' }),
      resource('s', POLICY, 'a', { bucket: ref('s:aws_s3_bucket.a', 'id'), policy: unknown('${data.aws_iam_policy_document.x.json}') }),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'bucket-b' }),
      resource('s', POLICY, 'somewhere', { bucket: unknown('${var.bucket}'), policy: doc(denyHttp(['*'])) }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.a', message: 'cannot prove the bucket denies requests without TLS: ${data.aws_iam_policy_document.x.json} is unknown before apply', unknown: true },
      { resource: 's:aws_s3_bucket.b', message: 'cannot prove the bucket denies requests without TLS: ${var.bucket} is unknown before apply', unknown: true },
    ]);
  });
});
