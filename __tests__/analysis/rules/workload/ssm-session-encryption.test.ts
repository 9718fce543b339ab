/** LZ-SSM01: Session Manager preferences encrypt session data with KMS. */
import { ref } from '../../../../analysis/graph/graph';
import type { Value } from '../../../../analysis/graph/types';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/ssm-session-encryption';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const prefs = (inputs: object): string => JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs });
const doc = (name: string, content: Value, extra: object = {}) => resource('s', 'aws_ssm_document', name, { name: 'SSM-SessionManagerRunShell', document_type: 'Session', document_format: 'JSON', content, ...extra });

describe('LZ-SSM01 session encryption', () => {
  test('a key ARN, a key reference through ${...}, a YAML document, and documents that are not preferences are compliant', () => {
    const g = graph(
      doc('arn', prefs({ kmsKeyId: 'arn:aws:kms:ap-northeast-2:111111111111:key/1' })),
      doc('ref', { $template: prefs({ kmsKeyId: '${aws_kms_key.k.arn}' }), refs: [ref('s:aws_kms_key.k', 'arn')] }),
      doc('yaml', 'schemaVersion: "1.0"\nsessionType: Standard_Stream\ninputs:\n  kmsKeyId: alias/sessions\n', { document_format: 'YAML' }),
      doc('port', JSON.stringify({ schemaVersion: '1.0', sessionType: 'Port', parameters: {} })),
      resource('s', 'aws_ssm_document', 'command', { document_type: 'Command', content: '{}' }),
    );
    expect(rule.check(g)).toEqual([]);
  });

  test('an empty or missing kmsKeyId is a finding', () => {
    const g = graph(doc('a', prefs({ kmsKeyId: '' })), doc('b', prefs({ s3BucketName: 'logs' })));
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_ssm_document.a', message: 'inputs.kmsKeyId is empty, so session data is not encrypted with a KMS key', unknown: false },
      { resource: 's:aws_ssm_document.b', message: 'inputs.kmsKeyId is empty, so session data is not encrypted with a KMS key', unknown: false },
    ]);
  });

  test('a key from a variable, or content that is not JSON text, cannot be proved', () => {
    const g = graph(
      doc('a', { $template: prefs({ kmsKeyId: '${var.session_key}' }), refs: [unknown('${var.session_key}')] }),
      doc('b', unknown('${templatefile("prefs.json", {})}')),
    );
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_ssm_document.a', message: 'cannot prove session data is encrypted with a KMS key: ${var.session_key} is unknown before apply', unknown: true },
      { resource: 's:aws_ssm_document.b', message: 'cannot prove session data is encrypted with a KMS key: ${templatefile("prefs.json", {})} is unknown before apply', unknown: true },
    ]);
  });
});
