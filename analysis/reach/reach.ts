/**
 * `reach(model, from, to, protocol, port)`: does a connection get from one end to the other, and does
 * its reply get back? The request is walked hop by hop (source security group egress, NACLs at every
 * subnet crossing, route tables, NAT, internet gateway, transit gateway, Direct Connect / VPN, the
 * destination's NACL and security group ingress); the reply is walked back to the (translated)
 * source, NACLs only since security groups are stateful. The first component that drops either
 * direction is the verdict; a value unknown before apply makes the verdict unknown, never reachable.
 */
import { blockPublicAccessVerdict } from './block-public-access';
import type { ClientVpnEndpoint, NetworkModel, Subnet } from '../network/types';
import { formatAddress, holds, lastInstanceAddress, parseRange } from './address';
import { EndpointError, resolveEnd, type InterfaceEnd, type ResolvedEnd } from './ends';
import { attachmentLabel, indexModel, lastSegment, subnetLabel, type ModelIndex } from './model-index';
import { noteQuery } from './observe';
import { flowText } from './protocol';
import { evaluateGroups, ruleText } from './security-groups';
import type { Endpoint, Protocol, ReachOptions, ReachResult } from './types';
import { onPremisesEntries, Stop, Walk, type Arrival, type Entry, type Packet, type Target, type Translation } from './walk';

interface Flow {
  readonly protocol: Protocol;
  readonly port: number;
  readonly ephemeral: readonly [number, number];
}

type Destination = Exclude<ResolvedEnd, { kind: 'client-vpn' }>;

/** The default reply ports: a NAT gateway allocates source ports from 1024-65535. */
export const DEFAULT_EPHEMERAL_PORTS: readonly [number, number] = [1024, 65535];

/**
 * Whether `protocol`/`port` traffic from `from` reaches `to` and its reply gets back, with the hops
 * of both directions or the component that stops it. Throws {@link EndpointError} for an endpoint the
 * model does not have.
 */
export function reach(model: NetworkModel, from: Endpoint, to: Endpoint, protocol: Protocol, port: number, options: ReachOptions = {}): ReachResult {
  const result = query(model, from, to, protocol, port, options);
  // lz plan-summary's flow matrix watches the queries (observe.ts); a no-op otherwise.
  noteQuery(from, to, protocol, port, result);
  return result;
}

function query(model: NetworkModel, from: Endpoint, to: Endpoint, protocol: Protocol, port: number, options: ReachOptions): ReachResult {
  const index = indexModel(model);
  const src = resolveEnd(index, from);
  const dst = resolveEnd(index, to);
  if (dst.kind === 'client-vpn') throw new EndpointError('a Client VPN endpoint can only be the source of a query');
  // The internet only opens connections to public interfaces; two on-premises hosts talk without AWS.
  if (src.kind === 'internet' && dst.kind !== 'interface') throw new EndpointError('the internet can only be asked to reach an interface in a VPC');
  if (src.kind === 'on-premises' && dst.kind === 'on-premises') throw new EndpointError('a query between two on-premises addresses crosses no part of the landing zone');
  const flow: Flow = { protocol, port, ephemeral: options.ephemeralPorts ?? DEFAULT_EPHEMERAL_PORTS };
  if (src.kind !== 'on-premises') return run(index, src, dst, flow);

  // On-premises sends over the attachment that advertises the destination most specifically (its
  // path is the one shown when it works); the flow counts as reachable when any attachment carries
  // it, so that a negative intent is never proved while a backup path stays open.
  const entries = onPremisesEntries(index, dst.address);
  if (entries.length === 0) {
    return {
      status: 'blocked',
      reachable: false,
      path: [{ kind: 'endpoint', id: 'on-premises', text: `on-premises ${formatAddress(src.address)}` }],
      returnPath: [],
      blockedBy: { component: 'on-premises', kind: 'dx-gateway', reason: 'no Direct Connect or VPN attachment connects on-premises to a transit gateway', direction: 'forward' },
    };
  }
  // A request delivered over one attachment (even with its reply dropped) ranks above an unknown or a
  // blocked one: isolation is about delivery, so a negative intent must see it.
  const results = entries.map((entry) => run(index, src, dst, flow, entry));
  return results.find((r) => r.status === 'reachable') ?? results.find(requestDelivered) ?? results.find((r) => r.status === 'unknown') ?? results[0];
}

/**
 * True when the request arrived at the destination, whatever became of its reply: the query is
 * reachable, or only its reply was stopped (or could not be resolved). One-way delivery still carries
 * data (a UDP datagram, a TCP SYN), so every "must not reach" intent counts it as reachable; only a
 * "must reach" intent needs the reply back too. A transit gateway routes each direction by the route
 * table associated with the attachment the packet enters from, so the request and the reply are decided
 * by different tables and one can pass where the other is dropped.
 * https://docs.aws.amazon.com/prescriptive-guidance/latest/inline-traffic-inspection-third-party-appliances/transit-gateway-asymmetric-routing.html
 */
export function requestDelivered(result: ReachResult): boolean {
  if (result.status === 'reachable') return true;
  return (result.status === 'blocked' ? result.blockedBy : result.unresolved).direction === 'return';
}

/** The request from `src` up to the destination: where it arrived, how, or where it stopped. */
interface Request {
  readonly packet: Packet;
  readonly sourceTarget: Target;
  readonly arrival: Arrival;
  readonly origin: InterfaceEnd | undefined;
}

function request(index: ModelIndex, forward: Walk, src: ResolvedEnd, dst: Destination, flow: Flow, translations: Translation[], entry?: Entry): Request | Stop {
  const ports: readonly [number, number] = [flow.port, flow.port];
  switch (src.kind) {
    case 'interface':
    case 'client-vpn': {
      const origin = src.kind === 'interface' ? src : clientVpnInterface(index, forward, src.endpoint, dst);
      if (origin instanceof Stop) return origin;
      forward.hop('endpoint', origin.resource, `${origin.label} (${formatAddress(origin.address)})`);
      const refused = checkEgress(index, forward, origin, dst, flow);
      if (refused) return refused;
      const packet: Packet = { src: origin.address, dst: dst.address, protocol: flow.protocol, ports, public: origin.publicAddress, srcGroups: origin.groups, srcVpc: origin.vpc.id };
      const arrival = forward.route(origin.subnet, packet, targetOf(dst), translations);
      if (arrival instanceof Stop) return arrival;
      return { packet, sourceTarget: { kind: 'interface', subnet: origin.subnet, address: origin.address }, arrival, origin };
    }
    case 'internet': {
      forward.hop('endpoint', 'internet', `internet ${formatAddress(src.address)}`);
      if (dst.kind !== 'interface') throw new EndpointError('the internet can only be asked to reach an interface in a VPC');
      const packet: Packet = { src: src.address, dst: dst.address, protocol: flow.protocol, ports, public: true, srcGroups: undefined, srcVpc: undefined };
      const arrival = enterFromInternet(index, forward, dst, packet);
      if (arrival instanceof Stop) return arrival;
      return { packet, sourceTarget: { kind: 'internet', address: src.address }, arrival, origin: undefined };
    }
    case 'on-premises': {
      forward.hop('endpoint', 'on-premises', `on-premises ${formatAddress(src.address)}`);
      const verdict = entry!.verdict;
      if (verdict.kind !== 'advertised') return forward.stop(verdict.kind === 'unknown' ? 'unknown' : 'blocked', verdict.component, verdict.hopKind, verdict.reason);
      forward.hop(verdict.hopKind, verdict.component, verdict.text);
      forward.hop('tgw-attachment', entry!.attachment.id, attachmentLabel(index, entry!.attachment));
      const packet: Packet = { src: src.address, dst: dst.address, protocol: flow.protocol, ports, public: false, srcGroups: undefined, srcVpc: undefined };
      const arrival = forward.transit(entry!.attachment, undefined, packet, targetOf(dst), translations);
      if (arrival instanceof Stop) return arrival;
      return { packet, sourceTarget: { kind: 'on-premises', address: src.address }, arrival, origin: undefined };
    }
  }
}

function run(index: ModelIndex, src: ResolvedEnd, dst: Destination, flow: Flow, entry?: Entry): ReachResult {
  const pins = new Map<string, string>();
  const forward = new Walk(index, 'forward', pins);
  const translations: Translation[] = [];
  const req = request(index, forward, src, dst, flow, translations, entry);
  if (req instanceof Stop) return stopped(req, forward.hops, []);
  if (dst.kind === 'interface') {
    const refused = checkIngress(index, forward, dst, req.packet, flow);
    if (refused) return stopped(refused, forward.hops, []);
    forward.hop('endpoint', dst.resource, `${dst.label} (${formatAddress(dst.address)})`);
  } else {
    forward.hop('endpoint', dst.kind, `${dst.kind} ${formatAddress(dst.address)}`);
  }

  const back = new Walk(index, 'return', pins);
  const replied = walkReply(index, back, dst, req, translations, flow);
  if (replied) return stopped(replied, forward.hops, back.hops);
  const asymmetric = firewallSymmetry(index, forward, back);
  if (asymmetric) return stopped(asymmetric, forward.hops, back.hops);
  if (src.kind === 'client-vpn') back.hop('client-vpn', src.endpoint.id, `client-vpn user (${src.endpoint.clientCidr})`);
  else if (req.origin) back.hop('endpoint', req.origin.resource, req.origin.label);
  else back.hop('endpoint', src.kind, `${src.kind} ${formatAddress(src.address)}`);
  return { status: 'reachable', reachable: true, path: forward.hops, returnPath: back.hops };
}

/** Walks the reply from the destination back to the source, undoing NAT translations in reverse order. */
function walkReply(index: ModelIndex, back: Walk, dst: Destination, req: Request, translations: readonly Translation[], flow: Flow): Stop | undefined {
  const reply: Packet = {
    src: req.packet.dst,
    dst: req.packet.src,
    protocol: flow.protocol,
    ports: flow.ephemeral,
    public: dst.kind === 'interface' ? dst.publicAddress : true,
    srcGroups: undefined,
    srcVpc: undefined,
  };
  const targets: Target[] = [req.sourceTarget, ...translations.map((t): Target => ({ kind: 'interface', subnet: t.subnet, address: t.address }))];
  const top = targets[targets.length - 1];
  const arrival = req.arrival;
  let back1: Arrival | Stop | undefined;
  switch (arrival.kind) {
    case 'interface':
      back1 = back.route(arrival.subnet, reply, top, []);
      break;
    case 'internet': {
      // The reply comes back through the gateway that let the request out, to a public address
      // behind it: the public NAT gateway or the public source interface.
      const vpcName = index.vpcs.get(arrival.igw.vpc)?.name ?? arrival.igw.vpc;
      back.hop('igw', arrival.igw.id, `igw ${vpcName}`);
      if (top.kind !== 'interface' || top.subnet.vpc !== arrival.igw.vpc) return back.stop('blocked', arrival.igw.id, 'igw', `the reply reaches the internet gateway of ${vpcName}, which holds no public address of the source`);
      back1 = back.naclIn(top.subnet, reply);
      break;
    }
    case 'on-premises': {
      const entry = back.onPremisesEntry(reply.dst);
      if (entry instanceof Stop) return entry;
      back.hop('tgw-attachment', entry.id, attachmentLabel(index, entry));
      back1 = back.transit(entry, undefined, reply, top, []);
      break;
    }
  }
  if (back1 instanceof Stop) return back1;
  for (let i = translations.length - 1; i >= 0; i--) {
    const t = translations[i];
    back.hop('nat', t.nat.id, `nat ${subnetLabel(index, t.subnet)} ${t.nat.public ? 'EIP' : formatAddress(t.address)}→${formatAddress(t.before.src)}`);
    reply.dst = t.before.src;
    const arrived = back.route(t.subnet, reply, targets[i], []);
    if (arrived instanceof Stop) return arrived;
  }
  return undefined;
}

function targetOf(dst: Destination): Target {
  return dst.kind === 'interface' ? { kind: 'interface', subnet: dst.subnet, address: dst.address } : { kind: dst.kind, address: dst.address };
}

/**
 * The internet reaches an interface only through its VPC's internet gateway and only at a public
 * address (an instance with a public IP, an internet-facing load balancer node).
 */
function enterFromInternet(index: ModelIndex, forward: Walk, dst: InterfaceEnd, packet: Packet): Arrival | Stop {
  const igw = index.internetGatewaysByVpc.get(dst.vpc.id)?.[0];
  if (!igw) return forward.stop('blocked', dst.vpc.id, 'vpc', `${dst.vpc.name} has no internet gateway`);
  if (!dst.publicAddress) return forward.stop('blocked', igw.id, 'igw', `${dst.label} has no public IPv4 address, so the internet gateway of ${dst.vpc.name} cannot deliver traffic from the internet to it`);
  const bpa = blockPublicAccessVerdict(index.model, dst.subnet, 'inbound', false);
  if (bpa.kind !== 'allowed') return forward.stop(bpa.kind, bpa.component, 'igw', bpa.reason);
  forward.hop('igw', igw.id, `igw ${dst.vpc.name}`);
  return forward.naclIn(dst.subnet, packet) ?? { kind: 'interface', subnet: dst.subnet };
}

/**
 * A Client VPN user's traffic: the endpoint must authorize the destination and its route table must
 * hold a route to it; it then leaves from the endpoint's network interface in the route's associated
 * subnet (source-translated to that interface, with the endpoint's security groups). Every association
 * routes the VPC's own ranges; anything outside them needs an `aws_ec2_client_vpn_route` through an
 * associated subnet, whose VPC route table then decides where it goes.
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-routes.html
 */
function clientVpnInterface(index: ModelIndex, forward: Walk, cvpn: ClientVpnEndpoint, dst: Destination): InterfaceEnd | Stop {
  const name = lastSegment(cvpn.id);
  forward.hop('client-vpn', cvpn.id, `client-vpn ${name} user (${cvpn.clientCidr})`);
  const address = formatAddress(dst.address);
  let unparsable: string | undefined;
  const auth = cvpn.authorizations.find((a) => {
    const range = parseRange(a.cidr);
    if (!range) unparsable ??= a.source;
    return range !== undefined && holds(range, dst.address);
  });
  if (!auth) {
    if (unparsable) return forward.stop('unknown', unparsable, 'client-vpn', `an authorization rule of Client VPN endpoint ${name} has a target that is not an IPv4 CIDR`);
    return forward.stop('blocked', cvpn.id, 'client-vpn', `no authorization rule of Client VPN endpoint ${name} covers ${address} (authorized: ${cvpn.authorizations.map((a) => a.cidr).join(', ') || 'none'})`);
  }
  forward.hop('client-vpn', auth.source, `authorized ${auth.cidr}`);
  const subnets = cvpn.associatedSubnets.map((id) => index.subnets.get(id)).filter((s): s is Subnet => s !== undefined);
  if (subnets.length === 0) return forward.stop('blocked', cvpn.id, 'client-vpn', `Client VPN endpoint ${name} is associated with no subnet`);
  const inVpc = index.vpcs.get(subnets[0].vpc)?.cidrs.some((c) => {
    const range = parseRange(c);
    return range !== undefined && holds(range, dst.address);
  });
  let subnet: Subnet | undefined;
  if (inVpc) {
    subnet = (dst.kind === 'interface' ? subnets.find((s) => s.az === dst.subnet.az) : undefined) ?? subnets[0];
  } else {
    // Longest prefix among the routes through an associated subnet.
    let best: { prefix: number; route: ClientVpnEndpoint['routes'][number] } | undefined;
    let badRoute: string | undefined;
    for (const route of cvpn.routes) {
      const range = parseRange(route.cidr);
      if (range === undefined) {
        badRoute ??= route.source;
        continue;
      }
      if (!holds(range, dst.address) || !subnets.some((s) => s.id === route.subnet)) continue;
      if (!best || range.prefix > best.prefix) best = { prefix: range.prefix, route };
    }
    if (!best) {
      if (badRoute) return forward.stop('unknown', badRoute, 'client-vpn', `a route of Client VPN endpoint ${name} has a destination that is not an IPv4 CIDR`);
      return forward.stop('blocked', cvpn.id, 'client-vpn', `no route of Client VPN endpoint ${name} leads to ${address} (routes: ${cvpn.routes.map((r) => r.cidr).join(', ') || 'the VPC only'})`);
    }
    forward.hop('client-vpn', best.route.source, `route ${best.route.cidr}`);
    subnet = subnets.find((s) => s.id === best!.route.subnet);
  }
  if (!subnet) return forward.stop('blocked', cvpn.id, 'client-vpn', `Client VPN endpoint ${name} is associated with no subnet`);
  const vpc = index.vpcs.get(subnet.vpc);
  const range = parseRange(subnet.cidr);
  if (!vpc || !range) return forward.stop('unknown', subnet.id, 'subnet', `subnet ${subnet.name} of Client VPN endpoint ${name} cannot be resolved`);
  return {
    kind: 'interface',
    vpc,
    subnet,
    address: lastInstanceAddress(range),
    groups: cvpn.securityGroups,
    publicAddress: false,
    label: `client-vpn eni ${subnetLabel(index, subnet)}`,
    resource: cvpn.id,
  };
}

function groupNames(index: ModelIndex, groups: readonly string[]): string {
  return groups.map((g) => index.securityGroups.get(g)?.name ?? g).join(', ');
}

function checkEgress(index: ModelIndex, forward: Walk, origin: InterfaceEnd, dst: Destination, flow: Flow): Stop | undefined {
  const sameVpc = dst.kind === 'interface' && dst.vpc.id === origin.vpc.id;
  const verdict = evaluateGroups(index, origin.groups, 'egress', { address: dst.address, groups: sameVpc ? dst.groups : undefined }, flow.protocol, flow.port);
  const what = `${flowText(flow.protocol, [flow.port, flow.port])} to ${formatAddress(dst.address)}`;
  if (verdict.kind === 'unknown') return forward.stop('unknown', verdict.component, 'security-group-rule', verdict.reason);
  if (verdict.kind === 'deny') {
    const groups = verdict.groups;
    const reason = groups.length === 0 ? `${origin.label} has no security group, so nothing may leave it` : `no egress rule of security group ${groupNames(index, groups)} allows ${what}`;
    return forward.stop('blocked', groups[0] ?? origin.resource, 'security-group-rule', reason);
  }
  if (verdict.group && verdict.rule) forward.hop('security-group-rule', verdict.rule.source, `sg ${verdict.group.name} ${ruleText(verdict.rule, 'egress', (id) => index.securityGroups.get(id)?.name)}`);
  return undefined;
}

function checkIngress(index: ModelIndex, forward: Walk, dst: InterfaceEnd, packet: Packet, flow: Flow): Stop | undefined {
  const groups = packet.srcVpc === dst.vpc.id ? packet.srcGroups : undefined;
  const verdict = evaluateGroups(index, dst.groups, 'ingress', { address: packet.src, groups }, flow.protocol, flow.port);
  const what = `${flowText(flow.protocol, [flow.port, flow.port])} from ${formatAddress(packet.src)}`;
  if (verdict.kind === 'unknown') return forward.stop('unknown', verdict.component, 'security-group-rule', verdict.reason);
  if (verdict.kind === 'deny') {
    const g = verdict.groups;
    const reason = g.length === 0 ? `${dst.label} has no security group, so nothing may reach it` : `no ingress rule of security group ${groupNames(index, g)} allows ${what}`;
    return forward.stop('blocked', g[0] ?? dst.resource, 'security-group-rule', reason);
  }
  if (verdict.group && verdict.rule) forward.hop('security-group-rule', verdict.rule.source, `sg ${verdict.group.name} ${ruleText(verdict.rule, 'ingress', (id) => index.securityGroups.get(id)?.name)}`);
  return undefined;
}

function stopped(stop: Stop, path: ReachResult['path'], returnPath: ReachResult['returnPath']): ReachResult {
  return stop.status === 'unknown'
    ? { status: 'unknown', reachable: false, path, returnPath, unresolved: stop.blocker }
    : { status: 'blocked', reachable: false, path, returnPath, blockedBy: stop.blocker };
}

/**
 * A stateful firewall drops a flow it does not see in both directions at the same endpoint: the
 * reply must cross the endpoints the request crossed, in the same AZ, and no other. With appliance
 * mode off on the inspection attachment, a reply from another AZ enters another endpoint.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
 */
function firewallSymmetry(index: ModelIndex, forward: Walk, back: Walk): Stop | undefined {
  const name = (id: string) => index.firewalls.get(id)?.name ?? id;
  for (const f of forward.firewalls) {
    const r = back.firewalls.find((x) => x.firewall === f.firewall);
    if (!r) {
      const bypass = back.hops.find((h) => h.kind === 'tgw-route') ?? back.hops[0];
      return back.stop('blocked', bypass?.id ?? f.firewall, 'firewall', `the reply bypasses Network Firewall ${name(f.firewall)}, which the request crossed in ${f.az}: its stateful engine never sees the reply and drops the flow (bypass: ${bypass?.text ?? 'unknown'})`);
    }
    if (r.az !== f.az) {
      const attachment = index.model.tgwAttachments.find((a) => a.vpc === index.firewalls.get(f.firewall)?.vpc);
      return back.stop('blocked', attachment?.id ?? r.route, 'firewall', `asymmetric: the request crossed Network Firewall ${name(f.firewall)} in ${f.az}, the reply in ${r.az}; each endpoint's stateful engine sees half the flow and drops it (appliance mode is ${attachment?.applianceMode === true ? 'on' : 'off'} on the inspection attachment)`);
    }
  }
  for (const r of back.firewalls) {
    if (forward.firewalls.some((f) => f.firewall === r.firewall)) continue;
    const bypass = forward.hops.find((h) => h.kind === 'tgw-route') ?? forward.hops[0];
    return back.stop('blocked', bypass?.id ?? r.firewall, 'firewall', `the request bypasses Network Firewall ${name(r.firewall)}, which the reply crosses in ${r.az}: the stateful engine drops a reply it never saw the request of (bypass: ${bypass?.text ?? 'unknown'})`);
  }
  return undefined;
}
