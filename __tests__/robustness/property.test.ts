/**
 * Property-based tests: random valid landing zones (1-20 spokes, random segments, egress modes,
 * endpoint sets; see ./arbitraries.ts) always load without errors and synthesize, and every stack
 * holds what its spec asked for. The real `terraform validate` runs over a generated config through
 * `npm run verify` (fixtures/valid/generated-3-spokes.yaml, checked against its generator in
 * generate.test.ts).
 *
 * Runs: LZ_PROPERTY_RUNS (default 5 for synthesis, 150 for loading); fast-check prints the seed and
 * the shrunk spec of a failure, and `FC_SEED=<seed>` replays it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { LandingZoneSpec, renderConfig, spokeName } from '../../bench/landing-zone-spec';
import { synthesize } from '../../cli/synth';
import { runCheck } from '../../analysis/run';
import { isBlocking } from '../../analysis/findings';
import { ConfigError } from '../../config/issues';
import { parseConfig } from '../../config/load';
import { tempDir } from '../helpers/temp';
import { Template } from '../helpers/template';
import { landingZoneSpecArb } from './arbitraries';

const RUNS = Number(process.env.LZ_PROPERTY_RUNS) || undefined;
// A fixed seed by default, so CI is reproducible; FC_SEED=random explores new cases locally (fast-check prints the seed of a failure).
const SEED = process.env.FC_SEED === 'random' ? undefined : Number(process.env.FC_SEED ?? 20261123);
const settings = (numRuns: number): fc.Parameters<[LandingZoneSpec]> => ({ numRuns: RUNS ?? numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });

/** Loads the spec's YAML; a ConfigError becomes a failure that lists its problems. */
function load(spec: LandingZoneSpec) {
  try {
    return parseConfig(renderConfig(spec), 'property.yaml');
  } catch (e) {
    throw e instanceof ConfigError ? new Error(`a valid spec was rejected:\n${e.message}`) : e;
  }
}

/** NAT gateways a spoke of this spec must have. */
function natGateways(s: LandingZoneSpec['spokes'][number]): number {
  if (s.egress !== 'local' || !s.publicTier) return 0;
  return s.natGateways === 'per-az' ? s.zones : 1;
}

describe('random valid landing zones', () => {
  test('load with no errors (1-20 spokes)', () => {
    fc.assert(
      fc.property(landingZoneSpecArb(), (spec) => {
        const loaded = load(spec);
        expect(loaded.landingZone.spokes.map((s) => s.name)).toEqual(spec.spokes.map((_, i) => spokeName(i)));
      }),
      settings(150),
    );
  });

  test('synthesize, with every spoke stack holding what its spec asked for, and pass lz check', () => {
    const root = tempDir('lz-property-');
    let run = 0;
    fc.assert(
      fc.property(landingZoneSpecArb(), (spec) => {
        const out = path.join(root, `out-${run++}`);
        const loaded = load(spec);
        const result = synthesize(loaded.landingZone, out);
        const names = spec.spokes.flatMap((s, i) => [`prop-spoke-${spokeName(i)}`, ...(s.clientVpn ? [`prop-spoke-${spokeName(i)}-vpn-pki`] : [])]);
        expect([...result.stacks].sort()).toEqual(['prop-hub', 'prop-log-archive', ...names].sort());

        const stack = (name: string) => new Template(JSON.parse(fs.readFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), 'utf8')));
        const hub = stack('prop-hub');
        expect(hub.count('aws_ec2_transit_gateway_route_table')).toBe(Object.keys(spec.segments).length + (spec.centralEgress ? 1 : 0) + 1);
        expect(hub.count('aws_dx_gateway')).toBe(spec.hybrid?.directConnect ? 1 : 0);
        expect(hub.count('aws_route53_resolver_endpoint')).toBe(spec.endpoints?.resolver ? 2 : 0);

        spec.spokes.forEach((s, i) => {
          const t = stack(`prop-spoke-${spokeName(i)}`);
          const id = { spoke: spokeName(i), egress: s.egress };
          const subnets = s.zones * (2 + (s.publicTier ? 1 : 0) + 1);
          expect({ ...id, vpcs: t.resources('aws_vpc').map((v) => v.props.cidr_block) }).toEqual({ ...id, vpcs: [`10.${s.slot}.0.0/${s.prefix}`] });
          expect({ ...id, subnets: t.count('aws_subnet'), nat: t.count('aws_nat_gateway'), attachments: t.count('aws_ec2_transit_gateway_vpc_attachment') }).toEqual({ ...id, subnets, nat: natGateways(s), attachments: 1 });
          expect({ ...id, alb: t.count('aws_lb'), vpn: t.count('aws_ec2_client_vpn_endpoint'), eice: t.count('aws_ec2_instance_connect_endpoint') }).toEqual({
            ...id,
            alb: s.alb ? 1 : 0,
            vpn: s.clientVpn ? 1 : 0,
            eice: s.instanceConnect ? 1 : 0,
          });
          // The default route: to the Transit Gateway for central egress, to a NAT gateway for local egress with NAT, nowhere otherwise.
          const defaults = t.resources('aws_route').filter((r) => r.props.destination_cidr_block === '0.0.0.0/0' && !r.props.gateway_id);
          expect({ ...id, toTgw: defaults.some((r) => r.props.transit_gateway_id), toNat: defaults.some((r) => r.props.nat_gateway_id) }).toEqual({
            ...id,
            toTgw: s.egress === 'central',
            toNat: natGateways(s) > 0,
          });
        });
        // ...and `lz check` passes: every intent proved, no unsuppressed error finding.
        const check = runCheck({ out, landingZone: loaded.landingZone, write: false });
        expect({ refuted: check.intents.filter((i) => i.status !== 'proved').map((i) => `${i.id} ${i.subject}: ${i.evidence.split('\n')[0]}`), errors: check.findings.filter(isBlocking).map((f) => `${f.rule} ${f.path}: ${f.message}`) }).toEqual({ refuted: [], errors: [] });
        expect(check.exitCode).toBe(0);
        fs.rmSync(out, { recursive: true, force: true });
      }),
      settings(5),
    );
  });
});
