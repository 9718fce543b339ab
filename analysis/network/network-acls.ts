/**
 * Network ACLs (`aws_network_acl`, `aws_default_network_acl`) with inline and `aws_network_acl_rule`
 * rules, and which subnets use them. The implicit final deny-all rule is not listed: the engine adds it.
 */
import type { TfResource, Value } from '../graph/types';
import { compare, push, unique } from './collect';
import { absent, blocks, describe, isRecord, ModelReader, UNKNOWN } from './reader';
import { normalizeProtocol } from './security-groups';
import type { NaclRule, NetworkAcl } from './types';

const ACL_TYPES = ['aws_network_acl', 'aws_default_network_acl'];

/** Every network ACL and the subnet-to-ACL map the subnets need. */
export function buildNetworkAcls(read: ModelReader): { networkAcls: NetworkAcl[]; subnetAcls: Map<string, string> } {
  const g = read.graph;
  const acls = [...g.byType('aws_network_acl'), ...g.byType('aws_default_network_acl')];
  const subnets = new Map<string, string[]>();
  const subnetAcls = new Map<string, string>();
  const associate = (acl: string, subnet: string) => {
    push(subnets, acl, subnet);
    if (subnet !== UNKNOWN) subnetAcls.set(subnet, acl);
  };
  for (const acl of acls) for (const s of read.refs(acl, 'subnet_ids', acl.attrs.subnet_ids, ['aws_subnet'])) associate(acl.id, s);
  for (const a of g.byType('aws_network_acl_association')) {
    const subnet = read.requiredRef(a, 'subnet_id', ['aws_subnet']);
    // An association to an unknown ACL still takes the subnet off the default ACL: mark it unknown.
    const acl = read.requiredRef(a, 'network_acl_id', ACL_TYPES);
    if (acl === UNKNOWN) subnetAcls.set(subnet, UNKNOWN);
    else associate(acl, subnet);
  }
  const rules = new Map<string, NaclRule[]>();
  for (const acl of acls) {
    for (const egress of [false, true]) {
      const field = egress ? 'egress' : 'ingress';
      const list = acl.attrs[field];
      // A list built by an expression holds rules nobody can read offline: recorded, never read as empty.
      if (!absent(list) && !Array.isArray(list) && !isRecord(list)) read.note(acl, field, describe(list));
      blocks(list).forEach((b, i) => push(rules, acl.id, { ...naclRule(read, acl, `${field}[${i}].`, b, egress, 'rule_no', 'action', 'cidr_block', acl.id), block: `${field}[${i}]` }));
    }
  }
  for (const r of g.byType('aws_network_acl_rule')) {
    const acl = read.requiredRef(r, 'network_acl_id', ACL_TYPES);
    if (acl === UNKNOWN) continue;
    push(rules, acl, naclRule(read, r, '', r.attrs, read.flag(r, 'egress', false) === true, 'rule_number', 'rule_action', 'cidr_block', r.id));
  }
  const networkAcls = acls
    .map((acl) => ({
      id: acl.id,
      vpc: acl.type === 'aws_default_network_acl' ? read.requiredRef(acl, 'default_network_acl_id', ['aws_vpc'], ['default_network_acl_id']) : read.requiredRef(acl, 'vpc_id', ['aws_vpc']),
      subnets: unique(subnets.get(acl.id) ?? []),
      rules: (rules.get(acl.id) ?? []).sort((a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber),
    }))
    .sort((a, b) => compare(a.id, b.id));
  return { networkAcls, subnetAcls };
}

function naclRule(read: ModelReader, source: TfResource, prefix: string, b: { readonly [key: string]: Value }, egress: boolean, numberKey: string, actionKey: string, cidrKey: string, sourceId: string): NaclRule {
  const number = read.num(source, `${prefix}${numberKey}`, b[numberKey]);
  const action = read.text(source, `${prefix}${actionKey}`, b[actionKey]);
  const protocol = normalizeProtocol(read.text(source, `${prefix}protocol`, b.protocol) ?? UNKNOWN);
  const from = read.num(source, `${prefix}from_port`, b.from_port);
  const to = read.num(source, `${prefix}to_port`, b.to_port);
  const all = protocol === '-1';
  // Unknown parts stay 'unknown' (the engine cannot prove a match against them); an unknown rule
  // number sorts first and an unknown action counts as deny, so neither can admit traffic.
  return {
    ruleNumber: typeof number === 'number' ? number : 0,
    egress,
    protocol: from === UNKNOWN || to === UNKNOWN ? UNKNOWN : protocol,
    fromPort: all || typeof from !== 'number' ? 0 : from,
    toPort: all || typeof to !== 'number' ? 65535 : to,
    cidr: read.text(source, `${prefix}${cidrKey}`, b[cidrKey]) ?? read.text(source, `${prefix}ipv6_cidr_block`, b.ipv6_cidr_block) ?? UNKNOWN,
    action: action === 'allow' ? 'allow' : 'deny',
    source: sourceId,
  };
}
