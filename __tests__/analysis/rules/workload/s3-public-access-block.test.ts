/** LZ-S301: every bucket has a full public access block. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/s3-public-access-block';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const PAB = 'aws_s3_bucket_public_access_block';
const ALL_ON = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };

describe('LZ-S301 public access block', () => {
  test('a block with all four settings, by reference or by literal bucket name, is compliant', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'bucket-a' }),
      resource('s', PAB, 'a', { bucket: ref('s:aws_s3_bucket.a', 'id'), ...ALL_ON }),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'bucket-b' }),
      resource('t', PAB, 'b', { bucket: 'bucket-b', block_public_acls: 'true', block_public_policy: 'true', ignore_public_acls: 'true', restrict_public_buckets: 'true' }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('no block, and a block with settings off (another bucket\'s full block does not count), are findings', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'bucket-a' }),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'bucket-b' }),
      resource('s', PAB, 'b', { bucket: ref('s:aws_s3_bucket.b', 'id'), block_public_acls: true, block_public_policy: false, ignore_public_acls: true }),
      resource('s', PAB, 'other', { bucket: 'bucket-c', ...ALL_ON }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.a', message: 'has no aws_s3_bucket_public_access_block, so an ACL or bucket policy can make it public', unknown: false },
      { resource: 's:aws_s3_bucket.b', message: 'aws_s3_bucket_public_access_block.b leaves block_public_policy, restrict_public_buckets off', unknown: false },
    ]);
  });

  test('an unknown setting, or a same-stack block whose bucket is unknown, cannot be proved', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'bucket-a' }),
      resource('s', PAB, 'a', { bucket: ref('s:aws_s3_bucket.a', 'id'), ...ALL_ON, restrict_public_buckets: unknown('${var.restrict}') }),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'bucket-b' }),
      resource('s', PAB, 'anything', { bucket: unknown('${var.bucket}'), ...ALL_ON }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.a', message: 'cannot prove the bucket blocks all public access: ${var.restrict} is unknown before apply', unknown: true },
      { resource: 's:aws_s3_bucket.b', message: 'cannot prove the bucket blocks all public access: ${var.bucket} is unknown before apply', unknown: true },
    ]);
  });
});
