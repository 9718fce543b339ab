/**
 * Base of every stack: the account's AWS provider (credentials, allowed account, default tags), the
 * backend, and the record of the AWS identities the stack's Terraform Cloud workspace needs.
 *
 * Credentials come from one of two places:
 * - **assumed roles** (local state, `--backend local`, configs without `terraformCloud`): each provider
 *   assumes its role (`roleArn`; the spoke's `hub` provider `hubRoleArn`) from the caller's credentials;
 * - **Terraform Cloud dynamic credentials** (`terraformCloud` set, backend from the config): the run's
 *   identity token is exchanged for the plan role in plans and the apply role in applies. A provider's
 *   `assume_role` is fixed in the configuration and cannot differ by run phase, so the providers take
 *   those credentials directly. A stack with an aliased provider maps every configuration explicitly
 *   through `var.tfc_aws_dynamic_credentials`, as HashiCorp requires once a workspace has more than one.
 *   https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration#specifying-multiple-configurations
 *   https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/specifying-multiple-configurations
 */
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { propertyAccess, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AccountTarget, LandingZone } from '../config/model';
import { defaultTags } from '../config/tags';
import { BackendMode, configureBackend } from './backend';

/** Where a stack's providers get their AWS credentials. */
export type CredentialSource = 'assumed-role' | 'terraform-cloud';

/** Terraform Cloud dynamic credentials when the stack runs in a Terraform Cloud workspace, else assumed roles. */
export const credentialSource = (lz: LandingZone, backend: BackendMode): CredentialSource => (backend === 'config' && lz.terraformCloud ? 'terraform-cloud' : 'assumed-role');

/** The variable through which Terraform Cloud hands each dynamic-credentials configuration its shared config file. */
export const TFC_AWS_DYNAMIC_CREDENTIALS_VARIABLE = 'tfc_aws_dynamic_credentials';

/** What a provider's identity may do; the bootstrap turns it into an apply role and its read-only plan twin. */
export type IdentityScope =
  /** The landing zone's deployment policy in the account (constructs/tfc/deploy-policy.ts). */
  | { readonly kind: 'deploy'; readonly readsHybridSecrets: boolean }
  /** A spoke's hub-side half of its connection (constructs/tfc/spoke-hub-policy.ts). */
  | { readonly kind: 'spoke-hub'; readonly associateWith: string; readonly propagateTo: readonly string[] };

/** One AWS provider of a stack, as its Terraform Cloud workspace needs it. */
export interface ProviderIdentity {
  /** Provider alias, also the tag of its dynamic-credentials configuration; undefined for the default provider. */
  readonly alias?: string;
  readonly account: string;
  /** The role applies use: the account's `roleArn`, or a role the bootstrap derives (a spoke's hub role). */
  readonly applyRoleArn: string;
  readonly scope: IdentityScope;
}

/** Props shared by every landing-zone stack. */
export interface LandingZoneStackProps {
  readonly landingZone: LandingZone;
  /** The account this stack deploys to. */
  readonly target: AccountTarget;
  /** @default 'config' */
  readonly backend?: BackendMode;
  /**
   * The stack holds the VPN pre-shared keys and the Direct Connect BGP key (the hub): only its identities
   * may read the VPN and virtual interface configuration that returns them.
   * @default false
   */
  readonly readsHybridSecrets?: boolean;
}

/** A stack bound to one account through its provider, with local or Terraform Cloud state. */
export class LandingZoneStack extends TerraformStack {
  readonly stackName: string;
  readonly provider: AwsProvider;
  /** Where the providers' credentials come from. */
  readonly credentials: CredentialSource;
  private readonly landingZone: LandingZone;
  private readonly identityList: ProviderIdentity[] = [];

  constructor(scope: Construct, stackName: string, props: LandingZoneStackProps) {
    super(scope, stackName);
    this.stackName = stackName;
    this.landingZone = props.landingZone;
    this.credentials = credentialSource(props.landingZone, props.backend ?? 'config');
    this.provider = awsProvider(this, 'aws', props.landingZone, stackName, props.target, { credentials: this.credentials });
    this.identityList.push({ account: props.target.account, applyRoleArn: props.target.roleArn, scope: { kind: 'deploy', readsHybridSecrets: props.readsHybridSecrets ?? false } });
    configureBackend(this, props.landingZone, stackName, props.backend ?? 'config');
  }

  /** The identities of the stack's AWS providers, the default one first: what the Terraform Cloud bootstrap builds from. */
  get identities(): readonly ProviderIdentity[] {
    return [...this.identityList];
  }

  /**
   * An aliased provider for another account. With assumed roles it assumes `localRoleArn`; with
   * Terraform Cloud it takes a second dynamic-credentials configuration tagged with the alias, and the
   * default provider then maps its own configuration too.
   */
  protected aliasedProvider(id: string, alias: string, account: string, localRoleArn: string, identity: Pick<ProviderIdentity, 'applyRoleArn' | 'scope'>): AwsProvider {
    const lz = this.landingZone;
    const provider = awsProvider(this, id, lz, this.stackName, { account, roleArn: localRoleArn }, { alias, credentials: this.credentials });
    if (this.credentials === 'terraform-cloud') {
      const configs = dynamicCredentialsVariable(this);
      this.provider.sharedConfigFiles = [Token.asString(propertyAccess(configs.value, ['default', 'shared_config_file']))];
      provider.sharedConfigFiles = [Token.asString(propertyAccess(configs.value, ['aliases', alias, 'shared_config_file']))];
    }
    this.identityList.push({ alias, account, ...identity });
    return provider;
  }
}

/** Options of {@link awsProvider}. */
export interface AwsProviderOptions {
  readonly alias?: string;
  readonly credentials: CredentialSource;
}

/**
 * An AWS provider that refuses any other account than `target.account`, so a misconfigured credential
 * can never apply to the wrong account. With assumed roles it assumes `target.roleArn`; with Terraform
 * Cloud it sets no credentials of its own (the run's dynamic credentials, or a shared config file the
 * caller maps).
 */
export function awsProvider(scope: Construct, id: string, lz: LandingZone, stackName: string, target: AccountTarget, options: AwsProviderOptions): AwsProvider {
  return new AwsProvider(scope, id, {
    alias: options.alias,
    region: lz.region,
    allowedAccountIds: [target.account],
    assumeRole: options.credentials === 'assumed-role' ? [{ roleArn: target.roleArn, sessionName: sessionName(stackName) }] : undefined,
    defaultTags: [{ tags: defaultTags(lz.name, lz.tags, stackName) }],
  });
}

/**
 * `variable "tfc_aws_dynamic_credentials"` of a stack, created once, with the type HashiCorp documents:
 * Terraform Cloud sets it in every run of a workspace with tagged AWS configurations.
 */
function dynamicCredentialsVariable(stack: TerraformStack): TerraformVariable {
  const existing = stack.node.tryFindChild(TFC_AWS_DYNAMIC_CREDENTIALS_VARIABLE);
  if (existing instanceof TerraformVariable) return existing;
  return new TerraformVariable(stack, TFC_AWS_DYNAMIC_CREDENTIALS_VARIABLE, {
    type: 'object({ default = object({ shared_config_file = string }), aliases = map(object({ shared_config_file = string })) })',
    description: 'Set by Terraform Cloud: the shared config file of each AWS dynamic-credentials configuration (default and one per provider alias).',
  });
}

/** STS session names allow 2-64 characters of [\w+=,.@-]; CloudTrail shows it, so it names the stack. */
export const sessionName = (stackName: string): string => `lz-${stackName}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
