/** Account rules beyond the schema's 12-digit check. */
import { logArchiveAccount } from '../model';
import { ConfigIssue } from '../issues';
import { roleArnAccount } from '../../lib/aws/role-arn';
import { Rule } from './context';

/** A role ARN must live in the account it deploys; otherwise allowed_account_ids stops every apply. */
export const roleInOwnAccount: Rule = ({ config }) => {
  const issues: ConfigIssue[] = [];
  const check = (path: (string | number)[], account: string | undefined, arn: string | undefined) => {
    if (!arn || !account) return;
    const inArn = roleArnAccount(arn);
    if (inArn && inArn !== account) {
      issues.push({
        path,
        value: arn,
        message: `is in account ${inArn}, but this stack deploys to account ${account}`,
        fix: `use a role in ${account}, e.g. arn:aws:iam::${account}:role/<name>`,
      });
    }
  };
  check(['hub', 'roleArn'], config.hub.account, config.hub.roleArn);
  check(['logArchive', 'roleArn'], logArchiveAccount(config), config.logArchive.roleArn);
  config.spokes.forEach((s, i) => check(['spokes', i, 'roleArn'], s.account, s.roleArn));
  // The spoke's hub provider deploys the hub-side half of its connection to the hub account.
  config.spokes.forEach((s, i) => check(['spokes', i, 'hubRoleArn'], config.hub.account, s.hubRoleArn));
  return issues;
};

/**
 * No spoke in the hub account. The spoke stack accepts its Transit Gateway attachment from the hub
 * account, but AWS accepts only attachments in the pendingAcceptance state, which only another
 * account's attachment to a shared Transit Gateway enters; an attachment the owner makes itself needs
 * no acceptance, so the accepter would fail at the first apply. Same-account zone-association
 * authorizations are not documented either (CreateVPCAssociationAuthorization is for "a hosted zone
 * that was created by a different account").
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateVPCAssociationAuthorization.html
 */
export const spokeOutsideHubAccount: Rule = ({ config }) =>
  config.spokes.flatMap((s, i) =>
    s.account === config.hub.account
      ? [
          {
            path: ['spokes', i, 'account'],
            value: s.account,
            message: `is the hub account; the spoke's attachment would be the Transit Gateway owner's own, which AWS never puts in pendingAcceptance, so the spoke workspace's accepter fails at the first apply`,
            fix: 'give the spoke its own account (the hub account holds only the hub VPCs: attach a VPC there as a hub VPC, not a spoke)',
          },
        ]
      : [],
  );
