/**
 * Segment isolation (I3) decides most spoke pairs from witness queries (analysis/intents/
 * segment-classes.ts). On a generated 12-spoke landing zone (two segments of six, several spokes per
 * segment and AZ) the shortcut must give exactly the results of querying every pair, on the clean
 * output and under each fault that breaks the assumptions it rests on, while querying far fewer pairs.
 */
import * as path from 'node:path';
import { graphFromJson } from '../../analysis/graph/load';
import { evaluateIntents } from '../../analysis/intents';
import type { IntentId, IntentResult } from '../../analysis/intents/types';
import { buildNetwork } from '../../analysis/network/build';
import * as reachModule from '../../analysis/reach/reach';
import { observeReach } from '../../analysis/reach/observe';
import { generateConfig } from '../../bench/generate';
import { synthesize } from '../../cli/synth';
import { parseConfig } from '../../config/load';
import type { LandingZone } from '../../config/model';
import { readStacks } from '../helpers/analysis';
import { tempDir } from '../helpers/temp';

type Stacks = ReturnType<typeof readStacks>;
type Body = Record<string, any>;

let lz: LandingZone;
let outdir: string;

beforeAll(() => {
  lz = parseConfig(generateConfig(12, 1), 'generated.yaml').landingZone;
  outdir = synthesize(lz, path.join(tempDir('lz-classes-'), 'cdktf.out')).outdir;
});

const spoke = (name: string) => lz.spokes.find((s) => s.name === name)!;
const stackOf = (stacks: Stacks, name: string) => stacks.find((s) => s.name === `bench-spoke-${name}`)!.json;

function add(stacks: Stacks, name: string, type: string, id: string, body: Body): void {
  const json = stackOf(stacks, name);
  json.resource[type] ??= {};
  json.resource[type][id] = { '//': { metadata: { path: `bench-spoke-${name}/injected/${id}`, uniqueId: id } }, ...body };
}

function only(json: Body, type: string, pathSuffix: string): [string, Body] {
  const hits = Object.entries((json.resource?.[type] ?? {}) as Record<string, Body>).filter(([, b]) => (b['//']?.metadata?.path as string).endsWith(pathSuffix));
  if (hits.length !== 1) throw new Error(`expected one ${type} at *${pathSuffix}, found ${hits.length}`);
  return hits[0];
}

/** The expression a spoke uses for its own TGW association's route table, with the data source it reads copied into `into`. */
function tableOf(stacks: Stacks, into: string, from: string): string {
  const [, association] = only(stackOf(stacks, from), 'aws_ec2_transit_gateway_route_table_association', 'tgw-attachment/association');
  const expression = association.transit_gateway_route_table_id as string;
  const source = /^\$\{data\.([\w-]+)\.([\w-]+)\./.exec(expression);
  if (source) {
    const target = stackOf(stacks, into);
    target.data ??= {};
    target.data[source[1]] ??= {};
    target.data[source[1]][source[2]] ??= stackOf(stacks, from).data[source[1]][source[2]];
  }
  return expression;
}
const attachmentOf = (stacks: Stacks, name: string) => `\${aws_ec2_transit_gateway_vpc_attachment.${only(stackOf(stacks, name), 'aws_ec2_transit_gateway_vpc_attachment', 'tgw-attachment/attachment')[0]}.id}`;

/**
 * The intents as the shortcuts compute them (I3's here, I5's other-spokes check) and as querying every
 * pair computes them (an observer turns the shortcuts off), with the query counts of `ids`.
 */
function both(stacks: Stacks, ids: IntentId[] = ['I3']): { fast: IntentResult[]; full: IntentResult[]; fastQueries: number; fullQueries: number } {
  const network = buildNetwork(graphFromJson(stacks), { onPremises: lz.onPremises.cidrs });
  const spy = jest.spyOn(reachModule, 'reach');
  try {
    const fast = evaluateIntents(network, lz, ids);
    const fastQueries = spy.mock.calls.length;
    spy.mockClear();
    const full = observeReach({ query: () => undefined, expectation: () => undefined }, () => evaluateIntents(network, lz, ids));
    return { fast, full, fastQueries, fullQueries: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

const shape = (results: readonly IntentResult[]) => results.map((r) => ({ subject: r.subject, status: r.status, evidence: r.evidence, culprit: r.culprit, matrix: r.matrix }));

/** Runs the intents both ways and requires identical results (every intent); returns the subjects I3 refutes. */
function compare(stacks: Stacks): { refuted: string[]; fastQueries: number; fullQueries: number } {
  const { fast, full } = both(stacks, ['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'I9']);
  expect(shape(fast)).toEqual(shape(full));
  const i3 = both(stacks);
  return { refuted: i3.fast.filter((r) => r.status !== 'proved').map((r) => r.subject), fastQueries: i3.fastQueries, fullQueries: i3.fullQueries };
}

describe('I3 shortcut (segment-classes.ts)', () => {
  test('I5 decides the other spokes by the Client VPN authorization rules: one query per spoke with a Client VPN, the same results', () => {
    const stacks = readStacks(outdir);
    const vpnSpokes = lz.spokes.filter((s) => s.clientVpn).length;
    expect(vpnSpokes).toBeGreaterThanOrEqual(2);
    const { fast, full, fastQueries, fullQueries } = both(stacks, ['I5']);
    expect(shape(fast)).toEqual(shape(full));
    expect(fast.map((r) => r.status)).toEqual(Array(vpnSpokes).fill('proved'));
    // Each other spoke VPC costs three queries (tcp 22, 443 and the database port) when queried.
    expect(fullQueries - fastQueries).toBe(vpnSpokes * (lz.spokes.length - 2) * 3);
  });

  test('clean output: every pair proved, the same results as querying every pair, with far fewer queries', () => {
    const { refuted, fastQueries, fullQueries } = compare(readStacks(outdir));
    expect(refuted).toEqual([]);
    // 12 spokes: 132 spoke pairs plus the endpoints VPC and on-premises per spoke when queried one by one.
    expect(fullQueries).toBeGreaterThanOrEqual(132);
    expect(fastQueries).toBeLessThan(fullQueries * 0.6);
  });

  test('a NACL rule in one destination that denies one source spoke: that pair refuted, same as the full check', () => {
    const stacks = readStacks(outdir);
    const json = stackOf(stacks, 's000-web');
    const [vpc] = Object.keys(json.resource.aws_vpc as Record<string, Body>);
    const all = { protocol: '-1', from_port: 0, to_port: 0, cidr_block: '0.0.0.0/0', action: 'allow', rule_no: 100 };
    add(stacks, 's000-web', 'aws_network_acl', 'deny-one-source', {
      vpc_id: `\${aws_vpc.${vpc}.id}`,
      subnet_ids: Object.keys(json.resource.aws_subnet as Record<string, Body>).map((id) => `\${aws_subnet.${id}.id}`),
      ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_block: spoke('s002-web').vpc.cidr, action: 'deny', rule_no: 1 }, all],
      egress: [all],
    });
    const { refuted } = compare(stacks);
    expect(refuted).toEqual(['s002-web']);
  });

  test('a route in one source VPC that sends one peer spoke to the internet gateway: that pair refuted both ways, same as the full check', () => {
    const stacks = readStacks(outdir);
    const json = stackOf(stacks, 's000-web');
    const [igw] = Object.keys(json.resource.aws_internet_gateway as Record<string, Body>);
    for (const id of Object.keys(json.resource.aws_route_table as Record<string, Body>)) {
      add(stacks, 's000-web', 'aws_route', `misroute-${id}`, { route_table_id: `\${aws_route_table.${id}.id}`, destination_cidr_block: spoke('s008-data').vpc.cidr, gateway_id: `\${aws_internet_gateway.${igw}.id}` });
    }
    const { refuted } = compare(stacks);
    // s008-data too: its replies to s000-web come back into the misrouted table.
    expect(refuted).toEqual(['s000-web', 's008-data']);
  });

  test('a prod spoke propagated into the nonprod table: nonprod requests delivered into it refute nonprod spokes, same as the full check', () => {
    const stacks = readStacks(outdir);
    add(stacks, 's001-data', 'aws_ec2_transit_gateway_route_table_propagation', 'prod-into-nonprod', {
      provider: 'aws.hub',
      transit_gateway_attachment_id: attachmentOf(stacks, 's001-data'),
      transit_gateway_route_table_id: tableOf(stacks, 's001-data', 's003-dev'),
    });
    const { refuted } = compare(stacks);
    const nonprod = lz.spokes.filter((s) => s.segment === 'nonprod').map((s) => s.name);
    expect(refuted).toEqual(expect.arrayContaining(nonprod));
  });

  test('a blackhole for one prod spoke in the prod table: prod sources refuted for that spoke, same as the full check', () => {
    const stacks = readStacks(outdir);
    add(stacks, 's010-data', 'aws_ec2_transit_gateway_route', 'blackhole-one', {
      provider: 'aws.hub',
      destination_cidr_block: spoke('s010-data').vpc.cidr,
      blackhole: true,
      transit_gateway_route_table_id: tableOf(stacks, 's010-data', 's010-data'),
    });
    const { refuted } = compare(stacks);
    const otherProd = lz.spokes.filter((s) => s.segment === 'prod' && s.name !== 's010-data').map((s) => s.name);
    expect(refuted).toEqual(expect.arrayContaining(otherProd));
  });
});
