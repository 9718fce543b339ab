import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LogArchiveBucket } from '../../constructs/logging/log-archive-bucket';
import { s3LogDestinationProblems, VpcFlowLogs, VpcFlowLogsProps } from '../../constructs/logging/flow-logs';
import { ResolverQueryLogAssociation, ResolverQueryLogging, ResolverQueryLoggingProps } from '../../constructs/logging/resolver-query-logging';
import { Template } from '../helpers/template';

const FLOW_DEST = 'arn:aws:s3:::shop-log-archive-222222222222/flow-logs/';
const DNS_DEST = 'arn:aws:s3:::shop-log-archive-222222222222/resolver-query-logs/';
const ORG_ARN = 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  return s;
}

function buildFlow(props: Partial<VpcFlowLogsProps>, base: VpcFlowLogsProps = { name: 'shop-hub', vpcId: 'vpc-0a1b2c3d', destinationArn: FLOW_DEST }) {
  const s = stack();
  const flow = new VpcFlowLogs(s, 'flow', { ...base, ...props });
  return { flow, t: Template.fromStack(s) };
}

const TGW_BASE: VpcFlowLogsProps = { name: 'shop-tgw', transitGatewayId: 'tgw-0a1b2c3d', destinationArn: FLOW_DEST };

describe('VpcFlowLogs', () => {
  test('VPC defaults: all traffic, 60 s, Parquet, Hive-compatible hourly partitions, AWS default format', () => {
    const { flow, t } = buildFlow({});
    expect(t.inventory()).toEqual({ aws_flow_log: 1 });
    const r = t.resources('aws_flow_log')[0];
    expect(r.props).toEqual({
      vpc_id: 'vpc-0a1b2c3d',
      traffic_type: 'ALL',
      log_destination_type: 's3',
      log_destination: FLOW_DEST,
      max_aggregation_interval: 60,
      destination_options: { file_format: 'parquet', hive_compatible_partitions: true, per_hour_partition: true },
      tags: { Name: 'shop-hub' },
    });
    expect(r.name).toMatch(/^flow_flow-log_[0-9A-F]{8}$/);
    expect(flow.target).toBe('vpc');
  });

  test('Transit Gateway: no traffic_type (the API rejects it), 60 s written explicitly over the provider default of 600', () => {
    const { flow, t } = buildFlow({}, TGW_BASE);
    expect(t.resources('aws_flow_log')[0].props).toEqual({
      transit_gateway_id: 'tgw-0a1b2c3d',
      log_destination_type: 's3',
      log_destination: FLOW_DEST,
      max_aggregation_interval: 60,
      destination_options: { file_format: 'parquet', hive_compatible_partitions: true, per_hour_partition: true },
      tags: { Name: 'shop-tgw' },
    });
    expect(flow.target).toBe('transit-gateway');
  });

  test('all options: plain text, daily partitions, 600 s, custom format escaped for Terraform', () => {
    const { t } = buildFlow({
      fileFormat: 'plain-text',
      perHourPartition: false,
      aggregationSeconds: 600,
      logFormat: '${version} ${vpc-id} ${srcaddr} ${dstaddr} ${flow-direction} ${traffic-path}',
    });
    expect(t.resources('aws_flow_log')[0].props).toEqual({
      vpc_id: 'vpc-0a1b2c3d',
      traffic_type: 'ALL',
      log_destination_type: 's3',
      log_destination: FLOW_DEST,
      max_aggregation_interval: 600,
      destination_options: { file_format: 'plain-text', hive_compatible_partitions: true, per_hour_partition: false },
      log_format: '$${version} $${vpc-id} $${srcaddr} $${dstaddr} $${flow-direction} $${traffic-path}',
      tags: { Name: 'shop-hub' },
    });
  });

  test('a Transit Gateway flow log takes an explicit 60 and a custom format', () => {
    const { t } = buildFlow({ aggregationSeconds: 60, logFormat: '${version} ${tgw-id} ${packets-lost-blackhole}' }, TGW_BASE);
    const props = t.resources('aws_flow_log')[0].props;
    expect([props.max_aggregation_interval, props.log_format, props.traffic_type]).toEqual([60, '$${version} $${tgw-id} $${packets-lost-blackhole}', undefined]);
  });

  test('the archive bucket helper is a valid destination, and flowLogId references the flow log', () => {
    const s = stack();
    const archive = new LogArchiveBucket(s, 'archive', { bucketName: 'shop-log-archive-222222222222', organizationId: 'o-a1b2c3d4e5', accountId: '222222222222', logSourceAccounts: ['111111111111'], region: 'ap-northeast-2' });
    const flow = new VpcFlowLogs(s, 'flow', { name: 'shop-hub', vpcId: 'vpc-0a1b2c3d', destinationArn: archive.flowLogsArn() });
    new TerraformOutput(s, 'flow_log_id', { value: flow.flowLogId });
    const t = Template.fromStack(s);
    expect(t.resources('aws_flow_log')[0].props.log_destination).toBe(FLOW_DEST);
    expect(t.json.output.flow_log_id.value).toBe(Template.ref(t.resources('aws_flow_log')[0]));
  });

  test('unresolved tokens are not validated, and a token format is not escaped', () => {
    const s = stack();
    const vpc = new TerraformVariable(s, 'vpc', { type: 'string' });
    const dest = new TerraformVariable(s, 'dest', { type: 'string' });
    const format = new TerraformVariable(s, 'format', { type: 'string' });
    expect(() => new VpcFlowLogs(s, 'flow', { name: 'x', vpcId: vpc.stringValue, destinationArn: dest.stringValue, logFormat: format.stringValue })).not.toThrow();
    const props = Template.fromStack(s).resources('aws_flow_log')[0].props;
    expect([props.vpc_id, props.log_destination, props.log_format]).toEqual(['${var.vpc}', '${var.dest}', '${var.format}']);
  });
});

describe('VpcFlowLogs validation', () => {
  const cases: [string, Partial<VpcFlowLogsProps>, VpcFlowLogsProps | undefined, string][] = [
    ['both targets', { transitGatewayId: 'tgw-0a1b' }, undefined, 'exactly one of vpcId and transitGatewayId must be set, got both (vpcId "vpc-0a1b2c3d", transitGatewayId "tgw-0a1b")'],
    ['neither target', { vpcId: undefined }, undefined, 'exactly one of vpcId and transitGatewayId must be set, got neither'],
    ['Transit Gateway at 600 s', { aggregationSeconds: 600 }, TGW_BASE, 'aggregationSeconds 600 is not allowed for a Transit Gateway flow log: AWS accepts only 60; omit it or set 60'],
    ['aggregation not 60 or 600', { aggregationSeconds: 300 as 60 }, undefined, 'aggregationSeconds 300 is not one of 60, 600'],
    ['file format', { fileFormat: 'json' as 'parquet' }, undefined, 'fileFormat "json" is not one of plain-text, parquet'],
    ['VPC id', { vpcId: 'subnet-0a1b' }, undefined, 'vpcId "subnet-0a1b" is not a VPC id like "vpc-0a1b2c3d"'],
    ['attachment as Transit Gateway', { transitGatewayId: 'tgw-attach-0a1b' }, TGW_BASE, 'transitGatewayId "tgw-attach-0a1b" is not a Transit Gateway id'],
    ['not an S3 ARN', { destinationArn: 'arn:aws:logs:ap-northeast-2:222222222222:log-group:flow' }, undefined, 'destinationArn "arn:aws:logs:ap-northeast-2:222222222222:log-group:flow" is not an S3 bucket ARN'],
    ['reserved AWSLogs prefix', { destinationArn: 'arn:aws:s3:::shop-logs/AWSLogs/' }, undefined, 'must not contain an "AWSLogs" segment'],
    ['log format', { logFormat: 'version srcaddr' }, undefined, 'logFormat "version srcaddr" must be field names like "${version} ${srcaddr}" separated by single spaces'],
  ];

  test.each(cases)('%s is refused with the construct path', (_name, props, base, message) => {
    const run = () => buildFlow(props, base);
    expect(run).toThrow('test/flow: ');
    expect(run).toThrow(message);
  });

  test('every problem is reported at once, as a ValidationError', () => {
    let error: Error | undefined;
    try {
      buildFlow({ vpcId: 'x', fileFormat: 'csv' as 'parquet', destinationArn: 'nope' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('ValidationError');
    expect(error?.message).toBe(
      'test/flow: vpcId "x" is not a VPC id like "vpc-0a1b2c3d"; destinationArn "nope" is not an S3 bucket ARN like "arn:aws:s3:::log-archive/flow-logs/"; fileFormat "csv" is not one of plain-text, parquet',
    );
  });

  test('S3 destination checks accept bucket ARNs with or without a prefix in every partition', () => {
    for (const ok of ['arn:aws:s3:::logs-1', 'arn:aws:s3:::logs-1/', 'arn:aws-cn:s3:::logs-1/a/b/', 'arn:aws-us-gov:s3:::logs-1/net/flow']) {
      expect(s3LogDestinationProblems('d', ok)).toEqual([]);
    }
    expect(s3LogDestinationProblems('d', 'arn:aws:s3:::Logs_1/')).toEqual(['d "arn:aws:s3:::Logs_1/" names bucket "Logs_1", which is not a valid S3 bucket name']);
    expect(s3LogDestinationProblems('d', 'arn:aws:s3:::logs-1/a*/')).toHaveLength(1);
    expect(s3LogDestinationProblems('d', 'arn:aws:s3:::logs-1/a//b')).toHaveLength(1);
  });
});

function buildQueryLogging(props: Partial<ResolverQueryLoggingProps> = {}) {
  const s = stack();
  const logging = new ResolverQueryLogging(s, 'dns-logs', { name: 'shop-dns', destinationArn: DNS_DEST, vpcIds: { hub: 'vpc-0a1b', egress: 'vpc-0c2d' }, ...props });
  return { logging, t: Template.fromStack(s) };
}

describe('ResolverQueryLogging', () => {
  test('defaults: the config and one association per VPC, not shared', () => {
    const { logging, t } = buildQueryLogging();
    expect(t.inventory()).toEqual({ aws_route53_resolver_query_log_config: 1, aws_route53_resolver_query_log_config_association: 2 });
    const config = t.resources('aws_route53_resolver_query_log_config')[0];
    expect(config.props).toEqual({ name: 'shop-dns', destination_arn: DNS_DEST, tags: { Name: 'shop-dns' } });
    expect(t.resources('aws_route53_resolver_query_log_config_association').map((r) => [r.name.replace(/_[0-9A-F]{8}$/, ''), r.props])).toEqual([
      ['dns-logs_association-egress', { resolver_query_log_config_id: Template.ref(config), resource_id: 'vpc-0c2d' }],
      ['dns-logs_association-hub', { resolver_query_log_config_id: Template.ref(config), resource_id: 'vpc-0a1b' }],
    ]);
    expect(logging.share).toBeUndefined();
    expect(Object.keys(logging.associations)).toEqual(['hub', 'egress']);
  });

  test('shareWith: an organization-only RAM share of the config with each principal', () => {
    const { logging, t } = buildQueryLogging({ shareWith: [ORG_ARN, '333333333333'] });
    const config = t.resources('aws_route53_resolver_query_log_config')[0];
    const share = t.resources('aws_ram_resource_share')[0];
    expect(share.props).toEqual({ name: 'shop-dns', allow_external_principals: false, tags: { Name: 'shop-dns' } });
    expect(t.resources('aws_ram_resource_association').map((r) => r.props)).toEqual([{ resource_arn: Template.ref(config, 'arn'), resource_share_arn: Template.ref(share, 'arn') }]);
    expect(t.resources('aws_ram_principal_association').map((r) => r.props.principal).sort()).toEqual(['333333333333', ORG_ARN]);
    expect(logging.share).toBeDefined();
  });

  test('an empty share list is refused rather than creating a share nobody can use', () => {
    expect(() => buildQueryLogging({ shareWith: [] })).toThrow('test/dns-logs/share: principals must not be empty');
  });

  test('no VPCs: a config that is only shared', () => {
    const { t } = buildQueryLogging({ vpcIds: {}, shareWith: [ORG_ARN] });
    expect(t.count('aws_route53_resolver_query_log_config_association')).toBe(0);
    expect(t.count('aws_ram_resource_association')).toBe(1);
  });

  test('configId and configArn reference the config', () => {
    const s = stack();
    const logging = new ResolverQueryLogging(s, 'dns-logs', { name: 'shop-dns', destinationArn: DNS_DEST, vpcIds: {} });
    new TerraformOutput(s, 'id', { value: logging.configId });
    new TerraformOutput(s, 'arn', { value: logging.configArn });
    const t = Template.fromStack(s);
    const config = t.resources('aws_route53_resolver_query_log_config')[0];
    expect([t.json.output.id.value, t.json.output.arn.value]).toEqual([Template.ref(config), Template.ref(config, 'arn')]);
  });

  const cases: [string, Partial<ResolverQueryLoggingProps>, string][] = [
    ['name with a dot', { name: 'shop.dns' }, 'name "shop.dns" must be 1-64 letters, digits, spaces, "-" or "_", and not only digits'],
    ['all-digit name', { name: '1234' }, 'name "1234" must be 1-64'],
    ['long name', { name: 'a'.repeat(65) }, `name "${'a'.repeat(65)}" must be 1-64`],
    ['destination', { destinationArn: 'arn:aws:logs:ap-northeast-2:1:log-group:dns' }, 'destinationArn "arn:aws:logs:ap-northeast-2:1:log-group:dns" is not an S3 bucket ARN'],
    ['VPC id', { vpcIds: { hub: 'vpc-XYZ' } }, 'vpcIds.hub "vpc-XYZ" is not a VPC id like "vpc-0a1b2c3d"'],
    ['key', { vpcIds: { 'hub vpc': 'vpc-0a1b' } }, 'vpcIds key "hub vpc" must be letters, digits, "-" and "_"'],
    ['same VPC twice', { vpcIds: { a: 'vpc-0a1b', b: 'vpc-0a1b' } }, 'VPC "vpc-0a1b" is listed under more than one vpcIds key'],
  ];

  test.each(cases)('%s is refused with the construct path', (_name, props, message) => {
    expect(() => buildQueryLogging(props)).toThrow('test/dns-logs: ');
    expect(() => buildQueryLogging(props)).toThrow(message);
  });

  test('unresolved tokens are not validated', () => {
    const s = stack();
    const vpc = new TerraformVariable(s, 'vpc', { type: 'string' });
    const dest = new TerraformVariable(s, 'dest', { type: 'string' });
    expect(() => new ResolverQueryLogging(s, 'dns-logs', { name: 'shop-dns', destinationArn: dest.stringValue, vpcIds: { a: vpc.stringValue, b: vpc.stringValue } })).not.toThrow();
  });
});

describe('ResolverQueryLogAssociation', () => {
  test("a spoke associates its own VPC with the hub's shared config", () => {
    const s = stack();
    const a = new ResolverQueryLogAssociation(s, 'query-logs', { name: 'shop-app', configId: 'rqlc-8ca61fe7c055415a', vpcId: 'vpc-0e5f' });
    const t = Template.fromStack(s);
    expect(t.inventory()).toEqual({ aws_route53_resolver_query_log_config_association: 1 });
    const r = t.resources('aws_route53_resolver_query_log_config_association')[0];
    expect(r.props).toEqual({ resolver_query_log_config_id: 'rqlc-8ca61fe7c055415a', resource_id: 'vpc-0e5f' });
    expect(r.name).toMatch(/^query-logs_association_[0-9A-F]{8}$/);
    expect(a.association).toBeDefined();
  });

  test('a config id from remote state is passed through unvalidated', () => {
    const s = stack();
    const id = new TerraformVariable(s, 'config_id', { type: 'string' });
    new ResolverQueryLogAssociation(s, 'query-logs', { name: 'shop-app', configId: id.stringValue, vpcId: 'vpc-0e5f' });
    expect(Template.fromStack(s).resources('aws_route53_resolver_query_log_config_association')[0].props.resolver_query_log_config_id).toBe('${var.config_id}');
  });

  test('a wrong config id and VPC id are refused together with the construct path', () => {
    const s = stack();
    expect(() => new ResolverQueryLogAssociation(s, 'query-logs', { name: 'shop-app', configId: 'rslvr-rr-1', vpcId: 'subnet-1' })).toThrow(
      'test/query-logs: shop-app: configId "rslvr-rr-1" is not a query logging configuration id like "rqlc-0a1b2c3d4e5f6a7b"; shop-app: vpcId "subnet-1" is not a VPC id like "vpc-0a1b2c3d"',
    );
  });
});
