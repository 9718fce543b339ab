/** LZ-LOG01: log groups are KMS-encrypted. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/log-group-encryption';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const T = 'aws_cloudwatch_log_group';

describe('LZ-LOG01 log group encryption', () => {
  test('a key reference or ARN is compliant', () => {
    const g = graph(resource('s', 'aws_kms_key', 'k', {}), resource('s', T, 'a', { kms_key_id: ref('s:aws_kms_key.k', 'arn') }), resource('s', T, 'b', { kms_key_id: 'arn:aws:kms:ap-northeast-2:111111111111:key/1' }));
    expect(rule.check(g)).toEqual([]);
  });

  test('no key is a finding', () => {
    expect(findings(rule.check(graph(resource('s', T, 'a', { name: '/aws/x' }))))).toEqual([
      { resource: `s:${T}.a`, message: 'kms_key_id is not set, so the log group is not encrypted with a KMS key', unknown: false },
    ]);
  });

  test('a key from a variable cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', T, 'a', { kms_key_id: unknown('${var.key}') }))))).toEqual([
      { resource: `s:${T}.a`, message: 'cannot prove the log group is encrypted with a KMS key: ${var.key} is unknown before apply', unknown: true },
    ]);
  });
});
