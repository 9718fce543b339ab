/**
 * I8: every route leads to a target that exists (a VPC route to a deleted gateway is a blackhole in
 * AWS), and the ranges on the transit gateway do not overlap (an overlap makes longest-prefix match
 * send one network's traffic to another).
 */
import { parseRange, rangesOverlap, type Range } from '../reach/address';
import { attachmentLabel, lastSegment } from '../reach/model-index';
import type { VpcRoute, VpcRouteTable } from '../network/types';
import type { IntentContext } from './context';
import { conclude, fact, undecided, type Outcome } from './outcome';
import type { IntentResult } from './types';

/** Title of I8. */
export const ROUTING_INTEGRITY_TITLE = 'No route to a missing target, no overlapping ranges on the Transit Gateway';

/** Evaluates I8: one result per VPC, per TGW route table, and one for the attachments. */
export function routingIntegrity(context: IntentContext): IntentResult[] {
  return [
    ...context.model.vpcs.map((vpc) => conclude('I8', ROUTING_INTEGRITY_TITLE, `vpc ${vpc.name}`, vpcChecks(context, vpc.id))),
    ...context.model.tgwRouteTables.map((table) => conclude('I8', ROUTING_INTEGRITY_TITLE, `tgw-rt ${table.name}`, tgwTableChecks(context, table.id))),
    conclude('I8', ROUTING_INTEGRITY_TITLE, 'transit gateway attachments', attachmentChecks(context)),
  ];
}

function routeCheck(context: IntentContext, table: VpcRouteTable, route: VpcRoute): Outcome | undefined {
  const index = context.index;
  const label = `${table.name} ${route.destination}`;
  const culprit = route.source ?? table.id;
  if (!route.destination.startsWith('pl:') && !parseRange(route.destination)) return undecided(label, `destination ${route.destination} is unknown before apply`, culprit);
  const t = route.target;
  switch (t.kind) {
    case 'local':
      return undefined;
    case 'blackhole':
      return fact(label, false, 'blackhole: the route names a target that no longer exists', culprit);
    case 'unknown':
      return undecided(label, t.reason, culprit);
    case 'igw': {
      const igw = index.internetGateways.get(t.id);
      if (!igw) return fact(label, false, `internet gateway ${t.id} is not in the synthesized output`, culprit);
      return igw.vpc === table.vpc ? undefined : fact(label, false, `internet gateway ${lastSegment(t.id)} is attached to another VPC`, culprit);
    }
    case 'nat': {
      const nat = index.natGateways.get(t.id);
      if (!nat) return fact(label, false, `NAT gateway ${t.id} is not in the synthesized output`, culprit);
      return index.subnets.get(nat.subnet)?.vpc === table.vpc ? undefined : fact(label, false, `NAT gateway ${lastSegment(t.id)} is in another VPC`, culprit);
    }
    case 'tgw': {
      if (!index.transitGateways.has(t.id)) return fact(label, false, `transit gateway ${t.id} is not in the synthesized output`, culprit);
      const attached = (index.attachmentsByVpc.get(table.vpc) ?? []).some((a) => a.transitGateway === t.id);
      return attached ? undefined : fact(label, false, 'the VPC has no attachment to the transit gateway this route targets', culprit);
    }
    case 'vpce':
      return context.model.vpcEndpoints.some((e) => e.id === t.id) ? undefined : fact(label, false, `VPC endpoint ${t.id} is not in the synthesized output`, culprit);
    case 'firewall': {
      const firewall = (context.model.firewalls ?? []).find((f) => f.id === t.id);
      if (!firewall) return fact(label, false, `Network Firewall ${t.id} is not in the synthesized output`, culprit);
      if (firewall.vpc !== table.vpc) return fact(label, false, `Network Firewall ${firewall.name} is in another VPC`, culprit);
      return firewall.endpoints.some((e) => e.az === t.az) ? undefined : fact(label, false, `Network Firewall ${firewall.name} has no endpoint in ${t.az}`, culprit);
    }
  }
}

function vpcChecks(context: IntentContext, vpc: string): Outcome[] {
  const index = context.index;
  const outcomes: Outcome[] = [];
  let routes = 0;
  const tables = context.model.routeTables.filter((t) => t.vpc === vpc);
  for (const table of tables) {
    for (const route of table.routes) {
      routes += 1;
      const outcome = routeCheck(context, table, route);
      if (outcome) outcomes.push(outcome);
    }
  }
  for (const subnet of context.model.subnets.filter((s) => s.vpc === vpc)) {
    if (subnet.routeTable === undefined || index.routeTables.has(subnet.routeTable)) continue;
    outcomes.push(
      subnet.routeTable === 'unknown'
        ? undecided(`subnet ${subnet.name}`, 'its route table association cannot be resolved', subnet.id)
        : fact(`subnet ${subnet.name}`, false, `associated with route table ${subnet.routeTable}, which is not in the synthesized output`, subnet.id),
    );
  }
  outcomes.push(fact('route targets', true, `${routes} routes in ${tables.length} route tables checked; every other target exists`));
  return outcomes;
}

interface Claim {
  readonly range: Range;
  readonly text: string;
  readonly source: string;
  readonly owner: string;
  readonly onPremises: boolean;
}

/**
 * Pairs of claims from different owners whose ranges overlap, the wider (or earlier) first; on-premises
 * claims of Direct Connect and VPN never conflict: one is the other's backup.
 */
function overlaps(claims: readonly Claim[]): [Claim, Claim][] {
  const sorted = [...claims].sort((a, b) => a.range.first - b.range.first || b.range.last - a.range.last);
  const found: [Claim, Claim][] = [];
  const open: Claim[] = [];
  for (const claim of sorted) {
    for (let i = open.length - 1; i >= 0; i--) if (open[i].range.last < claim.range.first) open.splice(i, 1);
    for (const other of open) {
      if (other.owner !== claim.owner && !(other.onPremises && claim.onPremises) && rangesOverlap(other.range, claim.range)) found.push([other, claim]);
    }
    open.push(claim);
  }
  return found;
}

function tgwTableChecks(context: IntentContext, tableId: string): Outcome[] {
  const index = context.index;
  const table = index.tgwRouteTables.get(tableId)!.table;
  const outcomes: Outcome[] = [];
  const claims: Claim[] = [];
  for (const route of table.routes) {
    const label = `${route.destination}→${route.target.kind === 'attachment' ? lastSegment(route.target.id) : route.target.kind}`;
    const range = parseRange(route.destination);
    if (!range) {
      outcomes.push(undecided(label, `destination ${route.destination} is unknown before apply`, route.source));
      continue;
    }
    if (route.target.kind === 'unknown') {
      outcomes.push(undecided(label, route.target.reason, route.source));
      continue;
    }
    if (route.target.kind !== 'attachment') continue;
    const attachment = index.attachments.get(route.target.id);
    if (!attachment) {
      outcomes.push(fact(label, false, `attachment ${route.target.id} is not in the synthesized output`, route.source));
      continue;
    }
    if (route.origin === 'propagated') {
      claims.push({ range, text: `${route.destination} from ${attachmentLabel(index, attachment)}`, source: route.source, owner: attachment.id, onPremises: attachment.kind !== 'vpc' });
    }
  }
  // The wider range is blamed: it is the one that takes addresses another attachment owns.
  for (const [a, b] of overlaps(claims)) outcomes.push(fact(`overlap ${a.text} / ${b.text}`, false, `propagated ranges overlap in TGW route table ${table.name}`, a.source));
  outcomes.push(fact('propagated ranges', true, `${claims.length} propagated routes checked; targets exist and ranges of different attachments are disjoint`));
  return outcomes;
}

function attachmentChecks(context: IntentContext): Outcome[] {
  const index = context.index;
  const outcomes: Outcome[] = [];
  const claims: Claim[] = [];
  for (const attachment of context.model.tgwAttachments) {
    const label = attachmentLabel(index, attachment);
    const table = attachment.associatedRouteTable;
    if (table === 'unknown') outcomes.push(undecided(label, 'its route table association cannot be resolved', attachment.id));
    else if (table !== undefined && !index.tgwRouteTables.has(table)) outcomes.push(fact(label, false, `associated with TGW route table ${table}, which is not in the synthesized output`, attachment.associationSource ?? attachment.id));
    for (const target of attachment.propagatesTo) {
      if (!index.tgwRouteTables.has(target)) outcomes.push(fact(label, false, `propagates into TGW route table ${target}, which is not in the synthesized output`, attachment.id));
    }
    if (attachment.kind === 'vpc') {
      for (const cidr of index.vpcs.get(attachment.vpc ?? '')?.cidrs ?? []) {
        const range = parseRange(cidr);
        if (range) claims.push({ range, text: `${cidr} of ${label}`, source: attachment.id, owner: attachment.id, onPremises: false });
      }
    }
  }
  for (const cidr of context.model.onPremises) {
    const range = parseRange(cidr);
    if (range) claims.push({ range, text: `${cidr} on premises`, source: 'on-premises', owner: 'on-premises', onPremises: true });
  }
  for (const [a, b] of overlaps(claims)) outcomes.push(fact(`overlap ${a.text} / ${b.text}`, false, 'ranges attached to the transit gateway overlap', a.source));
  outcomes.push(fact('attached ranges', true, `${claims.length} VPC and on-premises ranges checked; associations and propagations name existing route tables`));
  return outcomes;
}
