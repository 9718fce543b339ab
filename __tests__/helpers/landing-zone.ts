/** Landing-zone fixtures for construct and stack tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../config/load';
import { LandingZone } from '../../config/model';

/** The embedded default landing zone, resolved. */
export function defaultLandingZone(): LandingZone {
  return parseConfig(fs.readFileSync(path.join(__dirname, '..', '..', 'landing-zone.yaml'), 'utf8'), 'landing-zone.yaml').landingZone;
}

/** A named fixture config from __tests__/fixtures, resolved. */
export function fixtureLandingZone(name: string): LandingZone {
  const file = path.join(__dirname, '..', 'fixtures', name);
  return parseConfig(fs.readFileSync(file, 'utf8'), name).landingZone;
}
