/** LZ-CVPN04: Client VPN endpoints authenticate clients with certificates (mutual TLS). */
import { isUnknown, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { blocksOf } from './util';

const CLAIM = 'the endpoint requires client certificates';

export const rule: Rule = {
  id: 'LZ-CVPN04',
  title: 'Client VPN endpoints include certificate-authentication (mutual TLS) among their authentication options',
  why: 'Directory and SAML authentication alone rest on passwords and on MFA configured outside this code, which cannot be proved here; a client certificate issued by the landing zone CA is a second factor bound to the device.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_ec2_client_vpn_endpoint'],
  check(graph) {
    const out: Violation[] = [];
    for (const endpoint of graph.byType('aws_ec2_client_vpn_endpoint')) {
      const options = blocksOf(graph, endpoint.attrs.authentication_options);
      if (isUnknown(options)) {
        out.push(unknownFinding(endpoint, CLAIM, options));
        continue;
      }
      const types: string[] = [];
      let hidden: Unknown | undefined;
      for (const option of options) {
        const type = stringOf(graph, option.type);
        if (isUnknown(type)) hidden ??= type;
        else if (type !== undefined) types.push(type);
      }
      if (types.includes('certificate-authentication')) continue;
      if (hidden) out.push(unknownFinding(endpoint, CLAIM, hidden));
      else if (types.length === 0) out.push(finding(endpoint, 'has no authentication_options: add certificate-authentication so every client needs a certificate from your CA'));
      else out.push(finding(endpoint, `authenticates with ${types.join(' and ')} only: add certificate-authentication so every client also needs a certificate from your CA`));
    }
    return out;
  },
};
