/** Rule-pack helpers: whether a log destination is the central archive (a bucket of this landing zone). */
import { isRef, isTemplate, isUnknown, type ResourceGraph, type TfResource, type Unknown, type Value } from '../../graph/types';
import { stringOf } from './values';

/**
 * Why a flow log does not deliver to the central archive (a bucket this landing zone manages), or
 * undefined when it does, or the Unknown that hides the destination. The destination type must be
 * `s3` and the destination must pass {@link archiveBucketProblem}.
 */
export function archiveProblem(graph: ResourceGraph, flowLog: TfResource): string | Unknown | undefined {
  const type = stringOf(graph, flowLog.attrs.log_destination_type);
  if (isUnknown(type)) return type;
  if ((type ?? 'cloud-watch-logs') !== 's3') return `log_destination_type is ${type ?? 'cloud-watch-logs (the default)'}, not s3`;
  return archiveBucketProblem(graph, flowLog.attrs.log_destination, 'log_destination');
}

/**
 * Why a log destination ARN is not a bucket of this landing zone (the archive), or undefined when
 * it is, or the Unknown that hides it: a reference (or a template around one) to an `aws_s3_bucket`
 * of the graph, or an ARN `arn:<partition>:s3:::<bucket>[/prefix]` naming one by its literal name.
 */
export function archiveBucketProblem(graph: ResourceGraph, dest: Value | undefined, attribute: string): string | Unknown | undefined {
  if (dest === undefined || dest === null) return `no ${attribute}`;
  const refs = isRef(dest) ? [dest] : isTemplate(dest) ? dest.refs : [];
  if (refs.some((r) => isRef(r) && graph.get(r.$ref)?.type === 'aws_s3_bucket')) return undefined;
  const arn = stringOf(graph, dest);
  if (arn === undefined) return `no ${attribute}`;
  if (isUnknown(arn)) return arn;
  const bucket = /^arn:[\w-]+:s3:::([^/]+)/.exec(arn)?.[1];
  if (!bucket) return `${attribute} ${arn} is not an S3 bucket ARN`;
  const known = graph.byType('aws_s3_bucket').some((b) => stringOf(graph, b.attrs.bucket) === bucket);
  return known ? undefined : `${attribute} ${arn} is not a bucket of this landing zone`;
}
