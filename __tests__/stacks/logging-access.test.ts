/**
 * Central logging and bastion-free access across the stacks of the default config: the log archive,
 * flow logs of every VPC and the Transit Gateway, Resolver query logging, Session Manager wiring and
 * the EC2 Instance Connect Endpoint.
 */
import { Testing } from 'cdktf';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { loadWith } from '../helpers/config';
import { defaultLandingZone, fixtureLandingZone } from '../helpers/landing-zone';
import { Template } from '../helpers/template';

const archive = (output: string) => `\${data.terraform_remote_state.log-archive.outputs.${output}}`;

describe('logging and access of the default config', () => {
  const stacks = buildLandingZone(Testing.app(), defaultLandingZone());
  const logArchive = Template.fromStack(stacks.logArchive);
  const hub = Template.fromStack(stacks.hub);
  const prod = Template.fromStack(stacks.spokes[0]);

  test('the log archive: one KMS-encrypted, versioned, private bucket with a deterministic name, guarded against destroy', () => {
    const [bucket] = logArchive.resources('aws_s3_bucket');
    expect(bucket.props.bucket).toBe('shop-logs-222222222222-ap-northeast-2');
    expect(bucket.props.lifecycle).toEqual({ prevent_destroy: true });
    expect(logArchive.resources('aws_kms_key')[0].props.lifecycle).toEqual({ prevent_destroy: true });
    expect(logArchive.resources('aws_kms_key')[0].props.enable_key_rotation).toBe(true);
    expect(logArchive.resources('aws_s3_bucket_public_access_block')[0].props).toEqual(
      expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
    );
    expect(Object.keys(logArchive.json.output).sort()).toEqual(['flow_logs_destination_arn', 'log_bucket_arn', 'log_bucket_name', 'log_key_arn', 'resolver_query_logs_destination_arn']);
  });

  test('the bucket policy admits only the organization and denies deleting the bucket', () => {
    const policy = JSON.parse(logArchive.resources('aws_s3_bucket_policy')[0].props.policy);
    const sids = policy.Statement.map((s: { Sid: string }) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['DenyInsecureTransport', 'DenyDeleteBucket', 'AllowOrgSessionLogs']));
    const orgWrite = policy.Statement.find((s: { Sid: string }) => s.Sid === 'AllowOrgSessionLogs');
    expect(orgWrite.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
  });

  test('the hub logs its VPCs and the Transit Gateway to the archive, and shares a query logging configuration', () => {
    const flowLogs = hub.resources('aws_flow_log');
    expect(flowLogs.map((f) => (f.props.transit_gateway_id ? 'tgw' : f.props.tags.Name)).sort()).toEqual(['shop-egress', 'shop-endpoints', 'tgw']);
    for (const f of flowLogs) expect(f.props.log_destination).toBe(archive('flow_logs_destination_arn'));
    const [config] = hub.resources('aws_route53_resolver_query_log_config');
    expect(config.props.destination_arn).toBe(archive('resolver_query_logs_destination_arn'));
    expect(hub.resources('aws_ram_resource_association').map((a) => a.props.resource_arn)).toContain(Template.ref(config, 'arn'));
    expect(hub.count('aws_route53_resolver_query_log_config_association')).toBe(2);
  });

  test('the spoke logs its VPC and associates it with the shared query logging configuration', () => {
    expect(prod.resources('aws_flow_log').map((f) => [f.props.traffic_type, f.props.log_destination])).toEqual([['ALL', archive('flow_logs_destination_arn')]]);
    expect(prod.resources('aws_route53_resolver_query_log_config_association').map((a) => a.props.resolver_query_log_config_id)).toEqual([prod.published('/landing-zone/shop/hub/query-log-config-id')]);
  });

  test('Session Manager: central endpoints (none in the spoke), sessions logged under the account prefix, an S3 gateway endpoint on the private tables', () => {
    expect(prod.resources('aws_vpc_endpoint').map((e) => e.props.vpc_endpoint_type)).toEqual(['Gateway']);
    const [gateway] = prod.resources('aws_vpc_endpoint');
    expect(gateway.props.route_table_ids).toHaveLength(5); // app and db tables, not public or tgw
    const doc = JSON.parse(prod.resources('aws_ssm_document')[0].props.content);
    expect(doc.inputs).toEqual(
      expect.objectContaining({ s3BucketName: archive('log_bucket_name'), s3KeyPrefix: 'ssm/333333333333', s3EncryptionEnabled: true, cloudWatchEncryptionEnabled: true, runAsEnabled: false, idleSessionTimeout: '20', maxSessionDuration: '60' }),
    );
    const instancePolicy = prod.resources('aws_iam_role_policy').map((p) => JSON.parse(p.props.policy.replace(/\$\$\{/g, '${')));
    const putObject = instancePolicy.flatMap((p) => p.Statement).find((s: { Action: string | string[] }) => [s.Action].flat().includes('s3:PutObject'));
    expect(putObject.Resource).toBe(`${archive('log_bucket_arn')}/ssm/333333333333/*`);
  });

  test('EC2 Instance Connect Endpoint in web-1; SSH only from the endpoint group, nothing from the internet', () => {
    const [eice] = prod.resources('aws_ec2_instance_connect_endpoint');
    expect(eice.props.subnet_id).toBe(Template.ref(prod.byName('aws_subnet', 'shop-prod-web-1')));
    const ingress = prod.resources('aws_vpc_security_group_ingress_rule');
    // The only world-open ingress is the load balancer's 443 and 80.
    expect(ingress.filter((r) => r.props.cidr_ipv4 === '0.0.0.0/0').map((r) => r.props.from_port).sort()).toEqual([443, 80]);
    expect(ingress.filter((r) => r.props.from_port === 22).every((r) => r.props.referenced_security_group_id)).toBe(true);
  });

  test('deploy order: log archive, then hub, then spokes', () => {
    expect(stacks.hub.dependencies.map((d) => d.node.id)).toEqual(['shop-log-archive']);
    expect(stacks.spokes[0].dependencies.map((d) => d.node.id).sort()).toEqual(['shop-hub', 'shop-log-archive', 'shop-spoke-shop-prod-vpn-pki']);
  });
});

describe('local Session Manager endpoints (per-az fixture, spoke batch)', () => {
  const batch = Template.fromStack(buildLandingZone(Testing.app(), fixtureLandingZone('valid/per-az-and-isolated.yaml')).spokes[1]);

  test('the interface endpoints with private DNS in the spoke, 443 from the VPC range only', () => {
    const interfaces = batch.resources('aws_vpc_endpoint').filter((e) => e.props.vpc_endpoint_type === 'Interface');
    expect(interfaces.map((e) => e.props.service_name.replace('com.amazonaws.us-east-1.', '')).sort()).toEqual(expect.arrayContaining(['ec2messages', 'ssm', 'ssmmessages']));
    expect(interfaces.every((e) => e.props.private_dns_enabled === true)).toBe(true);
    const https = batch.resources('aws_vpc_security_group_ingress_rule').filter((r) => r.props.from_port === 443);
    expect(https.map((r) => r.props.cidr_ipv4)).toEqual(['10.20.0.0/24']);
  });
});

describe('the spoke S3 gateway endpoint and session preferences, from the config', () => {
  const policyOf = (t: Template) => JSON.parse(t.resource('aws_vpc_endpoint', { vpc_endpoint_type: 'Gateway' }).props.policy) as { Statement: { Sid: string; Resource: unknown }[] };

  test('default: the log archive, the AWS-owned buckets of every catalog service, the organization; no import block', () => {
    const prod = Template.fromStack(buildLandingZone(Testing.app(), defaultLandingZone()).spokes[0]);
    expect(policyOf(prod).Statement.map((s) => s.Sid)).toEqual([
      'SessionLogUploads',
      'SessionLogBucketEncryptionCheck',
      'SsmAgentAwsOwnedBuckets',
      'EcrImageLayers',
      'AmazonLinux2023Repositories',
      'AmazonLinux2Repositories',
      'OrganizationBuckets',
    ]);
    expect(prod.json.import).toBeUndefined();
  });

  test('listed buckets and adoptExistingPreferences reach only their own spoke', () => {
    const lz = loadWith((c) => {
      c.spokes[1].s3GatewayEndpoint = { allowBuckets: [{ bucket: 'arn:aws:s3:::vendor-artifacts' }, { bucket: 'partner-exchange', access: 'read-write' }] };
      c.spokes[1].access = { ssm: { adoptExistingPreferences: true } };
    }).landingZone;
    const stacks = buildLandingZone(Testing.app(), lz);
    const [prod, dev] = stacks.spokes.map((s) => Template.fromStack(s));
    const devPolicy = policyOf(dev);
    expect(devPolicy.Statement.map((s) => s.Sid).slice(-3)).toEqual(['ListedBucketsRead', 'ListedBucketsReadWrite', 'OrganizationBuckets']);
    expect(devPolicy.Statement.find((s) => s.Sid === 'ListedBucketsRead')!.Resource).toEqual(['arn:aws:s3:::vendor-artifacts', 'arn:aws:s3:::vendor-artifacts/*']);
    expect(dev.json.import).toEqual([{ to: dev.resources('aws_ssm_document')[0].address, id: 'SSM-SessionManagerRunShell' }]);
    expect(policyOf(prod).Statement.map((s) => s.Sid)).not.toContain('ListedBucketsRead');
    expect(prod.json.import).toBeUndefined();
  });
});
