/**
 * Centralized interface endpoints: one per service in every endpoint subnet, reachable on 443 only
 * from the internal ranges, each with an endpoint policy that admits only principals of the
 * organization unless the config opted the service out (with a reason) or the service takes no
 * policy. Private DNS is off in zone mode (names come from the private hosted zones) and on in
 * Route 53 Profile mode (the profile carries the endpoint's private DNS to the spokes).
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 */
import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { RuleSecurityGroup } from '../private/security-group';
import { ValidationError } from '../private/validation-error';

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
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly services: readonly InterfaceEndpointSpec[];
  readonly organizationId: string;
  /** Ranges allowed to connect on 443 (spokes and on-premises live inside them). */
  readonly clientRanges: readonly string[];
  /** Enable the endpoints' own private DNS (Route 53 Profile mode). Changing it updates the endpoints in place. */
  readonly privateDns: boolean;
}

/** The organization-only endpoint policy document. */
export function organizationOnlyPolicy(organizationId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'OrganizationPrincipalsOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } } }],
  });
}

/** Interface endpoints and their security group. */
export class CentralInterfaceEndpoints extends Construct {
  readonly securityGroup: RuleSecurityGroup;
  /** Endpoints by service name. */
  readonly endpoints: ReadonlyMap<string, VpcEndpoint>;

  constructor(scope: Construct, id: string, props: CentralInterfaceEndpointsProps) {
    super(scope, id);
    if (props.subnetIds.length < 2) throw new ValidationError(this, `interface endpoints need subnets in at least two AZs, got ${props.subnetIds.length}`);
    this.securityGroup = new RuleSecurityGroup(this, 'security-group', {
      name: `${props.namePrefix}-interface-endpoints`,
      description: 'HTTPS to the central interface endpoints from internal ranges only',
      vpcId: props.vpcId,
      ingress: [{ protocol: 'tcp', port: 443, cidrs: props.clientRanges, description: 'HTTPS from spokes and on-premises' }],
    });
    this.endpoints = new Map(
      props.services.map((s) => [
        s.name,
        new VpcEndpoint(this, `endpoint-${s.name}`, {
          vpcId: props.vpcId,
          serviceName: s.serviceName,
          vpcEndpointType: 'Interface',
          subnetIds: [...props.subnetIds],
          securityGroupIds: [this.securityGroup.id],
          privateDnsEnabled: props.privateDns,
          policy: s.policy === 'organization' ? organizationOnlyPolicy(props.organizationId) : undefined,
          tags: { Name: `${props.namePrefix}-${s.name}`, Service: s.name },
        }),
      ]),
    );
  }
}
