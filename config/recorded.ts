/**
 * The resolved config as `lz synth` records it beside the stacks (`<out>/landing-zone.resolved.json`),
 * so that a reader of the synthesized output that needs the config's intent (`lz plan-summary`'s
 * reachability diff) has exactly the config the output was made from, where the config file itself is
 * not at hand: the plan jobs of the workflows get the synth as an artifact, not the repository, and a
 * config may name files of its own (certificate requests). The manifest's fingerprint
 * (config/hash.ts) proves the record belongs to the output.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSynthManifest, SynthOutputError } from '../lib/synth-output/reader';
import { configHash } from './hash';
import type { LandingZone } from './model';

/** File name of the record inside the output directory. */
export const RECORDED_CONFIG_FILE = 'landing-zone.resolved.json';

/** Why the recorded config cannot be used; the message says what to do. */
export class RecordedConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordedConfigError';
  }
}

/** The text `lz synth` writes: the resolved config as JSON (plain data, see config/model.ts). */
export function recordedConfigText(lz: LandingZone): string {
  return `${JSON.stringify(lz)}\n`;
}

/**
 * Reads the config recorded in `outdir` and checks it against the manifest's fingerprint: a record
 * that is missing (an output synthesized before records existed), unreadable or of another config is
 * refused.
 */
export function readRecordedConfig(outdir: string): LandingZone {
  const file = path.join(outdir, RECORDED_CONFIG_FILE);
  let lz: LandingZone;
  try {
    lz = JSON.parse(readFileSync(file, 'utf8')) as LandingZone;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RecordedConfigError(`${outdir} has no ${RECORDED_CONFIG_FILE} (synthesized by an older version of lz): run \`lz synth\` again`);
    throw new RecordedConfigError(`cannot read ${file}: ${code ?? (e as Error).message.split('\n')[0]}`);
  }
  let recorded: unknown;
  try {
    recorded = readSynthManifest(outdir).configHash;
  } catch (e) {
    if (!(e instanceof SynthOutputError)) throw e;
    throw new RecordedConfigError(`cannot read ${path.join(outdir, 'manifest.json')}: ${e.message}`);
  }
  if (typeof lz !== 'object' || lz === null || typeof recorded !== 'string' || configHash(lz) !== recorded) {
    throw new RecordedConfigError(`${file} does not match the fingerprint in ${path.join(outdir, 'manifest.json')} (edited or copied from another output): run \`lz synth\` again`);
  }
  return lz;
}
