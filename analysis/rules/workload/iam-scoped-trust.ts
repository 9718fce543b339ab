/** LZ-IAM03: role trust policies name services, specific principals, or accounts and identity providers under a condition. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { statementName } from '../helpers/policy';
import type { Rule, Violation } from '../types';
import { accountRootOf, hasRequiredCondition, policyStatements } from './util';

const CLAIM = 'the role trusts only scoped principals';

export const rule: Rule = {
  id: 'LZ-IAM03',
  title: 'Role trust policies never trust "*"; a whole account or a federated identity provider is trusted only under a condition',
  why: 'The trust policy decides who can become the role: "*" is anyone, an account root is every principal that account lets assume roles, and an OIDC or SAML provider without a condition on the token is every identity the provider issues (any repository of a CI service, for example).',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_60', 'CKV_AWS_61'] },
  appliesTo: ['aws_iam_role'],
  check(graph) {
    const out: Violation[] = [];
    for (const role of graph.byType('aws_iam_role')) {
      const statements = policyStatements(graph, role.attrs.assume_role_policy);
      if (statements === undefined) continue;
      if (isUnknown(statements)) {
        out.push(unknownFinding(role, CLAIM, statements));
        continue;
      }
      for (const [i, s] of statements.entries()) {
        if (s.effect !== 'Allow') continue;
        const name = statementName(s, i);
        if (s.notPrincipal) {
          out.push(finding(role, `${name} trusts every principal but its NotPrincipal`));
          continue;
        }
        if (s.principal === undefined) continue;
        if (s.principal === '*' || Object.values(s.principal).some((ids) => ids.includes('*'))) {
          out.push(finding(role, `${name} lets any principal ("*") assume the role`));
          continue;
        }
        const conditioned = hasRequiredCondition(s);
        for (const id of s.principal.AWS ?? []) {
          const root = accountRootOf(id);
          if (root === undefined || conditioned) continue;
          out.push(finding(role, `${name} lets every principal of ${root === 'opaque' ? id : `account ${root}`} assume the role with no condition (add sts:ExternalId, aws:PrincipalArn or aws:PrincipalOrgID)`));
        }
        for (const id of s.principal.Federated ?? []) {
          if (!conditioned) out.push(finding(role, `${name} lets every identity of ${id} assume the role with no condition on its token (such as its sub or aud claim)`));
        }
      }
    }
    return out;
  },
};
