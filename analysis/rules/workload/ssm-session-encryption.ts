/** LZ-SSM01: Session Manager preferences encrypt session data with a KMS key. */
import { isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import type { Rule, Violation } from '../types';
import { inputText, sessionInputsOf } from './util';

const CLAIM = 'session data is encrypted with a KMS key';

export const rule: Rule = {
  id: 'LZ-SSM01',
  title: 'Session Manager preferences (Standard_Stream session documents) set inputs.kmsKeyId',
  why: 'With a KMS key Session Manager encrypts the session stream end to end on top of TLS, and only principals the key policy admits can open or read sessions.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_112'] },
  appliesTo: ['aws_ssm_document'],
  check(graph) {
    const out: Violation[] = [];
    for (const doc of graph.byType('aws_ssm_document')) {
      const inputs = sessionInputsOf(graph, doc);
      if (inputs === undefined) continue;
      if (isUnknown(inputs)) {
        out.push(unknownFinding(doc, CLAIM, inputs));
        continue;
      }
      const key = inputText(inputs.kmsKeyId);
      if (isUnknown(key)) out.push(unknownFinding(doc, CLAIM, key));
      else if (key.trim() === '') out.push(finding(doc, 'inputs.kmsKeyId is empty, so session data is not encrypted with a KMS key'));
    }
    return out;
  },
};
