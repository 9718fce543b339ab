/** LZ-R53R02: every VPC logs its DNS queries to the central archive. */
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { archiveBucketProblem } from '../helpers/log-archive';
import { referrersOrUnknown, targetOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

const CLAIM = 'this VPC logs its DNS queries to the log archive';

/** Rule LZ-R53R02: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-R53R02',
  title: 'Every VPC is associated with a Resolver query logging configuration that delivers to the central log archive bucket',
  why: 'DNS queries are where malware beacons and data exfiltration over DNS show up first; a VPC without query logging is a blind spot the flow logs cannot fill.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpc'],
  check(graph) {
    const out: Violation[] = [];
    for (const vpc of graph.byType('aws_vpc')) {
      const { found, unknown } = referrersOrUnknown(graph, vpc, 'aws_route53_resolver_query_log_config_association', 'resource_id');
      const problems: string[] = [];
      let hidden: Unknown | undefined;
      let ok = false;
      for (const association of found) {
        const problem = configProblem(association);
        if (problem === undefined) ok = true;
        else if (isUnknown(problem)) hidden ??= problem;
        else problems.push(`${association.address}: ${problem}`);
      }
      if (ok) continue;
      hidden ??= unknown[0]?.value;
      if (hidden) out.push(unknownFinding(vpc, CLAIM, hidden));
      else out.push(finding(vpc, problems.length ? `no query logging to the log archive (${problems.join('; ')})` : 'no aws_route53_resolver_query_log_config_association covers this VPC'));
    }
    return out;

    function configProblem(association: TfResource): string | Unknown | undefined {
      const config = targetOf(graph, association.attrs.resolver_query_log_config_id);
      if (config === undefined) return 'resolver_query_log_config_id is not a configuration of this landing zone';
      if (isUnknown(config)) return config;
      if (config.type !== 'aws_route53_resolver_query_log_config') return `resolver_query_log_config_id points at ${config.type}`;
      return archiveBucketProblem(graph, config.attrs.destination_arn, 'destination_arn');
    }
  },
};
