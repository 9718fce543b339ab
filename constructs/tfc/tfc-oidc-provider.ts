/**
 * The IAM OIDC identity provider for Terraform Cloud in one account. An account can register an
 * issuer URL only once, so every run role of the account shares it.
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { TFC_AWS_AUDIENCE, tfcIssuerUrl } from './workload-identity';

/** Props of {@link TfcOidcProvider}. */
export interface TfcOidcProviderProps {
  /** The aliased AWS provider of the account. */
  readonly provider: TerraformProvider;
  /** Terraform Cloud host (`terraformCloud.hostname`): the issuer URL is `https://<hostname>`; changing it replaces the provider. */
  readonly hostname: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** `aws_iam_openid_connect_provider` for `https://<hostname>` with the AWS workload audience. */
export class TfcOidcProvider extends Construct {
  readonly resource: IamOpenidConnectProvider;
  /** ARN, the `Federated` principal of run-role trust policies. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: TfcOidcProviderProps) {
    super(scope, id);
    // No thumbprint_list: IAM verifies the issuer's TLS certificate against its library of trusted
    // root CAs (app.terraform.io uses a public CA), so a pinned thumbprint would only break on
    // rotation. A Terraform Enterprise host whose certificate comes from a private CA is not covered.
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
    this.resource = new IamOpenidConnectProvider(this, 'provider', {
      provider: props.provider,
      url: tfcIssuerUrl(props.hostname),
      clientIdList: [TFC_AWS_AUDIENCE],
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.arn = this.resource.arn;
  }
}
