/** LZ-LOG03: log delivery from every source account is admitted by the archive's bucket and key policies under the documented conditions. */
import * as path from 'node:path';
import { Graph, ref } from '../../../../analysis/graph/graph';
import { graphFromJson, loadGraph } from '../../../../analysis/graph/load';
import type { StackInfo, TfResource } from '../../../../analysis/graph/types';
import { parsePolicyText } from '../../../../analysis/rules/helpers/policy';
import { rule, verdict, type DeliveryRequest } from '../../../../analysis/rules/workload/log-delivery-admitted';
import { synthesize } from '../../../../cli/synth';
import { readStacks, stackNamed, synthDefault } from '../../../helpers/analysis';
import { loadWith } from '../../../helpers/config';
import { resource, unknown } from '../../../helpers/rule-fixtures';
import { tempDir } from '../../../helpers/temp';

const BUCKET = 'arn:aws:s3:::archive';
const SOURCE = '333333333333';

/** Stacks `logs` (the archive, account 222222222222) and `spoke` (the log source), both in ap-northeast-2. */
const STACKS: StackInfo[] = [
  { name: 'logs', dependencies: [], file: '', providers: [{ region: 'ap-northeast-2', allowed_account_ids: ['222222222222'] }] },
  { name: 'spoke', dependencies: [], file: '', providers: [{ region: 'ap-northeast-2', allowed_account_ids: [SOURCE] }] },
];

type Statement = Record<string, unknown>;

const write = (condition: Record<string, unknown>, resources: string[] = [`${BUCKET}/flow/AWSLogs/*`]): Statement => ({ Sid: 'Write', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: resources, Condition: condition });
const aclCheck = (condition: Record<string, unknown>): Statement => ({ Sid: 'AclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: BUCKET, Condition: condition });
const keyUse = (condition: Record<string, unknown>): Statement => ({ Sid: 'KeyUse', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*', Condition: condition });
const doc = (...statements: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const accounts = { StringEquals: { 'aws:SourceAccount': [SOURCE] } };
const GOOD_BUCKET = [write({ StringEquals: { 'aws:SourceAccount': [SOURCE], 's3:x-amz-acl': 'bucket-owner-full-control' } }), aclCheck(accounts)];

/** An archive bucket with the given policy (and SSE-KMS with a key of that key policy), and a flow log from the spoke account to `archive/flow/`. */
function archive(bucketPolicy: Statement[], keyPolicy: Statement[] | undefined, flowLog: Record<string, unknown> = {}): TfResource[] {
  const bucket = resource('logs', 'aws_s3_bucket', 'archive', { bucket: 'archive' });
  const out = [
    bucket,
    resource('logs', 'aws_s3_bucket_policy', 'archive', { bucket: ref('logs:aws_s3_bucket.archive', 'id'), policy: doc(...bucketPolicy) }),
    resource('spoke', 'aws_flow_log', 'vpc', { log_destination_type: 's3', log_destination: `${BUCKET}/flow/`, ...flowLog }),
  ];
  if (keyPolicy) {
    out.push(resource('logs', 'aws_kms_key', 'archive', { policy: doc(...keyPolicy) }));
    out.push(
      resource('logs', 'aws_s3_bucket_server_side_encryption_configuration', 'archive', {
        bucket: ref('logs:aws_s3_bucket.archive', 'id'),
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: ref('logs:aws_kms_key.archive', 'arn') } }],
      }),
    );
  }
  return out;
}

const ORG = 'o-a1b2c3d4e5';
const orgOnly = (org: string) => ({ StringEquals: { 'aws:SourceOrgID': org } });
/** The archive's own organization statement (session logs): where the rule reads the landing zone's organization from. */
const SESSION: Statement = { Sid: 'Session', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/ssm/\${aws:PrincipalAccount}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } };
/** Object resources as the graph holds them (the loader has unescaped Terraform's `$${`): the IAM policy variable. */
const PINNED = [`${BUCKET}/flow/AWSLogs/\${aws:SourceAccount}/*`, `${BUCKET}/flow/AWSLogs/aws-account-id=\${aws:SourceAccount}/*`];
const ORG_BUCKET = [SESSION, write({ StringEquals: { 'aws:SourceOrgID': ORG, 's3:x-amz-acl': 'bucket-owner-full-control' } }, PINNED), aclCheck(orgOnly(ORG))];

const check = (resources: TfResource[]) => rule.check(new Graph(STACKS, resources)).map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const refused = (...reasons: string[]) => [{ resource: 'spoke:aws_flow_log.vpc', message: `log delivery from account ${SOURCE} to ${BUCKET}/flow/ is refused: ${reasons.join('; ')}`, unknown: false }];

describe('LZ-LOG03 log delivery admitted', () => {
  test('the documented shape admits the source account: aws:SourceAccount, s3:x-amz-acl, and the key statement', () => {
    expect(check(archive(GOOD_BUCKET, [keyUse(accounts)]))).toEqual([]);
  });

  test('aws:SourceArn in its documented form, Hive-compatible prefixes and a plain-HTTP denial are fine too', () => {
    const arn = { ArnLike: { 'aws:SourceArn': `arn:aws:logs:ap-northeast-2:${SOURCE}:*` } };
    const deny = { Sid: 'Tls', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    const bucket = [deny, write({ StringEquals: { 'aws:SourceAccount': SOURCE, 's3:x-amz-acl': 'bucket-owner-full-control' }, ...arn }), aclCheck({ ...accounts, ...arn })];
    expect(check(archive(bucket, [keyUse({ ...accounts, ...arn })], { destination_options: { hive_compatible_partitions: true } }))).toEqual([]);
  });

  test('aws:SourceOrgID without an organization the archive admits principals of: the source organization cannot be told', () => {
    const org = { StringEquals: { 'aws:SourceOrgID': ORG } };
    const findings = check(archive([write({ StringEquals: { 'aws:SourceOrgID': ORG, 's3:x-amz-acl': 'bucket-owner-full-control' } }), aclCheck(org)], [keyUse(org)]));
    const why = 'conditions on aws:SourceOrgID, but the organization of the log source cannot be told: the bucket policy admits no single aws:PrincipalOrgID';
    expect(findings).toEqual(
      refused(
        `archive bucket policy: no Allow admits s3:PutObject on ${BUCKET}/flow/AWSLogs/${SOURCE}/probe: statement Write ${why}`,
        `archive bucket policy: no Allow admits s3:GetBucketAcl on ${BUCKET}: statement AclCheck ${why}`,
        `aws_kms_key.archive key policy: no Allow admits kms:GenerateDataKey on *: statement KeyUse ${why}`,
      ),
    );
  });

  test('scope organization: aws:SourceOrgID of the organization and the account pinned to its own AWSLogs folder admit the source account (plain and Hive-compatible)', () => {
    expect(check(archive(ORG_BUCKET, [keyUse(orgOnly(ORG))]))).toEqual([]);
    expect(check(archive(ORG_BUCKET, [keyUse(orgOnly(ORG))], { destination_options: { hive_compatible_partitions: true } }))).toEqual([]);
  });

  test('scope organization naming another organization than the one the archive admits principals of: refused everywhere', () => {
    const other = 'o-zzzzzzzzzz';
    const bucket = [SESSION, write({ StringEquals: { 'aws:SourceOrgID': other, 's3:x-amz-acl': 'bucket-owner-full-control' } }, PINNED), aclCheck(orgOnly(other))];
    expect(check(archive(bucket, [keyUse(orgOnly(other))]))).toEqual(
      refused(
        `archive bucket policy: no Allow admits s3:PutObject on ${BUCKET}/flow/AWSLogs/${SOURCE}/probe: statement Write needs StringEquals aws:SourceOrgID ${other}, but log delivery sends ${ORG}`,
        `archive bucket policy: no Allow admits s3:GetBucketAcl on ${BUCKET}: statement AclCheck needs StringEquals aws:SourceOrgID ${other}, but log delivery sends ${ORG}`,
        `aws_kms_key.archive key policy: no Allow admits kms:GenerateDataKey on *: statement KeyUse needs StringEquals aws:SourceOrgID ${other}, but log delivery sends ${ORG}`,
      ),
    );
  });

  test('scope organization with the folder pinned to another account: the source account cannot write its own logs', () => {
    const bucket = [SESSION, write({ StringEquals: { 'aws:SourceOrgID': ORG, 's3:x-amz-acl': 'bucket-owner-full-control' } }, [`${BUCKET}/flow/AWSLogs/111111111111/*`]), aclCheck(orgOnly(ORG))];
    expect(check(archive(bucket, [keyUse(orgOnly(ORG))]))).toEqual(refused(`archive bucket policy: no statement allows delivery.logs.amazonaws.com s3:PutObject on ${BUCKET}/flow/AWSLogs/${SOURCE}/probe`));
  });

  test('an account missing from aws:SourceAccount, a missing ACL check, a missing key statement', () => {
    const other = { StringEquals: { 'aws:SourceAccount': ['111111111111'], 's3:x-amz-acl': 'bucket-owner-full-control' } };
    expect(check(archive([write(other)], [{ Sid: 'Admin', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'kms:*', Resource: '*' }]))).toEqual(
      refused(
        `archive bucket policy: no Allow admits s3:PutObject on ${BUCKET}/flow/AWSLogs/${SOURCE}/probe: statement Write needs StringEquals aws:SourceAccount 111111111111, but log delivery sends ${SOURCE}`,
        `archive bucket policy: no statement allows delivery.logs.amazonaws.com s3:GetBucketAcl on ${BUCKET}`,
        'aws_kms_key.archive key policy: no statement allows delivery.logs.amazonaws.com kms:GenerateDataKey on *',
      ),
    );
  });

  test('a Deny that catches log delivery wins over the Allow', () => {
    const deny = { Sid: 'NoWrites', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
    expect(check(archive([deny, ...GOOD_BUCKET], undefined))).toEqual(refused(`archive bucket policy: statement NoWrites denies s3:PutObject on ${BUCKET}/flow/AWSLogs/${SOURCE}/probe`));
  });

  test('SSE-KMS with the AWS managed key cannot take log delivery', () => {
    const resources = archive(GOOD_BUCKET, undefined);
    resources.push(resource('logs', 'aws_s3_bucket_server_side_encryption_configuration', 'archive', { bucket: 'archive', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }));
    expect(check(resources)).toEqual(refused('aws_s3_bucket_server_side_encryption_configuration.archive encrypts with the AWS managed key, which log delivery cannot use: use a customer managed key'));
  });

  test('not judged: CloudWatch Logs destinations and buckets outside the landing zone', () => {
    expect(
      check([
        resource('spoke', 'aws_flow_log', 'cw', { log_destination_type: 'cloud-watch-logs', log_destination: 'arn:aws:logs:ap-northeast-2:333333333333:log-group:x' }),
        resource('spoke', 'aws_flow_log', 'siem', { log_destination_type: 's3', log_destination: 'arn:aws:s3:::siem-bucket/' }),
      ]),
    ).toEqual([]);
  });

  test('unknown destination, policy or account: cannot prove', () => {
    const resources = archive(GOOD_BUCKET, undefined);
    resources[2] = resource('spoke', 'aws_flow_log', 'vpc', { log_destination_type: 's3', log_destination: unknown('${var.destination}') });
    expect(check(resources)).toEqual([{ resource: 'spoke:aws_flow_log.vpc', message: 'cannot prove the log archive admits this log delivery: ${var.destination} is unknown before apply', unknown: true }]);
    const noAccount = rule.check(new Graph([], archive(GOOD_BUCKET, undefined)));
    expect(noAccount.map((v) => [v.resource.id, v.unknown])).toEqual([['spoke:aws_flow_log.vpc', true]]);
  });

  test('the synthesized default landing zone passes, and the same policy naming another organization would not', () => {
    const dir = synthDefault();
    expect(rule.check(loadGraph(dir))).toEqual([]);
    const stacks = readStacks(dir);
    const archiveStack = stackNamed(stacks, 'shop-log-archive');
    for (const type of ['aws_s3_bucket_policy', 'aws_kms_key']) {
      for (const r of Object.values<Record<string, string>>(archiveStack.json.resource[type])) {
        r.policy = r.policy.replace(/"aws:SourceAccount":\[[^\]]*\]/g, '"aws:SourceOrgID":"o-zzzzzzzzzz"');
      }
    }
    const findings = rule.check(graphFromJson(stacks));
    // Every flow log (the Transit Gateway, the hub VPCs, each spoke VPC) and the query log configuration.
    expect(findings.map((v) => v.resource.type).sort()).toEqual(['aws_flow_log', 'aws_flow_log', 'aws_flow_log', 'aws_flow_log', 'aws_flow_log', 'aws_route53_resolver_query_log_config']);
    expect(findings.every((v) => v.message.includes('needs StringEquals aws:SourceOrgID o-zzzzzzzzzz, but log delivery sends o-a1b2c3d4e5'))).toBe(true);
  });

  test('a landing zone synthesized with logArchive.logDelivery.scope organization passes; pinned to the wrong folder form it would not', () => {
    const lz = loadWith((c) => (c.logArchive.logDelivery = { scope: 'organization' })).landingZone;
    const dir = synthesize(lz, path.join(tempDir('lz-log03-'), 'cdktf.out')).outdir;
    expect(rule.check(loadGraph(dir))).toEqual([]);
    const stacks = readStacks(dir);
    const archiveStack = stackNamed(stacks, 'shop-log-archive');
    const policy = Object.values<Record<string, string>>(archiveStack.json.resource.aws_s3_bucket_policy)[0];
    expect(policy.policy).toContain('AWSLogs/aws-account-id=$${aws:SourceAccount}/*');
    // Without the Hive-compatible form, the flow logs (which FlowLog writes Hive-compatible) are refused; the query logs are not.
    policy.policy = policy.policy.replace(/,"[^"]*AWSLogs\/aws-account-id=\$\$\{aws:SourceAccount\}\/\*"/g, '');
    const findings = rule.check(graphFromJson(stacks));
    expect(findings.map((v) => v.resource.type).sort()).toEqual(['aws_flow_log', 'aws_flow_log', 'aws_flow_log', 'aws_flow_log', 'aws_flow_log']);
  });
});

/** The request forms of the organization scope, evaluated directly against the policy LogArchiveBucket writes. */
describe('LZ-LOG03 evaluation of organization-scope requests', () => {
  // As LogArchiveBucket synthesizes it: the IAM policy variables escaped for Terraform (`$${...}`).
  const statements = parsePolicyText(doc(...ORG_BUCKET).replace(/\$\{aws:/g, () => '$${aws:'));
  if (!Array.isArray(statements)) throw new Error('fixture policy did not parse');
  const put = (account: string, folder: string, org?: string): DeliveryRequest => ({
    action: 's3:PutObject',
    resource: `${BUCKET}/flow/AWSLogs/${folder}/vpcflowlogs/ap-northeast-2/2026/12/05/x.log.gz`,
    context: { 'aws:sourceaccount': account, 's3:x-amz-acl': 'bucket-owner-full-control', ...(org ? { 'aws:sourceorgid': org } : {}) },
  });

  test('admitted: an account of the organization into its own folder, plain or Hive-compatible', () => {
    expect(verdict(statements, put(SOURCE, SOURCE, ORG))).toBeUndefined();
    expect(verdict(statements, put(SOURCE, `aws-account-id=${SOURCE}`, ORG))).toBeUndefined();
  });

  test("refused: an account of the organization into another account's folder", () => {
    expect(verdict(statements, put(SOURCE, '111111111111', ORG))).toBe(
      `no statement allows delivery.logs.amazonaws.com s3:PutObject on ${BUCKET}/flow/AWSLogs/111111111111/vpcflowlogs/ap-northeast-2/2026/12/05/x.log.gz`,
    );
    expect(verdict(statements, put(SOURCE, 'aws-account-id=111111111111', ORG))).toMatch(/^no statement allows /);
  });

  test('refused: an account outside the organization, and a request without aws:SourceOrgID', () => {
    expect(verdict(statements, put('999999999999', '999999999999', 'o-outsider00'))).toMatch(/statement Write needs StringEquals aws:SourceOrgID o-a1b2c3d4e5, but log delivery sends o-outsider00$/);
    expect(verdict(statements, put('999999999999', '999999999999'))).toMatch(/statement Write conditions on aws:SourceOrgID, but the organization of the log source cannot be told/);
  });
});
