/**
 * The key policy expected on a KMS key that encrypts one CloudWatch Logs log group, written out in full
 * (not built with constructs/logging/policy.ts, so a change there fails the tests that use this).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */

/** What varies between log-group keys: the account, Region and log group, and the Sid of the logs statement. */
export interface ExpectedLogGroupKeyPolicy {
  /** @default 'aws' */
  readonly partition?: string;
  readonly account: string;
  readonly region: string;
  /** Log group name, e.g. `/aws/client-vpn/shop`. */
  readonly logGroup: string;
  /** Sid of the statement that admits CloudWatch Logs. */
  readonly sid: string;
  /** DNS suffix of the logs service principal. @default 'amazonaws.com' */
  readonly dnsSuffix?: string;
}

/** The account administers the key; the Region's CloudWatch Logs may use it for this log group only. */
export function expectedLogGroupKeyPolicy(o: ExpectedLogGroupKeyPolicy) {
  const partition = o.partition ?? 'aws';
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowAccountAdministration', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${o.account}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: o.sid,
        Effect: 'Allow',
        Principal: { Service: `logs.${o.region}.${o.dnsSuffix ?? 'amazonaws.com'}` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${o.region}:${o.account}:log-group:${o.logGroup}` } },
      },
    ],
  };
}
