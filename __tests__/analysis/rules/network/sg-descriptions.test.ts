import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/sg-descriptions';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const sg = resource('spoke', 'aws_security_group', 'app', { description: 'App tier' });

describe('LZ-SG04 descriptions on groups and rules', () => {
  it('passes described groups and rules (the default group is exempt: AWS owns its description)', () => {
    expect(
      findings(
        rule,
        sg,
        resource('spoke', 'aws_default_security_group', 'd', {}),
        resource('spoke', 'aws_vpc_security_group_ingress_rule', 'r', { security_group_id: ref(sg.id), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8', description: 'HTTPS from spokes' }),
      ),
    ).toEqual([]);
  });

  it('reports groups left at the Terraform default and rules without a description', () => {
    expect(
      findings(
        rule,
        resource('spoke', 'aws_security_group', 'bare', { ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'], description: '' }] }),
        resource('spoke', 'aws_security_group', 'defaulted', { description: 'Managed by Terraform' }),
        resource('spoke', 'aws_security_group_rule', 'r', { type: 'egress', protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'], security_group_id: ref(sg.id) }),
      ),
    ).toEqual([
      { resource: 'spoke:aws_security_group.bare', message: 'security group has no description (Terraform writes "Managed by Terraform")' },
      { resource: 'spoke:aws_security_group.defaulted', message: 'security group has no description' },
      { resource: 'spoke:aws_security_group.bare', message: 'ingress[0] tcp 22 from 10.0.0.0/8 has no description' },
      { resource: 'spoke:aws_security_group_rule.r', message: 'egress tcp 443 to 0.0.0.0/0 has no description' },
    ]);
  });

  it('reports an unknown description as unknown', () => {
    expect(findings(rule, resource('spoke', 'aws_security_group', 'v', { description: unknown('${var.description}') }))).toEqual([
      { resource: 'spoke:aws_security_group.v', message: 'cannot prove security group has a description: ${var.description} is unknown before apply', unknown: true },
    ]);
  });
});
