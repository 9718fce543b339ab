import { rule } from '../../../../analysis/rules/network/dx-transit-vif';
import { findings, resource } from '../../../helpers/rule-fixtures';

describe('LZ-DX03 transit VIFs only', () => {
  it('passes owned and hosted transit VIFs', () => {
    expect(findings(rule, resource('hub', 'aws_dx_transit_virtual_interface', 'a', {}), resource('hub', 'aws_dx_hosted_transit_virtual_interface_accepter', 'b', {}))).toEqual([]);
  });

  it('reports private and public VIFs, owned or accepted', () => {
    expect(findings(rule, resource('hub', 'aws_dx_private_virtual_interface', 'p', {}), resource('hub', 'aws_dx_hosted_public_virtual_interface_accepter', 'q', {}))).toEqual([
      { resource: 'hub:aws_dx_private_virtual_interface.p', message: 'a private VIF bypasses the Transit Gateway segments; use a transit VIF' },
      { resource: 'hub:aws_dx_hosted_public_virtual_interface_accepter.q', message: 'a hosted public VIF bypasses the Transit Gateway segments; use a transit VIF' },
    ]);
  });

  // The resource type alone decides: no attribute value can be unknown here.
  it('reports a VIF whose every argument is unknown by its type alone', () => {
    expect(findings(rule, resource('hub', 'aws_dx_private_virtual_interface', 'p', { connection_id: { $unknown: '${var.c}', reason: 'variable' } }))).toEqual([
      { resource: 'hub:aws_dx_private_virtual_interface.p', message: 'a private VIF bypasses the Transit Gateway segments; use a transit VIF' },
    ]);
  });
});
