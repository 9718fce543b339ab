import { rule } from '../../../../analysis/rules/network/subnet-public-ip';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const subnet = (name: string, attrs: Record<string, unknown>) => resource('spoke', 'aws_subnet', name, { cidr_block: '10.1.0.0/24', ...(attrs as object) });

describe('LZ-VPC03 public IPs only in the public tier', () => {
  it('passes public-tier subnets that map public IPs and private subnets that do not', () => {
    expect(findings(rule, subnet('public-1', { map_public_ip_on_launch: true, tags: { Tier: 'public' } }), subnet('app-1', { map_public_ip_on_launch: false, tags: { Tier: 'app' } }), subnet('db-1', { tags: { Tier: 'db' } }))).toEqual([]);
  });

  it('reports other tiers and untagged subnets that map public IPs', () => {
    expect(findings(rule, subnet('app-1', { map_public_ip_on_launch: true, tags: { Tier: 'app' } }), subnet('loose', { map_public_ip_on_launch: 'true' }))).toEqual([
      { resource: 'spoke:aws_subnet.app-1', message: 'map_public_ip_on_launch is true on a subnet tagged Tier=app' },
      { resource: 'spoke:aws_subnet.loose', message: 'map_public_ip_on_launch is true on a subnet with no Tier tag' },
    ]);
  });

  it('reports an unknown flag on a non-public subnet, and an unknown tier on a mapping subnet, as unknown', () => {
    expect(findings(rule, subnet('app-1', { map_public_ip_on_launch: unknown('${var.public}'), tags: { Tier: 'app' } }), subnet('x', { map_public_ip_on_launch: true, tags: { Tier: unknown('${var.tier}') } }))).toEqual([
      { resource: 'spoke:aws_subnet.app-1', message: 'cannot prove this non-public subnet maps no public IPs: ${var.public} is unknown before apply', unknown: true },
      { resource: 'spoke:aws_subnet.x', message: 'cannot prove this subnet mapping public IPs is in the public tier: ${var.tier} is unknown before apply', unknown: true },
    ]);
  });
});
