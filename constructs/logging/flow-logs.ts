/**
 * One flow log, of a VPC or of a Transit Gateway, delivered straight to the central log archive
 * bucket (see `LogArchiveBucket.flowLogsArn()`). No IAM role: S3 delivery is done by the log
 * delivery service, which the archive's bucket and key policies admit either for the accounts they
 * list (`LogArchiveBucketProps.logSourceAccounts`: this flow log's account must be one of them) or,
 * with `logDeliveryScope` `organization`, for any account of the organization, each only into its own
 * `AWSLogs/aws-account-id=<account>/` folder (Hive-compatible partitions, as set below).
 *
 * - `aws_flow_log` arguments (provider default `max_aggregation_interval` 600, `destination_options`):
 *   https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_flow_log.go
 * - Destination options (all three default to off / plain text in the API):
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DestinationOptionsRequest.html
 * - Transit Gateway flow logs: `--traffic-type` is an error, 60 s is the only aggregation interval:
 *   https://docs.aws.amazon.com/vpc/latest/tgw/flow-logs-api-cli.html
 */
import { Construct } from 'constructs';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { isLiteral, ValidationError } from '../private/validation-error';

/** Object format of delivered log files. */
export type FlowLogFileFormat = 'plain-text' | 'parquet';

/** The two aggregation intervals AWS offers, in seconds. */
export type FlowLogAggregationSeconds = 60 | 600;

const FILE_FORMATS: readonly FlowLogFileFormat[] = ['plain-text', 'parquet'];
const AGGREGATION_SECONDS: readonly FlowLogAggregationSeconds[] = [60, 600];

/** Props of {@link VpcFlowLogs}. Every argument of `aws_flow_log` forces replacement, and so does every prop but `name`. */
export interface VpcFlowLogsProps {
  /** Value of the flow log's `Name` tag (updated in place). */
  readonly name: string;
  /** The VPC to log (`vpc-...`). Exactly one of `vpcId` and `transitGatewayId`. */
  readonly vpcId?: string;
  /** The Transit Gateway to log (`tgw-...`, not an attachment). Exactly one of `vpcId` and `transitGatewayId`. */
  readonly transitGatewayId?: string;
  /**
   * S3 ARN of bucket and key prefix, e.g. `arn:aws:s3:::log-archive/flow-logs/`; AWS appends
   * `AWSLogs/<account id>/...` (normally `LogArchiveBucket.flowLogsArn()`).
   */
  readonly destinationArn: string;
  /**
   * Parquet by default: smaller objects and much cheaper, faster Athena queries than gzip text.
   * @default 'parquet'
   */
  readonly fileFormat?: FlowLogFileFormat;
  /**
   * Partition objects by hour instead of by day, so time-bounded queries scan less.
   * @default true
   */
  readonly perHourPartition?: boolean;
  /**
   * Longest time packets are aggregated into one record. Transit Gateway flow logs accept only 60.
   * @default 60
   */
  readonly aggregationSeconds?: FlowLogAggregationSeconds;
  /**
   * Custom record format: space-separated `${field}` names, e.g. `${version} ${vpc-id} ${srcaddr}`.
   * Written as given; the `${` is escaped for Terraform here.
   * https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
   * @default AWS's default format (for a Transit Gateway: every Transit Gateway field)
   */
  readonly logFormat?: string;
}

const DEFAULT_FILE_FORMAT: FlowLogFileFormat = 'parquet';
const DEFAULT_AGGREGATION_SECONDS: FlowLogAggregationSeconds = 60;

/** A VPC or Transit Gateway flow log delivered to S3 with Hive-compatible partitions. */
export class VpcFlowLogs extends Construct {
  readonly flowLog: FlowLog;
  /** Id of the flow log (`fl-...`, a Terraform reference). */
  readonly flowLogId: string;
  /** What is logged. */
  readonly target: 'vpc' | 'transit-gateway';

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const fileFormat = props.fileFormat ?? DEFAULT_FILE_FORMAT;
    const perHourPartition = props.perHourPartition ?? true;
    const aggregationSeconds = props.aggregationSeconds ?? DEFAULT_AGGREGATION_SECONDS;
    validateFlowLog(this, props, fileFormat, aggregationSeconds);
    const isVpc = props.vpcId !== undefined;
    this.target = isVpc ? 'vpc' : 'transit-gateway';

    this.flowLog = new FlowLog(this, 'flow-log', {
      // No traffic_type for a Transit Gateway: the API rejects it there (Transit Gateways log everything).
      ...(isVpc ? { vpcId: props.vpcId, trafficType: 'ALL' } : { transitGatewayId: props.transitGatewayId }),
      logDestinationType: 's3',
      logDestination: props.destinationArn,
      // Always explicit: the provider's default is 600, which a Transit Gateway flow log rejects.
      maxAggregationInterval: aggregationSeconds,
      // Hive-compatible keys (`aws-account-id=.../year=...`) let Athena and Glue discover partitions
      // without hand-written partition projections.
      destinationOptions: { fileFormat, hiveCompatiblePartitions: true, perHourPartition },
      ...(props.logFormat !== undefined ? { logFormat: escapeTerraformTemplate(props.logFormat) } : {}),
      tags: { Name: props.name },
    });
    this.flowLogId = this.flowLog.id;
  }
}

/**
 * Problems with an S3 log destination ARN (bucket ARN with optional key prefix), named by `field`.
 * Shared by flow logs and Resolver query logging, which take the same form of destination.
 */
export function s3LogDestinationProblems(field: string, arn: string): string[] {
  if (!isLiteral(arn)) return [];
  const m = /^arn:(aws|aws-cn|aws-us-gov):s3:::([^/]+)(\/.*)?$/.exec(arn);
  if (!m) return [`${field} "${arn}" is not an S3 bucket ARN like "arn:aws:s3:::log-archive/flow-logs/"`];
  const [, , bucket, prefix = ''] = m;
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) problems.push(`${field} "${arn}" names bucket "${bucket}", which is not a valid S3 bucket name`);
  if (/[*?]/.test(prefix) || prefix.includes('//')) problems.push(`${field} "${arn}" has a key prefix with wildcards or empty segments; use plain "/"-separated segments`);
  if (prefix.split('/').includes('AWSLogs')) problems.push(`${field} "${arn}" must not contain an "AWSLogs" segment: log delivery reserves it`);
  return problems;
}

/** Every problem with the props at once. */
function validateFlowLog(scope: Construct, props: VpcFlowLogsProps, fileFormat: string, aggregationSeconds: number): void {
  const problems: string[] = [];
  const hasVpc = props.vpcId !== undefined;
  const hasTgw = props.transitGatewayId !== undefined;
  if (hasVpc && hasTgw) {
    problems.push(`exactly one of vpcId and transitGatewayId must be set, got both (vpcId "${props.vpcId}", transitGatewayId "${props.transitGatewayId}"); use one VpcFlowLogs per resource`);
  } else if (!hasVpc && !hasTgw) {
    problems.push('exactly one of vpcId and transitGatewayId must be set, got neither');
  }
  if (hasVpc && isLiteral(props.vpcId!) && !/^vpc-[0-9a-f]+$/.test(props.vpcId!)) problems.push(`vpcId "${props.vpcId}" is not a VPC id like "vpc-0a1b2c3d"`);
  if (hasTgw && isLiteral(props.transitGatewayId!) && !/^tgw-[0-9a-f]+$/.test(props.transitGatewayId!)) {
    problems.push(`transitGatewayId "${props.transitGatewayId}" is not a Transit Gateway id like "tgw-0a1b2c3d" (attachments are not supported here)`);
  }
  problems.push(...s3LogDestinationProblems('destinationArn', props.destinationArn));
  if (!(FILE_FORMATS as readonly string[]).includes(fileFormat)) problems.push(`fileFormat "${fileFormat}" is not one of ${FILE_FORMATS.join(', ')}`);
  if (!(AGGREGATION_SECONDS as readonly number[]).includes(aggregationSeconds)) {
    problems.push(`aggregationSeconds ${aggregationSeconds} is not one of ${AGGREGATION_SECONDS.join(', ')}`);
  } else if (hasTgw && !hasVpc && aggregationSeconds !== 60) {
    problems.push(`aggregationSeconds ${aggregationSeconds} is not allowed for a Transit Gateway flow log: AWS accepts only 60; omit it or set 60`);
  }
  if (props.logFormat !== undefined && isLiteral(props.logFormat) && !/^\$\{[a-z0-9-]+\}( \$\{[a-z0-9-]+\})*$/.test(props.logFormat)) {
    problems.push(`logFormat "${props.logFormat}" must be field names like "\${version} \${srcaddr}" separated by single spaces`);
  }
  if (problems.length > 0) throw new ValidationError(scope, problems.join('; '));
}

/** `${field}` becomes `$${field}` (Terraform's escape for a literal `${`); cdktf tokens are left alone. */
function escapeTerraformTemplate(value: string): string {
  return value.replace(/\$\{(?!TfToken\[)/g, () => '$${');
}
