import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AddressManager } from '../../constructs/ipam/address-manager';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { loadConfig, parseConfig } from '../../config/load';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { Template } from '../helpers/template';

const ORG = 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  return s;
}

const POOLS = [
  { name: 'org', cidr: '172.16.0.0/12' },
  { name: 'nonprod', parent: 'org', cidr: '172.20.0.0/14', locale: 'ap-northeast-2', allocation: { defaultPrefixLength: 20, min: 16, max: 24 } },
];

describe('AddressManager', () => {
  const build = () => {
    const s = stack();
    new AddressManager(s, 'ipam', { namePrefix: 'shop', operatingRegions: ['ap-northeast-2'], pools: POOLS, sharePrincipals: [ORG] });
    return Template.fromStack(s);
  };

  it('creates an Advanced Tier IPAM operating in the given regions', () => {
    expect(build().resource('aws_vpc_ipam').props).toEqual({ description: 'shop landing zone IPAM', tier: 'advanced', operating_regions: [{ region_name: 'ap-northeast-2' }], tags: { Name: 'shop' } });
  });

  it('creates a top-level pool without locale and a child pool with locale, parent and allocation rules', () => {
    const t = build();
    const ipam = t.resource('aws_vpc_ipam');
    const org = t.byName('aws_vpc_ipam_pool', 'shop-org');
    expect(org.props).toEqual({ address_family: 'ipv4', description: 'shop org', ipam_scope_id: Template.ref(ipam, 'private_default_scope_id'), tags: { Name: 'shop-org' } });
    expect(t.byName('aws_vpc_ipam_pool', 'shop-nonprod').props).toEqual({
      address_family: 'ipv4',
      description: 'shop nonprod',
      ipam_scope_id: Template.ref(ipam, 'private_default_scope_id'),
      locale: 'ap-northeast-2',
      source_ipam_pool_id: Template.ref(org),
      allocation_default_netmask_length: 20,
      allocation_min_netmask_length: 16,
      allocation_max_netmask_length: 24,
      tags: { Name: 'shop-nonprod' },
    });
  });

  it('provisions each pool its CIDR, a child only after its parent', () => {
    const t = build();
    const orgCidr = t.resource('aws_vpc_ipam_pool_cidr', { cidr: '172.16.0.0/12' });
    expect(orgCidr.props).toEqual({ cidr: '172.16.0.0/12', ipam_pool_id: Template.ref(t.byName('aws_vpc_ipam_pool', 'shop-org')) });
    expect(t.resource('aws_vpc_ipam_pool_cidr', { cidr: '172.20.0.0/14' }).props).toEqual({
      cidr: '172.20.0.0/14',
      ipam_pool_id: Template.ref(t.byName('aws_vpc_ipam_pool', 'shop-nonprod')),
      depends_on: [orgCidr.address],
    });
  });

  it('shares only the pools with a locale with the organization', () => {
    const t = build();
    const share = t.resource('aws_ram_resource_share');
    expect(share.props).toEqual({ name: 'shop-ipam-pools', allow_external_principals: false, tags: { Name: 'shop-ipam-pools' } });
    expect(t.resources('aws_ram_resource_association').map((r) => r.props)).toEqual([{ resource_arn: Template.ref(t.byName('aws_vpc_ipam_pool', 'shop-nonprod'), 'arn'), resource_share_arn: Template.ref(share, 'arn') }]);
    expect(t.resource('aws_ram_principal_association').props).toEqual({ principal: ORG, resource_share_arn: Template.ref(share, 'arn') });
  });

  it('puts every resource on the given provider (a delegated IPAM account)', () => {
    const s = stack();
    const other = new AwsProvider(s, 'aws-ipam', { region: 'ap-northeast-2', alias: 'ipam' });
    new AddressManager(s, 'ipam', { namePrefix: 'shop', operatingRegions: ['ap-northeast-2'], pools: POOLS, sharePrincipals: [ORG], provider: other });
    const t = Template.fromStack(s);
    for (const type of ['aws_vpc_ipam', 'aws_vpc_ipam_pool', 'aws_vpc_ipam_pool_cidr', 'aws_ram_resource_share', 'aws_ram_resource_association', 'aws_ram_principal_association']) {
      for (const r of t.resources(type)) expect([type, r.props.provider]).toEqual([type, 'aws.ipam']);
    }
  });

  it('reserves each given range in its pool, after the pool has its CIDR, and refuses a range outside the pool', () => {
    const s = stack();
    new AddressManager(s, 'ipam', {
      namePrefix: 'shop',
      operatingRegions: ['ap-northeast-2'],
      pools: POOLS,
      sharePrincipals: [ORG],
      reservations: [{ key: 'onprem-172-22-0-0-16', pool: 'nonprod', cidr: '172.22.0.0/16', description: 'on-premises 172.22.0.0/16' }],
    });
    const t = Template.fromStack(s);
    expect(t.resource('aws_vpc_ipam_pool_cidr_allocation').props).toEqual({
      cidr: '172.22.0.0/16',
      description: 'on-premises 172.22.0.0/16',
      ipam_pool_id: Template.ref(t.byName('aws_vpc_ipam_pool', 'shop-nonprod')),
      depends_on: [t.resource('aws_vpc_ipam_pool_cidr', { cidr: '172.20.0.0/14' }).address],
    });
    const outside = () =>
      new AddressManager(stack(), 'ipam', { namePrefix: 'shop', operatingRegions: ['ap-northeast-2'], pools: POOLS, sharePrincipals: [ORG], reservations: [{ key: 'x', pool: 'nonprod', cidr: '172.16.0.0/16', description: 'x' }] });
    expect(outside).toThrow('reservation "x" 172.16.0.0/16 is not inside pool "nonprod" (172.20.0.0/14)');
  });

  it('refuses a child outside its parent, a parent listed later and a locale outside the operating regions', () => {
    const make = (pools: typeof POOLS, regions = ['ap-northeast-2']) => () => new AddressManager(stack(), 'ipam', { namePrefix: 'shop', operatingRegions: regions, pools, sharePrincipals: [ORG] });
    expect(make([POOLS[0], { ...POOLS[1], cidr: '10.0.0.0/14' }])).toThrow('pool "nonprod" cidr 10.0.0.0/14 is outside its parent "org" (172.16.0.0/12)');
    expect(make([POOLS[1], POOLS[0]])).toThrow('pool "nonprod" names parent "org", which is not listed before it');
    expect(make(POOLS, ['us-east-1'])).toThrow('pool "nonprod" locale ap-northeast-2 is not an operating region of the IPAM');
  });
});

describe('IPAM in the stacks (examples/ipam.yaml)', () => {
  const lz = loadConfig('examples/ipam.yaml').landingZone;
  const stacks = buildLandingZone(Testing.app(), lz);
  const hub = Template.fromStack(stacks.hub);

  it('publishes the id of every allocatable pool from the hub', () => {
    for (const pool of ['prod', 'nonprod', 'shared']) {
      expect(hub.resource('aws_ssm_parameter', { name: `/landing-zone/shop/hub/ipam-pool-${pool}` }).props.value).toBe(Template.ref(hub.byName('aws_vpc_ipam_pool', `shop-${pool}`)));
    }
    expect(hub.resources('aws_ssm_parameter').filter((r) => r.props.name.includes('ipam-pool-org'))).toEqual([]);
  });

  it('pins an IPAM spoke VPC to its recorded allocation from the shared pool', () => {
    const staging = Template.fromStack(stacks.spokes.find((s) => s.node.id === 'shop-spoke-shop-staging')!);
    expect(staging.resource('aws_vpc').props).toEqual({
      cidr_block: '172.21.0.0/20',
      ipv4_ipam_pool_id: staging.published('/landing-zone/shop/hub/ipam-pool-nonprod'),
      enable_dns_hostnames: true,
      enable_dns_support: true,
      tags: { Name: 'shop-staging' },
    });
  });

  it('leaves a spoke with a written range off the pool; the spoke reserves that range in the shared pool itself, the hub reserves nothing for it', () => {
    const prod = Template.fromStack(stacks.spokes.find((s) => s.node.id === 'shop-spoke-shop-prod')!);
    expect(prod.resource('aws_vpc').props.ipv4_ipam_pool_id).toBeUndefined();
    expect(prod.resource('aws_vpc').props.cidr_block).toBe('172.16.0.0/16');
    // The prod pool is shared with the organization: without the reservation an account allocating from it would receive 172.16.0.0/16.
    expect(prod.resource('aws_vpc_ipam_pool_cidr_allocation').props).toEqual({
      cidr: '172.16.0.0/16',
      description: 'spoke shop-prod VPC (written cidr)',
      ipam_pool_id: prod.published('/landing-zone/shop/hub/ipam-pool-prod'),
    });
    expect(hub.resources('aws_vpc_ipam_pool_cidr_allocation')).toEqual([]);
    // A spoke taking its range from the pool needs no reservation: its VPC is the allocation.
    const staging = Template.fromStack(stacks.spokes.find((s) => s.node.id === 'shop-spoke-shop-staging')!);
    expect(staging.resources('aws_vpc_ipam_pool_cidr_allocation')).toEqual([]);
  });
});

describe('IPAM in a delegated account (hub stack)', () => {
  it('creates the IPAM through an aliased provider that assumes the role of, and only admits, the IPAM account', () => {
    const raw = parse(readFileSync('examples/ipam.yaml', 'utf8'));
    raw.ipam.account = '777777777777';
    const lz = parseConfig(stringify(raw), 'examples/ipam.yaml').landingZone;
    const hub = Template.fromStack(buildLandingZone(Testing.app(), lz).hub);
    const providers = hub.json.provider.aws as Record<string, unknown>[];
    expect(providers.find((p) => p.alias === 'ipam')).toMatchObject({
      alias: 'ipam',
      allowed_account_ids: ['777777777777'],
      assume_role: [{ role_arn: 'arn:aws:iam::777777777777:role/OrganizationAccountAccessRole' }],
    });
    expect(hub.resource('aws_vpc_ipam').props.provider).toBe('aws.ipam');
    // The pool ids are still published in the hub account, where the spokes read them.
    expect(hub.resource('aws_ssm_parameter', { name: '/landing-zone/shop/hub/ipam-pool-nonprod' }).props.provider).toBeUndefined();
  });
});
