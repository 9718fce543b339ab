/**
 * Shares the Transit Gateway through AWS RAM with the organization (or listed OUs/accounts), never
 * with principals outside it. Accounts in the organization need no invitation when RAM sharing with
 * AWS Organizations is enabled in the management account.
 * https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html
 */
import { Construct } from 'constructs';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { ValidationError } from '../private/validation-error';

/** Props of {@link TransitGatewayShare}. */
export interface TransitGatewayShareProps {
  readonly name: string;
  readonly transitGatewayArn: string;
  /** Organization ARN, OU ARNs or account ids inside the organization. */
  readonly principals: readonly string[];
}

/** A RAM share of the Transit Gateway. */
export class TransitGatewayShare extends Construct {
  readonly share: RamResourceShare;

  constructor(scope: Construct, id: string, props: TransitGatewayShareProps) {
    super(scope, id);
    if (props.principals.length === 0) throw new ValidationError(this, 'principals must not be empty: an unshared Transit Gateway cannot take spoke attachments');
    this.share = new RamResourceShare(this, 'share', { name: props.name, allowExternalPrincipals: false, tags: { Name: props.name } });
    new RamResourceAssociation(this, 'tgw', { resourceArn: props.transitGatewayArn, resourceShareArn: this.share.arn });
    props.principals.forEach((principal) => {
      // Ids from the principal (account id or the last ARN segment) keep addresses stable when the list is reordered.
      new RamPrincipalAssociation(this, `principal-${principal.split('/').pop()}`, { principal, resourceShareArn: this.share.arn });
    });
  }
}
