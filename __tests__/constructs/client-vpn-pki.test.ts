import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { ClientVpnPki, ClientVpnPkiProps, CLIENT_VPN_PKI_DEFAULTS, CLIENT_VPN_RSA_BITS, OvpnProfileOptions, renderOvpnProfile } from '../../constructs/access/client-vpn-pki';
import { CLIENT_VPN_CERTIFICATE_DEFAULTS } from '../../config/model';
import { Template } from '../helpers/template';

const BASE: ClientVpnPkiProps = {
  name: 'shop-prod',
  serverDomain: 'vpn.shop-prod.internal',
  users: ['alice', 'bob.smith@example.com'],
};

function build(overrides: Partial<ClientVpnPkiProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  new TlsProvider(stack, 'tls');
  const pki = new ClientVpnPki(stack, 'pki', { ...BASE, ...overrides });
  return { stack, pki, t: Template.fromStack(stack) };
}

/** The resources of one certificate, found from its common name. */
function chainOf(t: Template, commonName: string) {
  const csr = t.resources('tls_cert_request').filter((r) => r.props.subject[0].common_name === commonName);
  expect(csr).toHaveLength(1);
  const cert = t.resources('tls_locally_signed_cert').filter((r) => r.props.cert_request_pem === Template.ref(csr[0], 'cert_request_pem'));
  expect(cert).toHaveLength(1);
  const key = t.resources('tls_private_key').filter((r) => Template.ref(r, 'private_key_pem') === csr[0].props.private_key_pem);
  expect(key).toHaveLength(1);
  return { csr: csr[0], cert: cert[0], key: key[0] };
}

describe('ClientVpnPki', () => {
  describe('defaults', () => {
    const { t, pki } = build();
    const caCert = t.resources('tls_self_signed_cert')[0];
    const caKey = t.resources('tls_private_key').find((r) => Template.ref(r, 'private_key_pem') === caCert.props.private_key_pem)!;
    const signedBy = { ca_cert_pem: Template.ref(caCert, 'cert_pem'), ca_private_key_pem: Template.ref(caKey, 'private_key_pem') };

    test('exactly these resources: CA, server, one key + request + certificate per user, one ACM import', () => {
      expect(t.inventory()).toEqual({
        aws_acm_certificate: 1,
        tls_cert_request: 3,
        tls_locally_signed_cert: 3,
        tls_private_key: 4,
        tls_self_signed_cert: 1,
      });
    });

    test('every key is RSA 2048, the largest size Client VPN accepts', () => {
      expect(CLIENT_VPN_RSA_BITS).toBe(2048);
      for (const key of t.resources('tls_private_key')) expect(key.props).toEqual({ algorithm: 'RSA', rsa_bits: 2048 });
    });

    test('CA: self-signed, a CA, signs certificates and CRLs, ten years, renewed 30 days early', () => {
      expect(caCert.props).toEqual({
        private_key_pem: Template.ref(caKey, 'private_key_pem'),
        is_ca_certificate: true,
        set_subject_key_id: true,
        subject: [{ common_name: 'shop-prod Client VPN CA', organization: 'shop-prod' }],
        validity_period_hours: 3650 * 24,
        early_renewal_hours: 30 * 24,
        allowed_uses: ['cert_signing', 'crl_signing', 'digital_signature'],
      });
    });

    test('server: CN and only DNS name are serverDomain, server_auth, one year renewed 30 days early, signed by the CA', () => {
      const server = chainOf(t, 'vpn.shop-prod.internal');
      expect(server.csr.props).toEqual({
        private_key_pem: Template.ref(server.key, 'private_key_pem'),
        subject: [{ common_name: 'vpn.shop-prod.internal', organization: 'shop-prod' }],
        dns_names: ['vpn.shop-prod.internal'],
      });
      expect(server.cert.props).toEqual({
        cert_request_pem: Template.ref(server.csr, 'cert_request_pem'),
        ...signedBy,
        set_subject_key_id: true,
        validity_period_hours: 365 * 24,
        early_renewal_hours: 30 * 24,
        allowed_uses: ['server_auth', 'key_encipherment', 'digital_signature'],
      });
      expect(server.key).not.toEqual(caKey);
    });

    test('one client certificate per user: CN is the user, client_auth only, no DNS names, own key', () => {
      const keys = new Set<string>();
      for (const user of ['alice', 'bob.smith@example.com']) {
        const client = chainOf(t, user);
        expect(client.csr.props).toEqual({ private_key_pem: Template.ref(client.key, 'private_key_pem'), subject: [{ common_name: user, organization: 'shop-prod' }] });
        expect(client.cert.props).toEqual({
          cert_request_pem: Template.ref(client.csr, 'cert_request_pem'),
          ...signedBy,
          set_subject_key_id: true,
          validity_period_hours: 825 * 24,
          early_renewal_hours: 30 * 24,
          allowed_uses: ['client_auth', 'digital_signature'],
        });
        keys.add(client.key.address);
      }
      expect(keys.size).toBe(2);
      // No certificate but the server's may authenticate a server.
      const serverAuth = t.resources('tls_locally_signed_cert').filter((r) => r.props.allowed_uses.includes('server_auth'));
      expect(serverAuth).toEqual([chainOf(t, 'vpn.shop-prod.internal').cert]);
    });

    test('ACM import: server key, server certificate, CA as the chain', () => {
      const server = chainOf(t, 'vpn.shop-prod.internal');
      expect(t.resources('aws_acm_certificate')[0].props).toEqual({
        private_key: Template.ref(server.key, 'private_key_pem'),
        certificate_body: Template.ref(server.cert, 'cert_pem'),
        certificate_chain: Template.ref(caCert, 'cert_pem'),
        tags: { Name: 'shop-prod-client-vpn-server' },
      });
    });

    test('attributes: defaults resolved', () => {
      expect(pki.users).toEqual(['alice', 'bob.smith@example.com']);
      expect(pki.keyAlgorithm).toBe('RSA');
      expect([pki.caValidityDays, pki.serverValidityDays, pki.clientValidityDays, pki.earlyRenewalDays]).toEqual([3650, 365, 825, 30]);
    });

    test('staggered: the CA, server and client certificates expire on different days, none without early renewal', () => {
      const certs = [...t.resources('tls_self_signed_cert'), ...t.resources('tls_locally_signed_cert')];
      expect(new Set(certs.map((c) => c.props.validity_period_hours))).toEqual(new Set([3650 * 24, 365 * 24, 825 * 24]));
      for (const c of certs) expect(c.props.early_renewal_hours).toBe(720);
    });

    test('the construct defaults are the config defaults', () => {
      expect({ ...CLIENT_VPN_PKI_DEFAULTS }).toEqual({ ...CLIENT_VPN_CERTIFICATE_DEFAULTS });
    });

    test('validityEndTimes: the CA, server and every client certificate, for the certificate_expiry output', () => {
      const { stack, pki: p } = build();
      new TerraformOutput(stack, 'expiry', { value: p.validityEndTimes() });
      const out = Template.fromStack(stack).json.output.expiry.value;
      expect(out).toEqual({
        ca: Template.ref(caCert, 'validity_end_time'),
        server: Template.ref(chainOf(t, 'vpn.shop-prod.internal').cert, 'validity_end_time'),
        'client:alice': Template.ref(chainOf(t, 'alice').cert, 'validity_end_time'),
        'client:bob.smith@example.com': Template.ref(chainOf(t, 'bob.smith@example.com').cert, 'validity_end_time'),
      });
    });

    test('outputs: both endpoint ARNs are the one ACM import; PEMs come from the right resources', () => {
      const { stack, pki: p } = build();
      const outputs: Record<string, string> = {
        server: p.serverCertificateArn,
        clientRoot: p.clientRootCertificateArn,
        ca: p.caCertPem,
        aliceCert: p.clientCertPem('alice'),
        aliceKey: p.clientKeyPem('alice'),
        bobCert: p.clientCertPem('bob.smith@example.com'),
        bobKey: p.clientKeyPem('bob.smith@example.com'),
      };
      for (const [k, v] of Object.entries(outputs)) new TerraformOutput(stack, k, { value: v });
      const out = Template.fromStack(stack).json.output;
      const acm = t.resources('aws_acm_certificate')[0];
      const alice = chainOf(t, 'alice');
      const bob = chainOf(t, 'bob.smith@example.com');
      expect(Object.fromEntries(Object.keys(outputs).map((k) => [k, out[k].value]))).toEqual({
        server: Template.ref(acm, 'arn'),
        clientRoot: Template.ref(acm, 'arn'),
        ca: Template.ref(caCert, 'cert_pem'),
        aliceCert: Template.ref(alice.cert, 'cert_pem'),
        aliceKey: Template.ref(alice.key, 'private_key_pem'),
        bobCert: Template.ref(bob.cert, 'cert_pem'),
        bobKey: Template.ref(bob.key, 'private_key_pem'),
      });
    });

    test('asking for a user without a certificate is an error', () => {
      expect(() => pki.clientKeyPem('carol')).toThrow('test/pki: no client certificate for user "carol" — users are: alice, bob.smith@example.com');
      expect(() => pki.clientCertPem('Alice')).toThrow('no client certificate for user "Alice"');
    });
  });

  test('adding or removing a user leaves every other address unchanged', () => {
    const addresses = (users: string[]) => {
      const { t } = build({ users });
      return new Set(['tls_private_key', 'tls_cert_request', 'tls_locally_signed_cert', 'tls_self_signed_cert', 'aws_acm_certificate'].flatMap((type) => t.resources(type).map((r) => r.address)));
    };
    const before = addresses(['alice', 'bob']);
    const after = addresses(['carol', 'alice']);
    const kept = [...before].filter((a) => after.has(a));
    expect(kept).toHaveLength(before.size - 3);
    expect([...before].filter((a) => !after.has(a)).every((a) => a.includes('-bob_'))).toBe(true);
    expect([...after].filter((a) => !before.has(a)).every((a) => a.includes('-carol_'))).toBe(true);
  });

  describe('a user who brings a certificate signing request (keeps the key)', () => {
    /** carol's request, made with openssl (key discarded). */
    const CAROL_CSR = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'client-vpn', 'carol.csr'), 'utf8');
    const { t, pki } = build({ users: ['alice', 'carol'], csrs: { carol: CAROL_CSR } });
    const caCert = t.resources('tls_self_signed_cert')[0];

    test('exactly these resources: no key and no request for carol, only her certificate', () => {
      expect(t.inventory()).toEqual({ aws_acm_certificate: 1, tls_cert_request: 2, tls_locally_signed_cert: 3, tls_private_key: 3, tls_self_signed_cert: 1 });
      expect(t.resources('tls_private_key').map((r) => r.name).filter((n) => n.includes('carol'))).toEqual([]);
      expect(t.resources('tls_cert_request').map((r) => r.props.subject[0].common_name).sort()).toEqual(['alice', 'vpn.shop-prod.internal']);
      expect(pki.csrUsers).toEqual(['carol']);
    });

    test("carol's certificate: her request as given, signed by the CA, client_auth only, like every client", () => {
      const caKey = t.resources('tls_private_key').find((r) => Template.ref(r, 'private_key_pem') === caCert.props.private_key_pem)!;
      const carol = t.resources('tls_locally_signed_cert').filter((r) => r.props.cert_request_pem === CAROL_CSR);
      expect(carol).toHaveLength(1);
      expect(carol[0].props).toEqual({
        cert_request_pem: CAROL_CSR,
        ca_cert_pem: Template.ref(caCert, 'cert_pem'),
        ca_private_key_pem: Template.ref(caKey, 'private_key_pem'),
        set_subject_key_id: true,
        validity_period_hours: 825 * 24,
        early_renewal_hours: 30 * 24,
        allowed_uses: ['client_auth', 'digital_signature'],
      });
      // alice's key is still made here, as before.
      expect(chainOf(t, 'alice').cert.props.allowed_uses).toEqual(['client_auth', 'digital_signature']);
    });

    test("carol's certificate keeps the address of a generated user's certificate; alice's addresses do not move", () => {
      const generated = build({ users: ['alice', 'carol'] }).t;
      const certs = (x: Template) => x.resources('tls_locally_signed_cert').map((r) => r.address);
      expect(certs(t)).toEqual(certs(generated));
      const aliceAddresses = (x: Template) => ['tls_private_key', 'tls_cert_request', 'tls_locally_signed_cert'].flatMap((type) => x.resources(type).map((r) => r.address)).filter((a) => a.includes('-alice_'));
      expect(aliceAddresses(t)).toEqual(aliceAddresses(generated));
      // Switching carol to a request drops exactly her key and request.
      const all = (x: Template) => new Set(['tls_private_key', 'tls_cert_request', 'tls_locally_signed_cert'].flatMap((type) => x.resources(type).map((r) => r.address)));
      const dropped = [...all(generated)].filter((a) => !all(t).has(a));
      expect(dropped.map((a) => a.replace(/_[0-9A-F]{8}$/, ''))).toEqual(['tls_private_key.pki_client-key-carol', 'tls_cert_request.pki_client-csr-carol']);
    });

    test('her certificate and expiry are there; her key is not', () => {
      const { stack, pki: p } = build({ users: ['alice', 'carol'], csrs: { carol: CAROL_CSR } });
      new TerraformOutput(stack, 'carol', { value: { cert: p.clientCertPem('carol'), expiry: p.validityEndTimes()['client:carol'] } });
      const synth = Template.fromStack(stack);
      const [carol] = synth.resources('tls_locally_signed_cert').filter((r) => r.props.cert_request_pem === CAROL_CSR);
      expect(synth.json.output.carol.value).toEqual({ cert: Template.ref(carol, 'cert_pem'), expiry: Template.ref(carol, 'validity_end_time') });
      expect(() => p.clientKeyPem('carol')).toThrow('test/pki: user "carol" brought a certificate signing request and keeps the key: there is no key for them here');
    });

    test('a request for someone not in users, a token, and text that is not one PEM request are refused', () => {
      const fails = (overrides: Partial<ClientVpnPkiProps>, message: string) => expect(() => build(overrides)).toThrow(`test/pki: ${message}`);
      fails({ csrs: { carol: CAROL_CSR } }, 'csrs has a request for "carol", who is not in users (alice, bob.smith@example.com) — add the user or remove the request');
      fails({ users: ['carol'], csrs: { carol: CAROL_CSR.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST') } }, 'csrs["carol"] is not one PEM certificate signing request');
      fails({ users: ['carol'], csrs: { carol: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } }, 'csrs["carol"] is not one PEM certificate signing request');
      const stack = new TerraformStack(Testing.app(), 'test');
      const first = new ClientVpnPki(stack, 'first', BASE);
      expect(() => new ClientVpnPki(stack, 'second', { ...BASE, users: ['carol'], csrs: { carol: first.caCertPem } })).toThrow('test/second: csrs["carol"] must be the literal PEM text of the request');
    });
  });

  test('all options', () => {
    const { t, pki } = build({
      name: 'pay',
      serverDomain: 'vpn.pay.example.com',
      users: ['ops_1'],
      keyAlgorithm: 'RSA',
      caValidityDays: 1000,
      serverValidityDays: 90,
      clientValidityDays: 180,
      earlyRenewalDays: 14,
      organization: 'Example Payments, Inc.',
    });
    expect(t.inventory()).toEqual({ aws_acm_certificate: 1, tls_cert_request: 2, tls_locally_signed_cert: 2, tls_private_key: 3, tls_self_signed_cert: 1 });
    const ca = t.resources('tls_self_signed_cert')[0].props;
    expect(ca.subject).toEqual([{ common_name: 'pay Client VPN CA', organization: 'Example Payments, Inc.' }]);
    expect(ca.validity_period_hours).toBe(24000);
    const server = chainOf(t, 'vpn.pay.example.com');
    expect(server.csr.props.subject).toEqual([{ common_name: 'vpn.pay.example.com', organization: 'Example Payments, Inc.' }]);
    expect(server.csr.props.dns_names).toEqual(['vpn.pay.example.com']);
    expect([server.cert.props.validity_period_hours, server.cert.props.early_renewal_hours]).toEqual([2160, 336]);
    const client = chainOf(t, 'ops_1');
    expect(client.csr.props.subject).toEqual([{ common_name: 'ops_1', organization: 'Example Payments, Inc.' }]);
    expect([client.cert.props.validity_period_hours, client.cert.props.early_renewal_hours]).toEqual([4320, 336]);
    expect(ca.early_renewal_hours).toBe(336);
    expect(t.resources('aws_acm_certificate')[0].props.tags).toEqual({ Name: 'pay-client-vpn-server' });
    expect([pki.caValidityDays, pki.serverValidityDays, pki.clientValidityDays, pki.earlyRenewalDays]).toEqual([1000, 90, 180, 14]);
  });

  test('limits that are still accepted', () => {
    expect(() => build({ users: ['a'.repeat(64)], name: 'n'.repeat(50), organization: 'o'.repeat(64) })).not.toThrow();
    expect(() => build({ serverDomain: `${'a'.repeat(60)}.com` })).not.toThrow();
    expect(() => build({ caValidityDays: 3, serverValidityDays: 2, clientValidityDays: 2, earlyRenewalDays: 1 })).not.toThrow();
  });

  describe('validation', () => {
    const fails = (overrides: Partial<ClientVpnPkiProps>, message: string) => expect(() => build(overrides)).toThrow(`test/pki: ${message}`);

    test('ECDSA is refused: Client VPN takes RSA keys only', () => {
      fails({ keyAlgorithm: 'ECDSA' }, 'keyAlgorithm "ECDSA" is not usable: a Client VPN endpoint supports 1024-bit and 2048-bit RSA keys only (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/mutual.html) — use "RSA"');
    });

    test('no users', () => {
      fails({ users: [] }, 'users is empty — list at least one user; each gets a client certificate');
    });

    test('user names that are not usable common names', () => {
      const bad = (u: string) => `users entry "${u}" must be 1 to 64 letters, digits or . _ - @ (it is the certificate common name)`;
      fails({ users: ['alice smith'] }, bad('alice smith'));
      fails({ users: [''] }, bad(''));
      fails({ users: ['a/b'] }, bad('a/b'));
      fails({ users: ['kim,o=evil'] }, bad('kim,o=evil'));
      fails({ users: ['a'.repeat(65)] }, bad('a'.repeat(65)));
    });

    test('duplicate users, exact or differing only in case', () => {
      fails({ users: ['alice', 'bob', 'alice'] }, 'users entry "alice" is listed twice — list each user once');
      fails({ users: ['alice', 'Alice'] }, 'users entries "alice" and "Alice" differ only in case — certificate names compare without case, so keep one');
    });

    test('server domain that Client VPN or ACM would refuse', () => {
      const bad = (d: string) =>
        `serverDomain "${d}" must be a domain name of two or more labels (letters, digits, inner hyphens), at most 64 characters, no wildcard or IP address, e.g. vpn.shop-prod.internal (Client VPN refuses a server certificate without a domain, https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/mutual.html)`;
      for (const d of ['vpn', '*.vpn.internal', '10.0.0.1', 'vpn_1.internal', '-vpn.internal', 'vpn..internal', 'vpn.internal.', `${'a'.repeat(61)}.com`, '']) fails({ serverDomain: d }, bad(d));
    });

    test('validity: positive whole days, certificates shorter than the CA', () => {
      fails({ caValidityDays: 0 }, 'caValidityDays 0 must be a whole number of days greater than 0');
      fails({ serverValidityDays: -1 }, 'serverValidityDays -1 must be a whole number of days greater than 0');
      fails({ clientValidityDays: 1.5 }, 'clientValidityDays 1.5 must be a whole number of days greater than 0');
      const longer = (field: string, c: number, ca: number) => `${field} ${c} must be less than caValidityDays ${ca}: a certificate is useless after its CA expires — shorten it or lengthen the CA`;
      fails({ caValidityDays: 400 }, longer('clientValidityDays', 825, 400));
      fails({ caValidityDays: 365 }, longer('serverValidityDays', 365, 365));
    });

    test('early renewal: positive whole days, shorter than every validity (or every apply re-issues)', () => {
      fails({ earlyRenewalDays: 0 }, 'earlyRenewalDays 0 must be a whole number of days greater than 0');
      fails({ serverValidityDays: 30 }, 'earlyRenewalDays 30 must be less than the shortest validity (30 days), or every apply re-issues the certificates');
      fails({ earlyRenewalDays: 400 }, 'earlyRenewalDays 400 must be less than the shortest validity (365 days)');
    });

    test('name and organization that do not fit an X.509 name', () => {
      fails({ name: 'n'.repeat(51) }, `name "${'n'.repeat(51)}" must be 1 to 50 characters of A-Z a-z 0-9 . _ - (it makes the CA common name "<name> Client VPN CA", at most 64 characters)`);
      fails({ name: 'shop prod' }, 'name "shop prod" must be 1 to 50 characters');
      fails({ organization: 'o'.repeat(65) }, `organization "${'o'.repeat(65)}" must be 1 to 64 characters without control characters (X.509 organization name)`);
      fails({ organization: '' }, 'organization "" must be 1 to 64 characters');
      fails({ organization: 'Acme\nInc' }, 'organization "Acme\nInc" must be 1 to 64 characters');
    });

    test('every problem is reported at once, before any resource exists', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      expect(() => new ClientVpnPki(stack, 'pki', { ...BASE, serverDomain: 'vpn', users: ['a b'], keyAlgorithm: 'ECDSA', clientValidityDays: 0 })).toThrow(
        /serverDomain "vpn" .*; users entry "a b" .*; keyAlgorithm "ECDSA" .*; clientValidityDays 0 /,
      );
      expect(stack.node.findAll().filter((c) => c !== stack).map((c) => c.node.path)).toEqual(['test/pki']);
    });

    test('unresolved tokens are not checked; users must be literal because they name resources', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const first = new ClientVpnPki(stack, 'first', BASE);
      expect(() => new ClientVpnPki(stack, 'second', { ...BASE, serverDomain: first.caCertPem, organization: first.caCert.id })).not.toThrow();
      expect(() => new ClientVpnPki(stack, 'third', { ...BASE, users: [first.caCert.id] })).toThrow('test/third: users entries must be literal strings: each names Terraform resources');
    });
  });
});

describe('renderOvpnProfile', () => {
  const CA = '-----BEGIN CERTIFICATE-----\nMIIBfixtureCA\n-----END CERTIFICATE-----\n';
  const CERT = '-----BEGIN CERTIFICATE-----\nMIIBfixtureClient\n-----END CERTIFICATE-----\n';
  const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEfixtureKey\n-----END RSA PRIVATE KEY-----\n';
  const BASE_PROFILE: OvpnProfileOptions = {
    endpointDnsName: '*.cvpn-endpoint-0123456789abcdef0.prod.clientvpn.ap-northeast-2.amazonaws.com',
    caPem: CA,
    certPem: CERT,
    keyPem: KEY,
    protocol: 'udp',
    port: 443,
  };

  test('the AWS export format, wildcard removed, certificate and key inlined', () => {
    expect(renderOvpnProfile(BASE_PROFILE)).toBe(
      [
        '# AWS Client VPN profile (mutual authentication). Contains a private key: keep it secret.',
        '# Full tunnel: the endpoint routes all traffic through the VPN.',
        'client',
        'dev tun',
        'proto udp',
        'remote cvpn-endpoint-0123456789abcdef0.prod.clientvpn.ap-northeast-2.amazonaws.com 443',
        'remote-random-hostname',
        'resolv-retry infinite',
        'nobind',
        'remote-cert-tls server',
        'cipher AES-256-GCM',
        'verb 3',
        '',
        '<ca>',
        '-----BEGIN CERTIFICATE-----',
        'MIIBfixtureCA',
        '-----END CERTIFICATE-----',
        '</ca>',
        '',
        '<cert>',
        '-----BEGIN CERTIFICATE-----',
        'MIIBfixtureClient',
        '-----END CERTIFICATE-----',
        '</cert>',
        '',
        '<key>',
        '-----BEGIN RSA PRIVATE KEY-----',
        'MIIEfixtureKey',
        '-----END RSA PRIVATE KEY-----',
        '</key>',
        '',
        'reneg-sec 0',
        '',
      ].join('\n'),
    );
  });

  test('TCP on 1194 with split tunnel; a name without the wildcard is kept; PKCS#8 and EC keys accepted', () => {
    const text = renderOvpnProfile({
      ...BASE_PROFILE,
      endpointDnsName: 'cvpn-endpoint-0123456789abcdef0.prod.clientvpn.ap-northeast-2.amazonaws.com',
      protocol: 'tcp',
      port: 1194,
      splitTunnel: true,
      keyPem: '-----BEGIN PRIVATE KEY-----\nMIIEpkcs8\n-----END PRIVATE KEY-----',
    });
    expect(text.split('\n').slice(1, 6)).toEqual([
      '# Split tunnel: only the routes the endpoint pushes go through the VPN.',
      'client',
      'dev tun',
      'proto tcp',
      'remote cvpn-endpoint-0123456789abcdef0.prod.clientvpn.ap-northeast-2.amazonaws.com 1194',
    ]);
    expect(text).toContain('<key>\n-----BEGIN PRIVATE KEY-----\nMIIEpkcs8\n-----END PRIVATE KEY-----\n</key>\n');
    expect(() => renderOvpnProfile({ ...BASE_PROFILE, keyPem: '-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----' })).not.toThrow();
  });

  test('tokens become Terraform functions (a profile rendered inside the PKI workspace)', () => {
    const { stack, pki } = build();
    const endpoint = new TerraformVariable(stack, 'endpoint_dns_name', { type: 'string' });
    new TerraformOutput(stack, 'profile', {
      sensitive: true,
      value: renderOvpnProfile({ endpointDnsName: endpoint.stringValue, caPem: pki.caCertPem, certPem: pki.clientCertPem('alice'), keyPem: pki.clientKeyPem('alice'), protocol: 'udp', port: 443 }),
    });
    const t = Template.fromStack(stack);
    const alice = chainOf(t, 'alice');
    const value: string = t.json.output.profile.value;
    expect(value).toContain(`<ca>\n\${trimspace(${Template.ref(t.resources('tls_self_signed_cert')[0], 'cert_pem').slice(2, -1)})}\n</ca>`);
    expect(value).toContain(`<cert>\n\${trimspace(${Template.ref(alice.cert, 'cert_pem').slice(2, -1)})}\n</cert>`);
    expect(value).toContain(`<key>\n\${trimspace(${Template.ref(alice.key, 'private_key_pem').slice(2, -1)})}\n</key>`);
    expect(value).toContain('\nremote ${trimprefix(var.endpoint_dns_name, "*.")} 443\n');
  });

  test('without a key (a user who kept it): no <key> block, a note saying how to append it, and no claim of a secret', () => {
    const text = renderOvpnProfile({ ...BASE_PROFILE, keyPem: undefined });
    expect(text).not.toContain('<key>\n');
    expect(text).not.toContain('PRIVATE KEY');
    expect(text.split('\n')[0]).toBe('# AWS Client VPN profile (mutual authentication). Holds no private key: append yours (see below).');
    expect(text).toContain(
      [
        '<cert>',
        CERT.trim(),
        '</cert>',
        '',
        '# No <key> block: you made the certificate request and kept the private key. Append it before',
        '# importing this profile, e.g.: { echo "<key>"; cat <your .key file>; echo "</key>"; } >> <this file>',
        '',
        'reneg-sec 0',
      ].join('\n'),
    );
  });

  test('refuses what would not connect', () => {
    const fails = (o: Partial<OvpnProfileOptions>, message: string) => expect(() => renderOvpnProfile({ ...BASE_PROFILE, ...o })).toThrow(`renderOvpnProfile: ${message}`);
    fails({ port: 8443 }, 'port 8443 must be 443 or 1194, the ports a Client VPN endpoint listens on');
    fails({ protocol: 'icmp' as 'udp' }, 'protocol "icmp" must be "udp" or "tcp" (the endpoint\'s transport protocol)');
    fails({ endpointDnsName: 'https://cvpn-endpoint-1.example.com' }, 'endpointDnsName "https://cvpn-endpoint-1.example.com" is not a DNS name');
    fails({ endpointDnsName: '' }, 'endpointDnsName "" is not a DNS name');
    fails({ caPem: 'not a pem' }, 'caPem is not one PEM certificate');
    fails({ certPem: KEY }, 'certPem is not one PEM certificate');
    fails({ keyPem: CERT }, 'keyPem is not one unencrypted PEM private key');
    fails({ keyPem: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----' }, 'keyPem is not one unencrypted PEM private key');
    expect(() => renderOvpnProfile({ ...BASE_PROFILE, port: 1, caPem: '' })).toThrow(/port 1 .*; caPem is not/);
  });
});
