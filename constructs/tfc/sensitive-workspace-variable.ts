/**
 * A sensitive Terraform variable of a workspace (BGP keys, VPN pre-shared keys), written only when a
 * value is given: its value comes from the bootstrap run's own variable (`TF_VAR_<key>`), never from
 * the config or the synthesized JSON. Unset, the workspace variable does not exist, so the stack's
 * variable stays null and AWS generates the secret.
 */
import { Construct } from 'constructs';
import { Fn, Op, TerraformProvider, Token } from 'cdktf';
import { Variable } from '@cdktf/provider-tfe/lib/variable';

/** Props of {@link SensitiveWorkspaceVariable}. */
export interface SensitiveWorkspaceVariableProps {
  readonly provider?: TerraformProvider;
  readonly workspaceId: string;
  /** Variable name in the workspace's configuration. */
  readonly key: string;
  /** A reference to a sensitive, nullable variable of the bootstrap stack. */
  readonly value: string;
  readonly description?: string;
}

/** `tfe_variable` with `sensitive = true`, category `terraform`, counted 0 when the value is null. */
export class SensitiveWorkspaceVariable extends Construct {
  readonly variable: Variable;

  constructor(scope: Construct, id: string, props: SensitiveWorkspaceVariableProps) {
    super(scope, id);
    this.variable = new Variable(this, 'variable', {
      provider: props.provider,
      workspaceId: props.workspaceId,
      category: 'terraform',
      key: props.key,
      value: props.value,
      sensitive: true,
      description: props.description,
    });
    // count may not depend on a sensitive value; whether it is set is not a secret.
    this.variable.count = Token.asNumber(Fn.conditional(Fn.nonsensitive(Op.neq(props.value, Token.nullValue())), 1, 0));
  }
}
