/**
 * One private hosted zone per centralized service, named like the service's own private DNS name,
 * with alias records (apex and/or wildcard) to the endpoint's regional DNS name, all created by the
 * hub stack in the network hub account (spokes associate their VPCs from their own workspaces).
 * The zone is created with the shared-endpoints VPC; other VPCs join through separate associations, so the zone ignores
 * changes to its `vpc` blocks: the aws_route53_zone documentation warns that in-line `vpc` blocks
 * together with aws_route53_zone_association resources cause a perpetual plan difference, and
 * recommends `ignore_changes`. https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/route53_zone
 */
import { Construct } from 'constructs';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';

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
          // The regional DNS entry as AWS names it. For S3 that name is a wildcard record,
          // `*.vpce-<id>.s3.<region>.vpce.amazonaws.com`, and only that record exists in the vpce zone: the
          // name without `*.` is only the wildcard's parent and holds no address (a wildcard never matches
          // its own parent), so an alias to it would answer every S3 name with no address at all.
          // Route 53 stores the `*` as `\052` and the provider normalizes both forms (PR #36699). AWS's
          // hub-and-spoke sample aliases the wildcard record the same way (aws-samples/
          // hub-and-spoke-with-shared-services-vpc-terraform, modules/phz/main.tf).
          // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#accessing-bucket-and-aps-from-interface-endpoints
          // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html#domain-name-format-asterisk
          alias: { name: dns.dnsName, zoneId: dns.hostedZoneId, evaluateTargetHealth: false },
        });
      }
      for (const [key, vpcId] of Object.entries(props.otherVpcIds ?? {})) new Route53ZoneAssociation(this, `zone-${spec.name}-${key}`, { zoneId: zone.zoneId, vpcId });
    }
    this.zones = zones;
  }
}
