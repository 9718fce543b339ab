/** LZ-ALB04: application load balancers write access logs. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/alb-access-logs';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));

describe('LZ-ALB04 access logs', () => {
  test('logs enabled to a bucket (object or list block), and a network load balancer without logs, are compliant', () => {
    const g = graph(
      resource('s', 'aws_s3_bucket', 'logs', { bucket: 'logs' }),
      resource('s', 'aws_lb', 'a', { access_logs: { bucket: ref('s:aws_s3_bucket.logs'), enabled: true, prefix: 'a' } }),
      resource('s', 'aws_alb', 'b', { access_logs: [{ bucket: 'logs', enabled: 'true' }] }),
      resource('s', 'aws_lb', 'nlb', { load_balancer_type: 'network' }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('no block, a block left disabled and a block without bucket are findings', () => {
    const g = graph(
      resource('s', 'aws_lb', 'a', {}),
      resource('s', 'aws_lb', 'b', { access_logs: { bucket: 'logs' } }),
      resource('s', 'aws_lb', 'c', { access_logs: { bucket: '', enabled: true } }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_lb.a', message: 'has no access_logs block, so no request is recorded', unknown: false },
      { resource: 's:aws_lb.b', message: 'access_logs.enabled is not set (default false), so no request is recorded', unknown: false },
      { resource: 's:aws_lb.c', message: 'access_logs names no bucket', unknown: false },
    ]);
  });

  test('an unknown enabled flag or bucket cannot be proved', () => {
    const g = graph(
      resource('s', 'aws_lb', 'a', { access_logs: { bucket: 'logs', enabled: unknown('${var.logs}') } }),
      resource('s', 'aws_lb', 'b', { access_logs: { bucket: unknown('${var.bucket}'), enabled: true } }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_lb.a', message: 'cannot prove the load balancer writes access logs: ${var.logs} is unknown before apply', unknown: true },
      { resource: 's:aws_lb.b', message: 'cannot prove the load balancer writes access logs: ${var.bucket} is unknown before apply', unknown: true },
    ]);
  });
});
