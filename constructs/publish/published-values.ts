/**
 * Values a stack publishes for other workspaces as SSM parameters (type `String`, standard tier) under
 * one path, e.g. `/landing-zone/shop/hub/transit-gateway-id`.
 *
 * Why not `terraform_remote_state`: a reader of remote state needs access to the whole state snapshot
 * (Terraform Cloud state sharing hands over all of it), and the workspaces that publish here hold
 * secrets (the hub: VPN pre-shared keys and the Direct Connect BGP key; the PKI: private keys).
 * HashiCorp recommends "explicitly publishing data for external consumption to a separate location
 * instead of accessing it via remote state".
 * https://developer.hashicorp.com/terraform/language/state/remote-state-data#alternative-ways-to-share-data-between-configurations
 *
 * Created in the publishing stack's account by its deployment role. A changed value is an in-place
 * update (PutParameter with overwrite); a changed key (the name) replaces the parameter. Standard
 * parameters are free, hold up to 4 KB and an account holds 10,000 of them.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { ValidationError } from '../private/validation-error';

/** What a published key may contain: one level of a parameter name. */
const KEY = /^[A-Za-z0-9_.-]{1,128}$/;

/** Props of {@link PublishedValues}. */
export interface PublishedValuesProps {
  /** Parameter path, `/landing-zone/<name>/hub` (changing it replaces every parameter). */
  readonly path: string;
  /** Provider of the account the values are published in. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** A set of published values under one path. */
export class PublishedValues extends Construct {
  readonly path: string;
  private readonly provider?: TerraformProvider;
  private readonly parameters = new Map<string, SsmParameter>();

  constructor(scope: Construct, id: string, props: PublishedValuesProps) {
    super(scope, id);
    if (!/^\/[A-Za-z0-9_.\-/]+[^/]$/.test(props.path)) throw new ValidationError(this, `"${props.path}" is not a parameter path such as /landing-zone/shop/hub`);
    this.path = props.path;
    this.provider = props.provider;
  }

  /** Publishes `value` (never a secret: the parameter is a plain String) as `<path>/<key>`. */
  publish(key: string, value: string, description: string): SsmParameter {
    if (!KEY.test(key)) throw new ValidationError(this, `"${key}" is not a published key: use letters, digits and _ . - (one level of an SSM parameter name)`);
    if (this.parameters.has(key)) throw new ValidationError(this, `"${key}" is published twice under ${this.path}`);
    const parameter = new SsmParameter(this, key, {
      provider: this.provider,
      name: publishedName(this.path, key),
      type: 'String',
      tier: 'Standard',
      value,
      description: description.slice(0, 1024),
    });
    this.parameters.set(key, parameter);
    return parameter;
  }

  /** Published keys, in publishing order. */
  get keys(): readonly string[] {
    return [...this.parameters.keys()];
  }
}

/** `<path>/<key>` */
export const publishedName = (path: string, key: string): string => `${path}/${key}`;
