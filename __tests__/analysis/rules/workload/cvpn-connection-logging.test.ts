/** LZ-CVPN01: Client VPN endpoints log connections. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/cvpn-connection-logging';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const T = 'aws_ec2_client_vpn_endpoint';

describe('LZ-CVPN01 connection logging', () => {
  test('logging enabled to a log group (a reference or a name) is compliant', () => {
    const g = graph(
      resource('s', 'aws_cloudwatch_log_group', 'lg', { name: '/aws/client-vpn/x' }),
      resource('s', T, 'a', { connection_log_options: { enabled: true, cloudwatch_log_group: ref('s:aws_cloudwatch_log_group.lg', 'name') } }),
      resource('s', T, 'b', { connection_log_options: [{ enabled: true, cloudwatch_log_group: '/aws/client-vpn/y' }] }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('no options, logging off and no log group are findings', () => {
    const g = graph(
      resource('s', T, 'a', {}),
      resource('s', T, 'b', { connection_log_options: { enabled: false } }),
      resource('s', T, 'c', { connection_log_options: { enabled: true } }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: `s:${T}.a`, message: 'has no connection_log_options, so client connections are not logged', unknown: false },
      { resource: `s:${T}.b`, message: 'connection_log_options.enabled is false, so client connections are not logged', unknown: false },
      { resource: `s:${T}.c`, message: 'connection_log_options names no cloudwatch_log_group', unknown: false },
    ]);
  });

  test('an unknown flag or log group cannot be proved', () => {
    const g = graph(
      resource('s', T, 'a', { connection_log_options: { enabled: unknown('${var.log}') } }),
      resource('s', T, 'b', { connection_log_options: { enabled: true, cloudwatch_log_group: unknown('${var.group}') } }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: `s:${T}.a`, message: 'cannot prove the endpoint logs client connections: ${var.log} is unknown before apply', unknown: true },
      { resource: `s:${T}.b`, message: 'cannot prove the endpoint logs client connections: ${var.group} is unknown before apply', unknown: true },
    ]);
  });
});
