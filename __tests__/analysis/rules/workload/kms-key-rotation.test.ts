/** LZ-KMS01: symmetric keys rotate. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/kms-key-rotation';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));

describe('LZ-KMS01 key rotation', () => {
  test('rotating symmetric keys, and asymmetric or HMAC keys (which cannot rotate), are compliant', () => {
    const g = graph(
      resource('s', 'aws_kms_key', 'a', { enable_key_rotation: true }),
      resource('s', 'aws_kms_key', 'b', { enable_key_rotation: true, customer_master_key_spec: 'SYMMETRIC_DEFAULT', rotation_period_in_days: 90 }),
      resource('s', 'aws_kms_key', 'rsa', { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY' }),
      resource('s', 'aws_kms_key', 'hmac', { customer_master_key_spec: 'HMAC_256', key_usage: 'GENERATE_VERIFY_MAC' }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('false and unset on a symmetric key are findings', () => {
    const g = graph(resource('s', 'aws_kms_key', 'a', { enable_key_rotation: false }), resource('s', 'aws_kms_key', 'b', { customer_master_key_spec: 'SYMMETRIC_DEFAULT' }));
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_kms_key.a', message: 'enable_key_rotation is false', unknown: false },
      { resource: 's:aws_kms_key.b', message: 'enable_key_rotation is not set (default false)', unknown: false },
    ]);
  });

  test('an unknown flag, or an unknown key spec without rotation, cannot be proved', () => {
    const g = graph(resource('s', 'aws_kms_key', 'a', { enable_key_rotation: unknown('${var.rotate}') }), resource('s', 'aws_kms_key', 'b', { customer_master_key_spec: unknown('${var.spec}') }));
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_kms_key.a', message: 'cannot prove the key rotates its key material: ${var.rotate} is unknown before apply', unknown: true },
      { resource: 's:aws_kms_key.b', message: 'cannot prove the key rotates its key material: ${var.spec} is unknown before apply', unknown: true },
    ]);
  });
});
