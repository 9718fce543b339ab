/**
 * What a landing-zone deployment role may do: the network services the stacks use, IAM and S3 only
 * under the landing zone's name prefix, KMS key administration without the data plane, and nothing
 * that changes its own permissions or chains into another role.
 *
 * Why a scoped inline policy and not AWS managed policies: AdministratorAccess breaks the project's
 * no-admin rule, and PowerUserAccess grants every service except IAM (Lambda, EC2 instances, S3
 * objects, KMS decryption, Secrets Manager) while still needing an IAM add-on for the Session Manager
 * role, so it is both too wide and not enough. The cost of an allow-list is upkeep: a construct that
 * starts using a new AWS service needs a line here (__tests__/stacks/tfc-bootstrap.test.ts fails
 * until it has one) and a re-run of the bootstrap.
 */
import { connectHandlerName } from '../../lib/names';
import { AwsPartition } from '../private/aws-partition';
import { PolicyDocument, PolicyStatement, policyDocument } from '../logging/policy';

/** Props of {@link deployPolicy}. */
export interface DeployPolicyProps {
  readonly partition: AwsPartition;
  /** The account the role lives in. */
  readonly account: string;
  /** Prefix of every IAM and S3 name the landing zone creates: `<name>-`. */
  readonly namePrefix: string;
  /** Path of the values the landing zone publishes, `/landing-zone/<name>`: the only SSM parameters it writes or reads. */
  readonly publishedPath: string;
  /** ARN of the role this policy is attached to: it may never change itself. */
  readonly roleArn: string;
  /** IAM path of the Terraform Cloud roles the bootstrap creates (plan roles, spoke hub roles), which it may not change either. */
  readonly tfcRolePath: string;
  /**
   * Whether the role's stack holds the hybrid secrets (the hub): `ec2:DescribeVpnConnections` returns
   * each VPN's customer gateway configuration with its pre-shared keys, and
   * `directconnect:DescribeVirtualInterfaces` (and the router configuration) the BGP authentication key.
   * Every other role is denied them explicitly, so a log archive deploying in the hub account reads none.
   */
  readonly readsHybridSecrets: boolean;
}

/**
 * Resource and data-source type prefixes of the AWS provider and the IAM service they call; longer
 * prefixes first (`aws_route53_resolver_` before `aws_route53_` before `aws_route`). `null`: the data
 * source calls no API that needs a permission.
 */
export const RESOURCE_SERVICES: readonly (readonly [prefix: string, service: string | null])[] = [
  ['aws_route53_resolver_', 'route53resolver'],
  ['aws_route53profiles_', 'route53profiles'],
  ['aws_route53_', 'route53'],
  ['aws_ec2_', 'ec2'],
  ['aws_vpc', 'ec2'],
  ['aws_subnet', 'ec2'],
  ['aws_route', 'ec2'],
  ['aws_internet_gateway', 'ec2'],
  ['aws_egress_only_internet_gateway', 'ec2'],
  ['aws_nat_gateway', 'ec2'],
  ['aws_eip', 'ec2'],
  ['aws_default_security_group', 'ec2'],
  ['aws_security_group', 'ec2'],
  ['aws_network_interface', 'ec2'],
  ['aws_flow_log', 'ec2'],
  ['aws_customer_gateway', 'ec2'],
  ['aws_vpn_connection', 'ec2'],
  ['aws_dx_', 'directconnect'],
  ['aws_ram_', 'ram'],
  ['aws_s3_', 's3'],
  ['aws_kms_', 'kms'],
  ['aws_cloudwatch_log_', 'logs'],
  ['aws_lambda_', 'lambda'],
  ['aws_iam_policy_document', null],
  ['aws_iam_', 'iam'],
  ['aws_ssm_', 'ssm'],
  ['aws_acm_', 'acm'],
  ['aws_lb', 'elasticloadbalancing'],
  ['aws_alb', 'elasticloadbalancing'],
  ['aws_wafv2_', 'wafv2'],
  ['aws_caller_identity', null],
  ['aws_partition', null],
  ['aws_region', null],
];

/** The IAM service prefix a resource or data type calls (`null`: none needed), or `undefined` when the table does not know it. */
export function serviceOfType(type: string): string | null | undefined {
  return RESOURCE_SERVICES.find(([prefix]) => type.startsWith(prefix))?.[1];
}

/** EC2 actions on network resources only: no instance, volume, image or launch-template action matches these. */
const EC2_NETWORK_ACTIONS = [
  'ec2:Describe*',
  'ec2:CreateTags',
  'ec2:DeleteTags',
  'ec2:*Vpc*',
  'ec2:*Subnet*',
  'ec2:*Route*',
  'ec2:*Gateway*',
  'ec2:*SecurityGroup*',
  'ec2:*Address*',
  'ec2:*FlowLogs*',
  'ec2:*NetworkInterface*',
  'ec2:*PrefixList*',
  'ec2:*ClientVpn*',
  'ec2:*InstanceConnectEndpoint*',
  'ec2:*VpnConnection*',
  'ec2:*VpnTunnel*',
  // Amazon VPC IPAM (with `ipam`): the IPAM, pools, pool CIDRs, and the allocation a spoke VPC takes
  // from a shared pool; sharing a pool through RAM puts a resource policy on it.
  // https://docs.aws.amazon.com/vpc/latest/ipam/share-pool-ipam.html
  'ec2:*Ipam*',
  'ec2:PutResourcePolicy',
  'ec2:DeleteResourcePolicy',
];

/** Key administration; no Encrypt, Decrypt, GenerateDataKey, ReEncrypt or CreateGrant: the stacks never use keys, services do. */
const KMS_ADMIN_ACTIONS = [
  'kms:CreateKey',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:ListKeyRotations',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:ScheduleKeyDeletion',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:ListAliases',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
];

/** Log groups, their retention, keys and tags, and the log deliveries flow and query logs need; no reading of log events. */
const LOGS_ACTIONS = [
  'logs:CreateLogGroup',
  'logs:DeleteLogGroup',
  'logs:DescribeLogGroups',
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  'logs:AssociateKmsKey',
  'logs:DisassociateKmsKey',
  'logs:CreateLogStream',
  'logs:DeleteLogStream',
  'logs:DescribeLogStreams',
  'logs:TagResource',
  'logs:UntagResource',
  'logs:ListTagsForResource',
  'logs:TagLogGroup',
  'logs:UntagLogGroup',
  'logs:ListTagsLogGroup',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DeleteResourcePolicy',
];

/** Session Manager preference documents; no SendCommand or StartSession. */
const SSM_DOCUMENT_ACTIONS = [
  'ssm:CreateDocument',
  'ssm:UpdateDocument',
  'ssm:DeleteDocument',
  'ssm:DescribeDocument',
  'ssm:GetDocument',
  'ssm:DescribeDocumentPermission',
  'ssm:ModifyDocumentPermission',
  'ssm:UpdateDocumentDefaultVersion',
  'ssm:ListDocumentVersions',
  'ssm:ListTagsForResource',
  'ssm:AddTagsToResource',
  'ssm:RemoveTagsFromResource',
];

/** Roles, inline policies and instance profiles the stacks own (Session Manager instance role). */
const IAM_ROLE_ACTIONS = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:GetRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:ListRoleTags',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:CreateInstanceProfile',
  'iam:DeleteInstanceProfile',
  'iam:GetInstanceProfile',
  'iam:AddRoleToInstanceProfile',
  'iam:RemoveRoleFromInstanceProfile',
  'iam:TagInstanceProfile',
  'iam:UntagInstanceProfile',
  'iam:ListInstanceProfileTags',
];

/** Customer managed policies the stacks own (operator policies). */
const IAM_POLICY_ACTIONS = [
  'iam:CreatePolicy',
  'iam:DeletePolicy',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:ListPolicyVersions',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:TagPolicy',
  'iam:UntagPolicy',
  'iam:ListPolicyTags',
  'iam:ListEntitiesForPolicy',
];

/**
 * Reads that return the hybrid secrets: the VPN tunnels' pre-shared keys are in the customer gateway
 * configuration of DescribeVpnConnections, the BGP key in DescribeVirtualInterfaces (`authKey`) and in
 * the generated router configuration.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html (CustomerGatewayConfiguration)
 * https://docs.aws.amazon.com/directconnect/latest/APIReference/API_VirtualInterface.html (authKey)
 * https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeRouterConfiguration.html
 */
export const HYBRID_SECRET_READS = ['ec2:DescribeVpnConnections', 'directconnect:DescribeVirtualInterfaces', 'directconnect:DescribeRouterConfiguration'] as const;

/** The explicit deny of {@link HYBRID_SECRET_READS} every role but the hub's carries. */
export const denyHybridSecretReads = (): PolicyStatement => ({ Sid: 'DenyHybridSecretReads', Effect: 'Deny', Action: [...HYBRID_SECRET_READS], Resource: '*' });

/**
 * The ARN pattern of every SSM parameter under a path in one account: a parameter named
 * `/landing-zone/shop/hub/x` has the ARN `...:parameter/landing-zone/shop/hub/x`
 * (`parameter/${ParameterNameWithoutLeadingSlash}`, Service Authorization Reference, "Resource types").
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html
 */
export function parametersUnder(partition: string, region: string, account: string, path: string): string {
  return `arn:${partition}:ssm:${region}:${account}:parameter/${path.replace(/^\//, '')}/*`;
}

/** Writing and reading the published values: the parameter, its tags and its description. */
const PUBLISHED_VALUE_ACTIONS = ['ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:AddTagsToResource', 'ssm:RemoveTagsFromResource', 'ssm:ListTagsForResource'];

/** The identity policy of a deployment role in one account. */
export function deployPolicy(p: DeployPolicyProps): PolicyDocument {
  const iam = (kind: string, name: string) => `arn:${p.partition}:iam::${p.account}:${kind}/${name}`;
  const statements: PolicyStatement[] = [
    {
      Sid: 'NetworkServices',
      Effect: 'Allow',
      Action: [
        ...EC2_NETWORK_ACTIONS,
        'route53:*',
        'route53resolver:*',
        'route53profiles:*',
        'ram:*',
        'directconnect:*',
        'elasticloadbalancing:*',
        'acm:*',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        ...LOGS_ACTIONS,
        ...SSM_DOCUMENT_ACTIONS,
        ...KMS_ADMIN_ACTIONS,
        // RAM shares with the organization or its OUs look the organization up.
        'organizations:DescribeOrganization',
      ],
      Resource: '*',
    },
    // Bucket-level only (no `/*`): the stacks create and configure buckets but never read or delete objects.
    { Sid: 'LandingZoneBuckets', Effect: 'Allow', Action: 's3:*', Resource: `arn:${p.partition}:s3:::${p.namePrefix}*` },
    { Sid: 'LandingZoneRoles', Effect: 'Allow', Action: IAM_ROLE_ACTIONS, Resource: [iam('role', `${p.namePrefix}*`), iam('instance-profile', `${p.namePrefix}*`)] },
    { Sid: 'LandingZonePolicies', Effect: 'Allow', Action: IAM_POLICY_ACTIONS, Resource: iam('policy', `${p.namePrefix}*`) },
    {
      Sid: 'AttachKnownPolicies',
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      Resource: iam('role', `${p.namePrefix}*`),
      Condition: { ArnLike: { 'iam:PolicyARN': [`arn:${p.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`, iam('policy', `${p.namePrefix}*`)] } },
    },
    // The Client VPN connect handler: AWS invokes only functions named AWSClientVPN-*, and its role has the same name.
    // https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-authorization.html
    {
      Sid: 'ClientVpnConnectHandlers',
      Effect: 'Allow',
      Action: [
        'lambda:CreateFunction',
        'lambda:DeleteFunction',
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
        'lambda:GetFunctionCodeSigningConfig',
        'lambda:GetPolicy',
        'lambda:ListVersionsByFunction',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:ListTags',
        'lambda:TagResource',
        'lambda:UntagResource',
      ],
      Resource: `arn:${p.partition}:lambda:*:${p.account}:function:${connectHandlerName(p.namePrefix)}*`,
    },
    { Sid: 'ClientVpnConnectHandlerRoles', Effect: 'Allow', Action: [...IAM_ROLE_ACTIONS, 'iam:PassRole'], Resource: iam('role', `${connectHandlerName(p.namePrefix)}*`) },
    // AddRoleToInstanceProfile needs PassRole on the role; only the Session Manager instance roles.
    { Sid: 'PassInstanceRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: iam('role', `${p.namePrefix}*-ssm-instance`) },
    // Transit Gateway, ELB, Client VPN, Direct Connect and Instance Connect create their service-linked roles on first use.
    { Sid: 'ServiceLinkedRoles', Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: iam('role', 'aws-service-role/*') },
    // The values stacks publish for other workspaces (plain String parameters, constructs/publish) and
    // read from them; no other parameter, and never SecureString decryption (no kms:Decrypt).
    // DescribeParameters (names and metadata, no values) supports no resource-level permission.
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html
    { Sid: 'PublishedValues', Effect: 'Allow', Action: PUBLISHED_VALUE_ACTIONS, Resource: parametersUnder(p.partition, '*', p.account, p.publishedPath) },
    { Sid: 'DescribeParameters', Effect: 'Allow', Action: 'ssm:DescribeParameters', Resource: '*' },
    // Explicit denies win over every allow above, also if the role's own name happens to match the prefix.
    { Sid: 'DenySelfAndTfcRoles', Effect: 'Deny', Action: 'iam:*', Resource: [p.roleArn, iam('role', `${p.tfcRolePath.replace(/^\//, '')}*`)] },
    // A role it created could otherwise trust it and carry any policy: it never assumes anything.
    { Sid: 'DenyRoleChaining', Effect: 'Deny', Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'], Resource: '*' },
    ...(p.readsHybridSecrets ? [] : [denyHybridSecretReads()]),
  ];
  return policyDocument(statements);
}
