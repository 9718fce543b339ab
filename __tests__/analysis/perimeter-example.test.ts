/**
 * examples/perimeter.yaml through the analysis: the internet intents stay proved with DNS Firewall and
 * bidirectional Block Public Access because the config's exclusions keep central egress and the ALB
 * open, the perimeter rules pass, and removing an exclusion from the synthesized JSON refutes exactly
 * the intent whose path it kept open, naming the Block Public Access setting.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { graphFromJson } from '../../analysis/graph/load';
import { evaluateIntents } from '../../analysis/intents/evaluate';
import type { IntentResult } from '../../analysis/intents/types';
import { buildNetwork } from '../../analysis/network/build';
import { rule as bpa01 } from '../../analysis/rules/network/block-public-access';
import { rule as dnsfw01 } from '../../analysis/rules/network/dns-firewall-every-vpc';
import { synthesize } from '../../cli/synth';
import { parseConfig } from '../../config/load';
import type { LandingZone } from '../../config/model';
import { readStacks, stackNamed } from '../helpers/analysis';
import { tempDir } from '../helpers/temp';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'perimeter.yaml');

let lz: LandingZone;
let outdir: string;

beforeAll(() => {
  lz = parseConfig(fs.readFileSync(EXAMPLE, 'utf8'), 'perimeter.yaml').landingZone;
  outdir = synthesize(lz, path.join(tempDir('lz-perimeter-'), 'cdktf.out')).outdir;
});

/** Intents over the example's stacks after `change` edits their JSON. */
function intents(change: (stacks: ReturnType<typeof readStacks>) => void = () => undefined): IntentResult[] {
  const stacks = readStacks(outdir);
  change(stacks);
  return evaluateIntents(buildNetwork(graphFromJson(stacks), { onPremises: lz.onPremises.cidrs }), lz, ['I1', 'I2']);
}
const statuses = (rs: readonly IntentResult[]) => rs.map((r) => `${r.id} ${r.subject}: ${r.status}`);

test('the internet intents hold under bidirectional Block Public Access with the exclusions of the config', () => {
  expect(statuses(intents())).toEqual(['I1 shop-prod: proved', 'I1 shop-dev: proved', 'I1 hub shop-endpoints: proved', 'I1 hub shop-egress: proved', 'I2 shop-prod: proved', 'I2 shop-dev: proved']);
});

test('DNS Firewall covers every VPC and every account with VPCs blocks public access', () => {
  const graph = graphFromJson(readStacks(outdir));
  expect(dnsfw01.check(graph)).toEqual([]);
  expect(bpa01.check(graph)).toEqual([]);
});

test('without the egress exclusions, central egress is refuted at the hub Block Public Access setting', () => {
  const results = intents((stacks) => {
    const hub = stackNamed(stacks, 'shop-hub').json;
    delete hub.resource.aws_vpc_block_public_access_exclusion;
    for (const o of Object.values(hub.resource.aws_vpc_block_public_access_options) as { depends_on?: unknown }[]) delete o.depends_on;
  });
  const i2 = results.filter((r) => r.id === 'I2');
  expect(i2.map((r) => [r.subject, r.status, r.culprit])).toEqual([
    ['shop-prod', 'refuted', expect.stringMatching(/^shop-hub:aws_vpc_block_public_access_options\./)],
    ['shop-dev', 'refuted', expect.stringMatching(/^shop-hub:aws_vpc_block_public_access_options\./)],
  ]);
  expect(results.filter((r) => r.id === 'I1').every((r) => r.status === 'proved')).toBe(true);
});

test('without the ALB exclusions, the internet no longer reaches the load balancer of shop-prod', () => {
  const results = intents((stacks) => {
    const prod = stackNamed(stacks, 'shop-spoke-shop-prod').json;
    delete prod.resource.aws_vpc_block_public_access_exclusion;
    for (const o of Object.values(prod.resource.aws_vpc_block_public_access_options) as { depends_on?: unknown }[]) delete o.depends_on;
  });
  const prod = results.find((r) => r.id === 'I1' && r.subject === 'shop-prod')!;
  expect([prod.status, prod.culprit]).toEqual(['refuted', expect.stringMatching(/^shop-spoke-shop-prod:aws_vpc_block_public_access_options\./)]);
  expect(statuses(results.filter((r) => r !== prod)).every((s) => s.endsWith('proved'))).toBe(true);
});
