/** LZ-KMS01: symmetric KMS keys rotate their key material. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf, stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

const CLAIM = 'the key rotates its key material';

export const rule: Rule = {
  id: 'LZ-KMS01',
  title: 'Symmetric KMS keys set enable_key_rotation = true',
  why: 'Automatic rotation limits how much data one key version protects and how long a leaked version stays useful; asymmetric and HMAC keys cannot rotate and are skipped.',
  level: 'warning',
  suppressible: true,
  mappings: { cdkNag: ['AwsSolutions-KMS5', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled'], checkov: ['CKV_AWS_7'], securityHub: ['KMS.4'] },
  appliesTo: ['aws_kms_key'],
  check(graph) {
    const out: Violation[] = [];
    for (const key of graph.byType('aws_kms_key')) {
      const rotation = boolOf(graph, key.attrs.enable_key_rotation);
      if (rotation === true) continue;
      const spec = stringOf(graph, key.attrs.customer_master_key_spec);
      if (isUnknown(spec)) {
        out.push(unknownFinding(key, CLAIM, spec));
        continue;
      }
      // Only symmetric encryption keys support automatic rotation.
      if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') continue;
      if (isUnknown(rotation)) out.push(unknownFinding(key, CLAIM, rotation));
      else out.push(finding(key, `enable_key_rotation is ${rotation === false ? 'false' : 'not set (default false)'}`));
    }
    return out;
  },
};
