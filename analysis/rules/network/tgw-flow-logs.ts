/** LZ-TGW03: every Transit Gateway has a flow log delivered to the central log archive. */
import { isUnknown, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { archiveProblem } from '../helpers/log-archive';
import { referrersOrUnknown } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Rule LZ-TGW03: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-TGW03',
  title: 'Every Transit Gateway has a flow log delivered to the central log archive bucket',
  why: 'All traffic between spokes, on-premises and the egress VPC crosses the gateway; its flow logs are the one place inter-account traffic is recorded.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_ec2_transit_gateway'],
  check(graph) {
    const out: Violation[] = [];
    for (const tgw of graph.byType('aws_ec2_transit_gateway')) {
      const { found, unknown } = referrersOrUnknown(graph, tgw, 'aws_flow_log', 'transit_gateway_id');
      const problems: string[] = [];
      let hidden: Unknown | undefined;
      let ok = false;
      for (const log of found) {
        const problem = archiveProblem(graph, log);
        if (problem === undefined) ok = true;
        else if (isUnknown(problem)) hidden ??= problem;
        else problems.push(`${log.address}: ${problem}`);
      }
      if (ok) continue;
      hidden ??= unknown[0]?.value;
      if (hidden) out.push(unknownFinding(tgw, 'this Transit Gateway has a flow log to the log archive', hidden));
      else out.push(finding(tgw, problems.length ? `no flow log to the log archive (${problems.join('; ')})` : 'no aws_flow_log records this Transit Gateway'));
    }
    return out;
  },
};
