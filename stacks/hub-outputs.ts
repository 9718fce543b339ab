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
}

/** Adds the hub remote state to a spoke stack: the local state file beside it, or the hub's Terraform Cloud workspace. */
export function hubRemoteState(scope: Construct, lz: LandingZone, mode: BackendMode): HubOutputs {
  const hub = hubStackName(lz);
  const state =
    mode === 'config' && lz.terraformCloud
      ? new DataTerraformRemoteState(scope, 'hub', { organization: lz.terraformCloud.organization, workspaces: { name: workspaceName(lz, hub) } })
      : // Relative to the spoke's working directory, cdktf.out/stacks/<spoke>.
        new DataTerraformRemoteStateLocal(scope, 'hub', { path: `../${hub}/terraform.${hub}.tfstate` });
  const lookup = (output: string, key: string) => Token.asString(Fn.lookup(state.get(output), key));
  return {
    transitGatewayId: state.getString(HUB_OUTPUTS.transitGatewayId),
    routeTableId: (name) => lookup(HUB_OUTPUTS.routeTableIds, name),
    hostedZoneId: (service) => lookup(HUB_OUTPUTS.hostedZoneIds, service),
    resolverRuleId: (domain) => lookup(HUB_OUTPUTS.resolverRuleIds, domain),
    get route53ProfileId() {
      return state.getString(HUB_OUTPUTS.route53ProfileId);
    },
  };
}
