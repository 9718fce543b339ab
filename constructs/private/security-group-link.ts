/**
 * A security-group-to-security-group permission, written as the pair of rules it needs: egress on
 * the source group to the destination group, and ingress on the destination group from the source
 * group (`referenced_security_group_id`, no CIDR anywhere). Each side is its own
 * `aws_vpc_security_group_*_rule` resource, the provider's recommended form, like
 * {@link RuleSecurityGroup}'s CIDR rules.
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing
 */
import { Construct } from 'constructs';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ValidationError } from './validation-error';

/** Props of {@link SecurityGroupLink}. */
export interface SecurityGroupLinkProps {
  /** Id of the group whose members open the connections (gets the egress rule). */
  readonly fromSecurityGroupId: string;
  /** Id of the group whose members accept them (gets the ingress rule). */
  readonly toSecurityGroupId: string;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /** Last port of a range. @default `port` */
  readonly toPort?: number;
  /** Rule description, used on both sides. */
  readonly description: string;
}

/** Egress from one group to another and the matching ingress, nothing else. */
export class SecurityGroupLink extends Construct {
  readonly egress: VpcSecurityGroupEgressRule;
  readonly ingress: VpcSecurityGroupIngressRule;

  constructor(scope: Construct, id: string, props: SecurityGroupLinkProps) {
    super(scope, id);
    const toPort = props.toPort ?? props.port;
    const valid = (p: number) => Number.isInteger(p) && p >= 0 && p <= 65535;
    if (!valid(props.port) || !valid(toPort) || toPort < props.port) {
      throw new ValidationError(this, `port range ${props.port}-${toPort} is not a range of TCP/UDP ports (0-65535, first <= last)`);
    }
    const common = { ipProtocol: props.protocol, fromPort: props.port, toPort, description: props.description };
    this.egress = new VpcSecurityGroupEgressRule(this, 'egress', { ...common, securityGroupId: props.fromSecurityGroupId, referencedSecurityGroupId: props.toSecurityGroupId });
    this.ingress = new VpcSecurityGroupIngressRule(this, 'ingress', { ...common, securityGroupId: props.toSecurityGroupId, referencedSecurityGroupId: props.fromSecurityGroupId });
  }
}
