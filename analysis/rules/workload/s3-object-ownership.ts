/** LZ-S305: buckets disable ACLs (object ownership BucketOwnerEnforced). */
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { blocksOf, companionsOf } from './util';

const CLAIM = 'the bucket has ACLs disabled';

export const rule: Rule = {
  id: 'LZ-S305',
  title: 'Every S3 bucket has aws_s3_bucket_ownership_controls with object_ownership BucketOwnerEnforced',
  why: 'BucketOwnerEnforced turns ACLs off, so access is decided by policies alone and objects written by other accounts (log delivery, spokes) belong to the bucket owner; declaring it keeps that true for buckets created before it became the default.',
  level: 'warning',
  suppressible: true,
  mappings: { checkov: ['CKV2_AWS_65'], securityHub: ['S3.12'] },
  appliesTo: ['aws_s3_bucket'],
  check(graph) {
    const out: Violation[] = [];
    for (const bucket of graph.byType('aws_s3_bucket')) {
      const problem = ownershipProblem(bucket);
      if (problem === undefined) continue;
      out.push(isUnknown(problem) ? unknownFinding(bucket, CLAIM, problem) : finding(bucket, problem));
    }
    return out;

    function ownershipProblem(bucket: TfResource): string | Unknown | undefined {
      const { found, unknown } = companionsOf(graph, bucket, 'aws_s3_bucket_ownership_controls');
      if (found.length === 0) return unknown ?? 'has no aws_s3_bucket_ownership_controls: set object_ownership BucketOwnerEnforced so ACLs are disabled';
      const rules = blocksOf(graph, found[0].attrs.rule);
      if (isUnknown(rules)) return rules;
      const ownership = rules.length ? stringOf(graph, rules[0].object_ownership) : undefined;
      if (isUnknown(ownership)) return ownership;
      return ownership === 'BucketOwnerEnforced' ? undefined : `${found[0].address} sets object_ownership ${ownership ?? '(none)'}, so ACLs still grant access`;
    }
  },
};
