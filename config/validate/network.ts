/**
 * Address-plan rules: CIDR syntax, VPC and subnet sizes, containment and overlaps.
 * Sizes: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html (a VPC or subnet is /16 to /28).
 */
import { Cidr, contains, overlaps, parseCidr } from '../../lib/net/range';
import { VPC_PREFIX } from '../../lib/aws/vpc';
import { ConfigIssue, ConfigPath, formatPath } from '../issues';
import { Rule, RuleContext } from './context';

/** Smallest prefix AWS allows for a VPC or subnet (lib/aws/vpc.ts). */
export const MIN_PREFIX = VPC_PREFIX.min;
/** Largest prefix AWS allows for a VPC or subnet (lib/aws/vpc.ts). */
export const MAX_PREFIX = VPC_PREFIX.max;

function parseAt(path: ConfigPath, text: string, issues: ConfigIssue[]): Cidr | undefined {
  const parsed = parseCidr(text);
  if (parsed.ok) return parsed.cidr;
  issues.push({ path, value: text, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block such as 172.16.0.0/16' });
  return undefined;
}

function sizeIssue(path: ConfigPath, c: Cidr, what: string): ConfigIssue[] {
  return c.prefix < MIN_PREFIX || c.prefix > MAX_PREFIX
    ? [{ path, value: c.text, message: `is a /${c.prefix}, but a ${what} must be between /${MIN_PREFIX} and /${MAX_PREFIX}`, fix: `pick a prefix length from ${MIN_PREFIX} to ${MAX_PREFIX}` }]
    : [];
}

/** Every VPC and subnet CIDR parses, has no host bits and is /16 to /28. */
export const cidrSyntaxAndSize: Rule = ({ config, spokes }) => {
  const issues: ConfigIssue[] = [];
  // Hub VPCs hold one subnet per AZ plus the /28 attachment subnets: a /24 is the smallest that fits three AZs.
  for (const [key, label] of [['egress', 'egress VPC'], ['endpoints', 'shared-endpoints VPC']] as const) {
    const vpc = config.hub[key];
    if (!vpc) continue;
    const at = ['hub', key, 'cidr'];
    const parsed = parseAt(at, vpc.cidr, issues);
    if (parsed && (parsed.prefix < MIN_PREFIX || parsed.prefix > 24)) {
      issues.push({ path: at, value: parsed.text, message: `is a /${parsed.prefix}, but the ${label} must be between /${MIN_PREFIX} and /24`, fix: 'use a /24 or larger (a /24 fits three AZs)' });
    }
  }
  config.hub.transitGateway.internalRanges.forEach((r, i) => parseAt(['hub', 'transitGateway', 'internalRanges', i], r, issues));
  config.onPremises.cidrs.forEach((r, i) => parseAt(['onPremises', 'cidrs', i], r, issues));
  for (const { spoke, path, subnets } of spokes) {
    const vpcPath = [...path, 'vpc', 'cidr'];
    const vpc = parseAt(vpcPath, spoke.vpc.cidr, issues);
    if (vpc) issues.push(...sizeIssue(vpcPath, vpc, 'VPC'));
    for (const s of subnets.filter((x) => !x.generated)) {
      const c = parseAt([...s.path, 'cidr'], s.cidr, issues);
      if (c) issues.push(...sizeIssue([...s.path, 'cidr'], c, 'subnet'));
    }
  }
  return issues;
};

/** Subnets lie inside their VPC and do not overlap each other. */
export const subnetsInsideVpcAndDisjoint: Rule = ({ spokes }) => {
  const issues: ConfigIssue[] = [];
  for (const { spoke, subnets } of spokes) {
    const vpc = parseCidr(spoke.vpc.cidr);
    if (!vpc.ok) continue;
    const placed: { cidr: Cidr; path: ConfigPath; name: string }[] = [];
    for (const s of subnets) {
      const parsed = parseCidr(s.cidr);
      if (!parsed.ok) continue;
      const at = s.generated ? s.path : [...s.path, 'cidr'];
      if (!contains(vpc.cidr, parsed.cidr)) {
        issues.push({ path: at, value: s.cidr, message: `is outside the VPC ${spoke.vpc.cidr}`, fix: 'pick a range inside it' });
        continue;
      }
      const clash = placed.find((p) => overlaps(p.cidr, parsed.cidr));
      if (clash) {
        issues.push({ path: at, value: s.cidr, message: `overlaps subnet "${clash.name}" (${clash.cidr.text}) at ${formatPath(clash.path)}`, fix: 'pick a range no other subnet uses' });
      }
      placed.push({ cidr: parsed.cidr, path: at, name: s.name });
    }
  }
  return issues;
};

/** Every VPC range that takes part in routing, with where it is declared. */
export interface NamedRange {
  readonly owner: string;
  readonly path: ConfigPath;
  readonly cidr: Cidr;
}

/**
 * All VPC and on-premises ranges of the landing zone, in file order (hub, on-premises, spokes): an
 * overlap is reported on the later one, so a new spoke that collides with the hub or on-premises is
 * the one blamed. Later domains (more hub VPCs) add theirs here.
 */
export function landingZoneRanges(ctx: RuleContext): readonly NamedRange[] {
  // Several rules ask for these; the context is immutable, so they are collected once per context.
  let out = rangesByContext.get(ctx);
  if (out) return out;
  out = collectRanges(ctx);
  rangesByContext.set(ctx, out);
  return out;
}

const rangesByContext = new WeakMap<RuleContext, NamedRange[]>();

function collectRanges(ctx: RuleContext): NamedRange[] {
  const out: NamedRange[] = [];
  const add = (owner: string, path: ConfigPath, text: string) => {
    const parsed = parseCidr(text);
    if (parsed.ok) out.push({ owner, path, cidr: parsed.cidr });
  };
  if (ctx.config.hub.egress) add('the hub egress VPC', ['hub', 'egress', 'cidr'], ctx.config.hub.egress.cidr);
  if (ctx.config.hub.endpoints) add('the hub shared-endpoints VPC', ['hub', 'endpoints', 'cidr'], ctx.config.hub.endpoints.cidr);
  if (ctx.config.hub.inspection) add('the hub inspection VPC', ['hub', 'inspection', 'cidr'], ctx.config.hub.inspection.cidr);
  ctx.config.onPremises.cidrs.forEach((c, i) => add('on-premises', ['onPremises', 'cidrs', i], c));
  for (const { spoke, path } of ctx.spokes) add(`spoke "${spoke.name}"`, [...path, 'vpc', 'cidr'], spoke.vpc.cidr);
  return out;
}

/** No two ranges anywhere in the landing zone (spoke VPCs, hub VPCs, on-premises) overlap: they are routed through one Transit Gateway. */
export const vpcRangesDisjoint: Rule = (ctx) => {
  const ranges = landingZoneRanges(ctx);
  const issues: ConfigIssue[] = [];
  // Sorted sweep: O(n log n) rather than all pairs, so hundreds of spokes stay fast.
  const sorted = ranges.map((r, i) => ({ r, i })).sort((a, b) => a.r.cidr.first - b.r.cidr.first || a.i - b.i);
  let widest: (typeof sorted)[number] | undefined;
  for (const entry of sorted) {
    if (widest && overlaps(widest.r.cidr, entry.r.cidr)) {
      const [earlier, later] = widest.i < entry.i ? [widest, entry] : [entry, widest];
      issues.push({
        path: later.r.path,
        value: later.r.cidr.text,
        message: `of ${later.r.owner} overlaps ${earlier.r.cidr.text} of ${earlier.r.owner} at ${formatPath(earlier.r.path)}`,
        fix: 'give every VPC a range no other VPC, hub VPC or on-premises network uses',
      });
    }
    if (!widest || entry.r.cidr.last > widest.r.cidr.last) widest = entry;
  }
  return issues;
};

/** Tiers whose subnets hold workloads and interface endpoints: the private route tables live there. */
const PRIVATE_TIERS: readonly string[] = ['app', 'db', 'endpoint'];

/**
 * A spoke VPC has a private (app, db or endpoint) subnet: the S3 gateway endpoint attaches to the
 * private route tables, and the Session Manager construct refuses a VPC without one. The expansion of
 * `tiers` and the generated attachment subnets are counted, so the rule sees what synth builds.
 */
export const spokeHasPrivateSubnets: Rule = ({ spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) =>
    subnets.some((s) => PRIVATE_TIERS.includes(s.tier))
      ? []
      : [
          {
            // With neither tiers nor explicit subnets, point at the (empty) subnets list and show it as [], not (missing).
            ...(spoke.vpc.subnets.length === 0 && spoke.vpc.tiers === undefined ? { path: [...path, 'vpc', 'subnets'], value: [] } : { path: [...path, 'vpc'], value: undefined }),
            message: `has no app, db or endpoint subnet (only ${[...new Set(subnets.map((s) => s.tier))].join(', ') || 'none'}): workloads, the S3 gateway endpoint and Session Manager need a private route table`,
            fix: `add app or db subnets, e.g. tiers: { app: { prefixLength: 20, count: ${spoke.vpc.availabilityZones.length} } }`,
          },
        ],
  );

/** `vpc.publicIpOnLaunch` only acts on public-tier subnets: without one it does nothing. */
export const publicIpOnLaunchNeedsPublicTier: Rule = ({ spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) =>
    spoke.vpc.publicIpOnLaunch && !subnets.some((s) => s.tier === 'public')
      ? [{ path: [...path, 'vpc', 'publicIpOnLaunch'], value: true, severity: 'warning' as const, message: 'has no effect: the VPC has no public subnet', fix: 'remove it, or add public subnets' }]
      : [],
  );
