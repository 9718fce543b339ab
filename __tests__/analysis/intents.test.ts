/**
 * The intents on the synthesized default landing zone: each proved with its path, and fault
 * injections (into the model, and once into the synthesized JSON) that each refute exactly the
 * intent they break, naming the culprit.
 */
import { graphFromJson, loadGraph } from '../../analysis/graph/load';
import { evaluateIntents } from '../../analysis/intents/evaluate';
import { allPeers, conclude, expectBlocked, expectReachable, fact, outcome, withWitnesses } from '../../analysis/intents/outcome';
import type { IntentId, IntentResult } from '../../analysis/intents/types';
import { buildNetwork } from '../../analysis/network/build';
import type { NetworkModel, SecurityGroup, Subnet, TgwRoute } from '../../analysis/network/types';
import { formatPath } from '../../analysis/reach/format-path';
import { reach, requestDelivered } from '../../analysis/reach/reach';
import type { ReachResult } from '../../analysis/reach/types';
import type { LandingZone } from '../../config/model';
import { readStacks, stackNamed, synthDefault, synthFixture } from '../helpers/analysis';
import { defaultLandingZone, fixtureLandingZone } from '../helpers/landing-zone';
import { replaceById } from './fixtures/reach/hub-and-spoke';
import { withSpokeCopies } from './fixtures/reach/scale';

let lz: LandingZone;
let model: NetworkModel;
let results: IntentResult[];

beforeAll(() => {
  lz = defaultLandingZone();
  model = buildNetwork(loadGraph(synthDefault()), { onPremises: lz.onPremises.cidrs });
  results = evaluateIntents(model, lz);
});

const subnetNamed = (m: NetworkModel, name: string): Subnet => m.subnets.find((s) => s.name === name) ?? fail(`no subnet ${name}`);
const groupNamed = (m: NetworkModel, name: string): SecurityGroup => m.securityGroups.find((g) => g.name === name) ?? fail(`no group ${name}`);
const tgwTable = (m: NetworkModel, name: string) => m.tgwRouteTables.find((t) => t.name === name) ?? fail(`no TGW route table ${name}`);
const result = (rs: readonly IntentResult[], id: IntentId, subject: string): IntentResult => rs.find((r) => r.id === id && r.subject === subject) ?? fail(`no ${id} result for ${subject}`);
const statuses = (rs: readonly IntentResult[]) => rs.map((r) => `${r.id} ${r.subject}: ${r.status}`);
function fail(message: string): never {
  throw new Error(message);
}

/** Evaluates one intent on a changed copy of the default model. */
function evaluateWith(change: (m: NetworkModel) => Partial<NetworkModel>, only: IntentId[]): IntentResult[] {
  return evaluateIntents({ ...model, ...change(model) }, lz, only);
}

describe('the default landing zone', () => {
  test('every intent holds for every subject, Direct Connect preference included', () => {
    expect(statuses(results)).toEqual([
      'I1 shop-prod: proved',
      'I1 shop-dev: proved',
      'I1 hub shop-endpoints: proved',
      'I1 hub shop-egress: proved',
      'I2 shop-prod: proved',
      'I2 shop-dev: proved',
      'I3 shop-prod: proved',
      'I3 shop-dev: proved',
      'I4 shop-prod: proved',
      'I4 shop-dev: proved',
      'I4 hub shop-endpoints: proved',
      'I4 direct connect preference: proved',
      'I4 allowed prefixes: proved',
      'I5 shop-prod: proved',
      'I6 shop-prod: proved',
      'I6 shop-dev: proved',
      'I7 resolver resolver-inbound_endpoint: proved',
      'I8 vpc shop-egress: proved',
      'I8 vpc shop-endpoints: proved',
      'I8 vpc shop-dev: proved',
      'I8 vpc shop-prod: proved',
      'I8 tgw-rt egress: proved',
      'I8 tgw-rt nonprod: proved',
      'I8 tgw-rt onprem: proved',
      'I8 tgw-rt prod: proved',
      'I8 tgw-rt shared: proved',
      'I8 transit gateway attachments: proved',
      'I9 shop-prod: proved',
      'I9 shop-dev: proved',
    ]);
  });

  test('on-premises enters over Direct Connect: allowedPrefixes auto advertises each range exactly, as specific as the VPN backup', () => {
    const r = result(results, 'I4', 'direct connect preference');
    expect(r.status).toBe('proved');
    expect(r.culprit).toBeUndefined();
    expect(r.evidence.split('\n')).toEqual([
      '✓ on-premises → shop-prod (172.16.32.4) enters over Direct Connect: dx direct-connect_gateway advertises 172.16.0.0/16',
      '✓ on-premises → shop-dev (172.20.0.4) enters over Direct Connect: dx direct-connect_gateway advertises 172.20.0.0/16',
      '✓ on-premises → shop-endpoints (10.254.0.4) enters over Direct Connect: dx direct-connect_gateway advertises 10.254.0.0/24',
    ]);
  });

  test('prod web egress leaves through TGW route table prod, the egress attachment, the hub NAT and the hub internet gateway', () => {
    const web1 = subnetNamed(model, 'shop-prod-web-1');
    const r = reach(model, { kind: 'subnet', subnet: web1.id, securityGroups: 'any' }, { kind: 'internet' }, 'tcp', 443);
    const path =
      'subnet shop-prod/web-1 (172.16.32.4) → rt shop-prod-app-ap-northeast-2a 0.0.0.0/0→tgw → attachment shop-prod (tgw-1) → ' +
      'tgw-rt prod 0.0.0.0/0→attachment shop-egress → attachment shop-egress (tgw-1) → rt shop-egress-tgw-ap-northeast-2a 0.0.0.0/0→nat → ' +
      'nat shop-egress/public-1 (public) 172.16.32.4→EIP → rt shop-egress-public 0.0.0.0/0→igw → igw shop-egress → internet 198.51.100.10';
    expect(formatPath(r.path)).toBe(path);
    expect(formatPath(r.returnPath)).toBe(
      'igw shop-egress → nat shop-egress/public-1 EIP→172.16.32.4 → rt shop-egress-public 172.16.0.0/12→tgw → attachment shop-egress (tgw-1) → ' +
        'tgw-rt egress 172.16.0.0/16→attachment shop-prod (propagated) → attachment shop-prod (tgw-1) → rt shop-prod-tgw-ap-northeast-2a 172.16.0.0/16→local → subnet shop-prod/web-1',
    );
    expect(result(results, 'I2', 'shop-prod').evidence).toContain(`✓ shop-prod/web-1 → internet tcp/443 (any security group): reachable: ${path}`);
  });

  test('prod cannot reach dev: the blackhole for 172.16.0.0/12 in TGW route table prod drops it before the egress VPC', () => {
    const blackhole = tgwTable(model, 'prod').routes.find((r) => r.target.kind === 'blackhole' && r.destination === '172.16.0.0/12')!;
    const r = reach(model, { kind: 'subnet', subnet: subnetNamed(model, 'shop-prod-web-1').id, securityGroups: 'any' }, { kind: 'subnet', subnet: subnetNamed(model, 'shop-dev-app-1').id, securityGroups: 'any' }, 'tcp', 443);
    expect(r.status === 'blocked' && r.blockedBy).toEqual({ component: blackhole.source, kind: 'tgw-route', reason: 'blackhole route 172.16.0.0/12 in TGW route table prod', direction: 'forward' });
    expect(result(results, 'I3', 'shop-prod').evidence).toContain('✓ shop-prod/web-1 → shop-dev/app-1 (segment nonprod) tcp/443 isolated: blocked:');
  });

  test('on-premises reaches the inbound resolver at 10.254.0.10 on TCP and UDP 53, in and back over Direct Connect', () => {
    const lines = result(results, 'I7', 'resolver resolver-inbound_endpoint').evidence.split('\n');
    for (const protocol of ['udp', 'tcp']) {
      expect(lines).toContain(
        `✓ on-premises 10.10.0.1 → resolver 10.254.0.10 ${protocol}/53: reachable: on-premises 10.10.0.1 → dx direct-connect_gateway advertises 10.254.0.0/24 → dx-attachment direct-connect_gateway → ` +
          `tgw-rt onprem 10.254.0.0/24→attachment shop-endpoints (propagated) → attachment shop-endpoints (tgw-1) → rt shop-endpoints-tgw-ap-northeast-2a 10.254.0.0/24→local → ` +
          `sg shop-endpoints-inbound ingress ${protocol}/53 ← 0.0.0.0/0 → resolver inbound (shop-endpoints/endpoint-1) (10.254.0.10); ` +
          'reply: rt shop-endpoints-endpoint-ap-northeast-2a 10.0.0.0/8→tgw → attachment shop-endpoints (tgw-1) → tgw-rt shared 10.10.0.0/16→dx-attachment direct-connect_gateway (propagated) → dx-attachment direct-connect_gateway → on-premises 10.10.0.1',
      );
    }
  });

  test('instances reach the three central Session Manager endpoints on 443 with their tier groups', () => {
    const lines = result(results, 'I6', 'shop-prod').evidence.split('\n');
    const ssm = lines.filter((l) => / → (ssm|ssmmessages|ec2messages) tcp\/443/.test(l));
    expect(ssm).toHaveLength(15); // 5 workload subnets × 3 services
    expect(ssm.every((l) => l.startsWith('✓'))).toBe(true);
    expect(lines).toContainEqual(expect.stringContaining('✓ shop-prod/db-1 (tier groups) → ssm tcp/443: reachable: subnet shop-prod/db-1 (172.16.128.4) → sg shop-shop-prod-db egress tcp/443 → 10.254.0.0/24'));
    expect(lines).toContain('✓ groups of shop-prod/web-1 admit 22/3389 only from inside the VPC: no ingress rule of shop-shop-prod-app, shop-shop-prod-instance-connect-clients admits tcp/22 or tcp/3389 from outside 172.16.0.0/16');
  });

  test('Client VPN users reach each DB subnet on 5432 and nothing else', () => {
    const lines = result(results, 'I5', 'shop-prod').evidence.split('\n');
    expect(lines.filter((l) => l.includes('tcp/5432: reachable'))).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringMatching(/^✓ client-vpn → shop-prod\/web-1: blocked: .* no authorization rule of Client VPN endpoint client-vpn_endpoint covers 172\.16\.32\.4/));
    expect(lines).toContainEqual(expect.stringMatching(/^✓ client-vpn → internet: blocked: .* covers 198\.51\.100\.10/));
  });

  test('Client VPN users reach the hub endpoints on 443 (AWS APIs through the VPC resolver), and no other port there', () => {
    const lines = result(results, 'I5', 'shop-prod').evidence.split('\n');
    const hub = lines.filter((l) => l.includes('→ hub endpoint '));
    expect(hub.map((l) => l.split(':')[0])).toEqual([1, 2, 3].map((n) => `✓ client-vpn → hub endpoint ec2messages (shop-endpoints/endpoint-${n}) tcp/443`));
    expect(hub[0]).toContain('authorized 10.254.0.0/24 → route 10.254.0.0/24 → client-vpn eni shop-prod/db-1 (172.16.143.254) → sg shop-shop-prod-client-vpn egress tcp/443 → 10.254.0.0/24');
    expect(lines).toContainEqual(expect.stringMatching(/^✓ client-vpn → shop-endpoints\/endpoint-1: blocked: .*no egress rule of security group shop-shop-prod-client-vpn allows tcp\/22 to 10\.254\.0\.4 \[all 2 held: tcp 22, 5432, any security group\]$/));
  });

  // Behaviour at scale; how long it takes is measured by `npm run bench`, not asserted here.
  test('with 100 spokes every copy is isolated from prod and reaches its peers', () => {
    const scaled = withSpokeCopies(model, lz, 'shop-dev', 98);
    const rs = evaluateIntents(scaled.model, scaled.lz);
    expect(scaled.lz.spokes).toHaveLength(100);
    const segmentResults = rs.filter((r) => r.id === 'I3');
    expect(segmentResults).toHaveLength(100);
    expect(segmentResults.filter((r) => r.status !== 'proved')).toEqual([]);
    // Evidence grows with the spokes, not their square: a copy's checks hold like shop-dev's (or the
    // first copy's, for its peer shop-dev), so its evidence points there; its row of the matrix counts every peer.
    const copy = result(rs, 'I3', 'shop-dev-copy-97');
    expect(copy.evidence.split('\n')).toEqual([
      expect.stringMatching(/^✓ attachment of shop-dev-copy-97 associated with route table nonprod: /),
      "✓ 3 checks held as for I3 shop-dev, 1 check held as for I3 shop-dev-copy-0 (the same checks with shop-dev-copy-97's names; lz check --explain prints any path)",
    ]);
    expect(copy.matrix).toEqual([
      { segment: 'prod', expected: false, members: 1, reachable: 0, refuted: 0 },
      { segment: 'nonprod', expected: true, members: 98, reachable: 98, refuted: 0 },
      { segment: 'shared', expected: true, members: 1, reachable: 1, refuted: 0 },
      { segment: 'onprem', expected: true, members: 1, reachable: 1, refuted: 0 },
    ]);
    // The witness keeps its path per destination segment, with the counts.
    expect(result(rs, 'I3', 'shop-dev').evidence).toMatch(/^✓ shop-dev\/app-1 → shop-dev-copy-0\/app-1 \(segment nonprod\) tcp\/443 reachable: reachable: subnet shop-dev\/app-1 .*\[segment nonprod: delivered to 98 of 98, reachable expected\]$/m);
  });

  test('evidence proportional to the landing zone: a holding path is shown once per kind of check, failures always in full', () => {
    const held = (label: string) => outcome('holds', label, () => `path of ${label}`, undefined, undefined, true);
    const [a, b, c] = withWitnesses(() => [
      conclude('I3', 't', 'sa', [held('sa/app → x'), fact('sa fact', true, 'a fact')]),
      conclude('I3', 't', 'sb', [held('sb/app → x'), held('sb/app → y'), fact('sb fact', true, 'a fact'), outcome('fails', 'sb/db → x', () => 'the failing path', 'culprit-1', undefined, true)]),
      conclude('I3', 't', 'sc', [held('sc/app → x')]),
    ]);
    expect(a.evidence).toBe('✓ sa/app → x: path of sa/app → x\n✓ sa fact: a fact');
    // sb's check like sa's points there; its own kind of check, its fact and its failure are written in full.
    expect(b.evidence.split('\n')).toEqual([
      '✗ sb/db → x: the failing path',
      '✓ sb/app → y: path of sb/app → y',
      '✓ sb fact: a fact',
      "✓ 1 check held as for I3 sa (the same checks with sb's names; lz check --explain prints any path)",
    ]);
    expect(c.evidence).toBe("✓ 1 check held as for I3 sa (the same checks with sc's names; lz check --explain prints any path)");
    // Outside an evaluation (a direct call) every path is written.
    expect(conclude('I3', 't', 'sc', [held('sc/app → x')]).evidence).toBe('✓ sc/app → x: path of sc/app → x');
  });

  test('a fold over peers names the first failure in full and every other failing peer under its culprit', () => {
    const fails = (peer: string, culprit: string) => fact(`to ${peer}`, false, `path to ${peer}`, culprit);
    const folded = allPeers('client-vpn → other spokes', [fact('to s1', true, 'blocked'), fails('s2', 'rule-a'), fails('s3', 'rule-b'), fails('s4', 'rule-a')], '4 other spoke VPCs');
    expect(folded.verdict).toBe('fails');
    expect(folded.culprit).toBe('rule-a');
    expect(folded.label).toBe('client-vpn → other spokes (to s2)');
    expect(folded.evidence).toBe('path to s2 [also failed: 1 more by rule-b (to s3); 1 more by rule-a (to s4)]');
  });

  test('a refuted segment keeps the first pair\'s path and names every other failing pair by culprit', () => {
    // Every copy wrongly associated with the prod table: shop-prod and all other copies are delivered to from each.
    const scaled = withSpokeCopies(model, lz, 'shop-dev', 3);
    const prodTable = scaled.model.tgwRouteTables.find((t) => t.name === 'prod')!;
    const broken = { ...scaled.model, tgwAttachments: scaled.model.tgwAttachments.map((a) => (a.kind === 'vpc' && a.associatedRouteTable !== undefined && scaled.model.tgwRouteTables.find((t) => t.id === a.associatedRouteTable)?.name === 'nonprod' ? { ...a, associatedRouteTable: prodTable.id } : a)) };
    const r = result(evaluateIntents(broken, scaled.lz), 'I3', 'shop-dev-copy-0');
    expect(r.status).toBe('refuted');
    expect(r.matrix?.find((m) => m.segment === 'prod')).toEqual({ segment: 'prod', expected: false, members: 1, reachable: 1, refuted: 1 });
    expect(r.evidence).toMatch(/^✗ shop-dev-copy-0\/app-1 → shop-prod\/web-1 \(segment prod\) tcp\/443 isolated: the request is delivered, only its reply is dropped: reply blocked \(request: subnet shop-dev-copy-0\/app-1 .*\[segment prod: delivered to 1 of 1, isolated expected\]$/m);
    // Its own segment is cut off: the first pair's path, then the other two pairs under the culprit that drops them.
    const nonprod = r.evidence.split('\n').find((l) => l.includes('(segment nonprod) tcp/443 reachable'))!;
    expect(nonprod).toMatch(/^✗ shop-dev-copy-0\/app-1 → shop-dev\/app-1 \(segment nonprod\) tcp\/443 reachable: blocked: .* ✗ blackhole route 172\.16\.0\.0\/12 in TGW route table prod \[segment nonprod: delivered to 0 of 3, reachable expected; also refuted: 2 more by shop-hub:aws_ec2_transit_gateway_route\.segment-prod-egress_blackhole-10-0-0-0-8_\w+ \(shop-dev-copy-1\/app-1 \(segment nonprod\), shop-dev-copy-2\/app-1 \(segment nonprod\)\)\]$/);
  });
});

describe('fault injection refutes the intent it breaks', () => {
  test('I1: a web subnet with public IPs and a route to the spoke internet gateway is reachable from the internet', () => {
    const rs = evaluateWith((m) => {
      const publicTable = m.routeTables.find((t) => t.name === 'shop-prod-public')!;
      return { subnets: replaceById(m.subnets, subnetNamed(m, 'shop-prod-web-1').id, (s) => ({ ...s, mapPublicIp: true, routeTable: publicTable.id })) };
    }, ['I1']);
    const r = result(rs, 'I1', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(model.internetGateways.find((g) => g.vpc === subnetNamed(model, 'shop-prod-web-1').vpc)!.id);
    expect(r.evidence.split('\n')[0]).toMatch(/^✗ internet → shop-prod\/web-1 \(from 198\.51\.100\.10 tcp\/22\): reachable: internet 198\.51\.100\.10 → igw shop-prod → subnet shop-prod\/web-1/);
    expect(result(rs, 'I1', 'shop-dev').status).toBe('proved');
  });

  test('I1: a load balancer open to one client range is proved from that range, and probed from it on the closed ports', () => {
    const alb = groupNamed(model, 'shop-shop-prod-alb');
    const rs = evaluateWith(
      (m) => ({ securityGroups: replaceById(m.securityGroups, alb.id, (g) => ({ ...g, ingress: g.ingress.map((r) => ({ ...r, peer: { kind: 'cidr' as const, cidr: '203.0.113.0/24' } })) })) }),
      ['I1'],
    );
    const lines = result(rs, 'I1', 'shop-prod').evidence.split('\n');
    expect(result(rs, 'I1', 'shop-prod').status).toBe('proved');
    expect(lines).toContainEqual(expect.stringMatching(/^✓ internet 203\.0\.113\.0 → alb alb_load-balancer \(public-1\) tcp\/443: reachable: internet 203\.0\.113\.0 → igw shop-prod → sg shop-shop-prod-alb ingress tcp\/443 ← 203\.0\.113\.0\/24/));
    expect(lines).toContainEqual(expect.stringContaining('[all 8 held: tcp 22, 3389, 8080, 8081 from 198.51.100.10, 203.0.113.0]'));
  });

  test('I2: an internet gateway route in the app route table is an unintended route', () => {
    const appTable = model.routeTables.find((t) => t.name === 'shop-prod-app-ap-northeast-2a')!;
    const igw = model.internetGateways.find((g) => g.vpc === appTable.vpc)!;
    const rs = evaluateWith(
      (m) => ({ routeTables: replaceById(m.routeTables, appTable.id, (t) => ({ ...t, routes: [...t.routes, { destination: '8.8.8.0/24', target: { kind: 'igw', id: igw.id }, source: 'injected:igw-route' }] })) }),
      ['I2'],
    );
    const r = result(rs, 'I2', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe('injected:igw-route');
    expect(r.evidence).toContain('✗ shop-prod-app-ap-northeast-2a 8.8.8.0/24→igw: an internet gateway route in a table used by non-public subnets web-1');
  });

  test('I3 (from the synthesized JSON): without the prod blackholes, prod reaches dev by hairpinning through the egress VPC', () => {
    const stacks = readStacks(synthDefault());
    const hub = stackNamed(stacks, 'shop-hub').json;
    for (const name of Object.keys(hub.resource.aws_ec2_transit_gateway_route)) {
      if (name.startsWith('segment-prod-egress_blackhole')) delete hub.resource.aws_ec2_transit_gateway_route[name];
    }
    const broken = buildNetwork(graphFromJson(stacks), { onPremises: lz.onPremises.cidrs });
    const r = result(evaluateIntents(broken, lz, ['I3']), 'I3', 'shop-prod');
    const defaultRoute = tgwTable(broken, 'prod').routes.find((x) => x.destination === '0.0.0.0/0')!;
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(defaultRoute.source);
    expect(r.evidence.split('\n')[0]).toMatch(
      /^✗ shop-prod\/web-1 → shop-dev\/app-1 \(segment nonprod\) tcp\/443 isolated: traffic for segment nonprod enters the egress VPC \(hairpin; is the blackhole for the internal range missing\?\)/,
    );
  });

  test('I4: Direct Connect summaries (172.16.0.0/12, 10.254.0.0/23) lose to the VPN backup, which learns each range exactly', () => {
    const rs = evaluateWith((m) => ({ dxGateways: m.dxGateways.map((g) => ({ ...g, allowedPrefixes: ['172.16.0.0/12', '10.254.0.0/23'] })) }), ['I4', 'I7']);
    const r = result(rs, 'I4', 'direct connect preference');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(model.tgwAttachments.find((a) => a.kind === 'vpn')!.id);
    expect(r.evidence.split('\n').map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      '✗ on-premises → shop-prod (172.16.32.4) enters over Direct Connect',
      '✗ on-premises → shop-dev (172.20.0.4) enters over Direct Connect',
      '✗ on-premises → shop-endpoints (10.254.0.4) enters over Direct Connect',
    ]);
    expect(r.evidence).toContain("vpn vpn_vpn-dc-backup learns 172.16.0.0/16 over BGP, more specific than Direct Connect's 172.16.0.0/12");
    expect(r.evidence).toContain("vpn vpn_vpn-dc-backup learns 10.254.0.0/24 over BGP, more specific than Direct Connect's 10.254.0.0/23");
    // Everything stays reachable, only over the backup: the resolver is entered over the VPN, left over Direct Connect.
    expect(result(rs, 'I4', 'allowed prefixes').status).toBe('proved');
    const lines = result(rs, 'I7', 'resolver resolver-inbound_endpoint').evidence.split('\n');
    expect(lines).toContain(
      '✓ on-premises 10.10.0.1 → resolver 10.254.0.10 udp/53: reachable: on-premises 10.10.0.1 → vpn vpn_vpn-dc-backup learns 10.254.0.0/24 over BGP → vpn-attachment vpn_vpn-dc-backup → ' +
        'tgw-rt onprem 10.254.0.0/24→attachment shop-endpoints (propagated) → attachment shop-endpoints (tgw-1) → rt shop-endpoints-tgw-ap-northeast-2a 10.254.0.0/24→local → ' +
        'sg shop-endpoints-inbound ingress udp/53 ← 0.0.0.0/0 → resolver inbound (shop-endpoints/endpoint-1) (10.254.0.10); ' +
        'reply: rt shop-endpoints-endpoint-ap-northeast-2a 10.0.0.0/8→tgw → attachment shop-endpoints (tgw-1) → tgw-rt shared 10.10.0.0/16→dx-attachment direct-connect_gateway (propagated) → dx-attachment direct-connect_gateway → on-premises 10.10.0.1',
    );
  });

  test('I4: allowed prefixes without the endpoints range still leave it reachable over the VPN, outside the prefixes', () => {
    const rs = evaluateWith((m) => ({ dxGateways: m.dxGateways.map((g) => ({ ...g, allowedPrefixes: ['172.16.0.0/12'] })) }), ['I4', 'I7']);
    const r = result(rs, 'I4', 'allowed prefixes');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(model.tgwAttachments.find((a) => a.kind === 'vpn')!.id);
    expect(r.evidence.split('\n')[0]).toMatch(/^✗ on-premises 10\.10\.0\.1 → shop-endpoints\/endpoint-1 \(outside 172\.16\.0\.0\/12\) tcp\/443: vpn vpn_vpn-dc-backup learns 10\.254\.0\.0\/24 over BGP, outside the allowed prefixes/);
    // The resolver stays reachable, but only over the backup.
    expect(result(rs, 'I7', 'resolver resolver-inbound_endpoint').evidence).toContain('on-premises 10.10.0.1 → vpn vpn_vpn-dc-backup learns 10.254.0.0/24 over BGP');
  });

  test('I5: without the authorization for the hub endpoints (the old endpoint), AWS APIs time out for VPN users', () => {
    const rs = evaluateWith((m) => {
      const cvpn = m.clientVpnEndpoints[0];
      return { clientVpnEndpoints: [{ ...cvpn, authorizations: cvpn.authorizations.filter((a) => a.cidr !== '10.254.0.0/24') }] };
    }, ['I5']);
    const r = result(rs, 'I5', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(model.clientVpnEndpoints[0].id);
    expect(r.evidence.split('\n')[0]).toMatch(/^✗ client-vpn → hub endpoint ec2messages \(shop-endpoints\/endpoint-1\) tcp\/443: blocked: .* no authorization rule of Client VPN endpoint client-vpn_endpoint covers 10\.254\.0\.\d+/);
  });

  test('I5: authorized but without a Client VPN route to the hub endpoints, they are unreachable', () => {
    const rs = evaluateWith((m) => ({ clientVpnEndpoints: m.clientVpnEndpoints.map((c) => ({ ...c, routes: [] })) }), ['I5']);
    const r = result(rs, 'I5', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.evidence.split('\n')[0]).toMatch(/^✗ client-vpn → hub endpoint .* tcp\/443: blocked: .* no route of Client VPN endpoint client-vpn_endpoint leads to 10\.254\.0\.\d+ \(routes: the VPC only\)/);
  });

  test('I5: authorizing the whole VPC for Client VPN users lets them reach the web tier', () => {
    const rs = evaluateWith((m) => {
      const cvpn = m.clientVpnEndpoints[0];
      const vpnGroup = cvpn.securityGroups[0];
      return {
        clientVpnEndpoints: [{ ...cvpn, authorizations: [...cvpn.authorizations, { cidr: '172.16.0.0/16', allGroups: true, source: 'injected:authorize-vpc' }] }],
        securityGroups: replaceById(m.securityGroups, vpnGroup, (g) => ({ ...g, egress: [...g.egress, { protocol: 'tcp', fromPort: 0, toPort: 65535, peer: { kind: 'cidr', cidr: '172.16.0.0/16' }, source: 'injected:vpn-egress' }] })),
      };
    }, ['I5']);
    const r = result(rs, 'I5', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.evidence.split('\n')[0]).toMatch(/^✗ client-vpn → shop-prod\/public-1 \(tcp\/22\): reachable: client-vpn client-vpn_endpoint user \(10\.100\.0\.0\/22\) → authorized 172\.16\.0\.0\/16/);
  });

  test('I6: a DB group without the HTTPS rule to the endpoints VPC cannot reach Session Manager', () => {
    const db = groupNamed(model, 'shop-shop-prod-db');
    const rs = evaluateWith((m) => ({ securityGroups: replaceById(m.securityGroups, db.id, (g) => ({ ...g, egress: g.egress.filter((e) => !(e.peer.kind === 'cidr' && e.peer.cidr === '10.254.0.0/24')) })) }), ['I6']);
    const r = result(rs, 'I6', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(db.id);
    expect(r.evidence.split('\n')[0]).toBe('✗ shop-prod/db-1 (tier groups) → ssm tcp/443: blocked: subnet shop-prod/db-1 (172.16.128.4) ✗ no egress rule of security group shop-shop-prod-db allows tcp/443 to 10.254.0.62');
    expect(result(rs, 'I6', 'shop-dev').status).toBe('proved');
  });

  test('I6: SSH open to the internal ranges on the app group is refuted by the rule itself, whatever the routes', () => {
    const app = groupNamed(model, 'shop-shop-prod-app');
    const rs = evaluateWith(
      (m) => ({ securityGroups: replaceById(m.securityGroups, app.id, (g) => ({ ...g, ingress: [...g.ingress, { protocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'cidr', cidr: '10.0.0.0/8' }, source: 'injected:ssh' }] })) }),
      ['I6'],
    );
    const r = result(rs, 'I6', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe('injected:ssh');
    expect(r.evidence).toContain('✗ groups of shop-prod/web-1 admit 22/3389 only from inside the VPC: shop-shop-prod-app ingress tcp/22 ← 10.0.0.0/8 admits addresses outside the VPC');
    // And on-premises (10.10.0.0/16) really gets through.
    expect(r.evidence).toMatch(/✗ outside → shop-prod\/web-1 tcp\/22,3389 \(from on-premises 10\.10\.0\.1 tcp\/22\): reachable/);
  });

  test('I8: a route to a NAT gateway that is not synthesized, and a spoke range overlapping another on the TGW', () => {
    const appTable = model.routeTables.find((t) => t.name === 'shop-dev-app-ap-northeast-2a')!;
    const devVpc = model.vpcs.find((v) => v.name === 'shop-dev')!;
    const rs = evaluateWith(
      (m) => ({
        routeTables: replaceById(m.routeTables, appTable.id, (t) => ({ ...t, routes: [...t.routes, { destination: '192.0.2.0/24', target: { kind: 'nat', id: 'shop-spoke-shop-dev:aws_nat_gateway.gone' }, source: 'injected:nat-route' }] })),
        tgwRouteTables: m.tgwRouteTables.map((t) => ({
          ...t,
          routes: t.routes.flatMap((r) => (r.target.kind === 'attachment' && r.destination === '172.20.0.0/16' ? [r, { ...r, destination: '172.16.0.0/15', source: 'injected:overlap' }] : [r])),
        })),
      }),
      ['I8'],
    );
    expect(result(rs, 'I8', `vpc ${devVpc.name}`)).toMatchObject({ status: 'refuted', culprit: 'injected:nat-route' });
    const prod = result(rs, 'I8', 'tgw-rt shared');
    expect(prod).toMatchObject({ status: 'refuted', culprit: 'injected:overlap' });
    expect(prod.evidence.split('\n')[0]).toBe('✗ overlap 172.16.0.0/15 from attachment shop-dev / 172.16.0.0/16 from attachment shop-prod: propagated ranges overlap in TGW route table shared');
  });

  test('an unknown association makes the spoke unknown, never proved', () => {
    const prodAttachment = model.tgwAttachments.find((a) => a.vpc === model.vpcs.find((v) => v.name === 'shop-prod')!.id)!;
    const rs = evaluateWith((m) => ({ tgwAttachments: replaceById(m.tgwAttachments, prodAttachment.id, (a) => ({ ...a, associatedRouteTable: 'unknown' })) }), ['I2', 'I3']);
    expect(result(rs, 'I2', 'shop-prod')).toMatchObject({ status: 'unknown', culprit: prodAttachment.associationSource });
    expect(result(rs, 'I3', 'shop-prod').status).toBe('unknown');
    // Dev's isolation from prod is still proved (by dev's own blackhole).
    expect(result(rs, 'I3', 'shop-dev').status).toBe('proved');
  });
});

describe('isolation is about delivery: one-way paths', () => {
  const attachmentOf = (m: NetworkModel, vpcName: string) => m.tgwAttachments.find((a) => a.vpc === m.vpcs.find((v) => v.name === vpcName)?.id) ?? fail(`no attachment of ${vpcName}`);
  const prodBlackhole = () => tgwTable(model, 'prod').routes.find((r) => r.target.kind === 'blackhole' && r.destination === '172.16.0.0/12') ?? fail('no prod blackhole');
  /** The default model with `route` added to the TGW route table `table`. */
  const withTgwRoute = (table: string, route: TgwRoute) => (m: NetworkModel) => ({
    tgwRouteTables: replaceById(m.tgwRouteTables, tgwTable(m, table).id, (t) => ({ ...t, routes: [...t.routes, route] })),
  });

  test.each([
    ['propagated', 'injected:propagation-prod-into-nonprod', 'tgw-rt nonprod 172.16.0.0/16→attachment shop-prod (propagated)'],
    ['static', 'injected:route-nonprod-to-prod', 'tgw-rt nonprod 172.16.0.0/16→attachment shop-prod →'],
  ] as const)('I3: a %s route to the prod attachment in the nonprod table delivers nonprod requests into prod: refuted naming it, prod stays isolated', (origin, source, hop) => {
    const route: TgwRoute = { destination: '172.16.0.0/16', target: { kind: 'attachment', id: attachmentOf(model, 'shop-prod').id }, origin, source };
    const rs = evaluateWith(withTgwRoute('nonprod', route), ['I3']);
    const dev = result(rs, 'I3', 'shop-dev');
    expect(dev).toMatchObject({ status: 'refuted', culprit: source });
    const first = dev.evidence.split('\n')[0];
    expect(first).toMatch(/^✗ shop-dev\/app-1 → shop-prod\/web-1 \(segment prod\) tcp\/443 isolated: the request is delivered, only its reply is dropped: reply blocked \(request: subnet shop-dev\/app-1/);
    expect(first).toContain(hop);
    expect(first).toContain('reply: rt shop-prod-app-ap-northeast-2a 0.0.0.0/0→tgw → attachment shop-prod (tgw-1) → tgw-rt prod 172.16.0.0/12→blackhole) ✗ blackhole route 172.16.0.0/12 in TGW route table prod');
    // The one-way path is kept for its own finding: the prod blackhole drops the reply.
    expect(dev.replyBlocked?.map((r) => [r.label, r.result.blockedBy.component, r.result.blockedBy.direction])).toEqual([
      ['shop-dev/app-1 → shop-prod/web-1 (segment prod) tcp/443 isolated', prodBlackhole().source, 'return'],
    ]);
    // The other direction is stopped at the request: prod's isolation from nonprod holds.
    const prod = result(rs, 'I3', 'shop-prod');
    expect(prod.status).toBe('proved');
    expect(prod.replyBlocked).toBeUndefined();
    expect(prod.evidence).toContain('✓ shop-prod/web-1 → shop-dev/app-1 (segment nonprod) tcp/443 isolated: blocked:');
  });

  test('I1: public IPs on the web tier without an internet gateway route: requests from the internet get in, replies leave by the hub NAT: refuted naming the internet gateway', () => {
    const rs = evaluateWith((m) => ({ subnets: replaceById(m.subnets, subnetNamed(m, 'shop-prod-web-1').id, (s) => ({ ...s, mapPublicIp: true })) }), ['I1']);
    const r = result(rs, 'I1', 'shop-prod');
    const igw = model.internetGateways.find((g) => g.vpc === subnetNamed(model, 'shop-prod-web-1').vpc)!;
    expect(r).toMatchObject({ status: 'refuted', culprit: igw.id });
    expect(r.evidence.split('\n')[0]).toBe(
      '✗ internet → shop-prod/web-1 (from 198.51.100.10 tcp/22): the request is delivered, only its reply is dropped: reply blocked (request: internet 198.51.100.10 → igw shop-prod → subnet shop-prod/web-1 (172.16.32.4); ' +
        'reply: rt shop-prod-app-ap-northeast-2a 0.0.0.0/0→tgw → attachment shop-prod (tgw-1) → tgw-rt prod 0.0.0.0/0→attachment shop-egress → attachment shop-egress (tgw-1) → rt shop-egress-tgw-ap-northeast-2a 0.0.0.0/0→nat) ' +
        '✗ the reply to 198.51.100.10 would be sent through NAT gateway egress_vpc_nat-public-1, which did not carry the request (asymmetric route)',
    );
    const nat = model.natGateways.find((n) => n.id.includes('nat-public-1'))!;
    expect(new Set(r.replyBlocked?.map((x) => x.result.blockedBy.component))).toEqual(new Set([nat.id]));
    expect(result(rs, 'I1', 'shop-dev')).toMatchObject({ status: 'proved' });
  });

  describe('on-premises and a segment that must not reach it', () => {
    // nonprod no longer reaches onprem, and its table lost the on-premises routes, but shop-dev still
    // propagates into the onprem table: on-premises requests get in, and the replies die in nonprod's 10.0.0.0/8 blackhole.
    const isolated: LandingZone = {
      ...defaultLandingZone(),
      hub: {
        ...defaultLandingZone().hub,
        transitGateway: { ...defaultLandingZone().hub.transitGateway, segments: defaultLandingZone().hub.transitGateway.segments.map((s) => (s.name === 'nonprod' ? { ...s, reachesOnPremises: false } : s)) },
      },
    };
    const withoutOnPremisesRoutes = (m: NetworkModel): NetworkModel => ({
      ...m,
      tgwRouteTables: replaceById(m.tgwRouteTables, tgwTable(m, 'nonprod').id, (t) => ({ ...t, routes: t.routes.filter((r) => r.destination !== '10.10.0.0/16') })),
    });
    const devPropagation = () => tgwTable(model, 'onprem').routes.find((r) => r.destination === '172.20.0.0/16')!.source;
    const nonprodBlackhole = () => tgwTable(model, 'nonprod').routes.find((r) => r.target.kind === 'blackhole' && r.destination === '10.0.0.0/8')!.source;

    test('I4: the delivered request refutes the isolation, naming the propagation into the onprem table; the reply-blocked path is kept', () => {
      const r = result(evaluateIntents(withoutOnPremisesRoutes(model), isolated, ['I4']), 'I4', 'shop-dev');
      expect(r).toMatchObject({ status: 'refuted', culprit: devPropagation() });
      expect(r.evidence).toMatch(/^✗ on-premises 10\.10\.0\.1 → shop-dev\/app-1 tcp\/443 \(segment nonprod does not reach onprem\): the request is delivered, only its reply is dropped: reply blocked/);
      expect(r.replyBlocked?.map((x) => x.result.blockedBy.component)).toEqual([nonprodBlackhole()]);
      // shop-dev's own requests to on-premises stop at the same blackhole: that isolation holds.
      const i3 = result(evaluateIntents(withoutOnPremisesRoutes(model), isolated, ['I3']), 'I3', 'shop-dev');
      expect(i3.status).toBe('proved');
      expect(i3.evidence).toMatch(/✓ shop-dev\/app-1 → on-premises 10\.10\.0\.1 tcp\/443 isolated: blocked: .*✗ blackhole route 10\.0\.0\.0\/8 in TGW route table nonprod/);
    });

    test('an on-premises query prefers an attachment that delivers the request over one that is unknown: refuted, not unknown', () => {
      const changed = { ...withoutOnPremisesRoutes(model), dxGateways: model.dxGateways.map((g) => ({ ...g, allowedPrefixes: 'unknown' as const })) };
      const r = reach(changed, { kind: 'on-premises', address: '10.10.0.0/16' }, { kind: 'subnet', subnet: subnetNamed(model, 'shop-dev-app-1').id, securityGroups: 'any' }, 'tcp', 443);
      expect(r.status === 'blocked' && r.blockedBy).toEqual({ component: nonprodBlackhole(), kind: 'tgw-route', reason: 'blackhole route 10.0.0.0/8 in TGW route table nonprod', direction: 'return' });
      expect(formatPath(r.path)).toContain('vpn vpn_vpn-dc-backup learns 172.20.0.0/16 over BGP');
      expect(result(evaluateIntents(changed, isolated, ['I4']), 'I4', 'shop-dev').status).toBe('refuted');
    });

    test('a must-reach check still needs the reply: with the default segments the same model refutes on-premises → shop-dev at the blackhole that drops the reply', () => {
      const r = result(evaluateIntents(withoutOnPremisesRoutes(model), lz, ['I4']), 'I4', 'shop-dev');
      expect(r).toMatchObject({ status: 'refuted', culprit: nonprodBlackhole() });
      expect(r.evidence).toMatch(/^✗ on-premises 10\.10\.0\.1 → shop-dev\/app-1 tcp\/443 \(segment nonprod reaches onprem\): reply blocked \(request: /);
      expect(r.replyBlocked?.map((x) => x.result.blockedBy.component)).toEqual([nonprodBlackhole()]);
    });
  });

  describe('how a verdict counts for each kind of check', () => {
    const hop = { kind: 'tgw-route' as const, id: 'tgw-route:in', text: 'tgw-rt a 10.1.0.0/16→attachment b' };
    const stop = (status: 'blocked' | 'unknown', direction: 'forward' | 'return'): ReachResult => {
      const blocker = { component: 'blocker', kind: 'route' as const, reason: 'no route', direction };
      return status === 'blocked'
        ? { status, reachable: false, path: [hop], returnPath: [], blockedBy: blocker }
        : { status, reachable: false, path: [hop], returnPath: [], unresolved: blocker };
    };
    test.each([
      ['blocked', 'forward', false, 'holds', 'fails', false],
      ['blocked', 'return', true, 'fails', 'fails', true],
      ['unknown', 'forward', false, 'unknown', 'unknown', false],
      ['unknown', 'return', true, 'fails', 'unknown', false],
    ] as const)('%s on the %s walk: delivered %s, must-not-reach %s, must-reach %s, reply-blocked %s', (status, direction, delivered, negative, positive, kept) => {
      const r = stop(status, direction);
      expect(requestDelivered(r)).toBe(delivered);
      const blocked = expectBlocked('x', r);
      expect(blocked.verdict).toBe(negative);
      if (delivered) expect(blocked.culprit).toBe('tgw-route:in');
      expect(expectReachable('x', r).verdict).toBe(positive);
      expect(blocked.replyBlocked !== undefined).toBe(kept);
      expect(expectReachable('x', r).replyBlocked !== undefined).toBe(kept);
    });
  });
});

describe('Direct Connect summaries with the VPN on floating summaries (fixture dx-summaries.yaml)', () => {
  const summaries = fixtureLandingZone('valid/dx-summaries.yaml');
  const summaryModel = buildNetwork(loadGraph(synthFixture('valid/dx-summaries.yaml')), { onPremises: summaries.onPremises.cidrs });

  test('three summaries on Direct Connect, and on-premises still enters over Direct Connect for every spoke range', () => {
    expect(summaryModel.dxGateways.map((g) => g.allowedPrefixes)).toEqual([['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']]);
    expect(summaryModel.tgwAttachments.filter((a) => a.kind === 'vpn').map((a) => a.customerGatewayRoutes)).toEqual(['floating-summaries']);
    const rs = evaluateIntents(summaryModel, summaries);
    expect(rs.filter((r) => r.status !== 'proved').map((r) => `${r.id} ${r.subject}: ${r.status}`)).toEqual([]);
    const r = result(rs, 'I4', 'direct connect preference');
    expect(r.evidence.split('\n')).toEqual([
      '✓ on-premises → sum-prod (172.16.0.4) enters over Direct Connect: dx direct-connect_gateway advertises 172.16.0.0/12',
      '✓ on-premises → sum-dev (172.20.0.4) enters over Direct Connect: dx direct-connect_gateway advertises 172.16.0.0/12',
      '✓ on-premises → sum-endpoints (10.254.0.4) enters over Direct Connect: dx direct-connect_gateway advertises 10.0.0.0/8',
    ]);
  });

  test('the same summaries with routers that accept the VPN-learned routes: refuted, naming the VPN', () => {
    const learned = { ...summaryModel, tgwAttachments: summaryModel.tgwAttachments.map((a) => (a.kind === 'vpn' ? { ...a, customerGatewayRoutes: 'learned' as const } : a)) };
    const r = result(evaluateIntents(learned, summaries, ['I4']), 'I4', 'direct connect preference');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(summaryModel.tgwAttachments.find((a) => a.kind === 'vpn')!.id);
    expect(r.evidence).toContain("vpn vpn_vpn-dc-backup learns 172.16.0.0/16 over BGP, more specific than Direct Connect's 172.16.0.0/12");
  });

  test('with Direct Connect down, on-premises reaches the spokes over the VPN through the floating static routes', () => {
    // The Direct Connect path is gone; the floating statics (the configured summaries) remain on the routers.
    const dxDown = { ...summaryModel, tgwAttachments: summaryModel.tgwAttachments.filter((a) => a.kind !== 'dx-gateway') };
    const prod = dxDown.subnets.find((s) => s.name.startsWith('sum-prod-') && s.tier === 'app') ?? fail('no sum-prod app subnet');
    const r = reach(dxDown, { kind: 'on-premises', address: '10.10.0.0/16' }, { kind: 'subnet', subnet: prod.id, securityGroups: 'any' }, 'tcp', 443);
    expect(r.status).toBe('reachable');
    expect(formatPath(r.path)).toContain('vpn vpn_vpn-dc-backup: floating static route to 172.16.0.0/12 (used only when Direct Connect withdraws it)');
  });
});

describe('I9: workloads pull from ECR and reach their package repositories', () => {
  const prodVpc = () => model.vpcs.find((v) => v.name === 'shop-prod') ?? fail('no prod VPC');
  const gateway = (m: NetworkModel = model) => m.vpcEndpoints.find((e) => e.vpc === prodVpc().id && e.type === 'Gateway') ?? fail('no prod S3 gateway endpoint');
  type Statement = { Sid?: string; Effect: string; Principal: unknown; Action: unknown; Resource: unknown; Condition?: unknown };
  /** The default model with the prod gateway endpoint's policy statements changed. */
  const withStatements = (change: (statements: Statement[]) => Statement[]) => {
    const policy = JSON.parse(gateway().policy!) as { Version: string; Statement: Statement[] };
    const text = JSON.stringify({ ...policy, Statement: change(policy.Statement) });
    return evaluateWith((m) => ({ vpcEndpoints: replaceById(m.vpcEndpoints, gateway(m).id, (e) => ({ ...e, policy: text })) }), ['I9']);
  };

  test('proved on the default: the hub ECR endpoints on 443, the S3 route, groups, NACLs and the layer and repository buckets', () => {
    const lines = result(results, 'I9', 'shop-prod').evidence.split('\n');
    expect(lines.filter((l) => / → ecr\.(api|dkr) tcp\/443: reachable/.test(l))).toHaveLength(10);
    expect(lines).toContain('✓ shop-prod resolves dkr.ecr.ap-northeast-2.amazonaws.com to the hub endpoint: dkr.ecr.ap-northeast-2.amazonaws.com (shop-hub:aws_route53_zone.endpoint-zones_zone-ecrdkr_E9594AFF) is associated with shop-prod');
    expect(lines.filter((l) => l.startsWith('✓ workloads route S3: ') || l.startsWith('✓ tier groups send 443 to S3: ') || l.startsWith('✓ NACLs pass 443 to S3'))).toHaveLength(3);
    expect(lines).toContain('✓ S3 gateway endpoint policy admits ecr buckets: s3:GetObject on arn:aws:s3:::prod-ap-northeast-2-starport-layer-bucket/* (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-setting-up-s3-gateway)');
    expect(lines.some((l) => l.startsWith('✓ S3 gateway endpoint policy admits amazon-linux-2023 buckets: s3:GetObject on arn:aws:s3:::al2023-repos-ap-northeast-2-de612dc2/*'))).toBe(true);
    expect(lines.some((l) => l.startsWith('✓ S3 gateway endpoint policy admits amazon-linux-2 buckets: s3:GetObject on arn:aws:s3:::amazonlinux-2-repos-ap-northeast-2/*'))).toBe(true);
  });

  test('the policy as it was (log bucket, SSM Agent buckets, organization buckets) is refuted: layers and packages get 403', () => {
    const rs = withStatements((st) => st.filter((x) => !['EcrImageLayers', 'AmazonLinux2023Repositories', 'AmazonLinux2Repositories'].includes(x.Sid ?? '')));
    const r = result(rs, 'I9', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(gateway().id);
    expect(r.evidence.split('\n').filter((l) => l.startsWith('✗')).map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      '✗ S3 gateway endpoint policy admits ecr buckets',
      '✗ S3 gateway endpoint policy admits amazon-linux-2023 buckets',
      '✗ S3 gateway endpoint policy admits amazon-linux-2 buckets',
    ]);
    expect(r.evidence).toContain('no unconditioned Allow for any principal of s3:GetObject on arn:aws:s3:::prod-ap-northeast-2-starport-layer-bucket/*');
    expect(result(rs, 'I9', 'shop-dev').status).toBe('proved');
  });

  test('an organization condition does not admit an AWS-owned bucket, and an explicit Deny wins', () => {
    const conditioned = withStatements((st) => st.map((x) => (x.Sid === 'EcrImageLayers' ? { ...x, Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } } : x)));
    expect(result(conditioned, 'I9', 'shop-prod').status).toBe('refuted');
    const denied = withStatements((st) => [...st, { Sid: 'NoLayers', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::prod-*-starport-layer-bucket/*' }]);
    const r = result(denied, 'I9', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.evidence).toContain('✗ S3 gateway endpoint policy admits ecr buckets: statement NoLayers denies s3:GetObject on arn:aws:s3:::prod-ap-northeast-2-starport-layer-bucket/*');
    // A wildcard Allow for anyone reads them all.
    const open = withStatements((st) => [...st.filter((x) => !['EcrImageLayers', 'AmazonLinux2023Repositories', 'AmazonLinux2Repositories'].includes(x.Sid ?? '')), { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:Get*', Resource: 'arn:aws:s3:::*/*' }]);
    expect(result(open, 'I9', 'shop-prod').status).toBe('proved');
  });

  test('a group without the S3 prefix-list rule is refuted when no 0.0.0.0/0 rule stands in for it', () => {
    const db = groupNamed(model, 'shop-shop-prod-db');
    const rs = evaluateWith((m) => ({ securityGroups: replaceById(m.securityGroups, db.id, (g) => ({ ...g, egress: g.egress.filter((e) => e.peer.kind !== 'prefix-list') })) }), ['I9']);
    const r = result(rs, 'I9', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(db.id);
    expect(r.evidence).toContain('✗ tier groups send 443 to S3 (groups of shop-prod/db-1 → S3 prefix list tcp/443): no egress rule of shop-shop-prod-db admits tcp/443 to the S3 prefix list');
  });

  test('without the prefix-list routes S3 follows the default route: the web tier leaves through the hub NAT, the DB tier is stopped by its group', () => {
    const rs = evaluateWith((m) => ({ routeTables: m.routeTables.map((t) => ({ ...t, routes: t.routes.filter((r) => !r.destination.startsWith('pl:')) })) }), ['I9']);
    const r = result(rs, 'I9', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(groupNamed(model, 'shop-shop-prod-db').id);
    expect(r.evidence.split('\n')[0]).toMatch(/^✗ S3 over the default route \(shop-prod\/db-1 → S3 \(public endpoint, no gateway endpoint route in shop-prod-db-ap-northeast-2a\) tcp\/443\): blocked/);
    // The web tier's group sends 443 anywhere: its S3 requests leave through the hub egress VPC.
    const changed = { ...model, routeTables: model.routeTables.map((t) => ({ ...t, routes: t.routes.filter((rt) => !rt.destination.startsWith('pl:')) })) };
    const web = reach(changed, { kind: 'subnet', subnet: subnetNamed(model, 'shop-prod-web-1').id }, { kind: 'internet' }, 'tcp', 443);
    expect(web.status).toBe('reachable');
    if (web.status !== 'reachable') throw new Error(web.status);
    expect(formatPath(web.path)).toContain('attachment shop-egress');
  });

  test('a NACL that drops the replies from S3 is refuted, naming the ACL', () => {
    const db1 = subnetNamed(model, 'shop-prod-db-1');
    const acl = { id: 'test:aws_network_acl.db', vpc: db1.vpc, subnets: [db1.id], rules: [{ ruleNumber: 100, egress: true, protocol: '-1', fromPort: 0, toPort: 65535, cidr: '0.0.0.0/0', action: 'allow' as const, source: 'test:aws_network_acl.db' }] };
    const rs = evaluateWith((m) => ({ networkAcls: [...m.networkAcls, acl], subnets: replaceById(m.subnets, db1.id, (s) => ({ ...s, nacl: acl.id })) }), ['I9']);
    const r = result(rs, 'I9', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(acl.id);
    expect(r.evidence).toContain('network ACL test:aws_network_acl.db denies inbound replies tcp/1024-65535 for public addresses such as S3');
  });

  test('a spoke that cannot resolve the registry name to the hub endpoint is refuted', () => {
    const zone = model.hostedZones.find((z) => z.name.startsWith('dkr.ecr.')) ?? fail('no dkr.ecr zone');
    const rs = evaluateWith((m) => ({ hostedZones: replaceById(m.hostedZones, zone.id, (z) => ({ ...z, vpcs: z.vpcs.filter((v) => v !== prodVpc().id) })) }), ['I9']);
    const r = result(rs, 'I9', 'shop-prod');
    expect(r.status).toBe('refuted');
    expect(r.culprit).toBe(zone.id);
    expect(result(rs, 'I9', 'shop-dev').status).toBe('proved');
  });

  test('an unreadable policy is unknown, never proved', () => {
    const rs = evaluateWith((m) => ({ vpcEndpoints: replaceById(m.vpcEndpoints, gateway(m).id, (e) => ({ ...e, policy: 'unknown' })) }), ['I9']);
    expect(result(rs, 'I9', 'shop-prod').status).toBe('unknown');
  });

  test('nothing to prove when the hub centralizes no ECR endpoint', () => {
    const endpoints = lz.hub.endpoints!;
    const noEcr: LandingZone = { ...lz, hub: { ...lz.hub, endpoints: { ...endpoints, services: endpoints.services.filter((s) => !s.name.startsWith('ecr.')) } } };
    expect(evaluateIntents(model, noEcr, ['I9'])).toEqual([]);
  });
});
