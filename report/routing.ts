/**
 * Routing section: every Transit Gateway route table as the console would list it (destination,
 * target, static / propagated / blackhole), the Direct Connect allowed prefixes, and each VPC's
 * route tables grouped by identical routes. Routes come from the synthesized JSON, so the report
 * shows what will be deployed; the CIDRs a propagation will install come from the config (a VPC's
 * range, or the on-premises ranges the data center advertises over BGP).
 */
import { addressAt, cidrOf, contains, intToIp } from '../config/cidr';
import { LandingZone } from '../config/model';
import { hubStackName } from '../stacks/hub-stack-name';
import { EGRESS_ROUTE_TABLE, ON_PREMISES_ROUTE_TABLE } from '../stacks/routing';
import { code, count, table } from './markdown';
import { constructPath, deref, nameTag, parseRef, resourcesOf, SynthesizedApp, SynthesizedStack, TfBody } from './synthesized';

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

/** A Transit Gateway attachment as the report names it. */
interface Attachment {
  readonly label: string;
  /** What a propagation from it installs. */
  readonly destinations: readonly string[];
  readonly bgp: boolean;
}

const sortByAddress = (a: { destination: string }, b: { destination: string }): number => {
  const ca = cidrOf(a.destination);
  const cb = cidrOf(b.destination);
  return ca.first - cb.first || ca.prefix - cb.prefix;
};

/** Follows an attachment reference to the VPC, Direct Connect gateway or VPN behind it. */
function attachmentOf(lz: LandingZone, stack: SynthesizedStack, value: unknown): Attachment {
  const target = deref(stack, value);
  if (!target) return { label: String(value), destinations: [], bgp: false };
  const { ref, body } = target;
  switch (ref.type) {
    case 'aws_ec2_transit_gateway_vpc_attachment': {
      const vpc = deref(stack, body.vpc_id)?.body;
      return { label: `VPC ${vpc ? (nameTag(vpc) ?? '?') : '?'}`, destinations: typeof vpc?.cidr_block === 'string' ? [vpc.cidr_block] : [], bgp: false };
    }
    case 'aws_ec2_transit_gateway_vpc_attachment_accepter':
      return attachmentOf(lz, stack, body.transit_gateway_attachment_id);
    case 'aws_ec2_transit_gateway_dx_gateway_attachment': {
      // The lookup reads the association's ids through a terraform_data (constructs/hybrid/direct-connect.ts), which deref follows.
      const association = deref(stack, body.dx_gateway_id)?.body;
      const gateway = association && deref(stack, association.dx_gateway_id)?.body;
      return { label: `Direct Connect gateway ${String(gateway?.name ?? '?')}`, destinations: lz.onPremises.cidrs, bgp: true };
    }
    case 'aws_vpn_connection':
      return { label: `VPN ${nameTag(body) ?? ref.name}`, destinations: lz.onPremises.cidrs, bgp: true };
    default:
      return { label: `${ref.type}.${ref.name}`, destinations: [], bgp: false };
  }
}

/** The route table a reference names: a hub resource, or a spoke's lookup of the hub's published route table id. */
function routeTableOf(stack: SynthesizedStack, value: unknown, hubTables: ReadonlyMap<string, string>): string | undefined {
  const target = deref(stack, value);
  if (!target) return undefined;
  if (target.ref.type === 'aws_ec2_transit_gateway_route_table') return hubTables.get(target.ref.name);
  const published = target.ref.type === 'aws_ssm_parameter' && typeof target.body.name === 'string' ? /\/route-table-([^/]+)$/.exec(target.body.name) : null;
  return published ? published[1] : undefined;
}

/** Every Transit Gateway route table with its associations and routes, in the hub's order. */
export function transitGatewayRouteTables(lz: LandingZone, app: SynthesizedApp): TgwRouteTable[] {
  const hub = app.stacks.find((s) => s.name === hubStackName(lz));
  const hubTables = new Map(resourcesOf(hub, 'aws_ec2_transit_gateway_route_table').map(([name, body]) => [name, constructPath(body).replace(/^.*\/rt-/, '')]));
  const tables = new Map<string, { associations: string[]; routes: TgwRoute[] }>([...hubTables.values()].map((n) => [n, { associations: [], routes: [] }]));
  const tableFor = (stack: SynthesizedStack, value: unknown) => {
    const name = routeTableOf(stack, value, hubTables);
    return name ? tables.get(name) : undefined;
  };
  if (hub) {
    for (const [, route] of resourcesOf(hub, 'aws_ec2_transit_gateway_route')) {
      const table = tableFor(hub, route.transit_gateway_route_table_id);
      if (!table) continue;
      const destination = String(route.destination_cidr_block);
      if (route.blackhole === true) table.routes.push({ destination, target: '', kind: 'blackhole', note: 'dropped unless a more specific route exists' });
      else table.routes.push({ destination, target: attachmentOf(lz, hub, route.transit_gateway_attachment_id).label, kind: 'static' });
    }
  }
  for (const stack of app.stacks) {
    for (const [, association] of resourcesOf(stack, 'aws_ec2_transit_gateway_route_table_association')) {
      tableFor(stack, association.transit_gateway_route_table_id)?.associations.push(attachmentOf(lz, stack, association.transit_gateway_attachment_id).label);
    }
    for (const [, propagation] of resourcesOf(stack, 'aws_ec2_transit_gateway_route_table_propagation')) {
      const table = tableFor(stack, propagation.transit_gateway_route_table_id);
      const attachment = attachmentOf(lz, stack, propagation.transit_gateway_attachment_id);
      for (const destination of attachment.destinations) {
        const vpn = attachment.label.startsWith('VPN ');
        const note = attachment.bgp ? (vpn ? 'learned over BGP; Direct Connect wins for the same prefix' : 'learned over BGP') : undefined;
        table?.routes.push({ destination, target: attachment.label, kind: 'propagated', note });
      }
    }
  }
  // Segments in config order, then egress and onprem: the order the hub creates them in.
  const order = [...lz.hub.transitGateway.segments.map((s) => s.name), EGRESS_ROUTE_TABLE, ON_PREMISES_ROUTE_TABLE];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...tables]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([name, t]) => ({ name, associations: t.associations.sort(), routes: t.routes.sort((a, b) => sortByAddress(a, b) || a.target.localeCompare(b.target)) }));
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

/** What a route sends its traffic to, in words. */
function routeTarget(stack: SynthesizedStack, route: TfBody): string {
  if (route.transit_gateway_id !== undefined) return 'Transit Gateway';
  if (route.nat_gateway_id !== undefined) return `NAT gateway ${nameTag(deref(stack, route.nat_gateway_id)?.body ?? {}) ?? '?'}`;
  if (route.gateway_id !== undefined) return deref(stack, route.gateway_id)?.ref.type === 'aws_internet_gateway' ? 'internet gateway' : 'gateway';
  if (route.vpc_endpoint_id !== undefined) return 'VPC endpoint';
  if (route.network_interface_id !== undefined) return 'network interface';
  if (route.vpc_peering_connection_id !== undefined) return 'VPC peering';
  return '?';
}

/** Every VPC's route tables, grouped by identical routes, in stack order. */
export function vpcRouteTables(app: SynthesizedApp): VpcRouting[] {
  const out: VpcRouting[] = [];
  for (const stack of app.stacks) {
    for (const [vpcName, vpc] of resourcesOf(stack, 'aws_vpc')) {
      const cidr = String(vpc.cidr_block);
      const tables = resourcesOf(stack, 'aws_route_table')
        .filter(([, rt]) => parseRef(rt.vpc_id)?.name === vpcName)
        .map(([name, rt]) => ({ name, label: constructPath(rt).split('/').pop() ?? name, routes: [{ destination: cidr, target: 'local' }] as VpcRoute[], subnets: [] as string[] }));
      const byName = new Map(tables.map((t) => [t.name, t]));
      const tableOf = (value: unknown) => byName.get(parseRef(value)?.name ?? '');
      for (const [, route] of resourcesOf(stack, 'aws_route')) {
        tableOf(route.route_table_id)?.routes.push({ destination: String(route.destination_cidr_block ?? route.destination_prefix_list_id), target: routeTarget(stack, route) });
      }
      for (const [, endpoint] of resourcesOf(stack, 'aws_vpc_endpoint')) {
        if (endpoint.vpc_endpoint_type !== 'Gateway') continue;
        const service = String(endpoint.service_name).split('.').pop()!;
        for (const id of (endpoint.route_table_ids as unknown[] | undefined) ?? []) tableOf(id)?.routes.push({ destination: `${service.toUpperCase()} prefix list`, target: 'gateway endpoint' });
      }
      for (const [, association] of resourcesOf(stack, 'aws_route_table_association')) {
        const subnet = deref(stack, association.subnet_id)?.body;
        tableOf(association.route_table_id)?.subnets.push(subnet ? constructPath(subnet).split('/').pop()!.replace(/^subnet-/, '') : '?');
      }
      const groups = new Map<string, VpcRouteGroup & { tables: string[]; subnets: string[] }>();
      for (const t of tables) {
        const routes = [t.routes[0], ...t.routes.slice(1).sort((a, b) => a.destination.localeCompare(b.destination, 'en', { numeric: true }))];
        const key = JSON.stringify(routes);
        const group = groups.get(key) ?? { tables: [], subnets: [], routes };
        group.tables.push(t.label);
        group.subnets.push(...t.subnets);
        groups.set(key, group);
      }
      out.push({ stack: stack.name, vpc: nameTag(vpc) ?? vpcName, cidr, groups: [...groups.values()] });
    }
  }
  return out;
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
  const dxPeers = dx.virtualInterfaces.map((v) => (v.kind === 'owned' && v.amazonAddress ? v.amazonAddress.split('/')[0] : `<${v.name} amazon address>`));
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
