/** Which configs `npm run verify` covers: the named one, else the embedded default, every example and every valid fixture. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../config/load';
import { isAllocationFile } from '../config/ipam-allocation';

/** Named fixture configs that must verify too. */
export const FIXTURES_DIR = path.join(__dirname, '..', '__tests__', 'fixtures', 'valid');

/** The example configs users start from (examples/*.yaml): each must verify like the default. */
export const EXAMPLES_DIR = path.join(__dirname, '..', 'examples');

/** The config YAML files of a directory, sorted, as paths (IPAM allocation files beside them are not configs); none when it does not exist. */
function yamlFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !isAllocationFile(f)).sort().map((f) => path.join(dir, f)) : [];
}

/** The config files to verify: default first, then examples and fixtures, each sorted; a missing or empty dir adds none. */
export function configsToVerify(config: string | undefined, fixturesDir: string = FIXTURES_DIR, examplesDir: string = EXAMPLES_DIR): string[] {
  if (config) return [path.resolve(config)];
  return [DEFAULT_CONFIG_PATH, ...yamlFiles(examplesDir), ...yamlFiles(fixturesDir)];
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
