/**
 * Synthesizes a landing zone into a directory atomically: everything is written to a temporary
 * sibling directory first and swapped in only when the whole synth succeeded, so a failure never
 * leaves a half-written `cdktf.out`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { LandingZone } from '../config/model';
import { BuildOptions, buildLandingZone } from '../stacks/landing-zone-app';

/** What a synth produced. */
export interface SynthResult {
  readonly outdir: string;
  /** Stack names in manifest order. */
  readonly stacks: readonly string[];
}

/** Builds and synthesizes every stack into `outdir`, replacing its previous content only on success. */
export function synthesize(lz: LandingZone, outdir: string, options: BuildOptions = {}): SynthResult {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, `.${path.basename(target)}.tmp-`));
  try {
    const app = new App({ outdir: staging, stackTraces: false });
    buildLandingZone(app, lz, options);
    app.synth();
    const stacks = Object.keys(JSON.parse(readFileSync(path.join(staging, 'manifest.json'), 'utf8')).stacks);
    swapInto(staging, target);
    return { outdir: target, stacks };
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

function swapInto(staging: string, target: string): void {
  const retired = `${staging}.old`;
  if (existsSync(target)) renameSync(target, retired);
  renameSync(staging, target);
  rmSync(retired, { recursive: true, force: true });
}
