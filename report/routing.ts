/**
 * Routing section: every Transit Gateway route table as the console would list it (destination,
 * target, static / propagated / blackhole), the Direct Connect allowed prefixes, and each VPC's
 * route tables grouped by identical routes. Routes come from the analysis network model
 * (analysis/network, through report/network.ts) that `lz check` proves the intents on, so the report
 * and the proof read the same routes; the CIDRs a DX or VPN propagation will install are the config's
 * on-premises ranges (what the data center advertises over BGP), as in the model.
 */
import { addressAt, cidrOf, contains, interfaceAddressOf, intToIp } from '../lib/net/range';
import { LandingZone } from '../config/model';
import type { TgwRoute as ModelTgwRoute, TgwRouteTable as ModelTgwRouteTable, VpcRoute as ModelVpcRoute } from '../analysis/network/types';
import { code, count, table } from './markdown';
import { constructName, nameTagOf, reportNetwork, type ReportNetwork } from './network';
import type { SynthesizedApp } from './synthesized';

/** How a Transit Gateway route got into its table. */
export type TgwRouteKind = 'propagated' | 'static' | 'blackhole';

/** One Transit Gateway route. */
export interface TgwRoute {
  readonly destination: string;
  /** The attachment, e.g. `VPC shop-shop-prod`; empty for a blackhole. */
  readonly target: string;
  readonly kind: TgwRouteKind;
  /** Why the route is there or how it wins, when that is not obvious. */
  readonly note?: string;
}

/** One Transit Gateway route table. */
export interface TgwRouteTable {
  /** Segment name, or `egress` / `onprem`. */
  readonly name: string;
  /** Attachments whose traffic this table routes. */
  readonly associations: readonly string[];
  /** Routes sorted by address, then prefix length (a supernet before its more specific routes). */
  readonly routes: readonly TgwRoute[];
}

const sortByAddress = (a: { destination: string }, b: { destination: string }): number => {
  const ca = rangeOf(a.destination);
  const cb = rangeOf(b.destination);
  if (!ca || !cb) return Number(!ca) - Number(!cb) || a.destination.localeCompare(b.destination);
  return ca.first - cb.first || ca.prefix - cb.prefix;
};

/** The range of a CIDR, or undefined for what the model could not resolve (`unknown`). */
function rangeOf(text: string): { first: number; prefix: number } | undefined {
  try {
    return cidrOf(text);
  } catch {
    return undefined;
  }
}

/** How the report names a Transit Gateway attachment of the model: the VPC, Direct Connect gateway or VPN behind it. */
function attachmentLabel(model: ReportNetwork, id: string): string {
  const { graph, network } = model;
  const attachment = network.tgwAttachments.find((a) => a.id === id);
  const resource = graph.get(id);
  switch (attachment?.kind) {
    case 'vpc':
      return `VPC ${network.vpcs.find((v) => v.id === attachment.vpc)?.name ?? '?'}`;
    case 'dx-gateway': {
      const name = attachment.peer ? graph.get(attachment.peer)?.attrs.name : undefined;
      return `Direct Connect gateway ${typeof name === 'string' ? name : '?'}`;
    }
    case 'vpn':
      return `VPN ${nameTagOf(resource) ?? resource?.name ?? '?'}`;
    default:
      return resource ? resource.address : id;
  }
}

/** The model's target of a Transit Gateway route in words: an attachment label, empty for a blackhole. */
function tgwTarget(model: ReportNetwork, target: ModelTgwRoute['target']): string {
  if (target.kind === 'blackhole') return '';
  if (target.kind === 'unknown') return `unknown (${target.reason})`;
  return attachmentLabel(model, target.id);
}

/**
 * Every Transit Gateway route table with its associations and routes, from the analysis model
 * (report/network.ts): segments in config order, then the other tables (egress, onprem) in the order
 * the hub creates them.
 */
export function transitGatewayRouteTables(lz: LandingZone, app: SynthesizedApp): TgwRouteTable[] {
  const model = reportNetwork(app, lz.onPremises.cidrs);
  const { network } = model;
  const segments = lz.hub.transitGateway.segments.map((s) => s.name);
  const rank = (t: ModelTgwRouteTable) => (segments.includes(t.name) ? segments.indexOf(t.name) : segments.length + model.order(t.id));
  return [...network.tgwRouteTables]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .map((t) => {
      const associations = network.tgwAttachments.filter((a) => a.associatedRouteTable === t.id).map((a) => attachmentLabel(model, a.id));
      const routes = t.routes.map((r): TgwRoute => {
        if (r.target.kind === 'blackhole') return { destination: r.destination, target: '', kind: 'blackhole', note: 'dropped unless a more specific route exists' };
        const target = tgwTarget(model, r.target);
        if (r.origin === 'static') return { destination: r.destination, target, kind: 'static' };
        const kind = r.target.kind === 'attachment' ? network.tgwAttachments.find((a) => a.id === (r.target as { id: string }).id)?.kind : undefined;
        // Direct Connect and VPN attachments propagate what on-premises announces over BGP.
        const note = kind === 'vpn' ? 'learned over BGP; Direct Connect wins for the same prefix' : kind === 'dx-gateway' ? 'learned over BGP' : undefined;
        return { destination: r.destination, target, kind: 'propagated', ...(note ? { note } : {}) };
      });
      return { name: t.name, associations: associations.sort(), routes: routes.sort((a, b) => sortByAddress(a, b) || a.target.localeCompare(b.target)) };
    });
}

/** One route of a VPC route table. */
export interface VpcRoute {
  readonly destination: string;
  readonly target: string;
}

/** Route tables of one VPC with identical routes, and the subnets using them. */
export interface VpcRouteGroup {
  readonly tables: readonly string[];
  readonly subnets: readonly string[];
  readonly routes: readonly VpcRoute[];
}

/** One VPC's route tables in compact form. */
export interface VpcRouting {
  readonly stack: string;
  /** The VPC's Name tag. */
  readonly vpc: string;
  readonly cidr: string;
  readonly groups: readonly VpcRouteGroup[];
}

/** What a route of the model sends its traffic to, in words. */
function routeTarget(model: ReportNetwork, route: ModelVpcRoute): string {
  const t = route.target;
  switch (t.kind) {
    case 'local':
      return 'local';
    case 'tgw':
      return 'Transit Gateway';
    case 'nat':
      return `NAT gateway ${nameTagOf(model.graph.get(t.id)) ?? '?'}`;
    case 'igw':
      return 'internet gateway';
    case 'vpce':
      // A gateway endpoint's own route-table association, or an `aws_route` to an endpoint.
      return model.graph.get(route.source ?? '')?.type === 'aws_route' ? 'VPC endpoint' : 'gateway endpoint';
    case 'blackhole':
      return 'blackhole';
    case 'firewall':
      return `Network Firewall endpoint (${t.az})`;
    default:
      return `unknown (${t.reason})`;
  }
}

/** A route destination in words: a CIDR, or the service prefix list of a gateway endpoint (`S3 prefix list`). */
function routeDestination(model: ReportNetwork, destination: string): string {
  if (!destination.startsWith('pl:')) return destination;
  const endpoint = model.network.vpcEndpoints.find((e) => e.id === destination.slice('pl:'.length));
  return endpoint ? `${endpoint.service.split('.').pop()!.toUpperCase()} prefix list` : destination.slice('pl:'.length);
}

/** ` (prefix list shop-internal)` after a route that is one entry of a customer-managed prefix list (hub.transitGateway.prefixLists). */
function prefixListNote(model: ReportNetwork, route: ModelVpcRoute): string {
  if (route.prefixList === undefined) return '';
  const name = model.graph.get(route.prefixList)?.attrs.name;
  return ` (prefix list ${typeof name === 'string' ? name : route.prefixList})`;
}

/** Every VPC's route tables from the analysis model, grouped by identical routes, in stack order. */
export function vpcRouteTables(app: SynthesizedApp): VpcRouting[] {
  // VPC routing does not depend on the on-premises ranges.
  const model = reportNetwork(app, []);
  const { network, order } = model;
  const byOrder = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => order(a.id) - order(b.id));
  return byOrder(network.vpcs).map((vpc) => {
    const cidr = vpc.cidrs[0] ?? '?';
    const local: VpcRoute[] = vpc.cidrs.map((c) => ({ destination: c, target: 'local' }));
    const groups = new Map<string, VpcRouteGroup & { tables: string[]; subnets: string[] }>();
    for (const t of byOrder(network.routeTables.filter((r) => r.vpc === vpc.id))) {
      const own = t.routes.map((r) => ({ destination: routeDestination(model, r.destination) + prefixListNote(model, r), target: routeTarget(model, r) }));
      const routes = [...local, ...own.sort((a, b) => a.destination.localeCompare(b.destination, 'en', { numeric: true }))];
      const subnets = byOrder(network.subnets.filter((sn) => sn.routeTable === t.id)).map((sn) => constructName(model.graph.get(sn.id)).replace(/^subnet-/, ''));
      const key = JSON.stringify(routes);
      const group = groups.get(key) ?? { tables: [], subnets: [], routes };
      group.tables.push(constructName(model.graph.get(t.id)));
      group.subnets.push(...subnets);
      groups.set(key, group);
    }
    return { stack: vpc.stack, vpc: vpc.name, cidr, groups: [...groups.values()] };
  });
}

/** One allowed prefix and the VPC ranges it carries to on-premises. */
export interface AllowedPrefix {
  readonly prefix: string;
  /** `owner cidr` of every VPC inside it. */
  readonly covers: readonly string[];
}

/** The Direct Connect allowed prefixes and which VPCs on-premises can reach through them. */
export function directConnectPrefixes(lz: LandingZone): { prefixes: AllowedPrefix[]; uncovered: string[] } | undefined {
  const dx = lz.hub.directConnect;
  if (!dx) return undefined;
  const vpcs = [
    ...(lz.hub.egress ? [{ owner: 'hub egress', cidr: lz.hub.egress.cidr }] : []),
    ...(lz.hub.endpoints ? [{ owner: 'hub endpoints', cidr: lz.hub.endpoints.cidr }] : []),
    ...lz.spokes.map((s) => ({ owner: `spoke ${s.name}`, cidr: s.vpc.cidr })),
  ];
  const inside = (prefix: string, cidr: string) => contains(cidrOf(prefix), cidrOf(cidr));
  return {
    prefixes: dx.allowedPrefixes.map((prefix) => ({ prefix, covers: vpcs.filter((v) => inside(prefix, v.cidr)).map((v) => `${v.owner} ${v.cidr}`) })),
    uncovered: vpcs.filter((v) => !dx.allowedPrefixes.some((p) => inside(p, v.cidr))).map((v) => `${v.owner} ${v.cidr}`),
  };
}

/** `rt-app-ap-northeast-2a`, `rt-app-ap-northeast-2c` become `rt-app-<az>` ×2: one entry per tier. */
function compactNames(names: readonly string[]): string {
  const byPattern = new Map<string, string[]>();
  for (const n of names) {
    const pattern = n.replace(/-[a-z]{2}(?:-gov)?-[a-z]+-\d[a-z]$/, '-<az>');
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), n]);
  }
  return [...byPattern].map(([p, all]) => (all.length > 1 ? `${code(p)} ×${all.length}` : code(all[0]))).join(', ');
}

function renderTgwTable(t: TgwRouteTable): string {
  const kind = (k: TgwRouteKind) => (k === 'blackhole' ? '**blackhole**' : k);
  const rows = t.routes.map((r) => [code(r.destination), r.target || '—', kind(r.kind), r.note ?? '']);
  return [
    `#### Route table \`${t.name}\``,
    '',
    `Associated: ${t.associations.length > 0 ? t.associations.join(', ') : 'none'}. ${count(t.routes.length)} routes.`,
    '',
    rows.length > 0 ? table(['destination', 'target', 'type', 'note'], rows) : '_No routes: traffic arriving from its attachments is dropped._',
  ].join('\n');
}

/**
 * How both directions prefer Direct Connect over the VPN backup. AWS to on-premises: for the same
 * prefix a Transit Gateway prefers routes learned from Direct Connect over routes learned from a VPN
 * (route evaluation order), so nothing is needed on the AWS side. On-premises to AWS: the routers
 * pick the longest prefix first, then BGP local preference, so the Direct Connect routes need a
 * higher local preference for equal prefixes (AS-path prepending only influences the other side).
 * https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-route-evaluation-overview
 * https://repost.aws/knowledge-center/direct-connect-gateway-primary-connection
 */
export function preferenceNote(lz: LandingZone): string {
  const awsSide = 'Dynamic routing (BGP). AWS to on-premises: for the same prefix the Transit Gateway prefers the routes learned over Direct Connect to those learned over the VPN, so the VPN carries traffic only when Direct Connect withdraws a route.';
  if (!lz.hub.directConnect) return `${awsSide.replace(/ AWS to on-premises:.*$/, '')} The VPN is the only path to the data center.`;
  if (lz.hub.vpn?.customerGatewayRoutes === 'floating-summaries') {
    return `${awsSide} On-premises to AWS: the routers drop every route learned over the VPN and reach the Direct Connect allowed prefixes through the tunnels only by floating static routes (administrative distance 250, above eBGP's 20), so Direct Connect is preferred for every prefix and the VPN takes over when Direct Connect withdraws it (configuration below).`;
  }
  return `${awsSide} On-premises to AWS: the routers pick the most specific prefix first (so Direct Connect must advertise each range at least as specifically as the VPN does: allowedPrefixes auto), then BGP local preference: give the routes learned over Direct Connect a higher local preference than those learned over the VPN.`;
}

/** The AWS side of a tunnel's inside /30 (its first host; the customer gateway takes the second). */
function awsInsideAddress(cidr: string | undefined, n: number): string {
  return cidr ? addressAt(cidrOf(cidr), 1) : `<tunnel${n} AWS inside address>`;
}

/** `172.16.0.0 255.240.0.0`: a block as IOS writes it in `ip route`. */
function networkAndMask(cidr: string): string {
  const { first, prefix } = cidrOf(cidr);
  return `${intToIp(first)} ${intToIp(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0)}`;
}

/**
 * The customer gateway configuration that `customerGatewayRoutes: floating-summaries` relies on, in
 * Cisco IOS syntax (other vendors: the same three parts): accept no route over the VPN sessions,
 * floating static routes for the Direct Connect allowed prefixes into the tunnels, and a higher local
 * preference for what Direct Connect advertises.
 */
export function customerGatewayConfig(lz: LandingZone): string[] {
  const vpn = lz.hub.vpn;
  const dx = lz.hub.directConnect;
  if (!vpn || !dx || vpn.customerGatewayRoutes !== 'floating-summaries') return [];
  const lines: string[] = ['! Generated from landing-zone.yaml (hub.vpn.customerGatewayRoutes: floating-summaries). Tunnel interface names are examples.', 'ip prefix-list LZ-FROM-AWS-VPN seq 5 deny 0.0.0.0/0 le 32', 'route-map LZ-FROM-AWS-DX permit 10', ' set local-preference 200', '!'];
  let tunnel = 0;
  const statics: string[] = [];
  const neighbors: string[] = [];
  for (const c of vpn.connections) {
    for (const n of [1, 2]) {
      tunnel++;
      const aws = awsInsideAddress(c.tunnelInsideCidrs?.[n - 1], n);
      neighbors.push(` neighbor ${aws} remote-as ${lz.hub.transitGateway.asn}`, ` neighbor ${aws} description ${c.name} tunnel ${n}`, ` neighbor ${aws} prefix-list LZ-FROM-AWS-VPN in`);
      for (const p of dx.allowedPrefixes) statics.push(`ip route ${networkAndMask(p)} Tunnel${tunnel} 250`);
    }
  }
  // One router for the example; with several devices each takes its own tunnels and the same statics.
  const dxPeers = dx.virtualInterfaces.map((v) => (v.kind === 'owned' && v.amazonAddress !== undefined ? interfaceAddressOf(v.amazonAddress) : undefined) ?? `<${v.name} amazon address>`);
  lines.push(`router bgp ${vpn.connections[0].asn}`, ' ! Direct Connect peers (transit VIFs): route-map LZ-FROM-AWS-DX in', ...dxPeers.map((peer) => ` neighbor ${peer} route-map LZ-FROM-AWS-DX in`), ...neighbors, '!', ...statics);
  return [
    '#### Customer gateway configuration (floating summaries)',
    '',
    `Direct Connect advertises ${dx.allowedPrefixes.length} summaries, whatever the number of spokes. The data center must not use the routes the VPN learns (each VPC range exactly, which would beat the summaries); it reaches the same summaries through the tunnels with static routes that only take over when Direct Connect withdraws them. \`lz check\` proves Direct Connect is preferred for every spoke range on this basis (intent I4), so the routers must be configured this way:`,
    '',
    '```',
    ...lines,
    '```',
    '',
  ];
}

/** The routing section. */
export function renderRouting(lz: LandingZone, app: SynthesizedApp): string {
  const tgw = transitGatewayRouteTables(lz, app);
  const parts = [
    '## Routing',
    '',
    '### Transit Gateway route tables',
    '',
    `ASN ${lz.hub.transitGateway.asn}; default association and propagation are off, so an attachment reaches only what the table it is associated with lists. ` +
      'The most specific route wins: a propagated VPC range beats the blackhole of its supernet, and anything else internal is dropped at the Transit Gateway instead of leaving through the egress VPC.',
    '',
    ...tgw.flatMap((t) => [renderTgwTable(t), '']),
  ];
  const dx = directConnectPrefixes(lz);
  if (dx) {
    parts.push(
      '### Direct Connect allowed prefixes',
      '',
      `What AWS advertises to the data center over the transit VIF${lz.hub.directConnect!.virtualInterfaces.length === 1 ? '' : 's'} (gateway ${code(lz.hub.directConnect!.gatewayName)}, ASN ${lz.hub.directConnect!.asn}).`,
      '',
      table(['allowed prefix', 'VPCs inside it'], dx.prefixes.map((p) => [code(p.prefix), p.covers.join(', ') || 'none'])),
      '',
      dx.uncovered.length > 0 ? `Not advertised (on-premises cannot reach them): ${dx.uncovered.join(', ')}.` : 'Every VPC range is inside an allowed prefix.',
      '',
    );
  }
  if (lz.hub.vpn) {
    parts.push(
      '### Site-to-Site VPN',
      '',
      table(
        ['connection', 'customer gateway', 'BGP ASN', 'tunnel inside CIDRs'],
        lz.hub.vpn.connections.map((c) => [code(c.name), c.ip, String(c.asn), c.tunnelInsideCidrs ? c.tunnelInsideCidrs.join(', ') : 'chosen by AWS']),
      ),
      '',
      preferenceNote(lz),
      '',
      ...customerGatewayConfig(lz),
    );
  }
  parts.push('### VPC route tables', '', 'Route tables with identical routes are grouped; `local` is the VPC range every table holds.', '');
  for (const v of vpcRouteTables(app)) {
    parts.push(
      `#### ${v.vpc} (${code(v.cidr)}, stack ${code(v.stack)})`,
      '',
      table(
        ['route tables', 'subnets', 'routes'],
        v.groups.map((g) => [compactNames(g.tables), g.subnets.join(', ') || '—', g.routes.map((r) => `${code(r.destination)} → ${r.target}`).join('\n')]),
      ),
      '',
    );
  }
  return parts.join('\n').trimEnd();
}
