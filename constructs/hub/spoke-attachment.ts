/**
 * Both halves of a spoke's Transit Gateway connection, kept in the spoke's workspace: the VPC
 * attachment (spoke account) and, through the hub provider, its acceptance, the association with
 * the spoke's segment route table and the propagations into every route table that may reach it.
 * Ordering is explicit so one first apply works: attachment -> accepter -> association and
 * propagations (the caller makes its VPC routes depend on `ready`).
 */
import { Construct } from 'constructs';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ITerraformDependable } from 'cdktf';
import { ValidationError } from '../private/validation-error';
import { SubnetSelection, VpcRef } from '../network/vpc-ref';

/** Props of {@link SpokeAttachment}. */
export interface SpokeAttachmentProps {
  readonly namePrefix: string;
  readonly transitGatewayId: string;
  /** The spoke VPC; the attachment goes into the subnets `subnets` selects. */
  readonly vpc: VpcRef;
  /**
   * Attachment subnets: AWS takes one per AZ, and an AZ without one cannot reach the Transit Gateway.
   * Changing them is an in-place update of the attachment.
   * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
   * @default the `tgw` tier
   */
  readonly subnets?: SubnetSelection;
  /** Provider of the hub account (Transit Gateway owner). */
  readonly hubProvider: AwsProvider;
  /** Route table id of the spoke's segment. */
  readonly associateWith: string;
  /** Route tables (by name) that learn this spoke's range. Names are part of Terraform addresses. */
  readonly propagateTo: Readonly<Record<string, string>>;
}

/** A spoke VPC attached to the shared hub Transit Gateway. */
export class SpokeAttachment extends Construct {
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  readonly accepter: Ec2TransitGatewayVpcAttachmentAccepter;
  readonly association: Ec2TransitGatewayRouteTableAssociation;
  readonly propagations: readonly Ec2TransitGatewayRouteTablePropagation[];
  /** Everything VPC routes to the Transit Gateway must wait for. */
  readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: SpokeAttachmentProps) {
    super(scope, id);
    const subnets = props.vpc.selectSubnets(props.subnets ?? { tiers: ['tgw'] });
    const azs = subnets.availabilityZones;
    if (azs.length < 2) throw new ValidationError(this, `a Transit Gateway attachment needs subnets in at least two AZs, got ${azs.length} (${azs.join(', ') || 'none'})`);
    // CreateTransitGatewayVpcAttachment: "You can specify only one subnet per Availability Zone."
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html
    if (subnets.subnetIds.length !== azs.length) throw new ValidationError(this, `a Transit Gateway attachment takes one subnet per AZ, got ${subnets.subnets.map((s) => `${s.name} (${s.az})`).join(', ')}`);

    // Default route table association/propagation cannot be set from the account that does not own
    // a RAM-shared Transit Gateway; they are set on the accepter in the hub account instead.
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: props.vpc.vpcId,
      subnetIds: subnets.subnetIds,
      dnsSupport: 'enable',
      applianceModeSupport: 'disable',
      tags: { Name: `${props.namePrefix}-attachment` },
    });
    this.accepter = new Ec2TransitGatewayVpcAttachmentAccepter(this, 'accepter', {
      provider: props.hubProvider,
      transitGatewayAttachmentId: this.attachment.id,
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      tags: { Name: `${props.namePrefix}-attachment` },
    });
    this.association = new Ec2TransitGatewayRouteTableAssociation(this, 'association', {
      provider: props.hubProvider,
      transitGatewayAttachmentId: this.accepter.transitGatewayAttachmentId,
      transitGatewayRouteTableId: props.associateWith,
    });
    this.propagations = Object.entries(props.propagateTo).map(
      ([name, routeTableId]) =>
        new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${name}`, {
          provider: props.hubProvider,
          transitGatewayAttachmentId: this.accepter.transitGatewayAttachmentId,
          transitGatewayRouteTableId: routeTableId,
        }),
    );
    this.ready = [this.association, ...this.propagations];
  }
}
