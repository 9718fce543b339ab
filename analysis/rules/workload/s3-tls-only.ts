/** LZ-S302: every bucket's policy denies requests that do not use TLS. */
import { isUnknown, type TfResource, type Unknown, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { type PolicyStatement } from '../helpers/policy';
import type { Rule, Violation } from '../types';
import { companionsOf, policyStatements } from './util';

const CLAIM = 'the bucket denies requests without TLS';

export const rule: Rule = {
  id: 'LZ-S302',
  title: 'Every S3 bucket policy denies s3:* to every principal on the bucket and its objects when aws:SecureTransport is false',
  why: 'S3 still answers plain HTTP; only an explicit deny on aws:SecureTransport guarantees that no client, SDK default or misconfigured tool reads or writes the bucket without TLS.',
  level: 'error',
  suppressible: true,
  mappings: { cdkNag: ['AwsSolutions-S10'], securityHub: ['S3.5'] },
  appliesTo: ['aws_s3_bucket'],
  check(graph) {
    const out: Violation[] = [];
    for (const bucket of graph.byType('aws_s3_bucket')) {
      const { found, unknown } = companionsOf(graph, bucket, 'aws_s3_bucket_policy');
      // The bucket's own (deprecated) policy argument counts like a separate policy resource.
      const policies: { readonly name: string; readonly value: Value | undefined }[] = found.map((p) => ({ name: p.address, value: p.attrs.policy }));
      if (bucket.attrs.policy !== undefined && bucket.attrs.policy !== null) policies.push({ name: `${bucket.address}.policy`, value: bucket.attrs.policy });
      // A policy whose bucket is unknown might be this bucket's.
      const result = policies.length === 0 && unknown ? unknown : denyProblem(bucket, policies);
      if (result === undefined) continue;
      out.push(isUnknown(result) ? unknownFinding(bucket, CLAIM, result) : finding(bucket, result));
    }
    return out;

    function denyProblem(bucket: TfResource, policies: readonly { readonly name: string; readonly value: Value | undefined }[]): string | Unknown | undefined {
      if (policies.length === 0) return 'has no bucket policy, so requests without TLS are not denied';
      let hidden: Unknown | undefined;
      for (const policy of policies) {
        const statements = policyStatements(graph, policy.value);
        if (isUnknown(statements)) hidden ??= statements;
        else if (statements?.some(deniesInsecureTransport)) return undefined;
      }
      return hidden ?? `bucket policy ${policies.map((p) => p.name).join(', ')} has no statement denying s3:* on ${bucket.address} and its objects to every principal when aws:SecureTransport is false`;
    }
  },
};

/**
 * True for the TLS-only statement: Deny, every principal, `s3:*` (or `*`), the bucket and its
 * objects, `Bool` `aws:SecureTransport` = false. A bucket policy may only name its own bucket (S3
 * rejects any other resource), so a resource without `/` is the bucket and one ending in `/*` with no
 * other path is every object, whether written literally or through `${...}`.
 */
export function deniesInsecureTransport(s: PolicyStatement): boolean {
  if (s.effect !== 'Deny' || s.notPrincipal) return false;
  const everyone = s.principal === '*' || (s.principal !== undefined && Object.values(s.principal).some((ids) => ids.includes('*')));
  if (!everyone) return false;
  if (!s.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*')) return false;
  const all = (r: string): boolean => r === '*' || r.endsWith(':::*');
  const bucketLevel = s.resources.some((r) => all(r) || (r !== '' && !r.includes('/')));
  const objectLevel = s.resources.some((r) => all(r) || /^[^/]+\/\*$/.test(r));
  if (!bucketLevel || !objectLevel) return false;
  return s.conditions.some((c) => /^bool(ifexists)?$/i.test(c.operator) && c.key.toLowerCase() === 'aws:securetransport' && c.values.includes('false'));
}
