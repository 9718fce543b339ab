/**
 * VPC Block Public Access (BPA): its modes as the config writes them and as the EC2 API and the
 * provider take them. https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html
 *
 * - `bidirectional`: all traffic to and from internet gateways and egress-only internet gateways of
 *   the Region is blocked, except for excluded VPCs and subnets.
 * - `ingress`: inbound internet traffic is blocked; traffic to and from NAT gateways and egress-only
 *   internet gateways stays allowed (they only let outbound connections be established).
 *
 * Exclusions exempt one VPC or subnet: `allow-bidirectional` allows all internet traffic,
 * `allow-egress` only outbound (it only makes a difference under `bidirectional`). Exclusions can be
 * created before BPA is turned on, so that nothing breaks when it is.
 */

/** Account BPA modes in the config. */
export const BPA_MODES = ['ingress', 'bidirectional'] as const;
/** One of {@link BPA_MODES}. */
export type BpaMode = (typeof BPA_MODES)[number];

/** Exclusion modes (the API's `InternetGatewayExclusionMode`). */
export const BPA_EXCLUSION_MODES = ['allow-egress', 'allow-bidirectional'] as const;
/** One of {@link BPA_EXCLUSION_MODES}. */
export type BpaExclusionMode = (typeof BPA_EXCLUSION_MODES)[number];

/** `internet_gateway_block_mode` of `aws_vpc_block_public_access_options` for a config mode. */
export const BPA_BLOCK_MODE: Readonly<Record<BpaMode, 'block-ingress' | 'block-bidirectional'>> = { ingress: 'block-ingress', bidirectional: 'block-bidirectional' };
