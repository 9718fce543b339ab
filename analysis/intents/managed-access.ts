/**
 * I6: instances reach the Session Manager endpoints (the hub's when `central`, the spoke's own when
 * `local`) on 443 with their tier's groups; nobody outside the VPC opens 22 or 3389 to them, and SSH
 * arrives only through the EC2 Instance Connect Endpoint.
 */
import { endpointService, zoneName } from '../../lib/aws/endpoints';
import { SSM_ENDPOINT_SERVICES } from '../../config/model';
import type { Subnet } from '../network/types';
import { formatAddress, lastInstanceAddress, parseRange, rangeContains } from '../reach/address';
import { defaultGroups } from '../reach/ends';
import { reach } from '../reach/reach';
import { lastSegment, subnetShortName } from '../reach/model-index';
import { ruleText } from '../reach/security-groups';
import type { Endpoint } from '../reach/types';
import { serviceOf, spokeSubnetLabel, subnetsOf, type IntentContext, type SpokeView } from './context';
import { interfaceEndpointChecks } from './endpoint-reach';
import { all, conclude, expectBlocked, expectReachable, fact, undecided, type Outcome } from './outcome';
import { onPremisesSources } from './on-premises-access';
import { ADMIN_PORTS } from './probes';
import type { IntentResult } from './types';

/** Title of I6. */
export const MANAGED_ACCESS_TITLE = 'Instances reach the SSM endpoints on 443; no inbound 22/3389 from outside the VPC except through EC2 Instance Connect';

/** Evaluates I6 for every spoke. */
export function managedAccess(context: IntentContext): IntentResult[] {
  return context.spokes.map((view) => {
    if (!view.vpc) return conclude('I6', MANAGED_ACCESS_TITLE, view.spoke.name, [undecided('spoke VPC', `no VPC with ${view.spoke.vpc.cidr} in the synthesized output`)]);
    return conclude('I6', MANAGED_ACCESS_TITLE, view.spoke.name, [...ssmChecks(context, view), ...localNameChecks(context, view), ...adminPortChecks(context, view), ...instanceConnectChecks(context, view)]);
  });
}

function ssmChecks(context: IntentContext, view: SpokeView): Outcome[] {
  const mode = view.spoke.access.ssm.endpoints;
  const where = mode === 'central' ? context.endpointsVpc : view.vpc;
  if (!where) return [undecided('Session Manager endpoints', `endpoints are ${mode}, but the VPC that should hold them is not in the synthesized output`)];
  return SSM_ENDPOINT_SERVICES.flatMap((service) => interfaceEndpointChecks(context, view, service, mode, where));
}

/**
 * Names the spoke serves itself come from its own endpoints only. An interface endpoint with private
 * DNS in the spoke VPC (the local Session Manager endpoints: ssm, ssmmessages, ec2messages, kms, logs)
 * already gives the VPC a private zone of its service's name; Route 53 refuses to associate a hub zone
 * of the same name with that VPC ("ConflictingDomainExists"), so such an association fails the apply.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html#API_AssociateVPCWithHostedZone_Errors
 */
function localNameChecks(context: IntentContext, view: SpokeView): Outcome[] {
  const vpc = view.vpc!;
  return context.model.vpcEndpoints
    .filter((e) => e.vpc === vpc.id && e.type === 'Interface' && e.privateDns)
    .flatMap((endpoint) => {
      const service = serviceOf(endpoint.service);
      const catalog = endpointService(service);
      if (!catalog) return [];
      const name = zoneName(catalog, context.lz.region);
      const label = `${view.spoke.name} resolves ${name} to its own ${service} endpoint`;
      const zone = context.model.hostedZones.find((z) => z.name.replace(/\.$/, '') === name && z.vpcs.includes(vpc.id));
      return [
        zone
          ? fact(label, false, `${vpc.name} has ${endpoint.id} with private DNS and is also associated with the private hosted zone ${name} (${zone.id}): Route 53 refuses a second zone of that name (ConflictingDomainExists)`, zone.id)
          : fact(label, true, `private DNS of ${endpoint.id}; no other zone named ${name} is associated with ${vpc.name}`),
      ];
    });
}

/** Groups the Instance Connect Endpoint sends SSH to: the group instances join to accept it. */
function instanceConnectClientGroups(context: IntentContext, view: SpokeView): string[] {
  const eice = context.model.instanceConnectEndpoints.find((e) => context.index.subnets.get(e.subnet)?.vpc === view.vpc?.id);
  if (!eice) return [];
  return eice.securityGroups.flatMap((g) => (context.index.securityGroups.get(g)?.egress ?? []).flatMap((r) => (r.peer.kind === 'sg' && r.fromPort <= 22 && 22 <= r.toPort ? [r.peer.id] : [])));
}

/** A workload's groups at their most exposed: its tier's groups plus the Instance Connect clients group it may join. */
function exposedGroups(context: IntentContext, view: SpokeView, subnet: Subnet): readonly string[] | 'any' {
  const tier = defaultGroups(context.index, subnet);
  return tier === 'any' ? 'any' : [...tier, ...instanceConnectClientGroups(context, view)];
}

/**
 * No rule of the workload's groups may admit 22 or 3389 from outside the VPC: proved on the rules
 * themselves, so it holds for every address (a group reference only matches inside the VPC; a CIDR
 * must lie inside the VPC range).
 */
function groupRuleCheck(context: IntentContext, view: SpokeView, subnet: Subnet, groups: readonly string[] | 'any'): Outcome {
  const label = `groups of ${spokeSubnetLabel(view, subnet)} admit 22/3389 only from inside the VPC`;
  if (groups === 'any') return undecided(label, `${spokeSubnetLabel(view, subnet)} has no tier security group, so its instances' groups are not in the output`);
  const inside = (view.vpc?.cidrs ?? []).map((c) => parseRange(c)).filter((r) => r !== undefined);
  for (const id of groups) {
    const group = context.index.securityGroups.get(id);
    if (!group) return undecided(label, `security group ${id} is not in the synthesized output`, id);
    for (const rule of group.ingress) {
      const all = rule.protocol === '-1';
      if (!all && rule.protocol !== 'tcp' && rule.protocol !== '6') continue;
      if (!all && !ADMIN_PORTS.some((p) => rule.fromPort <= p && p <= rule.toPort)) continue;
      const text = `${group.name} ${ruleText(rule, 'ingress', (g) => context.index.securityGroups.get(g)?.name)}`;
      if (rule.peer.kind === 'sg') {
        if (context.index.securityGroups.get(rule.peer.id)?.vpc !== view.vpc?.id) return fact(label, false, `${text}: a group of another VPC`, rule.source);
        continue;
      }
      if (rule.peer.kind === 'cidr') {
        const range = parseRange(rule.peer.cidr);
        if (!range) return undecided(label, `${text}: the range is unknown before apply`, rule.source);
        if (!inside.some((r) => rangeContains(r, range))) return fact(label, false, `${text} admits addresses outside the VPC`, rule.source);
        continue;
      }
      return undecided(label, `${text}: its peer cannot be resolved to addresses offline`, rule.source);
    }
  }
  const names = groups.map((g) => context.index.securityGroups.get(g)?.name ?? g).join(', ');
  return fact(label, true, `no ingress rule of ${names} admits tcp/22 or tcp/3389 from outside ${(view.vpc?.cidrs ?? []).join(', ')}`);
}

function adminPortChecks(context: IntentContext, view: SpokeView): Outcome[] {
  const model = context.model;
  const sources: { label: string; endpoint: Endpoint }[] = [{ label: 'internet', endpoint: { kind: 'internet' } }, ...onPremisesSources(context)];
  // One spoke per segment stands for the others: the group rules above are what holds for every
  // address; these paths show where each kind of outsider is stopped.
  const segments = new Set<string>();
  for (const other of context.spokes) {
    if (other === view || !other.representative || segments.has(other.spoke.segment)) continue;
    segments.add(other.spoke.segment);
    sources.push({ label: spokeSubnetLabel(other, other.representative), endpoint: { kind: 'subnet', subnet: other.representative.id, securityGroups: 'any' } });
  }
  const hubSubnet = subnetsOf(model, context.endpointsVpc).find((s) => s.tier !== 'tgw');
  if (hubSubnet && context.endpointsVpc) sources.push({ label: `${context.endpointsVpc.name}/${subnetShortName(context.index, hubSubnet)}`, endpoint: { kind: 'subnet', subnet: hubSubnet.id, securityGroups: 'any' } });
  const vpn = model.clientVpnEndpoints.find((e) => e.vpc === view.vpc?.id);
  if (vpn) sources.push({ label: 'client-vpn users', endpoint: { kind: 'client-vpn', endpoint: vpn.id } });

  return view.workloads.flatMap((subnet) => {
    const groups = exposedGroups(context, view, subnet);
    const to: Endpoint = { kind: 'subnet', subnet: subnet.id, securityGroups: groups };
    const outcomes = sources.flatMap((source) => ADMIN_PORTS.map((port) => expectBlocked(`from ${source.label} tcp/${port}`, reach(model, source.endpoint, to, 'tcp', port))));
    const tried = `${sources.map((s) => s.label).join(', ')}; groups: tier${groups === 'any' ? ' (none: any)' : ' + instance-connect clients'}`;
    return [groupRuleCheck(context, view, subnet, groups), all(`outside → ${spokeSubnetLabel(view, subnet)} tcp/22,3389`, outcomes, tried)];
  });
}

function instanceConnectChecks(context: IntentContext, view: SpokeView): Outcome[] {
  const wanted = view.spoke.access.instanceConnect;
  const eice = context.model.instanceConnectEndpoints.find((e) => context.index.subnets.get(e.subnet)?.vpc === view.vpc?.id);
  if (!wanted && !eice) return [];
  if (!eice) return [fact('EC2 Instance Connect Endpoint', false, `the config declares one in subnet ${wanted!.subnet}, but the synthesized output has none in ${view.vpc?.name}`)];
  const index = context.index;
  const subnet = index.subnets.get(eice.subnet);
  const range = subnet && parseRange(subnet.cidr);
  if (!subnet || !range) return [undecided('EC2 Instance Connect Endpoint', `subnet ${eice.subnet} of ${eice.id} is not in the synthesized output`, eice.id)];
  // Its own address, not the one standing for workloads of the same subnet.
  const address = formatAddress(lastInstanceAddress(range));
  const from: Endpoint = { kind: 'eni', subnet: subnet.id, securityGroups: eice.securityGroups, address, label: `eice ${lastSegment(eice.id)} (${spokeSubnetLabel(view, subnet)})`, resource: eice.id };
  return view.workloads.map((target) =>
    expectReachable(`eice → ${spokeSubnetLabel(view, target)} tcp/22 (tier + instance-connect clients groups)`, reach(context.model, from, { kind: 'subnet', subnet: target.id, securityGroups: exposedGroups(context, view, target) }, 'tcp', 22)),
  );
}
