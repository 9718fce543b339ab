import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/ram-share-internal';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const share = resource('hub', 'aws_ram_resource_share', 'tgw', { name: 'tgw', allow_external_principals: false });
const principal = (name: string, value: unknown) => resource('hub', 'aws_ram_principal_association', name, { principal: value as never, resource_share_arn: ref(share.id, 'arn') });

describe('LZ-RAM01 RAM shares stay in the organization', () => {
  it('passes shares to the organization, an OU, an account or an organization resource of the graph', () => {
    const org = resource('mgmt', 'aws_organizations_organization', 'org', {}, { mode: 'data' });
    expect(
      findings(
        rule,
        share,
        resource('hub', 'aws_ram_resource_share', 'default-internal', { name: 'x' }),
        org,
        principal('org', 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5'),
        principal('ou', 'arn:aws:organizations::999999999999:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56'),
        principal('account', '111111111111'),
        principal('org-ref', ref(org.id, 'arn')),
      ),
    ).toEqual([]);
  });

  it('reports external principals allowed and principals that are not the organization, an OU or an account', () => {
    expect(
      findings(rule, resource('hub', 'aws_ram_resource_share', 'open', { name: 'open', allow_external_principals: true }), share, principal('role', 'arn:aws:iam::111111111111:role/Partner')),
    ).toEqual([
      { resource: 'hub:aws_ram_resource_share.open', message: 'allow_external_principals is true' },
      { resource: 'hub:aws_ram_principal_association.role', message: 'principal "arn:aws:iam::111111111111:role/Partner" is not the organization, an OU or an account id' },
    ]);
  });

  it('reports unknown settings and principals as unknown', () => {
    expect(findings(rule, resource('hub', 'aws_ram_resource_share', 'v', { name: 'v', allow_external_principals: unknown('${var.external}') }), share, principal('var', unknown('${var.principal}')))).toEqual([
      { resource: 'hub:aws_ram_resource_share.v', message: 'cannot prove allow_external_principals is false: ${var.external} is unknown before apply', unknown: true },
      { resource: 'hub:aws_ram_principal_association.var', message: 'cannot prove the share principal is the organization, an OU or an account: ${var.principal} is unknown before apply', unknown: true },
    ]);
  });
});
