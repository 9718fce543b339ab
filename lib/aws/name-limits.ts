/**
 * AWS limits on the names the landing zone derives (lib/names.ts builds them; config/validate and the
 * constructs check them against these).
 */
import { BUCKET_NAMING_RULES_DOC, MAX_BUCKET_NAME_LENGTH } from './s3-bucket';

/** An AWS limit on a derived name. */
export interface NameLimit {
  /** Longest name AWS accepts, in characters. */
  readonly max: number;
  /** What the name is, for messages: `an Application Load Balancer name`. */
  readonly what: string;
  readonly doc: string;
}

/** The limits the names lib/names.ts derives must fit. */
export const NAME_LIMITS = {
  // "This name must be unique per region per account, can have a maximum of 32 characters, must contain
  // only alphanumeric characters or hyphens, must not begin or end with a hyphen, and must not begin
  // with "internal-"."
  albName: { max: 32, what: 'an Application Load Balancer name', doc: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html' },
  iamRoleName: { max: 64, what: 'an IAM role name', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html' },
  // "Maximum length: 64" (FunctionName); the connect handler's role takes the same name (iamRoleName, also 64).
  lambdaFunctionName: { max: 64, what: 'a Lambda function name', doc: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html' },
  // The S3 naming rules live in s3-bucket.ts.
  s3BucketName: { max: MAX_BUCKET_NAME_LENGTH, what: 'an S3 bucket name', doc: BUCKET_NAMING_RULES_DOC },
} as const satisfies Record<string, NameLimit>;

/**
 * Prefixes AWS refuses at the start of a name: security group names may not start with `sg-`, load
 * balancer names not with `internal-`.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
 */
export const RESERVED_NAME_PREFIXES = { securityGroup: 'sg-', loadBalancer: 'internal-' } as const;
