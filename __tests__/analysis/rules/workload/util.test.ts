/** The workload helpers that the rule tests exercise only in part: blocks, presence, policy documents from data sources, scoping, principals. */
import { Graph, ref } from '../../../../analysis/graph/graph';
import { isUnknown } from '../../../../analysis/graph/types';
import { accountRootOf, accountsOf, blocksOf, hasRequiredCondition, isServiceWildcard, policyStatements, presenceOf, scopedToOrgOrAccount } from '../../../../analysis/rules/workload/util';
import type { PolicyStatement } from '../../../../analysis/rules/helpers/policy';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const statement = (conditions: PolicyStatement['conditions']): PolicyStatement => ({ effect: 'Allow', principal: '*', notPrincipal: false, actions: ['s3:GetObject'], notActions: [], resources: ['*'], notResources: [], conditions });

describe('blocksOf', () => {
  test('reads a single block written as an object and repeated blocks written as a list; absent is none', () => {
    const g = graph();
    expect(blocksOf(g, { enabled: true })).toEqual([{ enabled: true }]);
    expect(blocksOf(g, [{ a: 1 }, null, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(blocksOf(g, undefined)).toEqual([]);
  });

  test('a dynamic block, or an element that is not a block, is unknown', () => {
    expect(blocksOf(graph(), unknown('${var.blocks}'))).toMatchObject({ $unknown: '${var.blocks}' });
    expect(blocksOf(graph(), ['text'])).toMatchObject({ $unknown: '"text"', reason: 'not a block' });
  });
});

describe('presenceOf', () => {
  test('a literal or a reference into the graph is present; absent and empty are not; a variable is unknown', () => {
    const g = graph(resource('s', 'aws_kms_key', 'k', {}));
    expect(presenceOf(g, ref('s:aws_kms_key.k', 'arn'))).toBe(true);
    expect(presenceOf(g, 'arn:aws:kms:x')).toBe(true);
    expect(presenceOf(g, '')).toBe(false);
    expect(presenceOf(g, null)).toBe(false);
    expect(isUnknown(presenceOf(g, unknown('${var.key}')))).toBe(true);
    expect(isUnknown(presenceOf(g, ref('s:aws_kms_key.missing', 'arn')))).toBe(true);
    expect(presenceOf(g, { $template: 'alias/${var.name}', refs: [unknown('${var.name}')] })).toBe(true);
    expect(presenceOf(g, { $template: '${var.name}', refs: [unknown('${var.name}')] })).toMatchObject({ $unknown: '${var.name}' });
  });
});

describe('policyStatements from an aws_iam_policy_document data source', () => {
  test('statement blocks become statements; type "*" principals are "*"; references stay opaque', () => {
    const doc = resource(
      's',
      'aws_iam_policy_document',
      'd',
      {
        statement: [
          { sid: 'Public', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:GetObject'], resources: [ref('s:aws_s3_bucket.b', 'arn')] },
          { effect: 'Deny', not_principals: { type: 'AWS', identifiers: ['arn:aws:iam::111111111111:root'] }, not_actions: ['s3:Get*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: [false] }] },
        ],
      },
      { mode: 'data' },
    );
    const statements = policyStatements(graph(doc), ref('s:data.aws_iam_policy_document.d', 'json'));
    expect(statements).toEqual([
      { sid: 'Public', effect: 'Allow', principal: '*', notPrincipal: false, actions: ['s3:GetObject'], notActions: [], resources: ['\u27e8s:aws_s3_bucket.b.arn\u27e9'], notResources: [], conditions: [] },
      { effect: 'Deny', principal: { AWS: ['arn:aws:iam::111111111111:root'] }, notPrincipal: true, actions: [], notActions: ['s3:Get*'], resources: [], notResources: [], conditions: [{ operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] }] },
    ]);
  });

  test('an unknown list inside a statement makes the document unknown', () => {
    const doc = resource('s', 'aws_iam_policy_document', 'd', { statement: { actions: unknown('${var.actions}'), resources: ['*'] } }, { mode: 'data' });
    expect(policyStatements(graph(doc), ref('s:data.aws_iam_policy_document.d', 'json'))).toMatchObject({ $unknown: '${var.actions}' });
  });
});

describe('statement scoping', () => {
  test('organization and account keys under positive operators scope a statement; IfExists, negations and bare wildcards do not', () => {
    expect(scopedToOrgOrAccount(statement([{ operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] }]))).toBe(true);
    expect(scopedToOrgOrAccount(statement([{ operator: 'StringEquals', key: 'AWS:SourceAccount', values: ['111111111111'] }]))).toBe(true);
    expect(scopedToOrgOrAccount(statement([{ operator: 'StringEqualsIfExists', key: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] }]))).toBe(false);
    expect(scopedToOrgOrAccount(statement([{ operator: 'StringNotEquals', key: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] }]))).toBe(false);
    expect(scopedToOrgOrAccount(statement([{ operator: 'StringLike', key: 'aws:PrincipalAccount', values: ['*'] }]))).toBe(false);
    expect(scopedToOrgOrAccount(statement([{ operator: 'StringEquals', key: 'aws:SourceVpce', values: ['vpce-1'] }]))).toBe(false);
  });

  test('a required condition is any operator that does not pass on a missing key', () => {
    expect(hasRequiredCondition(statement([{ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'] }]))).toBe(true);
    expect(hasRequiredCondition(statement([{ operator: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: ['true'] }]))).toBe(false);
    expect(hasRequiredCondition(statement([{ operator: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['a'] }]))).toBe(false);
    expect(hasRequiredCondition(statement([]))).toBe(false);
  });
});

describe('principals and accounts', () => {
  test('account roots by ARN or bare id; a ${...} account is opaque; roles and services are not roots', () => {
    expect(accountRootOf('arn:aws:iam::111111111111:root')).toBe('111111111111');
    expect(accountRootOf('222222222222')).toBe('222222222222');
    expect(accountRootOf('arn:aws:iam::\u27e80\u27e9:root')).toBe('opaque');
    expect(accountRootOf('arn:aws:iam::111111111111:role/x')).toBeUndefined();
    expect(accountRootOf('ec2.amazonaws.com')).toBeUndefined();
  });

  test('service wildcards are "*" and "<service>:*" only', () => {
    expect(['*', 's3:*', 'KMS:*', 'ec2-instance-connect:*'].every(isServiceWildcard)).toBe(true);
    expect(['s3:Get*', 's3:GetObject', '*:*x'].some(isServiceWildcard)).toBe(false);
  });

  test('the accounts of a resource come from its provider configuration, by alias', () => {
    const g = new Graph(
      [{ name: 's', dependencies: [], file: 'stacks/s/cdk.tf.json', providers: [{ allowed_account_ids: ['333333333333'] }, { alias: 'hub', allowed_account_ids: ['111111111111'] }] }],
      [resource('s', 'aws_kms_key', 'a', {}), resource('s', 'aws_kms_key', 'b', {}, { provider: 'aws.hub' }), resource('t', 'aws_kms_key', 'c', {})],
    );
    expect(accountsOf(g, g.get('s:aws_kms_key.a')!)).toEqual(['333333333333']);
    expect(accountsOf(g, g.get('s:aws_kms_key.b')!)).toEqual(['111111111111']);
    expect(accountsOf(g, g.get('t:aws_kms_key.c')!)).toBeUndefined();
  });
});
