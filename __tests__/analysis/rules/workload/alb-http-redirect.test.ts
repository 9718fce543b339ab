/** LZ-ALB02: HTTP listeners and their rules only redirect to HTTPS. */
import { ref } from '../../../../analysis/graph/graph';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/alb-http-redirect';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const redirect = { type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } };
const forward = { type: 'forward', target_group_arn: ref('s:aws_lb_target_group.tg', 'arn') };

describe('LZ-ALB02 HTTP listeners redirect to HTTPS', () => {
  test('an HTTP listener that redirects, an HTTPS listener that forwards, and an NLB TCP default are compliant', () => {
    const g = graph(
      resource('s', 'aws_lb', 'alb', {}),
      resource('s', 'aws_lb', 'nlb', { load_balancer_type: 'network' }),
      resource('s', 'aws_lb_listener', 'http', { load_balancer_arn: ref('s:aws_lb.alb', 'arn'), protocol: 'HTTP', default_action: [redirect] }),
      resource('s', 'aws_lb_listener', 'https', { load_balancer_arn: ref('s:aws_lb.alb', 'arn'), protocol: 'HTTPS', default_action: [forward] }),
      resource('s', 'aws_lb_listener', 'tcp', { load_balancer_arn: ref('s:aws_lb.nlb', 'arn'), default_action: [forward] }),
      resource('s', 'aws_lb_listener_rule', 'on-https', { listener_arn: ref('s:aws_lb_listener.https', 'arn'), action: [forward] }),
      resource('s', 'aws_lb_listener_rule', 'on-http', { listener_arn: ref('s:aws_lb_listener.http', 'arn'), action: [redirect] }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('forwarding, a redirect keeping HTTP, and a forwarding rule on an HTTP listener are findings', () => {
    const g = graph(
      resource('s', 'aws_lb', 'alb', {}),
      resource('s', 'aws_lb_listener', 'fwd', { load_balancer_arn: ref('s:aws_lb.alb', 'arn'), protocol: 'HTTP', default_action: [forward] }),
      // No protocol on an application load balancer is HTTP; a redirect without protocol keeps it.
      resource('s', 'aws_alb_listener', 'keep', { load_balancer_arn: ref('s:aws_lb.alb', 'arn'), default_action: { type: 'redirect', redirect: { port: '8080' } } }),
      resource('s', 'aws_lb_listener', 'http', { load_balancer_arn: ref('s:aws_lb.alb', 'arn'), protocol: 'HTTP', default_action: [redirect] }),
      resource('s', 'aws_lb_listener_rule', 'leak', { listener_arn: ref('s:aws_lb_listener.http', 'arn'), action: [{ type: 'fixed-response' }] }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_alb_listener.keep', message: 'HTTP listener: default_action[0] redirects to protocol #{protocol} (the default, which keeps HTTP), not HTTPS', unknown: false },
      { resource: 's:aws_lb_listener.fwd', message: 'HTTP listener: default_action[0] is forward, not a redirect to HTTPS', unknown: false },
      { resource: 's:aws_lb_listener_rule.leak', message: 'rule on HTTP listener aws_lb_listener.http: action[0] is fixed-response, not a redirect to HTTPS', unknown: false },
    ]);
  });

  test('an unknown protocol, an unknown redirect protocol and a rule on an unknown listener cannot be proved', () => {
    const g = graph(
      resource('s', 'aws_lb_listener', 'a', { protocol: unknown('${var.protocol}'), default_action: [forward] }),
      resource('s', 'aws_lb_listener', 'b', { protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { protocol: unknown('${var.scheme}') } }] }),
      resource('s', 'aws_lb_listener_rule', 'c', { listener_arn: unknown('${var.listener}'), action: [forward] }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_lb_listener.a', message: 'cannot prove the HTTP listener only redirects to HTTPS: ${var.protocol} is unknown before apply', unknown: true },
      { resource: 's:aws_lb_listener.b', message: 'cannot prove the HTTP listener only redirects to HTTPS: ${var.scheme} is unknown before apply', unknown: true },
      { resource: 's:aws_lb_listener_rule.c', message: 'cannot prove the HTTP listener only redirects to HTTPS: ${var.listener} is unknown before apply', unknown: true },
    ]);
  });
});
