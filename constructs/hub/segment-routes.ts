/**
 * Static routes of a segment route table with central egress: 0.0.0.0/0 to the egress VPC
 * attachment, and a blackhole for every internal range. Reachable spokes and on-premises networks
 * arrive as propagated, more specific routes and win by longest prefix match; everything else
 * internal is dropped instead of hairpinning through the egress VPC (whose public route table sends
 * internal ranges back to the Transit Gateway).
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-egress-to-internet.html
 */
import { Construct } from 'constructs';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayPrefixListReference } from '@cdktf/provider-aws/lib/ec2-transit-gateway-prefix-list-reference';
import { ITerraformDependable } from 'cdktf';

/** Props of {@link SegmentEgressRoutes}. */
export interface SegmentEgressRoutesProps {
  readonly routeTableId: string;
  readonly egressAttachmentId: string;
  /** Supernets of every VPC and on-premises range. */
  readonly internalRanges: readonly string[];
  /**
   * The hub's prefix list of the internal ranges: one blackhole prefix-list reference replaces the
   * per-range blackholes, so a changed supernet changes the list, not this table.
   * @default literal blackhole routes
   */
  readonly internalPrefixListId?: string;
  /** Wait for these (the egress attachment's association) before routing to the attachment. */
  readonly dependsOn?: ITerraformDependable[];
}

/** Default route to the egress VPC plus blackholes for internal ranges. */
export class SegmentEgressRoutes extends Construct {
  constructor(scope: Construct, id: string, props: SegmentEgressRoutesProps) {
    super(scope, id);
    new Ec2TransitGatewayRoute(this, 'default', {
      transitGatewayRouteTableId: props.routeTableId,
      destinationCidrBlock: '0.0.0.0/0',
      transitGatewayAttachmentId: props.egressAttachmentId,
      dependsOn: props.dependsOn,
    });
    if (props.internalPrefixListId !== undefined) {
      // Each entry becomes a route of the table; at equal prefix a static route beats a prefix-list
      // route, which beats a VPC-propagated one, so reachable spokes (more specific) still win by LPM.
      // https://docs.aws.amazon.com/vpc/latest/tgw/create-prefix-list-reference.html
      // https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-route-evaluation-overview
      // The resource id is `<route table>_<prefix list>`, so changing either replaces the reference;
      // blackhole and the attachment change in place (ModifyTransitGatewayPrefixListReference).
      // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyTransitGatewayPrefixListReference.html
      new Ec2TransitGatewayPrefixListReference(this, 'blackhole-internal-list', { transitGatewayRouteTableId: props.routeTableId, prefixListId: props.internalPrefixListId, blackhole: true });
      return;
    }
    for (const range of props.internalRanges) {
      new Ec2TransitGatewayRoute(this, `blackhole-${range.replace(/[./]/g, '-')}`, { transitGatewayRouteTableId: props.routeTableId, destinationCidrBlock: range, blackhole: true });
    }
  }
}
