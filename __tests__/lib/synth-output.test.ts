/** The one reader of cdktf.out: manifest, stacks, fingerprint, and the errors that name the path. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { awsProviders, cloudBlock, countBlocks, hasManifest, readSynthManifest, readSynthOutput, SynthOutputError } from '../../lib/synth-output/reader';
import { tempDir } from '../helpers/temp';

/** Writes a small output directory: a producer with an output, a consumer reading it through remote state and tfe_outputs. */
function writeOutput(manifestExtra: object = {}): string {
  const dir = tempDir('lz-reader-');
  const write = (rel: string, json: object) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), JSON.stringify(json));
  };
  write('manifest.json', {
    stacks: {
      'lz-hub': { name: 'lz-hub', workingDirectory: 'stacks/lz-hub', synthesizedStackPath: 'stacks/lz-hub/cdk.tf.json', dependencies: [] },
      'lz-spoke-a': { name: 'lz-spoke-a', workingDirectory: 'stacks/lz-spoke-a', synthesizedStackPath: 'stacks/lz-spoke-a/cdk.tf.json', dependencies: ['lz-hub'] },
    },
    version: '0.21.0',
    ...manifestExtra,
  });
  write('stacks/lz-hub/cdk.tf.json', {
    terraform: { backend: { local: { path: 'terraform.lz-hub.tfstate' } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: { aws: [{ region: 'ap-northeast-2' }] },
    resource: { aws_ec2_transit_gateway: { tgw: { description: 'hub' } } },
    output: { tgw_id: { value: '${aws_ec2_transit_gateway.tgw.id}' } },
  });
  write('stacks/lz-spoke-a/cdk.tf.json', {
    terraform: { cloud: { organization: 'acme', hostname: 'app.terraform.io', workspaces: { name: 'lz-spoke-a', project: 'network' } } },
    provider: { aws: { region: 'ap-northeast-2', alias: 'hub' } },
    data: {
      terraform_remote_state: { 'cross-stack-reference-input-lz-hub': { backend: 'local', config: { path: '../lz-hub/terraform.lz-hub.tfstate' } } },
      tfe_outputs: { archive: { organization: 'acme', workspace: 'lz-log-archive' } },
    },
    resource: { aws_vpc: { vpc: { cidr_block: '10.1.0.0/16' } }, aws_subnet: { a: {}, b: {} } },
    locals: { tgw: '${data.terraform_remote_state.cross-stack-reference-input-lz-hub.outputs.tgw_id}' },
    variable: { key: { sensitive: true } },
  });
  return dir;
}

describe('readSynthOutput', () => {
  test('every stack of the manifest, in its order, with paths, dependencies and its JSON', () => {
    const dir = writeOutput();
    const out = readSynthOutput(dir);
    expect(out.stacks.map((s) => [s.name, s.dependencies, s.synthesizedStackPath, s.workingDirectory, s.file, s.dir])).toEqual([
      ['lz-hub', [], 'stacks/lz-hub/cdk.tf.json', 'stacks/lz-hub', path.join(dir, 'stacks/lz-hub/cdk.tf.json'), path.join(dir, 'stacks/lz-hub')],
      ['lz-spoke-a', ['lz-hub'], 'stacks/lz-spoke-a/cdk.tf.json', 'stacks/lz-spoke-a', path.join(dir, 'stacks/lz-spoke-a/cdk.tf.json'), path.join(dir, 'stacks/lz-spoke-a')],
    ]);
    const [hub, spoke] = out.stacks;
    expect(hub.json.terraform?.backend).toEqual({ local: { path: 'terraform.lz-hub.tfstate' } });
    expect(hub.json.output?.tgw_id.value).toBe('${aws_ec2_transit_gateway.tgw.id}');
    expect(countBlocks(spoke.json.resource)).toBe(3);
    expect(countBlocks(spoke.json.data)).toBe(2);
    expect(spoke.json.locals?.tgw).toBe('${data.terraform_remote_state.cross-stack-reference-input-lz-hub.outputs.tgw_id}');
    expect(spoke.json.variable?.key.sensitive).toBe(true);
  });

  test('remote state and tfe_outputs data sources are read as data blocks', () => {
    const spoke = readSynthOutput(writeOutput()).stacks[1];
    expect(spoke.json.data?.terraform_remote_state['cross-stack-reference-input-lz-hub']).toEqual({ backend: 'local', config: { path: '../lz-hub/terraform.lz-hub.tfstate' } });
    expect(spoke.json.data?.tfe_outputs.archive).toEqual({ organization: 'acme', workspace: 'lz-log-archive' });
  });

  test('the Terraform Cloud block and aws providers, whether one object or a list', () => {
    const [hub, spoke] = readSynthOutput(writeOutput()).stacks;
    expect(cloudBlock(hub.json)).toBeUndefined();
    expect(cloudBlock(spoke.json)).toEqual({ organization: 'acme', hostname: 'app.terraform.io', workspaces: { name: 'lz-spoke-a', project: 'network' } });
    expect(awsProviders(hub.json)).toEqual([{ region: 'ap-northeast-2' }]);
    expect(awsProviders(spoke.json)).toEqual([{ region: 'ap-northeast-2', alias: 'hub' }]);
  });
});

describe('readSynthManifest', () => {
  test('the config fingerprint lz synth records, or none', () => {
    expect(readSynthManifest(writeOutput({ landingZone: { name: 'lz', configHash: 'sha256:abc' } })).configHash).toBe('sha256:abc');
    expect(readSynthManifest(writeOutput()).configHash).toBeUndefined();
    expect(readSynthManifest(writeOutput({ landingZone: { configHash: 7 } })).configHash).toBeUndefined();
  });

  test('a missing manifest is a SynthOutputError naming the file and the fix', () => {
    const dir = path.join(tempDir('lz-reader-'), 'none');
    expect(hasManifest(dir)).toBe(false);
    expect(() => readSynthManifest(dir)).toThrow(SynthOutputError);
    expect(() => readSynthOutput(dir)).toThrow(`${path.join(dir, 'manifest.json')} does not exist: ${dir} holds no synthesized stacks — run \`lz synth --out ${dir}\` first`);
  });

  test('a manifest that is not JSON, or lists no stacks, is refused with its path', () => {
    const dir = tempDir('lz-reader-');
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ not json');
    expect(() => readSynthManifest(dir)).toThrow(new RegExp(`^${path.join(dir, 'manifest.json')} is not valid JSON`));
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}');
    expect(() => readSynthManifest(dir)).toThrow(`${path.join(dir, 'manifest.json')} lists no stacks — run \`lz synth\` again`);
  });

  test('a stack listed but not written is an error naming its cdk.tf.json', () => {
    const dir = writeOutput();
    fs.rmSync(path.join(dir, 'stacks', 'lz-spoke-a'), { recursive: true });
    expect(() => readSynthOutput(dir)).toThrow(`${path.join(dir, 'stacks/lz-spoke-a/cdk.tf.json')} does not exist: stack lz-spoke-a is listed in the manifest but was not written — run \`lz synth\` again`);
  });
});
