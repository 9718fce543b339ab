/**
 * A security group whose rules are separate `aws_vpc_security_group_*_rule` resources (one per rule
 * and range: the provider's recommended form, which avoids in-place rule churn), created without the
 * default allow-all egress.
 */
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

/** One rule: protocol and port range from or to a list of IPv4 ranges. */
export interface PortRule {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly toPort?: number;
  readonly cidrs: readonly string[];
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
        for (const cidr of r.cidrs) {
          const ruleId = `${direction}-${r.protocol}-${r.port}${r.toPort && r.toPort !== r.port ? `-${r.toPort}` : ''}-${cidr.replace(/[./]/g, '-')}`;
          const common = { securityGroupId: this.group.id, ipProtocol: r.protocol, fromPort: r.port, toPort: r.toPort ?? r.port, cidrIpv4: cidr, description: r.description };
          if (direction === 'ingress') new VpcSecurityGroupIngressRule(this, ruleId, common);
          else new VpcSecurityGroupEgressRule(this, ruleId, common);
        }
      }
    };
    add('ingress', props.ingress);
    add('egress', props.egress);
    for (const r of props.prefixListEgress ?? []) {
      new VpcSecurityGroupEgressRule(this, `egress-${r.protocol}-${r.port}-${r.key}`, {
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
