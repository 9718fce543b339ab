/**
 * LZ-LOG03: every account that delivers flow logs or Resolver query logs to a bucket of this landing
 * zone is admitted there, by the bucket policy and (with SSE-KMS) the key policy, under the conditions
 * AWS documents for the log delivery service.
 *
 * The log delivery service (`delivery.logs.amazonaws.com`) writes with its own principal. Its
 * documented request context: `aws:SourceAccount` (the account of the log source), `aws:SourceArn`
 * (`arn:<partition>:logs:<region>:<account>:...`) and, on PutObject, `s3:x-amz-acl`
 * bucket-owner-full-control. An Allow that also needs another key relies on something the service is
 * not documented to send; if it does not, the Allow never matches and the logs are silently dropped.
 * This rule evaluates each delivery against exactly that context, plus one key:
 * - `aws:SourceOrgID`, the organization of the account that owns the log source. The flow logs page
 *   does not show it; the IAM global condition keys page documents it for any service principal
 *   acting for a resource of an organization member. It is what `logArchive.logDelivery.scope:
 *   organization` relies on (see LogDeliveryScope for the trade-off). Every account of the landing
 *   zone is a member of one organization, whose id this rule reads from the archive bucket's own
 *   `aws:PrincipalOrgID` condition (the organization the archive admits principals of); without one
 *   the key stays out of the context and an Allow on it is reported as unprovable.
 * Policy variables in a statement's resource (`${aws:SourceAccount}`) are replaced with their value in
 * this context, as IAM does, so a write into another account's `AWSLogs/<account>/` folder is refused.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import { isRef, isUnknown, type ResourceGraph, type TfResource, type Unknown, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { iamWildcardMatch, statementCoversAction, statementCoversResource, statementName, type PolicyStatement } from '../helpers/policy';
import { boolOf, stringOf } from '../helpers/values';
import { partitionOfRegionCode } from '../../../lib/aws/partitions';
import type { Rule, Violation } from '../types';
import { accountsOf, blocksOf, companionsOf, policyStatements, resourcesOf } from './util';

const CLAIM = 'the log archive admits this log delivery';
const SERVICE = 'delivery.logs.amazonaws.com';

/** A request of the log delivery service, as the documentation describes its context. */
export interface DeliveryRequest {
  readonly action: string;
  readonly resource: string;
  /** Condition keys present in the request, lower case, to their value. */
  readonly context: Readonly<Record<string, string>>;
}

/** Rule LZ-LOG03: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-LOG03',
  title: 'Every account delivering flow logs or Resolver query logs to a landing-zone bucket is admitted by its bucket and key policies under the documented conditions (aws:SourceAccount, aws:SourceArn, s3:x-amz-acl, or aws:SourceOrgID of the landing zone organization), into its own AWSLogs/<account> folder',
  why: 'Log delivery failures are silent: an Allow whose condition the log delivery service does not satisfy, or does not send, drops every flow log and DNS query log of that account without an error anywhere.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_flow_log', 'aws_route53_resolver_query_log_config', 'aws_networkfirewall_logging_configuration'],
  check(graph) {
    const out: Violation[] = [];
    const sources = [
      ...resourcesOf(graph, 'aws_flow_log').map((r) => ({ resource: r, destinations: [() => sourceProblems(graph, r, 'log_destination')] })),
      ...resourcesOf(graph, 'aws_route53_resolver_query_log_config').map((r) => ({ resource: r, destinations: [() => sourceProblems(graph, r, 'destination_arn')] })),
      // Network Firewall logs to S3 go through the same log delivery service, below `<prefix>/AWSLogs/<account>/network-firewall/`.
      // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_LogDestinationConfig.html
      ...resourcesOf(graph, 'aws_networkfirewall_logging_configuration').map((r) => ({ resource: r, destinations: firewallDestinations(graph, r).map((dest) => () => sourceProblems(graph, r, undefined, dest)) })),
    ];
    for (const { resource, destinations } of sources) {
      for (const problems of destinations) {
        const result = problems();
        if (result === undefined) continue;
        out.push(isUnknown(result) ? unknownFinding(resource, CLAIM, result) : finding(resource, result));
        break;
      }
    }
    return out;
  },
};

/** The S3 destinations of a Network Firewall logging configuration as `arn:<partition>:s3:::<bucket>/<prefix>` (or what hides one). */
function firewallDestinations(graph: ResourceGraph, config: TfResource): (string | Unknown)[] {
  const partition = partitionOfRegionCode(providerRegion(graph, config) ?? 'us-east-1');
  const configs = blocksOf(graph, config.attrs.logging_configuration);
  if (isUnknown(configs)) return [configs];
  const out: (string | Unknown)[] = [];
  for (const c of configs) {
    const destinations = blocksOf(graph, c.log_destination_config);
    if (isUnknown(destinations)) return [destinations];
    out.push(...destinations.filter((d) => stringOf(graph, d.log_destination_type) === 'S3').map((d) => {
      const target = d.log_destination;
      const fields = target !== null && typeof target === 'object' && !Array.isArray(target) && !isRef(target) && !isUnknown(target) && !('$template' in target) ? (target as Readonly<Record<string, Value>>) : {};
      const bucket = stringOf(graph, fields.bucketName);
      const prefix = stringOf(graph, fields.prefix);
      if (isUnknown(bucket)) return bucket;
      if (isUnknown(prefix)) return prefix;
      return `arn:${partition}:s3:::${bucket ?? ''}/${prefix ?? ''}`;
    }));
  }
  return out;
}

/** Why the source's deliveries would be refused, undefined when they are admitted or go elsewhere, or what hides it. */
function sourceProblems(graph: ResourceGraph, source: TfResource, attribute: string | undefined, destination?: string | Unknown): string | Unknown | undefined {
  if (source.type === 'aws_flow_log') {
    const type = stringOf(graph, source.attrs.log_destination_type);
    if (isUnknown(type)) return type;
    if (type !== 's3') return undefined;
  }
  const dest = attribute === undefined ? destination : stringOf(graph, source.attrs[attribute]);
  if (isUnknown(dest)) return dest;
  const m = dest === undefined ? null : /^arn:([\w-]+):s3:::([^/]+)\/?(.*)$/.exec(dest);
  if (!m) return undefined;
  const [, partition, bucketName, rawPrefix] = m;
  const bucket = resourcesOf(graph, 'aws_s3_bucket').find((b) => stringOf(graph, b.attrs.bucket) === bucketName);
  // A bucket outside this landing zone: LZ-VPC01/LZ-TGW03/LZ-R53R02 already report it.
  if (!bucket) return undefined;
  const accounts = accountsOf(graph, source);
  if (accounts === undefined || accounts.length !== 1) return { $unknown: `${source.address} account`, reason: 'its provider does not pin exactly one allowed_account_ids' };
  const account = accounts[0];
  const region = providerRegion(graph, source) ?? '*';
  const hive = source.type === 'aws_flow_log' ? hiveCompatible(graph, source) : false;
  if (isUnknown(hive)) return hive;
  const prefix = rawPrefix.replace(/\/+$/, '');
  const key = `${prefix ? `${prefix}/` : ''}AWSLogs/${hive ? `aws-account-id=${account}` : account}/probe`;
  const bucketArn = `arn:${partition}:s3:::${bucketName}`;

  const problems: string[] = [];
  const bucketPolicy = bucketStatements(graph, bucket);
  if (isUnknown(bucketPolicy)) return bucketPolicy;
  const org = organizationOf(bucketPolicy);
  const base = {
    'aws:sourceaccount': account,
    'aws:sourcearn': `arn:${partition}:logs:${region}:${account}:log-delivery`,
    'aws:securetransport': 'true',
    ...(org ? { 'aws:sourceorgid': org } : {}),
  };
  for (const request of [
    { action: 's3:PutObject', resource: `${bucketArn}/${key}`, context: { ...base, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    { action: 's3:GetBucketAcl', resource: bucketArn, context: base },
  ]) {
    const problem = verdict(bucketPolicy, request);
    if (problem) problems.push(`${bucketName} bucket policy: ${problem}`);
  }
  const sseKey = encryptionKey(graph, bucket);
  if (isUnknown(sseKey)) return sseKey;
  if (typeof sseKey === 'string') problems.push(sseKey);
  else if (sseKey !== undefined) {
    const keyPolicy = policyStatements(graph, iamVariablesKept(sseKey.attrs.policy));
    if (isUnknown(keyPolicy)) return keyPolicy;
    // No policy on the key is the default key policy: nothing for a service principal.
    const problem = verdict(keyPolicy ?? [], { action: 'kms:GenerateDataKey', resource: '*', context: base });
    if (problem) problems.push(`${sseKey.address} key policy: ${problem}`);
  }
  return problems.length ? `log delivery from account ${account} to ${dest} is refused: ${problems.join('; ')}` : undefined;
}

/**
 * A loaded policy string with its IAM policy variables (`${aws:SourceAccount}`, already unescaped from
 * Terraform's `$${...}` by the loader) escaped again, so the policy parser keeps them as text for
 * {@link withVariables} instead of reading them as unknown Terraform interpolations. A plain string
 * holds no interpolation (those load as templates), so every `${aws:...}` in it is IAM's.
 */
function iamVariablesKept(value: Value | undefined): Value | undefined {
  return typeof value === 'string' ? value.replace(/(?<!\$)\$\{(aws:[A-Za-z]+)\}/g, '$$$${$1}') : value;
}

/** The bucket's policy statements, from `aws_s3_bucket_policy` and the bucket's own `policy`. */
function bucketStatements(graph: ResourceGraph, bucket: TfResource): readonly PolicyStatement[] | Unknown {
  const { found, unknown } = companionsOf(graph, bucket, 'aws_s3_bucket_policy');
  const values = [...found.map((p) => p.attrs.policy), ...(bucket.attrs.policy !== undefined && bucket.attrs.policy !== null ? [bucket.attrs.policy] : [])];
  if (values.length === 0 && unknown) return unknown;
  const out: PolicyStatement[] = [];
  for (const value of values) {
    const statements = policyStatements(graph, iamVariablesKept(value));
    if (isUnknown(statements)) return statements;
    out.push(...(statements ?? []));
  }
  return out;
}

/**
 * The customer managed key of the bucket's default SSE-KMS encryption; undefined without SSE-KMS;
 * a problem for the AWS managed key (log delivery cannot use it); an Unknown when the key is not a
 * key of the graph.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html#AWS-logs-SSE-KMS-S3
 */
function encryptionKey(graph: ResourceGraph, bucket: TfResource): TfResource | string | Unknown | undefined {
  const { found, unknown } = companionsOf(graph, bucket, 'aws_s3_bucket_server_side_encryption_configuration');
  if (found.length === 0) return unknown;
  const rules = blocksOf(graph, found[0].attrs.rule);
  if (isUnknown(rules)) return rules;
  for (const r of rules) {
    const defaults = blocksOf(graph, r.apply_server_side_encryption_by_default);
    if (isUnknown(defaults)) return defaults;
    for (const d of defaults) {
      const algorithm = stringOf(graph, d.sse_algorithm);
      if (isUnknown(algorithm)) return algorithm;
      if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') continue;
      const id = d.kms_master_key_id;
      if (id === undefined || id === null || id === '') return `${found[0].address} encrypts with the AWS managed key, which log delivery cannot use: use a customer managed key`;
      const key = isRef(id) ? graph.get(id.$ref) : undefined;
      if (key?.type === 'aws_kms_key') return key;
      return { $unknown: `${found[0].address} kms_master_key_id`, reason: 'not a key of this landing zone' };
    }
  }
  return undefined;
}

/**
 * The organization every account of the landing zone belongs to: the one `aws:PrincipalOrgID` value
 * the archive bucket's policy admits principals of (StringEquals), undefined when it names none or
 * several.
 */
function organizationOf(statements: readonly PolicyStatement[]): string | undefined {
  const ids = new Set(
    statements.flatMap((s) => s.conditions.filter((c) => c.operator.toLowerCase() === 'stringequals' && c.key.toLowerCase() === 'aws:principalorgid').flatMap((c) => c.values)),
  );
  return ids.size === 1 ? [...ids][0] : undefined;
}

/**
 * The statement with each IAM policy variable of its resources (`${aws:SourceAccount}`, also still
 * escaped as `$${...}` for Terraform) replaced by its value in the request context. A variable the
 * context lacks leaves a resource no request matches, as IAM treats an unresolvable variable.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
function withVariables(s: PolicyStatement, context: Readonly<Record<string, string>>): PolicyStatement {
  const fill = (r: string) => r.replace(/\$?\$\{(aws:[A-Za-z]+)\}/g, (_m, key: string) => context[key.toLowerCase()] ?? '\u0000unresolved');
  return { ...s, resources: s.resources.map(fill), notResources: s.notResources.map(fill) };
}

/** Undefined when a request is allowed and not denied; otherwise why not. Exported for tests of the request forms. */
export function verdict(statements: readonly PolicyStatement[], request: DeliveryRequest): string | undefined {
  const matching = statements.map((s, i) => ({ s: withVariables(s, request.context), name: statementName(s, i) })).filter(({ s }) => coversService(s) && statementCoversAction(s, request.action) && statementCoversResource(s, request.resource));
  for (const { s, name } of matching.filter(({ s }) => s.effect === 'Deny')) {
    const results = s.conditions.map((c) => holds(c, request.context));
    if (results.every((r) => r === true)) return `${name} denies ${request.action} on ${request.resource}`;
    const open = results.find((r): r is string => typeof r === 'string');
    if (open && results.every((r) => r !== false)) return `${name} may deny ${request.action} on ${request.resource}: it ${open}`;
  }
  const reasons: string[] = [];
  for (const { s, name } of matching.filter(({ s }) => s.effect === 'Allow')) {
    const failed = s.conditions.map((c) => ({ c, r: holds(c, request.context) })).filter(({ r }) => r !== true);
    if (failed.length === 0) return undefined;
    reasons.push(
      `${name} ${failed.map(({ c, r }) => (typeof r === 'string' ? r : `needs ${c.operator} ${c.key} ${c.values.join(', ')}, but log delivery sends ${request.context[c.key.toLowerCase()]}`)).join(' and ')}`,
    );
  }
  return reasons.length ? `no Allow admits ${request.action} on ${request.resource}: ${reasons.join('; ')}` : `no statement allows ${SERVICE} ${request.action} on ${request.resource}`;
}

/** True when the statement names the log delivery service, or every principal. */
function coversService(s: PolicyStatement): boolean {
  const p = s.principal;
  const named = p === '*' || (p !== undefined && Object.entries(p).some(([type, ids]) => ids.includes('*') || (type === 'Service' && ids.includes(SERVICE))));
  return s.notPrincipal ? !named : named;
}

/**
 * Whether one condition holds in the documented request context: true, false, or a sentence when it
 * cannot be decided (an operator this rule does not evaluate, or a key log delivery is not
 * documented to send under an operator that needs it).
 */
function holds(c: { readonly operator: string; readonly key: string; readonly values: readonly string[] }, context: Readonly<Record<string, string>>): boolean | string {
  let op = c.operator.toLowerCase().replace(/^for(any|all)values:/, '');
  const ifExists = op.endsWith('ifexists');
  if (ifExists) op = op.slice(0, -'ifexists'.length);
  const value = context[c.key.toLowerCase()];
  if (value === undefined) {
    if (ifExists) return true;
    if (op === 'null') return c.values.includes('true');
    if (op.includes('not')) return true;
    if (c.key.toLowerCase() === 'aws:sourceorgid') return `conditions on ${c.key}, but the organization of the log source cannot be told: the bucket policy admits no single aws:PrincipalOrgID`;
    return `conditions on ${c.key}, which log delivery is not documented to send`;
  }
  const like = (ignoreCase: boolean) => c.values.some((v) => iamWildcardMatch(v, value, ignoreCase));
  switch (op) {
    case 'stringequals':
      return c.values.includes(value);
    case 'stringequalsignorecase':
      return c.values.some((v) => v.toLowerCase() === value.toLowerCase());
    case 'stringnotequals':
      return !c.values.includes(value);
    case 'stringlike':
    case 'arnequals':
    case 'arnlike':
      return like(false);
    case 'stringnotlike':
    case 'arnnotequals':
    case 'arnnotlike':
      return !like(false);
    case 'bool':
      return c.values.includes(value);
    case 'null':
      return c.values.includes('false');
    default:
      return `uses ${c.operator}, which this rule does not evaluate`;
  }
}

/** The Region of the provider a resource is deployed with, when the graph has it. */
function providerRegion(graph: ResourceGraph, resource: TfResource): string | undefined {
  const stack = graph.stacks.find((s) => s.name === resource.stack);
  const alias = resource.provider?.replace(/^aws\./, '');
  const config = stack?.providers.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias));
  return typeof config?.region === 'string' ? config.region : undefined;
}

/** Whether a flow log writes Hive-compatible prefixes (`AWSLogs/aws-account-id=<account>/...`). */
function hiveCompatible(graph: ResourceGraph, flowLog: TfResource): boolean | Unknown {
  const options = blocksOf(graph, flowLog.attrs.destination_options);
  if (isUnknown(options)) return options;
  const hive = options.length ? boolOf(graph, options[0].hive_compatible_partitions) : false;
  return hive ?? false;
}
