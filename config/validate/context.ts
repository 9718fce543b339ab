/** What every validation rule receives: the parsed config plus each spoke's expanded subnets. */
import { ConfigIssue, ConfigPath } from '../issues';
import { expandSubnets, SubnetSpec } from '../model';
import { LandingZoneConfig, SpokeConfig } from '../schema';

/** A spoke with its config path and its explicit and generated subnets. */
export interface SpokeView {
  readonly spoke: SpokeConfig;
  readonly path: ConfigPath;
  readonly subnets: readonly SubnetSpec[];
}

/** Input of every rule. */
export interface RuleContext {
  readonly config: LandingZoneConfig;
  readonly spokes: readonly SpokeView[];
  /** Directory of the config file, against which paths in the config (`clientVpn.users[].csr`) resolve. */
  readonly configDir: string;
}

/** A validation rule: a small pure function returning every problem it finds. */
export type Rule = (ctx: RuleContext) => ConfigIssue[];

/** Builds the context; subnet generation problems are returned alongside. */
export function buildContext(config: LandingZoneConfig, configDir: string = process.cwd()): { ctx: RuleContext; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const spokes = config.spokes.map((spoke, index) => {
    const path = ['spokes', index];
    const expanded = expandSubnets(spoke.vpc, [...path, 'vpc']);
    issues.push(...expanded.issues);
    return { spoke, path, subnets: expanded.subnets };
  });
  return { ctx: { config, spokes, configDir }, issues };
}
