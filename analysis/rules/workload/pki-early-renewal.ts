/** LZ-PKI01: tls certificates renew early, at least 30 days before they expire. */
import { MIN_EARLY_RENEWAL_DAYS } from '../../../config/validate/edge';
import { isUnknown, type TfResource, type Unknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { numberOf } from '../helpers/values';
import type { Rule, Violation } from '../types';
import { resourcesOf } from './util';

const CLAIM = 'the certificate is re-issued before it expires';
/** Time to run an apply in the window and hand out new profiles: the window the config warns below (config/validate/edge.ts). */
const MIN_EARLY_RENEWAL_HOURS = MIN_EARLY_RENEWAL_DAYS * 24;

export const rule: Rule = {
  id: 'LZ-PKI01',
  title: `tls certificates set early_renewal_hours to at least ${MIN_EARLY_RENEWAL_HOURS} (${MIN_EARLY_RENEWAL_DAYS} days) and below validity_period_hours`,
  why: 'The tls provider re-issues a certificate only when a plan finds it expired or within early_renewal_hours of expiry: without early renewal the Client VPN server and client certificates are replaced only after they expired, an outage for every user; a window as long as the validity re-issues them on every apply. https://registry.terraform.io/providers/hashicorp/tls/latest/docs/resources/locally_signed_cert',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['tls_self_signed_cert', 'tls_locally_signed_cert'],
  check(graph) {
    const out: Violation[] = [];
    for (const cert of resourcesOf(graph, 'tls_self_signed_cert', 'tls_locally_signed_cert')) {
      const problem = renewalProblem(cert);
      if (problem === undefined) continue;
      out.push(isUnknown(problem) ? unknownFinding(cert, CLAIM, problem) : finding(cert, problem));
    }
    return out;

    function renewalProblem(cert: TfResource): string | Unknown | undefined {
      const early = numberOf(graph, cert.attrs.early_renewal_hours);
      if (isUnknown(early)) return early;
      const validity = numberOf(graph, cert.attrs.validity_period_hours);
      if (isUnknown(validity)) return validity;
      if (early === undefined || early === 0) return `has no early_renewal_hours, so it is re-issued only after it expired (an outage): set at least ${MIN_EARLY_RENEWAL_HOURS}`;
      if (validity !== undefined && early >= validity) return `early_renewal_hours ${early} is not below validity_period_hours ${validity}, so every apply re-issues it`;
      if (early < MIN_EARLY_RENEWAL_HOURS) return `early_renewal_hours ${early} leaves less than ${MIN_EARLY_RENEWAL_DAYS} days to apply and hand out the new certificate`;
      return undefined;
    }
  },
};
