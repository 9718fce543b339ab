/** LZ-ALB02: plain-HTTP listeners and their rules do nothing but redirect to HTTPS. */
import { isUnknown, type TfResource, type Unknown, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { expressionOf, stringOf, targetOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { blocksOf, lbTypeOf, resourcesOf } from './util';

const CLAIM = 'the HTTP listener only redirects to HTTPS';

export const rule: Rule = {
  id: 'LZ-ALB02',
  title: 'HTTP listeners (and their listener rules) only redirect to HTTPS',
  why: 'Anything an HTTP listener forwards or answers travels in clear text and can be read or altered on the way; a redirect sends clients to the TLS listener before any content is exchanged.',
  level: 'error',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-ALBHttpToHttpsRedirection'], checkov: ['CKV_AWS_2', 'CKV2_AWS_20'], securityHub: ['ELB.1'] },
  appliesTo: ['aws_lb_listener', 'aws_alb_listener'],
  check(graph) {
    const out: Violation[] = [];
    for (const listener of resourcesOf(graph, 'aws_lb_listener', 'aws_alb_listener')) {
      const problems = redirectProblems(listener.attrs.default_action, 'default_action');
      if (problems.length === 0) continue;
      const http = isHttp(listener);
      if (http === false) continue;
      if (isUnknown(http)) out.push(unknownFinding(listener, CLAIM, http));
      else if (isUnknown(problems[0])) out.push(unknownFinding(listener, CLAIM, problems[0]));
      else out.push(finding(listener, `HTTP listener: ${problems.join('; ')}`));
    }
    for (const r of resourcesOf(graph, 'aws_lb_listener_rule', 'aws_alb_listener_rule')) {
      const problems = redirectProblems(r.attrs.action, 'action');
      if (problems.length === 0) continue;
      const listener = targetOf(graph, r.attrs.listener_arn);
      // A rule on a listener outside the graph, or an unknown one, might sit on an HTTP listener.
      if (listener === undefined || isUnknown(listener)) {
        out.push(unknownFinding(r, CLAIM, listener ?? { $unknown: expressionOf(r.attrs.listener_arn), reason: 'a listener outside the graph' }));
        continue;
      }
      const http = isHttp(listener);
      if (http === false) continue;
      if (isUnknown(http)) out.push(unknownFinding(r, CLAIM, http));
      else if (isUnknown(problems[0])) out.push(unknownFinding(r, CLAIM, problems[0]));
      else out.push(finding(r, `rule on HTTP listener ${listener.address}: ${problems.join('; ')}`));
    }
    return out;

    /** Whether a listener serves plain HTTP: its protocol, or HTTP by default on an application load balancer. */
    function isHttp(listener: TfResource): boolean | Unknown {
      const protocol = stringOf(graph, listener.attrs.protocol);
      if (isUnknown(protocol)) return protocol;
      if (protocol !== undefined) return protocol.toUpperCase() === 'HTTP';
      const lb = targetOf(graph, listener.attrs.load_balancer_arn);
      if (lb === undefined) return { $unknown: expressionOf(listener.attrs.load_balancer_arn), reason: 'a load balancer outside the graph, whose type decides the default protocol' };
      if (isUnknown(lb)) return lb;
      const type = lbTypeOf(graph, lb);
      return isUnknown(type) ? type : type === 'application';
    }

    /** What keeps the actions from being redirects to HTTPS: one message per action, or the Unknown hiding them. */
    function redirectProblems(actions: Value | undefined, label: string): string[] | [Unknown] {
      const blocks = blocksOf(graph, actions);
      if (isUnknown(blocks)) return [blocks];
      const problems: string[] = [];
      for (const [i, action] of blocks.entries()) {
        const type = stringOf(graph, action.type);
        if (isUnknown(type)) return [type];
        if (type !== 'redirect') {
          problems.push(`${label}[${i}] is ${type ?? 'unset'}, not a redirect to HTTPS`);
          continue;
        }
        const redirect = blocksOf(graph, action.redirect);
        if (isUnknown(redirect)) return [redirect];
        const protocol = redirect.length ? stringOf(graph, redirect[0].protocol) : undefined;
        if (isUnknown(protocol)) return [protocol];
        // The provider's default protocol is #{protocol}: the request's own, so HTTP stays HTTP.
        if (protocol?.toUpperCase() !== 'HTTPS') problems.push(`${label}[${i}] redirects to protocol ${protocol ?? '#{protocol} (the default, which keeps HTTP)'}, not HTTPS`);
      }
      return problems;
    }
  },
};
