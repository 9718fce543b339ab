/** X.509 limits the Client VPN PKI construct and the config rules share. */

/**
 * Upper bound of a certificate's common name and organization name, in characters
 * (`ub-common-name` and `ub-organization-name`, RFC 5280 appendix A.1).
 * https://www.rfc-editor.org/rfc/rfc5280#appendix-A.1
 */
export const X509_NAME_MAX = 64;
