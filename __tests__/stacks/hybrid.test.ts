/** Direct Connect and the VPN backup in the hub stack of the default config. */
import { Testing } from 'cdktf';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { defaultLandingZone, fixtureLandingZone } from '../helpers/landing-zone';
import { Template } from '../helpers/template';

describe('hybrid connectivity of the default config', () => {
  const hub = Template.fromStack(buildLandingZone(Testing.app(), defaultLandingZone()).hub);

  test('the Direct Connect gateway association advertises each VPC range on-premises reaches, exactly (allowedPrefixes: auto)', () => {
    // As specific as the VPN backup's routes, so Direct Connect stays the primary path; no egress VPC.
    expect(hub.resources('aws_dx_gateway_association').map((r) => r.props.allowed_prefixes)).toEqual([['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']]);
    expect(hub.resources('aws_dx_gateway').map((r) => r.props)).toEqual([{ name: 'shop-dx', amazon_side_asn: '64600', lifecycle: { prevent_destroy: true } }]);
  });

  test('one transit VIF at KINX Seoul with jumbo frames and its BGP key from a sensitive variable', () => {
    const [vif] = hub.resources('aws_dx_transit_virtual_interface');
    expect(vif.props).toEqual(expect.objectContaining({ name: 'kinx-seoul-1', connection_id: 'dxcon-fgexampl', vlan: 101, bgp_asn: 65010, mtu: 8500, bgp_auth_key: '${var.dx_bgp_auth_key_kinx_seoul_1}', tags: { Name: 'kinx-seoul-1', Location: 'KINX Seoul' } }));
  });

  test('the BGP key is a required sensitive variable (6-80 characters); VPN keys default to null; no secret appears in the JSON', () => {
    const bgp = 'dx_bgp_auth_key_kinx_seoul_1';
    expect(hub.json.variable[bgp]).toEqual(
      expect.objectContaining({
        type: 'string',
        sensitive: true,
        nullable: false,
        validation: [{ condition: `\${length(var.${bgp}) >= 6 && length(var.${bgp}) <= 80}`, error_message: `${bgp} must be 6 to 80 characters (the AWS limit of a BGP authentication key).` }],
      }),
    );
    expect('default' in hub.json.variable[bgp]).toBe(false);
    expect(Object.keys(hub.json.variable).sort()).toEqual([bgp, 'vpn_dc_backup_tunnel1_psk', 'vpn_dc_backup_tunnel2_psk']);
    for (const n of ['vpn_dc_backup_tunnel1_psk', 'vpn_dc_backup_tunnel2_psk']) expect(hub.json.variable[n]).toEqual(expect.objectContaining({ type: 'string', sensitive: true, nullable: true, default: null }));
    const vpn = hub.resources('aws_vpn_connection')[0].props;
    expect([vpn.tunnel1_preshared_key, vpn.tunnel2_preshared_key]).toEqual(['${var.vpn_dc_backup_tunnel1_psk}', '${var.vpn_dc_backup_tunnel2_psk}']);
  });

  test('the VPN backup uses BGP and the configured tunnel inside CIDRs', () => {
    const vpn = hub.resources('aws_vpn_connection')[0].props;
    expect([vpn.static_routes_only, vpn.tunnel1_inside_cidr, vpn.tunnel2_inside_cidr]).toEqual([false, '169.254.200.0/30', '169.254.200.4/30']);
    expect(hub.resources('aws_customer_gateway').map((r) => [r.props.ip_address, r.props.bgp_asn])).toEqual([['203.0.113.10', '65010']]);
  });
});

describe('hybrid connectivity of the per-az fixture', () => {
  const hub = Template.fromStack(buildLandingZone(Testing.app(), fixtureLandingZone('valid/per-az-and-isolated.yaml')).hub);

  test('allowedPrefixes: auto advertises exactly the VPC ranges on-premises reaches: not the isolated batch spoke', () => {
    // payments (prod) and the endpoints VPC (services) reach onprem; batch (isolated, 10.20.0.0/24) does not.
    expect(hub.resources('aws_dx_gateway_association').map((r) => r.props.allowed_prefixes)).toEqual([['10.10.0.0/20', '10.30.0.0/24']]);
  });

  test('the hosted VIF is accepted into the gateway; the VPN leaves tunnel settings to AWS', () => {
    expect(hub.resources('aws_dx_hosted_transit_virtual_interface_accepter').map((r) => r.props.virtual_interface_id)).toEqual(['dxvif-ffexample']);
    expect(hub.count('aws_dx_transit_virtual_interface')).toBe(0);
    const vpn = hub.resources('aws_vpn_connection')[0].props;
    expect([vpn.tunnel1_inside_cidr, vpn.tunnel2_inside_cidr]).toEqual([undefined, undefined]);
  });
});
