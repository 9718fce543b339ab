/** LZ-ALB03: application load balancers drop HTTP header fields that are not valid. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { lbTypeOf, resourcesOf } from './util';

const CLAIM = 'the load balancer drops invalid HTTP header fields';

export const rule: Rule = {
  id: 'LZ-ALB03',
  title: 'Application load balancers set drop_invalid_header_fields = true',
  why: 'Header fields that are not valid HTTP are a vehicle for request smuggling and header injection against targets that parse them differently from the load balancer.',
  level: 'error',
  suppressible: true,
  mappings: { cdkNag: ['HIPAA.Security-ALBHttpDropInvalidHeaderEnabled'], checkov: ['CKV_AWS_131'], securityHub: ['ELB.4'] },
  appliesTo: ['aws_lb', 'aws_alb'],
  check(graph) {
    const out: Violation[] = [];
    for (const lb of resourcesOf(graph, 'aws_lb', 'aws_alb')) {
      const drop = boolOf(graph, lb.attrs.drop_invalid_header_fields);
      if (drop === true) continue;
      const type = lbTypeOf(graph, lb);
      if (isUnknown(type)) out.push(unknownFinding(lb, CLAIM, type));
      else if (type !== 'application') continue;
      else if (isUnknown(drop)) out.push(unknownFinding(lb, CLAIM, drop));
      else out.push(finding(lb, `drop_invalid_header_fields is ${drop === false ? 'false' : 'not set (default false)'}, so requests with invalid header fields reach the targets`));
    }
    return out;
  },
};
