/** AWS Client VPN facts the config rules, the ClientVpnEndpoint construct and its PKI share. */

/**
 * Client CIDR sizes AWS accepts: "Client CIDR ranges must have a block size of at least /22 and must
 * not be greater than /12". `widest` is the smallest prefix length, `narrowest` the largest.
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/what-is-best-practices.html
 */
export const CLIENT_CIDR_PREFIX = { widest: 12, narrowest: 22 } as const;

/** Session lengths AWS accepts, in hours (`SessionTimeoutHours`: 8, 10, 12 or 24). https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateClientVpnEndpoint.html */
export const CLIENT_VPN_SESSION_TIMEOUT_HOURS = [8, 10, 12, 24] as const;

/** Ports an endpoint can listen on (`VpnPort`: 443 or 1194). https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateClientVpnEndpoint.html */
export const CLIENT_VPN_PORTS = [443, 1194] as const;

/** Longest login banner AWS accepts, in characters ("Maximum of 1400 characters"). https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-clientvpnendpoint-clientloginbanneroptions.html */
export const CLIENT_VPN_BANNER_MAX_CHARS = 1400;

/**
 * RSA key size of every Client VPN key and certificate this project makes or accepts. Client VPN takes
 * 1024- and 2048-bit RSA keys only, and 1024 bits is below every current recommendation.
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/mutual.html
 */
export const CLIENT_VPN_RSA_BITS = 2048;
