/**
 * The spoke's half of hybrid DNS, in the spoke's workspace. Zone mode: per hub zone, the hub
 * authorizes the association (hub provider) and the spoke associates its VPC (spoke provider), in
 * that order; plus an association of every shared forwarding rule. Profile mode: one association of
 * the spoke VPC with the shared Route 53 Profile.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
 */
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53ProfilesAssociation } from '@cdktf/provider-aws/lib/route53profiles-association';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';
import { Route53VpcAssociationAuthorization } from '@cdktf/provider-aws/lib/route53-vpc-association-authorization';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';

/** Props of {@link SpokeDns}. */
export type SpokeDnsProps =
  | {
      readonly mode: 'zone-association';
      readonly name: string;
      readonly vpcId: string;
      readonly region: string;
      readonly hubProvider: AwsProvider;
      /** Hub zone ids by service name (part of Terraform addresses). */
      readonly zoneIds: Readonly<Record<string, string>>;
      /** Shared forwarding rule ids by a stable key (part of Terraform addresses). */
      readonly resolverRuleIds: Readonly<Record<string, string>>;
    }
  | {
      readonly mode: 'route53-profile';
      readonly name: string;
      readonly vpcId: string;
      readonly profileId: string;
    };

/** Hub DNS made visible in a spoke VPC. */
export class SpokeDns extends Construct {
  constructor(scope: Construct, id: string, props: SpokeDnsProps) {
    super(scope, id);
    if (props.mode === 'route53-profile') {
      new Route53ProfilesAssociation(this, 'profile', { name: props.name, profileId: props.profileId, resourceId: props.vpcId });
      return;
    }
    for (const [service, zoneId] of Object.entries(props.zoneIds)) {
      const authorization = new Route53VpcAssociationAuthorization(this, `authorization-${service}`, { provider: props.hubProvider, zoneId, vpcId: props.vpcId, vpcRegion: props.region });
      new Route53ZoneAssociation(this, `zone-${service}`, { zoneId: authorization.zoneId, vpcId: authorization.vpcId, vpcRegion: props.region });
    }
    for (const [key, ruleId] of Object.entries(props.resolverRuleIds)) {
      new Route53ResolverRuleAssociation(this, `rule-${key}`, { name: `${props.name}-${key}`.slice(0, 64), resolverRuleId: ruleId, vpcId: props.vpcId });
    }
  }
}
