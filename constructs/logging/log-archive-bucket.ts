/**
 * The organization's central log archive: one S3 bucket, encrypted with its own customer managed KMS
 * key, that receives SSM Session Manager logs (written by the SSM Agent with the instance's role in
 * each member account), VPC/Transit Gateway flow logs and Route 53 Resolver query logs (both written
 * by the log delivery service, `delivery.logs.amazonaws.com`). Everything is restricted to the
 * organization: principals by `aws:PrincipalOrgID`, the log delivery service by `aws:SourceOrgID`.
 * Nobody may delete the bucket while its policy stands, and Terraform refuses to destroy bucket or key.
 *
 * Policies are plain objects serialized with {@link policyJson}, never the `aws_iam_policy_document`
 * data source, so synth and `terraform validate` need no credentials.
 *
 * Permission sources:
 * - Flow logs to S3 (bucket policy: `AWSLogDeliveryWrite`/`AWSLogDeliveryAclCheck`, `s3:x-amz-acl`):
 *   https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
 * - The same V1 log-delivery permissions cover Resolver query logs to S3, and SSE-KMS needs the key
 *   policy statement for `delivery.logs.amazonaws.com`:
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html
 * - Session Manager logs from many accounts to one bucket:
 *   https://repost.aws/knowledge-center/ssm-s3-bucket-logging-multiple-accounts
 */
import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { isLiteral, ValidationError } from '../private/validation-error';
import { AwsPartition, badRegion, DNS_SUFFIX, partitionProblems } from '../private/aws-partition';
import { denyInsecureTransport, PolicyDocument, policyDocument, policyJson } from './policy';

/** AWS partitions this construct knows the service DNS suffix of. */
export type { AwsPartition } from '../private/aws-partition';

/** Service endpoint DNS suffix per partition (for `kms:ViaService`). */

/** The log delivery service principal that writes flow logs and Resolver query logs. */
export const LOG_DELIVERY_SERVICE = 'delivery.logs.amazonaws.com';

/** Storage class objects move to after {@link LogArchiveLifecycle.transitionDays}. */
export const ARCHIVE_STORAGE_CLASS = 'GLACIER_IR';

/** Age-based retention of the archive. Changing it updates the lifecycle configuration in place. */
export interface LogArchiveLifecycle {
  /**
   * Days after creation (current versions) or after becoming noncurrent (noncurrent versions) before
   * objects move to S3 Glacier Instant Retrieval. Glacier IR rather than Standard-IA: archived logs are
   * read rarely (audits, incidents) but then at once, Glacier IR keeps millisecond reads at roughly a
   * third of Standard-IA's storage price, and with the defaults an object stays there 310 days, well
   * past Glacier IR's 90-day minimum storage charge. Objects under 128 KB stay in Standard (S3's
   * default `all_storage_classes_128K`), where they are cheaper than their 128 KB Glacier IR minimum.
   * A transition closer than 90 days to expiration pays that minimum anyway.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html
   * @default 90
   */
  readonly transitionDays?: number;
  /**
   * Days after creation (current versions) or after becoming noncurrent (noncurrent versions) before
   * objects are deleted. Must be greater than `transitionDays`.
   * @default 400 (13 months: a full year plus a month to complete an annual audit)
   */
  readonly expirationDays?: number;
}

/** Key prefixes of the three log kinds. A change moves where new logs land; old ones stay where they are. */
export interface LogArchivePrefixes {
  /** Session Manager logs; each account writes only below `<sessionLogs>/<account id>/`. @default 'ssm' */
  readonly sessionLogs?: string;
  /** VPC and Transit Gateway flow logs; AWS appends `AWSLogs/<account id>/...`. @default 'flow-logs' */
  readonly flowLogs?: string;
  /** Route 53 Resolver query logs; AWS appends `AWSLogs/<account id>/...`. @default 'resolver-query-logs' */
  readonly resolverQueryLogs?: string;
}

/** Props of {@link LogArchiveBucket}. */
export interface LogArchiveBucketProps {
  /**
   * Bucket name, chosen by the caller so it is known before apply (other stacks build ARNs from it).
   * 3-63 lowercase letters, digits and hyphens; no dots (virtual-hosted-style TLS certificates do not
   * cover dotted names). Changing it replaces the bucket, which `prevent_destroy` refuses.
   */
  readonly bucketName: string;
  /** The AWS Organizations organization whose principals and log sources may write, e.g. `o-a1b2c3d4e5`. */
  readonly organizationId: string;
  /** The log archive account that owns bucket and key and administers the key. */
  readonly accountId: string;
  /** Region of bucket and key (the `kms:ViaService` S3 endpoint is derived from it). */
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: AwsPartition;
  /** @default transition after 90 days, expiration after 400 days */
  readonly lifecycle?: LogArchiveLifecycle;
  /** @default { sessionLogs: 'ssm', flowLogs: 'flow-logs', resolverQueryLogs: 'resolver-query-logs' } */
  readonly prefixes?: LogArchivePrefixes;
}

const DEFAULT_TRANSITION_DAYS = 90;
const DEFAULT_EXPIRATION_DAYS = 400;
const DEFAULT_PREFIXES: Required<LogArchivePrefixes> = { sessionLogs: 'ssm', flowLogs: 'flow-logs', resolverQueryLogs: 'resolver-query-logs' };

/** Central, organization-restricted, KMS-encrypted log bucket and its key. */
export class LogArchiveBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket name as given (a literal, usable across stacks without a remote-state reference). */
  readonly bucketName: string;
  /** `arn:<partition>:s3:::<bucketName>`, built from the name (a literal, like {@link bucketName}). */
  readonly bucketArn: string;
  readonly key: KmsKey;
  /** ARN of the key (a Terraform reference: key ARNs are only known after apply). */
  readonly keyArn: string;
  readonly alias: KmsAlias;
  /** Key prefixes in effect, defaults applied. */
  readonly prefixes: Required<LogArchivePrefixes>;
  /** Lifecycle in effect, defaults applied. */
  readonly lifecycle: Required<LogArchiveLifecycle>;
  /** The bucket policy as an object (what {@link policyJson} serialized onto `aws_s3_bucket_policy`). */
  readonly bucketPolicyDocument: PolicyDocument;
  /** The key policy as an object (what {@link policyJson} serialized onto `aws_kms_key`). */
  readonly keyPolicyDocument: PolicyDocument;

  constructor(scope: Construct, id: string, props: LogArchiveBucketProps) {
    super(scope, id);
    const partition = props.partition ?? 'aws';
    const prefixes: Required<LogArchivePrefixes> = { ...DEFAULT_PREFIXES, ...definedOnly(props.prefixes ?? {}) };
    const lifecycle: Required<LogArchiveLifecycle> = {
      transitionDays: props.lifecycle?.transitionDays ?? DEFAULT_TRANSITION_DAYS,
      expirationDays: props.lifecycle?.expirationDays ?? DEFAULT_EXPIRATION_DAYS,
    };
    validate(this, props, partition, prefixes, lifecycle);

    this.bucketName = props.bucketName;
    this.bucketArn = `arn:${partition}:s3:::${props.bucketName}`;
    this.prefixes = prefixes;
    this.lifecycle = lifecycle;
    this.bucketPolicyDocument = bucketPolicy(this.bucketArn, props.organizationId, prefixes);
    this.keyPolicyDocument = keyPolicy({
      bucketArn: this.bucketArn,
      organizationId: props.organizationId,
      rootArn: `arn:${partition}:iam::${props.accountId}:root`,
      s3Endpoint: `s3.${props.region}.${DNS_SUFFIX[partition]}`,
    });

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the organization log archive bucket ${props.bucketName} (SSM session logs, flow logs, Resolver query logs)`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson(this.keyPolicyDocument),
      tags: { Name: props.bucketName },
      lifecycle: { preventDestroy: true },
    });
    this.keyArn = this.key.arn;
    this.alias = new KmsAlias(this, 'alias', { name: `alias/${props.bucketName}`, targetKeyId: this.key.keyId });

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: false,
      tags: { Name: props.bucketName },
      lifecycle: { preventDestroy: true },
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    // ACLs off: the bucket owns every object whoever writes it. Writers that still send the
    // bucket-owner-full-control canned ACL (log delivery, the SSM Agent) are accepted.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
    new S3BucketOwnershipControls(this, 'ownership', { bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    // The full key ARN, never an alias or key id: S3 resolves an alias in the *writer's* account, and a
    // bare key id can make flow log creation fail with LogDestination undeliverable. The SSM Agent reads
    // this value (s3:GetEncryptionConfiguration) and sends it back on its PutObject. The bucket key cuts
    // KMS calls and makes the encryption context the bucket ARN.
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      transitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
      rule: [
        {
          id: 'archive-then-expire',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          transition: [{ days: lifecycle.transitionDays, storageClass: ARCHIVE_STORAGE_CLASS }],
          expiration: [{ days: lifecycle.expirationDays }],
          noncurrentVersionTransition: [{ noncurrentDays: lifecycle.transitionDays, storageClass: ARCHIVE_STORAGE_CLASS }],
          noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      // Noncurrent-version rules on a bucket whose versioning is not yet enabled are rejected; the
      // provider documentation asks for this ordering.
      dependsOn: [versioning],
    });
    new S3BucketPolicy(this, 'policy', { bucket: this.bucket.id, policy: policyJson(this.bucketPolicyDocument), dependsOn: [publicAccessBlock] });
  }

  /**
   * Key prefix an account's Session Manager preferences must use (`s3KeyPrefix`), e.g. `ssm/111122223333`:
   * the bucket policy admits each account only below its own id.
   */
  sessionLogsKeyPrefix(accountId: string): string {
    return `${this.prefixes.sessionLogs}/${accountId}`;
  }

  /** `arn:...:s3:::<bucket>/<sessionLogs>/<accountId>/*`: the resource for that account's instance-role `s3:PutObject`. */
  sessionLogsArn(accountId: string): string {
    return `${this.bucketArn}/${this.sessionLogsKeyPrefix(accountId)}/*`;
  }

  /** `arn:...:s3:::<bucket>/<flowLogs>/`: the `log_destination` of an `aws_flow_log` (VPC or Transit Gateway). */
  flowLogsArn(): string {
    return `${this.bucketArn}/${this.prefixes.flowLogs}/`;
  }

  /** `arn:...:s3:::<bucket>/<resolverQueryLogs>/`: the `destination_arn` of an `aws_route53_resolver_query_log_config`. */
  resolverQueryLogsArn(): string {
    return `${this.bucketArn}/${this.prefixes.resolverQueryLogs}/`;
  }
}

/**
 * The bucket policy. Deliberately absent: a Deny on uploads that name another SSE algorithm or key.
 * With bucket-default SSE-KMS every upload without SSE headers already gets this key, and the SSM
 * Agent copies this key's ARN from the bucket's encryption configuration; what headers the log
 * delivery service sends is not documented, and such a Deny would stop flow and query logs silently
 * if it sent one the Deny did not expect.
 */
function bucketPolicy(bucketArn: string, organizationId: string, prefixes: Required<LogArchivePrefixes>): PolicyDocument {
  const org = { 'aws:PrincipalOrgID': organizationId };
  // aws:SourceOrgID instead of the documented per-account aws:SourceAccount/aws:SourceArn lists: new
  // accounts work without a policy change, and the log delivery service sets it whenever it sets
  // aws:SourceAccount (AWS's own RCP examples enforce it on VPC Flow Logs delivery this way).
  // https://github.com/aws-samples/data-perimeter-policy-examples/tree/main/resource_control_policies#sidenforceconfuseddeputyprotection
  const sourceOrg = { 'aws:SourceOrgID': organizationId };
  return policyDocument([
    denyInsecureTransport(bucketArn),
    // Anyone, including the owning account: deleting the bucket first needs a reviewed policy change.
    { Sid: 'DenyDeleteBucket', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: bucketArn },
    // The SSM Agent uploads with the instance's role (or the Default Host Management role). Only
    // s3:PutObject: its canned ACL rides on the PutObject, and older agents' separate PutObjectAcl call
    // is best-effort (and moot with ACLs disabled). ${aws:PrincipalAccount} keeps each account in its
    // own prefix, so no account can overwrite another's session logs.
    {
      Sid: 'AllowOrgSessionLogs',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `${bucketArn}/${prefixes.sessionLogs}/\${aws:PrincipalAccount}/*`,
      Condition: { StringEquals: org },
    },
    // With "Enforce S3 log encryption" the agent reads the bucket's encryption configuration before
    // uploading, and refuses to upload to an unencrypted bucket.
    // https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-create-iam-instance-profile.html
    { Sid: 'AllowOrgEncryptionCheck', Effect: 'Allow', Principal: '*', Action: 's3:GetEncryptionConfiguration', Resource: bucketArn, Condition: { StringEquals: org } },
    // bucket-owner-full-control is what the documented policy requires and what log delivery sends;
    // BucketOwnerEnforced accepts exactly that ACL, so the condition is kept as documented.
    {
      Sid: 'AllowLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action: 's3:PutObject',
      Resource: [`${bucketArn}/${prefixes.flowLogs}/AWSLogs/*`, `${bucketArn}/${prefixes.resolverQueryLogs}/AWSLogs/*`],
      Condition: { StringEquals: { ...sourceOrg, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    // s3:ListBucket too: without it log delivery leaves AccessDenied entries in CloudTrail.
    {
      Sid: 'AllowLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: { StringEquals: sourceOrg },
    },
  ]);
}

/**
 * The key policy. Organization principals may use the key only through S3 in this region and only for
 * this bucket; that covers the SSM Agent's uploads. Not covered, on purpose: Session Manager's own
 * session-data encryption (`kmsKeyId` in the session preferences). There the user starting a session
 * calls kms:GenerateDataKey and the agent kms:Decrypt directly (no kms:ViaService), with the
 * `aws:ssm:SessionId`/`aws:ssm:TargetId` encryption context; granting that here would let any
 * organization principal use the archive key outside S3 and tie every session in every account to
 * this account's key. Use a key in each workload account for it.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-quickstart.html
 */
function keyPolicy(p: { bucketArn: string; organizationId: string; rootArn: string; s3Endpoint: string }): PolicyDocument {
  return policyDocument([
    // The default key policy statement: the owning account administers the key, and its IAM policies
    // decide who in that account may read the archive.
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
    { Sid: 'AllowLogArchiveAccountAdministration', Effect: 'Allow', Principal: { AWS: p.rootArn }, Action: 'kms:*', Resource: '*' },
    // GenerateDataKey to upload, Decrypt for multipart uploads (the agent's uploader goes multipart for
    // larger logs). Not kms:Encrypt (S3 never calls it for SSE-KMS) nor kms:DescribeKey (it carries no
    // encryption context, so under this condition it could never match). With a bucket key the context
    // is the bucket ARN, without one the object ARN: both are listed.
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#encryption-context
    {
      Sid: 'AllowOrgUseThroughS3',
      Effect: 'Allow',
      Principal: '*',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': p.organizationId, 'kms:ViaService': p.s3Endpoint },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [p.bucketArn, `${p.bucketArn}/*`] },
      },
    },
    // The documented statement for log delivery to an SSE-KMS bucket, with aws:SourceOrgID in place of
    // per-account aws:SourceAccount/aws:SourceArn lists.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html#AWS-logs-SSE-KMS-S3
    {
      Sid: 'AllowLogDeliveryUseOfKey',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceOrgID': p.organizationId } },
    },
  ]);
}

/** Every problem with the props at once, as one error naming each value and its fix. */
function validate(scope: Construct, props: LogArchiveBucketProps, partition: AwsPartition, prefixes: Required<LogArchivePrefixes>, lifecycle: Required<LogArchiveLifecycle>): void {
  const problems: string[] = [];
  const literal = isLiteral;

  if (literal(props.bucketName)) problems.push(...bucketNameProblems(props.bucketName));
  if (literal(props.organizationId) && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
    problems.push(`organizationId "${props.organizationId}" is not an organization id; expected "o-" followed by 10-32 lowercase letters or digits`);
  }
  if (literal(props.accountId) && !/^\d{12}$/.test(props.accountId)) problems.push(`accountId "${props.accountId}" must be 12 digits`);
  if (badRegion(props.region)) problems.push(`region "${props.region}" is not a region name like "ap-northeast-2"`);
  problems.push(...partitionProblems(partition, props.region));

  for (const [name, days] of Object.entries(lifecycle)) {
    if (!Number.isInteger(days) || days <= 0) problems.push(`lifecycle.${name} must be a positive whole number of days, got ${days}`);
  }
  if (Number.isInteger(lifecycle.transitionDays) && Number.isInteger(lifecycle.expirationDays) && lifecycle.transitionDays >= lifecycle.expirationDays) {
    problems.push(`lifecycle.transitionDays (${lifecycle.transitionDays}) must be less than lifecycle.expirationDays (${lifecycle.expirationDays}); objects would expire before they are archived`);
  }

  const entries = Object.entries(prefixes);
  for (const [name, prefix] of entries) {
    if (!literal(prefix)) continue;
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/.test(prefix)) {
      problems.push(`prefixes.${name} "${prefix}" must be path segments of letters, digits, "_", "." and "-" separated by single "/", without leading or trailing "/" (no wildcards: it becomes part of policy ARNs)`);
    } else if (prefix.split('/').includes('AWSLogs')) {
      problems.push(`prefixes.${name} "${prefix}" must not contain an "AWSLogs" segment: log delivery reserves it and flow logs reject it`);
    }
  }
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [an, a] = entries[i];
      const [bn, b] = entries[j];
      if (a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)) {
        problems.push(`prefixes.${an} "${a}" and prefixes.${bn} "${b}" overlap; give each log kind its own prefix so their write permissions stay apart`);
      }
    }
  }
  if (problems.length > 0) throw new ValidationError(scope, problems.join('; '));
}

/** S3 general purpose bucket naming rules, minus dots. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
function bucketNameProblems(name: string): string[] {
  if (name.includes('.')) return [`bucketName "${name}" must not contain dots: virtual-hosted-style HTTPS certificates do not match dotted bucket names; use hyphens`];
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
    return [`bucketName "${name}" must be 3-63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit`];
  }
  const reservedPrefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => name.startsWith(p));
  if (reservedPrefix) return [`bucketName "${name}" must not start with the reserved prefix "${reservedPrefix}"`];
  const reservedSuffix = ['-s3alias', '--ol-s3', '--x-s3', '--table-s3'].find((s) => name.endsWith(s));
  if (reservedSuffix) return [`bucketName "${name}" must not end with the reserved suffix "${reservedSuffix}"`];
  return [];
}

/** The object without its `undefined` members, so spreading it over defaults keeps the defaults. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
