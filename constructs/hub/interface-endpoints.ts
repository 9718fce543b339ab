/**
 * Centralized interface endpoints, created by the hub stack in the network hub account in the
 * shared-endpoints VPC: one per service in every endpoint subnet, reachable on 443 only
 * from the internal ranges, each with an endpoint policy that admits only principals of the
 * organization unless the config opted the service out (with a reason) or the service takes no
 * policy. Private DNS is off in zone mode (names come from the private hosted zones) and on in
 * Route 53 Profile mode (the profile carries the endpoint's private DNS to the spokes).
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { FEDERATED_ASSUME_ROLE_ACTIONS } from '../../lib/aws/endpoints';
import { policyDocument, policyJson, PolicyStatement } from '../logging/policy';
import { RuleSecurityGroup } from '../private/security-group';
import { ValidationError } from '../private/validation-error';
import { SubnetSelection, VpcRef } from '../network/vpc-ref';

/** One endpoint to create. */
export interface InterfaceEndpointSpec {
  /** Catalog name; part of the Terraform address. */
  readonly name: string;
  readonly serviceName: string;
  readonly policy: 'organization' | 'open' | 'unsupported';
}

/** Props of {@link CentralInterfaceEndpoints}. */
export interface CentralInterfaceEndpointsProps {
  readonly namePrefix: string;
  /** The shared-endpoints VPC; each endpoint gets an ENI in every subnet `subnets` selects. */
  readonly vpc: VpcRef;
  /**
   * Endpoint subnets, in at least two AZs.
   * @default the `endpoint` tier
   */
  readonly subnets?: SubnetSelection;
  readonly services: readonly InterfaceEndpointSpec[];
  readonly organizationId: string;
  /** Ranges allowed to connect on 443 (spokes and on-premises live inside them); unused with {@link clientPrefixListId}. */
  readonly clientRanges: readonly string[];
  /**
   * A prefix list of the client ranges (the hub's internal list): one rule referencing it replaces the
   * per-range rules, and counts its max_entries against the inbound rule quota of the group.
   * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists
   * @default one rule per client range
   */
  readonly clientPrefixListId?: string;
  /** Enable the endpoints' own private DNS (Route 53 Profile mode). Changing it updates the endpoints in place. */
  readonly privateDns: boolean;
  /**
   * Resources whose addresses the endpoints' network interfaces must not take (the inbound Resolver's
   * address reservations in the same subnets): the endpoints are created after them.
   * @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The organization-only endpoint policy document. For STS it also admits federated callers, whose
 * requests carry no `aws:PrincipalOrgID` (a web identity or SAML caller is no principal of any
 * account yet), to assume roles of the organization only (`aws:ResourceOrgID`): without it IRSA, OIDC
 * CI runners and SAML/IAM Identity Center sign-ins fail in every spoke that resolves the hub's STS.
 * The statement follows AWS's data-perimeter example for the STS endpoint
 * (https://github.com/aws-samples/data-perimeter-policy-examples, vpc_endpoint_policies/sts_endpoint_policy.json;
 * resource_control_policies/README.md explains why these two actions lack aws:PrincipalOrgID).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid
 */
export function organizationOnlyPolicy(organizationId: string, service?: string): string {
  const statements: PolicyStatement[] = [
    { Sid: 'OrganizationPrincipalsOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } } },
  ];
  if (service === 'sts') {
    statements.push({
      Sid: 'FederatedPrincipalsToOrganizationRoles',
      Effect: 'Allow',
      Principal: '*',
      Action: [...FEDERATED_ASSUME_ROLE_ACTIONS],
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceOrgID': organizationId } },
    });
  }
  return policyJson(policyDocument(statements));
}

/** True for the S3 endpoint service (`com.amazonaws.<region>.s3`), the one service with both gateway and interface endpoints. */
const isS3 = (serviceName: string): boolean => /^com\.amazonaws\.[a-z0-9-]+\.s3$/.test(serviceName);

/** Interface endpoints and their security group. */
export class CentralInterfaceEndpoints extends Construct {
  readonly securityGroup: RuleSecurityGroup;
  /** Endpoints by service name. */
  readonly endpoints: ReadonlyMap<string, VpcEndpoint>;

  constructor(scope: Construct, id: string, props: CentralInterfaceEndpointsProps) {
    super(scope, id);
    const subnetIds = props.vpc.selectSubnets(props.subnets ?? { tiers: ['endpoint'] }).subnetIds;
    if (subnetIds.length < 2) throw new ValidationError(this, `interface endpoints need subnets in at least two AZs, got ${subnetIds.length}`);
    this.securityGroup = new RuleSecurityGroup(this, 'security-group', {
      name: `${props.namePrefix}-interface-endpoints`,
      description: 'HTTPS to the central interface endpoints from internal ranges only',
      vpcId: props.vpc.vpcId,
      ...(props.clientPrefixListId === undefined
        ? { ingress: [{ protocol: 'tcp' as const, port: 443, peer: 'internal-ranges', cidrs: props.clientRanges, description: 'HTTPS from spokes and on-premises' }] }
        : { prefixListIngress: [{ key: 'internal-list', protocol: 'tcp' as const, port: 443, prefixListId: props.clientPrefixListId, description: 'HTTPS from spokes and on-premises' }] }),
    });
    const dependsOn = props.dependsOn && props.dependsOn.length > 0 ? { dependsOn: [...props.dependsOn] } : {};
    this.endpoints = new Map(
      props.services.map((s) => [
        s.name,
        new VpcEndpoint(this, `endpoint-${s.name}`, {
          vpcId: props.vpc.vpcId,
          serviceName: s.serviceName,
          vpcEndpointType: 'Interface',
          subnetIds: [...subnetIds],
          securityGroupIds: [this.securityGroup.id],
          privateDnsEnabled: props.privateDns,
          // S3 private DNS defaults to "only for inbound Resolver endpoints", which AWS refuses unless the
          // VPC also has an S3 gateway endpoint ("To set PrivateDnsOnlyForInboundResolverEndpoint to true,
          // the VPC must have a Gateway endpoint for the service"). This VPC has none: private DNS answers
          // every resolver of the VPC, the inbound endpoint included. dns_record_ip_type is set as well
          // because the provider drops a dns_options block whose only value is false (issue #32407); its
          // own acceptance test (TestAccVPCEndpoint_InterfacePrivateDNSNoGateway_s3) uses this pair.
          // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns
          // https://github.com/hashicorp/terraform-provider-aws/issues/32407
          ...(props.privateDns && isS3(s.serviceName) ? { dnsOptions: { dnsRecordIpType: 'ipv4', privateDnsOnlyForInboundResolverEndpoint: false } } : {}),
          // Changes apply in place (ModifyVpcEndpoint); dropping the policy resets the endpoint to full access.
          // https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/ec2/vpc_endpoint.go
          policy: s.policy === 'organization' ? organizationOnlyPolicy(props.organizationId, s.name) : undefined,
          tags: { Name: `${props.namePrefix}-${s.name}`, Service: s.name },
          ...dependsOn,
        }),
      ]),
    );
  }
}
