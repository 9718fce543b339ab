import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../cli/synth';
import { LandingZone } from '../../config/model';
import { estimateCosts, renderCosts } from '../../report/costs';
import { internetReach, segmentMatrix, topologyMermaid } from '../../report/diagram';
import { renderAccess } from '../../report/access';
import { renderDns } from '../../report/dns';
import { AnalysisSummary, FULL_EVIDENCE_SUBJECTS, parseAnalysisSummary, renderFindings } from '../../report/findings';
import { PRICE_BOOKS, priceBookFor } from '../../report/prices';
import { REPORT_SECTIONS, renderReport, ReportInput } from '../../report/render';
import { transitGatewayRouteTables, vpcRouteTables } from '../../report/routing';
import { readSynthesized, SynthesizedApp } from '../../report/synthesized';
import { defaultLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');

let lz: LandingZone;
let app: SynthesizedApp;
let input: ReportInput;
let report: string;
let outdir: string;

beforeAll(() => {
  lz = defaultLandingZone();
  outdir = path.join(tempDir('lz-report-'), 'cdktf.out');
  synthesize(lz, outdir);
  app = readSynthesized(outdir);
  input = { landingZone: lz, synthesized: app, configName: 'landing-zone.yaml', prices: priceBookFor(lz.region) };
  report = renderReport(input);
});

/** The text of one `## ` section. */
function section(title: string): string {
  const start = report.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(0);
  const next = report.indexOf('\n## ', start + 1);
  return report.slice(start, next < 0 ? undefined : next);
}

/** The rows of the first Markdown table after `marker` in `text`, as trimmed cells. */
function tableAfter(text: string, marker: string): string[][] {
  const from = text.indexOf(marker);
  expect(from).toBeGreaterThanOrEqual(0);
  const lines = text.slice(from).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(2, -2).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

describe('REPORT.md of the default config', () => {
  test('has every section, in order, and a table of contents linking them', () => {
    const positions = REPORT_SECTIONS.map(([title]) => report.indexOf(`\n## ${title}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(report).toContain('[Overview](#overview) · [Diagram](#diagram) · [IP plan](#ip-plan) · [Address pools](#address-pools) · [Routing](#routing) · [DNS](#dns) · [Access](#access) · [Findings](#findings) · [Inspection and perimeter](#inspection-and-perimeter) · [Costs](#costs)');
    expect(report.startsWith('# Network report: shop\n')).toBe(true);
  });

  test('is deterministic and holds no machine path', () => {
    expect(renderReport(input)).toBe(report);
    expect(report).not.toContain(outdir);
    expect(report).not.toContain(path.dirname(outdir));
    expect(report).not.toMatch(/\/(tmp|home|Users|work)\//);
  });

  test('warns about the placeholder account ids', () => {
    expect(report).toContain('> **Placeholder account ids** (`111111111111`, `222222222222`, `333333333333`, `444444444444`): replace them in the config before deploying.');
  });

  test("overview: every workspace with its account, resource count from the JSON and apply order", () => {
    const rows = tableAfter(section('Overview'), '| workspace');
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['`shop-hub`', '111111111111', '`shop-log-archive`'],
      ['`shop-log-archive`', '222222222222', '—'],
      ['`shop-spoke-shop-dev`', '444444444444', '`shop-hub`, `shop-log-archive`'],
      ['`shop-spoke-shop-prod`', '333333333333', '`shop-spoke-shop-prod-vpn-pki`, `shop-hub`, `shop-log-archive`'],
      ['`shop-spoke-shop-prod-vpn-pki`', '333333333333', '—'],
    ]);
    const hubJson = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'shop-hub', 'cdk.tf.json'), 'utf8'));
    const hubResources = Object.values(hubJson.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(rows[0][3]).toBe(hubResources.toLocaleString('en-US'));
  });
});

describe('IP plan section', () => {
  test("shop-prod: the seed's subnets with 251 usable per /24 and 4,091 per /20, the /28 attachment subnets, totals and free ranges", () => {
    const rows = tableAfter(section('IP plan'), '### spoke shop-prod');
    expect(rows).toEqual([
      ['`public-1`', 'ap-northeast-2a', 'public', '`172.16.1.0/24`', '256', '251'],
      ['`public-2`', 'ap-northeast-2c', 'public', '`172.16.2.0/24`', '256', '251'],
      ['`web-1`', 'ap-northeast-2a', 'app', '`172.16.32.0/20`', '4,096', '4,091'],
      ['`web-2`', 'ap-northeast-2c', 'app', '`172.16.48.0/20`', '4,096', '4,091'],
      ['`db-1`', 'ap-northeast-2a', 'db', '`172.16.128.0/20`', '4,096', '4,091'],
      ['`db-2`', 'ap-northeast-2b', 'db', '`172.16.144.0/20`', '4,096', '4,091'],
      ['`db-3`', 'ap-northeast-2c', 'db', '`172.16.160.0/20`', '4,096', '4,091'],
      ['`tgw-1` ¹', 'ap-northeast-2a', 'tgw', '`172.16.0.0/28`', '16', '11'],
      ['`tgw-2` ¹', 'ap-northeast-2b', 'tgw', '`172.16.0.16/28`', '16', '11'],
      ['`tgw-3` ¹', 'ap-northeast-2c', 'tgw', '`172.16.0.32/28`', '16', '11'],
      ['**total**', '', '', '`172.16.0.0/16`', '**21,040**', '**20,990**'],
    ]);
    expect(section('IP plan')).toContain(
      '21,040 of 65,536 addresses are in subnets; 44,496 are free: `172.16.0.48/28`, `172.16.0.64/26`, `172.16.0.128/25`, `172.16.3.0/24`, `172.16.4.0/22`, `172.16.8.0/21`, `172.16.16.0/20`, `172.16.64.0/18`, `172.16.176.0/20`, `172.16.192.0/18`.',
    );
  });

  test('summary table: one row per VPC with addresses, usable and free space', () => {
    expect(tableAfter(section('IP plan'), '| VPC |')).toEqual([
      ['hub egress', '`10.255.0.0/24`', '256', '240', '210', '16'],
      ['hub endpoints', '`10.254.0.0/24`', '256', '240', '210', '16'],
      ['spoke shop-prod', '`172.16.0.0/16`', '65,536', '21,040', '20,990', '44,496'],
      ['spoke shop-dev', '`172.20.0.0/16`', '65,536', '10,784', '10,744', '54,752'],
    ]);
  });
});

describe('routing section', () => {
  test('Transit Gateway route tables in the hub order with their route counts', () => {
    const tables = transitGatewayRouteTables(lz, app);
    expect(tables.map((t) => [t.name, t.routes.length])).toEqual([
      ['prod', 8],
      ['nonprod', 8],
      ['shared', 9],
      ['egress', 2],
      ['onprem', 3],
    ]);
    const kinds = tables.flatMap((t) => t.routes.map((r) => r.kind));
    expect([kinds.filter((k) => k === 'static').length, kinds.filter((k) => k === 'blackhole').length, kinds.filter((k) => k === 'propagated').length]).toEqual([3, 9, 18]);
  });

  test('prod: default to the egress VPC, blackholed supernets, propagated own, shared and on-premises ranges; never nonprod', () => {
    const rows = tableAfter(section('Routing'), '#### Route table `prod`');
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['`0.0.0.0/0`', 'VPC shop-egress', 'static'],
      ['`10.0.0.0/8`', '—', '**blackhole**'],
      ['`10.10.0.0/16`', 'Direct Connect gateway shop-dx', 'propagated'],
      ['`10.10.0.0/16`', 'VPN shop-vpn-dc-backup', 'propagated'],
      ['`10.254.0.0/24`', 'VPC shop-endpoints', 'propagated'],
      ['`172.16.0.0/12`', '—', '**blackhole**'],
      ['`172.16.0.0/16`', 'VPC shop-prod', 'propagated'],
      ['`192.168.0.0/16`', '—', '**blackhole**'],
    ]);
    expect(section('Routing')).toContain('Associated: VPC shop-prod. 8 routes.');
    expect(section('Routing')).toContain('Associated: Direct Connect gateway shop-dx, VPN shop-vpn-dc-backup. 3 routes.');
  });

  test('Direct Connect allowed prefixes with the VPCs inside them, and the VPC left out', () => {
    // allowedPrefixes: auto, one prefix per VPC range on-premises reaches, in address order.
    expect(tableAfter(section('Routing'), '### Direct Connect allowed prefixes')).toEqual([
      ['`10.254.0.0/24`', 'hub endpoints 10.254.0.0/24'],
      ['`172.16.0.0/16`', 'spoke shop-prod 172.16.0.0/16'],
      ['`172.20.0.0/16`', 'spoke shop-dev 172.20.0.0/16'],
    ]);
    expect(section('Routing')).toContain('Not advertised (on-premises cannot reach them): hub egress 10.255.0.0/24.');
  });

  test('VPC route tables grouped by identical routes, with subnets and the S3 gateway endpoint', () => {
    const prod = vpcRouteTables(app).find((v) => v.vpc === 'shop-prod')!;
    expect(prod.groups.map((g) => [g.tables.length, g.subnets, g.routes.map((r) => `${r.destination} → ${r.target}`)])).toEqual([
      [5, ['web-1', 'web-2', 'db-1', 'db-2', 'db-3'], ['172.16.0.0/16 → local', '0.0.0.0/0 → Transit Gateway', 'S3 prefix list → gateway endpoint']],
      [1, ['public-1', 'public-2'], ['172.16.0.0/16 → local', '0.0.0.0/0 → internet gateway', '10.0.0.0/8 → Transit Gateway', '172.16.0.0/12 → Transit Gateway', '192.168.0.0/16 → Transit Gateway']],
      [3, ['tgw-1', 'tgw-2', 'tgw-3'], ['172.16.0.0/16 → local']],
    ]);
    expect(section('Routing')).toContain('| `rt-app-<az>` ×2, `rt-db-<az>` ×3 | web-1, web-2, db-1, db-2, db-3 |');
    const egress = vpcRouteTables(app).find((v) => v.vpc === 'shop-egress')!;
    expect(egress.groups.map((g) => g.routes[1]?.target)).toEqual(['internet gateway', 'NAT gateway shop-egress-nat-public-1', 'NAT gateway shop-egress-nat-public-2', 'NAT gateway shop-egress-nat-public-3']);
  });
});

describe('DNS section', () => {
  test('zone-association: eight zones with records, resolving in the endpoints, egress and both spoke VPCs', () => {
    const dns = section('DNS');
    expect(dns).toContain('**Sharing mode: `zone-association`.**');
    const zones = tableAfter(dns, '| service | private hosted zone |');
    expect(zones).toHaveLength(8);
    expect(zones[0]).toEqual(['`ssm`', '`ssm.ap-northeast-2.amazonaws.com`', 'apex', 'organization principals only']);
    expect(zones[7]).toEqual(['`ecr.dkr`', '`dkr.ecr.ap-northeast-2.amazonaws.com`', '`*`', 'organization principals only']);
    expect(dns).toContain('Zones resolve in: `shop-endpoints` (8 zones), `shop-egress` (8 zones), `shop-dev` (8 zones), `shop-prod` (8 zones).');
  });

  test('Resolver endpoints with their ENIs, and the forwarding rule associated with both spokes', () => {
    const dns = section('DNS');
    expect(tableAfter(dns, '### Route 53 Resolver endpoints').map((r) => r.slice(0, 4))).toEqual([
      ['inbound', 'ap-northeast-2a `10.254.0.10`<br>ap-northeast-2b (address assigned at apply)', 'TCP/UDP 53 from routed internal addresses (on-premises `10.10.0.0/16`, spokes)', '2 ENIs × untracked 10,000 qps = 20,000 qps'],
      ['outbound', 'ap-northeast-2a<br>ap-northeast-2b<br>ap-northeast-2c', 'to the rule targets', '3 ENIs × untracked 10,000 qps = 30,000 qps'],
    ]);
    expect(dns).toContain('**Capacity is a choice:** each Resolver ENI answers up to 10,000 UDP queries per second when its security group leaves DNS untracked, and as few as 1,500 when it tracks connections');
    expect(tableAfter(dns, '### Forwarding rules')).toEqual([['`corp.example.internal`', '`10.10.0.2:53`, `10.10.0.3:53`', '`shop-dev`, `shop-prod`']]);
    expect(dns).toContain('`terraform -chdir=cdktf.out/stacks/shop-hub output resolver_inbound_ips`');
  });

  test('capacity follows the synthesized rules: a narrowed inbound rule shows the tracked figure', () => {
    const hub = app.stacks.find((s) => s.name === 'shop-hub')!;
    const rules = hub.json.resource!.aws_vpc_security_group_ingress_rule as Record<string, Record<string, unknown>>;
    const udp = Object.entries(rules).find(([name]) => name.startsWith('resolver-inbound_security-group_ingress-udp-53-from-anywhere'))!;
    const narrowed = { ...app, stacks: app.stacks.map((s) => (s === hub ? { ...s, json: { ...s.json, resource: { ...s.json.resource, aws_vpc_security_group_ingress_rule: { ...rules, [udp[0]]: { ...udp[1], cidr_ipv4: '10.10.0.0/16' } } } } } : s)) };
    const dns = renderDns(lz, narrowed);
    expect(tableAfter(dns, '### Route 53 Resolver endpoints')[0][3]).toBe('2 ENIs × UDP tracked: as low as 1,500 qps = 3,000 qps');
  });

  test('capacity of a rule whose range is known only at apply is said to be unknown, not guessed', () => {
    const hub = app.stacks.find((s) => s.name === 'shop-hub')!;
    const rules = hub.json.resource!.aws_vpc_security_group_ingress_rule as Record<string, Record<string, unknown>>;
    const udp = Object.entries(rules).find(([name]) => name.startsWith('resolver-inbound_security-group_ingress-udp-53-from-anywhere'))!;
    const computed = { ...app, stacks: app.stacks.map((s) => (s === hub ? { ...s, json: { ...s.json, resource: { ...s.json.resource, aws_vpc_security_group_ingress_rule: { ...rules, [udp[0]]: { ...udp[1], cidr_ipv4: '${var.onprem}' } } } } } : s)) };
    expect(tableAfter(renderDns(lz, computed), '### Route 53 Resolver endpoints')[0][3]).toBe('2 ENIs; connection tracking unknown before apply (`${var.onprem}`)');
  });
});

describe('access section', () => {
  test('the exact Session Manager, Instance Connect and VPN profile commands for shop-prod', () => {
    const access = section('Access');
    expect(access).toContain('```sh\naws ssm start-session --target <instance-id> --region ap-northeast-2\n');
    const eice = /```sh\n(aws ec2-instance-connect ssh[^`]*)\n```/.exec(access)![1];
    expect(eice.replace(/ \\\n {4}/g, ' ')).toBe(
      'aws ec2-instance-connect ssh --instance-id <instance-id> --os-user ec2-user --connection-type eice --eice-options endpointId=<ec2-instance-connect-endpoint-id>,maxTunnelDuration=3600 --region ap-northeast-2',
    );
    // The same command the spoke workspace outputs, with the endpoint id left to fill in.
    const output = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'shop-spoke-shop-prod', 'cdk.tf.json'), 'utf8')).output.instance_connect_command.value as string;
    expect(output.replace(/\$\{aws_ec2_instance_connect_endpoint\.[^}]+\}/, '<ec2-instance-connect-endpoint-id>')).toBe(eice.replace(/ \\\n {4}/g, ' '));
    expect(access).toContain('`terraform -chdir=cdktf.out/stacks/shop-spoke-shop-prod output -raw instance_connect_command`');
    expect(access).toContain('```sh\nnpm run lz -- vpn-profile --spoke shop-prod --user alice\nnpm run lz -- vpn-profile --spoke shop-prod --user bob\n```');
    expect(access).toContain('Instances need the instance profile `shop-shop-prod-ssm-instance`');
    expect(tableAfter(access, '| host |')).toEqual([
      ['`shop.example.com`', '8080', 'HTTP', '`/health`'],
      ['`api.example.com`', '8081', 'HTTP', '`/health`'],
    ]);
  });

  test('who may write VPN profiles and which hold a key: operators who read the PKI state; a user who brought a request keeps the key', () => {
    const access = section('Access');
    expect(access).toContain(
      'an operator who may read the state of `shop-spoke-shop-prod-vpn-pki` (nobody else can) writes each profile (mode 0600) with `lz vpn-profile`; a profile holds the user\'s private key: hand it over out of band and delete it after (docs/client-vpn.md).',
    );
    const withCsr = { ...lz, spokes: lz.spokes.map((s, i) => (i === 0 ? { ...s, clientVpn: { ...s.clientVpn!, csrs: { bob: { file: 'bob.csr', pem: '' } } } } : s)) };
    expect(renderAccess(withCsr, app)).toContain("a profile holds the user's private key (except for `bob`, who brought a certificate request and keeps the key): hand it over out of band");
  });

  test('every Client VPN certificate with its validity and early renewal, and where the real expiry dates are', () => {
    const access = section('Access');
    expect(tableAfter(access, '| certificate |')).toEqual([
      ['CA', '3,650 days after issue', 'by the first apply from day 3,620 (30 days ahead)'],
      ['server', '365 days after issue', 'by the first apply from day 335 (30 days ahead)'],
      ['client alice', '825 days after issue', 'by the first apply from day 795 (30 days ahead)'],
      ['client bob', '825 days after issue', 'by the first apply from day 795 (30 days ahead)'],
    ]);
    expect(access).toContain('`terraform -chdir=cdktf.out/stacks/shop-spoke-shop-prod-vpn-pki output -json certificate_expiry` prints each expiry');
    expect(access).toContain('a user removed from the config is refused from the next apply on');
    // The output the command reads exists in the PKI workspace.
    const pki = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'shop-spoke-shop-prod-vpn-pki', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(pki.output.certificate_expiry.value).sort()).toEqual(['ca', 'client:alice', 'client:bob', 'server']);
  });

  test('certificates without early renewal (the old PKI) are called out as an outage', () => {
    const pkiName = 'shop-spoke-shop-prod-vpn-pki';
    const old = {
      ...app,
      stacks: app.stacks.map((st) => {
        if (st.name !== pkiName) return st;
        const strip = (byName: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(byName).map(([n, b]) => [n, { ...b, early_renewal_hours: undefined }]));
        const resource = st.json.resource as Record<string, Record<string, Record<string, unknown>>>;
        return { ...st, json: { ...st.json, resource: { ...resource, tls_self_signed_cert: strip(resource.tls_self_signed_cert), tls_locally_signed_cert: strip(resource.tls_locally_signed_cert) } } };
      }),
    };
    const access = renderReport({ ...input, synthesized: old });
    const rows = tableAfter(access.slice(access.indexOf('\n## Access\n')), '| certificate |');
    expect(rows.map((r) => r[2])).toEqual(Array(4).fill('**never early**: replaced only after it expired (an outage)'));
  });

  test('shop-dev has Session Manager only', () => {
    expect(tableAfter(section('Access'), '| spoke |')).toEqual([
      ['`shop-prod`', 'central endpoints', '`web-1`', '2 users', '2 hosts'],
      ['`shop-dev`', 'central endpoints', '—', '—', '—'],
    ]);
  });
});

describe('diagram section', () => {
  test('the topology is valid Mermaid: the real parser accepts every block of the written report', () => {
    const file = path.join(outdir, 'REPORT.md');
    fs.writeFileSync(file, report);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-mermaid.mjs'), file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ok 1 flowchart-v2');
    expect(result.status).toBe(0);
  });

  test('the parser check fails on a broken diagram (so the test above can fail)', () => {
    const file = path.join(path.dirname(outdir), 'broken.md');
    fs.writeFileSync(file, `${report.replace('flowchart TB', 'flowchart TB\n  n_x[unclosed --> n_y')}`);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-mermaid.mjs'), file], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^error 1 Parse error/);
  });

  test('every edge joins nodes or subgraphs the diagram defines (no typo creates a stray node)', () => {
    const text = topologyMermaid(lz);
    const defined = new Set([...text.matchAll(/^\s*(?:subgraph\s+)?(n_[A-Za-z0-9_]+)(?=[[({])/gm)].map((m) => m[1]));
    const edges = [...text.matchAll(/^\s*(n_[A-Za-z0-9_]+)\s+[-=.<>]+(?:\|"[^"]*"\|)?\s+(n_[A-Za-z0-9_]+)\s*$/gm)];
    expect(edges.length).toBeGreaterThan(15);
    const undefinedEnds = edges.flatMap((m) => [m[1], m[2]]).filter((id) => !defined.has(id));
    expect(undefinedEnds).toEqual([]);
  });

  test('shows the accounts, the Transit Gateway with its route tables, hybrid links, egress, endpoints, Resolver and every access path', () => {
    const text = topologyMermaid(lz);
    for (const expected of [
      'subgraph n_hub["Hub account 111111111111"]',
      'n_tgw{{"Transit Gateway<br/>ASN 64512<br/>route tables: prod, nonprod, shared, egress, onprem"}}',
      'n_dc ==>|"Direct Connect"| n_dxgw',
      'n_dc -.->|"IPsec backup"| n_s2s',
      'n_nat["3 NAT gateways<br/>one per AZ"]',
      'n_resolver["Route 53 Resolver<br/>inbound · 2 ENIs<br/>outbound forwards<br/>corp.example.internal"]',
      'subgraph n_spoke_shop_prod["shop-prod · account 333333333333 · segment prod"]',
      'n_tgw ---|"prod"| n_vpc_shop_prod',
      'n_operators -->|"SSM"| n_ssm_shop_prod',
      'n_operators -->|"SSH"| n_eic_shop_prod',
      'n_developers -->|"OpenVPN"| n_cvpn_shop_prod',
      'n_internet -->|"HTTPS"| n_alb_shop_prod',
      'n_tgw ---|"nonprod"| n_vpc_shop_dev',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('n_eic_shop_dev');
  });

  test('segment matrix: prod and nonprod never reach each other, both reach shared, on-premises and the internet; the endpoints VPC does not', () => {
    // From the synthesized routes: the endpoints VPC's subnets have no default route, whatever the shared segment's central egress.
    const internet = internetReach(lz, app);
    expect([...internet]).toEqual([
      ['shop-prod', true],
      ['shop-dev', true],
      ['endpoints VPC', false],
    ]);
    expect(segmentMatrix(lz, internet)).toEqual({
      header: ['segment (attachments)', 'prod', 'nonprod', 'shared', 'on-premises', 'internet'],
      rows: [
        ['**prod** (shop-prod)', '✓', '✗', '✓', '✓', '✓'],
        ['**nonprod** (shop-dev)', '✗', '✓', '✓', '✓', '✓'],
        ['**shared** (endpoints VPC)', '✓', '✓', '✓', '✓', '✗'],
      ],
    });
    expect(section('Diagram')).toContain('| **shared** (endpoints VPC) | ✓ | ✓ | ✓ | ✓ | ✗ |');
  });

  test('segment matrix: a segment whose attachments differ names each; no internet column when nothing reaches it', () => {
    const mixed = new Map([['shop-prod', true], ['shop-dev', true], ['endpoints VPC', false]]);
    const oneSegment = { ...lz, hub: { ...lz.hub, endpoints: { ...lz.hub.endpoints!, segment: 'prod' } } };
    expect(segmentMatrix(oneSegment, mixed).rows[0]).toEqual(['**prod** (shop-prod, endpoints VPC)', '✓', '✗', '✓', '✓', '✓ shop-prod, ✗ endpoints VPC']);
    expect(segmentMatrix(oneSegment, mixed).rows[2][5]).toBe('—');
    expect(segmentMatrix(lz, new Map([['shop-prod', false], ['shop-dev', false], ['endpoints VPC', false]])).header).not.toContain('internet');
    expect(segmentMatrix(lz).header).not.toContain('internet');
  });
});

describe('findings section', () => {
  const analysis: AnalysisSummary = {
    intents: [
      { id: 'prod-to-shared', title: 'prod reaches the shared endpoints', subject: 'shop-prod → 10.254.0.0/24', status: 'proved', evidence: 'rt prod: 10.254.0.0/24 propagated from the endpoints attachment' },
      { id: 'prod-not-nonprod', title: 'prod never reaches nonprod', subject: 'shop-prod → shop-dev', status: 'refuted', evidence: 'rt prod: 172.20.0.0/16 propagated from shop-dev' },
    ],
    findings: [
      { rule: 'LZ-SG02', title: 'No SSH from the internet', level: 'error', resource: 'shop-spoke-shop-prod/app-tier-sg', message: 'ingress tcp 22 from 0.0.0.0/0' },
      { rule: 'LZ-ALB01', title: 'ALB access logs on', level: 'warning', resource: 'shop-spoke-shop-prod/alb', message: 'access logs disabled', suppressed: { reason: 'logs are shipped by the WAF instead', expires: '2027-01-31' } },
    ],
  };

  test('"analysis not run" without a result', () => {
    expect(section('Findings')).toContain('_Analysis not run._');
  });

  test('intents with their verdicts, open findings, and suppressions with reason and expiry', () => {
    const text = renderFindings(analysis);
    expect(text).toContain('**Verdict: fail** — 1 open error, 1 intent not proved. 2 intents checked, 1 open finding, 1 suppressed finding.');
    expect(tableAfter(text, '### Intents')).toEqual([
      ['`prod-to-shared`', 'prod reaches the shared endpoints', 'shop-prod → 10.254.0.0/24: proved ✅'],
      ['`prod-not-nonprod`', 'prod never reaches nonprod', 'shop-prod → shop-dev: **refuted** ❌'],
    ]);
    // Evidence is folded per intent, and open where something is not proved.
    expect(text).toContain('<details><summary>prod-to-shared evidence (1 subject)</summary>');
    expect(text).toContain('<details open><summary>prod-not-nonprod evidence (1 subject)</summary>');
    expect(text).toContain('shop-prod → shop-dev (refuted)\n  rt prod: 172.20.0.0/16 propagated from shop-dev');
    expect(tableAfter(text, '### Open findings')).toEqual([['`LZ-SG02` No SSH from the internet', '**error**', '`shop-spoke-shop-prod/app-tier-sg`', 'ingress tcp 22 from 0.0.0.0/0']]);
    expect(tableAfter(text, '### Suppressed findings')).toEqual([['`LZ-ALB01` ALB access logs on', '`shop-spoke-shop-prod/alb`', 'logs are shipped by the WAF instead', '2027-01-31']]);
  });

  test('a large landing zone: the evidence of every subject not proved and of the first proved one, the rest counted', () => {
    const subjects = Array.from({ length: FULL_EVIDENCE_SUBJECTS + 5 }, (_, i) => `s${String(i).padStart(3, '0')}`);
    const intents = subjects.map((subject, i) => ({ id: 'I3', title: 'isolation', subject, status: i === 7 ? ('refuted' as const) : ('proved' as const), evidence: `path of ${subject}` }));
    const text = renderFindings({ intents, findings: [] });
    expect(text).toContain(`<details open><summary>I3 evidence (${subjects.length} subjects)</summary>`);
    expect(text).toContain('s000 (proved)\n  path of s000');
    expect(text).toContain('s007 (refuted)\n  path of s007');
    expect(text).not.toContain('path of s001');
    expect(text).toContain(`… and ${subjects.length - 2} more subjects proved: their evidence is in analysis.json`);
    // Every subject still has its row entry with its verdict.
    expect(tableAfter(text, '### Intents')[0][2].split('<br>')).toHaveLength(subjects.length);
    // At the threshold, every subject's evidence is shown.
    const small = renderFindings({ intents: intents.slice(0, FULL_EVIDENCE_SUBJECTS), findings: [] });
    expect(small).toContain(`path of s${String(FULL_EVIDENCE_SUBJECTS - 1).padStart(3, '0')}`);
    expect(small).not.toContain('more subjects proved');
  });

  test('the segment matrix as proved: I3 rows summed per source segment, a contradicting cell marked', () => {
    const row = (subject: string, sourceSegment: string, matrix: { segment: string; expected: boolean; members: number; reachable: number; refuted: number }[]) => ({
      id: 'I3',
      title: 'isolation',
      subject,
      status: matrix.some((m) => m.refuted > 0) ? ('refuted' as const) : ('proved' as const),
      evidence: '…',
      sourceSegment,
      matrix,
    });
    const text = renderFindings({
      intents: [
        row('p1', 'prod', [{ segment: 'prod', expected: true, members: 2, reachable: 2, refuted: 0 }, { segment: 'nonprod', expected: false, members: 1, reachable: 0, refuted: 0 }]),
        row('p2', 'prod', [{ segment: 'prod', expected: true, members: 2, reachable: 2, refuted: 0 }, { segment: 'nonprod', expected: false, members: 1, reachable: 1, refuted: 1 }]),
        row('d1', 'nonprod', [{ segment: 'prod', expected: false, members: 3, reachable: 0, refuted: 0 }]),
      ],
      findings: [],
    });
    expect(tableAfter(text, '### Segment reachability as proved')).toEqual([
      ['`nonprod`', '—', '✅ 0 of 3 delivered (isolated intended)'],
      ['`prod`', '❌ 1 of 2 delivered (isolated intended)', '✅ 4 of 4 delivered (reachable intended)'],
    ]);
    // No I3 matrix (an older analysis.json): no table.
    expect(renderFindings(analysis)).not.toContain('Segment reachability as proved');
  });

  test('a passing analysis says so', () => {
    expect(renderFindings({ intents: [analysis.intents[0]], findings: [analysis.findings[1]] })).toContain('**Verdict: pass.** 1 intent checked, 0 open findings, 1 suppressed finding.');
  });

  test('the analysis file is validated: a wrong status names its path', () => {
    expect(() => parseAnalysisSummary({ intents: [{ ...analysis.intents[0], status: 'maybe' }], findings: [] }, 'analysis.json')).toThrow(/^analysis\.json: intents\.0\.status: /);
    expect(() => parseAnalysisSummary({ intents: [] }, 'a.json')).toThrow(/^a\.json: findings: /);
  });
});

describe('costs section', () => {
  const prices = JSON.parse(fs.readFileSync(path.join(ROOT, 'report', 'prices', 'ap-northeast-2.json'), 'utf8')) as { prices: Record<string, { usd: number }> };
  const p = (key: string) => prices.prices[key].usd;
  const money = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

  test('the total, recomputed here from the price file and the resources the default config synthesizes', () => {
    const h = 730;
    const expected =
      3 * h * p('natGatewayHour') + // egress VPC, one NAT gateway per AZ
      3 * h * p('publicIpv4Hour') + // their Elastic IPs
      8 * 3 * h * p('interfaceEndpointHourPerAz') + // 8 central endpoints in 3 AZs
      5 * h * p('resolverEndpointEniHour') + // inbound 2 + outbound 3 ENIs
      6 * h * p('tgwAttachmentHour') + // egress, endpoints, DX gateway, VPN, shop-prod, shop-dev
      1 * h * p('vpnConnectionHour') +
      8 * p('hostedZoneMonth') +
      3 * h * p('clientVpnAssociationHour') + // the three db subnets
      2 * 168 * p('clientVpnConnectionHour') + // alice and bob, 8 h on 21 days
      1 * h * p('albHour') +
      2 * h * p('publicIpv4Hour'); // the ALB in two public subnets
    const estimate = estimateCosts(lz, app, priceBookFor(lz.region));
    expect(estimate.totalUsd).toBeCloseTo(expected, 6);
    expect(section('Costs')).toContain(`| **total** |  |  |  | **${money(expected)}** |`);
    expect(money(expected)).toBe('$1,430.79');
    expect(section('Costs')).toContain('By account: 111111111111 $1,069.07 · 333333333333 $310.63 · 444444444444 $51.10.');
  });

  test("centralized versus per-VPC: the seed's saving as a number, recomputed from the price file", () => {
    const h = 730;
    const central = 3 * h * (p('natGatewayHour') + p('publicIpv4Hour')) + 24 * h * p('interfaceEndpointHourPerAz') + 2 * h * p('tgwAttachmentHour') + 8 * p('hostedZoneMonth');
    // shop-prod in 3 AZs and shop-dev in 2, each with a NAT gateway per AZ and the 8 endpoints in each AZ.
    const perVpc = 5 * h * (p('natGatewayHour') + p('publicIpv4Hour')) + 8 * 5 * h * p('interfaceEndpointHourPerAz');
    const c = estimateCosts(lz, app, priceBookFor(lz.region)).comparison!;
    expect(c.centralUsd).toBeCloseTo(central, 6);
    expect(c.perVpcUsd).toBeCloseTo(perVpc, 6);
    expect([money(central), money(perVpc), money(perVpc - central)]).toEqual(['$474.12', '$613.20', '$139.08']);
    expect(section('Costs')).toContain(`**Centralizing saves ${money(perVpc - central)} a month** (${money((perVpc - central) * 12)} a year) with 2 spokes.`);
    expect(section('Costs')).toContain(`centralizing stays cheaper below about ${Math.round((perVpc - central) / p('tgwPerGb')).toLocaleString('en-US')} GB a month of it.`);
  });

  test('usage charges are per-GB rates, not guessed volumes; unverified prices are marked', () => {
    const costs = section('Costs');
    expect(tableAfter(costs, '### Usage rates')).toContainEqual(['NAT gateway data processing', '$0.059 †', 'GB processed by a NAT gateway']);
    expect(tableAfter(costs, '### Usage rates')).toContainEqual(['Transit Gateway data processing', '$0.02 †', 'GB sent from an attachment to the Transit Gateway']);
    expect(costs).toContain('| Client VPN subnet associations | `shop-spoke-shop-prod` (333333333333) | 3 × 730 h | $0.10 ‡ | $219.00 |');
    expect(costs).toContain('(3 lines, $272.30 of the total)');
  });

  test('a Region without a price file says "no price data" and prints no amounts', () => {
    expect(priceBookFor('eu-south-9')).toBeUndefined();
    const text = renderCosts(estimateCosts({ ...lz, region: 'eu-south-9' }, app, undefined));
    expect(text).toContain('**No price data for `eu-south-9`**');
    expect(text).not.toMatch(/\$\d/);
    expect(tableAfter(text, '| component |')).toContainEqual(['NAT gateways', '`shop-hub`', '3 × 730 h']);
    expect(renderReport({ ...input, prices: undefined })).toContain('· no price data.');
  });
});

describe('price files', () => {
  test('each Region has every price with a source link and a status; Seoul marks what could not be verified', () => {
    expect(Object.keys(PRICE_BOOKS).sort()).toEqual(['ap-northeast-2', 'us-east-1']);
    for (const book of Object.values(PRICE_BOOKS)) {
      for (const price of Object.values(book.prices)) expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
    }
    const unverified = Object.entries(PRICE_BOOKS['ap-northeast-2'].prices).filter(([, v]) => v.status === 'unverified').map(([k]) => k);
    // The Network Firewall and DNS Firewall prices could not be read offline in any Region (report/prices/*.json evidence).
    expect(unverified).toEqual(['vpnConnectionHour', 'clientVpnAssociationHour', 'clientVpnConnectionHour', 'dataTransferOutInternetPerGb', 'networkFirewallEndpointHour', 'networkFirewallPerGb', 'dnsFirewallDomainMonth', 'dnsFirewallPerMillionQueries']);
    expect(PRICE_BOOKS['ap-northeast-2'].prices.resolverEndpointEniHour).toMatchObject({ usd: 0.125, status: 'verified' });
  });
});
