/**
 * A security group whose rules are separate `aws_vpc_security_group_*_rule` resources (one per rule
 * and range: the provider's recommended form, which avoids in-place rule churn), created without the
 * default allow-all egress.
 */
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { moveFromLegacyId } from './moved-from';

/**
 * One rule: protocol and port range from or to one peer. A peer is one range (`cidr`) or a set of
 * ranges (`cidrs`); either way each range becomes its own rule resource, whose construct id names the
 * peer, never the range text of a single-range peer (see {@link portRuleIds}).
 */
export type PortRule = PortRuleCommon & ({ readonly cidr: string } | { readonly cidrs: readonly string[] });

/** Fields every {@link PortRule} has. */
export interface PortRuleCommon {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly toPort?: number;
  /**
   * Names the other side (`vpc`, `ssm-endpoints`, `internet`, `allowed-clients`): part of the rule's
   * construct id, hence of its Terraform address, so it is API: renaming it replaces the rule.
   */
  readonly peer: string;
  readonly description: string;
}

/** Props of {@link RuleSecurityGroup}. */
export interface RuleSecurityGroupProps {
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  readonly ingress?: readonly PortRule[];
  readonly egress?: readonly PortRule[];
  /**
   * Egress to managed prefix lists (e.g. the S3 gateway endpoint's), one rule per entry.
   * @default none
   */
  readonly prefixListEgress?: readonly PrefixListRule[];
  /**
   * Ingress from managed prefix lists (e.g. the hub's internal ranges), one rule per list; each counts
   * the list's max_entries against the group's inbound rule quota
   * (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists).
   * @default none
   */
  readonly prefixListIngress?: readonly PrefixListRule[];
  /**
   * Extra tags (the analysis reads `Tier` to know which workloads a group stands for).
   * @default only Name
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One rule to a managed prefix list; `key` names the rule (prefix list ids are unknown until apply). */
export interface PrefixListRule {
  readonly key: string;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly prefixListId: string;
  readonly description: string;
}

/** A security group with exactly the listed rules. */
export class RuleSecurityGroup extends Construct {
  readonly group: SecurityGroup;
  readonly id: string;

  constructor(scope: Construct, id: string, props: RuleSecurityGroupProps) {
    super(scope, id);
    // No inline rules: Terraform then removes the default allow-all egress rule AWS adds.
    this.group = new SecurityGroup(this, 'sg', { name: props.name, description: props.description, vpcId: props.vpcId, tags: { ...props.tags, Name: props.name } });
    this.id = this.group.id;
    const add = (direction: 'ingress' | 'egress', rules: readonly PortRule[] = []) => {
      for (const r of rules) {
        for (const { id, legacyId, cidr } of portRuleIds(direction, r)) {
          const common = { securityGroupId: this.group.id, ipProtocol: r.protocol, fromPort: r.port, toPort: r.toPort ?? r.port, cidrIpv4: cidr, description: r.description };
          const rule = direction === 'ingress' ? new VpcSecurityGroupIngressRule(this, id, common) : new VpcSecurityGroupEgressRule(this, id, common);
          // Releases before peer-named ids keyed every rule by its range: move that state here instead of replacing the rule.
          moveFromLegacyId(rule, legacyId);
        }
      }
    };
    add('ingress', props.ingress);
    add('egress', props.egress);
    for (const [direction, rules, RuleClass] of [
      ['ingress', props.prefixListIngress, VpcSecurityGroupIngressRule],
      ['egress', props.prefixListEgress, VpcSecurityGroupEgressRule],
    ] as const) {
      for (const r of rules ?? []) {
        new RuleClass(this, `${direction}-${r.protocol}-${r.port}-${r.key}`, {
          securityGroupId: this.group.id,
          ipProtocol: r.protocol,
          fromPort: r.port,
          toPort: r.port,
          prefixListId: r.prefixListId,
          description: r.description,
        });
      }
    }
  }
}

/** One rule resource of a {@link PortRule}: its construct id, the id earlier releases gave it, and its range. */
export interface PortRuleId {
  readonly id: string;
  readonly legacyId: string;
  readonly cidr: string;
}

/**
 * Construct ids of a rule's resources, e.g. `egress-tcp-443-to-ssm-endpoints`. A single-range peer
 * is keyed by the peer alone, so editing its range is an in-place update: the provider changes
 * `cidr_ipv4` with ModifySecurityGroupRules, keeping the rule id.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_security_group_ingress_rule
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html
 * Members of a range set (`cidrs`, e.g. user allow-lists) are keyed by peer and range: a set has no
 * other identity, and index keys would turn the removal of one range into modifications of all that
 * follow, each of which AWS rejects while another rule of the group still holds that range
 * (InvalidPermission.Duplicate).
 */
export function portRuleIds(direction: 'ingress' | 'egress', r: PortRule): PortRuleId[] {
  const ports = `${r.protocol}-${r.port}${r.toPort && r.toPort !== r.port ? `-${r.toPort}` : ''}`;
  const base = `${direction}-${ports}-${direction === 'ingress' ? 'from' : 'to'}-${r.peer}`;
  const legacy = (cidr: string) => `${direction}-${ports}-${dashed(cidr)}`;
  if ('cidr' in r) return [{ id: base, legacyId: legacy(r.cidr), cidr: r.cidr }];
  return r.cidrs.map((cidr) => ({ id: `${base}-${dashed(cidr)}`, legacyId: legacy(cidr), cidr }));
}

const dashed = (cidr: string): string => cidr.replace(/[./]/g, '-');
