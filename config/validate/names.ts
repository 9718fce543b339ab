/** Uniqueness and length rules for names that become stack, workspace and resource names. */
import { ConfigIssue } from '../issues';
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
  const prefix = config.terraformCloud?.workspacePrefix ?? '';
  return config.spokes.flatMap((s, i) => {
    const longest = `${prefix}${config.name}-spoke-${s.name}-vpn-pki`;
    return longest.length > MAX_WORKSPACE_NAME
      ? [{ path: ['spokes', i, 'name'], value: s.name, message: `makes the workspace name "${longest}" ${longest.length} characters long, over Terraform Cloud's ${MAX_WORKSPACE_NAME}`, fix: 'shorten the spoke name, the landing zone name or the workspace prefix' }]
      : [];
  });
};
