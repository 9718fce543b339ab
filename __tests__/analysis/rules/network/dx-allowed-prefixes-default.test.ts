import { rule } from '../../../../analysis/rules/network/dx-allowed-prefixes-default';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const association = (name: string, prefixes: unknown, type = 'aws_dx_gateway_association') => resource('hub', type, name, prefixes === undefined ? { dx_gateway_id: 'dxgw' } : { dx_gateway_id: 'dxgw', allowed_prefixes: prefixes as never });

describe('LZ-DX01 allowed prefixes pinned, no default route', () => {
  it('passes explicit internal prefixes on associations and proposals', () => {
    expect(findings(rule, association('a', ['172.16.0.0/12', '10.254.0.0/23']), association('p', ['10.0.0.0/8'], 'aws_dx_gateway_association_proposal'))).toEqual([]);
  });

  it('reports default routes and an unset list', () => {
    expect(findings(rule, association('a', ['10.0.0.0/8', '0.0.0.0/0', '::/0']), association('b', undefined))).toEqual([
      { resource: 'hub:aws_dx_gateway_association.a', message: 'allowed_prefixes advertises 0.0.0.0/0 to on-premises' },
      { resource: 'hub:aws_dx_gateway_association.a', message: 'allowed_prefixes advertises ::/0 to on-premises' },
      { resource: 'hub:aws_dx_gateway_association.b', message: 'allowed_prefixes is not set, so code review never sees what is advertised to on-premises' },
    ]);
  });

  it('reports unknown prefixes as unknown', () => {
    expect(findings(rule, association('a', unknown('${var.prefixes}')), association('b', ['10.0.0.0/8', unknown('${var.extra}')]))).toEqual([
      { resource: 'hub:aws_dx_gateway_association.a', message: 'cannot prove the allowed prefixes advertised to on-premises hold no default route: ${var.prefixes} is unknown before apply', unknown: true },
      { resource: 'hub:aws_dx_gateway_association.b', message: 'cannot prove the allowed prefixes advertised to on-premises hold no default route: ${var.extra} is unknown before apply', unknown: true },
    ]);
  });
});
