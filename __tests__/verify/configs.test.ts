import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../../config/load';
import { configLabels, configsToVerify } from '../../verify/configs';

describe('configsToVerify', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-configs-test-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is the default alone when the fixture dir is absent or empty', () => {
    expect(configsToVerify(undefined, path.join(tmp, 'absent'), path.join(tmp, 'absent'))).toEqual([DEFAULT_CONFIG_PATH]);
    expect(configsToVerify(undefined, tmp, tmp)).toEqual([DEFAULT_CONFIG_PATH]);
  });

  it('adds every YAML fixture, sorted, and nothing else', () => {
    for (const f of ['b.yaml', 'a.yml', 'notes.md']) fs.writeFileSync(path.join(tmp, f), '');
    expect(configsToVerify(undefined, tmp, path.join(tmp, 'absent'))).toEqual([DEFAULT_CONFIG_PATH, path.join(tmp, 'a.yml'), path.join(tmp, 'b.yaml')]);
  });

  it('puts the examples after the default and before the fixtures', () => {
    const examples = path.join(tmp, 'examples');
    fs.mkdirSync(examples);
    fs.writeFileSync(path.join(examples, 'inspected.yaml'), '');
    fs.writeFileSync(path.join(tmp, 'a.yaml'), '');
    expect(configsToVerify(undefined, tmp, examples)).toEqual([DEFAULT_CONFIG_PATH, path.join(examples, 'inspected.yaml'), path.join(tmp, 'a.yaml')]);
  });

  it('skips the IPAM allocation files beside the examples (they are not configs)', () => {
    const examples = path.join(tmp, 'examples-ipam');
    fs.mkdirSync(examples);
    fs.writeFileSync(path.join(examples, 'ipam.yaml'), '');
    fs.writeFileSync(path.join(examples, 'ipam.allocations.yaml'), '');
    expect(configsToVerify(undefined, path.join(tmp, 'none'), examples)).toEqual([DEFAULT_CONFIG_PATH, path.join(examples, 'ipam.yaml')]);
  });

  it('is only the named config when one is given', () => {
    expect(configsToVerify('envs/prod.yaml', tmp)).toEqual([path.resolve('envs/prod.yaml')]);
  });

  it('labels configs by file name, unique', () => {
    expect(configLabels(['/x/landing-zone.yaml', '/y/landing-zone.yml', '/z/other.yaml'])).toEqual(['landing-zone', 'landing-zone-2', 'other']);
  });
});
