/**
 * Prefix lists (hub.transitGateway.prefixLists): the shared lists themselves, and each place that
 * references one instead of literal internal ranges: VPC routes, the TGW segment blackholes and the
 * hub endpoints security group.
 */
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ManagedPrefixLists } from '../../constructs/hub/prefix-lists';
import { SegmentEgressRoutes } from '../../constructs/hub/segment-routes';
import { CentralInterfaceEndpoints } from '../../constructs/hub/interface-endpoints';
import { ApplicationVpc } from '../../constructs/network/application-vpc';
import { Template } from '../helpers/template';
import { vpcWith } from '../helpers/vpc-ref';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  return s;
}

const ORG = 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5';
const PL = 'pl-0123456789abcdef0';

describe('ManagedPrefixLists', () => {
  const s = stack();
  const lists = new ManagedPrefixLists(s, 'prefix-lists', {
    shareName: 'shop-prefix-lists',
    lists: [
      { key: 'internal', name: 'shop-internal', entries: ['10.0.0.0/8', '172.16.0.0/12'], maxEntries: 4 },
      { key: 'segment-prod', name: 'shop-segment-prod', entries: [], maxEntries: 1 },
    ],
    sharePrincipals: [ORG],
  });
  const t = Template.fromStack(s);

  test('one IPv4 list per key with inline entries and max_entries as given', () => {
    expect(t.resources('aws_ec2_managed_prefix_list').map((r) => [r.name, r.props])).toEqual([
      ['prefix-lists_list-internal_C1420B7C', { name: 'shop-internal', address_family: 'IPv4', max_entries: 4, entry: [{ cidr: '10.0.0.0/8' }, { cidr: '172.16.0.0/12' }], tags: { Name: 'shop-internal' } }],
      ['prefix-lists_list-segment-prod_C95E1083', { name: 'shop-segment-prod', address_family: 'IPv4', max_entries: 1, entry: [], tags: { Name: 'shop-segment-prod' } }],
    ]);
    expect(t.count('aws_ec2_managed_prefix_list_entry')).toBe(0);
  });

  test('shared with the organization only, every list in one RAM share', () => {
    const share = t.resource('aws_ram_resource_share');
    expect(share.props).toEqual({ name: 'shop-prefix-lists', allow_external_principals: false, tags: { Name: 'shop-prefix-lists' } });
    expect(t.resources('aws_ram_resource_association').map((r) => r.props.resource_arn).sort()).toEqual(t.resources('aws_ec2_managed_prefix_list').map((l) => Template.ref(l, 'arn')).sort());
    expect(t.resources('aws_ram_principal_association').map((r) => r.props)).toEqual([{ principal: ORG, resource_share_arn: Template.ref(share, 'arn') }]);
  });

  test('id() names a list by key; an unknown key is an error naming the keys', () => {
    expect(Template.fromStack(s).resource('aws_ec2_managed_prefix_list', { name: 'shop-internal' })).toBeDefined();
    expect(lists.id('internal')).toMatch(/TfToken/);
    expect(() => lists.id('onprem')).toThrow(/no prefix list "onprem" \(have internal, segment-prod\)/);
  });

  test('max_entries below the entries or over 1,000 is refused', () => {
    const build = (maxEntries: number, entries: string[]) => () => new ManagedPrefixLists(stack(), 'pl', { shareName: 'x', lists: [{ key: 'k', name: 'x-k', entries, maxEntries }], sharePrincipals: [ORG] });
    expect(build(1, ['10.0.0.0/8', '172.16.0.0/12'])).toThrow(/list k: max_entries 1 must hold its 2 entries and be at most 1000/);
    expect(build(1001, ['10.0.0.0/8'])).toThrow(/max_entries 1001/);
    expect(build(0, [])).toThrow(/max_entries 0/);
  });
});

describe('SegmentEgressRoutes with the internal prefix list', () => {
  test('one blackhole prefix-list reference replaces the per-range blackholes; the default route stays', () => {
    const s = stack();
    new SegmentEgressRoutes(s, 'seg', { routeTableId: 'tgw-rtb-1', egressAttachmentId: 'tgw-attach-1', internalRanges: ['10.0.0.0/8', '172.16.0.0/12'], internalPrefixListId: PL });
    const t = Template.fromStack(s);
    expect(t.resources('aws_ec2_transit_gateway_route').map((r) => r.props)).toEqual([{ transit_gateway_route_table_id: 'tgw-rtb-1', destination_cidr_block: '0.0.0.0/0', transit_gateway_attachment_id: 'tgw-attach-1' }]);
    expect(t.resources('aws_ec2_transit_gateway_prefix_list_reference').map((r) => [r.name, r.props])).toEqual([
      ['seg_blackhole-internal-list_CB3E3BB4', { transit_gateway_route_table_id: 'tgw-rtb-1', prefix_list_id: PL, blackhole: true }],
    ]);
  });

  test('without it: literal blackholes, no reference (the default)', () => {
    const s = stack();
    new SegmentEgressRoutes(s, 'seg', { routeTableId: 'tgw-rtb-1', egressAttachmentId: 'tgw-attach-1', internalRanges: ['10.0.0.0/8'] });
    const t = Template.fromStack(s);
    expect(t.count('aws_ec2_transit_gateway_prefix_list_reference')).toBe(0);
    expect(t.resources('aws_ec2_transit_gateway_route').map((r) => r.props.destination_cidr_block).sort()).toEqual(['0.0.0.0/0', '10.0.0.0/8']);
  });
});

describe('ApplicationVpc.routeToTransitGateway with prefix lists', () => {
  test('each routed table gets one route per list, keyed by the list, beside the literal destinations', () => {
    const s = stack();
    const vpc = new ApplicationVpc(s, 'vpc', {
      namePrefix: 'x',
      cidr: '172.16.0.0/16',
      subnets: [
        { name: 'public-1', tier: 'public', cidr: '172.16.1.0/24', az: 'ap-northeast-2a' },
        { name: 'app-1', tier: 'app', cidr: '172.16.32.0/20', az: 'ap-northeast-2a' },
        { name: 'tgw-1', tier: 'tgw', cidr: '172.16.0.0/28', az: 'ap-northeast-2a' },
      ],
    });
    vpc.routeToTransitGateway('tgw-1', { destinations: [], destinationPrefixLists: { internal: PL }, defaultRouteTiers: ['app'] });
    const t = Template.fromStack(s);
    const routes = t.resources('aws_route').map((r) => [r.name.replace(/_[0-9A-F]{8}$/, ''), r.props.destination_cidr_block ?? r.props.destination_prefix_list_id, r.props.transit_gateway_id ?? r.props.gateway_id]);
    expect(routes).toEqual([
      ['vpc_rt-app-ap-northeast-2a-default', '0.0.0.0/0', 'tgw-1'],
      ['vpc_rt-public-default', '0.0.0.0/0', '${aws_internet_gateway.vpc_igw_E5E304CC.id}'],
      ['vpc_rt-public-tgw-pl-internal', PL, 'tgw-1'],
    ]);
  });
});

describe('CentralInterfaceEndpoints with the internal prefix list', () => {
  const build = (clientPrefixListId?: string) => {
    const s = stack();
    new CentralInterfaceEndpoints(s, 'endpoints', {
      namePrefix: 'shop-endpoints',
      vpc: vpcWith('vpc-1', ['subnet-a', 'subnet-b']),
      services: [],
      organizationId: 'o-a1b2c3d4e5',
      clientRanges: ['10.0.0.0/8', '172.16.0.0/12'],
      privateDns: false,
      clientPrefixListId,
    });
    return Template.fromStack(s);
  };

  test('one ingress rule on 443 from the list instead of one per range', () => {
    const rules = build(PL).resources('aws_vpc_security_group_ingress_rule');
    expect(rules.map((r) => [r.name.replace(/_[0-9A-F]{8}$/, ''), r.props.prefix_list_id, r.props.cidr_ipv4, r.props.from_port, r.props.to_port, r.props.ip_protocol])).toEqual([
      ['endpoints_security-group_ingress-tcp-443-internal-list', PL, undefined, 443, 443, 'tcp'],
    ]);
  });

  test('without it: one rule per client range (the default)', () => {
    expect(build().resources('aws_vpc_security_group_ingress_rule').map((r) => r.props.cidr_ipv4).sort()).toEqual(['10.0.0.0/8', '172.16.0.0/12']);
  });
});
