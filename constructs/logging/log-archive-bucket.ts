/**
 * The organization's central log archive: one S3 bucket, encrypted with its own customer managed KMS
 * key, that receives SSM Session Manager logs (written by the SSM Agent with the instance's role in
 * each member account), VPC/Transit Gateway flow logs and Route 53 Resolver query logs (both written
 * by the log delivery service, `delivery.logs.amazonaws.com`). Principals are restricted to the
 * organization by `aws:PrincipalOrgID`; the log delivery service either to the accounts whose flow
 * logs and query logs deliver here, by `aws:SourceAccount` (the documented condition, see
 * {@link bucketPolicy}), or, with {@link LogDeliveryScope} `organization`, to every account of the
 * organization by `aws:SourceOrgID`, each only into its own `AWSLogs/<account id>/` prefix.
 * Nobody may delete the bucket while its policy stands, and Terraform refuses to destroy bucket or key.
 * Logs are kept `lifecycle.expirationDays` (noncurrent versions go one day later); optionally S3
 * Object Lock makes every new version immutable for `objectLock.days`.
 *
 * Policies are plain objects serialized with {@link policyJson}, never the `aws_iam_policy_document`
 * data source, so synth and `terraform validate` need no credentials.
 *
 * Permission sources:
 * - Flow logs to S3 (bucket policy: `AWSLogDeliveryWrite`/`AWSLogDeliveryAclCheck`, `s3:x-amz-acl`,
 *   `aws:SourceAccount`; the same for Transit Gateway flow logs):
 *   https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
 *   https://docs.aws.amazon.com/vpc/latest/tgw/flow-logs-s3.html
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
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { DOTLESS_BUCKET_NAME, reservedBucketAffix } from '../../lib/aws/s3-bucket';
import { isLiteral, ValidationError } from '../private/validation-error';
import { AwsPartition, badAccountId, badRegion, DNS_SUFFIX, partitionProblems } from '../private/aws-partition';
import { denyInsecureTransport, PolicyDocument, policyDocument, policyJson, PolicyStatement } from './policy';

/** AWS partitions this construct knows the service DNS suffix of. */
export type { AwsPartition } from '../private/aws-partition';

/** The log delivery service principal that writes flow logs and Resolver query logs. */
export const LOG_DELIVERY_SERVICE = 'delivery.logs.amazonaws.com';

/**
 * How the bucket and key policies admit the log delivery service:
 * - `accounts`: `aws:SourceAccount` lists every source account ({@link LogArchiveBucketProps.logSourceAccounts}),
 *   the form the flow logs documentation shows. Each account adds bytes to a bucket policy S3 caps at
 *   20 KB, so this stops at a few hundred accounts.
 * - `organization`: `aws:SourceOrgID` names the organization and `${aws:SourceAccount}` in the
 *   resource keeps each account to its own `AWSLogs/<account id>/` prefix; the policies no longer grow
 *   with the accounts. The trade-off: aws:SourceOrgID is documented on the IAM global condition keys
 *   page for any service principal acting for a resource of an organization member, not on the flow
 *   logs or CloudWatch Logs delivery pages; if log delivery did not send it, every delivery would be
 *   refused silently. Apply it and confirm that one spoke's flow logs arrive before relying on it.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid
 */
export type LogDeliveryScope = 'accounts' | 'organization';

/** The scopes {@link LogDeliveryScope} allows. */
const LOG_DELIVERY_SCOPES: readonly LogDeliveryScope[] = ['accounts', 'organization'];

/** Storage class objects move to after {@link LogArchiveLifecycle.transitionDays}. */
export const ARCHIVE_STORAGE_CLASS = 'GLACIER_IR';

/**
 * Days a version stays after it became noncurrent (after lifecycle expiration put a delete marker on
 * it, or someone deleted or overwrote it) before S3 deletes it for good. One day, so a log is gone
 * `expirationDays` + 1 days after it was written instead of living a second `expirationDays` as a
 * noncurrent copy. Protection against an early delete or overwrite is Object Lock's job
 * ({@link LogArchiveObjectLock}): a locked version cannot be deleted by anyone, lifecycle included.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
 */
export const NONCURRENT_VERSION_DAYS = 1;

/** Largest bucket policy S3 accepts: 20 KB. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html */
const MAX_BUCKET_POLICY_BYTES = 20 * 1024;

/** Largest key policy KMS accepts: 32 KB. https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html#key-policy-limit */
const MAX_KEY_POLICY_BYTES = 32 * 1024;

/** Age-based retention of the archive. Changing it updates the lifecycle configuration in place. */
export interface LogArchiveLifecycle {
  /**
   * Days after creation before objects move to S3 Glacier Instant Retrieval. Glacier IR rather than
   * Standard-IA: archived logs are read rarely (audits, incidents) but then at once, Glacier IR keeps
   * millisecond reads at roughly a third of Standard-IA's storage price, and with the defaults an
   * object stays there 310 days, well past Glacier IR's 90-day minimum storage charge. Objects under
   * 128 KB stay in Standard (S3's default `all_storage_classes_128K`), where they are cheaper than
   * their 128 KB Glacier IR minimum. A transition closer than 90 days to expiration pays that minimum
   * anyway. Noncurrent versions are not transitioned: they live {@link NONCURRENT_VERSION_DAYS}.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html
   * @default 90
   */
  readonly transitionDays?: number;
  /**
   * The retention: days after creation before a log is deleted. The current version expires then
   * (S3 puts a delete marker on it), the version itself is deleted {@link NONCURRENT_VERSION_DAYS}
   * later and the leftover delete marker after that, so nothing of a log outlives
   * `expirationDays` + 1 days (S3 runs lifecycle actions asynchronously, usually within a day).
   * Must be greater than `transitionDays`, and not less than `objectLock.days`.
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

/** S3 Object Lock retention modes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-retention-modes */
export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';

/**
 * Write-once-read-many retention for regulated archives: every new object version is locked for
 * `days`, and the bucket policy denies deleting objects and versions, bypassing governance retention
 * and changing the bucket policy, lifecycle, versioning or Object Lock configuration to everyone but
 * the roles named here.
 *
 * Turning it on for an existing archive is an in-place change: `aws_s3_bucket_object_lock_configuration`
 * calls PutObjectLockConfiguration, which enables Object Lock on a versioned bucket without replacing
 * it (the bucket's own `object_lock_enabled` argument is never set: it forces replacement, which
 * `prevent_destroy` refuses). Only versions written afterwards are locked. It is one-way: S3 cannot
 * disable Object Lock or suspend versioning again; removing this prop only removes the default
 * retention, and versions locked until then stay locked.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket_object_lock_configuration
 */
export interface LogArchiveObjectLock {
  /**
   * `GOVERNANCE`: the break-glass role (`s3:BypassGovernanceRetention`) can still delete a locked
   * version early. `COMPLIANCE`: nobody can, not even the account's root user, until the version's
   * retention ends; the bucket cannot be emptied before then. Changing it updates the default
   * retention in place; versions already written keep the mode they were locked with.
   */
  readonly mode: ObjectLockMode;
  /**
   * Days each new version is locked. At most `lifecycle.expirationDays`: lifecycle cannot delete a
   * locked version, so a longer lock would keep logs past the configured retention.
   */
  readonly days: number;
  /** IAM role that alone may delete objects and versions and bypass governance retention, e.g. `arn:aws:iam::222222222222:role/log-archive-break-glass`. */
  readonly breakGlassRoleArn: string;
  /**
   * The role Terraform applies this bucket's workspace with. It stays able to change the bucket
   * policy, lifecycle, versioning and Object Lock configuration (every later apply does), but not to
   * delete logs; without the exception the next policy change (a new spoke account, say) would fail
   * with AccessDenied. The bucket-owning account's root user can always replace the bucket policy,
   * whatever it denies: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
   */
  readonly deployRoleArn: string;
}

/** Props of {@link LogArchiveBucket}. */
export interface LogArchiveBucketProps {
  /**
   * Bucket name, chosen by the caller so it is known before apply (other stacks build ARNs from it).
   * 3-63 lowercase letters, digits and hyphens; no dots (virtual-hosted-style TLS certificates do not
   * cover dotted names). Changing it replaces the bucket, which `prevent_destroy` refuses.
   */
  readonly bucketName: string;
  /** The AWS Organizations organization whose principals may write session logs, e.g. `o-a1b2c3d4e5`. */
  readonly organizationId: string;
  /** The log archive account that owns bucket and key and administers the key. */
  readonly accountId: string;
  /**
   * Accounts whose flow logs and Resolver query logs deliver here (`aws:SourceAccount` of the log
   * delivery service, in bucket and key policy). Log delivery from any other account is refused;
   * creating a flow log there fails. Changing the list updates both policies in place. Required, with
   * at least one account, with `logDeliveryScope` `accounts`; not used with `organization`.
   */
  readonly logSourceAccounts?: readonly string[];
  /**
   * How log delivery is admitted, see {@link LogDeliveryScope}. Changing it rewrites the delivery
   * statements of bucket and key policy in place (`aws_s3_bucket_policy` and the key's `policy` update
   * without replacement).
   * @default 'accounts'
   */
  readonly logDeliveryScope?: LogDeliveryScope;
  /** Region of bucket and key (the `kms:ViaService` S3 endpoint is derived from it). */
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: AwsPartition;
  /** @default transition after 90 days, expiration after 400 days */
  readonly lifecycle?: LogArchiveLifecycle;
  /** @default { sessionLogs: 'ssm', flowLogs: 'flow-logs', resolverQueryLogs: 'resolver-query-logs' } */
  readonly prefixes?: LogArchivePrefixes;
  /** @default no Object Lock: logs can be deleted by the archive account's administrators, and are by lifecycle */
  readonly objectLock?: LogArchiveObjectLock;
}

const DEFAULT_TRANSITION_DAYS = 90;
const DEFAULT_EXPIRATION_DAYS = 400;
/** Key prefixes the archive uses unless told otherwise (the hub's Network Firewall logs go below `flowLogs`, which the delivery statements admit). */
export const DEFAULT_PREFIXES: Required<LogArchivePrefixes> = { sessionLogs: 'ssm', flowLogs: 'flow-logs', resolverQueryLogs: 'resolver-query-logs' };
const OBJECT_LOCK_MODES: readonly ObjectLockMode[] = ['GOVERNANCE', 'COMPLIANCE'];

/**
 * Central, organization-restricted, KMS-encrypted log bucket and its key. Every resource is created in
 * the log archive account (`accountId`), through the scope's default provider (LogArchiveStack's).
 */
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
  /** The accounts the policies list as log delivery sources, sorted and without duplicates; empty with scope `organization`. */
  readonly logSourceAccounts: readonly string[];
  /** How log delivery is admitted, default applied. */
  readonly logDeliveryScope: LogDeliveryScope;
  /** The Object Lock configuration, when `objectLock` was given. */
  readonly objectLockConfiguration?: S3BucketObjectLockConfigurationA;
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
    this.logDeliveryScope = props.logDeliveryScope ?? 'accounts';
    this.logSourceAccounts = this.logDeliveryScope === 'accounts' ? [...new Set(props.logSourceAccounts ?? [])].sort() : [];
    const delivery = logDeliverySources(this.logDeliveryScope, props.organizationId, this.logSourceAccounts);
    this.bucketPolicyDocument = bucketPolicy({ bucketArn: this.bucketArn, organizationId: props.organizationId, prefixes, delivery, objectLock: props.objectLock });
    this.keyPolicyDocument = keyPolicy({
      bucketArn: this.bucketArn,
      organizationId: props.organizationId,
      delivery,
      rootArn: `arn:${partition}:iam::${props.accountId}:root`,
      s3Endpoint: `s3.${props.region}.${DNS_SUFFIX[partition]}`,
    });
    validatePolicySizes(this, this.bucketPolicyDocument, this.keyPolicyDocument);

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
    this.addLifecycle(lifecycle, versioning);
    if (props.objectLock) this.objectLockConfiguration = this.addObjectLock(props.objectLock, versioning);
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

  /**
   * Two rules, because S3 rejects `ExpiredObjectDeleteMarker` in an `Expiration` that also has `Days`:
   * the first archives, expires current versions and deletes noncurrent ones a day later; the second
   * removes the delete marker that is all that remains of an expired log.
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html#lifecycle-config-conceptual-ex7
   */
  private addLifecycle(lifecycle: Required<LogArchiveLifecycle>, versioning: S3BucketVersioningA): void {
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
          // No noncurrent transition: a version is noncurrent for one day, and S3 requires a
          // noncurrent transition to come before the noncurrent expiration.
          noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_VERSION_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        {
          id: 'remove-expired-delete-markers',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
      // Noncurrent-version rules on a bucket whose versioning is not yet enabled are rejected; the
      // provider documentation asks for this ordering.
      dependsOn: [versioning],
    });
  }

  /**
   * Default retention for every new version. Object Lock needs versioning on before it can be enabled
   * on an existing bucket, hence the ordering. Lifecycle still expires locked current versions (a
   * delete marker is not a deletion) but deletes a locked version only once its retention has passed.
   * Uploads to a bucket with default retention must carry Content-MD5 or an SDK checksum; AWS SDKs
   * send a checksum by default since 2025, so check writers built on older SDKs (agents) first.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html
   */
  private addObjectLock(lock: LogArchiveObjectLock, versioning: S3BucketVersioningA): S3BucketObjectLockConfigurationA {
    return new S3BucketObjectLockConfigurationA(this, 'object-lock', {
      bucket: this.bucket.id,
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: lock.mode, days: lock.days } },
      dependsOn: [versioning],
    });
  }
}

/** Which log delivery requests the delivery statements admit: their condition, and whether each account is kept to its own prefix. */
interface DeliverySources {
  /** `aws:SourceAccount` (the list) or `aws:SourceOrgID` (the organization). */
  readonly condition: Readonly<Record<string, string | readonly string[]>>;
  /** True with scope `organization`: object ARNs end in `AWSLogs/${aws:SourceAccount}/*`. */
  readonly ownPrefixOnly: boolean;
}

/**
 * The delivery condition of a scope. `organization`: aws:SourceOrgID is the organization of the
 * account that owns the resource the service acts for (the flow log, the query logging
 * configuration); an account outside the organization sends another id, or none, and is refused.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid
 */
function logDeliverySources(scope: LogDeliveryScope, organizationId: string, accounts: readonly string[]): DeliverySources {
  return scope === 'organization'
    ? { condition: { 'aws:SourceOrgID': organizationId }, ownPrefixOnly: true }
    : { condition: { 'aws:SourceAccount': accounts }, ownPrefixOnly: false };
}

/**
 * Object ARNs log delivery may write below a prefix. Log delivery writes `<prefix>/AWSLogs/<account
 * id>/...`, or `<prefix>/AWSLogs/aws-account-id=<account id>/...` for flow logs with Hive-compatible
 * partitions (FlowLog turns them on; both forms are admitted so either setting delivers). With
 * `ownPrefixOnly` the account is the policy variable `${aws:SourceAccount}`: IAM resolves global
 * condition keys as policy variables, and allows them in the resource part of an ARN, so each account
 * writes only its own folder and cannot overwrite another's logs. The flow-log layout is documented
 * on the flow log files page; for Resolver query logs (one configuration in the hub, shared through
 * RAM) this relies on the same vended-logs layout under the configuration owner's account, which is
 * also the aws:SourceAccount of the delivery: confirm it on the first apply (README, Central logging).
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse
 */
function deliveryObjectArns(bucketArn: string, prefix: string, delivery: DeliverySources, hive: boolean): string[] {
  if (!delivery.ownPrefixOnly) return [`${bucketArn}/${prefix}/AWSLogs/*`];
  const own = `${bucketArn}/${prefix}/AWSLogs/\${aws:SourceAccount}/*`;
  return hive ? [own, `${bucketArn}/${prefix}/AWSLogs/aws-account-id=\${aws:SourceAccount}/*`] : [own];
}

/** What {@link bucketPolicy} needs. */
interface BucketPolicyInput {
  readonly bucketArn: string;
  readonly organizationId: string;
  readonly prefixes: Required<LogArchivePrefixes>;
  readonly delivery: DeliverySources;
  readonly objectLock?: LogArchiveObjectLock;
}

/**
 * The bucket policy. Deliberately absent: a Deny on uploads that name another SSE algorithm or key.
 * With bucket-default SSE-KMS every upload without SSE headers already gets this key, and the SSM
 * Agent copies this key's ARN from the bucket's encryption configuration; what headers the log
 * delivery service sends is not documented, and such a Deny would stop flow and query logs silently
 * if it sent one the Deny did not expect.
 */
function bucketPolicy(p: BucketPolicyInput): PolicyDocument {
  const { bucketArn, prefixes } = p;
  const org = { 'aws:PrincipalOrgID': p.organizationId };
  // The documented confused-deputy condition for log delivery is aws:SourceAccount (with aws:SourceArn
  // arn:<partition>:logs:<region>:<account>:*). Neither the flow logs nor the CloudWatch Logs page
  // documents aws:SourceOrgID for delivery.logs.amazonaws.com (only AWS's data-perimeter examples
  // imply it is sent), and an Allow whose condition key the service does not send never matches:
  // every flow and query log would be dropped. aws:SourceArn is left out on purpose: beyond the
  // account it pins only the region (its resource part is "*"), listing it per account would double
  // the per-account size of a policy S3 caps at 20 KB, and leaving out a condition can only admit
  // more than the documented policy, never refuse a delivery it admits. LZ-LOG03 (lz check) checks
  // the synthesized policies against exactly the documented request context.
  // Scope organization trades that for a policy whose size does not grow with the accounts: see
  // LogDeliveryScope for what it relies on (aws:SourceOrgID, documented on the IAM page only).
  // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html
  const sources = p.delivery.condition;
  return policyDocument([
    denyInsecureTransport(bucketArn),
    // Anyone, including the owning account: deleting the bucket first needs a reviewed policy change.
    { Sid: 'DenyDeleteBucket', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: bucketArn },
    ...(p.objectLock ? tamperDenials(bucketArn, p.objectLock) : []),
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
    // s3:x-amz-acl bucket-owner-full-control is in the documented policy and is what log delivery
    // sends; with ACLs disabled (BucketOwnerEnforced) S3 accepts a PUT with exactly that canned ACL,
    // and the condition key is still evaluated, so the documented condition is kept as it is.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html
    {
      Sid: 'AllowLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action: 's3:PutObject',
      Resource: [...deliveryObjectArns(bucketArn, prefixes.flowLogs, p.delivery, true), ...deliveryObjectArns(bucketArn, prefixes.resolverQueryLogs, p.delivery, false)],
      Condition: { StringEquals: { ...sources, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    // s3:ListBucket too: without it log delivery leaves AccessDenied entries in CloudTrail.
    {
      Sid: 'AllowLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: { StringEquals: sources },
    },
  ]);
}

/** Bucket-level actions that could shorten retention or lift the protections; the deploy role keeps them (Terraform applies them). */
const PROTECTED_CONFIGURATION_ACTIONS = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutLifecycleConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketVersioning',
] as const;

/** Object-level actions that delete logs or lift their retention; only the break-glass role keeps them. */
const PROTECTED_DELETION_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention'] as const;

/**
 * With Object Lock: nobody but the break-glass role deletes logs, and nobody but it and the deploy
 * role changes what protects them. `s3:PutLifecycleConfiguration` also covers DeleteBucketLifecycle,
 * and `s3:DeleteObject` the multi-object DeleteObjects call. Lifecycle actions are S3's own and are
 * not subject to the bucket policy. `ArnNotEquals` on `aws:PrincipalArn` matches the role itself
 * whatever session assumed it.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
 */
function tamperDenials(bucketArn: string, lock: LogArchiveObjectLock): PolicyStatement[] {
  const exceptBreakGlass = { 'aws:PrincipalArn': lock.breakGlassRoleArn };
  const exceptBoth = { 'aws:PrincipalArn': [...new Set([lock.deployRoleArn, lock.breakGlassRoleArn])] };
  return [
    { Sid: 'DenyProtectionChanges', Effect: 'Deny', Principal: '*', Action: [...PROTECTED_CONFIGURATION_ACTIONS], Resource: bucketArn, Condition: { ArnNotEquals: exceptBoth } },
    { Sid: 'DenyLogDeletion', Effect: 'Deny', Principal: '*', Action: [...PROTECTED_DELETION_ACTIONS], Resource: `${bucketArn}/*`, Condition: { ArnNotEquals: exceptBreakGlass } },
  ];
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
function keyPolicy(p: { bucketArn: string; organizationId: string; delivery: DeliverySources; rootArn: string; s3Endpoint: string }): PolicyDocument {
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
    // The documented statement for log delivery to an SSE-KMS bucket (its actions as documented), with
    // the same condition as the bucket policy (the aws:SourceAccount list, or aws:SourceOrgID with
    // scope organization) and, as there, without aws:SourceArn. A key policy has no object resource to
    // pin an account to; the bucket policy does that.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html#AWS-logs-SSE-KMS-S3
    {
      Sid: 'AllowLogDeliveryUseOfKey',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: p.delivery.condition },
    },
  ]);
}

/** Both policies within their service's size limit (checked only when every value is a literal). */
function validatePolicySizes(scope: Construct, bucket: PolicyDocument, key: PolicyDocument): void {
  const problems: string[] = [];
  for (const [what, doc, max] of [
    ['bucket policy', bucket, MAX_BUCKET_POLICY_BYTES],
    ['key policy', key, MAX_KEY_POLICY_BYTES],
  ] as const) {
    const text = JSON.stringify(doc);
    if (!isLiteral(text)) continue;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > max) problems.push(`the ${what} is ${bytes} bytes, over the ${max}-byte limit; admit fewer logSourceAccounts, or use logDeliveryScope "organization", whose size does not depend on the accounts`);
  }
  if (problems.length > 0) throw new ValidationError(scope, problems.join('; '));
}

/** Every problem with the props at once, as one error naming each value and its fix. */
function validate(scope: Construct, props: LogArchiveBucketProps, partition: AwsPartition, prefixes: Required<LogArchivePrefixes>, lifecycle: Required<LogArchiveLifecycle>): void {
  const problems: string[] = [];
  const literal = isLiteral;

  if (literal(props.bucketName)) problems.push(...bucketNameProblems(props.bucketName));
  if (literal(props.organizationId) && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
    problems.push(`organizationId "${props.organizationId}" is not an organization id; expected "o-" followed by 10-32 lowercase letters or digits`);
  }
  if (badAccountId(props.accountId)) problems.push(`accountId "${props.accountId}" must be 12 digits`);
  if (badRegion(props.region)) problems.push(`region "${props.region}" is not a region name like "ap-northeast-2"`);
  problems.push(...partitionProblems(partition, props.region));

  for (const [name, days] of Object.entries(lifecycle)) {
    if (!Number.isInteger(days) || days <= 0) problems.push(`lifecycle.${name} must be a positive whole number of days, got ${days}`);
  }
  if (Number.isInteger(lifecycle.transitionDays) && Number.isInteger(lifecycle.expirationDays) && lifecycle.transitionDays >= lifecycle.expirationDays) {
    problems.push(`lifecycle.transitionDays (${lifecycle.transitionDays}) must be less than lifecycle.expirationDays (${lifecycle.expirationDays}); objects would expire before they are archived`);
  }
  const deliveryScope = props.logDeliveryScope ?? 'accounts';
  if (!LOG_DELIVERY_SCOPES.includes(deliveryScope)) problems.push(`logDeliveryScope "${deliveryScope}" must be one of ${LOG_DELIVERY_SCOPES.join(', ')}`);
  else if (deliveryScope === 'accounts') problems.push(...logSourceProblems(props.logSourceAccounts ?? []));
  if (props.objectLock) problems.push(...objectLockProblems(props.objectLock, partition, lifecycle));

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

/** At least one account, each 12 digits: with none, every flow and query log would be refused. */
function logSourceProblems(accounts: readonly string[]): string[] {
  if (accounts.length === 0) return ['logSourceAccounts must name at least one account: log delivery is admitted only for the accounts listed (or use logDeliveryScope "organization")'];
  return accounts.filter(badAccountId).map((a) => `logSourceAccounts entry "${a}" must be a 12-digit account id`);
}

/** Mode, days within the retention, and both roles IAM role ARNs of this partition. */
function objectLockProblems(lock: LogArchiveObjectLock, partition: AwsPartition, lifecycle: Required<LogArchiveLifecycle>): string[] {
  const problems: string[] = [];
  if (!OBJECT_LOCK_MODES.includes(lock.mode)) problems.push(`objectLock.mode "${lock.mode}" must be one of ${OBJECT_LOCK_MODES.join(', ')}`);
  if (!Number.isInteger(lock.days) || lock.days <= 0) {
    problems.push(`objectLock.days must be a positive whole number of days, got ${lock.days}`);
  } else if (Number.isInteger(lifecycle.expirationDays) && lock.days > lifecycle.expirationDays) {
    problems.push(`objectLock.days (${lock.days}) must not exceed lifecycle.expirationDays (${lifecycle.expirationDays}): lifecycle cannot delete a locked version, so logs would outlive their retention`);
  }
  for (const [name, arn] of [
    ['breakGlassRoleArn', lock.breakGlassRoleArn],
    ['deployRoleArn', lock.deployRoleArn],
  ] as const) {
    if (isLiteral(arn) && !new RegExp(`^arn:${partition}:iam::\\d{12}:role/[\\w+=,.@/-]+$`).test(arn)) {
      problems.push(`objectLock.${name} "${arn}" must be an IAM role ARN of partition ${partition}, like "arn:${partition}:iam::111122223333:role/name"`);
    }
  }
  return problems;
}

/** S3 general purpose bucket naming rules (config/s3-bucket.ts), minus dots. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
function bucketNameProblems(name: string): string[] {
  if (name.includes('.')) return [`bucketName "${name}" must not contain dots: virtual-hosted-style HTTPS certificates do not match dotted bucket names; use hyphens`];
  if (!DOTLESS_BUCKET_NAME.test(name)) {
    return [`bucketName "${name}" must be 3-63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit`];
  }
  const reserved = reservedBucketAffix(name);
  if (reserved) return [`bucketName "${name}" must not ${reserved.kind === 'prefix' ? 'start' : 'end'} with the reserved ${reserved.kind} "${reserved.affix}"`];
  return [];
}

/** The object without its `undefined` members, so spreading it over defaults keeps the defaults. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
