/** `<name>-spoke-<spoke>`: one spoke account's application VPC, plus a `hub` provider for the hub-side half of its connection. */
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { LandingZone, SpokeSpec } from '../config/model';
import { SUBNET_TIERS } from '../config/schema';
import { ApplicationVpc } from '../constructs/network/application-vpc';
import { NatProvider } from '../constructs/network/nat-provider';
import { BackendMode } from './backend';
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

  constructor(scope: Construct, props: SpokeStackProps) {
    const { landingZone: lz, spoke } = props;
    const name = spokeStackName(lz, spoke.name);
    super(scope, name, { landingZone: lz, target: spoke, backend: props.backend });
    this.hubProvider = awsProvider(this, 'aws-hub', lz, name, lz.hub, 'hub');

    this.network = new ApplicationVpc(this, 'app-vpc', {
      namePrefix: `${lz.name}-${spoke.name}`,
      cidr: spoke.vpc.cidr,
      subnets: spoke.vpc.subnets.map(({ name, tier, cidr, az }) => ({ name, tier, cidr, az })),
      natProvider: NatProvider.fromMode(spoke.vpc.natGateways),
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

/** `<name>-spoke-<spoke>` */
export const spokeStackName = (lz: LandingZone, spoke: string): string => `${lz.name}-spoke-${spoke}`;
