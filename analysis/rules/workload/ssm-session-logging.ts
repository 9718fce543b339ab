/** LZ-SSM02: Session Manager preferences log sessions to S3 or CloudWatch Logs, encrypted. */
import { isUnknown, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import type { Rule, Violation } from '../types';
import { inputText, sessionInputsOf, type SessionInputs } from './util';

const CLAIM = 'sessions are logged to an encrypted destination';

/** The two log destinations of the preferences: the input naming it and the input requiring encryption. */
const DESTINATIONS: readonly { readonly name: string; readonly encryption: string }[] = [
  { name: 's3BucketName', encryption: 's3EncryptionEnabled' },
  { name: 'cloudWatchLogGroupName', encryption: 'cloudWatchEncryptionEnabled' },
];

export const rule: Rule = {
  id: 'LZ-SSM02',
  title: 'Session Manager preferences log sessions to S3 or CloudWatch Logs, each destination with its encryption input true',
  why: 'Session transcripts are the audit trail of every command run through Session Manager; with the encryption inputs true, Session Manager refuses to write them to an unencrypted bucket or log group instead of leaking them.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_113'] },
  appliesTo: ['aws_ssm_document'],
  check(graph) {
    const out: Violation[] = [];
    for (const doc of graph.byType('aws_ssm_document')) {
      const inputs = sessionInputsOf(graph, doc);
      if (inputs === undefined) continue;
      const problem = isUnknown(inputs) ? inputs : loggingProblem(inputs);
      if (problem === undefined) continue;
      out.push(isUnknown(problem) ? unknownFinding(doc, CLAIM, problem) : finding(doc, problem));
    }
    return out;
  },
};

function loggingProblem(inputs: SessionInputs): string | Unknown | undefined {
  const problems: string[] = [];
  let logged = false;
  let hidden: Unknown | undefined;
  for (const { name, encryption } of DESTINATIONS) {
    const destination = inputText(inputs[name]);
    if (!isUnknown(destination) && destination.trim() === '') continue;
    const encrypted = inputs[encryption] === true || inputs[encryption] === 'true';
    if (encrypted) {
      // An unknown destination with encryption required may still be empty: logging stays unproven.
      if (isUnknown(destination)) hidden ??= destination;
      else logged = true;
    } else if (isUnknown(destination)) hidden ??= destination;
    else problems.push(`inputs.${encryption} is not true, so session logs may be written to ${destination} unencrypted`);
  }
  if (problems.length) return problems.join('; ');
  if (logged) return undefined;
  return hidden ?? 'inputs.s3BucketName and inputs.cloudWatchLogGroupName are both empty, so sessions are not logged';
}
