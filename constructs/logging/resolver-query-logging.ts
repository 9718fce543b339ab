/**
 * Route 53 Resolver query logging to the central log archive bucket (see
 * `LogArchiveBucket.resolverQueryLogsArn()`): one query logging configuration, associated with the
 * VPCs of this workspace and optionally shared through RAM, so that spoke accounts associate their
 * own VPCs with it ({@link ResolverQueryLogAssociation}) instead of each running a configuration.
 * Every DNS query from every associated VPC, in any account, lands under the one destination.
 *
 * - Configurations can be shared with AWS RAM; the accounts shared with can then associate VPCs:
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverQueryLogConfig.html
 * - One association per VPC, in the configuration's Region:
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_AssociateResolverQueryLogConfig.html
 * - Deleting a shared configuration first needs the share removed; that disassociates the spokes' VPCs:
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_DeleteResolverQueryLogConfig.html
 */
import { Construct } from 'constructs';
import { Route53ResolverQueryLogConfig } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config';
import { Route53ResolverQueryLogConfigAssociation } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config-association';
import { ResourceShare } from '../hub/resource-share';
import { isLiteral, ValidationError } from '../private/validation-error';
import { s3LogDestinationProblems } from './flow-logs';

/** Props of {@link ResolverQueryLogging}. */
export interface ResolverQueryLoggingProps {
  /**
   * Name of the query logging configuration and of its RAM share: 1-64 letters, digits, spaces,
   * "-" and "_", not only digits. Changing it replaces the configuration (and re-associates every VPC).
   */
  readonly name: string;
  /**
   * S3 ARN of bucket and key prefix, e.g. `arn:aws:s3:::log-archive/resolver-query-logs/`; AWS appends
   * `AWSLogs/<account id>/...` (normally `LogArchiveBucket.resolverQueryLogsArn()`). Changing it
   * replaces the configuration.
   */
  readonly destinationArn: string;
  /**
   * VPCs of this workspace to log, by a stable key (part of the Terraform address of the association)
   * to VPC id. May be empty when the configuration is only shared.
   */
  readonly vpcIds: Readonly<Record<string, string>>;
  /**
   * RAM principals (organization ARN, OU ARNs, account ids in the organization) to share the
   * configuration with, so they can associate their own VPCs.
   * @default not shared
   */
  readonly shareWith?: readonly string[];
}

/** A Resolver query logging configuration, its associations with this workspace's VPCs, and optionally its RAM share. */
export class ResolverQueryLogging extends Construct {
  readonly config: Route53ResolverQueryLogConfig;
  /** Id of the configuration (`rqlc-...`, a Terraform reference): what {@link ResolverQueryLogAssociation} takes. */
  readonly configId: string;
  /** ARN of the configuration (a Terraform reference). */
  readonly configArn: string;
  /** Associations by the keys of `vpcIds`. */
  readonly associations: Readonly<Record<string, Route53ResolverQueryLogConfigAssociation>>;
  /** The RAM share, when `shareWith` was given. */
  readonly share?: ResourceShare;

  constructor(scope: Construct, id: string, props: ResolverQueryLoggingProps) {
    super(scope, id);
    validateQueryLogging(this, props);

    this.config = new Route53ResolverQueryLogConfig(this, 'config', { name: props.name, destinationArn: props.destinationArn, tags: { Name: props.name } });
    this.configId = this.config.id;
    this.configArn = this.config.arn;

    const associations: Record<string, Route53ResolverQueryLogConfigAssociation> = {};
    for (const [key, vpcId] of Object.entries(props.vpcIds)) {
      associations[key] = new Route53ResolverQueryLogConfigAssociation(this, `association-${key}`, { resolverQueryLogConfigId: this.config.id, resourceId: vpcId });
    }
    this.associations = associations;

    if (props.shareWith !== undefined) {
      this.share = new ResourceShare(this, 'share', { name: props.name, resources: { 'query-log-config': this.config.arn }, principals: props.shareWith });
    }
  }
}

/** Props of {@link ResolverQueryLogAssociation}. */
export interface ResolverQueryLogAssociationProps {
  /** Label of this association in validation messages (the association itself has no name or tags). */
  readonly name: string;
  /** Id of a query logging configuration shared with this account (`rqlc-...`). Changing it replaces the association. */
  readonly configId: string;
  /** The VPC to log, in this account and the configuration's Region. Changing it replaces the association. */
  readonly vpcId: string;
}

/**
 * A spoke workspace's association of its own VPC with a query logging configuration shared with its
 * account through RAM. The share must exist before apply; the hub's config id reaches the spoke as data.
 */
export class ResolverQueryLogAssociation extends Construct {
  readonly association: Route53ResolverQueryLogConfigAssociation;

  constructor(scope: Construct, id: string, props: ResolverQueryLogAssociationProps) {
    super(scope, id);
    const problems = [...configIdProblems(props.name, props.configId), ...vpcIdProblems(`${props.name}: vpcId`, props.vpcId)];
    if (problems.length > 0) throw new ValidationError(this, problems.join('; '));
    this.association = new Route53ResolverQueryLogConfigAssociation(this, 'association', { resolverQueryLogConfigId: props.configId, resourceId: props.vpcId });
  }
}

/** Every problem with the props at once. */
function validateQueryLogging(scope: Construct, props: ResolverQueryLoggingProps): void {
  const problems: string[] = [];
  if (isLiteral(props.name) && !(/^[A-Za-z0-9 _-]{1,64}$/.test(props.name) && !/^\d+$/.test(props.name))) {
    problems.push(`name "${props.name}" must be 1-64 letters, digits, spaces, "-" or "_", and not only digits`);
  }
  problems.push(...s3LogDestinationProblems('destinationArn', props.destinationArn));
  for (const [key, vpcId] of Object.entries(props.vpcIds)) {
    // The key becomes a construct id and a Terraform address.
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(key)) problems.push(`vpcIds key "${key}" must be letters, digits, "-" and "_" (it becomes a Terraform address)`);
    problems.push(...vpcIdProblems(`vpcIds.${key}`, vpcId));
  }
  const literalIds = Object.values(props.vpcIds).filter(isLiteral);
  const repeated = [...new Set(literalIds.filter((v, i) => literalIds.indexOf(v) !== i))];
  for (const vpcId of repeated) problems.push(`VPC "${vpcId}" is listed under more than one vpcIds key; a VPC can be associated with a configuration only once`);
  if (problems.length > 0) throw new ValidationError(scope, problems.join('; '));
}

function vpcIdProblems(field: string, vpcId: string): string[] {
  return isLiteral(vpcId) && !/^vpc-[0-9a-f]+$/.test(vpcId) ? [`${field} "${vpcId}" is not a VPC id like "vpc-0a1b2c3d"`] : [];
}

function configIdProblems(name: string, configId: string): string[] {
  return isLiteral(configId) && !/^rqlc-[0-9a-z]+$/.test(configId) ? [`${name}: configId "${configId}" is not a query logging configuration id like "rqlc-0a1b2c3d4e5f6a7b"`] : [];
}
