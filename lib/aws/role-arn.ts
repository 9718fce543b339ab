/**
 * IAM role ARNs as the stacks' providers assume them and the Terraform Cloud bootstrap creates them:
 * one parser for the config rules and the bootstrap stack, so a role the config accepts is a role the
 * bootstrap can build. Role names are 1-64 characters of `[\w+=,.@-]`; a path is `/` or `/a/b/`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */

/** The parts of a role ARN: `arn:<partition>:iam::<account>:role/<path><name>`. */
export interface RoleArnParts {
  readonly partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  readonly account: string;
  /** `/` or `/a/b/`. */
  readonly path: string;
  readonly name: string;
}

/**
 * The account of a role ARN as loosely as the schema accepts it (any `aws*` partition, any path and
 * name length), or `undefined`: for rules that compare accounts whether or not the bootstrap could
 * create the role ({@link parseRoleArn} is the strict reading).
 */
export const roleArnAccount = (arn: string): string | undefined => /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];

/** Splits a literal role ARN, or `undefined` when it is not one. */
export function parseRoleArn(arn: string): RoleArnParts | undefined {
  const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/.exec(arn);
  return m ? { partition: m[1] as RoleArnParts['partition'], account: m[2], path: `/${m[3]}`, name: m[4] } : undefined;
}
