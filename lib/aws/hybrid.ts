/** Site-to-Site VPN and Direct Connect facts the hybrid config rules and the hybrid report share. */

/** Tunnel inside CIDRs AWS reserves (a tunnel may not use them). https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html */
export const RESERVED_TUNNEL_CIDRS: readonly string[] = ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'];

/** What AWS answers when a Direct Connect gateway with a private VIF is associated with a Transit Gateway. */
export const PRIVATE_VIF_ERROR = 'Cannot associate Transit Gateway to Direct Connect Gateway that has Private Virtual Interfaces attached';

/**
 * Tag of an `aws_vpn_connection` that records what the customer gateway does with the VPN's routes:
 * the VPN construct writes it and `lz check` (analysis/network/transit.ts) reads it back.
 */
export const CUSTOMER_GATEWAY_ROUTES_TAG = 'CustomerGatewayRoutes';
