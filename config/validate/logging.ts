/** Log archive rules: a lifecycle S3 accepts, checked here instead of at synth. */
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
