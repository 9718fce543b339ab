/** Rule-pack helpers: building violations, definite and "cannot prove" ones. */
import type { TfResource, Unknown } from '../../graph/types';
import type { Violation } from '../types';

/** A definite finding on `resource`. */
export function finding(resource: TfResource, message: string): Violation {
  return { resource, message };
}

/** An "unknown before apply" finding: `cannot prove <claim>: <expression> is unknown before apply`. */
export function unknownFinding(resource: TfResource, claim: string, unknown: Unknown): Violation {
  return { resource, message: `cannot prove ${claim}: ${unknown.$unknown} is unknown before apply`, unknown: true };
}
