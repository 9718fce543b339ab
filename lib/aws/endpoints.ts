/**
 * Verified catalog of AWS interface VPC endpoint services that the hub can centralize.
 *
 * The hub creates each endpoint with private DNS off and instead creates one Route 53 private hosted
 * zone per service, named like the service's own private DNS name, with alias records to the
 * endpoint's regional DNS name. That only works when the names clients call fit a zone's apex and/or
 * one wildcard label, so every entry records the zone and the records it needs.
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 *
 * Sources, checked 2026-11:
 * - Service names: the AWS PrivateLink Guide's list of integrated services (every name below appears
 *   there). https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html
 * - Zone names: the standard regional endpoint `<name>.<region>.amazonaws.com` is what private DNS
 *   serves for most services (CreateVpcEndpoint: "a record set for the default public DNS name for
 *   the service for the Region"); entries whose hostname differs cite the service's own page.
 * - Endpoint-policy support: `true` only where an AWS page says the service's endpoint takes a
 *   custom policy: the service's PrivateLink page has an endpoint-policy section, or the "Supports
 *   VPC endpoint policies" column of the PrivateLink service table (Amazon VPC User Guide,
 *   integrated-services-vpce-list, archived in github.com/awsdocs/amazon-vpc-user-guide) says Yes.
 *   Support is only ever added, so an old "Yes" still holds; an old "No" may be stale, and those
 *   entries stay `false` until someone runs
 *   `aws ec2 describe-vpc-endpoint-services --query 'ServiceDetails[].[ServiceName,VpcEndpointPolicySupported]'`
 *   (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html#vpce-endpoint-policy-support).
 *   `false` is the safe side: a service without policy support accepts only the full-access policy
 *   and rejects a custom one, failing the apply, while a missing policy merely leaves the endpoint
 *   open, which the config reports.
 *
 * Pure data: no AWS calls, no credentials. Commercial partition only (`amazonaws.com`).
 */
import { REGION_CODE } from './partitions';

/** One centralizable interface endpoint service. */
export interface EndpointService {
  /** Config name, the suffix after com.amazonaws.<region>. e.g. 'ssm', 'ecr.dkr', 'sagemaker.api'. */
  readonly name: string;
  /** Private hosted zone name with a {region} placeholder, e.g. 'dkr.ecr.{region}.amazonaws.com'. */
  readonly zone: string;
  /** Records to create in the zone: '' for the apex, '*' for the wildcard. */
  readonly records: readonly ('' | '*')[];
  /** Whether the service supports VPC endpoint policies (if not, no policy may be attached). */
  readonly supportsPolicy: boolean;
  /** The AWS documentation page this entry was checked against. */
  readonly doc: string;
  /**
   * VPCs reach the service through their own gateway endpoint, so the central interface endpoint
   * serves on-premises only (through the inbound Resolver): no spoke associates its zone, and in
   * Route 53 Profile mode the endpoint stays out of the profile. Only `s3`.
   * @default false
   */
  readonly spokesUseGateway?: boolean;
}

/** The PrivateLink Guide's list of integrated services and their endpoint service names. */
const PRIVATELINK_SERVICES = 'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html';
/** Systems Manager's VPC endpoint page (ssm, ssmmessages, ec2messages). */
const SYSTEMS_MANAGER = 'https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html';
/** Amazon ECR's PrivateLink page (ecr.api, ecr.dkr). */
const ECR = 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html';
/** SageMaker AI's PrivateLink page (sagemaker.api, sagemaker.runtime). */
const SAGEMAKER = 'https://docs.aws.amazon.com/sagemaker/latest/dg/interface-vpc-endpoint.html';

/** The common case: the service answers on `<name>.<region>.amazonaws.com` and nothing below it. */
function regional(name: string, supportsPolicy: boolean, doc: string): EndpointService {
  return { name, zone: `${name}.{region}.amazonaws.com`, records: [''], supportsPolicy, doc };
}

const ENTRIES: readonly EndpointService[] = [
  // Endpoint policy: service table Yes (Athena page, #api-private-link-policy).
  regional('athena', true, 'https://docs.aws.amazon.com/athena/latest/ug/interface-vpc-endpoint.html'),
  // Amazon EC2 Auto Scaling (not Application Auto Scaling, which is `application-autoscaling`). Policy: table Yes.
  regional('autoscaling', true, 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-vpc-endpoints.html'),
  // Listed as com.amazonaws.<region>.backup; endpoint-policy support not confirmed on an AWS page: safe value.
  regional('backup', false, PRIVATELINK_SERVICES),
  // Listed as com.amazonaws.<region>.cloudformation; the service table said No and nothing newer was found: safe value.
  regional('cloudformation', false, PRIVATELINK_SERVICES),
  // Policy: table Yes (CodeBuild page, #creating-vpc-endpoint-policy).
  regional('codebuild', true, 'https://docs.aws.amazon.com/codebuild/latest/userguide/use-vpc-endpoints-with-codebuild.html'),
  // EBS direct APIs. The service table said No and nothing newer was found: safe value.
  regional('ebs', false, 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ebs-apis-vpc-endpoints.html'),
  // The EC2 page has "Create an endpoint policy".
  regional('ec2', true, 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/interface-vpc-endpoints.html'),
  // SSM Agent's message endpoint. The Systems Manager page documents policies for the service as a
  // whole, not for this endpoint by name: safe value.
  regional('ec2messages', false, SYSTEMS_MANAGER),
  // The ECR API answers on api.ecr.<region>.amazonaws.com, not ecr.api.<region> (ECR page, endpoint URL
  // examples). The ECR page recommends one endpoint policy "attached to both of the Amazon ECR VPC endpoints".
  { name: 'ecr.api', zone: 'api.ecr.{region}.amazonaws.com', records: [''], supportsPolicy: true, doc: ECR },
  // Docker clients always address a registry as <account-id>.dkr.ecr.<region>.amazonaws.com, so only the
  // wildcard is needed; the apex is never queried. ECR requires private DNS for this endpoint, which is
  // exactly what this zone stands in for.
  { name: 'ecr.dkr', zone: 'dkr.ecr.{region}.amazonaws.com', records: ['*'], supportsPolicy: true, doc: ECR },
  // The ECS API only. Its agent and telemetry endpoints cannot be centralized: see NOT_CENTRALIZABLE.
  // The ECS page has "Creating a VPC endpoint policy for Amazon ECS" (the older service table said No).
  regional('ecs', true, 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html'),
  // The EFS API (mount targets are ENIs in each VPC and need no endpoint). Policy: table Yes.
  regional('elasticfilesystem', true, 'https://docs.aws.amazon.com/efs/latest/ug/efs-vpc-endpoints.html'),
  // Policy: table Yes (#create-vpce-policy-elb).
  regional('elasticloadbalancing', true, 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/load-balancer-vpc-endpoints.html'),
  // Amazon EventBridge. Policy: table Yes.
  regional('events', true, 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eventbridge-and-interface-VPC.html'),
  // Private REST APIs are called as <api-id>.execute-api.<region>.amazonaws.com (the wildcard); the apex
  // serves calls that name the API in an x-apigw-api-id header; it mirrors what the endpoint's own private
  // DNS is reported to create (both names), while the AWS page shows only the per-API form. API Gateway
  // warns that with these names resolving privately, the default endpoints of *public* APIs become
  // unreachable, and that applies to every VPC this zone is associated with. Policy: table Yes (apigateway-vpc-endpoint-policies).
  {
    name: 'execute-api',
    zone: 'execute-api.{region}.amazonaws.com',
    records: ['', '*'],
    supportsPolicy: true,
    doc: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html',
  },
  // The service table said No and nothing newer was found: safe value.
  regional('glue', false, PRIVATELINK_SERVICES),
  // The service name says kinesis-streams but clients call kinesis.<region>.amazonaws.com, the example
  // CreateVpcEndpoint itself gives for private DNS; the Kinesis page says producers and consumers need no
  // change once the endpoint exists. Policy: table Yes (#interface-vpc-endpoints-policies).
  {
    name: 'kinesis-streams',
    zone: 'kinesis.{region}.amazonaws.com',
    records: [''],
    supportsPolicy: true,
    doc: 'https://docs.aws.amazon.com/streams/latest/dev/vpc.html',
  },
  // The KMS pages: private DNS makes kms.<region>.amazonaws.com resolve to the endpoint, and a request
  // needs permission from the endpoint policy too.
  regional('kms', true, 'https://docs.aws.amazon.com/kms/latest/developerguide/vpce-create-endpoint.html'),
  // Policy: table Yes (#vpc-endpoint-policy).
  regional('lambda', true, 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-endpoints.html'),
  // CloudWatch Logs. Policy: table Yes (#CloudWatchLogs-VPC-endpoint-policy).
  regional('logs', true, 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-and-interface-VPC.html'),
  // CloudWatch metrics. The PrivateLink Guide's describe-vpc-endpoint-services example shows
  // VpcEndpointPolicySupported true for it. Its private DNS also covers monitoring.<region>.api.aws (dual
  // stack) and the -fips names, which this zone does not; SDKs call the amazonaws.com name by default.
  regional('monitoring', true, PRIVATELINK_SERVICES),
  // The RDS API (database connections need no endpoint). Policy: table Yes.
  regional('rds', true, 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/vpc-interface-endpoints.html'),
  // S3 private DNS resolves the Regional bucket endpoint s3.<region>.amazonaws.com: the apex serves
  // path-style requests, the wildcard virtual-hosted ones (<bucket>.s3.<region>.amazonaws.com). It also
  // covers s3-control.<region> and s3-accesspoint.<region>, which this zone does not. Unlike other
  // services, the endpoint's own regional DNS name is itself a wildcard record
  // (*.vpce-<id>.s3.<region>.vpce.amazonaws.com): the aliases target that record as it is (see
  // constructs/dns/endpoint-zones.ts). Every spoke already has a free S3 gateway endpoint whose policy
  // limits it to the organization's and the listed buckets; sending a spoke's S3 traffic through this
  // endpoint instead would bill it per GB and bypass that policy, so the central endpoint serves
  // on-premises only, which is what AWS's private DNS for S3 does too ("only for inbound endpoints":
  // in-VPC requests take the gateway endpoint, on-premises ones the interface endpoint).
  // The S3 page has "Creating a VPC endpoint policy for Amazon S3".
  {
    name: 's3',
    zone: 's3.{region}.amazonaws.com',
    records: ['', '*'],
    supportsPolicy: true,
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html',
    spokesUseGateway: true,
  },
  // The SageMaker page: the API hostname is api.sagemaker.<region>.amazonaws.com and it has "Create a VPC
  // Endpoint Policy for SageMaker".
  { name: 'sagemaker.api', zone: 'api.sagemaker.{region}.amazonaws.com', records: [''], supportsPolicy: true, doc: SAGEMAKER },
  // Same page: runtime.sagemaker.<region>.amazonaws.com; policies are supported except on the FIPS runtime.
  { name: 'sagemaker.runtime', zone: 'runtime.sagemaker.{region}.amazonaws.com', records: [''], supportsPolicy: true, doc: SAGEMAKER },
  // Policy: table Yes (#vpc-endpoint-policy).
  regional('secretsmanager', true, 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html'),
  // Policy: table Yes (#sns-vpc-endpoint-policy).
  regional('sns', true, 'https://docs.aws.amazon.com/sns/latest/dg/sns-vpc.html'),
  // Policy: table Yes (#sqs-vpc-endpoint-policy).
  regional('sqs', true, 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-internetwork-traffic-privacy.html'),
  // The Systems Manager page has "Create an interface VPC endpoint policy" with an ssm: example.
  regional('ssm', true, SYSTEMS_MANAGER),
  // Session Manager's channel endpoint. Not named by the policy section: safe value (see ec2messages).
  regional('ssmmessages', false, SYSTEMS_MANAGER),
  // AWS Step Functions. Policy: table Yes.
  regional('states', true, 'https://docs.aws.amazon.com/step-functions/latest/dg/vpc-endpoints.html'),
  // Regional STS only: callers of the global sts.amazonaws.com bypass the endpoint. Policy: table Yes.
  // Its organization-only policy also needs FEDERATED_ASSUME_ROLE_ACTIONS (below).
  regional('sts', true, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts_vpce.html'),
  // The PrivateLink Guide's example list of services with VpcEndpointPolicySupported true includes xray.
  regional('xray', true, PRIVATELINK_SERVICES),
];

/**
 * STS actions of federated callers (SAML; OIDC: IRSA, CI runners; IAM Identity Center): their
 * requests carry no `aws:PrincipalOrgID` (the caller is no principal of any account yet), so an
 * organization-only STS endpoint policy must admit them by the role they assume (`aws:ResourceOrgID`).
 * https://github.com/aws-samples/data-perimeter-policy-examples (resource_control_policies/README.md,
 * "EnforceOrgIdentities"; vpc_endpoint_policies/sts_endpoint_policy.json)
 */
export const FEDERATED_ASSUME_ROLE_ACTIONS: readonly string[] = Object.freeze(['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity']);

/** The catalog, sorted by name; see the file header for how each field was checked. */
export const ENDPOINT_CATALOG: readonly EndpointService[] = Object.freeze(ENTRIES.map((s) => Object.freeze({ ...s, records: Object.freeze([...s.records]) })));

/**
 * Services that must not be centralized, with the reason shown to whoever lists them. Keys use the
 * same form as catalog names.
 */
export const NOT_CENTRALIZABLE: Readonly<Record<string, string>> = Object.freeze({
  // The gateway endpoint is a route-table target that only its own VPC can use, and "AWS PrivateLink for
  // Amazon DynamoDB does not support ... private DNS", so no central zone can serve dynamodb.<region>.
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/privatelink-interface-endpoints.html
  dynamodb:
    'its gateway endpoint serves only the VPC it is in, and its interface endpoint has no private DNS (clients must call endpoint-specific names), so no central zone can answer for dynamodb.<region>.amazonaws.com',
  // The DynamoDB Streams page lists private and hybrid DNS among what its PrivateLink does not support.
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/privatelink-streams.html
  'dynamodb-streams': 'its interface endpoint has no private DNS, so clients must call endpoint-specific names and a central zone cannot help',
  // The ECS agent talks to numbered hosts ecs-a-*.<region>.amazonaws.com and ecs-t-*.<region>.amazonaws.com
  // (ECS Anywhere networking requirements); a DNS wildcard must be a whole leftmost label, so no zone short of
  // <region>.amazonaws.com, which would capture every other service, can cover them.
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html
  'ecs-agent': 'the ECS agent calls numbered hosts (ecs-a-*.<region>.amazonaws.com) that no per-service zone can cover; create this endpoint with private DNS in each VPC that runs ECS container instances',
  'ecs-telemetry': 'the ECS agent calls numbered hosts (ecs-t-*.<region>.amazonaws.com) that no per-service zone can cover; create this endpoint with private DNS in each VPC that runs ECS container instances',
});

const BY_NAME: ReadonlyMap<string, EndpointService> = new Map(ENDPOINT_CATALOG.map((s) => [s.name, s]));

/** The catalog entry for a config name, or undefined when the catalog does not have it. */
export function endpointService(name: string): EndpointService | undefined {
  return BY_NAME.get(name);
}

// Region codes such as ap-northeast-2 or us-gov-west-1 (REGION_CODE); guards against an empty or
// unexpanded region turning into a zone like "ssm..amazonaws.com".

function checkRegion(region: string): string {
  if (!REGION_CODE.test(region)) throw new Error(`region "${region}" is not an AWS Region code; pass one such as ap-northeast-2`);
  return region;
}

/** The endpoint service name to create the endpoint with: 'com.amazonaws.<region>.<name>'. */
export function serviceName(service: EndpointService, region: string): string {
  return `com.amazonaws.${checkRegion(region)}.${service.name}`;
}

/** The private hosted zone name for the service in a region, e.g. 'dkr.ecr.ap-northeast-2.amazonaws.com'. */
export function zoneName(service: EndpointService, region: string): string {
  return service.zone.replace('{region}', checkRegion(region));
}

/** Fully qualified names of the zone's alias records: the zone name for the apex, '*.' + zone for the wildcard. */
export function recordNames(service: EndpointService, region: string): string[] {
  const zone = zoneName(service, region);
  return service.records.map((r) => (r === '' ? zone : `*.${zone}`));
}
