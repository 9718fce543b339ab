/**
 * Inspection proofs on examples/inspected.yaml: the network model reads the firewall (endpoints per
 * AZ, policy summary, logging) and the routes to its endpoints; I10-I12 are proved on the unmutated
 * output; each injected fault (a route around the firewall, appliance mode off, a missing return
 * route) refutes an intent whose evidence names the bypass hop.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../analysis/run';
import type { AnalysisResult } from '../../analysis/findings';
import { graphFromJson } from '../../analysis/graph/load';
import { buildNetwork } from '../../analysis/network/build';
import { synthesize } from '../../cli/synth';
import { parseConfig } from '../../config/load';
import { readStacks } from '../helpers/analysis';
import { tempDir } from '../helpers/temp';

type Stacks = ReturnType<typeof readStacks>;
type Body = Record<string, any>;

const HUB = 'shop-hub';
const NOW = new Date('2026-12-06T00:00:00Z');
const lz = parseConfig(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'inspected.yaml'), 'utf8'), 'inspected.yaml').landingZone;

/** The resource of `type` in `stack` whose construct path ends with `suffix`: [name, body]. */
function find(stacks: Stacks, stack: string, type: string, suffix: string): [string, Body] {
  const json = stacks.find((s) => s.name === stack)!.json;
  const hits = Object.entries((json.resource?.[type] ?? {}) as Record<string, Body>).filter(([, b]) => (b['//']?.metadata?.path as string).endsWith(`/${suffix}`));
  if (hits.length !== 1) throw new Error(`expected one ${type} at */${suffix} in ${stack}, found ${hits.length}`);
  return hits[0];
}
function remove(stacks: Stacks, stack: string, type: string, suffix: string): void {
  const [name] = find(stacks, stack, type, suffix);
  delete stacks.find((s) => s.name === stack)!.json.resource[type][name];
}

describe('inspection on examples/inspected.yaml', () => {
  const dir = synthesize(lz, path.join(tempDir('lz-inspection-'), 'cdktf.out')).outdir;
  const run = (mutate?: (s: Stacks) => void): AnalysisResult => {
    const stacks = readStacks(dir);
    mutate?.(stacks);
    return analyze(graphFromJson(stacks), lz, { now: NOW });
  };
  const verdicts = (r: AnalysisResult, ids: readonly string[]) => r.intents.filter((i) => ids.includes(i.id)).map((i) => `${i.id} ${i.subject} ${i.status}`);

  test('the model holds the firewall: one endpoint per AZ in the firewall subnets, the policy summary and ALERT + FLOW logging', () => {
    const model = buildNetwork(graphFromJson(readStacks(dir)), { onPremises: lz.onPremises.cidrs });
    const [fw] = model.firewalls!;
    const subnetName = (id: string) => model.subnets.find((s) => s.id === id)?.name;
    expect({ name: fw.name, vpc: model.vpcs.find((v) => v.id === fw.vpc)?.name, endpoints: fw.endpoints.map((e) => [subnetName(e.subnet), e.az]) }).toEqual({
      name: 'shop-inspection-firewall',
      vpc: 'shop-inspection',
      endpoints: [
        ['shop-inspection-firewall-1', 'ap-northeast-2a'],
        ['shop-inspection-firewall-2', 'ap-northeast-2b'],
        ['shop-inspection-firewall-3', 'ap-northeast-2c'],
      ],
    });
    expect(fw.policy).toMatchObject({
      statelessDefaultActions: ['aws:forward_to_sfe'],
      statefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
      ruleOrder: 'STRICT_ORDER',
      homeNet: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
    });
    expect(fw.policy!.ruleGroups.map((g) => [g.priority, g.managed, g.managed ? g.group : g.group.replace(/^.*\.inspection_policy_([\w-]+)_[0-9A-F]{8}$/, '$1')])).toEqual([
      [10, true, 'ThreatSignaturesMalwareStrictOrder'],
      [20, true, 'ThreatSignaturesBotnetStrictOrder'],
      [30, true, 'MalwareDomainsStrictOrder'],
      [40, false, 'suricata'],
      [50, false, 'east-west'],
      [60, false, 'domains'],
    ]);
    expect(fw.logging.map((l) => [l.type, l.destinationType])).toEqual([
      ['ALERT', 'S3'],
      ['FLOW', 'S3'],
    ]);
    // Attachment subnets route to the endpoint of their own AZ; segment tables are tagged.
    const tgwTables = model.routeTables.filter((t) => /^shop-inspection-tgw-/.test(t.name));
    expect(tgwTables.map((t) => t.routes.map((r) => [r.destination, r.target.kind, 'az' in r.target ? r.target.az : undefined]))).toEqual(
      ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'].map((az) => [['0.0.0.0/0', 'firewall', az]]),
    );
    expect(Object.fromEntries(model.tgwRouteTables.filter((t) => t.inspection).map((t) => [t.name, t.inspection]))).toEqual({
      prod: { state: 'inspected' },
      nonprod: { state: 'inspected' },
      shared: { state: 'inspected' },
      sandbox: { state: 'opted-out', reason: 'sandbox: no production data, experiments only; firewall processing cost not justified' },
    });
    expect(model.tgwAttachments.filter((a) => a.applianceMode === true).map((a) => a.id)).toEqual([expect.stringContaining('inspection_vpc_attachment')]);
  });

  test('unmutated: I10-I12 proved, the sandbox reported as opted out, no finding', () => {
    const result = run();
    expect(result.intents.filter((i) => i.status !== 'proved').map((i) => `${i.id} ${i.subject}: ${i.evidence}`)).toEqual([]);
    expect(verdicts(result, ['I10', 'I11'])).toEqual(['I10 shop-prod proved', 'I10 shop-dev proved', 'I10 sandbox proved', 'I11 shop-prod proved', 'I11 shop-dev proved', 'I11 sandbox proved']);
    expect(result.intents.find((i) => i.id === 'I10' && i.subject === 'sandbox')!.evidence).toBe('✓ segment sandbox: opted out of inspection: sandbox: no production data, experiments only; firewall processing cost not justified');
    const prod = result.intents.find((i) => i.id === 'I10' && i.subject === 'shop-prod')!.evidence;
    // Both directions cross the endpoint of one AZ.
    expect(prod.match(/firewall shop-inspection-firewall endpoint ap-northeast-2a/g)).toHaveLength(2);
    const egress = result.intents.find((i) => i.id === 'I11' && i.subject === 'shop-prod')!.evidence;
    expect(egress).toMatch(/firewall shop-inspection-firewall endpoint ap-northeast-2a → .* → nat shop-egress\/public-1/);
    expect(result.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  test('I12 names each on-premises route of an inspected segment as not inspected, and stays proved', () => {
    // docs/inspection.md: hybrid traffic is out of inspection's scope; the proof says so rather than overstate it.
    const i12 = run().intents.filter((i) => i.id === 'I12');
    expect(i12.every((i) => i.status === 'proved')).toBe(true);
    const notInspected = (subject: string) =>
      i12
        .find((i) => i.subject === subject)!
        .evidence.split('\n')
        .filter((l) => l.includes('not inspected'));
    for (const segment of ['prod', 'nonprod', 'shared']) {
      expect(notInspected(`tgw-rt ${segment}`)).toEqual([
        `✓ tgw-rt ${segment} on-premises 10.10.0.0/16 → dx-attachment direct-connect_gateway (propagated): not inspected: on-premises traffic (hub.inspection has no hybrid option)`,
        `✓ tgw-rt ${segment} on-premises 10.10.0.0/16 → vpn-attachment vpn_vpn-dc-backup (propagated): not inspected: on-premises traffic (hub.inspection has no hybrid option)`,
      ]);
    }
    // The inspected checks are still there; the opted-out segment and the egress table list no on-premises route.
    expect(i12.find((i) => i.subject === 'tgw-rt prod')!.evidence).toContain('✓ tgw-rt prod internet (0.0.0.0/0): 0.0.0.0/0 → attachment shop-inspection (static)');
    expect(notInspected('tgw-rt sandbox')).toEqual([]);
    expect(notInspected('tgw-rt egress')).toEqual([]);
  });

  test('fault: a route around the firewall (the prod table loses its static route to the endpoints VPC) refutes I10 and I12 naming the propagated route', () => {
    const result = run((s) => remove(s, HUB, 'aws_ec2_transit_gateway_route', 'segment-prod-inspected/to-hub-endpoints'));
    const i10 = result.intents.find((i) => i.id === 'I10' && i.subject === 'shop-prod')!;
    expect(i10.status).toBe('refuted');
    expect(i10.evidence).toContain('the request bypasses Network Firewall shop-inspection-firewall, which the reply crosses in ap-northeast-2b');
    expect(i10.evidence).toContain('bypass: tgw-rt prod 10.254.0.0/24→attachment shop-endpoints (propagated)');
    const i12 = result.intents.find((i) => i.id === 'I12' && i.subject === 'tgw-rt prod')!;
    expect(i12.status).toBe('refuted');
    expect(i12.evidence).toMatch(/✗ tgw-rt prod hub endpoints VPC \(10\.254\.0\.0\/24\): bypass: 10\.254\.0\.0\/24 → attachment shop-endpoints \(propagated route .*propagation-prod.*\)/);
    expect(i12.culprit).toMatch(/endpoints-attachment_propagation-prod/);
    expect(result.exitCode).toBe(1);
  });

  test('fault: appliance mode off refutes I10 (asymmetric endpoints) and I12 (the attachment)', () => {
    const result = run((s) => void (find(s, HUB, 'aws_ec2_transit_gateway_vpc_attachment', 'inspection/vpc/attachment')[1].appliance_mode_support = 'disable'));
    const i10 = result.intents.find((i) => i.id === 'I10' && i.subject === 'shop-prod')!;
    expect(i10.status).toBe('refuted');
    expect(i10.evidence).toContain('asymmetric: the request crossed Network Firewall shop-inspection-firewall in ap-northeast-2a, the reply in ap-northeast-2b');
    expect(i10.culprit).toMatch(/inspection_vpc_attachment/);
    const i12 = result.intents.find((i) => i.id === 'I12' && i.subject === 'inspection VPC')!;
    expect(i12.status).toBe('refuted');
    expect(i12.evidence).toContain('attachment shop-inspection appliance mode: off: a reply from another AZ crosses another firewall endpoint');
  });

  test('fault: a missing return route (egress table) refutes I11 and I12 naming the propagated return', () => {
    const result = run((s) => remove(s, HUB, 'aws_ec2_transit_gateway_route', 'egress-returns-inspected/to-spoke-shop-prod'));
    const i11 = result.intents.find((i) => i.id === 'I11' && i.subject === 'shop-prod')!;
    expect(i11.status).toBe('refuted');
    expect(i11.evidence).toContain('the reply bypasses Network Firewall shop-inspection-firewall, which the request crossed in ap-northeast-2a');
    expect(i11.evidence).toContain('bypass: tgw-rt egress 172.16.0.0/16→attachment shop-prod (propagated)');
    const i12 = result.intents.find((i) => i.id === 'I12' && i.subject === 'tgw-rt egress')!;
    expect(i12.status).toBe('refuted');
    expect(i12.evidence).toContain('✗ tgw-rt egress return to spoke shop-prod (172.16.0.0/16): bypass: 172.16.0.0/16 → attachment shop-prod (propagated');
    // The other inspected spoke keeps its return route.
    expect(result.intents.find((i) => i.id === 'I11' && i.subject === 'shop-dev')!.status).toBe('proved');
  });

  test('fault: an inspected spoke with a NAT route of its own refutes I12 for it', () => {
    const result = run((s) => {
      const spoke = s.find((x) => x.name === 'shop-spoke-shop-prod')!.json;
      const [, route] = Object.entries(spoke.resource.aws_route as Record<string, Body>).find(([, b]) => (b['//'].metadata.path as string).endsWith('rt-db-ap-northeast-2a-default'))!;
      delete route.transit_gateway_id;
      route.gateway_id = `\${aws_internet_gateway.${Object.keys(spoke.resource.aws_internet_gateway)[0]}.id}`;
    });
    const i12 = result.intents.find((i) => i.id === 'I12' && i.subject === 'shop-prod')!;
    expect(i12.status).toBe('refuted');
    expect(i12.evidence).toContain('db-ap-northeast-2a 0.0.0.0/0→igw: bypass: workload subnets of an inspected segment leave through a internet gateway of their own');
  });
});

describe('LZ-LOG03 and LZ-NFW01/02 on examples/inspected.yaml', () => {
  const dir = synthesize(lz, path.join(tempDir('lz-inspection-rules-'), 'cdktf.out')).outdir;
  const run = (mutate: (s: Stacks) => void): AnalysisResult => {
    const stacks = readStacks(dir);
    mutate(stacks);
    return analyze(graphFromJson(stacks), lz, { now: NOW });
  };
  const messages = (r: AnalysisResult, rule: string) => r.findings.filter((f) => f.rule === rule && !f.suppressed).map((f) => f.message);

  test('firewall logs below a prefix the archive does not admit are refused by LZ-LOG03', () => {
    const result = run((s) => {
      for (const d of find(s, HUB, 'aws_networkfirewall_logging_configuration', 'inspection/firewall/logging')[1].logging_configuration.log_destination_config) d.log_destination.prefix = 'nfw';
    });
    expect(messages(result, 'LZ-LOG03')).toEqual([expect.stringMatching(/^log delivery from account 111111111111 to arn:aws:s3:::shop-logs-222222222222-ap-northeast-2\/nfw is refused: .*bucket policy/)]);
  });

  test('a stateful default that only alerts is LZ-NFW01; dropping FLOW logging is LZ-NFW02', () => {
    const result = run((s) => {
      find(s, HUB, 'aws_networkfirewall_firewall_policy', 'inspection/policy/policy')[1].firewall_policy.stateful_default_actions = ['aws:alert_established'];
      const logging = find(s, HUB, 'aws_networkfirewall_logging_configuration', 'inspection/firewall/logging')[1].logging_configuration;
      logging.log_destination_config = logging.log_destination_config.filter((d: Body) => d.log_type !== 'FLOW');
    });
    expect(messages(result, 'LZ-NFW01')).toEqual(['policy shop-inspection-policy of firewall shop-inspection-firewall: stateful default actions [aws:alert_established] drop nothing (use aws:drop_established or aws:drop_strict)']);
    expect(messages(result, 'LZ-NFW02')).toEqual(['firewall shop-inspection-firewall does not log FLOW']);
    expect(result.exitCode).toBe(1);
  });
});
