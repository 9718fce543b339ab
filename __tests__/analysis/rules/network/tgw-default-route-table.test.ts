import { rule } from '../../../../analysis/rules/network/tgw-default-route-table';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

describe('LZ-TGW02 no default route table association or propagation', () => {
  it('passes both disabled', () => {
    expect(findings(rule, resource('hub', 'aws_ec2_transit_gateway', 'a', { default_route_table_association: 'disable', default_route_table_propagation: 'disable' }))).toEqual([]);
  });

  it('reports enable and the provider default (enable)', () => {
    expect(findings(rule, resource('hub', 'aws_ec2_transit_gateway', 'a', { default_route_table_association: 'enable' }))).toEqual([
      { resource: 'hub:aws_ec2_transit_gateway.a', message: 'default_route_table_association is "enable"' },
      { resource: 'hub:aws_ec2_transit_gateway.a', message: 'default_route_table_propagation is unset (AWS default enable)' },
    ]);
  });

  it('reports an unknown setting as unknown', () => {
    expect(findings(rule, resource('hub', 'aws_ec2_transit_gateway', 'a', { default_route_table_association: 'disable', default_route_table_propagation: unknown('${var.p}') }))).toEqual([
      { resource: 'hub:aws_ec2_transit_gateway.a', message: 'cannot prove default_route_table_propagation is disable: ${var.p} is unknown before apply', unknown: true },
    ]);
  });
});
