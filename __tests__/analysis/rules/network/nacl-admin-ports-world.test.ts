import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/nacl-admin-ports-world';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const acl = resource('spoke', 'aws_network_acl', 'public', { vpc_id: 'vpc-1' });
const entry = (name: string, attrs: Record<string, unknown>) =>
  resource('spoke', 'aws_network_acl_rule', name, { network_acl_id: ref(acl.id), egress: false, protocol: 'tcp', rule_action: 'allow', ...(attrs as object) });

describe('LZ-NACL01 no NACL allows SSH/RDP from the internet', () => {
  it('passes web ports from the world, admin ports from internal ranges, egress entries, and an allow shadowed by an earlier deny', () => {
    expect(
      findings(
        rule,
        acl,
        entry('https', { rule_number: 100, from_port: 443, to_port: 443, cidr_block: '0.0.0.0/0' }),
        entry('ssh-internal', { rule_number: 110, from_port: 22, to_port: 22, cidr_block: '10.0.0.0/8' }),
        entry('ephemeral-out', { rule_number: 120, egress: true, from_port: 0, to_port: 65535, cidr_block: '0.0.0.0/0' }),
        entry('deny-admin-22', { rule_number: 50, rule_action: 'deny', from_port: 22, to_port: 22, cidr_block: '0.0.0.0/0' }),
        entry('deny-admin-3389', { rule_number: 51, rule_action: 'deny', protocol: '-1', cidr_block: '0.0.0.0/0' }),
        entry('wide', { rule_number: 200, from_port: 1, to_port: 65535, cidr_block: '0.0.0.0/0' }),
      ),
    ).toEqual([]);
  });

  it('reports inline and rule-resource allows that reach 22 or 3389 from 0.0.0.0/0 or ::/0', () => {
    const inline = resource('spoke', 'aws_network_acl', 'inline', {
      ingress: [
        { rule_no: 100, action: 'allow', protocol: '-1', from_port: 0, to_port: 0, cidr_block: '0.0.0.0/0' },
        { rule_no: 110, action: 'allow', protocol: 'icmp', from_port: 0, to_port: 0, cidr_block: '0.0.0.0/0' },
      ],
    });
    expect(
      findings(
        rule,
        acl,
        inline,
        entry('rdp-v6', { rule_number: 100, from_port: 3389, to_port: 3389, ipv6_cidr_block: '::/0' }),
        // A deny for IPv4 does not shadow an IPv6 allow.
        entry('deny-v4', { rule_number: 90, rule_action: 'deny', from_port: 3389, to_port: 3389, cidr_block: '0.0.0.0/0' }),
      ),
    ).toEqual([
      { resource: 'spoke:aws_network_acl.inline', message: 'ingress[0] rule 100 allows all traffic from 0.0.0.0/0 (reaches 22 and 3389)' },
      { resource: 'spoke:aws_network_acl_rule.rdp-v6', message: 'ingress rule 100 allows tcp 3389 from ::/0' },
    ]);
  });

  it('reports an unknown source on an admin port as unknown', () => {
    expect(findings(rule, acl, entry('ssh-var', { rule_number: 100, from_port: 22, to_port: 22, cidr_block: unknown('${var.admin_cidr}') }))).toEqual([
      { resource: 'spoke:aws_network_acl_rule.ssh-var', message: 'cannot prove no network ACL allows the internet in to port 22 or 3389: ${var.admin_cidr} is unknown before apply', unknown: true },
    ]);
  });
});
