/**
 * The landing zone's Route 53 Resolver DNS Firewall rule group, in the hub account: the user allow and
 * block lists, one rule per list (allow first), one BLOCK rule per AWS managed domain list, and a RAM
 * share so every spoke account associates its own VPC ({@link DnsFirewallAssociation}).
 *
 * - Rules run by priority, lowest first; the first match decides, so the allow list (priority 100)
 *   wins over every block list. https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-actions.html
 * - Rule groups are shareable through RAM (`route53resolver:FirewallRuleGroup`); an account it is
 *   shared with associates it with its VPCs like its own, and deleting or unsharing the group removes
 *   those associations. https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-group-sharing.html
 *   https://docs.aws.amazon.com/ram/latest/userguide/shareable.html
 * - Managed lists are referenced by id: provider 5.100 cannot look them up by name
 *   (https://github.com/hashicorp/terraform-provider-aws/issues/21020), see lib/aws/dns-firewall.ts.
 *
 * Replacement: a changed `name` replaces the list or group (and the group's associations in every
 * account); a rule whose domain list changes is replaced (the rule's id is group id + list id); actions,
 * responses and priorities change in place.
 */
import { Construct } from 'constructs';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroup } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group';
import { BlockResponse, DNS_FIREWALL_NAME, DOMAIN_LIST_ID } from '../../lib/aws/dns-firewall';
import { ResourceShare } from '../hub/resource-share';
import { isLiteral, ValidationError } from '../private/validation-error';

/** Rule priorities inside the group: allow first, then the block list, then the managed lists in order. */
export const DNS_FIREWALL_RULE_PRIORITY = { allow: 100, block: 200, managedFirst: 300, managedStep: 10 } as const;

/** Props of {@link DnsFirewallRuleGroup}. */
export interface DnsFirewallRuleGroupProps {
  /** Prefix of the group, list and rule names (`<name>`, `<name>-allow`, ...); changing it replaces them. */
  readonly name: string;
  /** AWS managed lists to block, by name with their Region's id (`rslvr-fdl-...`). @default none */
  readonly managedDomainLists?: readonly { readonly name: string; readonly id: string }[];
  /** Domains to block. @default none */
  readonly blockDomains?: readonly string[];
  /** Domains always allowed, whatever the block lists say. @default none */
  readonly allowDomains?: readonly string[];
  /** Answer to a blocked query. @default 'NXDOMAIN' */
  readonly blockResponse?: BlockResponse;
  /** The CNAME answer with `blockResponse: 'OVERRIDE'`. */
  readonly blockOverride?: { readonly domain: string; readonly ttl: number };
  /** RAM principals (organization ARN, OU ARNs, account ids) the group is shared with. */
  readonly sharePrincipals: readonly string[];
}

/** A DNS Firewall rule group with its lists and rules, shared through RAM. */
export class DnsFirewallRuleGroup extends Construct {
  readonly ruleGroup: Route53ResolverFirewallRuleGroup;
  /** Id of the group (`rslvr-frg-...`), what associations take. */
  readonly ruleGroupId: string;
  readonly rules: readonly Route53ResolverFirewallRule[];
  readonly share: ResourceShare;

  constructor(scope: Construct, id: string, props: DnsFirewallRuleGroupProps) {
    super(scope, id);
    validate(this, props);
    const blockResponse = props.blockResponse ?? 'NXDOMAIN';
    this.ruleGroup = new Route53ResolverFirewallRuleGroup(this, 'rule-group', { name: props.name, tags: { Name: props.name } });
    this.ruleGroupId = this.ruleGroup.id;
    const rules: Route53ResolverFirewallRule[] = [];
    const block = {
      action: 'BLOCK',
      blockResponse,
      ...(blockResponse === 'OVERRIDE' && props.blockOverride
        ? { blockOverrideDnsType: 'CNAME', blockOverrideDomain: props.blockOverride.domain, blockOverrideTtl: props.blockOverride.ttl }
        : {}),
    };
    const allow = props.allowDomains ?? [];
    if (allow.length > 0) {
      const list = new Route53ResolverFirewallDomainList(this, 'allow-list', { name: `${props.name}-allow`, domains: [...allow], tags: { Name: `${props.name}-allow` } });
      rules.push(new Route53ResolverFirewallRule(this, 'rule-allow', { name: `${props.name}-allow`, action: 'ALLOW', firewallDomainListId: list.id, firewallRuleGroupId: this.ruleGroup.id, priority: DNS_FIREWALL_RULE_PRIORITY.allow }));
    }
    const blocked = props.blockDomains ?? [];
    if (blocked.length > 0) {
      const list = new Route53ResolverFirewallDomainList(this, 'block-list', { name: `${props.name}-block`, domains: [...blocked], tags: { Name: `${props.name}-block` } });
      rules.push(new Route53ResolverFirewallRule(this, 'rule-block', { name: `${props.name}-block`, ...block, firewallDomainListId: list.id, firewallRuleGroupId: this.ruleGroup.id, priority: DNS_FIREWALL_RULE_PRIORITY.block }));
    }
    (props.managedDomainLists ?? []).forEach((managed, i) => {
      // Keyed by the list name, so reordering the config changes priorities in place, never the addresses.
      rules.push(
        new Route53ResolverFirewallRule(this, `rule-${managed.name}`, {
          name: `${props.name}-${managed.name}`.slice(0, 64),
          ...block,
          firewallDomainListId: managed.id,
          firewallRuleGroupId: this.ruleGroup.id,
          priority: DNS_FIREWALL_RULE_PRIORITY.managedFirst + i * DNS_FIREWALL_RULE_PRIORITY.managedStep,
        }),
      );
    });
    this.rules = rules;
    this.share = new ResourceShare(this, 'share', { name: `${props.name}-share`, resources: { 'rule-group': this.ruleGroup.arn }, principals: props.sharePrincipals });
  }
}

/** Every problem with the props at once. */
function validate(scope: Construct, props: DnsFirewallRuleGroupProps): void {
  const problems: string[] = [];
  if (isLiteral(props.name) && !DNS_FIREWALL_NAME.test(`${props.name}-allow`)) problems.push(`name "${props.name}" must be letters, digits, spaces, "-" or "_" and leave room for "-allow" within 64 characters`);
  for (const l of props.managedDomainLists ?? []) if (isLiteral(l.id) && !DOMAIN_LIST_ID.test(l.id)) problems.push(`managed list ${l.name}: "${l.id}" is not a domain list id like rslvr-fdl-0123456789abcdef`);
  if ((props.managedDomainLists ?? []).length === 0 && (props.blockDomains ?? []).length === 0) problems.push('the rule group blocks nothing: give managedDomainLists or blockDomains');
  if (props.blockResponse === 'OVERRIDE' && !props.blockOverride) problems.push('blockResponse OVERRIDE needs blockOverride (the CNAME answer)');
  if (problems.length > 0) throw new ValidationError(scope, problems.join('; '));
}
