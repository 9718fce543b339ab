import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { assertMatchesConfig, recordedConfigHash } from '../../cli/report';
import { stackNames as expectedStacks } from '../../config/stack-list';
import { canonicalJson, configHash } from '../../config/hash';
import { LandingZone } from '../../config/model';
import { readSynthesized } from '../../report/synthesized';
import { synthDefault } from '../helpers/analysis';
import { defaultLandingZone } from '../helpers/landing-zone';

describe('config fingerprint', () => {
  test('canonical JSON sorts keys at every level and drops undefined, so key order never changes the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'x' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"x","z":1}]},"b":1}');
    const lz = defaultLandingZone();
    const reordered = Object.fromEntries(Object.entries(lz).reverse()) as unknown as LandingZone;
    expect(configHash(reordered)).toBe(configHash(lz));
    expect(configHash(lz)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('lz synth records it in manifest.json beside cdktf\'s own keys', () => {
    const dir = synthDefault();
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.landingZone).toEqual({ name: 'shop', configHash: configHash(defaultLandingZone()) });
    expect(Object.keys(manifest.stacks)).toContain('shop-hub');
    expect(recordedConfigHash(dir)).toBe(configHash(defaultLandingZone()));
  });
});

describe('assertMatchesConfig refuses an output made from another config', () => {
  const dir = synthDefault();
  const app = readSynthesized(dir);

  test('the same config passes', () => {
    expect(() => assertMatchesConfig(defaultLandingZone(), app, dir)).not.toThrow();
  });

  test.each<[string, (lz: LandingZone) => LandingZone]>([
    ['an edited database port', (lz) => ({ ...lz, spokes: lz.spokes.map((s, i) => (i === 0 ? { ...s, databasePort: s.databasePort + 1 } : s)) })],
    ['an added Client VPN user', (lz) => ({ ...lz, spokes: lz.spokes.map((s) => (s.clientVpn ? { ...s, clientVpn: { ...s.clientVpn, users: [...s.clientVpn.users, 'zoe'] } } : s)) })],
    ['an edited session timeout', (lz) => ({ ...lz, spokes: lz.spokes.map((s) => ({ ...s, access: { ...s.access, ssm: { ...s.access.ssm, idleTimeoutMinutes: s.access.ssm.idleTimeoutMinutes + 5 } } })) })],
  ])('%s (same stacks, same ranges) is refused with the fix', (_, edit) => {
    const edited = edit(defaultLandingZone());
    expect(expectedStacks(edited)).toEqual(expectedStacks(defaultLandingZone()));
    expect(() => assertMatchesConfig(edited, app, dir)).toThrow(/was synthesized from another config \(fingerprint sha256:[0-9a-f]{12}…; this config is sha256:[0-9a-f]{12}…\): something changed since the synth — run `lz synth` with this config first/);
  });

  test('an output without a fingerprint (older synth) is refused, not trusted', () => {
    const manifestFile = path.join(dir, 'manifest.json');
    const original = readFileSync(manifestFile, 'utf8');
    try {
      const manifest = JSON.parse(original);
      delete manifest.landingZone;
      writeFileSync(manifestFile, JSON.stringify(manifest));
      expect(() => assertMatchesConfig(defaultLandingZone(), app, dir)).toThrow(/records no config fingerprint .* run `lz synth` with this config first/);
    } finally {
      writeFileSync(manifestFile, original);
    }
  });

  test('the bootstrap stack is one of the expected stacks when terraformCloud.bootstrap is set', () => {
    const lz = defaultLandingZone();
    const withBootstrap: LandingZone = { ...lz, terraformCloud: { organization: 'acme', hostname: 'app.terraform.io', project: 'network', workspacePrefix: '', bootstrap: true } };
    expect(expectedStacks(withBootstrap)).toContain('shop-tfc-bootstrap');
    expect(expectedStacks(lz)).not.toContain('shop-tfc-bootstrap');
  });
});

describe('what the fingerprint covers', () => {
  test('suppressions steer lz check only: editing them needs no new synth', () => {
    const lz = defaultLandingZone();
    expect(configHash({ ...lz, suppressions: [] })).toBe(configHash({ ...lz, suppressions: [{ rule: 'LZ-SG01', resource: 'x', reason: 'y' } as never] }));
    expect(configHash({ ...lz, tags: { ...lz.tags, Owner: 'z' } })).not.toBe(configHash(lz));
  });
});
