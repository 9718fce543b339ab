/**
 * Session Manager access to one spoke VPC, instead of bastion hosts: no inbound port, no SSH key, every
 * session recorded. Builds the instance role and profile, the account's session preferences (the
 * `SSM-SessionManagerRunShell` document: encrypted sessions, logs to the organization's archive bucket
 * and to an encrypted CloudWatch log group), the endpoints a closed VPC needs, and a least-privilege,
 * team-scoped operator policy.
 *
 * Policies are plain objects (exposed for review and exact tests) serialized without the
 * `aws_iam_policy_document` data source, so synth and `terraform validate` need no credentials.
 *
 * The VPC must have DNS support and DNS hostnames on (private DNS of interface endpoints and the
 * hub's private hosted zones need both); ApplicationVpc (constructs/network/application-vpc.ts) sets them.
 *
 * Sources (checked 2026-11):
 * - Session document schema (inputs, timeouts 1-60 and 1-1440 minutes):
 *   https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html
 * - Instance permissions for S3/CloudWatch logging and KMS session encryption:
 *   https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-create-iam-instance-profile.html
 * - Operator policies (SessionDocumentAccessCheck, session tags for federated callers):
 *   https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-quickstart.html
 *   https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-examples.html
 * - AWS-owned buckets instances read through the S3 gateway endpoint (SSM Agent, ECR layers, Amazon
 *   Linux repositories), each set with its own page: config/aws-owned-buckets.ts
 * - Endpoint policy size (20,480 characters, not adjustable):
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html
 * - Adopting existing preferences with an import block (Terraform >= 1.5):
 *   https://developer.hashicorp.com/terraform/language/import
 * - Endpoints for logging to another account's SSE-KMS bucket (s3, kms, ssm, ssmmessages):
 *   https://repost.aws/knowledge-center/ssm-s3-bucket-logging-multiple-accounts
 * - KMS key policy for an encrypted log group:
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { AWS_OWNED_BUCKET_SERVICES, AWS_OWNED_BUCKETS, awsOwnedBucketSet, AwsOwnedBucketService, awsOwnedObjectArns } from '../../lib/aws/aws-owned-buckets';
import { parseCidr } from '../../lib/net/range';
import { endpointService } from '../../lib/aws/endpoints';
import { NAME_LIMITS } from '../../lib/aws/name-limits';
import { SSM_INSTANCE_ROLE_SUFFIX, ssmInstanceRoleName } from '../../lib/names';
import { QUOTAS } from '../../lib/aws/quotas';
import { LOG_RETENTION_DAYS } from '../../lib/aws/logs';
import { IDLE_TIMEOUT_MINUTES, MAX_SESSION_MINUTES, PORT_FORWARDING_DOCUMENT_NAME, SESSION_DOCUMENT_NAME, SSM_ENDPOINT_SERVICES } from '../../lib/aws/session-manager';
import { bucketNameProblem, DOTLESS_BUCKET_NAME } from '../../lib/aws/s3-bucket';
import { accountIdProblems, AwsPartition, DNS_SUFFIX, partitionProblems, regionProblems } from '../private/aws-partition';
import { logGroupKeyPolicy, PolicyDocument, policyDocument, policyJson, PolicyStatement } from '../logging/policy';
import { RuleSecurityGroup } from '../private/security-group';
import { isLiteral, ValidationError } from '../private/validation-error';
import { describeSelection, type SelectedSubnets, type SubnetSelection, type VpcRef } from '../network/vpc-ref';

// Session Manager's ranges, documents and endpoints live in lib/aws/session-manager.ts, CloudWatch Logs
// retention values in lib/aws/logs.ts (import them from there: this construct does not re-export them).

/** The interface endpoints Session Manager itself needs (lib/aws/session-manager.ts). */
export const SESSION_MANAGER_ENDPOINT_SERVICES = SSM_ENDPOINT_SERVICES;

/**
 * Further interface endpoints a closed VPC needs for this construct's preferences: `kms` (the SSM Agent
 * decrypts the session data key and, through S3, the archive key) and `logs` (session streaming to
 * CloudWatch Logs). Without them, and without NAT, encrypted sessions fail to start and logs are lost.
 */
export type SessionSupportEndpointService = 'kms' | 'logs';

/** Where the Session Manager interface endpoints live: the hub's, shared by DNS, or this VPC's own. */
export type SessionManagerEndpoints =
  | { readonly mode: 'central' }
  | {
      readonly mode: 'local';
      /**
       * Selects the private subnets of the VPC for the endpoints' network interfaces, at most one per AZ
       * (e.g. `{ tiers: ['endpoint'], onePerAz: true }`). Changing them updates the endpoints in place.
       */
      readonly subnets: SubnetSelection;
      /**
       * Endpoints created besides ssm, ssmmessages and ec2messages. Pass `[]` when the VPC reaches KMS and
       * CloudWatch Logs another way (NAT, or hub endpoints whose private hosted zones are associated with
       * this VPC: a local endpoint with private DNS would then conflict with them).
       * @default ['kms', 'logs']
       */
      readonly supportServices?: readonly SessionSupportEndpointService[];
    };

/** What a listed bucket may be used for through the S3 gateway endpoint. */
export type BucketAccess = 'read' | 'read-write';

/** Object and bucket actions of each {@link BucketAccess}. */
export const BUCKET_ACCESS_ACTIONS: Readonly<Record<BucketAccess, readonly string[]>> = {
  read: ['s3:GetObject', 's3:ListBucket'],
  'read-write': ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
};

/** A bucket outside the organization that instances use through the S3 gateway endpoint. */
export interface AllowedBucket {
  /** The bucket name (not an ARN). */
  readonly bucket: string;
  readonly access: BucketAccess;
}

/** An identity-based or trust policy document. */
export type IamPolicyDocument = PolicyDocument;

/** The `inputs` of the session preferences document, as this construct writes them. */
export interface SessionPreferencesInputs {
  readonly s3BucketName: string;
  readonly s3KeyPrefix: string;
  readonly s3EncryptionEnabled: true;
  readonly cloudWatchLogGroupName: string;
  readonly cloudWatchEncryptionEnabled: true;
  readonly cloudWatchStreamingEnabled: true;
  readonly kmsKeyId: string;
  readonly runAsEnabled: false;
  readonly runAsDefaultUser: '';
  readonly idleSessionTimeout: string;
  readonly maxSessionDuration: string;
  readonly shellProfile: { readonly windows: ''; readonly linux: '' };
}

/** The session preferences document (`Standard_Stream`, schema 1.0). */
export interface SessionPreferencesDocument {
  readonly schemaVersion: '1.0';
  readonly description: string;
  readonly sessionType: 'Standard_Stream';
  readonly inputs: SessionPreferencesInputs;
}

/** Props of {@link SessionManagerAccess}. */
export interface SessionManagerAccessProps {
  /**
   * Name prefix: role and instance profile `<name>-ssm-instance`, operator policy `<name>-ssm-operator`,
   * keys `<name>-ssm-sessions` and `<name>-ssm-session-logs`, log group `/aws/ssm/sessions/<name>`.
   * Changing it replaces all of them.
   */
  readonly name: string;
  /** Region of the VPC: endpoint service names, ARNs, the start-session command. */
  readonly region: string;
  /** The spoke account (owner of the VPC, the instances and the session preferences). */
  readonly accountId: string;
  /** @default 'aws' */
  readonly partition?: AwsPartition;
  /**
   * The VPC (changing it replaces the endpoints and their security group); its range (`vpc.cidr`) is
   * the only source the interface endpoints accept HTTPS from.
   */
  readonly vpc: VpcRef;
  /**
   * Selects the private subnets of `vpc`. The S3 gateway endpoint adds the S3 prefix-list route to each
   * of their route tables, so session logs reach the archive without NAT (the archive bucket must be in
   * this Region: gateway endpoints carry same-Region traffic only). From then on all S3 traffic from
   * these subnets goes through the endpoint and its policy; see `additionalS3EndpointStatements`.
   * Updated in place.
   */
  readonly privateSubnets: SubnetSelection;
  /** Where the ssm, ssmmessages and ec2messages endpoints live. */
  readonly endpoints: SessionManagerEndpoints;
  /** The organization's log archive bucket (`LogArchiveBucket.bucketName`). Changing it updates the preferences in place. */
  readonly logBucketName: string;
  /** `arn:<partition>:s3:::<logBucketName>` (`LogArchiveBucket.bucketArn`). */
  readonly logBucketArn: string;
  /** The archive bucket's KMS key (`LogArchiveBucket.keyArn`); its key policy must admit this account through S3. */
  readonly logKeyArn: string;
  /**
   * Key prefix of this account's session logs, without leading or trailing `/`; its last segment must be
   * this account's id, because the archive's bucket policy admits each account only below its own id
   * (`LogArchiveBucket.sessionLogsKeyPrefix(accountId)`, e.g. `ssm/111122223333`).
   */
  readonly sessionLogsPrefix: string;
  /** Minutes without activity before a session ends (1-60). @default 20 */
  readonly idleTimeoutMinutes?: number;
  /** Longest session in minutes (1-1440). @default 60 */
  readonly maxSessionMinutes?: number;
  /** Days CloudWatch Logs keeps session logs (one of {@link LOG_RETENTION_DAYS}); the archive bucket keeps its own copy. @default 365 */
  readonly cloudWatchLogGroupRetentionDays?: number;
  /**
   * Tag key pairing operators with instances: a session may start only on an instance whose tag equals
   * the same tag on the calling principal (a principal without the tag is denied).
   * @default 'Team'
   */
  readonly teamTagKey?: string;
  /**
   * AWS-owned buckets the S3 gateway endpoint admits for reading, by service (config/aws-owned-buckets.ts).
   * The endpoint's route captures all same-Region S3 traffic of the private subnets, so a service left
   * out here answers 403 to them even with NAT. Changing the list updates the policy in place.
   * @default every service of the catalog: SSM Agent, ECR image layers, Amazon Linux 2023 and 2 repositories
   */
  readonly awsOwnedBuckets?: readonly AwsOwnedBucketService[];
  /**
   * Further buckets (outside the organization, which `additionalS3EndpointStatements` may admit as a
   * whole) that instances use through the endpoint, by name. Updates the policy in place.
   * @default none
   */
  readonly allowedBuckets?: readonly AllowedBucket[];
  /**
   * Extra statements for the S3 gateway endpoint policy, for other S3 traffic of these subnets that must
   * keep working. Each needs its own Sid.
   * @default none
   */
  readonly additionalS3EndpointStatements?: readonly PolicyStatement[];
  /**
   * Adopt an `SSM-SessionManagerRunShell` that already exists in the account (the console creates it
   * the first time someone saves Session Manager preferences) with a Terraform `import` block, instead
   * of creating it: without it the first apply fails with DocumentAlreadyExists. The apply after the
   * import overwrites the preferences with these. Needs Terraform >= 1.5 where it plans and, through
   * cdktf's check, where it synthesizes. Leaving it on after the import is harmless (Terraform skips
   * an import block for a resource already in state).
   * @default false
   */
  readonly adoptExistingPreferences?: boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** IAM role names are at most 64 characters; the longest suffix is `-ssm-instance` (config/names.ts, which the config rules check too). */
const MAX_NAME = NAME_LIMITS.iamRoleName.max - SSM_INSTANCE_ROLE_SUFFIX.length;
/** IAM tag key characters; the key also appears in `${aws:PrincipalTag/<key>}`, so no `$`, `{` or `}`. */
const TAG_KEY = /^[\p{L}\p{N} _.:/=+\-@]{1,128}$/u;
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;
/** `ssm:resourceTag/aws:ssmmessages:session-id`: the tag Session Manager puts on every session, `<role id>:<session name>` or the IAM user id. */
const SESSION_OWNER_TAG = 'ssm:resourceTag/aws:ssmmessages:session-id';

/** Session Manager access to one VPC: instance role, session preferences, endpoints, operator policy. */
export class SessionManagerAccess extends Construct {
  /** Instance role `<name>-ssm-instance`: AmazonSSMManagedInstanceCore plus session logging. */
  readonly role: IamRole;
  /** Instance profile of {@link role}, for `aws_instance.iam_instance_profile` or launch templates. */
  readonly instanceProfile: IamInstanceProfile;
  /** `<name>-ssm-instance`, a literal (usable without a reference to this stack). */
  readonly instanceProfileName: string;
  /** The session preferences (`SSM-SessionManagerRunShell`); see `adoptExistingPreferences` and {@link importCommand} for accounts that already have one. */
  readonly sessionDocument: SsmDocument;
  /** The session preferences as an object. */
  readonly sessionPreferences: SessionPreferencesDocument;
  /** Customer-managed policy to attach to operator roles or permission sets. */
  readonly operatorPolicy: IamPolicy;
  /** Key that encrypts session data between the operator's client and the SSM Agent. */
  readonly sessionKey: KmsKey;
  /** Key of the session log group. */
  readonly logGroupKey: KmsKey;
  /** `/aws/ssm/sessions/<name>`, KMS-encrypted, with retention. */
  readonly logGroup: CloudwatchLogGroup;
  /** Interface endpoints by service (none in central mode). */
  readonly interfaceEndpoints: ReadonlyMap<string, VpcEndpoint>;
  /** Their security group: HTTPS from the VPC CIDR only (local mode). */
  readonly endpointSecurityGroup?: RuleSecurityGroup;
  /** The S3 gateway endpoint on the private route tables. */
  readonly s3GatewayEndpoint: VpcEndpoint;
  /** Trust policy of {@link role}. */
  readonly trustPolicyDocument: IamPolicyDocument;
  /** Inline policy of {@link role}, IAM policy variables unescaped. */
  readonly instancePolicyDocument: IamPolicyDocument;
  /** Policy of {@link operatorPolicy}, IAM policy variables unescaped (as IAM evaluates them). */
  readonly operatorPolicyDocument: IamPolicyDocument;
  /** Policy of {@link s3GatewayEndpoint}. */
  readonly s3EndpointPolicyDocument: PolicyDocument;
  /** Key policy of {@link sessionKey}. */
  readonly sessionKeyPolicyDocument: PolicyDocument;
  /** Key policy of {@link logGroupKey}. */
  readonly logGroupKeyPolicyDocument: PolicyDocument;
  /** Idle timeout in minutes, after defaults. */
  readonly idleTimeoutMinutes: number;
  /** Maximum session duration in minutes, after defaults. */
  readonly maxSessionMinutes: number;
  /** Log group retention in days, after defaults. */
  readonly cloudWatchLogGroupRetentionDays: number;
  /** Team tag key, after defaults. */
  readonly teamTagKey: string;

  /** AWS-owned bucket services the S3 gateway endpoint admits, after defaults. */
  readonly awsOwnedBuckets: readonly AwsOwnedBucketService[];

  private readonly region: string;

  constructor(scope: Construct, id: string, props: SessionManagerAccessProps) {
    super(scope, id);
    const partition = props.partition ?? 'aws';
    this.idleTimeoutMinutes = props.idleTimeoutMinutes ?? IDLE_TIMEOUT_MINUTES.default;
    this.maxSessionMinutes = props.maxSessionMinutes ?? MAX_SESSION_MINUTES.default;
    this.cloudWatchLogGroupRetentionDays = props.cloudWatchLogGroupRetentionDays ?? 365;
    this.teamTagKey = props.teamTagKey ?? 'Team';
    this.awsOwnedBuckets = props.awsOwnedBuckets ?? AWS_OWNED_BUCKET_SERVICES;
    const supportServices = props.endpoints.mode === 'local' ? (props.endpoints.supportServices ?? ['kms', 'logs']) : [];
    // The VPC answers the selections once; the builders read the ids from the context.
    const subnets: ResolvedSubnets = {
      privateRouteTableIds: props.vpc.selectSubnets(props.privateSubnets).routeTableIds,
      endpointSubnets: props.vpc.selectSubnets(props.endpoints.mode === 'local' ? props.endpoints.subnets : { names: [] }),
    };
    const problems = propProblems(props, partition, supportServices, subnets, {
      idle: this.idleTimeoutMinutes,
      max: this.maxSessionMinutes,
      retention: this.cloudWatchLogGroupRetentionDays,
      teamTagKey: this.teamTagKey,
    });
    if (problems.length > 0) throw new ValidationError(this, problems.join('; '));
    this.region = props.region;

    const { name, region, accountId } = props;
    const logGroupName = `/aws/ssm/sessions/${name}`;
    const c: BuildContext = {
      props,
      partition,
      suffix: DNS_SUFFIX[partition],
      rootArn: `arn:${partition}:iam::${accountId}:root`,
      logGroupName,
      logGroupArn: `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`,
      sessionLogObjects: `${props.logBucketArn}/${props.sessionLogsPrefix}/*`,
      retentionDays: this.cloudWatchLogGroupRetentionDays,
      idleTimeoutMinutes: this.idleTimeoutMinutes,
      maxSessionMinutes: this.maxSessionMinutes,
      teamTagKey: this.teamTagKey,
      awsOwnedBuckets: this.awsOwnedBuckets,
      supportServices,
      subnets,
    };

    // Each part is a builder that creates its resources in this construct's own scope, so the split
    // leaves every Terraform address as it was (construct ids are addresses; see addresses/README.md).
    const encryption = buildSessionEncryption(this, c);
    this.sessionKeyPolicyDocument = encryption.sessionKeyPolicyDocument;
    this.sessionKey = encryption.sessionKey;
    this.logGroupKeyPolicyDocument = encryption.logGroupKeyPolicyDocument;
    this.logGroupKey = encryption.logGroupKey;
    this.logGroup = encryption.logGroup;

    const instance = buildInstanceRole(this, c, this.sessionKey.arn);
    this.trustPolicyDocument = instance.trustPolicyDocument;
    this.role = instance.role;
    this.instancePolicyDocument = instance.instancePolicyDocument;
    this.instanceProfileName = ssmInstanceRoleName(name);
    this.instanceProfile = instance.instanceProfile;

    const preferences = buildSessionPreferences(this, c, this.sessionKey.arn);
    this.sessionPreferences = preferences.sessionPreferences;
    this.sessionDocument = preferences.sessionDocument;

    const local = buildLocalEndpoints(this, c);
    this.interfaceEndpoints = local.endpoints;
    this.endpointSecurityGroup = local.securityGroup;

    const s3 = buildS3GatewayEndpoint(this, c);
    this.s3EndpointPolicyDocument = s3.document;
    this.s3GatewayEndpoint = s3.endpoint;

    const operator = buildOperatorPolicy(this, c, this.sessionKey.arn);
    this.operatorPolicyDocument = operator.document;
    this.operatorPolicy = operator.policy;
  }

  /**
   * The AWS CLI v2 command that opens a shell on an instance (the session-manager-plugin must be
   * installed). https://docs.aws.amazon.com/cli/latest/reference/ssm/start-session.html
   */
  startSessionCommand(instanceId: string): string {
    if (isLiteral(instanceId) && !/^(i|mi)-([0-9a-f]{8}|[0-9a-f]{17})$/.test(instanceId)) {
      throw new ValidationError(this, `startSessionCommand: "${instanceId}" is not an instance id (i- and 8 or 17 hex digits)`);
    }
    return `aws ssm start-session --target ${instanceId} --region ${this.region}`;
  }

  /**
   * The command that adopts an existing `SSM-SessionManagerRunShell` into this stack's state. Run it
   * once, after synth and before the first apply, in an account where someone already saved Session
   * Manager preferences (the first apply otherwise fails with DocumentAlreadyExists); the next apply
   * then overwrites the preferences with these. Alternative: `adoptExistingPreferences: true` writes a
   * Terraform `import` block into the stack instead.
   * https://developer.hashicorp.com/terraform/cli/commands/import
   */
  importCommand(outdir = 'cdktf.out'): string {
    const stack = TerraformStack.of(this);
    return `terraform -chdir=${outdir}/stacks/${stack.node.id} import 'aws_ssm_document.${stack.getLogicalId(this.sessionDocument)}' ${SESSION_DOCUMENT_NAME}`;
  }
}

/** One read-only statement per AWS-owned bucket service, in catalog order. */
function awsOwnedStatements(services: readonly AwsOwnedBucketService[], partition: AwsPartition, region: string): PolicyStatement[] {
  return AWS_OWNED_BUCKETS.filter((set) => services.includes(set.service)).map((set) => ({
    Sid: set.sid,
    Effect: 'Allow',
    Principal: '*',
    Action: set.actions.length === 1 ? set.actions[0] : [...set.actions],
    Resource: awsOwnedObjectArns(set, region, partition),
  }));
}

/** One statement per access level of the listed buckets: the bucket (ListBucket) and its objects. */
function allowedBucketStatements(buckets: readonly AllowedBucket[], partition: AwsPartition): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const [access, sid] of [['read', 'ListedBucketsRead'], ['read-write', 'ListedBucketsReadWrite']] as const) {
    const names = buckets.filter((b) => b.access === access).map((b) => b.bucket);
    if (names.length === 0) continue;
    statements.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: '*',
      Action: [...BUCKET_ACCESS_ACTIONS[access]],
      Resource: names.flatMap((n) => [`arn:${partition}:s3:::${n}`, `arn:${partition}:s3:::${n}/*`]),
    });
  }
  return statements;
}

/** Builds an identity or trust policy with the shared checks. */
const iamPolicyDocument = policyDocument;

/** The document as a Terraform string argument, IAM policy variables escaped (`${aws:PrincipalTag/Team}` included). */
export const iamPolicyJson = policyJson;

/** Every problem with the props, each naming the value and the fix. */
function propProblems(
  p: SessionManagerAccessProps,
  partition: AwsPartition,
  supportServices: readonly string[],
  subnets: ResolvedSubnets,
  { idle, max, retention, teamTagKey }: { idle: number; max: number; retention: number; teamTagKey: string },
): string[] {
  const problems: string[] = [];

  if (isLiteral(p.name) && (!NAME.test(p.name) || p.name.length > MAX_NAME)) {
    problems.push(`name "${p.name}" must be 1 to ${MAX_NAME} letters, digits, "_" or "-", starting with a letter or digit (it prefixes an IAM role, a KMS alias and a log group name)`);
  } else if (isLiteral(p.name) && /^sg-/i.test(p.name)) {
    problems.push(`name "${p.name}" must not start with "sg-" (it prefixes a security group name)`);
  }
  problems.push(...accountIdProblems(p.accountId), ...regionProblems(p.region), ...partitionProblems(partition, p.region));
  if (isLiteral(p.vpc.cidr)) {
    const cidr = parseCidr(p.vpc.cidr);
    if (!cidr.ok) problems.push(`vpc.cidr "${p.vpc.cidr}" ${cidr.reason}${cidr.suggestion ? ` — use ${cidr.suggestion}` : ''}`);
  }
  problems.push(...idListProblems(`privateSubnets ${describeSelection(p.privateSubnets)}`, subnets.privateRouteTableIds, 'select the private subnets of the VPC (the S3 gateway endpoint needs at least one route table)'));
  if (p.endpoints.mode === 'local') {
    const field = `endpoints.subnets ${describeSelection(p.endpoints.subnets)}`;
    problems.push(...idListProblems(field, subnets.endpointSubnets.subnetIds, 'select at least one private subnet for the interface endpoints, or use { mode: "central" }'));
    // An interface endpoint takes one subnet per Availability Zone.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
    const { subnets: selected, availabilityZones } = subnets.endpointSubnets;
    const crowded = availabilityZones.filter((az) => selected.filter((s) => s.az === az).length > 1);
    if (crowded.length > 0) problems.push(`${field} selects more than one subnet in ${crowded.join(', ')} — select one per Availability Zone (add onePerAz: true)`);
    const seen = new Set<string>();
    for (const s of supportServices) {
      if (s !== 'kms' && s !== 'logs') problems.push(`endpoints.supportServices entry "${s}" is not one of kms, logs`);
      else if (seen.has(s)) problems.push(`endpoints.supportServices lists "${s}" twice`);
      seen.add(s);
    }
  }

  const services = new Set<string>();
  for (const s of p.awsOwnedBuckets ?? []) {
    if (!awsOwnedBucketSet(s)) problems.push(`awsOwnedBuckets entry "${s}" is not one of ${AWS_OWNED_BUCKET_SERVICES.join(', ')}`);
    else if (services.has(s)) problems.push(`awsOwnedBuckets lists "${s}" twice`);
    services.add(s);
  }
  const listed = new Set<string>();
  for (const b of p.allowedBuckets ?? []) {
    if (!isLiteral(b.bucket)) continue;
    const problem = bucketNameProblem(b.bucket);
    if (problem) problems.push(`allowedBuckets entry "${b.bucket}" ${problem}`);
    else if (listed.has(b.bucket)) problems.push(`allowedBuckets lists "${b.bucket}" more than once`);
    if (!(b.access in BUCKET_ACCESS_ACTIONS)) problems.push(`allowedBuckets entry "${b.bucket}" has access "${b.access}", not one of read, read-write`);
    listed.add(b.bucket);
  }

  if (isLiteral(p.logBucketName) && !DOTLESS_BUCKET_NAME.test(p.logBucketName)) {
    problems.push(`logBucketName "${p.logBucketName}" is not an S3 bucket name (3-63 lowercase letters, digits and hyphens)`);
  }
  if (isLiteral(p.logBucketArn) && isLiteral(p.logBucketName) && p.logBucketArn !== `arn:${partition}:s3:::${p.logBucketName}`) {
    problems.push(`logBucketArn "${p.logBucketArn}" does not name logBucketName "${p.logBucketName}" — use arn:${partition}:s3:::${p.logBucketName}`);
  }
  if (isLiteral(p.logKeyArn) && !/^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(p.logKeyArn)) {
    problems.push(`logKeyArn "${p.logKeyArn}" is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>; not an alias: S3 would resolve it in the writer's account)`);
  }
  if (isLiteral(p.sessionLogsPrefix)) {
    if (!PREFIX.test(p.sessionLogsPrefix)) {
      problems.push(`sessionLogsPrefix "${p.sessionLogsPrefix}" must be path segments of letters, digits, "_", "." and "-" separated by single "/", without leading or trailing "/"`);
    } else if (isLiteral(p.accountId) && p.sessionLogsPrefix.split('/').pop() !== p.accountId) {
      problems.push(`sessionLogsPrefix "${p.sessionLogsPrefix}" must end with this account's id (the archive admits each account only below <prefix>/<account id>) — use e.g. ssm/${p.accountId}`);
    }
  }

  if (!Number.isInteger(idle) || idle < IDLE_TIMEOUT_MINUTES.min || idle > IDLE_TIMEOUT_MINUTES.max) {
    problems.push(`idleTimeoutMinutes ${idle} must be a whole number of minutes from ${IDLE_TIMEOUT_MINUTES.min} to ${IDLE_TIMEOUT_MINUTES.max}`);
  }
  if (!Number.isInteger(max) || max < MAX_SESSION_MINUTES.min || max > MAX_SESSION_MINUTES.max) {
    problems.push(`maxSessionMinutes ${max} must be a whole number of minutes from ${MAX_SESSION_MINUTES.min} to ${MAX_SESSION_MINUTES.max}`);
  }
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) {
    problems.push(`cloudWatchLogGroupRetentionDays ${retention} is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`);
  }
  if (!isLiteral(teamTagKey)) problems.push('teamTagKey must be a literal string: it is written into the policy variable ${aws:PrincipalTag/<key>}');
  else if (!TAG_KEY.test(teamTagKey) || /^aws:/i.test(teamTagKey)) {
    problems.push(`teamTagKey "${teamTagKey}" must be 1 to 128 letters, digits, spaces or _ . : / = + - @, not starting with "aws:"`);
  }
  return problems;
}

/** An id list must be non-empty and free of duplicates (tokens are not compared). */
function idListProblems(field: string, ids: readonly string[], fix: string): string[] {
  if (ids.length === 0) return [`${field} selects none — ${fix}`];
  const literal = ids.filter(isLiteral);
  const dupes = [...new Set(literal.filter((id, i) => literal.indexOf(id) !== i))];
  return dupes.map((id) => `${field} lists "${id}" more than once`);
}

/** Endpoint policy of the local Session Manager endpoints: any action, by principals of this account only. */
export function localEndpointPolicy(accountId: string): PolicyDocument {
  return policyDocument([
    { Sid: 'ThisAccountPrincipalsOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': accountId } } },
  ]);
}

/** What the builders of {@link SessionManagerAccess} share: props after defaults and derived names. */
interface BuildContext {
  readonly props: SessionManagerAccessProps;
  readonly partition: AwsPartition;
  readonly suffix: string;
  readonly rootArn: string;
  readonly logGroupName: string;
  readonly logGroupArn: string;
  readonly sessionLogObjects: string;
  readonly retentionDays: number;
  readonly idleTimeoutMinutes: number;
  readonly maxSessionMinutes: number;
  readonly teamTagKey: string;
  readonly awsOwnedBuckets: readonly AwsOwnedBucketService[];
  readonly supportServices: readonly string[];
  readonly subnets: ResolvedSubnets;
}

/** What the subnet selections of {@link SessionManagerAccessProps} picked from the VPC. */
interface ResolvedSubnets {
  /** Route tables of `privateSubnets`: the S3 gateway endpoint's. */
  readonly privateRouteTableIds: readonly string[];
  /** `endpoints.subnets` in local mode; nothing in central mode. */
  readonly endpointSubnets: SelectedSubnets;
}

/** Session data key, log group key and the KMS-encrypted session log group. */
function buildSessionEncryption(scope: Construct, c: BuildContext): { sessionKeyPolicyDocument: PolicyDocument; sessionKey: KmsKey; logGroupKeyPolicyDocument: PolicyDocument; logGroupKey: KmsKey; logGroup: CloudwatchLogGroup } {
  const { rootArn, suffix, logGroupName, logGroupArn } = c;
  const { name, region, accountId } = c.props;
  // Session data key. The operator's client calls GenerateDataKey and the agent Decrypt, both directly
  // (no kms:ViaService), always with the aws:ssm:SessionId/aws:ssm:TargetId encryption context
  // (amazon-ssm-agent, agent/session/crypto). The key policy only delegates to this account's IAM
  // policies (the default key policy: who may use the key is decided by the operator policy and the
  // instance role below, nobody else gets it), and denies any use without a session context, so even
  // an administrator's kms:* cannot turn it into a general-purpose key.
  // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
  const sessionKeyPolicyDocument = policyDocument([
    { Sid: 'AllowAccountAdministration', Effect: 'Allow', Principal: { AWS: rootArn }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'DenyUseOutsideSessionManager',
      Effect: 'Deny',
      Principal: '*',
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { Null: { 'kms:EncryptionContext:aws:ssm:SessionId': 'true' } },
    },
  ]);
  const sessionKey = new KmsKey(scope, 'session-key', {
    description: `Encrypts Session Manager session data in ${name} (${accountId}, ${region})`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policyJson(sessionKeyPolicyDocument),
    tags: { Name: `${name}-ssm-sessions` },
  });
  new KmsAlias(scope, 'session-key-alias', { name: `alias/${name}-ssm-sessions`, targetKeyId: sessionKey.keyId });

  // With cloudWatchEncryptionEnabled the agent sends logs only to a log group that has a KMS key
  // (it checks with DescribeLogGroups); CloudWatch's default encryption does not count. The log group
  // gets its own key so the session key never has to admit the logs service, and the logs service may
  // use this one only for this log group.
  const logGroupKeyPolicyDocument = logGroupKeyPolicy({ accountRootArn: rootArn, logsServicePrincipal: `logs.${region}.${suffix}`, logGroupArn, sid: 'AllowCloudWatchLogsForSessionLogGroup' });
  const logGroupKey = new KmsKey(scope, 'log-group-key', {
    description: `Encrypts the Session Manager log group ${logGroupName}`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policyJson(logGroupKeyPolicyDocument),
    tags: { Name: `${name}-ssm-session-logs` },
  });
  new KmsAlias(scope, 'log-group-key-alias', { name: `alias/${name}-ssm-session-logs`, targetKeyId: logGroupKey.keyId });
  const logGroup = new CloudwatchLogGroup(scope, 'log-group', {
    name: logGroupName,
    retentionInDays: c.retentionDays,
    kmsKeyId: logGroupKey.arn,
    tags: { Name: logGroupName },
  });
  return { sessionKeyPolicyDocument, sessionKey, logGroupKeyPolicyDocument, logGroupKey, logGroup };
}

/** Instance role (trust, managed core policy, session-logging policy) and its instance profile. */
function buildInstanceRole(scope: Construct, c: BuildContext, sessionKeyArn: string): { trustPolicyDocument: IamPolicyDocument; role: IamRole; instancePolicyDocument: IamPolicyDocument; instanceProfile: IamInstanceProfile } {
  const { props, partition, suffix, logGroupArn, sessionLogObjects } = c;
  const { name, region, accountId } = props;
  const roleName = ssmInstanceRoleName(name);
  // No aws:SourceAccount condition: no AWS page documents it for ec2.amazonaws.com, whose AssumeRole
  // for instance profiles would fail (silently: no credentials on the instance) if the key were
  // absent. Nor is there a confused deputy to stop: only a principal of this account holding
  // iam:PassRole on this role can put it on an instance.
  const trustPolicyDocument = iamPolicyDocument([
    { Sid: 'Ec2AssumeRole', Effect: 'Allow', Principal: { Service: `ec2.${suffix}` }, Action: 'sts:AssumeRole' },
  ]);
  const role = new IamRole(scope, 'role', {
    name: roleName,
    description: `EC2 instances in ${name}: Session Manager, session logs to the organization archive`,
    assumeRolePolicy: iamPolicyJson(trustPolicyDocument),
    tags: { Name: roleName },
  });
  new IamRolePolicyAttachment(scope, 'managed-instance-core', {
    role: role.name,
    policyArn: `arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
  });

  const instancePolicyDocument = iamPolicyDocument([
    // Only below this account's prefix; the archive's bucket policy enforces the same boundary.
    { Sid: 'WriteSessionLogsToArchive', Effect: 'Allow', Action: 's3:PutObject', Resource: sessionLogObjects },
    // s3EncryptionEnabled: the agent reads the bucket's default encryption before uploading.
    { Sid: 'CheckArchiveEncryption', Effect: 'Allow', Action: 's3:GetEncryptionConfiguration', Resource: props.logBucketArn },
    // SSE-KMS with the archive key in another account needs the caller's IAM permission as well as
    // the key policy. GenerateDataKey for every upload, Decrypt for multipart uploads (larger logs);
    // only through S3 and only for this bucket (with a bucket key the context is the bucket ARN).
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
    {
      Sid: 'UseArchiveKeyThroughS3',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: props.logKeyArn,
      Condition: {
        StringLike: { 'kms:ViaService': `s3.*.${suffix}`, 'kms:EncryptionContext:aws:s3:arn': [props.logBucketArn, sessionLogObjects] },
      },
    },
    {
      Sid: 'StreamToSessionLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: `${logGroupArn}:*`,
    },
    // DescribeLogGroups is authorized on `log-group::log-stream:`, not on a log group: the account's
    // and Region's log groups are the narrowest scope it takes.
    { Sid: 'FindSessionLogGroup', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: `arn:${partition}:logs:${region}:${accountId}:log-group:*` },
    // The agent decrypts the data key the operator's client generated.
    { Sid: 'DecryptSessionData', Effect: 'Allow', Action: 'kms:Decrypt', Resource: sessionKeyArn },
  ]);
  new IamRolePolicy(scope, 'session-logging-policy', {
    name: `${name}-ssm-session-logging`,
    role: role.name,
    policy: iamPolicyJson(instancePolicyDocument),
  });
  const instanceProfile = new IamInstanceProfile(scope, 'instance-profile', { name: roleName, role: role.name, tags: { Name: roleName } });
  return { trustPolicyDocument, role, instancePolicyDocument, instanceProfile };
}

/** The account's session preferences document (`SSM-SessionManagerRunShell`). */
function buildSessionPreferences(scope: Construct, c: BuildContext, sessionKeyArn: string): { sessionPreferences: SessionPreferencesDocument; sessionDocument: SsmDocument } {
  const { props, logGroupName } = c;
  const { name } = props;
  const sessionPreferences: SessionPreferencesDocument = {
    schemaVersion: '1.0',
    description: `Session Manager preferences (${name}): encrypted sessions, logs to S3 and CloudWatch Logs`,
    sessionType: 'Standard_Stream',
    inputs: {
      s3BucketName: props.logBucketName,
      s3KeyPrefix: props.sessionLogsPrefix,
      s3EncryptionEnabled: true,
      cloudWatchLogGroupName: logGroupName,
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      // The key ARN, not an alias: the operator's client resolves it in its own account.
      kmsKeyId: sessionKeyArn,
      // Sessions run as ssm-user; Run As would map principals to OS users, which this design does not do.
      runAsEnabled: false,
      runAsDefaultUser: '',
      idleSessionTimeout: String(c.idleTimeoutMinutes),
      maxSessionDuration: String(c.maxSessionMinutes),
      shellProfile: { windows: '', linux: '' },
    },
  };
  // One per account and Region. The console creates it the first time someone saves preferences,
  // and creating it then fails with DocumentAlreadyExists: adopt it with an import block
  // (adoptExistingPreferences) or by hand ({@link importCommand}). The provider imports a document by
  // its name and updates the content of a schema 1.0 document in place (UpdateDocument), so the first
  // apply after the import rewrites the preferences.
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ssm_document#import
  const sessionDocument = new SsmDocument(scope, 'session-preferences', {
    name: SESSION_DOCUMENT_NAME,
    documentType: 'Session',
    documentFormat: 'JSON',
    content: JSON.stringify(sessionPreferences),
    tags: { Name: SESSION_DOCUMENT_NAME },
  });
  if (props.adoptExistingPreferences) sessionDocument.importFrom(SESSION_DOCUMENT_NAME);
  return { sessionPreferences, sessionDocument };
}

/** Local mode: the ssm, ssmmessages, ec2messages (and support) interface endpoints and their security group; none in central mode. */
function buildLocalEndpoints(scope: Construct, c: BuildContext): { endpoints: Map<string, VpcEndpoint>; securityGroup?: RuleSecurityGroup } {
  const { props } = c;
  const { name, region } = props;
  // Central: the hub's ssm, ssmmessages and ec2messages endpoints answer through its private hosted
  // zones (or Route 53 Profile); nothing here.
  const endpoints = new Map<string, VpcEndpoint>();
  if (props.endpoints.mode !== 'local') return { endpoints };
  // No egress rule (the group is stateful; endpoints start no connections), one ingress rule, made
  // here under the id it has had since the first release (its Terraform address).
  const securityGroup = new RuleSecurityGroup(scope, 'endpoint-security-group', {
    name: `${name}-ssm-endpoints`,
    description: 'Session Manager interface endpoints: HTTPS from the VPC only',
    vpcId: props.vpc.vpcId,
  });
  new VpcSecurityGroupIngressRule(scope, 'endpoint-https-from-vpc', {
    securityGroupId: securityGroup.id,
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    cidrIpv4: props.vpc.cidr,
    description: 'HTTPS from the VPC',
  });
  for (const service of [...SESSION_MANAGER_ENDPOINT_SERVICES, ...c.supportServices]) {
    endpoints.set(
      service,
      new VpcEndpoint(scope, `endpoint-${service}`, {
        vpcId: props.vpc.vpcId,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Interface',
        subnetIds: [...c.subnets.endpointSubnets.subnetIds],
        securityGroupIds: [securityGroup.id],
        privateDnsEnabled: true,
        // This VPC's endpoints serve this account's principals only (the hub's shared ones admit the
        // organization). Services the catalog does not confirm to take a policy keep the default.
        policy: endpointService(service)?.supportsPolicy ? policyJson(localEndpointPolicy(props.accountId)) : undefined,
        tags: { Name: `${name}-${service}` },
      }),
    );
  }
  return { endpoints, securityGroup };
}

/** The S3 gateway endpoint on the private route tables, with its policy. */
function buildS3GatewayEndpoint(scope: Construct, c: BuildContext): { document: PolicyDocument; endpoint: VpcEndpoint } {
  const { props, partition, sessionLogObjects } = c;
  const { name, region, accountId } = props;
  const document = policyDocument([
    // Session log uploads and the encryption check, by this account's principals only.
    {
      Sid: 'SessionLogUploads',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: sessionLogObjects,
      Condition: { StringEquals: { 'aws:PrincipalAccount': accountId } },
    },
    {
      Sid: 'SessionLogBucketEncryptionCheck',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetEncryptionConfiguration',
      Resource: props.logBucketArn,
      Condition: { StringEquals: { 'aws:PrincipalAccount': accountId } },
    },
    // The AWS-owned buckets of the SSM Agent, ECR layers and the Amazon Linux repositories, one
    // statement per service. Read-only, this Region only, as the SSM page asks; no principal condition
    // because these are fetched unsigned or through URLs presigned by AWS accounts.
    ...awsOwnedStatements(c.awsOwnedBuckets, partition, region),
    ...allowedBucketStatements(props.allowedBuckets ?? [], partition),
    ...(props.additionalS3EndpointStatements ?? []),
  ]);
  const policyText = policyJson(document);
  if (policyText.length > QUOTAS.vpcEndpointPolicyCharacters.value) {
    throw new ValidationError(scope, `the S3 gateway endpoint policy has ${policyText.length} characters, over ${QUOTAS.vpcEndpointPolicyCharacters.value.toLocaleString('en-US')} (${QUOTAS.vpcEndpointPolicyCharacters.doc}) — list fewer buckets`);
  }
  // Created through the scope's default provider: the spoke account in SpokeStack. Policy and route
  // tables change in place (ModifyVpcEndpoint takes both); another VPC or service name replaces it.
  // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html#update-vpc-endpoint-policy
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpoint.html
  const endpoint = new VpcEndpoint(scope, 's3-gateway-endpoint', {
    vpcId: props.vpc.vpcId,
    serviceName: `com.amazonaws.${region}.s3`,
    vpcEndpointType: 'Gateway',
    routeTableIds: [...c.subnets.privateRouteTableIds],
    policy: policyText,
    tags: { Name: `${name}-s3` },
  });
  return { document, endpoint };
}

/** The operator policy: sessions to own-team instances with the approved documents. */
function buildOperatorPolicy(scope: Construct, c: BuildContext, sessionKeyArn: string): { document: IamPolicyDocument; policy: IamPolicy } {
  const { props, partition } = c;
  const { name, region, accountId } = props;
  // StartSession needs both the instance and the document: instances of the caller's own team, and
  // only the documents listed (SessionDocumentAccessCheck makes the default document need explicit
  // permission too). The two are separate statements because a document carries no team tag.
  // Ending or resuming: the session tag `aws:ssmmessages:session-id` is the caller's aws:userid for IAM
  // users and for assumed roles alike; a `session/${aws:userid}-*` ARN would match neither (session ids
  // start with the user or role-session name), and `${aws:username}` exists only for IAM users.
  const principalTag = `\${aws:PrincipalTag/${c.teamTagKey}}`;
  const document = iamPolicyDocument([
    {
      Sid: 'StartSessionOnOwnTeamInstances',
      Effect: 'Allow',
      Action: 'ssm:StartSession',
      Resource: `arn:${partition}:ec2:${region}:${accountId}:instance/*`,
      Condition: {
        StringEquals: { [`ssm:resourceTag/${c.teamTagKey}`]: principalTag },
        BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' },
      },
    },
    {
      Sid: 'StartSessionWithApprovedDocuments',
      Effect: 'Allow',
      Action: 'ssm:StartSession',
      Resource: [
        `arn:${partition}:ssm:${region}:${accountId}:document/${SESSION_DOCUMENT_NAME}`,
        `arn:${partition}:ssm:${region}::document/${PORT_FORWARDING_DOCUMENT_NAME}`,
      ],
    },
    {
      Sid: 'EndOrResumeOwnSessions',
      Effect: 'Allow',
      Action: ['ssm:TerminateSession', 'ssm:ResumeSession'],
      Resource: `arn:${partition}:ssm:${region}:${accountId}:session/*`,
      Condition: { StringLike: { [SESSION_OWNER_TAG]: '${aws:userid}' } },
    },
    // Console and CLI lookups. These actions take no resource-level permissions: `*` only.
    {
      Sid: 'DescribeActionsCannotBeScoped',
      Effect: 'Allow',
      Action: ['ssm:DescribeSessions', 'ssm:GetConnectionStatus', 'ssm:DescribeInstanceInformation', 'ssm:DescribeInstanceProperties', 'ec2:DescribeInstances'],
      Resource: '*',
    },
    // The client generates the session data key; the key policy refuses it without a session context.
    { Sid: 'EncryptSessionData', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: sessionKeyArn },
  ]);
  const policy = new IamPolicy(scope, 'operator-policy', {
    name: `${name}-ssm-operator`,
    description: `Session Manager sessions to own-team instances in ${name} (${region})`,
    policy: iamPolicyJson(document),
  });
  return { document, policy };
}
