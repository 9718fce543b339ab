/**
 * The perimeter of the network model: VPC Block Public Access settings and exclusions, and DNS
 * Firewall rule-group associations with each VPC's fail-open setting. Only present in the model when
 * a stack declares them, so a network without them is modelled exactly as before.
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html
 */
import { ModelReader, UNKNOWN } from './reader';
import type { BlockPublicAccessSetting, BpaExclusion, DnsFirewallAssociation, NetworkModel } from './types';

/** {@link DnsFirewallAssociation.ruleGroup} of a group this output does not declare (shared from the hub, read from its published id). */
export const SHARED_GROUP = 'shared';

const BLOCK_MODES = ['block-bidirectional', 'block-ingress', 'off'] as const;
const EXCLUSION_MODES = ['allow-egress', 'allow-bidirectional'] as const;

/** A literal that is one of `values`, else `unknown` (recorded). */
function oneOf<T extends string>(read: ModelReader, r: Parameters<ModelReader['text']>[0], field: string, values: readonly T[]): T | 'unknown' {
  const v = read.text(r, field);
  if (v !== undefined && (values as readonly string[]).includes(v)) return v as T;
  if (v !== undefined) read.note(r, field, `"${v}" is not one of ${values.join(', ')}`);
  return 'unknown';
}

/** The perimeter fields of {@link NetworkModel}, each only when some stack declares that resource type. */
export function buildPerimeter(read: ModelReader): Pick<NetworkModel, 'blockPublicAccess' | 'bpaExclusions' | 'dnsFirewallAssociations' | 'dnsFirewallFailOpen'> {
  const g = read.graph;
  const options = g.byType('aws_vpc_block_public_access_options');
  const exclusions = g.byType('aws_vpc_block_public_access_exclusion');
  const associations = g.byType('aws_route53_resolver_firewall_rule_group_association');
  const configs = g.byType('aws_route53_resolver_firewall_config');
  const out: { -readonly [K in keyof ReturnType<typeof buildPerimeter>]: ReturnType<typeof buildPerimeter>[K] } = {};
  if (options.length > 0) {
    out.blockPublicAccess = options.map((r): BlockPublicAccessSetting => ({ id: r.id, stack: r.stack, mode: oneOf(read, r, 'internet_gateway_block_mode', BLOCK_MODES) }));
  }
  if (exclusions.length > 0) {
    out.bpaExclusions = exclusions.map((r): BpaExclusion => {
      const vpc = read.ref(r, 'vpc_id', r.attrs.vpc_id, ['aws_vpc']);
      const subnet = read.ref(r, 'subnet_id', r.attrs.subnet_id, ['aws_subnet']);
      const reason = read.tags(r)?.Reason;
      return { id: r.id, stack: r.stack, ...(vpc !== undefined && { vpc }), ...(subnet !== undefined && { subnet }), mode: oneOf(read, r, 'internet_gateway_exclusion_mode', EXCLUSION_MODES), ...(reason !== undefined && { reason }) };
    });
  }
  if (associations.length > 0) {
    out.dnsFirewallAssociations = associations.map((r): DnsFirewallAssociation => {
      const group = read.target(r.attrs.firewall_rule_group_id, ['aws_route53_resolver_firewall_rule_group']);
      return {
        id: r.id,
        vpc: read.requiredRef(r, 'vpc_id', ['aws_vpc']),
        // A spoke reads the hub's group id from a published parameter: a group of another workspace, not a reference here.
        ruleGroup: 'id' in group ? group.id : SHARED_GROUP,
        priority: read.num(r, 'priority') ?? UNKNOWN,
      };
    });
  }
  if (configs.length > 0) {
    out.dnsFirewallFailOpen = configs.map((r) => {
      const mode = read.text(r, 'firewall_fail_open');
      return { id: r.id, vpc: read.requiredRef(r, 'resource_id', ['aws_vpc']), failOpen: mode === 'ENABLED' ? true : mode === 'DISABLED' || mode === undefined ? false : UNKNOWN };
    });
  }
  return out;
}
