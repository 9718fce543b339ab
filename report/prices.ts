/**
 * Unit prices for the cost estimate, one data file per Region (`report/prices/<region>.json`) with
 * the date, the AWS page to re-check each price against and how far each figure was verified. A
 * Region without a file has no price data: the report says so instead of guessing.
 */
import { z } from 'zod';
import apNortheast2 from './prices/ap-northeast-2.json';
import usEast1 from './prices/us-east-1.json';

/** How far a price was checked: see the `note` of each price file. */
export const PRICE_STATUSES = ['verified', 'corroborated', 'unverified'] as const;

const priceSchema = z.strictObject({
  usd: z.number().nonnegative(),
  unit: z.string().min(1),
  source: z.url(),
  status: z.enum(PRICE_STATUSES),
  evidence: z.string().min(1),
});

/** Every unit price the estimate uses; all are required so a new Region's file cannot silently miss one. */
export const PRICE_KEYS = [
  'natGatewayHour',
  'natGatewayPerGb',
  'publicIpv4Hour',
  'interfaceEndpointHourPerAz',
  'interfaceEndpointPerGb',
  'resolverEndpointEniHour',
  'tgwAttachmentHour',
  'tgwPerGb',
  'vpnConnectionHour',
  'clientVpnAssociationHour',
  'clientVpnConnectionHour',
  'route53ProfileHour',
  'hostedZoneMonth',
  'hostedZoneMonthBeyond25',
  'albHour',
  'albLcuHour',
  'dataTransferOutInternetPerGb',
  'interAzPerGb',
  'networkFirewallEndpointHour',
  'networkFirewallPerGb',
  'dnsFirewallDomainMonth',
  'dnsFirewallPerMillionQueries',
] as const;

/** Name of one unit price. */
export type PriceKey = (typeof PRICE_KEYS)[number];

/** The schema of a price file. */
export const priceBookSchema = z.strictObject({
  region: z.string(),
  regionName: z.string(),
  currency: z.literal('USD'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  hoursPerMonth: z.number().positive(),
  note: z.string(),
  prices: z.strictObject(Object.fromEntries(PRICE_KEYS.map((k) => [k, priceSchema])) as Record<PriceKey, typeof priceSchema>),
});

/** One Region's unit prices. */
export type PriceBook = z.infer<typeof priceBookSchema>;

/** One unit price with its provenance. */
export type Price = PriceBook['prices'][PriceKey];

/** The price files shipped with the report, by Region. */
export const PRICE_BOOKS: Readonly<Record<string, PriceBook>> = Object.fromEntries([apNortheast2, usEast1].map((book) => {
  const parsed = priceBookSchema.parse(book);
  return [parsed.region, parsed];
}));

/** The price book of a Region, or undefined when there is no price data for it. */
export function priceBookFor(region: string): PriceBook | undefined {
  return Object.hasOwn(PRICE_BOOKS, region) ? PRICE_BOOKS[region] : undefined;
}
