/** LZ-CVPN05: Client VPN endpoints run a client connect handler, so removing a user locks their certificate out. */
import { CONNECT_HANDLER_PREFIX } from '../../../lib/names';
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf, stringOf, targetOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { blocksOf, presenceOf } from './util';

const CLAIM = 'the endpoint checks every connection with a connect handler';

export const rule: Rule = {
  id: 'LZ-CVPN05',
  title: 'Client VPN endpoints enable client_connect_options with an AWSClientVPN- Lambda function',
  why: 'Certificates cannot be revoked by Terraform: a removed user keeps a certificate that verifies until it expires. The landing zone locks removed users out with a connect handler that admits only the current users; an endpoint without one lets every certificate the CA ever signed connect.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_ec2_client_vpn_endpoint'],
  check(graph) {
    const out: Violation[] = [];
    for (const endpoint of graph.byType('aws_ec2_client_vpn_endpoint')) {
      const problem = handlerProblem(endpoint);
      if (problem === undefined) continue;
      out.push(isUnknown(problem) ? unknownFinding(endpoint, CLAIM, problem) : finding(endpoint, problem));
    }
    return out;

    function handlerProblem(endpoint: TfResource): string | Unknown | undefined {
      const options = blocksOf(graph, endpoint.attrs.client_connect_options);
      if (isUnknown(options)) return options;
      const fix = 'enable client_connect_options with a handler that admits only the current users';
      if (options.length === 0) return `has no client_connect_options, so every certificate the CA signed connects, removed users' too: ${fix}`;
      const enabled = boolOf(graph, options[0].enabled);
      if (isUnknown(enabled)) return enabled;
      if (enabled !== true) return `client_connect_options.enabled is ${enabled === false ? 'false' : 'not set'}, so every certificate the CA signed connects, removed users' too: ${fix}`;
      const arn = presenceOf(graph, options[0].lambda_function_arn);
      if (isUnknown(arn)) return arn;
      if (!arn) return 'client_connect_options names no lambda_function_arn';
      // A function of this configuration: its name must carry the prefix the service invokes.
      const fn = targetOf(graph, options[0].lambda_function_arn);
      if (fn === undefined || isUnknown(fn) || fn.type !== 'aws_lambda_function') return undefined;
      const name = stringOf(graph, fn.attrs.function_name);
      if (isUnknown(name)) return name;
      if (name !== undefined && !name.startsWith(CONNECT_HANDLER_PREFIX)) return `client_connect_options names function ${name}, which does not start with ${CONNECT_HANDLER_PREFIX}: Client VPN invokes only such functions`;
      return undefined;
    }
  },
};
