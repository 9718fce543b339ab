/** LZ-SSM03: Session Manager preferences set idle and maximum session timeouts. */
import type { Value } from '../../../../analysis/graph/types';
import type { Violation } from '../../../../analysis/rules/types';
import { rule } from '../../../../analysis/rules/workload/ssm-session-timeouts';
import { graph, resource, unknown } from '../../../helpers/rule-fixtures';

const findings = (vs: readonly Violation[]) => vs.map((v) => ({ resource: v.resource.id, message: v.message, unknown: v.unknown ?? false }));
const prefs = (inputs: object): string => JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs });
const doc = (name: string, content: Value) => resource('s', 'aws_ssm_document', name, { document_type: 'Session', content });

describe('LZ-SSM03 session timeouts', () => {
  test('timeouts inside their ranges, as strings or numbers, are compliant', () => {
    const g = graph(doc('a', prefs({ idleSessionTimeout: '20', maxSessionDuration: '60' })), doc('b', prefs({ idleSessionTimeout: 60, maxSessionDuration: 1440 })));
    expect(rule.check(g)).toEqual([]);
  });

  test('empty and out-of-range timeouts are findings', () => {
    const g = graph(doc('a', prefs({ idleSessionTimeout: '', maxSessionDuration: '' })), doc('b', prefs({ idleSessionTimeout: '90', maxSessionDuration: '0' })));
    expect(findings(rule.check(g))).toEqual([
      { resource: 's:aws_ssm_document.a', message: 'inputs.idleSessionTimeout is empty, so idle sessions end only at the service default (20 minutes); inputs.maxSessionDuration is empty, so sessions have no maximum duration', unknown: false },
      { resource: 's:aws_ssm_document.b', message: 'inputs.idleSessionTimeout is 90, outside 1-60 minutes; inputs.maxSessionDuration is 0, outside 1-1440 minutes', unknown: false },
    ]);
  });

  test('a timeout from a variable cannot be proved', () => {
    const g = graph(doc('a', { $template: prefs({ idleSessionTimeout: '${var.idle}', maxSessionDuration: '60' }), refs: [unknown('${var.idle}')] }));
    expect(findings(rule.check(g))).toEqual([{ resource: 's:aws_ssm_document.a', message: 'cannot prove sessions time out: ${var.idle} is unknown before apply', unknown: true }]);
  });
});
