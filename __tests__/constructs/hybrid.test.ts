import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DirectConnectGateway } from '../../constructs/hybrid/direct-connect';
import { SiteToSiteVpn } from '../../constructs/hybrid/site-to-site-vpn';
import { Template } from '../helpers/template';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  return s;
}

describe('DirectConnectGateway', () => {
  const build = (allowedPrefixes = ['172.16.0.0/12']) => {
    const s = stack();
    new DirectConnectGateway(s, 'dx', {
      name: 'shop-dx',
      amazonSideAsn: 64600,
      transitGatewayId: 'tgw-1',
      allowedPrefixes,
      onPremisesRouteTableId: 'rtb-onprem',
      propagateTo: { prod: 'rtb-prod' },
      virtualInterfaces: [
        { kind: 'owned', name: 'kinx-1', connectionId: 'dxcon-abc', vlan: 101, customerAsn: 65010, mtu: 8500, amazonAddress: '169.254.100.1/30', customerAddress: '169.254.100.2/30', bgpAuthKey: 'secret', location: 'KINX, Seoul' },
        { kind: 'hosted', name: 'partner-1', virtualInterfaceId: 'dxvif-xyz' },
      ],
    });
    return Template.fromStack(s);
  };
  const t = build();

  test('gateway with its ASN, associated with the Transit Gateway and its allowed prefixes', () => {
    const [gw] = t.resources('aws_dx_gateway');
    expect(gw.props).toEqual({ name: 'shop-dx', amazon_side_asn: '64600', lifecycle: { prevent_destroy: true } });
    expect(t.resources('aws_dx_gateway_association').map((r) => r.props)).toEqual([{ dx_gateway_id: Template.ref(gw), associated_gateway_id: 'tgw-1', allowed_prefixes: ['172.16.0.0/12'] }]);
  });

  test('an owned transit VIF and an accepted hosted one, both on the gateway', () => {
    const [gw] = t.resources('aws_dx_gateway');
    expect(t.resources('aws_dx_transit_virtual_interface').map((r) => r.props)).toEqual([
      {
        name: 'kinx-1',
        connection_id: 'dxcon-abc',
        dx_gateway_id: Template.ref(gw),
        vlan: 101,
        address_family: 'ipv4',
        bgp_asn: 65010,
        mtu: 8500,
        amazon_address: '169.254.100.1/30',
        customer_address: '169.254.100.2/30',
        bgp_auth_key: 'secret',
        tags: { Name: 'kinx-1', Location: 'KINX, Seoul' },
      },
    ]);
    expect(t.resources('aws_dx_hosted_transit_virtual_interface_accepter').map((r) => r.props)).toEqual([{ virtual_interface_id: 'dxvif-xyz', dx_gateway_id: Template.ref(gw), tags: { Name: 'partner-1' } }]);
  });

  test('the attachment is looked up through a terraform_data that holds the association ids, never from the association itself', () => {
    // A data source that references a managed resource with a planned change is read at apply time
    // (hashicorp/terraform#27171): an allowed-prefix edit would make the id unknown and replace what is keyed on it.
    const [assoc] = t.resources('aws_dx_gateway_association');
    const [lookup] = t.resources('terraform_data');
    expect(lookup.props).toEqual({ input: { dx_gateway_id: Template.ref(assoc, 'dx_gateway_id'), transit_gateway_id: Template.ref(assoc, 'associated_gateway_id') } });
    const data = t.json.data.aws_ec2_transit_gateway_dx_gateway_attachment;
    const [name] = Object.keys(data);
    const { ['//']: _meta, ...args } = data[name];
    expect(args).toEqual({ dx_gateway_id: `\${${lookup.address}.output["dx_gateway_id"]}`, transit_gateway_id: `\${${lookup.address}.output["transit_gateway_id"]}` });
    expect(JSON.stringify(data[name])).not.toContain('aws_dx_gateway_association');
    const attachment = `\${data.aws_ec2_transit_gateway_dx_gateway_attachment.${name}.id}`;
    expect(t.resources('aws_ec2_transit_gateway_route_table_association').map((r) => r.props)).toEqual([{ transit_gateway_attachment_id: attachment, transit_gateway_route_table_id: 'rtb-onprem' }]);
    expect(t.resources('aws_ec2_transit_gateway_route_table_propagation').map((r) => r.props)).toEqual([{ transit_gateway_attachment_id: attachment, transit_gateway_route_table_id: 'rtb-prod' }]);
  });

  test('changing allowed prefixes changes only the association arguments (same addresses, no new resources)', () => {
    const other = build(['172.16.0.0/12', '10.254.0.0/23']);
    expect(other.inventory()).toEqual(t.inventory());
    expect(other.resources('aws_ec2_transit_gateway_route_table_association')).toEqual(t.resources('aws_ec2_transit_gateway_route_table_association'));
    expect(other.resources('terraform_data')).toEqual(t.resources('terraform_data'));
    expect(other.json.data).toEqual(t.json.data);
  });

  test('empty allowed prefixes are refused', () => {
    expect(() => build([])).toThrow('test/dx: allowedPrefixes must not be empty');
  });
});

describe('SiteToSiteVpn', () => {
  const s = stack();
  new SiteToSiteVpn(s, 'vpn', {
    namePrefix: 'shop-vpn',
    transitGatewayId: 'tgw-1',
    onPremisesRouteTableId: 'rtb-onprem',
    propagateTo: { prod: 'rtb-prod', shared: 'rtb-shared' },
    connections: [{ name: 'dc', ip: '203.0.113.10', asn: 65010, tunnelInsideCidrs: ['169.254.200.0/30', '169.254.200.4/30'], presharedKeys: ['k1', 'k2'] }],
  });
  const t = Template.fromStack(s);

  test('a customer gateway and a BGP VPN on the Transit Gateway with IKEv2 and strong ciphers only', () => {
    const [cgw] = t.resources('aws_customer_gateway');
    expect(cgw.props).toEqual({ bgp_asn: '65010', ip_address: '203.0.113.10', type: 'ipsec.1', tags: { Name: 'shop-vpn-dc' } });
    const [vpn] = t.resources('aws_vpn_connection');
    expect(vpn.props).toEqual(
      expect.objectContaining({
        customer_gateway_id: Template.ref(cgw),
        transit_gateway_id: 'tgw-1',
        type: 'ipsec.1',
        static_routes_only: false,
        tunnel1_inside_cidr: '169.254.200.0/30',
        tunnel2_inside_cidr: '169.254.200.4/30',
        tunnel1_preshared_key: 'k1',
        tunnel2_preshared_key: 'k2',
        tunnel1_ike_versions: ['ikev2'],
        tunnel2_ike_versions: ['ikev2'],
        tunnel1_phase1_encryption_algorithms: ['AES256', 'AES256-GCM-16'],
        tunnel2_phase2_integrity_algorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
        tunnel1_phase1_dh_group_numbers: [14, 19, 20, 21],
      }),
    );
  });

  test('the VPN attachment sits in onprem and propagates into the segments that reach on-premises', () => {
    const attachment = Template.ref(t.resources('aws_vpn_connection')[0], 'transit_gateway_attachment_id');
    expect(t.resources('aws_ec2_transit_gateway_route_table_association').map((r) => r.props)).toEqual([{ transit_gateway_attachment_id: attachment, transit_gateway_route_table_id: 'rtb-onprem' }]);
    expect(t.resources('aws_ec2_transit_gateway_route_table_propagation').map((r) => r.props.transit_gateway_route_table_id).sort()).toEqual(['rtb-prod', 'rtb-shared']);
  });
});
