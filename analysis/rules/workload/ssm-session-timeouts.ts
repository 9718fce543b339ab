/** LZ-SSM03: Session Manager preferences end idle and long sessions. */
import { isUnknown, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import type { Rule, Violation } from '../types';
import { inputText, sessionInputsOf, type SessionInputs } from './util';
import { IDLE_TIMEOUT_MINUTES, MAX_SESSION_MINUTES } from '../../../lib/aws/session-manager';

const CLAIM = 'sessions time out';

/** The timeouts, in minutes, with the range Session Manager accepts (lib/aws/session-manager.ts). */
const TIMEOUTS: readonly { readonly input: string; readonly range: { readonly min: number; readonly max: number }; readonly unset: string }[] = [
  { input: 'idleSessionTimeout', range: IDLE_TIMEOUT_MINUTES, unset: `idle sessions end only at the service default (${IDLE_TIMEOUT_MINUTES.default} minutes)` },
  { input: 'maxSessionDuration', range: MAX_SESSION_MINUTES, unset: 'sessions have no maximum duration' },
];
const rangeText = ({ min, max }: { readonly min: number; readonly max: number }): string => `${min}-${max}`;

export const rule: Rule = {
  id: 'LZ-SSM03',
  title: `Session Manager preferences set idleSessionTimeout (${rangeText(IDLE_TIMEOUT_MINUTES)} minutes) and maxSessionDuration (${rangeText(MAX_SESSION_MINUTES)} minutes)`,
  why: 'An abandoned or hijacked shell on a production instance stays usable for as long as the session lives; explicit timeouts bound that window.',
  level: 'warning',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_ssm_document'],
  check(graph) {
    const out: Violation[] = [];
    for (const doc of graph.byType('aws_ssm_document')) {
      const inputs = sessionInputsOf(graph, doc);
      if (inputs === undefined) continue;
      const problem = isUnknown(inputs) ? inputs : timeoutProblem(inputs);
      if (problem === undefined) continue;
      out.push(isUnknown(problem) ? unknownFinding(doc, CLAIM, problem) : finding(doc, problem));
    }
    return out;
  },
};

function timeoutProblem(inputs: SessionInputs): string | Unknown | undefined {
  const problems: string[] = [];
  for (const { input, range, unset } of TIMEOUTS) {
    const text = inputText(inputs[input]);
    if (isUnknown(text)) return text;
    if (text.trim() === '') problems.push(`inputs.${input} is empty, so ${unset}`);
    else if (!/^\d+$/.test(text.trim()) || Number(text) < range.min || Number(text) > range.max) problems.push(`inputs.${input} is ${text}, outside ${rangeText(range)} minutes`);
  }
  return problems.length ? problems.join('; ') : undefined;
}
