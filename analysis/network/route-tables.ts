/**
 * VPC route tables with their routes (`aws_route`, inline `route` blocks, and a `pl:<endpoint>` route
 * per route table of a Gateway endpoint), subnet associations, main tables, and the VPC endpoints.
 * IPv6-only routes are left out: the model is IPv4.
 */
import { isTemplate, isUnknown, type TfResource, type Value } from '../graph/types';
import { compare, optional, push, unique } from './collect';
import { absent, blocks, describe, ModelReader, UNKNOWN } from './reader';
import type { InterfaceEndpoint, RouteTarget, VpcRoute, VpcRouteTable } from './types';

/** Route tables, endpoints and the subnet-to-table facts. */
export interface VpcRouting {
  readonly routeTables: VpcRouteTable[];
  readonly vpcEndpoints: InterfaceEndpoint[];
  /** Explicit association per subnet id ({@link UNKNOWN} when its table is unknown). */
  readonly associations: Map<string, string>;
  /** Main route table per VPC id. */
  readonly mainTables: Map<string, string>;
}

const TABLE_TYPES = ['aws_route_table', 'aws_default_route_table'];
/** Route arguments whose targets the model does not represent: such a route is an `unknown` target. */
const UNMODELLED_TARGETS = ['egress_only_gateway_id', 'network_interface_id', 'vpc_peering_connection_id', 'carrier_gateway_id', 'local_gateway_id', 'core_network_arn', 'instance_id'];

/** Builds every VPC route table and endpoint. */
export function buildVpcRouting(read: ModelReader): VpcRouting {
  const g = read.graph;
  const mainTables = new Map<string, string>();
  const tableVpc = new Map<string, string>();
  for (const t of g.byType('aws_route_table')) tableVpc.set(t.id, read.requiredRef(t, 'vpc_id', ['aws_vpc']));
  for (const t of g.byType('aws_default_route_table')) {
    const vpc = read.requiredRef(t, 'default_route_table_id', ['aws_vpc'], ['default_route_table_id', 'main_route_table_id']);
    tableVpc.set(t.id, vpc);
    if (vpc !== UNKNOWN) mainTables.set(vpc, t.id);
  }
  const tableOf = (source: TfResource, field: string): string => {
    const value = source.attrs[field];
    const direct = read.target(value, TABLE_TYPES);
    if ('id' in direct) return direct.id;
    const viaVpc = read.target(value, ['aws_vpc'], ['default_route_table_id', 'main_route_table_id']);
    const main = 'id' in viaVpc ? mainTables.get(viaVpc.id) : undefined;
    if (main !== undefined) return main;
    read.note(source, field, 'id' in viaVpc ? `the main route table of ${viaVpc.id} is not managed here` : direct.reason);
    return UNKNOWN;
  };
  for (const a of g.byType('aws_main_route_table_association')) {
    const vpc = read.requiredRef(a, 'vpc_id', ['aws_vpc']);
    if (vpc !== UNKNOWN) mainTables.set(vpc, tableOf(a, 'route_table_id'));
  }

  const routes = new Map<string, VpcRoute[]>();
  for (const t of [...g.byType('aws_route_table'), ...g.byType('aws_default_route_table')]) {
    blocks(t.attrs.route).forEach((b, i) => {
      for (const route of vpcRoutes(read, t, `route[${i}].`, b, 'cidr_block')) push(routes, t.id, { ...route, source: t.id });
    });
  }
  for (const r of g.byType('aws_route')) {
    const found = vpcRoutes(read, r, '', r.attrs, 'destination_cidr_block');
    const table = found.length > 0 ? tableOf(r, 'route_table_id') : UNKNOWN;
    if (table !== UNKNOWN) for (const route of found) push(routes, table, { ...route, source: r.id });
  }

  const vpcEndpoints = buildEndpoints(read, (a) => tableOf(a, 'route_table_id'));
  for (const e of vpcEndpoints) {
    if (e.type !== 'Gateway') continue;
    for (const [table, source] of e.routeSources) {
      if (table !== UNKNOWN) push(routes, table, { destination: `pl:${e.id}`, target: { kind: 'vpce', id: e.id }, source });
    }
  }

  const associations = new Map<string, string>();
  for (const a of g.byType('aws_route_table_association')) {
    if (absent(a.attrs.subnet_id)) continue; // gateway (edge) associations route inbound traffic, not a subnet's
    const subnet = read.requiredRef(a, 'subnet_id', ['aws_subnet']);
    if (subnet !== UNKNOWN) associations.set(subnet, tableOf(a, 'route_table_id'));
  }

  const routeTables = [...g.byType('aws_route_table'), ...g.byType('aws_default_route_table')]
    .map((t) => ({ id: t.id, vpc: tableVpc.get(t.id) ?? UNKNOWN, name: read.tags(t)?.Name ?? t.name, routes: sortRoutes(routes.get(t.id) ?? []) }))
    .sort((a, b) => compare(a.id, b.id));
  return { routeTables, vpcEndpoints: vpcEndpoints.map(({ routeSources: _, ...e }) => e), associations, mainTables };
}

/**
 * The routes of an `aws_route` or an inline block: one, none for IPv6-only routes, or one per entry
 * of a customer-managed prefix list (AWS routes each entry; the route counts the list's max_entries
 * against the table's quota, https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html#route-priority-managed-prefix-list).
 */
function vpcRoutes(read: ModelReader, source: TfResource, prefix: string, b: { readonly [key: string]: Value }, cidrKey: string): Omit<VpcRoute, 'source'>[] {
  const target = () => routeTarget(read, source, prefix, b);
  if (!absent(b[cidrKey])) return [{ destination: read.text(source, `${prefix}${cidrKey}`, b[cidrKey]) ?? UNKNOWN, target: target() }];
  if (!absent(b.destination_prefix_list_id)) {
    const list = resolvePrefixList(read, source, `${prefix}destination_prefix_list_id`, b.destination_prefix_list_id);
    if (list.kind === 'service') return [{ destination: `pl:${list.id}`, target: target() }];
    // An unresolved list might hold any address: one unknown destination makes every lookup in the table unknown.
    if (list.kind === 'unknown') return [{ destination: UNKNOWN, target: target() }];
    const t = target();
    return list.entries.map((destination) => ({ destination, target: t, prefixList: list.id }));
  }
  if (!absent(b.destination_ipv6_cidr_block) || !absent(b.ipv6_cidr_block)) return [];
  read.note(source, `${prefix}${cidrKey}`, 'the route has no destination');
  return [{ destination: UNKNOWN, target: target() }];
}

/**
 * What a prefix-list reference names: a gateway endpoint's AWS-managed service list (`service`), a
 * customer-managed list of the synthesized stacks with its literal entries (`managed`; a spoke's
 * reference arrives through the hub's published value, which the graph follows), or `unknown` (recorded)
 * for anything else: a literal `pl-` id or a list whose entries are computed might hold any address.
 */
export type PrefixListRef =
  | { readonly kind: 'service'; readonly id: string }
  | { readonly kind: 'managed'; readonly id: string; readonly entries: readonly string[] }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Resolves a prefix-list reference (see {@link PrefixListRef}), recording an unknown against `source`;
 * the rule pack reads prefix lists through this function too, with no source (nothing recorded).
 */
export function resolvePrefixList(read: ModelReader, source: TfResource | undefined, field: string, value: Value | undefined): PrefixListRef {
  const endpoint = read.target(value, ['aws_vpc_endpoint'], ['prefix_list_id']);
  if ('id' in endpoint) return { kind: 'service', id: endpoint.id };
  const managed = read.target(value, ['aws_ec2_managed_prefix_list']);
  const unknown = (reason: string): PrefixListRef => {
    if (source) read.note(source, field, reason);
    return { kind: 'unknown', reason: `${field}: ${reason}` };
  };
  if (!('id' in managed)) return unknown(managed.reason);
  const list = read.graph.get(managed.id)!;
  const entries: string[] = [];
  for (const [i, e] of blocks(list.attrs.entry).entries()) entries.push(read.text(list, `entry[${i}].cidr`, e.cidr) ?? UNKNOWN);
  for (const e of read.graph.referrers(list, 'aws_ec2_managed_prefix_list_entry', 'prefix_list_id')) entries.push(read.text(e, 'cidr') ?? UNKNOWN);
  if (entries.includes(UNKNOWN)) return unknown(`an entry of ${list.id} is computed`);
  return { kind: 'managed', id: list.id, entries };
}

function routeTarget(read: ModelReader, source: TfResource, prefix: string, b: { readonly [key: string]: Value }): RouteTarget {
  const unknown = (field: string, reason: string): RouteTarget => {
    read.note(source, `${prefix}${field}`, reason);
    return { kind: 'unknown', reason: `${field}: ${reason}` };
  };
  if (!absent(b.gateway_id)) {
    if (read.follow(b.gateway_id) === 'local') return { kind: 'local' };
    const igw = read.target(b.gateway_id, ['aws_internet_gateway']);
    if ('id' in igw) return { kind: 'igw', id: igw.id };
    const vpce = read.target(b.gateway_id, ['aws_vpc_endpoint']);
    if ('id' in vpce) return { kind: 'vpce', id: vpce.id };
    return unknown('gateway_id', igw.reason);
  }
  if (!absent(b.vpc_endpoint_id)) {
    const endpoint = firewallEndpoint(read, b.vpc_endpoint_id);
    if (endpoint) return endpoint;
  }
  const typed: [string, RouteTarget['kind'], string][] = [
    ['nat_gateway_id', 'nat', 'aws_nat_gateway'],
    ['transit_gateway_id', 'tgw', 'aws_ec2_transit_gateway'],
    ['vpc_endpoint_id', 'vpce', 'aws_vpc_endpoint'],
  ];
  for (const [field, kind, type] of typed) {
    if (absent(b[field])) continue;
    const t = read.target(b[field], [type]);
    return 'id' in t ? ({ kind, id: t.id } as RouteTarget) : unknown(field, t.reason);
  }
  const other = UNMODELLED_TARGETS.find((f) => !absent(b[f]));
  if (other) return unknown(other, `${other} targets are not modelled`);
  return unknown('target', 'the route names no target');
}

/**
 * A Network Firewall endpoint selected by AZ: `one([for s in <firewall>.firewall_status[0].sync_states :
 * s.attachment[0].endpoint_id if s.availability_zone == "<az>"])` (constructs/inspection/network-firewall.ts),
 * the only way hashicorp/aws 5.100.0 exposes per-AZ endpoint ids. Anything else stays unknown.
 */
function firewallEndpoint(read: ModelReader, value: Value): RouteTarget | undefined {
  const v = read.follow(value);
  if (!isUnknown(v) || !v.refs || v.refs.length !== 1) return undefined;
  const ref = v.refs[0];
  const firewall = read.graph.get(ref.$ref);
  if (firewall?.type !== 'aws_networkfirewall_firewall' || !ref.attribute.startsWith('firewall_status')) return undefined;
  const az = /s\.availability_zone\s*==\s*"([a-z0-9-]+)"/.exec(v.$unknown);
  if (!az || !/endpoint_id/.test(v.$unknown)) return undefined;
  return { kind: 'firewall', id: firewall.id, az: az[1] };
}

type EndpointDraft = InterfaceEndpoint & { readonly routeSources: [string, string][] };

function buildEndpoints(read: ModelReader, tableOf: (association: TfResource) => string): EndpointDraft[] {
  const g = read.graph;
  const extraTables = new Map<string, [string, string][]>();
  for (const a of g.byType('aws_vpc_endpoint_route_table_association')) push(extraTables, read.requiredRef(a, 'vpc_endpoint_id', ['aws_vpc_endpoint']), [tableOf(a), a.id]);
  const extraSubnets = new Map<string, string[]>();
  for (const a of g.byType('aws_vpc_endpoint_subnet_association')) push(extraSubnets, read.requiredRef(a, 'vpc_endpoint_id', ['aws_vpc_endpoint']), read.requiredRef(a, 'subnet_id', ['aws_subnet']));
  const extraGroups = new Map<string, string[]>();
  for (const a of g.byType('aws_vpc_endpoint_security_group_association')) push(extraGroups, read.requiredRef(a, 'vpc_endpoint_id', ['aws_vpc_endpoint']), read.requiredRef(a, 'security_group_id', ['aws_security_group', 'aws_default_security_group']));
  return g.byType('aws_vpc_endpoint').map((r) => {
    const type = read.text(r, 'vpc_endpoint_type') ?? 'Gateway'; // the provider's default
    const inline: [string, string][] = read.refs(r, 'route_table_ids', r.attrs.route_table_ids, TABLE_TYPES).map((t) => [t, r.id]);
    const routeSources = [...inline, ...(extraTables.get(r.id) ?? [])];
    return {
      id: r.id,
      vpc: read.requiredRef(r, 'vpc_id', ['aws_vpc']),
      service: read.text(r, 'service_name') ?? UNKNOWN,
      type: type === 'Interface' || type === 'Gateway' ? type : 'unknown',
      subnets: unique([...read.refs(r, 'subnet_ids', r.attrs.subnet_ids, ['aws_subnet']), ...(extraSubnets.get(r.id) ?? [])]),
      securityGroups: unique([...read.refs(r, 'security_group_ids', r.attrs.security_group_ids, ['aws_security_group', 'aws_default_security_group']), ...(extraGroups.get(r.id) ?? [])]),
      privateDns: read.flag(r, 'private_dns_enabled', false) === true,
      routeTables: unique(routeSources.map(([t]) => t)),
      ...optional('policy', endpointPolicyText(read, r)),
      routeSources,
    };
  });
}

/**
 * The policy text of an endpoint: a separate `aws_vpc_endpoint_policy` wins over the inline argument.
 * A string that interpolates references is kept as written (its `${...}` stay opaque to whoever parses
 * it); anything else computed is {@link UNKNOWN}.
 */
function endpointPolicyText(read: ModelReader, endpoint: TfResource): string | undefined {
  const separate = read.graph.referrers(endpoint, 'aws_vpc_endpoint_policy', 'vpc_endpoint_id')[0];
  const source = separate ?? endpoint;
  const value = read.follow(source.attrs.policy);
  if (absent(value)) return undefined;
  if (typeof value === 'string') return value;
  if (isTemplate(value)) return value.$template;
  read.note(source, 'policy', describe(value));
  return UNKNOWN;
}

function sortRoutes(routes: VpcRoute[]): VpcRoute[] {
  return routes.sort((a, b) => compare(a.destination, b.destination) || compare(a.source ?? '', b.source ?? ''));
}

