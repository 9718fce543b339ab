/**
 * The report of a config unlike the default: no hub egress (spokes with their own NAT), a segment
 * with isolated attachments, DNS through a Route 53 Profile, us-east-1 prices, no placeholders.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../cli/synth';
import { LandingZone } from '../../config/model';
import { estimateCosts } from '../../report/costs';
import { internetReach, segmentMatrix } from '../../report/diagram';
import { priceBookFor } from '../../report/prices';
import { renderReport } from '../../report/render';
import { transitGatewayRouteTables } from '../../report/routing';
import { readSynthesized, SynthesizedApp } from '../../report/synthesized';
import { fixtureLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');

let lz: LandingZone;
let app: SynthesizedApp;
let report: string;
let dir: string;

beforeAll(() => {
  lz = fixtureLandingZone('valid/per-az-and-isolated.yaml');
  dir = tempDir('lz-report-fixture-');
  synthesize(lz, path.join(dir, 'out'));
  app = readSynthesized(path.join(dir, 'out'));
  report = renderReport({ landingZone: lz, synthesized: app, configName: 'per-az-and-isolated.yaml', prices: priceBookFor(lz.region) });
});

describe('report of per-az-and-isolated.yaml', () => {
  test('no placeholder warning for real-looking account ids, and a valid Mermaid diagram', () => {
    expect(report).not.toContain('Placeholder account ids');
    const file = path.join(dir, 'REPORT.md');
    fs.writeFileSync(file, report);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-mermaid.mjs'), file], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('ok 1 flowchart-v2');
    expect(result.status).toBe(0);
  });

  test('route tables without egress; the isolated segment reaches only services', () => {
    expect(transitGatewayRouteTables(lz, app).map((t) => t.name)).toEqual(['prod', 'isolated', 'services', 'onprem']);
    const isolated = transitGatewayRouteTables(lz, app).find((t) => t.name === 'isolated')!;
    expect(isolated.routes.map((r) => `${r.destination} ${r.target} ${r.kind}`)).toEqual(['10.30.0.0/24 VPC acme-endpoints propagated']);
    // Internet from the synthesized routes: payments egresses through its own NAT, batch (egress none) and the endpoints VPC not at all.
    const matrix = segmentMatrix(lz, internetReach(lz, app));
    expect(matrix.header).toEqual(['segment (attachments)', 'prod', 'isolated', 'services', 'on-premises', 'internet']);
    expect(matrix.rows.map((r) => [r[0], r[5]])).toEqual([['**prod** (payments)', '✓'], ['**isolated** (batch)', '✗'], ['**services** (endpoints VPC)', '✗']]);
    expect(matrix.rows[1]).toEqual(['**isolated** (batch)', '✗', '✗ (isolated attachments)', '✓', '✗', '✗']);
  });

  test('costs at us-east-1 prices: a Route 53 Profile hour per spoke account, NAT gateways in the spoke that egresses locally', () => {
    expect(report).toContain('| Route 53 Profile (account with VPC associations) | `acme-spoke-batch` (210987654322) | 1 × 730 h | $0.75 | $547.50 |');
    expect(report).toContain('| NAT gateways | `acme-spoke-payments` (210987654321) | 3 × 730 h | $0.045 | $98.55 |');
    expect(report).toContain('**Sharing mode: `route53-profile`.**');
  });

  test('with two Profile accounts centralizing costs more, and the report says so with the number', () => {
    const prices = JSON.parse(fs.readFileSync(path.join(ROOT, 'report', 'prices', 'us-east-1.json'), 'utf8')) as { prices: Record<string, { usd: number }> };
    const p = (key: string) => prices.prices[key].usd;
    // Hub: 5 endpoints in 2 AZs, the endpoints VPC attachment, one Profile account-hour per spoke.
    const central = 10 * 730 * p('interfaceEndpointHourPerAz') + 730 * p('tgwAttachmentHour') + 2 * 730 * p('route53ProfileHour');
    // payments: the 5 services in 3 AZs; batch already runs ssm, ssmmessages, ec2messages (and kms, logs) itself: s3 and execute-api in 2 AZs.
    const perVpc = (5 * 3 + 2 * 2) * 730 * p('interfaceEndpointHourPerAz');
    const c = estimateCosts(lz, app, priceBookFor(lz.region)).comparison!;
    expect([c.centralUsd, c.perVpcUsd]).toEqual([expect.closeTo(central, 6), expect.closeTo(perVpc, 6)]);
    expect(report).toContain('**Centralizing costs $1,065.80 a month more** with 2 spokes.');
    expect(report).toContain('and $547.50 centrally (its account\'s Route 53 Profile hours).');
  });
});
