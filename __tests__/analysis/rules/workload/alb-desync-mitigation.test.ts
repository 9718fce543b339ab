/** LZ-ALB06: application load balancers use defensive or strictest desync mitigation. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/alb-desync-mitigation';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));

describe('LZ-ALB06 desync mitigation', () => {
  test('defensive, strictest and the default (defensive) are compliant', () => {
    const g = graph(
      resource('s', 'aws_lb', 'a', { desync_mitigation_mode: 'defensive' }),
      resource('s', 'aws_lb', 'b', { desync_mitigation_mode: 'strictest' }),
      resource('s', 'aws_alb', 'c', {}),
      resource('s', 'aws_lb', 'gwlb', { load_balancer_type: 'gateway', desync_mitigation_mode: 'monitor' }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('monitor is a finding', () => {
    expect(findings(rule.check(graph(resource('s', 'aws_lb', 'a', { desync_mitigation_mode: 'monitor' }))))).toEqual([
      { resource: 's:aws_lb.a', message: 'desync_mitigation_mode is monitor, which forwards requests that risk HTTP desync; use defensive or strictest', unknown: false },
    ]);
  });

  test('an unknown mode cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', 'aws_lb', 'a', { desync_mitigation_mode: unknown('${var.mode}') }))))).toEqual([
      { resource: 's:aws_lb.a', message: 'cannot prove the load balancer mitigates HTTP desync: ${var.mode} is unknown before apply', unknown: true },
    ]);
  });
});
