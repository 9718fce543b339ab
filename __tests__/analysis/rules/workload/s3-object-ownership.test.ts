/** LZ-S305: buckets disable ACLs. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/s3-object-ownership';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const O = 'aws_s3_bucket_ownership_controls';

describe('LZ-S305 object ownership', () => {
  test('BucketOwnerEnforced is compliant', () => {
    const g = graph(resource('s', 'aws_s3_bucket', 'a', { bucket: 'a' }), resource('s', O, 'a', { bucket: ref('s:aws_s3_bucket.a', 'id'), rule: { object_ownership: 'BucketOwnerEnforced' } }));
    expect(rule.check(g)).toEqual([]);
  });

  test('no ownership controls and BucketOwnerPreferred are findings', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'a', { bucket: 'a' }),
      resource('s', 'aws_s3_bucket', 'b', { bucket: 'b' }),
      resource('s', O, 'b', { bucket: ref('s:aws_s3_bucket.b', 'id'), rule: [{ object_ownership: 'BucketOwnerPreferred' }] }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_s3_bucket.a', message: 'has no aws_s3_bucket_ownership_controls: set object_ownership BucketOwnerEnforced so ACLs are disabled', unknown: false },
      { resource: 's:aws_s3_bucket.b', message: 'aws_s3_bucket_ownership_controls.b sets object_ownership BucketOwnerPreferred, so ACLs still grant access', unknown: false },
    ]);
  });

  test('an unknown ownership cannot be proved', () => {
    const g = graph(resource('s', 'aws_s3_bucket', 'a', { bucket: 'a' }), resource('s', O, 'a', { bucket: ref('s:aws_s3_bucket.a', 'id'), rule: { object_ownership: unknown('${var.ownership}') } }));
    expect(findings(rule.check(g))).toEqual([{ resource: 's:aws_s3_bucket.a', message: 'cannot prove the bucket has ACLs disabled: ${var.ownership} is unknown before apply', unknown: true }]);
  });
});
