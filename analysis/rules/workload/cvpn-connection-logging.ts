/** LZ-CVPN01: Client VPN endpoints log every client connection to CloudWatch Logs. */
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { blocksOf, presenceOf } from './util';

const CLAIM = 'the endpoint logs client connections';

export const rule: Rule = {
  id: 'LZ-CVPN01',
  title: 'Client VPN endpoints have connection logging enabled to a CloudWatch log group',
  why: 'Connection logs record which certificate connected from where and when; without them a stolen or shared client certificate cannot be spotted or traced after the fact.',
  level: 'error',
  suppressible: true,
  mappings: { securityHub: ['EC2.51'] },
  appliesTo: ['aws_ec2_client_vpn_endpoint'],
  check(graph) {
    const out: Violation[] = [];
    for (const endpoint of graph.byType('aws_ec2_client_vpn_endpoint')) {
      const problem = loggingProblem(endpoint);
      if (problem === undefined) continue;
      out.push(isUnknown(problem) ? unknownFinding(endpoint, CLAIM, problem) : finding(endpoint, problem));
    }
    return out;

    function loggingProblem(endpoint: TfResource): string | Unknown | undefined {
      const options = blocksOf(graph, endpoint.attrs.connection_log_options);
      if (isUnknown(options)) return options;
      if (options.length === 0) return 'has no connection_log_options, so client connections are not logged';
      const enabled = boolOf(graph, options[0].enabled);
      if (isUnknown(enabled)) return enabled;
      if (enabled !== true) return `connection_log_options.enabled is ${enabled === false ? 'false' : 'not set'}, so client connections are not logged`;
      const group = presenceOf(graph, options[0].cloudwatch_log_group);
      if (isUnknown(group)) return group;
      return group ? undefined : 'connection_log_options names no cloudwatch_log_group';
    }
  },
};
