import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readManifest } from '../../verify/stack-json';
import { cliConfigText, mapLimit, terraformEnv, TerraformVerifier, withoutImports, withoutPreventDestroy } from '../../verify/terraform';

describe('cliConfigText', () => {
  it('installs only hashicorp/aws, only from the mirror', () => {
    expect(cliConfigText('/mirrors/tf')).toBe(
      [
        '# Written by verify/terraform.ts: install hashicorp/aws from the local mirror only.',
        'provider_installation {',
        '  filesystem_mirror {',
        '    path    = "/mirrors/tf"',
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('terraformEnv', () => {
  it('points at our CLI config, disables prompts and checkpoint, drops inherited TF_CLI_ARGS and workspace', () => {
    const env = terraformEnv({ PATH: '/bin', TF_CLI_CONFIG_FILE: '/home/x/.terraformrc', TF_CLI_ARGS: '-lock=false', TF_CLI_ARGS_init: '-upgrade', TF_WORKSPACE: 'prod', TF_LOG: 'debug' }, '/tmp/rc');
    expect(env).toEqual({ PATH: '/bin', TF_LOG: 'debug', TF_CLI_CONFIG_FILE: '/tmp/rc', TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' });
  });
});

describe('mapLimit', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([30, 5, 20, 1, 10], 2, async (ms) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return ms * 2;
    });
    expect(out).toEqual([60, 10, 40, 2, 20]);
    expect(peak).toBe(2);
  });
});

describe('TerraformVerifier', () => {
  it('skips a tls stack without running terraform', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-verifier-test-'));
    try {
      const stacks = readManifest(path.join(__dirname, 'fixtures', 'synth'));
      const pki = stacks.find((s) => s.name === 'lz-spoke-a-vpn-pki')!;
      // A terraform that does not exist: any attempt to run it would fail the outcome.
      const verifier = new TerraformVerifier(path.join(tmp, 'no-terraform'), path.join(tmp, 'mirror'), tmp);
      const outcome = await verifier.verifyStack({ label: 'lz-spoke-a-vpn-pki', stack: pki, siblings: stacks });
      expect(outcome).toEqual({ label: 'lz-spoke-a-vpn-pki', status: 'skipped', reason: 'needs the tls provider, which has no offline mirror', validated: false, warnings: [], passed: 0, seconds: 0 });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('withoutPreventDestroy', () => {
  test('drops prevent_destroy (and an emptied lifecycle) from every resource, keeps the rest, leaves the input alone', () => {
    const json = {
      resource: {
        aws_s3_bucket: { logs: { bucket: 'b', lifecycle: { prevent_destroy: true } } },
        aws_route53_zone: { z: { name: 'n', lifecycle: { prevent_destroy: true, ignore_changes: ['vpc'] } } },
      },
    };
    expect(withoutPreventDestroy(json)).toEqual({
      resource: { aws_s3_bucket: { logs: { bucket: 'b' } }, aws_route53_zone: { z: { name: 'n', lifecycle: { ignore_changes: ['vpc'] } } } },
    });
    expect(json.resource.aws_s3_bucket.logs.lifecycle.prevent_destroy).toBe(true);
  });
});

describe('withoutImports', () => {
  it('drops import blocks (a mocked provider cannot import) and nothing else, without mutating the input', () => {
    const json = { resource: { aws_ssm_document: { d: { name: 'SSM-SessionManagerRunShell' } } }, import: [{ to: 'aws_ssm_document.d', id: 'SSM-SessionManagerRunShell' }] };
    expect(withoutImports(json)).toEqual({ resource: json.resource });
    expect(json.import).toHaveLength(1);
  });
});
