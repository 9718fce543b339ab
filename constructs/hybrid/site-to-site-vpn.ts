/**
 * Site-to-Site VPN on the hub Transit Gateway as the backup path to the data center: one customer
 * gateway per on-premises device and one BGP VPN connection (two tunnels) per gateway, IKEv2 with
 * AES-256/SHA-256 and DH groups 14+ only, pre-shared keys from sensitive Terraform variables (AWS
 * generates them when null). The attachment is placed in `onprem` and propagated like Direct Connect.
 *
 * Direct Connect is preferred both ways (the statement REPORT.md prints, report/routing.ts
 * `preferenceNote`). AWS to on-premises: for the same prefix a Transit Gateway prefers routes
 * propagated from a Direct Connect gateway to routes propagated from a VPN (route evaluation order).
 * On-premises to AWS: the routers pick the longest prefix, then BGP local preference, so they give
 * the routes learned over Direct Connect a higher local preference. AS-path prepending is not the
 * tool: what on-premises prepends changes what AWS prefers, not what the data center prefers.
 * https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-route-evaluation-overview
 */
import { Construct } from 'constructs';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { CUSTOMER_GATEWAY_ROUTES_TAG } from '../../lib/aws/hybrid';

/** One on-premises VPN device and its connection. */
export interface VpnTunnelPairProps {
  /** Part of Terraform addresses. */
  readonly name: string;
  readonly ip: string;
  readonly asn: number;
  /**
   * /30 inside 169.254.0.0/16, one per tunnel.
   * @default chosen by AWS
   */
  readonly tunnelInsideCidrs?: readonly [string, string];
  /** References to sensitive variables, one per tunnel. */
  readonly presharedKeys: readonly [string | undefined, string | undefined];
}

/** Props of {@link SiteToSiteVpn}. */
export interface SiteToSiteVpnProps {
  readonly namePrefix: string;
  readonly transitGatewayId: string;
  readonly connections: readonly VpnTunnelPairProps[];
  readonly onPremisesRouteTableId: string;
  readonly propagateTo: Readonly<Record<string, string>>;
  /**
   * What the on-premises routers do with the routes learned over the VPN. `floating-summaries` is
   * recorded as the `CustomerGatewayRoutes` tag of each connection (an in-place tag change): `lz check`
   * reads it to decide which path the data center prefers, and REPORT.md prints the router configuration.
   * @default 'learned' (no tag)
   */
  readonly customerGatewayRoutes?: 'learned' | 'floating-summaries';
}

const STRONG_TUNNEL = {
  IkeVersions: ['ikev2'],
  Phase1EncryptionAlgorithms: ['AES256', 'AES256-GCM-16'],
  Phase1IntegrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  Phase1DhGroupNumbers: [14, 19, 20, 21],
  Phase2EncryptionAlgorithms: ['AES256', 'AES256-GCM-16'],
  Phase2IntegrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  Phase2DhGroupNumbers: [14, 19, 20, 21],
};

/** VPN connections on the Transit Gateway. */
export class SiteToSiteVpn extends Construct {
  readonly connections: ReadonlyMap<string, VpnConnection>;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnProps) {
    super(scope, id);
    const connections = new Map<string, VpnConnection>();
    for (const c of props.connections) {
      const cgw = new CustomerGateway(this, `cgw-${c.name}`, { bgpAsn: String(c.asn), ipAddress: c.ip, type: 'ipsec.1', tags: { Name: `${props.namePrefix}-${c.name}` } });
      const tunnel = (n: 1 | 2) => Object.fromEntries(Object.entries(STRONG_TUNNEL).map(([k, v]) => [`tunnel${n}${k}`, v]));
      const vpn = new VpnConnection(this, `vpn-${c.name}`, {
        customerGatewayId: cgw.id,
        transitGatewayId: props.transitGatewayId,
        type: 'ipsec.1',
        staticRoutesOnly: false,
        tunnel1InsideCidr: c.tunnelInsideCidrs?.[0],
        tunnel2InsideCidr: c.tunnelInsideCidrs?.[1],
        tunnel1PresharedKey: c.presharedKeys[0],
        tunnel2PresharedKey: c.presharedKeys[1],
        ...tunnel(1),
        ...tunnel(2),
        tags: { Name: `${props.namePrefix}-${c.name}`, ...(props.customerGatewayRoutes === 'floating-summaries' ? { [CUSTOMER_GATEWAY_ROUTES_TAG]: 'floating-summaries' } : {}) },
      });
      connections.set(c.name, vpn);
      new Ec2TransitGatewayRouteTableAssociation(this, `onprem-association-${c.name}`, { transitGatewayAttachmentId: vpn.transitGatewayAttachmentId, transitGatewayRouteTableId: props.onPremisesRouteTableId });
      for (const [name, rt] of Object.entries(props.propagateTo)) {
        new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${c.name}-${name}`, { transitGatewayAttachmentId: vpn.transitGatewayAttachmentId, transitGatewayRouteTableId: rt });
      }
    }
    this.connections = connections;
  }
}
