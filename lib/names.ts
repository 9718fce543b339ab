/**
 * Names the landing zone derives from the config, with the AWS limit each must fit (lib/aws/name-limits.ts). One home: the
 * stacks build these names with the functions below and config/validate checks the same functions'
 * output against the same limits, so `lz validate` rejects a name before a construct would refuse it
 * at synth (or AWS at apply).
 */
import { createHash } from 'node:crypto';
import { NAME_LIMITS, NameLimit, RESERVED_NAME_PREFIXES } from './aws/name-limits';
import { bucketNameProblem } from './aws/s3-bucket';
import { X509_NAME_MAX } from './x509';

/**
 * Prefix of every resource name of a spoke (`shop-shop-prod`): its security groups, load balancer,
 * IAM role, KMS aliases, log groups. Resource names are API (changing one replaces the resource), so
 * this stays `<name>-<spoke>` even when the spoke name already starts with the landing zone name.
 */
export const spokeResourcePrefix = (lzName: string, spokeName: string): string => `${lzName}-${spokeName}`;

/**
 * The `Name` tag of a spoke's VPC (and the prefix of its subnets', route tables' and attachment's):
 * `<name>-<spoke>`, or the spoke name alone when it already is, or starts with, `<name>-`, so that
 * spoke `shop-prod` of landing zone `shop` is `shop-prod`, not `shop-shop-prod`. Only tags use it: a
 * tag change is an in-place update.
 */
export function spokeVpcName(lzName: string, spokeName: string): string {
  return spokeName === lzName || spokeName.startsWith(`${lzName}-`) ? spokeName : `${lzName}-${spokeName}`;
}

/** The spoke's Application Load Balancer (its name is also the prefix of its target groups). */
export const albName = (prefix: string): string => prefix;

/** The bucket of the load balancer's access logs: unique per account (bucket names are global). */
export const albAccessLogBucketName = (prefix: string, account: string): string => `${prefix}-alb-logs-${account}`;

/** Suffix of the Session Manager instance role (and instance profile) of a spoke. */
export const SSM_INSTANCE_ROLE_SUFFIX = '-ssm-instance';

/** `<prefix>-ssm-instance`: the spoke's Session Manager instance role and instance profile. */
export const ssmInstanceRoleName = (prefix: string): string => `${prefix}${SSM_INSTANCE_ROLE_SUFFIX}`;

/**
 * Client VPN invokes a client connect handler only when its Lambda function name starts with this.
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-authorization.html
 */
export const CONNECT_HANDLER_PREFIX = 'AWSClientVPN-';

/** Appended to the PKI name (`<name>-<spoke>`) to make the Client VPN CA common name. */
export const CLIENT_VPN_CA_CN_SUFFIX = ' Client VPN CA';

/** Longest PKI name whose CA common name fits X.509's 64 characters (50). */
export const MAX_PKI_NAME = X509_NAME_MAX - CLIENT_VPN_CA_CN_SUFFIX.length;

/** `AWSClientVPN-<prefix>`: the spoke's Client VPN connect handler function, and its IAM role. */
export const connectHandlerName = (prefix: string): string => `${CONNECT_HANDLER_PREFIX}${prefix}`;

/** One derived name with its limit and why it exists. */
export interface DerivedName {
  /** Which name, by the function that builds it. */
  readonly key: 'ssmInstanceRoleName' | 'albName' | 'albAccessLogBucketName' | 'connectHandlerName';
  readonly name: string;
  readonly limit: NameLimit;
  /** `its load balancer`: completes "makes the name of …". */
  readonly of: string;
  /** Why the name is not acceptable beyond its length (reserved prefix, bucket naming rule), or undefined. */
  readonly problem?: string;
}

/** What {@link spokeDerivedNames} needs of a spoke. */
export interface SpokeNaming {
  readonly name: string;
  readonly account: string;
  readonly alb?: unknown;
  readonly clientVpn?: unknown;
}

/** Every name derived from a spoke's name that AWS bounds, for the features the spoke uses. */
export function spokeDerivedNames(lzName: string, spoke: SpokeNaming): DerivedName[] {
  const prefix = spokeResourcePrefix(lzName, spoke.name);
  const names: DerivedName[] = [{ key: 'ssmInstanceRoleName', name: ssmInstanceRoleName(prefix), limit: NAME_LIMITS.iamRoleName, of: 'its Session Manager instance role' }];
  if (spoke.clientVpn) names.push({ key: 'connectHandlerName', name: connectHandlerName(prefix), limit: NAME_LIMITS.lambdaFunctionName, of: 'its Client VPN connect handler (Lambda function and IAM role)' });
  if (spoke.alb) {
    const lb = albName(prefix);
    names.push({
      key: 'albName',
      name: lb,
      limit: NAME_LIMITS.albName,
      of: 'its load balancer',
      problem: lb.startsWith(RESERVED_NAME_PREFIXES.loadBalancer) ? `starts with "${RESERVED_NAME_PREFIXES.loadBalancer}", which AWS reserves for internal load balancers` : undefined,
    });
    const bucket = albAccessLogBucketName(prefix, spoke.account);
    names.push({ key: 'albAccessLogBucketName', name: bucket, limit: NAME_LIMITS.s3BucketName, of: 'its load balancer access log bucket', problem: bucket.length <= NAME_LIMITS.s3BucketName.max ? bucketNameProblem(bucket) : undefined });
  }
  return names;
}

/** Whether a derived name breaks its limit or a naming rule, as a message tail; undefined when it fits. */
export function derivedNameProblem(n: DerivedName): string | undefined {
  if (n.name.length > n.limit.max) return `makes the name of ${n.of} "${n.name}" ${n.name.length} characters long, over the ${n.limit.max} characters of ${n.limit.what} (${n.limit.doc})`;
  if (n.problem) return `makes the name of ${n.of} "${n.name}", which ${n.problem}`;
  return undefined;
}

/**
 * Root of the SSM parameters through which a stack publishes the non-secret values other workspaces
 * need (Transit Gateway and route table ids, zone ids, certificate ARNs), so that no workspace reads the
 * state of one that holds secrets. Parameter names may not begin with `aws` or `ssm`, allow
 * `a-zA-Z0-9_.-/` and at most 15 levels.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html
 */
export const PUBLISHED_PARAMETER_ROOT = '/landing-zone';

/** `/landing-zone/<name>/hub`: what the hub publishes for the spokes (in the hub account). */
export const hubPublishedPath = (lzName: string): string => `${PUBLISHED_PARAMETER_ROOT}/${lzName}/hub`;

/** `/landing-zone/<name>/spoke/<spoke>/vpn-pki`: the certificate ARNs a spoke's PKI workspace publishes (in the spoke account). */
export const pkiPublishedPath = (lzName: string, spokeName: string): string => `${PUBLISHED_PARAMETER_ROOT}/${lzName}/spoke/${spokeName}/vpn-pki`;

/** `/landing-zone/<name>`: every value the landing zone publishes, in any account (the deployment roles write and read under it). */
export const landingZonePublishedPath = (lzName: string): string => `${PUBLISHED_PARAMETER_ROOT}/${lzName}`;

/**
 * IAM path of the roles Terraform Cloud runs assume directly that the config does not name (plan roles,
 * the spokes' hub roles): the deployment roles deny themselves every IAM action under it, so no stack
 * can widen the identity of another workspace.
 */
export const TFC_ROLE_PATH = '/tfc/';

/**
 * A role name that fits IAM's 64 characters: the name itself, or its first characters and a hash of the
 * whole, so two long names never collide and the same name always shortens the same way.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export function fitRoleName(name: string): string {
  const max = NAME_LIMITS.iamRoleName.max;
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - hash.length - 1)}-${hash}`;
}

/** `<name>-spoke-<spoke>-hub`: the spoke workspace's narrow role in the hub account (under {@link TFC_ROLE_PATH}). */
export const spokeHubRoleName = (lzName: string, spokeName: string): string => fitRoleName(`${lzName}-spoke-${spokeName}-hub`);

/** `<apply role>-plan`: the read-only twin a workspace's plans use instead of the apply role (under {@link TFC_ROLE_PATH}). */
export const planRoleName = (applyRoleName: string): string => fitRoleName(`${applyRoleName}-plan`);
