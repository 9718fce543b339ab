/**
 * I1: the internet reaches no app or DB subnet (nor a hub VPC's private subnets); only the load
 * balancer, on 443 (and 80, which redirects), and on no other port. A request the internet gateway
 * delivers refutes it even when the reply leaves another way and dies (a public address in a subnet
 * whose default route is not the internet gateway).
 */
import type { Subnet } from '../network/types';
import { reach } from '../reach/reach';
import { lastSegment, subnetShortName } from '../reach/model-index';
import type { Endpoint } from '../reach/types';
import { spokeSubnetLabel, subnetsOf, type IntentContext, type SpokeView } from './context';
import { all, conclude, expectBlocked, expectReachable, fact, undecided, type Outcome } from './outcome';
import { ADMIN_PORTS, allowedClient, internetProbes, uniquePorts } from './probes';
import type { IntentResult } from './types';

/** Title of I1. */
export const INTERNET_INGRESS_TITLE = 'The internet reaches no app or DB subnet; only the load balancer, on 443 (and 80 for the redirect)';

/** Evaluates I1 for every spoke and hub VPC. */
export function internetIngress(context: IntentContext): IntentResult[] {
  const results = context.spokes.map((view) => conclude('I1', INTERNET_INGRESS_TITLE, view.spoke.name, spokeChecks(context, view)));
  for (const vpc of [context.endpointsVpc, context.egressVpc]) {
    if (!vpc) continue;
    const probes = internetProbes(context.index, vpc.id);
    const outcomes = subnetsOf(context.model, vpc)
      .filter((s) => s.tier !== 'public')
      .map((s) => blockedFromInternet(context, probes, s, `${vpc.name}/${subnetShortName(context.index, s)}`, [...ADMIN_PORTS, 53, 443]));
    results.push(conclude('I1', INTERNET_INGRESS_TITLE, `hub ${vpc.name}`, outcomes));
  }
  return results;
}

function blockedFromInternet(context: IntentContext, probes: readonly string[], subnet: Subnet, label: string, ports: readonly number[]): Outcome {
  // Any workload, whatever its groups: the proof must not rest on a group that an instance may not carry.
  const to: Endpoint = { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' };
  const outcomes = probes.flatMap((address) => ports.map((port) => expectBlocked(`from ${address} tcp/${port}`, reach(context.model, { kind: 'internet', address }, to, 'tcp', port))));
  return all(`internet → ${label}`, outcomes, `tcp ${ports.join(', ')} from ${probes.join(', ')}, any security group`);
}

function spokeChecks(context: IntentContext, view: SpokeView): Outcome[] {
  const { spoke, vpc } = view;
  if (!vpc) return [undecided('spoke VPC', `no VPC with ${spoke.vpc.cidr} in the synthesized output`)];
  const index = context.index;
  const probes = internetProbes(index, vpc.id);
  const targetPorts = (spoke.alb?.hosts ?? []).map((h) => h.port);
  const outcomes = view.workloads.map((s) => blockedFromInternet(context, probes, s, spokeSubnetLabel(view, s), uniquePorts([...ADMIN_PORTS, 80, 443, spoke.databasePort, ...targetPorts])));

  const balancers = context.model.loadBalancers.filter((lb) => lb.subnets.some((s) => index.subnets.get(s)?.vpc === vpc.id));
  if (spoke.alb && balancers.length === 0) outcomes.push(fact('load balancer', false, `the config declares an ALB for ${spoke.name}, but the synthesized output has none in ${vpc.name}`));
  for (const lb of balancers) {
    const listenerPorts = lb.listeners.map((l) => l.port);
    const webPorts = listenerPorts.filter((p) => p === 443 || p === 80);
    const closedPorts = uniquePorts([...ADMIN_PORTS, ...targetPorts, ...listenerPorts.filter((p) => p !== 443 && p !== 80)]);
    for (const subnetId of lb.subnets) {
      const subnet = index.subnets.get(subnetId);
      if (!subnet) continue;
      const name = `alb ${lastSegment(lb.id)} (${subnetShortName(index, subnet)})`;
      const eni: Endpoint = { kind: 'eni', subnet: subnetId, securityGroups: lb.securityGroups, publicAddress: !lb.internal, label: name, resource: lb.id };
      if (!lb.internal) {
        for (const port of webPorts) {
          const client = allowedClient(index, lb, port);
          outcomes.push(expectReachable(`internet ${client} → ${name} tcp/${port}`, reach(context.model, { kind: 'internet', address: client }, eni, 'tcp', port)));
        }
      }
      // An internal load balancer has no public address: no port at all is open to the internet.
      const ports = lb.internal ? uniquePorts([...webPorts, ...closedPorts]) : closedPorts;
      const closed = probes.flatMap((address) => ports.map((port) => expectBlocked(`from ${address} tcp/${port}`, reach(context.model, { kind: 'internet', address }, eni, 'tcp', port))));
      outcomes.push(all(`internet → ${name} on ${lb.internal ? 'any port' : 'other ports'}`, closed, `tcp ${ports.join(', ')} from ${probes.join(', ')}`));
    }
  }
  return outcomes;
}
