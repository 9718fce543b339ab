/**
 * The AWS identity of one Terraform Cloud workspace's runs: a role in the workspace's account that
 * only that workspace's runs can assume (OIDC), and that may do exactly one thing: assume the
 * deployment roles the workspace's AWS providers name (`assume_role`). What a run can change is
 * therefore decided by those deployment roles, never by this one.
 */
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyDocument, policyJson } from '../logging/policy';
import { ValidationError } from '../private/validation-error';
import { workspaceTrustPolicy } from './workload-identity';

/** IAM path of every run role; deployment roles deny themselves changes to roles under it. */
export const RUN_ROLE_PATH = '/tfc/';

/** IAM role names are at most 64 characters. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
const MAX_ROLE_NAME = 64;

/** The run role's name for a stack: the stack name, shortened with a hash suffix when it exceeds 64 characters. */
export function runRoleName(stackName: string): string {
  if (stackName.length <= MAX_ROLE_NAME) return stackName;
  const hash = createHash('sha256').update(stackName).digest('hex').slice(0, 8);
  return `${stackName.slice(0, MAX_ROLE_NAME - hash.length - 1)}-${hash}`;
}

/** Props of {@link WorkspaceRunRole}. */
export interface WorkspaceRunRoleProps {
  /** The aliased AWS provider of the workspace's account. */
  readonly provider: TerraformProvider;
  /** ARN of the account's Terraform Cloud OIDC provider. */
  readonly oidcProviderArn: string;
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
  /** Role name (changing it replaces the role). */
  readonly roleName: string;
  /** Deployment roles the workspace's providers assume; the only permission of this role. */
  readonly deployRoleArns: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

/** The OIDC-trusted run role of one workspace. */
export class WorkspaceRunRole extends Construct {
  readonly role: IamRole;
  /** ARN to put in `TFC_AWS_RUN_ROLE_ARN`. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: WorkspaceRunRoleProps) {
    super(scope, id);
    if (props.deployRoleArns.length === 0) throw new ValidationError(this, `workspace ${props.workspace} names no deployment role to assume; its stack has no AWS provider with assume_role`);
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: props.roleName,
      path: RUN_ROLE_PATH,
      description: `Terraform Cloud runs of workspace ${props.workspace} (${props.organization}/${props.project})`,
      assumeRolePolicy: policyJson(workspaceTrustPolicy(props.oidcProviderArn, props.organization, props.project, props.workspace)),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    new IamRolePolicy(this, 'assume-deploy-roles', {
      provider: props.provider,
      name: 'assume-deploy-roles',
      role: this.role.name,
      policy: policyJson(policyDocument([{ Sid: 'AssumeDeployRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [...new Set(props.deployRoleArns)].sort() }])),
    });
    this.arn = this.role.arn;
  }
}
