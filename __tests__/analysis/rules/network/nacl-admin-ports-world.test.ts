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
      {
        resource: 'spoke:aws_network_acl_rule.ssh-var',
        message: 'cannot prove no network ACL allows the internet in to port 22 or 3389: cidr_block (${var.admin_cidr}: a variable or function result) is unknown before apply',
        unknown: true,
      },
    ]);
  });

  it('orders inline entries and rule resources of one ACL together, by rule number, as the reachability proof reads them', () => {
    const mixed = resource('spoke', 'aws_network_acl', 'mixed', { vpc_id: 'vpc-1', ingress: [{ rule_no: 200, action: 'allow', protocol: 'tcp', from_port: 22, to_port: 22, cidr_block: '0.0.0.0/0' }] });
    const deny = resource('spoke', 'aws_network_acl_rule', 'deny-ssh', { network_acl_id: ref(mixed.id), egress: false, protocol: '6', rule_action: 'deny', rule_number: 100, from_port: 22, to_port: 22, cidr_block: '0.0.0.0/0' });
    expect(findings(rule, mixed, deny)).toEqual([]);
    const late = resource('spoke', 'aws_network_acl_rule', 'deny-ssh', { ...deny.attrs, rule_number: 300 });
    expect(findings(rule, mixed, late)).toEqual([{ resource: 'spoke:aws_network_acl.mixed', message: 'ingress[0] rule 200 allows tcp 22 from 0.0.0.0/0' }]);
  });

  it('reports an ingress list built by an expression, and an allow whose ACL is unknown, as unknown; a deny whose action is unknown never shadows', () => {
    const opaque = resource('spoke', 'aws_network_acl', 'opaque', { vpc_id: 'vpc-1', ingress: unknown('${var.rules}') });
    expect(findings(rule, opaque)).toEqual([
      { resource: 'spoke:aws_network_acl.opaque', message: 'cannot prove no network ACL allows the internet in to port 22 or 3389: ingress (${var.rules}: a variable or function result) is unknown before apply', unknown: true },
    ]);
    const stray = entry('stray', { network_acl_id: unknown('${var.acl}'), rule_number: 100, from_port: 22, to_port: 22, cidr_block: '0.0.0.0/0' });
    const strayDeny = entry('stray-deny', { network_acl_id: unknown('${var.acl}'), rule_action: 'deny', rule_number: 100, from_port: 22, to_port: 22, cidr_block: '0.0.0.0/0' });
    expect(findings(rule, stray, strayDeny).map((f) => [f.resource, f.unknown])).toEqual([['spoke:aws_network_acl_rule.stray', true]]);
    const maybeDeny = entry('maybe-deny', { rule_number: 50, rule_action: unknown('${var.action}'), from_port: 22, to_port: 22, cidr_block: '0.0.0.0/0' });
    const ssh = entry('ssh', { rule_number: 100, from_port: 22, to_port: 22, cidr_block: '0.0.0.0/0' });
    expect(findings(rule, acl, maybeDeny, ssh)).toEqual([
      expect.objectContaining({ resource: 'spoke:aws_network_acl_rule.maybe-deny', unknown: true }),
      { resource: 'spoke:aws_network_acl_rule.ssh', message: 'ingress rule 100 allows tcp 22 from 0.0.0.0/0' },
    ]);
  });
});
