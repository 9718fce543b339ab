/**
 * `<name>-spoke-<spoke>-vpn-pki`: the Client VPN certificate authority, the server certificate and one
 * client certificate per user (tls provider), with the ACM imports the endpoint needs. It is its own
 * workspace so that private keys live in this state only: the spoke workspace reads nothing but the
 * two certificate ARNs. It uses the tls provider, of which no offline copy exists, so offline
 * verification lists it as skipped.
 */
import { Construct } from 'constructs';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { TerraformOutput } from 'cdktf';
import { LandingZone, SpokeSpec } from '../config/model';
import { spokeResourcePrefix } from '../config/names';
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

/** Output names the spoke stack and `lz vpn-profile` read. */
export const PKI_OUTPUTS = {
  serverCertificateArn: 'server_certificate_arn',
  clientRootCertificateArn: 'client_root_certificate_arn',
  caCertPem: 'ca_certificate_pem',
  /** `{ ca, server, "client:<user>" }` → RFC 3339 expiry of each certificate (not secret). */
  certificateExpiry: 'certificate_expiry',
  clientCertPem: (user: string) => `client_certificate_pem_${outputKey(user)}`,
  clientKeyPem: (user: string) => `client_private_key_pem_${outputKey(user)}`,
} as const;

/** Output names allow letters, digits, `_` and `-` (the config rejects users whose keys collide). */
export const outputKey = (user: string): string => user.replace(/[^A-Za-z0-9_-]/g, '_');

/** The PKI stack of one spoke's Client VPN. */
export class VpnPkiStack extends LandingZoneStack {
  readonly pki: ClientVpnPki;

  constructor(scope: Construct, props: VpnPkiStackProps) {
    const { landingZone: lz, spoke } = props;
    const vpn = spoke.clientVpn!;
    super(scope, vpnPkiStackName(lz, spoke.name), { landingZone: lz, target: spoke, backend: props.backend });
    new TlsProvider(this, 'tls');
    this.pki = new ClientVpnPki(this, 'pki', {
      name: spokeResourcePrefix(lz.name, spoke.name),
      serverDomain: vpn.serverDomain,
      users: vpn.users,
      ...vpn.certificates,
    });
    new TerraformOutput(this, PKI_OUTPUTS.serverCertificateArn, { value: this.pki.serverCertificateArn });
    new TerraformOutput(this, PKI_OUTPUTS.clientRootCertificateArn, { value: this.pki.clientRootCertificateArn });
    new TerraformOutput(this, PKI_OUTPUTS.caCertPem, { value: this.pki.caCertPem });
    new TerraformOutput(this, PKI_OUTPUTS.certificateExpiry, { value: this.pki.validityEndTimes(), description: 'When each certificate expires; an apply within the early renewal window before that re-issues it' });
    for (const user of vpn.users) {
      new TerraformOutput(this, PKI_OUTPUTS.clientCertPem(user), { value: this.pki.clientCertPem(user), sensitive: true });
      new TerraformOutput(this, PKI_OUTPUTS.clientKeyPem(user), { value: this.pki.clientKeyPem(user), sensitive: true });
    }
  }
}

/** `<name>-spoke-<spoke>-vpn-pki` */
export const vpnPkiStackName = (lz: LandingZone, spoke: string): string => `${lz.name}-spoke-${spoke}-vpn-pki`;
