/**
 * A longest-prefix-match table: routes bucketed by prefix length, each bucket a map from network
 * address to routes, so a lookup costs at most one map probe per distinct prefix length (33 at most)
 * however many routes the table holds (a hub route table with hundreds of propagated spokes).
 */
import { parseRange, type Range } from './address';

/** The outcome of a lookup. */
export type LpmMatch<R> =
  | { readonly kind: 'match'; readonly route: R; readonly range: Range }
  | { readonly kind: 'none' }
  /** A route whose destination could not be parsed might be the most specific one. */
  | { readonly kind: 'unknown'; readonly route: R };

/** An immutable LPM table over routes with a CIDR `destination`. */
export class LpmTable<R extends { readonly destination: string }> {
  private readonly buckets = new Map<number, Map<number, R[]>>();
  private readonly prefixes: number[];
  private readonly unparsable: R[] = [];

  /**
   * @param routes the table's routes
   * @param rank orders routes of equal prefix, lowest first (e.g. AWS prefers static to propagated)
   */
  constructor(
    routes: readonly R[],
    private readonly rank: (route: R) => number = () => 0,
  ) {
    for (const route of routes) {
      const range = parseRange(route.destination);
      if (!range) {
        this.unparsable.push(route);
        continue;
      }
      const bucket = this.buckets.get(range.prefix) ?? new Map<number, R[]>();
      const list = bucket.get(range.first) ?? [];
      list.push(route);
      bucket.set(range.first, list);
      this.buckets.set(range.prefix, bucket);
    }
    this.prefixes = [...this.buckets.keys()].sort((a, b) => b - a);
  }

  /** The most specific route holding `address`; equal prefixes are decided by `rank`. */
  lookup(address: number): LpmMatch<R> {
    if (this.unparsable.length > 0) return { kind: 'unknown', route: this.unparsable[0] };
    for (const prefix of this.prefixes) {
      const size = 2 ** (32 - prefix);
      const network = address - (address % size);
      const list = this.buckets.get(prefix)!.get(network);
      if (!list) continue;
      const route = list.length === 1 ? list[0] : [...list].sort((a, b) => this.rank(a) - this.rank(b))[0];
      return { kind: 'match', route, range: { first: network, last: network + size - 1, prefix } };
    }
    return { kind: 'none' };
  }
}
