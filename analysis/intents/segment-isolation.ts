/**
 * I3: a spoke reaches exactly the segments its segment `reaches` (its own unless attachments are
 * isolated, its peers, the shared-endpoints VPC's segment, on-premises), never through the egress VPC:
 * without the blackholes for the internal ranges, traffic to an unreachable segment would take the
 * default route into the egress VPC and come back through its NAT subnet's routes (a hairpin).
 * Isolation is about delivery: a request into a segment the spoke must not reach refutes it even when
 * the reply is dropped (a propagation or static route in one table only), naming that route.
 * Most pairs are decided from one query per spoke and destination group (segment-classes.ts), the
 * rest are queried one by one; the evidence has one line per destination segment (the first pair's
 * path, or the first failing pair's, every other failing pair under its culprit) and the counts go to
 * the result's `matrix`, so that time and output grow with the spokes, not with the pairs.
 */
import { firstHost, formatAddress, parseRange } from '../reach/address';
import { reach, requestDelivered } from '../reach/reach';
import { subnetShortName } from '../reach/model-index';
import type { Endpoint, Hop, Reachable } from '../reach/types';
import { segmentReaches, spokeSubnetLabel, subnetsOf, type IntentContext, type SpokeView } from './context';
import { Classes } from './segment-classes';
import { conclude, expectBlocked, expectReachable, fact, outcome, undecided, type Outcome } from './outcome';
import type { IntentResult, SegmentReach } from './types';

/** Title of I3. */
export const SEGMENT_ISOLATION_TITLE = 'A spoke reaches exactly the segments its segment reaches, never through the egress VPC';

interface Peer {
  readonly label: string;
  readonly segment: string;
  readonly endpoint: Endpoint;
  readonly expected: boolean;
  /** The peer spoke (undefined for the shared-endpoints VPC and on-premises). */
  readonly view?: SpokeView;
  /** The group the peer's check is folded into: destination segment and expectation. */
  readonly group: string;
}

/** The hop that sent traffic into the egress VPC, when a path goes there. */
function hairpin(context: IntentContext, hops: readonly Hop[]): Hop | undefined {
  const entry = hops.findIndex((h) => h.kind === 'tgw-attachment' && context.egressAttachments.has(h.id));
  if (entry < 0) return undefined;
  // The TGW route just before the egress attachment chose it.
  return [...hops.slice(0, entry)].reverse().find((h) => h.kind === 'tgw-route') ?? hops[entry];
}

/**
 * The peers of every spoke of segment `from` (each spoke skips itself), built once per source segment:
 * a spoke's list is as long as the landing zone, and building it per spoke would cost a label per pair.
 */
function peersOf(context: IntentContext, from: string): Peer[] {
  const peer = (p: Omit<Peer, 'group'>): Peer => ({ ...p, group: `${p.segment}\n${p.expected}` });
  const peers: Peer[] = [];
  for (const other of context.spokes) {
    if (!other.representative) continue;
    peers.push(
      peer({
        label: `${spokeSubnetLabel(other, other.representative)} (segment ${other.spoke.segment})`,
        segment: other.spoke.segment,
        endpoint: { kind: 'subnet', subnet: other.representative.id, securityGroups: 'any' },
        expected: segmentReaches(context, from, other.spoke.segment),
        view: other,
      }),
    );
  }
  const endpoints = context.lz.hub.endpoints;
  const endpointSubnet = subnetsOf(context.model, context.endpointsVpc).find((s) => s.tier !== 'tgw');
  if (endpoints && context.endpointsVpc && endpointSubnet) {
    peers.push(
      peer({
        label: `${context.endpointsVpc.name}/${subnetShortName(context.index, endpointSubnet)} (segment ${endpoints.segment})`,
        segment: endpoints.segment,
        endpoint: { kind: 'subnet', subnet: endpointSubnet.id, securityGroups: 'any' },
        expected: segmentReaches(context, from, endpoints.segment),
      }),
    );
  }
  for (const cidr of context.lz.onPremises.cidrs) {
    const range = parseRange(cidr);
    if (!range) continue;
    peers.push(
      peer({
        label: `on-premises ${formatAddress(firstHost(range))}`,
        segment: 'onprem',
        endpoint: { kind: 'on-premises', address: cidr },
        expected: context.segments.get(from)?.reachesOnPremises ?? false,
      }),
    );
  }
  return peers;
}

interface Checked {
  readonly peer: Peer;
  readonly outcome: Outcome;
  readonly delivered: boolean;
}

/** The checks of one destination group: the pairs queried, and the pairs the shortcut decided (all of which hold). */
interface Tally {
  readonly checked: Checked[];
  /** Pairs decided without a query of their own (segment-classes.ts); each holds. */
  decided: number;
  /** Of those, the ones whose request is delivered (reachable as expected). */
  decidedDelivered: number;
}

function checks(context: IntentContext, view: SpokeView, peers: readonly Peer[], classes: Classes): { readonly outcomes: Outcome[]; readonly matrix?: SegmentReach[] } {
  if (!view.vpc || !view.representative) return { outcomes: [undecided('spoke VPC', `no VPC with ${view.spoke.vpc.cidr} and a workload subnet in the synthesized output`)] };
  const from: Endpoint = { kind: 'subnet', subnet: view.representative.id, securityGroups: 'any' };
  const source = spokeSubnetLabel(view, view.representative);
  // Grouped by destination segment (and expectation), in peer order: one line and one matrix entry each.
  const groups = new Map<string, Tally>();
  for (const peer of peers) {
    if (peer.view === view) continue;
    let tally = groups.get(peer.group);
    if (!tally) groups.set(peer.group, (tally = { checked: [], decided: 0, decidedDelivered: 0 }));
    // The first pair of each group is always queried: its path is the group's evidence.
    const decided = tally.checked.length > 0 && peer.view ? classes.verdict(view, peer.view, peer.expected) : undefined;
    if (decided) {
      tally.decided += 1;
      if (decided === 'reachable') tally.decidedDelivered += 1;
      continue;
    }
    const label = `${source} → ${peer.label} tcp/443 ${peer.expected ? 'reachable' : 'isolated'}`;
    const result = reach(context.model, from, peer.endpoint, 'tcp', 443);
    const checked = peer.expected
      ? expectReachable(label, result, (r: Reachable) => {
          const hop = hairpin(context, r.path) ?? hairpin(context, r.returnPath);
          return hop ? { reason: `reaches segment ${peer.segment} only through the egress VPC (hairpin)`, culprit: hop.id } : undefined;
        })
      : expectBlocked(label, result, (hops) => {
          const hop = hairpin(context, hops);
          return hop ? { reason: `traffic for segment ${peer.segment} enters the egress VPC (hairpin; is the blackhole for the internal range missing?)`, culprit: hop.id } : undefined;
        });
    tally.checked.push({ peer, outcome: checked, delivered: requestDelivered(result) });
  }
  const folded = [...groups.values()].map(fold);
  return { outcomes: [associationCheck(context, view), ...folded.map((f) => f.outcome)], matrix: folded.map((f) => f.reach) };
}

/** Spokes named per culprit in the evidence of a refuted segment; every culprit is named, with its count. */
const NAMED_PER_CULPRIT = 10;

/**
 * One line for every peer of a destination segment: the first failing (else unknown, else first)
 * pair's full evidence, the counts, and for the other failing pairs every culprit with the peers it
 * fails (the path of any pair: `lz check --explain`). Every pair's one-way observations are kept.
 */
function fold(tally: Tally): { readonly outcome: Outcome; readonly reach: SegmentReach } {
  const group = tally.checked;
  const { segment, expected } = group[0].peer;
  const failing = group.filter((c) => c.outcome.verdict === 'fails');
  const shown = failing[0] ?? group.find((c) => c.outcome.verdict === 'unknown') ?? group[0];
  const reach: SegmentReach = {
    segment,
    expected,
    members: group.length + tally.decided,
    reachable: group.filter((c) => c.delivered).length + tally.decidedDelivered,
    refuted: failing.length,
  };
  const culprits = new Map<string, string[]>();
  for (const c of failing) {
    if (c === shown) continue;
    const at = c.outcome.culprit ?? 'unnamed';
    const peers = culprits.get(at) ?? [];
    if (peers.length === 0) culprits.set(at, peers);
    peers.push(c.peer.label);
  }
  const others = [...culprits].map(([at, peers]) => `${peers.length} more by ${at} (${peers.slice(0, NAMED_PER_CULPRIT).join(', ')}${peers.length > NAMED_PER_CULPRIT ? ', …' : ''})`);
  const summary = `[segment ${segment}: delivered to ${reach.reachable} of ${reach.members}, ${expected ? 'reachable' : 'isolated'} expected${others.length > 0 ? `; also refuted: ${others.join('; ')}` : ''}]`;
  const o = shown.outcome;
  const replyBlocked = group.flatMap((c) => c.outcome.replyBlocked ?? []);
  return {
    outcome: outcome(o.verdict, o.label, () => `${o.evidence} ${summary}`, o.culprit, replyBlocked, o.path),
    reach,
  };
}

/**
 * The spoke's attachment is associated with its own segment's route table. Reachability alone can
 * miss a wrong association (a segment with the same peers, or one whose return path happens to
 * work), and it is what every later spoke of the segment relies on.
 */
function associationCheck(context: IntentContext, view: SpokeView): Outcome {
  const label = `attachment of ${view.spoke.name} associated with route table ${view.spoke.segment}`;
  const attachments = context.model.tgwAttachments.filter((a) => a.kind === 'vpc' && a.vpc === view.vpc?.id);
  if (attachments.length !== 1) return fact(label, false, `${view.vpc?.name} has ${attachments.length} Transit Gateway attachments; expected one`);
  const [attachment] = attachments;
  if (attachment.associatedRouteTable === undefined) return fact(label, false, `${attachment.id} is associated with no route table: its traffic is dropped`, attachment.id);
  if (attachment.associatedRouteTable === 'unknown') return undecided(label, `the route table of ${attachment.id} is unknown before apply`, attachment.associationSource ?? attachment.id);
  const table = context.model.tgwRouteTables.find((t) => t.id === attachment.associatedRouteTable);
  if (table?.name !== view.spoke.segment) {
    return fact(label, false, `${attachment.id} is associated with route table ${table?.name ?? attachment.associatedRouteTable}, not ${view.spoke.segment} (config: segment ${view.spoke.segment})`, attachment.associationSource ?? attachment.id);
  }
  return fact(label, true, `associated with ${table.name} (${table.id})`);
}

/** Evaluates I3 for every spoke. */
export function segmentIsolation(context: IntentContext): IntentResult[] {
  const classes = new Classes(context, (hops) => hairpin(context, hops) !== undefined);
  const peersBySegment = new Map<string, Peer[]>();
  return context.spokes.map((view) => {
    const segment = view.spoke.segment;
    let peers = peersBySegment.get(segment);
    if (!peers) peersBySegment.set(segment, (peers = peersOf(context, segment)));
    const { outcomes, matrix } = checks(context, view, peers, classes);
    const result = conclude('I3', SEGMENT_ISOLATION_TITLE, view.spoke.name, outcomes);
    return matrix ? { ...result, matrix, sourceSegment: segment } : result;
  });
}
