/**
 * LZ-NACL01: no network ACL allows SSH or RDP in from the internet. Reads the ACLs of the analysis
 * network model (analysis/network/network-acls.ts: inline and `aws_network_acl_rule` entries, each
 * ACL's rules in rule-number order), the same reading the reachability proofs evaluate.
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html (rules are evaluated lowest number first; the first match decides)
 */
import type { ResourceGraph, TfResource, Unknown } from '../../graph/types';
import type { NaclRule, NetworkModel } from '../../network/types';
import { isWorldCidr, parseAnyCidr } from '../helpers/cidr';
import { finding, unknownFinding } from '../helpers/findings';
import { networkOf, unresolvedOf } from '../helpers/network';
import { coversPort, type PortRange } from '../helpers/security-groups';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

const ADMIN_PORTS = [22, 3389] as const;
const CLAIM = 'no network ACL allows the internet in to port 22 or 3389';
const UNKNOWN = 'unknown';

/** Rule LZ-NACL01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-NACL01',
  title: 'No network ACL allows inbound 0.0.0.0/0 or ::/0 to port 22 or 3389 ahead of a deny',
  why: 'ACLs are the subnet-wide backstop behind security groups; one that lets the internet reach administration ports removes that backstop for every instance in the subnet.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_232', 'CKV_AWS_231'], securityHub: ['EC2.21'] },
  appliesTo: ['aws_network_acl', 'aws_default_network_acl', 'aws_network_acl_rule'],
  check(graph, context) {
    const network = networkOf(graph, context);
    const out: Violation[] = [];
    for (const acl of network.networkAcls) {
      const holder = graph.get(acl.id)!;
      // An `ingress` list built by an expression: its rules cannot be read, so nothing is proved.
      const list = unresolvedOf(network, acl.id, '', ['ingress']);
      if (list) out.push(unknownFinding(holder, CLAIM, list));
      const inbound = acl.rules.filter((r) => !r.egress);
      for (const entry of inbound) out.push(...judge(graph, network, entry, inbound));
    }
    // Rules of an ACL the model cannot name are in no ACL of the model, but might be in any: unknown,
    // unless the rule is a literal deny (which admits nothing wherever it lands).
    for (const r of graph.byType('aws_network_acl_rule')) {
      const acl = unresolvedOf(network, r.id, '', ['network_acl_id']);
      if (acl && stringOf(graph, r.attrs.rule_action) !== 'deny') out.push(unknownFinding(r, CLAIM, acl));
    }
    return out;
  },
};

/** The finding (or "cannot prove") for one inbound entry that lets the internet reach an admin port ahead of every deny. */
function judge(graph: ResourceGraph, network: NetworkModel, entry: NaclRule, inbound: readonly NaclRule[]): Violation[] {
  const resource: TfResource = graph.get(entry.source)!;
  const prefix = entry.block ? `${entry.block}.` : '';
  const hidden: Unknown | undefined = unresolvedOf(network, entry.source, prefix);
  // The model reads an unknown action as deny: only a known deny is skipped.
  if (entry.action === 'deny' && !unresolvedOf(network, entry.source, prefix, ['action', 'rule_action'])) return [];
  const world = entry.cidr === UNKNOWN ? undefined : isWorldCidr(entry.cidr);
  if (world === false) return [];
  const ports = portsOf(entry);
  if (ports === null) return [];
  if (hidden) return ports === UNKNOWN || ADMIN_PORTS.some((p) => coversPort(ports, p)) ? [unknownFinding(resource, CLAIM, hidden)] : [];
  if (ports === UNKNOWN || world === undefined) return [];
  const open = ADMIN_PORTS.filter((p) => coversPort(ports, p) && !deniedEarlier(network, entry, inbound, p));
  if (open.length === 0) return [];
  const all = entry.protocol === '-1';
  const what = all ? 'all traffic' : `${entry.protocol} ${ports.from === ports.to ? ports.from : `${ports.from}-${ports.to}`}`;
  const detail = !all && ports.from === ports.to ? '' : ` (reaches ${open.join(' and ')})`;
  return [finding(resource, `${entry.block ?? 'ingress'} rule ${entry.ruleNumber} allows ${what} from ${entry.cidr}${detail}`)];
}

/** The ports an entry matches: all for protocol -1, the range for TCP/UDP, null for portless protocols, `unknown` when the model could not read them. */
function portsOf(entry: NaclRule): PortRange | null | typeof UNKNOWN {
  if (entry.protocol === UNKNOWN) return UNKNOWN;
  if (entry.protocol === '-1') return { from: 0, to: 65535 };
  if (entry.protocol !== 'tcp' && entry.protocol !== 'udp') return null;
  return { from: entry.fromPort, to: entry.toPort };
}

/** True when a known deny of the same ACL with a lower rule number drops the internet of the same family on this port first. */
function deniedEarlier(network: NetworkModel, entry: NaclRule, inbound: readonly NaclRule[], port: number): boolean {
  const family = parseAnyCidr(entry.cidr)?.family;
  return inbound.some((other) => {
    if (other === entry || other.action !== 'deny' || other.ruleNumber >= entry.ruleNumber) return false;
    // The model reads an unknown action as deny; only a deny that is known shadows.
    if (unresolvedOf(network, other.source, other.block ? `${other.block}.` : '')) return false;
    if (other.cidr === UNKNOWN || !isWorldCidr(other.cidr) || parseAnyCidr(other.cidr)?.family !== family) return false;
    const p = portsOf(other);
    if (p === null || p === UNKNOWN || !coversPort(p, port)) return false;
    return other.protocol === '-1' || other.protocol === entry.protocol;
  });
}
