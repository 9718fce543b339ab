/**
 * AWS quotas the validator checks, as data with the page each value was read from (defaults; most
 * are adjustable: raise `value` here after AWS raised yours). Checked 2026-11.
 */

/** One quota. */
export interface Quota {
  readonly value: number;
  readonly what: string;
  readonly doc: string;
  /** Whether AWS raises it on request; unset where the doc says nothing either way. */
  readonly adjustable?: boolean;
}

const TGW_QUOTAS = 'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html';
const VPC_QUOTAS = 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html';
const DX_QUOTAS = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/limits.html';

/** Quotas in force. */
export const QUOTAS = {
  tgwRouteTables: { value: 20, what: 'Transit Gateway route tables per transit gateway', doc: TGW_QUOTAS },
  tgwRoutes: { value: 10_000, what: 'combined routes across all route tables of one transit gateway', doc: TGW_QUOTAS },
  tgwAttachments: { value: 5_000, what: 'attachments per transit gateway', doc: TGW_QUOTAS },
  vpcRoutesPerRouteTable: { value: 50, what: 'non-propagated routes per VPC route table', doc: VPC_QUOTAS },
  // The source write-up (March 2024) gives 3; AWS has since documented 6. 3 is the safe figure; raise it after checking yours.
  tgwsPerDxGateway: { value: 3, what: 'transit gateways per Direct Connect gateway', doc: DX_QUOTAS },
  // Raised from 20 to 200 in 2024.
  allowedPrefixesPerTgwAssociation: { value: 200, what: 'allowed prefixes per transit gateway association of a Direct Connect gateway', doc: DX_QUOTAS },
  vifsPerDxGateway: { value: 30, what: 'virtual interfaces per Direct Connect gateway', doc: DX_QUOTAS },
} as const satisfies Record<string, Quota>;

/** Message tail naming a quota and where it is documented. */
export const quotaText = (q: Quota): string => `the AWS quota of ${q.value.toLocaleString('en-US')} ${q.what} (${q.doc})`;
