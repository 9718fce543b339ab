import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DnsProfile } from '../../constructs/dns/dns-profile';
import { EndpointHostedZones } from '../../constructs/dns/endpoint-zones';
import { InboundResolver, OutboundResolver } from '../../constructs/dns/resolver-endpoints';
import { SpokeDns } from '../../constructs/dns/spoke-dns';
import { CentralInterfaceEndpoints, organizationOnlyPolicy } from '../../constructs/hub/interface-endpoints';
import { federatedStsStatement, organizationPrincipalsStatement } from '../helpers/endpoint-policies';
import { Template } from '../helpers/template';
import { fakeVpc, vpcWith } from '../helpers/vpc-ref';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  return s;
}

const ORG_POLICY = { Version: '2012-10-17', Statement: [organizationPrincipalsStatement('o-a1b2c3d4e5')] };

describe('CentralInterfaceEndpoints', () => {
  const build = (privateDns = false, subnetIds = ['subnet-a', 'subnet-b']) => {
    const s = stack();
    new CentralInterfaceEndpoints(s, 'endpoints', {
      namePrefix: 'shop-endpoints',
      vpc: vpcWith('vpc-1', subnetIds),
      organizationId: 'o-a1b2c3d4e5',
      clientRanges: ['10.0.0.0/8', '172.16.0.0/12'],
      privateDns,
      services: [
        { name: 'ssm', serviceName: 'com.amazonaws.ap-northeast-2.ssm', policy: 'organization' },
        { name: 'execute-api', serviceName: 'com.amazonaws.ap-northeast-2.execute-api', policy: 'open' },
        { name: 'ssmmessages', serviceName: 'com.amazonaws.ap-northeast-2.ssmmessages', policy: 'unsupported' },
      ],
    });
    return Template.fromStack(s);
  };
  const t = build();

  test('443 only from the client ranges, no egress rule', () => {
    const sg = t.resources('aws_security_group');
    expect(sg.map((r) => r.props)).toEqual([{ name: 'shop-endpoints-interface-endpoints', description: 'HTTPS to the central interface endpoints from internal ranges only', vpc_id: 'vpc-1', tags: { Name: 'shop-endpoints-interface-endpoints' } }]);
    expect(t.resources('aws_vpc_security_group_ingress_rule').map((r) => [r.props.ip_protocol, r.props.from_port, r.props.to_port, r.props.cidr_ipv4])).toEqual([
      ['tcp', 443, 443, '10.0.0.0/8'],
      ['tcp', 443, 443, '172.16.0.0/12'],
    ]);
    expect(t.count('aws_vpc_security_group_egress_rule')).toBe(0);
  });

  test('one interface endpoint per service in every subnet, private DNS off in zone mode', () => {
    const ssm = t.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.ssm' });
    expect({ ...ssm.props, policy: JSON.parse(ssm.props.policy) }).toEqual({
      vpc_id: 'vpc-1',
      service_name: 'com.amazonaws.ap-northeast-2.ssm',
      vpc_endpoint_type: 'Interface',
      subnet_ids: ['subnet-a', 'subnet-b'],
      security_group_ids: [Template.ref(t.resources('aws_security_group')[0])],
      private_dns_enabled: false,
      policy: ORG_POLICY,
      tags: { Name: 'shop-endpoints-ssm', Service: 'ssm' },
    });
  });

  test('an opted-out service and a service without policy support get no policy', () => {
    expect(t.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.execute-api' }).props.policy).toBeUndefined();
    expect(t.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.ssmmessages' }).props.policy).toBeUndefined();
    expect(JSON.parse(organizationOnlyPolicy('o-a1b2c3d4e5'))).toEqual(ORG_POLICY);
  });

  test('profile mode turns private DNS on', () => {
    expect(build(true).resources('aws_vpc_endpoint').every((r) => r.props.private_dns_enabled === true)).toBe(true);
  });

  const withS3AndSts = (privateDns: boolean) => {
    const s = stack();
    new CentralInterfaceEndpoints(s, 'endpoints', {
      namePrefix: 'shop-endpoints',
      vpc: vpcWith('vpc-1', ['subnet-a', 'subnet-b']),
      organizationId: 'o-a1b2c3d4e5',
      clientRanges: ['10.0.0.0/8'],
      privateDns,
      services: [
        { name: 's3', serviceName: 'com.amazonaws.ap-northeast-2.s3', policy: 'organization' },
        { name: 'sts', serviceName: 'com.amazonaws.ap-northeast-2.sts', policy: 'organization' },
      ],
      dependsOn: [new TerraformVariable(s, 'reservation', {})],
    });
    return Template.fromStack(s);
  };

  test('S3 with private DNS answers every resolver of the VPC: AWS refuses the default (inbound-only) without an S3 gateway endpoint', () => {
    const profile = withS3AndSts(true);
    expect(profile.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.s3' }).props.dns_options).toEqual({ dns_record_ip_type: 'ipv4', private_dns_only_for_inbound_resolver_endpoint: false });
    // Other services and zone mode keep the provider's defaults.
    expect(profile.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.sts' }).props.dns_options).toBeUndefined();
    expect(withS3AndSts(false).resources('aws_vpc_endpoint').map((r) => r.props.dns_options)).toEqual([undefined, undefined]);
  });

  test('STS also admits federated callers (SAML, web identity) to roles of the organization', () => {
    const sts = withS3AndSts(false).resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.sts' });
    expect(JSON.parse(sts.props.policy)).toEqual({ Version: '2012-10-17', Statement: [ORG_POLICY.Statement[0], federatedStsStatement('o-a1b2c3d4e5')] });
    // Every other service keeps the single organization statement.
    expect(JSON.parse(withS3AndSts(false).resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.s3' }).props.policy)).toEqual(ORG_POLICY);
  });

  test('endpoints are created after what they must not take addresses from', () => {
    expect(withS3AndSts(false).resources('aws_vpc_endpoint').map((r) => r.props.depends_on)).toEqual([['var.reservation'], ['var.reservation']]);
    expect(t.resources('aws_vpc_endpoint').every((r) => r.props.depends_on === undefined)).toBe(true);
  });

  test('fewer than two subnets is refused', () => {
    expect(() => build(false, ['subnet-a'])).toThrow('test/endpoints: interface endpoints need subnets in at least two AZs, got 1');
  });
});

describe('EndpointHostedZones', () => {
  const s = stack();
  const endpoints = new CentralInterfaceEndpoints(s, 'endpoints', {
    namePrefix: 'x',
    vpc: vpcWith('vpc-endpoints', ['a', 'b']),
    organizationId: 'o-a1b2c3d4e5',
    clientRanges: ['10.0.0.0/8'],
    privateDns: false,
    services: [
      { name: 'ssm', serviceName: 'com.amazonaws.ap-northeast-2.ssm', policy: 'organization' },
      { name: 'ecr.dkr', serviceName: 'com.amazonaws.ap-northeast-2.ecr.dkr', policy: 'organization' },
      { name: 's3', serviceName: 'com.amazonaws.ap-northeast-2.s3', policy: 'organization' },
    ],
  });
  new EndpointHostedZones(s, 'zones', {
    vpcId: 'vpc-endpoints',
    otherVpcIds: { egress: 'vpc-egress' },
    zones: [
      { name: 'ssm', zone: 'ssm.ap-northeast-2.amazonaws.com', records: ['ssm.ap-northeast-2.amazonaws.com'], endpoint: endpoints.endpoints.get('ssm')! },
      { name: 'ecr.dkr', zone: 'dkr.ecr.ap-northeast-2.amazonaws.com', records: ['*.dkr.ecr.ap-northeast-2.amazonaws.com'], endpoint: endpoints.endpoints.get('ecr.dkr')! },
      { name: 's3', zone: 's3.ap-northeast-2.amazonaws.com', records: ['s3.ap-northeast-2.amazonaws.com', '*.s3.ap-northeast-2.amazonaws.com'], endpoint: endpoints.endpoints.get('s3')! },
    ],
  });
  const t = Template.fromStack(s);

  test('a zone per service, owned by the endpoints VPC, ignoring later vpc changes', () => {
    expect(t.resources('aws_route53_zone').map((r) => [r.props.name, r.props.vpc, r.props.lifecycle]).sort()).toEqual([
      ['dkr.ecr.ap-northeast-2.amazonaws.com', [{ vpc_id: 'vpc-endpoints' }], { ignore_changes: ['vpc'] }],
      ['s3.ap-northeast-2.amazonaws.com', [{ vpc_id: 'vpc-endpoints' }], { ignore_changes: ['vpc'] }],
      ['ssm.ap-northeast-2.amazonaws.com', [{ vpc_id: 'vpc-endpoints' }], { ignore_changes: ['vpc'] }],
    ]);
  });

  test('alias A records to the endpoint regional DNS name: apex for ssm, wildcard for ecr.dkr', () => {
    const ssmEndpoint = t.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.ssm' }).address;
    const ssmZone = t.resource('aws_route53_zone', { name: 'ssm.ap-northeast-2.amazonaws.com' });
    expect(t.resource('aws_route53_record', { name: 'ssm.ap-northeast-2.amazonaws.com' }).props).toEqual({
      zone_id: Template.ref(ssmZone, 'zone_id'),
      name: 'ssm.ap-northeast-2.amazonaws.com',
      type: 'A',
      alias: { name: `\${${ssmEndpoint}.dns_entry[0].dns_name}`, zone_id: `\${${ssmEndpoint}.dns_entry[0].hosted_zone_id}`, evaluate_target_health: false },
    });
    expect(t.resources('aws_route53_record').map((r) => r.props.name).sort()).toEqual([
      '*.dkr.ecr.ap-northeast-2.amazonaws.com',
      '*.s3.ap-northeast-2.amazonaws.com',
      's3.ap-northeast-2.amazonaws.com',
      'ssm.ap-northeast-2.amazonaws.com',
    ]);
  });

  test('S3: apex and wildcard both alias the endpoint\'s wildcard record *.vpce-<id>.s3.<region>.vpce.amazonaws.com as AWS names it, never the bare name under it', () => {
    const s3Endpoint = t.resource('aws_vpc_endpoint', { service_name: 'com.amazonaws.ap-northeast-2.s3' }).address;
    const aliases = ['s3.ap-northeast-2.amazonaws.com', '*.s3.ap-northeast-2.amazonaws.com'].map((name) => t.resource('aws_route53_record', { name }).props.alias);
    for (const alias of aliases) {
      expect(alias).toEqual({ name: `\${${s3Endpoint}.dns_entry[0].dns_name}`, zone_id: `\${${s3Endpoint}.dns_entry[0].hosted_zone_id}`, evaluate_target_health: false });
      expect(alias.name).not.toContain('trimprefix');
    }
  });

  test('other hub VPCs are associated with every zone', () => {
    expect(t.resources('aws_route53_zone_association').map((r) => r.props.vpc_id)).toEqual(['vpc-egress', 'vpc-egress', 'vpc-egress']);
  });
});

describe('Resolver endpoints', () => {
  const rules = (t: Template, direction: 'ingress' | 'egress') =>
    t.resources(`aws_vpc_security_group_${direction}_rule`).map((r) => [r.props.ip_protocol, r.props.from_port, r.props.to_port, r.props.cidr_ipv4]).sort();

  test('inbound: the untracked shape AWS recommends, 53 from 0.0.0.0/0 and replies to 0.0.0.0/0 on every port; one ENI per address', () => {
    const s = stack();
    new InboundResolver(s, 'inbound', { name: 'shop-endpoints', vpc: vpcWith('vpc-1', ['subnet-a', 'subnet-b']), addresses: [{ az: 'az-subnet-a', ip: '10.254.0.10', key: 'ap-northeast-2a' }, { az: 'az-subnet-b' }] });
    const t = Template.fromStack(s);
    expect(rules(t, 'ingress')).toEqual([
      ['tcp', 53, 53, '0.0.0.0/0'],
      ['udp', 53, 53, '0.0.0.0/0'],
    ]);
    expect(rules(t, 'egress')).toEqual([
      ['tcp', 0, 65535, '0.0.0.0/0'],
      ['udp', 0, 65535, '0.0.0.0/0'],
    ]);
    // The group's name and description never change: either would replace it, and the endpoint with it.
    expect(t.resources('aws_security_group').map((r) => [r.props.name, r.props.description])).toEqual([['shop-endpoints-inbound', 'DNS from on-premises resolvers to the inbound Resolver endpoint']]);
    const [endpoint] = t.resources('aws_route53_resolver_endpoint');
    const [reservation] = t.resources('aws_ec2_subnet_cidr_reservation');
    expect(endpoint.props).toEqual({
      name: 'shop-endpoints-inbound',
      direction: 'INBOUND',
      resolver_endpoint_type: 'IPV4',
      protocols: ['Do53'],
      security_group_ids: [Template.ref(t.resources('aws_security_group')[0])],
      ip_address: [{ subnet_id: 'subnet-a', ip: '10.254.0.10' }, { subnet_id: 'subnet-b' }],
      tags: { Name: 'shop-endpoints-inbound' },
      lifecycle: { prevent_destroy: true },
      depends_on: [reservation.address],
    });
  });

  test('inbound: each static address is reserved (explicit, /32) so no other ENI created in parallel takes it', () => {
    const s = stack();
    const inbound = new InboundResolver(s, 'inbound', { name: 'shop-endpoints', vpc: vpcWith('vpc-1', ['subnet-a', 'subnet-b', 'subnet-c']), addresses: [{ az: 'az-subnet-a', ip: '10.254.0.10', key: 'ap-northeast-2a' }, { az: 'az-subnet-b' }, { az: 'az-subnet-c', ip: '10.254.0.140' }] });
    const t = Template.fromStack(s);
    expect(t.resources('aws_ec2_subnet_cidr_reservation').map((r) => [r.name.replace(/_[0-9A-F]{8}$/, ''), r.props])).toEqual([
      ['inbound_address-2', { subnet_id: 'subnet-c', cidr_block: '10.254.0.140/32', reservation_type: 'explicit', description: 'Inbound Resolver address of shop-endpoints' }],
      ['inbound_address-ap-northeast-2a', { subnet_id: 'subnet-a', cidr_block: '10.254.0.10/32', reservation_type: 'explicit', description: 'Inbound Resolver address of shop-endpoints' }],
    ]);
    expect(inbound.addressReservations).toHaveLength(2);
  });

  test('inbound: one address, or seven, is refused', () => {
    expect(() => new InboundResolver(stack(), 'inbound', { name: 'x', vpc: vpcWith('v', ['a']), addresses: [{ az: 'az-a' }] })).toThrow('test/inbound: a Resolver endpoint takes 2 to 6 addresses, got 1');
    expect(() => new InboundResolver(stack(), 'inbound', { name: 'x', vpc: vpcWith('v', []), addresses: Array.from({ length: 7 }, (_, i) => ({ az: `az-s${i}` })) })).toThrow(/got 7/);
  });

  test('outbound: untracked shape, queries to 0.0.0.0/0 on the targets\' ports and replies from 0.0.0.0/0 on every port; one FORWARD rule per domain', () => {
    const s = stack();
    new OutboundResolver(s, 'outbound', {
      name: 'shop-endpoints',
      vpc: vpcWith('vpc-1', ['subnet-a', 'subnet-b']),
      rules: [
        { domain: 'corp.example.internal', targets: [{ ip: '10.10.0.2', port: 53 }, { ip: '10.10.0.3', port: 53 }] },
        { domain: 'lab.example.internal', targets: [{ ip: '10.10.0.4', port: 5353 }] },
      ],
      dependsOn: [],
    });
    const t = Template.fromStack(s);
    expect(rules(t, 'egress')).toEqual([
      ['tcp', 53, 53, '0.0.0.0/0'],
      ['tcp', 5353, 5353, '0.0.0.0/0'],
      ['udp', 53, 53, '0.0.0.0/0'],
      ['udp', 5353, 5353, '0.0.0.0/0'],
    ]);
    expect(rules(t, 'ingress')).toEqual([
      ['tcp', 0, 65535, '0.0.0.0/0'],
      ['udp', 0, 65535, '0.0.0.0/0'],
    ]);
    expect(t.resources('aws_security_group').map((r) => r.props.description)).toEqual(['DNS from the outbound Resolver endpoint to the on-premises resolvers only']);
    const [endpoint] = t.resources('aws_route53_resolver_endpoint');
    expect(endpoint.props.direction).toBe('OUTBOUND');
    expect(endpoint.props.ip_address).toEqual([{ subnet_id: 'subnet-a' }, { subnet_id: 'subnet-b' }]);
    expect(endpoint.props.depends_on).toBeUndefined();
    expect(t.resources('aws_route53_resolver_rule').map((r) => r.props)[0]).toEqual({
      name: 'shop-endpoints-corp-example-internal',
      domain_name: 'corp.example.internal',
      rule_type: 'FORWARD',
      resolver_endpoint_id: Template.ref(endpoint),
      target_ip: [{ ip: '10.10.0.2', port: 53 }, { ip: '10.10.0.3', port: 53 }],
      tags: { Name: 'corp.example.internal' },
    });
  });

  test('outbound: its ENIs wait for the inbound address reservations of the same subnets', () => {
    const s = stack();
    const inbound = new InboundResolver(s, 'inbound', { name: 'x', vpc: vpcWith('v', ['subnet-a', 'subnet-b']), addresses: [{ az: 'az-subnet-a', ip: '10.254.0.10', key: 'a' }, { az: 'az-subnet-b', ip: '10.254.0.74', key: 'b' }] });
    new OutboundResolver(s, 'outbound', { name: 'x', vpc: vpcWith('v', ['subnet-a', 'subnet-b']), rules: [], dependsOn: inbound.addressReservations });
    const t = Template.fromStack(s);
    const outbound = t.resource('aws_route53_resolver_endpoint', { direction: 'OUTBOUND' });
    expect(outbound.props.depends_on).toEqual(t.resources('aws_ec2_subnet_cidr_reservation').map((r) => r.address));
    // No rules yet: DNS on 53.
    expect(rules(t, 'egress').filter((r) => r[1] !== 0)).toEqual([
      ['tcp', 53, 53, '0.0.0.0/0'],
      ['udp', 53, 53, '0.0.0.0/0'],
    ]);
  });

  test('they take the VPC object: endpoint-tier subnets by default, or the selection given; an address in an AZ without a selected subnet is refused', () => {
    const s = stack();
    const vpc = fakeVpc('vpc-9', '10.254.0.0/16', [
      { id: 'subnet-app', name: 'app-1', az: 'a', tier: 'app', cidr: '10.254.9.0/24' },
      { id: 'subnet-e1', name: 'endpoint-1', az: 'a', tier: 'endpoint', cidr: '10.254.0.0/24' },
      { id: 'subnet-e2', name: 'endpoint-2', az: 'a', tier: 'endpoint', cidr: '10.254.1.0/24' },
      { id: 'subnet-e3', name: 'endpoint-3', az: 'b', tier: 'endpoint', cidr: '10.254.2.0/24' },
    ]);
    new InboundResolver(s, 'inbound', { name: 'x', vpc, addresses: [{ az: 'a' }, { az: 'b' }] });
    new OutboundResolver(s, 'outbound', { name: 'x', vpc, subnets: { names: ['endpoint-2', 'endpoint-3'] }, rules: [] });
    new CentralInterfaceEndpoints(s, 'endpoints', { namePrefix: 'x', vpc, organizationId: 'o-a1b2c3d4e5', clientRanges: ['10.0.0.0/8'], privateDns: false, services: [{ name: 'ssm', serviceName: 'com.amazonaws.ap-northeast-2.ssm', policy: 'open' }] });
    const t = Template.fromStack(s);
    const subnetsOf = (direction: string) => (t.resource('aws_route53_resolver_endpoint', { direction }).props.ip_address as { subnet_id: string }[]).map((a) => a.subnet_id);
    // Inbound: the first endpoint subnet of each address's AZ.
    expect(subnetsOf('INBOUND')).toEqual(['subnet-e1', 'subnet-e3']);
    expect(subnetsOf('OUTBOUND')).toEqual(['subnet-e2', 'subnet-e3']);
    expect(t.resources('aws_vpc_endpoint')[0].props).toMatchObject({ vpc_id: 'vpc-9', subnet_ids: ['subnet-e1', 'subnet-e2', 'subnet-e3'] });
    expect(() => new InboundResolver(stack(), 'inbound', { name: 'x', vpc, addresses: [{ az: 'a' }, { az: 'c' }] })).toThrow('test/inbound: no selected subnet in c for a Resolver address (subnets in a, b)');
  });
});

describe('DnsProfile', () => {
  test('a profile with each resource, shared inside the organization', () => {
    const s = stack();
    new DnsProfile(s, 'profile', { name: 'acme-dns', resources: { 'endpoint-ssm': 'arn:endpoint', 'rule-dc': 'arn:rule' }, sharePrincipals: ['210987654321'] });
    const t = Template.fromStack(s);
    const [profile] = t.resources('aws_route53profiles_profile');
    expect(profile.props).toEqual({ name: 'acme-dns', tags: { Name: 'acme-dns' } });
    expect(t.resources('aws_route53profiles_resource_association').map((r) => [r.props.name, r.props.resource_arn, r.props.profile_id]).sort()).toEqual([
      ['acme-dns-endpoint-ssm', 'arn:endpoint', Template.ref(profile)],
      ['acme-dns-rule-dc', 'arn:rule', Template.ref(profile)],
    ]);
    expect(t.resources('aws_ram_resource_association').map((r) => r.props.resource_arn)).toEqual([Template.ref(profile, 'arn')]);
    expect(t.resources('aws_ram_resource_share')[0].props.allow_external_principals).toBe(false);
  });
});

describe('SpokeDns', () => {
  test('zone mode: the hub authorizes, then the spoke associates; every shared rule is associated', () => {
    const s = stack();
    const hub = new AwsProvider(s, 'aws-hub', { region: 'ap-northeast-2', alias: 'hub' });
    new SpokeDns(s, 'dns', { mode: 'zone-association', name: 'shop-shop-prod', vpcId: 'vpc-spoke', region: 'ap-northeast-2', hubProvider: hub, zoneIds: { ssm: 'Z1' }, resolverRuleIds: { 'corp-example-internal': 'rslvr-rr-1' } });
    const t = Template.fromStack(s);
    const [auth] = t.resources('aws_route53_vpc_association_authorization');
    expect(auth.props).toEqual({ provider: 'aws.hub', zone_id: 'Z1', vpc_id: 'vpc-spoke', vpc_region: 'ap-northeast-2' });
    expect(t.resources('aws_route53_zone_association').map((r) => r.props)).toEqual([{ zone_id: Template.ref(auth, 'zone_id'), vpc_id: Template.ref(auth, 'vpc_id'), vpc_region: 'ap-northeast-2' }]);
    expect(t.resources('aws_route53_resolver_rule_association').map((r) => r.props)).toEqual([{ name: 'shop-shop-prod-corp-example-internal', resolver_rule_id: 'rslvr-rr-1', vpc_id: 'vpc-spoke' }]);
  });

  test('profile mode: one association of the VPC with the profile, nothing else', () => {
    const s = stack();
    new SpokeDns(s, 'dns', { mode: 'route53-profile', name: 'acme-payments', vpcId: 'vpc-spoke', profileId: 'rp-1' });
    const t = Template.fromStack(s);
    expect(t.inventory()).toEqual({ aws_route53profiles_association: 1 });
    expect(t.resources('aws_route53profiles_association')[0].props).toEqual({ name: 'acme-payments', profile_id: 'rp-1', resource_id: 'vpc-spoke' });
  });
});
