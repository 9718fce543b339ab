/**
 * I5: Client VPN users reach the DB subnets on the database port (and the extra ranges the config
 * authorizes), and, when the hub centralizes interface endpoints, those endpoints on 443 (the VPC
 * resolver answers AWS service names with their addresses, so `aws ssm start-session` and `aws sts`
 * go there); nothing else: not the spoke's other tiers, other VPCs, other ports of the endpoints VPC,
 * on-premises or the internet.
 */
import { formatAddress, lastInstanceAddress, parseRange, rangesOverlap } from '../reach/address';
import { observing } from '../reach/observe';
import { reach } from '../reach/reach';
import { subnetShortName } from '../reach/model-index';
import type { Endpoint } from '../reach/types';
import { serviceOf, spokeSubnetLabel, type IntentContext, type SpokeView } from './context';
import { all, allPeers, conclude, expectBlocked, expectReachable, fact, undecided, type Outcome } from './outcome';
import { onPremisesSources } from './on-premises-access';
import type { IntentResult } from './types';

/** Title of I5. */
export const CLIENT_VPN_ACCESS_TITLE = 'Client VPN users reach the DB subnets (and listed ranges, and the hub endpoints on 443) only';

/** Evaluates I5 for every spoke with a Client VPN. */
export function clientVpnAccess(context: IntentContext): IntentResult[] {
  return context.spokes.filter((v) => v.spoke.clientVpn).map((view) => conclude('I5', CLIENT_VPN_ACCESS_TITLE, view.spoke.name, checks(context, view)));
}

function checks(context: IntentContext, view: SpokeView): Outcome[] {
  const { spoke, vpc } = view;
  const vpn = spoke.clientVpn!;
  if (!vpc) return [undecided('spoke VPC', `no VPC with ${spoke.vpc.cidr} in the synthesized output`)];
  const endpoint = context.model.clientVpnEndpoints.find((e) => e.vpc === vpc.id);
  if (!endpoint) return [fact('Client VPN endpoint', false, `the config declares a Client VPN for ${spoke.name}, but the synthesized output has none in ${vpc.name}`)];
  const from: Endpoint = { kind: 'client-vpn', endpoint: endpoint.id };
  const model = context.model;
  const outcomes: Outcome[] = [];

  // Positive: each DB subnet on the database port, with the DB tier's own groups.
  const db = view.subnets.filter((s) => s.tier === 'db');
  for (const subnet of db) {
    outcomes.push(expectReachable(`client-vpn → ${spokeSubnetLabel(view, subnet)} tcp/${spoke.databasePort}`, reach(model, from, { kind: 'subnet', subnet: subnet.id }, 'tcp', spoke.databasePort)));
  }
  // Listed ranges beyond the DB subnets: any subnet they cover, at the network level.
  const authorized = vpn.authorizedCidrs.map((c) => parseRange(c)).filter((r) => r !== undefined);
  const dbRanges = db.map((s) => parseRange(s.cidr)).filter((r) => r !== undefined);
  for (const subnet of model.subnets) {
    const range = parseRange(subnet.cidr);
    if (!range || dbRanges.some((r) => rangesOverlap(r, range)) || !authorized.some((a) => rangesOverlap(a, range))) continue;
    outcomes.push(expectReachable(`client-vpn → listed range ${subnetName(context, subnet.id)} tcp/443 (any security group)`, reach(model, from, { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' }, 'tcp', 443)));
  }

  // AWS APIs through the hub's interface endpoints.
  const hub = context.lz.hub.endpoints;
  const serviceRange = hub ? parseRange(hub.cidr) : undefined;
  if (hub) outcomes.push(...serviceEndpointChecks(context, from, hub.cidr));

  // Negative: every other subnet of every VPC (of the hub endpoints range, every port but 443),
  // on-premises and the internet, whatever their groups.
  const ports = [22, 443, spoke.databasePort];
  const isAuthorized = (cidr: string) => {
    const range = parseRange(cidr);
    return range !== undefined && authorized.some((a) => rangesOverlap(a, range));
  };
  // In its own VPC every subnet; elsewhere one per VPC (authorization and routes are decided by range,
  // so one address of another VPC stands for all of it, and 100 spokes stay fast).
  const others = new Set<string>();
  const targets = model.subnets.filter((s) => {
    if (isAuthorized(s.cidr)) return false;
    if (s.vpc === vpc.id) return true;
    if (others.has(s.vpc)) return false;
    others.add(s.vpc);
    return true;
  });
  // Its own and the hub's subnets one line each; the other spokes' VPCs folded into one line, so that
  // the evidence grows with the spokes, not their square.
  const elsewhere: Outcome[] = [];
  // Targets are the subnets no authorization rule overlaps, and the endpoint checks its authorization
  // rules before anything else (analysis/reach/reach.ts clientVpnInterface): once one other spoke has
  // been queried (its path is the line's evidence), the rest are decided by that rule alone, so the
  // intent costs one query per spoke with a Client VPN, not one per pair. Unless the rules do not all
  // parse, or an observer (lz plan-summary's flow matrix) wants every query.
  const decidable = !observing() && endpoint.authorizations.every((a) => parseRange(a.cidr) !== undefined);
  for (const subnet of targets) {
    const isElsewhere = subnet.vpc !== vpc.id && context.spokesByVpc.has(subnet.vpc);
    if (isElsewhere && decidable && elsewhere.length > 0) {
      elsewhere.push(fact(`client-vpn → ${subnetName(context, subnet.id)}`, true, `no authorization rule of the Client VPN endpoint covers ${subnet.cidr}`));
      continue;
    }
    const to: Endpoint = { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' };
    const range = parseRange(subnet.cidr);
    const servicePorts = serviceRange && range && rangesOverlap(serviceRange, range) ? ports.filter((p) => p !== 443) : ports;
    const checked = all(`client-vpn → ${subnetName(context, subnet.id)}`, servicePorts.map((p) => expectBlocked(`tcp/${p}`, reach(model, from, to, 'tcp', p))), `tcp ${servicePorts.join(', ')}, any security group`);
    (isElsewhere ? elsewhere : outcomes).push(checked);
  }
  if (elsewhere.length > 0) outcomes.push(allPeers('client-vpn → other spokes', elsewhere, `one subnet in each of ${elsewhere.length} other spoke VPCs, tcp ${ports.join(', ')}, any security group`));
  for (const source of onPremisesSources(context)) {
    outcomes.push(all(`client-vpn → ${source.label}`, ports.map((p) => expectBlocked(`tcp/${p}`, reach(model, from, source.endpoint, 'tcp', p))), `tcp ${ports.join(', ')}`));
  }
  outcomes.push(all('client-vpn → internet', ports.map((p) => expectBlocked(`tcp/${p}`, reach(model, from, { kind: 'internet' }, 'tcp', p))), `tcp ${ports.join(', ')}`));
  return outcomes;
}

/**
 * Clients reach each subnet of the hub's interface endpoints on 443, admitted by the endpoints' own
 * groups. One endpoint per subnet and group set stands for the others: authorization rules, routes
 * and groups decide by range and group, not by service.
 */
function serviceEndpointChecks(context: IntentContext, from: Endpoint, cidr: string): Outcome[] {
  const where = context.endpointsVpc;
  if (!where) return [undecided('hub endpoints', `the hub centralizes interface endpoints in ${cidr}, but no VPC with that range is in the synthesized output`)];
  const endpoints = context.model.vpcEndpoints.filter((e) => e.vpc === where.id && e.type === 'Interface');
  if (endpoints.length === 0) return [fact('hub endpoints', false, `${where.name} holds no interface endpoint`)];
  const outcomes: Outcome[] = [];
  const seen = new Set<string>();
  for (const endpoint of endpoints) {
    for (const subnetId of endpoint.subnets) {
      const key = `${subnetId} ${[...endpoint.securityGroups].sort().join(',')}`;
      const subnet = context.index.subnets.get(subnetId);
      if (seen.has(key) || !subnet) continue;
      seen.add(key);
      const range = parseRange(subnet.cidr);
      const address = range && formatAddress(lastInstanceAddress(range));
      const service = serviceOf(endpoint.service);
      const label = `endpoint ${service} (${subnetName(context, subnet.id)})`;
      const to: Endpoint = { kind: 'eni', subnet: subnet.id, securityGroups: endpoint.securityGroups, ...(address ? { address } : {}), label, resource: endpoint.id };
      outcomes.push(expectReachable(`client-vpn → hub ${label} tcp/443`, reach(context.model, from, to, 'tcp', 443)));
    }
  }
  return outcomes;
}

function subnetName(context: IntentContext, id: string): string {
  const subnet = context.index.subnets.get(id)!;
  const view = context.spokesByVpc.get(subnet.vpc);
  return view ? spokeSubnetLabel(view, subnet) : `${context.index.vpcs.get(subnet.vpc)?.name ?? subnet.vpc}/${subnetShortName(context.index, subnet)}`;
}
