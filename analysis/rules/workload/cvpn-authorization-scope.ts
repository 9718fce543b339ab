/** LZ-CVPN02: Client VPN authorization rules name narrow destinations, never the whole internet. */
import { isUnknown } from '../../graph/types';
import { parseAnyCidr } from '../helpers/cidr';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf, stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { presenceOf } from './util';

const CLAIM = 'the authorization rule is scoped';

/** The widest range every client may be authorized for: a /16, the largest VPC AWS allows. */
export const WIDEST_PREFIX = 16;

export const rule: Rule = {
  id: 'LZ-CVPN02',
  title: 'Client VPN authorization rules never authorize 0.0.0.0/0, and authorize all groups only for a /16 or narrower',
  why: 'An authorization rule is what a connected client may reach; a rule wider than a VPC opens every network behind the endpoint (other VPCs, on-premises, the internet) to anyone holding a client certificate. Wider ranges are acceptable only for one directory or IdP group (access_group_id).',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_ec2_client_vpn_authorization_rule'],
  check(graph) {
    const out: Violation[] = [];
    for (const r of graph.byType('aws_ec2_client_vpn_authorization_rule')) {
      const cidr = stringOf(graph, r.attrs.target_network_cidr);
      if (cidr === undefined) continue;
      if (isUnknown(cidr)) {
        out.push(unknownFinding(r, CLAIM, cidr));
        continue;
      }
      const block = parseAnyCidr(cidr);
      if (!block) {
        out.push(finding(r, `target_network_cidr ${cidr} is not a CIDR block`));
        continue;
      }
      if (block.prefix === 0) {
        out.push(finding(r, `authorizes ${cidr}: every destination, the internet included`));
        continue;
      }
      if (block.prefix >= WIDEST_PREFIX) continue;
      const all = boolOf(graph, r.attrs.authorize_all_groups);
      if (isUnknown(all)) {
        out.push(unknownFinding(r, CLAIM, all));
        continue;
      }
      if (all === true) {
        out.push(finding(r, `authorizes all groups to ${cidr}, wider than a /${WIDEST_PREFIX}: narrow the range or restrict it to an access_group_id`));
        continue;
      }
      const group = presenceOf(graph, r.attrs.access_group_id);
      if (isUnknown(group)) out.push(unknownFinding(r, CLAIM, group));
    }
    return out;
  },
};
