import { rule } from '../../../../analysis/rules/network/vpc-dns';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

describe('LZ-VPC04 VPC DNS attributes', () => {
  it('passes a VPC with hostnames on and DNS support on or at its default', () => {
    expect(findings(rule, resource('s', 'aws_vpc', 'a', { enable_dns_support: true, enable_dns_hostnames: true }), resource('s', 'aws_vpc', 'b', { enable_dns_hostnames: true }))).toEqual([]);
  });

  it('reports DNS support turned off and hostnames left at the AWS default', () => {
    expect(findings(rule, resource('s', 'aws_vpc', 'a', { enable_dns_support: false, enable_dns_hostnames: true }), resource('s', 'aws_vpc', 'b', {}))).toEqual([
      { resource: 's:aws_vpc.a', message: 'enable_dns_support is false' },
      { resource: 's:aws_vpc.b', message: 'enable_dns_hostnames is unset (AWS default off)' },
    ]);
  });

  it('reports an unknown attribute as unknown', () => {
    expect(findings(rule, resource('s', 'aws_vpc', 'a', { enable_dns_hostnames: unknown('${var.dns}') }))).toEqual([
      { resource: 's:aws_vpc.a', message: 'cannot prove enable_dns_hostnames is on: ${var.dns} is unknown before apply', unknown: true },
    ]);
  });
});
