/**
 * Inspection rules (hub.inspection and the segments' opt-outs): the inspection VPC range (RFC 1918,
 * room for a /28 firewall subnet and a /28 attachment subnet per AZ; overlaps are checked with every
 * other range by vpcRangesDisjoint), its AZs among the hub's, egress inspection needing the egress
 * VPC, the policy's domains, managed rule groups and Suricata rules within the Network Firewall
 * quotas, and each opt-out carrying a reason.
 * Firewall behind a Transit Gateway (appliance mode, one endpoint per AZ): https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html
 * Quotas: https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html
 */
import { cidrOf, contains, parseCidr } from '../../lib/net/range';
import { domainListUnits, FIREWALL_DOMAIN, MANAGED_THREAT_GROUPS, NFW_QUOTAS_IN_FORCE } from '../../lib/aws/network-firewall';
import { TAG_RULES } from '../../lib/aws/tags';
import { ConfigIssue, didYouMean } from '../issues';
import { egressModeOf, INSPECTION_SUBNET_PREFIX, natModeOf } from '../model';
import { RFC1918 } from '../schema';
import { Rule } from './context';
import { MIN_REASON_LENGTH } from './endpoints';

/** The inspection range is RFC 1918 and holds two /28s per firewall AZ; its AZs are hub AZs; egress inspection has an egress VPC. */
export const inspectionVpc: Rule = ({ config }) => {
  const spec = config.hub.inspection;
  if (!spec) return [];
  const issues: ConfigIssue[] = [];
  const zones = spec.availabilityZones ?? config.hub.availabilityZones;
  const at = ['hub', 'inspection', 'cidr'];
  const parsed = parseCidr(spec.cidr);
  if (!parsed.ok) {
    issues.push({ path: at, value: spec.cidr, message: parsed.reason, fix: parsed.suggestion ? `write ${parsed.suggestion}` : 'write an IPv4 block such as 10.253.0.0/24' });
  } else {
    if (!RFC1918.some((r) => contains(cidrOf(r), parsed.cidr))) {
      issues.push({ path: at, value: spec.cidr, message: 'is not inside a private (RFC 1918) range', fix: `pick a range inside ${RFC1918.join(', ')}` });
    }
    const needed = 2 * zones.length;
    const blocks = parsed.cidr.prefix > INSPECTION_SUBNET_PREFIX ? 0 : 2 ** (INSPECTION_SUBNET_PREFIX - parsed.cidr.prefix);
    if (parsed.cidr.prefix < 16) issues.push({ path: at, value: spec.cidr, message: `is a /${parsed.cidr.prefix}, but a VPC is /16 at most`, fix: 'use a /16 to /25 range' });
    else if (blocks < needed) {
      const prefix = INSPECTION_SUBNET_PREFIX - Math.ceil(Math.log2(needed));
      issues.push({ path: at, value: spec.cidr, message: `holds ${blocks} /${INSPECTION_SUBNET_PREFIX} subnets, but ${zones.length} AZs need ${needed} (a firewall and an attachment subnet each)`, fix: `use a /${prefix} or larger, or fewer availabilityZones` });
    }
  }
  (spec.availabilityZones ?? []).forEach((az, i) => {
    if (!config.hub.availabilityZones.includes(az)) {
      issues.push({ path: ['hub', 'inspection', 'availabilityZones', i], value: az, message: 'is not one of hub.availabilityZones', fix: `pick from ${config.hub.availabilityZones.join(', ')}` });
    }
  });
  if (spec.inspect.includes('egress') && !config.hub.egress) {
    issues.push({ path: ['hub', 'inspection', 'inspect'], value: spec.inspect, message: 'inspects egress, but hub.egress is not set: there is no central egress to inspect', fix: 'add hub.egress, or remove egress from inspect' });
  }
  return issues;
};

/** Domains are Network Firewall domain-list names; managed groups are StrictOrder AWS groups; the policy stays within the quotas. */
export const inspectionPolicy: Rule = ({ config }) => {
  const spec = config.hub.inspection;
  if (!spec) return [];
  const issues: ConfigIssue[] = [];
  const at = ['hub', 'inspection', 'policy'];
  spec.policy.egressAllowDomains.forEach((d, i) => {
    if (!FIREWALL_DOMAIN.test(d.toLowerCase())) {
      issues.push({ path: [...at, 'egressAllowDomains', i], value: d, message: 'is not a domain name a Network Firewall domain list takes', fix: 'write a host name (api.example.com) or a leading dot for a domain and its subdomains (.example.com), no scheme, path or wildcard' });
    }
  });
  if (spec.policy.egressAllowDomains.length > 0 && !spec.inspect.includes('egress')) {
    issues.push({ path: [...at, 'egressAllowDomains'], value: spec.policy.egressAllowDomains.length, message: 'would never apply: egress is not inspected', fix: 'add egress to hub.inspection.inspect, or remove the list' });
  }
  const known: readonly string[] = MANAGED_THREAT_GROUPS;
  const seen = new Set<string>();
  spec.policy.managedThreatGroups.forEach((g, i) => {
    const path = [...at, 'managedThreatGroups', i];
    if (seen.has(g)) issues.push({ path, value: g, message: 'is listed twice', fix: 'list each rule group once' });
    seen.add(g);
    if (known.includes(g)) return;
    const strict = g.replace(/ActionOrder$/, 'StrictOrder');
    issues.push(
      known.includes(strict)
        ? { path, value: g, message: 'is an action-order group, but the policy uses strict rule order', fix: `use ${strict}` }
        : { path, value: g, message: `is not an AWS managed stateful rule group${didYouMean(g, known)}`, fix: `use one of ${known.join(', ')}` },
    );
  });
  const rules = spec.policy.suricataRules;
  const { statefulRuleGroupsPerPolicy: groups, suricataRuleCharacters: ruleChars, suricataRulesBytes: bytes } = NFW_QUOTAS_IN_FORCE;
  rules.forEach((r, i) => {
    if (r.length > ruleChars.value) issues.push({ path: [...at, 'suricataRules', i], value: `${r.slice(0, 40)}...`, message: `is ${r.length} characters, over the ${ruleChars.value} of ${ruleChars.what} (${ruleChars.doc})`, fix: 'split the rule or shorten its variables' });
    if (r.includes('\n')) issues.push({ path: [...at, 'suricataRules', i], value: r, message: 'spans several lines', fix: 'write one rule per entry' });
  });
  const total = Buffer.byteLength(rules.join('\n'), 'utf8');
  if (total > bytes.value) issues.push({ path: [...at, 'suricataRules'], value: total, message: `is ${total} bytes, over the ${bytes.value} of ${bytes.what} (${bytes.doc})`, fix: 'move rules into a managed rule group or remove some' });
  // Capacity: one unit per rule, and per domain and target type (TLS SNI and HTTP host) of the allow-list.
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html
  const capacity = NFW_QUOTAS_IN_FORCE.ruleGroupCapacity;
  const domainUnits = domainListUnits(spec.policy.egressAllowDomains.length, 2);
  if (domainUnits > capacity.value) issues.push({ path: [...at, 'egressAllowDomains'], value: spec.policy.egressAllowDomains.length, message: `needs ${domainUnits} capacity units (two target types per domain), over the ${capacity.value} of ${capacity.what} (${capacity.doc})`, fix: 'use leading-dot domains to cover subdomains with one entry' });
  if (rules.length > capacity.value) issues.push({ path: [...at, 'suricataRules'], value: rules.length, message: `needs ${rules.length} capacity units, over the ${capacity.value} of ${capacity.what} (${capacity.doc})`, fix: 'move rules into a managed rule group or remove some' });
  const used = (spec.policy.egressAllowDomains.length > 0 ? 1 : 0) + (rules.length > 0 ? 1 : 0) + spec.policy.managedThreatGroups.length;
  if (used > groups.value) issues.push({ path: [...at, 'managedThreatGroups'], value: used, message: `makes ${used} stateful rule groups, over the ${groups.value} ${groups.what} (${groups.doc})`, fix: 'drop some managed rule groups' });
  return issues;
};

/** `inspect: false` needs hub.inspection and a reason; a reason without the opt-out is a mistake. */
export const inspectionOptOuts: Rule = ({ config }) =>
  Object.entries(config.hub.transitGateway.segments).flatMap(([name, s]): ConfigIssue[] => {
    const at = ['hub', 'transitGateway', 'segments', name];
    if (s.inspect === false && !config.hub.inspection) return [{ path: [...at, 'inspect'], value: false, message: 'has no effect: hub.inspection is not set', fix: 'remove inspect, or add hub.inspection' }];
    if (s.inspect === false && (s.inspectReason ?? '').trim().length < MIN_REASON_LENGTH) {
      return [{ path: [...at, 'inspectReason'], value: s.inspectReason ?? null, message: `must say why segment ${name} is not inspected (at least ${MIN_REASON_LENGTH} characters)`, fix: 'write the reason, e.g. "sandbox: no production data, cost of inspection not justified"' }];
    }
    // The reason becomes a tag value of the segment's route table (TAG_RULES.maxValueLength).
    if (s.inspect === false && s.inspectReason!.length > TAG_RULES.maxValueLength) return [{ path: [...at, 'inspectReason'], value: s.inspectReason, message: `is ${s.inspectReason!.length} characters, but it is stored as a tag value (${TAG_RULES.maxValueLength} at most)`, fix: 'shorten the reason' }];
    if (s.inspect !== false && s.inspectReason !== undefined) return [{ path: [...at, 'inspectReason'], value: s.inspectReason, message: 'is set, but the segment is inspected', fix: 'set inspect: false, or remove inspectReason' }];
    return [];
  });

/**
 * With egress inspected, a spoke of an inspected segment that egresses through NAT gateways of its
 * own leaves uninspected (intent I12 refutes it after synth): warned here, before anything is built.
 */
export const inspectedSpokesEgressCentrally: Rule = ({ config, spokes }) => {
  const spec = config.hub.inspection;
  if (!spec?.inspect.includes('egress')) return [];
  const segments = config.hub.transitGateway.segments;
  return spokes.flatMap(({ spoke, path, subnets }): ConfigIssue[] => {
    const segment = Object.hasOwn(segments, spoke.segment) ? segments[spoke.segment] : undefined;
    if (!segment || segment.inspect === false) return [];
    const egress = egressModeOf(config, spoke);
    if (egress !== 'local' || natModeOf(spoke.vpc, subnets, egress) === 'none') return [];
    return [
      {
        path: [...path, 'vpc', 'egress'],
        value: 'local',
        message: `leaves through NAT gateways of its own, so its internet traffic is not inspected although segment ${spoke.segment} is`,
        fix: `use egress: central, or opt segment ${spoke.segment} out with inspect: false and inspectReason`,
        severity: 'warning',
      },
    ];
  });
};
