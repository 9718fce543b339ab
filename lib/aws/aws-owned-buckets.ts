/**
 * Verified catalog of the AWS-owned S3 buckets that instances in a spoke read through the spoke's S3
 * gateway endpoint. The endpoint's prefix-list route captures every same-Region S3 request of the
 * private tiers, so its policy must admit these buckets or the services that keep their data in them
 * answer 403: ECR image layers, the Amazon Linux package repositories, SSM Agent updates, Distributor
 * and Patch Manager.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html ("Check whether you are using
 * an AWS service that requires access to an S3 bucket ... ensure that the endpoint policy allows access
 * to the buckets used by the AWS service")
 *
 * Sources, checked 2026-11 (each entry names its page):
 * - SSM Agent: "About minimum S3 Bucket permissions for SSM Agent" (Systems Manager User Guide), which
 *   also gives the Regional exceptions applied below. The page adds that `aws-ssm-<region>` has an
 *   extended name "in a few AWS Regions" without listing them in its text: a Region of those needs its
 *   name in `allowBuckets` until it is added here. macOS patching (`aws-patchmanager-macos-<region>`) is
 *   left out: no default AMI of this landing zone is macOS.
 * - ECR: "Amazon ECR interface VPC endpoints", section "Create the Amazon S3 gateway endpoint"
 *   (`arn:aws:s3:::prod-region-starport-layer-bucket/*`) and "Minimum Amazon S3 bucket permissions".
 * - Amazon Linux 2023 and Amazon Linux 2: AWS's data perimeter policy examples list these buckets for
 *   Kernel Live Patching on AL2023 and AL2 and for Amazon EMR, with links to the AWS pages they come from
 *   (github.com/aws-samples/data-perimeter-policy-examples, vpc_endpoint_policies/README.md, "Amazon
 *   EC2 Linux patching"). dnf on AL2023 fetches from `al2023-repos-<region>-de612dc2`, yum on AL2 from
 *   `amazonlinux-2-repos-<region>` (mirror lists at `amazonlinux.<region>.amazonaws.com`).
 *
 * Every entry is read-only (`s3:GetObject`): the agents and package managers fetch objects, unsigned or
 * through URLs presigned by AWS accounts, so no principal or organization condition can match them.
 * Bucket names are the commercial partition's; other partitions may name them differently.
 *
 * Pure data: no AWS calls, no credentials.
 */

/** A service (or AMI family) whose AWS-owned buckets a spoke's S3 gateway endpoint admits. */
export type AwsOwnedBucketService = 'ssm-agent' | 'ecr' | 'amazon-linux-2023' | 'amazon-linux-2';

/** One service's AWS-owned buckets. */
export interface AwsOwnedBucketSet {
  readonly service: AwsOwnedBucketService;
  /** Sid of its statement in the gateway endpoint policy (a change rewrites the policy in place). */
  readonly sid: string;
  /** What breaks without it, for messages. */
  readonly purpose: string;
  /** Bucket names in `region`. */
  readonly buckets: (region: string) => readonly string[];
  /** Object-level actions the service needs: read only. */
  readonly actions: readonly string[];
  /** The AWS page the names were checked against. */
  readonly doc: string;
}

/** SSM Agent's minimum S3 permissions page. */
const SSM_AGENT_DOC = 'https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-minimum-s3-permissions.html';
/** ECR's PrivateLink page, S3 gateway endpoint section. */
const ECR_DOC = 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-setting-up-s3-gateway';
/** AL2023 Kernel Live Patching (its repository buckets as AWS's data perimeter examples list them). */
const AL2023_DOC = 'https://docs.aws.amazon.com/linux/al2023/ug/live-patching.html';
/** AL2 Kernel Live Patching (its repository buckets as AWS's data perimeter examples list them). */
const AL2_DOC = 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/al2-live-patching.html';

/** The SSM page: Distributor's service bucket is `<region>-birdwatcher-prod` except in these Regions, which use `aws-ssm-distributor-file-<region>`. */
const DISTRIBUTOR_FILE_REGIONS: ReadonlySet<string> = new Set(['af-south-1', 'eu-south-1']);
/** The SSM page: the patch baseline snapshot bucket of me-south-1 has its own name. */
const PATCH_SNAPSHOT_EXCEPTIONS: Readonly<Record<string, string>> = { 'me-south-1': 'patch-baseline-snapshot-me-south-1-uduvl7q8' };

const ENTRIES: readonly AwsOwnedBucketSet[] = [
  {
    service: 'ssm-agent',
    sid: 'SsmAgentAwsOwnedBuckets',
    purpose: 'SSM Agent updates, SSM documents\' modules, Distributor packages and Patch Manager baselines',
    buckets: (r) => [
      `aws-ssm-${r}`,
      `aws-windows-downloads-${r}`,
      `amazon-ssm-${r}`,
      `amazon-ssm-packages-${r}`,
      DISTRIBUTOR_FILE_REGIONS.has(r) ? `aws-ssm-distributor-file-${r}` : `${r}-birdwatcher-prod`,
      `aws-ssm-document-attachments-${r}`,
      PATCH_SNAPSHOT_EXCEPTIONS[r] ?? `patch-baseline-snapshot-${r}`,
    ],
    actions: ['s3:GetObject'],
    doc: SSM_AGENT_DOC,
  },
  {
    service: 'ecr',
    sid: 'EcrImageLayers',
    purpose: 'ECR image pulls (the layers; manifests come from the ecr.dkr endpoint)',
    buckets: (r) => [`prod-${r}-starport-layer-bucket`],
    actions: ['s3:GetObject'],
    doc: ECR_DOC,
  },
  {
    service: 'amazon-linux-2023',
    sid: 'AmazonLinux2023Repositories',
    purpose: 'dnf on Amazon Linux 2023 (package repositories and kernel live patches)',
    buckets: (r) => [`al2023-repos-${r}-de612dc2`, `al2023-${r}`],
    actions: ['s3:GetObject'],
    doc: AL2023_DOC,
  },
  {
    service: 'amazon-linux-2',
    sid: 'AmazonLinux2Repositories',
    purpose: 'yum on Amazon Linux 2 (mirror lists, package repositories and kernel live patches)',
    buckets: (r) => [`amazonlinux-2-repos-${r}`, `amazonlinux.${r}.amazonaws.com`, `packages.${r}.amazonaws.com`, `repo.${r}.amazonaws.com`],
    actions: ['s3:GetObject'],
    doc: AL2_DOC,
  },
];

/** Every service of the catalog, in policy order. */
export const AWS_OWNED_BUCKET_SERVICES: readonly AwsOwnedBucketService[] = Object.freeze(ENTRIES.map((e) => e.service));

/** The catalog, in policy order; see the file header for how each entry was checked. */
export const AWS_OWNED_BUCKETS: readonly AwsOwnedBucketSet[] = Object.freeze(ENTRIES.map((e) => Object.freeze({ ...e, actions: Object.freeze([...e.actions]) })));

const BY_SERVICE: ReadonlyMap<string, AwsOwnedBucketSet> = new Map(AWS_OWNED_BUCKETS.map((e) => [e.service, e]));

/** The catalog entry of a service, or undefined when the catalog does not have it. */
export function awsOwnedBucketSet(service: string): AwsOwnedBucketSet | undefined {
  return BY_SERVICE.get(service);
}

/** `arn:<partition>:s3:::<bucket>/*` for every bucket of the set in `region`: the objects its statement admits. */
export function awsOwnedObjectArns(set: AwsOwnedBucketSet, region: string, partition = 'aws'): string[] {
  return set.buckets(region).map((b) => `arn:${partition}:s3:::${b}/*`);
}

/** The service owning `bucket` in `region`, when it is one of the catalog's buckets. */
export function awsOwnedBucketService(bucket: string, region: string): AwsOwnedBucketService | undefined {
  return AWS_OWNED_BUCKETS.find((e) => e.buckets(region).includes(bucket))?.service;
}
