/** Uniqueness and length rules for names that become stack, workspace and resource names. */
import { ConfigIssue } from '../issues';
import { logArchiveAccount, logBucketName } from '../model';
import { RESERVED_NAME_PREFIXES } from '../../lib/aws/name-limits';
import { derivedNameProblem, spokeDerivedNames, spokeVpcName } from '../../lib/names';
import { vpnPkiStackName, workspaceName } from '../../lib/stack-names';
import { bucketNameProblem } from '../../lib/aws/s3-bucket';
import { Rule } from './context';

/** Terraform Cloud workspace names are limited to 90 characters. https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create */
export const MAX_WORKSPACE_NAME = 90;

/** Spoke names are unique: each becomes a stack and a workspace. */
export const uniqueSpokeNames: Rule = ({ config }) => {
  const first = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  config.spokes.forEach((s, i) => {
    const prior = first.get(s.name);
    if (prior !== undefined) {
      issues.push({ path: ['spokes', i, 'name'], value: s.name, message: `is already used by spokes[${prior}]`, fix: 'give every spoke its own name' });
    } else first.set(s.name, i);
  });
  return issues;
};

/** Subnet names are unique within a VPC: they become Terraform addresses. */
export const uniqueSubnetNames: Rule = ({ spokes }) =>
  spokes.flatMap(({ subnets }) => {
    const first = new Map<string, string>();
    const issues: ConfigIssue[] = [];
    for (const s of subnets) {
      const prior = first.get(s.name);
      if (prior !== undefined) {
        issues.push({ path: [...s.path, 'name'], value: s.name, message: `is already used by the subnet at ${prior}`, fix: 'give every subnet in the VPC its own name' });
      } else first.set(s.name, s.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1));
    }
    return issues;
  });

/** The longest derived name (the spoke's PKI workspace) must fit Terraform Cloud's limit. */
export const workspaceNamesFit: Rule = ({ config }) => {
  return config.spokes.flatMap((s, i) => {
    const longest = workspaceName(config, vpnPkiStackName(config, s.name));
    return longest.length > MAX_WORKSPACE_NAME
      ? [{ path: ['spokes', i, 'name'], value: s.name, message: `makes the workspace name "${longest}" ${longest.length} characters long, over Terraform Cloud's ${MAX_WORKSPACE_NAME}`, fix: 'shorten the spoke name, the landing zone name or the workspace prefix' }]
      : [];
  });
};

/**
 * Names derived from the landing zone and spoke names fit AWS's limits and naming rules: the load
 * balancer (32 characters, not `internal-…`), the Session Manager instance role (64), the access log
 * and archive buckets (S3 naming rules), and no security group name may start with `sg-`. The stacks
 * build these names with the same functions (config/names.ts), so a config that passes builds.
 */
export const derivedNamesFit: Rule = ({ config }) => {
  const issues: ConfigIssue[] = [];
  // Every security group of the landing zone is named `<name>-…`.
  if (`${config.name}-`.startsWith(RESERVED_NAME_PREFIXES.securityGroup)) {
    issues.push({ path: ['name'], value: config.name, message: `makes every security group name start with "${RESERVED_NAME_PREFIXES.securityGroup}", which AWS refuses (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html)`, fix: 'pick another landing zone name' });
  }
  const bucket = logBucketName(config.name, logArchiveAccount(config), config.region);
  const bucketProblem = bucketNameProblem(bucket);
  if (bucketProblem) issues.push({ path: ['name'], value: config.name, message: `makes the log archive bucket "${bucket}", which ${bucketProblem}`, fix: 'pick another landing zone name' });
  config.spokes.forEach((s, i) => {
    const derivedNames = spokeDerivedNames(config.name, s);
    // The access log bucket embeds the load balancer name: when that is too long, so is the bucket's, and one message is enough.
    const albTooLong = derivedNames.some((d) => d.key === 'albName' && d.name.length > d.limit.max);
    for (const derived of derivedNames.filter((d) => !(albTooLong && d.key === 'albAccessLogBucketName'))) {
      const problem = derivedNameProblem(derived);
      if (problem) issues.push({ path: ['spokes', i, 'name'], value: s.name, message: problem, fix: derived.problem && derived.name.length <= derived.limit.max ? 'rename the spoke or the landing zone' : `shorten the spoke name or the landing zone name ("${config.name}-${s.name}" may be at most ${derived.limit.max - (derived.name.length - config.name.length - 1 - s.name.length)} characters)` });
    }
  });
  return issues;
};

/**
 * Spoke VPC names (their `Name` tags, also in REPORT.md and the evidence of `lz check`) are unique:
 * spoke `prod` and spoke `shop-prod` of landing zone `shop` would both be `shop-prod`.
 */
export const spokeVpcNamesUnique: Rule = ({ config }) => {
  const first = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  config.spokes.forEach((s, i) => {
    const vpcName = spokeVpcName(config.name, s.name);
    const prior = first.get(vpcName);
    if (prior !== undefined && config.spokes[prior].name !== s.name) {
      issues.push({ path: ['spokes', i, 'name'], value: s.name, message: `names its VPC "${vpcName}", like spoke "${config.spokes[prior].name}" (a spoke name that starts with "${config.name}-" is used as is)`, fix: 'rename one of the two spokes' });
    } else if (prior === undefined) first.set(vpcName, i);
  });
  return issues;
};
