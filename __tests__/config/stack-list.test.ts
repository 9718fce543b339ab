/** The one stack list: names, kinds, accounts, phases and workspaces, and the app builds exactly it. */
import { Testing } from 'cdktf';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { describeStackListMismatch, landingZoneStackList, stackListMismatch, stackNames } from '../../config/stack-list';
import { loadWith, RawConfig } from '../helpers/config';

const withTfc = (bootstrap: boolean) => (c: RawConfig) => {
  c.terraformCloud = { organization: 'acme', project: 'network', workspacePrefix: 'lz-', bootstrap };
  const deploy = (account: string) => `arn:aws:iam::${account}:role/network-deploy`;
  c.hub.roleArn = deploy(c.hub.account);
  c.logArchive.roleArn = deploy(c.logArchive.account ?? c.hub.account);
  for (const s of c.spokes) s.roleArn = deploy(s.account);
};

describe('landingZoneStackList', () => {
  test('the default config: hub, log archive, each spoke and its PKI stack, local state', () => {
    const lz = loadWith().landingZone;
    const prod = lz.spokes.find((s) => s.name === 'shop-prod')!;
    const dev = lz.spokes.find((s) => s.name === 'shop-dev')!;
    expect(landingZoneStackList(lz)).toEqual([
      { name: 'shop-hub', kind: 'hub', account: lz.hub.account, phase: 2, dependsOn: ['shop-log-archive'] },
      { name: 'shop-log-archive', kind: 'log-archive', account: lz.logArchive.account, phase: 1, dependsOn: [] },
      { name: 'shop-spoke-shop-prod', kind: 'spoke', account: prod.account, spoke: 'shop-prod', segment: prod.segment, phase: 3, dependsOn: ['shop-spoke-shop-prod-vpn-pki', 'shop-hub', 'shop-log-archive'] },
      { name: 'shop-spoke-shop-prod-vpn-pki', kind: 'vpn-pki', account: prod.account, spoke: 'shop-prod', segment: prod.segment, phase: 1, dependsOn: [] },
      { name: 'shop-spoke-shop-dev', kind: 'spoke', account: dev.account, spoke: 'shop-dev', segment: dev.segment, phase: 3, dependsOn: ['shop-hub', 'shop-log-archive'] },
    ]);
  });

  test('terraformCloud: a workspace per stack; bootstrap: one more stack, phase 0, no workspace', () => {
    const lz = loadWith(withTfc(true)).landingZone;
    const list = landingZoneStackList(lz);
    expect(list.map((s) => [s.name, s.workspace])).toEqual([
      ['shop-hub', 'lz-shop-hub'],
      ['shop-log-archive', 'lz-shop-log-archive'],
      ['shop-spoke-shop-prod', 'lz-shop-spoke-shop-prod'],
      ['shop-spoke-shop-prod-vpn-pki', 'lz-shop-spoke-shop-prod-vpn-pki'],
      ['shop-spoke-shop-dev', 'lz-shop-spoke-shop-dev'],
      ['shop-tfc-bootstrap', undefined],
    ]);
    expect(list.at(-1)).toEqual({ name: 'shop-tfc-bootstrap', kind: 'tfc-bootstrap', phase: 0, dependsOn: [] });
    expect(landingZoneStackList(loadWith(withTfc(false)).landingZone).map((s) => s.name)).not.toContain('shop-tfc-bootstrap');
  });

  test('phase is one more than the latest phase it depends on (the apply waves)', () => {
    const list = landingZoneStackList(loadWith(withTfc(true)).landingZone);
    const phase = new Map(list.map((s) => [s.name, s.phase]));
    for (const s of list.filter((e) => e.kind !== 'tfc-bootstrap')) expect(s.phase).toBe(1 + Math.max(0, ...s.dependsOn.map((d) => phase.get(d)!)));
  });

  test.each([
    ['the default', false],
    ['the bootstrap', true],
  ])('%s config: the app builds exactly the listed stacks, and check/report expect exactly them', (_, bootstrap) => {
    const lz = loadWith(bootstrap ? withTfc(true) : undefined).landingZone;
    const app = Testing.app();
    buildLandingZone(app, lz);
    const built = app.node.children.map((c) => c.node.id);
    expect(built).toEqual(landingZoneStackList(lz).map((s) => s.name));
    expect(stackNames(lz)).toEqual([...built].sort());
    expect(stackListMismatch(lz, built)).toBeUndefined();
  });
});

describe('stackListMismatch', () => {
  test('names the stacks a synth lacks and the ones the config does not have', () => {
    const lz = loadWith().landingZone;
    const names = stackNames(lz);
    const found = [...names.filter((n) => n !== names[0]), 'shop-spoke-gone'];
    const m = stackListMismatch(lz, found)!;
    expect(m.missing).toEqual([names[0]]);
    expect(m.extra).toEqual(['shop-spoke-gone']);
    expect(describeStackListMismatch(m)).toBe(`missing ${names[0]}; not in the config: shop-spoke-gone`);
  });
});
