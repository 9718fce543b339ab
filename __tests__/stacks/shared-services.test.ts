/**
 * Centralized endpoints and hybrid DNS across the hub and spoke stacks, in both sharing modes:
 * the default config (private hosted zones associated per spoke) and the per-az fixture (a Route 53
 * Profile holding the endpoints and the forwarding rule).
 */
import { Testing } from 'cdktf';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { federatedStsStatement } from '../helpers/endpoint-policies';
import { defaultLandingZone, fixtureLandingZone } from '../helpers/landing-zone';
import { Template } from '../helpers/template';

const REGION = 'ap-northeast-2';
/** How cdktf renders a lookup into a hub output map: attribute access for identifiers, brackets otherwise. */
/** The hub's published value `key` (under /landing-zone/shop/hub), as a spoke reads it. */
const hubValue = (spoke: Template, key: string) => spoke.published(`/landing-zone/shop/hub/${key}`);
const SERVICES = ['ec2messages', 'ecr.api', 'ecr.dkr', 'kms', 'logs', 'ssm', 'ssmmessages', 'sts'];

describe('zone-association mode (default config)', () => {
  const stacks = buildLandingZone(Testing.app(), defaultLandingZone());
  const hub = Template.fromStack(stacks.hub);
  const prod = Template.fromStack(stacks.spokes[0]);

  test('one interface endpoint per service, private DNS off, in the three endpoint subnets', () => {
    const endpoints = hub.resources('aws_vpc_endpoint');
    expect(endpoints.map((e) => e.props.service_name).sort()).toEqual(SERVICES.map((s) => `com.amazonaws.${REGION}.${s}`).sort());
    const endpointSubnets = ['a', 'b', 'c'].map((az) => Template.ref(hub.byName('aws_subnet', `shop-endpoints-endpoint-${['a', 'b', 'c'].indexOf(az) + 1}`)));
    for (const e of endpoints) {
      expect(e.props.private_dns_enabled).toBe(false);
      expect(e.props.subnet_ids).toEqual(endpointSubnets);
    }
  });

  test('organization-only policies except where the service takes none', () => {
    const withPolicy = hub.resources('aws_vpc_endpoint').filter((e) => e.props.policy).map((e) => e.props.tags.Service).sort();
    expect(withPolicy).toEqual(['ecr.api', 'ecr.dkr', 'kms', 'logs', 'ssm', 'sts']);
    for (const e of hub.resources('aws_vpc_endpoint').filter((x) => x.props.policy)) {
      expect(JSON.parse(e.props.policy).Statement[0].Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    }
  });

  test('a private hosted zone per service with the catalog names and records', () => {
    const zones = Object.fromEntries(hub.resources('aws_route53_zone').map((z) => [z.props.tags.Service, z.props.name]));
    expect(zones).toEqual({
      ec2messages: `ec2messages.${REGION}.amazonaws.com`,
      'ecr.api': `api.ecr.${REGION}.amazonaws.com`,
      'ecr.dkr': `dkr.ecr.${REGION}.amazonaws.com`,
      kms: `kms.${REGION}.amazonaws.com`,
      logs: `logs.${REGION}.amazonaws.com`,
      ssm: `ssm.${REGION}.amazonaws.com`,
      ssmmessages: `ssmmessages.${REGION}.amazonaws.com`,
      sts: `sts.${REGION}.amazonaws.com`,
    });
    expect(hub.resources('aws_route53_record').map((r) => r.props.name).sort()).toEqual(
      [...SERVICES.filter((s) => s !== 'ecr.dkr').map((s) => zones[s]), `*.dkr.ecr.${REGION}.amazonaws.com`].sort(),
    );
    // The egress VPC is associated with every zone too (hub VPCs resolve the endpoints).
    expect(hub.count('aws_route53_zone_association')).toBe(SERVICES.length);
  });

  test('inbound resolver: two ENIs (one static), untracked 53 (the endpoints VPC has no internet gateway)', () => {
    const inbound = hub.resource('aws_route53_resolver_endpoint', { direction: 'INBOUND' });
    expect(inbound.props.ip_address).toEqual([
      { subnet_id: Template.ref(hub.byName('aws_subnet', 'shop-endpoints-endpoint-1')), ip: '10.254.0.10' },
      { subnet_id: Template.ref(hub.byName('aws_subnet', 'shop-endpoints-endpoint-2')) },
    ]);
    const sg = inbound.props.security_group_ids[0];
    const rules = (direction: string) => hub.resources(`aws_vpc_security_group_${direction}_rule`).filter((r) => r.props.security_group_id === sg);
    expect(rules('ingress').map((r) => `${r.props.ip_protocol}/${r.props.from_port} ${r.props.cidr_ipv4}`).sort()).toEqual(['tcp/53 0.0.0.0/0', 'udp/53 0.0.0.0/0']);
    expect(rules('egress').map((r) => `${r.props.ip_protocol}/${r.props.from_port}-${r.props.to_port} ${r.props.cidr_ipv4}`).sort()).toEqual(['tcp/0-65535 0.0.0.0/0', 'udp/0-65535 0.0.0.0/0']);
    const endpointsVpc = Template.ref(hub.byName('aws_vpc', 'shop-endpoints'));
    expect(hub.resources('aws_internet_gateway').filter((g) => g.props.vpc_id === endpointsVpc)).toEqual([]);
  });

  test('the static inbound address is reserved before the endpoints that share its subnet are created', () => {
    const [reservation] = hub.resources('aws_ec2_subnet_cidr_reservation');
    expect(hub.count('aws_ec2_subnet_cidr_reservation')).toBe(1);
    expect(reservation.props).toEqual({ subnet_id: Template.ref(hub.byName('aws_subnet', 'shop-endpoints-endpoint-1')), cidr_block: '10.254.0.10/32', reservation_type: 'explicit', description: 'Inbound Resolver address of shop-endpoints' });
    expect(reservation.name).toMatch(/^resolver-inbound_address-ap-northeast-2a_/);
    const waits = [...hub.resources('aws_vpc_endpoint'), ...hub.resources('aws_route53_resolver_endpoint')].map((r) => r.props.depends_on);
    expect(waits.every((d) => Array.isArray(d) && d.includes(reservation.address))).toBe(true);
  });

  test('the STS endpoint also admits federated callers to roles of the organization', () => {
    const sts = JSON.parse(hub.resource('aws_vpc_endpoint', { service_name: `com.amazonaws.${REGION}.sts` }).props.policy);
    expect(sts.Statement[1]).toEqual(federatedStsStatement('o-a1b2c3d4e5'));
  });

  test('outbound resolver forwards corp.example.internal to the two on-premises servers; the rule is shared with the organization', () => {
    const [rule] = hub.resources('aws_route53_resolver_rule');
    expect(rule.props.domain_name).toBe('corp.example.internal');
    expect(rule.props.target_ip).toEqual([{ ip: '10.10.0.2', port: 53 }, { ip: '10.10.0.3', port: 53 }]);
    expect(hub.resources('aws_ram_resource_association').map((a) => a.props.resource_arn)).toContain(Template.ref(rule, 'arn'));
  });

  test('the spoke authorizes (hub provider) and associates every zone, and associates the forwarding rule', () => {
    const auths = prod.resources('aws_route53_vpc_association_authorization');
    expect(auths.map((a) => a.props.zone_id).sort()).toEqual(SERVICES.map((s) => hubValue(prod, `hosted-zone-${s}`)).sort());
    expect(auths.every((a) => a.props.provider === 'aws.hub')).toBe(true);
    expect(prod.count('aws_route53_zone_association')).toBe(SERVICES.length);
    expect(prod.resources('aws_route53_resolver_rule_association').map((r) => r.props.resolver_rule_id)).toEqual([
      hubValue(prod, 'resolver-rule-corp-example-internal'),
    ]);
  });

  test('spokes create no interface endpoints of their own (their only endpoint is the S3 gateway)', () => {
    // Only the S3 gateway endpoint that carries session logs without NAT.
    for (const s of stacks.spokes) expect(Template.fromStack(s).resources('aws_vpc_endpoint').map((e) => e.props.vpc_endpoint_type)).toEqual(['Gateway']);
  });
});

describe('route53-profile mode (per-az fixture)', () => {
  const stacks = buildLandingZone(Testing.app(), fixtureLandingZone('valid/per-az-and-isolated.yaml'));
  const hub = Template.fromStack(stacks.hub);

  test('endpoints keep their own private DNS; no hosted zones are created', () => {
    expect(hub.resources('aws_vpc_endpoint').every((e) => e.props.private_dns_enabled === true)).toBe(true);
    expect(hub.count('aws_route53_zone')).toBe(0);
  });

  test('the opted-out endpoint has no policy; the others are organization-only where supported', () => {
    expect(hub.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.us-east-1.execute-api' }).props.policy).toBeUndefined();
    expect(JSON.parse(hub.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.us-east-1.s3' }).props.policy).Statement[0].Condition.StringEquals['aws:PrincipalOrgID']).toBe('o-fixture0001');
  });

  test('the S3 endpoint answers every resolver of the endpoints VPC (no gateway endpoint there), for on-premises only', () => {
    expect(hub.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.us-east-1.s3' }).props.dns_options).toEqual({ dns_record_ip_type: 'ipv4', private_dns_only_for_inbound_resolver_endpoint: false });
    expect(hub.resources('aws_vpc_endpoint').filter((e) => e.props.vpc_endpoint_type === 'Gateway')).toEqual([]);
  });

  test('the profile holds every endpoint but S3 (spokes use their own gateway endpoint) and the forwarding rule, shared through RAM', () => {
    const [profile] = hub.resources('aws_route53profiles_profile');
    expect(hub.resources('aws_route53profiles_resource_association').map((r) => r.props.name).sort()).toEqual(
      ['endpoint-ec2messages', 'endpoint-execute-api', 'endpoint-ssm', 'endpoint-ssmmessages', 'rule-dc-acme-example'].map((k) => `acme-dns-${k}`),
    );
    expect(hub.resources('aws_ram_resource_association').map((a) => a.props.resource_arn)).toContain(Template.ref(profile, 'arn'));
    expect(Object.keys(hub.json.output)).toContain('route53_profile_id');
  });

  test('each spoke associates its VPC with the profile once, and nothing else DNS-wise', () => {
    for (const s of stacks.spokes) {
      const t = Template.fromStack(s);
      expect(t.resources('aws_route53profiles_association').map((a) => a.props.profile_id)).toEqual([t.published('/landing-zone/acme/hub/route53-profile-id')]);
      expect(t.count('aws_route53_zone_association') + t.count('aws_route53_resolver_rule_association')).toBe(0);
    }
  });
});
