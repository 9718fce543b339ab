/**
 * Rules of `hub.transitGateway.prefixLists`: every reference to a prefix list counts its max_entries
 * (not its current entries) against the quota of the referencing route table or security group, a
 * list holds at most 1,000 entries, and one list may be referenced by at most 5,000 resources of a
 * type (here: routes). https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists
 */
import { parseCidr } from '../../lib/net/range';
import { QUOTAS, quotaText } from '../../lib/aws/quotas';
import { ConfigIssue, ConfigPath } from '../issues';
import { configPrefixLists, INTERNAL_PREFIX_LIST } from '../prefix-lists';
import { NAT_ROUTED_TIERS } from '../schema';
import { egressModeOf } from '../model';
import { Rule, RuleContext } from './context';

const SETTING: ConfigPath = ['hub', 'transitGateway', 'prefixLists'];
const parses = (cidr: string): boolean => parseCidr(cidr).ok;
const MAX_ENTRIES = QUOTAS.prefixListEntries;

/** Each list fits the 1,000-entry maximum with its spare entries. */
export const prefixListSizes: Rule = ({ config }) =>
  (configPrefixLists(config, parses) ?? [])
    .filter((l) => l.maxEntries > MAX_ENTRIES.value)
    .map((l) => ({
      path: SETTING,
      value: l.maxEntries,
      message: `list ${l.name} needs max_entries ${l.maxEntries} (${l.entries.length} entries and the spare ones), over the ${MAX_ENTRIES.value} a prefix list holds (${MAX_ENTRIES.doc})`,
      fix: 'lower spareEntries, or summarize the ranges (contiguous VPC ranges per segment merge into one entry)',
    }));

/**
 * The VPC route tables that reference the internal list: per VPC the public table and one per private
 * tier and AZ, except the attachment tier's (local routes only) and the tables whose default route
 * already sends everything to the Transit Gateway (central egress), as ApplicationVpc builds them.
 */
function internalListRouteTables(ctx: RuleContext): number {
  const { config } = ctx;
  let tables = 0;
  for (const { spoke, subnets } of ctx.spokes) {
    const central = egressModeOf(config, spoke) === 'central';
    const keys = new Set(subnets.filter((s) => s.tier !== 'tgw' && !(central && NAT_ROUTED_TIERS.includes(s.tier))).map((s) => (s.tier === 'public' ? 'public' : `${s.tier}-${s.az}`)));
    tables += keys.size;
  }
  // The egress VPC's public table and the endpoints VPC's one table per AZ.
  const zones = config.hub.availabilityZones.length;
  if (config.hub.egress) tables += 1;
  if (config.hub.endpoints) tables += config.hub.endpoints.availabilityZones?.length ?? zones;
  return tables;
}

/**
 * The quotas a reference counts max_entries against: a spoke route table holds the internal list and
 * one default route; the hub endpoints security group admits the internal list on 443 (inbound rules
 * per security group); and the internal list is referenced by one route per VPC route table.
 */
export const prefixListQuotas: Rule = (ctx) => {
  const lists = configPrefixLists(ctx.config, parses);
  const internal = lists?.find((l) => l.key === INTERNAL_PREFIX_LIST);
  // A list over the maximum is refused by AWS itself (prefixListSizes reports it).
  if (!internal || internal.maxEntries > MAX_ENTRIES.value) return [];
  const issues: ConfigIssue[] = [];
  const routes = internal.maxEntries + 1;
  if (routes > QUOTAS.vpcRoutesPerRouteTable.value) {
    issues.push({
      path: SETTING,
      value: internal.maxEntries,
      message: `the internal list (max_entries ${internal.maxEntries}) and a default route count ${routes} routes in each spoke route table, over ${quotaText(QUOTAS.vpcRoutesPerRouteTable)}`,
      fix: 'summarize hub.transitGateway.internalRanges or lower spareEntries (or raise the quota and QUOTAS.vpcRoutesPerRouteTable)',
    });
  }
  if (ctx.config.hub.endpoints && internal.maxEntries > QUOTAS.inboundRulesPerSecurityGroup.value) {
    issues.push({
      path: ['hub', 'endpoints'],
      value: internal.maxEntries,
      message: `with hub.transitGateway.prefixLists its security group admits the internal list on 443, which counts ${internal.maxEntries} rules, over ${quotaText(QUOTAS.inboundRulesPerSecurityGroup)}`,
      fix: 'summarize hub.transitGateway.internalRanges or lower spareEntries',
    });
  }
  const references = internalListRouteTables(ctx);
  if (references > QUOTAS.prefixListReferencesPerResourceType.value) {
    issues.push({
      path: ['spokes'],
      value: ctx.config.spokes.length,
      message: `route ${references} VPC route tables to the internal prefix list, over ${quotaText(QUOTAS.prefixListReferencesPerResourceType)}`,
      fix: 'turn prefix lists off (literal routes have no such quota) or give spokes fewer route tables (fewer AZs or tiers, central egress)',
    });
  }
  return issues;
};
