/**
 * Subnet tiers: the vocabulary the config schema, the stacks and the VPC construct share (here so
 * that constructs need not import the config pipeline).
 */

/** Tiers a subnet can belong to. `app` is the seed's "web" tier. */
export const SUBNET_TIERS = ['public', 'app', 'db', 'tgw', 'endpoint'] as const;

/** One subnet tier. */
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** Tiers whose route tables take the default route to a NAT gateway; public and tgw subnets never do. */
export const NAT_ROUTED_TIERS: readonly SubnetTier[] = ['app', 'db', 'endpoint'];
