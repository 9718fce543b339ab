/**
 * AWS Network Firewall facts the config validator and the inspection constructs share: the AWS
 * managed stateful rule groups a strict-order policy may reference, their ARN, the quotas a policy
 * must stay within, and the stateful actions the landing zone relies on. Checked 2026-12.
 */

/**
 * AWS managed stateful rule groups usable with STRICT_ORDER (the landing zone's rule order): the
 * `...StrictOrder` variants only, since a strict-order policy cannot reference an `ActionOrder` group.
 * Domain and IP groups: https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-domain-list.html
 * Threat signature groups: https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-threat-signature.html
 */
export const MANAGED_THREAT_GROUPS = [
  'AbusedLegitMalwareDomainsStrictOrder',
  'MalwareDomainsStrictOrder',
  'AbusedLegitBotNetCommandAndControlDomainsStrictOrder',
  'BotNetCommandAndControlDomainsStrictOrder',
  'ThreatSignaturesBotnetStrictOrder',
  'ThreatSignaturesBotnetWebStrictOrder',
  'ThreatSignaturesBotnetWindowsStrictOrder',
  'ThreatSignaturesIOCStrictOrder',
  'ThreatSignaturesDoSStrictOrder',
  'ThreatSignaturesEmergingEventsStrictOrder',
  'ThreatSignaturesExploitsStrictOrder',
  'ThreatSignaturesMalwareStrictOrder',
  'ThreatSignaturesMalwareCoinminingStrictOrder',
  'ThreatSignaturesMalwareMobileStrictOrder',
  'ThreatSignaturesMalwareWebStrictOrder',
  'ThreatSignaturesScannersStrictOrder',
  'ThreatSignaturesSuspectStrictOrder',
  'ThreatSignaturesWebAttacksStrictOrder',
  'ThreatSignaturesPhishingStrictOrder',
  'ThreatSignaturesFUPStrictOrder',
] as const;

/**
 * ARN of an AWS managed stateful rule group: the account field is the literal `aws-managed`.
 * https://github.com/mattyait/terraform-aws-network-firewall/issues/8 (an AWS managed group referenced by this ARN)
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-managed-rule-groups.html
 */
export const managedRuleGroupArn = (partition: string, region: string, name: string): string => `arn:${partition}:network-firewall:${region}:aws-managed:stateful-rulegroup/${name}`;

const NFW_QUOTAS = 'https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html';

/** Network Firewall quotas the validator checks (the immutable ones of the quotas page). */
export const NFW_QUOTAS_IN_FORCE = {
  statefulRuleGroupsPerPolicy: { value: 20, what: 'stateful rule groups per firewall policy', doc: NFW_QUOTAS },
  ruleGroupCapacity: { value: 30_000, what: 'capacity of one stateful rule group', doc: NFW_QUOTAS },
  suricataRuleCharacters: { value: 8_192, what: 'characters of one Suricata rule', doc: NFW_QUOTAS },
  suricataRulesBytes: { value: 2_000_000, what: 'bytes of the Suricata rules string of one rule group', doc: NFW_QUOTAS },
} as const;

/**
 * Capacity tiers a rule group is created with. Capacity is fixed at creation and a change replaces
 * the group (ForceNew), so it moves only when the need crosses a tier, not with every added rule.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html
 */
const CAPACITY_TIERS = [100, 1_000, 5_000, 10_000, 30_000] as const;

/** The smallest capacity tier holding `units`, with room to grow (capped at the 30,000 quota). */
export const capacityTier = (units: number): number => CAPACITY_TIERS.find((t) => t >= units * 2) ?? NFW_QUOTAS_IN_FORCE.ruleGroupCapacity.value;

/** Capacity units a domain allow-list needs: one per domain and target type. */
export const domainListUnits = (domains: number, targetTypes: number): number => domains * targetTypes;

/**
 * Stateful default actions of a strict-order policy that drops by default: `aws:drop_established`
 * drops whatever no rule passed once the connection is established (so the TLS SNI / HTTP host of an
 * allow-list can still be read), `aws:alert_established` logs it.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
export const STRICT_DEFAULT_DROP_ACTIONS = ['aws:drop_established', 'aws:alert_established'] as const;

/** Stateless default: everything to the stateful engine. https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-action.html */
export const FORWARD_TO_STATEFUL = 'aws:forward_to_sfe';

/**
 * A domain as a Network Firewall domain list takes it: a host name, or a leading dot for the domain
 * and every subdomain (`.example.com`). https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html
 */
export const FIREWALL_DOMAIN = /^\.?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Tag of a segment's Transit Gateway route table with hub.inspection: `inspected` or `opted-out`, so
 * the analysis (which reads only the synthesized output) knows which segments must cross the firewall.
 */
export const INSPECTION_TAG = 'Inspection';
/** Tag holding an opted-out segment's reason (EC2 tag values: up to 256 characters, any character). https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions */
export const INSPECTION_OPT_OUT_TAG = 'InspectionOptOut';
