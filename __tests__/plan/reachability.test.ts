/**
 * `lz plan-summary --out`: the reachability diff of a plan. Each case is a pull request: the default
 * landing zone as deployed (the plan's prior state), one stack's synthesized JSON edited as the code
 * change would, the output directory of that synth, and the plan Terraform would print
 * (__tests__/helpers/plan.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RECORDED_CONFIG_FILE } from '../../config/recorded';
import { runPlanSummary, type PlanSummaryOptions } from '../../plan/command';
import { readStacks, stackNamed, synthDefault } from '../helpers/analysis';
import { planBetween, type PlanOptions } from '../helpers/plan';
import { tempDir } from '../helpers/temp';

const PROD = 'shop-spoke-shop-prod';
const DEV = 'shop-spoke-shop-dev';
const HUB = 'shop-hub';

type Json = Record<string, any>;

let base: string;
let deployed: ReturnType<typeof readStacks>;

beforeAll(() => {
  base = synthDefault();
  deployed = readStacks(base);
});

/** The `type.name` of the resource of `stack` whose construct path is `<stack>/<constructPath>`. */
function address(stack: string, type: string, constructPath: string): string {
  const json = stackNamed(deployed, stack).json;
  const found = Object.entries(json.resource[type] ?? {}).find(([, body]) => (body as Json)['//'].metadata.path === `${stack}/${constructPath}`);
  if (!found) throw new Error(`no ${type} at ${stack}/${constructPath}`);
  return `${type}.${found[0]}`;
}

/** The body of `address` in a stack JSON. */
function body(json: Json, addr: string): Json {
  const [type, name] = addr.split('.');
  return json.resource[type][name];
}

interface PullRequest {
  /** The synthesized output of the pull request, with the recorded config. */
  readonly outdir: string;
  /** The plan file (`<stack>.plan.json`). */
  readonly plan: string;
  readonly proposed: Json;
}

/** The pull request that edits `stack`'s JSON with `edit`: its synth and its plan. */
function pullRequest(stack: string, edit: (json: Json) => void, options: Partial<PlanOptions> = {}): PullRequest {
  const proposed = structuredClone(stackNamed(deployed, stack).json);
  edit(proposed);
  const dir = tempDir('lz-reach-');
  const outdir = path.join(dir, 'cdktf.out');
  fs.cpSync(base, outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify(proposed, null, 2));
  const plan = path.join(dir, `${stack}.plan.json`);
  fs.writeFileSync(plan, JSON.stringify(planBetween({ stack, deployed, proposed, ...options })));
  return { outdir, plan, proposed };
}

/** `lz plan-summary --out <pr> --json`, parsed. */
function summarize(pr: PullRequest, options: PlanSummaryOptions = {}) {
  const r = runPlanSummary([pr.plan], { outdir: pr.outdir, requireReachability: true, json: true, ...options });
  return { exitCode: r.exitCode, json: JSON.parse(r.output) };
}

const flows = (json: Json, change: string): string[] =>
  json.reachability.flows.filter((f: Json) => f.change === change).map((f: Json) => `${f.from} → ${f.to} ${f.protocol}/${f.port}: ${f.before} → ${f.after}`);
const intents = (json: Json): string[] => json.reachability.intents.map((i: Json) => `${i.id} ${i.subject}: ${i.before} → ${i.after}`);

const ROUTE = () => address(PROD, 'aws_route', 'app-vpc/rt-app-ap-northeast-2a-default');
const IGW = () => address(PROD, 'aws_internet_gateway', 'app-vpc/igw');

/** web-1's default route (0.0.0.0/0) moves from the Transit Gateway to the spoke's internet gateway. */
const retargetToIgw = () =>
  pullRequest(PROD, (json) => {
    const route = body(json, ROUTE());
    delete route.transit_gateway_id;
    route.gateway_id = `\${${IGW()}.id}`;
  });

describe('reachability diff: in-place changes', () => {
  test('a 0.0.0.0/0 route retargeted from the Transit Gateway to the internet gateway: web-1 loses every path out, stopped at the internet gateway; five intents refuted; exit 1', () => {
    const pr = retargetToIgw();
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(1);
    expect(flows(json, 'denies')).toEqual([
      'shop-prod/web-1 (any security group) → internet 198.51.100.10 tcp/443: allowed → denied',
      'shop-prod/web-1 (any security group) → on-premises 10.10.0.0/16 tcp/443: allowed → denied',
      'shop-prod/web-1 (any security group) → shop-endpoints/endpoint-1 (any security group) tcp/443: allowed → denied',
      'shop-prod/web-1 → endpoint ec2messages (shop-endpoints/endpoint-1) tcp/443: allowed → denied',
      'shop-prod/web-1 → endpoint ecr.api (shop-endpoints/endpoint-1) tcp/443: allowed → denied',
      'shop-prod/web-1 → endpoint ecr.dkr (shop-endpoints/endpoint-1) tcp/443: allowed → denied',
      'shop-prod/web-1 → endpoint ssm (shop-endpoints/endpoint-1) tcp/443: allowed → denied',
      'shop-prod/web-1 → endpoint ssmmessages (shop-endpoints/endpoint-1) tcp/443: allowed → denied',
    ]);
    expect(flows(json, 'allows')).toEqual([]);
    // On-premises still gets in over Direct Connect, but the reply now leaves by the internet gateway.
    expect(flows(json, 'other')).toEqual(['on-premises 10.10.0.0/16 → shop-prod/web-1 (any security group) tcp/443: allowed → one-way']);
    for (const f of json.reachability.flows) {
      expect(f.violates).toBe(true);
      expect(f.changedBy).toEqual([{ stack: PROD, address: ROUTE() }]);
      expect(f.decidedAt.resource).toEqual({ stack: PROD, address: IGW() });
    }
    const toInternet = json.reachability.flows.find((f: Json) => f.to === 'internet 198.51.100.10');
    expect(toInternet.checks).toEqual([{ intent: 'I2', expected: 'reachable', before: 'holds', after: 'fails' }]);
    expect(toInternet.decidedAt.reason).toBe('source 172.16.32.4 has no public IPv4 address, and the internet gateway of shop-prod only carries traffic of public addresses');
    expect(intents(json)).toEqual(['I2 shop-prod: proved → refuted', 'I3 shop-prod: proved → refuted', 'I4 shop-prod: proved → refuted', 'I6 shop-prod: proved → refuted', 'I9 shop-prod: proved → refuted']);
    expect(json.verdict).toBe('14 reachability violations (9 flows, 5 intent results): review them, then re-run with --allow-connectivity-impact if they are intended');
    expect(json.unacknowledged).toEqual([{ stack: PROD, address: ROUTE() }]);
    // The resource-level guard alone saw nothing: an in-place update of a route is no replacement.
    expect(runPlanSummary([pr.plan]).exitCode).toBe(0);
  });

  test('a Transit Gateway attachment loses its subnet in ap-northeast-2b: db-2, the one workload subnet there, loses the Transit Gateway; exit 1', () => {
    const attachment = address(PROD, 'aws_ec2_transit_gateway_vpc_attachment', 'tgw-attachment/attachment');
    const pr = pullRequest(PROD, (json) => {
      const a = body(json, attachment);
      a.subnet_ids = a.subnet_ids.filter((s: string) => !s.includes(address(PROD, 'aws_subnet', 'app-vpc/subnet-tgw-2')));
    });
    expect(pr.proposed.resource.aws_ec2_transit_gateway_vpc_attachment[attachment.split('.')[1]].subnet_ids).toHaveLength(2);
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(1);
    expect(flows(json, 'denies')).toEqual([
      'shop-prod/db-2 (any security group) → internet 198.51.100.10 tcp/443: allowed → denied',
      'shop-prod/db-2 → endpoint ec2messages (shop-endpoints/endpoint-2) tcp/443: allowed → denied',
      'shop-prod/db-2 → endpoint ecr.api (shop-endpoints/endpoint-2) tcp/443: allowed → denied',
      'shop-prod/db-2 → endpoint ecr.dkr (shop-endpoints/endpoint-2) tcp/443: allowed → denied',
      'shop-prod/db-2 → endpoint ssm (shop-endpoints/endpoint-2) tcp/443: allowed → denied',
      'shop-prod/db-2 → endpoint ssmmessages (shop-endpoints/endpoint-2) tcp/443: allowed → denied',
    ]);
    // Client VPN users leave from db-1 (2a), and the endpoint's reply, which came back through 2b, now crosses to 2a.
    expect(flows(json, 'reroutes')).toEqual(['client-vpn users of shop-prod → endpoint ec2messages (shop-endpoints/endpoint-2) tcp/443: allowed → allowed']);
    expect(flows(json, 'allows')).toEqual([]);
    expect(flows(json, 'other')).toEqual([]);
    expect(json.reachability.flows.find((f: Json) => f.change === 'denies').decidedAt).toEqual({
      side: 'after',
      resource: { stack: PROD, address: attachment },
      reason: 'attachment shop-prod has no subnet in ap-northeast-2b, so shop-prod/db-2 cannot reach the transit gateway',
    });
    expect(intents(json)).toEqual(['I2 shop-prod: proved → refuted', 'I6 shop-prod: proved → refuted', 'I9 shop-prod: proved → refuted']);
  });

  test('a Route 53 alias record deleted: no flow changes, but both spokes stop resolving the ssm endpoint name (I6 refuted); exit 1 where the resource-level guard passed', () => {
    const record = address(HUB, 'aws_route53_record', 'endpoint-zones/record-ssm-apex');
    const pr = pullRequest(HUB, (json) => {
      const [type, name] = record.split('.');
      delete json.resource[type][name];
    });
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(1);
    expect(json.reachability.flows).toEqual([]);
    expect(intents(json)).toEqual(['I6 shop-prod: proved → refuted', 'I6 shop-dev: proved → refuted']);
    const zone = address(HUB, 'aws_route53_zone', 'endpoint-zones/zone-ssm');
    for (const i of json.reachability.intents) {
      expect(i.culprit).toEqual({ stack: HUB, address: zone });
      expect(i.changedBy).toEqual([{ stack: HUB, address: record }]);
      expect(i.evidence).toContain('has no alias record ssm.ap-northeast-2.amazonaws.com: the name does not resolve to the endpoint');
    }
    expect(json.unacknowledged).toEqual([{ stack: HUB, address: record }]);
    expect(runPlanSummary([pr.plan]).exitCode).toBe(0);
  });

  test('a security-group rule deleted: the internet no longer reaches the load balancer on 443 (I1 refuted); exit 1', () => {
    const rule = address(PROD, 'aws_vpc_security_group_ingress_rule', 'alb/security-group/ingress-tcp-443-from-allowed-clients-0-0-0-0-0');
    const pr = pullRequest(PROD, (json) => {
      const [type, name] = rule.split('.');
      delete json.resource[type][name];
    });
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(1);
    expect(flows(json, 'denies')).toEqual([
      'internet 198.51.100.10 → alb alb_load-balancer (public-1) tcp/443: allowed → denied',
      'internet 198.51.100.10 → alb alb_load-balancer (public-2) tcp/443: allowed → denied',
    ]);
    const group = address(PROD, 'aws_security_group', 'alb/security-group/sg');
    expect(json.reachability.flows[0]).toMatchObject({
      decidedAt: { side: 'after', resource: { stack: PROD, address: group }, reason: 'no ingress rule of security group shop-shop-prod-alb allows tcp/443 from 198.51.100.10' },
      // The deleted rule was the hop that admitted it before.
      changedBy: [{ stack: PROD, address: rule }],
      checks: [{ intent: 'I1', expected: 'reachable', before: 'holds', after: 'fails' }],
    });
    expect(intents(json)).toEqual(['I1 shop-prod: proved → refuted']);
  });

  test('Direct Connect allowed prefixes shrink: shop-dev traffic moves to the backup VPN, which still learns its range, so "nothing outside the prefixes" is refuted; exit 1', () => {
    const association = address(HUB, 'aws_dx_gateway_association', 'direct-connect/association');
    const pr = pullRequest(HUB, (json) => {
      const a = body(json, association);
      expect(a.allowed_prefixes).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
      a.allowed_prefixes = ['10.254.0.0/24', '172.16.0.0/16'];
    });
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(1);
    expect(flows(json, 'denies')).toEqual([]);
    expect(flows(json, 'allows')).toEqual([]);
    expect(flows(json, 'reroutes')).toEqual([
      'on-premises 10.10.0.0/16 → shop-dev/app-1 (any security group) tcp/443: allowed → allowed',
      'on-premises 10.10.0.0/16 → shop-dev/app-2 (any security group) tcp/443: allowed → allowed',
      'on-premises 10.10.0.0/16 → shop-dev/db-1 (any security group) tcp/443: allowed → allowed',
      'on-premises 10.10.0.0/16 → shop-dev/db-2 (any security group) tcp/443: allowed → allowed',
      'on-premises 10.10.0.0/16 → shop-dev/public-1 (any security group) tcp/443: allowed → allowed',
      'on-premises 10.10.0.0/16 → shop-dev/public-2 (any security group) tcp/443: allowed → allowed',
      'on-premises 10.10.0.0/16 → shop-dev/tgw-1 (any security group) tcp/443: one-way → one-way',
      'on-premises 10.10.0.0/16 → shop-dev/tgw-2 (any security group) tcp/443: one-way → one-way',
      'shop-dev/app-1 (any security group) → on-premises 10.10.0.0/16 tcp/443: allowed → allowed',
    ]);
    for (const f of json.reachability.flows) expect(f.changedBy).toEqual([{ stack: HUB, address: association }]);
    expect(json.reachability.flows[0].via).toEqual({ direction: 'request', before: 'dx direct-connect_gateway advertises 172.20.0.0/16', after: 'vpn vpn_vpn-dc-backup learns 172.20.0.0/16 over BGP' });
    // The ranges left outside the prefixes are probed only after the change, and the VPN still delivers to them.
    expect(json.reachability.flows[1].checks).toEqual([{ intent: 'I4', expected: 'blocked', after: 'fails' }]);
    expect(intents(json)).toEqual(['I4 allowed prefixes: proved → refuted']);
    expect(json.reachability.intents[0].culprit).toEqual({ stack: HUB, address: address(HUB, 'aws_vpn_connection', 'vpn/vpn-dc-backup') });
  });

  test('a propagation of shop-dev into the prod route table newly lets prod deliver into nonprod (the reply dies in nonprod): I3 refuted; exit 1', () => {
    const propagation = 'aws_ec2_transit_gateway_route_table_propagation.tgw-attachment_propagation-prod_7FAA2660';
    const accepter = address(DEV, 'aws_ec2_transit_gateway_vpc_attachment_accepter', 'tgw-attachment/accepter');
    const pr = pullRequest(DEV, (json) => {
      json.data.aws_ssm_parameter['hub-published_route-table-prod_6F09B95F'] = { name: '/landing-zone/shop/hub/route-table-prod', provider: 'aws.hub' };
      const [type, name] = propagation.split('.');
      json.resource[type][name] = {
        provider: 'aws.hub',
        transit_gateway_attachment_id: `\${${accepter}.transit_gateway_attachment_id}`,
        transit_gateway_route_table_id: '${data.aws_ssm_parameter.hub-published_route-table-prod_6F09B95F.insecure_value}',
      };
    });
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(1);
    expect(flows(json, 'allows')).toEqual(['shop-prod/web-1 (any security group) → shop-dev/app-1 (any security group) tcp/443: denied → one-way']);
    expect(json.reachability.flows[0]).toMatchObject({
      changedBy: [{ stack: DEV, address: propagation }],
      checks: [{ intent: 'I3', expected: 'blocked', before: 'holds', after: 'fails' }],
      decidedAt: { side: 'after', reason: 'the reply: blackhole route 172.16.0.0/12 in TGW route table nonprod' },
    });
    expect(intents(json)).toEqual(['I3 shop-prod: proved → refuted']);
  });
});

describe('reachability diff: what passes', () => {
  test('a benign replacement (a route table association replaced on request) changes no flow: reported, exit 0, where the resource-level guard failed', () => {
    const association = address(PROD, 'aws_route_table_association', 'app-vpc/rta-db-2');
    const pr = pullRequest(PROD, () => undefined, { replace: { [association]: 'replace_by_request' } });
    const plan = JSON.parse(fs.readFileSync(pr.plan, 'utf8'));
    expect(plan.resource_changes.find((rc: Json) => rc.address === association).change.actions).toEqual(['delete', 'create']);
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ ok: true, impacts: 0, benign: 1, violations: 0, unacknowledged: [] });
    expect(json.reachability).toMatchObject({ evaluated: true, sameNetwork: true, flows: [], intents: [], changes: [{ stack: PROD, address: association, action: 'replace' }] });
    expect(json.verdict).toBe('1 connectivity-impacting change in shop-spoke-shop-prod, none of which changes a flow or an intent verdict (reachability diff): reported, not failed');
    expect(json.stacks[0].connectivityImpacts.map((c: Json) => c.address)).toEqual([association]);
    const text = runPlanSummary([pr.plan], { outdir: pr.outdir });
    expect(text.exitCode).toBe(0);
    expect(text.output.split('\n')[0]).toBe(
      'reachability diff, today (the prior state) → after applying shop-spoke-shop-prod: no flow or intent can change: the network model reads the same before and after the 1 change of this plan',
    );
    expect(text.output).toContain('  ⚠ connectivity-impacting (1, none changes a flow):\n');
    expect(runPlanSummary([pr.plan]).exitCode).toBe(1);
  });

  test('a tag change is no network change: the models are equal, so no flow is evaluated; exit 0', () => {
    const pr = pullRequest(PROD, (json) => (body(json, address(PROD, 'aws_subnet', 'app-vpc/subnet-db-1')).tags.Owner = 'team-db'));
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(0);
    expect(json.verdict).toBe('no connectivity-impacting change and no reachability violation in 1 stack');
    expect(json.reachability).toMatchObject({ sameNetwork: true, flowsCompared: 0, flows: [], intents: [], changes: [{ action: 'update' }] });
  });
});

describe('reachability diff: unknown, acknowledgement, placement', () => {
  test('a route to a NAT gateway that only exists after apply, through a function: the flows it decides are unknown, never a pass; exit 1', () => {
    const pr = pullRequest(PROD, (json) => {
      json.resource.aws_eip = { 'app-vpc_nat-eip_1': { domain: 'vpc' } };
      json.resource.aws_nat_gateway = { 'app-vpc_nat_1': { allocation_id: '${aws_eip.app-vpc_nat-eip_1.id}', subnet_id: `\${${address(PROD, 'aws_subnet', 'app-vpc/subnet-public-1')}.id}` } };
      const route = body(json, ROUTE());
      delete route.transit_gateway_id;
      route.nat_gateway_id = '${element([aws_nat_gateway.app-vpc_nat_1.id], 0)}';
    });
    const plan = JSON.parse(fs.readFileSync(pr.plan, 'utf8'));
    expect(plan.resource_changes.find((rc: Json) => rc.address === ROUTE()).change.after_unknown).toEqual({ nat_gateway_id: true });
    const { exitCode, json } = summarize(pr);
    expect(exitCode).toBe(1);
    const changed = json.reachability.flows as Json[];
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((f) => f.after !== 'unknown').map((f) => `${f.from} → ${f.to}: ${f.after}`)).toEqual(['on-premises 10.10.0.0/16 → shop-prod/web-1 (any security group): one-way']);
    expect(changed.every((f) => f.violates && f.decidedAt.reason.includes('element(...) is computed by Terraform'))).toBe(true);
    expect(changed.map((f) => `${f.from} → ${f.to} ${f.protocol}/${f.port}`)).toContain('shop-prod/web-1 (any security group) → internet 198.51.100.10 tcp/443');
    expect(json.reachability.intents.every((i: Json) => i.before === 'proved' && i.after === 'unknown' && i.violates)).toBe(true);
    const text = runPlanSummary([pr.plan], { outdir: pr.outdir }).output;
    expect(text).toContain('    ✗ shop-prod/web-1 (any security group) → internet 198.51.100.10 tcp/443: allowed → unknown until apply\n');
  });

  test('violations are acknowledged like connectivity-impacting changes: the label, or the file naming the change they are laid to', () => {
    const pr = retargetToIgw();
    expect(summarize(pr, { allowConnectivityImpact: true })).toMatchObject({ exitCode: 0, json: { ok: true, violations: 14, impacts: 1 } });
    const ack = (addresses: string[]) => {
      const file = path.join(tempDir('lz-ack-'), 'connectivity-ack.yaml');
      fs.writeFileSync(file, `pullRequest: 42\nreason: egress moves to the spoke (CHG-7)\nstacks:\n  ${PROD}:\n${addresses.map((a) => `    - ${a}`).join('\n')}\n`);
      return file;
    };
    const named = summarize(pr, { allowConnectivityImpactFrom: ack([ROUTE()]), pullRequest: 42 });
    expect(named.exitCode).toBe(0);
    expect(named.json.verdict).toMatch(/^14 reachability violations \(9 flows, 5 intent results\), all acknowledged in .*connectivity-ack\.yaml \(pull request #42\)$/);
    expect(named.json.acknowledgement.unused).toEqual([]);
    const other = summarize(pr, { allowConnectivityImpactFrom: ack([IGW()]), pullRequest: 42 });
    expect(other.exitCode).toBe(1);
    expect(other.json.unacknowledged).toEqual([{ stack: PROD, address: ROUTE() }]);
    expect(other.json.acknowledgement.unused).toEqual([{ stack: PROD, address: IGW() }]);
  });

  test('a plan made from another synth is refused: exit 1 with --out, a note and the resource-level guard without it', () => {
    const pr = retargetToIgw();
    const strict = runPlanSummary([pr.plan], { outdir: base, requireReachability: true });
    expect(strict.exitCode).toBe(1);
    expect(strict.output).toContain('reachability: not evaluated: ');
    expect(strict.output).toContain(`the plan of ${PROD} was not made from this synthesized output:\n  ${ROUTE()}.transit_gateway_id: the plan sets null, the synth "\${data.aws_ssm_parameter.`);
    expect(strict.output.trimEnd().split('\n').pop()).toBe(
      `FAIL: no connectivity-impacting change in 1 stack; the reachability diff could not be evaluated: ${pr.plan}: the plan of ${PROD} was not made from this synthesized output`,
    );
    const lenient = runPlanSummary([pr.plan], { outdir: base });
    expect(lenient.exitCode).toBe(0);
    expect(lenient.output.split('\n')[0]).toMatch(/^reachability: not evaluated: .*was not made from this synthesized output/);
  });

  test('an output without the recorded config, or none at all, is named', () => {
    const pr = retargetToIgw();
    fs.rmSync(path.join(pr.outdir, RECORDED_CONFIG_FILE));
    expect(runPlanSummary([pr.plan], { outdir: pr.outdir, requireReachability: true, json: true })).toMatchObject({ exitCode: 1 });
    expect(JSON.parse(runPlanSummary([pr.plan], { outdir: pr.outdir, json: true }).output).reachability).toEqual({
      evaluated: false,
      reason: `${pr.outdir} has no ${RECORDED_CONFIG_FILE} (synthesized by an older version of lz): run \`lz synth\` again`,
    });
    const missing = path.join(tempDir('lz-reach-'), 'cdktf.out');
    expect(JSON.parse(runPlanSummary([pr.plan], { outdir: missing, json: true }).output).reachability.reason).toBe(
      `no synthesized output at ${missing}: name the \`lz synth\` output the plans were made from with --out`,
    );
  });

  test('a plan is placed by --stack per file, else by its Stack tag or file name, else by its resource addresses', () => {
    const route = retargetToIgw();
    const anonymous = path.join(tempDir('lz-reach-'), 'tfplan.json');
    const plan = JSON.parse(fs.readFileSync(route.plan, 'utf8'));
    delete plan.configuration;
    fs.writeFileSync(anonymous, JSON.stringify(plan));
    const byAddress = JSON.parse(runPlanSummary([anonymous], { outdir: route.outdir, requireReachability: true, json: true }).output);
    expect(byAddress.stacks[0].stack).toBe('tfplan');
    expect(byAddress.reachability.stacks).toEqual([PROD]);
    expect(byAddress.reachability.intents).toHaveLength(5);
    // Two stacks planned together, each named: one diff over both.
    const record = address(HUB, 'aws_route53_record', 'endpoint-zones/record-ssm-apex');
    const alias = pullRequest(HUB, (json) => delete json.resource.aws_route53_record[record.split('.')[1]]);
    fs.copyFileSync(path.join(alias.outdir, 'stacks', HUB, 'cdk.tf.json'), path.join(route.outdir, 'stacks', HUB, 'cdk.tf.json'));
    const both = runPlanSummary([alias.plan, anonymous], { outdir: route.outdir, requireReachability: true, json: true, stack: [HUB, PROD] });
    const json = JSON.parse(both.output);
    expect(json.reachability.stacks).toEqual([HUB, PROD]);
    expect(intents(json)).toEqual(['I2 shop-prod: proved → refuted', 'I3 shop-prod: proved → refuted', 'I4 shop-prod: proved → refuted', 'I6 shop-prod: proved → refuted', 'I6 shop-dev: proved → refuted', 'I9 shop-prod: proved → refuted']);
    expect(runPlanSummary([alias.plan, anonymous], { stack: [HUB] }).exitCode).toBe(2);
  });
});

describe('reachability diff: the renderings', () => {
  test('markdown: the diff is the first section, before the resource-level view, with one row per flow', () => {
    const rule = address(PROD, 'aws_vpc_security_group_ingress_rule', 'alb/security-group/ingress-tcp-443-from-allowed-clients-0-0-0-0-0');
    const pr = pullRequest(PROD, (json) => delete json.resource.aws_vpc_security_group_ingress_rule[rule.split('.')[1]]);
    const md = runPlanSummary([pr.plan], { outdir: pr.outdir, markdown: true }).output;
    const lines = md.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '## Terraform plan summary',
      '',
      '❌ 3 reachability violations (2 flows, 1 intent result): review them, then re-run with `--allow-connectivity-impact` if they are intended.',
      '',
      '### Reachability diff',
      '',
    ]);
    expect(md.indexOf('### Reachability diff')).toBeLessThan(md.indexOf(`### \`${PROD}\``));
    const group = address(PROD, 'aws_security_group', 'alb/security-group/sg');
    expect(lines).toContain('**Newly denied** (2, 2 against an intent)');
    expect(lines).toContain(
      `| ✗ | internet 198.51.100.10 → alb alb_load-balancer (public-1) tcp/443 | allowed → **denied** | \`${group}\`: no ingress rule of security group shop-shop-prod-alb allows tcp/443 from 198.51.100.10 | \`${rule}\` | I1 requires it (held, now fails) |`,
    );
    expect(lines).toContain(`- ✗ **I1** shop-prod: proved → **refuted** at \`${group}\`; changed by \`${rule}\``);
  });
});
