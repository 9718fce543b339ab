/**
 * The perimeter across the stacks of examples/perimeter.yaml: the hub owns, shares and publishes the
 * DNS Firewall rule group and associates its own VPCs; each spoke associates its VPC with the published
 * id; every VPC-owning workspace turns Block Public Access on for its account with its exclusions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { parseConfig } from '../../config/load';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { defaultLandingZone } from '../helpers/landing-zone';
import { Template } from '../helpers/template';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'perimeter.yaml');
const example = () => parseConfig(fs.readFileSync(EXAMPLE, 'utf8'), 'perimeter.yaml').landingZone;

describe('perimeter of examples/perimeter.yaml', () => {
  const stacks = buildLandingZone(Testing.app(), example());
  const hub = Template.fromStack(stacks.hub);
  const prod = Template.fromStack(stacks.spokes[0]);
  const dev = Template.fromStack(stacks.spokes[1]);

  test('the hub shares the rule group and publishes its id only after the RAM share exists', () => {
    const group = hub.resource('aws_route53_resolver_firewall_rule_group', { name: 'shop-dns-firewall' });
    const share = hub.resource('aws_ram_resource_share', { name: 'shop-dns-firewall-share' });
    const parameter = hub.resources('aws_ssm_parameter').find((p) => p.props.name === '/landing-zone/shop/hub/dns-firewall-rule-group-id')!;
    expect(parameter.props.value).toBe(Template.ref(group));
    const shareParts = [share, ...hub.resources('aws_ram_resource_association'), ...hub.resources('aws_ram_principal_association')].filter((r) => r.address.includes('dns-firewall_share'));
    expect(shareParts).toHaveLength(3);
    expect([...parameter.props.depends_on].sort()).toEqual(shareParts.map((r) => r.address).sort());
    expect(hub.json.output.dns_firewall_rule_group_id.value).toBe(Template.ref(group));
    expect(hub.count('aws_route53_resolver_firewall_rule')).toBe(4);
  });

  test('every hub VPC is associated and fails closed', () => {
    const group = hub.resource('aws_route53_resolver_firewall_rule_group');
    const associations = hub.resources('aws_route53_resolver_firewall_rule_group_association');
    expect(associations.map((a) => a.props.name).sort()).toEqual(['shop-egress-dns-firewall', 'shop-endpoints-dns-firewall']);
    for (const a of associations) expect(a.props).toMatchObject({ firewall_rule_group_id: Template.ref(group), priority: 1000 });
    const vpcs = hub.resources('aws_vpc').map((v) => Template.ref(v));
    expect(associations.map((a) => a.props.vpc_id).sort()).toEqual([...vpcs].sort());
    expect(hub.resources('aws_route53_resolver_firewall_config').map((c) => [c.props.resource_id, c.props.firewall_fail_open]).sort()).toEqual(vpcs.map((v) => [v, 'DISABLED']).sort());
  });

  test('each spoke associates its own VPC with the published rule group id', () => {
    for (const [spoke, t] of [['shop-prod', prod], ['shop-dev', dev]] as const) {
      const association = t.resource('aws_route53_resolver_firewall_rule_group_association');
      expect(association.props.name).toBe(`shop-${spoke}-vpc-dns-firewall`);
      expect(t.publishedName(association.props.firewall_rule_group_id)).toBe('/landing-zone/shop/hub/dns-firewall-rule-group-id');
      // Read through the hub provider (the parameter lives in the hub account); the association is the spoke's.
      expect(association.props.provider).toBeUndefined();
      expect(association.props.vpc_id).toBe(Template.ref(t.resources('aws_vpc')[0]));
      expect(t.resource('aws_route53_resolver_firewall_config').props.firewall_fail_open).toBe('DISABLED');
    }
  });

  test('Block Public Access is bidirectional in the hub and every spoke account, with the exclusions of each workspace', () => {
    for (const t of [hub, prod, dev]) {
      expect(t.resources('aws_vpc_block_public_access_options').map((o) => o.props.internet_gateway_block_mode)).toEqual(['block-bidirectional']);
    }
    const egressPublic = hub.resources('aws_subnet').filter((s) => s.props.tags?.Tier === 'public');
    const hubExclusions = hub.resources('aws_vpc_block_public_access_exclusion');
    expect(hubExclusions.map((e) => [e.props.subnet_id, e.props.internet_gateway_exclusion_mode]).sort()).toEqual(egressPublic.map((s) => [Template.ref(s), 'allow-egress']).sort());
    expect(hubExclusions.every((e) => e.props.tags.Reason === 'Central egress: the NAT gateways every spoke leaves through')).toBe(true);
    const prodPublic = prod.resources('aws_subnet').filter((s) => s.props.tags?.Tier === 'public');
    expect(prod.resources('aws_vpc_block_public_access_exclusion').map((e) => [e.props.subnet_id, e.props.internet_gateway_exclusion_mode]).sort()).toEqual(
      prodPublic.map((s) => [Template.ref(s), 'allow-bidirectional']).sort(),
    );
    expect(dev.count('aws_vpc_block_public_access_exclusion')).toBe(0);
  });
});

describe('the default config has no perimeter resources', () => {
  test('no DNS Firewall and no Block Public Access anywhere', () => {
    const stacks = buildLandingZone(Testing.app(), defaultLandingZone());
    for (const s of [stacks.hub, ...stacks.spokes]) {
      const t = Template.fromStack(s);
      for (const type of ['aws_route53_resolver_firewall_rule_group', 'aws_route53_resolver_firewall_rule_group_association', 'aws_route53_resolver_firewall_config', 'aws_vpc_block_public_access_options', 'aws_vpc_block_public_access_exclusion']) {
        expect([s.node.id, type, t.count(type)]).toEqual([s.node.id, type, 0]);
      }
    }
  });
});

describe('perimeter of examples/inspected.yaml (with the inspection VPC)', () => {
  test('the inspection VPC is associated with the DNS Firewall like the other hub VPCs, and needs no BPA exclusion', () => {
    const lz = parseConfig(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'inspected.yaml'), 'utf8'), 'inspected.yaml').landingZone;
    const hub = Template.fromStack(buildLandingZone(Testing.app(), lz).hub);
    expect(hub.resources('aws_route53_resolver_firewall_rule_group_association').map((a) => a.props.name).sort()).toEqual(['shop-egress-dns-firewall', 'shop-endpoints-dns-firewall', 'shop-inspection-dns-firewall']);
    expect(hub.count('aws_route53_resolver_firewall_config')).toBe(3);
    expect(hub.resources('aws_vpc_block_public_access_exclusion').every((e) => e.props.tags.Name.startsWith('shop-hub-bpa-egress-'))).toBe(true);
  });
});
