/**
 * Lookup structures over a {@link NetworkModel}, built once per model (cached) so that thousands of
 * queries (every intent for every spoke pair) each cost a handful of map probes.
 */
import type {
  ClientVpnEndpoint,
  DxGateway,
  InternetGateway,
  NatGateway,
  NetworkAcl,
  NaclRule,
  NetworkFirewall,
  NetworkModel,
  SecurityGroup,
  Subnet,
  TgwAttachment,
  TgwRoute,
  TgwRouteTable,
  TransitGateway,
  Vpc,
  VpcRoute,
} from '../network/types';
import { holds, parseRange, type Range } from './address';
import { LpmTable } from './lpm-table';

/** A VPC route table ready for lookups (the implicit local routes included). */
export interface IndexedRouteTable {
  readonly id: string;
  readonly name: string;
  readonly vpc: string;
  readonly lpm: LpmTable<VpcRoute>;
}

/** A TGW route table ready for lookups. */
export interface IndexedTgwRouteTable {
  readonly table: TgwRouteTable;
  readonly lpm: LpmTable<TgwRoute>;
}

/** A network ACL with its rules split by direction, in evaluation order. */
export interface IndexedNacl {
  readonly acl: NetworkAcl;
  readonly inbound: readonly NaclRule[];
  readonly outbound: readonly NaclRule[];
}

/** Every lookup the engine needs. */
export interface ModelIndex {
  readonly model: NetworkModel;
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly subnetsByVpc: ReadonlyMap<string, readonly { readonly subnet: Subnet; readonly range: Range | undefined }[]>;
  readonly routeTables: ReadonlyMap<string, IndexedRouteTable>;
  /** Per VPC, the table used by subnets with no association and no known main table: local routes only. */
  readonly implicitMainTables: ReadonlyMap<string, IndexedRouteTable>;
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  readonly internetGateways: ReadonlyMap<string, InternetGateway>;
  readonly internetGatewaysByVpc: ReadonlyMap<string, readonly InternetGateway[]>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroup>;
  /** Workload groups per `<vpc>|<tier>`. */
  readonly tierGroups: ReadonlyMap<string, readonly string[]>;
  readonly networkAcls: ReadonlyMap<string, IndexedNacl>;
  readonly transitGateways: ReadonlyMap<string, TransitGateway>;
  readonly attachments: ReadonlyMap<string, TgwAttachment>;
  readonly attachmentsByVpc: ReadonlyMap<string, readonly TgwAttachment[]>;
  /** Direct Connect attachments first, then VPN: where on-premises traffic enters. */
  readonly onPremisesAttachments: readonly TgwAttachment[];
  readonly tgwRouteTables: ReadonlyMap<string, IndexedTgwRouteTable>;
  readonly dxGateways: ReadonlyMap<string, DxGateway>;
  readonly clientVpnEndpoints: ReadonlyMap<string, ClientVpnEndpoint>;
  /** Network Firewalls (inspection VPCs) by id. */
  readonly firewalls: ReadonlyMap<string, NetworkFirewall>;
  readonly onPremises: readonly Range[];
}

const cache = new WeakMap<NetworkModel, ModelIndex>();

/** The index of a model, built on first use and cached for the model object's lifetime. */
export function indexModel(model: NetworkModel): ModelIndex {
  const cached = cache.get(model);
  if (cached) return cached;
  const index = buildIndex(model);
  cache.set(model, index);
  return index;
}

const byId = <T extends { readonly id: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
}

function localRoutes(vpc: Vpc | undefined): VpcRoute[] {
  return (vpc?.cidrs ?? []).map((cidr) => ({ destination: cidr, target: { kind: 'local' } }));
}

// At equal prefix the local route wins (AWS rejects a route equal to the VPC range anyway).
const vpcRouteRank = (route: VpcRoute): number => (route.target.kind === 'local' ? 0 : 1);

function buildIndex(model: NetworkModel): ModelIndex {
  const vpcs = byId(model.vpcs);
  const attachments = byId(model.tgwAttachments);
  const routeTables = new Map<string, IndexedRouteTable>();
  for (const rt of model.routeTables) {
    // Prefix-list destinations (`pl:`) only carry traffic to the service's own addresses, which no
    // query in this engine names, so they take no part in address lookups.
    const routes = [...localRoutes(vpcs.get(rt.vpc)), ...rt.routes.filter((r: VpcRoute) => !r.destination.startsWith('pl:'))];
    routeTables.set(rt.id, { id: rt.id, name: rt.name, vpc: rt.vpc, lpm: new LpmTable(routes, vpcRouteRank) });
  }
  const implicitMainTables = new Map<string, IndexedRouteTable>(
    model.vpcs.map((v) => [v.id, { id: v.id, name: `${v.name} main (local only)`, vpc: v.id, lpm: new LpmTable(localRoutes(v), vpcRouteRank) }]),
  );

  // AWS route priority at equal prefix: static (a blackhole included), then prefix-list references,
  // then propagated from a VPC, then from Direct Connect, then from VPN ("Route evaluation order" in
  // https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html).
  const tgwRank = (route: TgwRoute): number => {
    if (route.origin === 'static') return route.target.kind === 'blackhole' ? 0 : 1;
    if (route.origin === 'prefix-list') return route.target.kind === 'blackhole' ? 1.25 : 1.5;
    if (route.target.kind !== 'attachment') return 6;
    const kind = attachments.get(route.target.id)?.kind;
    return kind === 'vpc' ? 2 : kind === 'dx-gateway' ? 3 : kind === 'vpn' ? 4 : 5;
  };
  const tgwRouteTables = new Map<string, IndexedTgwRouteTable>(model.tgwRouteTables.map((t) => [t.id, { table: t, lpm: new LpmTable(t.routes, tgwRank) }]));

  const networkAcls = new Map<string, IndexedNacl>(
    model.networkAcls.map((acl) => {
      const ordered = [...acl.rules].sort((a, b) => a.ruleNumber - b.ruleNumber);
      return [acl.id, { acl, inbound: ordered.filter((r) => !r.egress), outbound: ordered.filter((r) => r.egress) }];
    }),
  );

  const tierGroups = new Map<string, string[]>();
  for (const sg of model.securityGroups) {
    if (!sg.tier) continue;
    const key = `${sg.vpc}|${sg.tier}`;
    tierGroups.set(key, [...(tierGroups.get(key) ?? []), sg.id]);
  }

  const subnetsByVpc = new Map<string, { subnet: Subnet; range: Range | undefined }[]>();
  for (const s of model.subnets) {
    const list = subnetsByVpc.get(s.vpc) ?? [];
    list.push({ subnet: s, range: parseRange(s.cidr) });
    subnetsByVpc.set(s.vpc, list);
  }

  const onPremisesAttachments = [
    ...model.tgwAttachments.filter((a) => a.kind === 'dx-gateway'),
    ...model.tgwAttachments.filter((a) => a.kind === 'vpn'),
  ];

  return {
    model,
    vpcs,
    firewalls: byId(model.firewalls ?? []),
    subnets: byId(model.subnets),
    subnetsByVpc,
    routeTables,
    implicitMainTables,
    natGateways: byId(model.natGateways),
    internetGateways: byId(model.internetGateways),
    internetGatewaysByVpc: groupBy(model.internetGateways, (g) => g.vpc),
    securityGroups: byId(model.securityGroups),
    tierGroups,
    networkAcls,
    transitGateways: byId(model.transitGateways),
    attachments,
    attachmentsByVpc: groupBy(model.tgwAttachments, (a) => a.vpc),
    onPremisesAttachments,
    tgwRouteTables,
    dxGateways: byId(model.dxGateways),
    clientVpnEndpoints: byId(model.clientVpnEndpoints),
    onPremises: model.onPremises.map((c) => parseRange(c)).filter((r): r is Range => r !== undefined),
  };
}

/** The subnet of `vpc` whose range holds `address`. */
export function subnetHolding(index: ModelIndex, vpc: string, address: number): Subnet | undefined {
  return index.subnetsByVpc.get(vpc)?.find((s) => s.range !== undefined && holds(s.range, address))?.subnet;
}

/** The route table a subnet uses: its association, else the VPC's main table, else local routes only. */
export function routeTableOf(index: ModelIndex, subnet: Subnet): IndexedRouteTable | { readonly missing: string } {
  const id = subnet.routeTable ?? index.vpcs.get(subnet.vpc)?.mainRouteTable;
  if (id === undefined) return index.implicitMainTables.get(subnet.vpc) ?? { missing: subnet.vpc };
  return index.routeTables.get(id) ?? { missing: id };
}

/** A readable name for an attachment: its VPC, Direct Connect gateway or VPN connection. */
export function attachmentLabel(index: ModelIndex, attachment: TgwAttachment): string {
  if (attachment.kind === 'vpc') return `attachment ${index.vpcs.get(attachment.vpc ?? '')?.name ?? attachment.vpc ?? attachment.id}`;
  if (attachment.kind === 'dx-gateway') return `dx-attachment ${lastSegment(attachment.peer ?? attachment.id)}`;
  if (attachment.kind === 'vpn') return `vpn-attachment ${lastSegment(attachment.peer ?? attachment.id)}`;
  return `attachment ${lastSegment(attachment.id)}`;
}

/** `shop-hub:aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0` → `vpn_vpn-dc-backup`, for labels of unnamed resources. */
export function lastSegment(id: string): string {
  const dot = id.lastIndexOf('.');
  return (dot >= 0 ? id.slice(dot + 1) : id).replace(/_[0-9A-F]{8}$/, '');
}

/** A subnet's name without its VPC's name in front (`shop-shop-prod-web-1` in `shop-shop-prod` → `web-1`). */
export function subnetShortName(index: ModelIndex, subnet: Subnet): string {
  const vpc = index.vpcs.get(subnet.vpc)?.name;
  return vpc !== undefined && subnet.name.startsWith(`${vpc}-`) ? subnet.name.slice(vpc.length + 1) : subnet.name;
}

/** `vpc/subnet` for paths (`shop-shop-prod/web-1`: a subnet's Name repeats its VPC's, so that prefix is dropped). */
export function subnetLabel(index: ModelIndex, subnet: Subnet): string {
  return `${index.vpcs.get(subnet.vpc)?.name ?? subnet.vpc}/${subnetShortName(index, subnet)}`;
}
