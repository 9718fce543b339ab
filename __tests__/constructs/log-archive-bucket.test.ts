import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LogArchiveBucket, LogArchiveBucketProps } from '../../constructs/logging/log-archive-bucket';
import { PolicyDocument, PolicyStatement, policyDocument, policyJson } from '../../constructs/logging/policy';
import { Template } from '../helpers/template';

const BASE: LogArchiveBucketProps = {
  bucketName: 'shop-log-archive-222222222222',
  organizationId: 'o-a1b2c3d4e5',
  accountId: '222222222222',
  logSourceAccounts: ['111111111111', '333333333333'],
  region: 'ap-northeast-2',
};

function build(props: Partial<LogArchiveBucketProps> = {}): { archive: LogArchiveBucket; t: Template } {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  const archive = new LogArchiveBucket(s, 'archive', { ...BASE, ...props });
  return { archive, t: Template.fromStack(s) };
}

/** A synthesized policy string as AWS receives it: Terraform turns `$${` back into `${`. */
const asDeployed = (raw: string): unknown => JSON.parse(raw.replace(/\$\$\{/g, '${'));

const BUCKET = 'arn:aws:s3:::shop-log-archive-222222222222';
const ORG = 'o-a1b2c3d4e5';
const SOURCES = ['111111111111', '333333333333'];

const BUCKET_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    { Sid: 'DenyDeleteBucket', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: BUCKET },
    {
      Sid: 'AllowOrgSessionLogs',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `${BUCKET}/ssm/\${aws:PrincipalAccount}/*`,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    },
    {
      Sid: 'AllowOrgEncryptionCheck',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetEncryptionConfiguration',
      Resource: BUCKET,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    },
    {
      Sid: 'AllowLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: [`${BUCKET}/flow-logs/AWSLogs/*`, `${BUCKET}/resolver-query-logs/AWSLogs/*`],
      Condition: { StringEquals: { 'aws:SourceAccount': SOURCES, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    {
      Sid: 'AllowLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: BUCKET,
      Condition: { StringEquals: { 'aws:SourceAccount': SOURCES } },
    },
  ],
};

const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowLogArchiveAccountAdministration', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'AllowOrgUseThroughS3',
      Effect: 'Allow',
      Principal: '*',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': ORG, 'kms:ViaService': 's3.ap-northeast-2.amazonaws.com' },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [BUCKET, `${BUCKET}/*`] },
      },
    },
    {
      Sid: 'AllowLogDeliveryUseOfKey',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': SOURCES } },
    },
  ],
};

const asList = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);
const conditionKeys = (s: PolicyStatement): string[] => Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block));

/**
 * Sids of statements that would open the archive: an Allow of `s3:*`/`*`, an Allow to everyone
 * without `aws:PrincipalOrgID`, an Allow to a service without `aws:SourceAccount` or `aws:SourceOrgID`, or a Deny of `s3:*`
 * to everyone that is not limited to plain-HTTP requests (it would lock out every reader and writer).
 */
function unguardedStatements(doc: PolicyDocument): string[] {
  return doc.Statement.filter((s) => {
    const actions = asList(s.Action);
    const everyone = s.Principal === '*' || asList(typeof s.Principal === 'string' ? undefined : s.Principal?.AWS).includes('*');
    const services = typeof s.Principal === 'string' ? [] : asList(s.Principal?.Service);
    const keys = conditionKeys(s);
    if (s.Effect === 'Deny') return everyone && actions.includes('s3:*') && !keys.includes('aws:SecureTransport');
    if (actions.includes('s3:*') || actions.includes('*')) return true;
    if (everyone && !keys.includes('aws:PrincipalOrgID')) return true;
    return services.length > 0 && !keys.includes('aws:SourceAccount') && !keys.includes('aws:SourceOrgID');
  }).map((s) => s.Sid);
}

describe('LogArchiveBucket', () => {
  const { archive, t } = build();

  test('creates exactly the bucket, its configuration, the key and its alias', () => {
    expect(t.inventory()).toEqual({
      aws_kms_alias: 1,
      aws_kms_key: 1,
      aws_s3_bucket: 1,
      aws_s3_bucket_lifecycle_configuration: 1,
      aws_s3_bucket_ownership_controls: 1,
      aws_s3_bucket_policy: 1,
      aws_s3_bucket_public_access_block: 1,
      aws_s3_bucket_server_side_encryption_configuration: 1,
      aws_s3_bucket_versioning: 1,
    });
  });

  test('the key rotates, waits 30 days before deletion, cannot be destroyed, and carries the exact key policy', () => {
    const key = t.resources('aws_kms_key')[0];
    expect({ ...key.props, policy: JSON.parse(key.props.policy) }).toEqual({
      description: 'Encrypts the organization log archive bucket shop-log-archive-222222222222 (SSM session logs, flow logs, Resolver query logs)',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      policy: KEY_POLICY,
      tags: { Name: 'shop-log-archive-222222222222' },
      lifecycle: { prevent_destroy: true },
    });
    expect(t.resources('aws_kms_alias').map((r) => r.props)).toEqual([{ name: 'alias/shop-log-archive-222222222222', target_key_id: Template.ref(key, 'key_id') }]);
  });

  test('the bucket cannot be destroyed, is versioned, owner-enforced and fully private', () => {
    const bucket = t.resources('aws_s3_bucket')[0];
    expect(bucket.props).toEqual({
      bucket: 'shop-log-archive-222222222222',
      force_destroy: false,
      tags: { Name: 'shop-log-archive-222222222222' },
      lifecycle: { prevent_destroy: true },
    });
    const id = Template.ref(bucket);
    expect(t.resources('aws_s3_bucket_versioning').map((r) => r.props)).toEqual([{ bucket: id, versioning_configuration: { status: 'Enabled' } }]);
    expect(t.resources('aws_s3_bucket_ownership_controls').map((r) => r.props)).toEqual([{ bucket: id, rule: { object_ownership: 'BucketOwnerEnforced' } }]);
    expect(t.resources('aws_s3_bucket_public_access_block').map((r) => r.props)).toEqual([
      { bucket: id, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    ]);
  });

  test('default encryption is SSE-KMS with the key ARN (never an alias) and a bucket key', () => {
    expect(t.resources('aws_s3_bucket_server_side_encryption_configuration').map((r) => r.props)).toEqual([
      {
        bucket: Template.ref(t.resources('aws_s3_bucket')[0]),
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: Template.ref(t.resources('aws_kms_key')[0], 'arn') }, bucket_key_enabled: true }],
      },
    ]);
  });

  test('lifecycle: the retention is the real one: Glacier IR after 90 days, expiry after 400, noncurrent versions gone a day later, then their delete markers', () => {
    expect(t.resources('aws_s3_bucket_lifecycle_configuration').map((r) => r.props)).toEqual([
      {
        bucket: Template.ref(t.resources('aws_s3_bucket')[0]),
        transition_default_minimum_object_size: 'all_storage_classes_128K',
        rule: [
          {
            id: 'archive-then-expire',
            status: 'Enabled',
            filter: [{ prefix: '' }],
            transition: [{ days: 90, storage_class: 'GLACIER_IR' }],
            expiration: [{ days: 400 }],
            noncurrent_version_expiration: [{ noncurrent_days: 1 }],
            abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          },
          // S3 rejects ExpiredObjectDeleteMarker next to Days in one Expiration: a rule of its own.
          { id: 'remove-expired-delete-markers', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ expired_object_delete_marker: true }] },
        ],
        depends_on: [t.resources('aws_s3_bucket_versioning')[0].address],
      },
    ]);
  });

  test('no log outlives expirationDays by more than the noncurrent day, and no noncurrent transition comes after the noncurrent expiration', () => {
    const rules: Record<string, unknown>[] = t.resources('aws_s3_bucket_lifecycle_configuration')[0].props.rule;
    const days = (key: string, field: string) => rules.flatMap((r) => ((r[key] as Record<string, number>[] | undefined) ?? []).map((b) => b[field])).filter((d) => d !== undefined);
    const [expiration] = days('expiration', 'days');
    const noncurrent = days('noncurrent_version_expiration', 'noncurrent_days');
    // Before the fix noncurrent copies lived another 400 days: 800 in all.
    expect(expiration + Math.max(...noncurrent)).toBe(401);
    expect(days('noncurrent_version_transition', 'noncurrent_days')).toEqual([]);
    // Every rule that sets Days leaves ExpiredObjectDeleteMarker out.
    expect(rules.filter((r) => (r.expiration as Record<string, unknown>[] | undefined)?.some((e) => e.days !== undefined && e.expired_object_delete_marker !== undefined))).toEqual([]);
  });

  test('the exact bucket policy, applied after the public access block', () => {
    const policy = t.resources('aws_s3_bucket_policy')[0];
    expect(policy.props.bucket).toBe(Template.ref(t.resources('aws_s3_bucket')[0]));
    expect(policy.props.depends_on).toEqual([t.resources('aws_s3_bucket_public_access_block')[0].address]);
    expect(asDeployed(policy.props.policy)).toEqual(BUCKET_POLICY);
    expect(archive.bucketPolicyDocument).toEqual(BUCKET_POLICY);
  });

  test('the IAM policy variable is escaped for Terraform, and nothing else is', () => {
    const raw: string = t.resources('aws_s3_bucket_policy')[0].props.policy;
    expect(raw).toContain('/ssm/$${aws:PrincipalAccount}/*');
    expect(raw.replace(/\$\$\{aws:PrincipalAccount\}/g, '')).not.toContain('${');
    expect(t.resources('aws_kms_key')[0].props.policy).not.toContain('${');
  });

  test('no statement opens the archive beyond the organization or plain-HTTP denial', () => {
    expect(unguardedStatements(archive.bucketPolicyDocument)).toEqual([]);
    expect(unguardedStatements(archive.keyPolicyDocument)).toEqual([]);
    expect(archive.keyPolicyDocument).toEqual(KEY_POLICY);
  });

  test('the guard check itself catches each kind of opening', () => {
    const open = policyDocument([
      { Sid: 'AllS3', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:*', Resource: BUCKET },
      { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
      { Sid: 'EveryoneAws', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringEquals: { 'aws:PrincipalAccount': '1' } } },
      { Sid: 'AnyDelivery', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: `${BUCKET}/*` },
      { Sid: 'Lockout', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: BUCKET },
      { Sid: 'Fine', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } },
    ]);
    expect(unguardedStatements(open)).toEqual(['AllS3', 'Everyone', 'EveryoneAws', 'AnyDelivery', 'Lockout']);
  });

  test('typed attributes and destination helpers', () => {
    expect(archive.bucketName).toBe('shop-log-archive-222222222222');
    expect(archive.bucketArn).toBe(BUCKET);
    expect(archive.prefixes).toEqual({ sessionLogs: 'ssm', flowLogs: 'flow-logs', resolverQueryLogs: 'resolver-query-logs' });
    expect(archive.lifecycle).toEqual({ transitionDays: 90, expirationDays: 400 });
    expect(archive.sessionLogsKeyPrefix('111111111111')).toBe('ssm/111111111111');
    expect(archive.sessionLogsArn('111111111111')).toBe(`${BUCKET}/ssm/111111111111/*`);
    expect(archive.flowLogsArn()).toBe(`${BUCKET}/flow-logs/`);
    expect(archive.resolverQueryLogsArn()).toBe(`${BUCKET}/resolver-query-logs/`);
  });

  test('all options: partition, region, lifecycle and prefixes reach every policy and rule', () => {
    const { archive: gov, t: govT } = build({
      bucketName: 'gov-logs-333333333333',
      organizationId: 'o-z9y8x7w6v5',
      accountId: '333333333333',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      lifecycle: { transitionDays: 30, expirationDays: 730 },
      prefixes: { sessionLogs: 'audit/ssm', flowLogs: 'net/flow', resolverQueryLogs: 'net/dns' },
      logSourceAccounts: ['444444444444'],
      objectLock: { mode: 'GOVERNANCE', days: 365, breakGlassRoleArn: 'arn:aws-us-gov:iam::333333333333:role/break-glass', deployRoleArn: 'arn:aws-us-gov:iam::333333333333:role/deploy' },
    });
    const arn = 'arn:aws-us-gov:s3:::gov-logs-333333333333';
    expect(gov.bucketArn).toBe(arn);
    const bucketPolicy = asDeployed(govT.resources('aws_s3_bucket_policy')[0].props.policy) as PolicyDocument;
    expect(bucketPolicy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ['DenyInsecureTransport', [arn, `${arn}/*`]],
      ['DenyDeleteBucket', arn],
      ['DenyProtectionChanges', arn],
      ['DenyLogDeletion', `${arn}/*`],
      ['AllowOrgSessionLogs', `${arn}/audit/ssm/\${aws:PrincipalAccount}/*`],
      ['AllowOrgEncryptionCheck', arn],
      ['AllowLogDeliveryWrite', [`${arn}/net/flow/AWSLogs/*`, `${arn}/net/dns/AWSLogs/*`]],
      ['AllowLogDeliveryAclCheck', arn],
    ]);
    expect(bucketPolicy.Statement.flatMap((s) => Object.values(s.Condition?.StringEquals ?? {})).filter((v) => String(v).startsWith('o-'))).toEqual(Array(2).fill('o-z9y8x7w6v5'));
    expect(bucketPolicy.Statement.filter((s) => s.Condition?.StringEquals?.['aws:SourceAccount']).map((s) => s.Condition?.StringEquals?.['aws:SourceAccount'])).toEqual([['444444444444'], ['444444444444']]);
    expect(bucketPolicy.Statement.filter((s) => s.Effect === 'Deny' && s.Condition?.ArnNotEquals).map((s) => s.Condition)).toEqual([
      { ArnNotEquals: { 'aws:PrincipalArn': ['arn:aws-us-gov:iam::333333333333:role/deploy', 'arn:aws-us-gov:iam::333333333333:role/break-glass'] } },
      { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws-us-gov:iam::333333333333:role/break-glass' } },
    ]);
    expect(govT.resources('aws_s3_bucket_object_lock_configuration')[0].props.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 365 } });
    const keyPolicy = JSON.parse(govT.resources('aws_kms_key')[0].props.policy) as PolicyDocument;
    expect(keyPolicy.Statement[0].Principal).toEqual({ AWS: 'arn:aws-us-gov:iam::333333333333:root' });
    expect(keyPolicy.Statement[1].Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': 'o-z9y8x7w6v5', 'kms:ViaService': 's3.us-gov-west-1.amazonaws.com' },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': [arn, `${arn}/*`] },
    });
    expect(keyPolicy.Statement[2].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': ['444444444444'] } });
    const rule = govT.resources('aws_s3_bucket_lifecycle_configuration')[0].props.rule[0];
    expect([rule.transition, rule.expiration, rule.noncurrent_version_transition, rule.noncurrent_version_expiration]).toEqual([
      [{ days: 30, storage_class: 'GLACIER_IR' }],
      [{ days: 730 }],
      undefined,
      [{ noncurrent_days: 1 }],
    ]);
    expect(gov.sessionLogsArn('444444444444')).toBe(`${arn}/audit/ssm/444444444444/*`);
    expect(gov.flowLogsArn()).toBe(`${arn}/net/flow/`);
    expect(gov.resolverQueryLogsArn()).toBe(`${arn}/net/dns/`);
    expect(unguardedStatements(gov.bucketPolicyDocument)).toEqual([]);
  });

  test('China regions get the .amazonaws.com.cn S3 endpoint in kms:ViaService', () => {
    const { archive: cn } = build({ region: 'cn-north-1', partition: 'aws-cn' });
    expect(cn.keyPolicyDocument.Statement[1].Condition?.StringEquals).toEqual({ 'aws:PrincipalOrgID': ORG, 'kms:ViaService': 's3.cn-north-1.amazonaws.com.cn' });
  });

  test('a partial prefixes or lifecycle object keeps the other defaults', () => {
    const { archive: partial } = build({ prefixes: { flowLogs: 'vpc-flow' }, lifecycle: { expirationDays: 1000 } });
    expect(partial.prefixes).toEqual({ sessionLogs: 'ssm', flowLogs: 'vpc-flow', resolverQueryLogs: 'resolver-query-logs' });
    expect(partial.lifecycle).toEqual({ transitionDays: 90, expirationDays: 1000 });
  });

  test('keyArn is a reference to the key ARN', () => {
    const s = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
    const a = new LogArchiveBucket(s, 'archive', BASE);
    new TerraformOutput(s, 'key_arn', { value: a.keyArn });
    const out = Template.fromStack(s);
    expect(out.json.output.key_arn.value).toBe(Template.ref(out.resources('aws_kms_key')[0], 'arn'));
  });

  test('unresolved tokens are not validated', () => {
    const s = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
    const account = new TerraformVariable(s, 'account', { type: 'string' });
    expect(() => new LogArchiveBucket(s, 'archive', { ...BASE, accountId: account.stringValue })).not.toThrow();
    expect(JSON.parse(Template.fromStack(s).resources('aws_kms_key')[0].props.policy).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::${var.account}:root' });
  });
});

/** Condition keys AWS documents for log delivery to S3 and to an SSE-KMS key (flow logs, Transit Gateway flow logs, Resolver query logs). */
const DOCUMENTED_LOG_DELIVERY_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 's3:x-amz-acl'];

describe('LogArchiveBucket log delivery', () => {
  const { archive, t } = build();
  const deliveryStatements = (doc: PolicyDocument) => doc.Statement.filter((s) => typeof s.Principal === 'object' && asList(s.Principal.Service).includes('delivery.logs.amazonaws.com'));

  test('log delivery statements use only the condition keys AWS documents for it (aws:SourceOrgID is not one: an Allow on a key the service does not send drops every log)', () => {
    const statements = [...deliveryStatements(archive.bucketPolicyDocument), ...deliveryStatements(archive.keyPolicyDocument)];
    expect(statements.map((s) => s.Sid)).toEqual(['AllowLogDeliveryWrite', 'AllowLogDeliveryAclCheck', 'AllowLogDeliveryUseOfKey']);
    for (const s of statements) expect(conditionKeys(s).filter((k) => !DOCUMENTED_LOG_DELIVERY_KEYS.includes(k))).toEqual([]);
  });

  test('every log source account is admitted by the bucket and the key, with the ACL the documentation requires', () => {
    const conditions = (doc: PolicyDocument) => deliveryStatements(doc).map((s) => s.Condition);
    expect(conditions(archive.bucketPolicyDocument)).toEqual([
      { StringEquals: { 'aws:SourceAccount': SOURCES, 's3:x-amz-acl': 'bucket-owner-full-control' } },
      { StringEquals: { 'aws:SourceAccount': SOURCES } },
    ]);
    expect(conditions(archive.keyPolicyDocument)).toEqual([{ StringEquals: { 'aws:SourceAccount': SOURCES } }]);
    const key = JSON.parse(t.resources('aws_kms_key')[0].props.policy) as PolicyDocument;
    expect(key.Statement[2].Action).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
  });

  test('log source accounts are sorted and deduplicated in both policies', () => {
    const { archive: a } = build({ logSourceAccounts: ['333333333333', '111111111111', '333333333333'] });
    expect(a.logSourceAccounts).toEqual(SOURCES);
    expect(a.bucketPolicyDocument).toEqual(BUCKET_POLICY);
    expect(a.keyPolicyDocument).toEqual(KEY_POLICY);
  });

  test('both policies stay within their size limits; beyond, the construct refuses before AWS would', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => String(200000000000 + i));
    const { archive: big } = build({ logSourceAccounts: many(500) });
    expect(Buffer.byteLength(JSON.stringify(big.bucketPolicyDocument))).toBeLessThanOrEqual(20 * 1024);
    expect(() => build({ logSourceAccounts: many(700) })).toThrow(/test\/archive: the bucket policy is \d+ bytes, over the 20480-byte limit; admit fewer logSourceAccounts, or use logDeliveryScope "organization"/);
  });
});

/** The bucket policy with scope organization: only the two delivery statements differ. */
const ORG_BUCKET_POLICY = {
  ...BUCKET_POLICY,
  Statement: [
    ...BUCKET_POLICY.Statement.slice(0, 4),
    {
      Sid: 'AllowLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: [
        `${BUCKET}/flow-logs/AWSLogs/\${aws:SourceAccount}/*`,
        `${BUCKET}/flow-logs/AWSLogs/aws-account-id=\${aws:SourceAccount}/*`,
        `${BUCKET}/resolver-query-logs/AWSLogs/\${aws:SourceAccount}/*`,
      ],
      Condition: { StringEquals: { 'aws:SourceOrgID': ORG, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    {
      Sid: 'AllowLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: BUCKET,
      Condition: { StringEquals: { 'aws:SourceOrgID': ORG } },
    },
  ],
};

/** The key policy with scope organization: the delivery statement names the organization. */
const ORG_KEY_POLICY = {
  ...KEY_POLICY,
  Statement: [...KEY_POLICY.Statement.slice(0, 2), { ...KEY_POLICY.Statement[2], Condition: { StringEquals: { 'aws:SourceOrgID': ORG } } }],
};

describe('LogArchiveBucket log delivery, scope organization', () => {
  const { archive, t } = build({ logDeliveryScope: 'organization', logSourceAccounts: undefined });

  test('the exact bucket and key policies: aws:SourceOrgID, each account only below AWSLogs/<its id>/ (plain and Hive-compatible)', () => {
    expect(asDeployed(t.resources('aws_s3_bucket_policy')[0].props.policy)).toEqual(ORG_BUCKET_POLICY);
    expect(asDeployed(t.resources('aws_kms_key')[0].props.policy)).toEqual(ORG_KEY_POLICY);
    expect(archive.logDeliveryScope).toBe('organization');
    expect(archive.logSourceAccounts).toEqual([]);
  });

  test('the policy variable reaches Terraform escaped, and AWS as ${aws:SourceAccount}', () => {
    const raw: string = t.resources('aws_s3_bucket_policy')[0].props.policy;
    expect(raw).toContain('/flow-logs/AWSLogs/$${aws:SourceAccount}/*');
    expect(raw).toContain('/flow-logs/AWSLogs/aws-account-id=$${aws:SourceAccount}/*');
    expect(raw.replace(/\$\$\{aws:(SourceAccount|PrincipalAccount)\}/g, '')).not.toContain('${');
  });

  test('no statement opens the archive; no account is listed', () => {
    expect(unguardedStatements(archive.bucketPolicyDocument)).toEqual([]);
    expect(unguardedStatements(archive.keyPolicyDocument)).toEqual([]);
    const text = JSON.stringify([archive.bucketPolicyDocument, archive.keyPolicyDocument]);
    expect(text).not.toContain('"aws:SourceAccount"');
    // The only account id left is the archive's own (bucket name and key administrator).
    expect([...new Set(text.match(/\d{12}/g))]).toEqual(['222222222222']);
  });

  test('the policies do not grow with the accounts: 1,000 accounts give the same policies as none, well under the limits', () => {
    const many = Array.from({ length: 1000 }, (_, i) => String(200000000000 + i));
    const { archive: big } = build({ logDeliveryScope: 'organization', logSourceAccounts: many });
    expect(big.bucketPolicyDocument).toEqual(ORG_BUCKET_POLICY);
    expect(big.keyPolicyDocument).toEqual(ORG_KEY_POLICY);
    expect(Buffer.byteLength(JSON.stringify(big.bucketPolicyDocument))).toBeLessThan(4 * 1024);
  });

  test('the default scope is accounts, the documented policy', () => {
    expect(build().archive.logDeliveryScope).toBe('accounts');
    expect(build({ logDeliveryScope: 'accounts' }).archive.bucketPolicyDocument).toEqual(BUCKET_POLICY);
  });

  test('custom prefixes and partition reach the pinned resources', () => {
    const { archive: a } = build({ logDeliveryScope: 'organization', partition: 'aws-cn', region: 'cn-north-1', accountId: '222222222222', prefixes: { flowLogs: 'net/flow', resolverQueryLogs: 'net/dns' } });
    const arn = 'arn:aws-cn:s3:::shop-log-archive-222222222222';
    expect(a.bucketPolicyDocument.Statement.find((x) => x.Sid === 'AllowLogDeliveryWrite')?.Resource).toEqual([
      `${arn}/net/flow/AWSLogs/\${aws:SourceAccount}/*`,
      `${arn}/net/flow/AWSLogs/aws-account-id=\${aws:SourceAccount}/*`,
      `${arn}/net/dns/AWSLogs/\${aws:SourceAccount}/*`,
    ]);
  });
});

const BREAK_GLASS = 'arn:aws:iam::222222222222:role/log-archive-break-glass';
const DEPLOY = 'arn:aws:iam::222222222222:role/NetworkDeploy';
const LOCK = { mode: 'COMPLIANCE' as const, days: 365, breakGlassRoleArn: BREAK_GLASS, deployRoleArn: DEPLOY };

describe('LogArchiveBucket Object Lock', () => {
  const { archive, t } = build({ objectLock: LOCK });

  test('default retention on the existing bucket, in place: a separate resource after versioning, the bucket itself untouched', () => {
    expect(t.resources('aws_s3_bucket_object_lock_configuration').map((r) => r.props)).toEqual([
      {
        bucket: Template.ref(t.resources('aws_s3_bucket')[0]),
        object_lock_enabled: 'Enabled',
        rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } },
        depends_on: [t.resources('aws_s3_bucket_versioning')[0].address],
      },
    ]);
    // object_lock_enabled on aws_s3_bucket forces replacement, which prevent_destroy refuses: never set.
    expect(t.resources('aws_s3_bucket')[0].props).toEqual(build().t.resources('aws_s3_bucket')[0].props);
    expect(archive.objectLockConfiguration).toBeDefined();
  });

  test('the bucket policy denies deletion to all but the break-glass role and protection changes to all but it and the deploy role', () => {
    expect(archive.bucketPolicyDocument.Statement.slice(2, 4)).toEqual([
      {
        Sid: 'DenyProtectionChanges',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutLifecycleConfiguration', 's3:PutBucketObjectLockConfiguration', 's3:PutBucketVersioning'],
        Resource: BUCKET,
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': [DEPLOY, BREAK_GLASS] } },
      },
      {
        Sid: 'DenyLogDeletion',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention'],
        Resource: `${BUCKET}/*`,
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': BREAK_GLASS } },
      },
    ]);
    // Everything else is the default policy, in the same order.
    expect(archive.bucketPolicyDocument.Statement.filter((s) => !['DenyProtectionChanges', 'DenyLogDeletion'].includes(s.Sid))).toEqual(BUCKET_POLICY.Statement);
    expect(asDeployed(t.resources('aws_s3_bucket_policy')[0].props.policy)).toEqual(archive.bucketPolicyDocument);
    expect(unguardedStatements(archive.bucketPolicyDocument)).toEqual([]);
  });

  test('a break-glass role that is also the deploy role is listed once', () => {
    const { archive: same } = build({ objectLock: { ...LOCK, deployRoleArn: BREAK_GLASS } });
    expect(same.bucketPolicyDocument.Statement[2].Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [BREAK_GLASS] } });
  });

  test('without Object Lock: no lock resource and no tamper denials (only the lifecycle deletes logs)', () => {
    const { archive: plain, t: plainT } = build();
    expect(plainT.resources('aws_s3_bucket_object_lock_configuration')).toEqual([]);
    expect(plain.objectLockConfiguration).toBeUndefined();
    expect(plain.bucketPolicyDocument).toEqual(BUCKET_POLICY);
  });

  test('a lock as long as the retention is accepted', () => {
    expect(() => build({ objectLock: { ...LOCK, days: 400 } })).not.toThrow();
  });
});

describe('LogArchiveBucket validation', () => {
  const cases: [string, Partial<LogArchiveBucketProps>, string][] = [
    ['dotted bucket name', { bucketName: 'shop.logs' }, 'bucketName "shop.logs" must not contain dots'],
    ['upper case', { bucketName: 'Shop-Logs' }, 'bucketName "Shop-Logs" must be 3-63 characters of lowercase letters, digits and hyphens'],
    ['too short', { bucketName: 'ab' }, 'bucketName "ab" must be 3-63 characters'],
    ['too long', { bucketName: 'a'.repeat(64) }, `bucketName "${'a'.repeat(64)}" must be 3-63 characters`],
    ['leading hyphen', { bucketName: '-logs' }, 'starting and ending with a letter or digit'],
    ['reserved prefix', { bucketName: 'xn--logs' }, 'bucketName "xn--logs" must not start with the reserved prefix "xn--"'],
    ['reserved suffix', { bucketName: 'logs-s3alias' }, 'must not end with the reserved suffix "-s3alias"'],
    ['organization id', { organizationId: 'r-abcd' }, 'organizationId "r-abcd" is not an organization id'],
    ['account id', { accountId: '1234' }, 'accountId "1234" must be 12 digits'],
    ['region', { region: 'Seoul' }, 'region "Seoul" is not a region name like "ap-northeast-2"'],
    ['region outside the partition', { region: 'us-gov-west-1' }, 'region "us-gov-west-1" is in partition "aws-us-gov", not "aws"; set partition to "aws-us-gov"'],
    ['zero days', { lifecycle: { transitionDays: 0 } }, 'lifecycle.transitionDays must be a positive whole number of days, got 0'],
    ['fractional days', { lifecycle: { expirationDays: 99.5 } }, 'lifecycle.expirationDays must be a positive whole number of days, got 99.5'],
    ['transition not before expiration', { lifecycle: { transitionDays: 400, expirationDays: 400 } }, 'lifecycle.transitionDays (400) must be less than lifecycle.expirationDays (400)'],
    ['wildcard prefix', { prefixes: { sessionLogs: 'ssm*' } }, 'prefixes.sessionLogs "ssm*" must be path segments'],
    ['slash-delimited prefix', { prefixes: { flowLogs: '/flow/' } }, 'prefixes.flowLogs "/flow/" must be path segments'],
    ['reserved AWSLogs segment', { prefixes: { flowLogs: 'net/AWSLogs' } }, 'prefixes.flowLogs "net/AWSLogs" must not contain an "AWSLogs" segment'],
    ['equal prefixes', { prefixes: { flowLogs: 'logs', resolverQueryLogs: 'logs' } }, 'prefixes.flowLogs "logs" and prefixes.resolverQueryLogs "logs" overlap'],
    ['nested prefixes', { prefixes: { sessionLogs: 'net', flowLogs: 'net/flow' } }, 'prefixes.sessionLogs "net" and prefixes.flowLogs "net/flow" overlap'],
    ['no log source account', { logSourceAccounts: [] }, 'logSourceAccounts must name at least one account: log delivery is admitted only for the accounts listed (or use logDeliveryScope "organization")'],
    ['log source accounts omitted with scope accounts', { logSourceAccounts: undefined }, 'logSourceAccounts must name at least one account'],
    ['unknown delivery scope', { logDeliveryScope: 'everyone' as 'organization' }, 'logDeliveryScope "everyone" must be one of accounts, organization'],
    ['bad log source account', { logSourceAccounts: ['111111111111', '1234'] }, 'logSourceAccounts entry "1234" must be a 12-digit account id'],
    ['lock longer than the retention', { objectLock: { ...LOCK, days: 401 } }, 'objectLock.days (401) must not exceed lifecycle.expirationDays (400): lifecycle cannot delete a locked version'],
    ['zero lock days', { objectLock: { ...LOCK, days: 0 } }, 'objectLock.days must be a positive whole number of days, got 0'],
    ['unknown lock mode', { objectLock: { ...LOCK, mode: 'LEGAL' as 'COMPLIANCE' } }, 'objectLock.mode "LEGAL" must be one of GOVERNANCE, COMPLIANCE'],
    ['break-glass not a role', { objectLock: { ...LOCK, breakGlassRoleArn: 'arn:aws:iam::222222222222:user/admin' } }, 'objectLock.breakGlassRoleArn "arn:aws:iam::222222222222:user/admin" must be an IAM role ARN of partition aws'],
    ['deploy role of another partition', { objectLock: { ...LOCK, deployRoleArn: 'arn:aws-cn:iam::222222222222:role/deploy' } }, 'objectLock.deployRoleArn "arn:aws-cn:iam::222222222222:role/deploy" must be an IAM role ARN of partition aws'],
  ];

  test.each(cases)('%s is refused with the construct path', (_name, props, message) => {
    expect(() => build(props)).toThrow(`test/archive: `);
    expect(() => build(props)).toThrow(message);
  });

  test('every problem is reported at once', () => {
    expect(() => build({ bucketName: 'a.b', accountId: 'x', lifecycle: { transitionDays: 500 } })).toThrow(
      'test/archive: bucketName "a.b" must not contain dots: virtual-hosted-style HTTPS certificates do not match dotted bucket names; use hyphens; accountId "x" must be 12 digits; lifecycle.transitionDays (500) must be less than lifecycle.expirationDays (400); objects would expire before they are archived',
    );
  });

  test('the error is a ValidationError', () => {
    try {
      build({ accountId: 'x' });
      throw new Error('no error');
    } catch (e) {
      expect((e as Error).name).toBe('ValidationError');
    }
  });
});

describe('policy helpers', () => {
  const statement: PolicyStatement = { Sid: 'A', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:PrincipalAccount}/*' };

  test('Sids must be unique and alphanumeric', () => {
    expect(() => policyDocument([statement, statement])).toThrow('policy statement Sid "A" is used twice');
    expect(() => policyDocument([{ ...statement, Sid: 'Not ok' }])).toThrow('policy statement Sid "Not ok" must be alphanumeric');
  });

  test('policyJson escapes IAM variables but keeps cdktf tokens and key order', () => {
    const doc = policyDocument([{ ...statement, Resource: ['arn:aws:s3:::b/${aws:PrincipalAccount}/*', '${TfToken[TOKEN.1]}'] }]);
    expect(policyJson(doc)).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/$${aws:PrincipalAccount}/*","${TfToken[TOKEN.1]}"]}]}',
    );
  });
});
