/**
 * Output names of the Client VPN PKI stack: the PKI stack writes them and `lz report` reads them back
 * from the synthesized output, so they live below both (docs/ARCHITECTURE.md, "Layers").
 */

/**
 * Output names of the PKI stack (`lz report` names `certificate_expiry`; operators read them). None is
 * secret or sensitive: private keys and client certificates stay in the state.
 */
export const PKI_OUTPUTS = {
  serverCertificateArn: 'server_certificate_arn',
  clientRootCertificateArn: 'client_root_certificate_arn',
  caCertPem: 'ca_certificate_pem',
  /** `{ ca, server, "client:<user>" }` → RFC 3339 expiry of each certificate (not secret). */
  certificateExpiry: 'certificate_expiry',
} as const;
