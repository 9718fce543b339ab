/**
 * The routing of the default landing zone, read back from the synthesized JSON of every stack:
 * Transit Gateway route tables (associations, propagations, static and blackhole routes) and every
 * VPC route table. prod and nonprod are isolated from each other, both reach shared and on-premises,
 * and all internet egress leaves through the hub egress VPC.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { parse, stringify } from 'yaml';
import { synthesize } from '../../cli/synth';
import { parseConfig } from '../../config/load';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { defaultLandingZone } from '../helpers/landing-zone';
import { transitGatewayTables, vpcRouteTables } from '../helpers/routing';
import { tempDir } from '../helpers/temp';
import { Template } from '../helpers/template';

const INTERNAL_BLACKHOLES = ['10.0.0.0/8 -> blackhole', '172.16.0.0/12 -> blackhole', '192.168.0.0/16 -> blackhole'];
const SEGMENT_STATIC = ['0.0.0.0/0 -> egress', ...INTERNAL_BLACKHOLES];
const PUBLIC = ['0.0.0.0/0 -> igw', '10.0.0.0/8 -> tgw', '172.16.0.0/12 -> tgw', '192.168.0.0/16 -> tgw'];
const CENTRAL = ['0.0.0.0/0 -> tgw'];
const INTERNAL_TO_TGW = ['10.0.0.0/8 -> tgw', '172.16.0.0/12 -> tgw', '192.168.0.0/16 -> tgw'];

describe('routing of the default landing zone', () => {
  const stacks = buildLandingZone(Testing.app(), defaultLandingZone());
  const hub = Template.fromStack(stacks.hub);
  const [prod, dev] = stacks.spokes.map((s) => Template.fromStack(s));

  test('Transit Gateway route tables: associations, propagations, static and blackhole routes', () => {
    expect(transitGatewayTables(hub, { 'shop-prod': prod, 'shop-dev': dev })).toEqual({
      // Segments that reach on-premises learn its routes from Direct Connect and the VPN backup.
      prod: { associations: ['spoke shop-prod'], propagations: ['dx', 'endpoints', 'spoke shop-prod', 'vpn dc-backup'], routes: SEGMENT_STATIC },
      nonprod: { associations: ['spoke shop-dev'], propagations: ['dx', 'endpoints', 'spoke shop-dev', 'vpn dc-backup'], routes: SEGMENT_STATIC },
      shared: { associations: ['endpoints'], propagations: ['dx', 'endpoints', 'spoke shop-dev', 'spoke shop-prod', 'vpn dc-backup'], routes: SEGMENT_STATIC },
      egress: { associations: ['egress'], propagations: ['spoke shop-dev', 'spoke shop-prod'], routes: [] },
      onprem: { associations: ['dx', 'vpn dc-backup'], propagations: ['endpoints', 'spoke shop-dev', 'spoke shop-prod'], routes: [] },
    });
  });

  test('hub VPCs: egress attachment subnets default to the NAT of their AZ, public and endpoint tables return internal ranges to the TGW', () => {
    expect(vpcRouteTables(hub)).toEqual({
      'shop-egress-public': PUBLIC,
      'shop-egress-tgw-ap-northeast-2a': ['0.0.0.0/0 -> nat shop-egress-nat-public-1'],
      'shop-egress-tgw-ap-northeast-2b': ['0.0.0.0/0 -> nat shop-egress-nat-public-2'],
      'shop-egress-tgw-ap-northeast-2c': ['0.0.0.0/0 -> nat shop-egress-nat-public-3'],
      // The shared-endpoints VPC has no internet route: replies and resolver queries return through the TGW.
      'shop-endpoints-endpoint-ap-northeast-2a': INTERNAL_TO_TGW,
      'shop-endpoints-endpoint-ap-northeast-2b': INTERNAL_TO_TGW,
      'shop-endpoints-endpoint-ap-northeast-2c': INTERNAL_TO_TGW,
      'shop-endpoints-tgw-ap-northeast-2a': [],
      'shop-endpoints-tgw-ap-northeast-2b': [],
      'shop-endpoints-tgw-ap-northeast-2c': [],
    });
  });

  test('shop-prod: private tiers default to the TGW (central egress), no NAT, attachment subnets local only', () => {
    expect(vpcRouteTables(prod)).toEqual({
      'shop-prod-public': PUBLIC,
      'shop-prod-app-ap-northeast-2a': CENTRAL,
      'shop-prod-app-ap-northeast-2c': CENTRAL,
      'shop-prod-db-ap-northeast-2a': CENTRAL,
      'shop-prod-db-ap-northeast-2b': CENTRAL,
      'shop-prod-db-ap-northeast-2c': CENTRAL,
      'shop-prod-tgw-ap-northeast-2a': [],
      'shop-prod-tgw-ap-northeast-2b': [],
      'shop-prod-tgw-ap-northeast-2c': [],
    });
    expect(prod.count('aws_nat_gateway')).toBe(0);
  });

  test('shop-dev: the same shape over its two AZs', () => {
    expect(vpcRouteTables(dev)).toEqual({
      'shop-dev-public': PUBLIC,
      'shop-dev-app-ap-northeast-2a': CENTRAL,
      'shop-dev-app-ap-northeast-2c': CENTRAL,
      'shop-dev-db-ap-northeast-2a': CENTRAL,
      'shop-dev-db-ap-northeast-2c': CENTRAL,
      'shop-dev-tgw-ap-northeast-2a': [],
      'shop-dev-tgw-ap-northeast-2c': [],
    });
  });

  test('every route to the TGW waits for the attachment association and propagations', () => {
    const ready = [
      ...prod.resources('aws_ec2_transit_gateway_route_table_association'),
      ...prod.resources('aws_ec2_transit_gateway_route_table_propagation'),
    ].map((r) => r.address);
    const tgwRoutes = prod.resources('aws_route').filter((r) => r.props.transit_gateway_id);
    expect(tgwRoutes).toHaveLength(8);
    for (const r of tgwRoutes) {
      expect(r.props.transit_gateway_id).toBe(prod.published('/landing-zone/shop/hub/transit-gateway-id'));
      expect([...r.props.depends_on].sort()).toEqual([...ready].sort());
    }
  });
});

/**
 * The log-archive stack after a spoke joined differs from before only in that the new account joins
 * the log-delivery `aws:SourceAccount` lists of the bucket and key policies: the same addresses, two
 * in-place policy updates (PutBucketPolicy, PutKeyPolicy).
 */
function expectOnlyLogSourceAdded(beforeText: string, afterText: string, account: string): void {
  type Doc = { Statement: { Sid: string; Condition?: { StringEquals?: Record<string, unknown> } }[] };
  const before = JSON.parse(beforeText);
  const after = JSON.parse(afterText);
  const policies = (stack: { resource: Record<string, Record<string, { policy?: string }>> }) =>
    ['aws_s3_bucket_policy', 'aws_kms_key'].flatMap((type) => Object.values(stack.resource[type] ?? {}));
  const sources = (holder: { policy?: string }) =>
    (JSON.parse(holder.policy!.replace(/\$\$\{/g, '${')) as Doc).Statement.filter((st) => st.Sid.startsWith('AllowLogDelivery')).map((st) => st.Condition?.StringEquals?.['aws:SourceAccount']);
  const [b, a] = [policies(before), policies(after)];
  expect(a).toHaveLength(2);
  for (const [i, holder] of a.entries()) {
    const was = sources(b[i]) as string[][];
    expect(sources(holder)).toEqual(was.map((list) => [...list, account].sort()));
    holder.policy = b[i].policy;
  }
  expect(after).toEqual(before);
}

describe('adding a spoke', () => {
  const ROOT = path.join(__dirname, '..', '..');
  const read = (dir: string, stack: string) => fs.readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
  type Association = { allowed_prefixes?: string[] };
  /** The one Direct Connect gateway association of a hub stack's JSON. */
  const association = (hub: { resource: { aws_dx_gateway_association?: Record<string, Association> } }): Association => {
    const all = Object.values(hub.resource.aws_dx_gateway_association ?? {});
    expect(all).toHaveLength(1);
    return all[0];
  };

  test("only adds the new range to the Direct Connect association's allowed_prefixes in the hub; every other stack byte-identical", () => {
    const text = fs.readFileSync(path.join(ROOT, 'landing-zone.yaml'), 'utf8');
    const config = parse(text);
    config.spokes.push({ name: 'shop-stage', account: '555555555555', segment: 'nonprod', vpc: { cidr: '172.24.0.0/16', availabilityZones: ['ap-northeast-2a', 'ap-northeast-2b'], tiers: { app: { prefixLength: 20, count: 2 } } } });
    const before = synthesize(parseConfig(text, 'landing-zone.yaml').landingZone, path.join(tempDir('lz-add-'), 'out'));
    const after = synthesize(parseConfig(stringify(config), 'three-spokes.yaml').landingZone, path.join(tempDir('lz-add-'), 'out'));
    expect(after.stacks).toEqual([...before.stacks, 'shop-spoke-shop-stage'].sort());
    for (const stack of before.stacks.filter((s) => s !== 'shop-hub' && s !== 'shop-log-archive')) expect(read(after.outdir, stack)).toBe(read(before.outdir, stack));
    // The archive admits log delivery per account: the new account joins its two policies, in place.
    expectOnlyLogSourceAdded(read(before.outdir, 'shop-log-archive'), read(after.outdir, 'shop-log-archive'), '555555555555');
    // allowedPrefixes: auto lists each VPC range the onprem route table learns, so nonprod's new range
    // joins the list, and nothing else in the hub changes. Same address, and allowed_prefixes is not
    // ForceNew: an in-place update through UpdateDirectConnectGatewayAssociation, no replacement
    // (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/directconnect/gateway_association.go).
    const hubBefore = JSON.parse(read(before.outdir, 'shop-hub'));
    const hubAfter = JSON.parse(read(after.outdir, 'shop-hub'));
    expect(association(hubBefore).allowed_prefixes).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
    expect(association(hubAfter).allowed_prefixes).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16', '172.24.0.0/16']);
    delete association(hubBefore).allowed_prefixes;
    delete association(hubAfter).allowed_prefixes;
    expect(hubAfter).toEqual(hubBefore);
    // ...and the new spoke joins nonprod: associated with it and propagated into it, egress and onprem.
    const stage = new Template(JSON.parse(read(after.outdir, 'shop-spoke-shop-stage')));
    expect(stage.resources('aws_ec2_transit_gateway_route_table_association').map((a) => stage.publishedName(a.props.transit_gateway_route_table_id))).toEqual(['/landing-zone/shop/hub/route-table-nonprod']);
    expect(stage.resources('aws_ec2_transit_gateway_route_table_propagation').map((p) => stage.publishedName(p.props.transit_gateway_route_table_id)!.replace(/.*route-table-/, ''))).toEqual(['egress', 'nonprod', 'onprem', 'shared']);
  });
});

describe('adding a spoke with Direct Connect summaries (allowedPrefixes: internal, customerGatewayRoutes: floating-summaries)', () => {
  const FIXTURE = path.join(__dirname, '..', 'fixtures', 'valid', 'dx-summaries.yaml');
  const read = (dir: string, stack: string) => fs.readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8');

  test('every existing stack, the hub included, stays byte-identical but for the log archive admitting the new account; the new spoke gets its own workspace', () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const config = parse(text);
    config.spokes.push({ name: 'sum-stage', account: '555555555555', segment: 'nonprod', vpc: { cidr: '172.24.0.0/16', availabilityZones: ['ap-northeast-2a', 'ap-northeast-2b'], tiers: { app: { prefixLength: 20, count: 2 } } } });
    const before = synthesize(parseConfig(text, 'dx-summaries.yaml').landingZone, path.join(tempDir('lz-add-'), 'out'));
    const after = synthesize(parseConfig(stringify(config), 'dx-summaries-3.yaml').landingZone, path.join(tempDir('lz-add-'), 'out'));
    expect(after.stacks).toEqual([...before.stacks, 'sum-spoke-sum-stage'].sort());
    for (const stack of before.stacks.filter((s) => s !== 'sum-log-archive')) expect(read(after.outdir, stack)).toBe(read(before.outdir, stack));
    expectOnlyLogSourceAdded(read(before.outdir, 'sum-log-archive'), read(after.outdir, 'sum-log-archive'), '555555555555');
    const hub = new Template(JSON.parse(read(after.outdir, 'sum-hub')));
    // Three summaries however many spokes join (the quota is 200 per Transit Gateway association).
    expect(hub.resources('aws_dx_gateway_association').map((r) => r.props.allowed_prefixes)).toEqual([['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']]);
    expect(hub.resources('aws_vpn_connection').map((r) => r.props.tags)).toEqual([{ Name: 'sum-vpn-dc-backup', CustomerGatewayRoutes: 'floating-summaries' }]);
  });
});
