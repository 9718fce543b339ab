/**
 * Terraform Cloud workload identity: what an AWS trust policy must check so that exactly the intended
 * workspaces' runs, in exactly one run phase, can assume a role with dynamic provider credentials.
 * Every run phase (plan, apply) gets its own token whose `sub` ends in `run_phase:<phase>`, and
 * HashiCorp's guidance for different permissions per phase is one role per phase, each matching its
 * phase with `StringEquals`.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */

import { PolicyDocument, policyDocument } from '../logging/policy';

/** Audience Terraform Cloud puts in AWS run tokens unless `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE` says otherwise. */
export const TFC_AWS_AUDIENCE = 'aws.workload.identity';

/** The run phases a token is issued for: plans (also speculative pull-request plans) and applies. */
export type RunPhase = 'plan' | 'apply';

/**
 * Issuer URL the IAM OIDC provider registers: `https://<hostname>` (app.terraform.io or a Terraform
 * Enterprise host), without a trailing slash; IAM names the provider after the host.
 */
export const tfcIssuerUrl = (hostname: string): string => `https://${hostname}`;

/** Who a run role trusts: runs of these workspaces of one project, in one phase. */
export interface RunPhaseTrust {
  /** ARN of the account's IAM OIDC provider for {@link tfcIssuerUrl}. */
  readonly oidcProviderArn: string;
  /** Terraform Cloud host: the issuer, and the prefix of the `aud` and `sub` condition keys. */
  readonly hostname: string;
  readonly organization: string;
  readonly project: string;
  /** Workspace names, at least one. */
  readonly workspaces: readonly string[];
  readonly phase: RunPhase;
}

/** The `sub` claim of one phase of the runs of one workspace of one project. */
export function workspaceSubject(organization: string, project: string, workspace: string, phase: RunPhase): string {
  return `organization:${organization}:project:${project}:workspace:${workspace}:run_phase:${phase}`;
}

/**
 * Trust policy of a run role: the AWS audience and one exact subject per workspace, all literal
 * (`StringEquals`; several values match any one of them), so a plan token can never assume an apply
 * role and no other workspace, project or organization can assume it at all.
 */
export function runPhaseTrustPolicy(t: RunPhaseTrust): PolicyDocument {
  const subjects = [...new Set(t.workspaces)].sort().map((w) => workspaceSubject(t.organization, t.project, w, t.phase));
  return policyDocument([
    {
      Sid: t.phase === 'plan' ? 'TerraformCloudPlans' : 'TerraformCloudApplies',
      Effect: 'Allow',
      Principal: { Federated: t.oidcProviderArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${t.hostname}:aud`]: TFC_AWS_AUDIENCE,
          [`${t.hostname}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
        },
      },
    },
  ]);
}
