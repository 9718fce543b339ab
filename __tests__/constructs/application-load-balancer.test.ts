import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  ALB_QUOTAS,
  ApplicationLoadBalancer,
  ApplicationLoadBalancerProps,
  ELB_LOG_DELIVERY_SERVICE,
  HostRule,
  MAX_HOST_RULES,
  NOT_FOUND_ACTION,
  TLS13_SSL_POLICY,
} from '../../constructs/edge/application-load-balancer';
import { Template } from '../helpers/template';
import { fakeVpc } from '../helpers/vpc-ref';

const CERT = 'arn:aws:acm:ap-northeast-2:111122223333:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
const WAF = 'arn:aws:wafv2:ap-northeast-2:111122223333:regional/webacl/shop-web/a1b2c3d4-5678-90ab-cdef-1234567890ab';

/** A VPC with public subnets in two AZs (and a private one the load balancer must not take). */
const vpcOf = (cidr = '10.20.0.0/16', vpcId = 'vpc-1') =>
  fakeVpc(vpcId, cidr, [
    { id: 'subnet-public-a', name: 'public-a', az: 'ap-northeast-2a', tier: 'public', cidr: '10.20.0.0/24' },
    { id: 'subnet-app-a', name: 'app-a', az: 'ap-northeast-2a', tier: 'app', cidr: '10.20.10.0/24' },
    { id: 'subnet-public-c', name: 'public-c', az: 'ap-northeast-2c', tier: 'public', cidr: '10.20.1.0/24' },
  ]);

const BASE: ApplicationLoadBalancerProps = {
  name: 'shop',
  vpc: vpcOf(),
  certificateArn: CERT,
  hostRules: [
    { host: 'www.example.com', targetPort: 8080 },
    { host: 'api.example.com', targetPort: 9000, healthCheckPath: '/healthz' },
  ],
  accessLogBucketName: 'shop-alb-logs-111122223333',
  region: 'ap-northeast-2',
  accountId: '111122223333',
  appSecurityGroupId: 'sg-app',
};

function build(overrides: Partial<ApplicationLoadBalancerProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  const alb = new ApplicationLoadBalancer(stack, 'alb', { ...BASE, ...overrides });
  return { stack, alb, t: Template.fromStack(stack) };
}

const BUCKET = 'arn:aws:s3:::shop-alb-logs-111122223333';

/** The bucket policy AWS receives. */
const bucketPolicy = (bucketArn: string, accountId: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'AllowElbAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/access-logs/AWSLogs/${accountId}/*`,
    },
  ],
});

const healthCheck = (path: string, protocol: string) => ({
  enabled: true,
  path,
  protocol,
  port: 'traffic-port',
  matcher: '200-399',
  interval: 15,
  timeout: 5,
  healthy_threshold: 3,
  unhealthy_threshold: 3,
});

const ingressProps = (t: Template) => t.resources('aws_vpc_security_group_ingress_rule').map((r) => r.props);
const egressProps = (t: Template) => t.resources('aws_vpc_security_group_egress_rule').map((r) => r.props);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized JSON
const byPort = (a: Record<string, any>, b: Record<string, any>) => a.from_port - b.from_port;

describe('ApplicationLoadBalancer', () => {
  describe('defaults (certificate and app security group given)', () => {
    const { t, alb } = build();
    const sg = t.byName('aws_security_group', 'shop-alb');
    const lb = t.resources('aws_lb')[0];
    const bucket = t.resources('aws_s3_bucket')[0];
    const https = t.byName('aws_lb_listener', 'shop-https');
    const http = t.byName('aws_lb_listener', 'shop-http');
    const tgWww = t.byName('aws_lb_target_group', 'shop-www.example.com');
    const tgApi = t.byName('aws_lb_target_group', 'shop-api.example.com');

    test('exactly these resources', () => {
      expect(t.inventory()).toEqual({
        aws_lb: 1,
        aws_lb_listener: 2,
        aws_lb_listener_rule: 2,
        aws_lb_target_group: 2,
        aws_s3_bucket: 1,
        aws_s3_bucket_lifecycle_configuration: 1,
        aws_s3_bucket_ownership_controls: 1,
        aws_s3_bucket_policy: 1,
        aws_s3_bucket_public_access_block: 1,
        aws_s3_bucket_server_side_encryption_configuration: 1,
        aws_s3_bucket_versioning: 1,
        aws_security_group: 1,
        aws_vpc_security_group_egress_rule: 2,
        aws_vpc_security_group_ingress_rule: 4,
      });
    });

    test('the load balancer: internet-facing, public subnets, invalid headers dropped, deletion protection, defensive desync, access logs on', () => {
      expect(lb.props).toEqual({
        name: 'shop',
        internal: false,
        load_balancer_type: 'application',
        security_groups: [Template.ref(sg)],
        subnets: ['subnet-public-a', 'subnet-public-c'],
        drop_invalid_header_fields: true,
        enable_deletion_protection: true,
        desync_mitigation_mode: 'defensive',
        access_logs: { bucket: Template.ref(bucket), prefix: 'access-logs', enabled: true },
        tags: { Name: 'shop' },
        depends_on: [t.resources('aws_s3_bucket_policy')[0].address, t.resources('aws_s3_bucket_server_side_encryption_configuration')[0].address],
      });
    });

    test('security group: no inline rules, 443 and 80 in from the world, nothing else in', () => {
      expect(sg.props).toEqual({
        name: 'shop-alb',
        description: 'Internet-facing load balancer shop: web ports in from allowed clients, target ports out to the app tier only',
        vpc_id: 'vpc-1',
        tags: { Name: 'shop-alb' },
      });
      const common = { security_group_id: Template.ref(sg), ip_protocol: 'tcp', cidr_ipv4: '0.0.0.0/0' };
      expect(ingressProps(t).filter((r) => r.security_group_id === Template.ref(sg)).sort(byPort)).toEqual([
        { ...common, from_port: 80, to_port: 80, description: 'HTTP from allowed clients, redirected to HTTPS' },
        { ...common, from_port: 443, to_port: 443, description: 'HTTPS from allowed clients' },
      ]);
    });

    test('egress only to the app group, only on the target ports; the app group admits exactly those from the load balancer', () => {
      const link = { ip_protocol: 'tcp', description: 'Load balancer shop to app tier' };
      expect(egressProps(t).sort(byPort)).toEqual([
        { ...link, from_port: 8080, to_port: 8080, security_group_id: Template.ref(sg), referenced_security_group_id: 'sg-app' },
        { ...link, from_port: 9000, to_port: 9000, security_group_id: Template.ref(sg), referenced_security_group_id: 'sg-app' },
      ]);
      expect(ingressProps(t).filter((r) => r.security_group_id === 'sg-app').sort(byPort)).toEqual([
        { ...link, from_port: 8080, to_port: 8080, security_group_id: 'sg-app', referenced_security_group_id: Template.ref(sg) },
        { ...link, from_port: 9000, to_port: 9000, security_group_id: 'sg-app', referenced_security_group_id: Template.ref(sg) },
      ]);
      expect(alb.appLinks).toHaveLength(2);
      expect(alb.targetPorts).toEqual([8080, 9000]);
    });

    test('HTTPS listener: TLS 1.3 policy, the certificate, fixed 404 by default', () => {
      expect(https.props).toEqual({
        load_balancer_arn: Template.ref(lb, 'arn'),
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificate_arn: CERT,
        default_action: [{ type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '404', message_body: 'Not Found' } }],
        tags: { Name: 'shop-https' },
      });
      expect(TLS13_SSL_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    });

    test('HTTP listener only redirects to HTTPS with a 301, and carries no rules', () => {
      expect(http.props).toEqual({
        load_balancer_arn: Template.ref(lb, 'arn'),
        port: 80,
        protocol: 'HTTP',
        default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
        tags: { Name: 'shop-http' },
      });
      expect(t.resources('aws_lb_listener_rule').filter((r) => r.props.listener_arn === Template.ref(http, 'arn'))).toEqual([]);
    });

    test('target group per host: port, HTTP, instance targets, health check on the traffic port, create before destroy', () => {
      expect(tgWww.props).toEqual({
        name: expect.stringMatching(/^shop-[0-9a-f]{8}$/),
        port: 8080,
        protocol: 'HTTP',
        target_type: 'instance',
        vpc_id: 'vpc-1',
        health_check: healthCheck('/', 'HTTP'),
        tags: { Name: 'shop-www.example.com' },
        lifecycle: { create_before_destroy: true },
      });
      expect(tgApi.props.port).toBe(9000);
      expect(tgApi.props.health_check).toEqual(healthCheck('/healthz', 'HTTP'));
      expect(tgApi.props.name).not.toBe(tgWww.props.name);
    });

    test('one host-header rule per host on the HTTPS listener, priority in config order', () => {
      const rules = t.resources('aws_lb_listener_rule').map((r) => r.props).sort((a, b) => a.priority - b.priority);
      expect(rules).toEqual([
        {
          listener_arn: Template.ref(https, 'arn'),
          priority: 1,
          action: [{ type: 'forward', target_group_arn: Template.ref(tgWww, 'arn') }],
          condition: [{ host_header: { values: ['www.example.com'] } }],
          tags: { Name: 'shop-www.example.com' },
        },
        {
          listener_arn: Template.ref(https, 'arn'),
          priority: 2,
          action: [{ type: 'forward', target_group_arn: Template.ref(tgApi, 'arn') }],
          condition: [{ host_header: { values: ['api.example.com'] } }],
          tags: { Name: 'shop-api.example.com' },
        },
      ]);
      expect(alb.hostRouting.map((r) => [r.host, r.priority])).toEqual([
        ['www.example.com', 1],
        ['api.example.com', 2],
      ]);
    });

    test('access log bucket: SSE-S3, versioning, public access block, ACLs disabled, 365-day expiry', () => {
      const ref = Template.ref(bucket);
      expect(bucket.props).toEqual({ bucket: 'shop-alb-logs-111122223333', force_destroy: false, tags: { Name: 'shop-alb-logs-111122223333' } });
      expect(t.resources('aws_s3_bucket_server_side_encryption_configuration')[0].props).toEqual({ bucket: ref, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
      expect(t.resources('aws_s3_bucket_versioning')[0].props).toEqual({ bucket: ref, versioning_configuration: { status: 'Enabled' } });
      expect(t.resources('aws_s3_bucket_public_access_block')[0].props).toEqual({
        bucket: ref,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(t.resources('aws_s3_bucket_ownership_controls')[0].props).toEqual({ bucket: ref, rule: { object_ownership: 'BucketOwnerEnforced' } });
      expect(t.resources('aws_s3_bucket_lifecycle_configuration')[0].props).toEqual({
        bucket: ref,
        rule: [
          {
            id: 'expire-access-logs',
            status: 'Enabled',
            filter: [{ prefix: '' }],
            expiration: [{ days: 365 }],
            noncurrent_version_expiration: [{ noncurrent_days: 30 }],
            abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          },
        ],
        depends_on: [t.resources('aws_s3_bucket_versioning')[0].address],
      });
    });

    test('exact bucket policy: TLS only, ELB log delivery service principal writing this account’s path only', () => {
      const policy = t.resources('aws_s3_bucket_policy')[0];
      expect(policy.props.bucket).toBe(Template.ref(bucket));
      expect(policy.props.depends_on).toEqual([t.resources('aws_s3_bucket_public_access_block')[0].address]);
      expect(JSON.parse(policy.props.policy)).toEqual(bucketPolicy(BUCKET, '111122223333'));
      expect(alb.bucketPolicyDocument).toEqual(bucketPolicy(BUCKET, '111122223333'));
      expect(ELB_LOG_DELIVERY_SERVICE).toBe('logdelivery.elasticloadbalancing.amazonaws.com');
    });

    test('no legacy per-Region ELB account principal (600734575887 is ap-northeast-2’s)', () => {
      const raw: string = t.resources('aws_s3_bucket_policy')[0].props.policy;
      expect(raw).not.toContain('600734575887');
      expect(raw).not.toContain('"AWS"');
    });

    test('no WAF association, no warnings, HTTPS on', () => {
      expect(t.count('aws_wafv2_web_acl_association')).toBe(0);
      expect(alb.wafAssociation).toBeUndefined();
      expect(alb.warnings).toEqual([]);
      expect(alb.httpsEnabled).toBe(true);
    });

    test('attributes resolve to the resources', () => {
      const { stack, alb: a } = build();
      const attrs = {
        loadBalancerArn: a.loadBalancerArn,
        dnsName: a.dnsName,
        zoneId: a.zoneId,
        securityGroupId: a.securityGroupId,
        www: a.targetGroup('WWW.example.com').arn,
        routing: a.routingListener.arn,
      };
      for (const [k, v] of Object.entries(attrs)) new TerraformOutput(stack, k, { value: v });
      const out = Template.fromStack(stack).json.output;
      expect(Object.fromEntries(Object.keys(attrs).map((k) => [k, out[k].value]))).toEqual({
        loadBalancerArn: Template.ref(lb, 'arn'),
        dnsName: Template.ref(lb, 'dns_name'),
        zoneId: Template.ref(lb, 'zone_id'),
        securityGroupId: Template.ref(sg),
        www: Template.ref(tgWww, 'arn'),
        routing: Template.ref(https, 'arn'),
      });
      expect(a.accessLogBucketArn).toBe(BUCKET);
    });

    test('targetGroup refuses an unknown host', () => {
      expect(() => alb.targetGroup('shop.example.org')).toThrow('test/alb: targetGroup: "shop.example.org" is not one of the host rules (www.example.com, api.example.com)');
    });
  });

  describe('HTTP-only mode (no certificate)', () => {
    const { t, alb } = build({ certificateArn: undefined });
    const sg = t.byName('aws_security_group', 'shop-alb');
    const http = t.byName('aws_lb_listener', 'shop-http');

    test('one HTTP listener that routes: fixed 404 default, the host rules on it', () => {
      expect(t.count('aws_lb_listener')).toBe(1);
      expect(alb.httpsListener).toBeUndefined();
      expect(alb.httpsEnabled).toBe(false);
      expect(http.props).toEqual({
        load_balancer_arn: Template.ref(t.resources('aws_lb')[0], 'arn'),
        port: 80,
        protocol: 'HTTP',
        default_action: [{ type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '404', message_body: 'Not Found' } }],
        tags: { Name: 'shop-http' },
      });
      expect(JSON.stringify(t.json)).not.toContain('redirect');
      const rules = t.resources('aws_lb_listener_rule');
      expect(rules).toHaveLength(2);
      for (const r of rules) expect(r.props.listener_arn).toBe(Template.ref(http, 'arn'));
    });

    test('only port 80 is opened; the group itself is the same as with HTTPS, so adding a certificate does not replace it', () => {
      expect(sg.props).toEqual(build().t.byName('aws_security_group', 'shop-alb').props);
      expect(ingressProps(t).filter((r) => r.security_group_id === Template.ref(sg))).toEqual([
        { security_group_id: Template.ref(sg), ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0', description: 'HTTP from allowed clients' },
      ]);
    });

    test('the warning says HTTPS is off and how to turn it on', () => {
      expect(alb.warnings).toEqual([
        'HTTPS is off: no certificateArn was given, so load balancer shop serves plain HTTP on port 80 and forwards it to the targets unencrypted. Pass an ACM certificate from ap-northeast-2 to add the HTTPS listener (ELBSecurityPolicy-TLS13-1-2-2021-06) and redirect HTTP to it.',
      ]);
    });
  });

  describe('egress to the VPC CIDR (no app security group)', () => {
    const { t, alb } = build({ appSecurityGroupId: undefined, vpc: vpcOf('10.20.0.0/16'), hostRules: [{ host: 'www.example.com', targetPort: 8080 }, { host: 'old.example.com', targetPort: 8080 }] });
    const sg = t.byName('aws_security_group', 'shop-alb');

    test('one egress rule per distinct target port, to the VPC CIDR; no rule on any other group', () => {
      expect(egressProps(t)).toEqual([
        { security_group_id: Template.ref(sg), ip_protocol: 'tcp', from_port: 8080, to_port: 8080, cidr_ipv4: '10.20.0.0/16', description: 'To targets in the VPC' },
      ]);
      for (const r of ingressProps(t)) expect(r.security_group_id).toBe(Template.ref(sg));
      expect(alb.appLinks).toEqual([]);
    });

    test('warns that the app tier is not confined', () => {
      expect(alb.warnings).toEqual([
        "No appSecurityGroupId: load balancer shop may reach all of 10.20.0.0/16 on ports 8080, and nothing stops other sources reaching the app tier. Pass the app tier's security group to confine both.",
      ]);
    });
  });

  test('WAF association: the web ACL on the load balancer ARN', () => {
    const { t, alb } = build({ wafAclArn: WAF });
    expect(t.resources('aws_wafv2_web_acl_association').map((r) => r.props)).toEqual([{ resource_arn: Template.ref(t.resources('aws_lb')[0], 'arn'), web_acl_arn: WAF }]);
    expect(alb.wafAssociation).toBeDefined();
  });

  test('us-east-1: the same service principal (AWS recommends it over the legacy 127311923021 account)', () => {
    const { t } = build({
      region: 'us-east-1',
      certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
      accessLogBucketName: 'shop-alb-logs-use1',
    });
    const raw: string = t.resources('aws_s3_bucket_policy')[0].props.policy;
    expect(JSON.parse(raw)).toEqual(bucketPolicy('arn:aws:s3:::shop-alb-logs-use1', '111122223333'));
    expect(raw).not.toContain('127311923021');
  });

  test('GovCloud: bucket ARNs in the aws-us-gov partition', () => {
    const { alb } = build({ region: 'us-gov-west-1', certificateArn: 'arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/abc', accessLogBucketName: 'shop-gov-logs' });
    expect(alb.accessLogBucketArn).toBe('arn:aws-us-gov:s3:::shop-gov-logs');
    expect(alb.bucketPolicyDocument.Statement[1].Resource).toBe('arn:aws-us-gov:s3:::shop-gov-logs/access-logs/AWSLogs/111122223333/*');
  });

  test('all options', () => {
    const hostRules: HostRule[] = [
      { host: 'Pay.Example.com', targetPort: 8443, protocol: 'HTTPS', healthCheckPath: '/status', targetType: 'ip' },
      { host: '*.tenants.example.com', targetPort: 3000 },
      { host: 'www.example.com', targetPort: 8080, protocol: 'HTTP', targetType: 'instance' },
    ];
    const { t, alb } = build({
      name: 'pay-edge-prod',
      allowedCidrs: ['203.0.113.0/24', '198.51.100.0/24', '203.0.113.0/24'],
      hostRules,
      defaultAction: { type: 'forward', host: 'www.example.com' },
      deletionProtection: false,
      desyncMitigationMode: 'strictest',
      wafAclArn: WAF,
      appSecurityGroupId: 'sg-app-2',
      vpc: vpcOf('10.99.0.0/16', 'vpc-2'),
      subnets: { names: ['public-a', 'public-c'] },
    });
    const lb = t.resources('aws_lb')[0];
    expect(lb.props.enable_deletion_protection).toBe(false);
    expect(lb.props.desync_mitigation_mode).toBe('strictest');
    expect(lb.props.name).toBe('pay-edge-prod');

    const sg = t.byName('aws_security_group', 'pay-edge-prod-alb');
    const world = ingressProps(t).filter((r) => r.security_group_id === Template.ref(sg));
    // Duplicates dropped: two ranges times two ports.
    expect(world.map((r) => `${r.from_port} ${r.cidr_ipv4}`).sort()).toEqual(['443 198.51.100.0/24', '443 203.0.113.0/24', '80 198.51.100.0/24', '80 203.0.113.0/24']);
    expect(JSON.stringify(t.json)).not.toContain('0.0.0.0/0');
    // appSecurityGroupId wins over the VPC range: no CIDR egress.
    expect(egressProps(t).map((r) => [r.from_port, r.referenced_security_group_id])).toEqual(
      expect.arrayContaining([
        [3000, 'sg-app-2'],
        [8080, 'sg-app-2'],
        [8443, 'sg-app-2'],
      ]),
    );
    expect(egressProps(t)).toHaveLength(3);

    const pay = t.byName('aws_lb_target_group', 'pay-edge-prod-pay.example.com');
    expect(pay.props).toMatchObject({ port: 8443, protocol: 'HTTPS', target_type: 'ip', health_check: healthCheck('/status', 'HTTPS') });
    const tenants = t.byName('aws_lb_target_group', 'pay-edge-prod-wildcard.tenants.example.com');
    expect(tenants.props).toMatchObject({ port: 3000, protocol: 'HTTP', target_type: 'instance' });
    const www = t.byName('aws_lb_target_group', 'pay-edge-prod-www.example.com');

    const https = t.byName('aws_lb_listener', 'pay-edge-prod-https');
    expect(https.props.default_action).toEqual([{ type: 'forward', target_group_arn: Template.ref(www, 'arn') }]);
    const rules = t.resources('aws_lb_listener_rule').map((r) => r.props);
    expect(rules.map((r) => [r.priority, r.condition[0].host_header.values[0]]).sort()).toEqual([
      [1, 'pay.example.com'],
      [2, '*.tenants.example.com'],
      [3, 'www.example.com'],
    ]);
    expect(t.count('aws_wafv2_web_acl_association')).toBe(1);
    expect(alb.warnings).toEqual([]);
    expect(alb.hostRouting.map((r) => r.host)).toEqual(['pay.example.com', '*.tenants.example.com', 'www.example.com']);
  });

  test('a fixed-response default without a body', () => {
    const { t } = build({ defaultAction: { type: 'fixed-response', statusCode: 503 } });
    expect(t.byName('aws_lb_listener', 'shop-https').props.default_action).toEqual([{ type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '503' } }]);
    expect(NOT_FOUND_ACTION).toEqual({ type: 'fixed-response', statusCode: 404, contentType: 'text/plain', messageBody: 'Not Found' });
  });

  describe('addresses and names', () => {
    test('reordering host rules changes priorities, not addresses or target group names', () => {
      const a = build().t;
      const b = build({ hostRules: [...(BASE.hostRules as HostRule[])].reverse() }).t;
      const view = (t: Template) => Object.fromEntries(t.resources('aws_lb_listener_rule').map((r) => [r.address, r.props.priority]));
      expect(Object.keys(view(b)).sort()).toEqual(Object.keys(view(a)).sort());
      expect(Object.values(view(a))).not.toEqual(Object.values(view(b)));
      const names = (t: Template) => Object.fromEntries(t.resources('aws_lb_target_group').map((r) => [r.address, r.props.name]));
      expect(names(b)).toEqual(names(a));
    });

    test('a target group name changes exactly when a replacing argument changes', () => {
      const name = (rule: HostRule) => build({ hostRules: [rule] }).t.resources('aws_lb_target_group')[0].props.name;
      const base = name({ host: 'www.example.com', targetPort: 8080 });
      expect(name({ host: 'www.example.com', targetPort: 8080, healthCheckPath: '/other' })).toBe(base);
      expect(name({ host: 'www.example.com', targetPort: 8081 })).not.toBe(base);
      expect(name({ host: 'www.example.com', targetPort: 8080, protocol: 'HTTPS' })).not.toBe(base);
      expect(name({ host: 'www.example.com', targetPort: 8080, targetType: 'ip' })).not.toBe(base);
    });

    test('target group names stay within 32 characters and never end the prefix with a hyphen', () => {
      const { t } = build({ name: 'a-very-long-load-balancer-name-32' .slice(0, 32) });
      for (const tg of t.resources('aws_lb_target_group')) {
        expect(tg.props.name.length).toBeLessThanOrEqual(32);
        expect(tg.props.name).toMatch(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/);
        expect(tg.props.name).not.toMatch(/--/);
      }
      const hyphen = build({ name: 'abcdefghijklmnopqrstuvw-xyz' }).t.resources('aws_lb_target_group')[0].props.name;
      expect(hyphen).toMatch(/^abcdefghijklmnopqrstuvw-[0-9a-f]{8}$/);
      const cut = build({ name: 'abcdefghijklmnopqrstuv-wxyz' }).t.resources('aws_lb_target_group')[0].props.name;
      expect(cut).toMatch(/^abcdefghijklmnopqrstuv-[0-9a-f]{8}$/);
    });
  });

  test('quotas: 100 rules per load balancer (adjustable), 100 target groups (not), so at most 100 host rules', () => {
    expect(ALB_QUOTAS.rulesPerLoadBalancer).toMatchObject({ value: 100, adjustable: true });
    expect(ALB_QUOTAS.targetGroupsPerLoadBalancer).toMatchObject({ value: 100, adjustable: false });
    expect(MAX_HOST_RULES).toBe(100);
    const rules = (n: number) => Array.from({ length: n }, (_, i) => ({ host: `site${i}.example.com`, targetPort: 8080 }));
    const { t } = build({ hostRules: rules(100) });
    expect(t.count('aws_lb_listener_rule')).toBe(100);
    expect(Math.max(...t.resources('aws_lb_listener_rule').map((r) => r.props.priority))).toBe(100);
    expect(t.count('aws_vpc_security_group_egress_rule')).toBe(1);
  });

  describe('validation', () => {
    const fails = (overrides: Partial<ApplicationLoadBalancerProps>, message: string) => expect(() => build(overrides)).toThrow(`test/alb: ${message}`);

    test('name', () => {
      fails({ name: 'shop_prod' }, 'name "shop_prod" must be 1-32 letters, digits and hyphens, not starting or ending with a hyphen');
      fails({ name: '-shop' }, 'name "-shop" must be 1-32 letters, digits and hyphens, not starting or ending with a hyphen');
      fails({ name: 'x'.repeat(33) }, `name "${'x'.repeat(33)}" must be 1-32 letters`);
      fails({ name: 'internal-shop' }, 'name "internal-shop" must not start with "internal-" (AWS reserves it)');
      fails({ name: 'sg-shop' }, 'name "sg-shop" must not start with "sg-" (it prefixes a security group name)');
    });

    test('a selection of fewer than two Availability Zones, or of two subnets in one zone', () => {
      fails({ subnets: { names: ['public-a'] } }, 'subnets { names: [public-a] } selects 1 subnet(s) in 1 Availability Zone(s) — an Application Load Balancer needs public subnets in at least two Availability Zones');
      fails({ subnets: { tiers: ['db'] } }, 'subnets { tiers: [db] } selects 0 subnet(s) in 0 Availability Zone(s)');
      fails({ subnets: { tiers: ['public', 'app'] } }, 'subnets { tiers: [public, app] } selects more than one subnet in ap-northeast-2a — select one subnet per Availability Zone (e.g. add onePerAz: true)');
      expect(() => build({ subnets: { tiers: ['public', 'app'], onePerAz: true } })).not.toThrow();
    });

    test('takes the public tier of the VPC by default, in VPC order', () => {
      const { t } = build();
      expect(t.resources('aws_lb')[0].props.subnets).toEqual(['subnet-public-a', 'subnet-public-c']);
      expect(t.resources('aws_lb_target_group').every((g) => g.props.vpc_id === 'vpc-1')).toBe(true);
    });

    test('allowed CIDRs', () => {
      fails({ allowedCidrs: [] }, 'allowedCidrs is empty — nobody could reach the load balancer; omit it for a public site (0.0.0.0/0)');
      fails({ allowedCidrs: ['203.0.113.7/24'] }, 'allowedCidrs entry "203.0.113.7/24" has host bits set (the network address of /24 is 203.0.113.0/24) — use 203.0.113.0/24');
      fails({ allowedCidrs: ['::/0'] }, 'allowedCidrs entry "::/0" is not an IPv4 CIDR block in dotted-quad form');
    });

    test('without an app security group, a VPC range that is not a CIDR block', () => {
      fails({ appSecurityGroupId: undefined, vpc: vpcOf('10.20.0.0') }, 'vpc.cidr "10.20.0.0" is not a CIDR block (expected a.b.c.d/n)');
      expect(() => build({ vpc: vpcOf('10.20.0.0') })).not.toThrow();
    });

    test('no host rules, and more than the quota allows', () => {
      fails({ hostRules: [] }, 'hostRules is empty — list at least one site, e.g. { host: "www.example.com", targetPort: 8080 }');
      const many = Array.from({ length: 101 }, (_, i) => ({ host: `site${i}.example.com`, targetPort: 8080 }));
      fails(
        { hostRules: many },
        'hostRules has 101 rules; one load balancer takes at most 100 (rules per Application Load Balancer (excluding default rules): 100; target groups per Application Load Balancer: 100, not adjustable; https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html) — split the sites over two load balancers',
      );
    });

    test('invalid host names', () => {
      const why = 'must be a DNS name of at least two labels (letters, digits, hyphens), optionally with "*" as the whole first label, e.g. "*.example.com"';
      for (const host of ['localhost', 'shop..example.com', '-shop.example.com', 'shop.example.com.', 'shop.*.example.com', 'sh*p.example.com', 'shop_1.example.com', 'https://shop.example.com']) {
        fails({ hostRules: [{ host, targetPort: 8080 }] }, `hostRules[0].host "${host}" ${why}`);
      }
      const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
      fails({ hostRules: [{ host: long, targetPort: 8080 }] }, `hostRules[0].host "${long}" is 133 characters long; a host-header condition takes at most 128`);
    });

    test('duplicate hosts, case-insensitively', () => {
      fails(
        { hostRules: [{ host: 'www.example.com', targetPort: 8080 }, { host: 'WWW.Example.com', targetPort: 9090 }] },
        'hostRules[1].host "WWW.Example.com" repeats hostRules[0].host — each host gets one rule; remove the duplicate',
      );
    });

    test('target ports outside 1-65535 or fractional', () => {
      for (const port of [0, 65536, -1, 80.5]) {
        fails({ hostRules: [{ host: 'www.example.com', targetPort: port }] }, `hostRules[0].targetPort ${port} must be a whole number from 1 to 65535`);
      }
      expect(() => build({ hostRules: [{ host: 'a.example.com', targetPort: 1 }, { host: 'b.example.com', targetPort: 65535 }] })).not.toThrow();
    });

    test('protocol, target type and health check path', () => {
      fails({ hostRules: [{ host: 'www.example.com', targetPort: 8080, protocol: 'TCP' as 'HTTP' }] }, 'hostRules[0].protocol "TCP" must be "HTTP" or "HTTPS"');
      fails({ hostRules: [{ host: 'www.example.com', targetPort: 8080, targetType: 'lambda' as 'ip' }] }, 'hostRules[0].targetType "lambda" must be "instance" or "ip"');
      fails({ hostRules: [{ host: 'www.example.com', targetPort: 8080, healthCheckPath: 'health' }] }, 'hostRules[0].healthCheckPath "health" must start with "/", contain no spaces and be at most 1,024 characters');
    });

    test('default action', () => {
      fails({ defaultAction: { type: 'fixed-response', statusCode: 302 } }, 'defaultAction.statusCode 302 must be a 2XX, 4XX or 5XX code');
      fails({ defaultAction: { type: 'fixed-response', statusCode: 404, contentType: 'text/xml' as 'text/plain' } }, 'defaultAction.contentType "text/xml" must be one of text/plain, text/css, text/html, application/javascript, application/json');
      fails({ defaultAction: { type: 'fixed-response', statusCode: 404, messageBody: 'x'.repeat(1025) } }, 'defaultAction.messageBody is 1025 characters; at most 1,024');
      fails({ defaultAction: { type: 'forward', host: 'shop.example.org' } }, 'defaultAction forwards to host "shop.example.org", which is not one of hostRules; forward to a listed host or use a fixed response');
      fails({ defaultAction: { type: 'redirect' } as unknown as typeof NOT_FOUND_ACTION }, 'defaultAction.type "redirect" must be "fixed-response" or "forward"');
    });

    test('desync mitigation mode', () => {
      fails({ desyncMitigationMode: 'monitor' as 'defensive' }, 'desyncMitigationMode "monitor" must be "defensive" or "strictest" ("monitor" only logs request-smuggling attempts)');
    });

    test('account and Region', () => {
      fails({ accountId: '1111-2222-3333' }, 'accountId "1111-2222-3333" must be the 12-digit AWS account id');
      fails({ region: 'Seoul' }, 'region "Seoul" is not a Region code such as ap-northeast-2');
    });

    test('certificate: not an ARN, or from another Region', () => {
      fails({ certificateArn: 'my-cert' }, 'certificateArn "my-cert" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN');
      fails(
        { certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' },
        'certificateArn is an ACM certificate in us-east-1, but a load balancer can only use certificates from its own Region (ap-northeast-2) — request or import the certificate in ap-northeast-2',
      );
      expect(() => build({ certificateArn: 'arn:aws:iam::111122223333:server-certificate/shop' })).not.toThrow();
    });

    test('WAF web ACL: not an ARN, CloudFront scope, or another Region', () => {
      fails({ wafAclArn: 'shop-web' }, 'wafAclArn "shop-web" is not a WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)');
      fails(
        { wafAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/shop-cf/abcd' },
        'wafAclArn is a CLOUDFRONT-scope (global) web ACL; a load balancer takes only a REGIONAL web ACL created in its own Region',
      );
      fails({ wafAclArn: 'arn:aws:wafv2:us-west-2:111122223333:regional/webacl/shop-web/abcd' }, 'wafAclArn is a web ACL in us-west-2, but the load balancer is in ap-northeast-2 — create the web ACL in ap-northeast-2');
    });

    test('access log bucket name', () => {
      fails({ accessLogBucketName: 'shop.logs' }, 'accessLogBucketName "shop.logs" must not contain dots: virtual-hosted-style HTTPS certificates do not match dotted bucket names; use hyphens');
      fails({ accessLogBucketName: 'Shop-Logs' }, 'accessLogBucketName "Shop-Logs" must be 3-63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit');
      fails({ accessLogBucketName: 'xn--shop-logs' }, 'accessLogBucketName "xn--shop-logs" uses a prefix or suffix S3 reserves');
    });

    test('every problem is reported at once, before any resource exists', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      expect(() => new ApplicationLoadBalancer(stack, 'alb', { ...BASE, subnets: { names: ['public-a'] }, hostRules: [{ host: 'localhost', targetPort: 0 }], region: 'Seoul' })).toThrow(
        /subnets \{ names: \[public-a\] \} selects 1 .*; hostRules\[0\]\.host "localhost" .*; hostRules\[0\]\.targetPort 0 .*; region "Seoul"/,
      );
      expect(stack.node.findAll().filter((c) => c !== stack).map((c) => c.node.path)).toEqual(['test/alb']);
    });

    test('unresolved tokens are not checked at synth time', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
      const v = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
      const subnets = new TerraformVariable(stack, 'subnets', { type: 'list(string)' }).listValue;
      expect(
        () =>
          new ApplicationLoadBalancer(stack, 'alb', {
            ...BASE,
            // A VPC reference whose subnet ids are one list token (e.g. read from remote state).
            vpc: { vpcId: v('vpc'), cidr: '10.20.0.0/16', selectSubnets: () => ({ subnets: [], subnetIds: subnets, routeTableIds: [], availabilityZones: [] }) },
            certificateArn: v('cert'),
            wafAclArn: v('waf'),
            accessLogBucketName: v('bucket'),
            accountId: v('account'),
            region: v('region'),
            appSecurityGroupId: v('app-sg'),
          }),
      ).not.toThrow();
    });

    test('allowed CIDRs must be literals (each names a security group rule); the VPC range need not be', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
      expect(() => new ApplicationLoadBalancer(stack, 'alb', { ...BASE, allowedCidrs: [cidr], appSecurityGroupId: undefined, vpc: { ...vpcOf(), cidr: Fn.lower(cidr) } })).toThrow(
        /^test\/alb: allowedCidrs entries must be literal CIDR strings: each one names a security group rule$/,
      );
    });

    test('a VPC range known only at apply: the egress rule is named after its peer and takes the reference', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
      const vpcCidr = new TerraformVariable(stack, 'vpc_cidr', { type: 'string' }).stringValue;
      new ApplicationLoadBalancer(stack, 'alb', { ...BASE, appSecurityGroupId: undefined, vpc: { ...vpcOf(), cidr: vpcCidr }, hostRules: [{ host: 'www.example.com', targetPort: 8080 }] });
      const egress = Template.fromStack(stack).resources('aws_vpc_security_group_egress_rule');
      expect(egress.map((r) => [r.address.split('.')[1].replace(/_[0-9A-F]{8}$/, ''), r.props.cidr_ipv4, r.props.from_port])).toEqual([['alb_security-group_egress-tcp-8080-to-vpc', '${var.vpc_cidr}', 8080]]);
    });

    test('name and hosts must be literals (they name target groups and construct ids)', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const v = new TerraformVariable(stack, 'x', { type: 'string' }).stringValue;
      expect(() => new ApplicationLoadBalancer(stack, 'alb', { ...BASE, name: v, hostRules: [{ host: v, targetPort: 80 }] })).toThrow(
        'test/alb: name must be a literal string: it is part of the target group names; hostRules[0].host must be a literal string: it names the rule and target group',
      );
    });
  });
});
