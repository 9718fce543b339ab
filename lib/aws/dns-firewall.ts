/**
 * Route 53 Resolver DNS Firewall facts the config, the constructs and the report share: the AWS
 * managed domain lists, the priority range of rule-group associations and the name limits.
 */

/** One AWS managed domain list. */
export interface ManagedDomainList {
  /** The name AWS gives it in every supporting Region. */
  readonly name: string;
  /** What it holds. */
  readonly description: string;
}

/**
 * The AWS managed domain lists (the THREAT category), by their names. Their ids (`rslvr-fdl-...`)
 * differ per Region and provider 5.100 cannot look one up by name (the `aws_route53_resolver_firewall_domain_list`
 * data source takes the id: https://github.com/hashicorp/terraform-provider-aws/issues/21020), so the
 * config names the list and gives its id (`aws route53resolver list-firewall-domain-lists`).
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-managed-domain-lists.html
 */
export const MANAGED_DOMAIN_LISTS: readonly ManagedDomainList[] = [
  { name: 'AWSManagedDomainsMalwareDomainList', description: 'domains that send, host or distribute malware' },
  { name: 'AWSManagedDomainsBotnetCommandandControl', description: 'domains that control networks of malware-infected computers' },
  { name: 'AWSManagedDomainsAggregateThreatList', description: 'the union of the other AWS threat lists' },
  { name: 'AWSManagedDomainsAmazonGuardDutyThreatList', description: 'domains from Amazon GuardDuty threat intelligence' },
];

/** Names of {@link MANAGED_DOMAIN_LISTS}. */
export const MANAGED_DOMAIN_LIST_NAMES: readonly string[] = MANAGED_DOMAIN_LISTS.map((l) => l.name);

/** The shape of a DNS Firewall domain list id. */
export const DOMAIN_LIST_ID = /^rslvr-fdl-[0-9a-z]+$/;

/**
 * Priorities a rule-group association may take: 100 to 9900 (the rest is reserved for AWS Firewall
 * Manager). https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_AssociateFirewallRuleGroup.html
 */
export const RULE_GROUP_ASSOCIATION_PRIORITY = { min: 100, max: 9900 } as const;

/**
 * Names of domain lists, rule groups, rules and associations: at most 64 letters, digits, spaces,
 * `-` and `_`, not only digits. https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateFirewallRuleGroup.html
 */
export const DNS_FIREWALL_NAME = /^(?!\d+$)[A-Za-z0-9 _-]{1,64}$/;

/**
 * A domain in a DNS Firewall domain list: an optional leading `*.`, then letters, digits, `-` and
 * dots, 1-255 characters. https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_UpdateFirewallDomains.html
 */
export const FIREWALL_DOMAIN = /^(\*\.?)?([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.?$/;

/**
 * Domains one user list may hold here: the provider writes a list in one UpdateFirewallDomains call
 * (REPLACE), and AWS takes at most 1,000 domains per request.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_UpdateFirewallDomains.html
 */
export const MAX_DOMAINS_PER_LIST = 1000;

/** Responses DNS Firewall gives to a blocked query. */
export const BLOCK_RESPONSES = ['NXDOMAIN', 'NODATA', 'OVERRIDE'] as const;
/** One of {@link BLOCK_RESPONSES}. */
export type BlockResponse = (typeof BLOCK_RESPONSES)[number];
