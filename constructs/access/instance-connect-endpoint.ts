/**
 * EC2 Instance Connect Endpoint: operators reach instances in a closed VPC (no internet gateway, no
 * NAT, no bastion) through an identity-aware TCP proxy. Every OpenTunnel call, allowed or denied, is
 * recorded by CloudTrail, so who connected where is audited without a bastion's logs.
 *
 * Network: the endpoint's group may only open SSH to a second, reusable "clients" group, which admits
 * SSH only from the endpoint's group. Identity: a customer-managed operator policy allows tunnels
 * through this endpoint only, only to port 22 inside this VPC, for at most the configured duration,
 * and allows pushing a one-time SSH key only as the listed OS users to instances tagged for the
 * caller's own team.
 *
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-with-ec2-instance-connect-endpoint.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/log-ec2-instance-connect-endpoint-using-cloudtrail.html
 */
import { EIC_MAX_TUNNEL_DURATION_SECONDS, EICE_PERMISSIONS_DOC } from '../../lib/aws/instance-connect';
import { accountIdProblems, regionProblems } from '../private/aws-partition';
import { PolicyDocument, policyJson } from '../logging/policy';
import { Construct } from 'constructs';
import { Ec2InstanceConnectEndpoint } from '@cdktf/provider-aws/lib/ec2-instance-connect-endpoint';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { parseCidr } from '../../lib/net/range';
import { describeSelection, type SelectedSubnet, type SubnetSelection, type VpcRef } from '../network/vpc-ref';
import { RuleSecurityGroup } from '../private/security-group';
import { SecurityGroupLink } from '../private/security-group-link';
import { isLiteral, ValidationError } from '../private/validation-error';

// The tunnel limit and the endpoint quotas (one endpoint per VPC) live in lib/aws/instance-connect.ts
// (import them from there: this construct does not re-export them).

/** The SSH port: the only one this construct opens or grants. */
export const SSH_PORT = 22;

/** The shared typed policy forms (constructs/logging/policy.ts). */
export type { PolicyDocument } from '../logging/policy';

/** Props of {@link InstanceConnectEndpoint}. */
export interface InstanceConnectEndpointProps {
  /**
   * Name prefix: `<name>-eice` (endpoint and its group), `<name>-instance-connect-clients`,
   * `<name>-instance-connect-operator`. Changing it replaces all of them.
   */
  readonly name: string;
  /**
   * The VPC of the endpoint and of the instances it reaches (changing it replaces the security groups);
   * tunnels are allowed only to private addresses inside its range (`vpc.cidr`).
   */
  readonly vpc: VpcRef;
  /**
   * Selects the one private subnet of `vpc` for the endpoint's network interface (e.g. `{ names: ['app-a'] }`).
   * The endpoint reaches instances in every subnet of the VPC over the local route (cross-AZ traffic is
   * billed as data transfer). Changing the subnet replaces the endpoint.
   */
  readonly subnet: SubnetSelection;
  /**
   * Longest tunnel an operator may open, in seconds (1 to {@link EIC_MAX_TUNNEL_DURATION_SECONDS}).
   * Below 3,600 operators must pass it when connecting; {@link InstanceConnectEndpoint.openTunnelCommand} does.
   * @default 3600
   */
  readonly maxTunnelDurationSeconds?: number;
  /**
   * OS users operators may push a one-time SSH key for (the AMIs' default users). `root` is refused:
   * log in as an unprivileged user and use sudo.
   * @default ['ec2-user', 'ubuntu']
   */
  readonly osUsers?: readonly string[];
  /**
   * Tag key that pairs operators with instances: a key may be pushed only to an instance whose tag
   * equals the same tag on the calling principal. A principal without the tag is denied.
   * @default 'Team'
   */
  readonly teamTagKey?: string;
  /**
   * Keep the operator's IP as the source address instead of the endpoint's. When on, instances must be
   * in this VPC and not behind a Transit Gateway, and some old instance types cannot be reached; the
   * security-group rules work either way. Changing it replaces the endpoint.
   * @default false
   */
  readonly preserveClientIp?: boolean;
  /** The account of the VPC, for instance ARNs in the operator policy. */
  readonly accountId: string;
  /** The Region of the VPC, for instance ARNs in the operator policy and the connect command. */
  readonly region: string;
  /**
   * AWS partition, for instance ARNs in the operator policy.
   * @default 'aws'
   */
  readonly partition?: string;
}

/** Linux user names that every distribution accepts (POSIX portable, at most 32 characters). */
const OS_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
/** IAM tag key characters; the key also appears in `${aws:PrincipalTag/<key>}`, so no `$`, `{` or `}`. */
const TAG_KEY = /^[\p{L}\p{N} _.:/=+\-@]{1,128}$/u;
/** Characters of an IAM policy name; security group names accept a superset. */
const NAME = /^[A-Za-z0-9+=,.@_-]+$/;
const POLICY_SUFFIX = '-instance-connect-operator';
/** IAM managed policy names are at most 128 characters. */
const MAX_NAME = 128 - POLICY_SUFFIX.length;

/** Problems with the props, each naming the value received and the fix. */
function propProblems(p: InstanceConnectEndpointProps, subnets: readonly SelectedSubnet[], duration: number, osUsers: readonly string[], teamTagKey: string, partition: string): string[] {
  const problems: string[] = [];
  // An endpoint has exactly one network interface, in one subnet.
  // (CreateInstanceConnectEndpoint takes one SubnetId) https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateInstanceConnectEndpoint.html
  if (subnets.length !== 1) {
    problems.push(`subnet ${describeSelection(p.subnet)} selects ${subnets.length === 0 ? 'no subnet' : `${subnets.length} subnets (${subnets.map((s) => s.name).join(', ')})`} of the VPC — select exactly one, e.g. { names: ["<subnet>"] }`);
  }
  if (isLiteral(p.name) && (!NAME.test(p.name) || p.name.length > MAX_NAME)) {
    problems.push(`name "${p.name}" must be 1 to ${MAX_NAME} characters of A-Z a-z 0-9 + = , . @ _ - (it prefixes an IAM policy name)`);
  }
  // AWS refuses security group names that start with sg-.
  if (isLiteral(p.name) && /^sg-/i.test(p.name)) problems.push(`name "${p.name}" must not start with "sg-" (it prefixes security group names)`);
  if (isLiteral(p.vpc.cidr)) {
    const cidr = parseCidr(p.vpc.cidr);
    if (!cidr.ok) problems.push(`vpc.cidr "${p.vpc.cidr}" ${cidr.reason}${cidr.suggestion ? ` — use ${cidr.suggestion}` : ''}`);
  }
  if (!Number.isInteger(duration) || duration < 1 || duration > EIC_MAX_TUNNEL_DURATION_SECONDS) {
    problems.push(`maxTunnelDurationSeconds ${duration} must be a whole number of seconds from 1 to ${EIC_MAX_TUNNEL_DURATION_SECONDS} (the AWS maximum, ${EICE_PERMISSIONS_DOC}#iam-OpenTunnel)`);
  }
  if (osUsers.length === 0) problems.push(`osUsers is empty — list at least one OS user, e.g. ["ec2-user"] for Amazon Linux or ["ubuntu"] for Ubuntu`);
  for (const u of osUsers.filter(isLiteral)) {
    if (u === 'root') problems.push('osUsers must not include "root" — log in as the AMI default user and use sudo');
    else if (!OS_USER.test(u)) problems.push(`osUsers entry "${u}" is not a Linux user name (lower-case letter or _ first, then a-z 0-9 _ -, at most 32 characters)`);
  }
  if (!isLiteral(teamTagKey)) problems.push('teamTagKey must be a literal string: it is written into the policy variable ${aws:PrincipalTag/<key>}');
  else if (!TAG_KEY.test(teamTagKey) || /^aws:/i.test(teamTagKey)) {
    problems.push(`teamTagKey "${teamTagKey}" must be 1 to 128 letters, digits, spaces or _ . : / = + - @, not starting with "aws:"`);
  }
  problems.push(...accountIdProblems(p.accountId), ...regionProblems(p.region));
  if (isLiteral(partition) && !/^aws(-[a-z]+)*$/.test(partition)) problems.push(`partition "${partition}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)`);
  return problems;
}

/**
 * An EC2 Instance Connect Endpoint in a private subnet, the security groups that confine it to SSH,
 * and the least-privilege operator policy that uses it.
 */
export class InstanceConnectEndpoint extends Construct {
  /** The endpoint. */
  readonly endpoint: Ec2InstanceConnectEndpoint;
  /** Endpoint id (`eice-...`). */
  readonly endpointId: string;
  /** Endpoint ARN: the only resource the operator policy lets OpenTunnel use. */
  readonly endpointArn: string;
  /** The endpoint's group: egress TCP 22 to {@link clientsSecurityGroup} only, no ingress (see the constructor). */
  readonly securityGroup: RuleSecurityGroup;
  /** Id of {@link securityGroup}. */
  readonly securityGroupId: string;
  /**
   * The group instances join to be reachable: ingress TCP 22 from the endpoint's group only, and no
   * egress rules. Instances keep their own groups for their egress; replies to the endpoint need no
   * egress rule because security groups are stateful.
   */
  readonly clientsSecurityGroup: RuleSecurityGroup;
  /** Id of {@link clientsSecurityGroup}. */
  readonly clientsSecurityGroupId: string;
  /** The endpoint-to-clients SSH rule pair. */
  readonly sshRule: SecurityGroupLink;
  /** Customer-managed policy to attach to operator roles or groups. */
  readonly operatorPolicy: IamPolicy;
  /** The operator policy as an object, with IAM policy variables unescaped (as IAM evaluates them). */
  readonly policyDocument: PolicyDocument;
  /** Tunnel duration cap in seconds, after defaults. */
  readonly maxTunnelDurationSeconds: number;
  /** OS users a key may be pushed for, after defaults, in the order given (duplicates dropped). */
  readonly osUsers: readonly string[];

  private readonly region: string;

  constructor(scope: Construct, id: string, props: InstanceConnectEndpointProps) {
    super(scope, id);
    const duration = props.maxTunnelDurationSeconds ?? EIC_MAX_TUNNEL_DURATION_SECONDS;
    const osUsers = [...new Set(props.osUsers ?? ['ec2-user', 'ubuntu'])];
    const teamTagKey = props.teamTagKey ?? 'Team';
    const partition = props.partition ?? 'aws';
    const subnets = props.vpc.selectSubnets(props.subnet).subnets;
    const problems = propProblems(props, subnets, duration, osUsers, teamTagKey, partition);
    if (problems.length > 0) throw new ValidationError(this, problems.join('; '));
    this.maxTunnelDurationSeconds = duration;
    this.osUsers = osUsers;
    this.region = props.region;

    // Traffic into the endpoint comes from the EC2 Instance Connect service and is admitted whatever
    // the endpoint group's inbound rules say, so the group has none; IAM decides who may tunnel.
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-security-groups.html
    this.securityGroup = new RuleSecurityGroup(this, 'endpoint-security-group', {
      name: `${props.name}-eice`,
      description: 'EC2 Instance Connect Endpoint: SSH out to instance-connect clients only',
      vpcId: props.vpc.vpcId,
    });
    this.clientsSecurityGroup = new RuleSecurityGroup(this, 'clients-security-group', {
      name: `${props.name}-instance-connect-clients`,
      description: 'Instances reachable through EC2 Instance Connect Endpoint: SSH in from the endpoint only',
      vpcId: props.vpc.vpcId,
    });
    this.securityGroupId = this.securityGroup.id;
    this.clientsSecurityGroupId = this.clientsSecurityGroup.id;
    // Referencing the endpoint's group admits its traffic whether or not the client IP is preserved.
    this.sshRule = new SecurityGroupLink(this, 'ssh', {
      fromSecurityGroupId: this.securityGroupId,
      toSecurityGroupId: this.clientsSecurityGroupId,
      protocol: 'tcp',
      port: SSH_PORT,
      description: 'SSH through EC2 Instance Connect Endpoint',
    });

    // One endpoint per VPC (EIC_QUOTAS): a replacement can only be destroy-then-create, which is
    // Terraform's default; never add create_before_destroy here.
    this.endpoint = new Ec2InstanceConnectEndpoint(this, 'endpoint', {
      subnetId: subnets[0].id,
      securityGroupIds: [this.securityGroupId],
      // Always explicit: the API's default for this flag has changed over time.
      preserveClientIp: props.preserveClientIp ?? false,
      tags: { Name: `${props.name}-eice` },
    });
    this.endpointId = this.endpoint.id;
    this.endpointArn = this.endpoint.arn;

    // `${aws:PrincipalTag/...}` is an IAM policy variable, but Terraform would read `${` as its own
    // interpolation: the Terraform argument carries it as `$${`, which Terraform turns back into `${`.
    const principalTag = `\${aws:PrincipalTag/${teamTagKey}}`;
    this.policyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OpenTunnelSshIntoThisVpcOnly',
          Effect: 'Allow',
          Action: 'ec2-instance-connect:OpenTunnel',
          Resource: this.endpointArn,
          Condition: {
            NumericEquals: { 'ec2-instance-connect:remotePort': String(SSH_PORT) },
            IpAddress: { 'ec2-instance-connect:privateIpAddress': props.vpc.cidr },
            NumericLessThanEquals: { 'ec2-instance-connect:maxTunnelDuration': String(duration) },
          },
        },
        {
          Sid: 'SendSshPublicKeyToOwnTeamInstancesOnly',
          Effect: 'Allow',
          Action: 'ec2-instance-connect:SendSSHPublicKey',
          Resource: `arn:${partition}:ec2:${props.region}:${props.accountId}:instance/*`,
          Condition: {
            StringEquals: {
              // Sorted: reordering the config must not rewrite the policy.
              'ec2:osuser': [...osUsers].sort(),
              [`aws:ResourceTag/${teamTagKey}`]: principalTag,
            },
          },
        },
        {
          // ec2:Describe* actions do not support resource-level permissions: `*` is the only Resource they take.
          Sid: 'DescribeActionsCannotBeScopedToResources',
          Effect: 'Allow',
          Action: ['ec2:DescribeInstances', 'ec2:DescribeInstanceConnectEndpoints'],
          Resource: '*',
        },
      ],
    };
    this.operatorPolicy = new IamPolicy(this, 'operator-policy', {
      name: `${props.name}${POLICY_SUFFIX}`,
      description: `SSH through EC2 Instance Connect Endpoint ${props.name}-eice to own-team instances in its VPC`,
      policy: policyJson(this.policyDocument),
    });
  }

  /**
   * The AWS CLI v2 command that connects to an instance through this endpoint, as `osUser`. It names
   * the duration cap because a cap below 3,600 seconds must be passed when connecting. The endpoint id
   * is a token: use the result in a `TerraformOutput` or other resource attribute.
   * https://docs.aws.amazon.com/cli/latest/reference/ec2-instance-connect/ssh.html
   */
  openTunnelCommand(instanceId: string, osUser: string = this.osUsers[0]): string {
    if (isLiteral(instanceId) && !/^i-([0-9a-f]{8}|[0-9a-f]{17})$/.test(instanceId)) {
      throw new ValidationError(this, `openTunnelCommand: "${instanceId}" is not an instance id (i- and 8 or 17 hex digits)`);
    }
    if (isLiteral(osUser) && !this.osUsers.includes(osUser)) {
      throw new ValidationError(this, `openTunnelCommand: OS user "${osUser}" is not one of osUsers (${this.osUsers.join(', ')}); the policy would deny the key`);
    }
    return [
      'aws ec2-instance-connect ssh',
      `--instance-id ${instanceId}`,
      `--os-user ${osUser}`,
      '--connection-type eice',
      `--eice-options endpointId=${this.endpointId},maxTunnelDuration=${this.maxTunnelDurationSeconds}`,
      `--region ${this.region}`,
    ].join(' ');
  }
}
