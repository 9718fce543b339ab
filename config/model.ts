/**
 * The validated landing zone as the stacks consume it: defaults applied, role ARNs filled in and
 * tier specs expanded into concrete subnets. Pure data; built only from a config that passed
 * validation (config/validate).
 */
import { allocate, cidrOf, Cidr, parseCidr } from './cidr';
import { ConfigIssue, ConfigPath } from './issues';
import { DEFAULT_DEPLOY_ROLE_NAME, LandingZoneConfig, NatMode, SpokeConfig, SUBNET_TIERS, SubnetTier, VpcConfig } from './schema';

/** A concrete subnet, explicit or generated, with the config path it came from. */
export interface SubnetSpec {
  readonly name: string;
  readonly tier: SubnetTier;
  readonly cidr: string;
  readonly az: string;
  /** Where it is defined: `spokes[0].vpc.subnets[2]` or `spokes[0].vpc.tiers.app`. */
  readonly path: ConfigPath;
  readonly generated: boolean;
}

/** A VPC with its subnets expanded and NAT mode decided. */
export interface VpcSpec {
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  readonly subnets: readonly SubnetSpec[];
  readonly natGateways: NatMode;
}

/** One account's deployment target. */
export interface AccountTarget {
  readonly account: string;
  readonly roleArn: string;
}

/** A spoke ready for its stack. */
export interface SpokeSpec extends AccountTarget {
  readonly name: string;
  readonly segment: string;
  readonly vpc: VpcSpec;
  readonly path: ConfigPath;
}

/** The whole landing zone ready for the stacks. */
export interface LandingZone {
  readonly name: string;
  readonly region: string;
  readonly organizationId: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly terraformCloud?: { readonly organization: string; readonly project?: string; readonly workspacePrefix: string };
  readonly hub: AccountTarget & { readonly availabilityZones: readonly string[] };
  readonly logArchive: AccountTarget;
  readonly spokes: readonly SpokeSpec[];
}

/** `arn:aws:iam::<account>:role/OrganizationAccountAccessRole` unless the config names a role. */
export const defaultRoleArn = (account: string): string => `arn:aws:iam::${account}:role/${DEFAULT_DEPLOY_ROLE_NAME}`;

/**
 * Explicit subnets plus the subnets generated from `tiers`, each generated one carved from the
 * VPC free space (smallest address first, AZs round-robin). Returns issues when a tier does not fit
 * or the VPC CIDR is unusable (then only explicit subnets are returned).
 */
export function expandSubnets(vpc: VpcConfig, vpcPath: ConfigPath): { subnets: SubnetSpec[]; issues: ConfigIssue[] } {
  const subnets: SubnetSpec[] = vpc.subnets.map((s, i) => ({ ...s, path: [...vpcPath, 'subnets', i], generated: false }));
  const issues: ConfigIssue[] = [];
  if (!vpc.tiers) return { subnets, issues };
  const vpcCidr = parseCidr(vpc.cidr);
  const used: Cidr[] = [];
  for (const s of subnets) {
    const parsed = parseCidr(s.cidr);
    if (!parsed.ok) return { subnets, issues }; // explicit CIDR errors are reported by the CIDR rule first
    used.push(parsed.cidr);
  }
  if (!vpcCidr.ok) return { subnets, issues };
  const names = new Set(subnets.map((s) => s.name));
  // Larger blocks first so that alignment wastes as little space as possible.
  const tiers = SUBNET_TIERS.filter((t) => vpc.tiers?.[t]).sort((a, b) => vpc.tiers![a]!.prefixLength - vpc.tiers![b]!.prefixLength);
  for (const tier of tiers) {
    const spec = vpc.tiers![tier]!;
    const path = [...vpcPath, 'tiers', tier];
    if (spec.prefixLength < vpcCidr.cidr.prefix) {
      issues.push({ path: [...path, 'prefixLength'], value: spec.prefixLength, message: `is larger than the VPC ${vpc.cidr}`, fix: `use a prefix length of ${vpcCidr.cidr.prefix} or more` });
      continue;
    }
    for (let n = 1; n <= spec.count; n++) {
      const block = allocate(vpcCidr.cidr, spec.prefixLength, used);
      if (!block) {
        issues.push({
          path,
          value: spec,
          message: `does not fit: the VPC ${vpc.cidr} has room for only ${n - 1} of ${spec.count} /${spec.prefixLength} subnets after the others`,
          fix: 'lower the count, use a longer prefix length or a larger VPC',
        });
        break;
      }
      used.push(block);
      let name = `${tier}-${n}`;
      for (let k = 2; names.has(name); k++) name = `${tier}-${n}-${k}`;
      names.add(name);
      subnets.push({ name, tier, cidr: block.text, az: vpc.availabilityZones[(n - 1) % vpc.availabilityZones.length], path, generated: true });
    }
  }
  // Explicit subnets keep their config order (so "first" and "already used" follow the file);
  // generated ones follow in address order, which keeps generated layouts readable and deterministic.
  const generatedByAddress = subnets.filter((s) => s.generated).sort((a, b) => cidrOf(a.cidr).first - cidrOf(b.cidr).first);
  return { subnets: [...subnets.filter((s) => !s.generated), ...generatedByAddress], issues };
}

/** The NAT layout when the config does not say: one NAT when there is a public subnet. */
export function natModeOf(vpc: VpcConfig, subnets: readonly SubnetSpec[]): NatMode {
  return vpc.natGateways ?? (subnets.some((s) => s.tier === 'public') ? 'single' : 'none');
}

function resolveSpoke(spoke: SpokeConfig, index: number): SpokeSpec {
  const path = ['spokes', index];
  const { subnets } = expandSubnets(spoke.vpc, [...path, 'vpc']);
  return {
    name: spoke.name,
    account: spoke.account,
    roleArn: spoke.roleArn ?? defaultRoleArn(spoke.account),
    segment: spoke.segment,
    path,
    vpc: { cidr: spoke.vpc.cidr, availabilityZones: spoke.vpc.availabilityZones, subnets, natGateways: natModeOf(spoke.vpc, subnets) },
  };
}

/** Builds the stack-ready model from a config that passed validation. */
export function resolveLandingZone(config: LandingZoneConfig): LandingZone {
  const logAccount = config.logArchive.account ?? config.hub.account;
  return {
    name: config.name,
    region: config.region,
    organizationId: config.organization.id,
    tags: config.tags,
    terraformCloud: config.terraformCloud,
    hub: { account: config.hub.account, roleArn: config.hub.roleArn ?? defaultRoleArn(config.hub.account), availabilityZones: config.hub.availabilityZones },
    logArchive: {
      account: logAccount,
      // The log archive may share the hub account; it then also shares the hub's role unless told otherwise.
      roleArn: config.logArchive.roleArn ?? (logAccount === config.hub.account && config.hub.roleArn ? config.hub.roleArn : defaultRoleArn(logAccount)),
    },
    spokes: config.spokes.map(resolveSpoke),
  };
}
