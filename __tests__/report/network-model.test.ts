/**
 * The routing and DNS sections render the analysis network model (analysis/network, through report/network.ts),
 * the one `lz check` proves the intents on: whatever the model reads from the synthesized JSON, the
 * report shows, so the report and the proof cannot disagree.
 */
import { buildNetwork } from '../../analysis/network/build';
import { graphFromJson } from '../../analysis/graph/load';
import { renderDns } from '../../report/dns';
import { transitGatewayRouteTables, vpcRouteTables } from '../../report/routing';
import { readSynthesized, type SynthesizedApp } from '../../report/synthesized';
import { synthDefault, synthFixture } from '../helpers/analysis';
import { defaultLandingZone, fixtureLandingZone } from '../helpers/landing-zone';

const lz = defaultLandingZone();
const app = readSynthesized(synthDefault());

/** A copy of the app with one stack's JSON changed. */
function withStack(stack: string, change: (json: any) => void): SynthesizedApp {
  return { stacks: app.stacks.map((s) => (s.name === stack ? { ...s, json: (() => { const json = JSON.parse(JSON.stringify(s.json)); change(json); return json; })() } : s)) };
}

describe('routing section over the analysis model', () => {
  test('every VPC route table row lists exactly the routes the model holds, plus local', () => {
    const graph = graphFromJson(app.stacks.map((s) => ({ name: s.name, dependencies: s.dependencies, json: s.json })));
    const graphPath = (id: string) => graph.get(id)!.path.split('/').pop()!;
    const network = buildNetwork(graph, { onPremises: lz.onPremises.cidrs });
    const reported = vpcRouteTables(app);
    expect(reported.map((v) => v.vpc).sort()).toEqual(network.vpcs.map((v) => v.name).sort());
    for (const vpc of network.vpcs) {
      const groups = reported.find((v) => v.vpc === vpc.name)!.groups;
      const tables = network.routeTables.filter((t) => t.vpc === vpc.id);
      expect(groups.reduce((n, g) => n + g.tables.length, 0)).toBe(tables.length);
      for (const t of tables) {
        const label = graphPath(t.id);
        const group = groups.find((g) => g.tables.includes(label))!;
        expect(group.routes.length).toBe(t.routes.length + vpc.cidrs.length);
      }
    }
  });

  test('an inline route block (which the proof follows) shows in the report', () => {
    const changed = withStack('shop-spoke-shop-prod', (json) => {
      const [name] = Object.keys(json.resource.aws_route_table).filter((n) => n.includes('rt-public'));
      const igw = Object.keys(json.resource.aws_internet_gateway)[0];
      json.resource.aws_route_table[name].route = [{ cidr_block: '198.51.100.0/24', gateway_id: `\${aws_internet_gateway.${igw}.id}` }];
    });
    const prod = vpcRouteTables(changed).find((v) => v.vpc === 'shop-prod')!;
    const publicGroup = prod.groups.find((g) => g.subnets.includes('public-1'))!;
    expect(publicGroup.routes).toContainEqual({ destination: '198.51.100.0/24', target: 'internet gateway' });
  });

  test('a Transit Gateway route whose attachment cannot be resolved says so instead of naming a guess', () => {
    const changed = withStack('shop-hub', (json) => {
      const routes = json.resource.aws_ec2_transit_gateway_route;
      for (const name of Object.keys(routes).filter((n) => routes[n].transit_gateway_attachment_id !== undefined)) routes[name].transit_gateway_attachment_id = '${var.attachment}';
    });
    const prod = transitGatewayRouteTables(lz, changed).find((t) => t.name === 'prod')!;
    expect(prod.routes.find((r) => r.destination === '0.0.0.0/0')).toEqual({ destination: '0.0.0.0/0', target: 'unknown (the route names no attachment that can be resolved)', kind: 'static' });
  });
});

describe('DNS section over the analysis model', () => {
  const tableAfter = (text: string, heading: string): string[][] =>
    text.slice(text.indexOf(heading)).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---')).slice(1).map((l) => l.slice(2, -2).split(' | '));

  test('with a Route 53 Profile, a forwarding rule lists the VPCs the profile applies it to (as the proof resolves them)', () => {
    const fixture = 'valid/per-az-and-isolated.yaml';
    const dns = renderDns(fixtureLandingZone(fixture), readSynthesized(synthFixture(fixture)));
    expect(tableAfter(dns, '### Forwarding rules')).toEqual([['`dc.acme.example`', '`192.168.10.53:53`', 'through the profile: `acme-batch`, `acme-payments`']]);
  });

  test('a spoke that drops its rule association drops out of the rule, and the ENIs keep their zones and fixed addresses', () => {
    const changed = withStack('shop-spoke-shop-dev', (json) => {
      delete json.resource.aws_route53_resolver_rule_association;
    });
    const dns = renderDns(lz, changed);
    expect(tableAfter(dns, '### Forwarding rules')).toEqual([['`corp.example.internal`', '`10.10.0.2:53`, `10.10.0.3:53`', '`shop-prod`']]);
    expect(tableAfter(dns, '### Route 53 Resolver endpoints').map((r) => r.slice(0, 2))).toEqual(tableAfter(renderDns(lz, app), '### Route 53 Resolver endpoints').map((r) => r.slice(0, 2)));
    expect(dns).toContain('`terraform -chdir=cdktf.out/stacks/shop-hub output resolver_inbound_ips`');
  });
});
