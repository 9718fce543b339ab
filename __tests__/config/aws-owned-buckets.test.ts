/** The AWS-owned bucket catalog and the S3 bucket name rules the config applies to listed buckets. */
import { AWS_OWNED_BUCKET_SERVICES, AWS_OWNED_BUCKETS, awsOwnedBucketService, awsOwnedBucketSet, awsOwnedObjectArns } from '../../lib/aws/aws-owned-buckets';
import { bucketNameOf, bucketNameProblem, parseBucketRef } from '../../lib/aws/s3-bucket';

describe('AWS_OWNED_BUCKETS', () => {
  test('every entry: a unique service and Sid, read-only actions, an AWS page, names S3 accepts in every Region shape', () => {
    expect(AWS_OWNED_BUCKET_SERVICES).toEqual(['ssm-agent', 'ecr', 'amazon-linux-2023', 'amazon-linux-2']);
    expect(new Set(AWS_OWNED_BUCKETS.map((e) => e.sid)).size).toBe(AWS_OWNED_BUCKETS.length);
    for (const e of AWS_OWNED_BUCKETS) {
      expect(e.actions).toEqual(['s3:GetObject']);
      expect(e.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      for (const region of ['ap-northeast-2', 'us-east-1', 'af-south-1', 'me-south-1', 'eu-central-2']) {
        for (const bucket of e.buckets(region)) expect({ bucket, problem: bucketNameProblem(bucket) }).toEqual({ bucket, problem: undefined });
      }
    }
  });

  test('the names of ap-northeast-2, as the SSM, ECR and Amazon Linux pages give them', () => {
    expect(Object.fromEntries(AWS_OWNED_BUCKETS.map((e) => [e.service, e.buckets('ap-northeast-2')]))).toEqual({
      'ssm-agent': [
        'aws-ssm-ap-northeast-2',
        'aws-windows-downloads-ap-northeast-2',
        'amazon-ssm-ap-northeast-2',
        'amazon-ssm-packages-ap-northeast-2',
        'ap-northeast-2-birdwatcher-prod',
        'aws-ssm-document-attachments-ap-northeast-2',
        'patch-baseline-snapshot-ap-northeast-2',
      ],
      ecr: ['prod-ap-northeast-2-starport-layer-bucket'],
      'amazon-linux-2023': ['al2023-repos-ap-northeast-2-de612dc2', 'al2023-ap-northeast-2'],
      'amazon-linux-2': ['amazonlinux-2-repos-ap-northeast-2', 'amazonlinux.ap-northeast-2.amazonaws.com', 'packages.ap-northeast-2.amazonaws.com', 'repo.ap-northeast-2.amazonaws.com'],
    });
  });

  test('the SSM page\'s Regional exceptions', () => {
    const ssm = awsOwnedBucketSet('ssm-agent')!;
    expect(ssm.buckets('af-south-1')).toContain('aws-ssm-distributor-file-af-south-1');
    expect(ssm.buckets('eu-south-1')).not.toContain('eu-south-1-birdwatcher-prod');
    expect(ssm.buckets('me-south-1')).toContain('patch-baseline-snapshot-me-south-1-uduvl7q8');
    expect(ssm.buckets('us-east-1')).not.toContain('aws-ssm-distributor-file-us-east-1');
  });

  test('object ARNs in a partition, and the owner of a bucket', () => {
    expect(awsOwnedObjectArns(awsOwnedBucketSet('ecr')!, 'cn-north-1', 'aws-cn')).toEqual(['arn:aws-cn:s3:::prod-cn-north-1-starport-layer-bucket/*']);
    expect(awsOwnedBucketService('al2023-repos-eu-west-1-de612dc2', 'eu-west-1')).toBe('amazon-linux-2023');
    expect(awsOwnedBucketService('al2023-repos-eu-west-1-de612dc2', 'ap-northeast-2')).toBeUndefined();
    expect(awsOwnedBucketSet('apt')).toBeUndefined();
  });
});

describe('S3 bucket names and ARNs', () => {
  test('names S3 accepts', () => {
    for (const name of ['abc', 'vendor-artifacts', 'partner.exchange', 'a'.repeat(63), '1st-bucket']) expect(bucketNameProblem(name)).toBeUndefined();
  });

  test('names S3 rejects, each with its reason', () => {
    expect(bucketNameProblem('ab')).toMatch(/^is not an S3 bucket name \(3-63/);
    expect(bucketNameProblem('a'.repeat(64))).toMatch(/^is not an S3 bucket name \(3-63/);
    expect(bucketNameProblem('Vendor')).toMatch(/^is not an S3 bucket name \(3-63/);
    expect(bucketNameProblem('-vendor')).toMatch(/^is not an S3 bucket name \(3-63/);
    expect(bucketNameProblem('vendor_artifacts')).toMatch(/^is not an S3 bucket name \(3-63/);
    expect(bucketNameProblem('a..b')).toBe('is not an S3 bucket name (two adjacent dots)');
    expect(bucketNameProblem('10.0.0.1')).toBe('is not an S3 bucket name (it is formatted as an IP address)');
    expect(bucketNameProblem('sthree-vendor')).toBe('is not an S3 bucket name (the prefix "sthree-" is reserved)');
    expect(bucketNameProblem('vendor-s3alias')).toBe('is not an S3 bucket name (the suffix "-s3alias" is reserved)');
    expect(bucketNameProblem('vendor-?')).toBe('contains a wildcard, which would admit buckets of any account');
  });

  test('a name or a bucket ARN, never an object ARN', () => {
    expect(parseBucketRef('vendor')).toEqual({ ok: true, name: 'vendor' });
    expect(parseBucketRef('arn:aws-us-gov:s3:::vendor')).toEqual({ ok: true, name: 'vendor', partition: 'aws-us-gov' });
    expect(parseBucketRef('arn:aws:s3:::vendor/*')).toEqual({ ok: false, reason: 'is not a bucket ARN (arn:aws:s3:::<bucket>, without an object key: the whole bucket is admitted)' });
    expect(parseBucketRef('arn:aws:s3:::*')).toEqual({ ok: false, reason: 'contains a wildcard, which would admit buckets of any account' });
    expect(bucketNameOf('arn:aws:s3:::vendor')).toBe('vendor');
    expect(bucketNameOf('vendor')).toBe('vendor');
  });
});
