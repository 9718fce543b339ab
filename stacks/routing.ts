/** Which hub Transit Gateway route tables an attachment belongs in, derived from the segments. */
import { LandingZone } from '../config/model';

/** Route tables the hub adds to the segments. */
export const EGRESS_ROUTE_TABLE = 'egress';
export const ON_PREMISES_ROUTE_TABLE = 'onprem';

/**
 * Route tables that learn an attachment's range: its own segment (unless attachments are isolated),
 * every segment that reaches it, `egress` (return traffic from the internet) when asked, and `onprem`
 * when on-premises may reach the segment.
 */
export function propagationTargets(lz: LandingZone, segmentName: string, options: { readonly egress: boolean }): string[] {
  const segment = lz.hub.transitGateway.segments.find((s) => s.name === segmentName);
  if (!segment) throw new Error(`internal: unknown segment ${segmentName} passed validation`);
  return [
    ...(segment.isolateAttachments ? [] : [segment.name]),
    ...segment.peers,
    ...(options.egress ? [EGRESS_ROUTE_TABLE] : []),
    ...(segment.reachesOnPremises ? [ON_PREMISES_ROUTE_TABLE] : []),
  ];
}
