import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ApplicationVpc, ApplicationSubnetProps } from '../../constructs/network/application-vpc';
import { NatProvider } from '../../constructs/network/nat-provider';
import { Template } from '../helpers/template';

/** The seed's layout: 2 public /24, 2 web /20, 3 DB /20 over three AZs. */
const SEED_SUBNETS: ApplicationSubnetProps[] = [
  { name: 'public-1', tier: 'public', cidr: '172.16.1.0/24', az: 'ap-northeast-2a' },
  { name: 'public-2', tier: 'public', cidr: '172.16.2.0/24', az: 'ap-northeast-2c' },
  { name: 'web-1', tier: 'app', cidr: '172.16.32.0/20', az: 'ap-northeast-2a' },
  { name: 'web-2', tier: 'app', cidr: '172.16.48.0/20', az: 'ap-northeast-2c' },
  { name: 'db-1', tier: 'db', cidr: '172.16.128.0/20', az: 'ap-northeast-2a' },
  { name: 'db-2', tier: 'db', cidr: '172.16.144.0/20', az: 'ap-northeast-2b' },
  { name: 'db-3', tier: 'db', cidr: '172.16.160.0/20', az: 'ap-northeast-2c' },
];

function synth(subnets: ApplicationSubnetProps[], natProvider?: NatProvider, mapPublicIpOnLaunch?: boolean): Template {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  new ApplicationVpc(stack, 'app-vpc', { namePrefix: 'shop-prod', cidr: '172.16.0.0/16', subnets, natProvider, mapPublicIpOnLaunch });
  return Template.fromStack(stack);
}

/** Route-table Name tag → sorted "destination -> target" lines, read from the synthesized routes. */
function routesByTable(t: Template): Record<string, string[]> {
  const tableName = new Map(t.resources('aws_route_table').map((rt) => [Template.ref(rt), rt.props.tags.Name]));
  const targetName = new Map<string, string>([
    ...t.resources('aws_internet_gateway').map((g) => [Template.ref(g), `igw ${g.props.tags.Name}`] as [string, string]),
    ...t.resources('aws_nat_gateway').map((n) => [Template.ref(n), `nat ${n.props.tags.Name}`] as [string, string]),
  ]);
  const out: Record<string, string[]> = {};
  for (const rt of t.resources('aws_route_table')) out[rt.props.tags.Name] = [];
  for (const r of t.resources('aws_route')) {
    const target = targetName.get(r.props.gateway_id ?? r.props.nat_gateway_id) ?? 'UNKNOWN';
    out[tableName.get(r.props.route_table_id)!].push(`${r.props.destination_cidr_block} -> ${target}`);
  }
  return out;
}

/** Subnet Name tag → route table Name tag. */
function associations(t: Template): Record<string, string> {
  const tableName = new Map(t.resources('aws_route_table').map((rt) => [Template.ref(rt), rt.props.tags.Name]));
  const subnetName = new Map(t.resources('aws_subnet').map((s) => [Template.ref(s), s.props.tags.Name]));
  return Object.fromEntries(t.resources('aws_route_table_association').map((a) => [subnetName.get(a.props.subnet_id), tableName.get(a.props.route_table_id)]));
}

describe('ApplicationVpc', () => {
  describe('the seed layout with a single NAT gateway', () => {
    const t = synth(SEED_SUBNETS, NatProvider.single());

    test('creates the VPC with DNS support and hostnames on', () => {
      expect(t.resources('aws_vpc').map((r) => r.props)).toEqual([
        { cidr_block: '172.16.0.0/16', enable_dns_support: true, enable_dns_hostnames: true, tags: { Name: 'shop-prod' } },
      ]);
    });

    test('creates every subnet in its AZ, no public IPs on launch by default, not even in the public tier', () => {
      expect(
        t.resources('aws_subnet').map((r) => [r.props.tags.Name, r.props.cidr_block, r.props.availability_zone, r.props.map_public_ip_on_launch, r.props.tags.Tier]).sort(),
      ).toEqual(
        [
          ['shop-prod-db-1', '172.16.128.0/20', 'ap-northeast-2a', false, 'db'],
          ['shop-prod-db-2', '172.16.144.0/20', 'ap-northeast-2b', false, 'db'],
          ['shop-prod-db-3', '172.16.160.0/20', 'ap-northeast-2c', false, 'db'],
          ['shop-prod-public-1', '172.16.1.0/24', 'ap-northeast-2a', false, 'public'],
          ['shop-prod-public-2', '172.16.2.0/24', 'ap-northeast-2c', false, 'public'],
          ['shop-prod-web-1', '172.16.32.0/20', 'ap-northeast-2a', false, 'app'],
          ['shop-prod-web-2', '172.16.48.0/20', 'ap-northeast-2c', false, 'app'],
        ].sort(),
      );
    });

    test('places one NAT gateway with one EIP in public subnet 1', () => {
      expect(t.count('aws_eip')).toBe(1);
      expect(t.count('aws_nat_gateway')).toBe(1);
      const nat = t.resources('aws_nat_gateway')[0];
      expect(nat.props.subnet_id).toBe(Template.ref(t.byName('aws_subnet', 'shop-prod-public-1')));
      expect(nat.props.allocation_id).toBe(Template.ref(t.resources('aws_eip')[0], 'allocation_id'));
      expect(nat.props.connectivity_type).toBe('public');
      expect(nat.props.depends_on).toEqual([t.resources('aws_internet_gateway')[0].address]);
      expect(t.resources('aws_eip')[0].props.domain).toBe('vpc');
    });

    test('routes: public to the IGW, every private tier and AZ to the one NAT', () => {
      expect(routesByTable(t)).toEqual({
        'shop-prod-public': ['0.0.0.0/0 -> igw shop-prod-igw'],
        'shop-prod-app-ap-northeast-2a': ['0.0.0.0/0 -> nat shop-prod-nat-public-1'],
        'shop-prod-app-ap-northeast-2c': ['0.0.0.0/0 -> nat shop-prod-nat-public-1'],
        'shop-prod-db-ap-northeast-2a': ['0.0.0.0/0 -> nat shop-prod-nat-public-1'],
        'shop-prod-db-ap-northeast-2b': ['0.0.0.0/0 -> nat shop-prod-nat-public-1'],
        'shop-prod-db-ap-northeast-2c': ['0.0.0.0/0 -> nat shop-prod-nat-public-1'],
      });
    });

    test('associates each subnet with the table of its tier and AZ', () => {
      expect(associations(t)).toEqual({
        'shop-prod-public-1': 'shop-prod-public',
        'shop-prod-public-2': 'shop-prod-public',
        'shop-prod-web-1': 'shop-prod-app-ap-northeast-2a',
        'shop-prod-web-2': 'shop-prod-app-ap-northeast-2c',
        'shop-prod-db-1': 'shop-prod-db-ap-northeast-2a',
        'shop-prod-db-2': 'shop-prod-db-ap-northeast-2b',
        'shop-prod-db-3': 'shop-prod-db-ap-northeast-2c',
      });
    });

    test('adopts the default security group and leaves it without rules', () => {
      const sg = t.resources('aws_default_security_group');
      expect(sg).toHaveLength(1);
      expect(sg[0].props.vpc_id).toBe(Template.ref(t.resources('aws_vpc')[0]));
      expect(sg[0].props.ingress).toBeUndefined();
      expect(sg[0].props.egress).toBeUndefined();
    });

    test('exactly these resources', () => {
      expect(t.inventory()).toEqual({
        aws_default_security_group: 1,
        aws_eip: 1,
        aws_internet_gateway: 1,
        aws_nat_gateway: 1,
        aws_route: 6,
        aws_route_table: 6,
        aws_route_table_association: 7,
        aws_subnet: 7,
        aws_vpc: 1,
      });
    });
  });

  test('natGateways none: no NAT, no EIP, private tables without a default route', () => {
    const t = synth(SEED_SUBNETS, NatProvider.none());
    expect(t.count('aws_nat_gateway')).toBe(0);
    expect(t.count('aws_eip')).toBe(0);
    const routes = routesByTable(t);
    expect(routes['shop-prod-public']).toEqual(['0.0.0.0/0 -> igw shop-prod-igw']);
    expect(Object.entries(routes).filter(([k]) => k !== 'shop-prod-public').every(([, r]) => r.length === 0)).toBe(true);
  });

  test('tgw attachment subnets get their own table per AZ and never a NAT default route', () => {
    const t = synth([...SEED_SUBNETS, { name: 'tgw-a', tier: 'tgw', cidr: '172.16.0.0/28', az: 'ap-northeast-2a' }], NatProvider.single());
    expect(routesByTable(t)['shop-prod-tgw-ap-northeast-2a']).toEqual([]);
    expect(associations(t)['shop-prod-tgw-a']).toBe('shop-prod-tgw-ap-northeast-2a');
  });

  test('the default NAT provider is none', () => {
    expect(synth(SEED_SUBNETS).count('aws_nat_gateway')).toBe(0);
  });

  test('natGateways per-az: one NAT per AZ with a public subnet, each AZ routed to its own', () => {
    const subnets: ApplicationSubnetProps[] = [
      { name: 'pub-a', tier: 'public', cidr: '172.16.0.0/24', az: 'ap-northeast-2a' },
      { name: 'pub-b', tier: 'public', cidr: '172.16.1.0/24', az: 'ap-northeast-2b' },
      { name: 'app-a', tier: 'app', cidr: '172.16.16.0/20', az: 'ap-northeast-2a' },
      { name: 'app-b', tier: 'app', cidr: '172.16.32.0/20', az: 'ap-northeast-2b' },
    ];
    const t = synth(subnets, NatProvider.perAz());
    expect(t.count('aws_nat_gateway')).toBe(2);
    expect(t.count('aws_eip')).toBe(2);
    expect(routesByTable(t)).toEqual({
      'shop-prod-public': ['0.0.0.0/0 -> igw shop-prod-igw'],
      'shop-prod-app-ap-northeast-2a': ['0.0.0.0/0 -> nat shop-prod-nat-pub-a'],
      'shop-prod-app-ap-northeast-2b': ['0.0.0.0/0 -> nat shop-prod-nat-pub-b'],
    });
  });

  test('mapPublicIpOnLaunch: public IPs on launch in the public tier only', () => {
    const t = synth(SEED_SUBNETS, NatProvider.single(), true);
    expect(Object.fromEntries(t.resources('aws_subnet').map((r) => [r.props.tags.Name, r.props.map_public_ip_on_launch]))).toEqual({
      'shop-prod-public-1': true,
      'shop-prod-public-2': true,
      'shop-prod-web-1': false,
      'shop-prod-web-2': false,
      'shop-prod-db-1': false,
      'shop-prod-db-2': false,
      'shop-prod-db-3': false,
    });
  });

  test('no public tier: no IGW, no public route table and no subnet mapping public IPs, even when asked', () => {
    const t = synth(SEED_SUBNETS.filter((s) => s.tier !== 'public'), undefined, true);
    expect(t.count('aws_internet_gateway')).toBe(0);
    expect(Object.keys(routesByTable(t))).not.toContain('shop-prod-public');
    expect(t.count('aws_route')).toBe(0);
    expect(t.resources('aws_subnet').every((s) => s.props.map_public_ip_on_launch === false)).toBe(true);
  });

  test('single NAT without a public subnet is refused', () => {
    expect(() => synth(SEED_SUBNETS.filter((s) => s.tier !== 'public'), NatProvider.single())).toThrow(/single needs at least one public subnet/);
  });

  describe('validation names the construct path', () => {
    test.each([
      [[{ name: 'x', tier: 'app', cidr: '172.16.0.1/24', az: 'ap-northeast-2a' }], /test\/app-vpc: subnet "x" cidr "172.16.0.1\/24" has host bits set/],
      [[{ name: 'x', tier: 'app', cidr: '10.0.0.0/24', az: 'ap-northeast-2a' }], /test\/app-vpc: subnet "x" cidr 10.0.0.0\/24 is outside the VPC 172.16.0.0\/16/],
      [
        [
          { name: 'x', tier: 'app', cidr: '172.16.0.0/20', az: 'ap-northeast-2a' },
          { name: 'y', tier: 'db', cidr: '172.16.8.0/24', az: 'ap-northeast-2a' },
        ],
        /subnet "y" \(172.16.8.0\/24\) overlaps subnet "x" \(172.16.0.0\/20\)/,
      ],
      [
        [
          { name: 'x', tier: 'app', cidr: '172.16.0.0/24', az: 'ap-northeast-2a' },
          { name: 'x', tier: 'db', cidr: '172.16.1.0/24', az: 'ap-northeast-2a' },
        ],
        /subnet name "x" is used twice/,
      ],
    ] as [ApplicationSubnetProps[], RegExp][])('%#', (subnets, message) => {
      expect(() => synth(subnets)).toThrow(message);
    });
  });
});

describe('ApplicationVpc.selectSubnets', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  const vpc = new ApplicationVpc(stack, 'app-vpc', { namePrefix: 'shop-prod', cidr: '172.16.0.0/16', subnets: [...SEED_SUBNETS, { name: 'tgw-1', tier: 'tgw', cidr: '172.16.0.0/28', az: 'ap-northeast-2a' }] });
  // Ids are tokens until synth: write each selection to an output and read the references back.
  const db = vpc.selectSubnets({ tiers: ['db'] });
  new TerraformOutput(stack, 'db_subnets', { value: db.subnetIds });
  new TerraformOutput(stack, 'db_tables', { value: db.routeTableIds });
  new TerraformOutput(stack, 'public_tables', { value: vpc.selectSubnets({ tiers: ['public'] }).routeTableIds });
  new TerraformOutput(stack, 'private_tables', { value: vpc.selectSubnets({ tiers: ['app', 'db', 'endpoint'] }).routeTableIds });
  const t = Template.fromStack(stack);
  const output = (name: string): string[] => (t.json as any).output[name].value;
  const subnetRef = (name: string) => Template.ref(t.byName('aws_subnet', `shop-prod-${name}`));
  const tableRef = (name: string) => Template.ref(t.byName('aws_route_table', `shop-prod-${name}`));

  test('by tier: subnet ids, their route tables once each and their AZs, in config order', () => {
    expect(output('db_subnets')).toEqual([subnetRef('db-1'), subnetRef('db-2'), subnetRef('db-3')]);
    expect(output('db_tables')).toEqual([tableRef('db-ap-northeast-2a'), tableRef('db-ap-northeast-2b'), tableRef('db-ap-northeast-2c')]);
    expect(db.availabilityZones).toEqual(['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c']);
    expect(db.subnets.map((s) => [s.name, s.tier, s.az, s.cidr])).toEqual([
      ['db-1', 'db', 'ap-northeast-2a', '172.16.128.0/20'],
      ['db-2', 'db', 'ap-northeast-2b', '172.16.144.0/20'],
      ['db-3', 'db', 'ap-northeast-2c', '172.16.160.0/20'],
    ]);
  });

  test('public subnets share the one public route table; private tiers exclude public and tgw tables', () => {
    expect(output('public_tables')).toEqual([tableRef('public')]);
    expect(output('private_tables')).toEqual(
      ['app-ap-northeast-2a', 'app-ap-northeast-2c', 'db-ap-northeast-2a', 'db-ap-northeast-2b', 'db-ap-northeast-2c'].map(tableRef),
    );
  });

  test('by AZ, and one subnet per AZ for services that take one', () => {
    expect(vpc.selectSubnets({ azs: ['ap-northeast-2b'] }).subnets.map((s) => s.name)).toEqual(['db-2']);
    expect(vpc.selectSubnets({ tiers: ['app', 'db'], onePerAz: true }).subnets.map((s) => s.name)).toEqual(['web-1', 'web-2', 'db-2']);
    expect(vpc.selectSubnets().subnets).toHaveLength(8);
    expect(vpc.cidr).toBe('172.16.0.0/16');
  });
});
