/** LZ-LOG01: CloudWatch log groups are encrypted with a KMS key. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import type { Rule, Violation } from '../types';
import { presenceOf } from './util';

export const rule: Rule = {
  id: 'LZ-LOG01',
  title: 'CloudWatch log groups set kms_key_id',
  why: 'Logs of VPN connections and shell sessions hold user names, addresses and command output; a customer managed key decides who can read them, beyond anyone with logs:GetLogEvents.',
  level: 'warning',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupEncrypted'], checkov: ['CKV_AWS_158'] },
  appliesTo: ['aws_cloudwatch_log_group'],
  check(graph) {
    const out: Violation[] = [];
    for (const group of graph.byType('aws_cloudwatch_log_group')) {
      const key = presenceOf(graph, group.attrs.kms_key_id);
      if (key === true) continue;
      if (isUnknown(key)) out.push(unknownFinding(group, 'the log group is encrypted with a KMS key', key));
      else out.push(finding(group, 'kms_key_id is not set, so the log group is not encrypted with a KMS key'));
    }
    return out;
  },
};
