/**
 * An AWS RAM share that never reaches principals outside the organization: the Transit Gateway,
 * the Resolver forwarding rules and the Route 53 Profile are shared this way. Accounts in the
 * organization need no invitation once RAM sharing with AWS Organizations is enabled in the
 * management account. https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html
 */
import { Construct } from 'constructs';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { ValidationError } from '../private/validation-error';

/** Props of {@link ResourceShare}. */
export interface ResourceShareProps {
  readonly name: string;
  /** Shared resources by a stable key (part of the Terraform address) to ARN. */
  readonly resources: Readonly<Record<string, string>>;
  /** Organization ARN, OU ARNs or account ids inside the organization. */
  readonly principals: readonly string[];
}

/** An organization-internal RAM share. */
export class ResourceShare extends Construct {
  readonly share: RamResourceShare;

  constructor(scope: Construct, id: string, props: ResourceShareProps) {
    super(scope, id);
    if (props.principals.length === 0) throw new ValidationError(this, 'principals must not be empty: nobody could use the shared resources');
    this.share = new RamResourceShare(this, 'share', { name: props.name, allowExternalPrincipals: false, tags: { Name: props.name } });
    for (const [key, arn] of Object.entries(props.resources)) new RamResourceAssociation(this, key, { resourceArn: arn, resourceShareArn: this.share.arn });
    props.principals.forEach((principal) => {
      // Ids from the principal (account id or the last ARN segment) keep addresses stable when the list is reordered.
      new RamPrincipalAssociation(this, `principal-${principal.split('/').pop()}`, { principal, resourceShareArn: this.share.arn });
    });
  }
}
