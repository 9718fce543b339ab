import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/resolver-endpoint-security-group';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';
import { resolverFixture } from './resolver-fixture';

const CLAIM = 'Resolver endpoint groups carry only TCP/UDP DNS (the DNS port toward the resolver or its targets, any port for replies), open to 0.0.0.0/0 only in a VPC without an internet gateway';

describe('LZ-R53R01 Resolver endpoint groups carry DNS only, world-open only where routing limits them', () => {
  it('passes the shipped untracked shape in a VPC without an internet gateway, and a tracked shape with named ranges', () => {
    expect(findings(rule, ...resolverFixture().all)).toEqual([]);
    const f = resolverFixture();
    const tracked = [f.vpc, f.inboundSg, f.inbound, f.sgRule('ingress', 'in-udp', f.inboundSg, 'udp', 53, 53, '10.10.0.0/16'), f.sgRule('ingress', 'in-tcp', f.inboundSg, 'tcp', 53, 53, '10.10.0.0/16')];
    expect(findings(rule, ...tracked)).toEqual([]);
  });

  it('passes the outbound queries on the forwarding targets\' port', () => {
    expect(findings(rule, ...resolverFixture({ targetPort: 5353 }).all)).toEqual([]);
  });

  it('reports ports other than DNS toward the resolver, and protocols other than TCP/UDP', () => {
    const f = resolverFixture();
    expect(
      findings(
        rule,
        ...f.all,
        f.sgRule('ingress', 'in-853', f.inboundSg, 'tcp', 853, 853, '10.10.0.0/16'),
        f.sgRule('egress', 'out-443', f.outboundSg, 'tcp', 443, 443),
        f.sgRule('ingress', 'in-all', f.inboundSg, '-1', 0, 0, '10.10.0.0/16'),
      ),
    ).toEqual([
      { resource: 'hub:aws_vpc_security_group_ingress_rule.in-853', message: `ingress tcp 853 from 10.10.0.0/16: ${CLAIM}` },
      { resource: 'hub:aws_vpc_security_group_ingress_rule.in-all', message: `ingress all traffic from 10.10.0.0/16: ${CLAIM}` },
      { resource: 'hub:aws_vpc_security_group_egress_rule.out-443', message: `egress tcp 443 to 0.0.0.0/0: ${CLAIM}` },
    ]);
  });

  it('reports 0.0.0.0/0 where the VPC has an internet gateway: the group and each world-open rule', () => {
    const out = findings(rule, ...resolverFixture({ igw: true }).all);
    expect(out.filter((f) => f.resource.includes('aws_security_group.'))).toEqual([
      { resource: 'hub:aws_security_group.inbound', message: 'Resolver endpoint group with 0.0.0.0/0 rules: its VPC has an internet gateway (hub:aws_internet_gateway.igw), so 0.0.0.0/0 includes the internet' },
      { resource: 'hub:aws_security_group.outbound', message: 'Resolver endpoint group with 0.0.0.0/0 rules: its VPC has an internet gateway (hub:aws_internet_gateway.igw), so 0.0.0.0/0 includes the internet' },
    ]);
    expect(out.filter((f) => f.resource.includes('_rule.'))).toHaveLength(8);
  });

  it('counts an internet gateway attached through aws_internet_gateway_attachment, as the network model places it', () => {
    const f = resolverFixture();
    const igw = resource('hub', 'aws_internet_gateway', 'attached', {});
    const attachment = resource('hub', 'aws_internet_gateway_attachment', 'a', { internet_gateway_id: ref(igw.id), vpc_id: ref(f.vpc.id) });
    expect(findings(rule, ...f.all, igw, attachment).filter((x) => x.resource.includes('aws_security_group.'))).toEqual(
      ['inbound', 'outbound'].map((g) => ({ resource: `hub:aws_security_group.${g}`, message: 'Resolver endpoint group with 0.0.0.0/0 rules: its VPC has an internet gateway (hub:aws_internet_gateway.attached), so 0.0.0.0/0 includes the internet' })),
    );
  });

  it('an internet gateway whose VPC is unknown before apply is no proof of "no internet gateway": the world-open rules are undecided', () => {
    const f = resolverFixture();
    const igw = resource('hub', 'aws_internet_gateway', 'somewhere', { vpc_id: unknown('${var.vpc_id}', 'variable') });
    const out = findings(rule, ...f.all, igw);
    // Every world-open rule of both groups is undecided (never a silent pass), nothing else.
    expect(out).toHaveLength(8);
    for (const x of out) expect(x).toEqual({ resource: expect.stringMatching(/_rule\.(in|out)-/), message: `cannot prove ${CLAIM}: the VPC of hub:aws_internet_gateway.somewhere is unknown before apply`, unknown: true });
  });

  it('reports 0.0.0.0/0 on a group that is also attached to something else', () => {
    const out = findings(rule, ...resolverFixture({ extraUser: true }).all);
    expect(out[0]).toEqual({ resource: 'hub:aws_security_group.inbound', message: 'Resolver endpoint group with 0.0.0.0/0 rules: it is also attached to hub:aws_instance.box, which its 0.0.0.0/0 rules would open' });
    expect(out.map((f) => f.resource).filter((r) => r.includes('_rule.')).sort()).toEqual([
      'hub:aws_vpc_security_group_egress_rule.in-tcp-replies',
      'hub:aws_vpc_security_group_egress_rule.in-udp-replies',
      'hub:aws_vpc_security_group_ingress_rule.in-tcp-53',
      'hub:aws_vpc_security_group_ingress_rule.in-udp-53',
    ]);
  });

  it('reports an unknown range or an unknown VPC as unknown', () => {
    const f = resolverFixture();
    expect(findings(rule, f.vpc, f.inboundSg, f.inbound, f.sgRule('ingress', 'in-var', f.inboundSg, 'udp', 53, 53, unknown('${var.onprem}') as unknown as string))).toEqual([
      { resource: 'hub:aws_vpc_security_group_ingress_rule.in-var', message: `cannot prove ${CLAIM}: \${var.onprem} is unknown before apply`, unknown: true },
    ]);
    const orphan = resource('hub', 'aws_security_group', 'orphan', { description: 'x', vpc_id: unknown('${var.vpc}') });
    const endpoint = resource('hub', 'aws_route53_resolver_endpoint', 'e', { direction: 'INBOUND', security_group_ids: [ref(orphan.id)] });
    expect(findings(rule, orphan, endpoint, f.sgRule('ingress', 'w', orphan, 'udp', 53, 53))).toEqual([
      { resource: 'hub:aws_vpc_security_group_ingress_rule.w', message: `cannot prove ${CLAIM}: \${var.vpc} is unknown before apply`, unknown: true },
    ]);
  });
});
