/** Ways in: Client VPN endpoints (associations, authorizations, routes), load balancers with listeners, EC2 Instance Connect Endpoints. */
import { compare, optional, push, unique } from './collect';
import { blocks, ModelReader, UNKNOWN } from './reader';
import type { ClientVpnEndpoint, InstanceConnectEndpoint, LoadBalancer } from './types';

const GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'];
const VPN = ['aws_ec2_client_vpn_endpoint'];

/** Every Client VPN endpoint with its subnet associations, authorization rules and routes. */
export function buildClientVpnEndpoints(read: ModelReader): ClientVpnEndpoint[] {
  const g = read.graph;
  const subnets = new Map<string, string[]>();
  for (const a of g.byType('aws_ec2_client_vpn_network_association')) push(subnets, read.requiredRef(a, 'client_vpn_endpoint_id', VPN), read.requiredRef(a, 'subnet_id', ['aws_subnet']));
  const authorizations = new Map<string, ClientVpnEndpoint['authorizations'][number][]>();
  for (const a of g.byType('aws_ec2_client_vpn_authorization_rule')) {
    // A rule limited to a group (access_group_id) is not `allGroups`; an unknown flag counts as limited.
    push(authorizations, read.requiredRef(a, 'client_vpn_endpoint_id', VPN), { cidr: read.text(a, 'target_network_cidr') ?? UNKNOWN, allGroups: read.flag(a, 'authorize_all_groups', false) === true, source: a.id });
  }
  const routes = new Map<string, ClientVpnEndpoint['routes'][number][]>();
  for (const r of g.byType('aws_ec2_client_vpn_route')) {
    push(routes, read.requiredRef(r, 'client_vpn_endpoint_id', VPN), { cidr: read.text(r, 'destination_cidr_block') ?? UNKNOWN, subnet: read.requiredRef(r, 'target_vpc_subnet_id', ['aws_subnet']), source: r.id });
  }
  return g.byType('aws_ec2_client_vpn_endpoint').map((r) => ({
    id: r.id,
    clientCidr: read.text(r, 'client_cidr_block') ?? UNKNOWN,
    splitTunnel: read.flag(r, 'split_tunnel', false) === true,
    ...optional('vpc', read.ref(r, 'vpc_id', r.attrs.vpc_id, ['aws_vpc'])),
    securityGroups: read.refs(r, 'security_group_ids', r.attrs.security_group_ids, GROUP_TYPES),
    associatedSubnets: unique(subnets.get(r.id) ?? []),
    authorizations: (authorizations.get(r.id) ?? []).sort((a, b) => compare(a.cidr, b.cidr) || compare(a.source, b.source)),
    routes: (routes.get(r.id) ?? []).sort((a, b) => compare(a.cidr, b.cidr) || compare(a.source, b.source)),
    connectionLogging: blocks(r.attrs.connection_log_options).some((b, i) => read.flag(r, `connection_log_options[${i}].enabled`, false, b.enabled) === true),
  }));
}

/** Every load balancer (`aws_lb`, `aws_alb`) with its subnets (or subnet mappings), groups and listeners. */
export function buildLoadBalancers(read: ModelReader): LoadBalancer[] {
  const g = read.graph;
  const LB = ['aws_lb', 'aws_alb'];
  const listeners = new Map<string, LoadBalancer['listeners'][number][]>();
  for (const l of [...g.byType('aws_lb_listener'), ...g.byType('aws_alb_listener')]) {
    const port = read.num(l, 'port');
    push(listeners, read.requiredRef(l, 'load_balancer_arn', LB, ['arn', 'id']), { id: l.id, port: typeof port === 'number' ? port : -1, protocol: read.text(l, 'protocol') ?? UNKNOWN });
  }
  return [...g.byType('aws_lb'), ...g.byType('aws_alb')].map((r) => ({
    id: r.id,
    // An unknown scheme counts as internal: the model must not open a path from the internet it cannot prove.
    internal: read.flag(r, 'internal', false) !== false,
    subnets: unique([...read.refs(r, 'subnets', r.attrs.subnets, ['aws_subnet']), ...blocks(r.attrs.subnet_mapping).map((b, i) => read.ref(r, `subnet_mapping[${i}].subnet_id`, b.subnet_id, ['aws_subnet']) ?? UNKNOWN)]),
    securityGroups: read.refs(r, 'security_groups', r.attrs.security_groups, GROUP_TYPES),
    listeners: (listeners.get(r.id) ?? []).sort((a, b) => a.port - b.port || compare(a.id, b.id)),
  }));
}

/** Every EC2 Instance Connect Endpoint with its subnet and security groups. */
export function buildInstanceConnectEndpoints(read: ModelReader): InstanceConnectEndpoint[] {
  return read.graph.byType('aws_ec2_instance_connect_endpoint').map((r) => ({
    id: r.id,
    subnet: read.requiredRef(r, 'subnet_id', ['aws_subnet']),
    securityGroups: read.refs(r, 'security_group_ids', r.attrs.security_group_ids, GROUP_TYPES),
  }));
}
