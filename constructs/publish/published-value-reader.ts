/**
 * Reads values another workspace published with {@link PublishedValues}: one `aws_ssm_parameter` data
 * source per key, created on first use. The reader's state holds the parameter (a plain String the
 * publisher chose to share) and nothing else of the publisher's: no remote state, no secret.
 * `insecure_value` is the provider's non-sensitive copy of a String parameter's value, so the ids stay
 * usable in `for_each` and plans show them.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/ssm_parameter
 *
 * Read with the credentials of `provider`: the publisher's account (the spoke's `hub` alias for the
 * hub's values), whose role needs `ssm:GetParameter` on the path and nothing more.
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { publishedName } from './published-values';

/** Props of {@link PublishedValueReader}. */
export interface PublishedValueReaderProps {
  /** Parameter path the publisher writes under. */
  readonly path: string;
  /** Provider of the publisher's account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** Lazily created lookups of published values. */
export class PublishedValueReader extends Construct {
  readonly path: string;
  private readonly provider?: TerraformProvider;
  private readonly lookups = new Map<string, DataAwsSsmParameter>();

  constructor(scope: Construct, id: string, props: PublishedValueReaderProps) {
    super(scope, id);
    this.path = props.path;
    this.provider = props.provider;
  }

  /** The value published as `<path>/<key>`. */
  value(key: string): string {
    let lookup = this.lookups.get(key);
    if (!lookup) {
      lookup = new DataAwsSsmParameter(this, key, { provider: this.provider, name: publishedName(this.path, key) });
      this.lookups.set(key, lookup);
    }
    return lookup.insecureValue;
  }
}
