'use strict';
/**
 * AWS Client VPN client connect handler: admits a connection only when the client certificate's
 * common name is one of the users currently in the config (ALLOWED_COMMON_NAMES, comma-separated,
 * written by Terraform). A user removed from the config keeps a certificate that still verifies, but
 * is denied here from the next apply on. Unknown or missing names are denied; so is everything when
 * the list is empty.
 *
 * Request and response: https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-authorization.html
 * The service denies the connection if the function fails, times out or answers in another shape.
 */

/** Response schema version the service expects. */
const SCHEMA_VERSION = 'v1';
/** Shown by the AWS-provided client when a connection is denied. */
const DENIED_MESSAGE = 'This VPN certificate is no longer authorized. Ask your administrator for a new profile.';

/** The allowed common names from the function's environment. */
function allowedNames(env) {
  const raw = typeof env.ALLOWED_COMMON_NAMES === 'string' ? env.ALLOWED_COMMON_NAMES : '';
  return new Set(raw.split(',').filter((name) => name !== ''));
}

/** The decision for one connection request. Common names compare exactly, as issued. */
function decide(request, allowed) {
  const name = request !== null && typeof request === 'object' && typeof request['common-name'] === 'string' ? request['common-name'] : '';
  const allow = name !== '' && allowed.has(name);
  return {
    allow,
    'error-msg-on-denied-connection': allow ? '' : DENIED_MESSAGE,
    'posture-compliance-statuses': [],
    'schema-version': SCHEMA_VERSION,
  };
}

/** Lambda entry point. */
async function handler(event) {
  const response = decide(event, allowedNames(process.env));
  // One line per decision, next to the endpoint's own connection log.
  console.log(JSON.stringify({ connectionId: event && event['connection-id'], commonName: event && event['common-name'], allow: response.allow }));
  return response;
}

module.exports = { handler, decide, allowedNames, SCHEMA_VERSION, DENIED_MESSAGE };
