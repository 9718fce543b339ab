import { rule } from '../../../../analysis/rules/network/dx-allowed-prefixes-broad';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const association = (prefixes: unknown) => resource('hub', 'aws_dx_gateway_association', 'a', { allowed_prefixes: prefixes as never });

describe('LZ-DX02 allowed prefixes no broader than /8', () => {
  it('is a warning', () => expect(rule.level).toBe('warning'));

  it('passes /8 and narrower, and leaves /0 to LZ-DX01', () => {
    expect(findings(rule, association(['10.0.0.0/8', '172.16.0.0/12', '0.0.0.0/0']))).toEqual([]);
  });

  it('reports prefixes broader than /8', () => {
    expect(findings(rule, association(['10.0.0.0/7', '128.0.0.0/1']))).toEqual([
      { resource: 'hub:aws_dx_gateway_association.a', message: 'allowed_prefixes advertises 10.0.0.0/7, broader than /8' },
      { resource: 'hub:aws_dx_gateway_association.a', message: 'allowed_prefixes advertises 128.0.0.0/1, broader than /8' },
    ]);
  });

  it('reports an unknown prefix as unknown', () => {
    expect(findings(rule, association([unknown('${var.supernet}')]))).toEqual([
      { resource: 'hub:aws_dx_gateway_association.a', message: 'cannot prove no allowed prefix is broader than /8: ${var.supernet} is unknown before apply', unknown: true },
    ]);
  });
});
