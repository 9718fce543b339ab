/**
 * The hub's centralized inspection (hub.inspection): the inspection VPC with its Network Firewall,
 * and the Transit Gateway routes that send inspected traffic through it. The route design is AWS's
 * centralized inspection design for a Transit Gateway, with the segments kept:
 * - east-west: a segment route table sends the ranges of each inspected peer segment (its spokes and
 *   hub VPCs) to the inspection attachment with static routes, which win over the same ranges'
 *   propagated routes; unreachable ranges stay blackholed, so segmentation is still the Transit
 *   Gateway's. Both segments of a pair do so, hence both directions cross the firewall, in one AZ
 *   thanks to appliance mode.
 * - egress: an inspected segment's 0.0.0.0/0 goes to the inspection attachment; the `inspection`
 *   route table sends 0.0.0.0/0 to the egress VPC (blackholing internal ranges, as a segment does),
 *   and the `egress` route table returns the inspected spokes' ranges to the inspection attachment.
 *   Spoke -> inspection -> egress NAT, and back the same way.
 * - the `inspection` route table learns every inspected attachment by propagation (config/transit-routing.ts).
 * Trade-off: the static routes name each spoke range, so adding a spoke to an inspected segment adds
 * routes to the hub workspace (in place; nothing is replaced). docs/inspection.md
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html
 * https://docs.aws.amazon.com/prescriptive-guidance/latest/robust-network-design-control-tower/transit-gateway.html
 */
import { Construct } from 'constructs';
import { Route53ResolverQueryLogConfigAssociation } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config-association';
import { LandingZone } from '../config/model';
import { EGRESS_ROUTE_TABLE, INSPECTION_ROUTE_TABLE } from '../config/transit-routing';
import { CentralInspection } from '../constructs/inspection/central-inspection';
import { InspectedRangeRoutes } from '../constructs/inspection/inspected-routes';
import { SegmentEgressRoutes } from '../constructs/hub/segment-routes';
import { TransitGateway } from '../constructs/hub/transit-gateway';
import { VpcFlowLogs } from '../constructs/logging/flow-logs';
import { DEFAULT_PREFIXES } from '../constructs/logging/log-archive-bucket';
import { EgressVpc } from '../constructs/network/egress-vpc';
import { partitionOfRegion } from '../constructs/private/aws-partition';
import { INSPECTION_OPT_OUT_TAG, INSPECTION_TAG } from '../lib/aws/network-firewall';

/** Whether a segment's internet-bound traffic goes through the firewall (else straight to the egress VPC). */
export function egressInspected(lz: LandingZone, segment: string): boolean {
  const s = lz.hub.transitGateway.segments.find((x) => x.name === segment);
  return !!lz.hub.inspection?.egress && !!lz.hub.egress && !!s?.inspected && s.centralEgress;
}

/**
 * Tags of the segment route tables with inspection: whether each must cross the firewall, and an
 * opt-out's reason, for the analysis and the report (which read only the synthesized output).
 */
export function inspectionTags(lz: LandingZone): Record<string, Record<string, string>> {
  return Object.fromEntries(
    lz.hub.transitGateway.segments.map((s): [string, Record<string, string>] => [s.name, s.inspected ? { [INSPECTION_TAG]: 'inspected' } : { [INSPECTION_TAG]: 'opted-out', [INSPECTION_OPT_OUT_TAG]: s.inspectReason ?? '' }]),
  );
}

/** What {@link addCentralInspection} wires to. */
export interface InspectionWiring {
  readonly transitGateway: TransitGateway;
  /** Log archive bucket and flow-log destination. */
  readonly archive: { readonly bucketName: string; readonly flowLogsArn: string };
  /** The hub's Resolver query logging configuration (every VPC of the landing zone is associated). */
  readonly queryLogConfigId: string;
  readonly egress?: EgressVpc;
  /** The hub's prefix list of the internal ranges, when it has one: blackholes reference it as the segments' do. */
  readonly internalPrefixListId?: string;
}

/** The inspection VPC, firewall and routes; call after the egress VPC exists. */
export function addCentralInspection(scope: Construct, lz: LandingZone, wiring: InspectionWiring): CentralInspection {
  const spec = lz.hub.inspection!;
  const tgw = wiring.transitGateway;
  const tgwSpec = lz.hub.transitGateway;
  const inspection = new CentralInspection(scope, 'inspection', {
    namePrefix: `${lz.name}-inspection`,
    cidr: spec.cidr,
    subnets: spec.subnets,
    transitGatewayId: tgw.transitGatewayId,
    inspectionRouteTableId: tgw.routeTable(INSPECTION_ROUTE_TABLE).id,
    policy: {
      partition: partitionOfRegion(lz.region),
      region: lz.region,
      homeNet: tgwSpec.internalRanges,
      egressAllowDomains: spec.policy.egressAllowDomains,
      suricataRules: spec.policy.suricataRules,
      managedThreatGroups: spec.policy.managedThreatGroups,
      passEastWest: spec.eastWest,
    },
    // Below the flow-log prefix, which the archive's delivery statements already admit for delivery.logs.amazonaws.com.
    logs: { bucketName: wiring.archive.bucketName, prefix: DEFAULT_PREFIXES.flowLogs },
  });
  new VpcFlowLogs(scope, 'inspection-flow-logs', { name: `${lz.name}-inspection`, vpcId: inspection.vpc.vpcId, destinationArn: wiring.archive.flowLogsArn });
  new Route53ResolverQueryLogConfigAssociation(scope, 'inspection-query-logging', { resolverQueryLogConfigId: wiring.queryLogConfigId, resourceId: inspection.vpc.vpcId });
  const attachmentId = inspection.vpc.attachment.id;
  const ready = [inspection.vpc.association];

  if (spec.egress && wiring.egress) {
    const egressed = tgwSpec.segments.filter((s) => egressInspected(lz, s.name));
    for (const segment of egressed) {
      // Same id as the uninspected default route (stacks/hub-stack.ts addEgress): turning inspection on retargets it.
      new SegmentEgressRoutes(scope, `segment-${segment.name}-egress`, { routeTableId: tgw.routeTable(segment.name).id, egressAttachmentId: attachmentId, internalRanges: tgwSpec.internalRanges, internalPrefixListId: wiring.internalPrefixListId, dependsOn: ready });
    }
    new SegmentEgressRoutes(scope, 'inspection-egress', {
      routeTableId: tgw.routeTable(INSPECTION_ROUTE_TABLE).id,
      egressAttachmentId: wiring.egress.attachment.id,
      internalRanges: tgwSpec.internalRanges,
      internalPrefixListId: wiring.internalPrefixListId,
      dependsOn: [wiring.egress.association],
    });
    const names = new Set(egressed.map((s) => s.name));
    const returns = Object.fromEntries(lz.spokes.filter((s) => names.has(s.segment) && s.vpc.egress === 'central').map((s) => [`spoke-${s.name}`, s.vpc.cidr]));
    if (Object.keys(returns).length > 0) new InspectedRangeRoutes(scope, 'egress-returns-inspected', { routeTableId: tgw.routeTable(EGRESS_ROUTE_TABLE).id, inspectionAttachmentId: attachmentId, ranges: returns, dependsOn: ready });
  }

  if (spec.eastWest) {
    const members = (segment: string): Record<string, string> => ({
      ...Object.fromEntries(lz.spokes.filter((s) => s.segment === segment).map((s) => [`spoke-${s.name}`, s.vpc.cidr])),
      ...(lz.hub.endpoints?.segment === segment ? { 'hub-endpoints': lz.hub.endpoints.cidr } : {}),
    });
    const inspected = tgwSpec.segments.filter((s) => s.inspected);
    for (const segment of inspected) {
      const ranges = Object.assign({}, ...segment.peers.filter((p) => inspected.some((s) => s.name === p)).map(members)) as Record<string, string>;
      if (Object.keys(ranges).length > 0) new InspectedRangeRoutes(scope, `segment-${segment.name}-inspected`, { routeTableId: tgw.routeTable(segment.name).id, inspectionAttachmentId: attachmentId, ranges, dependsOn: ready });
    }
  }
  return inspection;
}
