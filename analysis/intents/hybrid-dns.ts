/** I7: on-premises reaches every inbound Resolver interface on TCP and UDP 53. */
import { parseAddress, parseRange, holds } from '../reach/address';
import { reach } from '../reach/reach';
import { lastSegment, subnetShortName } from '../reach/model-index';
import type { Endpoint, Protocol } from '../reach/types';
import type { IntentContext } from './context';
import { conclude, expectReachable, fact, type Outcome } from './outcome';
import { onPremisesSources } from './on-premises-access';
import type { IntentResult } from './types';

/** Title of I7. */
export const HYBRID_DNS_TITLE = 'On-premises reaches the inbound Resolver on TCP and UDP 53';

/** Evaluates I7 (nothing to prove when the config has no inbound endpoint and the output none). */
export function hybridDns(context: IntentContext): IntentResult[] {
  const inbound = context.model.resolverEndpoints.filter((r) => r.direction === 'INBOUND');
  if (!context.lz.hub.dns.inbound && inbound.length === 0) return [];
  if (inbound.length === 0) return [conclude('I7', HYBRID_DNS_TITLE, 'resolver inbound', [fact('inbound endpoint', false, 'the config declares an inbound Resolver endpoint, but the synthesized output has none')])];
  const index = context.index;
  const sources = onPremisesSources(context);
  return inbound.map((resolver) => {
    const outcomes: Outcome[] = [];
    for (const subnetId of resolver.subnets) {
      const subnet = index.subnets.get(subnetId);
      const range = subnet && parseRange(subnet.cidr);
      if (!subnet || !range) continue;
      // A static address in this subnet when the config gave one, else the engine's representative.
      const address = resolver.ips.find((ip) => {
        const a = parseAddress(ip);
        return a !== undefined && holds(range, a);
      });
      const vpcName = index.vpcs.get(subnet.vpc)?.name ?? subnet.vpc;
      const to: Endpoint = { kind: 'eni', subnet: subnet.id, securityGroups: resolver.securityGroups, ...(address ? { address } : {}), label: `resolver inbound (${vpcName}/${subnetShortName(index, subnet)})`, resource: resolver.id };
      for (const source of sources) {
        for (const protocol of ['udp', 'tcp'] as Protocol[]) {
          outcomes.push(expectReachable(`${source.label} → resolver ${address ?? subnetShortName(index, subnet)} ${protocol}/53`, reach(context.model, source.endpoint, to, protocol, 53)));
        }
      }
    }
    return conclude('I7', HYBRID_DNS_TITLE, `resolver ${lastSegment(resolver.id)}`, outcomes);
  });
}
