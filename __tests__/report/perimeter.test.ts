/**
 * The "Inspection and perimeter" section and the perimeter's cost lines, on examples/perimeter.yaml
 * (DNS Firewall, bidirectional Block Public Access) and on that output with a two-AZ Network Firewall
 * added to the hub JSON in its own VPC (what the inspection VPC synthesizes), priced from the Seoul file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../cli/synth';
import { parseConfig } from '../../config/load';
import type { LandingZone } from '../../config/model';
import { estimateCosts } from '../../report/costs';
import { perimeterData, renderPerimeter } from '../../report/perimeter';
import { priceBookFor } from '../../report/prices';
import { renderReport } from '../../report/render';
import { readSynthesized, SynthesizedApp } from '../../report/synthesized';
import { defaultLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const prices = JSON.parse(fs.readFileSync(path.join(ROOT, 'report', 'prices', 'ap-northeast-2.json'), 'utf8')) as { prices: Record<string, { usd: number }> };
const p = (key: string) => prices.prices[key].usd;

let lz: LandingZone;
let app: SynthesizedApp;

beforeAll(() => {
  lz = parseConfig(fs.readFileSync(path.join(ROOT, 'examples', 'perimeter.yaml'), 'utf8'), 'perimeter.yaml').landingZone;
  const outdir = path.join(tempDir('lz-perimeter-report-'), 'cdktf.out');
  synthesize(lz, outdir);
  app = readSynthesized(outdir);
});

/** The app with a firewall of two endpoints in a VPC that has its own Transit Gateway attachment. */
function withFirewall(base: SynthesizedApp): SynthesizedApp {
  const stacks = base.stacks.map((s) => {
    if (s.name !== 'shop-hub') return s;
    const json = JSON.parse(JSON.stringify(s.json));
    json.resource.aws_vpc.inspection = { cidr_block: '10.253.0.0/24', tags: { Name: 'shop-inspection' } };
    json.resource.aws_subnet['fw-a'] = { vpc_id: '${aws_vpc.inspection.id}', availability_zone: 'ap-northeast-2a', cidr_block: '10.253.0.0/28' };
    json.resource.aws_subnet['fw-b'] = { vpc_id: '${aws_vpc.inspection.id}', availability_zone: 'ap-northeast-2b', cidr_block: '10.253.0.16/28' };
    json.resource.aws_ec2_transit_gateway_vpc_attachment.inspection = { vpc_id: '${aws_vpc.inspection.id}', appliance_mode_support: 'enable' };
    json.resource.aws_networkfirewall_firewall = {
      fw: { name: 'shop-inspection', vpc_id: '${aws_vpc.inspection.id}', subnet_mapping: [{ subnet_id: '${aws_subnet.fw-a.id}' }, { subnet_id: '${aws_subnet.fw-b.id}' }] },
    };
    return { ...s, json };
  });
  return { ...base, stacks };
}

describe('Inspection and perimeter section', () => {
  test('the default config says it has none of them', () => {
    const outdir = path.join(tempDir('lz-default-report-'), 'cdktf.out');
    const def = defaultLandingZone();
    synthesize(def, outdir);
    const text = renderPerimeter(perimeterData(def, readSynthesized(outdir), priceBookFor(def.region)), priceBookFor(def.region));
    expect(text).toBe('## Inspection and perimeter\n\nNo Network Firewall, DNS Firewall or VPC Block Public Access in this config (`hub.inspection`, `hub.dnsFirewall`, `blockPublicAccess`).');
  });

  test('DNS Firewall: the rules in the order they run, every association, and the cost of the user domains', () => {
    const book = priceBookFor(lz.region)!;
    const data = perimeterData(lz, app, book);
    expect(data.dnsFirewall?.rules.map((r) => `${r.priority} ${r.action} ${r.list}`)).toEqual([
      '100 ALLOW shop-dns-firewall-allow',
      '200 BLOCK shop-dns-firewall-block',
      '300 BLOCK AWSManagedDomainsAggregateThreatList',
      '310 BLOCK AWSManagedDomainsBotnetCommandandControl',
    ]);
    expect(data.dnsFirewall?.associations.map((a) => `${a.workspace} ${a.name} ${a.failOpen}`).sort()).toEqual([
      'shop-hub shop-egress-dns-firewall false',
      'shop-hub shop-endpoints-dns-firewall false',
      'shop-spoke-shop-dev shop-shop-dev-vpc-dns-firewall false',
      'shop-spoke-shop-prod shop-shop-prod-vpc-dns-firewall false',
    ]);
    expect(data.dnsFirewall?.userDomains).toBe(3);
    expect(data.costs?.dnsFirewallDomainsUsd).toBeCloseTo(3 * p('dnsFirewallDomainMonth'), 10);
    const text = renderPerimeter(data, book);
    expect(text).toContain('| 300 | `shop-dns-firewall-AWSManagedDomainsAggregateThreatList` | BLOCK | AWSManagedDomainsAggregateThreatList |');
    expect(text).toContain('| `shop-spoke-shop-prod` | `shop-shop-prod-vpc-dns-firewall` | fail closed (query blocked) |');
  });

  test('Block Public Access: the mode of every account and every exclusion with its reason', () => {
    const data = perimeterData(lz, app, priceBookFor(lz.region));
    expect([...data.blockPublicAccess.settings].sort((a, b) => a.workspace.localeCompare(b.workspace))).toEqual([
      { workspace: 'shop-hub', account: '111111111111', mode: 'block-bidirectional' },
      { workspace: 'shop-spoke-shop-dev', account: '444444444444', mode: 'block-bidirectional' },
      { workspace: 'shop-spoke-shop-prod', account: '333333333333', mode: 'block-bidirectional' },
    ]);
    expect(data.blockPublicAccess.exclusions.map((e) => `${e.workspace} ${e.target} ${e.mode}`).sort()).toEqual([
      'shop-hub subnet shop-egress-public-1 allow-egress',
      'shop-hub subnet shop-egress-public-2 allow-egress',
      'shop-hub subnet shop-egress-public-3 allow-egress',
      'shop-spoke-shop-prod subnet shop-prod-public-1 allow-bidirectional',
      'shop-spoke-shop-prod subnet shop-prod-public-2 allow-bidirectional',
    ]);
    expect(renderPerimeter(data, priceBookFor(lz.region))).toContain('| `shop-spoke-shop-prod` | subnet shop-prod-public-1 | `allow-bidirectional` | Internet-facing ALB for shop.example.com and api.example.com |');
  });

  test('Network Firewall: endpoints per AZ priced beside the uninspected design, with the per-GB rate', () => {
    const book = priceBookFor(lz.region)!;
    const fw = withFirewall(app);
    const data = perimeterData(lz, fw, book);
    expect(data.firewalls).toEqual([{ workspace: 'shop-hub', name: 'shop-inspection', endpoints: 2, azs: ['ap-northeast-2a', 'ap-northeast-2b'], ownAttachment: true }]);
    const endpoints = 2 * 730 * p('networkFirewallEndpointHour');
    const attachment = 730 * p('tgwAttachmentHour');
    expect(data.costs).toMatchObject({ inspectedUsd: endpoints + attachment, perGbInspected: p('networkFirewallPerGb') + p('tgwPerGb') });
    const text = renderPerimeter(data, book);
    expect(text).toContain('| **total** | **$0.00** | **$627.80** |');
    expect((endpoints + attachment).toFixed(2)).toBe('627.80');
    // The fixed cost lines carry the endpoints and the user domains too.
    const lines = estimateCosts(lz, fw, book).lines.filter((l) => l.price === 'networkFirewallEndpointHour' || l.price === 'dnsFirewallDomainMonth');
    expect(lines.map((l) => [l.workspace, l.quantity, l.monthly?.toFixed(2)])).toEqual([
      ['shop-hub', 2, endpoints.toFixed(2)],
      ['shop-hub', 3, (3 * p('dnsFirewallDomainMonth')).toFixed(2)],
    ]);
  });

  test('REPORT.md has the section between Findings and Costs', () => {
    const report = renderReport({ landingZone: lz, synthesized: app, configName: 'perimeter.yaml', prices: priceBookFor(lz.region) });
    const at = (h: string) => report.indexOf(`\n## ${h}\n`);
    expect(at('Findings')).toBeLessThan(at('Inspection and perimeter'));
    expect(at('Inspection and perimeter')).toBeLessThan(at('Costs'));
  });
});

describe('Inspection and perimeter section with hub.inspection (examples/inspected.yaml)', () => {
  let inspectedLz: LandingZone;
  let inspectedApp: SynthesizedApp;

  beforeAll(() => {
    inspectedLz = parseConfig(fs.readFileSync(path.join(ROOT, 'examples', 'inspected.yaml'), 'utf8'), 'inspected.yaml').landingZone;
    const outdir = path.join(tempDir('lz-inspected-report-'), 'cdktf.out');
    synthesize(inspectedLz, outdir);
    inspectedApp = readSynthesized(outdir);
  });

  test('the policy summary: default actions, rule order, HOME_NET, log destinations and the rule groups by priority', () => {
    const data = perimeterData(inspectedLz, inspectedApp, undefined);
    const policy = data.firewalls[0].policy!;
    expect(policy).toMatchObject({
      name: 'shop-inspection-policy',
      statelessDefaultActions: ['aws:forward_to_sfe'],
      statefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
      ruleOrder: 'STRICT_ORDER',
      homeNet: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
    });
    expect(policy.ruleGroups.map((g) => `${g.priority} ${g.name} ${g.kind} ${g.capacity ?? '-'}`)).toEqual([
      '10 ThreatSignaturesMalwareStrictOrder AWS managed -',
      '20 ThreatSignaturesBotnetStrictOrder AWS managed -',
      '30 MalwareDomainsStrictOrder AWS managed -',
      '40 shop-inspection-suricata-100 Suricata 100',
      '50 shop-inspection-east-west pass 10',
      '60 shop-inspection-egress-domains-100 domain allow-list 100',
    ]);
    expect(data.firewalls[0].logging?.map((l) => `${l.type} ${l.destinationType} ${l.destination}`)).toEqual([
      'ALERT S3 shop-logs-222222222222-ap-northeast-2/flow-logs',
      'FLOW S3 shop-logs-222222222222-ap-northeast-2/flow-logs',
    ]);

    const text = renderPerimeter(data, undefined);
    for (const row of [
      'Policy `shop-inspection-policy` of `shop-inspection-firewall`:',
      '| stateless default actions | `aws:forward_to_sfe` (fragments: `aws:forward_to_sfe`) |',
      '| stateful rule order | `STRICT_ORDER` |',
      '| stateful default actions | `aws:drop_established`, `aws:alert_established` |',
      '| HOME_NET | `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16` |',
      '| ALERT logs | S3 `shop-logs-222222222222-ap-northeast-2/flow-logs` |',
      '| FLOW logs | S3 `shop-logs-222222222222-ap-northeast-2/flow-logs` |',
      '| 10 | `ThreatSignaturesMalwareStrictOrder` | AWS managed | — | AWS managed rules, kept current by AWS |',
      '| 40 | `shop-inspection-suricata-100` | Suricata | 100 | 1 rule |',
      '| 50 | `shop-inspection-east-west` | pass | 10 | `pass ip $HOME_NET any -> $HOME_NET any` |',
      '| 60 | `shop-inspection-egress-domains-100` | domain allow-list | 100 | 3 domains on TLS_SNI and HTTP_HOST: `.amazonaws.com`, `.example.com`, `.ubuntu.com` |',
    ]) {
      expect(text).toContain(row);
    }
  });

  test('every segment inspected or opted out, with the opt-out reason from the route table tags', () => {
    const data = perimeterData(inspectedLz, inspectedApp, undefined);
    expect(data.segments).toEqual([
      { segment: 'prod', inspected: true },
      { segment: 'nonprod', inspected: true },
      { segment: 'shared', inspected: true },
      { segment: 'sandbox', inspected: false, reason: 'sandbox: no production data, experiments only; firewall processing cost not justified' },
    ]);
    const text = renderPerimeter(data, undefined);
    expect(text).toContain(
      [
        '| segment | inspection | reason |',
        '| --- | --- | --- |',
        '| `prod` | inspected | — |',
        '| `nonprod` | inspected | — |',
        '| `shared` | inspected | — |',
        '| `sandbox` | opted out | sandbox: no production data, experiments only; firewall processing cost not justified |',
      ].join('\n'),
    );
  });

  test('REPORT.md: the opt-out reason, the inspection VPC in the overview, IP plan and hub role', () => {
    const report = renderReport({ landingZone: inspectedLz, synthesized: inspectedApp, configName: 'inspected.yaml', prices: priceBookFor(inspectedLz.region) });
    expect(report).toContain('| `sandbox` | opted out | sandbox: no production data, experiments only; firewall processing cost not justified |');
    expect(report).toContain('3 spokes and 6 VPCs in `ap-northeast-2`');
    expect(report).toContain('| hub inspection | `10.253.0.0/25` | 128 | 96 | 66 | 32 |');
    expect(report).toContain('| `shop-hub` | 111111111111 | Transit Gateway, egress, inspection (Network Firewall), shared endpoints, DNS, hybrid |');
  });

  test('without hub.inspection no segment table', () => {
    expect(perimeterData(lz, app, undefined).segments).toBeUndefined();
    expect(renderPerimeter(perimeterData(lz, app, undefined), undefined)).not.toContain('| segment | inspection | reason |');
  });
});
