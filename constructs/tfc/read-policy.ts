/**
 * What a plan role may do: read what the landing zone's stacks manage, so `terraform plan` can refresh
 * it, and nothing else. It is the read-only twin of a deployment role ({@link deployPolicy}): the same
 * services (the {@link RESOURCE_SERVICES} table), their Describe/Get/List actions only, and none of the
 * reads that return data rather than configuration:
 *
 * - no `s3:GetObject` (bucket-level reads on `<name>-*` buckets only), no `kms:Decrypt`, no
 *   `logs:GetLogEvents`/`FilterLogEvents`, no Secrets Manager, and SSM parameter values only of the
 *   landing zone's own published String parameters under `/landing-zone/<name>/`;
 * - no instance user data (`ec2:DescribeInstanceAttribute`, launch template versions), which
 *   `ec2:Describe*` would otherwise include for instances other teams run in the account;
 * - the VPN pre-shared keys and the Direct Connect BGP key ({@link HYBRID_SECRET_READS}) only for the
 *   hub's own plan role: every other one is denied them explicitly.
 *
 * Pull-request plans run with this role, so a pull request never holds write credentials.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration#configure-a-role-and-trust-policy
 */
import { connectHandlerName } from '../../lib/names';
import { AwsPartition } from '../private/aws-partition';
import { PolicyDocument, PolicyStatement, policyDocument } from '../logging/policy';
import { denyHybridSecretReads, parametersUnder } from './deploy-policy';

/** Props of {@link readPolicy}. */
export interface ReadPolicyProps {
  readonly partition: AwsPartition;
  /** The account the role lives in. */
  readonly account: string;
  /** Prefix of every IAM and S3 name the landing zone creates: `<name>-`. */
  readonly namePrefix: string;
  /** `/landing-zone/<name>`: the only parameters whose values it reads. */
  readonly publishedPath: string;
  /** The hub's plan role: it may read the VPN and Direct Connect configuration, secrets included. */
  readonly readsHybridSecrets: boolean;
}

/**
 * Describe/Get/List of the network services, without resource-level scoping: their List and most
 * Describe actions support none (Service Authorization Reference, "Resource types" column empty).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
const NETWORK_READS = [
  'ec2:Describe*',
  'ec2:GetTransitGatewayRouteTableAssociations',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ec2:GetTransitGatewayAttachmentPropagations',
  'ec2:GetTransitGatewayPrefixListReferences',
  'ec2:SearchTransitGatewayRoutes',
  'ec2:GetManagedPrefixListEntries',
  'ec2:GetManagedPrefixListAssociations',
  'route53:Get*',
  'route53:List*',
  'route53resolver:Get*',
  'route53resolver:List*',
  'route53profiles:Get*',
  'route53profiles:List*',
  'ram:Get*',
  'ram:List*',
  'directconnect:Describe*',
  'elasticloadbalancing:Describe*',
  // Certificates and chains are public; ExportCertificate (the private key) is not granted.
  'acm:DescribeCertificate',
  'acm:GetCertificate',
  'acm:ListCertificates',
  'acm:ListTagsForCertificate',
  'wafv2:GetWebACL',
  'wafv2:GetWebACLForResource',
  'logs:DescribeLogGroups',
  'logs:DescribeLogStreams',
  'logs:ListTagsForResource',
  'logs:ListTagsLogGroup',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:DescribeResourcePolicies',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListKeyRotations',
  'kms:ListAliases',
  'kms:ListResourceTags',
  'ssm:DescribeDocument',
  'ssm:GetDocument',
  'ssm:DescribeDocumentPermission',
  'ssm:ListDocumentVersions',
  'ssm:ListTagsForResource',
  // Names and metadata of parameters, never their values.
  'ssm:DescribeParameters',
  'organizations:DescribeOrganization',
];

/** Bucket configuration of the landing zone's buckets; HeadBucket, which the provider's read calls, needs s3:ListBucket. */
const BUCKET_READS = [
  's3:GetBucket*',
  's3:GetLifecycleConfiguration',
  's3:GetEncryptionConfiguration',
  's3:GetReplicationConfiguration',
  's3:GetAccelerateConfiguration',
  's3:GetAnalyticsConfiguration',
  's3:GetInventoryConfiguration',
  's3:GetMetricsConfiguration',
  's3:GetIntelligentTieringConfiguration',
  's3:ListBucket',
];

/** The roles, instance profiles and policies the stacks own. */
const IAM_READS = [
  'iam:GetRole',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListRoleTags',
  'iam:ListInstanceProfilesForRole',
  'iam:GetInstanceProfile',
  'iam:ListInstanceProfileTags',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:ListPolicyVersions',
  'iam:ListPolicyTags',
  'iam:ListEntitiesForPolicy',
];

/** The Client VPN connect handlers (their code is the landing zone's own). */
const LAMBDA_READS = ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetPolicy', 'lambda:ListVersionsByFunction', 'lambda:ListTags'];

/**
 * Describe actions inside `ec2:Describe*` that return instance user data, which other teams' instances
 * may carry secrets in; the stacks manage no instance.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceAttribute.html
 */
export const INSTANCE_DATA_READS = ['ec2:DescribeInstanceAttribute', 'ec2:DescribeLaunchTemplateVersions'] as const;

/** The identity policy of a plan role in one account. */
export function readPolicy(p: ReadPolicyProps): PolicyDocument {
  const iam = (kind: string, name: string) => `arn:${p.partition}:iam::${p.account}:${kind}/${name}`;
  const statements: PolicyStatement[] = [
    { Sid: 'ReadNetworkServices', Effect: 'Allow', Action: NETWORK_READS, Resource: '*' },
    // Bucket-level only (no `/*`): nothing can match an object.
    { Sid: 'ReadLandingZoneBuckets', Effect: 'Allow', Action: BUCKET_READS, Resource: `arn:${p.partition}:s3:::${p.namePrefix}*` },
    {
      Sid: 'ReadLandingZoneIam',
      Effect: 'Allow',
      Action: IAM_READS,
      Resource: [iam('role', `${p.namePrefix}*`), iam('instance-profile', `${p.namePrefix}*`), iam('policy', `${p.namePrefix}*`), iam('role', `${connectHandlerName(p.namePrefix)}*`)],
    },
    { Sid: 'ReadConnectHandlers', Effect: 'Allow', Action: LAMBDA_READS, Resource: `arn:${p.partition}:lambda:*:${p.account}:function:${connectHandlerName(p.namePrefix)}*` },
    // The published values are plain String parameters meant for other workspaces to read.
    { Sid: 'ReadPublishedValues', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: parametersUnder(p.partition, '*', p.account, p.publishedPath) },
    { Sid: 'DenyInstanceData', Effect: 'Deny', Action: [...INSTANCE_DATA_READS], Resource: '*' },
    ...(p.readsHybridSecrets ? [] : [denyHybridSecretReads()]),
  ];
  return policyDocument(statements);
}
