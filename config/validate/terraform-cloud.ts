/**
 * Terraform Cloud bootstrap rules. With `terraformCloud.bootstrap` the `<name>-tfc-bootstrap` stack
 * creates, in every account, the deployment role each stack's provider assumes (`roleArn`), and
 * assumes `bootstrapRoleName` itself to do so. The stack refuses what these rules refuse; here the
 * problems come with file:line first.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 */
import { isProductionSegment, logArchiveAccount } from '../model';
import { ConfigIssue, ConfigPath } from '../issues';
import { parseRoleArn } from '../../lib/aws/role-arn';
import { DEFAULT_DEPLOY_ROLE_NAME, PRODUCTION_SEGMENT_PREFIX } from '../schema';
import { Rule } from './context';

/** One stack's deployment target as the bootstrap sees it. */
interface Target {
  /** Where its role is (or would be) written. */
  readonly path: ConfigPath;
  readonly account: string;
  /** The role the stack deploys with, when the config names one (for the log archive: its own or the hub's it inherits). */
  readonly roleArn?: string;
}

/**
 * With the bootstrap, the hub, the log archive and every spoke name their deployment role explicitly
 * (the bootstrap creates it; the default `OrganizationAccountAccessRole` already exists in accounts
 * that AWS Organizations created), as a role ARN the bootstrap can build, and never the bootstrap's
 * own administrator role.
 */
export const bootstrapDeployRoles: Rule = ({ config }) => {
  const tfc = config.terraformCloud;
  if (!tfc?.bootstrap) return [];
  const logAccount = logArchiveAccount(config);
  const inheritsHubRole = !config.logArchive.roleArn && logAccount === config.hub.account;
  const targets: Target[] = [
    { path: ['hub', 'roleArn'], account: config.hub.account, roleArn: config.hub.roleArn },
    // A log archive in the hub account deploys with the hub's role unless it names its own; that role is then checked once, at hub.roleArn.
    ...(inheritsHubRole ? [] : [{ path: ['logArchive', 'roleArn'], account: logAccount, roleArn: config.logArchive.roleArn }]),
    ...config.spokes.map((s, i) => ({ path: ['spokes', i, 'roleArn'], account: s.account, roleArn: s.roleArn })),
  ];
  const example = (account: string) => `arn:aws:iam::${account}:role/network-deploy`;
  const issues: ConfigIssue[] = [];
  for (const t of targets) {
    if (t.roleArn === undefined) {
      issues.push({
        path: t.path,
        message: `is not set: with terraformCloud.bootstrap the bootstrap creates each stack's deployment role, and the default, ${DEFAULT_DEPLOY_ROLE_NAME}, ${tfc.bootstrapRoleName === DEFAULT_DEPLOY_ROLE_NAME ? 'is the role the bootstrap itself assumes' : 'already exists in accounts created by AWS Organizations'}`,
        fix: `set it to a role the bootstrap creates, e.g. ${example(t.account)}`,
      });
      continue;
    }
    const parts = parseRoleArn(t.roleArn);
    if (!parts) {
      issues.push({ path: t.path, value: t.roleArn, message: 'is not a role ARN the bootstrap can create (partition aws, aws-cn or aws-us-gov; a path of segments each followed by "/"; a name of 1 to 64 characters)', fix: `write it like ${example(t.account)}` });
    } else if (parts.name === tfc.bootstrapRoleName) {
      issues.push({
        path: t.path,
        value: t.roleArn,
        message: `names ${tfc.bootstrapRoleName}, the administrator role the bootstrap itself assumes (terraformCloud.bootstrapRoleName); the stacks must deploy with a role of their own`,
        fix: `use a role the bootstrap creates, e.g. ${example(t.account)}`,
      });
    }
  }
  return issues;
};

/**
 * With the bootstrap, the hub's deployment role (`hub.roleArn`) is trusted by the hub workspace's
 * applies only: it is the one role that may read the Site-to-Site VPN pre-shared keys and the Direct
 * Connect BGP key. A log archive in the hub account must therefore name a role of its own instead of
 * inheriting (or repeating) the hub's; the bootstrap refuses the same, without file:line.
 */
export const hubRoleOnlyForHub: Rule = ({ config }) => {
  if (!config.terraformCloud?.bootstrap) return [];
  const hubRole = config.hub.roleArn;
  const logAccount = logArchiveAccount(config);
  if (!hubRole || logAccount !== config.hub.account) return [];
  const inherited = config.logArchive.roleArn === undefined;
  if (!inherited && config.logArchive.roleArn !== hubRole) return [];
  return [
    {
      path: inherited ? ['logArchive'] : ['logArchive', 'roleArn'],
      value: inherited ? undefined : hubRole,
      message: `${inherited ? 'has no roleArn, so in the hub account it would deploy with hub.roleArn' : 'is hub.roleArn'} (${hubRole}); with terraformCloud.bootstrap that role is trusted by the hub workspace only, because it may read the VPN pre-shared keys and the Direct Connect BGP key`,
      fix: `give the log archive its own role, e.g. logArchive.roleArn: arn:aws:iam::${logAccount}:role/network-log-archive-deploy`,
    },
  ];
};

/**
 * Production segments never auto-apply: a hub or PKI apply queues runs in the spokes' workspaces (run
 * triggers), and a production spoke's run waits for a person to confirm it.
 * https://registry.terraform.io/providers/hashicorp/tfe/latest/docs/resources/workspace#auto_apply_run_trigger
 */
export const productionSegmentsNeverAutoApply: Rule = ({ config }) =>
  Object.entries(config.hub.transitGateway.segments).flatMap(([name, segment]) =>
    segment.autoApplyRunTriggers && isProductionSegment(name, segment)
      ? [
          {
            path: ['hub', 'transitGateway', 'segments', name, 'autoApplyRunTriggers'],
            value: true,
            message: `turns on auto-apply of triggered runs for ${name}, a production segment (${segment.production === undefined ? `its name starts with "${PRODUCTION_SEGMENT_PREFIX}"` : 'production: true'}); production spokes apply only runs a person confirmed`,
            fix: `remove autoApplyRunTriggers from segment ${name}${segment.production === undefined ? `, or set production: false if it is not production` : ''}`,
          },
        ]
      : [],
  );
