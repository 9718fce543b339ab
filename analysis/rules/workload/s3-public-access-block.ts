/** LZ-S301: every bucket has its own public access block with all four settings on. */
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { companionsOf } from './util';

const CLAIM = 'the bucket blocks all public access';

/** The four settings of a public access block, all of which must be true. */
export const PUBLIC_ACCESS_SETTINGS: readonly string[] = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const rule: Rule = {
  id: 'LZ-S301',
  title: 'Every S3 bucket has an aws_s3_bucket_public_access_block with all four settings true',
  why: 'With all four settings on, no ACL or bucket policy can make the bucket or its objects public, whatever a later change to the policy says; one setting off leaves that path open.',
  level: 'error',
  suppressible: true,
  mappings: {
    cdkNag: ['AwsSolutions-S2', 'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited'],
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV2_AWS_6'],
    securityHub: ['S3.8'],
  },
  appliesTo: ['aws_s3_bucket'],
  check(graph) {
    const out: Violation[] = [];
    for (const bucket of graph.byType('aws_s3_bucket')) {
      const { found, unknown } = companionsOf(graph, bucket, 'aws_s3_bucket_public_access_block');
      const problems: string[] = [];
      let hidden: Unknown | undefined;
      let ok = false;
      for (const block of found) {
        const problem = blockProblem(block);
        if (problem === undefined) ok = true;
        else if (isUnknown(problem)) hidden ??= problem;
        else problems.push(problem);
      }
      if (ok) continue;
      // A block whose bucket is unknown might be this bucket's.
      hidden ??= unknown;
      if (problems.length) out.push(finding(bucket, problems[0]));
      else if (hidden) out.push(unknownFinding(bucket, CLAIM, hidden));
      else out.push(finding(bucket, 'has no aws_s3_bucket_public_access_block, so an ACL or bucket policy can make it public'));
    }
    return out;

    function blockProblem(block: TfResource): string | Unknown | undefined {
      const off: string[] = [];
      let hidden: Unknown | undefined;
      for (const setting of PUBLIC_ACCESS_SETTINGS) {
        const on = boolOf(graph, block.attrs[setting]);
        if (isUnknown(on)) hidden ??= on;
        else if (on !== true) off.push(setting);
      }
      if (off.length) return `${block.address} leaves ${off.join(', ')} off`;
      return hidden;
    }
  },
};
