/** `lz synth`'s work in one function (cli/synth-report.ts), which bench/child.ts measures: stacks and REPORT.md, the command's bytes. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Io, synthCommand } from '../../cli/commands';
import { synthesizeWithReport } from '../../cli/synth-report';
import { loadConfig } from '../../config/load';
import { estimateCosts } from '../../report/costs';
import { priceBookFor } from '../../report/prices';
import { readSynthesized } from '../../report/synthesized';
import { tempDir } from '../helpers/temp';

const DEFAULT = path.join(__dirname, '..', '..', 'landing-zone.yaml');
const quiet: Io = { out: () => undefined, err: () => undefined };

test('synthesizeWithReport writes the stacks and the REPORT.md that `lz synth` writes, and returns the monthly total', () => {
  const dir = tempDir('lz-synth-report-');
  const lz = loadConfig(DEFAULT).landingZone;
  const result = synthesizeWithReport(lz, path.join(dir, 'bench'), 'landing-zone.yaml');
  expect(synthCommand(DEFAULT, path.join(dir, 'cli'), quiet)).toBe(0);
  const report = (out: string) => fs.readFileSync(path.join(dir, out, 'REPORT.md'), 'utf8');
  expect(report('bench')).toBe(report('cli'));
  expect(result.stacks).toEqual(readSynthesized(path.join(dir, 'cli')).stacks.map((s) => s.name));
  expect(result.monthlyUsd).toBe(estimateCosts(lz, readSynthesized(path.join(dir, 'bench')), priceBookFor(lz.region)).totalUsd);
  expect(result.monthlyUsd).toBeGreaterThan(0);
});
