/**
 * The client connect handler of a Client VPN endpoint: a small Lambda function that admits a
 * connection only when the client certificate's common name is one of the current users. It is how a
 * user removed from the config is locked out: the tls provider cannot revoke a certificate and AWS
 * provider 5.100 has no resource for the endpoint's revocation list, so without it a removed user's
 * profile keeps working until the certificate expires.
 *
 * Why a handler rather than a revocation list imported after apply: it is plain Terraform (no step
 * outside `apply`, nothing to forget), the allow-list is derived from the config on every synth (no
 * history of removed users to keep), and a plan shows exactly which name leaves the list. Known
 * limits, documented in the README: a name re-added later admits that user's old certificates again
 * (certificates are matched by common name only; the request carries no serial number), and updating
 * the function does not end sessions already open (they end at the session timeout, or terminate them:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TerminateClientVpnConnections.html).
 *
 * AWS requirements (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-authorization.html):
 * the function name starts with `AWSClientVPN-`, the function is in the endpoint's account and Region,
 * it answers within 30 seconds, and any failure denies the connection. Client VPN invokes it through
 * its service-linked role, whose policy allows lambda:InvokeFunction on `function:AWSClientVPN-*`
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ClientVPNServiceConnectionsRolePolicy.html),
 * so no resource-based permission is added here.
 *
 * Every resource here is created in the endpoint's account and Region (the workspace that holds the
 * endpoint). In a plan, a new `name` replaces the function, the role and the log group (their
 * `function_name` / `name` are ForceNew); the allow-list (`environment`), the retention and the log
 * group's key are updated in place (UpdateFunctionConfiguration, PutRetentionPolicy, AssociateKmsKey)
 * (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/lambda/function.go,
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/logs/group.go,
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/iam/role.go).
 *
 * The code (client-vpn-connect-handler/index.js, unit-tested on its own) is zipped once per synth and
 * copied into the stack's directory (cdktf TerraformAsset); `source_code_hash` is the content hash of the source, so
 * the function is updated when the code changes and only then (since provider 5.x the argument is an
 * update trigger only: https://github.com/hashicorp/terraform-provider-aws/pull/37669).
 */
import * as path from 'node:path';
import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { NAME_LIMITS } from '../../lib/aws/name-limits';
import { CONNECT_HANDLER_PREFIX, connectHandlerName } from '../../lib/names';
import { QUOTAS } from '../../lib/aws/quotas';
import { accountIdProblems, AwsPartition, DNS_SUFFIX, partitionProblems, regionProblems } from '../private/aws-partition';
import { logGroupKeyPolicy, PolicyDocument, policyDocument, policyJson } from '../logging/policy';
import { isLiteral, ValidationError } from '../private/validation-error';
import { LOG_RETENTION_DAYS } from '../../lib/aws/logs';
import { staticArchive } from '../private/static-archive';

/** The environment variable holding the allowed common names, comma-separated. */
const ALLOWED_COMMON_NAMES_VARIABLE = 'ALLOWED_COMMON_NAMES';
/** Lambda runtime of the handler (accepted by provider 5.100's runtime validation). */
export const CONNECT_HANDLER_RUNTIME = 'nodejs22.x';
/** Directory of the handler's code, zipped at synth. */
export const CONNECT_HANDLER_CODE_DIR = path.join(__dirname, 'client-vpn-connect-handler');

/** Props of {@link ClientVpnConnectHandler}. */
export interface ClientVpnConnectHandlerProps {
  /**
   * The function is `AWSClientVPN-<name>` (at most 64 characters), with a role of the same name and
   * the log group `/aws/lambda/AWSClientVPN-<name>`. Changing it replaces all three.
   */
  readonly name: string;
  /**
   * Certificate common names admitted; every other name is denied. Literal strings of letters, digits
   * and `. _ - @` (no commas: the list is comma-separated), at least one. Updated in place.
   */
  readonly allowedCommonNames: readonly string[];
  /** The endpoint's account, for ARNs and the log key policy. */
  readonly accountId: string;
  /** The endpoint's Region (the function must be in it). */
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: AwsPartition;
  /** Days CloudWatch Logs keeps the handler's decisions (one of {@link LOG_RETENTION_DAYS}). @default 365 */
  readonly logRetentionDays?: number;
}

const NAME = /^[A-Za-z0-9_-]+$/;
const FUNCTION_NAME_MAX = NAME_LIMITS.lambdaFunctionName.max;
const COMMON_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
/** Seconds the function may run; the service stops waiting after 30. */
const TIMEOUT_SECONDS = 10;

function propProblems(p: ClientVpnConnectHandlerProps, partition: AwsPartition, retention: number): string[] {
  const problems: string[] = [];
  const functionName = connectHandlerName(p.name);
  if (isLiteral(p.name) && (!NAME.test(p.name) || functionName.length > FUNCTION_NAME_MAX)) {
    problems.push(`name "${p.name}" must be letters, digits, "_" or "-" and make "${CONNECT_HANDLER_PREFIX}<name>" at most ${FUNCTION_NAME_MAX} characters (a Lambda function and IAM role name)`);
  }
  problems.push(...partitionProblems(partition, undefined), ...accountIdProblems(p.accountId), ...regionProblems(p.region));
  if (p.allowedCommonNames.length === 0) problems.push('allowedCommonNames is empty — list the users whose certificates may connect');
  const seen = new Set<string>();
  for (const name of p.allowedCommonNames) {
    if (!isLiteral(name)) problems.push('allowedCommonNames entries must be literal strings');
    else if (!COMMON_NAME.test(name)) problems.push(`allowedCommonNames entry "${name}" must be 1 to 64 letters, digits or . _ - @`);
    else if (seen.has(name)) problems.push(`allowedCommonNames lists "${name}" twice`);
    seen.add(name);
  }
  const bytes = JSON.stringify(allowListVariables(p.allowedCommonNames)).length;
  if (bytes > QUOTAS.lambdaEnvironmentBytes.value) {
    problems.push(`allowedCommonNames make ${bytes} bytes of environment variables, over the Lambda limit of ${QUOTAS.lambdaEnvironmentBytes.value} (${QUOTAS.lambdaEnvironmentBytes.doc})`);
  }
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) problems.push(`logRetentionDays ${retention} is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`);
  return problems;
}

/** The function's environment: the allowed common names, comma-separated, in the order given. */
export function allowListVariables(names: readonly string[]): Record<string, string> {
  return { [ALLOWED_COMMON_NAMES_VARIABLE]: names.join(',') };
}

/**
 * A Lambda client connect handler that admits only the listed certificate common names, with a role
 * that may write its own log group and nothing else, and a KMS-encrypted log group.
 */
export class ClientVpnConnectHandler extends Construct {
  /** `AWSClientVPN-<name>`. */
  readonly functionName: string;
  /** The function. */
  readonly function: LambdaFunction;
  /** Unqualified ARN of the function: the endpoint's `client_connect_options.lambda_function_arn`. */
  readonly functionArn: string;
  /** The execution role. */
  readonly role: IamRole;
  /** Trust policy of {@link role}: Lambda only. */
  readonly trustPolicyDocument: PolicyDocument;
  /** Inline policy of {@link role}: write to its log group only. */
  readonly loggingPolicyDocument: PolicyDocument;
  /** `/aws/lambda/AWSClientVPN-<name>`, KMS-encrypted, with retention. */
  readonly logGroup: CloudwatchLogGroup;
  /** Key of {@link logGroup}. */
  readonly logKey: KmsKey;
  /** Names admitted, in the order given. */
  readonly allowedCommonNames: readonly string[];

  constructor(scope: Construct, id: string, props: ClientVpnConnectHandlerProps) {
    super(scope, id);
    const partition = props.partition ?? 'aws';
    const retention = props.logRetentionDays ?? 365;
    const problems = propProblems(props, partition, retention);
    if (problems.length > 0) throw new ValidationError(this, problems.join('; '));
    this.allowedCommonNames = [...props.allowedCommonNames];

    const { accountId, region } = props;
    const suffix = DNS_SUFFIX[partition];
    this.functionName = connectHandlerName(props.name);
    // Lambda writes to /aws/lambda/<function name> unless told otherwise; creating that group first
    // (encrypted, with retention) keeps Lambda from creating an unencrypted one that never expires.
    const logGroupName = `/aws/lambda/${this.functionName}`;
    const logGroupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;

    this.logKey = new KmsKey(this, 'log-key', {
      description: `Encrypts the Client VPN connect handler log group ${logGroupName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson(logGroupKeyPolicy({ accountRootArn: `arn:${partition}:iam::${accountId}:root`, logsServicePrincipal: `logs.${region}.${suffix}`, logGroupArn, sid: 'AllowCloudWatchLogsForHandlerLogGroup' })),
      tags: { Name: `${this.functionName}-logs` },
    });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', { name: logGroupName, retentionInDays: retention, kmsKeyId: this.logKey.arn, tags: { Name: logGroupName } });

    // No aws:SourceAccount condition: only a principal of this account holding iam:PassRole on this
    // role can attach it to a function, so there is no confused deputy to stop.
    this.trustPolicyDocument = policyDocument([{ Sid: 'LambdaAssumeRole', Effect: 'Allow', Principal: { Service: `lambda.${suffix}` }, Action: 'sts:AssumeRole' }]);
    this.role = new IamRole(this, 'role', {
      name: this.functionName,
      description: `Client VPN connect handler ${this.functionName}: writes its own log group only`,
      assumeRolePolicy: policyJson(this.trustPolicyDocument),
      tags: { Name: this.functionName },
    });
    // The log group exists already, so no logs:CreateLogGroup (the AWSLambdaBasicExecutionRole managed
    // policy would grant it on every log group of the account).
    this.loggingPolicyDocument = policyDocument([{ Sid: 'WriteOwnLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroupArn}:*` }]);
    const logging = new IamRolePolicy(this, 'logging-policy', { name: 'write-own-log-group', role: this.role.id, policy: policyJson(this.loggingPolicyDocument) });

    // The handler's own code, shipped with this construct (not user input).
    // Zipped once per process and copied into each stack (constructs/private/static-archive.ts: cdktf's
    // ARCHIVE assets spawn a node process per stack); same asset path and hash as an ARCHIVE asset.
    const archive = staticArchive(CONNECT_HANDLER_CODE_DIR);
    const code = new TerraformAsset(this, 'code', { path: archive.file, type: AssetType.FILE, assetHash: archive.hash });
    this.function = new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      description: 'Client VPN client connect handler: admits the listed certificate common names only',
      role: this.role.arn,
      runtime: CONNECT_HANDLER_RUNTIME,
      handler: 'index.handler',
      filename: code.path,
      sourceCodeHash: code.assetHash,
      timeout: TIMEOUT_SECONDS,
      memorySize: 128,
      environment: { variables: allowListVariables(this.allowedCommonNames) },
      loggingConfig: { logFormat: 'Text', logGroup: this.logGroup.name },
      tags: { Name: this.functionName },
      dependsOn: [logging],
    });
    this.functionArn = this.function.arn;
  }
}
