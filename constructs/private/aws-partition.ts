/**
 * Partitions, service host names and the account/Region checks that several constructs share.
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
import { AwsPartition, DNS_SUFFIX, partitionOfRegionCode, REGION_CODE } from '../../lib/aws/partitions';
import { isLiteral } from './validation-error';

// The partitions, their DNS suffixes and Region codes live in lib/aws/partitions.ts; re-exported for the constructs.
export { DNS_SUFFIX, type AwsPartition } from '../../lib/aws/partitions';

/** `aws`, `aws-cn` or `aws-us-gov`, from a Region code (`aws` for an unresolved token). */
export function partitionOfRegion(region: string): AwsPartition {
  return isLiteral(region) ? partitionOfRegionCode(region) : 'aws';
}

const ACCOUNT_ID = /^\d{12}$/;

/** True for a literal that is not a 12-digit account id. */
export const badAccountId = (accountId: string): boolean => isLiteral(accountId) && !ACCOUNT_ID.test(accountId);

/** True for a literal that is not a Region code such as ap-northeast-2. */
export const badRegion = (region: string): boolean => isLiteral(region) && !REGION_CODE.test(region);

/** The problem with an account id, in the wording the access and edge constructs share. */
export function accountIdProblems(accountId: string | undefined): string[] {
  return accountId !== undefined && badAccountId(accountId) ? [`accountId "${accountId}" must be the 12-digit AWS account id`] : [];
}

/** The problem with a Region code, in the wording the access and edge constructs share. */
export function regionProblems(region: string | undefined): string[] {
  return region !== undefined && badRegion(region) ? [`region "${region}" is not a Region code such as ap-northeast-2`] : [];
}

/** A known partition that contains the Region, or what to set instead. */
export function partitionProblems(partition: string, region: string | undefined): string[] {
  if (!(partition in DNS_SUFFIX)) return [`partition "${partition}" is not one of ${Object.keys(DNS_SUFFIX).join(', ')}`];
  if (region === undefined || !isLiteral(region) || badRegion(region)) return [];
  const expected = partitionOfRegion(region);
  return expected === partition ? [] : [`region "${region}" is in partition "${expected}", not "${partition}"; set partition to "${expected}"`];
}
