/** LZ-VPCE02: interface endpoint security groups admit only HTTPS from internal ranges. */
import { isUnknown, type TfResource } from '../../graph/types';
import { isPrivateIpv4 } from '../helpers/cidr';
import { finding, unknownFinding } from '../helpers/findings';
import { groupRuleViolations } from '../helpers/security-group-checks';
import { isIngress, peerCidr, portsOf, prefixListCidrs, protocolOf, securityGroupsOf, type Peer, type SgRule } from '../helpers/security-groups';
import { both, stringOf, type Tri } from '../helpers/values';
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
  appliesTo: ['aws_vpc_endpoint'],
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
    const httpsOf = (rule: SgRule): Tri => {
      const protocol = protocolOf(graph, rule);
      const ports = portsOf(graph, rule);
      return isUnknown(protocol) ? protocol : ports === null ? false : isUnknown(ports) ? ports : protocol === 'tcp' && ports.from === 443 && ports.to === 443;
    };
    out.push(
      ...groupRuleViolations(graph, groups, {
        claim: CLAIM,
        notOnGroup: 'this rule is not on an interface endpoint group',
        applies: (rule) => isIngress(rule) !== false,
        verdict: (rule, peer) => both(both(isIngress(rule), httpsOf(rule)), internal(peer)),
      }),
    );
    return out;

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

