/**
 * LZ-DNSFW01: once the landing zone runs a DNS Firewall, every VPC of every workspace is associated
 * with a rule group; LZ-DNSFW02 (same file): every associated VPC fails closed.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-overview.html
 */
import type { ResourceGraph } from '../../graph/types';
import { UNKNOWN } from '../../network/reader';
import type { NetworkModel } from '../../network/types';
import { finding } from '../helpers/findings';
import { networkOf, unresolvedOf } from '../helpers/network';
import type { Rule, Violation } from '../types';

/** Whether the synthesized landing zone uses DNS Firewall at all (a rule group or an association anywhere). */
export function usesDnsFirewall(graph: ResourceGraph, network: NetworkModel): boolean {
  return graph.byType('aws_route53_resolver_firewall_rule_group').length > 0 || (network.dnsFirewallAssociations ?? []).length > 0;
}

/** Rule LZ-DNSFW01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-DNSFW01',
  title: 'When the landing zone runs a DNS Firewall (hub.dnsFirewall), every VPC is associated with a rule group',
  why: 'DNS Firewall filters only the queries of associated VPCs: one VPC left out resolves malware and command-and-control domains freely, and is where an attacker would stage exfiltration over DNS. A landing zone without hub.dnsFirewall has no findings here.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpc'],
  check(graph, context) {
    const network = networkOf(graph, context);
    if (!usesDnsFirewall(graph, network)) return [];
    const associations = network.dnsFirewallAssociations ?? [];
    const covered = new Set(associations.map((a) => a.vpc));
    const hidden = associations.find((a) => a.vpc === UNKNOWN);
    const out: Violation[] = [];
    for (const vpc of network.vpcs) {
      if (covered.has(vpc.id)) continue;
      const resource = graph.get(vpc.id);
      if (!resource) continue;
      const unknown = hidden && unresolvedOf(network, hidden.id, 'vpc_id');
      if (unknown) out.push({ resource, message: `cannot prove this VPC is associated with a DNS Firewall rule group: ${unknown.$unknown} is unknown before apply`, unknown: true });
      else out.push(finding(resource, `no DNS Firewall rule group is associated with VPC ${vpc.name}: its DNS queries bypass the landing zone's DNS Firewall`));
    }
    return out;
  },
};

/** Rule LZ-DNSFW02: its table entry and its check. */
export const failClosedRule: Rule = {
  id: 'LZ-DNSFW02',
  title: 'Every VPC under DNS Firewall fails closed (firewall_fail_open DISABLED)',
  why: 'A VPC that fails open resolves every name while DNS Firewall cannot evaluate a query, which is exactly when filtering matters. Fail open is a deliberate availability choice (hub.dnsFirewall.failOpen); suppress with the reason when it is one.',
  level: 'warning',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_route53_resolver_firewall_rule_group_association'],
  check(graph, context) {
    const network = networkOf(graph, context);
    const configs = new Map((network.dnsFirewallFailOpen ?? []).map((c) => [c.vpc, c]));
    const out: Violation[] = [];
    for (const a of network.dnsFirewallAssociations ?? []) {
      const resource = graph.get(a.id);
      if (!resource) continue;
      const config = configs.get(a.vpc);
      const vpc = network.vpcs.find((v) => v.id === a.vpc)?.name ?? a.vpc;
      if (config?.failOpen === true) out.push(finding(resource, `VPC ${vpc} fails open (${config.id}): queries DNS Firewall cannot evaluate are answered`));
      else if (config?.failOpen === UNKNOWN) out.push({ resource, message: `cannot prove VPC ${vpc} fails closed: firewall_fail_open of ${config.id} is unknown before apply`, unknown: true });
    }
    return out;
  },
};
