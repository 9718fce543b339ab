import { rule } from '../../../../analysis/rules/network/vpce-gateway-policy';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const gateway = (policy: unknown) => resource('spoke', 'aws_vpc_endpoint', 's3', policy === undefined ? { vpc_endpoint_type: 'Gateway' } : { vpc_endpoint_type: 'Gateway', policy: policy as never });

describe('LZ-VPCE03 gateway endpoints are not full access', () => {
  it('passes statements scoped by condition or by resource, and interface endpoints', () => {
    const scoped = JSON.stringify({
      Statement: [
        { Sid: 'AwsOwned', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: ['arn:aws:s3:::amazon-ssm-us-east-1/*'] },
        { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } },
      ],
    });
    expect(findings(rule, gateway(scoped), resource('spoke', 'aws_vpc_endpoint', 'ssm', { vpc_endpoint_type: 'Interface' }))).toEqual([]);
  });

  it('reports the default full-access policy and any-principal statements on every bucket', () => {
    expect(findings(rule, gateway(undefined))).toEqual([{ resource: 'spoke:aws_vpc_endpoint.s3', message: 'no endpoint policy: AWS attaches full access for any principal on every resource' }]);
    expect(findings(rule, gateway(JSON.stringify({ Statement: { Sid: 'All', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::*/*' } })))).toEqual([
      { resource: 'spoke:aws_vpc_endpoint.s3', message: 'statement All allows any principal on every resource with no condition' },
    ]);
  });

  it('reports an unknown policy as unknown', () => {
    expect(findings(rule, gateway(unknown('${var.policy}')))).toEqual([
      { resource: 'spoke:aws_vpc_endpoint.s3', message: 'cannot prove the gateway endpoint policy is narrower than full access: ${var.policy} is unknown before apply', unknown: true },
    ]);
  });
});
