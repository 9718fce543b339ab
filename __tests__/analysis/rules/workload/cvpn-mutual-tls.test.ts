/** LZ-CVPN04: Client VPN endpoints require client certificates. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/cvpn-mutual-tls';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const T = 'aws_ec2_client_vpn_endpoint';
const cert = { type: 'certificate-authentication', root_certificate_chain_arn: unknown('${data.terraform_remote_state.pki.outputs.ca}') };

describe('LZ-CVPN04 mutual TLS', () => {
  test('certificate authentication alone or with a directory is compliant (the root chain ARN may be unknown)', () => {
    const g = graph(
      resource('s', T, 'a', { authentication_options: [cert] }),
      resource('s', T, 'b', { authentication_options: [{ type: 'directory-service-authentication', active_directory_id: 'd-1' }, cert] }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('directory-only, federated-only and no options are findings', () => {
    const g = graph(
      resource('s', T, 'a', { authentication_options: { type: 'directory-service-authentication', active_directory_id: 'd-1' } }),
      resource('s', T, 'b', { authentication_options: [{ type: 'federated-authentication', saml_provider_arn: 'arn:aws:iam::111111111111:saml-provider/idp' }] }),
      resource('s', T, 'c', {}),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: `s:${T}.a`, message: 'authenticates with directory-service-authentication only: add certificate-authentication so every client also needs a certificate from your CA', unknown: false },
      { resource: `s:${T}.b`, message: 'authenticates with federated-authentication only: add certificate-authentication so every client also needs a certificate from your CA', unknown: false },
      { resource: `s:${T}.c`, message: 'has no authentication_options: add certificate-authentication so every client needs a certificate from your CA', unknown: false },
    ]);
  });

  test('an unknown option type cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', T, 'a', { authentication_options: [{ type: unknown('${var.auth}') }] }))))).toEqual([
      { resource: `s:${T}.a`, message: 'cannot prove the endpoint requires client certificates: ${var.auth} is unknown before apply', unknown: true },
    ]);
  });
});
