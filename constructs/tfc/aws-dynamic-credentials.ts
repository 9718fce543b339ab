/**
 * The workspace variables that make the runs of a workspace authenticate one AWS provider
 * configuration through OIDC, with a read-only role for plans and the write role for applies: no AWS
 * keys are stored anywhere, and a plan (a pull request's speculative plan too) never holds write
 * credentials. With a tag, the variables configure an additional configuration that the stack maps to
 * its aliased provider through `var.tfc_aws_dynamic_credentials.aliases["<tag>"]`.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration#configure-hcp-terraform
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/specifying-multiple-configurations
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { ValidationError } from '../private/validation-error';

/** Names of the environment variables, for the default configuration or with `_<tag>` appended. */
export const TFC_AWS_VARIABLES = { providerAuth: 'TFC_AWS_PROVIDER_AUTH', planRoleArn: 'TFC_AWS_PLAN_ROLE_ARN', applyRoleArn: 'TFC_AWS_APPLY_ROLE_ARN' } as const;

/** A tag: letters, digits and underscores, and not the reserved `TYPE`. */
const TAG = /^[A-Za-z0-9_]+$/;

/** Props of {@link AwsDynamicCredentials}. */
export interface AwsDynamicCredentialsProps {
  readonly provider?: TerraformProvider;
  readonly workspaceId: string;
  /** Role the plan phase assumes with its identity token (read-only). */
  readonly planRoleArn: string;
  /** Role the apply phase assumes with its identity token. */
  readonly applyRoleArn: string;
  /** Tag of an additional configuration (the provider alias), or none for the default one. */
  readonly tag?: string;
}

/** `TFC_AWS_PROVIDER_AUTH[_<tag>]=true`, `TFC_AWS_PLAN_ROLE_ARN[_<tag>]` and `TFC_AWS_APPLY_ROLE_ARN[_<tag>]` of one workspace. */
export class AwsDynamicCredentials extends Construct {
  readonly providerAuth: Variable;
  readonly planRoleArn: Variable;
  readonly applyRoleArn: Variable;

  constructor(scope: Construct, id: string, props: AwsDynamicCredentialsProps) {
    super(scope, id);
    if (props.tag !== undefined && (!TAG.test(props.tag) || props.tag.toUpperCase() === 'TYPE')) {
      throw new ValidationError(this, `"${props.tag}" is not a dynamic credentials tag: letters, digits and underscores, not TYPE`);
    }
    const key = (name: string) => (props.tag === undefined ? name : `${name}_${props.tag}`);
    const which = props.tag === undefined ? 'the default AWS provider' : `the AWS provider alias ${props.tag}`;
    const variable = (vid: string, name: string, value: string, description: string) =>
      new Variable(this, vid, { provider: props.provider, workspaceId: props.workspaceId, category: 'env', key: key(name), value, description });
    this.providerAuth = variable('provider-auth', TFC_AWS_VARIABLES.providerAuth, 'true', `Authenticate ${which} with a run identity token (dynamic credentials).`);
    this.planRoleArn = variable('plan-role-arn', TFC_AWS_VARIABLES.planRoleArn, props.planRoleArn, `Read-only role the plan phase of ${which} assumes.`);
    this.applyRoleArn = variable('apply-role-arn', TFC_AWS_VARIABLES.applyRoleArn, props.applyRoleArn, `Role the apply phase of ${which} assumes.`);
  }
}
