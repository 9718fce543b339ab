/** LZ-S304: buckets keep object versions. */
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf, stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { blocksOf, companionsOf } from './util';

const CLAIM = 'the bucket keeps object versions';

export const rule: Rule = {
  id: 'LZ-S304',
  title: 'Every S3 bucket has versioning Enabled',
  why: 'Versioning keeps every overwritten or deleted object recoverable, so a compromised writer or a bad lifecycle change cannot silently destroy logs or data.',
  level: 'warning',
  suppressible: true,
  mappings: { cdkNag: ['NIST.800.53.R5-S3BucketVersioningEnabled'], checkov: ['CKV_AWS_21'], securityHub: ['S3.14'] },
  appliesTo: ['aws_s3_bucket'],
  check(graph) {
    const out: Violation[] = [];
    for (const bucket of graph.byType('aws_s3_bucket')) {
      const problem = versioningProblem(bucket);
      if (problem === undefined) continue;
      out.push(isUnknown(problem) ? unknownFinding(bucket, CLAIM, problem) : finding(bucket, problem));
    }
    return out;

    function versioningProblem(bucket: TfResource): string | Unknown | undefined {
      const { found, unknown } = companionsOf(graph, bucket, 'aws_s3_bucket_versioning');
      if (found.length === 0) {
        // The deprecated inline block: versioning { enabled = true }.
        const inline = blocksOf(graph, bucket.attrs.versioning);
        if (isUnknown(inline)) return inline;
        if (inline.length) {
          const enabled = boolOf(graph, inline[0].enabled);
          if (isUnknown(enabled)) return enabled;
          return enabled === true ? undefined : 'versioning.enabled is not true';
        }
        return unknown ?? 'has no aws_s3_bucket_versioning, so overwritten or deleted objects cannot be recovered';
      }
      const config = blocksOf(graph, found[0].attrs.versioning_configuration);
      if (isUnknown(config)) return config;
      const status = config.length ? stringOf(graph, config[0].status) : undefined;
      if (isUnknown(status)) return status;
      return status === 'Enabled' ? undefined : `${found[0].address} sets status ${status ?? '(none)'}, not Enabled`;
    }
  },
};
