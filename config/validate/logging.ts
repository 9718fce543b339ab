/**
 * Log archive rules: a lifecycle S3 accepts, an Object Lock that keeps to the configured retention and
 * names a usable break-glass role, and bucket and key policies that fit the accounts they must admit.
 */
import { ConfigIssue } from '../issues';
import { logArchiveAccount, logArchiveRoleArn, logSourceAccounts } from '../model';
import { roleArnAccount } from '../../lib/aws/role-arn';
import { Rule } from './context';

/**
 * Expiration after the transition: S3 rejects a rule whose Expiration days are not greater than its
 * Transition days (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html),
 * and LogArchiveBucket throws at synth; each limit alone is the schema's.
 */
export const logArchiveLifecycle: Rule = ({ config }) => {
  const lifecycle = config.logArchive.lifecycle;
  if (lifecycle.expirationDays > lifecycle.transitionDays) return [];
  return [
    {
      path: ['logArchive', 'lifecycle'],
      value: lifecycle,
      message: `expires logs after ${lifecycle.expirationDays} days, not after they move to Glacier Instant Retrieval at ${lifecycle.transitionDays}`,
      fix: 'make expirationDays greater than transitionDays (defaults: 90 and 400)',
    },
  ];
};

/**
 * Object Lock that keeps to the retention and that someone can still administer:
 * - `days` at most `lifecycle.expirationDays`: lifecycle cannot delete a locked version, so a longer
 *   lock would keep every log past its configured retention
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-managing-lifecycle);
 * - compliance mode only with `acknowledgeComplianceMode: true`: nobody, not even the root user, can
 *   shorten or lift it, and the bucket cannot be emptied until the last lock ends
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-retention-modes);
 * - the break-glass role in the log archive account: the bucket policy only exempts it from the
 *   Deny, it grants nothing, so a role of another account of the organization would also need an
 *   Allow there (a warning), and one of an account this config does not know is a mistake (an error);
 * - a warning when the break-glass role is the deploy role: every apply could then delete logs.
 */
export const logArchiveObjectLock: Rule = ({ config }) => {
  const lock = config.logArchive.objectLock;
  if (!lock) return [];
  const at = ['logArchive', 'objectLock'];
  const issues: ConfigIssue[] = [];
  const retention = config.logArchive.lifecycle.expirationDays;
  if (lock.days > retention) {
    issues.push({
      path: [...at, 'days'],
      value: lock.days,
      message: `locks logs longer than the ${retention}-day retention (logArchive.lifecycle.expirationDays); lifecycle cannot delete a locked version, so every log would be kept ${lock.days} days`,
      fix: `lock for at most ${retention} days, or raise expirationDays to ${lock.days}`,
    });
  }
  if (lock.mode === 'compliance' && lock.acknowledgeComplianceMode !== true) {
    issues.push({
      path: [...at, 'mode'],
      value: lock.mode,
      message: `locks every new log version for ${lock.days} days beyond anyone's reach, the root user's included: the retention cannot be shortened or removed, and the bucket cannot be emptied until it ends`,
      fix: 'add acknowledgeComplianceMode: true to objectLock if that is intended, or use mode: governance (the break-glass role can still lift it)',
    });
  }
  const logAccount = logArchiveAccount(config);
  const account = roleArnAccount(lock.breakGlassRoleArn);
  const known = new Set([config.hub.account, ...config.spokes.map((s) => s.account), ...(config.organization.managementAccount ? [config.organization.managementAccount] : [])]);
  if (account !== undefined && account !== logAccount) {
    issues.push({
      path: [...at, 'breakGlassRoleArn'],
      value: lock.breakGlassRoleArn,
      ...(known.has(account) ? { severity: 'warning' as const } : {}),
      message: known.has(account)
        ? `is in account ${account}, not the log archive account ${logAccount}: the bucket policy only exempts it from the Deny and grants it nothing, so it cannot delete logs until an Allow for it is added`
        : `is in account ${account}, which is neither the log archive account ${logAccount} nor any account of this landing zone`,
      fix: `use a role of the log archive account, e.g. arn:aws:iam::${logAccount}:role/log-archive-break-glass`,
    });
  }
  if (logArchiveRoleArn(config) === lock.breakGlassRoleArn) {
    issues.push({
      path: [...at, 'breakGlassRoleArn'],
      value: lock.breakGlassRoleArn,
      severity: 'warning',
      message: 'is also the role the log-archive workspace deploys with (logArchive.roleArn or its default), so every apply could delete logs and bypass governance retention',
      fix: 'use a separate role that only people assume, under review, when logs must go',
    });
  }
  return issues;
};

/**
 * Most accounts the log archive admits as log delivery sources with `logArchive.logDelivery.scope`
 * `accounts`. Each account adds about 30 bytes to the bucket policy (`aws:SourceAccount` in two
 * statements), whose other statements take under 3 KB with long prefixes and role ARNs; S3 caps a
 * bucket policy at 20 KB (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html).
 * LogArchiveBucket checks the real size at synth; this keeps the error in the config, with a margin.
 * With scope `organization` the policies name the organization, not the accounts, and have no cap.
 */
export const MAX_LOG_SOURCE_ACCOUNTS = 500;

/**
 * With scope `accounts`, the hub and spoke accounts fit into the archive's bucket policy as
 * `aws:SourceAccount` values; the fix past the cap is scope `organization`, whose trade-off is that it
 * relies on `aws:SourceOrgID`, which the IAM global condition keys page documents for service
 * principals in general but the flow logs page does not show
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid).
 */
export const logSourceAccountsFit: Rule = ({ config }) => {
  if (config.logArchive.logDelivery.scope === 'organization') return [];
  const accounts = logSourceAccounts(config);
  if (accounts.length <= MAX_LOG_SOURCE_ACCOUNTS) return [];
  return [
    {
      path: ['spokes'],
      value: `${accounts.length} accounts`,
      message: `deliver logs to the archive, more than the ${MAX_LOG_SOURCE_ACCOUNTS} its bucket policy can list as aws:SourceAccount within S3's 20 KB policy limit (logArchive.logDelivery.scope: accounts)`,
      fix:
        'set logArchive.logDelivery.scope: organization, which admits every account of the organization by aws:SourceOrgID, each only into its own AWSLogs/<account id>/ prefix, whatever the number of accounts. ' +
        'Trade-off: the flow logs documentation shows aws:SourceAccount, and aws:SourceOrgID is documented for service principals only in general (IAM global condition keys), so apply it and confirm that flow logs from one spoke arrive before relying on it; ' +
        `or split the landing zone so that each log archive serves at most ${MAX_LOG_SOURCE_ACCOUNTS} accounts`,
    },
  ];
};
