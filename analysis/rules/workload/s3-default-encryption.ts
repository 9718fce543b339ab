/** LZ-S303: buckets encrypt by default with a customer managed KMS key, except ALB access-log buckets (SSE-S3 only). */
import { isUnknown, type TfResource, type Unknown, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { albsLoggingTo, blocksOf, companionsOf, presenceOf, type Block } from './util';

const CLAIM = 'the bucket encrypts objects by default with the right key';

export const rule: Rule = {
  id: 'LZ-S303',
  title: 'Every S3 bucket has default encryption: SSE-KMS with a customer managed key, or SSE-S3 (AES256) for Application Load Balancer access-log buckets',
  why: 'A customer managed key puts a second, auditable policy between a reader and the data and lets the key be disabled in an incident; ALB access logs are the exception because ELB delivers only to SSE-S3 buckets (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).',
  level: 'error',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-S3DefaultEncryptionKMS'], checkov: ['CKV_AWS_145'], securityHub: ['S3.17'] },
  appliesTo: ['aws_s3_bucket'],
  check(graph) {
    const out: Violation[] = [];
    for (const bucket of graph.byType('aws_s3_bucket')) {
      const problem = encryptionProblem(bucket);
      if (problem === undefined) continue;
      out.push(isUnknown(problem) ? unknownFinding(bucket, CLAIM, problem) : finding(bucket, problem));
    }
    return out;

    function encryptionProblem(bucket: TfResource): string | Unknown | undefined {
      const defaults = defaultEncryption(bucket);
      if (isUnknown(defaults)) return defaults;
      if (defaults === undefined) return 'has no default encryption (no apply_server_side_encryption_by_default in an aws_s3_bucket_server_side_encryption_configuration)';
      const algorithm = stringOf(graph, defaults.sse_algorithm);
      if (isUnknown(algorithm)) return algorithm;
      const logs = albsLoggingTo(graph, bucket);
      if (logs.albs.length > 0) {
        return algorithm === 'AES256' ? undefined : `is the access-log bucket of ${logs.albs[0].address}, and Application Load Balancers deliver only to SSE-S3 (AES256) buckets, but it uses ${algorithm ?? 'no sse_algorithm'}`;
      }
      // A load balancer whose log bucket or type is unknown might log here, which changes the answer.
      if (logs.unknown) return logs.unknown;
      if (algorithm === 'AES256') return 'encrypts with SSE-S3 (AES256); use SSE-KMS with a customer managed key (kms_master_key_id)';
      if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') return `sets sse_algorithm ${algorithm ?? '(none)'}, not aws:kms`;
      const key = presenceOf(graph, defaults.kms_master_key_id);
      if (isUnknown(key)) return key;
      return key ? undefined : `encrypts with ${algorithm} but names no kms_master_key_id, so S3 uses the AWS managed key aws/s3, whose key policy cannot be restricted`;
    }

    /** The bucket's `apply_server_side_encryption_by_default` block, from its configuration resource or its deprecated inline argument. */
    function defaultEncryption(bucket: TfResource): Block | Unknown | undefined {
      const { found, unknown } = companionsOf(graph, bucket, 'aws_s3_bucket_server_side_encryption_configuration');
      const sources: (Value | undefined)[] = found.map((c) => c.attrs.rule);
      if (!found.length) {
        const inline = blocksOf(graph, bucket.attrs.server_side_encryption_configuration);
        if (isUnknown(inline)) return inline;
        sources.push(...inline.map((c) => c.rule));
      }
      for (const source of sources) {
        const rules = blocksOf(graph, source);
        if (isUnknown(rules)) return rules;
        for (const r of rules) {
          const defaults = blocksOf(graph, r.apply_server_side_encryption_by_default);
          if (isUnknown(defaults)) return defaults;
          if (defaults.length) return defaults[0];
        }
      }
      return found.length ? undefined : unknown;
    }
  },
};
