/**
 * AWS partitions: their names, the DNS suffix of their service endpoints and principals, and which
 * partition a Region code belongs to.
 * https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */

/** The AWS partitions this project builds for. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** DNS suffix of service endpoints and service principals per partition. */
export const DNS_SUFFIX: Readonly<Record<AwsPartition, string>> = { aws: 'amazonaws.com', 'aws-cn': 'amazonaws.com.cn', 'aws-us-gov': 'amazonaws.com' };

/** The partition of a Region code: `cn-*` is aws-cn, `us-gov-*` aws-us-gov, every other Region aws. */
export function partitionOfRegionCode(region: string): AwsPartition {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** A Region code such as ap-northeast-2 or us-gov-west-1 (shape only; lib/aws/regions.ts lists the commercial Regions). */
export const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
