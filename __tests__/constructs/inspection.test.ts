/** The inspection constructs: CentralInspection (VPC, policy, firewall, logging, routes) and InspectedRangeRoutes. */
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CentralInspection, CentralInspectionProps } from '../../constructs/inspection/central-inspection';
import { FirewallPolicy } from '../../constructs/inspection/firewall-policy';
import { InspectedRangeRoutes } from '../../constructs/inspection/inspected-routes';
import { InspectionVpc } from '../../constructs/inspection/inspection-vpc';
import { NetworkFirewall } from '../../constructs/inspection/network-firewall';
import { Template } from '../helpers/template';
import { fakeVpc } from '../helpers/vpc-ref';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  return s;
}

const AZS = ['ap-northeast-2a', 'ap-northeast-2c'];
const SUBNETS: CentralInspectionProps['subnets'] = [
  { name: 'firewall-1', role: 'firewall', cidr: '10.253.0.0/28', az: AZS[0] },
  { name: 'firewall-2', role: 'firewall', cidr: '10.253.0.16/28', az: AZS[1] },
  { name: 'tgw-1', role: 'tgw', cidr: '10.253.0.32/28', az: AZS[0] },
  { name: 'tgw-2', role: 'tgw', cidr: '10.253.0.48/28', az: AZS[1] },
];

const props = (policy: Partial<CentralInspectionProps['policy']> = {}): CentralInspectionProps => ({
  namePrefix: 'shop-inspection',
  cidr: '10.253.0.0/26',
  subnets: SUBNETS,
  transitGatewayId: 'tgw-0123',
  inspectionRouteTableId: 'tgw-rtb-insp',
  policy: { partition: 'aws', region: 'ap-northeast-2', homeNet: ['10.0.0.0/8', '172.16.0.0/12'], egressAllowDomains: [], suricataRules: [], managedThreatGroups: [], ...policy },
  logs: { bucketName: 'shop-logs-222222222222-ap-northeast-2', prefix: 'flow-logs' },
});

describe('CentralInspection', () => {
  const s = stack();
  new CentralInspection(s, 'inspection', props({ egressAllowDomains: ['.example.com', 'api.vendor.io'], suricataRules: ['drop tcp $HOME_NET any -> $EXTERNAL_NET 22 (sid:100; rev:1;)'], managedThreatGroups: ['ThreatSignaturesMalwareStrictOrder'], passEastWest: true }));
  const t = Template.fromStack(s);
  const firewall = t.resources('aws_networkfirewall_firewall')[0];
  const subnet = (name: string) => t.byName('aws_subnet', `shop-inspection-${name}`);

  test('the attachment sits in the tgw subnets with appliance mode on, associated with the inspection table', () => {
    const attachment = t.resource('aws_ec2_transit_gateway_vpc_attachment');
    expect(attachment.props).toMatchObject({
      transit_gateway_id: 'tgw-0123',
      subnet_ids: [Template.ref(subnet('tgw-1')), Template.ref(subnet('tgw-2'))],
      appliance_mode_support: 'enable',
      dns_support: 'enable',
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
    });
    expect(t.resource('aws_ec2_transit_gateway_route_table_association').props).toMatchObject({ transit_gateway_attachment_id: Template.ref(attachment), transit_gateway_route_table_id: 'tgw-rtb-insp' });
    expect(t.count('aws_ec2_transit_gateway_route_table_propagation')).toBe(0);
  });

  test('one firewall endpoint per firewall subnet, with delete and subnet change protection', () => {
    expect(firewall.props).toMatchObject({
      name: 'shop-inspection-firewall',
      vpc_id: Template.ref(t.resource('aws_vpc')),
      firewall_policy_arn: Template.ref(t.resource('aws_networkfirewall_firewall_policy'), 'arn'),
      subnet_mapping: [{ subnet_id: Template.ref(subnet('firewall-1')) }, { subnet_id: Template.ref(subnet('firewall-2')) }],
      delete_protection: true,
      subnet_change_protection: true,
    });
  });

  test('attachment subnets route everything to the endpoint of their own AZ; firewall subnets back to the Transit Gateway', () => {
    const routes = Object.fromEntries(t.resources('aws_route').map((r) => [r.props.route_table_id, r.props]));
    const rt = (name: string) => Template.ref(t.byName('aws_route_table', `shop-inspection-${name}`));
    for (const [i, az] of AZS.entries()) {
      expect(routes[rt(`tgw-${i + 1}`)]).toMatchObject({
        destination_cidr_block: '0.0.0.0/0',
        vpc_endpoint_id: `\${one([for s in ${firewall.address}.firewall_status[0].sync_states : s.attachment[0].endpoint_id if s.availability_zone == "${az}"])}`,
      });
      expect(routes[rt(`firewall-${i + 1}`)]).toMatchObject({ destination_cidr_block: '0.0.0.0/0', transit_gateway_id: 'tgw-0123' });
    }
    expect(t.count('aws_route')).toBe(4);
    expect(t.count('aws_route_table_association')).toBe(4);
  });

  test('the policy forwards stateless to stateful, strict order, drops and alerts by default, HOME_NET the internal ranges', () => {
    const arn = (name: string) => Template.ref(t.resources('aws_networkfirewall_rule_group').find((r) => r.props.name === `shop-inspection-${name}`)!, 'arn');
    expect(t.resource('aws_networkfirewall_firewall_policy').props).toMatchObject({
      name: 'shop-inspection-policy',
      firewall_policy: {
        stateless_default_actions: ['aws:forward_to_sfe'],
        stateless_fragment_default_actions: ['aws:forward_to_sfe'],
        stateful_engine_options: { rule_order: 'STRICT_ORDER' },
        stateful_default_actions: ['aws:drop_established', 'aws:alert_established'],
        stateful_rule_group_reference: [
          { priority: 10, resource_arn: 'arn:aws:network-firewall:ap-northeast-2:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder' },
          { priority: 20, resource_arn: arn('suricata-100') },
          { priority: 30, resource_arn: arn('east-west') },
          { priority: 40, resource_arn: arn('egress-domains-100') },
        ],
        policy_variables: { rule_variables: [{ key: 'HOME_NET', ip_set: { definition: ['10.0.0.0/8', '172.16.0.0/12'] } }] },
      },
    });
  });

  test('rule groups: the domain allow-list on TLS SNI and HTTP host, the Suricata rules, the east-west pass, all strict order', () => {
    const groups = Object.fromEntries(t.resources('aws_networkfirewall_rule_group').map((r) => [r.props.name, r.props]));
    expect(groups['shop-inspection-egress-domains-100']).toEqual(
      expect.objectContaining({
        type: 'STATEFUL',
        capacity: 100,
        lifecycle: { create_before_destroy: true },
        rule_group: { rules_source: { rules_source_list: { generated_rules_type: 'ALLOWLIST', target_types: ['TLS_SNI', 'HTTP_HOST'], targets: ['.example.com', 'api.vendor.io'] } }, stateful_rule_options: { rule_order: 'STRICT_ORDER' } },
      }),
    );
    expect(groups['shop-inspection-suricata-100'].lifecycle).toEqual({ create_before_destroy: true });
    expect(groups['shop-inspection-suricata-100'].rule_group).toEqual({ rules_source: { rules_string: 'drop tcp $HOME_NET any -> $EXTERNAL_NET 22 (sid:100; rev:1;)' }, stateful_rule_options: { rule_order: 'STRICT_ORDER' } });
    expect(groups['shop-inspection-east-west'].rule_group.rules_source.rules_string).toMatch(/^pass ip \$HOME_NET any -> \$HOME_NET any \(.*sid:1000001; rev:1;\)$/);
  });

  test('ALERT and FLOW logs go to the archive bucket below the flow-log prefix', () => {
    expect(t.resource('aws_networkfirewall_logging_configuration').props).toMatchObject({
      firewall_arn: Template.ref(firewall, 'arn'),
      logging_configuration: {
        log_destination_config: ['ALERT', 'FLOW'].map((log_type) => ({ log_type, log_destination_type: 'S3', log_destination: { bucketName: 'shop-logs-222222222222-ap-northeast-2', prefix: 'flow-logs' } })),
      },
    });
  });

  test('subnets are tagged with their role for the analysis', () => {
    expect(t.resources('aws_subnet').map((r) => [r.props.tags.Name, r.props.tags.Tier, r.props.cidr_block, r.props.availability_zone])).toEqual([
      ['shop-inspection-firewall-1', 'firewall', '10.253.0.0/28', AZS[0]],
      ['shop-inspection-firewall-2', 'firewall', '10.253.0.16/28', AZS[1]],
      ['shop-inspection-tgw-1', 'tgw', '10.253.0.32/28', AZS[0]],
      ['shop-inspection-tgw-2', 'tgw', '10.253.0.48/28', AZS[1]],
    ]);
  });
});

describe('FirewallPolicy', () => {
  test('without rules of its own it references only the managed groups and still drops by default', () => {
    const s = stack();
    new FirewallPolicy(s, 'p', { namePrefix: 'x', partition: 'aws-us-gov', region: 'us-gov-west-1', homeNet: ['10.0.0.0/8'], egressAllowDomains: [], suricataRules: [], managedThreatGroups: ['MalwareDomainsStrictOrder'] });
    const t = Template.fromStack(s);
    expect(t.count('aws_networkfirewall_rule_group')).toBe(0);
    expect(t.resource('aws_networkfirewall_firewall_policy').props.firewall_policy).toMatchObject({
      stateful_default_actions: ['aws:drop_established', 'aws:alert_established'],
      stateful_rule_group_reference: [{ priority: 10, resource_arn: 'arn:aws-us-gov:network-firewall:us-gov-west-1:aws-managed:stateful-rulegroup/MalwareDomainsStrictOrder' }],
    });
  });

  test('an unknown managed group and an empty HOME_NET are refused with the construct path', () => {
    const base = { namePrefix: 'x', partition: 'aws', region: 'ap-northeast-2', homeNet: ['10.0.0.0/8'], egressAllowDomains: [], suricataRules: [], managedThreatGroups: [] };
    expect(() => new FirewallPolicy(stack(), 'p', { ...base, managedThreatGroups: ['ThreatSignaturesMalwareActionOrder'] })).toThrow('test/p: unknown AWS managed StrictOrder rule groups: ThreatSignaturesMalwareActionOrder');
    expect(() => new FirewallPolicy(stack(), 'p', { ...base, homeNet: [] })).toThrow('test/p: homeNet needs at least one range');
  });
});

describe('FirewallPolicy capacity tiers', () => {
  test('a list that outgrows its tier gets the next tier, named after it (created before the old one is deleted)', () => {
    const s = stack();
    const domains = Array.from({ length: 60 }, (_, i) => `h${i}.example.com`);
    new FirewallPolicy(s, 'p', { namePrefix: 'x', partition: 'aws', region: 'ap-northeast-2', homeNet: ['10.0.0.0/8'], egressAllowDomains: domains, suricataRules: [], managedThreatGroups: [] });
    const group = Template.fromStack(s).resource('aws_networkfirewall_rule_group');
    // 60 domains × 2 target types = 120 units; with room to grow, the 1,000 tier.
    expect([group.props.name, group.props.capacity, group.props.lifecycle]).toEqual(['x-egress-domains-1000', 1000, { create_before_destroy: true }]);
  });
});

describe('InspectionVpc and NetworkFirewall validation', () => {
  test('an attachment AZ without a firewall subnet is refused', () => {
    expect(() => new InspectionVpc(stack(), 'v', { namePrefix: 'x', cidr: '10.253.0.0/26', subnets: SUBNETS.filter((s) => s.name !== 'firewall-2'), transitGatewayId: 't', inspectionRouteTableId: 'r' })).toThrow(
      'test/v: no firewall subnet in ap-northeast-2c, where the attachment has a subnet',
    );
  });

  test('is a VpcRef: firewall subnets have tier firewall, attachment subnets tier tgw, in config order', () => {
    const v = new InspectionVpc(stack(), 'v', { namePrefix: 'x', cidr: '10.253.0.0/26', subnets: SUBNETS, transitGatewayId: 't', inspectionRouteTableId: 'r' });
    expect(v.cidr).toBe('10.253.0.0/26');
    expect(v.selectSubnets({ tiers: ['firewall'] }).subnets.map((s) => [s.name, s.az, s.cidr])).toEqual([
      ['firewall-1', AZS[0], '10.253.0.0/28'],
      ['firewall-2', AZS[1], '10.253.0.16/28'],
    ]);
    expect(v.selectSubnets({ tiers: ['tgw'], azs: [AZS[1]] }).subnets.map((s) => s.name)).toEqual(['tgw-2']);
    expect(v.selectSubnets().subnetIds).toHaveLength(4);
  });

  test('a subnet outside the VPC is refused', () => {
    expect(() => new InspectionVpc(stack(), 'v', { namePrefix: 'x', cidr: '10.253.0.0/27', subnets: SUBNETS, transitGatewayId: 't', inspectionRouteTableId: 'r' })).toThrow('test/v: subnet "tgw-1" cidr 10.253.0.32/28 is outside the VPC 10.253.0.0/27');
  });

  test('two firewall subnets in one AZ, and an endpoint asked for in an AZ without one, are refused', () => {
    const base = { name: 'f', policyArn: 'arn', logBucketName: 'b', logPrefix: 'p' };
    const vpc = (azs: string[]) => fakeVpc('vpc-1', '10.253.0.0/26', azs.map((az, i) => ({ id: `subnet-${i}`, name: `firewall-${i + 1}`, az, tier: 'firewall' as const, cidr: `10.253.0.${i * 16}/28` })));
    expect(() => new NetworkFirewall(stack(), 'f', { ...base, vpc: vpc([AZS[0], AZS[0]]) })).toThrow('test/f: a firewall takes one subnet per AZ, got two in ap-northeast-2a');
    const fw = new NetworkFirewall(stack(), 'f', { ...base, vpc: vpc([AZS[0], AZS[1]]), subnets: { azs: [AZS[0]] } });
    expect(() => fw.endpointIdIn(AZS[1])).toThrow('test/f: the firewall has no endpoint in ap-northeast-2c (it has ap-northeast-2a)');
  });
});

describe('InspectedRangeRoutes', () => {
  test('one static route per named range to the inspection attachment, ids from the names', () => {
    const s = stack();
    new InspectedRangeRoutes(s, 'r', { routeTableId: 'tgw-rtb-prod', inspectionAttachmentId: 'tgw-attach-insp', ranges: { 'spoke-a': '172.16.0.0/16', 'hub-endpoints': '10.254.0.0/24' } });
    const t = Template.fromStack(s);
    expect(t.resources('aws_ec2_transit_gateway_route').map((r) => [r.name.replace(/_[0-9A-F]{8}$/, ''), r.props.destination_cidr_block, r.props.transit_gateway_attachment_id, r.props.transit_gateway_route_table_id])).toEqual([
      ['r_to-hub-endpoints', '10.254.0.0/24', 'tgw-attach-insp', 'tgw-rtb-prod'],
      ['r_to-spoke-a', '172.16.0.0/16', 'tgw-attach-insp', 'tgw-rtb-prod'],
    ]);
  });

  test('a key that cannot be part of an address is refused', () => {
    expect(() => new InspectedRangeRoutes(stack(), 'r', { routeTableId: 'x', inspectionAttachmentId: 'y', ranges: { '172.16.0.0/16': '172.16.0.0/16' } })).toThrow('test/r: route key "172.16.0.0/16" must be lower-case letters');
  });
});
