/** The default landing-zone.yaml as data, and mutated copies of it as YAML text (fuzz.test.ts, fuzz-cli.test.ts). */
import * as fs from 'node:fs';
import { parse, stringify } from 'yaml';
import { ConfigPath } from '../../config/issues';
import { DEFAULT_CONFIG_PATH } from '../../config/load';
import { RawConfig } from '../helpers/config';

/** The embedded default config, parsed. */
export const DEFAULT = parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as RawConfig;

/** A copy of the default config with `change` applied to the parent of `p`, as YAML text (made when called). */
export function mutated(p: ConfigPath, change: (parent: RawConfig, key: string | number) => void): () => string {
  return () => {
    const config = structuredClone(DEFAULT);
    const parent = p.slice(0, -1).reduce<RawConfig>((acc, k) => acc[k], config);
    change(parent, p[p.length - 1]);
    return stringify(config);
  };
}

/** A copy of the default config with the value at `p` replaced by `value`. */
export const setTo = (p: ConfigPath, value: unknown) => mutated(p, (parent, key) => void (parent[key] = value));
