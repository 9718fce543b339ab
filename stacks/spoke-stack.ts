/** `<name>-spoke-<spoke>`: one spoke account's application VPC, plus a `hub` provider for the hub-side half of its connection. */
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { LandingZone, SpokeSpec } from '../config/model';
import { NAT_ROUTED_TIERS, SUBNET_TIERS } from '../config/schema';
import { SpokeAttachment } from '../constructs/hub/spoke-attachment';
import { ApplicationVpc } from '../constructs/network/application-vpc';
import { NatProvider } from '../constructs/network/nat-provider';
import { BackendMode } from './backend';
import { hubRemoteState } from './hub-outputs';
import { EGRESS_ROUTE_TABLE, ON_PREMISES_ROUTE_TABLE } from './hub-stack';
import { awsProvider, LandingZoneStack } from './landing-zone-stack';

/** Props of {@link SpokeStack}. */
export interface SpokeStackProps {
  readonly landingZone: LandingZone;
  readonly spoke: SpokeSpec;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** A spoke stack. */
export class SpokeStack extends LandingZoneStack {
  /** Provider for the hub account (alias `hub`), used for the hub-side half of this spoke's connection. */
  readonly hubProvider: AwsProvider;
  readonly network: ApplicationVpc;
  readonly attachment: SpokeAttachment;

  constructor(scope: Construct, props: SpokeStackProps) {
    const { landingZone: lz, spoke } = props;
    const name = spokeStackName(lz, spoke.name);
    super(scope, name, { landingZone: lz, target: spoke, backend: props.backend });
    this.hubProvider = awsProvider(this, 'aws-hub', lz, name, lz.hub, 'hub');

    const namePrefix = `${lz.name}-${spoke.name}`;
    this.network = new ApplicationVpc(this, 'app-vpc', {
      namePrefix,
      cidr: spoke.vpc.cidr,
      subnets: spoke.vpc.subnets.map(({ name, tier, cidr, az }) => ({ name, tier, cidr, az })),
      natProvider: NatProvider.fromMode(spoke.vpc.natGateways),
    });

    const hub = hubRemoteState(this, lz, props.backend ?? 'config');
    this.attachment = new SpokeAttachment(this, 'tgw-attachment', {
      namePrefix,
      transitGatewayId: hub.transitGatewayId,
      vpcId: this.network.vpcId,
      subnetIds: this.network.subnetIds('tgw'),
      hubProvider: this.hubProvider,
      associateWith: hub.routeTableId(spoke.segment),
      propagateTo: Object.fromEntries(propagationTargets(lz, spoke).map((name) => [name, hub.routeTableId(name)])),
    });
    this.network.routeToTransitGateway(hub.transitGatewayId, {
      // Internal supernets, not other spokes' ranges: the segment route table decides what is reachable,
      // and adding a spoke never changes another spoke's routes. With central egress the private tiers
      // send everything to the Transit Gateway; the public tier keeps its IGW default route.
      destinations: lz.hub.transitGateway.internalRanges,
      defaultRouteTiers: spoke.vpc.egress === 'central' ? NAT_ROUTED_TIERS : [],
      dependsOn: this.attachment.ready,
    });

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId, description: 'Application VPC id' });
    for (const tier of SUBNET_TIERS) {
      if (this.network.subnets.some((s) => s.tier === tier)) {
        new TerraformOutput(this, `subnet_ids_${tier}`, { value: this.network.subnetIds(tier), description: `Subnet ids of the ${tier} tier, in config order` });
      }
    }
    new TerraformOutput(this, 'route_table_ids', {
      value: Object.fromEntries([...this.network.routeTables].map(([key, rt]) => [key, rt.id])),
      description: 'Route table ids keyed "public" or "<tier>-<az>"',
    });
  }
}

/**
 * Route tables that learn a spoke's range: its own segment (unless attachments are isolated), every
 * segment that reaches it, `egress` for return traffic from the internet, `onprem` when on-premises
 * may reach it.
 */
export function propagationTargets(lz: LandingZone, spoke: SpokeSpec): string[] {
  const segment = lz.hub.transitGateway.segments.find((s) => s.name === spoke.segment);
  if (!segment) throw new Error(`internal: spoke ${spoke.name} is in unknown segment ${spoke.segment}`);
  return [
    ...(segment.isolateAttachments ? [] : [segment.name]),
    ...segment.peers,
    ...(lz.hub.egress ? [EGRESS_ROUTE_TABLE] : []),
    ...(segment.reachesOnPremises ? [ON_PREMISES_ROUTE_TABLE] : []),
  ];
}

/** `<name>-spoke-<spoke>` */
export const spokeStackName = (lz: LandingZone, spoke: string): string => `${lz.name}-spoke-${spoke}`;
