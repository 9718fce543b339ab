import { ref } from '../../../../analysis/graph/graph';
import { isPrivateIpv4, isWorldCidr } from '../../../../analysis/rules/helpers/cidr';
import { allowsAnyPrincipal, parsePolicy, restrictingConditionKeys } from '../../../../analysis/rules/helpers/policy';
import { describeRule, securityGroupRules } from '../../../../analysis/rules/helpers/security-groups';
import { isVariable, resolve, unknownOf } from '../../../../analysis/rules/helpers/values';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

describe('rule helpers', () => {
  const vpc = resource('s', 'aws_vpc', 'v', { cidr_block: '10.1.0.0/16', tags: { Name: 'v' } });
  const bucket = resource('s', 'aws_s3_bucket', 'b', { bucket: 'logs' });
  const g = graph(vpc, bucket);

  it('resolves references to literal arguments and templates whose references all resolve', () => {
    expect(resolve(g, ref(vpc.id, 'cidr_block'))).toBe('10.1.0.0/16');
    expect(resolve(g, ref(vpc.id, 'tags.Name'))).toBe('v');
    expect(resolve(g, { $template: 'arn:aws:s3:::${aws_s3_bucket.b.bucket}/x/', refs: [ref(bucket.id, 'bucket') as never] })).toBe('arn:aws:s3:::logs/x/');
  });

  it('turns computed attributes, missing resources and unresolvable templates into unknowns', () => {
    expect(resolve(g, ref(vpc.id, 'id'))).toEqual({ $unknown: 's:aws_vpc.v.id', reason: 'computed by AWS at apply' });
    expect(resolve(g, ref('s:aws_vpc.gone', 'cidr_block'))).toEqual({ $unknown: 's:aws_vpc.gone.cidr_block', reason: 's:aws_vpc.gone is not in the graph' });
    expect(unknownOf(ref('s:aws_vpc.gone'), g)).toEqual({ $unknown: 's:aws_vpc.gone.id', reason: 's:aws_vpc.gone is not in the graph' });
    expect(unknownOf(ref(vpc.id), g)).toBeUndefined();
    expect(resolve(g, { $template: '${aws_s3_bucket.b.arn}/x', refs: [ref(bucket.id, 'arn') as never] })).toEqual({ $unknown: '${aws_s3_bucket.b.arn}/x', reason: 'a string built from values known only at apply' });
  });

  it('recognizes variables in both spellings, and nothing else', () => {
    expect(isVariable(unknown('${var.key}'))).toBe(true);
    expect(isVariable(unknown('var.key'))).toBe(true);
    expect(isVariable(unknown('${sensitive(var.key)}'))).toBe(false);
    expect(isVariable('var.key')).toBe(false);
  });

  it('classifies CIDR blocks', () => {
    expect([isWorldCidr('0.0.0.0/0'), isWorldCidr('::/0'), isWorldCidr('0.0.0.0/1'), isWorldCidr('pl-123')]).toEqual([true, true, false, false]);
    expect([isPrivateIpv4('10.1.0.0/16'), isPrivateIpv4('172.16.0.0/12'), isPrivateIpv4('172.0.0.0/8'), isPrivateIpv4('192.168.1.7/24'), isPrivateIpv4('fd00::/8')]).toEqual([true, true, false, true, false]);
  });

  it('parses policies with interpolations kept opaque, and reports expression-built policies as unknown', () => {
    const text = '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"${aws_s3_bucket.b.arn}/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"${var.org}"},"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}]}';
    const parsed = parsePolicy(g, { $template: text, refs: [ref(bucket.id, 'arn') as never, unknown('${var.org}') as never] });
    expect(Array.isArray(parsed)).toBe(true);
    const [statement] = parsed as Exclude<typeof parsed, undefined | { $unknown: string }>;
    expect(allowsAnyPrincipal(statement)).toBe(true);
    expect(statement.resources[0]).not.toBe('*');
    expect([...restrictingConditionKeys(statement)]).toEqual(['aws:principalorgid']);
    expect(parsePolicy(g, '${jsonencode(local.policy)}')).toEqual({ $unknown: '${jsonencode(local.policy)}', reason: 'not JSON text (built by an expression)' });
  });

  it('flattens the five security-group rule shapes into one form', () => {
    const sg = resource('s', 'aws_security_group', 'sg', { ingress: [{ protocol: '6', from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'], self: true }] });
    const legacy = resource('s', 'aws_security_group_rule', 'r', { type: 'egress', protocol: '-1', from_port: 0, to_port: 0, ipv6_cidr_blocks: ['::/0'], security_group_id: ref(sg.id) });
    const modern = resource('s', 'aws_vpc_security_group_ingress_rule', 'm', { ip_protocol: 'udp', from_port: 53, to_port: 53, prefix_list_id: 'pl-1', security_group_id: ref(sg.id) });
    const gg = graph(sg, legacy, modern);
    expect(securityGroupRules(gg).map((r) => r.peers.map((p) => describeRule(gg, r, p)))).toEqual([
      ['ingress[0] tcp 22 from 10.0.0.0/8', 'ingress[0] tcp 22 from self'],
      ['egress all traffic to ::/0'],
      ['ingress udp 53 from prefix list "pl-1"'],
    ]);
  });
});
