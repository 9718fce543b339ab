/** LZ-S303: default encryption with a customer managed key, SSE-S3 for ALB access-log buckets. */
import { ref } from '../../../../analysis/graph/graph';
import type { Value } from '../../../../analysis/graph/types';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/s3-default-encryption';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const sse = (bucket: string, defaults: { readonly [key: string]: Value }) => ({ bucket: ref(`s:aws_s3_bucket.${bucket}`, 'id'), rule: [{ apply_server_side_encryption_by_default: defaults, bucket_key_enabled: true }] });
const alb = (bucket: string) => resource('s', 'aws_lb', `alb-${bucket}`, { access_logs: { bucket: ref(`s:aws_s3_bucket.${bucket}`, 'id'), enabled: true } });

describe('LZ-S303 default encryption', () => {
  test('SSE-KMS with a key (resource or inline argument) and SSE-S3 on an ALB log bucket are compliant', () => {
    const g = graph(
      resource('s', 'aws_kms_key', 'k', {}),
      resource('s', 'aws_s3_bucket', 'archive', { bucket: 'archive' }),
      resource('s', SSE, 'archive', sse('archive', { sse_algorithm: 'aws:kms', kms_master_key_id: ref('s:aws_kms_key.k', 'arn') })),
      resource('s', 'aws_s3_bucket', 'legacy', { bucket: 'legacy', server_side_encryption_configuration: { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms:dsse', kms_master_key_id: 'arn:aws:kms:ap-northeast-2:111111111111:key/1' } } } }),
      resource('s', 'aws_s3_bucket', 'logs', { bucket: 'logs' }),
      resource('s', SSE, 'logs', sse('logs', { sse_algorithm: 'AES256' })),
      alb('logs'),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('no configuration, SSE-S3, aws:kms without a key and KMS on an ALB log bucket are findings', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'none', { bucket: 'none' }),
      resource('s', 'aws_s3_bucket', 'sses3', { bucket: 'sses3' }),
      resource('s', SSE, 'sses3', sse('sses3', { sse_algorithm: 'AES256' })),
      resource('s', 'aws_s3_bucket', 'awskey', { bucket: 'awskey' }),
      resource('s', SSE, 'awskey', sse('awskey', { sse_algorithm: 'aws:kms' })),
      resource('s', 'aws_s3_bucket', 'logs', { bucket: 'logs' }),
      resource('s', SSE, 'logs', sse('logs', { sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:ap-northeast-2:111111111111:key/1' })),
      alb('logs'),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.awskey', message: 'encrypts with aws:kms but names no kms_master_key_id, so S3 uses the AWS managed key aws/s3, whose key policy cannot be restricted', unknown: false },
      { resource: 's:aws_s3_bucket.logs', message: 'is the access-log bucket of aws_lb.alb-logs, and Application Load Balancers deliver only to SSE-S3 (AES256) buckets, but it uses aws:kms', unknown: false },
      { resource: 's:aws_s3_bucket.none', message: 'has no default encryption (no apply_server_side_encryption_by_default in an aws_s3_bucket_server_side_encryption_configuration)', unknown: false },
      { resource: 's:aws_s3_bucket.sses3', message: 'encrypts with SSE-S3 (AES256); use SSE-KMS with a customer managed key (kms_master_key_id)', unknown: false },
    ]);
  });

  test('an unknown algorithm or key, or a load balancer logging to an unknown bucket, cannot be proved', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'a' }),
      resource('s', SSE, 'a', sse('a', { sse_algorithm: unknown('${var.algorithm}') })),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'b' }),
      resource('s', SSE, 'b', sse('b', { sse_algorithm: 'AES256' })),
      resource('s', 'aws_lb', 'web', { access_logs: { bucket: unknown('${var.log_bucket}'), enabled: true } }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.a', message: 'cannot prove the bucket encrypts objects by default with the right key: ${var.algorithm} is unknown before apply', unknown: true },
      { resource: 's:aws_s3_bucket.b', message: 'cannot prove the bucket encrypts objects by default with the right key: ${var.log_bucket} is unknown before apply', unknown: true },
    ]);
  });
});
