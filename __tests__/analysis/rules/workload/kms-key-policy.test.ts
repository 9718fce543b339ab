/** LZ-KMS02: key policies keep the key to its account and organization. */
import { Graph, ref } from '../../../../analysis/graph/graph';
import type { TfResource, Value } from '../../../../analysis/graph/types';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/kms-key-policy';
import { resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
/** A graph whose stack `s` deploys to account 111111111111, as the provider's allowed_account_ids say. */
const inAccount = (...resources: TfResource[]) => new Graph([{ name: 's', dependencies: [], file: 'stacks/s/cdk.tf.json', providers: [{ allowed_account_ids: ['111111111111'] }] }], resources);
const admin = { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' };

describe('LZ-KMS02 key policy', () => {
  test('kms:* to the own account root, organization-scoped "*", services and denies are compliant; no policy is the default', () => {
    const template: Value = { $template: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${data.aws_caller_identity.me.account_id}:root' }, Action: 'kms:*', Resource: '*' }), refs: [ref('s:data.aws_caller_identity.me', 'account_id')] };
    const g = inAccount(
      resource('s', 'aws_kms_key', 'a', {
        policy: doc(
          admin,
          { Sid: 'OrgUse', Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'kms:ViaService': 's3.ap-northeast-2.amazonaws.com' } } },
          { Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logs.ap-northeast-2.amazonaws.com' }, Action: ['kms:Encrypt*', 'kms:Decrypt*'], Resource: '*' },
          { Sid: 'DenyOutsideSsm', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContext:aws:ssm:SessionId': 'true' } } },
        ),
      }),
      resource('s', 'aws_kms_key', 'default', {}),
      resource('s', 'aws_kms_key_policy', 'p', { key_id: ref('s:aws_kms_key.default', 'id'), policy: template }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('unscoped "*", kms:* to a role, to a service and to another account\'s root are findings', () => {
    const g = inAccount(
      resource('s', 'aws_kms_key', 'a', {
        policy: doc(
          admin,
          { Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
          { Sid: 'Role', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/KeyAdmin' }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com', AWS: '222222222222' }, Action: '*', Resource: '*' },
        ),
      }),
      resource('s', 'aws_kms_key', 'b', { policy: doc({ Sid: 'Everyone', Effect: 'Allow', Principal: '*', NotAction: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }) }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_kms_key.a', message: 'statement Anyone allows kms:Decrypt to any principal ("*") without an organization or account condition', unknown: false },
      { resource: 's:aws_kms_key.a', message: 'statement Role grants kms:* to arn:aws:iam::111111111111:role/KeyAdmin; only the account root may hold kms:*', unknown: false },
      { resource: 's:aws_kms_key.a', message: 'statement 3 grants * to logs.amazonaws.com; only the account root may hold kms:*', unknown: false },
      { resource: 's:aws_kms_key.a', message: 'statement 3 grants * to 222222222222, the root of another account; only the account root may hold kms:*', unknown: false },
      { resource: 's:aws_kms_key.b', message: 'statement Everyone grants every action but kms:ScheduleKeyDeletion to any principal; only the account root may hold kms:*', unknown: false },
    ]);
  });

  test('an unknown policy cannot be proved', () => {
    expect(findings(rule.check(inAccount(resource('s', 'aws_kms_key', 'a', { policy: unknown('${var.key_policy}') }))))).toEqual([
      { resource: 's:aws_kms_key.a', message: 'cannot prove the key policy keeps the key to this account and organization: ${var.key_policy} is unknown before apply', unknown: true },
    ]);
  });
});
