/** Region and availability-zone rules. */
import { ConfigIssue, ConfigPath, didYouMean } from '../issues';
import { KNOWN_REGIONS, REGION_AZ_LETTERS } from '../../lib/aws/regions';
import { Rule } from './context';

// Own keys only: a region such as "constructor" must not find Object.prototype members.
const lettersOf = (region: string): string | undefined => (Object.hasOwn(REGION_AZ_LETTERS, region) ? REGION_AZ_LETTERS[region] : undefined);

/** The region must be a known commercial region. */
export const knownRegion: Rule = ({ config }) =>
  lettersOf(config.region)
    ? []
    : [{ path: ['region'], value: config.region, message: `is not a known AWS region${didYouMean(config.region, KNOWN_REGIONS)}`, fix: `use a region code such as ap-northeast-2 (known: ${KNOWN_REGIONS.join(', ')})` }];

function checkZones(region: string, zones: readonly string[], path: ConfigPath): ConfigIssue[] {
  const letters = lettersOf(region);
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  zones.forEach((az, i) => {
    const letter = az.startsWith(region) ? az.slice(region.length) : undefined;
    if (letter === undefined || !/^[a-z]$/.test(letter)) {
      const candidates = letters ? [...letters].map((l) => `${region}${l}`) : [];
      issues.push({ path: [...path, i], value: az, message: `is not an availability zone of ${region}${didYouMean(az, candidates)}`, fix: `use ${region} followed by a zone letter, e.g. ${region}a` });
    } else if (letters && !letters.includes(letter)) {
      issues.push({ path: [...path, i], value: az, message: `does not exist in ${region}`, fix: `use one of ${[...letters].map((l) => region + l).join(', ')}` });
    } else if (seen.has(az)) {
      issues.push({ path: [...path, i], value: az, message: 'is listed twice', fix: 'list each availability zone once' });
    }
    seen.add(az);
  });
  return issues;
}

/** Every AZ list names zones of the configured region, each once (skipped when the region itself is unknown: one error, not one per AZ). */
export const zonesInRegion: Rule = ({ config }) => !lettersOf(config.region) ? [] : [
  ...checkZones(config.region, config.hub.availabilityZones, ['hub', 'availabilityZones']),
  ...(config.hub.egress?.availabilityZones ? checkZones(config.region, config.hub.egress.availabilityZones, ['hub', 'egress', 'availabilityZones']) : []),
  ...(config.hub.endpoints?.availabilityZones ? checkZones(config.region, config.hub.endpoints.availabilityZones, ['hub', 'endpoints', 'availabilityZones']) : []),
  ...config.spokes.flatMap((s, i) => checkZones(config.region, s.vpc.availabilityZones, ['spokes', i, 'vpc', 'availabilityZones'])),
];

/** A subnet's AZ must be one the VPC spans. */
export const subnetZoneInVpc: Rule = ({ spokes }) =>
  spokes.flatMap(({ spoke, subnets }) =>
    subnets
      .filter((s) => !s.generated && !spoke.vpc.availabilityZones.includes(s.az))
      .map((s) => ({
        path: [...s.path, 'az'],
        value: s.az,
        message: `is not in this VPC's availabilityZones [${spoke.vpc.availabilityZones.join(', ')}]${didYouMean(s.az, spoke.vpc.availabilityZones)}`,
        fix: 'use one of the VPC availability zones or add this zone to vpc.availabilityZones',
      })),
  );
