/** LZ-IAM03: role trust policies are scoped. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/iam-scoped-trust';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const role = (name: string, ...statements: object[]) => resource('s', 'aws_iam_role', name, { assume_role_policy: doc(...statements) });

describe('LZ-IAM03 scoped trust', () => {
  test('services, a specific role, an account under sts:ExternalId and an OIDC provider under a sub condition are compliant', () => {
    const g = graph(
      role('ec2', { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      role('role', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:role/Deployer' }, Action: 'sts:AssumeRole' }),
      role('vendor', { Effect: 'Allow', Principal: { AWS: '333333333333' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'a-long-external-id' } } }),
      role('ci', {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/network:ref:refs/heads/main' } },
      }),
      role('deny', { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('"*", NotPrincipal, a whole account without condition and an OIDC provider without condition are findings', () => {
    const g = graph(
      role('any', { Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
      role('not', { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }),
      role('account', { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::222222222222:role/Ok'] }, Action: 'sts:AssumeRole', Condition: { StringEqualsIfExists: { 'sts:ExternalId': 'x' } } }),
      role('ci', { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_iam_role.account', message: 'statement Partner lets every principal of account 222222222222 assume the role with no condition (add sts:ExternalId, aws:PrincipalArn or aws:PrincipalOrgID)', unknown: false },
      { resource: 's:aws_iam_role.any', message: 'statement Anyone lets any principal ("*") assume the role', unknown: false },
      { resource: 's:aws_iam_role.ci', message: 'statement 0 lets every identity of arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com assume the role with no condition on its token (such as its sub or aud claim)', unknown: false },
      { resource: 's:aws_iam_role.not', message: 'statement 0 trusts every principal but its NotPrincipal', unknown: false },
    ]);
  });

  test('an unknown trust policy cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', 'aws_iam_role', 'r', { assume_role_policy: unknown('${var.trust}') }))))).toEqual([
      { resource: 's:aws_iam_role.r', message: 'cannot prove the role trusts only scoped principals: ${var.trust} is unknown before apply', unknown: true },
    ]);
  });
});
