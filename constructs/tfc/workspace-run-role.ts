/**
 * A role that Terraform Cloud runs assume directly with dynamic provider credentials, in one run phase
 * of the workspaces that use it, with one inline policy: the read-only plan roles and the spokes'
 * narrow hub roles. (The deployment roles the config names are {@link DeployRole}s.) It lives under
 * an IAM path where every deployment role is denied all IAM actions (`/tfc/`), so no stack can widen
 * another workspace's identity.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration#configure-a-role-and-trust-policy
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PolicyDocument, policyJson } from '../logging/policy';
import { MAX_ROLE_INLINE_POLICY_CHARS } from '../../lib/aws/iam';
import { ValidationError } from '../private/validation-error';
import { RunPhaseTrust, runPhaseTrustPolicy } from './workload-identity';

// Longest inline policy IAM accepts on a role: lib/aws/iam.ts.

/** Props of {@link WorkspaceRunRole}. */
export interface WorkspaceRunRoleProps {
  /** The aliased AWS provider of the role's account. */
  readonly provider: TerraformProvider;
  /** Whose runs, in which phase, may assume it. */
  readonly trust: RunPhaseTrust;
  /** Role name (changing it replaces the role). */
  readonly roleName: string;
  /** IAM path, `/tfc/` (changing it replaces the role). */
  readonly path: string;
  readonly description: string;
  /** Name of the inline policy. */
  readonly policyName: string;
  /** Its permissions. */
  readonly policy: PolicyDocument;
  readonly tags?: Readonly<Record<string, string>>;
}

/** An OIDC-trusted role for one run phase of some workspaces, with one inline policy. */
export class WorkspaceRunRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  /** ARN to put in `TFC_AWS_PLAN_ROLE_ARN[_<tag>]` or `TFC_AWS_APPLY_ROLE_ARN[_<tag>]`. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: WorkspaceRunRoleProps) {
    super(scope, id);
    if (props.trust.workspaces.length === 0) throw new ValidationError(this, `role ${props.roleName} would trust no workspace`);
    const policy = policyJson(props.policy);
    if (policy.length > MAX_ROLE_INLINE_POLICY_CHARS) throw new ValidationError(this, `the policy of role ${props.roleName} is ${policy.length} characters, over IAM's ${MAX_ROLE_INLINE_POLICY_CHARS}`);
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: props.roleName,
      path: props.path,
      description: props.description,
      assumeRolePolicy: policyJson(runPhaseTrustPolicy(props.trust)),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.policy = new IamRolePolicy(this, 'policy', { provider: props.provider, name: props.policyName, role: this.role.name, policy });
    this.arn = this.role.arn;
  }
}
