/**
 * What `lz synth` runs: every stack synthesized and REPORT.md written from them, atomically (the
 * report is written into the staging directory, so it is swapped in with the stacks or not at all).
 * bench/child.ts measures this same function, so its figures are the command's.
 */
import * as path from 'node:path';
import { LandingZone } from '../config/model';
import { estimateCosts } from '../report/costs';
import { priceBookFor } from '../report/prices';
import { renderReport, ReportInput } from '../report/render';
import { readSynthesized } from '../report/synthesized';
import { REPORT_FILE, writeFileAtomic } from './report';
import { synthesize, SynthResult } from './synth';

/** A synth with its report. */
export interface SynthReportResult extends SynthResult {
  /** Fixed monthly charges in USD, undefined without price data for the Region. */
  readonly monthlyUsd: number | undefined;
}

/**
 * Synthesizes `lz` into `outdir` and writes REPORT.md there, from the synthesized JSON;
 * `configName` is the config's name as the report shows it.
 */
export function synthesizeWithReport(lz: LandingZone, outdir: string, configName: string): SynthReportResult {
  let monthlyUsd: number | undefined;
  const result = synthesize(lz, outdir, {
    beforeSwap: (staging) => {
      // synthesize() collected the construct tree at scale before this runs (cli/synth.ts).
      const input: ReportInput = { landingZone: lz, synthesized: readSynthesized(staging), configName, prices: priceBookFor(lz.region) };
      // One cost estimate for the report and the command's summary line.
      const estimate = estimateCosts(lz, input.synthesized, input.prices);
      monthlyUsd = estimate.totalUsd;
      writeFileAtomic(path.join(staging, REPORT_FILE), renderReport(input, estimate));
    },
  });
  return { ...result, monthlyUsd };
}
