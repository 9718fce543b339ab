/** LZ-IAM04: identity policies allow no whole-service wildcard actions. */
import { isUnknown } from '../../graph/types';
import { finding, statementName, unknownFinding } from '../helpers';
import type { Rule, Violation } from '../types';
import { identityPolicies, isServiceWildcard, policyStatements } from './util';

const CLAIM = 'the policy allows no whole-service wildcard';

export const rule: Rule = {
  id: 'LZ-IAM04',
  title: 'Identity policies allow no whole-service wildcard action ("s3:*", "iam:*", "*")',
  why: 'A service wildcard grants every current and future action of the service, including the ones that change its policies or delete its data; least privilege names the actions a role needs.',
  level: 'warning',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess'], securityHub: ['IAM.21'] },
  check(graph) {
    const out: Violation[] = [];
    for (const { resource, label, value } of identityPolicies(graph)) {
      const statements = policyStatements(graph, value);
      if (statements === undefined) continue;
      if (isUnknown(statements)) {
        out.push(unknownFinding(resource, CLAIM, statements));
        continue;
      }
      for (const [i, s] of statements.entries()) {
        const wildcards = s.effect === 'Allow' ? s.actions.filter(isServiceWildcard) : [];
        if (wildcards.length) out.push(finding(resource, `${label}${statementName(s, i)} allows every action of a service: ${wildcards.join(', ')}`));
      }
    }
    return out;
  },
};
