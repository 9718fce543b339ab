/** Which configs `npm run verify` covers: the named one, else the embedded default plus every valid fixture. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../config/load';

/** Named fixture configs that must verify too. */
export const FIXTURES_DIR = path.join(__dirname, '..', '__tests__', 'fixtures', 'valid');

/** The config files to verify, default first, fixtures sorted; a missing or empty fixture dir adds none. */
export function configsToVerify(config: string | undefined, fixturesDir: string = FIXTURES_DIR): string[] {
  if (config) return [path.resolve(config)];
  const fixtures = fs.existsSync(fixturesDir) ? fs.readdirSync(fixturesDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  return [DEFAULT_CONFIG_PATH, ...fixtures.map((f) => path.join(fixturesDir, f))];
}

/** Short names for configs (file name without extension), made unique with `-2`, `-3`... */
export function configLabels(files: readonly string[]): string[] {
  const used = new Set<string>();
  return files.map((file) => {
    const base = path.basename(file).replace(/\.ya?ml$/, '');
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  });
}
