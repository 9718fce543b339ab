/**
 * I2: a spoke's internet traffic leaves the way its `egress` says: through the hub's NAT gateways and
 * internet gateway (`central`), its own (`local`), or not at all (`none`); and no route table of a
 * non-public subnet sends anything to an internet gateway.
 */
import type { Hop, Reachable } from '../reach/types';
import { reach } from '../reach/reach';
import { subnetShortName } from '../reach/model-index';
import { spokeSubnetLabel, type IntentContext, type SpokeView } from './context';
import { conclude, expectBlocked, expectReachable, fact, undecided, type Outcome } from './outcome';
import type { IntentResult } from './types';

/** Title of I2. */
export const INTERNET_EGRESS_TITLE = 'Spoke internet egress leaves only the way `egress` says (hub NAT for central); no unintended internet gateway route';

/** Evaluates I2 for every spoke. */
export function internetEgress(context: IntentContext): IntentResult[] {
  return context.spokes.map((view) => conclude('I2', INTERNET_EGRESS_TITLE, view.spoke.name, [...egressChecks(context, view), ...igwRouteChecks(context, view)]));
}

/** The VPC of the NAT gateway and of the internet gateway a path leaves through. */
function exits(context: IntentContext, hops: readonly Hop[]): { nat?: Hop; natVpc?: string; igw?: Hop; igwVpc?: string } {
  const index = context.index;
  const nat = hops.find((h) => h.kind === 'nat');
  const igw = hops.find((h) => h.kind === 'igw');
  const natGateway = nat && index.natGateways.get(nat.id);
  return {
    ...(nat ? { nat } : {}),
    ...(natGateway ? { natVpc: index.subnets.get(natGateway.subnet)?.vpc } : {}),
    ...(igw ? { igw, igwVpc: index.internetGateways.get(igw.id)?.vpc } : {}),
  };
}

function egressChecks(context: IntentContext, view: SpokeView): Outcome[] {
  const { spoke, vpc } = view;
  if (!vpc) return [undecided('spoke VPC', `no VPC with ${spoke.vpc.cidr} in the synthesized output`)];
  const egressVpc = context.egressVpc;
  return view.workloads.map((subnet) => {
    const label = `${spokeSubnetLabel(view, subnet)} → internet tcp/443 (any security group)`;
    // The route is under test, not the tier's groups: a workload whose groups allow HTTPS out.
    const result = reach(context.model, { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' }, { kind: 'internet' }, 'tcp', 443);
    // Local egress without NAT gateways has no way out either (the tier groups open no HTTPS then).
    const mode = spoke.vpc.egress === 'local' && spoke.vpc.natGateways === 'none' ? 'none' : spoke.vpc.egress;
    switch (mode) {
      case 'none':
        return expectBlocked(label, result);
      case 'local':
        return expectReachable(label, result, (r: Reachable) => {
          const out = exits(context, r.path);
          if (out.natVpc !== vpc.id) return { reason: `egress is local, but the path leaves through ${out.nat ? `NAT ${out.nat.id} of another VPC` : 'no NAT gateway'}`, culprit: out.nat?.id ?? out.igw?.id };
          return undefined;
        });
      case 'central':
        if (!egressVpc) return undecided(label, 'egress is central, but no hub egress VPC is in the synthesized output');
        return expectReachable(label, result, (r: Reachable) => {
          const out = exits(context, r.path);
          if (out.natVpc !== egressVpc.id || out.igwVpc !== egressVpc.id) {
            const culprit = out.igwVpc !== egressVpc.id ? out.igw?.id : out.nat?.id;
            return { reason: `egress is central, but the path does not leave through the NAT and internet gateways of ${egressVpc.name}`, ...(culprit ? { culprit } : {}) };
          }
          return undefined;
        });
    }
  });
}

function igwRouteChecks(context: IntentContext, view: SpokeView): Outcome[] {
  const { vpc } = view;
  if (!vpc) return [];
  const index = context.index;
  const outcomes: Outcome[] = [];
  for (const table of context.model.routeTables) {
    if (table.vpc !== vpc.id) continue;
    const users = view.subnets.filter((s) => (s.routeTable ?? vpc.mainRouteTable) === table.id);
    for (const route of table.routes) {
      if (route.target.kind !== 'igw') continue;
      const wrong = users.filter((s) => s.tier !== 'public');
      const label = `${table.name} ${route.destination}→igw`;
      const names = (list: typeof users) => list.map((s) => subnetShortName(index, s)).join(', ') || 'no subnet';
      outcomes.push(
        wrong.length === 0
          ? fact(label, true, `used by public subnets only (${names(users)})`)
          : fact(label, false, `an internet gateway route in a table used by non-public subnets ${names(wrong)}`, route.source ?? table.id),
      );
    }
  }
  return outcomes;
}
