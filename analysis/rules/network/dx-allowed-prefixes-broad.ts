/** LZ-DX02: no allowed prefix is broader than a /8. */
import { parseAnyCidr } from '../helpers/cidr';
import { finding } from '../helpers/findings';
import type { Rule, Violation } from '../types';
import { allowedPrefixesOf } from './dx-allowed-prefixes-default';

/** The broadest allowed prefix: an RFC 1918 /8. */
const BROADEST = 8;
const CLAIM = `no allowed prefix is broader than /${BROADEST}`;

/** Rule LZ-DX02: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-DX02',
  title: `Direct Connect allowed prefixes are no broader than /${BROADEST} (default routes are LZ-DX01's)`,
  why: 'A very broad advertisement claims address space AWS does not hold and can override more specific on-premises routes; advertise the internal supernets, nothing wider.',
  level: 'warning',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_dx_gateway_association', 'aws_dx_gateway_association_proposal'],
  check(graph) {
    const out: Violation[] = [];
    for (const { association, prefixes } of allowedPrefixesOf(graph, CLAIM, out)) {
      for (const cidr of prefixes) {
        const parsed = parseAnyCidr(cidr);
        if (parsed && parsed.prefix > 0 && parsed.prefix < BROADEST) out.push(finding(association, `allowed_prefixes advertises ${cidr}, broader than /${BROADEST}`));
      }
    }
    return out;
  },
};
