/**
 * LZ-SECRET01 over landing zones synthesized by the app: the default config and the valid fixtures
 * (Client VPN with its PKI stack, Direct Connect with BGP keys, Site-to-Site VPNs, Terraform Cloud
 * workspaces read with tfe_outputs) give no finding; the old design, re-introduced into the real JSON,
 * gives exactly the findings it should, and no suppression silences them.
 */
import { analyze } from '../../../analysis/run';
import { graphFromJson, loadGraph } from '../../../analysis/graph/load';
import type { ResourceGraph } from '../../../analysis/graph/types';
import { rule } from '../../../analysis/rules/state/secret-containment';
import { SUPPRESSION_RULE } from '../../../analysis/suppressions';
import { readStacks, stackNamed, synthDefault, synthFixture } from '../../helpers/analysis';
import { defaultLandingZone } from '../../helpers/landing-zone';

const run = (graph: ResourceGraph): string[] => rule.check(graph).map((v) => `${v.unknown ? '[unknown] ' : ''}${v.resource.id}: ${v.message}`);

const SPOKE = 'shop-spoke-shop-prod';
const PKI = 'shop-spoke-shop-prod-vpn-pki';
const HUB = 'shop-hub';

describe('LZ-SECRET01 on synthesized landing zones', () => {
  test('the default landing zone: no finding, over a graph that holds what the rule looks for', () => {
    const graph = loadGraph(synthDefault());
    expect(run(graph)).toEqual([]);
    // Not vacuous: keys in the PKI stack, secrets in the hub, and every stack but the PKI and the archive reads the archive.
    expect(graph.byType('tls_private_key').map((k) => k.stack)).toEqual([PKI, PKI, PKI, PKI]);
    expect(graph.byType('aws_vpn_connection')).toHaveLength(1);
    expect(graph.byType('aws_dx_transit_virtual_interface')).toHaveLength(1);
    expect(Object.entries(stackNamed(graph.stacks, HUB).variables ?? {}).filter(([, v]) => v.sensitive).map(([n]) => n).sort()).toEqual(['dx_bgp_auth_key_kinx_seoul_1', 'vpn_dc_backup_tunnel1_psk', 'vpn_dc_backup_tunnel2_psk']);
    expect(graph.stacks.flatMap((s) => (s.reads ?? []).map((r) => `${r.source} -> ${r.stack}`))).toEqual([
      `${HUB}:data.terraform_remote_state.log-archive -> shop-log-archive`,
      'shop-spoke-shop-dev:data.terraform_remote_state.log-archive -> shop-log-archive',
      `${SPOKE}:data.terraform_remote_state.log-archive -> shop-log-archive`,
    ]);
  });

  test.each(['valid/dx-summaries.yaml', 'valid/generated-3-spokes.yaml', 'valid/per-az-and-isolated.yaml'])('%s: no finding', (fixture) => {
    const graph = loadGraph(synthFixture(fixture));
    expect(run(graph)).toEqual([]);
    expect(graph.stacks.flatMap((s) => s.reads ?? []).length).toBeGreaterThan(0);
    expect(graph.stacks.flatMap((s) => s.reads ?? []).every((r) => r.stack?.endsWith('-log-archive'))).toBe(true);
  });

  test('with terraformCloud, every read is a tfe_outputs of the log archive workspace', () => {
    const graph = loadGraph(synthFixture('valid/per-az-and-isolated.yaml'));
    expect(graph.stacks.flatMap((s) => (s.reads ?? []).map((r) => `${r.source} -> ${r.stack}`))).toEqual([
      'acme-hub:data.tfe_outputs.log-archive -> acme-log-archive',
      'acme-spoke-batch:data.tfe_outputs.log-archive -> acme-log-archive',
      'acme-spoke-payments:data.tfe_outputs.log-archive -> acme-log-archive',
    ]);
  });
});

describe('LZ-SECRET01 on the old design', () => {
  /** The default JSON with the spoke reading the hub and its PKI through remote state, and the PKI outputting client keys. */
  function oldDesign() {
    const stacks = readStacks(synthDefault());
    const spoke = stackNamed(stacks, SPOKE).json;
    spoke.data.terraform_remote_state.hub = { backend: 'local', config: { path: `../${HUB}/terraform.${HUB}.tfstate` } };
    spoke.data.terraform_remote_state['vpn-pki'] = { backend: 'local', config: { path: `../${PKI}/terraform.${PKI}.tfstate` } };
    const pki = stackNamed(stacks, PKI).json;
    for (const user of ['alice', 'bob']) {
      const [key] = Object.keys(pki.resource.tls_private_key).filter((n) => n.startsWith(`pki_client-key-${user}_`));
      pki.output[`client_private_key_pem_${user}`] = { sensitive: true, value: `\${tls_private_key.${key}.private_key_pem}` };
    }
    return stacks;
  }

  const exposes = (user: string, key: string) =>
    `${PKI}:output.client_private_key_pem_${user}: exposes tls_private_key.${key}.private_key_pem: every workspace that reads ${PKI}'s outputs, and anyone who runs terraform output, gets it (sensitive only hides it from the CLI) — remove the output; whoever needs the secret reads it from this workspace with access to it`;
  const EXPECTED = [
    exposes('alice', 'pki_client-key-alice_E11081CA'),
    exposes('bob', 'pki_client-key-bob_E614FCAA'),
    `${SPOKE}:data.terraform_remote_state.hub: reads stack ${HUB}, which holds secrets (aws_dx_transit_virtual_interface.direct-connect_vif-kinx-seoul-1_044ACBC8, aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0, var.dx_bgp_auth_key_kinx_seoul_1 and 2 more); terraform_remote_state copies all of ${HUB}'s outputs into this state and needs read access to its whole state — read the non-secret values it publishes as SSM parameters instead (constructs/publish) and keep its state unshared`,
    `${SPOKE}:data.terraform_remote_state.vpn-pki: reads stack ${PKI}, which holds secrets (tls_private_key.pki_ca-key_06B797C7, tls_private_key.pki_client-key-alice_E11081CA, tls_private_key.pki_client-key-bob_E614FCAA and 1 more); terraform_remote_state copies all of ${PKI}'s outputs into this state and needs read access to its whole state — read the non-secret values it publishes as SSM parameters instead (constructs/publish) and keep its state unshared`,
  ];

  test('gives exactly the client key outputs and the two reads', () => {
    expect(run(graphFromJson(oldDesign())).sort()).toEqual([...EXPECTED].sort());
  });

  test('lz check fails on them even with a suppression, which is itself an error', () => {
    const lz = { ...defaultLandingZone(), suppressions: [{ rule: 'LZ-SECRET01', resource: `${SPOKE}*`, reason: 'the spoke reads the hub by design' }] };
    const result = analyze(graphFromJson(oldDesign()), lz, { now: new Date('2026-01-01T00:00:00Z') });
    const secret = result.findings.filter((f) => f.rule === 'LZ-SECRET01');
    expect(secret).toHaveLength(EXPECTED.length);
    expect(secret.every((f) => f.level === 'error' && f.suppressed === undefined)).toBe(true);
    expect(result.findings.filter((f) => f.rule === SUPPRESSION_RULE)).toEqual([expect.objectContaining({ level: 'error', path: 'suppressions[0]', message: expect.stringContaining('which cannot be suppressed') })]);
    expect(result.exitCode).toBe(1);
  });
});
