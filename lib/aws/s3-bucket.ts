/**
 * The one home of the S3 general purpose bucket naming rules (3-63 characters; lower-case letters,
 * digits, dots and hyphens; a letter or digit at both ends; no adjacent dots; not an IPv4 address;
 * reserved prefixes and suffixes), for the config rules and the constructs alike, and bucket names
 * and bucket ARNs as a config may write them.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */

/** The page the rules below come from. */
export const BUCKET_NAMING_RULES_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html';

/** Longest bucket name S3 accepts, in characters. */
export const MAX_BUCKET_NAME_LENGTH = 63;

/** A letter or digit at both ends, `middle` characters between: 3 to {@link MAX_BUCKET_NAME_LENGTH} in all. */
const shape = (middle: string): RegExp => new RegExp(`^[a-z0-9]${middle}{1,${MAX_BUCKET_NAME_LENGTH - 2}}[a-z0-9]$`);
const NAME = shape('[a-z0-9.-]');

/**
 * A bucket name without dots: 3-63 lower-case letters, digits and hyphens, a letter or digit at both
 * ends. What buckets reached over virtual-hosted-style HTTPS need (the `*.s3` certificate does not
 * match a dotted name); the reserved prefixes and suffixes are {@link reservedBucketAffix}'s.
 */
export const DOTLESS_BUCKET_NAME = shape('[a-z0-9-]');

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const;
const ARN = /^arn:(aws|aws-cn|aws-us-gov):s3:::([^/]*)$/;

/** The prefix or suffix S3 reserves that `name` uses (prefixes checked first), or undefined. */
export function reservedBucketAffix(name: string): { readonly kind: 'prefix' | 'suffix'; readonly affix: string } | undefined {
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return { kind: 'prefix', affix: prefix };
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  return suffix ? { kind: 'suffix', affix: suffix } : undefined;
}

/** Why `name` is not a general purpose bucket name, or undefined when it is one. */
export function bucketNameProblem(name: string): string | undefined {
  if (/[*?]/.test(name)) return 'contains a wildcard, which would admit buckets of any account';
  if (!NAME.test(name)) return 'is not an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit)';
  if (name.includes('..')) return 'is not an S3 bucket name (two adjacent dots)';
  if (IPV4.test(name)) return 'is not an S3 bucket name (it is formatted as an IP address)';
  const reserved = reservedBucketAffix(name);
  if (reserved) return `is not an S3 bucket name (the ${reserved.kind} "${reserved.affix}" is reserved)`;
  return undefined;
}

/** A bucket as written in the config: a name or `arn:<partition>:s3:::<name>`. */
export type BucketRef = { readonly ok: true; readonly name: string; readonly partition?: string } | { readonly ok: false; readonly reason: string };

/** Parses a bucket name or bucket ARN (no object key: the whole bucket is meant). */
export function parseBucketRef(text: string): BucketRef {
  const arn = ARN.exec(text);
  if (text.startsWith('arn:') && !arn) {
    return { ok: false, reason: 'is not a bucket ARN (arn:aws:s3:::<bucket>, without an object key: the whole bucket is admitted)' };
  }
  const name = arn ? arn[2] : text;
  const problem = bucketNameProblem(name);
  if (problem) return { ok: false, reason: problem };
  return arn ? { ok: true, name, partition: arn[1] } : { ok: true, name };
}

/** The bucket name of a config entry that passed {@link parseBucketRef} (a name, or the name inside its ARN). */
export function bucketNameOf(text: string): string {
  const arn = ARN.exec(text);
  return arn ? arn[2] : text;
}
