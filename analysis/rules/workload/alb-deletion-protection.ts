/** LZ-ALB05: load balancers have deletion protection. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { resourcesOf } from './util';

export const rule: Rule = {
  id: 'LZ-ALB05',
  title: 'Load balancers set enable_deletion_protection = true',
  why: 'A load balancer is the entry point of its application and its DNS name changes when it is recreated; deletion protection makes a stray destroy or API call fail instead of taking the service down.',
  level: 'warning',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-ELBDeletionProtectionEnabled'], checkov: ['CKV_AWS_150'], securityHub: ['ELB.6'] },
  appliesTo: ['aws_lb', 'aws_alb'],
  check(graph) {
    const out: Violation[] = [];
    for (const lb of resourcesOf(graph, 'aws_lb', 'aws_alb')) {
      const on = boolOf(graph, lb.attrs.enable_deletion_protection);
      if (on === true) continue;
      if (isUnknown(on)) out.push(unknownFinding(lb, 'the load balancer has deletion protection', on));
      else out.push(finding(lb, `enable_deletion_protection is ${on === false ? 'false' : 'not set (default false)'}`));
    }
    return out;
  },
};
