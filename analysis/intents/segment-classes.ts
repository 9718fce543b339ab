/**
 * Segment isolation (I3) in time linear in the spokes: most spoke pairs are decided from one query
 * per spoke and destination group instead of one query per pair, and only the pairs these cannot
 * decide are queried one by one.
 *
 * A request from spoke S to spoke D crosses three parts: S's VPC, the transit gateway (the route
 * table S's attachment is associated with, then D's on the way back) and D's VPC. What S's VPC does
 * with it depends on D's address only through the CIDRs in S's VPC route tables and network ACLs
 * (the queries use `securityGroups: 'any'`, which the engine admits without reading a rule); what
 * D's VPC does depends on S's address only through D's own CIDRs, and on the Availability Zone the
 * packet arrives in. So, with spokes grouped by (segment, AZ of their workload subnet, TGW route
 * table):
 * - S's VPC treats every member of a group alike when none of its CIDRs holds some members but not
 *   all ({@link Classes.uniform}); likewise D's VPC for the members of a source group.
 * - A pair is **reachable** when S's VPC is uniform over D's group and D's over S's group, each
 *   transit gateway table sends the other's address to its own attachment, and two witness queries
 *   got through: S to one member of D's group (S's VPC passes both ways for that whole group) and
 *   one member of S's group to D (D's VPC passes both ways for that whole group).
 * - A pair is **blocked** when S's VPC is uniform over D's group, the TGW table picks the same route
 *   for D as for a witness W of the group (a blackhole, no route, the same static route), and the
 *   query S → W was stopped on the way out, before it left the transit gateway: S → D stops at the
 *   same place.
 * Anything else (a unknown value, a witness that fails, a CIDR that splits a group) is left to a
 * query of its own, so a broken landing zone costs more queries, never a wrong verdict. While an
 * observer watches the queries (`lz plan-summary`'s flow matrix) every pair is queried.
 */
import type { TgwAttachment } from '../network/types';
import { parseRange, type Range } from '../reach/address';
import { resolveEnd } from '../reach/ends';
import type { IndexedTgwRouteTable } from '../reach/model-index';
import { observing } from '../reach/observe';
import { reach } from '../reach/reach';
import type { Endpoint, Hop, ReachResult } from '../reach/types';
import type { IntentContext, SpokeView } from './context';

/** A spoke the shortcut can reason about. */
interface Member {
  readonly index: number;
  readonly view: SpokeView;
  readonly endpoint: Endpoint;
  readonly address: number;
  readonly attachment: TgwAttachment;
  readonly table: IndexedTgwRouteTable;
  /** Every CIDR of the VPC's route tables and network ACLs, and the VPC's own CIDRs. */
  readonly boundaries: readonly Range[];
  group: Group;
}

/** Spokes of one segment, AZ and TGW route table. */
interface Group {
  readonly index: number;
  readonly members: Member[];
  /** Member addresses, ascending. */
  sorted: number[];
}

/** What the shortcut concludes for a pair: decided, or left to a query. */
export type PairVerdict = 'reachable' | 'blocked' | undefined;

/** A transit gateway route: `own` when it targets the destination's own attachment, else the route's identity. */
type TgwChoice = string;

const OWN = 'own';

/** The shortcut's state for one evaluation of I3. */
export class Classes {
  private readonly members = new Map<SpokeView, Member>();
  private readonly groups: Group[] = [];
  private readonly uniformMemo = new Map<number, boolean>();
  private readonly choiceMemo = new Map<IndexedTgwRouteTable, Map<number, TgwChoice>>();
  private readonly rowMemo = new Map<string, boolean>();
  private readonly colMemo = new Map<number, boolean>();

  constructor(
    private readonly context: IntentContext,
    private readonly isHairpin: (hops: readonly Hop[]) => boolean,
  ) {
    const byKey = new Map<string, Group>();
    for (const view of context.spokes) {
      const member = this.memberOf(view);
      if (!member) continue;
      const key = `${view.spoke.segment}\n${view.representative!.az}\n${member.table.table.id}`;
      let group = byKey.get(key);
      if (!group) {
        group = { index: this.groups.length, members: [], sorted: [] };
        byKey.set(key, group);
        this.groups.push(group);
      }
      member.group = group;
      group.members.push(member);
      this.members.set(view, member);
    }
    for (const g of this.groups) g.sorted = g.members.map((m) => m.address).sort((a, b) => a - b);
  }

  /** The shortcut's verdict for S → D, or undefined when the pair needs a query of its own. */
  verdict(from: SpokeView, to: SpokeView, expected: boolean): PairVerdict {
    if (observing()) return undefined;
    const s = this.members.get(from);
    const d = this.members.get(to);
    if (!s || !d || !this.uniform(s, d.group)) return undefined;
    const forward = this.choice(s.table, d);
    if (expected) {
      if (forward !== OWN || this.choice(d.table, s) !== OWN || !this.uniform(d, s.group)) return undefined;
      return this.row(s, d.group, OWN) && this.column(s.group, d) ? 'reachable' : undefined;
    }
    if (forward === OWN) return undefined;
    return this.row(s, d.group, forward) ? 'blocked' : undefined;
  }

  private memberOf(view: SpokeView): Member | undefined {
    const { index } = this.context;
    const subnet = view.representative;
    if (!view.vpc || !subnet) return undefined;
    const attachments = (index.attachmentsByVpc.get(view.vpc.id) ?? []).filter((a) => a.kind === 'vpc');
    if (attachments.length !== 1) return undefined;
    const [attachment] = attachments;
    const tableId = attachment.associatedRouteTable;
    const table = tableId === undefined || tableId === 'unknown' ? undefined : index.tgwRouteTables.get(tableId);
    const boundaries = this.boundariesOf(view.vpc.id, view.vpc.cidrs);
    if (!table || !boundaries) return undefined;
    const endpoint: Endpoint = { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' };
    const end = resolveEnd(index, endpoint);
    if (end.kind !== 'interface') return undefined;
    return { index: this.members.size, view, endpoint, address: end.address, attachment, table, boundaries, group: undefined as unknown as Group };
  }

  /** The CIDRs a VPC decides by, or undefined when one is not an IPv4 CIDR (a prefix list, an unknown). */
  private boundariesOf(vpc: string, cidrs: readonly string[]): Range[] | undefined {
    const { model } = this.context;
    const texts = [...cidrs];
    // Prefix-list destinations are skipped as the engine's route lookup skips them (model-index.ts).
    for (const table of model.routeTables) if (table.vpc === vpc) for (const route of table.routes) if (!route.destination.startsWith('pl:')) texts.push(route.destination);
    for (const acl of model.networkAcls) if (acl.vpc === vpc) for (const rule of acl.rules) texts.push(rule.cidr);
    const ranges: Range[] = [];
    for (const text of new Set(texts)) {
      const range = parseRange(text);
      if (!range) return undefined;
      ranges.push(range);
    }
    return ranges;
  }

  /** No CIDR of `m`'s VPC holds some of the group's other members but not all of them. */
  private uniform(m: Member, g: Group): boolean {
    const key = m.index * this.groups.length + g.index;
    const memo = this.uniformMemo.get(key);
    if (memo !== undefined) return memo;
    const self = m.group === g ? 1 : 0;
    const others = g.sorted.length - self;
    let result = true;
    for (const r of m.boundaries) {
      const held = upperBound(g.sorted, r.last) - lowerBound(g.sorted, r.first) - (self && m.address >= r.first && m.address <= r.last ? 1 : 0);
      if (held > 0 && held < others) {
        result = false;
        break;
      }
    }
    this.uniformMemo.set(key, result);
    return result;
  }

  /** The route `table` picks for `to`'s address. */
  private choice(table: IndexedTgwRouteTable, to: Member): TgwChoice {
    let byMember = this.choiceMemo.get(table);
    if (!byMember) this.choiceMemo.set(table, (byMember = new Map()));
    const memo = byMember.get(to.index);
    if (memo !== undefined) return memo;
    const match = table.lpm.lookup(to.address);
    let choice: TgwChoice;
    if (match.kind === 'none') choice = 'none';
    else if (match.kind === 'unknown') choice = `unknown ${match.route.source}`;
    else if (match.route.target.kind === 'attachment' && match.route.target.id === to.attachment.id) choice = OWN;
    else choice = `route ${match.route.source} ${match.route.destination}`;
    byMember.set(to.index, choice);
    return choice;
  }

  /**
   * The witness query from `s` to a member of `g` whose TGW route is `choice`: for `own`, it got there
   * and back without the egress VPC; otherwise it was blocked (not unknown) on the way out, before it
   * left the transit gateway.
   */
  private row(s: Member, g: Group, choice: TgwChoice): boolean {
    const key = `${s.index} ${g.index} ${choice}`;
    const memo = this.rowMemo.get(key);
    if (memo !== undefined) return memo;
    const witness = g.members.find((w) => w !== s && this.choice(s.table, w) === choice);
    let result = false;
    if (witness) {
      const r = this.query(s, witness);
      result = choice === OWN ? this.clean(r) : stoppedLeaving(r);
    }
    this.rowMemo.set(key, result);
    return result;
  }

  /** The witness query from a member of `g` to `d` got there and back without the egress VPC. */
  private column(g: Group, d: Member): boolean {
    const key = g.index * this.members.size + d.index;
    const memo = this.colMemo.get(key);
    if (memo !== undefined) return memo;
    const witness = g.members.find((w) => w !== d);
    const result = witness !== undefined && this.clean(this.query(witness, d));
    this.colMemo.set(key, result);
    return result;
  }

  private query(from: Member, to: Member): ReachResult {
    return reach(this.context.model, from.endpoint, to.endpoint, 'tcp', 443);
  }

  private clean(r: ReachResult): boolean {
    return r.status === 'reachable' && !this.isHairpin(r.path) && !this.isHairpin(r.returnPath);
  }
}

/** Blocked on the way out: in the source VPC or at the first transit gateway route, never beyond. */
function stoppedLeaving(r: ReachResult): boolean {
  if (r.status !== 'blocked' || r.blockedBy.direction !== 'forward') return false;
  const tgwRoute = r.path.findIndex((h) => h.kind === 'tgw-route');
  return tgwRoute < 0 || !r.path.slice(tgwRoute + 1).some((h) => h.kind === 'tgw-attachment');
}

/** Index of the first element ≥ `x` in an ascending array. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > `x` in an ascending array. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
