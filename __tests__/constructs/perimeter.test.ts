import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DnsFirewallRuleGroup } from '../../constructs/dns/dns-firewall';
import { DnsFirewallAssociation } from '../../constructs/dns/dns-firewall-association';
import { BlockPublicAccess } from '../../constructs/perimeter/block-public-access';
import { Template } from '../helpers/template';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  return s;
}

const ORG = 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5';

describe('DnsFirewallRuleGroup', () => {
  const build = (extra: Partial<ConstructorParameters<typeof DnsFirewallRuleGroup>[2]> = {}) => {
    const s = stack();
    new DnsFirewallRuleGroup(s, 'dns-firewall', {
      name: 'shop-dns-firewall',
      managedDomainLists: [
        { name: 'AWSManagedDomainsAggregateThreatList', id: 'rslvr-fdl-0a1b2c3d4e5f6a7b' },
        { name: 'AWSManagedDomainsBotnetCommandandControl', id: 'rslvr-fdl-1b2c3d4e5f6a7b8c' },
      ],
      blockDomains: ['*.pastebin.com'],
      allowDomains: ['updates.example.com'],
      sharePrincipals: [ORG],
      ...extra,
    });
    return Template.fromStack(s);
  };

  it('allows first, then blocks the user list and each managed list in order, with NXDOMAIN by default', () => {
    const t = build();
    const group = t.resource('aws_route53_resolver_firewall_rule_group', { name: 'shop-dns-firewall' });
    const allowList = t.resource('aws_route53_resolver_firewall_domain_list', { name: 'shop-dns-firewall-allow' });
    const blockList = t.resource('aws_route53_resolver_firewall_domain_list', { name: 'shop-dns-firewall-block' });
    expect(allowList.props.domains).toEqual(['updates.example.com']);
    expect(blockList.props.domains).toEqual(['*.pastebin.com']);
    const rules = t.resources('aws_route53_resolver_firewall_rule').map((r) => r.props).sort((a, b) => a.priority - b.priority);
    expect(rules.map((r) => [r.name, r.action, r.priority, r.block_response, r.firewall_domain_list_id])).toEqual([
      ['shop-dns-firewall-allow', 'ALLOW', 100, undefined, Template.ref(allowList)],
      ['shop-dns-firewall-block', 'BLOCK', 200, 'NXDOMAIN', Template.ref(blockList)],
      ['shop-dns-firewall-AWSManagedDomainsAggregateThreatList', 'BLOCK', 300, 'NXDOMAIN', 'rslvr-fdl-0a1b2c3d4e5f6a7b'],
      ['shop-dns-firewall-AWSManagedDomainsBotnetCommandandControl', 'BLOCK', 310, 'NXDOMAIN', 'rslvr-fdl-1b2c3d4e5f6a7b8c'],
    ]);
    for (const r of rules) expect(r.firewall_rule_group_id).toBe(Template.ref(group));
  });

  it('shares the rule group through an organization-internal RAM share', () => {
    const t = build();
    const group = t.resource('aws_route53_resolver_firewall_rule_group');
    const share = t.resource('aws_ram_resource_share', { name: 'shop-dns-firewall-share' });
    expect(share.props.allow_external_principals).toBe(false);
    expect(t.resource('aws_ram_resource_association').props).toEqual({ resource_arn: Template.ref(group, 'arn'), resource_share_arn: Template.ref(share, 'arn') });
    expect(t.resource('aws_ram_principal_association').props.principal).toBe(ORG);
  });

  it('answers blocked queries with the override CNAME', () => {
    const t = build({ blockResponse: 'OVERRIDE', blockOverride: { domain: 'blocked.example.com', ttl: 60 }, allowDomains: [], managedDomainLists: [] });
    expect(t.count('aws_route53_resolver_firewall_domain_list')).toBe(1);
    expect(t.resource('aws_route53_resolver_firewall_rule').props).toMatchObject({
      action: 'BLOCK',
      block_response: 'OVERRIDE',
      block_override_dns_type: 'CNAME',
      block_override_domain: 'blocked.example.com',
      block_override_ttl: 60,
    });
  });

  it('refuses a group that blocks nothing, a bad list id and OVERRIDE without its answer', () => {
    expect(() => build({ managedDomainLists: [], blockDomains: [] })).toThrow(/blocks nothing/);
    expect(() => build({ managedDomainLists: [{ name: 'AWSManagedDomainsMalwareDomainList', id: 'AWSManagedDomainsMalwareDomainList' }] })).toThrow(/not a domain list id/);
    expect(() => build({ blockResponse: 'OVERRIDE' })).toThrow(/OVERRIDE needs blockOverride/);
  });
});

describe('DnsFirewallAssociation', () => {
  it('associates the group at priority 1000 and fails closed by default', () => {
    const s = stack();
    new DnsFirewallAssociation(s, 'dns-firewall-vpc', { name: 'shop-shop-dev-vpc-dns-firewall', vpcId: 'vpc-0a1b2c3d', ruleGroupId: 'rslvr-frg-0123456789abcdef' });
    const t = Template.fromStack(s);
    expect(t.resource('aws_route53_resolver_firewall_rule_group_association').props).toMatchObject({
      name: 'shop-shop-dev-vpc-dns-firewall',
      firewall_rule_group_id: 'rslvr-frg-0123456789abcdef',
      vpc_id: 'vpc-0a1b2c3d',
      priority: 1000,
    });
    expect(t.resource('aws_route53_resolver_firewall_config').props).toEqual({ resource_id: 'vpc-0a1b2c3d', firewall_fail_open: 'DISABLED' });
  });

  it('fails open when asked', () => {
    const s = stack();
    new DnsFirewallAssociation(s, 'a', { name: 'a', vpcId: 'vpc-0a1b2c3d', ruleGroupId: 'rslvr-frg-1', failOpen: true });
    expect(Template.fromStack(s).resource('aws_route53_resolver_firewall_config').props.firewall_fail_open).toBe('ENABLED');
  });

  it('refuses a priority outside 100-9900 (the rest is Firewall Manager\'s) and a bad name', () => {
    expect(() => new DnsFirewallAssociation(stack(), 'a', { name: 'a', vpcId: 'vpc-1', ruleGroupId: 'rslvr-frg-1', priority: 99 })).toThrow(/priority 99 must be an integer from 100 to 9900/);
    expect(() => new DnsFirewallAssociation(stack(), 'a', { name: 'a/b', vpcId: 'vpc-1', ruleGroupId: 'rslvr-frg-1' })).toThrow(/name "a\/b"/);
  });
});

describe('BlockPublicAccess', () => {
  it('creates the exclusions before it turns the account block on', () => {
    const s = stack();
    new BlockPublicAccess(s, 'block-public-access', {
      name: 'shop-hub-bpa',
      mode: 'bidirectional',
      exclusions: [
        { key: 'egress-public-1', subnetId: 'subnet-1', mode: 'allow-egress', reason: 'central egress NAT' },
        { key: 'shop-prod', vpcId: 'vpc-2', mode: 'allow-bidirectional', reason: 'internet-facing ALB' },
      ],
    });
    const t = Template.fromStack(s);
    const subnetExclusion = t.resource('aws_vpc_block_public_access_exclusion', { subnet_id: 'subnet-1' });
    const vpcExclusion = t.resource('aws_vpc_block_public_access_exclusion', { vpc_id: 'vpc-2' });
    expect(subnetExclusion.props).toEqual({ internet_gateway_exclusion_mode: 'allow-egress', subnet_id: 'subnet-1', tags: { Name: 'shop-hub-bpa-egress-public-1', Reason: 'central egress NAT' } });
    expect(vpcExclusion.props.internet_gateway_exclusion_mode).toBe('allow-bidirectional');
    const options = t.resource('aws_vpc_block_public_access_options');
    expect(options.props.internet_gateway_block_mode).toBe('block-bidirectional');
    expect([...options.props.depends_on].sort()).toEqual([subnetExclusion.address, vpcExclusion.address].sort());
  });

  it('maps ingress to block-ingress', () => {
    const s = stack();
    new BlockPublicAccess(s, 'bpa', { name: 'x', mode: 'ingress' });
    const t = Template.fromStack(s);
    expect(t.resource('aws_vpc_block_public_access_options').props.internet_gateway_block_mode).toBe('block-ingress');
    expect(t.count('aws_vpc_block_public_access_exclusion')).toBe(0);
  });

  it('refuses an exclusion naming both a VPC and a subnet, or a duplicate key', () => {
    expect(() => new BlockPublicAccess(stack(), 'b', { name: 'x', mode: 'ingress', exclusions: [{ key: 'a', vpcId: 'vpc-1', subnetId: 'subnet-1', mode: 'allow-egress', reason: 'r' }] })).toThrow(/exactly one of vpcId and subnetId/);
    expect(() =>
      new BlockPublicAccess(stack(), 'b', {
        name: 'x',
        mode: 'ingress',
        exclusions: [
          { key: 'a', vpcId: 'vpc-1', mode: 'allow-egress', reason: 'r' },
          { key: 'a', vpcId: 'vpc-2', mode: 'allow-egress', reason: 'r' },
        ],
      }),
    ).toThrow(/used twice/);
  });

  it('refuses a reason longer than a tag value (256 characters)', () => {
    const build = (reason: string) => () => new BlockPublicAccess(stack(), 'b', { name: 'x', mode: 'ingress', exclusions: [{ key: 'a', vpcId: 'vpc-1', mode: 'allow-egress', reason }] });
    expect(build('r'.repeat(256))).not.toThrow();
    expect(build('r'.repeat(257))).toThrow('exclusion a: reason must be 1-256 characters (it becomes a tag value)');
  });
});
