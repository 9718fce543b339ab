/**
 * AWS Client VPN for people who need to reach private ranges (the DB subnets) from their own
 * machines: mutual certificate authentication, split tunnel (only the authorized ranges go through
 * the VPN), the VPC resolver as DNS server, every connection attempt logged to a KMS-encrypted log
 * group.
 *
 * Network: the endpoint's network interfaces (one per associated subnet, one subnet per AZ) carry a
 * group whose only rules are egress to the authorized ranges (all TCP ports: the target's own group,
 * e.g. the DB group, decides the port) and DNS to the DNS server; no ingress, no 0.0.0.0/0.
 * Authorization rules admit every client to the authorized ranges and to the DNS server only.
 *
 * AWS APIs: clients resolve names with the VPC resolver, which answers the service names of central
 * interface endpoints (shared from a hub VPC) with the hub endpoints' addresses. With
 * `serviceEndpointsCidr` that range is authorized, routed through every associated subnet (whose route
 * tables send it on, e.g. to the Transit Gateway) and opened on 443 in the group; without it
 * `aws ssm start-session` or `aws sts ...` time out while connected.
 *
 * Connections: a client connect handler admits only the certificate common names in
 * `allowedCommonNames`, so removing a user locks their certificate out at the next apply (see
 * ClientVpnConnectHandler). The handler is updated in place; the endpoint's `client_connect_options`
 * is updated in place too (ModifyClientVpnEndpoint).
 *
 * Every association, authorization rule and route is chained behind the previous one with
 * `depends_on`: the endpoint accepts a limited number of concurrent changes, and the provider does not
 * retry ConcurrentMutationLimitExceeded
 * (https://github.com/hashicorp/terraform-provider-aws/issues/19750).
 *
 * Sources (checked 2026-11):
 * - Endpoint arguments, their defaults and ForceNew (provider 5.x, `aws_ec2_client_vpn_endpoint`):
 *   https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpnclient_endpoint.go
 * - Client CIDR /12 to /22, no overlap with the VPC or with added routes; session timeouts 8/10/12/24;
 *   ports 443/1194; banner at most 1,400 characters:
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateClientVpnEndpoint.html
 * - Each associated subnet needs an identical set of routes:
 *   https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-routes.html
 * - Authorization rules: default deny, one per destination network:
 *   https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-rules.html
 * - End users must reach the DNS servers once connected:
 *   https://repost.aws/knowledge-center/client-vpn-how-dns-works-with-endpoint
 * - Quotas (200 authorization rules, 100 routes per association, 10 concurrent operations):
 *   https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/limits.html
 * - KMS key policy for an encrypted log group:
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
import { Construct } from 'constructs';
import { Fn, TerraformResource, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogStream } from '@cdktf/provider-aws/lib/cloudwatch-log-stream';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Ec2ClientVpnAuthorizationRule } from '@cdktf/provider-aws/lib/ec2-client-vpn-authorization-rule';
import { Ec2ClientVpnEndpoint } from '@cdktf/provider-aws/lib/ec2-client-vpn-endpoint';
import { Ec2ClientVpnNetworkAssociation } from '@cdktf/provider-aws/lib/ec2-client-vpn-network-association';
import { Ec2ClientVpnRoute } from '@cdktf/provider-aws/lib/ec2-client-vpn-route';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { addressAt, Cidr, cidrOf, contains, overlaps, parseCidr, parseIp } from '../../lib/net/range';
import { accountIdProblems, AwsPartition, DNS_SUFFIX, partitionProblems, regionProblems } from '../private/aws-partition';
import { logGroupKeyPolicy, PolicyDocument, policyJson } from '../logging/policy';
import { RuleSecurityGroup } from '../private/security-group';
import { describeSelection, type SubnetSelection, type VpcRef } from '../network/vpc-ref';
import { isLiteral, ValidationError } from '../private/validation-error';
import { LOG_RETENTION_DAYS } from '../../lib/aws/logs';
import { CLIENT_CIDR_PREFIX, CLIENT_VPN_BANNER_MAX_CHARS, CLIENT_VPN_PORTS, CLIENT_VPN_SESSION_TIMEOUT_HOURS } from '../../lib/aws/client-vpn';
import { ClientVpnConnectHandler } from './client-vpn-connect-handler';

// Session lengths, ports, client CIDR sizes and the banner length AWS accepts live in lib/aws/client-vpn.ts
// (import them from there: this construct does not re-export them).

/** Maximum VPN session length in hours. */
export type ClientVpnSessionTimeoutHours = (typeof CLIENT_VPN_SESSION_TIMEOUT_HOURS)[number];

/** Port the endpoint listens on. */
export type ClientVpnPort = (typeof CLIENT_VPN_PORTS)[number];

/** Transport of the VPN sessions. */
export type ClientVpnTransportProtocol = 'udp' | 'tcp';

/** A subnet the endpoint is associated with (one per AZ). */
export interface ClientVpnSubnet {
  /** Subnet id (`subnet-...`). */
  readonly id: string;
  /** The subnet's IPv4 CIDR, a literal: it names the association's Terraform address. */
  readonly cidr: string;
}

/** A range outside the VPC that clients reach through the associated subnets (e.g. through the Transit Gateway). */
export interface ClientVpnExtraRoute {
  /** Destination range, a literal CIDR: it names the route's Terraform address. */
  readonly cidr: string;
  /**
   * Only through this associated subnet (the same string as its `associatedSubnets` id). AWS advises an
   * identical set of routes on every associated subnet, so leave it out unless one subnet cannot reach the range.
   * @default a route through every associated subnet
   */
  readonly targetSubnetId?: string;
}

/** Props of {@link ClientVpnEndpoint}. */
export interface ClientVpnEndpointProps {
  /**
   * Name prefix: security group and endpoint `<name>-client-vpn`, log group `/aws/client-vpn/<name>`.
   * Changing it replaces the security group and the log group.
   */
  readonly name: string;
  /**
   * The account of the endpoint, for the log key's policy. Pass it: without it an `aws_caller_identity`
   * data source is read at plan time.
   * @default the provider's account (`aws_caller_identity`)
   */
  readonly accountId?: string;
  /**
   * Region of the endpoint, for the log key's policy (and checked against the certificate ARNs). Pass
   * it: without it an `aws_region` data source is read at plan time.
   * @default the provider's Region (`aws_region`)
   */
  readonly region?: string;
  /** @default 'aws' */
  readonly partition?: AwsPartition;
  /**
   * The VPC of the associated subnets: its id (changing it replaces the security group) and its range
   * (the default DNS server is its base + 2, and the client CIDR must not overlap it).
   */
  readonly vpc: VpcRef;
  /**
   * Range client addresses are taken from, /12 to /22, overlapping neither the VPC nor `extraRoutes`.
   * Changing it replaces the endpoint.
   */
  readonly clientCidr: string;
  /**
   * Certificate common names that may connect (the users of the PKI): the connect handler denies every
   * other certificate, even one the CA signed. Updated in place.
   */
  readonly allowedCommonNames: readonly string[];
  /**
   * Range of the interface endpoints that the DNS server resolves AWS service names to (a hub's
   * shared-endpoints VPC, outside this VPC): authorized for every client, routed through every
   * associated subnet and opened on tcp/443 in the group. A literal CIDR.
   * @default none: only the VPC's own endpoints, if authorized, serve AWS APIs to clients
   */
  readonly serviceEndpointsCidr?: string;
  /** ACM ARN of the server certificate, in the endpoint's Region. Updated in place. */
  readonly serverCertificateArn: string;
  /**
   * ACM ARN of the CA chain that signed the client certificates (mutual authentication), in the
   * endpoint's Region. Changing it replaces the endpoint.
   */
  readonly clientRootCertificateArn: string;
  /**
   * Selects the subnets of `vpc` to associate (e.g. `{ names: ['app-a', 'app-b'] }`), one per AZ (AWS
   * allows one association per AZ), in VPC order. At least one. Each association is named after its
   * subnet's CIDR, so reordering changes nothing.
   */
  readonly associatedSubnets: SubnetSelection;
  /**
   * Ranges clients may reach (one authorization rule each, for every client). Each must lie in the VPC
   * or in one of `extraRoutes`, or clients would have no route to it. Literal CIDRs.
   * @default the associated subnets' CIDRs
   */
  readonly authorizedCidrs?: readonly string[];
  /**
   * Ranges outside the VPC (e.g. through the Transit Gateway), each routed through every associated
   * subnet; the subnets' route tables must lead there. Each must overlap an authorized CIDR.
   * @default none: the VPC route that every association adds is the only route
   */
  readonly extraRoutes?: readonly ClientVpnExtraRoute[];
  /** Changing it replaces the endpoint. @default 'udp' */
  readonly transportProtocol?: ClientVpnTransportProtocol;
  /** @default 443 */
  readonly port?: ClientVpnPort;
  /** @default 8 */
  readonly sessionTimeoutHours?: ClientVpnSessionTimeoutHours;
  /**
   * Text AWS-provided clients show when a session starts (at most 1,400 characters).
   * @default no banner
   */
  readonly loginBanner?: string;
  /** Days CloudWatch Logs keeps connection logs (one of {@link LOG_RETENTION_DAYS}). @default 365 */
  readonly logRetentionDays?: number;
  /**
   * DNS server pushed to clients. It must lie in the VPC or in one of `extraRoutes`.
   * @default the VPC resolver, the VPC base address + 2 (172.16.0.2 for 172.16.0.0/16)
   */
  readonly dnsServer?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const ACM_ARN = /^arn:aws(-[a-z]+)*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;
/** All TCP ports: which port a client may use is the target group's decision (e.g. the DB port). */
const ALL_TCP = { port: 0, toPort: 65535 } as const;
const DNS_PORT = 53;

const dashed = (cidr: string): string => cidr.replace(/[./]/g, '-');
const cidrProblem = (field: string, text: string): string | undefined => {
  const r = parseCidr(text);
  return r.ok ? undefined : `${field} "${text}" ${r.reason}${r.suggestion ? ` — use ${r.suggestion}` : ''}`;
};
const parsed = (text: string): Cidr | undefined => {
  if (!isLiteral(text)) return undefined;
  const r = parseCidr(text);
  return r.ok ? r.cidr : undefined;
};

/** Values after defaults. */
interface Resolved {
  readonly partition: AwsPartition;
  /** `vpc.cidr`. */
  readonly vpcCidr: string;
  /** The subnets `associatedSubnets` selects, in VPC order. */
  readonly associatedSubnets: readonly ClientVpnSubnet[];
  readonly authorizedCidrs: readonly string[];
  readonly extraRoutes: readonly ClientVpnExtraRoute[];
  readonly transportProtocol: ClientVpnTransportProtocol;
  readonly port: number;
  readonly sessionTimeoutHours: number;
  readonly logRetentionDays: number;
}

/** Problems with the props, each naming the value received and the fix. */
function propProblems(p: ClientVpnEndpointProps, r: Resolved): string[] {
  const problems: string[] = [];
  if (isLiteral(p.name) && !NAME.test(p.name)) {
    problems.push(`name "${p.name}" must be 1 to 64 letters, digits, "_" or "-", starting with a letter or digit (it prefixes a security group and a log group name)`);
  } else if (isLiteral(p.name) && /^sg-/i.test(p.name)) {
    problems.push(`name "${p.name}" must not start with "sg-" (it prefixes a security group name)`);
  }
  problems.push(...partitionProblems(r.partition, undefined), ...accountIdProblems(p.accountId), ...regionProblems(p.region));

  for (const [field, arn] of [['serverCertificateArn', p.serverCertificateArn], ['clientRootCertificateArn', p.clientRootCertificateArn]] as const) {
    if (!isLiteral(arn)) continue;
    const m = ACM_ARN.exec(arn);
    if (!m) problems.push(`${field} "${arn}" is not an ACM certificate ARN (arn:<partition>:acm:<region>:<account>:certificate/<id>)`);
    else if (p.region !== undefined && isLiteral(p.region) && m[2] !== p.region) problems.push(`${field} "${arn}" is in ${m[2]}, not ${p.region} — import the certificate into ACM in the endpoint's Region`);
  }

  // Ranges: the VPC, the client range, the routes, the authorized ranges.
  if (isLiteral(r.vpcCidr)) {
    const e = cidrProblem('vpc.cidr', r.vpcCidr);
    if (e) problems.push(e);
  }
  const vpc = parsed(r.vpcCidr);
  const routeCidrs: Cidr[] = [];
  const seenRoutes = new Set<string>();
  const subnetIds = r.associatedSubnets.map((s) => s.id);
  r.extraRoutes.forEach((route, i) => {
    const field = `extraRoutes[${i}].cidr`;
    if (!isLiteral(route.cidr)) return void problems.push(`${field} must be a literal CIDR: it names the route's Terraform address`);
    const e = cidrProblem(field, route.cidr);
    if (e) return void problems.push(e);
    routeCidrs.push(cidrOf(route.cidr));
    const key = `${route.cidr} ${route.targetSubnetId ?? '*'}`;
    if (seenRoutes.has(key)) problems.push(`extraRoutes lists ${route.cidr}${route.targetSubnetId ? ` through ${route.targetSubnetId}` : ''} twice`);
    seenRoutes.add(key);
    if (route.targetSubnetId !== undefined && !subnetIds.includes(route.targetSubnetId)) {
      problems.push(`extraRoutes[${i}].targetSubnetId "${route.targetSubnetId}" is not one of the associatedSubnets ids (${subnetIds.join(', ')}) — routes can only leave through an associated subnet`);
    }
  });

  if (isLiteral(p.clientCidr)) {
    const e = cidrProblem('clientCidr', p.clientCidr);
    if (e) problems.push(e);
    else {
      const client = cidrOf(p.clientCidr);
      if (client.prefix < CLIENT_CIDR_PREFIX.widest || client.prefix > CLIENT_CIDR_PREFIX.narrowest) {
        problems.push(`clientCidr "${p.clientCidr}" is a /${client.prefix}; AWS accepts /${CLIENT_CIDR_PREFIX.widest} to /${CLIENT_CIDR_PREFIX.narrowest} (a /22 gives 1,024 addresses, two per connected client)`);
      }
      if (vpc && overlaps(client, vpc)) problems.push(`clientCidr "${p.clientCidr}" overlaps the VPC ${r.vpcCidr} — pick a range outside the VPC and every routed range`);
      for (const route of routeCidrs) {
        if (overlaps(client, route)) problems.push(`clientCidr "${p.clientCidr}" overlaps the route to ${route.text} — pick a range outside the VPC and every routed range`);
      }
    }
  }

  if (r.associatedSubnets.length === 0) problems.push(`associatedSubnets ${describeSelection(p.associatedSubnets)} selects no subnet of the VPC — associate at least one subnet (one per AZ for availability)`);
  const seenIds = new Set<string>();
  const seenCidrs = new Set<string>();
  r.associatedSubnets.forEach((s, i) => {
    if (isLiteral(s.id)) {
      if (!/^subnet-[0-9a-f]+$/.test(s.id)) problems.push(`associatedSubnets[${i}].id "${s.id}" is not a subnet id (subnet-...)`);
      if (seenIds.has(s.id)) problems.push(`associatedSubnets lists subnet ${s.id} twice`);
      seenIds.add(s.id);
    }
    const field = `associatedSubnets[${i}].cidr`;
    if (!isLiteral(s.cidr)) return void problems.push(`${field} must be a literal CIDR: it names the association's Terraform address`);
    const e = cidrProblem(field, s.cidr);
    if (e) return void problems.push(e);
    if (seenCidrs.has(s.cidr)) problems.push(`associatedSubnets lists ${s.cidr} twice`);
    seenCidrs.add(s.cidr);
    if (vpc && !contains(vpc, cidrOf(s.cidr))) problems.push(`${field} "${s.cidr}" is outside the VPC ${r.vpcCidr}`);
  });

  // Ranges clients have a route to: the VPC (added by every association) and the extra routes.
  const routed = (c: Cidr) => (vpc !== undefined && overlaps(vpc, c)) || routeCidrs.some((rc) => overlaps(rc, c));
  const canCheckRoutes = vpc !== undefined;
  if (p.authorizedCidrs !== undefined && p.authorizedCidrs.length === 0) {
    problems.push('authorizedCidrs is empty — list the ranges clients may reach, or leave it out to authorize the associated subnets');
  }
  const authorized: Cidr[] = [];
  const seenAuthorized = new Set<string>();
  if (p.authorizedCidrs !== undefined) {
    p.authorizedCidrs.forEach((text, i) => {
      const field = `authorizedCidrs[${i}]`;
      if (!isLiteral(text)) return void problems.push(`${field} must be a literal CIDR: it names the authorization rule's Terraform address`);
      const e = cidrProblem(field, text);
      if (e) return void problems.push(e);
      if (seenAuthorized.has(text)) problems.push(`authorizedCidrs lists ${text} twice`);
      seenAuthorized.add(text);
      const c = cidrOf(text);
      authorized.push(c);
      if (canCheckRoutes && !routed(c)) problems.push(`${field} "${text}" is neither in the VPC ${r.vpcCidr} nor in extraRoutes — add a route to it, or clients cannot reach it`);
    });
  } else {
    for (const text of r.authorizedCidrs) {
      const c = parsed(text);
      if (c) authorized.push(c);
    }
  }
  if (authorized.length > 0) {
    r.extraRoutes.forEach((route, i) => {
      const c = parsed(route.cidr);
      if (c && !authorized.some((a) => overlaps(a, c))) {
        const why = p.authorizedCidrs === undefined ? ' (authorizedCidrs defaults to the associated subnets)' : '';
        problems.push(`extraRoutes[${i}].cidr "${route.cidr}" is not authorized${why} — add it to authorizedCidrs, or drop the route`);
      }
    });
  }

  if (p.dnsServer !== undefined && isLiteral(p.dnsServer)) {
    const ip = parseIp(p.dnsServer);
    if (ip === undefined) problems.push(`dnsServer "${p.dnsServer}" is not an IPv4 address`);
    else if (canCheckRoutes && !routed({ text: p.dnsServer, prefix: 32, first: ip, last: ip })) {
      problems.push(`dnsServer "${p.dnsServer}" is neither in the VPC ${r.vpcCidr} nor in extraRoutes — clients would have no route to it`);
    }
  }

  if (p.serviceEndpointsCidr !== undefined) {
    const text = p.serviceEndpointsCidr;
    if (!isLiteral(text)) problems.push('serviceEndpointsCidr must be a literal CIDR: it names an authorization rule and routes');
    else {
      const e = cidrProblem('serviceEndpointsCidr', text);
      const client = parsed(p.clientCidr);
      if (e) problems.push(e);
      else if (vpc && overlaps(vpc, cidrOf(text))) problems.push(`serviceEndpointsCidr "${text}" overlaps the VPC ${r.vpcCidr} — it is the range of endpoints in another VPC; authorize local endpoints with authorizedCidrs`);
      else if (client && overlaps(client, cidrOf(text))) problems.push(`serviceEndpointsCidr "${text}" overlaps clientCidr ${p.clientCidr}`);
    }
  }

  if (!(['udp', 'tcp'] as readonly string[]).includes(r.transportProtocol)) problems.push(`transportProtocol "${r.transportProtocol}" must be "udp" or "tcp"`);
  if (!(CLIENT_VPN_PORTS as readonly number[]).includes(r.port)) problems.push(`port ${r.port} must be ${CLIENT_VPN_PORTS.join(' or ')} (the ports Client VPN listens on)`);
  if (!(CLIENT_VPN_SESSION_TIMEOUT_HOURS as readonly number[]).includes(r.sessionTimeoutHours)) {
    problems.push(`sessionTimeoutHours ${r.sessionTimeoutHours} must be one of ${CLIENT_VPN_SESSION_TIMEOUT_HOURS.join(', ')}`);
  }
  if (p.loginBanner !== undefined && isLiteral(p.loginBanner) && (p.loginBanner.trim().length === 0 || p.loginBanner.length > CLIENT_VPN_BANNER_MAX_CHARS)) {
    problems.push(`loginBanner must be 1 to ${CLIENT_VPN_BANNER_MAX_CHARS} characters (got ${p.loginBanner.length}${p.loginBanner.length > 0 ? '' : ', leave it out for no banner'})`);
  }
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(r.logRetentionDays)) {
    problems.push(`logRetentionDays ${r.logRetentionDays} is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`);
  }
  return problems;
}

/**
 * A Client VPN endpoint with mutual certificate authentication and split tunnel, associated with one
 * subnet per AZ, its security group, its encrypted connection log, and the authorization rules and
 * routes that let clients reach exactly the authorized ranges.
 */
export class ClientVpnEndpoint extends Construct {
  /** The endpoint. */
  readonly endpoint: Ec2ClientVpnEndpoint;
  /** Endpoint id (`cvpn-endpoint-...`). */
  readonly endpointId: string;
  /** The endpoint's DNS name, the address clients connect to (`*.cvpn-endpoint-....clientvpn.<region>.amazonaws.com`). */
  readonly dnsName: string;
  /** Group of the endpoint's network interfaces: egress to the authorized ranges and DNS only, no ingress. Reference it from the targets' groups (e.g. the DB group). */
  readonly securityGroup: RuleSecurityGroup;
  /** Id of {@link securityGroup}. */
  readonly securityGroupId: string;
  /** Key of {@link logGroup}. */
  readonly logKey: KmsKey;
  /** Key policy of {@link logKey}. */
  readonly logKeyPolicyDocument: PolicyDocument;
  /** `/aws/client-vpn/<name>`, KMS-encrypted, with retention. */
  readonly logGroup: CloudwatchLogGroup;
  /** The stream connection attempts are written to. */
  readonly logStream: CloudwatchLogStream;
  /** One association per subnet, in the order given. */
  readonly associations: readonly Ec2ClientVpnNetworkAssociation[];
  /** Authorization rules: the authorized CIDRs in order, then the DNS server if none of them holds it. */
  readonly authorizationRules: readonly Ec2ClientVpnAuthorizationRule[];
  /** Routes of `extraRoutes`, per range then per subnet, then those to the service endpoints. */
  readonly routes: readonly Ec2ClientVpnRoute[];
  /** The connect handler that admits only {@link ClientVpnEndpointProps.allowedCommonNames}. */
  readonly connectHandler: ClientVpnConnectHandler;
  /** Range of the central interface endpoints clients reach on 443, if any. */
  readonly serviceEndpointsCidr?: string;
  /** Associations, authorization rules and routes in creation order; each depends on the one before. */
  readonly mutations: readonly TerraformResource[];
  /** DNS server pushed to clients, after defaults (a token when `vpcCidr` is one). */
  readonly dnsServer: string;
  /** Authorized ranges, after defaults. */
  readonly authorizedCidrs: readonly string[];
  /** Session timeout in hours, after defaults. */
  readonly sessionTimeoutHours: number;

  constructor(scope: Construct, id: string, props: ClientVpnEndpointProps) {
    super(scope, id);
    const associatedSubnets = props.vpc.selectSubnets(props.associatedSubnets).subnets.map((s) => ({ id: s.id, cidr: s.cidr }));
    const resolved: Resolved = {
      partition: props.partition ?? 'aws',
      vpcCidr: props.vpc.cidr,
      associatedSubnets,
      authorizedCidrs: props.authorizedCidrs ?? associatedSubnets.map((s) => s.cidr),
      extraRoutes: props.extraRoutes ?? [],
      transportProtocol: props.transportProtocol ?? 'udp',
      port: props.port ?? 443,
      sessionTimeoutHours: props.sessionTimeoutHours ?? 8,
      logRetentionDays: props.logRetentionDays ?? 365,
    };
    const problems = propProblems(props, resolved);
    if (problems.length > 0) throw new ValidationError(this, problems.join('; '));
    this.authorizedCidrs = resolved.authorizedCidrs;
    this.sessionTimeoutHours = resolved.sessionTimeoutHours;

    const { name } = props;
    const { partition } = resolved;
    const accountId = props.accountId ?? new DataAwsCallerIdentity(this, 'account').accountId;
    const region = props.region ?? new DataAwsRegion(this, 'region').name;
    const groupName = `${name}-client-vpn`;
    const logGroupName = `/aws/client-vpn/${name}`;
    const logGroupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;

    // The VPC resolver answers at the VPC base + 2 (and reaches the VPC's private hosted zones).
    // https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html
    this.dnsServer = props.dnsServer ?? (isLiteral(props.vpc.cidr) ? addressAt(cidrOf(props.vpc.cidr), 2) : Token.asString(Fn.cidrhost(props.vpc.cidr, 2)));

    const logging = buildConnectionLogging(this, { partition, accountId, region, groupName, logGroupName, logGroupArn, logRetentionDays: resolved.logRetentionDays });
    this.logKeyPolicyDocument = logging.logKeyPolicyDocument;
    this.logKey = logging.logKey;
    this.logGroup = logging.logGroup;
    this.logStream = logging.logStream;

    // Client traffic leaves the endpoint's interfaces with their addresses and this group; no ingress
    // rule is needed (the group is stateful, and sessions arrive through the Client VPN service).
    // https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/client-authorization.html
    this.securityGroup = new RuleSecurityGroup(this, 'security-group', {
      name: groupName,
      description: 'Client VPN network interfaces: out to the authorized ranges and the DNS server only',
      vpcId: props.vpc.vpcId,
      egress: [{ protocol: 'tcp', ...ALL_TCP, peer: 'authorized-ranges', cidrs: this.authorizedCidrs, description: 'Client VPN users to authorized ranges; the target groups decide the port' }],
    });
    this.securityGroupId = this.securityGroup.id;
    // AWS APIs through the central interface endpoints: HTTPS only.
    if (props.serviceEndpointsCidr !== undefined) {
      this.serviceEndpointsCidr = props.serviceEndpointsCidr;
      new VpcSecurityGroupEgressRule(this, 'service-endpoints-egress', {
        securityGroupId: this.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: props.serviceEndpointsCidr,
        description: 'Client VPN users to the central AWS service endpoints (HTTPS)',
      });
    }
    // Named for their purpose, not their address: a new DNS server updates them in place. Redundant for
    // the VPC resolver (security groups do not filter Amazon DNS traffic), needed for any other server.
    for (const protocol of ['udp', 'tcp'] as const) {
      new VpcSecurityGroupEgressRule(this, `dns-egress-${protocol}`, {
        securityGroupId: this.securityGroupId,
        ipProtocol: protocol,
        fromPort: DNS_PORT,
        toPort: DNS_PORT,
        cidrIpv4: `${this.dnsServer}/32`,
        description: 'Client VPN users to the DNS server',
      });
    }

    this.connectHandler = new ClientVpnConnectHandler(this, 'connect-handler', {
      name,
      allowedCommonNames: props.allowedCommonNames,
      accountId,
      region,
      partition,
      logRetentionDays: resolved.logRetentionDays,
    });

    this.endpoint = new Ec2ClientVpnEndpoint(this, 'endpoint', {
      description: `${name}: mutual TLS, split tunnel`,
      clientCidrBlock: props.clientCidr,
      serverCertificateArn: props.serverCertificateArn,
      authenticationOptions: [{ type: 'certificate-authentication', rootCertificateChainArn: props.clientRootCertificateArn }],
      // Split tunnel: clients get routes for the Client VPN route table only; their other traffic stays local.
      splitTunnel: true,
      transportProtocol: resolved.transportProtocol,
      vpnPort: resolved.port,
      sessionTimeoutHours: resolved.sessionTimeoutHours,
      dnsServers: [this.dnsServer],
      // The self-service portal is for user-based (SAML) authentication; certificates are handed out, not downloaded.
      selfServicePortal: 'disabled',
      vpcId: props.vpc.vpcId,
      securityGroupIds: [this.securityGroupId],
      connectionLogOptions: { enabled: true, cloudwatchLogGroup: this.logGroup.name, cloudwatchLogStream: this.logStream.name },
      // Every new connection passes the handler after certificate authentication (a removed user's
      // certificate still verifies, but is denied here). Unqualified ARN, updated in place.
      // https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-authorization.html
      clientConnectOptions: { enabled: true, lambdaFunctionArn: this.connectHandler.functionArn },
      // Always explicit: the block is Optional+Computed, so dropping it would leave an old banner in place.
      clientLoginBannerOptions: props.loginBanner !== undefined ? { enabled: true, bannerText: props.loginBanner } : { enabled: false },
      tags: { Name: groupName },
    });
    this.endpointId = this.endpoint.id;
    this.dnsName = this.endpoint.dnsName;

    // Associations, authorization rules and routes, chained one change at a time.
    const network = buildEndpointNetwork(this, { endpointId: this.endpointId, props, associatedSubnets: resolved.associatedSubnets, authorizedCidrs: this.authorizedCidrs, extraRoutes: resolved.extraRoutes, dnsServer: this.dnsServer });
    this.associations = network.associations;
    this.authorizationRules = network.authorizationRules;
    this.routes = network.routes;
    this.mutations = network.mutations;
  }
}

/** What {@link buildConnectionLogging} needs. */
interface ConnectionLoggingInputs {
  readonly partition: AwsPartition;
  readonly accountId: string;
  readonly region: string;
  readonly groupName: string;
  readonly logGroupName: string;
  readonly logGroupArn: string;
  readonly logRetentionDays: number;
}

/** Connection logging: the log group, its stream and the KMS key that encrypts it. */
function buildConnectionLogging(
  scope: Construct,
  { partition, accountId, region, groupName, logGroupName, logGroupArn, logRetentionDays }: ConnectionLoggingInputs,
): { logKeyPolicyDocument: PolicyDocument; logKey: KmsKey; logGroup: CloudwatchLogGroup; logStream: CloudwatchLogStream } {
  // Connection logs get their own key; CloudWatch Logs may use it for this log group only.
  const logKeyPolicyDocument = logGroupKeyPolicy({
    accountRootArn: `arn:${partition}:iam::${accountId}:root`,
    logsServicePrincipal: `logs.${region}.${DNS_SUFFIX[partition]}`,
    logGroupArn,
    sid: 'AllowCloudWatchLogsForConnectionLogGroup',
  });
  const logKey = new KmsKey(scope, 'log-key', {
    description: `Encrypts the Client VPN connection log group ${logGroupName}`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policyJson(logKeyPolicyDocument),
    tags: { Name: `${groupName}-logs` },
  });
  const logGroup = new CloudwatchLogGroup(scope, 'log-group', {
    name: logGroupName,
    retentionInDays: logRetentionDays,
    kmsKeyId: logKey.arn,
    tags: { Name: logGroupName },
  });
  const logStream = new CloudwatchLogStream(scope, 'log-stream', { name: 'connections', logGroupName: logGroup.name });
  return { logKeyPolicyDocument, logKey, logGroup, logStream };
}

/** What {@link buildEndpointNetwork} needs: the resolved subnets, authorizations and routes, and the endpoint. */
interface EndpointNetworkInputs extends Pick<Resolved, 'associatedSubnets' | 'authorizedCidrs' | 'extraRoutes'> {
  readonly endpointId: string;
  readonly props: ClientVpnEndpointProps;
  readonly dnsServer: string;
}

/** Subnet associations, authorization rules and routes of the endpoint, each change waiting for the previous one. */
function buildEndpointNetwork(
  scope: Construct,
  { endpointId, props, associatedSubnets, authorizedCidrs, extraRoutes, dnsServer }: EndpointNetworkInputs,
): { associations: Ec2ClientVpnNetworkAssociation[]; authorizationRules: Ec2ClientVpnAuthorizationRule[]; routes: Ec2ClientVpnRoute[]; mutations: TerraformResource[] } {
  // One change at a time per endpoint: each mutation depends on the previous one.
  const mutations: TerraformResource[] = [];
  const chained = <T extends TerraformResource>(make: (dependsOn: TerraformResource[] | undefined) => T): T => {
    const resource = make(mutations.length > 0 ? [mutations[mutations.length - 1]] : undefined);
    mutations.push(resource);
    return resource;
  };

  const associations = associatedSubnets.map((s) =>
    chained((dependsOn) => new Ec2ClientVpnNetworkAssociation(scope, `association-${dashed(s.cidr)}`, { clientVpnEndpointId: endpointId, subnetId: s.id, dependsOn })),
  );

  // Certificate authentication has no groups: every rule admits all clients.
  const authorize = (ruleId: string, cidr: string, description: string) =>
    chained((dependsOn) => new Ec2ClientVpnAuthorizationRule(scope, ruleId, { clientVpnEndpointId: endpointId, targetNetworkCidr: cidr, authorizeAllGroups: true, description, dependsOn }));
  const rules = authorizedCidrs.map((cidr) => authorize(`authorize-${dashed(cidr)}`, cidr, `Clients to ${cidr}`));
  // Authorization rules cover all traffic, DNS queries too: without one for the DNS server, names do not resolve.
  const dnsIp = isLiteral(dnsServer) ? parseIp(dnsServer) : undefined;
  const dnsAuthorized = dnsIp !== undefined && authorizedCidrs.some((c) => contains(cidrOf(c), { first: dnsIp, last: dnsIp }));
  if (!dnsAuthorized) rules.push(authorize('authorize-dns-server', `${dnsServer}/32`, 'Clients to the DNS server'));
  // The central service endpoints, unless an authorized range already holds them.
  const services = props.serviceEndpointsCidr;
  const holdsServices = (cidr: string) => services !== undefined && contains(cidrOf(cidr), cidrOf(services));
  if (services !== undefined && !authorizedCidrs.some(holdsServices)) rules.push(authorize('authorize-service-endpoints', services, 'Clients to the central AWS service endpoints'));

  // AWS advises an identical set of routes on every associated subnet.
  const route = (routeId: string, cidr: string, subnet: ClientVpnSubnet, description: string) =>
    chained((dependsOn) => new Ec2ClientVpnRoute(scope, routeId, { clientVpnEndpointId: endpointId, destinationCidrBlock: cidr, targetVpcSubnetId: subnet.id, description, dependsOn }));
  const routes: Ec2ClientVpnRoute[] = [];
  for (const extra of extraRoutes) {
    const targets = extra.targetSubnetId === undefined ? associatedSubnets : associatedSubnets.filter((s) => s.id === extra.targetSubnetId);
    for (const subnet of targets) routes.push(route(`route-${dashed(extra.cidr)}-via-${dashed(subnet.cidr)}`, extra.cidr, subnet, `Clients to ${extra.cidr} through ${subnet.cidr}`));
  }
  // The service endpoints through every associated subnet, unless an extra route covers them.
  if (services !== undefined && !extraRoutes.some((r) => r.targetSubnetId === undefined && holdsServices(r.cidr))) {
    for (const subnet of associatedSubnets) {
      routes.push(route(`route-service-endpoints-via-${dashed(subnet.cidr)}`, services, subnet, `Clients to the central AWS service endpoints through ${subnet.cidr}`));
    }
  }
  return { associations, authorizationRules: rules, routes, mutations };
}
