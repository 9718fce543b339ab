/** IAM quotas the constructs that write inline role policies check against. */

/** Longest inline policy IAM accepts on a role (the sum of its inline policies, whitespace excluded). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
export const MAX_ROLE_INLINE_POLICY_CHARS = 10240;
