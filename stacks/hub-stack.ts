/**
 * `<name>-hub`: the network hub account: the Transit Gateway with its segment, egress and on-premises
 * route tables, its RAM share, and the central egress VPC. Shared endpoints, the resolver and hybrid
 * connectivity join in later issues. Nothing here depends on the list of spokes.
 */
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { LandingZone } from '../config/model';
import { SegmentEgressRoutes } from '../constructs/hub/segment-routes';
import { TransitGateway } from '../constructs/hub/transit-gateway';
import { TransitGatewayShare } from '../constructs/hub/transit-gateway-share';
import { EgressVpc } from '../constructs/network/egress-vpc';
import { NatProvider } from '../constructs/network/nat-provider';
import { BackendMode } from './backend';
import { HUB_OUTPUTS } from './hub-outputs';
import { hubStackName } from './hub-stack-name';
import { LandingZoneStack } from './landing-zone-stack';

export { hubStackName } from './hub-stack-name';

/** Props of {@link HubStack}. */
export interface HubStackProps {
  readonly landingZone: LandingZone;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** Route tables the hub adds to the segments. */
export const EGRESS_ROUTE_TABLE = 'egress';
export const ON_PREMISES_ROUTE_TABLE = 'onprem';

/** The hub stack. */
export class HubStack extends LandingZoneStack {
  readonly transitGateway: TransitGateway;
  readonly egress?: EgressVpc;

  constructor(scope: Construct, props: HubStackProps) {
    const lz = props.landingZone;
    super(scope, hubStackName(lz), { landingZone: lz, target: lz.hub, backend: props.backend });
    const tgwSpec = lz.hub.transitGateway;

    this.transitGateway = new TransitGateway(this, 'transit-gateway', {
      namePrefix: lz.name,
      asn: tgwSpec.asn,
      routeTableNames: [...tgwSpec.segments.map((s) => s.name), ...(lz.hub.egress ? [EGRESS_ROUTE_TABLE] : []), ON_PREMISES_ROUTE_TABLE],
    });
    new TransitGatewayShare(this, 'transit-gateway-share', { name: `${lz.name}-transit-gateway`, transitGatewayArn: this.transitGateway.transitGateway.arn, principals: tgwSpec.sharePrincipals });

    if (lz.hub.egress) {
      const egress = lz.hub.egress;
      this.egress = new EgressVpc(this, 'egress', {
        namePrefix: `${lz.name}-egress`,
        cidr: egress.cidr,
        subnets: egress.subnets.map(({ name, tier, cidr, az }) => ({ name, tier, cidr, az })),
        natProvider: NatProvider.fromMode(egress.natGateways),
        transitGatewayId: this.transitGateway.transitGatewayId,
        egressRouteTableId: this.transitGateway.routeTable(EGRESS_ROUTE_TABLE).id,
        internalRanges: tgwSpec.internalRanges,
      });
      for (const segment of tgwSpec.segments.filter((s) => s.centralEgress)) {
        new SegmentEgressRoutes(this, `segment-${segment.name}-egress`, {
          routeTableId: this.transitGateway.routeTable(segment.name).id,
          egressAttachmentId: this.egress.attachment.id,
          internalRanges: tgwSpec.internalRanges,
          dependsOn: [this.egress.association],
        });
      }
    }

    new TerraformOutput(this, HUB_OUTPUTS.transitGatewayId, { value: this.transitGateway.transitGatewayId, description: 'Transit Gateway id (read by every spoke)' });
    new TerraformOutput(this, HUB_OUTPUTS.routeTableIds, {
      value: Object.fromEntries([...this.transitGateway.routeTables].map(([name, rt]) => [name, rt.id])),
      description: 'Transit Gateway route table ids by segment, plus egress and onprem (read by every spoke)',
    });
  }
}
