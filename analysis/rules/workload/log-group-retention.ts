/** LZ-LOG02: CloudWatch log groups keep logs for a set period of a year or more. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { numberOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** The shortest retention accepted, in days: a year, what investigations and most audits look back over. */
export const MIN_RETENTION_DAYS = 365;

export const rule: Rule = {
  id: 'LZ-LOG02',
  title: `CloudWatch log groups set retention_in_days to ${MIN_RETENTION_DAYS} or more`,
  why: 'Shorter retention deletes evidence before most incidents are discovered; no retention keeps (and bills) logs forever by accident rather than by decision.',
  level: 'warning',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod'], checkov: ['CKV_AWS_338', 'CKV_AWS_66'], securityHub: ['CloudWatch.16'] },
  appliesTo: ['aws_cloudwatch_log_group'],
  check(graph) {
    const out: Violation[] = [];
    for (const group of graph.byType('aws_cloudwatch_log_group')) {
      const days = numberOf(graph, group.attrs.retention_in_days);
      if (typeof days === 'number' && days >= MIN_RETENTION_DAYS) continue;
      if (isUnknown(days)) out.push(unknownFinding(group, 'the log group keeps logs for a year', days));
      else if (days === undefined || days === 0) out.push(finding(group, `retention_in_days is ${days === 0 ? '0' : 'not set'}, so logs never expire; set ${MIN_RETENTION_DAYS} days or more`));
      else out.push(finding(group, `retention_in_days is ${days}, less than ${MIN_RETENTION_DAYS}`));
    }
    return out;
  },
};
