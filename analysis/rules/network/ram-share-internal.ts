/** LZ-RAM01: resource shares stay inside the organization. */
import { isRef, isUnknown } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { boolOf, stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** An organization, an organizational unit, or a 12-digit account id: the principals RAM can share with inside the organization. */
const INTERNAL_PRINCIPAL = [
  /^arn:[\w-]+:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/,
  /^arn:[\w-]+:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/,
  /^\d{12}$/,
];

const ORGANIZATION_TYPES = ['aws_organizations_organization', 'aws_organizations_organizational_unit'];

/** Rule LZ-RAM01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-RAM01',
  title: 'RAM shares set allow_external_principals to false and are associated only with the organization, OUs or accounts',
  why: 'The Transit Gateway, Resolver rules and query-logging configuration are shared through RAM; a share open to external principals can hand the network core to an account outside the organization.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_ram_resource_share', 'aws_ram_principal_association'],
  check(graph) {
    const out: Violation[] = [];
    for (const share of graph.byType('aws_ram_resource_share')) {
      const external = boolOf(graph, share.attrs.allow_external_principals);
      // Provider default: false.
      if (isUnknown(external)) out.push(unknownFinding(share, 'allow_external_principals is false', external));
      else if (external === true) out.push(finding(share, 'allow_external_principals is true'));
    }
    for (const association of graph.byType('aws_ram_principal_association')) {
      // The ARN of an organization or OU managed (or read) in the graph is internal by construction.
      const target = isRef(association.attrs.principal) ? graph.get(association.attrs.principal.$ref) : undefined;
      if (target && ORGANIZATION_TYPES.includes(target.type)) continue;
      const principal = stringOf(graph, association.attrs.principal);
      if (isUnknown(principal)) out.push(unknownFinding(association, 'the share principal is the organization, an OU or an account', principal));
      else if (!INTERNAL_PRINCIPAL.some((re) => re.test(principal ?? ''))) {
        out.push(finding(association, `principal ${principal === undefined ? '(none)' : `"${principal}"`} is not the organization, an OU or an account id`));
      }
    }
    return out;
  },
};
