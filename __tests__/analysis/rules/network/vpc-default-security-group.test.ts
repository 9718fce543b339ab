import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/vpc-default-security-group';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const vpc = resource('spoke', 'aws_vpc', 'app', { cidr_block: '10.1.0.0/16' });
const adopted = resource('spoke', 'aws_default_security_group', 'default', { vpc_id: ref(vpc.id), tags: { Name: 'do-not-use' } });

describe('LZ-VPC02 default security group adopted and empty', () => {
  it('passes an adopted default group without rules (absent or empty lists)', () => {
    expect(findings(rule, vpc, adopted)).toEqual([]);
    expect(findings(rule, vpc, resource('spoke', 'aws_default_security_group', 'default', { vpc_id: ref(vpc.id), ingress: [], egress: [] }))).toEqual([]);
  });

  it('reports a VPC whose default group is not adopted', () => {
    expect(findings(rule, vpc)).toEqual([
      { resource: 'spoke:aws_vpc.app', message: "default security group not adopted: it keeps AWS's allow-all rules (add aws_default_security_group with no ingress or egress)" },
    ]);
  });

  it('reports inline rules and rule resources that open the default group', () => {
    const open = resource('spoke', 'aws_default_security_group', 'default', {
      vpc_id: ref(vpc.id),
      egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }],
    });
    const added = resource('spoke', 'aws_vpc_security_group_ingress_rule', 'into-default', {
      security_group_id: ref(vpc.id, 'default_security_group_id'),
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '10.0.0.0/8',
    });
    expect(findings(rule, vpc, open, added)).toEqual([
      { resource: 'spoke:aws_default_security_group.default', message: 'egress[0] all traffic on a default security group, which must stay empty' },
      { resource: 'spoke:aws_vpc_security_group_ingress_rule.into-default', message: 'ingress tcp 443 on a default security group, which must stay empty' },
    ]);
  });

  it('reports unknown rule lists and unknown vpc_ids as unknown', () => {
    const dynamic = resource('spoke', 'aws_default_security_group', 'default', { vpc_id: ref(vpc.id), ingress: unknown('${local.rules}') });
    expect(findings(rule, vpc, dynamic)).toEqual([
      { resource: 'spoke:aws_default_security_group.default', message: 'cannot prove the default security group has no ingress rules: ${local.rules} is unknown before apply', unknown: true },
    ]);
    const elsewhere = resource('spoke', 'aws_default_security_group', 'default', { vpc_id: unknown('${var.vpc_id}') });
    expect(findings(rule, vpc, elsewhere)).toEqual([
      { resource: 'spoke:aws_vpc.app', message: "cannot prove this VPC's default security group is adopted and empty: ${var.vpc_id} is unknown before apply", unknown: true },
    ]);
  });
});
