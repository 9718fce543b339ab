import { ref } from '../../../../analysis/graph/graph';
import { rule } from '../../../../analysis/rules/network/vpce-policy-org';
import { findings, resource, unknown } from '../../../helpers/rule-fixtures';

const ORG_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'OrganizationPrincipalsOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }],
});
const endpoint = (name: string, service: string, attrs: Record<string, unknown>) =>
  resource('hub', 'aws_vpc_endpoint', name, { vpc_endpoint_type: 'Interface', service_name: `com.amazonaws.us-east-1.${service}`, ...(attrs as object) });

describe('LZ-VPCE01 interface endpoint policies restricted to the organization', () => {
  it('passes org-only policies (inline, as a template, or as aws_vpc_endpoint_policy), named principals, gateway endpoints, and services that take no policy', () => {
    const separate = endpoint('sts', 'sts', {});
    const templated = { $template: ORG_ONLY.replace('o-a1b2c3d4e5', '${var.org_id}'), refs: [unknown('${var.org_id}')] };
    expect(
      findings(
        rule,
        endpoint('ssm', 'ssm', { policy: ORG_ONLY }),
        endpoint('kms', 'kms', { policy: templated }),
        separate,
        resource('hub', 'aws_vpc_endpoint_policy', 'sts', { vpc_endpoint_id: ref(separate.id), policy: ORG_ONLY }),
        endpoint('logs', 'logs', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: '*', Resource: '*' }] }) }),
        resource('hub', 'aws_vpc_endpoint', 's3', { service_name: 'com.amazonaws.us-east-1.s3' }),
        endpoint('ssmmessages', 'ssmmessages', {}),
      ),
    ).toEqual([]);
  });

  it('reports a missing policy and Allow statements for any principal without an organization condition', () => {
    const open = JSON.stringify({
      Statement: [
        { Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: '*', Resource: '*' },
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-x' } } },
        { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' },
      ],
    });
    expect(findings(rule, endpoint('sts', 'sts', {}), endpoint('ssm', 'ssm', { policy: open }))).toEqual([
      { resource: 'hub:aws_vpc_endpoint.ssm', message: 'statement Everyone allows any principal without an aws:PrincipalOrgID condition' },
      { resource: 'hub:aws_vpc_endpoint.ssm', message: 'statement 1 allows any principal without an aws:PrincipalOrgID condition' },
      { resource: 'hub:aws_vpc_endpoint.sts', message: 'no endpoint policy: AWS attaches full access for any principal' },
    ]);
  });

  it('reports a policy built by an expression, and an unknown endpoint type, as unknown', () => {
    expect(findings(rule, endpoint('ssm', 'ssm', { policy: unknown('${data.aws_iam_policy_document.x.json}') }), endpoint('kms', 'kms', { vpc_endpoint_type: unknown('${var.type}') }))).toEqual([
      { resource: 'hub:aws_vpc_endpoint.kms', message: 'cannot prove the endpoint policy admits only organization principals: ${var.type} is unknown before apply', unknown: true },
      { resource: 'hub:aws_vpc_endpoint.ssm', message: 'cannot prove the endpoint policy admits only organization principals: ${data.aws_iam_policy_document.x.json} is unknown before apply', unknown: true },
    ]);
  });

  it('accepts the federated STS statement (SAML and web identity only, to roles of the organization) and nothing wider', () => {
    const statement = (extra: Record<string, unknown>) => ({ Sid: 'Federated', Effect: 'Allow', Principal: '*', Resource: '*', ...extra });
    const policy = (...more: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: [JSON.parse(ORG_ONLY).Statement[0], ...more] });
    const federated = statement({ Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'], Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } });
    expect(findings(rule, endpoint('sts', 'sts', { policy: policy(federated) }))).toEqual([]);
    expect(
      findings(
        rule,
        endpoint('wider', 'sts', { policy: policy(statement({ Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole'], Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } })) }),
        endpoint('unconditioned', 'sts', { policy: policy(statement({ Action: 'sts:AssumeRoleWithSAML' })) }),
        endpoint('any-action', 'sts', { policy: policy(statement({ Action: '*', Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } })) }),
      ),
    ).toEqual([
      { resource: 'hub:aws_vpc_endpoint.any-action', message: 'statement Federated allows any principal without an aws:PrincipalOrgID condition' },
      { resource: 'hub:aws_vpc_endpoint.unconditioned', message: 'statement Federated allows any principal without an aws:PrincipalOrgID condition' },
      { resource: 'hub:aws_vpc_endpoint.wider', message: 'statement Federated allows any principal without an aws:PrincipalOrgID condition' },
    ]);
  });
});
