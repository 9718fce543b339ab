/** LZ-DX01: Direct Connect gateway associations pin what they advertise, and never a default route. */
import { isUnknown, type TfResource } from '../../graph/types';
import { isWorldCidr } from '../helpers/cidr';
import { finding, unknownFinding } from '../helpers/findings';
import { listOf, stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Associations and cross-account association proposals both carry allowed_prefixes. */
export const DX_ASSOCIATION_TYPES: readonly string[] = ['aws_dx_gateway_association', 'aws_dx_gateway_association_proposal'];
const CLAIM = 'the allowed prefixes advertised to on-premises hold no default route';

/**
 * Every Direct Connect gateway association (or proposal) with the allowed prefixes known before
 * apply; an unknown list or element gets an unknown finding for `claim` in `out` instead.
 */
export function allowedPrefixesOf(graph: Parameters<Rule['check']>[0], claim: string, out: Violation[]): { readonly association: TfResource; readonly prefixes: readonly string[]; readonly listed: number }[] {
  const result: { association: TfResource; prefixes: string[]; listed: number }[] = [];
  for (const type of DX_ASSOCIATION_TYPES) {
    for (const association of graph.byType(type)) {
      const list = listOf(graph, association.attrs.allowed_prefixes);
      if (isUnknown(list)) {
        out.push(unknownFinding(association, claim, list));
        continue;
      }
      const prefixes: string[] = [];
      for (const p of list) {
        const cidr = stringOf(graph, p);
        if (isUnknown(cidr)) out.push(unknownFinding(association, claim, cidr));
        else if (cidr !== undefined) prefixes.push(cidr);
      }
      result.push({ association, prefixes, listed: list.length });
    }
  }
  return result;
}

/** Rule LZ-DX01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-DX01',
  title: 'Direct Connect gateway associations set allowed_prefixes, none of them 0.0.0.0/0 or ::/0',
  why: 'allowed_prefixes is what AWS advertises to the data center over BGP; a default route there pulls every on-premises internet-bound packet into AWS, and an unset list leaves the advertisement to AWS rather than to code review.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_dx_gateway_association', 'aws_dx_gateway_association_proposal'],
  check(graph) {
    const out: Violation[] = [];
    for (const { association, prefixes, listed } of allowedPrefixesOf(graph, CLAIM, out)) {
      if (listed === 0) out.push(finding(association, 'allowed_prefixes is not set, so code review never sees what is advertised to on-premises'));
      for (const cidr of prefixes) if (isWorldCidr(cidr)) out.push(finding(association, `allowed_prefixes advertises ${cidr} to on-premises`));
    }
    return out;
  },
};
