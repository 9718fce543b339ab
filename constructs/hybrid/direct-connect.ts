/**
 * Direct Connect to the hub Transit Gateway: a Direct Connect gateway associated with the Transit
 * Gateway (allowed prefixes: what AWS advertises to on-premises), transit virtual interfaces on
 * existing connections (owned, or hosted ones a partner created and this account accepts), and the
 * gateway's Transit Gateway attachment placed in the `onprem` route table and propagated into the
 * segment tables that reach on-premises.
 *
 * Only *transit* VIFs work with a Transit Gateway: a Direct Connect gateway with a private VIF cannot
 * be associated with one ("Cannot associate Transit Gateway to Direct Connect Gateway that has Private
 * Virtual Interfaces attached"). https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html
 *
 * The gateway's Transit Gateway attachment id is read with the `aws_ec2_transit_gateway_dx_gateway_attachment`
 * data source (provider 5.100 has no such attribute on `aws_dx_gateway_association`). Terraform defers
 * a data source to apply time whenever a *managed resource it references* has a planned change (an
 * implied `depends_on`, hashicorp/terraform#27171 and #27267), so reading the association's own
 * attributes made every `allowed_prefixes` edit turn the attachment id unknown at plan time and
 * *replace* the `onprem` association and the propagations keyed on it: on-premises traffic over Direct
 * Connect dropped while the association updated. The lookup therefore reads a `terraform_data`
 * (`attachment-lookup`) whose input is the association's `dx_gateway_id` and `associated_gateway_id`:
 * on the first apply its output is unknown until the association exists (so the read still waits for
 * it), and on later plans it has no change of its own (neither id changes when the prefixes do), so the
 * read happens at plan time and the id stays known. `npm run verify` proves this with the real
 * Terraform: a second run changes the allowed prefixes and plans against the first run's state.
 * https://developer.hashicorp.com/terraform/language/data-sources#data-resource-behavior
 *
 * BGP MD5 keys: `bgp_auth_key` is stored in the hub's state in clear text and is `ForceNew`, so a new
 * key replaces the VIF (a planned interruption of that BGP session; `lz plan-summary` flags it). The
 * key is therefore a required sensitive variable, never left for AWS to generate (an AWS-generated key
 * would have to be read back from state to configure the router).
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/dx_transit_virtual_interface
 */
import { Construct } from 'constructs';
import { DataResource } from 'cdktf';
import { DataAwsEc2TransitGatewayDxGatewayAttachment } from '@cdktf/provider-aws/lib/data-aws-ec2-transit-gateway-dx-gateway-attachment';
import { DxGateway } from '@cdktf/provider-aws/lib/dx-gateway';
import { DxGatewayAssociation } from '@cdktf/provider-aws/lib/dx-gateway-association';
import { DxHostedTransitVirtualInterfaceAccepter } from '@cdktf/provider-aws/lib/dx-hosted-transit-virtual-interface-accepter';
import { DxTransitVirtualInterface } from '@cdktf/provider-aws/lib/dx-transit-virtual-interface';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { ValidationError } from '../private/validation-error';

/** A transit VIF this account creates on one of its connections. */
export interface OwnedTransitVifProps {
  readonly kind: 'owned';
  /** Part of the Terraform address. */
  readonly name: string;
  readonly connectionId: string;
  /** Changing it replaces the VIF. */
  readonly vlan: number;
  readonly customerAsn: number;
  readonly mtu: 1500 | 8500;
  /** Both or neither (AWS then assigns a 169.254.0.0/16 /29... pair). */
  readonly amazonAddress?: string;
  readonly customerAddress?: string;
  /** BGP MD5 key (6-80 characters), a reference to a required sensitive Terraform variable. Changing it replaces the VIF. */
  readonly bgpAuthKey: string;
  /** The Direct Connect location, for humans (tags). */
  readonly location?: string;
}

/** A transit VIF a partner created on a hosted connection, accepted into this gateway. */
export interface HostedTransitVifProps {
  readonly kind: 'hosted';
  readonly name: string;
  readonly virtualInterfaceId: string;
  readonly location?: string;
}

/** Props of {@link DirectConnectGateway}. */
export interface DirectConnectGatewayProps {
  readonly name: string;
  /** Amazon-side ASN of the Direct Connect gateway; changing it replaces the gateway. */
  readonly amazonSideAsn: number;
  readonly transitGatewayId: string;
  /** Prefixes advertised to on-premises through this association. */
  readonly allowedPrefixes: readonly string[];
  readonly virtualInterfaces: readonly (OwnedTransitVifProps | HostedTransitVifProps)[];
  /** The `onprem` route table id. */
  readonly onPremisesRouteTableId: string;
  /** Segment route tables (by name, part of addresses) that learn the on-premises routes. */
  readonly propagateTo: Readonly<Record<string, string>>;
}

/** Direct Connect gateway, transit VIFs and the Transit Gateway wiring. */
export class DirectConnectGateway extends Construct {
  readonly gateway: DxGateway;
  readonly association: DxGatewayAssociation;

  constructor(scope: Construct, id: string, props: DirectConnectGatewayProps) {
    super(scope, id);
    if (props.allowedPrefixes.length === 0) throw new ValidationError(this, 'allowedPrefixes must not be empty: on-premises would learn no AWS route');
    this.gateway = new DxGateway(this, 'gateway', {
      name: props.name,
      amazonSideAsn: String(props.amazonSideAsn),
      // The data center's BGP sessions and every VIF end on it; recreating it means new VIFs and work at
      // the colocation. Retiring it on purpose: docs/retiring-protected-resources.md
      lifecycle: { preventDestroy: true },
    });
    this.association = new DxGatewayAssociation(this, 'association', {
      dxGatewayId: this.gateway.id,
      associatedGatewayId: props.transitGatewayId,
      allowedPrefixes: [...props.allowedPrefixes],
    });
    for (const vif of props.virtualInterfaces) {
      const tags = { Name: vif.name, ...(vif.location ? { Location: vif.location } : {}) };
      if (vif.kind === 'hosted') {
        new DxHostedTransitVirtualInterfaceAccepter(this, `vif-${vif.name}`, { virtualInterfaceId: vif.virtualInterfaceId, dxGatewayId: this.gateway.id, tags });
        continue;
      }
      if ((vif.amazonAddress === undefined) !== (vif.customerAddress === undefined)) throw new ValidationError(this, `VIF ${vif.name}: set both peer addresses or neither`);
      new DxTransitVirtualInterface(this, `vif-${vif.name}`, {
        name: vif.name,
        connectionId: vif.connectionId,
        dxGatewayId: this.gateway.id,
        vlan: vif.vlan,
        addressFamily: 'ipv4',
        bgpAsn: vif.customerAsn,
        mtu: vif.mtu,
        amazonAddress: vif.amazonAddress,
        customerAddress: vif.customerAddress,
        bgpAuthKey: vif.bgpAuthKey,
        tags,
      });
    }
    // No reference from the data source to the association itself: see the file comment.
    const lookup = new DataResource(this, 'attachment-lookup', {
      input: { transit_gateway_id: this.association.associatedGatewayId, dx_gateway_id: this.association.dxGatewayId },
    });
    const attachment = new DataAwsEc2TransitGatewayDxGatewayAttachment(this, 'attachment', {
      transitGatewayId: lookup.output.lookup('transit_gateway_id'),
      dxGatewayId: lookup.output.lookup('dx_gateway_id'),
    });
    const attachmentId = attachment.id;
    new Ec2TransitGatewayRouteTableAssociation(this, 'onprem-association', { transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: props.onPremisesRouteTableId });
    for (const [name, rt] of Object.entries(props.propagateTo)) {
      new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${name}`, { transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: rt });
    }
  }
}
