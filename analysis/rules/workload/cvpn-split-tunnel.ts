/** LZ-CVPN03: Client VPN endpoints use split tunnel. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

export const rule: Rule = {
  id: 'LZ-CVPN03',
  title: 'Client VPN endpoints set split_tunnel = true',
  why: 'With split tunnel only the routes of the endpoint go through the VPN: laptops do not send their internet traffic into the VPC, so no 0.0.0.0/0 route or authorization is needed and the endpoint reaches nothing but the authorized ranges.',
  level: 'warning',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_ec2_client_vpn_endpoint'],
  check(graph) {
    const out: Violation[] = [];
    for (const endpoint of graph.byType('aws_ec2_client_vpn_endpoint')) {
      const split = boolOf(graph, endpoint.attrs.split_tunnel);
      if (split === true) continue;
      if (isUnknown(split)) out.push(unknownFinding(endpoint, 'the endpoint uses split tunnel', split));
      else out.push(finding(endpoint, `split_tunnel is ${split === false ? 'false' : 'not set (default false)'}, so all client traffic, internet included, goes through the VPC`));
    }
    return out;
  },
};
