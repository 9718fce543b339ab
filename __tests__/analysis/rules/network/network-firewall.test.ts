import { ref } from '../../../../analysis/graph/graph';
import { loggingRule, rule } from '../../../../analysis/rules/network/network-firewall';
import { findings, resource } from '../../../helpers/rule-fixtures';

const vpc = resource('hub', 'aws_vpc', 'inspection', { cidr_block: '10.253.0.0/25' });
const subnet = resource('hub', 'aws_subnet', 'fw-a', { vpc_id: ref(vpc.id), cidr_block: '10.253.0.0/28', availability_zone: 'ap-northeast-2a' });
const policy = (body: Record<string, unknown>) =>
  resource('hub', 'aws_networkfirewall_firewall_policy', 'policy', {
    name: 'shop-inspection-policy',
    firewall_policy: {
      stateless_default_actions: ['aws:forward_to_sfe'],
      stateless_fragment_default_actions: ['aws:forward_to_sfe'],
      stateful_engine_options: { rule_order: 'STRICT_ORDER' },
      stateful_default_actions: ['aws:drop_established', 'aws:alert_established'],
      ...(body as object),
    },
  });
const firewall = (p = policy({})) => resource('hub', 'aws_networkfirewall_firewall', 'fw', { name: 'shop-inspection-firewall', vpc_id: ref(vpc.id), firewall_policy_arn: ref(p.id, 'arn'), subnet_mapping: [{ subnet_id: ref(subnet.id) }] });
const logging = (types: string[]) =>
  resource('hub', 'aws_networkfirewall_logging_configuration', 'logs', {
    firewall_arn: ref(firewall().id, 'arn'),
    logging_configuration: { log_destination_config: types.map((log_type) => ({ log_type, log_destination_type: 'S3', log_destination: { bucketName: 'org-logs', prefix: 'flow-logs' } })) },
  });

describe('LZ-NFW01 firewall policy drops by default', () => {
  it('passes forward-to-stateful, strict order and drop established', () => {
    const p = policy({});
    expect(findings(rule, vpc, subnet, p, firewall(p))).toEqual([]);
  });

  it('reports a pass default, a stateless pass and default action order, naming each', () => {
    const p = policy({ stateless_default_actions: ['aws:pass'], stateful_default_actions: ['aws:alert_established'] });
    expect(findings(rule, vpc, subnet, p, firewall(p))).toEqual([
      {
        resource: 'hub:aws_networkfirewall_firewall_policy.policy',
        message: 'policy shop-inspection-policy of firewall shop-inspection-firewall: stateless default actions are [aws:pass], not aws:forward_to_sfe; stateful default actions [aws:alert_established] drop nothing (use aws:drop_established or aws:drop_strict)',
      },
    ]);
    const q = policy({ stateful_engine_options: { rule_order: 'DEFAULT_ACTION_ORDER' } });
    expect(findings(rule, vpc, subnet, q, firewall(q)).map((f) => f.message)).toEqual([
      'policy shop-inspection-policy of firewall shop-inspection-firewall: rule order is DEFAULT_ACTION_ORDER, so no stateful default action applies (they need STRICT_ORDER)',
    ]);
  });

  it('reports a firewall whose policy is not in the output as unknown', () => {
    const fw = resource('hub', 'aws_networkfirewall_firewall', 'fw', { name: 'x', vpc_id: ref(vpc.id), firewall_policy_arn: 'arn:aws:network-firewall:ap-northeast-2:111111111111:firewall-policy/elsewhere', subnet_mapping: [{ subnet_id: ref(subnet.id) }] });
    expect(findings(rule, vpc, subnet, fw)).toEqual([{ resource: fw.id, message: 'cannot prove the policy of firewall x drops by default: its firewall policy is not in the synthesized output', unknown: true }]);
  });
});

describe('LZ-NFW02 firewall logging', () => {
  it('passes ALERT and FLOW', () => {
    const p = policy({});
    expect(findings(loggingRule, vpc, subnet, p, firewall(p), logging(['ALERT', 'FLOW']))).toEqual([]);
  });

  it('reports a missing FLOW log on the logging configuration, and a firewall without one', () => {
    const p = policy({});
    expect(findings(loggingRule, vpc, subnet, p, firewall(p), logging(['ALERT']))).toEqual([{ resource: 'hub:aws_networkfirewall_logging_configuration.logs', message: 'firewall shop-inspection-firewall does not log FLOW' }]);
    expect(findings(loggingRule, vpc, subnet, p, firewall(p))).toEqual([{ resource: 'hub:aws_networkfirewall_firewall.fw', message: 'firewall shop-inspection-firewall has no aws_networkfirewall_logging_configuration' }]);
  });
});
