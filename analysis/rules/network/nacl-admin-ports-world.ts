/** LZ-NACL01: no network ACL allows SSH or RDP in from the internet. */
import { isRef, isUnknown, type TfResource, type Unknown, type Value } from '../../graph/types';
import { boolOf, coversPort, finding, isWorldCidr, listOf, numberOf, stringOf, unknownFinding, type PortRange } from '../helpers';
import type { Rule, Violation } from '../types';

const ADMIN_PORTS = [22, 3389] as const;
const CLAIM = 'no network ACL allows the internet in to port 22 or 3389';

/** One inbound ACL entry, inline or a rule resource. */
interface Entry {
  readonly resource: TfResource;
  /** The ACL the entry belongs to (resource id), or undefined when unknown. */
  readonly acl?: string;
  readonly label: string;
  readonly attrs: { readonly [k: string]: Value };
  readonly action: Value | undefined;
  readonly number: Value | undefined;
}

/** Rule LZ-NACL01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-NACL01',
  title: 'No network ACL allows inbound 0.0.0.0/0 or ::/0 to port 22 or 3389 ahead of a deny',
  why: 'ACLs are the subnet-wide backstop behind security groups; one that lets the internet reach administration ports removes that backstop for every instance in the subnet.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_232', 'CKV_AWS_231'], securityHub: ['EC2.21'] },
  check(graph) {
    const entries: Entry[] = [];
    const out: Violation[] = [];
    for (const type of ['aws_network_acl', 'aws_default_network_acl']) {
      for (const acl of graph.byType(type)) {
        const blocks = listOf(graph, acl.attrs.ingress);
        if (isUnknown(blocks)) {
          out.push(unknownFinding(acl, CLAIM, blocks));
          continue;
        }
        blocks.forEach((b, i) => {
          const attrs = (b ?? {}) as { readonly [k: string]: Value };
          entries.push({ resource: acl, acl: acl.id, label: `ingress[${i}]`, attrs, action: attrs.action, number: attrs.rule_no });
        });
      }
    }
    for (const r of graph.byType('aws_network_acl_rule')) {
      const egress = boolOf(graph, r.attrs.egress);
      if (egress === true) continue;
      if (isUnknown(egress)) {
        out.push(unknownFinding(r, CLAIM, egress));
        continue;
      }
      const acl = isRef(r.attrs.network_acl_id) ? r.attrs.network_acl_id.$ref : undefined;
      entries.push({ resource: r, acl, label: 'ingress', attrs: r.attrs, action: r.attrs.rule_action, number: r.attrs.rule_number });
    }

    for (const entry of entries) {
      const action = stringOf(graph, entry.action);
      if (action === 'deny') continue;
      const world = sourceIsWorld(entry);
      if (world === false) continue;
      const ports = portsOfEntry(entry);
      if (ports === null) continue;
      if (isUnknown(action) || isUnknown(world) || isUnknown(ports)) {
        const hidden = [action, world, ports].find(isUnknown) as Unknown;
        if (isUnknown(ports) || ADMIN_PORTS.some((p) => coversPort(ports, p))) out.push(unknownFinding(entry.resource, CLAIM, hidden));
        continue;
      }
      const open = ADMIN_PORTS.filter((p) => coversPort(ports, p) && !deniedEarlier(entry, p));
      if (open.length === 0) continue;
      const number = numberOf(graph, entry.number);
      const protocol = stringOf(graph, entry.attrs.protocol);
      const { from, to } = ports;
      const all = protocol === '-1' || protocol === 'all';
      const what = all ? 'all traffic' : `${protocol} ${from === to ? from : `${from}-${to}`}`;
      const detail = !all && from === to ? '' : ` (reaches ${open.join(' and ')})`;
      out.push(finding(entry.resource, `${entry.label} rule ${isUnknown(number) ? number.$unknown : number} allows ${what} from ${sourceText(entry)}${detail}`));
    }
    return out;

    function sourceText(entry: Entry): string {
      const v4 = stringOf(graph, entry.attrs.cidr_block);
      const v6 = stringOf(graph, entry.attrs.ipv6_cidr_block);
      return [v4, v6].filter((c): c is string => typeof c === 'string' && c !== '').join(', ');
    }

    function sourceIsWorld(entry: Entry): boolean | Unknown {
      let result: boolean | Unknown = false;
      for (const attribute of ['cidr_block', 'ipv6_cidr_block']) {
        const c = stringOf(graph, entry.attrs[attribute]);
        if (isUnknown(c)) result = result === true ? true : c;
        else if (c && isWorldCidr(c)) result = true;
      }
      return result;
    }

    /** Which family's whole space an entry's source is (an entry has either an IPv4 or an IPv6 block). */
    function worldFamily(entry: Entry): 4 | 6 | undefined {
      const v4 = stringOf(graph, entry.attrs.cidr_block);
      if (typeof v4 === 'string' && isWorldCidr(v4)) return 4;
      const v6 = stringOf(graph, entry.attrs.ipv6_cidr_block);
      return typeof v6 === 'string' && isWorldCidr(v6) ? 6 : undefined;
    }

    /** The ports an entry matches: all for protocol -1, the range for TCP/UDP, null for portless protocols. */
    function portsOfEntry(entry: Entry): PortRange | null | Unknown {
      const protocol = stringOf(graph, entry.attrs.protocol);
      if (protocol === undefined) return { $unknown: 'protocol', reason: 'no protocol' };
      if (isUnknown(protocol)) return protocol;
      const p = protocol.toLowerCase();
      if (p === '-1' || p === 'all') return { from: 0, to: 65535 };
      if (!['6', 'tcp', '17', 'udp'].includes(p)) return null;
      const from = numberOf(graph, entry.attrs.from_port);
      const to = numberOf(graph, entry.attrs.to_port);
      if (isUnknown(from)) return from;
      if (isUnknown(to)) return to;
      return { from: from ?? 0, to: to ?? 65535 };
    }

    /** True when a deny entry of the same ACL with a lower rule number drops the internet on this port first. */
    function deniedEarlier(entry: Entry, port: number): boolean {
      const number = numberOf(graph, entry.number);
      if (typeof number !== 'number' || entry.acl === undefined) return false;
      const protocol = stringOf(graph, entry.attrs.protocol);
      return entries.some((other) => {
        if (other === entry || other.acl !== entry.acl || stringOf(graph, other.action) !== 'deny') return false;
        const n = numberOf(graph, other.number);
        if (typeof n !== 'number' || n >= number || sourceIsWorld(other) !== true || worldFamily(other) !== worldFamily(entry)) return false;
        const p = portsOfEntry(other);
        if (p === null || isUnknown(p) || !coversPort(p, port)) return false;
        const op = stringOf(graph, other.attrs.protocol);
        return op === '-1' || op === 'all' || sameProtocol(op, protocol);
      });
    }
  },
};

function sameProtocol(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string => ({ '6': 'tcp', '17': 'udp' })[String(v).toLowerCase()] ?? String(v).toLowerCase();
  return norm(a) === norm(b);
}
