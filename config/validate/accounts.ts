/** Account rules beyond the schema's 12-digit check. */
import { ConfigIssue } from '../issues';
import { Rule } from './context';

const roleAccount = (arn: string): string | undefined => /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];

/** A role ARN must live in the account it deploys; otherwise allowed_account_ids stops every apply. */
export const roleInOwnAccount: Rule = ({ config }) => {
  const issues: ConfigIssue[] = [];
  const check = (path: (string | number)[], account: string | undefined, arn: string | undefined) => {
    if (!arn || !account) return;
    const inArn = roleAccount(arn);
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
  check(['logArchive', 'roleArn'], config.logArchive.account ?? config.hub.account, config.logArchive.roleArn);
  config.spokes.forEach((s, i) => check(['spokes', i, 'roleArn'], s.account, s.roleArn));
  return issues;
};
