import { policyJson } from '../../constructs/logging/policy';

describe('policyJson', () => {
  test('escapes IAM policy variables for Terraform, including tag keys with a slash', () => {
    const json = policyJson({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Own', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/${aws:PrincipalAccount}/*', Condition: { StringEquals: { 'aws:ResourceTag/Team': '${aws:PrincipalTag/Team}' } } }],
    });
    expect(json).toContain('arn:aws:s3:::b/$${aws:PrincipalAccount}/*');
    expect(json).toContain('"aws:ResourceTag/Team":"$${aws:PrincipalTag/Team}"');
    // Terraform references (not IAM variables) are left alone.
    expect(policyJson({ Version: '2012-10-17', Statement: [{ Sid: 'Ref', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*' }] })).toContain('${aws_s3_bucket.b.arn}/*');
  });
});
