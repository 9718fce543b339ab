/**
 * Address-plan rules: CIDR syntax, VPC and subnet sizes, containment and overlaps.
 * Sizes: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html (a VPC or subnet is /16 to /28).
 */
import { Cidr, contains, overlaps, parseCidr } from '../cidr';
import { ConfigIssue, ConfigPath, formatPath } from '../issues';
import { Rule, RuleContext } from './context';

/** Smallest and largest prefix AWS allows for a VPC or subnet. */
export const MIN_PREFIX = 16;
export const MAX_PREFIX = 28;

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
export const cidrSyntaxAndSize: Rule = ({ spokes }) => {
  const issues: ConfigIssue[] = [];
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

/** All VPC ranges of the landing zone. Later domains (hub VPCs, on-premises) add theirs here. */
export function landingZoneRanges(ctx: RuleContext): NamedRange[] {
  const out: NamedRange[] = [];
  for (const { spoke, path } of ctx.spokes) {
    const parsed = parseCidr(spoke.vpc.cidr);
    if (parsed.ok) out.push({ owner: `spoke "${spoke.name}"`, path: [...path, 'vpc', 'cidr'], cidr: parsed.cidr });
  }
  return out;
}

/** No two VPCs anywhere in the landing zone overlap: they are routed through one Transit Gateway. */
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
