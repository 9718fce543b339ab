import { rule } from '../../../../analysis/rules/network/resolver-connection-tracking';
import { findings } from '../../../helpers/rule-fixtures';
import { resolverFixture } from './resolver-fixture';

describe('LZ-R53R03 Resolver endpoints keep DNS untracked', () => {
  it('passes the shipped shape: per protocol, 0.0.0.0/0 on the DNS port one way and on every port the other way', () => {
    expect(findings(rule, ...resolverFixture().all)).toEqual([]);
    expect(findings(rule, ...resolverFixture({ targetPort: 5353 }).all)).toEqual([]);
  });

  it('reports a tracked shape with its capacity consequence: narrow query ranges, or replies on fewer ports', () => {
    const f = resolverFixture();
    const tracked = [
      f.vpc,
      f.inboundSg,
      f.outboundSg,
      f.inbound,
      f.outbound,
      f.forward,
      // Inbound: DNS from the on-premises range only (the old shape), no reply rules.
      f.sgRule('ingress', 'in-udp', f.inboundSg, 'udp', 53, 53, '10.10.0.0/16'),
      f.sgRule('ingress', 'in-tcp', f.inboundSg, 'tcp', 53, 53, '10.10.0.0/16'),
      // Outbound: queries to anywhere, but UDP replies only on ephemeral ports.
      f.sgRule('egress', 'out-udp', f.outboundSg, 'udp', 53, 53),
      f.sgRule('egress', 'out-tcp', f.outboundSg, 'tcp', 53, 53),
      f.sgRule('ingress', 'out-udp-replies', f.outboundSg, 'udp', 1024, 65535),
      f.sgRule('ingress', 'out-tcp-replies', f.outboundSg, 'tcp', 0, 65535),
    ];
    expect(findings(rule, ...tracked)).toEqual([
      { resource: 'hub:aws_route53_resolver_endpoint.inbound', message: 'inbound DNS over UDP AND TCP on port 53 is connection-tracked: as few as 1,500 queries per second per ENI instead of 10,000 (2 ENIs: 3,000 instead of 20,000)' },
      { resource: 'hub:aws_route53_resolver_endpoint.outbound', message: 'outbound DNS over UDP on port 53 is connection-tracked: as few as 1,500 queries per second per ENI instead of 10,000 (3 ENIs: 4,500 instead of 30,000)' },
    ]);
  });
});
