/**
 * Partitions, service host names and the account/Region checks that several constructs share.
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
import { isLiteral } from './validation-error';

/** The AWS partitions this project builds for. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** DNS suffix of service endpoints and service principals per partition. */
export const DNS_SUFFIX: Readonly<Record<AwsPartition, string>> = { aws: 'amazonaws.com', 'aws-cn': 'amazonaws.com.cn', 'aws-us-gov': 'amazonaws.com' };

/** `aws`, `aws-cn` or `aws-us-gov`, from a Region code (`aws` for an unresolved token). */
export function partitionOfRegion(region: string): AwsPartition {
  if (!isLiteral(region)) return 'aws';
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** True for a literal that is not a 12-digit account id. */
export const badAccountId = (accountId: string): boolean => isLiteral(accountId) && !ACCOUNT_ID.test(accountId);

/** True for a literal that is not a Region code such as ap-northeast-2. */
export const badRegion = (region: string): boolean => isLiteral(region) && !REGION.test(region);

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
