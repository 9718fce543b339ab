import { ref } from '../../../../analysis/graph/graph';
import { reasonRule as bpa02, rule as bpa01 } from '../../../../analysis/rules/network/block-public-access';
import { failClosedRule as dnsfw02, rule as dnsfw01 } from '../../../../analysis/rules/network/dns-firewall-every-vpc';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const hubVpc = resource('hub', 'aws_vpc', 'egress', { cidr_block: '10.255.0.0/24', tags: { Name: 'shop-egress' } });
const spokeVpc = resource('spoke', 'aws_vpc', 'app', { cidr_block: '172.16.0.0/16', tags: { Name: 'shop-prod' } });
const group = resource('hub', 'aws_route53_resolver_firewall_rule_group', 'fw', { name: 'shop-dns-firewall' });
const association = (stack: string, vpc: typeof hubVpc, ruleGroup: unknown = ref(group.id)) =>
  resource(stack, 'aws_route53_resolver_firewall_rule_group_association', `fw-${vpc.name}`, { name: 'a', vpc_id: ref(vpc.id), firewall_rule_group_id: ruleGroup as string, priority: 1000 });
const config = (stack: string, vpc: typeof hubVpc, failOpen: unknown) => resource(stack, 'aws_route53_resolver_firewall_config', `cfg-${vpc.name}`, { resource_id: ref(vpc.id), firewall_fail_open: failOpen as string });

describe('LZ-DNSFW01 DNS Firewall on every VPC', () => {
  it('has nothing to say about a landing zone without DNS Firewall', () => {
    expect(findings(dnsfw01, hubVpc, spokeVpc)).toEqual([]);
  });

  it('passes when every VPC is associated, the spoke with the group id it reads from the hub', () => {
    expect(findings(dnsfw01, hubVpc, spokeVpc, group, association('hub', hubVpc), association('spoke', spokeVpc, 'rslvr-frg-0123456789abcdef'))).toEqual([]);
  });

  it('reports the VPC left out', () => {
    expect(findings(dnsfw01, hubVpc, spokeVpc, group, association('hub', hubVpc))).toEqual([
      { resource: 'spoke:aws_vpc.app', message: "no DNS Firewall rule group is associated with VPC shop-prod: its DNS queries bypass the landing zone's DNS Firewall" },
    ]);
  });

  it('reports an association whose VPC is unknown as unknown for the VPCs it might cover', () => {
    const hidden = resource('spoke', 'aws_route53_resolver_firewall_rule_group_association', 'x', { name: 'x', vpc_id: unknown('${var.vpc_id}'), firewall_rule_group_id: ref(group.id), priority: 1000 });
    expect(findings(dnsfw01, hubVpc, spokeVpc, group, association('hub', hubVpc), hidden)).toEqual([
      { resource: 'spoke:aws_vpc.app', message: expect.stringMatching(/^cannot prove this VPC is associated with a DNS Firewall rule group: vpc_id .* is unknown before apply$/), unknown: true },
    ]);
  });
});

describe('LZ-DNSFW02 DNS Firewall fails closed', () => {
  it('passes a VPC that fails closed, explicitly or by default', () => {
    expect(findings(dnsfw02, hubVpc, group, association('hub', hubVpc), config('hub', hubVpc, 'DISABLED'))).toEqual([]);
    expect(findings(dnsfw02, hubVpc, group, association('hub', hubVpc))).toEqual([]);
  });

  it('warns about a VPC that fails open, and cannot prove an unknown setting', () => {
    expect(findings(dnsfw02, hubVpc, group, association('hub', hubVpc), config('hub', hubVpc, 'ENABLED'))).toEqual([
      { resource: 'hub:aws_route53_resolver_firewall_rule_group_association.fw-egress', message: 'VPC shop-egress fails open (hub:aws_route53_resolver_firewall_config.cfg-egress): queries DNS Firewall cannot evaluate are answered' },
    ]);
    expect(findings(dnsfw02, hubVpc, group, association('hub', hubVpc), config('hub', hubVpc, unknown('${var.fail_open}')))[0]).toMatchObject({ unknown: true });
  });
});

const options = (stack: string, mode: unknown) => resource(stack, 'aws_vpc_block_public_access_options', 'bpa', { internet_gateway_block_mode: mode as string });

describe('LZ-BPA01 Block Public Access in every account with VPCs', () => {
  it('has nothing to say about a landing zone without Block Public Access', () => {
    expect(findings(bpa01, hubVpc, spokeVpc)).toEqual([]);
  });

  it('passes when every VPC-owning workspace blocks', () => {
    expect(findings(bpa01, hubVpc, spokeVpc, options('hub', 'block-bidirectional'), options('spoke', 'block-ingress'))).toEqual([]);
  });

  it('reports the workspace that sets nothing, one that turns it off, and an unknown mode', () => {
    expect(findings(bpa01, hubVpc, spokeVpc, options('hub', 'block-bidirectional'))).toEqual([
      { resource: 'spoke:aws_vpc.app', message: 'workspace spoke owns VPC shop-prod but sets no VPC Block Public Access for its account' },
    ]);
    expect(findings(bpa01, hubVpc, spokeVpc, options('hub', 'block-bidirectional'), options('spoke', 'off'))).toEqual([
      { resource: 'spoke:aws_vpc_block_public_access_options.bpa', message: 'internet_gateway_block_mode is off for the account of spoke' },
    ]);
    expect(findings(bpa01, hubVpc, spokeVpc, options('hub', 'block-bidirectional'), options('spoke', unknown('${var.mode}')))[0]).toMatchObject({ resource: 'spoke:aws_vpc_block_public_access_options.bpa', unknown: true });
  });
});

describe('LZ-BPA02 exclusions carry their reason', () => {
  const subnet = resource('hub', 'aws_subnet', 'public', { vpc_id: ref(hubVpc.id), cidr_block: '10.255.0.0/26' });
  const exclusion = (tags: Record<string, string>) => resource('hub', 'aws_vpc_block_public_access_exclusion', 'nat', { subnet_id: ref(subnet.id), internet_gateway_exclusion_mode: 'allow-egress', tags });
  it('passes an exclusion with a Reason tag and reports one without', () => {
    expect(findings(bpa02, hubVpc, subnet, exclusion({ Reason: 'central egress NAT' }))).toEqual([]);
    expect(findings(bpa02, hubVpc, subnet, exclusion({ Name: 'x' }))).toEqual([{ resource: 'hub:aws_vpc_block_public_access_exclusion.nat', message: 'exclusion allow-egress has no Reason tag' }]);
  });
});
