/** LZ-CVPN03: Client VPN endpoints use split tunnel. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/cvpn-split-tunnel';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const T = 'aws_ec2_client_vpn_endpoint';

describe('LZ-CVPN03 split tunnel', () => {
  test('split_tunnel true is compliant', () => {
    expect(rule.check(graph(resource('s', T, 'a', { split_tunnel: true })))).toEqual([]);
  });

  test('false and unset are findings', () => {
    expect(findings(rule.check(graph(resource('s', T, 'a', { split_tunnel: false }), resource('s', T, 'b', {}))))).toEqual([
      { resource: `s:${T}.a`, message: 'split_tunnel is false, so all client traffic, internet included, goes through the VPC', unknown: false },
      { resource: `s:${T}.b`, message: 'split_tunnel is not set (default false), so all client traffic, internet included, goes through the VPC', unknown: false },
    ]);
  });

  test('an unknown flag cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', T, 'a', { split_tunnel: unknown('${var.split}') }))))).toEqual([
      { resource: `s:${T}.a`, message: 'cannot prove the endpoint uses split tunnel: ${var.split} is unknown before apply', unknown: true },
    ]);
  });
});
