/** LZ-SSM02: Session Manager preferences log sessions, encrypted. */
import { ref } from '../../../../analysis/graph/graph';
import type { Value } from '../../../../analysis/graph/types';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/ssm-session-logging';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const prefs = (inputs: object): string => JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs });
const doc = (name: string, content: Value) => resource('s', 'aws_ssm_document', name, { document_type: 'Session', content });

describe('LZ-SSM02 session logging', () => {
  test('S3 and CloudWatch with encryption, or either one alone, are compliant', () => {
    const g = graph(
      doc('both', prefs({ s3BucketName: 'logs', s3EncryptionEnabled: true, cloudWatchLogGroupName: '/aws/ssm/x', cloudWatchEncryptionEnabled: true })),
      doc('s3', prefs({ s3BucketName: 'logs', s3EncryptionEnabled: 'true', cloudWatchLogGroupName: '' })),
      // The bucket comes from another workspace's output: with encryption on, CloudWatch alone proves logging.
      doc('cw', { $template: prefs({ s3BucketName: '${var.bucket}', s3EncryptionEnabled: true, cloudWatchLogGroupName: '/aws/ssm/x', cloudWatchEncryptionEnabled: true }), refs: [unknown('${var.bucket}')] }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('no destination, and destinations without their encryption input, are findings', () => {
    const g = graph(
      doc('none', prefs({ s3BucketName: '', cloudWatchLogGroupName: '' })),
      doc('plain', prefs({ s3BucketName: 'logs', s3EncryptionEnabled: false, cloudWatchLogGroupName: '/aws/ssm/x' })),
      doc('ref', { $template: prefs({ s3BucketName: '${aws_s3_bucket.logs.bucket}' }), refs: [ref('s:aws_s3_bucket.logs', 'bucket')] }),
      resource('s', 'aws_s3_bucket', 'logs', { bucket: 'logs' }),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_ssm_document.none', message: 'inputs.s3BucketName and inputs.cloudWatchLogGroupName are both empty, so sessions are not logged', unknown: false },
      {
        resource: 's:aws_ssm_document.plain',
        message: 'inputs.s3EncryptionEnabled is not true, so session logs may be written to logs unencrypted; inputs.cloudWatchEncryptionEnabled is not true, so session logs may be written to /aws/ssm/x unencrypted',
        unknown: false,
      },
      { resource: 's:aws_ssm_document.ref', message: 'inputs.s3EncryptionEnabled is not true, so session logs may be written to ${aws_s3_bucket.logs.bucket} unencrypted', unknown: false },
    ]);
  });

  test('an unknown destination that is the only one cannot be proved', () => {
    const g = graph(doc('a', { $template: prefs({ s3BucketName: '${var.bucket}', s3EncryptionEnabled: true }), refs: [unknown('${var.bucket}')] }));
    expect(findings(rule.check(g))).toEqual([{ resource: 's:aws_ssm_document.a', message: 'cannot prove sessions are logged to an encrypted destination: ${var.bucket} is unknown before apply', unknown: true }]);
  });
});
