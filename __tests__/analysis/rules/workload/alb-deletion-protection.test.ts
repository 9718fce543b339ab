/** LZ-ALB05: load balancers have deletion protection. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/alb-deletion-protection';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));

describe('LZ-ALB05 deletion protection', () => {
  test('protected load balancers of any type are compliant', () => {
    const g = graph(resource('s', 'aws_lb', 'alb', { enable_deletion_protection: true }), resource('s', 'aws_lb', 'nlb', { load_balancer_type: 'network', enable_deletion_protection: 'true' }));
    expect(rule.check(g)).toEqual([]);
  });

  test('false and unset are findings, network load balancers included', () => {
    const g = graph(resource('s', 'aws_alb', 'a', { enable_deletion_protection: false }), resource('s', 'aws_lb', 'nlb', { load_balancer_type: 'network' }));
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_alb.a', message: 'enable_deletion_protection is false', unknown: false },
      { resource: 's:aws_lb.nlb', message: 'enable_deletion_protection is not set (default false)', unknown: false },
    ]);
  });

  test('an unknown flag cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', 'aws_lb', 'a', { enable_deletion_protection: unknown('${var.protect}') }))))).toEqual([
      { resource: 's:aws_lb.a', message: 'cannot prove the load balancer has deletion protection: ${var.protect} is unknown before apply', unknown: true },
    ]);
  });
});
