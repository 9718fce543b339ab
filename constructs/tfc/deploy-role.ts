/**
 * The role a landing-zone stack deploys with (`roleArn` in the config) in one account, created with the
 * scoped policy of {@link deployPolicy}. It is the apply role of the workspaces whose stacks name it:
 * Terraform Cloud applies assume it directly with dynamic provider credentials
 * (`TFC_AWS_APPLY_ROLE_ARN`), and nothing else can: its trust names the apply phase of exactly those
 * workspaces. Their plans use a read-only twin ({@link readPolicy}).
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration#configure-a-role-and-trust-policy
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyJson } from '../logging/policy';
import { ValidationError } from '../private/validation-error';
import { parseRoleArn } from '../../lib/aws/role-arn';
import { deployPolicy } from './deploy-policy';
import { RunPhaseTrust, runPhaseTrustPolicy } from './workload-identity';

/** Role ARN parsing lives with the config rules that check the same ARNs (config/role-arn.ts). */

/** Props of {@link DeployRole}. */
export interface DeployRoleProps {
  /** The aliased AWS provider of the role's account. */
  readonly provider: TerraformProvider;
  /** The ARN the stacks' providers assume (changing its name or path replaces the role). */
  readonly roleArn: string;
  /** The applies that may assume it: the apply phase of the workspaces whose stacks name it. */
  readonly trust: Omit<RunPhaseTrust, 'phase'>;
  /** Prefix of the IAM and S3 names the landing zone creates: `<name>-`. */
  readonly namePrefix: string;
  /** Path of the values the landing zone publishes (`/landing-zone/<name>`): the role writes and reads parameters under it. */
  readonly publishedPath: string;
  /** IAM path of the Terraform Cloud roles the bootstrap creates, which the role may not change. */
  readonly tfcRolePath: string;
  /** Whether its stack holds the VPN pre-shared keys and the Direct Connect BGP key (the hub): every other role is denied the reads that return them. */
  readonly readsHybridSecrets: boolean;
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
    if (props.trust.workspaces.length === 0) throw new ValidationError(this, `${props.roleArn} would trust no workspace, so no run could use it`);
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: parts.name,
      path: parts.path,
      description: 'Landing zone deployment role: assumed by the Terraform Cloud applies of the workspaces that deploy with it',
      // Changing the trust is an in-place update (UpdateAssumeRolePolicy).
      assumeRolePolicy: policyJson(runPhaseTrustPolicy({ ...props.trust, phase: 'apply' })),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    new IamRolePolicy(this, 'policy', {
      provider: props.provider,
      name: 'landing-zone-deploy',
      role: this.role.name,
      policy: policyJson(
        deployPolicy({
          partition: parts.partition,
          account: parts.account,
          namePrefix: props.namePrefix,
          publishedPath: props.publishedPath,
          roleArn: props.roleArn,
          tfcRolePath: props.tfcRolePath,
          readsHybridSecrets: props.readsHybridSecrets,
        }),
      ),
    });
    this.arn = this.role.arn;
  }
}
