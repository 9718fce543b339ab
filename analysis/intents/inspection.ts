/**
 * Inspection intents (hub.inspection), proved on the synthesized network:
 * - I10: every flow the Transit Gateway allows between two inspected segments crosses a Network
 *   Firewall endpoint in both directions, the same endpoint (AZ) each way (appliance mode).
 * - I11: every internet-bound flow of an inspected segment crosses the firewall before the NAT
 *   gateway, and its reply crosses it after the NAT.
 * - I12: no route bypasses inspection: inspected segments' Transit Gateway tables send the inspected
 *   peers' ranges and 0.0.0.0/0 to the inspection attachment, the egress table returns inspected
 *   spokes through it, inspected spokes' workload subnets have no NAT or internet gateway route, and
 *   the inspection VPC's attachment subnets send traffic to the firewall endpoint of their own AZ.
 *   On-premises routes of inspected segments (to the DX gateway / VPN attachments) are listed as
 *   holding facts marked "not inspected": hybrid traffic is out of inspection's scope by design.
 * Opted-out segments are reported with their reason (their checks hold vacuously).
 * Each refuted check names the hop that bypasses the firewall.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html
 */
import type { Subnet, TgwAttachment, TgwRouteTable } from '../network/types';
import { parseRange } from '../reach/address';
import { attachmentLabel, lastSegment } from '../reach/model-index';
import { reach } from '../reach/reach';
import type { Hop, Reachable } from '../reach/types';
import { spokeSubnetLabel, type IntentContext, type SpokeView } from './context';
import { conclude, expectReachable, fact, undecided, type Outcome } from './outcome';
import type { IntentResult } from './types';

/** Title of I10. */
export const EAST_WEST_INSPECTED_TITLE = 'Flows between inspected segments cross the firewall both ways, at the same endpoint (appliance mode)';
/** Title of I11. */
export const EGRESS_INSPECTED_TITLE = 'Internet-bound flows of inspected segments cross the firewall before the NAT, and their replies after it';
/** Title of I12. */
export const NO_BYPASS_TITLE = 'No spoke or Transit Gateway route bypasses inspection';

/** I12's note on each on-premises route of an inspected segment: hub.inspection does not inspect hybrid traffic. */
const NOT_INSPECTED_ON_PREMISES = 'not inspected: on-premises traffic (hub.inspection has no hybrid option)';

/** The inspection VPC's attachments (the VPCs that hold a firewall). */
function inspectionAttachments(context: IntentContext): TgwAttachment[] {
  const vpcs = new Set((context.model.firewalls ?? []).map((f) => f.vpc));
  return context.model.tgwAttachments.filter((a) => a.vpc !== undefined && vpcs.has(a.vpc));
}

/** The first hop a path takes through the Transit Gateway instead of the firewall: what bypasses it. */
function bypassHop(hops: readonly Hop[]): Hop | undefined {
  return hops.find((h) => h.kind === 'tgw-route') ?? hops.find((h) => h.kind === 'route');
}

const firewallAz = (hop: Hop): string => hop.text.replace(/^.* endpoint /, '');

/** The path must cross a firewall endpoint each way, the same one. */
function crossesBothWays(r: Reachable): { reason: string; culprit?: string } | undefined {
  const there = r.path.find((h) => h.kind === 'firewall');
  const back = r.returnPath.find((h) => h.kind === 'firewall');
  if (!there) {
    const bypass = bypassHop(r.path);
    return { reason: `the request bypasses the firewall at ${bypass?.text ?? 'an unnamed hop'}`, ...(bypass ? { culprit: bypass.id } : {}) };
  }
  if (!back) {
    const bypass = bypassHop(r.returnPath);
    return { reason: `the reply bypasses the firewall at ${bypass?.text ?? 'an unnamed hop'}`, ...(bypass ? { culprit: bypass.id } : {}) };
  }
  if (firewallAz(there) !== firewallAz(back)) return { reason: `the request crosses the endpoint in ${firewallAz(there)}, the reply the one in ${firewallAz(back)}`, culprit: back.id };
  return undefined;
}

/** Inspected segments and whether inspection is configured at all. */
function inspected(context: IntentContext): { readonly on: boolean; readonly isInspected: (segment: string) => boolean } {
  const spec = context.lz.hub.inspection;
  return { on: !!spec, isInspected: (segment) => context.segments.get(segment)?.inspected === true };
}

/** Opted-out result for a spoke: holds, with the reason (shown in the report). */
function optedOut(context: IntentContext, view: SpokeView): Outcome {
  const segment = context.segments.get(view.spoke.segment);
  return fact(`segment ${view.spoke.segment}`, true, `opted out of inspection: ${segment?.inspectReason ?? 'no reason recorded'}`);
}

/** A workload subnet of `view` in another AZ than `az` when there is one (so the check crosses AZs), else its representative. */
function destinationIn(view: SpokeView, az: string | undefined): Subnet | undefined {
  return view.workloads.find((s) => s.az !== az) ?? view.representative;
}

/** Evaluates I10: one result per spoke (and the shared-endpoints VPC as a destination). */
export function eastWestInspected(context: IntentContext): IntentResult[] {
  const { on, isInspected } = inspected(context);
  if (!on || !context.lz.hub.inspection?.eastWest) return [];
  const views = context.spokes;
  const bySegment = new Map<string, SpokeView[]>();
  for (const v of views) bySegment.set(v.spoke.segment, [...(bySegment.get(v.spoke.segment) ?? []), v]);
  const endpointsSegment = context.lz.hub.endpoints?.segment;
  return views.map((view) => {
    const segment = context.segments.get(view.spoke.segment);
    if (!segment || !isInspected(segment.name)) return conclude('I10', EAST_WEST_INSPECTED_TITLE, view.spoke.name, [optedOut(context, view)]);
    const src = view.representative;
    if (!src) return conclude('I10', EAST_WEST_INSPECTED_TITLE, view.spoke.name, [undecided('spoke VPC', `no workload subnet of ${view.spoke.name} in the synthesized output`)]);
    const outcomes: Outcome[] = [];
    // Linear, not quadratic: the first spoke of a segment tries every member of each inspected peer
    // (its segment's table holds one route per member); every spoke tries the first member of each
    // (the peers' tables hold one return route per spoke).
    const first = bySegment.get(segment.name)![0] === view;
    for (const peer of segment.peers.filter(isInspected)) {
      const members = bySegment.get(peer) ?? [];
      for (const member of first ? members : members.slice(0, 1)) {
        const dst = destinationIn(member, src.az);
        if (!dst) continue;
        const label = `${spokeSubnetLabel(view, src)} → ${spokeSubnetLabel(member, dst)} (segment ${peer}) tcp/443`;
        outcomes.push(expectReachable(label, reach(context.model, { kind: 'subnet', subnet: src.id, securityGroups: 'any' }, { kind: 'subnet', subnet: dst.id, securityGroups: 'any' }, 'tcp', 443), crossesBothWays));
      }
      if (peer === endpointsSegment && context.endpointsVpc) {
        const hubSubnet = context.index.subnetsByVpc.get(context.endpointsVpc.id)?.map((x) => x.subnet).find((s) => s.tier === 'endpoint' && s.az !== src.az);
        if (hubSubnet) {
          const label = `${spokeSubnetLabel(view, src)} → hub ${context.endpointsVpc.name} (segment ${peer}) tcp/443`;
          outcomes.push(expectReachable(label, reach(context.model, { kind: 'subnet', subnet: src.id, securityGroups: 'any' }, { kind: 'subnet', subnet: hubSubnet.id, securityGroups: 'any' }, 'tcp', 443), crossesBothWays));
        }
      }
    }
    if (outcomes.length === 0) outcomes.push(fact('inspected peers', true, `segment ${segment.name} reaches no other inspected segment: nothing crosses the firewall east-west`));
    return conclude('I10', EAST_WEST_INSPECTED_TITLE, view.spoke.name, outcomes);
  });
}

/** Evaluates I11: one result per spoke. */
export function egressInspected(context: IntentContext): IntentResult[] {
  const { on, isInspected } = inspected(context);
  if (!on || !context.lz.hub.inspection?.egress) return [];
  return context.spokes.map((view) => {
    if (!isInspected(view.spoke.segment)) return conclude('I11', EGRESS_INSPECTED_TITLE, view.spoke.name, [optedOut(context, view)]);
    if (view.spoke.vpc.egress === 'none') return conclude('I11', EGRESS_INSPECTED_TITLE, view.spoke.name, [fact('egress', true, 'egress: none: no internet-bound flow to inspect')]);
    const outcomes = view.workloads.map((subnet) => {
      const label = `${spokeSubnetLabel(view, subnet)} → internet tcp/443 (any security group)`;
      const result = reach(context.model, { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' }, { kind: 'internet' }, 'tcp', 443);
      return expectReachable(label, result, (r) => {
        const nat = r.path.findIndex((h) => h.kind === 'nat');
        const firewall = r.path.findIndex((h) => h.kind === 'firewall');
        if (firewall < 0 || (nat >= 0 && firewall > nat)) {
          const bypass = nat >= 0 ? r.path.slice(0, nat).reverse().find((h) => h.kind === 'tgw-route' || h.kind === 'route') : bypassHop(r.path);
          return { reason: `the request reaches ${nat >= 0 ? 'the NAT gateway' : 'the internet'} without crossing the firewall (bypass: ${bypass?.text ?? 'unnamed hop'})`, ...(bypass ? { culprit: bypass.id } : {}) };
        }
        const backNat = r.returnPath.findIndex((h) => h.kind === 'nat');
        const backFirewall = r.returnPath.findIndex((h) => h.kind === 'firewall');
        if (backFirewall < 0 || backFirewall < backNat) {
          const bypass = r.returnPath.slice(Math.max(backNat, 0)).find((h) => h.kind === 'tgw-route');
          return { reason: `the reply returns from the NAT without crossing the firewall (bypass: ${bypass?.text ?? 'unnamed hop'})`, ...(bypass ? { culprit: bypass.id } : {}) };
        }
        return undefined;
      });
    });
    return conclude('I11', EGRESS_INSPECTED_TITLE, view.spoke.name, outcomes);
  });
}

/** Evaluates I12: one result per inspected segment table, the egress table, each inspected spoke and the inspection VPC. */
export function noInspectionBypass(context: IntentContext): IntentResult[] {
  const { on, isInspected } = inspected(context);
  const spec = context.lz.hub.inspection;
  if (!on || !spec) return [];
  const attachments = inspectionAttachments(context);
  if (attachments.length === 0) return [conclude('I12', NO_BYPASS_TITLE, 'inspection VPC', [fact('inspection attachment', false, 'hub.inspection is configured, but no VPC holding a Network Firewall is attached to the Transit Gateway')])];
  const inspection = new Set(attachments.map((a) => a.id));
  const index = context.index;
  const tableNamed = (name: string): TgwRouteTable | undefined => context.model.tgwRouteTables.find((t) => t.name === name);
  /** The route `table` picks for `cidr` must go to the inspection attachment. */
  const toInspection = (table: TgwRouteTable, what: string, cidr: string): Outcome => {
    const range = parseRange(cidr);
    const label = `tgw-rt ${table.name} ${what} (${cidr})`;
    if (!range) return undecided(label, `${cidr} is not an IPv4 CIDR`);
    const match = index.tgwRouteTables.get(table.id)?.lpm.lookup(range.first);
    if (!match || match.kind === 'none') return fact(label, false, `no route: ${what} is unreachable rather than inspected`, table.id);
    if (match.kind === 'unknown') return undecided(label, `a route to ${match.route.destination} is not an IPv4 CIDR`, match.route.source);
    const route = match.route;
    const target = route.target.kind === 'attachment' ? index.attachments.get(route.target.id) : undefined;
    if (route.target.kind === 'attachment' && inspection.has(route.target.id)) return fact(label, true, `${route.destination} → ${target ? attachmentLabel(index, target) : route.target.id} (${route.origin})`);
    const to = route.target.kind === 'attachment' ? (target ? attachmentLabel(index, target) : route.target.id) : route.target.kind;
    return fact(label, false, `bypass: ${route.destination} → ${to} (${route.origin} route ${lastSegment(route.source)}) wins over any route to the inspection attachment`, route.source);
  };

  /**
   * Routes of an inspected segment's table to the DX gateway or VPN attachments: on-premises traffic
   * goes there uninspected by design (docs/inspection.md), listed so the proof does not overstate what
   * crosses the firewall. Informational: they hold.
   */
  const onPremisesRoutes = (table: TgwRouteTable): Outcome[] =>
    table.routes.flatMap((route) => {
      const target = route.target.kind === 'attachment' ? index.attachments.get(route.target.id) : undefined;
      if (target?.kind !== 'dx-gateway' && target?.kind !== 'vpn') return [];
      return [fact(`tgw-rt ${table.name} on-premises ${route.destination} → ${attachmentLabel(index, target)} (${route.origin})`, true, NOT_INSPECTED_ON_PREMISES, route.source)];
    });

  const results: IntentResult[] = [];
  const bySegment = new Map<string, SpokeView[]>();
  for (const v of context.spokes) bySegment.set(v.spoke.segment, [...(bySegment.get(v.spoke.segment) ?? []), v]);
  for (const segment of context.lz.hub.transitGateway.segments) {
    const table = tableNamed(segment.name);
    if (!table) continue;
    if (!segment.inspected) {
      results.push(conclude('I12', NO_BYPASS_TITLE, `tgw-rt ${segment.name}`, [fact('opted out', true, `opted out of inspection: ${segment.inspectReason ?? 'no reason recorded'}`)]));
      continue;
    }
    const outcomes: Outcome[] = [];
    if (spec.egress && segment.centralEgress && context.egressVpc) outcomes.push(toInspection(table, 'internet', '0.0.0.0/0'));
    if (spec.eastWest) {
      for (const peer of segment.peers.filter(isInspected)) {
        for (const member of bySegment.get(peer) ?? []) outcomes.push(toInspection(table, `spoke ${member.spoke.name}`, member.spoke.vpc.cidr));
        if (context.lz.hub.endpoints?.segment === peer) outcomes.push(toInspection(table, 'hub endpoints VPC', context.lz.hub.endpoints.cidr));
      }
    }
    if (outcomes.length === 0) outcomes.push(fact('routes', true, 'nothing of this segment is routed through the firewall'));
    outcomes.push(...onPremisesRoutes(table));
    results.push(conclude('I12', NO_BYPASS_TITLE, `tgw-rt ${segment.name}`, outcomes));
  }
  const egressTable = tableNamed('egress');
  if (spec.egress && egressTable) {
    const returns = context.spokes.filter((v) => isInspected(v.spoke.segment) && v.spoke.vpc.egress === 'central' && context.segments.get(v.spoke.segment)?.centralEgress);
    results.push(conclude('I12', NO_BYPASS_TITLE, 'tgw-rt egress', returns.length > 0 ? returns.map((v) => toInspection(egressTable, `return to spoke ${v.spoke.name}`, v.spoke.vpc.cidr)) : [fact('returns', true, 'no inspected spoke egresses centrally')]));
  }
  for (const view of context.spokes.filter((v) => isInspected(v.spoke.segment))) results.push(conclude('I12', NO_BYPASS_TITLE, view.spoke.name, spokeBypasses(context, view)));
  results.push(conclude('I12', NO_BYPASS_TITLE, 'inspection VPC', inspectionVpcChecks(context, attachments)));
  return results;
}

/** Workload subnets of an inspected spoke reach the internet only through the Transit Gateway. */
function spokeBypasses(context: IntentContext, view: SpokeView): Outcome[] {
  if (!view.vpc) return [undecided('spoke VPC', `no VPC with ${view.spoke.vpc.cidr} in the synthesized output`)];
  const outcomes: Outcome[] = [];
  const tables = new Set(view.workloads.map((s) => s.routeTable ?? view.vpc!.mainRouteTable).filter((t): t is string => t !== undefined));
  for (const table of context.model.routeTables.filter((t) => tables.has(t.id))) {
    for (const route of table.routes) {
      if (route.target.kind !== 'nat' && route.target.kind !== 'igw') continue;
      outcomes.push(fact(`${table.name} ${route.destination}→${route.target.kind}`, false, `bypass: workload subnets of an inspected segment leave through a ${route.target.kind === 'nat' ? 'NAT gateway' : 'internet gateway'} of their own, never crossing the firewall`, route.source ?? table.id));
    }
  }
  outcomes.push(fact('workload route tables', true, `${tables.size} route tables without a NAT or internet gateway route`));
  return outcomes;
}

/** The inspection VPC: each attachment subnet sends 0.0.0.0/0 to the firewall endpoint of its AZ; the attachment has appliance mode on. */
function inspectionVpcChecks(context: IntentContext, attachments: readonly TgwAttachment[]): Outcome[] {
  const index = context.index;
  const outcomes: Outcome[] = [];
  for (const a of attachments) {
    const label = `${attachmentLabel(index, a)} appliance mode`;
    if (a.applianceMode === 'unknown') outcomes.push(undecided(label, 'appliance_mode_support is unknown before apply', a.id));
    else outcomes.push(fact(label, a.applianceMode === true, a.applianceMode === true ? 'on: both directions of a flow use one AZ, hence one firewall endpoint' : 'off: a reply from another AZ crosses another firewall endpoint, whose stateful engine drops it', a.id));
    for (const subnetId of a.subnets ?? []) {
      const subnet = index.subnets.get(subnetId);
      const table = subnet?.routeTable !== undefined ? context.model.routeTables.find((t) => t.id === subnet.routeTable) : undefined;
      const tlabel = `attachment subnet ${subnet?.name ?? subnetId}`;
      if (!subnet || !table) {
        outcomes.push(undecided(tlabel, 'its route table is not in the synthesized output', subnetId));
        continue;
      }
      const def = table.routes.find((r) => r.destination === '0.0.0.0/0');
      if (!def) outcomes.push(fact(tlabel, false, `${table.name} has no default route: traffic the Transit Gateway hands over is dropped`, table.id));
      else if (def.target.kind !== 'firewall') outcomes.push(fact(tlabel, false, `bypass: ${table.name} 0.0.0.0/0 → ${def.target.kind}, not a firewall endpoint`, def.source ?? table.id));
      else outcomes.push(fact(tlabel, def.target.az === subnet.az, def.target.az === subnet.az ? `${table.name} 0.0.0.0/0 → firewall endpoint ${def.target.az}` : `${table.name} sends ${subnet.az} traffic to the endpoint in ${def.target.az} (cross-AZ)`, def.source ?? table.id));
    }
  }
  return outcomes;
}
