/**
 * Checks shared by the intents about interface endpoints (I6 for Session Manager, I9 for ECR): every
 * workload subnet of a spoke reaches the service's endpoint on 443 with its tier groups, and, when the
 * endpoint is the hub's shared by zone association, the spoke resolves the service's name to it.
 */
import { endpointService, recordNames, zoneName } from '../../lib/aws/endpoints';
import type { Subnet, Vpc } from '../network/types';
import { formatAddress, lastInstanceAddress, parseRange } from '../reach/address';
import { reach } from '../reach/reach';
import { subnetShortName } from '../reach/model-index';
import type { Endpoint } from '../reach/types';
import { serviceOf, spokeSubnetLabel, type IntentContext, type SpokeView } from './context';
import { expectReachable, fact, type Outcome } from './outcome';

/**
 * The spoke's workloads reach `service`'s interface endpoint in `where` (the endpoints VPC when
 * `central`, the spoke's own VPC when `local`) on 443, each through the endpoint's interface in its
 * own Availability Zone, as the endpoint's DNS answer would name it.
 */
export function interfaceEndpointChecks(context: IntentContext, view: SpokeView, service: string, mode: 'central' | 'local', where: Vpc): Outcome[] {
  const index = context.index;
  const endpoint = context.model.vpcEndpoints.find((e) => e.vpc === where.id && e.type === 'Interface' && serviceOf(e.service) === service);
  if (!endpoint) return [fact(`${service} endpoint`, false, `endpoints are ${mode}, but ${where.name} has no ${service} interface endpoint`)];
  const outcomes: Outcome[] = [];
  const dns = nameResolution(context, view, service, mode);
  if (dns) outcomes.push(dns);
  const subnets = endpoint.subnets.map((s) => index.subnets.get(s)).filter((s): s is Subnet => s !== undefined);
  for (const subnet of view.workloads) {
    const eniSubnet = subnets.find((s) => s.az === subnet.az) ?? subnets[0];
    if (!eniSubnet) {
      outcomes.push(fact(`${service} endpoint`, false, `${endpoint.id} has no subnet in the synthesized output`, endpoint.id));
      continue;
    }
    const range = parseRange(eniSubnet.cidr);
    // Local endpoints share the workloads' subnets: their interface gets an address of its own.
    const address = range && formatAddress(lastInstanceAddress(range));
    const to: Endpoint = { kind: 'eni', subnet: eniSubnet.id, securityGroups: endpoint.securityGroups, ...(address ? { address } : {}), label: `endpoint ${service} (${where.name}/${subnetShortName(index, eniSubnet)})`, resource: endpoint.id };
    outcomes.push(expectReachable(`${spokeSubnetLabel(view, subnet)} (tier groups) → ${service} tcp/443`, reach(context.model, { kind: 'subnet', subnet: subnet.id }, to, 'tcp', 443)));
  }
  return outcomes;
}

/**
 * The endpoint's name must resolve to it from the spoke: with central endpoints shared by zone
 * association, the hub's private hosted zone for the service must be associated with the spoke VPC
 * (without it, instances resolve the public service name and leave through NAT, or fail without
 * egress). Route 53 Profiles are not in the network model: no check (documented gap); local
 * endpoints use private DNS in the VPC itself.
 */
function nameResolution(context: IntentContext, view: SpokeView, service: string, mode: 'central' | 'local'): Outcome | undefined {
  if (mode !== 'central' || context.lz.hub.dns.sharing !== 'zone-association') return undefined;
  const catalog = endpointService(service);
  if (!catalog) return undefined;
  const name = zoneName(catalog, context.lz.region);
  const label = `${view.spoke.name} resolves ${name} to the hub endpoint`;
  const zone = context.model.hostedZones.find((z) => z.name.replace(/\.$/, '') === name);
  if (!zone) return fact(label, false, `no private hosted zone ${name} in the synthesized output`);
  if (!zone.vpcs.includes(view.vpc!.id)) return fact(label, false, `the private hosted zone ${name} (${zone.id}) is not associated with ${view.vpc!.name}: instances would resolve the public ${service} endpoint`, zone.id);
  // The zone answers only the names it holds records for: without its alias record (apex or wildcard)
  // the name gets NXDOMAIN from the private zone instead of the endpoint's addresses.
  // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html
  const missing = recordNames(catalog, context.lz.region).filter((want) => !zone.records.some((r) => r.type === 'A' && recordName(r.name, name) === want));
  if (missing.length > 0) return fact(label, false, `the private hosted zone ${name} (${zone.id}) has no alias record ${missing.join(', ')}: the name does not resolve to the endpoint`, zone.id);
  return fact(label, true, `${name} (${zone.id}) is associated with ${view.vpc!.name}`);
}

/** A record name as Route 53 stores it, fully qualified (`\\052` is its escape of `*`), lower case, without the final dot. */
function recordName(name: string, zone: string): string {
  const n = name.replace(/\\052/g, '*').replace(/\.$/, '').toLowerCase();
  return n === zone || n.endsWith(`.${zone}`) ? n : `${n}.${zone}`;
}
