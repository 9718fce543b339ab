import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LogArchiveBucket, LogArchiveBucketProps } from '../../constructs/logging/log-archive-bucket';
import { PolicyDocument, PolicyStatement, policyDocument, policyJson } from '../../constructs/logging/policy';
import { Template } from '../helpers/template';

const BASE: LogArchiveBucketProps = {
  bucketName: 'shop-log-archive-222222222222',
  organizationId: 'o-a1b2c3d4e5',
  accountId: '222222222222',
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
      Condition: { StringEquals: { 'aws:SourceOrgID': ORG } },
    },
  ],
};

const asList = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);
const conditionKeys = (s: PolicyStatement): string[] => Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block));

/**
 * Sids of statements that would open the archive: an Allow of `s3:*`/`*`, an Allow to everyone
 * without `aws:PrincipalOrgID`, an Allow to a service without `aws:SourceOrgID`, or a Deny of `s3:*`
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
    return services.length > 0 && !keys.includes('aws:SourceOrgID');
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

  test('lifecycle: Glacier IR after 90 days, expiry after 400, for current and noncurrent versions; stale uploads aborted after 7 days', () => {
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
            noncurrent_version_transition: [{ noncurrent_days: 90, storage_class: 'GLACIER_IR' }],
            noncurrent_version_expiration: [{ noncurrent_days: 400 }],
            abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          },
        ],
        depends_on: [t.resources('aws_s3_bucket_versioning')[0].address],
      },
    ]);
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
    });
    const arn = 'arn:aws-us-gov:s3:::gov-logs-333333333333';
    expect(gov.bucketArn).toBe(arn);
    const bucketPolicy = asDeployed(govT.resources('aws_s3_bucket_policy')[0].props.policy) as PolicyDocument;
    expect(bucketPolicy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ['DenyInsecureTransport', [arn, `${arn}/*`]],
      ['DenyDeleteBucket', arn],
      ['AllowOrgSessionLogs', `${arn}/audit/ssm/\${aws:PrincipalAccount}/*`],
      ['AllowOrgEncryptionCheck', arn],
      ['AllowLogDeliveryWrite', [`${arn}/net/flow/AWSLogs/*`, `${arn}/net/dns/AWSLogs/*`]],
      ['AllowLogDeliveryAclCheck', arn],
    ]);
    expect(bucketPolicy.Statement.flatMap((s) => Object.values(s.Condition?.StringEquals ?? {})).filter((v) => String(v).startsWith('o-'))).toEqual(Array(4).fill('o-z9y8x7w6v5'));
    const keyPolicy = JSON.parse(govT.resources('aws_kms_key')[0].props.policy) as PolicyDocument;
    expect(keyPolicy.Statement[0].Principal).toEqual({ AWS: 'arn:aws-us-gov:iam::333333333333:root' });
    expect(keyPolicy.Statement[1].Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': 'o-z9y8x7w6v5', 'kms:ViaService': 's3.us-gov-west-1.amazonaws.com' },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': [arn, `${arn}/*`] },
    });
    expect(keyPolicy.Statement[2].Condition).toEqual({ StringEquals: { 'aws:SourceOrgID': 'o-z9y8x7w6v5' } });
    const rule = govT.resources('aws_s3_bucket_lifecycle_configuration')[0].props.rule[0];
    expect([rule.transition, rule.expiration, rule.noncurrent_version_transition, rule.noncurrent_version_expiration]).toEqual([
      [{ days: 30, storage_class: 'GLACIER_IR' }],
      [{ days: 730 }],
      [{ noncurrent_days: 30, storage_class: 'GLACIER_IR' }],
      [{ noncurrent_days: 730 }],
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
