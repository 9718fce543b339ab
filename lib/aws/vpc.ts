/** Amazon VPC, Transit Gateway and Route 53 Resolver facts the address-plan rules, the IP plan and the report share. */

/**
 * Prefix lengths AWS allows for a VPC or subnet IPv4 block: /16 to /28.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
 */
export const VPC_PREFIX = { min: 16, max: 28 } as const;

/**
 * Addresses AWS keeps in every subnet (network, VPC router, DNS, future use, broadcast).
 * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 */
export const AWS_RESERVED_PER_SUBNET = 5;

/** Private ASN ranges AWS accepts for the Amazon side of a Transit Gateway. https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html */
export const TGW_ASN_RANGES: readonly (readonly [number, number])[] = [
  [64512, 65534],
  [4200000000, 4294967294],
];

/**
 * IP addresses per Route 53 Resolver endpoint: at least two (one per AZ for resilience), at most six.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html
 */
export const RESOLVER_ADDRESSES = { min: 2, max: 6 } as const;
