/**
 * Terraform Cloud workload identity: what an AWS trust policy must check so that exactly one
 * workspace's runs can assume a role with dynamic provider credentials.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */

import { PolicyDocument, policyDocument } from '../logging/policy';

/** Host name of Terraform Cloud (HCP Terraform): the issuer of run identity tokens and the prefix of their condition keys. */
export const TFC_HOSTNAME = 'app.terraform.io';

/** Audience Terraform Cloud puts in AWS run tokens unless `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE` says otherwise. */
export const TFC_AWS_AUDIENCE = 'aws.workload.identity';

/** Issuer URL the IAM OIDC provider registers: `https://app.terraform.io`, without a trailing slash. */
export const TFC_ISSUER_URL = `https://${TFC_HOSTNAME}`;

/** The `sub` claim pattern of every run (plan and apply) of one workspace of one project. */
export function workspaceSubject(organization: string, project: string, workspace: string): string {
  return `organization:${organization}:project:${project}:workspace:${workspace}:run_phase:*`;
}

/**
 * Trust policy of a run role: runs of exactly one workspace (organization, project and workspace
 * names in `sub`, any run phase), with the AWS audience. `StringLike` only because of the run-phase
 * wildcard; every other part of the subject is literal.
 */
export function workspaceTrustPolicy(oidcProviderArn: string, organization: string, project: string, workspace: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'TerraformCloudWorkspaceRuns',
      Effect: 'Allow',
      Principal: { Federated: oidcProviderArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { [`${TFC_HOSTNAME}:aud`]: TFC_AWS_AUDIENCE },
        StringLike: { [`${TFC_HOSTNAME}:sub`]: workspaceSubject(organization, project, workspace) },
      },
    },
  ]);
}
