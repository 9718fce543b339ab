/** LZ-S304: buckets are versioned. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/s3-versioning';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const V = 'aws_s3_bucket_versioning';

describe('LZ-S304 versioning', () => {
  test('status Enabled, or the inline versioning block enabled, is compliant', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'a' }),
      resource('s', V, 'a', { bucket: ref('s:aws_s3_bucket.a', 'id'), versioning_configuration: { status: 'Enabled' } }),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'b', versioning: [{ enabled: true }] }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('no versioning, Suspended, and inline versioning off are findings', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'a' }),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'b' }),
      resource('s', V, 'b', { bucket: 'b', versioning_configuration: [{ status: 'Suspended' }] }),
      resource('s', 'aws_s3_bucket', 'c', { bucket: 'c', versioning: { enabled: false } }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.a', message: 'has no aws_s3_bucket_versioning, so overwritten or deleted objects cannot be recovered', unknown: false },
      { resource: 's:aws_s3_bucket.b', message: 'aws_s3_bucket_versioning.b sets status Suspended, not Enabled', unknown: false },
      { resource: 's:aws_s3_bucket.c', message: 'versioning.enabled is not true', unknown: false },
    ]);
  });

  test('an unknown status cannot be proved', () => {
    const g = graph(resource('s', 'aws_s3_bucket', 'a', { bucket: 'a' }), resource('s', V, 'a', { bucket: ref('s:aws_s3_bucket.a', 'id'), versioning_configuration: { status: unknown('${var.versioning}') } }));
    expect(findings(rule.check(g))).toEqual([{ resource: 's:aws_s3_bucket.a', message: 'cannot prove the bucket keeps object versions: ${var.versioning} is unknown before apply', unknown: true }]);
  });
});
