/** VPCs and what sits directly in them: subnets (tier, route table, NACL), NAT and internet gateways. */
import type { TfResource } from '../graph/types';
import { optional, push } from './collect';
import { ModelReader, UNKNOWN } from './reader';
import type { InternetGateway, NatGateway, Subnet, Vpc } from './types';

/** Route-table facts the subnets need, computed by route-tables.ts. */
export interface SubnetRouting {
  /** Explicit `aws_route_table_association` per subnet id. */
  readonly associations: ReadonlyMap<string, string>;
  /** Main route table per VPC id. */
  readonly mainTables: ReadonlyMap<string, string>;
}

/** Every VPC with its primary and secondary IPv4 CIDRs. */
export function buildVpcs(read: ModelReader, mainTables: ReadonlyMap<string, string>): Vpc[] {
  const secondary = new Map<string, string[]>();
  for (const a of read.graph.byType('aws_vpc_ipv4_cidr_block_association')) {
    const vpc = read.requiredRef(a, 'vpc_id', ['aws_vpc']);
    push(secondary, vpc, read.text(a, 'cidr_block') ?? unknownCidr(read, a, 'cidr_block'));
  }
  return read.graph.byType('aws_vpc').map((r) => ({
    id: r.id,
    stack: r.stack,
    name: read.tags(r)?.Name ?? r.name,
    // No cidr_block means an IPAM allocation: known only after apply.
    cidrs: [read.text(r, 'cidr_block') ?? unknownCidr(read, r, 'cidr_block'), ...(secondary.get(r.id) ?? [])],
    ...optional('mainRouteTable', mainTables.get(r.id)),
  }));
}

/** Every subnet with its tier tag, its effective route table and its network ACL. */
export function buildSubnets(read: ModelReader, routing: SubnetRouting, subnetAcls: ReadonlyMap<string, string>): Subnet[] {
  return read.graph.byType('aws_subnet').map((r) => {
    const vpc = read.requiredRef(r, 'vpc_id', ['aws_vpc']);
    const tags = read.tags(r);
    const routeTable = routing.associations.get(r.id) ?? routing.mainTables.get(vpc);
    return {
      id: r.id,
      vpc,
      name: tags?.Name ?? r.name,
      cidr: read.text(r, 'cidr_block') ?? unknownCidr(read, r, 'cidr_block'),
      az: read.text(r, 'availability_zone') ?? read.text(r, 'availability_zone_id') ?? UNKNOWN,
      ...optional('tier', tags?.Tier),
      ...optional('routeTable', routeTable),
      ...optional('nacl', subnetAcls.get(r.id)),
      mapPublicIp: read.flag(r, 'map_public_ip_on_launch', false) === true,
    };
  });
}

/** Every NAT gateway; public unless `connectivity_type` is `private` (an unknown type counts as private: no internet). */
export function buildNatGateways(read: ModelReader): NatGateway[] {
  return read.graph.byType('aws_nat_gateway').map((r) => ({
    id: r.id,
    subnet: read.requiredRef(r, 'subnet_id', ['aws_subnet']),
    public: (read.text(r, 'connectivity_type') ?? 'public') === 'public',
  }));
}

/** Every internet gateway with the VPC it is attached to (inline `vpc_id` or an `aws_internet_gateway_attachment`). */
export function buildInternetGateways(read: ModelReader): InternetGateway[] {
  const attached = new Map<string, string>();
  for (const a of read.graph.byType('aws_internet_gateway_attachment')) {
    const igw = read.requiredRef(a, 'internet_gateway_id', ['aws_internet_gateway']);
    attached.set(igw, read.requiredRef(a, 'vpc_id', ['aws_vpc']));
  }
  return read.graph.byType('aws_internet_gateway').map((r) => {
    const vpc = read.ref(r, 'vpc_id', r.attrs.vpc_id, ['aws_vpc']) ?? attached.get(r.id);
    if (vpc === undefined) read.note(r, 'vpc_id', 'the gateway is attached to no VPC');
    return { id: r.id, vpc: vpc ?? UNKNOWN };
  });
}

function unknownCidr(read: ModelReader, r: TfResource, field: string): string {
  read.note(r, field, `${field} is not set (an IPAM allocation is known only after apply)`);
  return UNKNOWN;
}
