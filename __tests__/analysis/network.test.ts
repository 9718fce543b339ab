import { graphFromJson, loadGraph, type StackJson } from '../../analysis/graph/load';
import { buildNetwork } from '../../analysis/network/build';
import { securityGroupRules } from '../../analysis/network/security-group-rules';
import type { NetworkModel, RouteTarget, TgwRoute } from '../../analysis/network/types';
import { readStacks, stackNamed, synthDefault } from '../helpers/analysis';

const ON_PREMISES = ['10.10.0.0/16'];
const HUB_TGW = 'shop-hub:aws_ec2_transit_gateway.transit-gateway_tgw_FCB4C2ED';

let model: NetworkModel;
/** Readable name of any model id: VPC, subnet, route table, group, attachment, endpoint... */
let nameOf: (id: string) => string;

beforeAll(() => {
  model = buildNetwork(loadGraph(synthDefault()), { onPremises: ON_PREMISES });
  const names = new Map<string, string>();
  for (const list of [model.vpcs, model.subnets, model.routeTables, model.tgwRouteTables, model.securityGroups]) for (const x of list) names.set(x.id, x.name);
  for (const e of model.vpcEndpoints) names.set(e.id, e.service.replace('com.amazonaws.ap-northeast-2.', ''));
  for (const a of model.tgwAttachments) names.set(a.id, a.kind === 'vpc' ? `vpc ${names.get(a.vpc!)}` : a.kind);
  nameOf = (id) => names.get(id) ?? `?${id}`;
});

const vpcNamed = (name: string) => model.vpcs.find((v) => v.name === name)!;
const target = (t: RouteTarget): string => (t.kind === 'igw' || t.kind === 'nat' || t.kind === 'tgw' ? t.kind : t.kind === 'vpce' ? `vpce ${nameOf(t.id)}` : t.kind === 'unknown' ? `unknown: ${t.reason}` : t.kind);
const destination = (d: string) => (d.startsWith('pl:') ? `pl:${nameOf(d.slice(3))}` : d);
const tgwTarget = (t: TgwRoute['target']) => (t.kind === 'attachment' ? nameOf(t.id) : t.kind);

describe('buildNetwork: VPCs, subnets and route tables (default landing zone)', () => {
  test('every VPC with its exact CIDRs and stack', () => {
    expect(model.vpcs.map((v) => [v.name, v.stack, v.cidrs])).toEqual([
      ['shop-egress', 'shop-hub', ['10.255.0.0/24']],
      ['shop-endpoints', 'shop-hub', ['10.254.0.0/24']],
      ['shop-dev', 'shop-spoke-shop-dev', ['172.20.0.0/16']],
      ['shop-prod', 'shop-spoke-shop-prod', ['172.16.0.0/16']],
    ]);
    expect(model.vpcs.every((v) => v.mainRouteTable === undefined)).toBe(true);
  });

  test('shop-prod subnets: CIDR, AZ, Tier tag, route table, public IPs, default NACL', () => {
    const prod = vpcNamed('shop-prod');
    const rows = model.subnets.filter((s) => s.vpc === prod.id).map((s) => [s.name.replace('shop-prod-', ''), s.cidr, s.az.replace('ap-northeast-', ''), s.tier, nameOf(s.routeTable!).replace('shop-prod-', ''), s.mapPublicIp, s.nacl]);
    expect(rows.sort()).toEqual([
      ['db-1', '172.16.128.0/20', '2a', 'db', 'db-ap-northeast-2a', false, undefined],
      ['db-2', '172.16.144.0/20', '2b', 'db', 'db-ap-northeast-2b', false, undefined],
      ['db-3', '172.16.160.0/20', '2c', 'db', 'db-ap-northeast-2c', false, undefined],
      // No public IPs on launch unless vpc.publicIpOnLaunch asks for them: the ALB and NAT nodes get theirs anyway.
      ['public-1', '172.16.1.0/24', '2a', 'public', 'public', false, undefined],
      ['public-2', '172.16.2.0/24', '2c', 'public', 'public', false, undefined],
      ['tgw-1', '172.16.0.0/28', '2a', 'tgw', 'tgw-ap-northeast-2a', false, undefined],
      ['tgw-2', '172.16.0.16/28', '2b', 'tgw', 'tgw-ap-northeast-2b', false, undefined],
      ['tgw-3', '172.16.0.32/28', '2c', 'tgw', 'tgw-ap-northeast-2c', false, undefined],
      ['web-1', '172.16.32.0/20', '2a', 'app', 'app-ap-northeast-2a', false, undefined],
      ['web-2', '172.16.48.0/20', '2c', 'app', 'app-ap-northeast-2c', false, undefined],
    ]);
  });

  test('shop-prod route tables: app and db tiers send 0.0.0.0/0 to the hub TGW, public to the IGW, S3 through the gateway endpoint', () => {
    const prod = vpcNamed('shop-prod');
    const tables = Object.fromEntries(model.routeTables.filter((t) => t.vpc === prod.id).map((t) => [t.name.replace('shop-prod-', ''), t.routes.map((r) => `${destination(r.destination)} -> ${target(r.target)}`)]));
    const privateTier = ['0.0.0.0/0 -> tgw', 'pl:s3 -> vpce s3'];
    expect(tables).toEqual({
      'app-ap-northeast-2a': privateTier,
      'app-ap-northeast-2c': privateTier,
      'db-ap-northeast-2a': privateTier,
      'db-ap-northeast-2b': privateTier,
      'db-ap-northeast-2c': privateTier,
      public: ['0.0.0.0/0 -> igw', '10.0.0.0/8 -> tgw', '172.16.0.0/12 -> tgw', '192.168.0.0/16 -> tgw'],
      'tgw-ap-northeast-2a': [],
      'tgw-ap-northeast-2b': [],
      'tgw-ap-northeast-2c': [],
    });
    const app = model.routeTables.find((t) => t.name === 'shop-prod-app-ap-northeast-2a')!;
    expect(app.routes[0]).toEqual({ destination: '0.0.0.0/0', target: { kind: 'tgw', id: HUB_TGW }, source: 'shop-spoke-shop-prod:aws_route.app-vpc_rt-app-ap-northeast-2a-default_253B8B43' });
    const igw = model.internetGateways.find((g) => g.vpc === prod.id)!;
    expect(model.routeTables.find((t) => t.name === 'shop-prod-public')!.routes[0].target).toEqual({ kind: 'igw', id: igw.id });
  });

  test('the egress VPC: public tier to the IGW, attachment tier to the NAT of its AZ; three public NAT gateways', () => {
    const egress = vpcNamed('shop-egress');
    const tables = Object.fromEntries(model.routeTables.filter((t) => t.vpc === egress.id).map((t) => [t.name, t.routes.map((r) => `${r.destination} -> ${r.target.kind === 'nat' ? `nat in ${nameOf(model.natGateways.find((n) => n.id === (r.target as { id: string }).id)!.subnet)}` : target(r.target)}`)]));
    expect(tables).toEqual({
      'shop-egress-public': ['0.0.0.0/0 -> igw', '10.0.0.0/8 -> tgw', '172.16.0.0/12 -> tgw', '192.168.0.0/16 -> tgw'],
      'shop-egress-tgw-ap-northeast-2a': ['0.0.0.0/0 -> nat in shop-egress-public-1'],
      'shop-egress-tgw-ap-northeast-2b': ['0.0.0.0/0 -> nat in shop-egress-public-2'],
      'shop-egress-tgw-ap-northeast-2c': ['0.0.0.0/0 -> nat in shop-egress-public-3'],
    });
    expect(model.natGateways.map((n) => [nameOf(n.subnet), n.public])).toEqual([
      ['shop-egress-public-1', true],
      ['shop-egress-public-2', true],
      ['shop-egress-public-3', true],
    ]);
    expect(model.internetGateways.map((g) => nameOf(g.vpc))).toEqual(['shop-egress', 'shop-dev', 'shop-prod']);
  });

  test('VPC endpoints: eight central interface endpoints without private DNS, one S3 gateway endpoint per spoke on its private tables', () => {
    const central = model.vpcEndpoints.filter((e) => e.type === 'Interface');
    expect(central.map((e) => nameOf(e.id))).toEqual(['ec2messages', 'ecr.api', 'ecr.dkr', 'kms', 'logs', 'ssm', 'ssmmessages', 'sts']);
    for (const e of central) {
      expect([nameOf(e.vpc), e.privateDns, e.subnets.map(nameOf), e.securityGroups.map(nameOf), e.routeTables]).toEqual(['shop-endpoints', false, ['shop-endpoints-endpoint-1', 'shop-endpoints-endpoint-2', 'shop-endpoints-endpoint-3'], ['shop-endpoints-interface-endpoints'], []]);
    }
    const gateways = model.vpcEndpoints.filter((e) => e.type === 'Gateway');
    expect(gateways.map((e) => [nameOf(e.vpc), e.service, e.routeTables.map(nameOf)])).toEqual([
      ['shop-dev', 'com.amazonaws.ap-northeast-2.s3', ['shop-dev-app-ap-northeast-2a', 'shop-dev-app-ap-northeast-2c', 'shop-dev-db-ap-northeast-2a', 'shop-dev-db-ap-northeast-2c']],
      ['shop-prod', 'com.amazonaws.ap-northeast-2.s3', ['shop-prod-app-ap-northeast-2a', 'shop-prod-app-ap-northeast-2c', 'shop-prod-db-ap-northeast-2a', 'shop-prod-db-ap-northeast-2b', 'shop-prod-db-ap-northeast-2c']],
    ]);
  });
});

describe('buildNetwork: Transit Gateway (default landing zone)', () => {
  test('the gateway has default association, propagation and auto-accept off', () => {
    expect(model.transitGateways).toEqual([{ id: HUB_TGW, defaultRouteTableAssociation: false, defaultRouteTablePropagation: false, autoAcceptSharedAttachments: false }]);
  });

  test('route tables are named by segment; static routes, blackholes and propagated routes with their origin', () => {
    const tables = Object.fromEntries(model.tgwRouteTables.map((t) => [t.name, t.routes.map((r) => `${r.destination} -> ${tgwTarget(r.target)} (${r.origin})`)]));
    const segment = (own: string[]) =>
      [
        '0.0.0.0/0 -> vpc shop-egress (static)',
        '10.0.0.0/8 -> blackhole (static)',
        '10.10.0.0/16 -> dx-gateway (propagated)',
        '10.10.0.0/16 -> vpn (propagated)',
        '10.254.0.0/24 -> vpc shop-endpoints (propagated)',
        '172.16.0.0/12 -> blackhole (static)',
        ...own,
        '192.168.0.0/16 -> blackhole (static)',
      ].sort();
    expect(tables).toEqual({
      egress: ['172.16.0.0/16 -> vpc shop-prod (propagated)', '172.20.0.0/16 -> vpc shop-dev (propagated)'],
      nonprod: segment(['172.20.0.0/16 -> vpc shop-dev (propagated)']),
      onprem: ['10.254.0.0/24 -> vpc shop-endpoints (propagated)', '172.16.0.0/16 -> vpc shop-prod (propagated)', '172.20.0.0/16 -> vpc shop-dev (propagated)'],
      prod: segment(['172.16.0.0/16 -> vpc shop-prod (propagated)']),
      shared: segment(['172.16.0.0/16 -> vpc shop-prod (propagated)', '172.20.0.0/16 -> vpc shop-dev (propagated)']),
    });
    const prod = model.tgwRouteTables.find((t) => t.name === 'prod')!;
    expect(prod.id).toBe('shop-hub:aws_ec2_transit_gateway_route_table.transit-gateway_rt-prod_C788BA6E');
    expect(prod.routes.find((r) => r.destination === '172.16.0.0/16')!.source).toBe('shop-spoke-shop-prod:aws_ec2_transit_gateway_route_table_propagation.tgw-attachment_propagation-prod_7FAA2660');
  });

  test('attachments with their kind, associated route table and propagations', () => {
    const rows = model.tgwAttachments.map((a) => [nameOf(a.id), a.transitGateway === HUB_TGW, nameOf(a.associatedRouteTable!), a.propagatesTo.map(nameOf).sort()]);
    expect(rows.sort()).toEqual([
      ['dx-gateway', true, 'onprem', ['nonprod', 'prod', 'shared']],
      ['vpc shop-dev', true, 'nonprod', ['egress', 'nonprod', 'onprem', 'shared']],
      ['vpc shop-egress', true, 'egress', []],
      ['vpc shop-endpoints', true, 'shared', ['nonprod', 'onprem', 'prod', 'shared']],
      ['vpc shop-prod', true, 'prod', ['egress', 'onprem', 'prod', 'shared']],
      ['vpn', true, 'onprem', ['nonprod', 'prod', 'shared']],
    ]);
    const dx = model.tgwAttachments.find((a) => a.kind === 'dx-gateway')!;
    expect(dx).toMatchObject({ id: 'shop-hub:data.aws_ec2_transit_gateway_dx_gateway_attachment.direct-connect_attachment_DF33F6E1', peer: 'shop-hub:aws_dx_gateway.direct-connect_gateway_D247F3A6' });
    const vpn = model.tgwAttachments.find((a) => a.kind === 'vpn')!;
    expect(vpn).toMatchObject({ id: 'shop-hub:aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0', peer: 'shop-hub:aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0' });
    const prod = model.tgwAttachments.find((a) => nameOf(a.id) === 'vpc shop-prod')!;
    expect(prod.subnets!.map(nameOf)).toEqual(['shop-prod-tgw-1', 'shop-prod-tgw-2', 'shop-prod-tgw-3']);
    expect(prod.associationSource).toBe('shop-spoke-shop-prod:aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C');
  });

  test('the Direct Connect gateway advertises exactly the synthesized prefixes (allowedPrefixes: auto, each VPC range on-premises reaches)', () => {
    expect(model.dxGateways).toEqual([
      { id: 'shop-hub:aws_dx_gateway.direct-connect_gateway_D247F3A6', asn: 64600, allowedPrefixes: ['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16'], associationSource: 'shop-hub:aws_dx_gateway_association.direct-connect_association_C1DEAED5' },
    ]);
    expect(model.onPremises).toEqual(ON_PREMISES);
  });
});

describe('buildNetwork: DNS, access and security groups (default landing zone)', () => {
  test("every endpoint zone is associated with the hub VPCs and both spokes' VPCs", () => {
    expect(model.hostedZones.map((z) => z.name)).toEqual([
      'ec2messages.ap-northeast-2.amazonaws.com',
      'api.ecr.ap-northeast-2.amazonaws.com',
      'dkr.ecr.ap-northeast-2.amazonaws.com',
      'kms.ap-northeast-2.amazonaws.com',
      'logs.ap-northeast-2.amazonaws.com',
      'ssm.ap-northeast-2.amazonaws.com',
      'ssmmessages.ap-northeast-2.amazonaws.com',
      'sts.ap-northeast-2.amazonaws.com',
    ]);
    for (const z of model.hostedZones) expect([z.name, z.vpcs.map(nameOf).sort()]).toEqual([z.name, ['shop-dev', 'shop-egress', 'shop-endpoints', 'shop-prod']]);
    expect(model.hostedZones.find((z) => z.name.startsWith('dkr.'))!.records.map((r) => [r.name, r.type])).toEqual([['*.dkr.ecr.ap-northeast-2.amazonaws.com', 'A']]);
  });

  test('resolver endpoints with subnets, fixed addresses and security groups; the forwarding rule reaches both spokes', () => {
    expect(model.resolverEndpoints.map((e) => [e.direction, nameOf(e.vpc!), e.subnets.map(nameOf), e.ips, e.securityGroups.map(nameOf)])).toEqual([
      ['INBOUND', 'shop-endpoints', ['shop-endpoints-endpoint-1', 'shop-endpoints-endpoint-2'], ['10.254.0.10'], ['shop-endpoints-inbound']],
      ['OUTBOUND', 'shop-endpoints', ['shop-endpoints-endpoint-1', 'shop-endpoints-endpoint-2', 'shop-endpoints-endpoint-3'], [], ['shop-endpoints-outbound']],
    ]);
    expect(model.resolverRules.map((r) => [r.domain, r.ruleType, r.targets, r.vpcs.map(nameOf).sort()])).toEqual([['corp.example.internal', 'FORWARD', ['10.10.0.2', '10.10.0.3'], ['shop-dev', 'shop-prod']]]);
  });

  test('Client VPN: associated with the DB subnets, authorized for their ranges, the VPC resolver and the hub endpoints, routed to the hub endpoints', () => {
    expect(model.clientVpnEndpoints).toHaveLength(1);
    const vpn = model.clientVpnEndpoints[0];
    expect([vpn.clientCidr, vpn.splitTunnel, nameOf(vpn.vpc!), vpn.securityGroups.map(nameOf), vpn.associatedSubnets.map(nameOf), vpn.connectionLogging]).toEqual([
      '10.100.0.0/22',
      true,
      'shop-prod',
      ['shop-shop-prod-client-vpn'],
      ['shop-prod-db-1', 'shop-prod-db-2', 'shop-prod-db-3'],
      true,
    ]);
    expect(vpn.authorizations.map((a) => [a.cidr, a.allGroups])).toEqual([
      ['10.254.0.0/24', true],
      ['172.16.0.2/32', true],
      ['172.16.128.0/20', true],
      ['172.16.144.0/20', true],
      ['172.16.160.0/20', true],
    ]);
    // Every association adds the VPC route; the hub endpoints range goes through each associated subnet.
    expect(vpn.routes.map((r) => [r.cidr, nameOf(r.subnet)])).toEqual([
      ['10.254.0.0/24', 'shop-prod-db-1'],
      ['10.254.0.0/24', 'shop-prod-db-2'],
      ['10.254.0.0/24', 'shop-prod-db-3'],
    ]);
  });

  test('the ALB is internet-facing in the public subnets with listeners 80 and 443; the Instance Connect Endpoint sits in web-1', () => {
    expect(model.loadBalancers.map((lb) => [lb.internal, lb.subnets.map(nameOf), lb.securityGroups.map(nameOf), lb.listeners.map((l) => [l.port, l.protocol])])).toEqual([
      [false, ['shop-prod-public-1', 'shop-prod-public-2'], ['shop-shop-prod-alb'], [[80, 'HTTP'], [443, 'HTTPS']]],
    ]);
    expect(model.instanceConnectEndpoints.map((e) => [nameOf(e.subnet), e.securityGroups.map(nameOf)])).toEqual([['shop-prod-web-1', ['shop-shop-prod-eice']]]);
  });

  test('tier groups carry their Tier tag; the DB tier admits 5432 from the app tier and the VPN only; default groups are empty', () => {
    expect(model.securityGroups.filter((g) => g.tier).map((g) => [g.name, g.tier])).toEqual([
      ['shop-shop-dev-app', 'app'],
      ['shop-shop-dev-db', 'db'],
      ['shop-shop-prod-app', 'app'],
      ['shop-shop-prod-db', 'db'],
    ]);
    const db = model.securityGroups.find((g) => g.name === 'shop-shop-prod-db')!;
    expect(db.ingress.map((r) => [r.protocol, r.fromPort, r.toPort, r.peer.kind === 'sg' ? nameOf(r.peer.id) : r.peer])).toEqual([
      ['tcp', 5432, 5432, 'shop-shop-prod-app'],
      ['tcp', 5432, 5432, 'shop-shop-prod-client-vpn'],
    ]);
    const defaults = model.securityGroups.filter((g) => g.isDefault);
    expect(defaults.map((g) => [nameOf(g.vpc), g.ingress.length, g.egress.length])).toEqual([
      ['shop-egress', 0, 0],
      ['shop-endpoints', 0, 0],
      ['shop-dev', 0, 0],
      ['shop-prod', 0, 0],
    ]);
  });

  test('everything resolves offline: nothing is unknown and no network ACLs are synthesized', () => {
    expect(model.unresolved).toEqual([]);
    expect(model.networkAcls).toEqual([]);
  });
});

/** A one-stack (plus optional others) network from hand-written resources. */
function networkOf(resources: Record<string, Record<string, object>>, options: { data?: Record<string, Record<string, object>>; others?: StackJson[] } = {}): NetworkModel {
  const stacks: StackJson[] = [{ name: 's', json: { resource: resources, ...(options.data ? { data: options.data } : {}) } }, ...(options.others ?? [])];
  return buildNetwork(graphFromJson(stacks), { onPremises: ON_PREMISES });
}

const VPC = { aws_vpc: { v: { cidr_block: '10.1.0.0/16' } } };
const HUB_STATE = { terraform_remote_state: { hub: { backend: 'local', config: { path: '../hub/terraform.hub.tfstate' } } } };
const EMPTY_HUB: StackJson = { name: 'hub', json: { terraform: { backend: { local: { path: 'terraform.hub.tfstate' } } }, output: {} } };

describe('buildNetwork: unknown values never allow', () => {
  test('a route to a missing hub output has an unknown target and is listed as unresolved', () => {
    const m = networkOf(
      { ...VPC, aws_route_table: { rt: { vpc_id: '${aws_vpc.v.id}' } }, aws_route: { r: { route_table_id: '${aws_route_table.rt.id}', destination_cidr_block: '0.0.0.0/0', transit_gateway_id: '${data.terraform_remote_state.hub.outputs.transit_gateway_id}' } } },
      { data: HUB_STATE, others: [EMPTY_HUB] },
    );
    const reason = '${data.terraform_remote_state.hub.outputs.transit_gateway_id}: stack hub has no output "transit_gateway_id" (read by s through data.terraform_remote_state.hub)';
    expect(m.routeTables[0].routes).toEqual([{ destination: '0.0.0.0/0', target: { kind: 'unknown', reason: `transit_gateway_id: ${reason}` }, source: 's:aws_route.r' }]);
    expect(m.unresolved).toEqual([{ source: 's:aws_route.r', field: 'transit_gateway_id', reason }]);
  });

  test('a subnet in a variable VPC has vpc "unknown"; a rule on an unknown group is dropped; an unknown peer stays unknown', () => {
    const m = networkOf({
      ...VPC,
      aws_subnet: { s: { vpc_id: '${var.vpc_id}', cidr_block: '10.1.0.0/24', availability_zone: 'a', tags: { Tier: 'app' } } },
      aws_security_group: { g: { name: 'g', vpc_id: '${aws_vpc.v.id}' } },
      aws_vpc_security_group_ingress_rule: {
        lost: { security_group_id: '${var.sg}', ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' },
        peer: { security_group_id: '${aws_security_group.g.id}', ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '${var.admin_cidr}' },
      },
    });
    expect(m.subnets.map((s) => [s.vpc, s.cidr, s.tier])).toEqual([['unknown', '10.1.0.0/24', 'app']]);
    expect(m.securityGroups[0].ingress).toEqual([{ protocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'unknown', reason: 'cidr_ipv4: ${var.admin_cidr}: var.admin_cidr is a variable: its value is set only when Terraform runs' }, source: 's:aws_vpc_security_group_ingress_rule.peer' }]);
    expect(m.unresolved!.map((u) => [u.source, u.field])).toEqual([
      ['s:aws_subnet.s', 'vpc_id'],
      ['s:aws_vpc_security_group_ingress_rule.lost', 'security_group_id'],
      ['s:aws_vpc_security_group_ingress_rule.peer', 'cidr_ipv4'],
    ]);
  });

  test('TGW defaults, an unknown route table and an unknown propagating attachment are all unknown', () => {
    const m = networkOf({
      ...VPC,
      aws_subnet: { s: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.1.0.0/24', availability_zone: 'a' } },
      aws_ec2_transit_gateway: { tgw: {} },
      aws_ec2_transit_gateway_route_table: { rt: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', tags: { Segment: 'prod' } } },
      aws_ec2_transit_gateway_vpc_attachment: {
        defaulted: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', vpc_id: '${aws_vpc.v.id}', subnet_ids: ['${aws_subnet.s.id}'] },
        lost: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', vpc_id: '${aws_vpc.v.id}', subnet_ids: ['${aws_subnet.s.id}'], transit_gateway_default_route_table_association: false },
      },
      aws_ec2_transit_gateway_route_table_association: { a: { transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.lost.id}', transit_gateway_route_table_id: '${var.rt}' } },
      aws_ec2_transit_gateway_route_table_propagation: { p: { transit_gateway_attachment_id: '${var.attachment}', transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.rt.id}' } },
    });
    expect(m.transitGateways.map((t) => [t.defaultRouteTableAssociation, t.defaultRouteTablePropagation, t.autoAcceptSharedAttachments])).toEqual([[true, true, false]]);
    expect(m.tgwAttachments.map((a) => [a.id, a.associatedRouteTable])).toEqual([
      ['s:aws_ec2_transit_gateway_vpc_attachment.defaulted', 'unknown'],
      ['s:aws_ec2_transit_gateway_vpc_attachment.lost', 'unknown'],
    ]);
    expect(m.tgwRouteTables).toEqual([
      { id: 's:aws_ec2_transit_gateway_route_table.rt', name: 'prod', routes: [{ destination: 'unknown', target: { kind: 'unknown', reason: 'the propagating attachment cannot be resolved' }, origin: 'propagated', source: 's:aws_ec2_transit_gateway_route_table_propagation.p' }] },
    ]);
    expect(m.unresolved!.map((u) => u.field).sort()).toEqual(['transit_gateway_attachment_id', 'transit_gateway_default_route_table_association', 'transit_gateway_route_table_id']);
  });

  test('a DX association without allowed_prefixes advertises an unknown set', () => {
    const m = networkOf({ aws_dx_gateway: { d: { amazon_side_asn: '64600', name: 'd' } }, aws_dx_gateway_association: { a: { dx_gateway_id: '${aws_dx_gateway.d.id}', associated_gateway_id: 'tgw-0123' } } });
    expect(m.dxGateways).toEqual([{ id: 's:aws_dx_gateway.d', asn: 64600, allowedPrefixes: 'unknown', associationSource: 's:aws_dx_gateway_association.a' }]);
  });

  test('an internal flag that is computed counts as internal', () => {
    const m = networkOf({ aws_lb: { lb: { internal: '${var.internal}', subnets: [] } }, aws_lb_listener: { l: { load_balancer_arn: '${aws_lb.lb.arn}', port: 443, protocol: 'HTTPS' } } });
    expect(m.loadBalancers).toEqual([{ id: 's:aws_lb.lb', internal: true, subnets: [], securityGroups: [], listeners: [{ id: 's:aws_lb_listener.l', port: 443, protocol: 'HTTPS' }] }]);
  });
});

describe('buildNetwork: the other ways of writing resources', () => {
  test('a security group whose rule list is built by an expression gets one rule with an unknown peer, never no rules', () => {
    const m = networkOf({ ...VPC, aws_security_group: { g: { name: 'g', vpc_id: '${aws_vpc.v.id}', ingress: '${var.rules}' } } });
    expect(m.securityGroups[0].ingress).toEqual([{ protocol: '-1', fromPort: 0, toPort: 65535, peer: { kind: 'unknown', reason: expect.stringMatching(/^ingress is built by an expression: \$\{var\.rules\}/) }, source: 's:aws_security_group.g' }]);
    expect(m.securityGroups[0].egress).toEqual([]);
  });

  test('the model and the rule pack read one flattening: a rule list taken from another resource is its blocks to both', () => {
    const stacks: StackJson[] = [
      {
        name: 's',
        json: {
          resource: {
            ...VPC,
            aws_security_group: {
              template: { name: 'template', vpc_id: '${aws_vpc.v.id}', ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] }] },
              g: { name: 'g', vpc_id: '${aws_vpc.v.id}', ingress: '${aws_security_group.template.ingress}' },
            },
          },
        },
      },
    ];
    const graph = graphFromJson(stacks);
    const written = securityGroupRules(graph);
    // Computed once per graph: the model built below reads these very records.
    expect(securityGroupRules(graph)).toBe(written);
    expect(written.filter((r) => r.resource.id === 's:aws_security_group.g').map((r) => [r.block, r.shape, r.opaque])).toEqual([['ingress[0]', 'inline', undefined]]);
    const g = buildNetwork(graph, { onPremises: ON_PREMISES }).securityGroups.find((x) => x.id === 's:aws_security_group.g')!;
    // Before one flattening the model read this list as an unknown expression (an unknown peer) while the pack read the block.
    expect(g.ingress).toEqual([{ protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '10.0.0.0/8' }, source: 's:aws_security_group.g' }]);
  });

  test("a rule on a VPC's default_security_group_id lands on the adopted default group (as LZ-VPC02 reads it); unadopted, it is unresolved", () => {
    const rule = { security_group_id: '${aws_vpc.v.default_security_group_id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8' };
    const adopted = networkOf({ ...VPC, aws_default_security_group: { d: { vpc_id: '${aws_vpc.v.id}' } }, aws_vpc_security_group_ingress_rule: { r: rule } });
    expect(adopted.securityGroups.map((g) => [g.id, g.isDefault, g.ingress.map((r) => [r.protocol, r.fromPort, r.peer])])).toEqual([
      ['s:aws_default_security_group.d', true, [['tcp', 443, { kind: 'cidr', cidr: '10.0.0.0/8' }]]],
    ]);
    const unadopted = networkOf({ ...VPC, aws_vpc_security_group_ingress_rule: { r: rule } });
    expect(unadopted.unresolved).toContainEqual({ source: 's:aws_vpc_security_group_ingress_rule.r', field: 'security_group_id', reason: 'the default security group of s:aws_vpc.v is not adopted (no aws_default_security_group), so its rules are not modelled' });
  });

  test('security group tier: the Tier tag, else (no tags at all) the -app/-db name suffix', () => {
    const m = networkOf({
      ...VPC,
      aws_security_group: {
        tagged: { name: 'x-web', vpc_id: '${aws_vpc.v.id}', tags: { Tier: 'app' } },
        untagged: { name: 'x-db', vpc_id: '${aws_vpc.v.id}' },
        'tags-without-tier': { name: 'x-app', vpc_id: '${aws_vpc.v.id}', tags: { Name: 'x-app' } },
      },
    });
    expect(m.securityGroups.map((g) => [g.name, g.tier])).toEqual([
      ['x-web', 'app'],
      ['x-app', undefined],
      ['x-db', 'db'],
    ]);
  });

  test('inline and legacy security group rules, protocol numbers, self and prefix lists', () => {
    const m = networkOf({
      ...VPC,
      aws_route_table: { rt: { vpc_id: '${aws_vpc.v.id}' } },
      aws_vpc_endpoint: { s3: { vpc_id: '${aws_vpc.v.id}', service_name: 'com.amazonaws.x.s3', route_table_ids: ['${aws_route_table.rt.id}'] } },
      aws_security_group: {
        g: {
          name: 'g',
          vpc_id: '${aws_vpc.v.id}',
          ingress: [{ protocol: '6', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'], self: true, security_groups: [], ipv6_cidr_blocks: [], prefix_list_ids: [] }],
          egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: [], prefix_list_ids: ['${aws_vpc_endpoint.s3.prefix_list_id}'] }],
        },
      },
      aws_security_group_rule: { legacy: { type: 'ingress', security_group_id: '${aws_security_group.g.id}', protocol: 'udp', from_port: 53, to_port: 53, source_security_group_id: '${aws_security_group.g.id}' } },
    });
    const g = m.securityGroups[0];
    const endpoint = 's:aws_vpc_endpoint.s3';
    expect(g.ingress).toEqual([
      { protocol: 'udp', fromPort: 53, toPort: 53, peer: { kind: 'sg', id: g.id }, source: 's:aws_security_group_rule.legacy' },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '10.0.0.0/8' }, source: g.id },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'sg', id: g.id }, source: g.id },
    ]);
    expect(g.egress).toEqual([{ protocol: '-1', fromPort: 0, toPort: 65535, peer: { kind: 'prefix-list', id: endpoint }, source: g.id }]);
    // A Gateway endpoint (the provider's default type) adds its prefix-list route; the SG peer id matches it.
    expect(m.vpcEndpoints.map((e) => [e.type, e.routeTables])).toEqual([['Gateway', ['s:aws_route_table.rt']]]);
    expect(m.routeTables[0].routes).toEqual([{ destination: `pl:${endpoint}`, target: { kind: 'vpce', id: endpoint }, source: endpoint }]);
    expect(m.unresolved).toEqual([]);
  });

  test('inline routes, the main route table, network ACLs with inline and separate rules', () => {
    const m = networkOf({
      ...VPC,
      aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.v.id}' } },
      aws_nat_gateway: { nat: { subnet_id: '${aws_subnet.a.id}', connectivity_type: 'private' } },
      aws_subnet: { a: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.1.0.0/24', availability_zone: 'a' }, b: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.1.1.0/24', availability_zone: 'b' } },
      aws_route_table: { main: { vpc_id: '${aws_vpc.v.id}', route: [{ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.igw.id}', nat_gateway_id: '' }, { cidr_block: '10.2.0.0/16', nat_gateway_id: '${aws_nat_gateway.nat.id}' }, { ipv6_cidr_block: '::/0', gateway_id: '${aws_internet_gateway.igw.id}' }] } },
      aws_main_route_table_association: { m: { vpc_id: '${aws_vpc.v.id}', route_table_id: '${aws_route_table.main.id}' } },
      aws_network_acl: { acl: { vpc_id: '${aws_vpc.v.id}', subnet_ids: ['${aws_subnet.a.id}'], ingress: [{ rule_no: 200, action: 'allow', protocol: 'tcp', from_port: 443, to_port: 443, cidr_block: '0.0.0.0/0' }] } },
      aws_network_acl_rule: { deny: { network_acl_id: '${aws_network_acl.acl.id}', rule_number: 100, egress: false, protocol: '-1', rule_action: 'deny', cidr_block: '10.9.0.0/16' } },
    });
    const main = 's:aws_route_table.main';
    expect(m.vpcs[0].mainRouteTable).toBe(main);
    expect(m.subnets.map((s) => [s.id, s.routeTable, s.nacl])).toEqual([
      ['s:aws_subnet.a', main, 's:aws_network_acl.acl'],
      ['s:aws_subnet.b', main, undefined],
    ]);
    expect(m.routeTables[0].routes).toEqual([
      { destination: '0.0.0.0/0', target: { kind: 'igw', id: 's:aws_internet_gateway.igw' }, source: main },
      { destination: '10.2.0.0/16', target: { kind: 'nat', id: 's:aws_nat_gateway.nat' }, source: main },
    ]);
    expect(m.natGateways).toEqual([{ id: 's:aws_nat_gateway.nat', subnet: 's:aws_subnet.a', public: false }]);
    expect(m.networkAcls).toEqual([
      {
        id: 's:aws_network_acl.acl',
        vpc: 's:aws_vpc.v',
        subnets: ['s:aws_subnet.a'],
        rules: [
          { ruleNumber: 100, egress: false, protocol: '-1', fromPort: 0, toPort: 65535, cidr: '10.9.0.0/16', action: 'deny', source: 's:aws_network_acl_rule.deny' },
          { ruleNumber: 200, egress: false, protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '0.0.0.0/0', action: 'allow', source: 's:aws_network_acl.acl', block: 'ingress[0]' },
        ],
      },
    ]);
  });
});

describe('buildNetwork: scale', () => {
  test('100 spokes: each propagates into the hub tables (time is measured by npm run bench)', () => {
    const base = readStacks(synthDefault());
    const spoke = stackNamed(base, 'shop-spoke-shop-dev');
    const clones = Array.from({ length: 100 }, (_, i) => ({ name: `shop-spoke-clone-${i}`, dependencies: ['shop-hub'], json: structuredClone(spoke.json) }));
    const graph = graphFromJson([...base, ...clones]);
    const m = buildNetwork(graph, { onPremises: ON_PREMISES });
    expect(m.vpcs).toHaveLength(104);
    expect(m.tgwRouteTables.find((t) => t.name === 'nonprod')!.routes.filter((r) => r.destination === '172.20.0.0/16')).toHaveLength(101);
  });
});
