/**
 * VPC Block Public Access for this workspace's account and Region, with the exclusions of its VPCs or
 * subnets. https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html
 *
 * - The setting is per account and Region (`aws_vpc_block_public_access_options`): each workspace that
 *   owns VPCs (the hub and every spoke, one account each) sets it for its own account. The
 *   organization-wide alternative, an EC2 declarative policy attached from the management account
 *   (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative_syntax.html),
 *   needs a management-account workspace this landing zone does not have.
 * - Exclusions exist before the block is turned on (the options depend on them), so applying BPA never
 *   cuts a path that an exclusion keeps: AWS lets exclusions be created while BPA is off for exactly
 *   that reason. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcBlockPublicAccessExclusion.html
 *
 * Changing a mode is in place; an exclusion whose VPC or subnet changes is replaced. Destroying the
 * options turns BPA off for the account.
 */
import { Construct } from 'constructs';
import { VpcBlockPublicAccessExclusion } from '@cdktf/provider-aws/lib/vpc-block-public-access-exclusion';
import { VpcBlockPublicAccessOptions } from '@cdktf/provider-aws/lib/vpc-block-public-access-options';
import { BPA_BLOCK_MODE, BpaExclusionMode, BpaMode } from '../../lib/aws/block-public-access';
import { TAG_RULES } from '../../lib/aws/tags';
import { ValidationError } from '../private/validation-error';

/** One exclusion: a VPC or a subnet, never both. */
export interface BlockPublicAccessExclusion {
  /** Stable key (part of the Terraform address): `egress`, `egress-public-1`, ... */
  readonly key: string;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly mode: BpaExclusionMode;
  /** Why: set as the `Reason` tag (at most 256 characters). */
  readonly reason: string;
}

/** Props of {@link BlockPublicAccess}. */
export interface BlockPublicAccessProps {
  /** `Name` tag prefix of the exclusions. */
  readonly name: string;
  readonly mode: BpaMode;
  /** @default none */
  readonly exclusions?: readonly BlockPublicAccessExclusion[];
}

/** The account's BPA mode and this workspace's exclusions. */
export class BlockPublicAccess extends Construct {
  readonly options: VpcBlockPublicAccessOptions;
  readonly exclusions: ReadonlyMap<string, VpcBlockPublicAccessExclusion>;

  constructor(scope: Construct, id: string, props: BlockPublicAccessProps) {
    super(scope, id);
    const problems: string[] = [];
    const keys = new Set<string>();
    for (const e of props.exclusions ?? []) {
      if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(e.key)) problems.push(`exclusion key "${e.key}" must be letters, digits, "-" and "_" (it becomes a Terraform address)`);
      if (keys.has(e.key)) problems.push(`exclusion key "${e.key}" is used twice`);
      keys.add(e.key);
      if ((e.vpcId === undefined) === (e.subnetId === undefined)) problems.push(`exclusion ${e.key} needs exactly one of vpcId and subnetId`);
      if (e.reason.length === 0 || e.reason.length > TAG_RULES.maxValueLength) problems.push(`exclusion ${e.key}: reason must be 1-${TAG_RULES.maxValueLength} characters (it becomes a tag value)`);
    }
    if (problems.length > 0) throw new ValidationError(this, problems.join('; '));
    const exclusions = new Map<string, VpcBlockPublicAccessExclusion>();
    for (const e of props.exclusions ?? []) {
      exclusions.set(
        e.key,
        new VpcBlockPublicAccessExclusion(this, `exclusion-${e.key}`, {
          internetGatewayExclusionMode: e.mode,
          ...(e.vpcId !== undefined ? { vpcId: e.vpcId } : { subnetId: e.subnetId }),
          tags: { Name: `${props.name}-${e.key}`, Reason: e.reason },
        }),
      );
    }
    this.exclusions = exclusions;
    this.options = new VpcBlockPublicAccessOptions(this, 'options', { internetGatewayBlockMode: BPA_BLOCK_MODE[props.mode], dependsOn: [...exclusions.values()] });
  }
}
