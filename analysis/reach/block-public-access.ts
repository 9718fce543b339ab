/**
 * What VPC Block Public Access does to traffic through an internet gateway, from the model's settings
 * and exclusions. https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html
 *
 * - `block-bidirectional`: all traffic to and from internet gateways is blocked, except for excluded
 *   VPCs and subnets.
 * - `block-ingress`: inbound internet traffic is blocked; only traffic to and from NAT gateways (and
 *   egress-only internet gateways) passes, since they only let outbound connections be established.
 *   An instance's own public address is blocked both ways.
 * - An `allow-bidirectional` exclusion lifts the block; `allow-egress` lets outbound connections (and
 *   their replies) through and only applies under `block-bidirectional`.
 * - A subnet exclusion is taken before its VPC's exclusion (the more specific resource).
 *
 * A setting applies to the VPCs of its own workspace (one account each). Replies of an allowed
 * connection are allowed, so only the direction that opens a connection is checked.
 */
import type { BlockPublicAccessSetting, BpaExclusion, NetworkModel, Subnet } from '../network/types';

/** The verdict for one subnet and direction. */
export type BpaVerdict =
  | { readonly kind: 'allowed'; readonly exclusion?: BpaExclusion }
  | { readonly kind: 'blocked' | 'unknown'; readonly component: string; readonly reason: string };

interface BpaIndex {
  readonly settingByStack: ReadonlyMap<string, BlockPublicAccessSetting>;
  readonly exclusionBySubnet: ReadonlyMap<string, BpaExclusion>;
  readonly exclusionByVpc: ReadonlyMap<string, BpaExclusion>;
  readonly stackOfVpc: ReadonlyMap<string, string>;
}

const cache = new WeakMap<NetworkModel, BpaIndex>();

function indexOf(model: NetworkModel): BpaIndex {
  const hit = cache.get(model);
  if (hit) return hit;
  const index: BpaIndex = {
    settingByStack: new Map((model.blockPublicAccess ?? []).map((s) => [s.stack, s])),
    exclusionBySubnet: new Map((model.bpaExclusions ?? []).filter((e) => e.subnet !== undefined).map((e) => [e.subnet!, e])),
    exclusionByVpc: new Map((model.bpaExclusions ?? []).filter((e) => e.vpc !== undefined).map((e) => [e.vpc!, e])),
    stackOfVpc: new Map(model.vpcs.map((v) => [v.id, v.stack])),
  };
  cache.set(model, index);
  return index;
}

/**
 * Whether BPA lets `subnet` open a connection through its internet gateway: `outbound` from it
 * (`viaNat` when a public NAT gateway of this subnet translated the packet), or `inbound` to it.
 */
export function blockPublicAccessVerdict(model: NetworkModel, subnet: Subnet, direction: 'outbound' | 'inbound', viaNat: boolean): BpaVerdict {
  if (!model.blockPublicAccess || model.blockPublicAccess.length === 0) return { kind: 'allowed' };
  const index = indexOf(model);
  const stack = index.stackOfVpc.get(subnet.vpc);
  const setting = stack === undefined ? undefined : index.settingByStack.get(stack);
  if (!setting || setting.mode === 'off') return { kind: 'allowed' };
  if (setting.mode === 'unknown') return { kind: 'unknown', component: setting.id, reason: `the VPC Block Public Access mode of ${setting.stack} is not known before apply` };
  const exclusion = index.exclusionBySubnet.get(subnet.id) ?? index.exclusionByVpc.get(subnet.vpc);
  if (exclusion?.mode === 'unknown') return { kind: 'unknown', component: exclusion.id, reason: 'the mode of the Block Public Access exclusion is not known before apply' };
  if (exclusion?.mode === 'allow-bidirectional') return { kind: 'allowed', exclusion };
  const bidirectional = setting.mode === 'block-bidirectional';
  if (direction === 'outbound') {
    if (bidirectional && exclusion?.mode === 'allow-egress') return { kind: 'allowed', exclusion };
    if (!bidirectional && viaNat) return { kind: 'allowed' };
  }
  const what = direction === 'inbound' ? 'inbound internet traffic to' : viaNat ? 'the NAT gateway traffic of' : 'internet traffic from the public addresses of';
  const lift = direction === 'inbound' ? 'allow-bidirectional' : bidirectional ? 'allow-egress' : 'allow-bidirectional';
  const held = exclusion ? `its ${exclusion.mode} exclusion does not lift that` : `no exclusion (${lift}) covers it`;
  return { kind: 'blocked', component: exclusion?.id ?? setting.id, reason: `VPC Block Public Access (${setting.mode}) of ${setting.stack} blocks ${what} ${subnet.name}: ${held}` };
}
