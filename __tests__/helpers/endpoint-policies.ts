/**
 * The statements the central interface endpoints' organization-only policy must hold
 * (constructs/hub/interface-endpoints.ts), written out once for the construct and stack tests.
 */

/** Any principal of the organization, every action: the statement of every organization-only endpoint policy. */
export function organizationPrincipalsStatement(organizationId: string): object {
  return { Sid: 'OrganizationPrincipalsOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } } };
}

/** The STS endpoint's second statement: federated callers (SAML, web identity) may assume roles of the organization only. */
export function federatedStsStatement(organizationId: string): object {
  return {
    Sid: 'FederatedPrincipalsToOrganizationRoles',
    Effect: 'Allow',
    Principal: '*',
    Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:ResourceOrgID': organizationId } },
  };
}
