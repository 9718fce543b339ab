/**
 * The workspace variables that make every run of a workspace authenticate to AWS as its run role
 * through OIDC: no AWS keys are stored anywhere.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration#configure-hcp-terraform
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Variable } from '@cdktf/provider-tfe/lib/variable';

/** Props of {@link AwsDynamicCredentials}. */
export interface AwsDynamicCredentialsProps {
  readonly provider?: TerraformProvider;
  readonly workspaceId: string;
  /** The role the runs assume with their identity token. */
  readonly runRoleArn: string;
}

/** `TFC_AWS_PROVIDER_AUTH=true` and `TFC_AWS_RUN_ROLE_ARN` as environment variables of one workspace. */
export class AwsDynamicCredentials extends Construct {
  readonly providerAuth: Variable;
  readonly runRoleArn: Variable;

  constructor(scope: Construct, id: string, props: AwsDynamicCredentialsProps) {
    super(scope, id);
    this.providerAuth = new Variable(this, 'provider-auth', {
      provider: props.provider,
      workspaceId: props.workspaceId,
      category: 'env',
      key: 'TFC_AWS_PROVIDER_AUTH',
      value: 'true',
      description: 'Authenticate the AWS provider with a run identity token (dynamic credentials).',
    });
    this.runRoleArn = new Variable(this, 'run-role-arn', {
      provider: props.provider,
      workspaceId: props.workspaceId,
      category: 'env',
      key: 'TFC_AWS_RUN_ROLE_ARN',
      value: props.runRoleArn,
      description: 'Role the plan and apply phases assume; it may only assume the stack deployment roles.',
    });
  }
}
