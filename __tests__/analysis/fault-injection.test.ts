/**
 * Fault injection: each case mutates the synthesized JSON of the default config the way a careless
 * change would, and the analysis must catch it with the expected intent or rule, in a message that
 * names the culprit. The unmutated output passes with no findings at all.
 */
import { analyze } from '../../analysis/run';
import type { AnalysisResult } from '../../analysis/findings';
import { graphFromJson } from '../../analysis/graph/load';
import { defaultLandingZone } from '../helpers/landing-zone';
import { readStacks, synthDefault } from '../helpers/analysis';

type Stacks = ReturnType<typeof readStacks>;
type Body = Record<string, any>;

const PROD = 'shop-spoke-shop-prod';
const DEV = 'shop-spoke-shop-dev';
const HUB = 'shop-hub';
const ARCHIVE = 'shop-log-archive';
const PKI = 'shop-spoke-shop-prod-vpn-pki';
const NOW = new Date('2026-11-23T00:00:00Z');

/** The resource of `type` in `stack` whose construct path ends with `suffix`: [name, body]. */
function find(stacks: Stacks, stack: string, type: string, suffix: string): [string, Body] {
  const json = stacks.find((s) => s.name === stack)!.json;
  const hits = Object.entries((json.resource?.[type] ?? {}) as Record<string, Body>).filter(([, b]) => (b['//']?.metadata?.path as string).endsWith(`/${suffix}`));
  if (hits.length !== 1) throw new Error(`expected one ${type} at */${suffix} in ${stack}, found ${hits.length}`);
  return hits[0];
}
const body = (stacks: Stacks, stack: string, type: string, suffix: string): Body => find(stacks, stack, type, suffix)[1];
function remove(stacks: Stacks, stack: string, type: string, suffix: string): string {
  const [name] = find(stacks, stack, type, suffix);
  delete stacks.find((s) => s.name === stack)!.json.resource[type][name];
  return name;
}
function add(stacks: Stacks, stack: string, type: string, name: string, b: Body): void {
  const json = stacks.find((s) => s.name === stack)!.json;
  json.resource[type] ??= {};
  json.resource[type][name] = { '//': { metadata: { path: `${stack}/injected/${name}`, uniqueId: name } }, ...b };
}
const stackNamedJson = (stacks: Stacks, stack: string): Body => stacks.find((s) => s.name === stack)!.json;
const ref = (stacks: Stacks, stack: string, type: string, suffix: string, attr = 'id') => `\${${type}.${find(stacks, stack, type, suffix)[0]}.${attr}}`;

/**
 * A lookup of the hub route table that spoke `from` is associated with, usable in stack `into`: the
 * expression `from` uses for its own association, with the data source it reads copied into `into`.
 */
function tableOf(stacks: Stacks, into: string, from: string): string {
  const expression = body(stacks, from, 'aws_ec2_transit_gateway_route_table_association', 'tgw-attachment/association').transit_gateway_route_table_id as string;
  const source = /^\$\{data\.([\w-]+)\.([\w-]+)\./.exec(expression);
  if (source) {
    const target = stackNamedJson(stacks, into);
    target.data ??= {};
    target.data[source[1]] ??= {};
    target.data[source[1]][source[2]] ??= stackNamedJson(stacks, from).data[source[1]][source[2]];
  }
  return expression;
}
/** The prod attachment as the prod stack's hub-side resources refer to it. */
const prodAttachment = (stacks: Stacks): string => body(stacks, PROD, 'aws_ec2_transit_gateway_route_table_propagation', 'tgw-attachment/propagation-shared').transit_gateway_attachment_id as string;

/** One-way paths from nonprod into prod: delivered into prod, whose own table drops the reply (its blackhole for 172.16.0.0/12). */
const ONE_WAY = {
  propagation: (s: Stacks) =>
    add(s, PROD, 'aws_ec2_transit_gateway_route_table_propagation', 'prod-into-nonprod', { provider: 'aws.hub', transit_gateway_attachment_id: prodAttachment(s), transit_gateway_route_table_id: tableOf(s, PROD, DEV) }),
  staticRoute: (s: Stacks) =>
    add(s, PROD, 'aws_ec2_transit_gateway_route', 'nonprod-to-prod', {
      provider: 'aws.hub',
      destination_cidr_block: '172.16.0.0/16',
      transit_gateway_attachment_id: prodAttachment(s),
      transit_gateway_route_table_id: tableOf(s, PROD, DEV),
    }),
  // Inbound, the internet gateway delivers to any interface with a public address; the reply follows
  // the web tier's route table (0.0.0.0/0 → transit gateway), not the internet gateway.
  publicIp: (s: Stacks) => void (body(s, PROD, 'aws_subnet', 'app-vpc/subnet-web-1').map_public_ip_on_launch = true),
};

/** What must catch a fault: an intent refuted (or unknown) for a subject, or a rule finding; `names` must appear in its evidence / culprit / message / path. */
type Catch = { readonly intent: string; readonly subject: string; readonly names: RegExp } | { readonly rule: string; readonly level: 'error' | 'warning'; readonly names: RegExp };

interface Fault {
  readonly name: string;
  readonly mutate: (s: Stacks) => void;
  readonly caughtBy: readonly Catch[];
}

const FAULTS: readonly Fault[] = [
  {
    name: 'drop the prod attachment propagation into the shared route table',
    mutate: (s) => void remove(s, PROD, 'aws_ec2_transit_gateway_route_table_propagation', 'tgw-attachment/propagation-shared'),
    caughtBy: [{ intent: 'I6', subject: 'shop-prod', names: /shared/ }],
  },
  {
    name: 'add 0.0.0.0/0 → internet gateway to a DB route table',
    mutate: (s) => {
      const route = body(s, PROD, 'aws_route', 'app-vpc/rt-db-ap-northeast-2a-default');
      delete route.transit_gateway_id;
      route.gateway_id = ref(s, PROD, 'aws_internet_gateway', 'app-vpc/igw');
    },
    caughtBy: [{ intent: 'I2', subject: 'shop-prod', names: /db-ap-northeast-2a 0\.0\.0\.0\/0→igw/ }],
  },
  {
    name: 'open SSH to the world on the DB tier group',
    mutate: (s) =>
      add(s, PROD, 'aws_vpc_security_group_ingress_rule', 'db-ssh-world', { security_group_id: ref(s, PROD, 'aws_security_group', 'db-tier-sg/sg'), ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0', description: 'debug' }),
    caughtBy: [
      { rule: 'LZ-SG01', level: 'error', names: /db-ssh-world/ },
      { intent: 'I6', subject: 'shop-prod', names: /0\.0\.0\.0\/0|db-ssh-world/ },
    ],
  },
  {
    name: 'open RDP to the world on the app tier group',
    mutate: (s) =>
      add(s, PROD, 'aws_vpc_security_group_ingress_rule', 'app-rdp-world', { security_group_id: ref(s, PROD, 'aws_security_group', 'app-tier-sg/sg'), ip_protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_ipv4: '0.0.0.0/0', description: 'rdp' }),
    caughtBy: [
      { rule: 'LZ-SG01', level: 'error', names: /app-rdp-world/ },
      { intent: 'I6', subject: 'shop-prod', names: /3389/ },
    ],
  },
  {
    name: 'remove the 172.16.0.0/12 blackhole of the prod segment (prod could hairpin to nonprod through the egress VPC)',
    mutate: (s) => void remove(s, HUB, 'aws_ec2_transit_gateway_route', 'segment-prod-egress/blackhole-172-16-0-0-12'),
    caughtBy: [{ intent: 'I3', subject: 'shop-prod', names: /egress/ }],
  },
  {
    name: 'associate the prod spoke with the nonprod route table',
    mutate: (s) => {
      const a = body(s, PROD, 'aws_ec2_transit_gateway_route_table_association', 'tgw-attachment/association');
      // prod never looks up nonprod's table: the fault adds the lookup too.
      s.find((x) => x.name === PROD)!.json.data.aws_ssm_parameter.injected = { name: '/landing-zone/shop/hub/route-table-nonprod', provider: 'aws.hub' };
      a.transit_gateway_route_table_id = '${data.aws_ssm_parameter.injected.insecure_value}';
    },
    caughtBy: [{ intent: 'I3', subject: 'shop-prod', names: /associated with route table nonprod, not prod/ }],
  },
  {
    name: 'delete the ssm zone association of the prod VPC',
    mutate: (s) => void remove(s, PROD, 'aws_route53_zone_association', 'hub-dns/zone-ssm'),
    caughtBy: [{ intent: 'I6', subject: 'shop-prod', names: /ssm\.ap-northeast-2\.amazonaws\.com/ }],
  },
  {
    name: 'remove UDP 53 from the inbound resolver group',
    mutate: (s) => void remove(s, HUB, 'aws_vpc_security_group_ingress_rule', 'resolver-inbound/security-group/ingress-udp-53-from-anywhere'),
    caughtBy: [{ intent: 'I7', subject: 'resolver resolver-inbound_endpoint', names: /udp\/53/ }],
  },
  {
    name: 'widen a Client VPN authorization rule to 0.0.0.0/0',
    mutate: (s) => void (body(s, PROD, 'aws_ec2_client_vpn_authorization_rule', 'client-vpn/authorize-172-16-128-0-20').target_network_cidr = '0.0.0.0/0'),
    caughtBy: [
      { rule: 'LZ-CVPN02', level: 'error', names: /authorize-172-16-128-0-20/ },
      { intent: 'I5', subject: 'shop-prod', names: /0\.0\.0\.0\/0/ },
    ],
  },
  {
    name: 'drop the Client VPN authorization for the hub endpoints (aws ssm start-session and aws sts time out on the VPN)',
    mutate: (s) => void remove(s, PROD, 'aws_ec2_client_vpn_authorization_rule', 'client-vpn/authorize-service-endpoints'),
    caughtBy: [{ intent: 'I5', subject: 'shop-prod', names: /hub endpoint .* tcp\/443: blocked: .*no authorization rule .* covers 10\.254\.0\./ }],
  },
  {
    name: 'drop the Client VPN routes to the hub endpoints',
    mutate: (s) => {
      for (const az of ['172-16-128-0-20', '172-16-144-0-20', '172-16-160-0-20']) remove(s, PROD, 'aws_ec2_client_vpn_route', `client-vpn/route-service-endpoints-via-${az}`);
    },
    caughtBy: [{ intent: 'I5', subject: 'shop-prod', names: /no route of Client VPN endpoint client-vpn_endpoint leads to 10\.254\.0\./ }],
  },
  {
    name: 'turn off the Client VPN connect handler (removed users could connect again)',
    mutate: (s) => void (body(s, PROD, 'aws_ec2_client_vpn_endpoint', 'client-vpn/endpoint').client_connect_options = { enabled: false }),
    caughtBy: [{ rule: 'LZ-CVPN05', level: 'error', names: /client-vpn\/endpoint.*client_connect_options\.enabled is false/ }],
  },
  {
    name: 'drop early renewal from the Client VPN server certificate (replaced only after it expired)',
    mutate: (s) => void delete body(s, PKI, 'tls_locally_signed_cert', 'pki/server-cert').early_renewal_hours,
    caughtBy: [{ rule: 'LZ-PKI01', level: 'error', names: /pki\/server-cert.*no early_renewal_hours/ }],
  },
  {
    name: 'let the Transit Gateway auto-accept shared attachments',
    mutate: (s) => void (body(s, HUB, 'aws_ec2_transit_gateway', 'transit-gateway/tgw').auto_accept_shared_attachments = 'enable'),
    caughtBy: [{ rule: 'LZ-TGW01', level: 'error', names: /transit-gateway\/tgw/ }],
  },
  {
    name: 'delete the flow log of the prod VPC',
    mutate: (s) => void remove(s, PROD, 'aws_flow_log', 'flow-logs/flow-log'),
    caughtBy: [{ rule: 'LZ-VPC01', level: 'error', names: /app-vpc/ }],
  },
  {
    name: 'allow public bucket policies on the log archive',
    mutate: (s) => void (body(s, ARCHIVE, 'aws_s3_bucket_public_access_block', 'archive/public-access-block').block_public_policy = false),
    caughtBy: [{ rule: 'LZ-S301', level: 'error', names: /block_public_policy/ }],
  },
  {
    name: 'turn off rotation of the log archive key',
    mutate: (s) => void (body(s, ARCHIVE, 'aws_kms_key', 'archive/key').enable_key_rotation = false),
    caughtBy: [{ rule: 'LZ-KMS01', level: 'warning', names: /archive\/key/ }],
  },
  {
    name: 'downgrade the HTTPS listener to a TLS 1.0 policy',
    mutate: (s) => void (body(s, PROD, 'aws_lb_listener', 'alb/https-listener').ssl_policy = 'ELBSecurityPolicy-2016-08'),
    caughtBy: [{ rule: 'LZ-ALB01', level: 'error', names: /ELBSecurityPolicy-2016-08/ }],
  },
  {
    name: 'give the session logging role * on *',
    mutate: (s) => void (body(s, PROD, 'aws_iam_role_policy', 'session-manager/session-logging-policy').policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })),
    caughtBy: [{ rule: 'LZ-IAM01', level: 'error', names: /session-logging-policy/ }],
  },
  {
    name: 'advertise 0.0.0.0/0 over Direct Connect',
    mutate: (s) => void body(s, HUB, 'aws_dx_gateway_association', 'direct-connect/association').allowed_prefixes.push('0.0.0.0/0'),
    caughtBy: [{ rule: 'LZ-DX01', level: 'error', names: /0\.0\.0\.0\/0/ }],
  },
  {
    name: 'drop the NAT route of the egress VPC in one AZ',
    mutate: (s) => void remove(s, HUB, 'aws_route', 'egress/vpc/rt-tgw-ap-northeast-2a-default'),
    caughtBy: [{ intent: 'I2', subject: 'shop-prod', names: /rt-tgw-ap-northeast-2a|ap-northeast-2a/ }],
  },
  {
    name: 'add a static route for the nonprod range to the egress attachment in the prod table',
    mutate: (s) =>
      add(s, HUB, 'aws_ec2_transit_gateway_route', 'prod-to-nonprod', {
        destination_cidr_block: '172.20.0.0/16',
        transit_gateway_attachment_id: ref(s, HUB, 'aws_ec2_transit_gateway_vpc_attachment', 'egress/attachment'),
        transit_gateway_route_table_id: ref(s, HUB, 'aws_ec2_transit_gateway_route_table', 'transit-gateway/rt-prod'),
      }),
    caughtBy: [{ intent: 'I3', subject: 'shop-prod', names: /prod-to-nonprod|egress/ }],
  },
  {
    name: 'point a route at a Transit Gateway that does not exist',
    mutate: (s) => void (body(s, PROD, 'aws_route', 'app-vpc/rt-app-ap-northeast-2a-default').transit_gateway_id = '${aws_ec2_transit_gateway.gone.id}'),
    caughtBy: [{ intent: 'I8', subject: 'vpc shop-prod', names: /rt-app-ap-northeast-2a-default/ }],
  },
  {
    name: 'drop the ECR layer bucket from the prod S3 gateway endpoint policy (image pulls would get 403)',
    mutate: (s) => {
      const endpoint = body(s, PROD, 'aws_vpc_endpoint', 'session-manager/s3-gateway-endpoint');
      const before: string = endpoint.policy;
      endpoint.policy = before.replace('"arn:aws:s3:::prod-ap-northeast-2-starport-layer-bucket/*"', '"arn:aws:s3:::some-other-bucket/*"');
      if (endpoint.policy === before) throw new Error('the ECR layer bucket is not in the gateway endpoint policy');
    },
    caughtBy: [{ intent: 'I9', subject: 'shop-prod', names: /prod-ap-northeast-2-starport-layer-bucket/ }],
  },
  {
    name: 'remove the S3 prefix-list egress rule of the prod DB tier group (no internet rule to fall back on)',
    mutate: (s) => void remove(s, PROD, 'aws_vpc_security_group_egress_rule', 'db-tier-sg/egress-tcp-443-s3'),
    caughtBy: [{ intent: 'I9', subject: 'shop-prod', names: /shop-shop-prod-db|db-tier-sg/ }],
  },
  {
    name: 'accept the prod attachment in the account that creates it (the spoke provider pinned to the hub account)',
    mutate: (s) => {
      const providers = stackNamedJson(s, PROD).provider.aws as { alias?: string; allowed_account_ids: string[] }[];
      providers.find((p) => p.alias === undefined)!.allowed_account_ids = ['111111111111'];
    },
    caughtBy: [{ rule: 'LZ-TGW04', level: 'error', names: /tgw-attachment\/accepter.*account 111111111111/ }],
  },
  {
    name: 'narrow the inbound Resolver UDP rule to the on-premises range (connection-tracked again)',
    mutate: (s) => void (body(s, HUB, 'aws_vpc_security_group_ingress_rule', 'resolver-inbound/security-group/ingress-udp-53-from-anywhere').cidr_ipv4 = '10.10.0.0/16'),
    caughtBy: [{ rule: 'LZ-R53R03', level: 'warning', names: /resolver-inbound\/endpoint.*UDP on port 53 is connection-tracked.*2 ENIs: 3,000 instead of 20,000/ }],
  },
  {
    name: 'attach an internet gateway to the shared-endpoints VPC (the Resolver groups would be open to the internet)',
    mutate: (s) => add(s, HUB, 'aws_internet_gateway', 'injected-igw', { vpc_id: ref(s, HUB, 'aws_vpc', 'endpoints-vpc/vpc') }),
    caughtBy: [
      { rule: 'LZ-R53R01', level: 'error', names: /resolver-inbound\/security-group.*internet gateway/ },
      { rule: 'LZ-SG02', level: 'error', names: /ingress-udp-53-from-anywhere/ },
    ],
  },
  {
    name: 'remove the aws:ResourceOrgID condition of the federated statement of the shared STS endpoint policy',
    mutate: (s) => {
      const sts = body(s, HUB, 'aws_vpc_endpoint', 'interface-endpoints/endpoint-sts');
      const policy = JSON.parse(sts.policy);
      delete policy.Statement[1].Condition;
      sts.policy = JSON.stringify(policy);
    },
    caughtBy: [{ rule: 'LZ-VPCE01', level: 'error', names: /FederatedPrincipalsToOrganizationRoles/ }],
  },
  {
    name: 'remove HTTPS from the shared endpoints group for 172.16.0.0/12',
    mutate: (s) => void remove(s, HUB, 'aws_vpc_security_group_ingress_rule', 'interface-endpoints/security-group/ingress-tcp-443-from-internal-ranges-172-16-0-0-12'),
    caughtBy: [{ intent: 'I6', subject: 'shop-prod', names: /443/ }],
  },
  {
    name: 'propagate the prod attachment into the nonprod route table (nonprod requests reach prod, prod drops the replies)',
    mutate: ONE_WAY.propagation,
    caughtBy: [
      { intent: 'I3', subject: 'shop-dev', names: /prod-into-nonprod/ },
      { rule: 'LZ-REACH01', level: 'error', names: /segment-prod-egress\/blackhole-172-16-0-0-12.*let in by tgw-rt nonprod 172\.16\.0\.0\/16→attachment shop-prod \(propagated\), [^ ]*prod-into-nonprod/ },
    ],
  },
  {
    name: 'add a static route to the prod attachment in the nonprod route table (one way, like the propagation)',
    mutate: ONE_WAY.staticRoute,
    caughtBy: [
      { intent: 'I3', subject: 'shop-dev', names: /nonprod-to-prod/ },
      { rule: 'LZ-REACH01', level: 'error', names: /segment-prod-egress\/blackhole-172-16-0-0-12.*let in by tgw-rt nonprod 172\.16\.0\.0\/16→attachment shop-prod, [^ ]*nonprod-to-prod/ },
    ],
  },
  {
    name: 'give the prod web-1 subnet public IPs without an internet gateway route (requests from the internet get in, replies leave by the hub NAT)',
    mutate: ONE_WAY.publicIp,
    caughtBy: [
      { intent: 'I1', subject: 'shop-prod', names: /internet → shop-prod\/web-1 .*the request is delivered, only its reply is dropped/ },
      { rule: 'LZ-REACH01', level: 'error', names: /let in by igw shop-prod/ },
    ],
  },
];

describe('fault injection on the synthesized default config', () => {
  const dir = synthDefault();
  const lz = defaultLandingZone();
  const run = (mutate?: (s: Stacks) => void): AnalysisResult => {
    const stacks = readStacks(dir);
    mutate?.(stacks);
    return analyze(graphFromJson(stacks), lz, { now: NOW });
  };

  test('the unmutated output passes: every intent proved, no finding at all', () => {
    const result = run();
    expect(result.intents.filter((i) => i.status !== 'proved')).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  test(`at least 15 faults are injected (${FAULTS.length})`, () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(15);
  });

  test.each(FAULTS.map((f) => [f.name, f] as const))('%s', (_name, fault) => {
    const result = run(fault.mutate);
    for (const c of fault.caughtBy) {
      if ('intent' in c) {
        const hit = result.intents.find((i) => i.id === c.intent && i.subject === c.subject);
        expect({ intent: c.intent, subject: c.subject, status: hit?.status }).toEqual({ intent: c.intent, subject: c.subject, status: expect.stringMatching(/^(refuted|unknown)$/) });
        expect(`${hit!.evidence} ${hit!.culprit ?? ''}`).toMatch(c.names);
      } else {
        const hits = result.findings.filter((f) => f.rule === c.rule && f.level === c.level && !f.suppressed);
        expect({ rule: c.rule, found: hits.length > 0, all: result.findings.map((f) => `${f.rule} ${f.path}: ${f.message}`) }).toEqual(expect.objectContaining({ rule: c.rule, found: true }));
        expect(hits.map((f) => `${f.path} ${f.resource} ${f.message}`).join('\n')).toMatch(c.names);
      }
    }
    // A caught error fails the check; a warning alone is reported but passes.
    const failing = fault.caughtBy.some((c) => 'intent' in c || c.level === 'error');
    expect(result.exitCode).toBe(failing ? 1 : 0);
  });

  describe('one-way paths: a delivered request refutes isolation, its blocked reply is a finding of its own', () => {
    const reachFindings = (r: AnalysisResult) => r.findings.filter((f) => f.rule === 'LZ-REACH01');
    const entry = (name: string, type: string) => `${PROD}:${type}.${name}`;

    test.each([
      ['propagation', ONE_WAY.propagation, entry('prod-into-nonprod', 'aws_ec2_transit_gateway_route_table_propagation')],
      ['static route', ONE_WAY.staticRoute, entry('nonprod-to-prod', 'aws_ec2_transit_gateway_route')],
    ] as const)('%s into prod: I3 refuted for shop-dev naming it, prod stays isolated, one LZ-REACH01 error at the prod blackhole', (_name, mutate, culprit) => {
      const result = run(mutate);
      expect(result.intents.filter((i) => i.status !== 'proved').map((i) => [i.id, i.subject, i.status, i.culprit])).toEqual([['I3', 'shop-dev', 'refuted', culprit]]);
      expect(result.intents.find((i) => i.id === 'I3' && i.subject === 'shop-prod')!.evidence).toContain('✓ shop-prod/web-1 → shop-dev/app-1 (segment nonprod) tcp/443 isolated: blocked:');
      const findings = reachFindings(result);
      expect(findings.map((f) => [f.level, f.path, f.resource.startsWith(`${HUB}:aws_ec2_transit_gateway_route.segment-prod-egress_blackhole-172-16-0-0-12`), !!f.suppressed])).toEqual([
        ['error', `${HUB}/segment-prod-egress/blackhole-172-16-0-0-12`, true, false],
      ]);
      expect(findings[0].message).toMatch(/^I3 shop-dev: shop-dev\/app-1 → shop-prod\/web-1 \(segment prod\) tcp\/443 isolated: the request is delivered \(let in by tgw-rt nonprod 172\.16\.0\.0\/16→attachment shop-prod/);
      expect(findings[0].message).toContain(`, ${culprit}) but its reply is dropped: blackhole route 172.16.0.0/12 in TGW route table prod (request: `);
      expect(result.summary.findings.errors).toBe(1);
      expect(result.exitCode).toBe(1);
    });

    test('one finding per wrong route however many flows it carries: the internet probes of web-1 are counted in one', () => {
      const findings = reachFindings(run(ONE_WAY.publicIp));
      expect(findings).toHaveLength(1);
      expect(findings[0].path).toBe(`${HUB}/egress/vpc/nat-public-1`);
      expect(findings[0].message).toMatch(/^I1 shop-prod: internet → shop-prod\/web-1 \(from 198\.51\.100\.10 tcp\/22\): the request is delivered \(let in by igw shop-prod, .*\) but its reply is dropped: the reply to 198\.51\.100\.10 would be sent through NAT gateway egress_vpc_nat-public-1/);
      expect(findings[0].message).toMatch(/; also I1 shop-prod: internet → shop-prod\/web-1 \(from 198\.51\.100\.10 tcp\/3389\); I1 shop-prod: internet → shop-prod\/web-1 \(from 198\.51\.100\.10 tcp\/80\) and \d+ more$/);
    });

    test('a suppression cannot silence it: the suppression is refused (LZ-SUP01) and the finding stays open', () => {
      const stacks = readStacks(dir);
      ONE_WAY.propagation(stacks);
      const suppressed = { ...lz, suppressions: [{ rule: 'LZ-REACH01', resource: '*', reason: 'nonprod may send to prod' }] };
      const result = analyze(graphFromJson(stacks), suppressed, { now: NOW });
      expect(reachFindings(result).map((f) => f.suppressed)).toEqual([undefined]);
      expect(result.findings.filter((f) => f.rule === 'LZ-SUP01').map((f) => [f.level, f.message])).toEqual([
        ['error', 'suppresses LZ-REACH01 (Every delivered request gets its reply back (no one-way path)), which cannot be suppressed — fix the resource instead'],
      ]);
    });
  });
});
