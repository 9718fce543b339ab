/**
 * State safety: exactly the resources listed in docs/retiring-protected-resources.md carry
 * `prevent_destroy`, and the verification harness removes every one of them, and nothing else, from
 * the copy it mock-applies.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../cli/synth';
import { withoutPreventDestroy } from '../../verify/terraform';
import { defaultLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

type StackJson = { resource?: Record<string, Record<string, { lifecycle?: Record<string, unknown> }>> };

const DOC = path.join(__dirname, '..', '..', 'docs', 'retiring-protected-resources.md');

/** `type.construct_path` of every resource with prevent_destroy, the address's hash suffix dropped. */
function protectedResources(json: StackJson): string[] {
  return Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.entries(byName).filter(([, r]) => r.lifecycle?.prevent_destroy === true).map(([name]) => `${type}.${name.replace(/_[0-9A-F]{8}$/, '')}`))
    .sort();
}

describe('prevent_destroy', () => {
  let stacks: Record<string, StackJson>;

  beforeAll(() => {
    const out = path.join(tempDir('lz-protected-'), 'cdktf.out');
    const result = synthesize(defaultLandingZone(), out);
    stacks = Object.fromEntries(result.stacks.map((s) => [s, JSON.parse(fs.readFileSync(path.join(out, 'stacks', s, 'cdk.tf.json'), 'utf8'))]));
  });

  test('guards the log bucket, its key, the Transit Gateway, the Direct Connect gateway and both Resolver endpoints, and nothing else', () => {
    const guarded = Object.fromEntries(Object.entries(stacks).map(([name, json]) => [name, protectedResources(json)]));
    expect(guarded).toEqual({
      'shop-hub': [
        'aws_dx_gateway.direct-connect_gateway',
        'aws_ec2_transit_gateway.transit-gateway_tgw',
        'aws_route53_resolver_endpoint.resolver-inbound_endpoint',
        'aws_route53_resolver_endpoint.resolver-outbound_endpoint',
      ],
      'shop-log-archive': ['aws_kms_key.archive_key', 'aws_s3_bucket.archive_bucket'],
      'shop-spoke-shop-dev': [],
      'shop-spoke-shop-prod': [],
      'shop-spoke-shop-prod-vpn-pki': [],
    });
  });

  test('the guard is the only lifecycle setting of the new protected resources', () => {
    const hub = stacks['shop-hub'].resource!;
    const only = (type: string) => Object.values(hub[type]).map((r) => r.lifecycle);
    expect(only('aws_ec2_transit_gateway')).toEqual([{ prevent_destroy: true }]);
    expect(only('aws_dx_gateway')).toEqual([{ prevent_destroy: true }]);
    expect(only('aws_route53_resolver_endpoint')).toEqual([{ prevent_destroy: true }, { prevent_destroy: true }]);
  });

  test('the mock-apply copy of every stack has no guard left, keeps other lifecycle settings, and the synthesized JSON is untouched', () => {
    for (const [name, json] of Object.entries(stacks)) {
      const before = JSON.stringify(json);
      const copy = withoutPreventDestroy(json);
      expect({ stack: name, guarded: protectedResources(copy) }).toEqual({ stack: name, guarded: [] });
      expect(JSON.stringify(json)).toBe(before);
      // Everything but the guard survives: hosted zones keep ignore_changes on their vpc blocks.
      const strip = (j: StackJson) => JSON.stringify(j, (k, v) => (k === 'prevent_destroy' ? undefined : v)).replace(/"lifecycle":\{\},?/g, '').replace(/,\}/g, '}');
      expect(JSON.stringify(copy)).toBe(strip(json));
    }
    const zones = Object.values(withoutPreventDestroy(stacks['shop-hub']).resource!.aws_route53_zone ?? {});
    expect(zones.length).toBeGreaterThan(0);
    for (const z of zones) expect(z.lifecycle).toEqual({ ignore_changes: ['vpc'] });
  });

  test('the retirement procedure documents every protected resource type', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const types = new Set(Object.values(stacks).flatMap((json) => protectedResources(json).map((r) => r.split('.')[0])));
    expect([...types].sort()).toEqual(['aws_dx_gateway', 'aws_ec2_transit_gateway', 'aws_kms_key', 'aws_route53_resolver_endpoint', 'aws_s3_bucket']);
    for (const type of types) expect({ type, documented: doc.includes(`\`${type}\``) }).toEqual({ type, documented: true });
  });

  test('the constructs that set the new guards point at the retirement procedure', () => {
    for (const file of ['hub/transit-gateway.ts', 'hybrid/direct-connect.ts', 'dns/resolver-endpoints.ts']) {
      const text = fs.readFileSync(path.join(__dirname, '..', '..', 'constructs', file), 'utf8');
      const guards = text.match(/preventDestroy: true/g) ?? [];
      const pointers = text.match(/docs\/retiring-protected-resources\.md/g) ?? [];
      expect({ file, guards: guards.length > 0, pointers: pointers.length }).toEqual({ file, guards: true, pointers: guards.length });
    }
  });
});
