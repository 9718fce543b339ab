/** The resolved config `lz synth` records beside the stacks, for readers without the config file (lz plan-summary). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configHash } from '../../config/hash';
import { readRecordedConfig, RECORDED_CONFIG_FILE, RecordedConfigError } from '../../config/recorded';
import { synthDefault } from '../helpers/analysis';
import { defaultLandingZone } from '../helpers/landing-zone';
import { tempDir } from '../helpers/temp';

/** A copy of the default synth to edit. */
function copy(): string {
  const dir = path.join(tempDir('lz-recorded-'), 'cdktf.out');
  fs.cpSync(synthDefault(), dir, { recursive: true });
  return dir;
}

describe('the recorded config', () => {
  test('lz synth writes it, and it reads back as the config of the fingerprint', () => {
    const lz = readRecordedConfig(synthDefault());
    expect(configHash(lz)).toBe(configHash(defaultLandingZone()));
    expect(lz.spokes.map((s) => s.name)).toEqual(['shop-prod', 'shop-dev']);
  });

  test('an edited record (one port) is refused: it no longer matches the manifest', () => {
    const dir = copy();
    const file = path.join(dir, RECORDED_CONFIG_FILE);
    const lz = JSON.parse(fs.readFileSync(file, 'utf8'));
    lz.spokes[0].databasePort = 3306;
    fs.writeFileSync(file, JSON.stringify(lz));
    expect(() => readRecordedConfig(dir)).toThrow(new RecordedConfigError(`${file} does not match the fingerprint in ${path.join(dir, 'manifest.json')} (edited or copied from another output): run \`lz synth\` again`));
  });

  test('a missing or unreadable record says what to do', () => {
    const dir = copy();
    const file = path.join(dir, RECORDED_CONFIG_FILE);
    fs.writeFileSync(file, '{');
    expect(() => readRecordedConfig(dir)).toThrow(/^cannot read .*landing-zone\.resolved\.json: /);
    fs.rmSync(file);
    expect(() => readRecordedConfig(dir)).toThrow(`${dir} has no ${RECORDED_CONFIG_FILE} (synthesized by an older version of lz): run \`lz synth\` again`);
  });
});
