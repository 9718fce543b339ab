/**
 * A hub-owned VPC attached to the hub Transit Gateway: the attachment, its association with one
 * route table and its propagations, all in the hub account (no acceptance needed).
 */
import { Construct } from 'constructs';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { ITerraformDependable } from 'cdktf';
import { VpcRef } from '../network/vpc-ref';

/** Props of {@link HubVpcAttachment}. */
export interface HubVpcAttachmentProps {
  readonly name: string;
  readonly transitGatewayId: string;
  /** The hub VPC; the attachment goes into its `tgw` tier, one subnet per AZ (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html). */
  readonly vpc: VpcRef;
  readonly associateWith: string;
  /** Route tables (by name, part of Terraform addresses) that learn this VPC's range. */
  readonly propagateTo: Readonly<Record<string, string>>;
}

/** Attachment, association and propagations of a hub VPC. */
export class HubVpcAttachment extends Construct {
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  /** What routes to the Transit Gateway wait for. */
  readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: HubVpcAttachmentProps) {
    super(scope, id);
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: props.vpc.vpcId,
      subnetIds: props.vpc.selectSubnets({ tiers: ['tgw'] }).subnetIds,
      dnsSupport: 'enable',
      applianceModeSupport: 'disable',
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      tags: { Name: `${props.name}-attachment` },
    });
    const association = new Ec2TransitGatewayRouteTableAssociation(this, 'association', { transitGatewayAttachmentId: this.attachment.id, transitGatewayRouteTableId: props.associateWith });
    const propagations = Object.entries(props.propagateTo).map(
      ([name, routeTableId]) => new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${name}`, { transitGatewayAttachmentId: this.attachment.id, transitGatewayRouteTableId: routeTableId }),
    );
    this.ready = [association, ...propagations];
  }
}
