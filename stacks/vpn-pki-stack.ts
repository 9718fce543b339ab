/**
 * `<name>-spoke-<spoke>-vpn-pki`: the Client VPN certificate authority, the server certificate and one
 * client certificate per user (tls provider), with the ACM imports the endpoint needs. It is its own
 * workspace so that private keys live in this state only: the spoke workspace reads nothing but the
 * two certificate ARNs, published as SSM parameters. No output holds a key or a client certificate:
 * `lz vpn-profile` reads them from this workspace's state, as an operator allowed to read it
 * (cli/vpn-profile.ts). It uses the tls provider, of which no offline copy exists, so offline
 * verification lists it as skipped.
 */
import { vpnPkiStackName } from '../lib/stack-names';
import { PKI_OUTPUTS } from '../lib/stack-outputs';
import { Construct } from 'constructs';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { TerraformOutput } from 'cdktf';
import { LandingZone, SpokeSpec } from '../config/model';
import { pkiPublishedPath, spokeResourcePrefix } from '../lib/names';
import { PublishedValues } from '../constructs/publish/published-values';
import { ClientVpnPki } from '../constructs/access/client-vpn-pki';
import { BackendMode } from './backend';
import { LandingZoneStack } from './landing-zone-stack';

/** Props of {@link VpnPkiStack}. */
export interface VpnPkiStackProps {
  readonly landingZone: LandingZone;
  readonly spoke: SpokeSpec;
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** Keys the PKI publishes under `/landing-zone/<name>/spoke/<spoke>/vpn-pki/` (in the spoke account) for the spoke stack. */
export const PKI_PUBLISHED = { serverCertificateArn: 'server-certificate-arn', clientRootCertificateArn: 'client-root-certificate-arn' } as const;

/** Construct id of the ClientVpnPki in this stack: the first part of every tls resource's construct path (and address). */
export const PKI_CONSTRUCT_ID = 'pki';

/** The PKI stack of one spoke's Client VPN. */
export class VpnPkiStack extends LandingZoneStack {
  readonly pki: ClientVpnPki;

  constructor(scope: Construct, props: VpnPkiStackProps) {
    const { landingZone: lz, spoke } = props;
    const vpn = spoke.clientVpn!;
    super(scope, vpnPkiStackName(lz, spoke.name), { landingZone: lz, target: spoke, backend: props.backend });
    new TlsProvider(this, 'tls');
    this.pki = new ClientVpnPki(this, PKI_CONSTRUCT_ID, {
      name: spokeResourcePrefix(lz.name, spoke.name),
      serverDomain: vpn.serverDomain,
      users: vpn.users,
      csrs: Object.fromEntries(Object.entries(vpn.csrs).map(([user, csr]) => [user, csr.pem])),
      ...vpn.certificates,
    });
    const published = new PublishedValues(this, 'published', { path: pkiPublishedPath(lz.name, spoke.name) });
    published.publish(PKI_PUBLISHED.serverCertificateArn, this.pki.serverCertificateArn, 'ACM ARN of the Client VPN server certificate (read by the spoke stack)');
    published.publish(PKI_PUBLISHED.clientRootCertificateArn, this.pki.clientRootCertificateArn, 'ACM ARN of the Client VPN client root CA (read by the spoke stack)');
    new TerraformOutput(this, PKI_OUTPUTS.serverCertificateArn, { value: this.pki.serverCertificateArn });
    new TerraformOutput(this, PKI_OUTPUTS.clientRootCertificateArn, { value: this.pki.clientRootCertificateArn });
    new TerraformOutput(this, PKI_OUTPUTS.caCertPem, { value: this.pki.caCertPem });
    new TerraformOutput(this, PKI_OUTPUTS.certificateExpiry, { value: this.pki.validityEndTimes(), description: 'When each certificate expires; an apply within the early renewal window before that re-issues it' });
  }
}
