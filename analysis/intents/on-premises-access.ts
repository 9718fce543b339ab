/**
 * I4: on-premises reaches the spokes whose segment reaches `onprem`, the shared endpoints on 443 when
 * the endpoints segment does, no other spoke, and nothing outside the Direct Connect allowed prefixes
 * (not even over the VPN backup). "Reaches" means the request is delivered: for a spoke that must not
 * be reached, a request that gets in with its reply dropped refutes it.
 */
import { firstHost, firstInstanceAddress, formatAddress, parseRange, rangeContains, type Range } from '../reach/address';
import { reach, requestDelivered } from '../reach/reach';
import { attachmentLabel, subnetShortName } from '../reach/model-index';
import { onPremisesEntries } from '../reach/walk';
import type { Subnet } from '../network/types';
import type { Endpoint } from '../reach/types';
import { serviceOf, spokeSubnetLabel, subnetsOf, type IntentContext } from './context';
import { conclude, expectBlocked, expectReachable, fact, undecided, type Outcome } from './outcome';
import type { IntentResult } from './types';

/** Title of I4. */
export const ON_PREMISES_ACCESS_TITLE = 'On-premises reaches the spokes and ports it should, and nothing outside the allowed prefixes';

/** The on-premises ranges as query endpoints with their label. */
export function onPremisesSources(context: IntentContext): { readonly label: string; readonly endpoint: Endpoint }[] {
  return context.lz.onPremises.cidrs.flatMap((cidr) => {
    const range = parseRange(cidr);
    return range ? [{ label: `on-premises ${formatAddress(firstHost(range))}`, endpoint: { kind: 'on-premises', address: cidr } as const }] : [];
  });
}

/** Evaluates I4: one result per spoke, one for the shared endpoints and one for the allowed prefixes. */
export function onPremisesAccess(context: IntentContext): IntentResult[] {
  const sources = onPremisesSources(context);
  const results: IntentResult[] = [];
  for (const view of context.spokes) {
    if (!view.vpc || !view.representative) {
      results.push(conclude('I4', ON_PREMISES_ACCESS_TITLE, view.spoke.name, [undecided('spoke VPC', `no VPC with ${view.spoke.vpc.cidr} and a workload subnet in the synthesized output`)]));
      continue;
    }
    const expected = context.segments.get(view.spoke.segment)?.reachesOnPremises ?? false;
    const to: Endpoint = { kind: 'subnet', subnet: view.representative.id, securityGroups: 'any' };
    const outcomes = sources.map((source) => {
      const label = `${source.label} → ${spokeSubnetLabel(view, view.representative!)} tcp/443 (segment ${view.spoke.segment} ${expected ? 'reaches' : 'does not reach'} onprem)`;
      const result = reach(context.model, source.endpoint, to, 'tcp', 443);
      return expected ? expectReachable(label, result) : expectBlocked(label, result);
    });
    results.push(conclude('I4', ON_PREMISES_ACCESS_TITLE, view.spoke.name, outcomes));
  }

  const endpoints = context.lz.hub.endpoints;
  if (endpoints && context.endpointsVpc) {
    const expected = context.segments.get(endpoints.segment)?.reachesOnPremises ?? false;
    const index = context.index;
    const outcomes: Outcome[] = [];
    for (const endpoint of context.model.vpcEndpoints.filter((e) => e.vpc === context.endpointsVpc!.id && e.type === 'Interface')) {
      const subnet = endpoint.subnets.map((s) => index.subnets.get(s)).find((s) => s !== undefined);
      if (!subnet) continue;
      const to: Endpoint = { kind: 'eni', subnet: subnet.id, securityGroups: endpoint.securityGroups, label: `endpoint ${serviceOf(endpoint.service)} (${subnetShortName(index, subnet)})`, resource: endpoint.id };
      for (const source of sources) {
        const label = `${source.label} → ${serviceOf(endpoint.service)} tcp/443`;
        const result = reach(context.model, source.endpoint, to, 'tcp', 443);
        outcomes.push(expected ? expectReachable(label, result) : expectBlocked(label, result));
      }
    }
    results.push(conclude('I4', ON_PREMISES_ACCESS_TITLE, `hub ${context.endpointsVpc.name}`, outcomes));
  }

  const preference = directConnectPreference(context);
  if (preference.length > 0) results.push(conclude('I4', ON_PREMISES_ACCESS_TITLE, 'direct connect preference', preference));

  const prefixes = allowedPrefixes(context);
  if (prefixes) results.push(conclude('I4', ON_PREMISES_ACCESS_TITLE, 'allowed prefixes', outsideChecks(context, sources, prefixes)));
  return results;
}

/** The Direct Connect allowed prefixes of the model, 'unknown', or undefined when there is no Direct Connect. */
function allowedPrefixes(context: IntentContext): readonly Range[] | 'unknown' | undefined {
  if (context.model.dxGateways.length === 0) return undefined;
  const ranges: Range[] = [];
  for (const gateway of context.model.dxGateways) {
    if (gateway.allowedPrefixes === 'unknown') return 'unknown';
    for (const p of gateway.allowedPrefixes) {
      const range = parseRange(p);
      if (!range) return 'unknown';
      ranges.push(range);
    }
  }
  return ranges;
}

function outsideChecks(context: IntentContext, sources: ReturnType<typeof onPremisesSources>, prefixes: readonly Range[] | 'unknown'): Outcome[] {
  if (prefixes === 'unknown') return [undecided('allowed prefixes', 'the Direct Connect allowed prefixes are unknown before apply')];
  const outcomes: Outcome[] = [];
  for (const vpc of context.model.vpcs) {
    const ranges = vpc.cidrs.map((c) => parseRange(c));
    if (ranges.every((r) => r !== undefined && prefixes.some((p) => rangeContains(p, r)))) continue;
    // Every subnet of a VPC outside the prefixes, so that no corner of it is reachable either.
    const view = context.spokesByVpc.get(vpc.id);
    for (const subnet of subnetsOf(context.model, vpc)) {
      const name = view ? spokeSubnetLabel(view, subnet) : `${vpc.name}/${subnetShortName(context.index, subnet)}`;
      for (const source of sources) {
        const label = `${source.label} → ${name} (outside ${context.model.dxGateways.flatMap((g) => (g.allowedPrefixes === 'unknown' ? [] : g.allowedPrefixes)).join(', ')}) tcp/443`;
        const result = reach(context.model, source.endpoint, { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' }, 'tcp', 443);
        // When it gets in (even with its reply dropped), the attachment that advertised the range to the data center is at fault.
        outcomes.push(expectBlocked(label, result, (hops) => {
          const entry = hops.find((h) => h.kind === 'vpn' || h.kind === 'dx-gateway');
          return entry && requestDelivered(result) ? { reason: `${entry.text}, outside the allowed prefixes`, culprit: entry.id } : undefined;
        }));
      }
    }
  }
  if (outcomes.length === 0) outcomes.push(fact('every VPC', true, 'every VPC range lies inside the allowed prefixes'));
  return outcomes;
}

/**
 * With both Direct Connect and a VPN, the data center must send to AWS over Direct Connect. Its router
 * picks the most specific prefix it learned, and the VPN advertises every route of its TGW route
 * table, so allowed prefixes that summarize (172.16.0.0/12) lose to the VPN's propagated VPC ranges
 * (172.16.0.0/16) and the backup carries all traffic towards AWS.
 * https://repost.aws/knowledge-center/direct-connect-gateway-primary-connection
 */
function directConnectPreference(context: IntentContext): Outcome[] {
  const kinds = new Set(context.model.tgwAttachments.map((a) => a.kind));
  if (!kinds.has('dx-gateway') || !kinds.has('vpn')) return [];
  const targets: { label: string; subnet: Subnet }[] = [];
  for (const view of context.spokes) {
    if (view.representative && context.segments.get(view.spoke.segment)?.reachesOnPremises) targets.push({ label: view.spoke.name, subnet: view.representative });
  }
  const endpoints = context.lz.hub.endpoints;
  const endpointSubnet = subnetsOf(context.model, context.endpointsVpc).find((s) => s.tier !== 'tgw');
  if (endpoints && context.endpointsVpc && endpointSubnet && context.segments.get(endpoints.segment)?.reachesOnPremises) targets.push({ label: context.endpointsVpc.name, subnet: endpointSubnet });
  const outcomes: Outcome[] = [];
  for (const target of targets) {
    const range = parseRange(target.subnet.cidr);
    if (!range) continue;
    const address = firstInstanceAddress(range);
    const entries = onPremisesEntries(context.index, address);
    const dx = entries.find((e) => e.attachment.kind === 'dx-gateway' && e.verdict.kind === 'advertised');
    const first = entries[0];
    const label = `on-premises → ${target.label} (${formatAddress(address)}) enters over Direct Connect`;
    if (!dx) continue; // not advertised over Direct Connect at all: the reachability checks above say so
    if (entries.some((e) => e.verdict.kind === 'unknown')) {
      outcomes.push(undecided(label, 'what one of the on-premises attachments advertises is unknown before apply'));
    } else if (first.attachment.kind === 'dx-gateway' || first.verdict.kind !== 'advertised' || dx.verdict.kind !== 'advertised') {
      outcomes.push(fact(label, true, dx.verdict.kind === 'advertised' ? dx.verdict.text : ''));
    } else {
      const evidence =
        `the data center prefers ${attachmentLabel(context.index, first.attachment)}: ${first.verdict.text}, more specific than Direct Connect's ${dx.verdict.prefix}, ` +
        `so the backup carries on-premises traffic towards AWS (allow ${first.verdict.prefix} or a longer prefix on Direct Connect too, or have the customer gateway drop VPN routes more specific than the allowed prefixes)`;
      outcomes.push(fact(label, false, evidence, first.attachment.id));
    }
  }
  return outcomes;
}
