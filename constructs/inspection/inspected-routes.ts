/**
 * Static Transit Gateway routes that send named ranges to the inspection VPC attachment. A static
 * route wins over a propagated route for the same prefix, so a spoke range that its attachment also
 * propagates into the table goes through the firewall instead of straight to the spoke; removing the
 * static route restores the direct path.
 * https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html (route evaluation order)
 * https://repost.aws/knowledge-center/transit-gateway-monitor-routes
 *
 * Each route's id is `to-<key>` (a spoke or hub VPC name, never its range): a changed range updates
 * the destination, which replaces that one route (destination_cidr_block is ForceNew).
 */
import { Construct } from 'constructs';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { ITerraformDependable } from 'cdktf';
import { ValidationError } from '../private/validation-error';

/** Props of {@link InspectedRangeRoutes}. */
export interface InspectedRangeRoutesProps {
  readonly routeTableId: string;
  readonly inspectionAttachmentId: string;
  /** Ranges by key (part of the Terraform address). */
  readonly ranges: Readonly<Record<string, string>>;
  /** Wait for these (the inspection attachment's association) before routing to it. */
  readonly dependsOn?: ITerraformDependable[];
}

/** Static routes of one Transit Gateway route table to the inspection attachment. */
export class InspectedRangeRoutes extends Construct {
  readonly routes: readonly Ec2TransitGatewayRoute[];

  constructor(scope: Construct, id: string, props: InspectedRangeRoutesProps) {
    super(scope, id);
    const keys = Object.keys(props.ranges);
    const bad = keys.find((k) => !/^[a-z0-9][a-z0-9-]*$/.test(k));
    if (bad !== undefined) throw new ValidationError(this, `route key "${bad}" must be lower-case letters, digits and dashes`);
    this.routes = Object.entries(props.ranges).map(
      ([key, cidr]) =>
        new Ec2TransitGatewayRoute(this, `to-${key}`, {
          transitGatewayRouteTableId: props.routeTableId,
          destinationCidrBlock: cidr,
          transitGatewayAttachmentId: props.inspectionAttachmentId,
          dependsOn: props.dependsOn,
        }),
    );
  }
}
