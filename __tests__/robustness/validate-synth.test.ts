/**
 * One validator: whatever `lz validate` accepts, `lz synth` builds, and no `lz check` rule refuses. Random valid
 * landing zones (./arbitraries.ts) are pushed towards and past the limits AWS puts on what the config
 * derives (names, tags, certificates, web ACLs, plain HTTP, the Terraform Cloud bootstrap); a config
 * the rules refuse is fine, one they accept must synthesize without a construct refusing it, and no
 * rule of the check may block it. A boundary case pins every limit at its exact maximum.
 *
 * Runs: LZ_PROPERTY_RUNS (default 12, about a fifth of them accepted); a fixed seed unless FC_SEED says otherwise (FC_SEED=random).
 */
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { buildConfig, LandingZoneSpec } from '../../bench/landing-zone-spec';
import { synthesize } from '../../cli/synth';
import { runCheck } from '../../analysis/run';
import { isBlocking } from '../../analysis/findings';
import { ConfigError, formatPath } from '../../config/issues';
import { DEFAULT_CONFIG_PATH, LoadedConfig, parseConfig } from '../../config/load';
import { MAX_CONFIG_TAGS, MAX_PROJECT_TAGS_PER_RESOURCE, MAX_RESOURCE_TAGS, MANAGED_TAG_KEYS, TAG_RULES } from '../../config/tags';
import { tempDir } from '../helpers/temp';
import { applyNearLimitEdit, landingZoneSpecArb, NearLimitEdit, nearLimitEditArb } from './arbitraries';

const RUNS = Number(process.env.LZ_PROPERTY_RUNS) || 12;
const SEED = process.env.FC_SEED === 'random' ? undefined : Number(process.env.FC_SEED ?? 20261124);

/** The config's verdict: loaded, or the paths of the errors that refused it. */
function validate(text: string): { loaded?: LoadedConfig; refused?: string[] } {
  try {
    return { loaded: parseConfig(text, 'near-limits.yaml') };
  } catch (e) {
    if (e instanceof ConfigError) return { refused: e.issues.filter((i) => i.severity !== 'warning').map((i) => formatPath(i.path)) };
    throw e;
  }
}

/**
 * Synthesizes an accepted config (a construct that refuses it fails the test with its message) and
 * runs the rule pack over the output: no finding may block what the rules accepted (a plain-HTTP load
 * balancer, for one, is accepted only with httpOnly, which suppresses LZ-ALB02). The intents over
 * random landing zones are property.test.ts's business.
 */
function synthAndCheck(loaded: LoadedConfig, out: string): ReturnType<typeof runCheck> {
  synthesize(loaded.landingZone, out);
  const check = runCheck({ out, landingZone: loaded.landingZone, write: false });
  expect(check.findings.filter(isBlocking).map((f) => `${f.rule} ${f.path}: ${f.message}`)).toEqual([]);
  return check;
}

describe('lz validate accepts ⇒ lz synth builds and no lz check rule blocks', () => {
  test('random landing zones edited near and past the derived limits', () => {
    const root = tempDir('lz-validate-synth-');
    let run = 0;
    const verdicts = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(landingZoneSpecArb(1, 3), nearLimitEditArb, (spec: LandingZoneSpec, edit: NearLimitEdit) => {
        const config = buildConfig(spec);
        applyNearLimitEdit(config, edit);
        const { loaded } = validate(stringify(config));
        if (!loaded) {
          verdicts.refused++;
          return;
        }
        verdicts.accepted++;
        synthAndCheck(loaded, path.join(root, `out-${run++}`));
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    // Not vacuous: some edited configs pass the rules and go through synth and check.
    expect(verdicts.accepted).toBeGreaterThan(0);
    if (process.env.LZ_PROPERTY_DEBUG) console.log(verdicts);
  });

  test('the boundary: every derived name, tag count, key and value at its exact limit builds, and the check passes', () => {
    const config = parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
    config.name = 'l'.repeat(20);
    // With its load balancer: "<name>-<spoke>" is exactly 32 characters (the ALB name limit).
    config.spokes[0].name = 'p'.repeat(11);
    delete config.spokes[0].clientVpn; // its CA common name would cap "<name>-<spoke>" at 50
    // Without one: "<name>-<spoke>-ssm-instance" is exactly 64 characters (the IAM role name limit).
    config.spokes[1].name = 'd'.repeat(30);
    config.spokes[0].vpc.publicIpOnLaunch = true;
    delete config.spokes[0].alb.certificateArn;
    config.spokes[0].alb.httpOnly = { reason: 'TLS terminates at the CDN in front of this load balancer' };
    config.spokes[0].alb.hosts[0].host = `${'a'.repeat(60)}.${'b'.repeat(55)}.example.com`;
    config.tags = Object.fromEntries(Array.from({ length: MAX_CONFIG_TAGS }, (_, i) => [`${String(i).padStart(2, '0')}${'k'.repeat(TAG_RULES.maxKeyLength - 2)}`, 'v'.repeat(TAG_RULES.maxValueLength)]));
    config.terraformCloud = { organization: 'acme', project: 'network', bootstrap: true };
    config.hub.roleArn = 'arn:aws:iam::111111111111:role/network-deploy';
    config.logArchive.roleArn = 'arn:aws:iam::222222222222:role/network-deploy';
    config.spokes[0].roleArn = 'arn:aws:iam::333333333333:role/network-deploy';
    config.spokes[1].roleArn = 'arn:aws:iam::444444444444:role/network-deploy';
    const { loaded, refused } = validate(stringify(config));
    expect(refused).toBeUndefined();
    expect(`${loaded!.landingZone.name}-${loaded!.landingZone.spokes[0].name}`).toHaveLength(32);
    expect(`${loaded!.landingZone.name}-${loaded!.landingZone.spokes[1].name}-ssm-instance`).toHaveLength(64);
    const out = path.join(tempDir('lz-boundary-'), 'out');
    const check = synthAndCheck(loaded!, out);
    // Every intent proved too, and the plain-HTTP load balancer reported as accepted, with its reason.
    expect(check.exitCode).toBe(0);
    expect(check.findings.filter((f) => f.suppressed).map((f) => f.rule)).toEqual(['LZ-ALB02', 'LZ-ALB02', 'LZ-ALB02']);

    // No resource carries more than the tags the count rule reserves for the landing zone: the 45 of
    // the config and at most 5 of its own (the provider default tags and the resource's own).
    const stacks = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).stacks as Record<string, { synthesizedStackPath: string }>;
    let most = 0;
    for (const { synthesizedStackPath } of Object.values(stacks)) {
      const json = JSON.parse(readFileSync(path.join(out, synthesizedStackPath), 'utf8'));
      const providers: { alias?: string; default_tags?: { tags: Record<string, string> }[] }[] = json.provider?.aws ?? [];
      for (const provider of providers) expect(Object.keys(provider.default_tags?.[0]?.tags ?? {}).length).toBeLessThanOrEqual(MAX_CONFIG_TAGS + MANAGED_TAG_KEYS.length);
      for (const byName of Object.values(json.resource ?? {}) as Record<string, { tags?: Record<string, string>; provider?: string }>[]) {
        for (const body of Object.values(byName)) {
          const own = Object.keys(body.tags ?? {});
          expect(own.length).toBeLessThanOrEqual(MAX_RESOURCE_TAGS);
          const provider = providers.find((p) => (body.provider ? `aws.${p.alias}` === body.provider : !p.alias));
          const all = new Set([...Object.keys(provider?.default_tags?.[0]?.tags ?? {}), ...own]);
          most = Math.max(most, all.size);
        }
      }
    }
    expect(most).toBeLessThanOrEqual(TAG_RULES.maxTagsPerResource);
    expect(most).toBe(MAX_CONFIG_TAGS + MAX_PROJECT_TAGS_PER_RESOURCE);
  });
});
