/**
 * Which hub Transit Gateway route tables an attachment belongs in, derived from the segments. In config/
 * because the hub and spoke stacks build them and the report's diagram names them.
 */
import { LandingZone } from './model';

/** Route tables the hub adds to the segments. */
export const EGRESS_ROUTE_TABLE = 'egress';
export const ON_PREMISES_ROUTE_TABLE = 'onprem';
/** The route table of the inspection VPC attachment (with hub.inspection): it learns every inspected attachment's range. */
export const INSPECTION_ROUTE_TABLE = 'inspection';

/**
 * Route tables that learn an attachment's range: its own segment (unless attachments are isolated),
 * every segment that reaches it, `egress` (return traffic from the internet) when asked, `inspection`
 * when the segment is inspected (the firewall hands inspected traffic back through that table), and
 * `onprem` when on-premises may reach the segment.
 */
export function propagationTargets(lz: LandingZone, segmentName: string, options: { readonly egress: boolean }): string[] {
  const segment = lz.hub.transitGateway.segments.find((s) => s.name === segmentName);
  if (!segment) throw new Error(`internal: unknown segment ${segmentName} passed validation`);
  return [
    ...(segment.isolateAttachments ? [] : [segment.name]),
    ...segment.peers,
    ...(options.egress ? [EGRESS_ROUTE_TABLE] : []),
    ...(segment.inspected ? [INSPECTION_ROUTE_TABLE] : []),
    ...(segment.reachesOnPremises ? [ON_PREMISES_ROUTE_TABLE] : []),
  ];
}
