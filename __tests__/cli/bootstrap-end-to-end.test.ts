/**
 * The Terraform Cloud bootstrap config through the real command line: `validate`, `synth`, `check`
 * and `report` all accept it. A stack list copied into the report once made check and report reject
 * every fresh synth with `terraformCloud.bootstrap: true`; now both ask config/stack-list.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Io } from '../../cli/commands';
import { run } from '../../cli/lz';
import { readSynthOutput } from '../../lib/synth-output/reader';
import { landingZoneStackList } from '../../config/stack-list';
import { configText, loadWith, RawConfig } from '../helpers/config';
import { tempDir } from '../helpers/temp';

function lz(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
  const code = run(['node', 'lz', ...args], io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** The default config with Terraform Cloud, the bootstrap, and a deployment role per account (the bootstrap needs them). */
const withBootstrap = (c: RawConfig) => {
  c.terraformCloud = { organization: 'acme', project: 'network', workspacePrefix: 'lz-', bootstrap: true };
  const deploy = (account: string) => `arn:aws:iam::${account}:role/network-deploy`;
  c.hub.roleArn = deploy(c.hub.account);
  c.logArchive.roleArn = deploy(c.logArchive.account ?? c.hub.account);
  for (const s of c.spokes) s.roleArn = deploy(s.account);
};

describe('terraformCloud.bootstrap: true end to end', () => {
  let config: string;
  let out: string;
  beforeAll(() => {
    const dir = tempDir('lz-bootstrap-');
    config = path.join(dir, 'landing-zone.yaml');
    fs.writeFileSync(config, configText(withBootstrap));
    out = path.join(dir, 'cdktf.out');
  });

  test('validate, synth, check and report all exit 0', () => {
    const validate = lz('validate', '--config', config);
    expect(validate).toMatchObject({ code: 0 });
    const synth = lz('synth', '--config', config, '--out', out);
    expect(synth.stderr).toBe('');
    expect(synth.code).toBe(0);
    const check = lz('check', '--config', config, '--out', out);
    expect(check.stderr).not.toMatch(/synthesized from another config/);
    expect(check.code).toBe(0);
    const report = lz('report', '--config', config, '--out', out);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'REPORT.md'), 'utf8')).toContain('shop-tfc-bootstrap');
  });

  test('the synthesized manifest lists exactly the stack list, with its dependencies', () => {
    const list = landingZoneStackList(loadWith(withBootstrap).landingZone);
    expect(list.map((s) => s.name)).toContain('shop-tfc-bootstrap');
    const stacks = readSynthOutput(out).stacks;
    const byName = <T extends { name: string }>(a: readonly T[]) => [...a].sort((x, y) => x.name.localeCompare(y.name));
    expect(byName(stacks).map((s) => [s.name, [...s.dependencies].sort()])).toEqual(byName(list).map((s) => [s.name, [...s.dependsOn].sort()]));
  });
});
