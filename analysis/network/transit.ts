/**
 * The Transit Gateway side: gateways, attachments (VPC, Direct Connect gateway, VPN), route tables
 * with static routes, blackholes and computed propagated routes, and Direct Connect gateways.
 *
 * Attachment ids: a VPC attachment is its `aws_ec2_transit_gateway_vpc_attachment` (an accepter's
 * `transit_gateway_attachment_id` or `id` leads back to it); a Direct Connect gateway attachment is
 * the `data.aws_ec2_transit_gateway_dx_gateway_attachment` that looks it up; a VPN attachment is the
 * `aws_vpn_connection` (its `transit_gateway_attachment_id`).
 */
import { CUSTOMER_GATEWAY_ROUTES_TAG } from '../../lib/aws/hybrid';
import { INSPECTION_OPT_OUT_TAG, INSPECTION_TAG } from '../../lib/aws/network-firewall';
import type { TfResource, Value } from '../graph/types';
import { compare, optional, push, unique } from './collect';
import { absent, isRecord, ModelReader, UNKNOWN, type Target } from './reader';
import { resolvePrefixList } from './route-tables';
import type { DxGateway, TgwAttachment, TgwRoute, TgwRouteTable, TransitGateway, Vpc } from './types';

const VPC_ATTACHMENT = 'aws_ec2_transit_gateway_vpc_attachment';
const ACCEPTER = 'aws_ec2_transit_gateway_vpc_attachment_accepter';
const DX_ATTACHMENT = 'aws_ec2_transit_gateway_dx_gateway_attachment';
const TGW_TABLE = 'aws_ec2_transit_gateway_route_table';

/** The Transit Gateway part of the model. */
export interface Transit {
  readonly transitGateways: TransitGateway[];
  readonly tgwAttachments: TgwAttachment[];
  readonly tgwRouteTables: TgwRouteTable[];
  readonly dxGateways: DxGateway[];
}

/** Builds gateways, attachments and route tables; propagated routes come from `vpcs` and `onPremises`. */
export function buildTransit(read: ModelReader, vpcs: readonly Vpc[], onPremises: readonly string[]): Transit {
  const g = read.graph;
  const transitGateways: TransitGateway[] = g.byType('aws_ec2_transit_gateway').map((r) => ({
    id: r.id,
    // Provider defaults: default association and propagation on, auto-accept off.
    defaultRouteTableAssociation: read.flag(r, 'default_route_table_association', true),
    defaultRouteTablePropagation: read.flag(r, 'default_route_table_propagation', true),
    autoAcceptSharedAttachments: read.flag(r, 'auto_accept_shared_attachments', false),
  }));
  const attachmentOf = (source: TfResource, field: string): string => {
    const t = attachmentTarget(read, source.attrs[field]);
    if ('id' in t) return t.id;
    read.note(source, field, t.reason);
    return UNKNOWN;
  };
  const tableOf = (source: TfResource): string => read.requiredRef(source, 'transit_gateway_route_table_id', [TGW_TABLE]);

  const associations = new Map<string, { table: string; source: string }>();
  for (const a of g.byType('aws_ec2_transit_gateway_route_table_association')) {
    const attachment = attachmentOf(a, 'transit_gateway_attachment_id');
    if (attachment !== UNKNOWN) associations.set(attachment, { table: tableOf(a), source: a.id });
  }
  const propagatesTo = new Map<string, string[]>();
  const propagationsInto = new Map<string, { attachment: string; source: string }[]>();
  for (const p of g.byType('aws_ec2_transit_gateway_route_table_propagation')) {
    const attachment = attachmentOf(p, 'transit_gateway_attachment_id');
    const table = tableOf(p);
    if (attachment !== UNKNOWN) push(propagatesTo, attachment, table);
    if (table !== UNKNOWN) push(propagationsInto, table, { attachment, source: p.id });
  }

  const accepters = new Map<string, TfResource>();
  for (const a of g.byType(ACCEPTER)) {
    const t = read.target(a.attrs.transit_gateway_attachment_id, [VPC_ATTACHMENT]);
    if ('id' in t) accepters.set(t.id, a);
  }
  const gateways = new Map(transitGateways.map((t) => [t.id, t]));
  const attachment = (r: TfResource, kind: TgwAttachment['kind'], extra: Partial<TgwAttachment>, flagSources: readonly TfResource[]): TgwAttachment => {
    const transitGateway = read.requiredRef(r, 'transit_gateway_id', ['aws_ec2_transit_gateway']);
    const association = associations.get(r.id);
    let associatedRouteTable = association?.table;
    if (!association && defaultAssociated(read, gateways.get(transitGateway), flagSources)) {
      read.note(r, 'transit_gateway_default_route_table_association', "associated with the Transit Gateway's default route table, which is not modelled");
      associatedRouteTable = UNKNOWN;
    }
    return {
      id: r.id,
      kind,
      transitGateway,
      ...extra,
      ...optional('associatedRouteTable', associatedRouteTable),
      propagatesTo: unique(propagatesTo.get(r.id) ?? []),
      ...optional('associationSource', association?.source),
    };
  };
  const tgwAttachments: TgwAttachment[] = [
    ...g.byType(VPC_ATTACHMENT).map((r) => {
      const accepter = accepters.get(r.id);
      const applianceMode = read.flag(r, 'appliance_mode_support', false);
      return attachment(r, 'vpc', { vpc: read.requiredRef(r, 'vpc_id', ['aws_vpc']), subnets: read.refs(r, 'subnet_ids', r.attrs.subnet_ids, ['aws_subnet']), applianceMode }, accepter ? [r, accepter] : [r]);
    }),
    ...g.resources.filter((r) => r.mode === 'data' && r.type === DX_ATTACHMENT).map((r) => attachment(r, 'dx-gateway', { peer: read.requiredRef(r, 'dx_gateway_id', ['aws_dx_gateway']) }, [])),
    ...g.byType('aws_vpn_connection').filter((r) => !absent(r.attrs.transit_gateway_id)).map((r) => attachment(r, 'vpn', { peer: r.id, customerGatewayRoutes: customerGatewayRoutes(read, r) }, [])),
  ].sort((a, b) => compare(a.id, b.id));

  const tgwRouteTables = buildTgwRouteTables(read, tgwAttachments, propagationsInto, vpcs, onPremises, (r, field) => attachmentOf(r, field));
  return { transitGateways, tgwAttachments, tgwRouteTables, dxGateways: buildDxGateways(read) };
}

/** The connection's `CustomerGatewayRoutes` tag (constructs/hybrid/site-to-site-vpn.ts); anything else is `learned`. */
function customerGatewayRoutes(read: ModelReader, r: TfResource): 'learned' | 'floating-summaries' {
  const tags = r.attrs.tags;
  const value = tags && typeof tags === 'object' && !Array.isArray(tags) ? read.text(r, `tags.${CUSTOMER_GATEWAY_ROUTES_TAG}`, (tags as Record<string, Value>)[CUSTOMER_GATEWAY_ROUTES_TAG]) : undefined;
  return value === 'floating-summaries' ? 'floating-summaries' : 'learned';
}

/** The model id of the attachment a value names (see the file comment), or why it names none. */
export function attachmentTarget(read: ModelReader, value: Value | undefined): Target {
  const direct = read.target(value, [VPC_ATTACHMENT, DX_ATTACHMENT]);
  if ('id' in direct) return direct;
  const accepter = read.target(value, [ACCEPTER], ['id', 'transit_gateway_attachment_id']);
  if ('id' in accepter) return read.target(read.graph.get(accepter.id)?.attrs.transit_gateway_attachment_id, [VPC_ATTACHMENT]);
  const vpn = read.target(value, ['aws_vpn_connection'], ['transit_gateway_attachment_id']);
  if ('id' in vpn) return vpn;
  return direct;
}

/** True when an attachment without an explicit association lands in the gateway's default route table. */
function defaultAssociated(read: ModelReader, tgw: TransitGateway | undefined, flagSources: readonly TfResource[]): boolean {
  if (!tgw || tgw.defaultRouteTableAssociation === false) return false;
  return flagSources.every((r) => read.flag(r, 'transit_gateway_default_route_table_association', true) !== false);
}

function buildTgwRouteTables(
  read: ModelReader,
  attachments: readonly TgwAttachment[],
  propagationsInto: ReadonlyMap<string, readonly { attachment: string; source: string }[]>,
  vpcs: readonly Vpc[],
  onPremises: readonly string[],
  attachmentOf: (source: TfResource, field: string) => string,
): TgwRouteTable[] {
  const g = read.graph;
  const byAttachment = new Map(attachments.map((a) => [a.id, a]));
  const vpcCidrs = new Map(vpcs.map((v) => [v.id, v.cidrs]));
  const outputKeys = routeTableOutputKeys(read);
  const routes = new Map<string, TgwRoute[]>();
  // A static route and a prefix-list reference name their target the same way: a blackhole flag or an attachment.
  const staticTarget = (r: TfResource, what: 'route' | 'reference'): TgwRoute['target'] => {
    const blackhole = read.flag(r, 'blackhole', false);
    if (blackhole === true) return { kind: 'blackhole' };
    if (blackhole === UNKNOWN) return { kind: 'unknown', reason: 'blackhole is computed' };
    const id = attachmentOf(r, 'transit_gateway_attachment_id');
    return id === UNKNOWN ? { kind: 'unknown', reason: `the ${what} names no attachment that can be resolved` } : { kind: 'attachment', id };
  };
  for (const r of g.byType('aws_ec2_transit_gateway_route')) {
    const table = read.requiredRef(r, 'transit_gateway_route_table_id', [TGW_TABLE]);
    if (table === UNKNOWN) continue;
    const destination = read.text(r, 'destination_cidr_block') ?? UNKNOWN;
    const target = staticTarget(r, 'route');
    push(routes, table, { destination, target, origin: 'static', source: r.id });
  }
  // A prefix-list reference routes each entry of the list; at equal prefix such routes lose to static
  // routes and beat propagated ones (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-route-evaluation-overview).
  for (const r of g.byType('aws_ec2_transit_gateway_prefix_list_reference')) {
    const table = read.requiredRef(r, 'transit_gateway_route_table_id', [TGW_TABLE]);
    if (table === UNKNOWN) continue;
    const list = resolvePrefixList(read, r, 'prefix_list_id', r.attrs.prefix_list_id);
    const target = staticTarget(r, 'reference');
    // A service list holds no address of the landing zone; an unresolved one might hold any.
    const destinations = list.kind === 'managed' ? list.entries : list.kind === 'unknown' ? [UNKNOWN] : [];
    for (const destination of destinations) push(routes, table, { destination, target, origin: 'prefix-list', source: r.id });
  }
  for (const [table, propagations] of propagationsInto) {
    for (const p of propagations) {
      const a = byAttachment.get(p.attachment);
      const target: TgwRoute['target'] = a ? { kind: 'attachment', id: a.id } : { kind: 'unknown', reason: 'the propagating attachment cannot be resolved' };
      // VPC attachments propagate their VPC's CIDRs; DX and VPN attachments what on-premises announces over BGP.
      const destinations = !a || a.kind === 'unknown' ? [UNKNOWN] : a.kind === 'vpc' ? (vpcCidrs.get(a.vpc ?? UNKNOWN) ?? [UNKNOWN]) : onPremises;
      for (const destination of destinations) push(routes, table, { destination, target, origin: 'propagated', source: p.source });
    }
  }
  return g.byType(TGW_TABLE).map((t) => {
    const tags = read.tags(t);
    return {
      id: t.id,
      name: tags?.Segment ?? outputKeys.get(t.id) ?? tags?.Name ?? t.name,
      ...optional('inspection', inspectionOf(tags)),
      routes: (routes.get(t.id) ?? []).sort((a, b) => compare(a.destination, b.destination) || compare(a.origin, b.origin) || compare(a.source, b.source)),
    };
  });
}

/** Route table id to the key it has in a map output (`transit_gateway_route_table_ids.<segment>`). */
function routeTableOutputKeys(read: ModelReader): Map<string, string> {
  const keys = new Map<string, string>();
  for (const stack of read.graph.stacks) {
    for (const value of Object.values(stack.outputs ?? {})) {
      if (!isRecord(value)) continue;
      for (const [key, entry] of Object.entries(value)) {
        const t = read.target(entry, [TGW_TABLE]);
        if ('id' in t && !keys.has(t.id)) keys.set(t.id, key);
      }
    }
  }
  return keys;
}

function buildDxGateways(read: ModelReader): DxGateway[] {
  const g = read.graph;
  const byGateway = new Map<string, TfResource[]>();
  for (const a of g.byType('aws_dx_gateway_association')) push(byGateway, read.requiredRef(a, 'dx_gateway_id', ['aws_dx_gateway']), a);
  return g.byType('aws_dx_gateway').map((r) => {
    const asn = read.num(r, 'amazon_side_asn');
    const associations = byGateway.get(r.id) ?? [];
    let allowedPrefixes: string[] | 'unknown' = [];
    for (const a of associations) {
      // Without allowed_prefixes AWS advertises a default it computes: not known offline.
      if (absent(a.attrs.allowed_prefixes)) read.note(a, 'allowed_prefixes', 'not set: AWS computes the advertised prefixes');
      const prefixes = absent(a.attrs.allowed_prefixes) ? [UNKNOWN] : read.texts(a, 'allowed_prefixes');
      allowedPrefixes = allowedPrefixes === UNKNOWN || prefixes.includes(UNKNOWN) ? UNKNOWN : unique([...allowedPrefixes, ...prefixes]);
    }
    return {
      id: r.id,
      asn: typeof asn === 'number' ? asn : UNKNOWN,
      allowedPrefixes,
      ...optional('associationSource', associations[0]?.id),
    };
  });
}

/** The `Inspection` / `InspectionOptOut` tags of a segment route table (stacks/inspection.ts writes them). */
function inspectionOf(tags: { readonly [key: string]: string } | undefined): TgwRouteTable['inspection'] | undefined {
  const state = tags?.[INSPECTION_TAG];
  if (state === 'inspected') return { state };
  if (state === 'opted-out') return { state, ...optional('reason', tags?.[INSPECTION_OPT_OUT_TAG]) };
  return undefined;
}
