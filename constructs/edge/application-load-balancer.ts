/**
 * An internet-facing Application Load Balancer for a public site: one security group that is the
 * only world-reachable door (TCP 443 and 80, nothing else), HTTPS with a TLS 1.3 policy and an HTTP
 * listener that only redirects to it, one target group and one host-header rule per site, access logs
 * to a bucket made for them, and optionally a WAF web ACL. The app tier admits the target ports only
 * from this load balancer's group.
 *
 * Policies are plain objects serialized with {@link policyJson}, never the `aws_iam_policy_document`
 * data source, so synth and `terraform validate` need no credentials.
 *
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html
 */
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { ALB_QUOTAS, certificateRegionProblem, hostProblem, MAX_HOST_RULES, parseAcmCertificateArn, parseWafWebAclArn, wafWebAclProblem } from '../../lib/aws/alb';
import { parseCidr } from '../../lib/net/range';
import { NAME_LIMITS, RESERVED_NAME_PREFIXES } from '../../lib/aws/name-limits';
import { accountIdProblems, badRegion, partitionOfRegion, regionProblems } from '../private/aws-partition';
import { denyInsecureTransport, PolicyDocument, policyDocument, policyJson } from '../logging/policy';
import { PortRule, RuleSecurityGroup } from '../private/security-group';
import { SecurityGroupLink } from '../private/security-group-link';
import { isLiteral, ValidationError } from '../private/validation-error';
import { describeSelection, type SelectedSubnets, type SubnetSelection, type VpcRef } from '../network/vpc-ref';

/** The subnets a load balancer takes unless told otherwise. */
const DEFAULT_SUBNETS: SubnetSelection = { tiers: ['public'] };

/** Application Load Balancer quotas this construct is bounded by (one home with the config rules: config/alb.ts). */
export { ALB_QUOTAS, MAX_HOST_RULES };

/**
 * The HTTPS listener's security policy: TLS 1.3 and TLS 1.2 with forward-secret ciphers only, the
 * policy AWS recommends for new listeners (the API default is still ELBSecurityPolicy-2016-08, which
 * allows TLS 1.0, so it is always set explicitly).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export const TLS13_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * The principal that writes ALB access logs. AWS now documents this service principal for every
 * Region. Regions launched before August 2022 (us-east-1, ap-northeast-2, ...) used to require the
 * Region's own ELB account (127311923021 in us-east-1, 600734575887 in ap-northeast-2) instead; that
 * legacy policy "is still supported, but we recommend that you replace it with the newer policy", and
 * Regions launched since never supported it. One principal, no Region-to-account table to keep.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/** Key prefix of the access logs in the bucket; ELB appends `AWSLogs/<account id>/elasticloadbalancing/...`. */
export const ACCESS_LOG_PREFIX = 'access-logs';

/** Days after which access logs (and, 30 days after they become noncurrent, their old versions) are deleted. */
export const ACCESS_LOG_RETENTION_DAYS = 365;
const NONCURRENT_RETENTION_DAYS = 30;

/** `Content-Type` values a fixed-response action accepts. */
export type FixedResponseContentType = 'text/plain' | 'text/css' | 'text/html' | 'application/javascript' | 'application/json';

/**
 * What the listener does with a request no host rule matches: answer it directly, or send it to the
 * target group of one of the host rules.
 */
export type AlbDefaultAction =
  | {
      readonly type: 'fixed-response';
      /** 2XX, 4XX or 5XX. */
      readonly statusCode: number;
      /** @default 'text/plain' */
      readonly contentType?: FixedResponseContentType;
      /** At most 1,024 characters. @default no body */
      readonly messageBody?: string;
    }
  | {
      readonly type: 'forward';
      /** The `host` of one of {@link ApplicationLoadBalancerProps.hostRules}. */
      readonly host: string;
    };

/** The default action: a plain-text 404, so unknown hosts (scanners hitting the IP) reach no application. */
export const NOT_FOUND_ACTION: AlbDefaultAction = { type: 'fixed-response', statusCode: 404, contentType: 'text/plain', messageBody: 'Not Found' };

/** One site behind the load balancer: requests whose Host header matches go to its own target group. */
export interface HostRule {
  /**
   * Host name to match, e.g. `shop.example.com`, or a wildcard first label, `*.example.com`. Matching is
   * case-insensitive; the name is stored lower-case. It is also the rule's and target group's construct
   * id, so changing it replaces both.
   */
  readonly host: string;
  /** Port the targets listen on (1-65535). Changing it replaces the target group. */
  readonly targetPort: number;
  /**
   * Protocol from the load balancer to the targets (the health check uses the same one). Changing it
   * replaces the target group.
   * @default 'HTTP'
   */
  readonly protocol?: 'HTTP' | 'HTTPS';
  /**
   * Health check path; any 200-399 answer counts as healthy.
   * @default '/'
   */
  readonly healthCheckPath?: string;
  /**
   * How targets are registered: EC2 instance ids, or IP addresses (ECS tasks in `awsvpc` mode, Fargate).
   * Changing it replaces the target group.
   * @default 'instance'
   */
  readonly targetType?: 'instance' | 'ip';
}

/** Props of {@link ApplicationLoadBalancer}. */
export interface ApplicationLoadBalancerProps {
  /**
   * Load balancer name, 1-32 letters, digits and hyphens; also prefixes its security group
   * (`<name>-alb`) and target group names. Changing it replaces the load balancer, which deletion
   * protection refuses until it is turned off.
   */
  readonly name: string;
  /**
   * The VPC of the load balancer and its targets (changing it replaces everything). Without
   * `appSecurityGroupId` the load balancer may reach its whole range (`vpc.cidr`) on the target ports.
   */
  readonly vpc: VpcRef;
  /**
   * Selects the public subnets of `vpc` (with a route to an internet gateway): one in each of at least
   * two Availability Zones, where the load balancer puts a node. Updated in place (SetSubnets:
   * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSubnets.html).
   * @default { tiers: ['public'] }
   */
  readonly subnets?: SubnetSelection;
  /**
   * IPv4 ranges that may connect. This group is the only one in the landing zone open to the world,
   * and only on TCP 443 and 80 (80 only to be redirected to 443 when a certificate is given). Narrow
   * it for a site that is not public, or when a CDN in front is the only client.
   * @default ['0.0.0.0/0']
   */
  readonly allowedCidrs?: readonly string[];
  /**
   * ACM certificate (in this Region) or IAM server certificate for the HTTPS listener. Without one the
   * load balancer serves plain HTTP on port 80 and forwards it, and {@link ApplicationLoadBalancer.warnings}
   * says so.
   * @default no HTTPS listener
   */
  readonly certificateArn?: string;
  /** The sites, in priority order: the first rule gets priority 1. At most {@link MAX_HOST_RULES}. */
  readonly hostRules: readonly HostRule[];
  /** @default {@link NOT_FOUND_ACTION} (fixed 404) */
  readonly defaultAction?: AlbDefaultAction;
  /**
   * Refuse deletion through the API (and so through Terraform) while on.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * How requests that could smuggle a second request past the load balancer are handled. `defensive`
   * (AWS's default) blocks requests classed Severe and passes Ambiguous ones but closes their
   * connections, so odd-but-harmless clients keep working; `strictest` drops everything that is not
   * RFC 7230 compliant. Move to `strictest` after the access logs' `classification` field and the
   * `DesyncMitigationMode_NonCompliant_Request_Count` metric show no legitimate traffic would be lost.
   * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode
   * @default 'defensive'
   */
  readonly desyncMitigationMode?: 'defensive' | 'strictest';
  /** Regional WAFv2 web ACL (in this Region) to associate. @default no web ACL */
  readonly wafAclArn?: string;
  /**
   * Name of the access log bucket this construct creates (3-63 lowercase letters, digits, hyphens; no
   * dots). Changing it replaces the bucket.
   */
  readonly accessLogBucketName: string;
  /** Region of the load balancer; the log bucket must be in the same one. */
  readonly region: string;
  /** Account of the load balancer: only its logs may be written to the bucket. */
  readonly accountId: string;
  /**
   * The app tier's security group. When given, the load balancer may open connections only to this
   * group, only on the target ports, and the group admits those ports from the load balancer's group.
   * @default the load balancer may reach `vpc.cidr` on the target ports
   */
  readonly appSecurityGroupId?: string;
}

/** The resources of one host rule. */
export interface HostRouting {
  readonly host: string;
  readonly priority: number;
  readonly targetGroup: LbTargetGroup;
  readonly rule: LbListenerRule;
}

/** Load balancer names: letters, digits, hyphens, no hyphen at either end, at most 32 characters (config/names.ts). */
const LB_NAME = new RegExp(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,${NAME_LIMITS.albName.max - 2}}[A-Za-z0-9])?$`);
const FIXED_RESPONSE_STATUS = /^[245]\d\d$/;
const CONTENT_TYPES: readonly FixedResponseContentType[] = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'];

/** Every problem with the props at once, each naming the value received and the fix. */
function propProblems(p: ApplicationLoadBalancerProps, selected: SelectedSubnets, allowedCidrs: readonly string[], defaultAction: AlbDefaultAction): string[] {
  const problems: string[] = [];
  if (!isLiteral(p.name)) problems.push('name must be a literal string: it is part of the target group names');
  else if (!LB_NAME.test(p.name)) problems.push(`name "${p.name}" must be 1-${NAME_LIMITS.albName.max} letters, digits and hyphens, not starting or ending with a hyphen`);
  else if (p.name.toLowerCase().startsWith(RESERVED_NAME_PREFIXES.loadBalancer)) problems.push(`name "${p.name}" must not start with "${RESERVED_NAME_PREFIXES.loadBalancer}" (AWS reserves it)`);
  else if (p.name.toLowerCase().startsWith(RESERVED_NAME_PREFIXES.securityGroup)) problems.push(`name "${p.name}" must not start with "${RESERVED_NAME_PREFIXES.securityGroup}" (it prefixes a security group name)`);

  // At least two Availability Zones, one subnet in each (CreateLoadBalancer, `Subnets`):
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
  const selection = describeSelection(p.subnets ?? DEFAULT_SUBNETS);
  const { subnets, availabilityZones } = selected;
  // A list token (e.g. from remote state) is one placeholder element: its length says nothing.
  if (!Token.isUnresolved(selected.subnetIds) && availabilityZones.length < 2) {
    problems.push(`subnets ${selection} selects ${subnets.length} subnet(s) in ${availabilityZones.length} Availability Zone(s) — an Application Load Balancer needs public subnets in at least two Availability Zones`);
  }
  const crowded = availabilityZones.filter((az) => subnets.filter((s) => s.az === az).length > 1);
  if (crowded.length > 0) problems.push(`subnets ${selection} selects more than one subnet in ${crowded.join(', ')} — select one subnet per Availability Zone (e.g. add onePerAz: true)`);

  if (allowedCidrs.length === 0) problems.push('allowedCidrs is empty — nobody could reach the load balancer; omit it for a public site (0.0.0.0/0)');
  // CIDRs name their security group rules (construct ids), so they must be known at synth time.
  if (!allowedCidrs.every(isLiteral)) problems.push('allowedCidrs entries must be literal CIDR strings: each one names a security group rule');
  for (const c of allowedCidrs.filter(isLiteral)) {
    const cidr = parseCidr(c);
    if (!cidr.ok) problems.push(`allowedCidrs entry "${c}" ${cidr.reason}${cidr.suggestion ? ` — use ${cidr.suggestion}` : ''}`);
  }

  // The egress rules to the VPC are named after their peer (`to-vpc`), not the range: a VPC range known only at apply is fine.
  if (p.appSecurityGroupId === undefined && isLiteral(p.vpc.cidr)) {
    const cidr = parseCidr(p.vpc.cidr);
    if (!cidr.ok) problems.push(`vpc.cidr "${p.vpc.cidr}" ${cidr.reason}${cidr.suggestion ? ` — use ${cidr.suggestion}` : ''}`);
  }

  if (p.hostRules.length === 0) problems.push('hostRules is empty — list at least one site, e.g. { host: "www.example.com", targetPort: 8080 }');
  if (p.hostRules.length > MAX_HOST_RULES) {
    problems.push(
      `hostRules has ${p.hostRules.length} rules; one load balancer takes at most ${MAX_HOST_RULES} (${ALB_QUOTAS.rulesPerLoadBalancer.what}: ${ALB_QUOTAS.rulesPerLoadBalancer.value}; ${ALB_QUOTAS.targetGroupsPerLoadBalancer.what}: ${ALB_QUOTAS.targetGroupsPerLoadBalancer.value}, not adjustable; ${ALB_QUOTAS.rulesPerLoadBalancer.doc}) — split the sites over two load balancers`,
    );
  }
  const seen = new Map<string, number>();
  p.hostRules.forEach((r, i) => {
    const at = `hostRules[${i}]`;
    if (!isLiteral(r.host)) {
      problems.push(`${at}.host must be a literal string: it names the rule and target group`);
    } else {
      const host = r.host.toLowerCase();
      const why = hostProblem(host);
      if (why) problems.push(`${at}.host "${r.host}" ${why}`);
      const first = seen.get(host);
      if (first !== undefined) problems.push(`${at}.host "${r.host}" repeats hostRules[${first}].host — each host gets one rule; remove the duplicate`);
      else seen.set(host, i);
    }
    if (!Number.isInteger(r.targetPort) || r.targetPort < 1 || r.targetPort > 65535) problems.push(`${at}.targetPort ${r.targetPort} must be a whole number from 1 to 65535`);
    if (r.protocol !== undefined && r.protocol !== 'HTTP' && r.protocol !== 'HTTPS') problems.push(`${at}.protocol "${r.protocol}" must be "HTTP" or "HTTPS"`);
    if (r.targetType !== undefined && r.targetType !== 'instance' && r.targetType !== 'ip') problems.push(`${at}.targetType "${r.targetType}" must be "instance" or "ip"`);
    const path = r.healthCheckPath;
    if (path !== undefined && isLiteral(path) && (!path.startsWith('/') || path.length > 1024 || /\s/.test(path))) {
      problems.push(`${at}.healthCheckPath "${path}" must start with "/", contain no spaces and be at most 1,024 characters`);
    }
  });

  if (defaultAction.type === 'fixed-response') {
    if (!FIXED_RESPONSE_STATUS.test(String(defaultAction.statusCode))) problems.push(`defaultAction.statusCode ${defaultAction.statusCode} must be a 2XX, 4XX or 5XX code`);
    if (defaultAction.contentType !== undefined && !CONTENT_TYPES.includes(defaultAction.contentType)) {
      problems.push(`defaultAction.contentType "${defaultAction.contentType}" must be one of ${CONTENT_TYPES.join(', ')}`);
    }
    if (defaultAction.messageBody !== undefined && defaultAction.messageBody.length > 1024) problems.push(`defaultAction.messageBody is ${defaultAction.messageBody.length} characters; at most 1,024`);
  } else if (defaultAction.type === 'forward') {
    if (!seen.has(defaultAction.host.toLowerCase())) problems.push(`defaultAction forwards to host "${defaultAction.host}", which is not one of hostRules; forward to a listed host or use a fixed response`);
  } else {
    problems.push(`defaultAction.type "${(defaultAction as { type: string }).type}" must be "fixed-response" or "forward"`);
  }

  if (p.desyncMitigationMode !== undefined && p.desyncMitigationMode !== 'defensive' && p.desyncMitigationMode !== 'strictest') {
    problems.push(`desyncMitigationMode "${p.desyncMitigationMode}" must be "defensive" or "strictest" ("monitor" only logs request-smuggling attempts)`);
  }

  problems.push(...accountIdProblems(p.accountId), ...regionProblems(p.region));
  const regionOk = isLiteral(p.region) && !badRegion(p.region);

  if (p.certificateArn !== undefined && isLiteral(p.certificateArn)) {
    const acm = parseAcmCertificateArn(p.certificateArn);
    const iam = /^arn:aws[a-z-]*:iam::\d{12}:server-certificate\/.+$/.test(p.certificateArn);
    const wrongRegion = certificateRegionProblem(p.certificateArn, regionOk ? p.region : undefined);
    if (!acm && !iam) problems.push(`certificateArn "${p.certificateArn}" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN`);
    else if (wrongRegion) problems.push(`certificateArn ${wrongRegion} — request or import the certificate in ${p.region}`);
  }
  if (p.wafAclArn !== undefined && isLiteral(p.wafAclArn)) {
    const waf = parseWafWebAclArn(p.wafAclArn);
    // The Region comparison needs a valid Region: with a bad one only the ARN's shape and scope are judged.
    const problem = wafWebAclProblem(p.wafAclArn, regionOk ? p.region : undefined);
    if (problem) problems.push(`wafAclArn ${waf ? '' : `"${p.wafAclArn}" `}${problem}${waf && waf.scope === 'regional' ? ` — create the web ACL in ${p.region}` : ''}`);
  }

  if (isLiteral(p.accessLogBucketName)) {
    const b = p.accessLogBucketName;
    if (b.includes('.')) problems.push(`accessLogBucketName "${b}" must not contain dots: virtual-hosted-style HTTPS certificates do not match dotted bucket names; use hyphens`);
    else if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(b)) problems.push(`accessLogBucketName "${b}" must be 3-63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit`);
    else if (/^(xn--|sthree-|amzn-s3-demo-)/.test(b) || /(-s3alias|--ol-s3|--x-s3|--table-s3)$/.test(b)) problems.push(`accessLogBucketName "${b}" uses a prefix or suffix S3 reserves`);
  }
  return problems;
}

/** `Name` tag of a host's rule and target group: tag values may not contain `*`. */
function nameTag(albName: string, host: string): string {
  return `${albName}-${host.replace('*', 'wildcard')}`;
}

/**
 * Target group name: the load balancer name and a hash of everything that forces a replacement
 * (host, port, protocol, target type). Names are unique per account and Region, so a replacement
 * (create before destroy, while the rule still points at the old group) always gets a fresh name.
 */
function targetGroupName(albName: string, host: string, port: number, protocol: string, targetType: string): string {
  const hash = createHash('sha256').update(`${host}|${port}|${protocol}|${targetType}`).digest('hex').slice(0, 8);
  return `${albName.slice(0, 32 - 1 - hash.length).replace(/-+$/, '')}-${hash}`;
}

/**
 * An internet-facing Application Load Balancer with host-based routing, its security group, listeners,
 * target groups, access log bucket and optional WAF web ACL association.
 */
export class ApplicationLoadBalancer extends Construct {
  /** The load balancer. */
  readonly loadBalancer: Lb;
  /** Its ARN (for WAF, alarms, Route 53 alias targets via {@link dnsName}/{@link zoneId}). */
  readonly loadBalancerArn: string;
  /** Public DNS name: point the sites' alias records here. */
  readonly dnsName: string;
  /** Hosted zone id of {@link dnsName}, for Route 53 alias records. */
  readonly zoneId: string;
  /** The load balancer's group: ingress 443/80 from the allowed ranges, egress only to the target ports. */
  readonly securityGroup: RuleSecurityGroup;
  /** Id of {@link securityGroup}. */
  readonly securityGroupId: string;
  /** The HTTPS listener (port 443), or undefined in HTTP-only mode. */
  readonly httpsListener?: LbListener;
  /** The HTTP listener (port 80): a redirect to HTTPS, or in HTTP-only mode the listener that routes. */
  readonly httpListener: LbListener;
  /** The listener the host rules are on. */
  readonly routingListener: LbListener;
  /** True when a certificate was given and the HTTPS listener exists. */
  readonly httpsEnabled: boolean;
  /** One entry per host rule, in priority order. */
  readonly hostRouting: readonly HostRouting[];
  /** Load-balancer-to-app-tier rule pairs, one per target port (when `appSecurityGroupId` is given). */
  readonly appLinks: readonly SecurityGroupLink[];
  /** The access log bucket. */
  readonly accessLogBucket: S3Bucket;
  /** `arn:<partition>:s3:::<accessLogBucketName>`. */
  readonly accessLogBucketArn: string;
  /** The bucket policy as an object (what {@link policyJson} serialized onto `aws_s3_bucket_policy`). */
  readonly bucketPolicyDocument: PolicyDocument;
  /** The web ACL association, when `wafAclArn` was given. */
  readonly wafAssociation?: Wafv2WebAclAssociation;
  /** Target ports, deduplicated and sorted: the only ports the load balancer may open to the app tier. */
  readonly targetPorts: readonly number[];
  /** Things that work but deserve a look (HTTPS off, egress to the whole VPC); empty when none. */
  readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: ApplicationLoadBalancerProps) {
    super(scope, id);
    const allowedCidrs = [...new Set(props.allowedCidrs ?? ['0.0.0.0/0'])];
    const defaultAction = props.defaultAction ?? NOT_FOUND_ACTION;
    const selected = props.vpc.selectSubnets(props.subnets ?? DEFAULT_SUBNETS);
    const problems = propProblems(props, selected, allowedCidrs, defaultAction);
    if (problems.length > 0) throw new ValidationError(this, problems.join('; '));

    const name = props.name;
    const https = props.certificateArn !== undefined;
    this.httpsEnabled = https;
    const rules: NormalizedHostRule[] = props.hostRules.map((r) => ({
      host: r.host.toLowerCase(),
      port: r.targetPort,
      protocol: r.protocol ?? 'HTTP',
      healthCheckPath: r.healthCheckPath ?? '/',
      targetType: r.targetType ?? 'instance',
    }));
    this.targetPorts = [...new Set(rules.map((r) => r.port))].sort((a, b) => a - b);
    const warnings: string[] = [];
    if (!https) {
      warnings.push(
        `HTTPS is off: no certificateArn was given, so load balancer ${name} serves plain HTTP on port 80 and forwards it to the targets unencrypted. Pass an ACM certificate from ${props.region} to add the HTTPS listener (${TLS13_SSL_POLICY}) and redirect HTTP to it.`,
      );
    }
    if (props.appSecurityGroupId === undefined) {
      warnings.push(`No appSecurityGroupId: load balancer ${name} may reach all of ${props.vpc.cidr} on ports ${this.targetPorts.join(', ')}, and nothing stops other sources reaching the app tier. Pass the app tier's security group to confine both.`);
    }
    this.warnings = warnings;

    // --- Security groups -------------------------------------------------------------------------
    // Port 80 stays open with HTTPS on: it answers only with the redirect. Without a certificate 443
    // would have no listener, so it is not opened.
    const ingress: PortRule[] = [
      ...(https ? [{ protocol: 'tcp' as const, port: 443, peer: 'allowed-clients', cidrs: allowedCidrs, description: 'HTTPS from allowed clients' }] : []),
      { protocol: 'tcp', port: 80, peer: 'allowed-clients', cidrs: allowedCidrs, description: https ? 'HTTP from allowed clients, redirected to HTTPS' : 'HTTP from allowed clients' },
    ];
    // Health checks use the traffic port, so the target ports cover them too.
    const egressToVpc: PortRule[] =
      props.appSecurityGroupId === undefined ? this.targetPorts.map((port) => ({ protocol: 'tcp', port, peer: 'vpc', cidr: props.vpc.cidr, description: 'To targets in the VPC' })) : [];
    this.securityGroup = new RuleSecurityGroup(this, 'security-group', {
      name: `${name}-alb`,
      // The same in both modes: a description change replaces the group, and adding a certificate must not.
      description: `Internet-facing load balancer ${name}: web ports in from allowed clients, target ports out to the app tier only`,
      vpcId: props.vpc.vpcId,
      ingress,
      egress: egressToVpc,
    });
    this.securityGroupId = this.securityGroup.id;
    const appSg = props.appSecurityGroupId;
    this.appLinks =
      appSg === undefined
        ? []
        : this.targetPorts.map(
            (port) =>
              new SecurityGroupLink(this, `app-port-${port}`, {
                fromSecurityGroupId: this.securityGroupId,
                toSecurityGroupId: appSg,
                protocol: 'tcp',
                port,
                description: `Load balancer ${name} to app tier`,
              }),
          );

    // --- Access log bucket -----------------------------------------------------------------------
    const logs = buildAccessLogBucket(this, props);
    this.accessLogBucketArn = logs.bucketArn;
    this.bucketPolicyDocument = logs.policyDocument;
    this.accessLogBucket = logs.bucket;
    const bucket = logs.bucket.id;

    // --- Load balancer ---------------------------------------------------------------------------
    // In the account of the stack's provider (the spoke account: stacks/spoke-stack.ts). `name` is
    // ForceNew in the provider, so a new name (a renamed spoke or landing zone) replaces the load
    // balancer, and its deletion protection then fails that apply until it is turned off.
    // https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/elbv2/load_balancer.go,
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection
    this.loadBalancer = new Lb(this, 'load-balancer', {
      name,
      internal: false,
      loadBalancerType: 'application',
      securityGroups: [this.securityGroupId],
      subnets: selected.subnetIds,
      // Headers with characters outside the RFC token set are removed, not passed to the targets.
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? true,
      desyncMitigationMode: props.desyncMitigationMode ?? 'defensive',
      accessLogs: { bucket, prefix: ACCESS_LOG_PREFIX, enabled: true },
      tags: { Name: name },
      // Enabling access logs makes ELB write a test object at once: the policy and encryption must be in place.
      dependsOn: [logs.bucketPolicy, logs.encryption],
    });
    this.loadBalancerArn = this.loadBalancer.arn;
    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;

    // --- Target groups ---------------------------------------------------------------------------
    const targetGroups = buildTargetGroups(this, name, rules, props.vpc.vpcId);
    const tgOf = (host: string) => targetGroups.get(host.toLowerCase()) as LbTargetGroup;

    // --- Listeners: HTTPS routes and HTTP redirects when a certificate is given, else HTTP routes ---
    const listeners = buildListeners(this, { name, https, certificateArn: props.certificateArn, defaultAction, targetGroups, loadBalancerArn: this.loadBalancerArn });
    this.httpsListener = listeners.httpsListener;
    this.httpListener = listeners.httpListener;
    this.routingListener = listeners.routingListener;

    // --- Host rules: priority in config order (1 is evaluated first) -----------------------------
    // Construct ids come from the host, so reordering changes only priorities, never addresses.
    this.hostRouting = rules.map((r, i) => {
      const targetGroup = tgOf(r.host);
      const rule = new LbListenerRule(this, `rule-${r.host}`, {
        listenerArn: this.routingListener.arn,
        priority: i + 1,
        action: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
        condition: [{ hostHeader: { values: [r.host] } }],
        tags: { Name: nameTag(name, r.host) },
      });
      return { host: r.host, priority: i + 1, targetGroup, rule };
    });

    if (props.wafAclArn !== undefined) {
      this.wafAssociation = new Wafv2WebAclAssociation(this, 'waf-association', { resourceArn: this.loadBalancerArn, webAclArn: props.wafAclArn });
    }
  }

  /** The target group of a host rule (register the site's instances or tasks here). */
  targetGroup(host: string): LbTargetGroup {
    const found = this.hostRouting.find((r) => r.host === host.toLowerCase());
    if (!found) throw new ValidationError(this, `targetGroup: "${host}" is not one of the host rules (${this.hostRouting.map((r) => r.host).join(', ')})`);
    return found.targetGroup;
  }
}

/**
 * The access log bucket policy: TLS only, and the documented ELB log delivery grant, scoped to this
 * account's `AWSLogs/<account id>/` path (AWS: "Always include the account ID ... This ensures that
 * only load balancers from the specified account can write access logs"). No aws:SourceAccount or
 * aws:SourceArn conditions: the ELB documentation does not list them for this principal, and an
 * unexpected condition would stop log delivery.
 */
function accessLogBucketPolicy(bucketArn: string, accountId: string): PolicyDocument {
  return policyDocument([
    denyInsecureTransport(bucketArn),
    {
      Sid: 'AllowElbAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: ELB_LOG_DELIVERY_SERVICE },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/${ACCESS_LOG_PREFIX}/AWSLogs/${accountId}/*`,
    },
  ]);
}

/** The access log bucket: versioned, owner-enforced, private, SSE-S3, expiring, with the ELB delivery policy. */
function buildAccessLogBucket(scope: Construct, props: ApplicationLoadBalancerProps): { bucket: S3Bucket; bucketArn: string; policyDocument: PolicyDocument; bucketPolicy: S3BucketPolicy; encryption: S3BucketServerSideEncryptionConfigurationA } {
  const partition = partitionOfRegion(props.region);
  const bucketArn = `arn:${partition}:s3:::${props.accessLogBucketName}`;
  const policyDocument = accessLogBucketPolicy(bucketArn, props.accountId);
  const accessLogBucket = new S3Bucket(scope, 'access-log-bucket', { bucket: props.accessLogBucketName, forceDestroy: false, tags: { Name: props.accessLogBucketName } });
  const bucket = accessLogBucket.id;
  const versioning = new S3BucketVersioningA(scope, 'access-log-versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
  // ACLs off: the bucket owns every log object.
  new S3BucketOwnershipControls(scope, 'access-log-ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, 'access-log-public-access-block', {
    bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  // SSE-S3 is the only default encryption ELB log delivery supports; with SSE-KMS delivery fails.
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, 'access-log-encryption', {
    bucket,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  });
  new S3BucketLifecycleConfiguration(scope, 'access-log-lifecycle', {
    bucket,
    rule: [
      {
        id: 'expire-access-logs',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: [{ days: ACCESS_LOG_RETENTION_DAYS }],
        // Logs are never overwritten; noncurrent versions come only from deletions, kept a month to undo one.
        noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_RETENTION_DAYS }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
    // Noncurrent-version rules on a bucket whose versioning is not yet enabled are rejected.
    dependsOn: [versioning],
  });
  const bucketPolicy = new S3BucketPolicy(scope, 'access-log-policy', { bucket, policy: policyJson(policyDocument), dependsOn: [publicAccessBlock] });
  return { bucket: accessLogBucket, bucketArn, policyDocument, bucketPolicy, encryption };
}

/** A host rule after defaults (host lower-cased). */
interface NormalizedHostRule {
  readonly host: string;
  readonly port: number;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly healthCheckPath: string;
  readonly targetType: 'instance' | 'ip';
}

/** One target group per host rule, keyed by host (construct ids come from the host, never the order). */
function buildTargetGroups(scope: Construct, name: string, rules: readonly NormalizedHostRule[], vpcId: string): Map<string, LbTargetGroup> {
  const targetGroups = new Map<string, LbTargetGroup>();
  for (const r of rules) {
    targetGroups.set(
      r.host,
      new LbTargetGroup(scope, `target-group-${r.host}`, {
        name: targetGroupName(name, r.host, r.port, r.protocol, r.targetType),
        port: r.port,
        protocol: r.protocol,
        targetType: r.targetType,
        vpcId,
        healthCheck: {
          enabled: true,
          path: r.healthCheckPath,
          protocol: r.protocol,
          port: 'traffic-port',
          // 3xx counts: a site whose "/" redirects (to a login page, a locale) is alive.
          matcher: '200-399',
          interval: 15,
          timeout: 5,
          healthyThreshold: 3,
          unhealthyThreshold: 3,
        },
        tags: { Name: nameTag(name, r.host) },
        // A port/protocol/type change replaces the group: the new one (fresh name) is created and the
        // rule switched to it before the old one, still in use, is deleted.
        lifecycle: { createBeforeDestroy: true },
      }),
    );
  }
  return targetGroups;
}

/** What {@link buildListeners} needs. */
interface ListenerInputs {
  readonly name: string;
  readonly https: boolean;
  readonly certificateArn?: string;
  readonly defaultAction: AlbDefaultAction;
  readonly targetGroups: ReadonlyMap<string, LbTargetGroup>;
  readonly loadBalancerArn: string;
}

/** The listeners: with a certificate HTTPS (routing) and HTTP (301 to HTTPS), else HTTP (routing). */
function buildListeners(scope: Construct, { name, https, certificateArn, defaultAction, targetGroups, loadBalancerArn }: ListenerInputs): { httpsListener?: LbListener; httpListener: LbListener; routingListener: LbListener } {
  const routingDefault: LbListenerDefaultAction =
    defaultAction.type === 'forward'
      ? { type: 'forward', targetGroupArn: (targetGroups.get(defaultAction.host.toLowerCase()) as LbTargetGroup).arn }
      : {
          type: 'fixed-response',
          fixedResponse: {
            contentType: defaultAction.contentType ?? 'text/plain',
            statusCode: String(defaultAction.statusCode),
            ...(defaultAction.messageBody !== undefined ? { messageBody: defaultAction.messageBody } : {}),
          },
        };
  if (https) {
    const httpsListener = new LbListener(scope, 'https-listener', {
      loadBalancerArn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: TLS13_SSL_POLICY,
      certificateArn,
      defaultAction: [routingDefault],
      tags: { Name: `${name}-https` },
    });
    // Host, path and query are kept (#{host}, #{path}, #{query} are the API's defaults); 301 so
    // browsers and crawlers remember the HTTPS address.
    const httpListener = new LbListener(scope, 'http-listener', {
      loadBalancerArn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
      tags: { Name: `${name}-http` },
    });
    return { httpsListener, httpListener, routingListener: httpsListener };
  }
  const httpListener = new LbListener(scope, 'http-listener', {
    loadBalancerArn,
    port: 80,
    protocol: 'HTTP',
    defaultAction: [routingDefault],
    tags: { Name: `${name}-http` },
  });
  return { httpListener, routingListener: httpListener };
}
