import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/resolver-query-logging';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const vpc = resource('spoke', 'aws_vpc', 'app', {});
const archive = resource('archive', 'aws_s3_bucket', 'logs', { bucket: 'org-logs' });
const config = resource('hub', 'aws_route53_resolver_query_log_config', 'qlog', { destination_arn: 'arn:aws:s3:::org-logs/resolver-query-logs/' });
const association = (attrs: Record<string, unknown>) =>
  resource('spoke', 'aws_route53_resolver_query_log_config_association', 'qlog', { resource_id: ref(vpc.id), resolver_query_log_config_id: ref(config.id), ...(attrs as object) });

describe('LZ-R53R02 Resolver query logging for every VPC', () => {
  it('passes a VPC associated (across stacks) with a configuration delivering to the archive', () => {
    expect(findings(rule, vpc, archive, config, association({}))).toEqual([]);
  });

  it('reports a VPC without an association and one whose configuration delivers elsewhere', () => {
    expect(findings(rule, vpc, archive, config)).toEqual([{ resource: 'spoke:aws_vpc.app', message: 'no aws_route53_resolver_query_log_config_association covers this VPC' }]);
    const elsewhere = resource('hub', 'aws_route53_resolver_query_log_config', 'qlog', { destination_arn: 'arn:aws:logs:us-east-1:111111111111:log-group:dns' });
    expect(findings(rule, vpc, archive, elsewhere, association({}))).toEqual([
      {
        resource: 'spoke:aws_vpc.app',
        message: 'no query logging to the log archive (aws_route53_resolver_query_log_config_association.qlog: destination_arn arn:aws:logs:us-east-1:111111111111:log-group:dns is not an S3 bucket ARN)',
      },
    ]);
  });

  it('reports an unknown configuration as unknown', () => {
    expect(findings(rule, vpc, archive, association({ resolver_query_log_config_id: unknown('${var.qlog_id}') }))).toEqual([
      { resource: 'spoke:aws_vpc.app', message: 'cannot prove this VPC logs its DNS queries to the log archive: ${var.qlog_id} is unknown before apply', unknown: true },
    ]);
  });
});
