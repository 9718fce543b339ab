/**
 * The inspection VPC of AWS's centralized inspection design: per AZ a firewall subnet (holding that
 * AZ's firewall endpoint) and a Transit Gateway attachment subnet, each with its own route table.
 * Attachment subnets send everything to the firewall endpoint of their own AZ; firewall subnets send
 * everything back to the Transit Gateway. The attachment has appliance mode on, so the Transit
 * Gateway keeps both directions of a flow in one AZ and the stateful engine of one endpoint sees both.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
 *
 * Changing the VPC range, a subnet's range or AZ replaces it; appliance mode updates in place.
 */
import { Construct } from 'constructs';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ValidationError } from '../private/validation-error';
import { validateSubnetLayout } from '../private/subnet-layout';
import { SelectedSubnet, SelectedSubnets, selectFrom, SubnetSelection, VpcRef, VpcSubnetTier } from '../network/vpc-ref';

/** One subnet of the inspection VPC. */
export interface InspectionSubnetProps {
  /** Unique; part of the Terraform address. */
  readonly name: string;
  /** `firewall`: a firewall endpoint; `tgw`: the Transit Gateway attachment. */
  readonly role: 'firewall' | 'tgw';
  /** Changing it replaces the subnet. */
  readonly cidr: string;
  /** Changing it replaces the subnet. */
  readonly az: string;
}

/** Props of {@link InspectionVpc}. */
export interface InspectionVpcProps {
  readonly namePrefix: string;
  /** Changing it replaces the VPC. */
  readonly cidr: string;
  /** One firewall and one tgw subnet per AZ. */
  readonly subnets: readonly InspectionSubnetProps[];
  readonly transitGatewayId: string;
  /** The `inspection` route table the attachment is associated with. */
  readonly inspectionRouteTableId: string;
}

/** A created subnet with its route table. */
export interface InspectionSubnet {
  readonly name: string;
  readonly role: 'firewall' | 'tgw';
  readonly az: string;
  readonly subnet: Subnet;
  readonly routeTable: RouteTable;
}

/**
 * The inspection VPC, its subnets and its Transit Gateway attachment (appliance mode on). As a
 * {@link VpcRef} its firewall subnets have tier `firewall` and its attachment subnets tier `tgw`.
 */
export class InspectionVpc extends Construct implements VpcRef {
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly cidr: string;
  readonly subnets: readonly InspectionSubnet[];
  /** Every subnet with its route table, for {@link selectSubnets}. */
  private readonly selectable: readonly SelectedSubnet[];
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  readonly association: Ec2TransitGatewayRouteTableAssociation;

  constructor(scope: Construct, id: string, props: InspectionVpcProps) {
    super(scope, id);
    validate(this, props);
    this.vpc = new Vpc(this, 'vpc', { cidrBlock: props.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: props.namePrefix } });
    this.vpcId = this.vpc.id;
    this.cidr = props.cidr;
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: this.vpc.id, tags: { Name: `${props.namePrefix}-default-do-not-use` } });
    this.subnets = props.subnets.map((s) => {
      const subnet = new Subnet(this, `subnet-${s.name}`, { vpcId: this.vpc.id, cidrBlock: s.cidr, availabilityZone: s.az, tags: { Name: `${props.namePrefix}-${s.name}`, Tier: s.role } });
      const routeTable = new RouteTable(this, `rt-${s.name}`, { vpcId: this.vpc.id, tags: { Name: `${props.namePrefix}-${s.name}` } });
      new RouteTableAssociation(this, `rta-${s.name}`, { subnetId: subnet.id, routeTableId: routeTable.id });
      return { name: s.name, role: s.role, az: s.az, subnet, routeTable };
    });
    const tierOf: Record<InspectionSubnet['role'], VpcSubnetTier> = { firewall: 'firewall', tgw: 'tgw' };
    this.selectable = this.subnets.map((s, i) => ({ id: s.subnet.id, name: s.name, az: s.az, tier: tierOf[s.role], cidr: props.subnets[i].cidr, routeTableId: s.routeTable.id }));
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: this.vpc.id,
      subnetIds: this.subnetsOf('tgw').map((s) => s.subnet.id),
      dnsSupport: 'enable',
      // On: both directions of a flow use the attachment ENI of one AZ, hence one firewall endpoint.
      // Off, a flow between spokes in different AZs returns through another endpoint and is dropped.
      // https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
      applianceModeSupport: 'enable',
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      tags: { Name: `${props.namePrefix}-attachment` },
    });
    this.association = new Ec2TransitGatewayRouteTableAssociation(this, 'association', { transitGatewayAttachmentId: this.attachment.id, transitGatewayRouteTableId: props.inspectionRouteTableId });
    // Firewall subnets: whatever the firewall passes goes back to the Transit Gateway.
    for (const s of this.subnetsOf('firewall')) {
      new Route(this, `rt-${s.name}-default`, { routeTableId: s.routeTable.id, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: props.transitGatewayId, dependsOn: [this.attachment] });
    }
  }

  /** Subnets matching `selection` (tiers `firewall` and `tgw`), in config order. */
  selectSubnets(selection?: SubnetSelection): SelectedSubnets {
    return selectFrom(this.selectable, selection);
  }

  /** Subnets of one role, in AZ (config) order. */
  subnetsOf(role: 'firewall' | 'tgw'): InspectionSubnet[] {
    return this.subnets.filter((s) => s.role === role);
  }

  /**
   * Attachment subnets send everything to the firewall endpoint of their own AZ (`endpointIdIn(az)`),
   * so traffic never crosses an AZ between the Transit Gateway and the firewall.
   */
  routeThroughFirewall(endpointIdIn: (az: string) => string): void {
    // The endpoint id expression references the firewall: the route waits for it without depends_on.
    for (const s of this.subnetsOf('tgw')) new Route(this, `rt-${s.name}-default`, { routeTableId: s.routeTable.id, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: endpointIdIn(s.az) });
  }
}

function validate(scope: Construct, props: InspectionVpcProps): void {
  validateSubnetLayout(scope, props.cidr, props.subnets);
  for (const role of ['firewall', 'tgw'] as const) {
    const azs = props.subnets.filter((s) => s.role === role).map((s) => s.az);
    if (new Set(azs).size !== azs.length) throw new ValidationError(scope, `one ${role} subnet per AZ, got ${azs.join(', ')}`);
  }
  const fw = new Set(props.subnets.filter((s) => s.role === 'firewall').map((s) => s.az));
  const tgw = props.subnets.filter((s) => s.role === 'tgw').map((s) => s.az);
  // An attachment AZ without a firewall endpoint would have nowhere to send traffic.
  const missing = tgw.filter((az) => !fw.has(az));
  if (missing.length > 0) throw new ValidationError(scope, `no firewall subnet in ${missing.join(', ')}, where the attachment has a subnet`);
  if (tgw.length < 2) throw new ValidationError(scope, `a Transit Gateway attachment needs subnets in at least two AZs, got ${tgw.length}`);
}
