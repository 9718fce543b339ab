import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/tgw-flow-logs';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const tgw = resource('hub', 'aws_ec2_transit_gateway', 'tgw', {});
const archive = resource('archive', 'aws_s3_bucket', 'logs', { bucket: 'org-logs' });
const log = (attrs: Record<string, unknown>) => resource('hub', 'aws_flow_log', 'tgw', { transit_gateway_id: ref(tgw.id), log_destination_type: 's3', log_destination: 'arn:aws:s3:::org-logs/flow-logs/', ...(attrs as object) });

describe('LZ-TGW03 Transit Gateway flow logs to the archive', () => {
  it('passes a flow log to a bucket of the landing zone', () => {
    expect(findings(rule, tgw, archive, log({}))).toEqual([]);
  });

  it('reports a gateway without flow logs, or with one that goes elsewhere', () => {
    expect(findings(rule, tgw, archive)).toEqual([{ resource: 'hub:aws_ec2_transit_gateway.tgw', message: 'no aws_flow_log records this Transit Gateway' }]);
    expect(findings(rule, tgw, archive, log({ log_destination_type: 'cloud-watch-logs', log_destination: 'arn:aws:logs:us-east-1:111111111111:log-group:tgw' }))).toEqual([
      { resource: 'hub:aws_ec2_transit_gateway.tgw', message: 'no flow log to the log archive (aws_flow_log.tgw: log_destination_type is cloud-watch-logs, not s3)' },
    ]);
  });

  it('reports an unknown destination as unknown', () => {
    expect(findings(rule, tgw, archive, log({ log_destination: unknown('${data.terraform_remote_state.archive.outputs.arn}') }))).toEqual([
      { resource: 'hub:aws_ec2_transit_gateway.tgw', message: 'cannot prove this Transit Gateway has a flow log to the log archive: ${data.terraform_remote_state.archive.outputs.arn} is unknown before apply', unknown: true },
    ]);
  });
});
