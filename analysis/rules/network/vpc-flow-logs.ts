/** LZ-VPC01: every VPC has a flow log of all traffic delivered to the central log archive. */
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { archiveProblem } from '../helpers/log-archive';
import { referrersOrUnknown, stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

const CLAIM = 'this VPC has a flow log of ALL traffic to the log archive';

/** Rule LZ-VPC01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPC01',
  title: 'Every VPC has a flow log of ALL traffic delivered to the central log archive bucket',
  why: 'Without flow logs nobody can reconstruct who talked to what after an incident; logs kept in the account they describe can be erased by whoever compromised it.',
  level: 'error',
  suppressible: true,
  mappings: { cdkNag: ['AwsSolutions-VPC7', 'NIST.800.53.R5-VPCFlowLogsEnabled'], checkov: ['CKV2_AWS_11'], securityHub: ['EC2.6'] },
  appliesTo: ['aws_vpc'],
  check(graph) {
    const out: Violation[] = [];
    for (const vpc of graph.byType('aws_vpc')) {
      const { found, unknown } = referrersOrUnknown(graph, vpc, 'aws_flow_log', 'vpc_id');
      const problems: string[] = [];
      let hidden: Unknown | undefined;
      let ok = false;
      for (const log of found) {
        const problem = flowLogProblem(log);
        if (problem === undefined) ok = true;
        else if (isUnknown(problem)) hidden ??= problem;
        else problems.push(`${log.address}: ${problem}`);
      }
      if (ok) continue;
      // A flow log whose vpc_id is unknown might be this VPC's: that is "cannot prove", not a finding.
      hidden ??= unknown[0]?.value;
      if (hidden) out.push(unknownFinding(vpc, CLAIM, hidden));
      else out.push(finding(vpc, problems.length ? `no flow log of ALL traffic to the log archive (${problems.join('; ')})` : 'no aws_flow_log records this VPC'));
    }
    return out;

    function flowLogProblem(log: TfResource): string | Unknown | undefined {
      const traffic = stringOf(graph, log.attrs.traffic_type);
      if (isUnknown(traffic)) return traffic;
      if (traffic !== 'ALL') return `traffic_type is ${traffic ?? 'unset'}, not ALL`;
      return archiveProblem(graph, log);
    }
  },
};
