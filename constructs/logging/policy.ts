/**
 * A tiny typed IAM policy document, built as a plain object (so tests can compare it exactly) and
 * serialized deterministically for a Terraform `policy` argument. Built in code rather than with the
 * `aws_iam_policy_document` data source so synth and `terraform validate` need no credentials.
 */

/** `"*"`, or the principals of one or more types. */
export type PolicyPrincipal = '*' | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[]; readonly Federated?: string };

/** `{ operator: { key: value(s) } }`, e.g. `{ StringEquals: { 'aws:PrincipalOrgID': 'o-...' } }`. */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/**
 * One statement; `Sid` is required so every statement can be named in reviews and findings. Resource
 * policies carry a Principal, identity policies do not, and role trust policies have no Resource.
 */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyConditions;
}

/** A policy document in the current policy language version. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Builds a document; refuses duplicate or non-alphanumeric Sids (several services reject them). */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const seen = new Set<string>();
  for (const s of statements) {
    if (!/^[A-Za-z0-9]+$/.test(s.Sid)) throw new Error(`policy statement Sid "${s.Sid}" must be alphanumeric`);
    if (seen.has(s.Sid)) throw new Error(`policy statement Sid "${s.Sid}" is used twice`);
    seen.add(s.Sid);
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The document as a Terraform string argument. Key order is the construction order, so the output is
 * stable across runs. IAM policy variables (`${aws:PrincipalAccount}`) are escaped to `$${...}`:
 * Terraform would otherwise read them as its own interpolation and fail; it turns `$${` back into `${`
 * before the value reaches AWS. cdktf tokens (`${TfToken[...]}`) are left alone.
 * https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 */
export function policyJson(doc: PolicyDocument): string {
  // `aws:` then the key, optionally with a path such as a tag key (`${aws:PrincipalTag/Cost Center}`).
  return JSON.stringify(doc).replace(/\$\{(aws:[A-Za-z0-9]+(?:\/[^{}$"]+)?)\}/g, (_match, key: string) => '$${' + key + '}');
}

/** Deny every S3 request to a bucket and its objects that does not use TLS (Security Hub S3.5). */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}

/**
 * Key policy of a key that encrypts one CloudWatch Logs log group: the account administers it, and the
 * Region's CloudWatch Logs service may use it only for that log group (the encryption context).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logGroupKeyPolicy(p: { readonly accountRootArn: string; readonly logsServicePrincipal: string; readonly logGroupArn: string; readonly sid: string }): PolicyDocument {
  return policyDocument([
    { Sid: 'AllowAccountAdministration', Effect: 'Allow', Principal: { AWS: p.accountRootArn }, Action: 'kms:*', Resource: '*' },
    {
      Sid: p.sid,
      Effect: 'Allow',
      Principal: { Service: p.logsServicePrincipal },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': p.logGroupArn } },
    },
  ]);
}
