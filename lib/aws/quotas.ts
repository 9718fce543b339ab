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
  // A prefix list reference counts its max_entries as rules (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups).
  inboundRulesPerSecurityGroup: { value: 60, what: 'inbound rules per security group', doc: `${VPC_QUOTAS}#vpc-limits-security-groups` },
  // Per resource type that references one list (route tables, security groups...), not adjustable per the page.
  prefixListReferencesPerResourceType: { value: 5_000, what: 'references to one prefix list per resource type', doc: `${VPC_QUOTAS}#vpc-limits-prefix-lists` },
  // A list's max_entries, not its current entries, is what a reference counts; AWS takes at most this many.
  prefixListEntries: { value: 1_000, what: 'entries per customer-managed prefix list', doc: `${VPC_QUOTAS}#vpc-limits-prefix-lists`, adjustable: false },
  // The source write-up (March 2024) gives 3; AWS has since documented 6. 3 is the safe figure; raise it after checking yours.
  tgwsPerDxGateway: { value: 3, what: 'transit gateways per Direct Connect gateway', doc: DX_QUOTAS },
  // Raised from 20 to 200 in 2024.
  allowedPrefixesPerTgwAssociation: { value: 200, what: 'allowed prefixes per transit gateway association of a Direct Connect gateway', doc: DX_QUOTAS },
  vifsPerDxGateway: { value: 30, what: 'virtual interfaces per Direct Connect gateway', doc: DX_QUOTAS },
  // The Client VPN connect handler keeps the allowed common names in one environment variable.
  lambdaEnvironmentBytes: { value: 4096, what: 'bytes of environment variables (all names and values together) per Lambda function', doc: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html', adjustable: false },
  // Whitespace included; the S3 gateway endpoint policy grows with every listed bucket.
  vpcEndpointPolicyCharacters: { value: 20_480, what: 'characters per VPC endpoint policy', doc: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html', adjustable: false },
  // Resolver endpoint capacity per ENI (per IP address): 10,000 UDP queries per second when the
  // security group leaves DNS untracked; "as low as 1,500" per IP address when it tracks connections.
  // Both vary with query type, response size and target latency; outbound ENIs also send redundant
  // queries, so their count is not the query count.
  resolverQpsPerEni: { value: 10_000, what: 'UDP DNS queries per second per IP address of a Resolver endpoint', doc: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-entities-resolver', adjustable: false },
  resolverQpsPerEniTracked: { value: 1_500, what: 'DNS queries per second per IP address of a Resolver endpoint whose security group tracks connections (the floor AWS names)', doc: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html', adjustable: false },
} as const satisfies Record<string, Quota>;

/** Message tail naming a quota and where it is documented. */
export const quotaText = (q: Quota): string => `the AWS quota of ${q.value.toLocaleString('en-US')} ${q.what} (${q.doc})`;

/** Length of a Direct Connect BGP MD5 key (`authKey`), in characters. https://docs.aws.amazon.com/directconnect/latest/APIReference/API_NewTransitVirtualInterface.html */
export const BGP_AUTH_KEY_LENGTH = { min: 6, max: 80 } as const;
