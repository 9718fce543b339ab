import { TerraformStack, Testing, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { iamPolicyJson, SessionManagerAccess, SessionManagerAccessProps } from '../../constructs/access/session-manager';
import { LOG_RETENTION_DAYS } from '../../lib/aws/logs';
import { IDLE_TIMEOUT_MINUTES, MAX_SESSION_MINUTES } from '../../lib/aws/session-manager';
import { Template } from '../helpers/template';
import { fakeVpc } from '../helpers/vpc-ref';

const BUCKET = 'arn:aws:s3:::shop-log-archive-222222222222';
const ARCHIVE_KEY = 'arn:aws:kms:ap-northeast-2:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Two app subnets (route tables rtb-a, rtb-b) and a public one, in a 10.20.0.0/16 VPC. */
const VPC = fakeVpc('vpc-1', '10.20.0.0/16', [
  { id: 'subnet-a', name: 'app-a', az: 'ap-northeast-2a', tier: 'app', cidr: '10.20.10.0/24', routeTableId: 'rtb-a' },
  { id: 'subnet-public-a', name: 'public-a', az: 'ap-northeast-2a', tier: 'public', cidr: '10.20.0.0/24', routeTableId: 'rtb-public' },
  { id: 'subnet-b', name: 'app-b', az: 'ap-northeast-2b', tier: 'app', cidr: '10.20.11.0/24', routeTableId: 'rtb-b' },
]);

const BASE: SessionManagerAccessProps = {
  name: 'shop',
  region: 'ap-northeast-2',
  accountId: '111122223333',
  vpc: VPC,
  privateSubnets: { tiers: ['app'] },
  endpoints: { mode: 'central' },
  logBucketName: 'shop-log-archive-222222222222',
  logBucketArn: BUCKET,
  logKeyArn: ARCHIVE_KEY,
  sessionLogsPrefix: 'ssm/111122223333',
};

const LOCAL: SessionManagerAccessProps['endpoints'] = { mode: 'local', subnets: { tiers: ['app'], onePerAz: true } };

function build(overrides: Partial<SessionManagerAccessProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  const ssm = new SessionManagerAccess(stack, 'ssm', { ...BASE, ...overrides });
  return { stack, ssm, t: Template.fromStack(stack) };
}

/** A policy argument as AWS receives it: Terraform turns `$${` back into `${`. */
const asDeployed = (raw: string): unknown => JSON.parse(raw.replace(/\$\$\{/g, '${'));

/** The synthesized resources this construct makes, by what they are. */
function parts(t: Template, name = 'shop') {
  const sessionKey = t.byName('aws_kms_key', `${name}-ssm-sessions`);
  const logGroupKey = t.byName('aws_kms_key', `${name}-ssm-session-logs`);
  return {
    role: t.resources('aws_iam_role')[0],
    inline: t.resources('aws_iam_role_policy')[0],
    operator: t.resources('aws_iam_policy')[0],
    document: t.resources('aws_ssm_document')[0],
    logGroup: t.resources('aws_cloudwatch_log_group')[0],
    s3: t.resource('aws_vpc_endpoint', { vpc_endpoint_type: 'Gateway' }),
    sessionKey,
    logGroupKey,
    sessionKeyArn: Template.ref(sessionKey, 'arn'),
  };
}

const expectedTrustPolicy = (service = 'ec2.amazonaws.com') => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Ec2AssumeRole', Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});

const expectedInstancePolicy = (o: { p: string; region: string; account: string; bucket: string; prefix: string; archiveKey: string; sessionKeyArn: string; logGroup: string; suffix: string }) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'WriteSessionLogsToArchive', Effect: 'Allow', Action: 's3:PutObject', Resource: `${o.bucket}/${o.prefix}/*` },
    { Sid: 'CheckArchiveEncryption', Effect: 'Allow', Action: 's3:GetEncryptionConfiguration', Resource: o.bucket },
    {
      Sid: 'UseArchiveKeyThroughS3',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: o.archiveKey,
      Condition: { StringLike: { 'kms:ViaService': `s3.*.${o.suffix}`, 'kms:EncryptionContext:aws:s3:arn': [o.bucket, `${o.bucket}/${o.prefix}/*`] } },
    },
    {
      Sid: 'StreamToSessionLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: `arn:${o.p}:logs:${o.region}:${o.account}:log-group:${o.logGroup}:*`,
    },
    { Sid: 'FindSessionLogGroup', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: `arn:${o.p}:logs:${o.region}:${o.account}:log-group:*` },
    { Sid: 'DecryptSessionData', Effect: 'Allow', Action: 'kms:Decrypt', Resource: o.sessionKeyArn },
  ],
});

/** As deployed: `${aws:...}` are IAM policy variables. */
const expectedOperatorPolicy = (o: { p: string; region: string; account: string; tagKey: string; sessionKeyArn: string }) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'StartSessionOnOwnTeamInstances',
      Effect: 'Allow',
      Action: 'ssm:StartSession',
      Resource: `arn:${o.p}:ec2:${o.region}:${o.account}:instance/*`,
      Condition: {
        StringEquals: { [`ssm:resourceTag/${o.tagKey}`]: `\${aws:PrincipalTag/${o.tagKey}}` },
        BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' },
      },
    },
    {
      Sid: 'StartSessionWithApprovedDocuments',
      Effect: 'Allow',
      Action: 'ssm:StartSession',
      Resource: [`arn:${o.p}:ssm:${o.region}:${o.account}:document/SSM-SessionManagerRunShell`, `arn:${o.p}:ssm:${o.region}::document/AWS-StartPortForwardingSession`],
    },
    {
      Sid: 'EndOrResumeOwnSessions',
      Effect: 'Allow',
      Action: ['ssm:TerminateSession', 'ssm:ResumeSession'],
      Resource: `arn:${o.p}:ssm:${o.region}:${o.account}:session/*`,
      Condition: { StringLike: { 'ssm:resourceTag/aws:ssmmessages:session-id': '${aws:userid}' } },
    },
    {
      Sid: 'DescribeActionsCannotBeScoped',
      Effect: 'Allow',
      Action: ['ssm:DescribeSessions', 'ssm:GetConnectionStatus', 'ssm:DescribeInstanceInformation', 'ssm:DescribeInstanceProperties', 'ec2:DescribeInstances'],
      Resource: '*',
    },
    { Sid: 'EncryptSessionData', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: o.sessionKeyArn },
  ],
});

/** The SSM page's bucket list for a Region outside af-south-1, eu-south-1 and me-south-1 (their exceptions are tested on their own). */
const agentBuckets = (p: string, r: string) =>
  [`aws-ssm-${r}`, `aws-windows-downloads-${r}`, `amazon-ssm-${r}`, `amazon-ssm-packages-${r}`, `${r}-birdwatcher-prod`, `aws-ssm-document-attachments-${r}`, `patch-baseline-snapshot-${r}`].map(
    (b) => `arn:${p}:s3:::${b}/*`,
  );

/** The AWS-owned buckets besides the SSM Agent's, written out from the ECR and Amazon Linux pages (config/aws-owned-buckets.ts). */
const awsOwnedStatements = (p: string, r: string) => [
  { Sid: 'EcrImageLayers', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: [`arn:${p}:s3:::prod-${r}-starport-layer-bucket/*`] },
  { Sid: 'AmazonLinux2023Repositories', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: [`arn:${p}:s3:::al2023-repos-${r}-de612dc2/*`, `arn:${p}:s3:::al2023-${r}/*`] },
  {
    Sid: 'AmazonLinux2Repositories',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: [`arn:${p}:s3:::amazonlinux-2-repos-${r}/*`, `arn:${p}:s3:::amazonlinux.${r}.amazonaws.com/*`, `arn:${p}:s3:::packages.${r}.amazonaws.com/*`, `arn:${p}:s3:::repo.${r}.amazonaws.com/*`],
  },
];

const expectedS3EndpointPolicy = (o: { p: string; region: string; account: string; bucket: string; prefix: string }, extra: unknown[] = []) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'SessionLogUploads',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `${o.bucket}/${o.prefix}/*`,
      Condition: { StringEquals: { 'aws:PrincipalAccount': o.account } },
    },
    {
      Sid: 'SessionLogBucketEncryptionCheck',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetEncryptionConfiguration',
      Resource: o.bucket,
      Condition: { StringEquals: { 'aws:PrincipalAccount': o.account } },
    },
    { Sid: 'SsmAgentAwsOwnedBuckets', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: agentBuckets(o.p, o.region) },
    ...awsOwnedStatements(o.p, o.region),
    ...extra,
  ],
});

/** The statements of a synthesized policy that allow `s3:GetObject` on `object` for any principal without a condition. */
const readersOf = (policy: { Statement: { Sid: string; Effect: string; Principal: unknown; Action: string | string[]; Resource: string | string[]; Condition?: unknown }[] }, object: string): string[] =>
  policy.Statement.filter(
    (st) => st.Effect === 'Allow' && st.Principal === '*' && !st.Condition && [st.Action].flat().includes('s3:GetObject') && [st.Resource].flat().some((r) => r === object || (r.endsWith('/*') && object.startsWith(r.slice(0, -1)))),
  ).map((st) => st.Sid);

const expectedPreferences = (o: { name: string; bucket: string; prefix: string; logGroup: string; kmsKeyId: string; idle: string; max: string }) => ({
  schemaVersion: '1.0',
  description: `Session Manager preferences (${o.name}): encrypted sessions, logs to S3 and CloudWatch Logs`,
  sessionType: 'Standard_Stream',
  inputs: {
    s3BucketName: o.bucket,
    s3KeyPrefix: o.prefix,
    s3EncryptionEnabled: true,
    cloudWatchLogGroupName: o.logGroup,
    cloudWatchEncryptionEnabled: true,
    cloudWatchStreamingEnabled: true,
    kmsKeyId: o.kmsKeyId,
    runAsEnabled: false,
    runAsDefaultUser: '',
    idleSessionTimeout: o.idle,
    maxSessionDuration: o.max,
    shellProfile: { windows: '', linux: '' },
  },
});

const DEFAULTS = { p: 'aws', region: 'ap-northeast-2', account: '111122223333', bucket: BUCKET, prefix: 'ssm/111122223333' };

describe('SessionManagerAccess', () => {
  describe('defaults (central endpoints)', () => {
    const { t, ssm } = build();
    const r = parts(t);

    test('exactly these resources: no interface endpoint and no security group in central mode', () => {
      expect(t.inventory()).toEqual({
        aws_cloudwatch_log_group: 1,
        aws_iam_instance_profile: 1,
        aws_iam_policy: 1,
        aws_iam_role: 1,
        aws_iam_role_policy: 1,
        aws_iam_role_policy_attachment: 1,
        aws_kms_alias: 2,
        aws_kms_key: 2,
        aws_ssm_document: 1,
        aws_vpc_endpoint: 1,
      });
      expect(ssm.interfaceEndpoints.size).toBe(0);
      expect(ssm.endpointSecurityGroup).toBeUndefined();
    });

    test('instance role: EC2 only may assume it, no other principal or condition', () => {
      expect(r.role.props.name).toBe('shop-ssm-instance');
      expect(JSON.parse(r.role.props.assume_role_policy)).toEqual(expectedTrustPolicy());
      expect(ssm.trustPolicyDocument).toEqual(expectedTrustPolicy());
    });

    test('AmazonSSMManagedInstanceCore is attached to the role', () => {
      expect(t.resources('aws_iam_role_policy_attachment')[0].props).toEqual({
        role: Template.ref(r.role, 'name'),
        policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      });
    });

    test('exact inline instance policy', () => {
      expect(r.inline.props.name).toBe('shop-ssm-session-logging');
      expect(r.inline.props.role).toBe(Template.ref(r.role, 'name'));
      expect(asDeployed(r.inline.props.policy)).toEqual(
        expectedInstancePolicy({ ...DEFAULTS, archiveKey: ARCHIVE_KEY, sessionKeyArn: r.sessionKeyArn, logGroup: '/aws/ssm/sessions/shop', suffix: 'amazonaws.com' }),
      );
    });

    test('instance profile of the role; its name is a literal', () => {
      expect(t.resources('aws_iam_instance_profile')[0].props).toEqual({ name: 'shop-ssm-instance', role: Template.ref(r.role, 'name'), tags: { Name: 'shop-ssm-instance' } });
      expect(ssm.instanceProfileName).toBe('shop-ssm-instance');
    });

    test('session preferences: encryption on, both log destinations on, run-as off, 20/60 minutes', () => {
      expect(r.document.props).toMatchObject({ name: 'SSM-SessionManagerRunShell', document_type: 'Session', document_format: 'JSON' });
      const content = JSON.parse(r.document.props.content);
      expect(content).toEqual(
        expectedPreferences({ name: 'shop', bucket: 'shop-log-archive-222222222222', prefix: 'ssm/111122223333', logGroup: '/aws/ssm/sessions/shop', kmsKeyId: r.sessionKeyArn, idle: '20', max: '60' }),
      );
      // The properties the design depends on, spelled out.
      expect(content.inputs).toMatchObject({ s3EncryptionEnabled: true, cloudWatchEncryptionEnabled: true, runAsEnabled: false });
      expect(content.inputs.s3BucketName).not.toBe('');
      expect(content.inputs.cloudWatchLogGroupName).not.toBe('');
    });

    test('log group: 365 days, encrypted with its own key', () => {
      expect(r.logGroup.props).toEqual({ name: '/aws/ssm/sessions/shop', retention_in_days: 365, kms_key_id: Template.ref(r.logGroupKey, 'arn'), tags: { Name: '/aws/ssm/sessions/shop' } });
    });

    test('session key: rotated; the account administers it; no use without a session encryption context', () => {
      expect(r.sessionKey.props).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
      expect(JSON.parse(r.sessionKey.props.policy)).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AllowAccountAdministration', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'DenyUseOutsideSessionManager',
            Effect: 'Deny',
            Principal: '*',
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { Null: { 'kms:EncryptionContext:aws:ssm:SessionId': 'true' } },
          },
        ],
      });
      expect(t.resources('aws_kms_alias').map((a) => a.props)).toEqual(
        expect.arrayContaining([
          { name: 'alias/shop-ssm-sessions', target_key_id: Template.ref(r.sessionKey, 'key_id') },
          { name: 'alias/shop-ssm-session-logs', target_key_id: Template.ref(r.logGroupKey, 'key_id') },
        ]),
      );
    });

    test('log group key: CloudWatch Logs of this Region may use it for this log group only', () => {
      expect(r.logGroupKey.props).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
      expect(JSON.parse(r.logGroupKey.props.policy)).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AllowAccountAdministration', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'AllowCloudWatchLogsForSessionLogGroup',
            Effect: 'Allow',
            Principal: { Service: 'logs.ap-northeast-2.amazonaws.com' },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:ap-northeast-2:111122223333:log-group:/aws/ssm/sessions/shop' } },
          },
        ],
      });
    });

    test('S3 gateway endpoint on the private route tables with the exact policy', () => {
      expect(r.s3.props).toMatchObject({ vpc_id: 'vpc-1', service_name: 'com.amazonaws.ap-northeast-2.s3', route_table_ids: ['rtb-a', 'rtb-b'], tags: { Name: 'shop-s3' } });
      expect(JSON.parse(r.s3.props.policy)).toEqual(expectedS3EndpointPolicy(DEFAULTS));
      expect(ssm.s3EndpointPolicyDocument).toEqual(expectedS3EndpointPolicy(DEFAULTS));
    });

    test('the gateway endpoint admits ECR image layers and the Amazon Linux 2023 and 2 repositories for reading (they answered 403 before)', () => {
      const policy = JSON.parse(r.s3.props.policy);
      expect(readersOf(policy, 'arn:aws:s3:::prod-ap-northeast-2-starport-layer-bucket/sha256/layer')).toEqual(['EcrImageLayers']);
      expect(readersOf(policy, 'arn:aws:s3:::al2023-repos-ap-northeast-2-de612dc2/core/mirrors/latest/x86_64/mirror.list')).toEqual(['AmazonLinux2023Repositories']);
      expect(readersOf(policy, 'arn:aws:s3:::amazonlinux-2-repos-ap-northeast-2/2/core/latest/x86_64/mirror.list')).toEqual(['AmazonLinux2Repositories']);
      expect(readersOf(policy, 'arn:aws:s3:::patch-baseline-snapshot-ap-northeast-2/baseline.json')).toEqual(['SsmAgentAwsOwnedBuckets']);
      // Read only: nothing but the session logs may be written through the endpoint.
      const writers = policy.Statement.filter((st: { Action: string | string[] }) => [st.Action].flat().some((a) => a !== 's3:GetObject' && a !== 's3:GetEncryptionConfiguration'));
      expect(writers.map((st: { Sid: string }) => st.Sid)).toEqual(['SessionLogUploads']);
      expect(ssm.awsOwnedBuckets).toEqual(['ssm-agent', 'ecr', 'amazon-linux-2023', 'amazon-linux-2']);
    });

    test('no import block unless asked', () => {
      expect(t.json.import).toBeUndefined();
    });

    test('exact operator policy', () => {
      expect(r.operator.props.name).toBe('shop-ssm-operator');
      expect(asDeployed(r.operator.props.policy)).toEqual(expectedOperatorPolicy({ ...DEFAULTS, tagKey: 'Team', sessionKeyArn: r.sessionKeyArn }));
    });

    test('IAM policy variables reach Terraform escaped, and only there', () => {
      const raw: string = r.operator.props.policy;
      expect(raw.match(/\$\$\{aws:PrincipalTag\/Team\}/g)).toHaveLength(1);
      expect(raw.match(/\$\$\{aws:userid\}/g)).toHaveLength(1);
      expect(raw).not.toMatch(/[^$]\$\{aws:/);
      const start = ssm.operatorPolicyDocument.Statement[0];
      expect(start.Condition?.StringEquals['ssm:resourceTag/Team']).toBe('${aws:PrincipalTag/Team}');
    });

    test('policy text is deterministic: same props, same strings', () => {
      const again = parts(build().t);
      expect(again.operator.props.policy).toBe(r.operator.props.policy);
      expect(again.inline.props.policy).toBe(r.inline.props.policy);
      expect(again.s3.props.policy).toBe(r.s3.props.policy);
      expect(again.document.props.content).toBe(r.document.props.content);
    });

    test('attributes after defaults', () => {
      expect({ idle: ssm.idleTimeoutMinutes, max: ssm.maxSessionMinutes, retention: ssm.cloudWatchLogGroupRetentionDays, tag: ssm.teamTagKey }).toEqual({ idle: 20, max: 60, retention: 365, tag: 'Team' });
    });
  });

  describe('local endpoints', () => {
    const interfaceEndpoints = (t: Template) => t.resources('aws_vpc_endpoint').filter((e) => e.props.vpc_endpoint_type === 'Interface');

    test('ssm, ssmmessages, ec2messages, kms and logs, private DNS on, in the given subnets, behind the endpoint group', () => {
      const { t, ssm } = build({ endpoints: LOCAL });
      const sg = t.byName('aws_security_group', 'shop-ssm-endpoints');
      const endpoints = interfaceEndpoints(t);
      expect(endpoints.map((e) => e.props.service_name).sort()).toEqual(
        ['ec2messages', 'kms', 'logs', 'ssm', 'ssmmessages'].map((s) => `com.amazonaws.ap-northeast-2.${s}`),
      );
      for (const e of endpoints) {
        expect(e.props).toMatchObject({ vpc_id: 'vpc-1', private_dns_enabled: true, subnet_ids: ['subnet-a', 'subnet-b'], security_group_ids: [Template.ref(sg)] });
      }
      // ssm, kms and logs take an endpoint policy: this account's principals only. ssmmessages and
      // ec2messages are not confirmed to take one (see config/endpoint-catalog.ts): no policy.
      const policies = Object.fromEntries(endpoints.map((e) => [e.props.service_name.split('.').pop(), e.props.policy && JSON.parse(e.props.policy)]));
      const accountOnly = {
        Version: '2012-10-17',
        Statement: [{ Sid: 'ThisAccountPrincipalsOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }],
      };
      expect(policies).toEqual({ ssm: accountOnly, kms: accountOnly, logs: accountOnly, ssmmessages: undefined, ec2messages: undefined });
      expect([...ssm.interfaceEndpoints.keys()]).toEqual(['ssm', 'ssmmessages', 'ec2messages', 'kms', 'logs']);
      expect(t.count('aws_vpc_endpoint')).toBe(6);
    });

    test('the endpoint group admits HTTPS from the VPC CIDR only, and has no egress rule', () => {
      const { t } = build({ endpoints: LOCAL });
      const sg = t.byName('aws_security_group', 'shop-ssm-endpoints');
      expect(sg.props).toEqual({ name: 'shop-ssm-endpoints', description: 'Session Manager interface endpoints: HTTPS from the VPC only', vpc_id: 'vpc-1', tags: { Name: 'shop-ssm-endpoints' } });
      expect(t.resources('aws_vpc_security_group_ingress_rule').map((i) => i.props)).toEqual([
        { security_group_id: Template.ref(sg), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.20.0.0/16', description: 'HTTPS from the VPC' },
      ]);
      expect(t.count('aws_vpc_security_group_egress_rule')).toBe(0);
      expect(JSON.stringify(t.json)).not.toContain('0.0.0.0/0');
    });

    test('support endpoints can be left to NAT or the hub: exactly the three Session Manager endpoints', () => {
      const { t } = build({ endpoints: { ...LOCAL, supportServices: [] } });
      expect(interfaceEndpoints(t).map((e) => e.props.service_name).sort()).toEqual(['ec2messages', 'ssm', 'ssmmessages'].map((s) => `com.amazonaws.ap-northeast-2.${s}`));
    });

    test('or chosen one by one', () => {
      const { t } = build({ endpoints: { ...LOCAL, supportServices: ['kms'] } });
      expect(interfaceEndpoints(t)).toHaveLength(4);
      expect(t.resources('aws_vpc_endpoint').some((e) => e.props.service_name === 'com.amazonaws.ap-northeast-2.logs')).toBe(false);
    });

    test('the S3 gateway endpoint is there in both modes', () => {
      expect(build({ endpoints: LOCAL }).t.resources('aws_vpc_endpoint').filter((e) => e.props.vpc_endpoint_type === 'Gateway')).toHaveLength(1);
    });
  });

  describe('S3 gateway endpoint buckets', () => {
    const policyOf = (t: Template) => JSON.parse(t.resource('aws_vpc_endpoint', { vpc_endpoint_type: 'Gateway' }).props.policy);
    const statement = (t: Template, sid: string) => policyOf(t).Statement.find((st: { Sid: string }) => st.Sid === sid);

    test('Regional exceptions of the SSM page: Distributor\'s file bucket in af-south-1 and eu-south-1, the snapshot bucket of me-south-1', () => {
      for (const region of ['af-south-1', 'eu-south-1']) {
        const resources: string[] = statement(build({ region }).t, 'SsmAgentAwsOwnedBuckets').Resource;
        expect(resources).toContain(`arn:aws:s3:::aws-ssm-distributor-file-${region}/*`);
        expect(resources).not.toContain(`arn:aws:s3:::${region}-birdwatcher-prod/*`);
      }
      const bahrain: string[] = statement(build({ region: 'me-south-1' }).t, 'SsmAgentAwsOwnedBuckets').Resource;
      expect(bahrain).toContain('arn:aws:s3:::patch-baseline-snapshot-me-south-1-uduvl7q8/*');
      expect(bahrain).toContain('arn:aws:s3:::me-south-1-birdwatcher-prod/*');
      expect(bahrain).not.toContain('arn:aws:s3:::patch-baseline-snapshot-me-south-1/*');
    });

    test('the AWS-owned services can be narrowed; the policy keeps catalog order', () => {
      const { t, ssm } = build({ awsOwnedBuckets: ['amazon-linux-2023', 'ssm-agent'] });
      expect(policyOf(t).Statement.map((st: { Sid: string }) => st.Sid)).toEqual(['SessionLogUploads', 'SessionLogBucketEncryptionCheck', 'SsmAgentAwsOwnedBuckets', 'AmazonLinux2023Repositories']);
      expect(ssm.awsOwnedBuckets).toEqual(['amazon-linux-2023', 'ssm-agent']);
      expect(policyOf(build({ awsOwnedBuckets: [] }).t).Statement.map((st: { Sid: string }) => st.Sid)).toEqual(['SessionLogUploads', 'SessionLogBucketEncryptionCheck']);
    });

    test('listed buckets: one statement per access level, the bucket and its objects', () => {
      const { t } = build({
        allowedBuckets: [
          { bucket: 'vendor-artifacts', access: 'read' },
          { bucket: 'partner.exchange', access: 'read-write' },
          { bucket: 'amazoncloudwatch-agent-ap-northeast-2', access: 'read' },
        ],
      });
      const sids = policyOf(t).Statement.map((st: { Sid: string }) => st.Sid);
      expect(sids.slice(-2)).toEqual(['ListedBucketsRead', 'ListedBucketsReadWrite']);
      expect(statement(t, 'ListedBucketsRead')).toEqual({
        Sid: 'ListedBucketsRead',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::vendor-artifacts', 'arn:aws:s3:::vendor-artifacts/*', 'arn:aws:s3:::amazoncloudwatch-agent-ap-northeast-2', 'arn:aws:s3:::amazoncloudwatch-agent-ap-northeast-2/*'],
      });
      expect(statement(t, 'ListedBucketsReadWrite')).toEqual({
        Sid: 'ListedBucketsReadWrite',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        Resource: ['arn:aws:s3:::partner.exchange', 'arn:aws:s3:::partner.exchange/*'],
      });
    });

    test('additional statements come after the listed buckets', () => {
      const extra = { Sid: 'Extra', Effect: 'Allow' as const, Principal: '*' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::x/*' };
      const { t } = build({ allowedBuckets: [{ bucket: 'vendor-artifacts', access: 'read' }], additionalS3EndpointStatements: [extra] });
      expect(policyOf(t).Statement.slice(-2).map((st: { Sid: string }) => st.Sid)).toEqual(['ListedBucketsRead', 'Extra']);
    });
  });

  describe('adopting existing session preferences', () => {
    test('adoptExistingPreferences writes an import block for the document, by its name', () => {
      const { t } = build({ adoptExistingPreferences: true });
      const doc = t.resources('aws_ssm_document')[0];
      expect(t.json.import).toEqual([{ to: doc.address, id: 'SSM-SessionManagerRunShell' }]);
      // The document itself is unchanged: the apply after the import writes these preferences.
      expect(doc.props).toEqual(build().t.resources('aws_ssm_document')[0].props);
    });

    test('false is the default and writes none', () => {
      expect(build({ adoptExistingPreferences: false }).t.json.import).toBeUndefined();
    });
  });

  describe('commands', () => {
    test('startSessionCommand', () => {
      const { ssm } = build();
      expect(ssm.startSessionCommand('i-0123456789abcdef0')).toBe('aws ssm start-session --target i-0123456789abcdef0 --region ap-northeast-2');
      expect(() => ssm.startSessionCommand('web-1')).toThrow('test/ssm: startSessionCommand: "web-1" is not an instance id (i- and 8 or 17 hex digits)');
    });

    test('importCommand names the synthesized address of the session document', () => {
      const { ssm, t } = build();
      const doc = t.resources('aws_ssm_document')[0];
      expect(ssm.importCommand()).toBe(`terraform -chdir=cdktf.out/stacks/test import '${doc.address}' SSM-SessionManagerRunShell`);
      expect(ssm.importCommand('out')).toBe(`terraform -chdir=out/stacks/test import '${doc.address}' SSM-SessionManagerRunShell`);
    });
  });

  test('all options', () => {
    const extra = { Sid: 'AmazonLinuxRepos', Effect: 'Allow' as const, Principal: '*' as const, Action: 's3:GetObject', Resource: 'arn:aws-us-gov:s3:::al2023-repos-us-gov-west-1-*/*' };
    const { t, ssm } = build({
      name: 'pay_prod',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      accountId: '444455556666',
      vpc: fakeVpc('vpc-9', '172.16.0.0/20', [{ id: 'subnet-c', name: 'db-c', az: 'us-gov-west-1c', tier: 'db', cidr: '172.16.2.0/24', routeTableId: 'rtb-x' }]),
      privateSubnets: { names: ['db-c'] },
      endpoints: { mode: 'local', subnets: { names: ['db-c'] }, supportServices: ['logs'] },
      logBucketName: 'org-logs',
      logBucketArn: 'arn:aws-us-gov:s3:::org-logs',
      logKeyArn: 'arn:aws-us-gov:kms:us-gov-west-1:777788889999:key/mrk-0123',
      sessionLogsPrefix: 'sessions/prod/444455556666',
      idleTimeoutMinutes: 5,
      maxSessionMinutes: 1440,
      cloudWatchLogGroupRetentionDays: 90,
      teamTagKey: 'CostCenter',
      additionalS3EndpointStatements: [extra],
    });
    const r = parts(t, 'pay_prod');
    const o = { p: 'aws-us-gov', region: 'us-gov-west-1', account: '444455556666', bucket: 'arn:aws-us-gov:s3:::org-logs', prefix: 'sessions/prod/444455556666' };
    expect(r.role.props.name).toBe('pay_prod-ssm-instance');
    expect(JSON.parse(r.role.props.assume_role_policy)).toEqual(expectedTrustPolicy('ec2.amazonaws.com'));
    expect(t.resources('aws_iam_role_policy_attachment')[0].props.policy_arn).toBe('arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore');
    expect(asDeployed(r.inline.props.policy)).toEqual(
      expectedInstancePolicy({ ...o, archiveKey: 'arn:aws-us-gov:kms:us-gov-west-1:777788889999:key/mrk-0123', sessionKeyArn: r.sessionKeyArn, logGroup: '/aws/ssm/sessions/pay_prod', suffix: 'amazonaws.com' }),
    );
    expect(asDeployed(r.operator.props.policy)).toEqual(expectedOperatorPolicy({ ...o, tagKey: 'CostCenter', sessionKeyArn: r.sessionKeyArn }));
    expect(r.operator.props.policy).toContain('"ssm:resourceTag/CostCenter":"$${aws:PrincipalTag/CostCenter}"');
    expect(JSON.parse(r.s3.props.policy)).toEqual(expectedS3EndpointPolicy(o, [extra]));
    expect(r.s3.props).toMatchObject({ service_name: 'com.amazonaws.us-gov-west-1.s3', route_table_ids: ['rtb-x'], vpc_id: 'vpc-9' });
    expect(JSON.parse(r.document.props.content)).toEqual(
      expectedPreferences({ name: 'pay_prod', bucket: 'org-logs', prefix: o.prefix, logGroup: '/aws/ssm/sessions/pay_prod', kmsKeyId: r.sessionKeyArn, idle: '5', max: '1440' }),
    );
    expect(r.logGroup.props.retention_in_days).toBe(90);
    expect(JSON.parse(r.logGroupKey.props.policy).Statement[1].Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn']).toBe('arn:aws-us-gov:logs:us-gov-west-1:444455556666:log-group:/aws/ssm/sessions/pay_prod');
    expect(t.resources('aws_vpc_endpoint').map((e) => e.props.service_name).sort()).toEqual(
      ['ec2messages', 'logs', 's3', 'ssm', 'ssmmessages'].map((s) => `com.amazonaws.us-gov-west-1.${s}`),
    );
    expect(t.resources('aws_vpc_security_group_ingress_rule')[0].props.cidr_ipv4).toBe('172.16.0.0/20');
    expect(ssm.startSessionCommand('i-01234567')).toBe('aws ssm start-session --target i-01234567 --region us-gov-west-1');
    expect({ idle: ssm.idleTimeoutMinutes, max: ssm.maxSessionMinutes, retention: ssm.cloudWatchLogGroupRetentionDays, tag: ssm.teamTagKey }).toEqual({ idle: 5, max: 1440, retention: 90, tag: 'CostCenter' });
  });

  test('China: service principals use the partition DNS suffix', () => {
    const { t } = build({
      region: 'cn-north-1',
      partition: 'aws-cn',
      logBucketArn: 'arn:aws-cn:s3:::shop-log-archive-222222222222',
      logKeyArn: 'arn:aws-cn:kms:cn-north-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    const r = parts(t);
    expect(JSON.parse(r.role.props.assume_role_policy)).toEqual(expectedTrustPolicy('ec2.amazonaws.com.cn'));
    expect(JSON.parse(r.logGroupKey.props.policy).Statement[1].Principal).toEqual({ Service: 'logs.cn-north-1.amazonaws.com.cn' });
    expect((asDeployed(r.inline.props.policy) as { Statement: { Condition?: { StringLike?: Record<string, unknown> } }[] }).Statement[2].Condition?.StringLike?.['kms:ViaService']).toBe('s3.*.amazonaws.com.cn');
  });

  test('timeouts accept both ends of the Session Manager ranges', () => {
    for (const [idle, max] of [
      [IDLE_TIMEOUT_MINUTES.min, MAX_SESSION_MINUTES.min],
      [IDLE_TIMEOUT_MINUTES.max, MAX_SESSION_MINUTES.max],
    ]) {
      expect(() => build({ idleTimeoutMinutes: idle, maxSessionMinutes: max })).not.toThrow();
    }
    for (const days of LOG_RETENTION_DAYS) expect(() => build({ cloudWatchLogGroupRetentionDays: days })).not.toThrow();
  });

  describe('validation', () => {
    const fails = (overrides: Partial<SessionManagerAccessProps>, message: string) => expect(() => build(overrides)).toThrow(`test/ssm: ${message}`);

    test('name', () => {
      const bad = (n: string) => `name "${n}" must be 1 to 51 letters, digits, "_" or "-", starting with a letter or digit (it prefixes an IAM role, a KMS alias and a log group name)`;
      fails({ name: 'shop prod' }, bad('shop prod'));
      fails({ name: '-shop' }, bad('-shop'));
      fails({ name: 'shop.prod' }, bad('shop.prod'));
      fails({ name: 'x'.repeat(52) }, bad('x'.repeat(52)));
      fails({ name: 'sg-shop' }, 'name "sg-shop" must not start with "sg-" (it prefixes a security group name)');
    });

    test('account, Region, partition', () => {
      fails({ accountId: '1111-2222-3333' }, 'accountId "1111-2222-3333" must be the 12-digit AWS account id');
      fails({ region: 'Seoul' }, 'region "Seoul" is not a Region code such as ap-northeast-2');
      fails({ region: 'us-gov-west-1' }, 'region "us-gov-west-1" is in partition "aws-us-gov", not "aws"; set partition to "aws-us-gov"');
      fails({ partition: 'amazon' as never }, 'partition "amazon" is not one of aws, aws-cn, aws-us-gov');
    });

    test('VPC CIDR', () => {
      fails({ vpc: { ...VPC, cidr: '10.20.0.1/16' } }, 'vpc.cidr "10.20.0.1/16" has host bits set (the network address of /16 is 10.20.0.0/16) — use 10.20.0.0/16');
      fails({ vpc: { ...VPC, cidr: 'vpc' } }, 'vpc.cidr "vpc" is not a CIDR block (expected a.b.c.d/n)');
    });

    test('private subnets: a selection of nothing; the route tables of what it selects, each once', () => {
      fails({ privateSubnets: { tiers: ['db'] } }, 'privateSubnets { tiers: [db] } selects none — select the private subnets of the VPC (the S3 gateway endpoint needs at least one route table)');
      const shared = fakeVpc('vpc-1', '10.20.0.0/16', [
        { id: 'subnet-a', name: 'app-a', az: 'ap-northeast-2a', tier: 'app', cidr: '10.20.10.0/24', routeTableId: 'rtb-private' },
        { id: 'subnet-b', name: 'db-a', az: 'ap-northeast-2a', tier: 'db', cidr: '10.20.20.0/24', routeTableId: 'rtb-private' },
      ]);
      const { t } = build({ vpc: shared, privateSubnets: { tiers: ['app', 'db'] } });
      expect(t.resources('aws_vpc_endpoint')[0].props.route_table_ids).toEqual(['rtb-private']);
    });

    test('local endpoints', () => {
      fails({ endpoints: { mode: 'local', subnets: { tiers: ['db'] } } }, 'endpoints.subnets { tiers: [db] } selects none — select at least one private subnet for the interface endpoints, or use { mode: "central" }');
      fails({ endpoints: { mode: 'local', subnets: { tiers: ['app', 'public'] } } }, 'endpoints.subnets { tiers: [app, public] } selects more than one subnet in ap-northeast-2a — select one per Availability Zone (add onePerAz: true)');
      fails({ endpoints: { ...LOCAL, supportServices: ['sts' as never] } }, 'endpoints.supportServices entry "sts" is not one of kms, logs');
      fails({ endpoints: { ...LOCAL, supportServices: ['kms', 'kms'] } }, 'endpoints.supportServices lists "kms" twice');
    });

    test('log bucket and key', () => {
      fails({ logBucketName: 'Org_Logs' }, 'logBucketName "Org_Logs" is not an S3 bucket name (3-63 lowercase letters, digits and hyphens)');
      fails({ logBucketArn: 'arn:aws:s3:::other-bucket' }, 'logBucketArn "arn:aws:s3:::other-bucket" does not name logBucketName "shop-log-archive-222222222222" — use arn:aws:s3:::shop-log-archive-222222222222');
      fails(
        { logKeyArn: 'arn:aws:kms:ap-northeast-2:222222222222:alias/archive' },
        'logKeyArn "arn:aws:kms:ap-northeast-2:222222222222:alias/archive" is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>; not an alias: S3 would resolve it in the writer\'s account)',
      );
    });

    test('session logs prefix', () => {
      const shape = (p: string) => `sessionLogsPrefix "${p}" must be path segments of letters, digits, "_", "." and "-" separated by single "/", without leading or trailing "/"`;
      fails({ sessionLogsPrefix: '/ssm/111122223333' }, shape('/ssm/111122223333'));
      fails({ sessionLogsPrefix: 'ssm/111122223333/' }, shape('ssm/111122223333/'));
      fails({ sessionLogsPrefix: 'ssm//111122223333' }, shape('ssm//111122223333'));
      fails({ sessionLogsPrefix: 'ssm/*' }, shape('ssm/*'));
      fails({ sessionLogsPrefix: 'ssm' }, 'sessionLogsPrefix "ssm" must end with this account\'s id (the archive admits each account only below <prefix>/<account id>) — use e.g. ssm/111122223333');
      fails({ sessionLogsPrefix: 'ssm/222222222222' }, 'sessionLogsPrefix "ssm/222222222222" must end with this account\'s id');
    });

    test('timeouts outside the Session Manager ranges, or fractional', () => {
      const idle = (v: number) => `idleTimeoutMinutes ${v} must be a whole number of minutes from 1 to 60`;
      const max = (v: number) => `maxSessionMinutes ${v} must be a whole number of minutes from 1 to 1440`;
      fails({ idleTimeoutMinutes: 0 }, idle(0));
      fails({ idleTimeoutMinutes: 61 }, idle(61));
      fails({ idleTimeoutMinutes: 1.5 }, idle(1.5));
      fails({ maxSessionMinutes: 0 }, max(0));
      fails({ maxSessionMinutes: 1441 }, max(1441));
    });

    test('log retention CloudWatch Logs does not accept', () => {
      fails({ cloudWatchLogGroupRetentionDays: 366 }, `cloudWatchLogGroupRetentionDays 366 is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`);
      fails({ cloudWatchLogGroupRetentionDays: 0 }, 'cloudWatchLogGroupRetentionDays 0 is not a retention CloudWatch Logs accepts');
    });

    test('AWS-owned bucket services and listed buckets', () => {
      fails({ awsOwnedBuckets: ['ecr', 'apt' as never] }, 'awsOwnedBuckets entry "apt" is not one of ssm-agent, ecr, amazon-linux-2023, amazon-linux-2');
      fails({ awsOwnedBuckets: ['ecr', 'ecr'] }, 'awsOwnedBuckets lists "ecr" twice');
      fails({ allowedBuckets: [{ bucket: 'vendor-*', access: 'read' }] }, 'allowedBuckets entry "vendor-*" contains a wildcard, which would admit buckets of any account');
      fails({ allowedBuckets: [{ bucket: 'arn:aws:s3:::vendor', access: 'read' }] }, 'allowedBuckets entry "arn:aws:s3:::vendor" is not an S3 bucket name');
      fails({ allowedBuckets: [{ bucket: 'Vendor_Artifacts', access: 'read' }] }, 'allowedBuckets entry "Vendor_Artifacts" is not an S3 bucket name');
      fails({ allowedBuckets: [{ bucket: 'a..b', access: 'read' }] }, 'allowedBuckets entry "a..b" is not an S3 bucket name (two adjacent dots)');
      fails({ allowedBuckets: [{ bucket: 'vendor', access: 'read' }, { bucket: 'vendor', access: 'read-write' }] }, 'allowedBuckets lists "vendor" more than once');
      fails({ allowedBuckets: [{ bucket: 'vendor', access: 'write' as never }] }, 'allowedBuckets entry "vendor" has access "write", not one of read, read-write');
    });

    test('a policy over the 20,480 characters AWS allows', () => {
      const many = Array.from({ length: 300 }, (_, i) => ({ bucket: `vendor-artifacts-bucket-${String(i).padStart(3, '0')}`, access: 'read' as const }));
      expect(() => build({ allowedBuckets: many })).toThrow(/^test\/ssm: the S3 gateway endpoint policy has \d+ characters, over 20,480 \(https:\/\/docs\.aws\.amazon\.com\/vpc\/latest\/privatelink\/vpc-limits-endpoints\.html\) — list fewer buckets$/);
      expect(() => build({ allowedBuckets: many.slice(0, 150) })).not.toThrow();
    });

    test('team tag key that IAM rejects or that would break the policy variable', () => {
      const bad = (k: string) => `teamTagKey "${k}" must be 1 to 128 letters, digits, spaces or _ . : / = + - @, not starting with "aws:"`;
      fails({ teamTagKey: '' }, bad(''));
      fails({ teamTagKey: 'aws:team' }, bad('aws:team'));
      fails({ teamTagKey: 'Team}' }, bad('Team}'));
      fails({ teamTagKey: 'T'.repeat(129) }, bad('T'.repeat(129)));
    });

    test('every problem is reported at once, before any resource exists', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      expect(() => new SessionManagerAccess(stack, 'ssm', { ...BASE, idleTimeoutMinutes: 90, region: 'Seoul', privateSubnets: { tiers: ['db'] } })).toThrow(
        /region "Seoul" .*; privateSubnets \{ tiers: \[db\] \} selects none .*; idleTimeoutMinutes 90 /,
      );
      expect(stack.node.findAll().filter((c) => c !== stack).map((c) => c.node.path)).toEqual(['test/ssm']);
    });

    test('unresolved tokens are not checked at synth time', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
      const key = new KmsKey(stack, 'archive-key', {});
      expect(
        () =>
          new SessionManagerAccess(stack, 'ssm', {
            ...BASE,
            accountId: key.arn,
            // A VPC reference whose range and ids are known only at apply.
            vpc: { vpcId: key.keyId, cidr: key.keyId, selectSubnets: () => ({ subnets: [], subnetIds: [key.keyId, key.keyId], routeTableIds: Token.asList(key.policy), availabilityZones: [] }) },
            logBucketName: key.description,
            logBucketArn: key.policy,
            logKeyArn: key.arn,
            sessionLogsPrefix: key.keyId,
            endpoints: { mode: 'local', subnets: {} },
          }),
      ).not.toThrow();
    });
  });

  test('iamPolicyJson escapes IAM variables with and without a path, and leaves Terraform references alone', () => {
    const raw = iamPolicyJson({
      Version: '2012-10-17',
      Statement: [{ Sid: 'S', Effect: 'Allow', Action: 'a:B', Resource: '${aws_kms_key.k.arn}', Condition: { StringEquals: { 'x:Tag/Cost Center': '${aws:PrincipalTag/Cost Center}', 'y:Id': '${aws:userid}' } } }],
    });
    expect(raw).toContain('"$${aws:PrincipalTag/Cost Center}"');
    expect(raw).toContain('"$${aws:userid}"');
    expect(raw).toContain('"${aws_kms_key.k.arn}"');
  });
});
