/** LZ-VPC03: only public-tier subnets map public IPv4 addresses on launch. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { tagOf } from '../helpers/tags';
import { boolOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Rule LZ-VPC03: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPC03',
  title: 'Subnets map public IPs on launch only in the public tier (Tier tag "public")',
  why: 'An instance launched into a private-tier subnet that maps public IPs becomes internet-addressable by accident; only the public tier (load balancers, NAT) needs it.',
  level: 'error',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled'], checkov: ['CKV_AWS_130'], securityHub: ['EC2.15'] },
  appliesTo: ['aws_subnet'],
  check(graph) {
    const out: Violation[] = [];
    for (const subnet of graph.byType('aws_subnet')) {
      const maps = boolOf(graph, subnet.attrs.map_public_ip_on_launch);
      if (maps === undefined || maps === false) continue;
      const tier = tagOf(graph, subnet, 'Tier');
      if (isUnknown(maps)) {
        if (tier !== 'public') out.push(unknownFinding(subnet, 'this non-public subnet maps no public IPs', maps));
        continue;
      }
      if (isUnknown(tier)) out.push(unknownFinding(subnet, 'this subnet mapping public IPs is in the public tier', tier));
      else if (tier !== 'public') out.push(finding(subnet, `map_public_ip_on_launch is true on a subnet ${tier === undefined ? 'with no Tier tag' : `tagged Tier=${tier}`}`));
    }
    return out;
  },
};
