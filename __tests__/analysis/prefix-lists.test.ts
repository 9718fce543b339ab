/**
 * The analysis follows prefix lists: a VPC route, a security-group rule or a Transit Gateway reference
 * that names a customer-managed list stands for the list's entries (a spoke's reference arrives through
 * the hub's published value), and a list that cannot be resolved is unknown, never a pass.
 */
import * as path from 'node:path';
import { synthesize } from '../../cli/synth';
import { graphFromJson } from '../../analysis/graph/load';
import { buildNetwork } from '../../analysis/network/build';
import type { NetworkModel } from '../../analysis/network/types';
import { analyze } from '../../analysis/run';
import { LandingZone } from '../../config/model';
import { loadWith } from '../helpers/config';
import { readStacks, stackNamed } from '../helpers/analysis';
import { tempDir } from '../helpers/temp';
import { vpcRouteTables } from '../../report/routing';
import { readSynthesized } from '../../report/synthesized';

const INTERNAL = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const HUB_LIST = 'shop-hub:aws_ec2_managed_prefix_list.prefix-lists_list-internal_C1420B7C';

let lz: LandingZone;
let outdir: string;
let model: NetworkModel;
beforeAll(() => {
  lz = loadWith((c) => (c.hub.transitGateway.prefixLists = true)).landingZone;
  outdir = synthesize(lz, path.join(tempDir('lz-pl-analysis-'), 'cdktf.out')).outdir;
  model = buildNetwork(graphFromJson(readStacks(outdir)), { onPremises: lz.onPremises.cidrs });
});

describe('network model over prefix lists', () => {
  test("a spoke's route to the published internal list is one route per entry of the hub's list", () => {
    const vpc = model.vpcs.find((v) => v.name === 'shop-prod')!;
    const table = model.routeTables.find((t) => t.vpc === vpc.id && t.name === 'shop-prod-public')!;
    const fromList = table.routes.filter((r) => r.prefixList !== undefined);
    expect(fromList.map((r) => [r.destination, r.target.kind, r.prefixList])).toEqual(INTERNAL.map((d) => [d, 'tgw', HUB_LIST]));
    expect(new Set(fromList.map((r) => r.source)).size).toBe(1);
    expect(model.unresolved?.filter((u) => u.field.includes('prefix_list'))).toEqual([]);
  });

  test('the segment blackhole reference is a prefix-list blackhole route per entry', () => {
    const prod = model.tgwRouteTables.find((t) => t.name === 'prod')!;
    expect(prod.routes.filter((r) => r.origin === 'prefix-list').map((r) => [r.destination, r.target.kind])).toEqual(INTERNAL.map((d) => [d, 'blackhole']));
  });

  test('the endpoints security group admits each entry of the list on 443', () => {
    const sg = model.securityGroups.find((g) => g.name === 'shop-endpoints-interface-endpoints')!;
    expect(sg.ingress.map((r) => [r.peer.kind === 'cidr' ? r.peer.cidr : r.peer.kind, r.peer.kind === 'cidr' ? r.peer.prefixList : undefined, r.fromPort])).toEqual(INTERNAL.map((c) => [c, HUB_LIST, 443]));
  });
});

describe('REPORT.md routes with prefix lists', () => {
  test('the public route table of shop-prod shows each entry of the internal list, named', () => {
    const prod = vpcRouteTables(readSynthesized(outdir)).find((v) => v.vpc === 'shop-prod')!;
    const publicGroup = prod.groups.find((g) => g.tables.includes('rt-public'))!;
    expect(publicGroup.routes.filter((r) => r.destination.includes('prefix list'))).toEqual(INTERNAL.map((d) => ({ destination: `${d} (prefix list shop-internal)`, target: 'Transit Gateway' })));
  });
});

describe('proofs with prefix lists', () => {
  test('every intent proved, as with literal routes', () => {
    const result = analyze(graphFromJson(readStacks(outdir)), lz, { now: new Date('2026-12-06') });
    expect(result.summary.intents).toEqual({ proved: result.intents.length, refuted: 0, unknown: 0 });
    expect(result.exitCode).toBe(0);
  });

  test('a route to a list the stacks do not hold is unknown: the check fails instead of passing', () => {
    const stacks = readStacks(outdir);
    const spoke = stackNamed(stacks, 'shop-spoke-shop-prod').json;
    const [name] = Object.entries(spoke.resource.aws_route as Record<string, { destination_prefix_list_id?: string }>).find(([, r]) => r.destination_prefix_list_id !== undefined)!;
    spoke.resource.aws_route[name].destination_prefix_list_id = 'pl-0123456789abcdef0';
    const graph = graphFromJson(stacks);
    const broken = buildNetwork(graph, { onPremises: lz.onPremises.cidrs });
    expect(broken.unresolved?.filter((u) => u.field === 'destination_prefix_list_id').map((u) => u.reason)).toEqual(['the literal "pl-0123456789abcdef0" names nothing in the synthesized stacks']);
    const result = analyze(graph, lz, { now: new Date('2026-12-06') });
    expect(result.summary.intents.unknown).toBeGreaterThan(0);
    expect(result.exitCode).toBe(1);
  });

  test('a list whose entry is computed is unknown too', () => {
    const stacks = readStacks(outdir);
    const hub = stackNamed(stacks, 'shop-hub').json;
    hub.resource.aws_ec2_managed_prefix_list['prefix-lists_list-internal_C1420B7C'].entry[0].cidr = '${aws_vpc.egress_vpc_9B996558.ipv6_cidr_block}';
    const graph = graphFromJson(stacks);
    expect(buildNetwork(graph, { onPremises: lz.onPremises.cidrs }).unresolved?.filter((u) => u.reason.includes('an entry of')).length).toBeGreaterThan(0);
    const result = analyze(graph, lz, { now: new Date('2026-12-06') });
    expect(result.summary.intents.unknown).toBeGreaterThan(0);
    expect(result.exitCode).toBe(1);
  });
});
