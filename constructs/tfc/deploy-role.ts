/**
 * The role a landing-zone stack's AWS provider assumes (`roleArn` in the config) in one account,
 * created with the scoped policy of {@link deployPolicy} and trusted only by the run roles of the
 * workspaces whose providers name it.
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyDocument, policyJson } from '../logging/policy';
import { ValidationError } from '../private/validation-error';
import { parseRoleArn } from '../../config/role-arn';
import { deployPolicy } from './deploy-policy';

/** Role ARN parsing lives with the config rules that check the same ARNs (config/role-arn.ts). */

/** Props of {@link DeployRole}. */
export interface DeployRoleProps {
  /** The aliased AWS provider of the role's account. */
  readonly provider: TerraformProvider;
  /** The ARN the stacks' providers assume (changing its name or path replaces the role). */
  readonly roleArn: string;
  /** Run roles allowed to assume it. */
  readonly trustedRoleArns: readonly string[];
  /** Prefix of the IAM and S3 names the landing zone creates: `<name>-`. */
  readonly namePrefix: string;
  /** IAM path of the run roles, which the role may not change. */
  readonly runRolePath: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** A deployment role with the landing zone's scoped permissions. */
export class DeployRole extends Construct {
  readonly role: IamRole;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: DeployRoleProps) {
    super(scope, id);
    const parts = parseRoleArn(props.roleArn);
    if (!parts) throw new ValidationError(this, `"${props.roleArn}" is not a role ARN such as arn:aws:iam::111111111111:role/network-deploy`);
    if (props.trustedRoleArns.length === 0) throw new ValidationError(this, `${props.roleArn} would trust no run role, so no workspace could use it`);
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: parts.name,
      path: parts.path,
      description: 'Landing zone deployment role: assumed by the Terraform Cloud run roles of the workspaces that deploy to this account',
      assumeRolePolicy: policyJson(
        policyDocument([{ Sid: 'WorkspaceRunRoles', Effect: 'Allow', Principal: { AWS: [...props.trustedRoleArns] }, Action: 'sts:AssumeRole' }]),
      ),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    new IamRolePolicy(this, 'policy', {
      provider: props.provider,
      name: 'landing-zone-deploy',
      role: this.role.name,
      policy: policyJson(deployPolicy({ partition: parts.partition, account: parts.account, namePrefix: props.namePrefix, roleArn: props.roleArn, runRolePath: props.runRolePath })),
    });
    this.arn = this.role.arn;
  }
}
