import { rule } from '../../../../analysis/rules/network/tgw-auto-accept';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

describe('LZ-TGW01 auto-accept off', () => {
  it('passes disable and the provider default', () => {
    expect(findings(rule, resource('hub', 'aws_ec2_transit_gateway', 'a', { auto_accept_shared_attachments: 'disable' }), resource('hub', 'aws_ec2_transit_gateway', 'b', {}))).toEqual([]);
  });

  it('reports enable', () => {
    expect(findings(rule, resource('hub', 'aws_ec2_transit_gateway', 'a', { auto_accept_shared_attachments: 'enable' }))).toEqual([
      { resource: 'hub:aws_ec2_transit_gateway.a', message: 'auto_accept_shared_attachments is "enable"' },
    ]);
  });

  it('reports an unknown setting as unknown', () => {
    expect(findings(rule, resource('hub', 'aws_ec2_transit_gateway', 'a', { auto_accept_shared_attachments: unknown('${var.auto}') }))).toEqual([
      { resource: 'hub:aws_ec2_transit_gateway.a', message: 'cannot prove auto_accept_shared_attachments is disable: ${var.auto} is unknown before apply', unknown: true },
    ]);
  });
});
