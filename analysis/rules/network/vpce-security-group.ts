/** LZ-VPCE02: interface endpoint security groups admit only HTTPS from internal ranges. */
import { isUnknown, type TfResource } from '../../graph/types';
import {
  both,
  describeRule,
  finding,
  groupOf,
  isIngress,
  isPrivateIpv4,
  peerCidr,
  portsOf,
  prefixListCidrs,
  protocolOf,
  rulesOfGroup,
  rulesOfUnknownGroup,
  securityGroupRules,
  securityGroupsOf,
  stringOf,
  unknownFinding,
  type Peer,
  type SgRule,
  type Tri,
} from '../helpers';
import type { Rule, Violation } from '../types';

const CLAIM = 'interface endpoint groups admit only tcp 443 from internal ranges';

/** Rule LZ-VPCE02: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPCE02',
  title: 'Security groups of interface endpoints admit only tcp 443 from RFC 1918 ranges or other security groups',
  why: 'An endpoint only serves HTTPS; any other port or a public source widens who can reach the private path to AWS APIs for no benefit.',
  level: 'error',
  suppressible: true,
  mappings: {},
  check(graph) {
    const out: Violation[] = [];
    const groups = new Map<string, TfResource>();
    for (const endpoint of graph.byType('aws_vpc_endpoint')) {
      const type = stringOf(graph, endpoint.attrs.vpc_endpoint_type);
      if (isUnknown(type)) {
        out.push(unknownFinding(endpoint, CLAIM, type));
        continue;
      }
      if (type !== 'Interface') continue;
      const sgs = securityGroupsOf(graph, endpoint);
      if (isUnknown(sgs)) out.push(unknownFinding(endpoint, CLAIM, sgs));
      else if (sgs.length === 0) out.push(finding(endpoint, 'no security_group_ids: AWS attaches the VPC default security group'));
      else for (const sg of sgs) groups.set(sg.id, sg);
    }
    if (groups.size === 0) return out;
    const rules = securityGroupRules(graph);
    for (const sg of groups.values()) {
      for (const rule of rulesOfGroup(graph, sg, rules)) check(rule, false);
    }
    // A rule whose group is unknown might be on an endpoint group.
    for (const rule of rulesOfUnknownGroup(graph, rules)) check(rule, true);
    return out;

    function check(rule: SgRule, groupUnknown: boolean): void {
      const ingress = isIngress(rule);
      if (ingress === false) return;
      if (rule.opaque) {
        out.push(unknownFinding(rule.resource, CLAIM, rule.opaque));
        return;
      }
      const protocol = protocolOf(graph, rule);
      const ports = portsOf(graph, rule);
      const https: Tri = isUnknown(protocol) ? protocol : ports === null ? false : isUnknown(ports) ? ports : protocol === 'tcp' && ports.from === 443 && ports.to === 443;
      const verdicts = rule.peers.map((peer) => ({ peer, ok: both(both(ingress, https), internal(peer)) }));
      const hidden = verdicts.map((v) => v.ok).find(isUnknown);
      const bad = verdicts.filter((v) => v.ok === false);
      if (groupUnknown) {
        const group = groupOf(graph, rule);
        if ((hidden || bad.length) && isUnknown(group)) out.push(unknownFinding(rule.resource, 'this rule is not on an interface endpoint group', group));
        return;
      }
      for (const v of bad) out.push(finding(rule.resource, `${describeRule(graph, rule, v.peer)}: ${CLAIM}`));
      if (hidden) out.push(unknownFinding(rule.resource, CLAIM, hidden));
    }

    function internal(peer: Peer): Tri {
      if (peer.kind === 'group' || peer.kind === 'self') return true;
      if (peer.kind === 'prefix-list') {
        const cidrs = prefixListCidrs(graph, peer.value);
        return isUnknown(cidrs) ? cidrs : cidrs.every(isPrivateIpv4);
      }
      const c = peerCidr(graph, peer);
      return c === undefined ? true : isUnknown(c) ? c : isPrivateIpv4(c);
    }
  },
};

