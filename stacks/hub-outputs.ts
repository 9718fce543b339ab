/**
 * The hub's outputs that spokes read, and how a spoke reads them. Explicit outputs and an explicit
 * `terraform_remote_state` (rather than cdktf's implicit cross-stack outputs, which appear and vanish
 * with whichever spoke references them) keep the hub workspace byte-identical when spokes come and go.
 */
import { Construct } from 'constructs';
import { DataTerraformRemoteState, DataTerraformRemoteStateLocal, Fn, Token } from 'cdktf';
import { LandingZone } from '../config/model';
import { BackendMode, workspaceName } from './backend';
import { hubStackName } from './hub-stack-name';

/** Output names of the hub stack: a stable contract with every spoke. */
export const HUB_OUTPUTS = {
  transitGatewayId: 'transit_gateway_id',
  routeTableIds: 'transit_gateway_route_table_ids',
  hostedZoneIds: 'private_hosted_zone_ids',
  resolverRuleIds: 'resolver_rule_ids',
  route53ProfileId: 'route53_profile_id',
  queryLogConfigId: 'resolver_query_log_config_id',
} as const;

/** Typed access to the hub outputs from a spoke stack. */
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
}

/** Another stack's state: the local state file beside this stack, or that stack's Terraform Cloud workspace. */
export function stackRemoteState(scope: Construct, id: string, lz: LandingZone, stackName: string, mode: BackendMode): DataTerraformRemoteState | DataTerraformRemoteStateLocal {
  return mode === 'config' && lz.terraformCloud
    ? new DataTerraformRemoteState(scope, id, { organization: lz.terraformCloud.organization, workspaces: { name: workspaceName(lz, stackName) } })
    : // Relative to the reading stack's working directory, cdktf.out/stacks/<stack>.
      new DataTerraformRemoteStateLocal(scope, id, { path: `../${stackName}/terraform.${stackName}.tfstate` });
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

/** Adds the log-archive remote state to a stack. */
export function logArchiveRemoteState(scope: Construct, lz: LandingZone, mode: BackendMode): LogArchiveOutputs {
  const state = stackRemoteState(scope, 'log-archive', lz, `${lz.name}-log-archive`, mode);
  return Object.fromEntries(Object.entries(LOG_ARCHIVE_OUTPUTS).map(([k, output]) => [k, state.getString(output)])) as unknown as LogArchiveOutputs;
}

/** Adds the hub remote state to a spoke stack. */
export function hubRemoteState(scope: Construct, lz: LandingZone, mode: BackendMode): HubOutputs {
  const state = stackRemoteState(scope, 'hub', lz, hubStackName(lz), mode);
  const lookup = (output: string, key: string) => Token.asString(Fn.lookup(state.get(output), key));
  return {
    transitGatewayId: state.getString(HUB_OUTPUTS.transitGatewayId),
    routeTableId: (name) => lookup(HUB_OUTPUTS.routeTableIds, name),
    hostedZoneId: (service) => lookup(HUB_OUTPUTS.hostedZoneIds, service),
    resolverRuleId: (domain) => lookup(HUB_OUTPUTS.resolverRuleIds, domain),
    get route53ProfileId() {
      return state.getString(HUB_OUTPUTS.route53ProfileId);
    },
    queryLogConfigId: state.getString(HUB_OUTPUTS.queryLogConfigId),
  };
}
