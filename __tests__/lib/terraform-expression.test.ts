/** lib/terraform/expression.ts `parseReference`: the one parser of whole-string `${type.name.attr}` references. */
import { parseReference } from '../../lib/terraform/expression';

describe('parseReference', () => {
  it('parses managed and data references, keeping the rest of the traversal as Terraform writes it', () => {
    expect(parseReference('${aws_vpc.app-vpc_8A0156E4.id}')).toEqual({ mode: 'managed', type: 'aws_vpc', name: 'app-vpc_8A0156E4', attribute: 'id' });
    expect(parseReference('${data.aws_caller_identity.me.account_id}')).toEqual({ mode: 'data', type: 'aws_caller_identity', name: 'me', attribute: 'account_id' });
    expect(parseReference('${data.terraform_remote_state.hub.outputs.ids["a.b"]}')).toEqual({ mode: 'data', type: 'terraform_remote_state', name: 'hub', attribute: 'outputs.ids["a.b"]' });
    expect(parseReference('${terraform_data.dx.output.vif_id}')).toEqual({ mode: 'managed', type: 'terraform_data', name: 'dx', attribute: 'output.vif_id' });
  });

  it('refuses literals, mixed templates, calls, directives, escapes and non-resource roots', () => {
    for (const value of [
      'vpc-123',
      'arn:${aws_vpc.a.arn}',
      '${tolist(aws_vpc.a.cidr_block)}',
      '%{if true}x%{endif}',
      '$${aws_vpc.a.id}',
      '${var.region}',
      '${local.name.x}',
      '${module.m.out}',
      '${aws_vpc.a}',
      42,
      undefined,
    ]) {
      expect(parseReference(value)).toBeUndefined();
    }
  });
});
