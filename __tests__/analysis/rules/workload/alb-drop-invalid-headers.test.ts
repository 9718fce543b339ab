/** LZ-ALB03: application load balancers drop invalid header fields. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/alb-drop-invalid-headers';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));

describe('LZ-ALB03 drop invalid header fields', () => {
  test('an ALB that drops them and a network load balancer (no HTTP) are compliant', () => {
    const g = graph(resource('s', 'aws_lb', 'alb', { drop_invalid_header_fields: true }), resource('s', 'aws_lb', 'nlb', { load_balancer_type: 'network' }));
    expect(rule.check(g)).toEqual([]);
  });

  test('false and unset are findings', () => {
    const g = graph(resource('s', 'aws_lb', 'a', { drop_invalid_header_fields: false }), resource('s', 'aws_alb', 'b', { load_balancer_type: 'application' }));
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_alb.b', message: 'drop_invalid_header_fields is not set (default false), so requests with invalid header fields reach the targets', unknown: false },
      { resource: 's:aws_lb.a', message: 'drop_invalid_header_fields is false, so requests with invalid header fields reach the targets', unknown: false },
    ]);
  });

  test('an unknown setting, or an unknown type without the setting, cannot be proved', () => {
    const g = graph(resource('s', 'aws_lb', 'a', { drop_invalid_header_fields: unknown('${var.drop}') }), resource('s', 'aws_lb', 'b', { load_balancer_type: unknown('${var.type}') }));
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_lb.a', message: 'cannot prove the load balancer drops invalid HTTP header fields: ${var.drop} is unknown before apply', unknown: true },
      { resource: 's:aws_lb.b', message: 'cannot prove the load balancer drops invalid HTTP header fields: ${var.type} is unknown before apply', unknown: true },
    ]);
  });
});
