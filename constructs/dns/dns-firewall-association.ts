/**
 * One VPC under the landing zone's DNS Firewall: the association of the (possibly RAM-shared) rule
 * group with the VPC, and the VPC's firewall configuration that decides what happens to a query DNS
 * Firewall cannot evaluate (`firewall_fail_open`). Created by the VPC owner's workspace: the hub for
 * its own VPCs, each spoke for its VPC with the group id the hub publishes.
 *
 * - Association priority 100-9900, unique per VPC; the rest is AWS Firewall Manager's.
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_AssociateFirewallRuleGroup.html
 * - Fail open or closed is a per-VPC setting, default closed.
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_UpdateFirewallConfig.html
 *
 * Replacement: a changed VPC or rule group replaces the association (the VPC is briefly unfiltered);
 * name, priority and fail-open change in place.
 */
import { Construct } from 'constructs';
import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';
import { DNS_FIREWALL_NAME, RULE_GROUP_ASSOCIATION_PRIORITY } from '../../lib/aws/dns-firewall';
import { isLiteral, ValidationError } from '../private/validation-error';

/**
 * Priority of the landing zone's rule group in each VPC: room below it for groups a team puts first
 * and above it for groups that should run after.
 */
export const DNS_FIREWALL_ASSOCIATION_PRIORITY = 1000;

/** Props of {@link DnsFirewallAssociation}. */
export interface DnsFirewallAssociationProps {
  /** Name of the association (1-64 letters, digits, spaces, "-", "_"). */
  readonly name: string;
  /** The VPC, in this workspace's account. Changing it replaces the association and the configuration. */
  readonly vpcId: string;
  /** The rule group (`rslvr-frg-...`), own or shared through RAM. Changing it replaces the association. */
  readonly ruleGroupId: string;
  /** Let queries through when DNS Firewall cannot evaluate them. @default false (fail closed) */
  readonly failOpen?: boolean;
  /** @default {@link DNS_FIREWALL_ASSOCIATION_PRIORITY} */
  readonly priority?: number;
}

/** A rule-group association and the fail-open setting of one VPC. */
export class DnsFirewallAssociation extends Construct {
  readonly association: Route53ResolverFirewallRuleGroupAssociation;
  readonly config: Route53ResolverFirewallConfig;

  constructor(scope: Construct, id: string, props: DnsFirewallAssociationProps) {
    super(scope, id);
    const priority = props.priority ?? DNS_FIREWALL_ASSOCIATION_PRIORITY;
    const problems: string[] = [];
    if (isLiteral(props.name) && !DNS_FIREWALL_NAME.test(props.name)) problems.push(`name "${props.name}" must be 1-64 letters, digits, spaces, "-" or "_", not only digits`);
    if (!Number.isInteger(priority) || priority < RULE_GROUP_ASSOCIATION_PRIORITY.min || priority > RULE_GROUP_ASSOCIATION_PRIORITY.max) {
      problems.push(`priority ${priority} must be an integer from ${RULE_GROUP_ASSOCIATION_PRIORITY.min} to ${RULE_GROUP_ASSOCIATION_PRIORITY.max}`);
    }
    if (isLiteral(props.vpcId) && !/^vpc-[0-9a-f]+$/.test(props.vpcId)) problems.push(`vpcId "${props.vpcId}" is not a VPC id like "vpc-0a1b2c3d"`);
    if (problems.length > 0) throw new ValidationError(this, problems.join('; '));
    this.association = new Route53ResolverFirewallRuleGroupAssociation(this, 'association', {
      name: props.name,
      firewallRuleGroupId: props.ruleGroupId,
      vpcId: props.vpcId,
      priority,
      tags: { Name: props.name },
    });
    this.config = new Route53ResolverFirewallConfig(this, 'config', { resourceId: props.vpcId, firewallFailOpen: props.failOpen ? 'ENABLED' : 'DISABLED' });
  }
}
