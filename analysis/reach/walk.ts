/**
 * One direction of a flow, hop by hop: VPC route tables (longest prefix), subnet crossings (NACL out
 * of the one, into the other), NAT gateways (source translation), internet gateways (public
 * addresses only), the Transit Gateway (the ingress attachment's associated route table, longest
 * prefix, blackholes) and Direct Connect / VPN attachments to on-premises. Security groups are the
 * caller's business: they sit at the two ends only.
 */
import type { InternetGateway, NatGateway, Subnet, TgwAttachment } from '../network/types';
import { formatAddress, holds, lastInstanceAddress, parseRange } from './address';
import { blockPublicAccessVerdict } from './block-public-access';
import { evaluateNacl } from './network-acls';
import { attachmentLabel, lastSegment, routeTableOf, subnetHolding, subnetLabel, subnetShortName, type ModelIndex } from './model-index';
import { flowText } from './protocol';
import type { Blocker, GroupSelection, Hop, HopKind, Protocol } from './types';

/** The packet as it travels; NAT rewrites the source. */
export interface Packet {
  src: number;
  dst: number;
  readonly protocol: Protocol;
  /** Destination ports: the service port for requests, the ephemeral range for replies. */
  readonly ports: readonly [number, number];
  /** The source address is public (an instance with a public IP, a load balancer node, a public NAT's EIP). */
  public: boolean;
  /** The source interface's groups while a group reference can still see them (undefined after NAT). */
  srcGroups: GroupSelection | undefined;
  /** VPC of the source interface (group references only match inside one VPC). */
  srcVpc: string | undefined;
}

/** Where a walk must end. */
export type Target =
  | { readonly kind: 'interface'; readonly subnet: Subnet; readonly address: number }
  | { readonly kind: 'internet'; readonly address: number }
  | { readonly kind: 'on-premises'; readonly address: number };

/** Where a walk ended. */
export type Arrival =
  | { readonly kind: 'interface'; readonly subnet: Subnet }
  | { readonly kind: 'internet'; readonly igw: InternetGateway }
  | { readonly kind: 'on-premises'; readonly attachment: TgwAttachment };

/** A source translation done by a NAT gateway on the way out, undone on the way back. */
export interface Translation {
  readonly nat: NatGateway;
  readonly subnet: Subnet;
  readonly address: number;
  readonly before: { readonly src: number; readonly public: boolean; readonly srcGroups: GroupSelection | undefined; readonly srcVpc: string | undefined };
}

/**
 * Where a walk ended without arriving. Returned, not thrown: a query that is blocked is the common
 * case (every negative intent), and exceptions cost V8 tens of microseconds each.
 */
export class Stop {
  constructor(
    readonly status: 'blocked' | 'unknown',
    readonly blocker: Blocker,
  ) {}
}

// More steps than any sane topology needs (a hairpin through an inspection VPC is about 12): a loop.
const MAX_STEPS = 64;

/** A firewall endpoint a walk crossed, in order. */
export interface FirewallCrossing {
  readonly firewall: string;
  readonly az: string;
  /** The route that sent the packet to the endpoint. */
  readonly route: string;
}

/** One direction of a flow; collects hops and returns a {@link Stop} from the first component that drops it. */
export class Walk {
  readonly hops: Hop[] = [];
  /** Firewall endpoints crossed, in order (a stateful firewall must see the reply at the same endpoint). */
  readonly firewalls: FirewallCrossing[] = [];
  private steps = 0;

  /**
   * @param pins per appliance-mode attachment, the AZ the forward walk used: the Transit Gateway keeps
   * both directions of a flow in that AZ. https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
   */
  constructor(
    private readonly index: ModelIndex,
    readonly direction: 'forward' | 'return',
    private readonly pins: Map<string, string> = new Map(),
  ) {}

  /** Appends a hop. */
  hop(kind: HopKind, id: string, text: string, table?: string): void {
    this.hops.push(table === undefined ? { kind, id, text } : { kind, id, text, table });
  }

  /** The walk ends at `component`. */
  stop(status: 'blocked' | 'unknown', component: string, kind: HopKind, reason: string): Stop {
    return new Stop(status, { component, kind, reason, direction: this.direction });
  }

  /** The subnet's NACL must let the packet out towards its destination. */
  naclOut(subnet: Subnet, packet: Packet): Stop | undefined {
    return this.nacl(subnet, 'outbound', packet.dst, packet);
  }

  /** The subnet's NACL must let the packet in from its source. */
  naclIn(subnet: Subnet, packet: Packet): Stop | undefined {
    return this.nacl(subnet, 'inbound', packet.src, packet);
  }

  private nacl(subnet: Subnet, direction: 'inbound' | 'outbound', peer: number, packet: Packet): Stop | undefined {
    if (subnet.nacl === undefined) return undefined; // the default NACL allows everything
    const verdict = evaluateNacl(this.index, subnet, direction, peer, packet.protocol, packet.ports);
    if (verdict.kind === 'unknown') return this.stop('unknown', verdict.component, 'nacl-rule', verdict.reason);
    if (verdict.kind === 'deny') {
      const acl = lastSegment(verdict.acl.acl.id);
      const why = verdict.rule ? `rule ${verdict.rule.ruleNumber} denies` : 'has no rule that allows';
      const flow = `${flowText(packet.protocol, packet.ports)} ${direction === 'inbound' ? 'from' : 'to'} ${formatAddress(peer)}`;
      return this.stop('blocked', verdict.rule?.source ?? verdict.acl.acl.id, 'nacl-rule', `network ACL ${acl} of ${subnetLabel(this.index, subnet)} ${direction} ${why} ${flow}`);
    }
    if (verdict.acl && verdict.rule) this.hop('nacl-rule', verdict.rule.source, `nacl ${subnetLabel(this.index, subnet)} ${direction === 'inbound' ? 'in' : 'out'} #${verdict.rule.ruleNumber} allow`);
    return undefined;
  }

  /** Moving between two subnets of one VPC crosses the NACL of each (nothing when it stays in one subnet). */
  cross(from: Subnet, to: Subnet, packet: Packet): Stop | undefined {
    if (from.id === to.id) return undefined;
    return this.naclOut(from, packet) ?? this.naclIn(to, packet);
  }

  private tick(component: string): Stop | undefined {
    this.steps += 1;
    return this.steps > MAX_STEPS ? this.stop('blocked', component, 'route', `routing loop: more than ${MAX_STEPS} steps`) : undefined;
  }

  /** Routes a packet that is in `start` until it reaches `target`; NAT translations are appended to `translations`. */
  route(start: Subnet, packet: Packet, target: Target, translations: Translation[]): Arrival | Stop {
    const index = this.index;
    let here = start;
    for (;;) {
      const table = routeTableOf(index, here);
      if ('missing' in table) return this.stop('unknown', table.missing, 'route', `route table ${table.missing} of ${subnetLabel(index, here)} is not in the synthesized output`);
      const loop = this.tick(table.id);
      if (loop) return loop;
      const dst = formatAddress(packet.dst);
      const match = table.lpm.lookup(packet.dst);
      if (match.kind === 'unknown') return this.stop('unknown', match.route.source ?? table.id, 'route', `${table.name} has a route to ${match.route.destination}, which is not an IPv4 CIDR`);
      if (match.kind === 'none') return this.stop('blocked', table.id, 'route', `${table.name} has no route to ${dst}`);
      const route = match.route;
      const routeId = route.source ?? table.id;
      const vpcName = index.vpcs.get(here.vpc)?.name ?? here.vpc;
      const targetKind = route.target.kind === 'unknown' ? '?' : route.target.kind;
      this.hop('route', routeId, `rt ${table.name} ${route.destination}→${targetKind}`, table.id);
      switch (route.target.kind) {
        case 'local': {
          const next = subnetHolding(index, here.vpc, packet.dst);
          if (!next) return this.stop('blocked', table.id, 'route', `no subnet of ${vpcName} holds ${dst}`);
          const crossed = this.cross(here, next, packet);
          if (crossed) return crossed;
          if (target.kind === 'interface' && next.id === target.subnet.id) return { kind: 'interface', subnet: next };
          return this.stop('blocked', next.id, 'subnet', `${dst} is in ${subnetLabel(index, next)}, where nothing answers for this flow`);
        }
        case 'igw': {
          const igw = index.internetGateways.get(route.target.id);
          if (!igw) return this.stop('blocked', routeId, 'route', `route ${route.destination} in ${table.name} targets internet gateway ${route.target.id}, which does not exist`);
          if (igw.vpc !== here.vpc) return this.stop('blocked', routeId, 'route', `route ${route.destination} in ${table.name} targets an internet gateway of another VPC`);
          const out = this.naclOut(here, packet);
          if (out) return out;
          if (target.kind !== 'internet') return this.stop('blocked', igw.id, 'igw', `${dst} is a private address: the internet gateway of ${vpcName} sends it to the internet, where it is dropped`);
          if (!packet.public) return this.stop('blocked', igw.id, 'igw', `source ${formatAddress(packet.src)} has no public IPv4 address, and the internet gateway of ${vpcName} only carries traffic of public addresses`);
          // VPC Block Public Access decides on the connection that is opened here; its replies follow it.
          if (this.direction === 'forward') {
            const last = translations[translations.length - 1];
            const bpa = blockPublicAccessVerdict(index.model, here, 'outbound', last !== undefined && last.subnet.id === here.id && last.nat.public);
            if (bpa.kind !== 'allowed') return this.stop(bpa.kind, bpa.component, 'igw', bpa.reason);
          }
          this.hop('igw', igw.id, `igw ${vpcName}`);
          return { kind: 'internet', igw };
        }
        case 'nat': {
          const nat = index.natGateways.get(route.target.id);
          if (!nat) return this.stop('blocked', routeId, 'route', `route ${route.destination} in ${table.name} targets NAT gateway ${route.target.id}, which does not exist`);
          if (this.direction === 'return') return this.stop('blocked', nat.id, 'nat', `the reply to ${dst} would be sent through NAT gateway ${lastSegment(nat.id)}, which did not carry the request (asymmetric route)`);
          const natSubnet = index.subnets.get(nat.subnet);
          if (!natSubnet) return this.stop('unknown', nat.id, 'nat', `subnet ${nat.subnet} of NAT gateway ${nat.id} is not in the synthesized output`);
          if (natSubnet.vpc !== here.vpc) return this.stop('blocked', routeId, 'route', `route ${route.destination} in ${table.name} targets a NAT gateway of another VPC`);
          const crossed = this.cross(here, natSubnet, packet);
          if (crossed) return crossed;
          const range = parseRange(natSubnet.cidr);
          if (!range) return this.stop('unknown', natSubnet.id, 'subnet', `subnet ${natSubnet.name} has CIDR ${natSubnet.cidr}, which is not an IPv4 CIDR`);
          const address = lastInstanceAddress(range);
          translations.push({ nat, subnet: natSubnet, address, before: { src: packet.src, public: packet.public, srcGroups: packet.srcGroups, srcVpc: packet.srcVpc } });
          this.hop('nat', nat.id, `nat ${subnetLabel(index, natSubnet)} (${nat.public ? 'public' : 'private'}) ${formatAddress(packet.src)}→${nat.public ? 'EIP' : formatAddress(address)}`);
          packet.src = address;
          packet.public = nat.public;
          packet.srcGroups = undefined;
          here = natSubnet;
          continue;
        }
        case 'tgw': {
          const tgwId = route.target.id;
          if (!index.transitGateways.has(tgwId)) return this.stop('blocked', routeId, 'route', `route ${route.destination} in ${table.name} targets transit gateway ${tgwId}, which does not exist`);
          const attachment = index.attachmentsByVpc.get(here.vpc)?.find((a) => a.transitGateway === tgwId);
          if (!attachment) return this.stop('blocked', routeId, 'route', `${vpcName} is not attached to the transit gateway that route ${route.destination} in ${table.name} targets`);
          const attachmentSubnet = (attachment.subnets ?? []).map((id) => index.subnets.get(id)).find((s) => s?.az === here.az);
          // https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html: resources in an
          // Availability Zone without an attachment subnet cannot reach the transit gateway.
          if (!attachmentSubnet) return this.stop('blocked', attachment.id, 'tgw-attachment', `${attachmentLabel(index, attachment)} has no subnet in ${here.az}, so ${subnetLabel(index, here)} cannot reach the transit gateway`);
          const crossed = this.cross(here, attachmentSubnet, packet);
          if (crossed) return crossed;
          this.hop('tgw-attachment', attachment.id, `${attachmentLabel(index, attachment)} (${subnetShortName(index, attachmentSubnet)})`);
          return this.transit(attachment, here.az, packet, target, translations);
        }
        case 'firewall': {
          // The packet enters the firewall endpoint of the route's AZ; what the firewall passes leaves by
          // the route table of the endpoint's (firewall) subnet. The policy's verdict is not modelled:
          // the walk proves where traffic goes, the firewall decides at run time.
          const { id: firewallId, az: endpointAz } = route.target;
          const firewall = index.firewalls.get(firewallId);
          if (!firewall) return this.stop('blocked', routeId, 'route', `route ${route.destination} in ${table.name} targets Network Firewall ${firewallId}, which does not exist`);
          const endpoint = firewall.endpoints.find((e) => e.az === endpointAz);
          const endpointSubnet = endpoint && index.subnets.get(endpoint.subnet);
          if (!endpointSubnet) return this.stop('blocked', routeId, 'firewall', `Network Firewall ${firewall.name} has no endpoint in ${endpointAz}, which route ${route.destination} in ${table.name} targets`);
          if (endpointSubnet.vpc !== here.vpc) return this.stop('blocked', routeId, 'route', `route ${route.destination} in ${table.name} targets a firewall endpoint of another VPC`);
          const crossed = this.cross(here, endpointSubnet, packet);
          if (crossed) return crossed;
          this.hop('firewall', firewall.id, `firewall ${firewall.name} endpoint ${endpointAz}`);
          this.firewalls.push({ firewall: firewall.id, az: endpointAz, route: routeId });
          here = endpointSubnet;
          continue;
        }
        case 'vpce':
          return this.stop('unknown', routeId, 'route', `route ${route.destination} in ${table.name} targets VPC endpoint ${route.target.id}; endpoint (Gateway Load Balancer) routing is not modeled`);
        case 'blackhole':
          return this.stop('blocked', routeId, 'route', `blackhole route ${route.destination} in ${table.name}`);
        case 'unknown':
          return this.stop('unknown', routeId, 'route', `route ${route.destination} in ${table.name}: ${route.target.reason}`);
      }
    }
  }

  /** Routes a packet that entered the transit gateway from `ingress` (in `az`, when it came from a VPC). */
  transit(ingress: TgwAttachment, az: string | undefined, packet: Packet, target: Target, translations: Translation[]): Arrival | Stop {
    const index = this.index;
    const loop = this.tick(ingress.id);
    if (loop) return loop;
    const dst = formatAddress(packet.dst);
    const label = attachmentLabel(index, ingress);
    if (ingress.associatedRouteTable === undefined) return this.stop('blocked', ingress.id, 'tgw-attachment', `${label} is associated with no TGW route table, so the transit gateway drops its traffic`);
    const table = index.tgwRouteTables.get(ingress.associatedRouteTable);
    if (!table) return this.stop('unknown', ingress.associationSource ?? ingress.id, 'tgw-attachment', `TGW route table ${ingress.associatedRouteTable} of ${label} is not in the synthesized output`);
    const name = table.table.name;
    const match = table.lpm.lookup(packet.dst);
    if (match.kind === 'unknown') return this.stop('unknown', match.route.source, 'tgw-route', `TGW route table ${name} has a route to ${match.route.destination}, which is not an IPv4 CIDR`);
    if (match.kind === 'none') return this.stop('blocked', table.table.id, 'tgw-route', `TGW route table ${name} has no route to ${dst}`);
    const route = match.route;
    const next = route.target.kind === 'attachment' ? index.attachments.get(route.target.id) : undefined;
    const nextText = route.target.kind === 'attachment' ? (next ? attachmentLabel(index, next) : route.target.id) : route.target.kind === 'blackhole' ? 'blackhole' : '?';
    this.hop('tgw-route', route.source, `tgw-rt ${name} ${route.destination}→${nextText}${route.origin === 'propagated' ? ' (propagated)' : ''}`, table.table.id);
    if (route.target.kind === 'blackhole') return this.stop('blocked', route.source, 'tgw-route', `blackhole route ${route.destination} in TGW route table ${name}`);
    if (route.target.kind === 'unknown') return this.stop('unknown', route.source, 'tgw-route', `route ${route.destination} in TGW route table ${name}: ${route.target.reason}`);
    if (!next) return this.stop('blocked', route.source, 'tgw-route', `route ${route.destination} in TGW route table ${name} targets attachment ${route.target.id}, which does not exist`);
    switch (next.kind) {
      case 'vpc': {
        const subnets = (next.subnets ?? []).map((id) => index.subnets.get(id)).filter((s): s is Subnet => s !== undefined);
        // The transit gateway keeps traffic in the Availability Zone it came from when the attachment has a subnet there.
        let subnet = subnets.find((s) => s.az === az) ?? subnets[0];
        // Appliance mode: one AZ per flow for both directions (the forward walk's choice, pinned).
        if (subnet && next.applianceMode === true) {
          const pinned = this.pins.get(next.id);
          if (pinned === undefined) this.pins.set(next.id, subnet.az);
          else subnet = subnets.find((s) => s.az === pinned) ?? subnet;
        }
        if (!subnet) return this.stop('blocked', next.id, 'tgw-attachment', `${nextText} has no subnets in the synthesized output`);
        this.hop('tgw-attachment', next.id, `${nextText} (${subnetShortName(index, subnet)})`);
        return this.route(subnet, packet, target, translations);
      }
      case 'dx-gateway':
      case 'vpn': {
        const kind = next.kind === 'vpn' ? 'vpn' : 'dx-gateway';
        if (target.kind !== 'on-premises') return this.stop('blocked', next.id, kind, `${dst} is not on premises, but TGW route table ${name} sends it to ${nextText}`);
        if (!index.onPremises.some((r) => holds(r, packet.dst))) return this.stop('blocked', next.id, kind, `${dst} is outside the on-premises ranges (${index.model.onPremises.join(', ') || 'none'})`);
        this.hop(kind, next.id, nextText);
        return { kind: 'on-premises', attachment: next };
      }
      case 'unknown':
        return this.stop('unknown', next.id, 'tgw-attachment', `attachment ${next.id} is of an unknown kind`);
    }
  }

  /**
   * The attachment on-premises traffic to `address` enters by: Direct Connect when its gateway
   * advertises a covering allowed prefix, else a VPN whose TGW route table has a route to it (the
   * transit gateway advertises that table over BGP). Stops with the first refusal when none does.
   */
  onPremisesEntry(address: number): TgwAttachment | Stop {
    const entries = onPremisesEntries(this.index, address);
    for (const { attachment, verdict } of entries) {
      if (verdict.kind !== 'advertised') continue;
      this.hop(verdict.hopKind, verdict.component, verdict.text);
      return attachment;
    }
    const refusals = entries.flatMap((e) => (e.verdict.kind === 'advertised' ? [] : [e.verdict]));
    // An unknown refusal must not read as a proof that on-premises is cut off.
    const refusal = refusals.find((v) => v.kind === 'unknown') ?? refusals[0];
    if (!refusal) return this.stop('blocked', 'on-premises', 'dx-gateway', 'no Direct Connect or VPN attachment connects on-premises to a transit gateway');
    return this.stop(refusal.kind === 'unknown' ? 'unknown' : 'blocked', refusal.component, refusal.hopKind, refusal.reason);
  }
}

/** Whether on-premises learns a route to an address over one attachment. */
export type EntryVerdict =
  | { readonly kind: 'advertised'; readonly component: string; readonly hopKind: HopKind; readonly text: string; readonly prefix: string; readonly prefixLength: number }
  | { readonly kind: 'not-advertised' | 'unknown'; readonly component: string; readonly hopKind: HopKind; readonly reason: string };

/** An on-premises attachment and what it advertises for one address. */
export interface Entry {
  readonly attachment: TgwAttachment;
  readonly verdict: EntryVerdict;
}

/** The most specific of `prefixes` that holds `address`, as a data-center router picks among routes. */
function longestPrefixHolding(prefixes: readonly string[], address: number): { prefix: string; length: number } | undefined {
  let best: { prefix: string; length: number } | undefined;
  for (const p of prefixes) {
    const range = parseRange(p);
    if (range && holds(range, address) && (!best || range.prefix > best.length)) best = { prefix: p, length: range.prefix };
  }
  return best;
}

/**
 * What a VPN whose customer gateways use floating summaries offers for `address`: the data center
 * drops every route learned over it and routes the Direct Connect allowed prefixes into its tunnels as
 * static routes with an administrative distance above BGP's, so for the same prefix the route learned
 * over Direct Connect wins and the VPN carries traffic only when Direct Connect withdraws it. Whether
 * the Transit Gateway then delivers it is the walk's next hop (the VPN's route table).
 * https://repost.aws/knowledge-center/direct-connect-gateway-primary-connection
 */
function floatingStatic(index: ModelIndex, attachment: TgwAttachment, name: string, address: number): EntryVerdict {
  const component = attachment.id;
  const gateways = [...index.dxGateways.values()];
  if (gateways.some((g) => g.allowedPrefixes === 'unknown')) return { kind: 'unknown', component, hopKind: 'vpn', reason: `VPN ${name} routes the Direct Connect allowed prefixes, which are unknown before apply` };
  const best = longestPrefixHolding(gateways.flatMap((g) => g.allowedPrefixes as readonly string[]), address);
  if (!best) return { kind: 'not-advertised', component, hopKind: 'vpn', reason: `VPN ${name}: the data center routes only the Direct Connect allowed prefixes into it (floating static routes), and none holds ${formatAddress(address)}` };
  return { kind: 'advertised', component, hopKind: 'vpn', text: `vpn ${name}: floating static route to ${best.prefix} (used only when Direct Connect withdraws it)`, prefix: best.prefix, prefixLength: best.length };
}

/**
 * Every on-premises attachment with whether it advertises `address` to the data center, in the order
 * the data center's router prefers them: the most specific advertised prefix first (longest prefix
 * match across Direct Connect and VPN), Direct Connect before VPN for the same prefix, then the
 * attachments that advertise nothing. A VPN attachment advertises the routes of its TGW route table
 * over BGP, a Direct Connect gateway only its allowed prefixes.
 * https://repost.aws/knowledge-center/direct-connect-gateway-primary-connection
 */
export function onPremisesEntries(index: ModelIndex, address: number): Entry[] {
  const dst = formatAddress(address);
  const entries = index.onPremisesAttachments.map((attachment): Entry => {
    if (attachment.kind === 'dx-gateway') {
      const gateway = index.dxGateways.get(attachment.peer ?? '');
      const name = lastSegment(attachment.peer ?? attachment.id);
      if (!gateway) return { attachment, verdict: { kind: 'unknown', component: attachment.id, hopKind: 'dx-gateway', reason: `Direct Connect gateway ${attachment.peer ?? '?'} of ${attachment.id} is not in the synthesized output` } };
      const component = gateway.associationSource ?? gateway.id;
      if (gateway.allowedPrefixes === 'unknown') return { attachment, verdict: { kind: 'unknown', component, hopKind: 'dx-gateway', reason: `allowed prefixes of Direct Connect gateway ${name} are unknown before apply` } };
      const best = longestPrefixHolding(gateway.allowedPrefixes, address);
      if (!best) {
        const reason = `Direct Connect gateway ${name} does not advertise ${dst} to on-premises (allowed prefixes: ${gateway.allowedPrefixes.join(', ') || 'none'})`;
        return { attachment, verdict: { kind: 'not-advertised', component, hopKind: 'dx-gateway', reason } };
      }
      return { attachment, verdict: { kind: 'advertised', component, hopKind: 'dx-gateway', text: `dx ${name} advertises ${best.prefix}`, prefix: best.prefix, prefixLength: best.length } };
    }
    const name = lastSegment(attachment.peer ?? attachment.id);
    if (attachment.customerGatewayRoutes === 'floating-summaries') return { attachment, verdict: floatingStatic(index, attachment, name, address) };
    const table = attachment.associatedRouteTable === undefined ? undefined : index.tgwRouteTables.get(attachment.associatedRouteTable);
    if (!table) return { attachment, verdict: { kind: 'not-advertised', component: attachment.id, hopKind: 'vpn', reason: `VPN ${name} is associated with no TGW route table, so it advertises nothing` } };
    const match = table.lpm.lookup(address);
    if (match.kind === 'unknown') return { attachment, verdict: { kind: 'unknown', component: match.route.source, hopKind: 'vpn', reason: `TGW route table ${table.table.name} has a route to ${match.route.destination}, which is not an IPv4 CIDR` } };
    if (match.kind === 'none' || match.route.target.kind !== 'attachment') {
      return { attachment, verdict: { kind: 'not-advertised', component: attachment.id, hopKind: 'vpn', reason: `VPN ${name} learns no route to ${dst} (TGW route table ${table.table.name} has none)` } };
    }
    const prefix = match.route.destination;
    return { attachment, verdict: { kind: 'advertised', component: attachment.id, hopKind: 'vpn', text: `vpn ${name} learns ${prefix} over BGP`, prefix, prefixLength: match.range.prefix } };
  });
  const rank = (e: Entry): number => (e.verdict.kind === 'advertised' ? 100 - e.verdict.prefixLength * 2 + (e.attachment.kind === 'dx-gateway' ? 0 : 1) : e.verdict.kind === 'unknown' ? 200 : 300);
  // Array.prototype.sort is stable: equal ranks keep Direct Connect first.
  return entries.sort((a, b) => rank(a) - rank(b));
}
