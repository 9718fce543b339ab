/** LZ-ALB01: TLS listeners (HTTPS, TLS) negotiate TLS 1.2 at least, with a TLS 1.3 security policy. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { resourcesOf } from './util';

const CLAIM = 'the listener accepts only TLS 1.2 or later';

/**
 * Predefined policies with TLS 1.3 and nothing older than TLS 1.2, without the extended (CBC, SHA-1)
 * cipher lists of the Ext0/Ext1/Ext2 variants: ELBSecurityPolicy-TLS13-1-2-2021-06 and the stricter
 * restricted, TLS 1.3-only, FIPS and post-quantum ones
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html).
 */
export const TLS_POLICIES: ReadonlySet<string> = new Set([
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
]);

export const rule: Rule = {
  id: 'LZ-ALB01',
  title: 'HTTPS and TLS listeners use ELBSecurityPolicy-TLS13-1-2-2021-06 or a stricter TLS 1.3 policy',
  why: 'TLS 1.0 and 1.1 and CBC cipher suites have practical downgrade and padding-oracle attacks; a listener without ssl_policy gets ELBSecurityPolicy-2016-08, which still allows them.',
  level: 'error',
  suppressible: true,
  // Security Hub ELB.17 is stricter (it rejects ELBSecurityPolicy-TLS13-1-2-2021-06), so it is not mapped.
  mappings: { checkov: ['CKV_AWS_103'] },
  appliesTo: ['aws_lb_listener', 'aws_alb_listener'],
  check(graph) {
    const out: Violation[] = [];
    for (const listener of resourcesOf(graph, 'aws_lb_listener', 'aws_alb_listener')) {
      const policy = stringOf(graph, listener.attrs.ssl_policy);
      if (typeof policy === 'string' && TLS_POLICIES.has(policy)) continue;
      const protocol = stringOf(graph, listener.attrs.protocol);
      if (isUnknown(protocol)) {
        out.push(unknownFinding(listener, CLAIM, protocol));
        continue;
      }
      // No protocol is HTTP (ALB) or TCP (NLB): no TLS here; LZ-ALB02 judges plain HTTP.
      const tls = protocol?.toUpperCase();
      if (tls !== 'HTTPS' && tls !== 'TLS') continue;
      if (isUnknown(policy)) out.push(unknownFinding(listener, CLAIM, policy));
      else if (policy === undefined) out.push(finding(listener, `${tls} listener sets no ssl_policy, so AWS applies ELBSecurityPolicy-2016-08, which allows TLS 1.0 and 1.1`));
      else out.push(finding(listener, `${tls} listener uses ssl_policy ${policy}; use ELBSecurityPolicy-TLS13-1-2-2021-06 or a stricter TLS 1.3 policy`));
    }
    return out;
  },
};
