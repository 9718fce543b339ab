import { Testing } from 'cdktf';
import { LandingZone } from '../../config/model';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { sessionName } from '../../stacks/landing-zone-stack';
import { propagationTargets } from '../../config/transit-routing';
import { defaultLandingZone } from '../helpers/landing-zone';
import { Template } from '../helpers/template';

function build(lz: LandingZone, backend?: 'config' | 'local') {
  const stacks = buildLandingZone(Testing.app(), lz, { backend });
  return {
    hub: Template.fromStack(stacks.hub),
    logArchive: Template.fromStack(stacks.logArchive),
    spokes: stacks.spokes.map((s) => Template.fromStack(s)),
    names: [stacks.hub, stacks.logArchive, ...stacks.spokes].map((s) => s.stackName),
  };
}

const lz = defaultLandingZone();
const withCloud: LandingZone = { ...lz, terraformCloud: { organization: 'acme', hostname: 'app.terraform.io', project: 'network', workspacePrefix: 'lz-' } };

describe('stacks of the default landing zone', () => {
  const out = build(lz);

  test('one hub, one log archive and one stack per spoke, named <name>-<role>', () => {
    expect(out.names).toEqual(['shop-hub', 'shop-log-archive', 'shop-spoke-shop-prod', 'shop-spoke-shop-dev']);
  });

  test.each([
    ['hub', () => out.hub, '111111111111', 'shop-hub'],
    ['log archive', () => out.logArchive, '222222222222', 'shop-log-archive'],
    ['spoke shop-prod', () => out.spokes[0], '333333333333', 'shop-spoke-shop-prod'],
    ['spoke shop-dev', () => out.spokes[1], '444444444444', 'shop-spoke-shop-dev'],
  ])('%s: the provider assumes the account role and allows only that account', (_label, template, account, stack) => {
    const providers = template().json.provider.aws;
    const own = providers.find((p: any) => !p.alias);
    expect(own).toEqual({
      region: 'ap-northeast-2',
      allowed_account_ids: [account],
      assume_role: [{ role_arn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`, session_name: `lz-${stack}` }],
      default_tags: [{ tags: { CostCenter: 'platform', LandingZone: 'shop', Stack: stack, ManagedBy: 'cdktf' } }],
    });
  });

  test('spoke stacks also carry the hub provider under alias "hub", bound to the hub account', () => {
    for (const [i, spoke] of out.spokes.entries()) {
      const hub = spoke.json.provider.aws.find((p: any) => p.alias === 'hub');
      expect(hub.allowed_account_ids).toEqual(['111111111111']);
      expect(hub.assume_role).toEqual([{ role_arn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', session_name: `lz-${out.names[2 + i]}` }]);
      expect(hub.default_tags[0].tags.Stack).toBe(out.names[2 + i]);
    }
    expect(out.hub.json.provider.aws).toHaveLength(1);
    expect(out.logArchive.json.provider.aws).toHaveLength(1);
  });

  test('local state per stack by default', () => {
    expect(out.hub.json.terraform.backend).toEqual({ local: { path: 'terraform.shop-hub.tfstate' } });
    expect(out.spokes[0].json.terraform.backend).toEqual({ local: { path: 'terraform.shop-spoke-shop-prod.tfstate' } });
  });

  test('the spoke outputs the VPC id, subnet ids per tier and route table ids', () => {
    const outputs = out.spokes[0].json.output;
    expect(Object.keys(outputs).sort()).toEqual([
      'alb_dns_name',
      'app_security_group_id',
      'client_vpn_dns_name',
      'client_vpn_endpoint_id',
      'db_security_group_id',
      'instance_connect_clients_security_group_id',
      'instance_connect_command',
      'route_table_ids',
      'ssm_instance_profile_name',
      'ssm_start_session_command',
      'subnet_ids_app',
      'subnet_ids_db',
      'subnet_ids_public',
      'subnet_ids_tgw',
      'vpc_id',
    ]);
    expect(outputs.vpc_id.value).toMatch(/^\$\{aws_vpc\.app-vpc_[A-F0-9]{8}\.id\}$/);
    expect(outputs.subnet_ids_db.value).toHaveLength(3);
    expect(Object.keys(outputs.route_table_ids.value).sort()).toEqual([
      'app-ap-northeast-2a',
      'app-ap-northeast-2c',
      'db-ap-northeast-2a',
      'db-ap-northeast-2b',
      'db-ap-northeast-2c',
      'public',
      'tgw-ap-northeast-2a',
      'tgw-ap-northeast-2b',
      'tgw-ap-northeast-2c',
    ]);
  });

  test('shop-dev subnets come from the tier spec, spread over its two AZs, plus a /28 attachment subnet per AZ', () => {
    const subnets = out.spokes[1].resources('aws_subnet').map((s) => [s.props.tags.Name, s.props.cidr_block, s.props.availability_zone]);
    expect(subnets.sort()).toEqual(
      [
        ['shop-dev-app-1', '172.20.0.0/20', 'ap-northeast-2a'],
        ['shop-dev-app-2', '172.20.16.0/20', 'ap-northeast-2c'],
        ['shop-dev-db-1', '172.20.32.0/22', 'ap-northeast-2a'],
        ['shop-dev-db-2', '172.20.36.0/22', 'ap-northeast-2c'],
        ['shop-dev-public-1', '172.20.40.0/24', 'ap-northeast-2a'],
        ['shop-dev-public-2', '172.20.41.0/24', 'ap-northeast-2c'],
        ['shop-dev-tgw-1', '172.20.42.0/28', 'ap-northeast-2a'],
        ['shop-dev-tgw-2', '172.20.42.16/28', 'ap-northeast-2c'],
      ].sort(),
    );
  });
});

describe('Terraform Cloud backend', () => {
  const out = build(withCloud);

  test('each stack gets its own named workspace <prefix><stack> in the configured project', () => {
    expect(out.hub.json.terraform.cloud).toEqual({ hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: 'lz-shop-hub', project: 'network' } });
    expect(out.spokes[1].json.terraform.cloud).toEqual({ hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: 'lz-shop-spoke-shop-dev', project: 'network' } });
    expect(out.hub.json.terraform.backend).toBeUndefined();
  });

  test('backend "local" overrides the cloud setting (offline verification)', () => {
    const local = build(withCloud, 'local');
    expect(local.hub.json.terraform.cloud).toBeUndefined();
    expect(local.hub.json.terraform.backend).toEqual({ local: { path: 'terraform.shop-hub.tfstate' } });
  });
});

describe('roles', () => {
  test('a configured roleArn replaces the default; the log archive in the hub account shares the hub role', () => {
    const custom: LandingZone = {
      ...lz,
      hub: { ...lz.hub, roleArn: 'arn:aws:iam::111111111111:role/NetworkDeploy' },
      logArchive: { ...lz.logArchive, account: '111111111111', roleArn: 'arn:aws:iam::111111111111:role/NetworkDeploy', bucketName: 'shop-logs-111111111111-ap-northeast-2' },
    };
    const out = build(custom);
    expect(out.hub.json.provider.aws[0].assume_role[0].role_arn).toBe('arn:aws:iam::111111111111:role/NetworkDeploy');
    expect(out.logArchive.json.provider.aws[0].allowed_account_ids).toEqual(['111111111111']);
  });

  test('session names are cut to the 64 characters STS allows', () => {
    expect(sessionName('x'.repeat(100))).toHaveLength(64);
    expect(sessionName('shop-hub')).toBe('lz-shop-hub');
  });
});

describe('hub and spoke wiring', () => {
  const out = build(lz);

  test('the hub shares the Transit Gateway with the organization ARN built from the management account', () => {
    // Three shares (Transit Gateway, Resolver rules, query logging configuration), all with the organization only.
    expect(out.hub.resources('aws_ram_principal_association').map((r) => r.props.principal)).toEqual(Array(3).fill('arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5'));
  });

  test('the hub exports exactly its contract with the spokes (and the inbound resolver addresses for on-premises)', () => {
    const outputs = out.hub.json.output;
    expect(Object.keys(outputs).sort()).toEqual(['private_hosted_zone_ids', 'resolver_inbound_ips', 'resolver_query_log_config_id', 'resolver_rule_ids', 'transit_gateway_id', 'transit_gateway_route_table_ids']);
    expect(Object.keys(outputs.private_hosted_zone_ids.value).sort()).toEqual(['ec2messages', 'ecr.api', 'ecr.dkr', 'kms', 'logs', 'ssm', 'ssmmessages', 'sts']);
    expect(Object.keys(outputs.resolver_rule_ids.value)).toEqual(['corp.example.internal']);
    expect(Object.keys(outputs.transit_gateway_route_table_ids.value).sort()).toEqual(['egress', 'nonprod', 'onprem', 'prod', 'shared']);
  });

  test('spokes read only the log archive (no secrets) through its state file; nothing reads the hub or PKI state', () => {
    expect(out.spokes[0].json.data.terraform_remote_state).toEqual({
      'log-archive': { backend: 'local', config: { path: '../shop-log-archive/terraform.shop-log-archive.tfstate' } },
    });
    expect(out.hub.json.data.terraform_remote_state).toEqual({
      'log-archive': { backend: 'local', config: { path: '../shop-log-archive/terraform.shop-log-archive.tfstate' } },
    });
  });

  test('the hub publishes its ids as String SSM parameters under /landing-zone/shop/hub, written from its own resources', () => {
    const published = out.hub.resources('aws_ssm_parameter');
    expect(published.map((p) => p.props.name).sort()).toEqual(
      [
        ...['ec2messages', 'ecr.api', 'ecr.dkr', 'kms', 'logs', 'ssm', 'ssmmessages', 'sts'].map((s) => `hosted-zone-${s}`),
        'query-log-config-id',
        'resolver-rule-corp-example-internal',
        ...['egress', 'nonprod', 'onprem', 'prod', 'shared'].map((t) => `route-table-${t}`),
        'transit-gateway-id',
      ]
        .map((k) => `/landing-zone/shop/hub/${k}`)
        .sort(),
    );
    expect(published.every((p) => p.props.type === 'String' && p.props.tier === 'Standard')).toBe(true);
    const tgw = published.find((p) => p.props.name === '/landing-zone/shop/hub/transit-gateway-id')!;
    expect(tgw.props.value).toMatch(/^\$\{aws_ec2_transit_gateway\.transit-gateway_tgw_[0-9A-F]{8}\.id\}$/);
  });

  test('a spoke looks up exactly the hub values it uses (through the hub provider) and its certificate ARNs (own account)', () => {
    const reads = Object.values(out.spokes[0].json.data.aws_ssm_parameter as Record<string, { name: string; provider?: string }>);
    const hubReads = reads.filter((r) => r.name.startsWith('/landing-zone/shop/hub/'));
    expect(hubReads.every((r) => r.provider === 'aws.hub')).toBe(true);
    // prod reaches shared and on-premises, egresses centrally, and never touches nonprod's table.
    expect(hubReads.map((r) => r.name.replace('/landing-zone/shop/hub/', '')).filter((k) => k.startsWith('route-table-')).sort()).toEqual(['route-table-egress', 'route-table-onprem', 'route-table-prod', 'route-table-shared']);
    expect(reads.filter((r) => !r.name.startsWith('/landing-zone/shop/hub/'))).toEqual([
      expect.objectContaining({ name: '/landing-zone/shop/spoke/shop-prod/vpn-pki/client-root-certificate-arn' }),
      expect.objectContaining({ name: '/landing-zone/shop/spoke/shop-prod/vpn-pki/server-certificate-arn' }),
    ]);
    expect(reads.filter((r) => !r.name.startsWith('/landing-zone/shop/hub/')).every((r) => r.provider === undefined)).toBe(true);
  });

  test('with Terraform Cloud, spokes read the log archive with tfe_outputs (outputs, not state) and no remote state at all', () => {
    const cloud = build(withCloud);
    const spoke = cloud.spokes[1].json;
    expect(spoke.data.terraform_remote_state).toBeUndefined();
    expect(spoke.data.tfe_outputs).toEqual({ 'log-archive': expect.objectContaining({ organization: 'acme', workspace: 'lz-shop-log-archive' }) });
    expect(spoke.provider.tfe).toEqual([expect.objectContaining({ hostname: 'app.terraform.io', organization: 'acme' })]);
    expect(JSON.stringify(spoke.resource)).toContain('${data.tfe_outputs.log-archive.nonsensitive_values.flow_logs_destination_arn}');
  });
});

describe('propagationTargets', () => {
  const segment = (over: Partial<LandingZone['hub']['transitGateway']['segments'][number]>) => ({ name: 'prod', peers: [], reachesOnPremises: false, centralEgress: true, isolateAttachments: false, production: true, autoApplyRunTriggers: false, ...over });
  const withSegment = (seg: ReturnType<typeof segment>, egress = true): LandingZone => ({
    ...lz,
    hub: { ...lz.hub, egress: egress ? lz.hub.egress : undefined, transitGateway: { ...lz.hub.transitGateway, segments: [seg] } },
  });
  const spoke = { ...lz.spokes[0], segment: 'prod' };

  test('own segment, peers, egress and onprem', () => {
    expect(propagationTargets(withSegment(segment({ peers: ['shared'], reachesOnPremises: true })), spoke.segment, { egress: true })).toEqual(['prod', 'shared', 'egress', 'onprem']);
  });

  test('isolated attachments skip their own segment; no egress table without hub egress', () => {
    expect(propagationTargets(withSegment(segment({ isolateAttachments: true }), false), spoke.segment, { egress: false })).toEqual([]);
  });
});
