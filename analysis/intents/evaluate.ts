/**
 * The intent pack: each intent derived from the config and proved or refuted on the network model
 * with a path (or the blocking component) per check.
 */
import type { LandingZone } from '../../config/model';
import type { NetworkModel } from '../network/types';
import { clientVpnAccess, CLIENT_VPN_ACCESS_TITLE } from './client-vpn-access';
import { intentContext, type IntentContext } from './context';
import { hybridDns, HYBRID_DNS_TITLE } from './hybrid-dns';
import { internetEgress, INTERNET_EGRESS_TITLE } from './internet-egress';
import { EAST_WEST_INSPECTED_TITLE, eastWestInspected, egressInspected, EGRESS_INSPECTED_TITLE, noInspectionBypass, NO_BYPASS_TITLE } from './inspection';
import { internetIngress, INTERNET_INGRESS_TITLE } from './internet-ingress';
import { managedAccess, MANAGED_ACCESS_TITLE } from './managed-access';
import { onPremisesAccess, ON_PREMISES_ACCESS_TITLE } from './on-premises-access';
import { withWitnesses } from './outcome';
import { routingIntegrity, ROUTING_INTEGRITY_TITLE } from './routing-integrity';
import { segmentIsolation, SEGMENT_ISOLATION_TITLE } from './segment-isolation';
import { workloadPulls, WORKLOAD_PULLS_TITLE } from './workload-pulls';
import type { IntentId, IntentResult } from './types';

/** One intent of the pack. */
export interface Intent {
  readonly id: IntentId;
  readonly title: string;
  readonly evaluate: (context: IntentContext) => IntentResult[];
}

/** Every intent, in issue order. */
export const INTENTS: readonly Intent[] = [
  { id: 'I1', title: INTERNET_INGRESS_TITLE, evaluate: internetIngress },
  { id: 'I2', title: INTERNET_EGRESS_TITLE, evaluate: internetEgress },
  { id: 'I3', title: SEGMENT_ISOLATION_TITLE, evaluate: segmentIsolation },
  { id: 'I4', title: ON_PREMISES_ACCESS_TITLE, evaluate: onPremisesAccess },
  { id: 'I5', title: CLIENT_VPN_ACCESS_TITLE, evaluate: clientVpnAccess },
  { id: 'I6', title: MANAGED_ACCESS_TITLE, evaluate: managedAccess },
  { id: 'I7', title: HYBRID_DNS_TITLE, evaluate: hybridDns },
  { id: 'I8', title: ROUTING_INTEGRITY_TITLE, evaluate: routingIntegrity },
  { id: 'I9', title: WORKLOAD_PULLS_TITLE, evaluate: workloadPulls },
  // Inspection (hub.inspection): nothing to evaluate without it.
  { id: 'I10', title: EAST_WEST_INSPECTED_TITLE, evaluate: eastWestInspected },
  { id: 'I11', title: EGRESS_INSPECTED_TITLE, evaluate: egressInspected },
  { id: 'I12', title: NO_BYPASS_TITLE, evaluate: noInspectionBypass },
];

/** Evaluates every intent (or only `only`) of the landing zone on the model; `afterEach` runs after each intent (analysis/run.ts collects garbage there at scale). */
export function evaluateIntents(model: NetworkModel, lz: LandingZone, only?: readonly IntentId[], afterEach?: () => void): IntentResult[] {
  const context = intentContext(model, lz);
  // One witness path per kind of check, not one per subject: evidence grows with the landing zone, not its square.
  return withWitnesses(() =>
    INTENTS.filter((i) => !only || only.includes(i.id)).flatMap((i) => {
      const results = i.evaluate(context);
      afterEach?.();
      return results;
    }),
  );
}
