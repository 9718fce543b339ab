/**
 * Client VPN certificates in the report: every certificate of a PKI workspace with its validity and
 * early renewal window, read from the synthesized `tls_self_signed_cert` / `tls_locally_signed_cert`.
 *
 * The synthesized JSON cannot say on which date a certificate expires: the tls provider stamps the
 * validity when it creates the certificate, at apply (and again at every renewal). So the report gives
 * what is known before apply, relative to the issue date ("expires 365 days after issue; re-issued by
 * the first apply from day 335"), and the command that prints the real dates from the workspace's
 * `certificate_expiry` output. A date written into the repository would go stale at the first renewal.
 * https://registry.terraform.io/providers/hashicorp/tls/latest/docs/resources/locally_signed_cert
 */
import { code, count, plural, table } from './markdown';
import { constructPath, resourcesOf, SynthesizedStack, TfBody } from './synthesized';

/** One certificate as synthesized. */
interface CertificateLifetime {
  /** `CA`, `server` or `client <user>` (from the construct id), else the construct path. */
  readonly label: string;
  readonly validityDays: number | undefined;
  /** 0 when early renewal is off. */
  readonly earlyRenewalDays: number;
}

const days = (hours: unknown): number | undefined => (typeof hours === 'number' ? hours / 24 : undefined);

function labelOf(body: TfBody): string {
  const id = constructPath(body).split('/').pop() ?? '';
  if (id === 'ca-cert') return 'CA';
  if (id === 'server-cert') return 'server';
  if (id.startsWith('client-cert-')) return `client ${id.slice('client-cert-'.length)}`;
  return constructPath(body);
}

const rank = (label: string): number => (label === 'CA' ? 0 : label === 'server' ? 1 : 2);

/** Every certificate of a stack: the CA, the server, then the clients (and anything else) in file order. */
function certificateLifetimes(stack: SynthesizedStack | undefined): CertificateLifetime[] {
  return ['tls_self_signed_cert', 'tls_locally_signed_cert']
    .flatMap((type) => resourcesOf(stack, type).map(([, body]) => ({ label: labelOf(body), validityDays: days(body.validity_period_hours), earlyRenewalDays: days(body.early_renewal_hours) ?? 0 })))
    .sort((a, b) => rank(a.label) - rank(b.label)); // stable (ES2019): file order within a rank
}

function renewal(c: CertificateLifetime): string {
  if (c.earlyRenewalDays <= 0) return '**never early**: replaced only after it expired (an outage)';
  if (c.validityDays === undefined) return `${plural(c.earlyRenewalDays, 'day')} before expiry`;
  return `by the first apply from day ${count(c.validityDays - c.earlyRenewalDays)} (${plural(c.earlyRenewalDays, 'day')} ahead)`;
}

/** The certificate table of one PKI workspace, and how to read the real expiry dates. */
export function renderCertificates(stack: SynthesizedStack | undefined, stackName: string, outputName: string): string {
  const certs = certificateLifetimes(stack);
  if (certs.length === 0) return `No certificates in ${code(stackName)} (not synthesized).`;
  return [
    table(
      ['certificate', 'expires', 're-issued'],
      certs.map((c) => [c.label, c.validityDays === undefined ? 'unknown' : `${plural(c.validityDays, 'day')} after issue`, renewal(c)]),
    ),
    '',
    `Dates are fixed at apply, so they are not known here: ${code(`terraform -chdir=cdktf.out/stacks/${stackName} output -json ${outputName}`)} prints each expiry. ` +
      'A renewal happens only if an apply runs inside the window. The server certificate is re-imported into ACM under the same ARN (users notice nothing); ' +
      'after a client renewal each user fetches a new profile before the old certificate expires; the CA is renewed with the same key and subject, so certificates it signed keep verifying.',
  ].join('\n');
}
