/** LZ-VPCE01: interface endpoint policies admit only principals of the organization. */
import { endpointService, FEDERATED_ASSUME_ROLE_ACTIONS } from '../../../lib/aws/endpoints';
import { isUnknown, type TfResource, type Value } from '../../graph/types';
import { finding, unknownFinding } from '../helpers/findings';
import { allowsAnyPrincipal, parsePolicy, restrictingConditionKeys, statementName, type PolicyStatement } from '../helpers/policy';
import { stringOf } from '../helpers/values';
import type { Rule, Violation } from '../types';

/** Condition keys that pin the caller to the organization (or narrower: one of its accounts). */
const ORG_KEYS = ['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount'];
/** Condition keys that pin the target to the organization: what federated STS callers are limited by. */
const RESOURCE_ORG_KEYS = ['aws:resourceorgid', 'aws:resourceorgpaths', 'aws:resourceaccount'];
const FEDERATED = new Set(FEDERATED_ASSUME_ROLE_ACTIONS.map((a) => a.toLowerCase()));

/**
 * A statement for federated callers only: their STS requests carry no aws:PrincipalOrgID, so the
 * perimeter is the role they assume (aws:ResourceOrgID), as in AWS's data-perimeter STS example.
 * Exactly the SAML and web-identity actions, nothing else.
 */
function federatedToOrganizationRoles(statement: PolicyStatement): boolean {
  if (statement.notActions.length > 0 || statement.actions.length === 0) return false;
  if (!statement.actions.every((a) => FEDERATED.has(a.toLowerCase()))) return false;
  const keys = restrictingConditionKeys(statement);
  return RESOURCE_ORG_KEYS.some((k) => keys.has(k));
}
const CLAIM = 'the endpoint policy admits only organization principals';

/** The endpoint's policy: a separate aws_vpc_endpoint_policy wins over the inline argument. */
export function endpointPolicy(graph: Parameters<Rule['check']>[0], endpoint: TfResource): Value | undefined {
  const separate = graph.referrers(endpoint, 'aws_vpc_endpoint_policy', 'vpc_endpoint_id')[0];
  return separate ? separate.attrs.policy : endpoint.attrs.policy;
}

/**
 * The VPC endpoints of one type (the provider's default type is Gateway); an endpoint whose type is
 * unknown before apply gets an unknown finding for `claim` in `out` instead.
 */
export function endpointsOfType(graph: Parameters<Rule['check']>[0], wanted: 'Interface' | 'Gateway', claim: string, out: Violation[]): TfResource[] {
  const endpoints: TfResource[] = [];
  for (const endpoint of graph.byType('aws_vpc_endpoint')) {
    const type = stringOf(graph, endpoint.attrs.vpc_endpoint_type);
    if (isUnknown(type)) out.push(unknownFinding(endpoint, claim, type));
    else if ((type ?? 'Gateway') === wanted) endpoints.push(endpoint);
  }
  return endpoints;
}

/** Rule LZ-VPCE01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-VPCE01',
  title: 'Interface endpoints carry a policy whose Allow statements for any principal require aws:PrincipalOrgID (federated sts:AssumeRoleWithSAML/WithWebIdentity: aws:ResourceOrgID)',
  why: 'The shared endpoints answer every spoke and on-premises; without an organization condition, stolen credentials of any AWS account can use them to move data out through the private path. Federated STS callers carry no aws:PrincipalOrgID, so for exactly those two actions the role they assume must belong to the organization instead.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpc_endpoint'],
  check(graph) {
    const out: Violation[] = [];
    for (const endpoint of endpointsOfType(graph, 'Interface', CLAIM, out)) {
      const policy = parsePolicy(graph, endpointPolicy(graph, endpoint));
      if (policy === undefined) {
        const service = stringOf(graph, endpoint.attrs.service_name);
        if (isUnknown(service)) {
          out.push(unknownFinding(endpoint, CLAIM, service));
          continue;
        }
        // The verified catalog knows services whose endpoints reject any custom policy: nothing to fix there.
        const name = service?.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
        if (name !== undefined && endpointService(name)?.supportsPolicy === false) continue;
        out.push(finding(endpoint, 'no endpoint policy: AWS attaches full access for any principal'));
        continue;
      }
      if (isUnknown(policy)) {
        out.push(unknownFinding(endpoint, CLAIM, policy));
        continue;
      }
      policy.forEach((statement, i) => {
        if (!allowsAnyPrincipal(statement)) return;
        const keys = restrictingConditionKeys(statement);
        if (ORG_KEYS.some((k) => keys.has(k)) || federatedToOrganizationRoles(statement)) return;
        out.push(finding(endpoint, `${statementName(statement, i)} allows any principal without an aws:PrincipalOrgID condition`));
      });
    }
    return out;
  },
};
