/** LZ-LOG03: log delivery from every source account is admitted by the archive's bucket and key policies under the documented conditions. */
import { Graph, ref } from '../../../../analysis/graph/graph';
import { graphFromJson, loadGraph } from '../../../../analysis/graph/load';
import type { StackInfo, TfResource } from '../../../../analysis/graph/types';
import { rule } from '../../../../analysis/rules/workload/log-delivery-admitted';
import { readStacks, stackNamed, synthDefault } from '../../../helpers/analysis';
import { resource, unknown } from '../../../helpers/rule-fixtures';

const BUCKET = 'arn:aws:s3:::archive';
const SOURCE = '333333333333';

/** Stacks `logs` (the archive, account 222222222222) and `spoke` (the log source), both in ap-northeast-2. */
const STACKS: StackInfo[] = [
  { name: 'logs', dependencies: [], file: '', providers: [{ region: 'ap-northeast-2', allowed_account_ids: ['222222222222'] }] },
  { name: 'spoke', dependencies: [], file: '', providers: [{ region: 'ap-northeast-2', allowed_account_ids: [SOURCE] }] },
];

type Statement = Record<string, unknown>;

const write = (condition: Record<string, unknown>): Statement => ({ Sid: 'Write', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: `${BUCKET}/flow/AWSLogs/*`, Condition: condition });
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

  test('aws:SourceOrgID (the previous policy): not documented for log delivery, so it cannot be relied on', () => {
    const org = { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } };
    const findings = check(archive([write({ StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5', 's3:x-amz-acl': 'bucket-owner-full-control' } }), aclCheck(org)], [keyUse(org)]));
    expect(findings).toEqual(
      refused(
        `archive bucket policy: no Allow admits s3:PutObject on ${BUCKET}/flow/AWSLogs/${SOURCE}/probe: statement Write conditions on aws:SourceOrgID, which log delivery is not documented to send`,
        `archive bucket policy: no Allow admits s3:GetBucketAcl on ${BUCKET}: statement AclCheck conditions on aws:SourceOrgID, which log delivery is not documented to send`,
        'aws_kms_key.archive key policy: no Allow admits kms:GenerateDataKey on *: statement KeyUse conditions on aws:SourceOrgID, which log delivery is not documented to send',
      ),
    );
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

  test('the synthesized default landing zone passes, and its previous aws:SourceOrgID policy would not', () => {
    const dir = synthDefault();
    expect(rule.check(loadGraph(dir))).toEqual([]);
    const stacks = readStacks(dir);
    const archiveStack = stackNamed(stacks, 'shop-log-archive');
    for (const type of ['aws_s3_bucket_policy', 'aws_kms_key']) {
      for (const r of Object.values<Record<string, string>>(archiveStack.json.resource[type])) {
        r.policy = r.policy.replace(/"aws:SourceAccount":\[[^\]]*\]/g, '"aws:SourceOrgID":"o-a1b2c3d4e5"');
      }
    }
    const findings = rule.check(graphFromJson(stacks));
    // Every flow log (the Transit Gateway, the hub VPCs, each spoke VPC) and the query log configuration.
    expect(findings.map((v) => v.resource.type).sort()).toEqual(['aws_flow_log', 'aws_flow_log', 'aws_flow_log', 'aws_flow_log', 'aws_flow_log', 'aws_route53_resolver_query_log_config']);
    expect(findings.every((v) => v.message.includes('conditions on aws:SourceOrgID, which log delivery is not documented to send'))).toBe(true);
  });
});
