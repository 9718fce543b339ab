/**
 * The AWS Network Firewall policy of the inspection VPC and its stateful rule groups, in strict rule
 * order: AWS managed threat groups first, then the config's Suricata rules, then (with east-west
 * inspection) a pass for traffic between internal ranges, then the egress domain allow-list; whatever
 * no rule passed is dropped once established and alerted (`aws:drop_established`,
 * `aws:alert_established`). Stateless rules forward everything to the stateful engine.
 * Strict order: https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 * Default actions: https://docs.aws.amazon.com/fms/2018-01-01/APIReference/API_NetworkFirewallPolicyDescription.html
 *
 * Names: changing a rule group's or the policy's name, or a rule group's capacity or type, replaces it
 * (ForceNew in hashicorp/aws 5.100.0); rules, targets and references update in place. The domain and
 * Suricata groups are sized by capacity tier (lib/aws/network-firewall.ts) and carry the tier in
 * their name with create_before_destroy: when a growing list crosses a tier, the new group is created,
 * the policy moves to it, and only then is the old one (still referenced until then) deleted.
 */
import { Construct } from 'constructs';
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { capacityTier, domainListUnits, FORWARD_TO_STATEFUL, managedRuleGroupArn, MANAGED_THREAT_GROUPS, STRICT_DEFAULT_DROP_ACTIONS } from '../../lib/aws/network-firewall';
import { ValidationError } from '../private/validation-error';

/** Props of {@link FirewallPolicy}. */
export interface FirewallPolicyProps {
  /** Prefix of every name, e.g. `shop-inspection`. Changing it replaces the policy and its rule groups. */
  readonly namePrefix: string;
  /** `aws`, `aws-cn` or `aws-us-gov` (managed rule group ARNs). */
  readonly partition: string;
  readonly region: string;
  /**
   * HOME_NET: the ranges the firewall protects. In a centralized deployment it must hold the spoke
   * ranges, not only the inspection VPC's (its default), or the domain allow-list never matches.
   * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html
   */
  readonly homeNet: readonly string[];
  /** Domains HTTPS (TLS SNI) and HTTP (Host) traffic may reach; none: no allow-list group. */
  readonly egressAllowDomains: readonly string[];
  /** Suricata rules, one per entry; none: no Suricata group. */
  readonly suricataRules: readonly string[];
  /** AWS managed StrictOrder rule group names. */
  readonly managedThreatGroups: readonly string[];
  /**
   * Pass traffic between HOME_NET ranges after the threat groups and the Suricata rules: segmentation
   * stays with the Transit Gateway route tables and security groups; the firewall inspects it.
   * @default false
   */
  readonly passEastWest?: boolean;
}

/** A strict-order, default-drop firewall policy with its rule groups. */
export class FirewallPolicy extends Construct {
  readonly policy: NetworkfirewallFirewallPolicy;
  /** Rule groups this construct owns, by key (`domains`, `suricata`, `east-west`). */
  readonly ruleGroups: ReadonlyMap<string, NetworkfirewallRuleGroup>;

  constructor(scope: Construct, id: string, props: FirewallPolicyProps) {
    super(scope, id);
    const unknown = props.managedThreatGroups.filter((g) => !(MANAGED_THREAT_GROUPS as readonly string[]).includes(g));
    if (unknown.length > 0) throw new ValidationError(this, `unknown AWS managed StrictOrder rule groups: ${unknown.join(', ')}`);
    if (props.homeNet.length === 0) throw new ValidationError(this, 'homeNet needs at least one range');

    const groups = new Map<string, NetworkfirewallRuleGroup>();
    const strict = { ruleOrder: 'STRICT_ORDER' };
    const replaceable = { createBeforeDestroy: true };
    if (props.suricataRules.length > 0) {
      const capacity = capacityTier(props.suricataRules.length);
      groups.set(
        'suricata',
        new NetworkfirewallRuleGroup(this, 'suricata', { name: `${props.namePrefix}-suricata-${capacity}`, type: 'STATEFUL', capacity, ruleGroup: { rulesSource: { rulesString: props.suricataRules.join('\n') }, statefulRuleOptions: strict }, lifecycle: replaceable }),
      );
    }
    if (props.passEastWest) {
      const rule = 'pass ip $HOME_NET any -> $HOME_NET any (msg:"east-west between internal ranges: segmentation is the Transit Gateway route tables\' and security groups\'"; sid:1000001; rev:1;)';
      groups.set('east-west', new NetworkfirewallRuleGroup(this, 'east-west', { name: `${props.namePrefix}-east-west`, type: 'STATEFUL', capacity: 10, ruleGroup: { rulesSource: { rulesString: rule }, statefulRuleOptions: strict } }));
    }
    if (props.egressAllowDomains.length > 0) {
      const targetTypes = ['TLS_SNI', 'HTTP_HOST'];
      const capacity = capacityTier(domainListUnits(props.egressAllowDomains.length, targetTypes.length));
      groups.set(
        'domains',
        new NetworkfirewallRuleGroup(this, 'domains', {
          name: `${props.namePrefix}-egress-domains-${capacity}`,
          type: 'STATEFUL',
          capacity,
          ruleGroup: { rulesSource: { rulesSourceList: { generatedRulesType: 'ALLOWLIST', targetTypes, targets: [...props.egressAllowDomains] } }, statefulRuleOptions: strict },
          lifecycle: replaceable,
        }),
      );
    }
    this.ruleGroups = groups;

    // Priorities: managed groups first (threats are dropped before anything is passed), then ours in the order above.
    const references = [
      ...props.managedThreatGroups.map((name) => managedRuleGroupArn(props.partition, props.region, name)),
      ...['suricata', 'east-west', 'domains'].filter((k) => groups.has(k)).map((k) => groups.get(k)!.arn),
    ].map((resourceArn, i) => ({ resourceArn, priority: (i + 1) * 10 }));

    this.policy = new NetworkfirewallFirewallPolicy(this, 'policy', {
      name: `${props.namePrefix}-policy`,
      firewallPolicy: {
        statelessDefaultActions: [FORWARD_TO_STATEFUL],
        statelessFragmentDefaultActions: [FORWARD_TO_STATEFUL],
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER' },
        statefulDefaultActions: [...STRICT_DEFAULT_DROP_ACTIONS],
        statefulRuleGroupReference: references,
        policyVariables: { ruleVariables: [{ key: 'HOME_NET', ipSet: { definition: [...props.homeNet] } }] },
      },
      tags: { Name: `${props.namePrefix}-policy` },
    });
  }
}
