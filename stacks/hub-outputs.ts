/**
 * How values cross workspaces. Two channels, chosen by what the producing workspace holds:
 *
 * - **Published values** (SSM parameters, constructs/publish): the hub and the PKI workspaces hold
 *   secrets (VPN pre-shared keys, the Direct Connect BGP key, private keys), so nobody reads their
 *   state. They publish the few non-secret values readers need, and readers look them up in AWS.
 * - **Outputs** of the log archive, which holds no secret: `terraform_remote_state` of the local state
 *   file, or with Terraform Cloud `tfe_outputs`, which reads outputs rather than the whole state.
 *   https://developer.hashicorp.com/terraform/language/state/remote-state-data
 *
 * Both keep the hub workspace byte-identical when spokes come and go: what it publishes depends on the
 * hub's own config only. `lz check` rule LZ-SECRET01 proves from the JSON that no other stack reads
 * the state of a stack that holds secrets.
 */
import { Construct } from 'constructs';
import { DataTerraformRemoteStateLocal, TerraformProvider, TerraformStack } from 'cdktf';
import { DataTfeOutputs } from '@cdktf/provider-tfe/lib/data-tfe-outputs';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { LandingZone } from '../config/model';
import { hubPublishedPath } from '../lib/names';
import { PublishedValueReader } from '../constructs/publish/published-value-reader';
import { PublishedValues } from '../constructs/publish/published-values';
import { ruleKey } from '../constructs/dns/resolver-endpoints';
import { BackendMode, workspaceName } from './backend';

/** Output names of the hub stack, for people and tools (`terraform output`); spokes read the published values. */
export const HUB_OUTPUTS = {
  transitGatewayId: 'transit_gateway_id',
  routeTableIds: 'transit_gateway_route_table_ids',
  hostedZoneIds: 'private_hosted_zone_ids',
  resolverRuleIds: 'resolver_rule_ids',
  route53ProfileId: 'route53_profile_id',
  queryLogConfigId: 'resolver_query_log_config_id',
  dnsFirewallRuleGroupId: 'dns_firewall_rule_group_id',
} as const;

/** Keys of the hub's published values under `/landing-zone/<name>/hub/`: a stable contract with every spoke. */
export const HUB_PUBLISHED = {
  transitGatewayId: 'transit-gateway-id',
  routeTableId: (table: string) => `route-table-${table}`,
  hostedZoneId: (service: string) => `hosted-zone-${service}`,
  resolverRuleId: (domain: string) => `resolver-rule-${ruleKey(domain)}`,
  route53ProfileId: 'route53-profile-id',
  queryLogConfigId: 'query-log-config-id',
  dnsFirewallRuleGroupId: 'dns-firewall-rule-group-id',
  prefixListId: (key: string) => `prefix-list-${key}`,
  ipamPoolId: (pool: string) => `ipam-pool-${pool}`,
} as const;

/** Typed access to the hub's published values from a spoke stack. */
export interface HubOutputs {
  readonly transitGatewayId: string;
  /** Id of a hub Transit Gateway route table (a segment, `egress` or `onprem`). */
  routeTableId(name: string): string;
  /** Id of the private hosted zone of an endpoint service (zone-association mode). */
  hostedZoneId(service: string): string;
  /** Id of the forwarding rule of a domain (zone-association mode). */
  resolverRuleId(domain: string): string;
  /** Id of the shared Route 53 Profile (route53-profile mode). */
  readonly route53ProfileId: string;
  /** Id of the shared Resolver query logging configuration. */
  readonly queryLogConfigId: string;
  /** Id of the shared DNS Firewall rule group (with `hub.dnsFirewall`). */
  readonly dnsFirewallRuleGroupId: string;
  /** Id of a shared prefix list (`internal`, `onprem`, `segment-<name>`; with `hub.transitGateway.prefixLists`). */
  prefixListId(key: string): string;
  /** Id of an allocatable IPAM pool (with `ipam`). */
  ipamPoolId(pool: string): string;
}

/** The hub's publication (in the hub account, by the hub's deployment role). */
export function hubPublication(scope: Construct, lz: LandingZone): PublishedValues {
  return new PublishedValues(scope, 'published', { path: hubPublishedPath(lz.name) });
}

/**
 * The hub's published values, read in a spoke through its `hub` provider (the spoke's hub role needs
 * `ssm:GetParameter` on the hub path only). Lookups are created on first use, so a spoke reads exactly
 * the route tables and zones it uses.
 */
export function hubPublishedValues(scope: Construct, lz: LandingZone, hubProvider: TerraformProvider): HubOutputs {
  const reader = new PublishedValueReader(scope, 'hub-published', { path: hubPublishedPath(lz.name), provider: hubProvider });
  return {
    get transitGatewayId() {
      return reader.value(HUB_PUBLISHED.transitGatewayId);
    },
    routeTableId: (name) => reader.value(HUB_PUBLISHED.routeTableId(name)),
    hostedZoneId: (service) => reader.value(HUB_PUBLISHED.hostedZoneId(service)),
    resolverRuleId: (domain) => reader.value(HUB_PUBLISHED.resolverRuleId(domain)),
    get route53ProfileId() {
      return reader.value(HUB_PUBLISHED.route53ProfileId);
    },
    get queryLogConfigId() {
      return reader.value(HUB_PUBLISHED.queryLogConfigId);
    },
    get dnsFirewallRuleGroupId() {
      return reader.value(HUB_PUBLISHED.dnsFirewallRuleGroupId);
    },
    prefixListId: (key) => reader.value(HUB_PUBLISHED.prefixListId(key)),
    ipamPoolId: (pool) => reader.value(HUB_PUBLISHED.ipamPoolId(pool)),
  };
}

/** The outputs of another stack that holds no secret. */
export interface StackOutputs {
  /** Output `name` as a string. */
  getString(name: string): string;
}

/**
 * Outputs of `stackName`: the local state file beside this stack (relative to the reading stack's
 * working directory, cdktf.out/stacks/<stack>), or with Terraform Cloud the `tfe_outputs` of its
 * workspace (non-sensitive values only; the producing workspace must share its state with this one).
 * Only for stacks without secrets: LZ-SECRET01 fails any read of a stack that holds one.
 */
export function stackOutputs(scope: Construct, id: string, lz: LandingZone, stackName: string, mode: BackendMode): StackOutputs {
  const tfc = lz.terraformCloud;
  if (mode === 'config' && tfc) {
    const outputs = new DataTfeOutputs(scope, id, { provider: tfeProvider(scope, lz), organization: tfc.organization, workspace: workspaceName(lz, stackName) });
    return { getString: (name) => outputs.getStringAttribute(`nonsensitive_values.${name}`) };
  }
  const state = new DataTerraformRemoteStateLocal(scope, id, { path: `../${stackName}/terraform.${stackName}.tfstate` });
  return { getString: (name) => state.getString(name) };
}

/**
 * The stack's tfe provider, created once: inside a Terraform Cloud run it authenticates with the run's
 * own token, which may read the outputs of workspaces that share their state with this one.
 * https://registry.terraform.io/providers/hashicorp/tfe/latest/docs/data-sources/outputs
 */
function tfeProvider(scope: Construct, lz: LandingZone): TfeProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild('tfe');
  if (existing instanceof TfeProvider) return existing;
  return new TfeProvider(stack, 'tfe', { hostname: lz.terraformCloud!.hostname, organization: lz.terraformCloud!.organization });
}

/** Output names of the log-archive stack: a stable contract with the hub and every spoke. */
export const LOG_ARCHIVE_OUTPUTS = {
  bucketName: 'log_bucket_name',
  bucketArn: 'log_bucket_arn',
  keyArn: 'log_key_arn',
  flowLogsArn: 'flow_logs_destination_arn',
  resolverQueryLogsArn: 'resolver_query_logs_destination_arn',
} as const;

/** Typed access to the log-archive outputs. */
export type LogArchiveOutputs = { readonly [K in keyof typeof LOG_ARCHIVE_OUTPUTS]: string };

/** Adds the log-archive outputs to a stack. */
export function logArchiveOutputs(scope: Construct, lz: LandingZone, mode: BackendMode): LogArchiveOutputs {
  const state = stackOutputs(scope, 'log-archive', lz, `${lz.name}-log-archive`, mode);
  return Object.fromEntries(Object.entries(LOG_ARCHIVE_OUTPUTS).map(([k, output]) => [k, state.getString(output)])) as unknown as LogArchiveOutputs;
}
