import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  ClientVpnEndpoint,
  ClientVpnEndpointProps,
  ClientVpnPort,
  ClientVpnSessionTimeoutHours,
  ClientVpnTransportProtocol,
} from '../../constructs/access/client-vpn-endpoint';
import { expectedLogGroupKeyPolicy } from '../helpers/log-group-key-policy';
import { SynthResource, Template } from '../helpers/template';
import { fakeVpc } from '../helpers/vpc-ref';

const SERVER_ARN = 'arn:aws:acm:ap-northeast-2:111122223333:certificate/server-1';
const CLIENT_CA_ARN = 'arn:aws:acm:ap-northeast-2:111122223333:certificate/client-ca-1';

/** The three DB subnets, one per AZ, of a 172.16.0.0/16 spoke. */
const DB_SUBNETS = [
  { id: 'subnet-0a', cidr: '172.16.20.0/24' },
  { id: 'subnet-0b', cidr: '172.16.21.0/24' },
  { id: 'subnet-0c', cidr: '172.16.22.0/24' },
];

/**
 * A VPC of range `cidr` holding `subnets` (db tier, named after their ids, one AZ each), all of them
 * selected for association: the props {@link ClientVpnEndpointProps.vpc} and `associatedSubnets`.
 */
const inVpc = (cidr: string, subnets: readonly { id: string; cidr: string }[], vpcId = 'vpc-1') => ({
  vpc: fakeVpc(vpcId, cidr, subnets.map((s, i) => ({ ...s, name: s.id, az: `ap-northeast-2${'abcdefgh'[i]}`, tier: 'db' as const }))),
  associatedSubnets: { tiers: ['db' as const] },
});

const BASE: ClientVpnEndpointProps = {
  name: 'shop',
  accountId: '111122223333',
  region: 'ap-northeast-2',
  ...inVpc('172.16.0.0/16', DB_SUBNETS),
  clientCidr: '10.100.0.0/22',
  serverCertificateArn: SERVER_ARN,
  clientRootCertificateArn: CLIENT_CA_ARN,
  allowedCommonNames: ['alice', 'bob'],
};

function build(overrides: Partial<ClientVpnEndpointProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  const vpn = new ClientVpnEndpoint(stack, 'vpn', { ...BASE, ...overrides });
  return { stack, vpn, t: Template.fromStack(stack) };
}

/** Terraform's `depends_on` entry for a resource. */
const dep = (r: SynthResource) => r.address;

/** The chained resources in creation order: the first has no depends_on, each other depends on exactly the one before. */
function chainOf(t: Template): SynthResource[] {
  const all = ['aws_ec2_client_vpn_network_association', 'aws_ec2_client_vpn_authorization_rule', 'aws_ec2_client_vpn_route'].flatMap((type) => t.resources(type));
  const first = all.filter((r) => r.props.depends_on === undefined);
  expect(first).toHaveLength(1);
  const chain = [first[0]];
  for (;;) {
    const next = all.filter((r) => JSON.stringify(r.props.depends_on) === JSON.stringify([dep(chain[chain.length - 1])]));
    if (next.length === 0) break;
    expect(next).toHaveLength(1);
    chain.push(next[0]);
  }
  expect(chain).toHaveLength(all.length);
  return chain;
}

/** What each link of the chain does, readable in a failure. */
const describeLink = (r: SynthResource): string => {
  if (r.address.startsWith('aws_ec2_client_vpn_network_association.')) return `associate ${r.props.subnet_id}`;
  if (r.address.startsWith('aws_ec2_client_vpn_authorization_rule.')) return `authorize ${r.props.target_network_cidr}`;
  return `route ${r.props.destination_cidr_block} via ${r.props.target_vpc_subnet_id}`;
};

/** Key policy of the connection log key. */
const keyPolicy = (o: { partition: string; account: string; region: string; logGroup: string }) => expectedLogGroupKeyPolicy({ ...o, sid: 'AllowCloudWatchLogsForConnectionLogGroup' });

/** The chain of the defaults: one association per DB subnet, an authorization rule for each, then one for the DNS server. */
const DEFAULT_CHAIN = [
  'associate subnet-0a',
  'associate subnet-0b',
  'associate subnet-0c',
  'authorize 172.16.20.0/24',
  'authorize 172.16.21.0/24',
  'authorize 172.16.22.0/24',
  'authorize 172.16.0.2/32',
];

describe('ClientVpnEndpoint', () => {
  describe('defaults', () => {
    const { t, vpn } = build();
    const sg = t.byName('aws_security_group', 'shop-client-vpn');
    const endpoint = t.resources('aws_ec2_client_vpn_endpoint')[0];
    const key = t.byName('aws_kms_key', 'shop-client-vpn-logs');
    const logGroup = t.byName('aws_cloudwatch_log_group', '/aws/client-vpn/shop');
    const logStream = t.resources('aws_cloudwatch_log_stream')[0];
    const handler = t.resources('aws_lambda_function')[0];

    test('exactly these resources: no routes, no data sources, no ingress; the connect handler with its role, key and log group', () => {
      expect(t.inventory()).toEqual({
        aws_cloudwatch_log_group: 2,
        aws_cloudwatch_log_stream: 1,
        aws_ec2_client_vpn_authorization_rule: 4,
        aws_ec2_client_vpn_endpoint: 1,
        aws_ec2_client_vpn_network_association: 3,
        aws_iam_role: 1,
        aws_iam_role_policy: 1,
        aws_kms_key: 2,
        aws_lambda_function: 1,
        aws_security_group: 1,
        aws_vpc_security_group_egress_rule: 5,
      });
      expect(t.json.data).toBeUndefined();
    });

    test('the endpoint: certificate auth, split tunnel, UDP 443, 8 h, VPC resolver, logging on, no portal, no banner', () => {
      expect(endpoint.props).toEqual({
        description: 'shop: mutual TLS, split tunnel',
        client_cidr_block: '10.100.0.0/22',
        server_certificate_arn: SERVER_ARN,
        authentication_options: [{ type: 'certificate-authentication', root_certificate_chain_arn: CLIENT_CA_ARN }],
        split_tunnel: true,
        transport_protocol: 'udp',
        vpn_port: 443,
        session_timeout_hours: 8,
        dns_servers: ['172.16.0.2'],
        self_service_portal: 'disabled',
        vpc_id: 'vpc-1',
        security_group_ids: [Template.ref(sg)],
        connection_log_options: { enabled: true, cloudwatch_log_group: Template.ref(logGroup, 'name'), cloudwatch_log_stream: Template.ref(logStream, 'name') },
        client_connect_options: { enabled: true, lambda_function_arn: Template.ref(handler, 'arn') },
        client_login_banner_options: { enabled: false },
        tags: { Name: 'shop-client-vpn' },
      });
    });

    test('connect handler: AWSClientVPN-<name>, admitting exactly the allowed common names', () => {
      expect(handler.props.function_name).toBe('AWSClientVPN-shop');
      expect(handler.props.environment).toEqual({ variables: { ALLOWED_COMMON_NAMES: 'alice,bob' } });
      expect(vpn.connectHandler.allowedCommonNames).toEqual(['alice', 'bob']);
    });

    test('DNS server: the VPC base + 2 (172.16.0.0/16 gives 172.16.0.2)', () => {
      expect(vpn.dnsServer).toBe('172.16.0.2');
      expect(endpoint.props.dns_servers).toEqual(['172.16.0.2']);
    });

    test('connection log: KMS key with rotation whose policy admits CloudWatch Logs for this log group only', () => {
      expect(key.props).toEqual({
        description: 'Encrypts the Client VPN connection log group /aws/client-vpn/shop',
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        policy: expect.any(String),
        tags: { Name: 'shop-client-vpn-logs' },
      });
      expect(JSON.parse(key.props.policy)).toEqual(
        keyPolicy({ partition: 'aws', account: '111122223333', region: 'ap-northeast-2', logGroup: '/aws/client-vpn/shop' }),
      );
      expect(vpn.logKeyPolicyDocument).toEqual(JSON.parse(key.props.policy));
      expect(logGroup.props).toEqual({ name: '/aws/client-vpn/shop', retention_in_days: 365, kms_key_id: Template.ref(key, 'arn'), tags: { Name: '/aws/client-vpn/shop' } });
      expect(logStream.props).toEqual({ name: 'connections', log_group_name: Template.ref(logGroup, 'name') });
    });

    test('security group: no inline rules; egress all TCP to each DB subnet and DNS to the resolver only', () => {
      expect(sg.props).toEqual({
        name: 'shop-client-vpn',
        description: 'Client VPN network interfaces: out to the authorized ranges and the DNS server only',
        vpc_id: 'vpc-1',
        tags: { Name: 'shop-client-vpn' },
      });
      const common = { security_group_id: Template.ref(sg) };
      const tcpAll = (cidr: string) => ({ ...common, ip_protocol: 'tcp', from_port: 0, to_port: 65535, cidr_ipv4: cidr, description: 'Client VPN users to authorized ranges; the target groups decide the port' });
      const dns = (p: string) => ({ ...common, ip_protocol: p, from_port: 53, to_port: 53, cidr_ipv4: '172.16.0.2/32', description: 'Client VPN users to the DNS server' });
      const egress = t.resources('aws_vpc_security_group_egress_rule').map((r) => r.props);
      expect(egress).toHaveLength(5);
      expect(egress).toEqual(expect.arrayContaining([tcpAll('172.16.20.0/24'), tcpAll('172.16.21.0/24'), tcpAll('172.16.22.0/24'), dns('udp'), dns('tcp')]));
      expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(0);
      expect(JSON.stringify(t.json)).not.toContain('0.0.0.0/0');
    });

    test('one association per DB subnet', () => {
      expect(t.resources('aws_ec2_client_vpn_network_association').map((r) => ({ ...r.props, depends_on: undefined }))).toEqual(
        DB_SUBNETS.map((s) => ({ client_vpn_endpoint_id: Template.ref(endpoint), subnet_id: s.id, depends_on: undefined })),
      );
    });

    test('authorization: every client to each DB subnet, and to the DNS server (outside the DB subnets)', () => {
      const rules = t.resources('aws_ec2_client_vpn_authorization_rule').map((r) => ({ ...r.props, depends_on: undefined }));
      const rule = (cidr: string, description: string) => ({ client_vpn_endpoint_id: Template.ref(endpoint), target_network_cidr: cidr, authorize_all_groups: true, description, depends_on: undefined });
      expect(rules).toEqual(
        expect.arrayContaining([
          rule('172.16.20.0/24', 'Clients to 172.16.20.0/24'),
          rule('172.16.21.0/24', 'Clients to 172.16.21.0/24'),
          rule('172.16.22.0/24', 'Clients to 172.16.22.0/24'),
          rule('172.16.0.2/32', 'Clients to the DNS server'),
        ]),
      );
      expect(rules).toHaveLength(4);
    });

    test('depends_on chain: associations, then authorization rules, one after another', () => {
      expect(chainOf(t).map(describeLink)).toEqual(DEFAULT_CHAIN);
      expect(vpn.mutations).toHaveLength(7);
    });

    test('attributes: ids and DNS name from the resources, defaults resolved', () => {
      expect(vpn.authorizedCidrs).toEqual(['172.16.20.0/24', '172.16.21.0/24', '172.16.22.0/24']);
      expect(vpn.sessionTimeoutHours).toBe(8);
      expect(vpn.associations).toHaveLength(3);
      expect(vpn.authorizationRules).toHaveLength(4);
      expect(vpn.routes).toHaveLength(0);
      const { stack, vpn: v } = build();
      const attrs = { endpointId: v.endpointId, dnsName: v.dnsName, securityGroupId: v.securityGroupId };
      for (const [k, value] of Object.entries(attrs)) new TerraformOutput(stack, k, { value });
      const out = Template.fromStack(stack).json.output;
      expect(Object.fromEntries(Object.keys(attrs).map((k) => [k, out[k].value]))).toEqual({
        endpointId: Template.ref(endpoint),
        dnsName: Template.ref(endpoint, 'dns_name'),
        securityGroupId: Template.ref(sg),
      });
    });
  });

  test('associates exactly the subnets the selection picks from the VPC, in VPC order', () => {
    const vpc = fakeVpc('vpc-1', '172.16.0.0/16', [
      { id: 'subnet-app-a', name: 'app-a', az: 'ap-northeast-2a', tier: 'app', cidr: '172.16.10.0/24' },
      { id: 'subnet-0a', name: 'db-a', az: 'ap-northeast-2a', tier: 'db', cidr: '172.16.20.0/24' },
      { id: 'subnet-0b', name: 'db-b', az: 'ap-northeast-2b', tier: 'db', cidr: '172.16.21.0/24' },
    ]);
    const { t } = build({ vpc, associatedSubnets: { names: ['db-b', 'db-a'] } });
    expect(t.resources('aws_ec2_client_vpn_network_association').map((r) => r.props.subnet_id)).toEqual(['subnet-0a', 'subnet-0b']);
    // authorizedCidrs defaults to the selected subnets only, not the app subnet
    expect(t.resources('aws_ec2_client_vpn_authorization_rule').map((r) => r.props.target_network_cidr)).toEqual(['172.16.20.0/24', '172.16.21.0/24', '172.16.0.2/32']);
  });

  test('DNS server is base + 2 of any VPC range', () => {
    const { vpn, t } = build(inVpc('10.20.0.0/20', [{ id: 'subnet-0a', cidr: '10.20.4.0/24' }]));
    expect(vpn.dnsServer).toBe('10.20.0.2');
    expect(t.resources('aws_ec2_client_vpn_endpoint')[0].props.dns_servers).toEqual(['10.20.0.2']);
  });

  test('no DNS authorization rule when an authorized range already holds the DNS server', () => {
    const { t } = build({ authorizedCidrs: ['172.16.0.0/16'] });
    expect(t.resources('aws_ec2_client_vpn_authorization_rule').map((r) => r.props.target_network_cidr)).toEqual(['172.16.0.0/16']);
  });

  test('without accountId and region, the key policy reads them from aws_caller_identity and aws_region', () => {
    const { t } = build({ accountId: undefined, region: undefined });
    expect(Object.keys(t.json.data).sort()).toEqual(['aws_caller_identity', 'aws_region']);
    const [account] = Object.keys(t.json.data.aws_caller_identity);
    const [region] = Object.keys(t.json.data.aws_region);
    const a = `\${data.aws_caller_identity.${account}.account_id}`;
    const r = `\${data.aws_region.${region}.name}`;
    expect(JSON.parse(t.byName('aws_kms_key', 'shop-client-vpn-logs').props.policy)).toEqual(
      keyPolicy({ partition: 'aws', account: a, region: r, logGroup: '/aws/client-vpn/shop' }),
    );
  });

  test('all options', () => {
    const { t, vpn } = build({
      name: 'pay-prod',
      accountId: '444455556666',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      ...inVpc('172.16.0.0/16', DB_SUBNETS, 'vpc-2'),
      clientCidr: '100.64.0.0/16',
      serverCertificateArn: 'arn:aws-us-gov:acm:us-gov-west-1:444455556666:certificate/server-2',
      clientRootCertificateArn: 'arn:aws-us-gov:acm:us-gov-west-1:444455556666:certificate/ca-2',
      authorizedCidrs: ['172.16.20.0/24', '10.50.0.0/16', '10.51.0.0/24'],
      extraRoutes: [{ cidr: '10.50.0.0/16' }, { cidr: '10.51.0.0/24', targetSubnetId: 'subnet-0b' }],
      transportProtocol: 'tcp',
      port: 1194,
      sessionTimeoutHours: 12,
      loginBanner: 'Authorized use only. Sessions are logged.',
      logRetentionDays: 90,
      dnsServer: '10.50.0.10',
    });
    const sg = t.byName('aws_security_group', 'pay-prod-client-vpn');
    const endpoint = t.resources('aws_ec2_client_vpn_endpoint')[0];
    expect(t.resources('aws_lambda_function')[0].props.function_name).toBe('AWSClientVPN-pay-prod');
    expect(endpoint.props).toMatchObject({
      client_cidr_block: '100.64.0.0/16',
      server_certificate_arn: 'arn:aws-us-gov:acm:us-gov-west-1:444455556666:certificate/server-2',
      authentication_options: [{ type: 'certificate-authentication', root_certificate_chain_arn: 'arn:aws-us-gov:acm:us-gov-west-1:444455556666:certificate/ca-2' }],
      split_tunnel: true,
      transport_protocol: 'tcp',
      vpn_port: 1194,
      session_timeout_hours: 12,
      dns_servers: ['10.50.0.10'],
      vpc_id: 'vpc-2',
      security_group_ids: [Template.ref(sg)],
      client_login_banner_options: { enabled: true, banner_text: 'Authorized use only. Sessions are logged.' },
      tags: { Name: 'pay-prod-client-vpn' },
    });
    expect(JSON.parse(t.byName('aws_kms_key', 'pay-prod-client-vpn-logs').props.policy)).toEqual(
      keyPolicy({ partition: 'aws-us-gov', account: '444455556666', region: 'us-gov-west-1', logGroup: '/aws/client-vpn/pay-prod' }),
    );
    expect(t.byName('aws_cloudwatch_log_group', '/aws/client-vpn/pay-prod').props).toMatchObject({ name: '/aws/client-vpn/pay-prod', retention_in_days: 90 });
    expect(t.byName('aws_cloudwatch_log_group', '/aws/lambda/AWSClientVPN-pay-prod').props.retention_in_days).toBe(90);
    // The DNS server lies in an authorized range: no extra rule. Routes: 10.50/16 through every subnet, 10.51.0/24 through subnet-0b only.
    expect(chainOf(t).map(describeLink)).toEqual([
      'associate subnet-0a',
      'associate subnet-0b',
      'associate subnet-0c',
      'authorize 172.16.20.0/24',
      'authorize 10.50.0.0/16',
      'authorize 10.51.0.0/24',
      'route 10.50.0.0/16 via subnet-0a',
      'route 10.50.0.0/16 via subnet-0b',
      'route 10.50.0.0/16 via subnet-0c',
      'route 10.51.0.0/24 via subnet-0b',
    ]);
    expect(t.resources('aws_ec2_client_vpn_route').find((r) => r.props.target_vpc_subnet_id === 'subnet-0c')!.props).toEqual({
      client_vpn_endpoint_id: Template.ref(endpoint),
      destination_cidr_block: '10.50.0.0/16',
      target_vpc_subnet_id: 'subnet-0c',
      description: 'Clients to 10.50.0.0/16 through 172.16.22.0/24',
      depends_on: [expect.stringMatching(/^aws_ec2_client_vpn_route\./)],
    });
    const egress = t.resources('aws_vpc_security_group_egress_rule').map((r) => `${r.props.ip_protocol} ${r.props.from_port}-${r.props.to_port} ${r.props.cidr_ipv4}`);
    expect(egress.sort()).toEqual(['tcp 0-65535 10.50.0.0/16', 'tcp 0-65535 10.51.0.0/24', 'tcp 0-65535 172.16.20.0/24', 'tcp 53-53 10.50.0.10/32', 'udp 53-53 10.50.0.10/32']);
    expect(vpn.routes).toHaveLength(4);
    expect(vpn.sessionTimeoutHours).toBe(12);
  });

  describe('central AWS service endpoints (serviceEndpointsCidr)', () => {
    const { t, vpn } = build({ serviceEndpointsCidr: '10.254.0.0/24' });
    const sg = t.byName('aws_security_group', 'shop-client-vpn');
    const endpoint = t.resources('aws_ec2_client_vpn_endpoint')[0];

    test('authorized for every client, routed through every associated subnet, after the other rules', () => {
      expect(chainOf(t).map(describeLink)).toEqual([
        ...DEFAULT_CHAIN,
        'authorize 10.254.0.0/24',
        'route 10.254.0.0/24 via subnet-0a',
        'route 10.254.0.0/24 via subnet-0b',
        'route 10.254.0.0/24 via subnet-0c',
      ]);
      expect(t.resource('aws_ec2_client_vpn_authorization_rule', { target_network_cidr: '10.254.0.0/24' }).props).toMatchObject({
        client_vpn_endpoint_id: Template.ref(endpoint),
        authorize_all_groups: true,
        description: 'Clients to the central AWS service endpoints',
      });
      expect(t.resources('aws_ec2_client_vpn_route').map((r) => r.props.description)).toEqual(
        ['172.16.20.0/24', '172.16.21.0/24', '172.16.22.0/24'].map((c) => `Clients to the central AWS service endpoints through ${c}`),
      );
      expect(vpn.serviceEndpointsCidr).toBe('10.254.0.0/24');
    });

    test('the group opens HTTPS to the range, and nothing else there', () => {
      const toRange = t.resources('aws_vpc_security_group_egress_rule').filter((r) => r.props.cidr_ipv4 === '10.254.0.0/24');
      expect(toRange.map((r) => r.props)).toEqual([
        { security_group_id: Template.ref(sg), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.254.0.0/24', description: 'Client VPN users to the central AWS service endpoints (HTTPS)' },
      ]);
    });

    test('without it (the old behaviour) clients are neither authorized nor routed to the hub endpoints', () => {
      const { t: plain } = build();
      expect(JSON.stringify(plain.json)).not.toContain('10.254.0.0/24');
    });

    test('no duplicate rule or route when an authorized, routed range already holds it', () => {
      const { t: covered } = build({ serviceEndpointsCidr: '10.254.0.0/24', authorizedCidrs: ['172.16.20.0/24', '10.254.0.0/16'], extraRoutes: [{ cidr: '10.254.0.0/16' }] });
      expect(covered.resources('aws_ec2_client_vpn_authorization_rule').map((r) => r.props.target_network_cidr)).not.toContain('10.254.0.0/24');
      expect(covered.resources('aws_ec2_client_vpn_route').map((r) => r.props.destination_cidr_block)).toEqual(['10.254.0.0/16', '10.254.0.0/16', '10.254.0.0/16']);
      expect(covered.resources('aws_vpc_security_group_egress_rule').filter((r) => r.props.cidr_ipv4 === '10.254.0.0/24')).toHaveLength(1);
    });

    test('validation: a range in the VPC or the client range, not a CIDR, or a token', () => {
      const fails = (overrides: Partial<ClientVpnEndpointProps>, message: string) => expect(() => build(overrides)).toThrow(`test/vpn: ${message}`);
      fails({ serviceEndpointsCidr: '172.16.200.0/24' }, 'serviceEndpointsCidr "172.16.200.0/24" overlaps the VPC 172.16.0.0/16');
      fails({ serviceEndpointsCidr: '10.100.0.0/24' }, 'serviceEndpointsCidr "10.100.0.0/24" overlaps clientCidr 10.100.0.0/22');
      fails({ serviceEndpointsCidr: '10.254.0.0/33' }, 'serviceEndpointsCidr "10.254.0.0/33" is not a valid IPv4 CIDR block');
      const stack = new TerraformStack(Testing.app(), 'test');
      const other = new Vpc(stack, 'other', { cidrBlock: '10.254.0.0/24' });
      expect(() => new ClientVpnEndpoint(stack, 'vpn', { ...BASE, serviceEndpointsCidr: other.cidrBlock })).toThrow('serviceEndpointsCidr must be a literal CIDR');
    });
  });

  test('removing a user changes only the handler allow-list, in place; no address moves', () => {
    const before = build();
    const after = build({ allowedCommonNames: ['alice'] });
    const addresses = (t: Template) => Object.entries(t.inventory()).flatMap(([type]) => t.resources(type).map((r) => r.address));
    expect(addresses(after.t)).toEqual(addresses(before.t));
    expect(after.t.resources('aws_lambda_function')[0].props.environment).toEqual({ variables: { ALLOWED_COMMON_NAMES: 'alice' } });
    const { environment: _b, ...restBefore } = before.t.resources('aws_lambda_function')[0].props;
    const { environment: _a, ...restAfter } = after.t.resources('aws_lambda_function')[0].props;
    expect(restAfter).toEqual(restBefore);
  });

  test('construct ids are stable: addresses named by CIDR, not by list position', () => {
    const names = (t: Template, type: string) => t.resources(type).map((r) => r.name.replace(/_[0-9A-F]{8}$/, ''));
    const { t } = build({ authorizedCidrs: ['172.16.20.0/24', '10.50.0.0/16'], extraRoutes: [{ cidr: '10.50.0.0/16' }] });
    expect(names(t, 'aws_ec2_client_vpn_network_association')).toEqual(['vpn_association-172-16-20-0-24', 'vpn_association-172-16-21-0-24', 'vpn_association-172-16-22-0-24']);
    expect(names(t, 'aws_ec2_client_vpn_authorization_rule').sort()).toEqual(['vpn_authorize-10-50-0-0-16', 'vpn_authorize-172-16-20-0-24', 'vpn_authorize-dns-server']);
    expect(names(t, 'aws_ec2_client_vpn_route')).toContain('vpn_route-10-50-0-0-16-via-172-16-21-0-24');
  });

  describe('validation', () => {
    const fails = (overrides: Partial<ClientVpnEndpointProps>, message: string) => expect(() => build(overrides)).toThrow(`test/vpn: ${message}`);

    test('client CIDR wider than /12 or narrower than /22', () => {
      fails({ clientCidr: '10.0.0.0/11' }, 'clientCidr "10.0.0.0/11" is a /11; AWS accepts /12 to /22 (a /22 gives 1,024 addresses, two per connected client)');
      fails({ clientCidr: '10.100.0.0/23' }, 'clientCidr "10.100.0.0/23" is a /23; AWS accepts /12 to /22');
      expect(() => build({ clientCidr: '10.16.0.0/12' })).not.toThrow();
    });

    test('client CIDR overlapping the VPC or a route, or not a CIDR', () => {
      fails({ clientCidr: '172.16.0.0/22' }, 'clientCidr "172.16.0.0/22" overlaps the VPC 172.16.0.0/16 — pick a range outside the VPC and every routed range');
      fails(
        { clientCidr: '10.50.0.0/22', authorizedCidrs: ['10.50.0.0/16'], extraRoutes: [{ cidr: '10.50.0.0/16' }] },
        'clientCidr "10.50.0.0/22" overlaps the route to 10.50.0.0/16 — pick a range outside the VPC and every routed range',
      );
      fails({ clientCidr: '10.100.0.1/22' }, 'clientCidr "10.100.0.1/22" has host bits set (the network address of /22 is 10.100.0.0/22) — use 10.100.0.0/22');
    });

    test('associated subnets: none, duplicate id, duplicate CIDR, outside the VPC, not a subnet id, token CIDR', () => {
      fails(inVpc('172.16.0.0/16', []), 'associatedSubnets { tiers: [db] } selects no subnet of the VPC — associate at least one subnet (one per AZ for availability)');
      fails({ associatedSubnets: { names: ['app-a'] } }, 'associatedSubnets { names: [app-a] } selects no subnet of the VPC');
      fails(inVpc('172.16.0.0/16', [DB_SUBNETS[0], { id: 'subnet-0a', cidr: '172.16.21.0/24' }]), 'associatedSubnets lists subnet subnet-0a twice');
      fails(inVpc('172.16.0.0/16', [DB_SUBNETS[0], { id: 'subnet-0b', cidr: '172.16.20.0/24' }]), 'associatedSubnets lists 172.16.20.0/24 twice');
      fails(inVpc('172.16.0.0/16', [{ id: 'subnet-0a', cidr: '172.17.0.0/24' }]), 'associatedSubnets[0].cidr "172.17.0.0/24" is outside the VPC 172.16.0.0/16');
      fails(inVpc('172.16.0.0/16', [{ id: 'db-a', cidr: '172.16.20.0/24' }]), 'associatedSubnets[0].id "db-a" is not a subnet id (subnet-...)');
      const stack = new TerraformStack(Testing.app(), 'test');
      const other = new Vpc(stack, 'other', { cidrBlock: '172.16.0.0/16' });
      expect(() => new ClientVpnEndpoint(stack, 'vpn', { ...BASE, ...inVpc('172.16.0.0/16', [{ id: 'subnet-0a', cidr: other.cidrBlock }]) })).toThrow(
        "test/vpn: associatedSubnets[0].cidr must be a literal CIDR: it names the association's Terraform address",
      );
    });

    test('session timeout outside 8, 10, 12, 24', () => {
      fails({ sessionTimeoutHours: 9 as ClientVpnSessionTimeoutHours }, 'sessionTimeoutHours 9 must be one of 8, 10, 12, 24');
      fails({ sessionTimeoutHours: 48 as ClientVpnSessionTimeoutHours }, 'sessionTimeoutHours 48 must be one of 8, 10, 12, 24');
      for (const h of [8, 10, 12, 24] as const) expect(() => build({ sessionTimeoutHours: h })).not.toThrow();
    });

    test('port other than 443 or 1194, transport other than udp or tcp', () => {
      fails({ port: 1195 as ClientVpnPort }, 'port 1195 must be 443 or 1194 (the ports Client VPN listens on)');
      fails({ transportProtocol: 'quic' as ClientVpnTransportProtocol }, 'transportProtocol "quic" must be "udp" or "tcp"');
    });

    test('authorized CIDRs: empty, duplicate, unreachable', () => {
      fails({ authorizedCidrs: [] }, 'authorizedCidrs is empty — list the ranges clients may reach, or leave it out to authorize the associated subnets');
      fails({ authorizedCidrs: ['172.16.20.0/24', '172.16.20.0/24'] }, 'authorizedCidrs lists 172.16.20.0/24 twice');
      fails({ authorizedCidrs: ['10.60.0.0/16'] }, 'authorizedCidrs[0] "10.60.0.0/16" is neither in the VPC 172.16.0.0/16 nor in extraRoutes — add a route to it, or clients cannot reach it');
      fails({ authorizedCidrs: ['10.60.0.0/33'] }, 'authorizedCidrs[0] "10.60.0.0/33" is not a valid IPv4 CIDR block');
    });

    test('extra routes: not authorized, through a subnet that is not associated, twice', () => {
      fails({ extraRoutes: [{ cidr: '10.50.0.0/16' }] }, 'extraRoutes[0].cidr "10.50.0.0/16" is not authorized (authorizedCidrs defaults to the associated subnets) — add it to authorizedCidrs, or drop the route');
      fails({ authorizedCidrs: ['172.16.0.0/16'], extraRoutes: [{ cidr: '10.50.0.0/16' }] }, 'extraRoutes[0].cidr "10.50.0.0/16" is not authorized — add it to authorizedCidrs, or drop the route');
      fails(
        { authorizedCidrs: ['10.50.0.0/16'], extraRoutes: [{ cidr: '10.50.0.0/16', targetSubnetId: 'subnet-0f' }] },
        'extraRoutes[0].targetSubnetId "subnet-0f" is not one of the associatedSubnets ids (subnet-0a, subnet-0b, subnet-0c) — routes can only leave through an associated subnet',
      );
      fails({ authorizedCidrs: ['10.50.0.0/16'], extraRoutes: [{ cidr: '10.50.0.0/16' }, { cidr: '10.50.0.0/16' }] }, 'extraRoutes lists 10.50.0.0/16 twice');
    });

    test('DNS server: not an address, or with no route to it', () => {
      fails({ dnsServer: '172.16.0.256' }, 'dnsServer "172.16.0.256" is not an IPv4 address');
      fails({ dnsServer: '8.8.8.8' }, 'dnsServer "8.8.8.8" is neither in the VPC 172.16.0.0/16 nor in extraRoutes — clients would have no route to it');
    });

    test('certificates: not ACM ARNs, or in another Region', () => {
      fails({ serverCertificateArn: 'arn:aws:iam::111122223333:server-certificate/vpn' }, 'serverCertificateArn "arn:aws:iam::111122223333:server-certificate/vpn" is not an ACM certificate ARN');
      fails(
        { clientRootCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/ca' },
        `clientRootCertificateArn "arn:aws:acm:us-east-1:111122223333:certificate/ca" is in us-east-1, not ap-northeast-2 — import the certificate into ACM in the endpoint's Region`,
      );
    });

    test('banner, retention, name, account, Region, VPC CIDR', () => {
      fails({ loginBanner: 'x'.repeat(1401) }, 'loginBanner must be 1 to 1400 characters (got 1401)');
      fails({ loginBanner: '' }, 'loginBanner must be 1 to 1400 characters (got 0, leave it out for no banner)');
      expect(() => build({ loginBanner: 'x'.repeat(1400) })).not.toThrow();
      fails({ logRetentionDays: 100 }, 'logRetentionDays 100 is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90,');
      fails({ name: 'shop prod' }, 'name "shop prod" must be 1 to 64 letters, digits, "_" or "-", starting with a letter or digit');
      fails({ name: 'sg-shop' }, 'name "sg-shop" must not start with "sg-" (it prefixes a security group name)');
      fails({ accountId: '1111' }, 'accountId "1111" must be the 12-digit AWS account id');
      fails({ region: 'Seoul' }, 'region "Seoul" is not a Region code such as ap-northeast-2');
      fails({ vpc: { ...BASE.vpc, cidr: '172.16.0.0' } }, 'vpc.cidr "172.16.0.0" is not a CIDR block (expected a.b.c.d/n)');
    });

    test('every problem is reported at once, before any resource exists', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      expect(() => new ClientVpnEndpoint(stack, 'vpn', { ...BASE, clientCidr: '172.16.0.0/22', sessionTimeoutHours: 9 as ClientVpnSessionTimeoutHours, port: 80 as ClientVpnPort, ...inVpc('172.16.0.0/16', []) })).toThrow(
        /clientCidr "172.16.0.0\/22" overlaps the VPC.*; associatedSubnets \{ tiers: \[db\] \} selects no subnet.*; port 80 must be 443 or 1194.*; sessionTimeoutHours 9 must be one of/,
      );
      expect(stack.node.findAll().filter((c) => c !== stack).map((c) => c.node.path)).toEqual(['test/vpn']);
    });

    test('unresolved tokens are not checked at synth time; the DNS server then comes from cidrhost()', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
      const vpc = new Vpc(stack, 'vpc', { cidrBlock: '172.16.0.0/16' });
      const vpn = new ClientVpnEndpoint(stack, 'vpn', {
        ...BASE,
        ...inVpc(vpc.cidrBlock, [{ id: vpc.id, cidr: '172.16.20.0/24' }], vpc.id),
        clientCidr: vpc.cidrBlock,
        serverCertificateArn: vpc.arn,
        clientRootCertificateArn: vpc.arn,
        accountId: vpc.ownerId,
      });
      const t = Template.fromStack(stack);
      const v = t.resources('aws_vpc')[0];
      expect(t.resources('aws_ec2_client_vpn_endpoint')[0].props.dns_servers).toEqual([`\${cidrhost(${Template.ref(v, 'cidr_block').slice(2, -1)}, 2)}`]);
      expect(t.resources('aws_ec2_client_vpn_authorization_rule').map((r) => r.props.target_network_cidr)).toContain(`\${cidrhost(${Template.ref(v, 'cidr_block').slice(2, -1)}, 2)}/32`);
      expect(vpn.mutations).toHaveLength(3);
    });
  });
});
