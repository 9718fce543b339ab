/**
 * hub.transitGateway.prefixLists across the stacks: the hub creates, shares and publishes the lists,
 * its own routes, blackholes and endpoint rules use them, every spoke routes to the published internal
 * list, and changing a supernet changes one list and nothing else.
 */
import * as path from 'node:path';
import { synthesize } from '../../cli/synth';
import { LandingZone } from '../../config/model';
import { loadWith, Mutation } from '../helpers/config';
import { readStacks, stackNamed } from '../helpers/analysis';
import { tempDir } from '../helpers/temp';
import { Template } from '../helpers/template';

type Stacks = ReturnType<typeof readStacks>;

function synth(lz: LandingZone): Stacks {
  return readStacks(synthesize(lz, path.join(tempDir('lz-pl-'), 'cdktf.out')).outdir);
}

const withLists: Mutation = (c) => (c.hub.transitGateway.prefixLists = true);
const template = (stacks: Stacks, name: string) => new Template(stackNamed(stacks, name).json);

let on: Stacks;
let off: Stacks;
beforeAll(() => {
  on = synth(loadWith(withLists).landingZone);
  off = synth(loadWith().landingZone);
});

describe('hub stack with prefix lists', () => {
  test('internal, onprem and one list per segment, with summarized entries and max_entries = entries', () => {
    const hub = template(on, 'shop-hub');
    expect(hub.resources('aws_ec2_managed_prefix_list').map((r) => [r.props.name, r.props.max_entries, r.props.entry.map((e: { cidr: string }) => e.cidr)])).toEqual([
      ['shop-internal', 3, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']],
      ['shop-onprem', 1, ['10.10.0.0/16']],
      ['shop-segment-nonprod', 1, ['172.20.0.0/16']],
      ['shop-segment-prod', 1, ['172.16.0.0/16']],
      ['shop-segment-shared', 1, ['10.254.0.0/24']],
    ]);
    // Off (the default): none of it.
    const hubOff = template(off, 'shop-hub');
    expect(hubOff.count('aws_ec2_managed_prefix_list')).toBe(0);
    expect(hubOff.count('aws_ec2_transit_gateway_prefix_list_reference')).toBe(0);
  });

  test('shared through RAM with the organization and published for the spokes', () => {
    const hub = template(on, 'shop-hub');
    const share = hub.resource('aws_ram_resource_share', { name: 'shop-prefix-lists' });
    const shared = hub.resources('aws_ram_resource_association').filter((a) => a.props.resource_share_arn === Template.ref(share, 'arn'));
    expect(shared.map((a) => a.props.resource_arn).sort()).toEqual(hub.resources('aws_ec2_managed_prefix_list').map((l) => Template.ref(l, 'arn')).sort());
    expect(hub.resources('aws_ram_principal_association').filter((a) => a.props.resource_share_arn === Template.ref(share, 'arn')).map((a) => a.props.principal)).toEqual([
      'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5',
    ]);
    const published = Object.fromEntries(hub.resources('aws_ssm_parameter').filter((p) => p.props.name.includes('/prefix-list-')).map((p) => [p.props.name, p.props.value]));
    const id = (name: string) => Template.ref(hub.resource('aws_ec2_managed_prefix_list', { name }));
    expect(published).toEqual({
      '/landing-zone/shop/hub/prefix-list-internal': id('shop-internal'),
      '/landing-zone/shop/hub/prefix-list-onprem': id('shop-onprem'),
      '/landing-zone/shop/hub/prefix-list-segment-prod': id('shop-segment-prod'),
      '/landing-zone/shop/hub/prefix-list-segment-nonprod': id('shop-segment-nonprod'),
      '/landing-zone/shop/hub/prefix-list-segment-shared': id('shop-segment-shared'),
    });
  });

  test('hub VPC routes, segment blackholes and the endpoints rule reference the internal list; no literal internal range is left', () => {
    const hub = template(on, 'shop-hub');
    const internal = Template.ref(hub.resource('aws_ec2_managed_prefix_list', { name: 'shop-internal' }));
    const internalRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
    expect(hub.resources('aws_route').filter((r) => internalRanges.includes(r.props.destination_cidr_block))).toEqual([]);
    expect(hub.resources('aws_route').filter((r) => r.props.destination_prefix_list_id === internal).map((r) => r.name.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'egress_vpc_rt-public-tgw-pl-internal',
      'endpoints-vpc_rt-endpoint-ap-northeast-2a-tgw-pl-internal',
      'endpoints-vpc_rt-endpoint-ap-northeast-2b-tgw-pl-internal',
      'endpoints-vpc_rt-endpoint-ap-northeast-2c-tgw-pl-internal',
    ]);
    expect(hub.resources('aws_ec2_transit_gateway_route').filter((r) => internalRanges.includes(r.props.destination_cidr_block))).toEqual([]);
    const tables = Object.fromEntries(hub.resources('aws_ec2_transit_gateway_route_table').map((t) => [Template.ref(t), t.props.tags.Name]));
    expect(hub.resources('aws_ec2_transit_gateway_prefix_list_reference').map((r) => [tables[r.props.transit_gateway_route_table_id], r.props.prefix_list_id, r.props.blackhole])).toEqual([
      ['shop-nonprod', internal, true],
      ['shop-prod', internal, true],
      ['shop-shared', internal, true],
    ]);
    const ingress = hub.resources('aws_vpc_security_group_ingress_rule').filter((r) => r.name.startsWith('interface-endpoints_'));
    expect(ingress.map((r) => [r.props.prefix_list_id, r.props.cidr_ipv4, r.props.from_port])).toEqual([[internal, undefined, 443]]);
  });
});

describe('spoke stacks with prefix lists', () => {
  test.each(['shop-spoke-shop-prod', 'shop-spoke-shop-dev'])('%s routes the published internal list to the TGW instead of the literal ranges', (name) => {
    const spoke = template(on, name);
    const list = spoke.published('/landing-zone/shop/hub/prefix-list-internal');
    const tgwRoutes = spoke.resources('aws_route').filter((r) => r.props.transit_gateway_id !== undefined);
    expect(tgwRoutes.filter((r) => r.props.destination_cidr_block !== undefined && r.props.destination_cidr_block !== '0.0.0.0/0')).toEqual([]);
    // Both default spokes use central egress: only the public table keeps an internal route (the others send 0.0.0.0/0 to the TGW).
    expect(tgwRoutes.filter((r) => r.props.destination_prefix_list_id !== undefined).map((r) => [r.name.replace(/_[0-9A-F]{8}$/, ''), r.props.destination_prefix_list_id])).toEqual([
      ['app-vpc_rt-public-tgw-pl-internal', list],
    ]);
  });
});

describe('segment lists from IPAM pools', () => {
  /** The pools of examples/ipam.yaml; summaries on Direct Connect with floating summaries on the VPN, so nothing else in the hub follows the spokes. */
  const withPools: Mutation = (c) => {
    withLists(c);
    c.ipam = {
      pools: [
        { name: 'org', cidr: '172.16.0.0/12' },
        { name: 'prod', parent: 'org', segment: 'prod', cidr: '172.16.0.0/14', allocation: { defaultPrefixLength: 16, min: 16, max: 24 } },
        { name: 'nonprod', parent: 'org', segment: 'nonprod', cidr: '172.20.0.0/14', allocation: { defaultPrefixLength: 20, min: 16, max: 24 } },
      ],
    };
    c.hub.directConnect.allowedPrefixes = 'internal';
    c.hub.vpn.customerGatewayRoutes = 'floating-summaries';
  };

  test('a segment with a pool lists the pool, one without lists its VPC ranges; adding a spoke leaves the hub byte-identical', () => {
    const before = synth(loadWith(withPools).landingZone);
    const hub = template(before, 'shop-hub');
    expect(hub.resources('aws_ec2_managed_prefix_list').filter((l) => l.props.name.startsWith('shop-segment-')).map((l) => [l.props.name, l.props.entry.map((e: { cidr: string }) => e.cidr)])).toEqual([
      ['shop-segment-nonprod', ['172.20.0.0/14']],
      ['shop-segment-prod', ['172.16.0.0/14']],
      // No pool names shared: its VPC ranges (the endpoints VPC).
      ['shop-segment-shared', ['10.254.0.0/24']],
    ]);
    const after = synth(loadWith((c) => {
      withPools(c);
      c.spokes.push({ ...c.spokes[1], name: 'shop-dev2', account: '555555555555', vpc: { ...c.spokes[1].vpc, cidr: '172.21.0.0/16' } });
    }).landingZone);
    expect(after.map((s) => s.name)).toContain('shop-spoke-shop-dev2');
    expect(stackNamed(after, 'shop-hub').json).toEqual(stackNamed(before, 'shop-hub').json);
  });
});

describe('changing a supernet changes the list, nothing else', () => {
  test('adding 100.64.0.0/10 to internalRanges: spokes byte-identical, the hub differs only in the internal list', () => {
    const wider = synth(loadWith((c) => {
      withLists(c);
      c.hub.transitGateway.internalRanges = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16'];
    }).landingZone);
    expect(wider.map((s) => s.name)).toEqual(on.map((s) => s.name));
    for (const stack of wider.filter((s) => s.name !== 'shop-hub')) expect([stack.name, stack.json]).toEqual([stack.name, stackNamed(on, stack.name).json]);
    const before = stackNamed(on, 'shop-hub').json;
    const after = stackNamed(wider, 'shop-hub').json;
    const key = 'prefix-lists_list-internal_C1420B7C';
    expect(after.resource.aws_ec2_managed_prefix_list[key].entry.map((e: { cidr: string }) => e.cidr)).toEqual(['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16']);
    expect(after.resource.aws_ec2_managed_prefix_list[key].max_entries).toBe(4);
    const withoutList = (json: Record<string, any>) => ({ ...json, resource: { ...json.resource, aws_ec2_managed_prefix_list: { ...json.resource.aws_ec2_managed_prefix_list, [key]: undefined } } });
    expect(withoutList(after)).toEqual(withoutList(before));
  });
});
