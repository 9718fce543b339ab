/**
 * Reads routing out of synthesized stacks for assertions: every Transit Gateway route table with its
 * associations, propagations, static and blackhole routes, and every VPC route table's routes, with
 * ids resolved to readable names (across stacks through the hub's outputs).
 */
import { Template } from './template';

/** A Transit Gateway route table as the tests describe it. */
export interface TgwTableSummary {
  associations: string[];
  propagations: string[];
  routes: string[];
}

/** Route table name in the hub for a reference found in `stack` (the hub, or a spoke's lookup of a published route table id). */
function tgwTableName(hub: Template, ref: string, stack: Template = hub): string {
  const published = /\/hub\/route-table-([\w-]+)$/.exec(stack.publishedName(ref) ?? '');
  if (published) return published[1];
  const local = hub.resources('aws_ec2_transit_gateway_route_table').find((rt) => Template.ref(rt) === ref);
  if (!local) throw new Error(`unresolved route table reference ${ref}`);
  return local.props.tags.Segment;
}

/** Every hub Transit Gateway route table, by name. Attachments are named `spoke <name>` or `egress`. */
export function transitGatewayTables(hub: Template, spokes: Record<string, Template>): Record<string, TgwTableSummary> {
  const out: Record<string, TgwTableSummary> = {};
  for (const rt of hub.resources('aws_ec2_transit_gateway_route_table')) out[rt.props.tags.Segment] = { associations: [], propagations: [], routes: [] };
  // Hub attachments are named by their Name tag: `shop-egress-attachment` is `egress`.
  const hubAttachments = new Map(hub.resources('aws_ec2_transit_gateway_vpc_attachment').map((a) => [Template.ref(a), a.props.tags.Name.replace(/^[^-]+-/, '').replace(/-attachment$/, '')]));
  for (const v of hub.resources('aws_vpn_connection')) hubAttachments.set(Template.ref(v, 'transit_gateway_attachment_id'), `vpn ${v.props.tags.Name.replace(/^[^-]+-vpn-/, '')}`);
  for (const name of Object.keys(hub.json.data?.aws_ec2_transit_gateway_dx_gateway_attachment ?? {})) hubAttachments.set(`\${data.aws_ec2_transit_gateway_dx_gateway_attachment.${name}.id}`, 'dx');
  const attachmentName = (ref: string) => {
    const name = hubAttachments.get(ref);
    if (!name) throw new Error(`unknown hub attachment ${ref}`);
    return name;
  };
  for (const a of hub.resources('aws_ec2_transit_gateway_route_table_association')) out[tgwTableName(hub, a.props.transit_gateway_route_table_id)].associations.push(attachmentName(a.props.transit_gateway_attachment_id));
  for (const p of hub.resources('aws_ec2_transit_gateway_route_table_propagation')) out[tgwTableName(hub, p.props.transit_gateway_route_table_id)].propagations.push(attachmentName(p.props.transit_gateway_attachment_id));
  for (const r of hub.resources('aws_ec2_transit_gateway_route')) {
    const target = r.props.blackhole ? 'blackhole' : attachmentName(r.props.transit_gateway_attachment_id);
    out[tgwTableName(hub, r.props.transit_gateway_route_table_id)].routes.push(`${r.props.destination_cidr_block} -> ${target}`);
  }
  for (const [name, spoke] of Object.entries(spokes)) {
    for (const a of spoke.resources('aws_ec2_transit_gateway_route_table_association')) out[tgwTableName(hub, a.props.transit_gateway_route_table_id, spoke)].associations.push(`spoke ${name}`);
    for (const p of spoke.resources('aws_ec2_transit_gateway_route_table_propagation')) out[tgwTableName(hub, p.props.transit_gateway_route_table_id, spoke)].propagations.push(`spoke ${name}`);
  }
  for (const t of Object.values(out)) {
    t.associations.sort();
    t.propagations.sort();
    t.routes.sort();
  }
  return out;
}

/** Every VPC route table of a stack (by Name tag) with its routes as sorted `destination -> target`. */
export function vpcRouteTables(t: Template): Record<string, string[]> {
  const tableName = new Map(t.resources('aws_route_table').map((rt) => [Template.ref(rt), rt.props.tags.Name]));
  const targets = new Map<string, string>([
    ...t.resources('aws_internet_gateway').map((g) => [Template.ref(g), 'igw'] as [string, string]),
    ...t.resources('aws_nat_gateway').map((n) => [Template.ref(n), `nat ${n.props.tags.Name}`] as [string, string]),
  ]);
  const out: Record<string, string[]> = {};
  for (const rt of t.resources('aws_route_table')) out[rt.props.tags.Name] = [];
  for (const r of t.resources('aws_route')) {
    const target = r.props.transit_gateway_id ? 'tgw' : (targets.get(r.props.gateway_id ?? r.props.nat_gateway_id) ?? 'UNKNOWN');
    out[tableName.get(r.props.route_table_id)!].push(`${r.props.destination_cidr_block} -> ${target}`);
  }
  for (const routes of Object.values(out)) routes.sort();
  return out;
}
