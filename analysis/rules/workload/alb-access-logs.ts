/** LZ-ALB04: application load balancers write access logs to S3. */
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { blocksOf, lbTypeOf, presenceOf, resourcesOf } from './util';

const CLAIM = 'the load balancer writes access logs';

export const rule: Rule = {
  id: 'LZ-ALB04',
  title: 'Application load balancers have access logs enabled with a bucket',
  why: 'Access logs are the only record of who sent which request to an internet-facing load balancer; without them an incident cannot be traced back to its clients.',
  level: 'warning',
  suppressible: true,
  mappings: { cdkNag: ['AwsSolutions-ELB2', 'NIST.800.53.R5-ELBLoggingEnabled'], checkov: ['CKV_AWS_91'], securityHub: ['ELB.5'] },
  appliesTo: ['aws_lb', 'aws_alb'],
  check(graph) {
    const out: Violation[] = [];
    for (const lb of resourcesOf(graph, 'aws_lb', 'aws_alb')) {
      const problem = logProblem(lb);
      if (problem === undefined) continue;
      const type = lbTypeOf(graph, lb);
      if (isUnknown(type)) out.push(unknownFinding(lb, CLAIM, type));
      else if (type !== 'application') continue;
      else if (isUnknown(problem)) out.push(unknownFinding(lb, CLAIM, problem));
      else out.push(finding(lb, problem));
    }
    return out;

    function logProblem(lb: TfResource): string | Unknown | undefined {
      const logs = blocksOf(graph, lb.attrs.access_logs);
      if (isUnknown(logs)) return logs;
      if (logs.length === 0) return 'has no access_logs block, so no request is recorded';
      const enabled = boolOf(graph, logs[0].enabled);
      if (isUnknown(enabled)) return enabled;
      // The provider leaves access logs off unless enabled is true, even with a bucket.
      if (enabled !== true) return `access_logs.enabled is ${enabled === false ? 'false' : 'not set (default false)'}, so no request is recorded`;
      const bucket = presenceOf(graph, logs[0].bucket);
      if (isUnknown(bucket)) return bucket;
      return bucket ? undefined : 'access_logs names no bucket';
    }
  },
};
