/**
 * AWS quotas the validator checks, as data with the page each value was read from (defaults; most
 * are adjustable: raise `value` here after AWS raised yours). Checked 2026-11.
 */

/** One quota. */
export interface Quota {
  readonly value: number;
  readonly what: string;
  readonly doc: string;
}

const TGW_QUOTAS = 'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html';
const VPC_QUOTAS = 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html';

/** Quotas in force. */
export const QUOTAS = {
  tgwRouteTables: { value: 20, what: 'Transit Gateway route tables per transit gateway', doc: TGW_QUOTAS },
  tgwRoutes: { value: 10_000, what: 'combined routes across all route tables of one transit gateway', doc: TGW_QUOTAS },
  tgwAttachments: { value: 5_000, what: 'attachments per transit gateway', doc: TGW_QUOTAS },
  vpcRoutesPerRouteTable: { value: 50, what: 'non-propagated routes per VPC route table', doc: VPC_QUOTAS },
} as const satisfies Record<string, Quota>;

/** Message tail naming a quota and where it is documented. */
export const quotaText = (q: Quota): string => `the AWS quota of ${q.value.toLocaleString('en-US')} ${q.what} (${q.doc})`;
