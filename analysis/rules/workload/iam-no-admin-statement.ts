/** LZ-IAM01: no IAM policy allows every action on every resource. */
import type { PolicyStatement } from '../helpers/policy';
import type { Rule } from '../types';
import { IDENTITY_STATEMENT_TYPES, identityStatementViolations } from './util';

const CLAIM = 'the policy grants no full administrator access';

export const rule: Rule = {
  id: 'LZ-IAM01',
  title: 'No IAM policy statement allows Action "*" (or a NotAction) on Resource "*" (or a NotResource)',
  why: 'Allow * on * is full administrator access: whoever holds the policy can grant themselves anything, disable logging and delete the landing zone; no workload or operator role needs it.',
  level: 'error',
  suppressible: false,
  mappings: { cdkNag: ['NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess'], checkov: ['CKV_AWS_62', 'CKV_AWS_1'], securityHub: ['IAM.1'] },
  appliesTo: IDENTITY_STATEMENT_TYPES,
  check: (graph) =>
    identityStatementViolations(graph, CLAIM, (s) => {
      if (s.effect !== 'Allow' || !everyAction(s) || !everyResource(s)) return undefined;
      const what = s.actions.includes('*') ? '"*"' : `every action but ${s.notActions.join(', ')}`;
      const where = s.resources.includes('*') ? '"*"' : `every resource but ${s.notResources.join(', ')}`;
      return `allows ${what} on ${where}: full administrator access`;
    }),
};

const everyAction = (s: PolicyStatement): boolean => s.actions.includes('*') || s.notActions.length > 0;
const everyResource = (s: PolicyStatement): boolean => s.resources.includes('*') || s.notResources.length > 0;
