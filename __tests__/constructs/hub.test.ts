import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SegmentEgressRoutes } from '../../constructs/hub/segment-routes';
import { SpokeAttachment } from '../../constructs/hub/spoke-attachment';
import { TransitGateway } from '../../constructs/hub/transit-gateway';
import { ResourceShare } from '../../constructs/hub/resource-share';
import { ApplicationVpc } from '../../constructs/network/application-vpc';
import { EgressVpc } from '../../constructs/network/egress-vpc';
import { NatProvider } from '../../constructs/network/nat-provider';
import { selectFrom, VpcRef } from '../../constructs/network/vpc-ref';
import { Template } from '../helpers/template';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  return s;
}

describe('TransitGateway', () => {
  const s = stack();
  const tgw = new TransitGateway(s, 'tgw', { namePrefix: 'shop', asn: 64512, routeTableNames: ['prod', 'nonprod', 'egress', 'onprem'] });
  const t = Template.fromStack(s);

  test('disables default association and propagation and auto-accept; DNS and VPN ECMP on', () => {
    expect(t.resources('aws_ec2_transit_gateway').map((r) => r.props)).toEqual([
      {
        description: 'shop landing zone hub',
        amazon_side_asn: 64512,
        auto_accept_shared_attachments: 'disable',
        default_route_table_association: 'disable',
        default_route_table_propagation: 'disable',
        dns_support: 'enable',
        vpn_ecmp_support: 'enable',
        multicast_support: 'disable',
        tags: { Name: 'shop-tgw' },
        lifecycle: { prevent_destroy: true },
      },
    ]);
  });

  test('one route table per name, tagged with it', () => {
    expect(t.resources('aws_ec2_transit_gateway_route_table').map((r) => [r.props.tags.Name, r.props.tags.Segment, r.props.transit_gateway_id])).toEqual(
      ['egress', 'nonprod', 'onprem', 'prod'].map((n) => [`shop-${n}`, n, Template.ref(t.resources('aws_ec2_transit_gateway')[0])]),
    );
    expect(tgw.routeTable('prod')).toBe(tgw.routeTables.get('prod'));
  });

  test('an unknown route table and a duplicate name are refused with the construct path', () => {
    expect(() => tgw.routeTable('dev')).toThrow('test/tgw: no route table "dev" (have: prod, nonprod, egress, onprem)');
    expect(() => new TransitGateway(stack(), 'tgw', { namePrefix: 'x', asn: 64512, routeTableNames: ['a', 'a'] })).toThrow('test/tgw: route table name "a" is used twice');
  });
});

describe('ResourceShare', () => {
  test('an internal-only share of the Transit Gateway with each principal', () => {
    const s = stack();
    new ResourceShare(s, 'share', { name: 'shop-tgw', resources: { tgw: 'arn:aws:ec2:ap-northeast-2:111111111111:transit-gateway/tgw-1' }, principals: ['arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5', '222222222222'] });
    const t = Template.fromStack(s);
    const share = t.resources('aws_ram_resource_share');
    expect(share.map((r) => r.props)).toEqual([{ name: 'shop-tgw', allow_external_principals: false, tags: { Name: 'shop-tgw' } }]);
    expect(t.resources('aws_ram_resource_association').map((r) => r.props)).toEqual([{ resource_arn: 'arn:aws:ec2:ap-northeast-2:111111111111:transit-gateway/tgw-1', resource_share_arn: Template.ref(share[0], 'arn') }]);
    expect(t.resources('aws_ram_principal_association').map((r) => r.props.principal).sort()).toEqual(['222222222222', 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5']);
  });

  test('no principals is refused', () => {
    expect(() => new ResourceShare(stack(), 'share', { name: 'x', resources: { tgw: 'arn' }, principals: [] })).toThrow(/principals must not be empty/);
  });
});

describe('SegmentEgressRoutes', () => {
  test('0.0.0.0/0 to the egress attachment and a blackhole per internal range', () => {
    const s = stack();
    new SegmentEgressRoutes(s, 'prod', { routeTableId: 'tgw-rtb-prod', egressAttachmentId: 'tgw-attach-egress', internalRanges: ['10.0.0.0/8', '172.16.0.0/12'] });
    const routes = Template.fromStack(s).resources('aws_ec2_transit_gateway_route').map((r) => r.props);
    expect(routes).toEqual(
      expect.arrayContaining([
        { transit_gateway_route_table_id: 'tgw-rtb-prod', destination_cidr_block: '0.0.0.0/0', transit_gateway_attachment_id: 'tgw-attach-egress' },
        { transit_gateway_route_table_id: 'tgw-rtb-prod', destination_cidr_block: '10.0.0.0/8', blackhole: true },
        { transit_gateway_route_table_id: 'tgw-rtb-prod', destination_cidr_block: '172.16.0.0/12', blackhole: true },
      ]),
    );
    expect(routes).toHaveLength(3);
  });
});

describe('EgressVpc', () => {
  const s = stack();
  new EgressVpc(s, 'egress', {
    namePrefix: 'shop-egress',
    cidr: '10.255.0.0/24',
    subnets: [
      { name: 'public-1', tier: 'public', cidr: '10.255.0.0/26', az: 'ap-northeast-2a' },
      { name: 'public-2', tier: 'public', cidr: '10.255.0.64/26', az: 'ap-northeast-2b' },
      { name: 'tgw-1', tier: 'tgw', cidr: '10.255.0.192/28', az: 'ap-northeast-2a' },
      { name: 'tgw-2', tier: 'tgw', cidr: '10.255.0.208/28', az: 'ap-northeast-2b' },
    ],
    natProvider: NatProvider.perAz(),
    transitGatewayId: 'tgw-1',
    egressRouteTableId: 'tgw-rtb-egress',
    internalRanges: ['10.0.0.0/8'],
  });
  const t = Template.fromStack(s);

  test('attaches through the tgw subnets only, owner-side defaults off, associated with the egress table', () => {
    const [attachment] = t.resources('aws_ec2_transit_gateway_vpc_attachment');
    expect(attachment.props).toEqual({
      transit_gateway_id: 'tgw-1',
      vpc_id: Template.ref(t.resources('aws_vpc')[0]),
      subnet_ids: [Template.ref(t.byName('aws_subnet', 'shop-egress-tgw-1')), Template.ref(t.byName('aws_subnet', 'shop-egress-tgw-2'))],
      dns_support: 'enable',
      appliance_mode_support: 'disable',
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
      tags: { Name: 'shop-egress-attachment' },
    });
    expect(t.resources('aws_ec2_transit_gateway_route_table_association').map((r) => r.props)).toEqual([
      { transit_gateway_attachment_id: Template.ref(attachment), transit_gateway_route_table_id: 'tgw-rtb-egress' },
    ]);
  });

  test('the public table returns internal ranges to the TGW after the attachment exists', () => {
    const back = t.resources('aws_route').filter((r) => r.props.transit_gateway_id);
    expect(back.map((r) => [r.props.destination_cidr_block, r.props.route_table_id, r.props.depends_on])).toEqual([
      ['10.0.0.0/8', Template.ref(t.byName('aws_route_table', 'shop-egress-public')), [t.resources('aws_ec2_transit_gateway_vpc_attachment')[0].address]],
    ]);
  });
});

describe('SpokeAttachment', () => {
  // A VPC reference without a VPC construct: attachment subnets are the `tgw` tier, one per listed AZ suffix.
  const vpcWith = (subnetIds: string[], azs = subnetIds.map((id) => `ap-northeast-2${id.slice(-1)}`)): VpcRef => {
    const subnets = subnetIds.map((id, i) => ({ id, name: id, az: azs[i], tier: 'tgw' as const, cidr: `172.16.0.${i * 16}/28`, routeTableId: `rtb-${id}` }));
    return { vpcId: 'vpc-1', cidr: '172.16.0.0/16', selectSubnets: (selection) => selectFrom([...subnets, { id: 'subnet-app', name: 'app', az: 'ap-northeast-2a', tier: 'app', cidr: '172.16.16.0/20', routeTableId: 'rtb-app' }], selection) };
  };
  const build = (subnetIds: string[], azs?: string[]) => {
    const s = stack();
    const hub = new AwsProvider(s, 'aws-hub', { region: 'ap-northeast-2', alias: 'hub' });
    new SpokeAttachment(s, 'tgw', { namePrefix: 'shop-prod', transitGatewayId: 'tgw-1', vpc: vpcWith(subnetIds, azs), hubProvider: hub, associateWith: 'rtb-prod', propagateTo: { prod: 'rtb-prod', egress: 'rtb-egress' } });
    return Template.fromStack(s);
  };

  test('spoke-side attachment; acceptance, association and propagations through the hub provider, in order', () => {
    const t = build(['subnet-a', 'subnet-b']);
    const [attachment] = t.resources('aws_ec2_transit_gateway_vpc_attachment');
    expect(attachment.props).toEqual({ transit_gateway_id: 'tgw-1', vpc_id: 'vpc-1', subnet_ids: ['subnet-a', 'subnet-b'], dns_support: 'enable', appliance_mode_support: 'disable', tags: { Name: 'shop-prod-attachment' } });
    const [accepter] = t.resources('aws_ec2_transit_gateway_vpc_attachment_accepter');
    expect(accepter.props).toEqual({
      provider: 'aws.hub',
      transit_gateway_attachment_id: Template.ref(attachment),
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
      tags: { Name: 'shop-prod-attachment' },
    });
    const accepted = Template.ref(accepter, 'transit_gateway_attachment_id');
    expect(t.resources('aws_ec2_transit_gateway_route_table_association').map((r) => r.props)).toEqual([{ provider: 'aws.hub', transit_gateway_attachment_id: accepted, transit_gateway_route_table_id: 'rtb-prod' }]);
    expect(t.resources('aws_ec2_transit_gateway_route_table_propagation').map((r) => r.props).sort((a, b) => a.transit_gateway_route_table_id.localeCompare(b.transit_gateway_route_table_id))).toEqual([
      { provider: 'aws.hub', transit_gateway_attachment_id: accepted, transit_gateway_route_table_id: 'rtb-egress' },
      { provider: 'aws.hub', transit_gateway_attachment_id: accepted, transit_gateway_route_table_id: 'rtb-prod' },
    ]);
  });

  test('fewer than two attachment AZs is refused', () => {
    expect(() => build(['subnet-a'])).toThrow('test/tgw: a Transit Gateway attachment needs subnets in at least two AZs, got 1 (ap-northeast-2a)');
    expect(() => build(['subnet-a', 'subnet-b'], ['ap-northeast-2a', 'ap-northeast-2a'])).toThrow('needs subnets in at least two AZs, got 1 (ap-northeast-2a)');
  });

  test('two attachment subnets in one AZ are refused (AWS takes one per AZ)', () => {
    expect(() => build(['subnet-a', 'subnet-b', 'subnet-c'], ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2a'])).toThrow(
      'test/tgw: a Transit Gateway attachment takes one subnet per AZ, got subnet-a (ap-northeast-2a), subnet-b (ap-northeast-2b), subnet-c (ap-northeast-2a)',
    );
  });
});

describe('ApplicationVpc.routeToTransitGateway', () => {
  const subnets = [
    { name: 'public-1', tier: 'public' as const, cidr: '172.16.1.0/24', az: 'ap-northeast-2a' },
    { name: 'app-1', tier: 'app' as const, cidr: '172.16.16.0/20', az: 'ap-northeast-2a' },
    { name: 'tgw-1', tier: 'tgw' as const, cidr: '172.16.0.0/28', az: 'ap-northeast-2a' },
  ];

  test('local egress: internal ranges on every table but the attachment subnets, NAT default kept', () => {
    const s = stack();
    const vpc = new ApplicationVpc(s, 'vpc', { namePrefix: 'x', cidr: '172.16.0.0/16', subnets, natProvider: NatProvider.single() });
    vpc.routeToTransitGateway('tgw-1', { destinations: ['10.0.0.0/8'] });
    const t = Template.fromStack(s);
    const byTable = (name: string) => t.resources('aws_route').filter((r) => r.props.route_table_id === Template.ref(t.byName('aws_route_table', name))).map((r) => `${r.props.destination_cidr_block} ${r.props.transit_gateway_id ?? r.props.nat_gateway_id ?? r.props.gateway_id}`).sort();
    expect(byTable('x-public')).toEqual([`0.0.0.0/0 ${Template.ref(t.resources('aws_internet_gateway')[0])}`, '10.0.0.0/8 tgw-1']);
    expect(byTable('x-app-ap-northeast-2a')).toEqual([`0.0.0.0/0 ${Template.ref(t.resources('aws_nat_gateway')[0])}`, '10.0.0.0/8 tgw-1']);
    expect(byTable('x-tgw-ap-northeast-2a')).toEqual([]);
  });

  test('a central default route where a NAT default already exists is refused', () => {
    const vpc = new ApplicationVpc(stack(), 'vpc', { namePrefix: 'x', cidr: '172.16.0.0/16', subnets, natProvider: NatProvider.single() });
    expect(() => vpc.routeToTransitGateway('tgw-1', { destinations: [], defaultRouteTiers: ['app'] })).toThrow('test/vpc: route table app-ap-northeast-2a already has a default route');
  });
});
