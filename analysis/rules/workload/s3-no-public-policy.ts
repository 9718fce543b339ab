/** LZ-S306: bucket policies allow nothing to every principal unless an organization or account condition scopes it. */
import { isUnknown, type TfResource, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { allowsAnyPrincipal, statementName } from '../helpers/policy';
import type { Rule, Violation } from '../types';
import { policyStatements, resourcesOf, scopedToOrgOrAccount } from './util';

const CLAIM = 'the bucket policy grants nothing to the public';

export const rule: Rule = {
  id: 'LZ-S306',
  title: 'Bucket policies allow "*" principals only with an organization or account condition (aws:PrincipalOrgID, aws:SourceAccount...)',
  why: 'An Allow to Principal "*" without a condition tying it to the organization or an account grants the action to anyone on the internet; the public access block stops it only while restrict_public_buckets stays on.',
  level: 'error',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_70'] },
  appliesTo: ['aws_s3_bucket'],
  check(graph) {
    const out: Violation[] = [];
    const policies: { resource: TfResource; value: Value | undefined }[] = resourcesOf(graph, 'aws_s3_bucket_policy').map((p) => ({ resource: p, value: p.attrs.policy }));
    for (const bucket of graph.byType('aws_s3_bucket')) if (bucket.attrs.policy !== undefined) policies.push({ resource: bucket, value: bucket.attrs.policy });
    policies.sort((a, b) => (a.resource.id < b.resource.id ? -1 : a.resource.id > b.resource.id ? 1 : 0));
    for (const { resource, value } of policies) {
      const statements = policyStatements(graph, value);
      if (isUnknown(statements)) {
        out.push(unknownFinding(resource, CLAIM, statements));
        continue;
      }
      for (const [i, s] of (statements ?? []).entries()) {
        if (!allowsAnyPrincipal(s) || scopedToOrgOrAccount(s)) continue;
        const what = s.actions.length ? s.actions.join(', ') : `every action but ${s.notActions.join(', ')}`;
        const who = s.notPrincipal ? 'every principal but its NotPrincipal' : 'any principal ("*")';
        out.push(finding(resource, `${statementName(s, i)} allows ${what} to ${who} without an organization or account condition`));
      }
    }
    return out;
  },
};
