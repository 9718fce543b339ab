/** Rule-pack helpers: reading a resource's tags. */
import { isRef, isTemplate, isUnknown, type ResourceGraph, type TfResource, type Unknown, type Value } from '../../graph/types';
import { expressionOf, resolve, stringOf } from './values';

/** The value of tag `key` of a resource (its `tags` argument; provider default tags are not seen). */
export function tagOf(graph: ResourceGraph, resource: TfResource, key: string): string | undefined | Unknown {
  const tags = resolve(graph, resource.attrs.tags);
  if (tags === undefined || tags === null) return undefined;
  if (isUnknown(tags)) return tags;
  if (typeof tags !== 'object' || Array.isArray(tags) || isRef(tags) || isTemplate(tags)) return { $unknown: expressionOf(tags), reason: 'tags are not a map' };
  return stringOf(graph, (tags as { readonly [k: string]: Value })[key]);
}
