/** What an intent check reports: one result per subject (a spoke, a hub VPC, a route table). */

/** Intent ids, in the order of the issue. */
export type IntentId = 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6' | 'I7' | 'I8' | 'I9';

/** `proved`: every check held; `refuted`: one failed (see culprit); `unknown`: a value unknown before apply kept one from being decided. */
export type IntentStatus = 'proved' | 'refuted' | 'unknown';

/** The verdict of one intent on one subject. */
export interface IntentResult {
  readonly id: IntentId;
  readonly title: string;
  /** What was checked: a spoke name, `hub shop-endpoints`, `tgw-rt prod`, ... */
  readonly subject: string;
  readonly status: IntentStatus;
  /** One line per check, failures first: the path hop by hop, or the component that blocks it. */
  readonly evidence: string;
  /** The resource at fault when refuted (or unresolved when unknown). */
  readonly culprit?: string;
}
