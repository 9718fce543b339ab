/** LZ-ALB01: HTTPS and TLS listeners use a TLS 1.3 policy with TLS 1.2 at least. */
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/alb-tls-policy';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));

describe('LZ-ALB01 listener TLS policy', () => {
  test('TLS 1.3 policies on HTTPS and TLS listeners, and listeners without TLS, are compliant', () => {
    const g = graph(
      resource('s', 'aws_lb_listener', 'https', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }),
      resource('s', 'aws_alb_listener', 'tls', { protocol: 'TLS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04' }),
      resource('s', 'aws_lb_listener', 'http', { protocol: 'HTTP' }),
      resource('s', 'aws_lb_listener', 'default', {}),
      // A good policy passes whatever the protocol turns out to be.
      resource('s', 'aws_lb_listener', 'var-protocol', { protocol: unknown('${var.protocol}'), ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('an older policy, an extended-cipher policy and no policy are findings', () => {
    const g = graph(
      resource('s', 'aws_lb_listener', 'old', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08' }),
      resource('s', 'aws_lb_listener', 'ext', { protocol: 'tls', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06' }),
      resource('s', 'aws_alb_listener', 'none', { protocol: 'HTTPS' }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_alb_listener.none', message: 'HTTPS listener sets no ssl_policy, so AWS applies ELBSecurityPolicy-2016-08, which allows TLS 1.0 and 1.1', unknown: false },
      { resource: 's:aws_lb_listener.ext', message: 'TLS listener uses ssl_policy ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06; use ELBSecurityPolicy-TLS13-1-2-2021-06 or a stricter TLS 1.3 policy', unknown: false },
      { resource: 's:aws_lb_listener.old', message: 'HTTPS listener uses ssl_policy ELBSecurityPolicy-2016-08; use ELBSecurityPolicy-TLS13-1-2-2021-06 or a stricter TLS 1.3 policy', unknown: false },
    ]);
  });

  test('an unknown policy on an HTTPS listener, or an unknown protocol with a weak policy, cannot be proved', () => {
    const g = graph(
      resource('s', 'aws_lb_listener', 'a', { protocol: 'HTTPS', ssl_policy: unknown('${var.ssl_policy}') }),
      resource('s', 'aws_lb_listener', 'b', { protocol: unknown('${var.protocol}') }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_lb_listener.a', message: 'cannot prove the listener accepts only TLS 1.2 or later: ${var.ssl_policy} is unknown before apply', unknown: true },
      { resource: 's:aws_lb_listener.b', message: 'cannot prove the listener accepts only TLS 1.2 or later: ${var.protocol} is unknown before apply', unknown: true },
    ]);
  });
});
