/** What an intent check reports: one result per subject (a spoke, a hub VPC, a route table). */
import type { Blocked } from '../reach/types';

/** Intent ids, in the order of the issue. */
export type IntentId = 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6' | 'I7' | 'I8' | 'I9' | 'I10' | 'I11' | 'I12';

/** `proved`: every check held; `refuted`: one failed (see culprit); `unknown`: a value unknown before apply kept one from being decided. */
export type IntentStatus = 'proved' | 'refuted' | 'unknown';

/** The verdict of one intent on one subject. */
export interface IntentResult {
  readonly id: IntentId;
  readonly title: string;
  /** What was checked: a spoke name, `hub shop-endpoints`, `tgw-rt prod`, ... */
  readonly subject: string;
  readonly status: IntentStatus;
  /**
   * One line per check, failures first: the path hop by hop, or the component that blocks it. Holding
   * checks already shown with their path for another subject of the intent are counted in one last
   * line naming that subject (evidence proportional to the landing zone; `lz check --explain` prints any path).
   */
  readonly evidence: string;
  /** The resource at fault when refuted (or unresolved when unknown). */
  readonly culprit?: string;
  /** Queries of its checks whose request was delivered but whose reply was dropped (reported as findings by `lz check`). */
  readonly replyBlocked?: readonly ReplyBlocked[];
  /** I3: the subject's row of the reachability matrix, one entry per destination segment (counts, not paths). */
  readonly matrix?: readonly SegmentReach[];
  /** I3: the segment of the subject spoke (the row of the matrix its entries belong to). */
  readonly sourceSegment?: string;
}

/** How many of a destination segment's members a spoke's requests are delivered to (I3's compact matrix). */
export interface SegmentReach {
  /** The destination segment (`onprem` for the on-premises ranges). */
  readonly segment: string;
  /** Whether the source's segment `reaches` it. */
  readonly expected: boolean;
  /** Members tried: spokes (or the shared-endpoints VPC, or on-premises ranges). */
  readonly members: number;
  /** Members the request is delivered to. */
  readonly reachable: number;
  /** Members whose check failed (the first one's path and every culprit are in the evidence). */
  readonly refuted: number;
}

/** A query whose request reached its destination and whose reply was dropped on the way back (asymmetric routing). */
export interface ReplyBlocked {
  /** The check it belongs to, e.g. `shop-dev/app-1 → shop-prod/web-1 (segment prod) tcp/443 isolated`. */
  readonly label: string;
  /** The verdict, with the request's full path, the reply's hops and the component that dropped the reply. */
  readonly result: Blocked;
}
