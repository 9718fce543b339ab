/**
 * Centralized inspection (AWS's Transit Gateway centralized deployment model): the inspection VPC,
 * the firewall policy and the Network Firewall with an endpoint per AZ, and the attachment subnets'
 * routes to the endpoint of their own AZ. What the Transit Gateway sends here is decided by the
 * route tables (stacks/hub-stack.ts): segment default routes, and static routes for the inspected
 * ranges that win over their propagated routes.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html
 */
import { Construct } from 'constructs';
import { FirewallPolicy, FirewallPolicyProps } from './firewall-policy';
import { InspectionSubnetProps, InspectionVpc } from './inspection-vpc';
import { NetworkFirewall } from './network-firewall';

/** Props of {@link CentralInspection}. */
export interface CentralInspectionProps {
  /** Prefix of every name, e.g. `shop-inspection`. Changing it replaces the firewall, its policy and rule groups. */
  readonly namePrefix: string;
  readonly cidr: string;
  readonly subnets: readonly InspectionSubnetProps[];
  readonly transitGatewayId: string;
  /** The `inspection` route table the attachment is associated with. */
  readonly inspectionRouteTableId: string;
  /** The policy (its name prefix is `namePrefix`). */
  readonly policy: Omit<FirewallPolicyProps, 'namePrefix'>;
  /** Log archive bucket and the prefix below which ALERT and FLOW logs land. */
  readonly logs: { readonly bucketName: string; readonly prefix: string };
}

/** The inspection VPC with its Network Firewall. */
export class CentralInspection extends Construct {
  readonly vpc: InspectionVpc;
  readonly policy: FirewallPolicy;
  readonly firewall: NetworkFirewall;

  constructor(scope: Construct, id: string, props: CentralInspectionProps) {
    super(scope, id);
    this.vpc = new InspectionVpc(this, 'vpc', { namePrefix: props.namePrefix, cidr: props.cidr, subnets: props.subnets, transitGatewayId: props.transitGatewayId, inspectionRouteTableId: props.inspectionRouteTableId });
    this.policy = new FirewallPolicy(this, 'policy', { ...props.policy, namePrefix: props.namePrefix });
    this.firewall = new NetworkFirewall(this, 'firewall', {
      name: `${props.namePrefix}-firewall`,
      vpc: this.vpc,
      policyArn: this.policy.policy.arn,
      logBucketName: props.logs.bucketName,
      logPrefix: props.logs.prefix,
    });
    this.vpc.routeThroughFirewall((az) => this.firewall.endpointIdIn(az));
  }
}
