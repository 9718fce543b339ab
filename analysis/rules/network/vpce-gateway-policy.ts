/** LZ-VPCE03: gateway endpoints never keep the default full-access policy. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { allowsAnyPrincipal, parsePolicy, restrictingConditionKeys, statementName } from '../helpers/policy';
import type { Rule, Violation } from '../types';
import { endpointPolicy, endpointsOfType } from './vpce-policy-org';

/** Resource patterns that mean "every bucket / table". */
const EVERYTHING = /^(\*|arn:[\w*-]+:(s3|dynamodb):[^:]*:[^:]*:\*(\/\*)?)$/;
const CLAIM = 'the gateway endpoint policy is narrower than full access';

/** Rule LZ-VPCE03: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPCE03',
  title: 'Gateway endpoints carry a policy with no unconditioned Allow for any principal on every resource',
  why: 'A gateway endpoint with the default policy lets any workload in the VPC copy data to any bucket in any account, bypassing the egress path and its inspection; scope it to the landing zone\'s buckets and the organization.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpc_endpoint'],
  check(graph) {
    const out: Violation[] = [];
    for (const endpoint of endpointsOfType(graph, 'Gateway', CLAIM, out)) {
      const policy = parsePolicy(graph, endpointPolicy(graph, endpoint));
      if (policy === undefined) {
        out.push(finding(endpoint, 'no endpoint policy: AWS attaches full access for any principal on every resource'));
        continue;
      }
      if (isUnknown(policy)) {
        out.push(unknownFinding(endpoint, CLAIM, policy));
        continue;
      }
      policy.forEach((statement, i) => {
        if (!allowsAnyPrincipal(statement) || restrictingConditionKeys(statement).size > 0) return;
        if (statement.resources.some((r) => EVERYTHING.test(r)) || statement.notResources.length > 0) {
          out.push(finding(endpoint, `${statementName(statement, i)} allows any principal on every resource with no condition`));
        }
      });
    }
    return out;
  },
};
