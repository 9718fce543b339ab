import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/vpc-flow-logs';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const vpc = resource('spoke', 'aws_vpc', 'app', { cidr_block: '10.1.0.0/16' });
const archive = resource('archive', 'aws_s3_bucket', 'logs', { bucket: 'org-logs' });
const flowLog = (attrs: Record<string, unknown>) =>
  resource('spoke', 'aws_flow_log', 'app', { vpc_id: ref(vpc.id), traffic_type: 'ALL', log_destination_type: 's3', log_destination: 'arn:aws:s3:::org-logs/flow-logs/', ...(attrs as object) });

describe('LZ-VPC01 VPC flow logs to the archive', () => {
  it('passes a VPC whose flow log sends ALL traffic to a bucket of the landing zone, by ARN or by reference', () => {
    expect(findings(rule, vpc, archive, flowLog({}))).toEqual([]);
    expect(findings(rule, vpc, archive, flowLog({ log_destination: ref(archive.id, 'arn') }))).toEqual([]);
  });

  it('passes when one of several flow logs is compliant', () => {
    const rejectOnly = resource('spoke', 'aws_flow_log', 'rejects', { vpc_id: ref(vpc.id), traffic_type: 'REJECT', log_destination_type: 's3', log_destination: 'arn:aws:s3:::org-logs/' });
    expect(findings(rule, vpc, archive, flowLog({}), rejectOnly)).toEqual([]);
  });

  it('reports a VPC without any flow log', () => {
    expect(findings(rule, vpc, archive)).toEqual([{ resource: 'spoke:aws_vpc.app', message: 'no aws_flow_log records this VPC' }]);
  });

  it('reports REJECT-only logs, CloudWatch delivery and foreign buckets with the reason of each flow log', () => {
    expect(findings(rule, vpc, archive, flowLog({ traffic_type: 'REJECT' }))).toEqual([
      { resource: 'spoke:aws_vpc.app', message: 'no flow log of ALL traffic to the log archive (aws_flow_log.app: traffic_type is REJECT, not ALL)' },
    ]);
    expect(findings(rule, vpc, archive, flowLog({ log_destination_type: undefined }))).toEqual([
      { resource: 'spoke:aws_vpc.app', message: 'no flow log of ALL traffic to the log archive (aws_flow_log.app: log_destination_type is cloud-watch-logs (the default), not s3)' },
    ]);
    expect(findings(rule, vpc, archive, flowLog({ log_destination: 'arn:aws:s3:::someone-elses-bucket' }))).toEqual([
      { resource: 'spoke:aws_vpc.app', message: 'no flow log of ALL traffic to the log archive (aws_flow_log.app: log_destination arn:aws:s3:::someone-elses-bucket is not a bucket of this landing zone)' },
    ]);
  });

  it('reports an unknown destination as unknown, never as compliant', () => {
    expect(findings(rule, vpc, archive, flowLog({ log_destination: unknown('${var.log_bucket_arn}') }))).toEqual([
      { resource: 'spoke:aws_vpc.app', message: 'cannot prove this VPC has a flow log of ALL traffic to the log archive: ${var.log_bucket_arn} is unknown before apply', unknown: true },
    ]);
  });

  it('reports a VPC as unknown when a flow log with an unknown vpc_id might be its own', () => {
    const other = resource('spoke', 'aws_flow_log', 'other', { vpc_id: unknown('${var.vpc_id}'), traffic_type: 'ALL', log_destination_type: 's3', log_destination: 'arn:aws:s3:::org-logs/' });
    expect(findings(rule, vpc, archive, other)).toEqual([
      { resource: 'spoke:aws_vpc.app', message: 'cannot prove this VPC has a flow log of ALL traffic to the log archive: ${var.vpc_id} is unknown before apply', unknown: true },
    ]);
  });
});
