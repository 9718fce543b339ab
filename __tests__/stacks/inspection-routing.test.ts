/**
 * The route design of examples/inspected.yaml, read back from the synthesized JSON: inspected
 * segments default-route to the inspection attachment and send their inspected peers' ranges there
 * with static routes; the inspection table learns every inspected attachment, sends 0.0.0.0/0 on to
 * the egress VPC; the egress table returns inspected spokes through the firewall; the sandbox
 * segment (opted out) is routed as without inspection.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { Testing } from 'cdktf';
import { parseConfig } from '../../config/load';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { transitGatewayTables } from '../helpers/routing';
import { Template } from '../helpers/template';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'inspected.yaml');
const BLACKHOLES = ['10.0.0.0/8 -> blackhole', '172.16.0.0/12 -> blackhole', '192.168.0.0/16 -> blackhole'];

describe('routing of examples/inspected.yaml', () => {
  const lz = parseConfig(fs.readFileSync(EXAMPLE, 'utf8'), 'inspected.yaml').landingZone;
  const stacks = buildLandingZone(Testing.app(), lz);
  const hub = Template.fromStack(stacks.hub);
  const spokes = Object.fromEntries(stacks.spokes.filter((s) => !s.stackName.endsWith('-vpn-pki')).map((s) => [s.stackName.replace(/^shop-spoke-/, ''), Template.fromStack(s)]));
  const tables = transitGatewayTables(hub, spokes);

  test('inspected segments: 0.0.0.0/0 and the inspected peers\' ranges to the inspection attachment, unreachable ranges blackholed', () => {
    expect(tables.prod.routes).toEqual(['0.0.0.0/0 -> inspection', '10.254.0.0/24 -> inspection', ...BLACKHOLES].sort());
    expect(tables.nonprod.routes).toEqual(['0.0.0.0/0 -> inspection', '10.254.0.0/24 -> inspection', ...BLACKHOLES].sort());
    expect(tables.shared.routes).toEqual(['0.0.0.0/0 -> inspection', '172.16.0.0/16 -> inspection', '172.20.0.0/16 -> inspection', ...BLACKHOLES].sort());
  });

  test('the opted-out sandbox segment is routed as without inspection', () => {
    expect(tables.sandbox.routes).toEqual(['0.0.0.0/0 -> egress', ...BLACKHOLES].sort());
    expect(tables.sandbox.associations).toEqual(['spoke sandbox']);
    expect(tables.inspection.propagations).not.toContain('spoke sandbox');
  });

  test('the inspection table: the inspection attachment, every inspected attachment propagated, egress onwards', () => {
    expect(tables.inspection).toEqual({
      associations: ['inspection'],
      propagations: ['endpoints', 'spoke shop-dev', 'spoke shop-prod'],
      routes: ['0.0.0.0/0 -> egress', ...BLACKHOLES].sort(),
    });
  });

  test('the egress table returns the inspected spokes through the firewall (static over propagated), the sandbox directly', () => {
    expect(tables.egress.routes).toEqual(['172.16.0.0/16 -> inspection', '172.20.0.0/16 -> inspection']);
    expect(tables.egress.propagations).toEqual(expect.arrayContaining(['spoke sandbox', 'spoke shop-dev', 'spoke shop-prod']));
  });

  test('the inspection VPC has its own flow logs to the archive', () => {
    const vpc = hub.byName('aws_vpc', 'shop-inspection');
    expect(hub.resources('aws_flow_log').filter((f) => f.props.vpc_id === Template.ref(vpc))).toHaveLength(1);
  });
});
