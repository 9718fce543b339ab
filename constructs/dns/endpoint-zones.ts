/**
 * One private hosted zone per centralized service, named like the service's own private DNS name,
 * with alias records (apex and/or wildcard) to the endpoint's regional DNS name. The zone is created
 * with the shared-endpoints VPC; other VPCs join through separate associations, so the zone ignores
 * changes to its `vpc` blocks: the aws_route53_zone documentation warns that in-line `vpc` blocks
 * together with aws_route53_zone_association resources cause a perpetual plan difference, and
 * recommends `ignore_changes`. https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/route53_zone
 */
import { Construct } from 'constructs';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn } from 'cdktf';

/** One zone to create. */
export interface EndpointZoneSpec {
  /** Catalog name; part of Terraform addresses. */
  readonly name: string;
  readonly zone: string;
  readonly records: readonly string[];
  readonly endpoint: VpcEndpoint;
}

/** Props of {@link EndpointHostedZones}. */
export interface EndpointHostedZonesProps {
  /** The VPC that owns the zones (the shared-endpoints VPC, where the inbound resolver lives). */
  readonly vpcId: string;
  /** Further hub VPCs associated with every zone, by a stable key. */
  readonly otherVpcIds?: Readonly<Record<string, string>>;
  readonly zones: readonly EndpointZoneSpec[];
}

/** Private hosted zones for the centralized endpoints. */
export class EndpointHostedZones extends Construct {
  /** Zones by service name. */
  readonly zones: ReadonlyMap<string, Route53Zone>;

  constructor(scope: Construct, id: string, props: EndpointHostedZonesProps) {
    super(scope, id);
    const zones = new Map<string, Route53Zone>();
    for (const spec of props.zones) {
      const zone = new Route53Zone(this, `zone-${spec.name}`, {
        name: spec.zone,
        comment: `Private DNS of the central ${spec.name} interface endpoint`,
        vpc: [{ vpcId: props.vpcId }],
        lifecycle: { ignoreChanges: ['vpc'] },
        tags: { Service: spec.name },
      });
      zones.set(spec.name, zone);
      const dns = spec.endpoint.dnsEntry.get(0);
      for (const record of spec.records) {
        new Route53Record(this, `record-${spec.name}-${record.startsWith('*.') ? 'wildcard' : 'apex'}`, {
          zoneId: zone.zoneId,
          name: record,
          type: 'A',
          // Some services' regional DNS entry is itself a wildcard (S3: `*.vpce-....s3.<region>.vpce.amazonaws.com`);
          // an alias targets the name without it.
          alias: { name: Fn.trimprefix(dns.dnsName, '*.'), zoneId: dns.hostedZoneId, evaluateTargetHealth: false },
        });
      }
      for (const [key, vpcId] of Object.entries(props.otherVpcIds ?? {})) new Route53ZoneAssociation(this, `zone-${spec.name}-${key}`, { zoneId: zone.zoneId, vpcId });
    }
    this.zones = zones;
  }
}
