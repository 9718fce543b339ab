/** LZ-ALB06: application load balancers mitigate HTTP desync in defensive or strictest mode. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { lbTypeOf, resourcesOf } from './util';

const CLAIM = 'the load balancer mitigates HTTP desync';

export const rule: Rule = {
  id: 'LZ-ALB06',
  title: 'Application load balancers use desync_mitigation_mode defensive (the default) or strictest',
  why: 'In monitor mode the load balancer forwards ambiguous requests that let an attacker smuggle a second request past it (HTTP desync); defensive and strictest block or normalize them.',
  level: 'warning',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_328'], securityHub: ['ELB.12'] },
  appliesTo: ['aws_lb', 'aws_alb'],
  check(graph) {
    const out: Violation[] = [];
    for (const lb of resourcesOf(graph, 'aws_lb', 'aws_alb')) {
      const mode = stringOf(graph, lb.attrs.desync_mitigation_mode);
      if (mode === undefined || mode === 'defensive' || mode === 'strictest') continue;
      const type = lbTypeOf(graph, lb);
      if (isUnknown(type)) out.push(unknownFinding(lb, CLAIM, type));
      else if (type !== 'application') continue;
      else if (isUnknown(mode)) out.push(unknownFinding(lb, CLAIM, mode));
      else out.push(finding(lb, `desync_mitigation_mode is ${mode}, which forwards requests that risk HTTP desync; use defensive or strictest`));
    }
    return out;
  },
};
