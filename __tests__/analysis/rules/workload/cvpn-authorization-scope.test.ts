/** LZ-CVPN02: Client VPN authorization rules stay narrow. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/cvpn-authorization-scope';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const T = 'aws_ec2_client_vpn_authorization_rule';

describe('LZ-CVPN02 authorization scope', () => {
  test('subnets, a /16 and a /32 for all groups, and a wide range for one group, are compliant', () => {
    const g = graph(
      resource('s', T, 'subnet', { target_network_cidr: '172.16.128.0/20', authorize_all_groups: true }),
      resource('s', T, 'vpc', { target_network_cidr: '172.16.0.0/16', authorize_all_groups: true }),
      resource('s', T, 'dns', { target_network_cidr: '172.16.0.2/32', authorize_all_groups: true }),
      resource('s', T, 'admins', { target_network_cidr: '10.0.0.0/8', access_group_id: 'S-1-5-21-admins' }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('0.0.0.0/0 (even for one group), a /8 for all groups and a malformed block are findings', () => {
    const g = graph(
      resource('s', T, 'world', { target_network_cidr: '0.0.0.0/0', access_group_id: 'S-1-5-21-admins' }),
      resource('s', T, 'wide', { target_network_cidr: '10.0.0.0/8', authorize_all_groups: true }),
      resource('s', T, 'bad', { target_network_cidr: '10.0.0.0/33', authorize_all_groups: true }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: `s:${T}.bad`, message: 'target_network_cidr 10.0.0.0/33 is not a CIDR block', unknown: false },
      { resource: `s:${T}.wide`, message: 'authorizes all groups to 10.0.0.0/8, wider than a /16: narrow the range or restrict it to an access_group_id', unknown: false },
      { resource: `s:${T}.world`, message: 'authorizes 0.0.0.0/0: every destination, the internet included', unknown: false },
    ]);
  });

  test('an unknown range, or an unknown group flag on a wide range, cannot be proved', () => {
    const g = graph(
      resource('s', T, 'a', { target_network_cidr: unknown('${var.cidr}'), authorize_all_groups: true }),
      resource('s', T, 'b', { target_network_cidr: '10.0.0.0/12', authorize_all_groups: unknown('${var.all}') }),
      resource('s', T, 'c', { target_network_cidr: '10.0.0.0/12', access_group_id: unknown('${var.group}') }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: `s:${T}.a`, message: 'cannot prove the authorization rule is scoped: ${var.cidr} is unknown before apply', unknown: true },
      { resource: `s:${T}.b`, message: 'cannot prove the authorization rule is scoped: ${var.all} is unknown before apply', unknown: true },
      { resource: `s:${T}.c`, message: 'cannot prove the authorization rule is scoped: ${var.group} is unknown before apply', unknown: true },
    ]);
  });
});
