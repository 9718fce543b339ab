/**
 * The hub central egress VPC: per AZ a public subnet with a NAT gateway and a small attachment
 * subnet whose default route goes to that NAT. Its Transit Gateway attachment is associated with the
 * `egress` route table; the public route table sends internal ranges back to the Transit Gateway so
 * return traffic reaches the spokes.
 */
import { Construct } from 'constructs';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { ApplicationSubnetProps, ApplicationVpc } from './application-vpc';
import { NatProvider } from './nat-provider';
import { SelectedSubnets, SubnetSelection, VpcRef } from './vpc-ref';

/** Props of {@link EgressVpc}. */
export interface EgressVpcProps {
  readonly namePrefix: string;
  readonly cidr: string;
  /** Public and tgw subnets, one of each per AZ. */
  readonly subnets: readonly ApplicationSubnetProps[];
  readonly natProvider: NatProvider;
  readonly transitGatewayId: string;
  /** The `egress` route table the attachment is associated with. */
  readonly egressRouteTableId: string;
  /** Ranges the public route table returns to the Transit Gateway (none needed with {@link internalPrefixListId}). */
  readonly internalRanges: readonly string[];
  /**
   * The hub's prefix list of the internal ranges, routed to the Transit Gateway as one route instead of
   * the literal ranges.
   * @default the literal internal ranges
   */
  readonly internalPrefixListId?: string;
}

/** Central egress VPC attached to the Transit Gateway. */
export class EgressVpc extends Construct implements VpcRef {
  readonly network: ApplicationVpc;
  readonly vpcId: string;
  readonly cidr: string;
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  readonly association: Ec2TransitGatewayRouteTableAssociation;

  constructor(scope: Construct, id: string, props: EgressVpcProps) {
    super(scope, id);
    this.network = new ApplicationVpc(this, 'vpc', { namePrefix: props.namePrefix, cidr: props.cidr, subnets: props.subnets, natProvider: props.natProvider, natRoutedTiers: ['tgw'] });
    this.vpcId = this.network.vpcId;
    this.cidr = this.network.cidr;
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: this.network.vpcId,
      subnetIds: this.network.selectSubnets({ tiers: ['tgw'] }).subnetIds,
      dnsSupport: 'enable',
      // Off: NAT gateways are stateful per AZ and the attachment ENI of the source AZ is used both ways.
      applianceModeSupport: 'disable',
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      tags: { Name: `${props.namePrefix}-attachment` },
    });
    this.association = new Ec2TransitGatewayRouteTableAssociation(this, 'association', {
      transitGatewayAttachmentId: this.attachment.id,
      transitGatewayRouteTableId: props.egressRouteTableId,
    });
    const internal = props.internalPrefixListId;
    this.network.routeToTransitGateway(props.transitGatewayId, {
      destinations: internal === undefined ? props.internalRanges : [],
      ...(internal !== undefined && { destinationPrefixLists: { internal } }),
      dependsOn: [this.attachment],
    });
  }

  /** Subnets of the egress VPC by tier and AZ (public: the NAT gateways; tgw: the attachment). */
  selectSubnets(selection?: SubnetSelection): SelectedSubnets {
    return this.network.selectSubnets(selection);
  }
}
