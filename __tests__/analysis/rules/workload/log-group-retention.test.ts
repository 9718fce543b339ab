/** LZ-LOG02: log groups keep logs for at least a year. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/log-group-retention';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const T = 'aws_cloudwatch_log_group';

describe('LZ-LOG02 log group retention', () => {
  test('365 days and more are compliant', () => {
    expect(rule.check(graph(resource('s', T, 'a', { retention_in_days: 365 }), resource('s', T, 'b', { retention_in_days: '3653' })))).toEqual([]);
  });

  test('short, zero and unset retention are findings', () => {
    const g = graph(resource('s', T, 'a', { retention_in_days: 30 }), resource('s', T, 'b', { retention_in_days: 0 }), resource('s', T, 'c', {}));
    expect(findings(rule.check(g))).toEqual([
      { resource: `s:${T}.a`, message: 'retention_in_days is 30, less than 365', unknown: false },
      { resource: `s:${T}.b`, message: 'retention_in_days is 0, so logs never expire; set 365 days or more', unknown: false },
      { resource: `s:${T}.c`, message: 'retention_in_days is not set, so logs never expire; set 365 days or more', unknown: false },
    ]);
  });

  test('a retention from a variable cannot be proved', () => {
    expect(findings(rule.check(graph(resource('s', T, 'a', { retention_in_days: unknown('${var.retention}') }))))).toEqual([
      { resource: `s:${T}.a`, message: 'cannot prove the log group keeps logs for a year: ${var.retention} is unknown before apply', unknown: true },
    ]);
  });
});
