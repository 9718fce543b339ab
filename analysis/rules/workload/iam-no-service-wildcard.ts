/** LZ-IAM04: identity policies allow no whole-service wildcard actions. */
import type { Rule } from '../types';
import { IDENTITY_STATEMENT_TYPES, identityStatementViolations, isServiceWildcard } from './util';

const CLAIM = 'the policy allows no whole-service wildcard';

export const rule: Rule = {
  id: 'LZ-IAM04',
  title: 'Identity policies allow no whole-service wildcard action ("s3:*", "iam:*", "*")',
  why: 'A service wildcard grants every current and future action of the service, including the ones that change its policies or delete its data; least privilege names the actions a role needs.',
  level: 'warning',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess'], securityHub: ['IAM.21'] },
  appliesTo: IDENTITY_STATEMENT_TYPES,
  check: (graph) =>
    identityStatementViolations(graph, CLAIM, (s) => {
      const wildcards = s.effect === 'Allow' ? s.actions.filter(isServiceWildcard) : [];
      return wildcards.length ? `allows every action of a service: ${wildcards.join(', ')}` : undefined;
    }),
};
