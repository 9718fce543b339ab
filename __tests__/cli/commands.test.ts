import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { ipPlanCommand, Io, synthCommand, validateCommand, vpnProfileCommand } from '../../cli/commands';
import { TerraformRunner, terraformMessage, writeProfile } from '../../cli/vpn-profile';
import { loadConfig } from '../../config/load';
import { LandingZone } from '../../config/model';
import { VpnPkiStack } from '../../stacks/vpn-pki-stack';
import { defaultLandingZone } from '../helpers/landing-zone';
import { configText } from '../helpers/config';
import { tempDir } from '../helpers/temp';
import * as synthModule from '../../cli/synth';

const ROOT = path.join(__dirname, '..', '..');
const DEFAULT = path.join(ROOT, 'landing-zone.yaml');

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

function badConfig(): string {
  const file = path.join(tempDir('lz-cmd-'), 'bad.yaml');
  fs.writeFileSync(file, fs.readFileSync(DEFAULT, 'utf8').replace('account: "444444444444"', 'account: "4444"'));
  return file;
}

describe('lz validate', () => {
  test('a valid config: exit 0 and a one-line summary', () => {
    const io = capture();
    expect(validateCommand(DEFAULT, {}, io)).toBe(0);
    expect(io.stdout).toEqual([expect.stringMatching(/landing-zone\.yaml: valid \(2 spokes: shop-prod, shop-dev\)$/)]);
  });

  test('an invalid config: exit 1, the problem with file:line on stderr', () => {
    const io = capture();
    expect(validateCommand(badConfig(), {}, io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/bad\.yaml:\d+:\d+ spokes\[1\]\.account: "4444" must be a 12-digit AWS account id — write the 12 digits in quotes/);
  });

  test('--json: the issues as data', () => {
    const io = capture();
    expect(validateCommand(badConfig(), { json: true }, io)).toBe(1);
    const result = JSON.parse(io.stdout.join('\n'));
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ path: 'spokes[1].account', value: '4444', line: expect.any(Number), column: expect.any(Number) })]);
  });

  test('--json: terraformCloud is the validated block with its defaults, or null without one (the workflows read it)', () => {
    const io = capture();
    expect(validateCommand(DEFAULT, { json: true }, io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({ valid: true, spokes: ['shop-prod', 'shop-dev'], terraformCloud: null });
    const file = path.join(tempDir('lz-cmd-'), 'tfc.yaml');
    fs.writeFileSync(file, configText((c) => (c.terraformCloud = { organization: 'acme', workspacePrefix: 'lz-' })));
    const withCloud = capture();
    expect(validateCommand(file, { json: true }, withCloud)).toBe(0);
    expect(JSON.parse(withCloud.stdout.join('\n')).terraformCloud).toMatchObject({ organization: 'acme', hostname: 'app.terraform.io', workspacePrefix: 'lz-' });
    fs.writeFileSync(file, configText((c) => (c.terraformCloud = { organization: 'acme', hostname: 'tfe.example.com' })));
    const tfe = capture();
    validateCommand(file, { json: true }, tfe);
    expect(JSON.parse(tfe.stdout.join('\n')).terraformCloud.hostname).toBe('tfe.example.com');
  });
});

describe('lz ip-plan', () => {
  test("prints the seed's usable counts and the totals for shop-prod", () => {
    const io = capture();
    expect(ipPlanCommand(DEFAULT, {}, io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/public-1 +public +ap-northeast-2a +172\.16\.1\.0\/24 +256 +251/);
    expect(text).toMatch(/db-3 +db +ap-northeast-2c +172\.16\.160\.0\/20 +4,096 +4,091/);
    expect(text).toMatch(/tgw-1 +tgw +ap-northeast-2a +172\.16\.0\.0\/28 +16 +11/);
    // The seed's seven subnets (20,992 addresses, 20,957 usable) plus three /28 attachment subnets.
    expect(text).toMatch(/in subnets: 21,040 addresses, 20,990 usable \(AWS reserves 5 per subnet\); unallocated: 44,496/);
  });

  test('--json is the plan', () => {
    const io = capture();
    ipPlanCommand(DEFAULT, { json: true }, io);
    const plans = JSON.parse(io.stdout.join('\n'));
    expect(plans.map((p: { owner: string }) => p.owner)).toEqual(['hub egress', 'hub endpoints', 'spoke shop-prod', 'spoke shop-dev']);
  });
});

describe('lz synth', () => {
  test('a failure inside synthesis prints one line, no stack trace, and writes nothing', () => {
    const dir = tempDir('lz-cmd-');
    const spy = jest.spyOn(synthModule, 'synthesize').mockImplementation(() => {
      throw new Error('test/app-vpc: subnet "x" cidr 10.0.0.0/24 is outside the VPC 172.16.0.0/16');
    });
    try {
      const io = capture();
      expect(synthCommand(DEFAULT, path.join(dir, 'out'), io)).toBe(1);
      expect(io.stderr).toEqual([
        'error: synthesis failed: test/app-vpc: subnet "x" cidr 10.0.0.0/24 is outside the VPC 172.16.0.0/16',
        'run again with --debug (or LZ_DEBUG=1) for the stack trace.',
        'nothing was written to the output directory.',
      ]);
      expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  test('a duplicate VPN connection name is a config error, caught before any construct exists', () => {
    const dir = tempDir('lz-cmd-');
    const file = path.join(dir, 'dup.yaml');
    fs.writeFileSync(file, fs.readFileSync(DEFAULT, 'utf8').replace('      - name: dc-backup', '      - name: dc-backup\n        ip: 203.0.113.11\n        asn: 65010\n      - name: dc-backup'));
    const io = capture();
    expect(synthCommand(file, path.join(dir, 'out'), io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/dup\.yaml:\d+:\d+ hub\.vpn\.connections\[1\]\.name: "dc-backup" is already used by another VPN connection/);
  });
});

describe('lz vpn-profile', () => {
  const PKI = 'shop-spoke-shop-prod-vpn-pki';
  const SPOKE = 'shop-spoke-shop-prod';
  const PEM = (label: string, body: string) => `-----BEGIN ${label}-----\nMIIB${body}\n-----END ${label}-----\n`;
  const CAROL_CSR = fs.readFileSync(path.join(ROOT, '__tests__', 'fixtures', 'client-vpn', 'carol.csr'), 'utf8');

  /** The PKI stack of `lz` synthesized the way `lz synth` writes it (cdk.tf.json with cdktf's `//` metadata). */
  function synthPki(lz: LandingZone, outdir: string): Record<string, any> {
    const app = new App({ outdir, stackTraces: false });
    new VpnPkiStack(app, { landingZone: lz, spoke: lz.spokes[0] });
    app.synth();
    writeSpokeEndpoint(outdir, true);
    return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', PKI, 'cdk.tf.json'), 'utf8'));
  }

  /** The spoke stack's Client VPN endpoint as lz synth writes it, as far as vpn-profile reads it (its tunnel mode). */
  function writeSpokeEndpoint(outdir: string, splitTunnel: boolean) {
    fs.mkdirSync(path.join(outdir, 'stacks', SPOKE), { recursive: true });
    const endpoint = { '//': { metadata: { path: `${SPOKE}/client-vpn/endpoint` } }, split_tunnel: splitTunnel, transport_protocol: 'udp' };
    fs.writeFileSync(path.join(outdir, 'stacks', SPOKE, 'cdk.tf.json'), JSON.stringify({ resource: { aws_ec2_client_vpn_endpoint: { 'client-vpn_endpoint_0A1B2C3D': endpoint } } }));
  }

  /** Attribute values an apply of the tls provider stores, per resource type (fakes, same shapes). */
  function stateValues(type: string, name: string, config: Record<string, any>): Record<string, unknown> {
    switch (type) {
      case 'tls_private_key':
        return { algorithm: 'RSA', ecdsa_curve: 'P224', id: `id-${name}`, private_key_openssh: PEM('OPENSSH PRIVATE KEY', name), private_key_pem: PEM('RSA PRIVATE KEY', name), private_key_pem_pkcs8: PEM('PRIVATE KEY', name), public_key_fingerprint_md5: '00:11', public_key_fingerprint_sha256: 'SHA256:x', public_key_openssh: 'ssh-rsa AAAA\n', public_key_pem: PEM('PUBLIC KEY', name), rsa_bits: 2048 };
      case 'tls_cert_request':
        return { cert_request_pem: PEM('CERTIFICATE REQUEST', name), id: `id-${name}`, key_algorithm: 'RSA', private_key_pem: '(sensitive)', subject: config.subject };
      case 'tls_locally_signed_cert':
      case 'tls_self_signed_cert':
        return {
          allowed_uses: config.allowed_uses,
          cert_pem: PEM('CERTIFICATE', name),
          // A literal request (a user who brought one) is stored as given; a reference holds the generated request.
          ...(type === 'tls_locally_signed_cert' && { cert_request_pem: String(config.cert_request_pem).startsWith('-----') ? config.cert_request_pem : PEM('CERTIFICATE REQUEST', name), ca_key_algorithm: 'RSA' }),
          early_renewal_hours: config.early_renewal_hours,
          id: '123456789',
          ready_for_renewal: false,
          set_subject_key_id: true,
          validity_end_time: '2029-02-25T00:00:00Z',
          validity_period_hours: config.validity_period_hours,
          validity_start_time: '2026-11-22T00:00:00Z',
        };
      default:
        return { id: `id-${name}` };
    }
  }

  /** `terraform show -json` after an apply of that synthesized stack: every resource with its values (sensitive ones in plain text, as show -json prints them). */
  function showJson(stack: Record<string, any>, drop: (address: string) => boolean = () => false) {
    const resources = Object.entries<Record<string, any>>(stack.resource).flatMap(([type, byName]) =>
      Object.entries<Record<string, any>>(byName).map(([name, config]) => ({
        address: `${type}.${name}`,
        mode: 'managed',
        type,
        name,
        provider_name: type.startsWith('tls_') ? 'registry.terraform.io/hashicorp/tls' : 'registry.terraform.io/hashicorp/aws',
        schema_version: type === 'tls_private_key' ? 1 : 0,
        values: stateValues(type, name, config),
        sensitive_values: {},
      })),
    );
    return {
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: {
        outputs: { ca_certificate_pem: { sensitive: false, value: PEM('CERTIFICATE', 'ca'), type: 'string' } },
        root_module: { resources: resources.filter((r) => !drop(r.address)) },
      },
    };
  }

  /** What terraform prints first on stderr when ~/.terraformrc is absent, before the real error. */
  const TERRAFORMRC_WARNING = 'There are some problems with the CLI configuration:\n╷\n│ Warning: Unable to open CLI configuration file\n│\n│ The CLI configuration file at "/root/.terraformrc" does not exist.\n╵\n';

  const SPOKE_OUTPUTS = { client_vpn_dns_name: { value: '*.cvpn-endpoint-0123456789abcdef0.prod.clientvpn.ap-northeast-2.amazonaws.com', sensitive: false, type: 'string' } };

  /** A fake terraform: `show -json` in the PKI directory, `output -json` in the spoke's; every call recorded. */
  function fakeTerraform(outdir: string, show: unknown) {
    const calls: string[][] = [];
    const run: TerraformRunner = (args) => {
      calls.push([...args]);
      const key = args.join(' ');
      if (key === `-chdir=${path.join(outdir, 'stacks', PKI)} show -json -no-color`) return { status: 0, stdout: JSON.stringify(show), stderr: '' };
      if (key === `-chdir=${path.join(outdir, 'stacks', SPOKE)} output -json -no-color`) return { status: 0, stdout: JSON.stringify(SPOKE_OUTPUTS), stderr: '' };
      return { status: 1, stdout: '', stderr: `unexpected terraform ${key}` };
    };
    return { run, calls };
  }

  /** The default config, and its PKI stack synthesized into a fresh outdir. */
  function defaultSetup() {
    const dir = tempDir('lz-vpn-');
    const outdir = path.join(dir, 'cdktf.out');
    const stack = synthPki(defaultLandingZone(), outdir);
    return { dir, outdir, stack };
  }

  const address = (stack: Record<string, any>, type: string, id: string) => `${type}.${Object.keys(stack.resource[type]).find((n) => stack.resource[type][n]['//'].metadata.path === `${PKI}/pki/${id}`)}`;

  test("alice (key made by the PKI): her key and certificate from the PKI state, the endpoint from the spoke's outputs, mode 0600", () => {
    const { dir, outdir, stack } = defaultSetup();
    const show = showJson(stack);
    const terraform = fakeTerraform(outdir, show);
    const out = path.join(dir, 'alice.ovpn');
    const io = capture();
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', file: out, out: outdir, terraform: terraform.run }, io)).toBe(0);
    expect(terraform.calls).toEqual([
      [`-chdir=${path.join(outdir, 'stacks', PKI)}`, 'show', '-json', '-no-color'],
      [`-chdir=${path.join(outdir, 'stacks', SPOKE)}`, 'output', '-json', '-no-color'],
    ]);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(out, 'utf8');
    const keyName = address(stack, 'tls_private_key', 'client-key-alice').split('.')[1];
    const certName = address(stack, 'tls_locally_signed_cert', 'client-cert-alice').split('.')[1];
    const caName = address(stack, 'tls_self_signed_cert', 'ca-cert').split('.')[1];
    expect(keyName).toMatch(/^pki_client-key-alice_[0-9A-F]{8}$/);
    expect(text).toMatch(/^remote cvpn-endpoint-0123456789abcdef0\.prod\.clientvpn\.ap-northeast-2\.amazonaws\.com 443$/m);
    expect(text).toContain(`<ca>\n${PEM('CERTIFICATE', caName).trim()}\n</ca>`);
    expect(text).toContain(`<cert>\n${PEM('CERTIFICATE', certName).trim()}\n</cert>`);
    expect(text).toContain(`<key>\n${PEM('RSA PRIVATE KEY', keyName).trim()}\n</key>`);
    // Bob's key is in the same state, and in no profile of alice.
    expect(text).not.toContain('client-key-bob');
    const stdout = io.stdout.join('\n');
    expect(stdout).toMatch(/wrote .*alice\.ovpn \(mode 0600\): it holds alice's private key\. Hand it to alice out of band \(not by e-mail or chat\), then delete your copy/);
    expect(stdout).toContain("alice's certificate expires 2029-02-25T00:00:00Z; an apply in the renewal window before that issues a new one: fetch the profile again then.");
    expect(stdout).not.toContain('PRIVATE KEY');
    expect(io.stderr).toEqual([]);
  });

  test('an existing profile with a wider mode is truncated and rewritten, mode 0600', () => {
    const { dir, outdir, stack } = defaultSetup();
    const out = path.join(dir, 'alice.ovpn');
    fs.writeFileSync(out, 'old profile, much longer than the new one would be '.repeat(200), { mode: 0o644 });
    fs.chmodSync(out, 0o644);
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', file: out, out: outdir, terraform: fakeTerraform(outdir, showJson(stack)).run }, capture())).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).not.toContain('old profile');
    expect(text.endsWith('reneg-sec 0\n')).toBe(true);
  });

  test('writeProfile: a new file 0600 whatever the umask, an existing 0666 file narrowed', () => {
    const dir = tempDir('lz-vpn-');
    const previous = process.umask(0o000);
    try {
      writeProfile(path.join(dir, 'new.ovpn'), 'x');
      fs.writeFileSync(path.join(dir, 'open.ovpn'), 'y', { mode: 0o666 });
      writeProfile(path.join(dir, 'open.ovpn'), 'z');
    } finally {
      process.umask(previous);
    }
    expect(fs.statSync(path.join(dir, 'new.ovpn')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'open.ovpn')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'open.ovpn'), 'utf8')).toBe('z');
  });

  /** A config next to carol's request, with carol as a user who keeps her key, and its PKI synthesized. */
  function carolSetup() {
    const dir = tempDir('lz-vpn-csr-');
    fs.writeFileSync(path.join(dir, 'carol.csr'), CAROL_CSR);
    const config = path.join(dir, 'lz.yaml');
    fs.writeFileSync(config, configText((c) => c.spokes[0].clientVpn.users.push({ name: 'carol', csr: 'carol.csr' })));
    const outdir = path.join(dir, 'cdktf.out');
    const stack = synthPki(loadConfig(config).landingZone, outdir);
    return { dir, config, outdir, stack };
  }

  test('carol (brought a request): her certificate, no key block, and how she adds her own key', () => {
    const { dir, config, outdir, stack } = carolSetup();
    const show = showJson(stack);
    // Her certificate in the state is the one signed from her request; no key of hers exists there.
    const carolCert = show.values.root_module.resources.find((r) => r.address === address(stack, 'tls_locally_signed_cert', 'client-cert-carol'))!;
    expect(carolCert.values.cert_request_pem).toBe(CAROL_CSR);
    expect(show.values.root_module.resources.filter((r) => r.address.includes('carol')).map((r) => r.type)).toEqual(['tls_locally_signed_cert']);
    const out = path.join(dir, 'carol.ovpn');
    const io = capture();
    expect(vpnProfileCommand(config, { spoke: 'shop-prod', user: 'carol', file: out, out: outdir, terraform: fakeTerraform(outdir, show).run }, io)).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(`<cert>\n${PEM('CERTIFICATE', carolCert.name).trim()}\n</cert>`);
    expect(text).not.toContain('<key>\n');
    expect(text).not.toContain('PRIVATE KEY-----');
    expect(text).toContain('# No <key> block: you made the certificate request and kept the private key.');
    expect(io.stdout[0]).toBe(`wrote ${out} (mode 0600) without a private key: carol keeps it (carol.csr was their request) and appends it before importing, e.g. { echo "<key>"; cat carol.key; echo "</key>"; } >> carol.ovpn`);
  });

  test("carol's certificate in the state not yet re-signed from her request (apply pending): an error, nothing written", () => {
    const { dir, config, outdir, stack } = carolSetup();
    const show = showJson(stack);
    const carolCert = show.values.root_module.resources.find((r) => r.address === address(stack, 'tls_locally_signed_cert', 'client-cert-carol'))!;
    carolCert.values.cert_request_pem = PEM('CERTIFICATE REQUEST', 'generated-before');
    const out = path.join(dir, 'carol.ovpn');
    const io = capture();
    expect(vpnProfileCommand(config, { spoke: 'shop-prod', user: 'carol', file: out, out: outdir, terraform: fakeTerraform(outdir, show).run }, io)).toBe(1);
    expect(io.stderr).toEqual([`error: carol's certificate in the state of ${PKI} was not signed from carol.csr — apply ${PKI} first`]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('missing state, synth or terraform access are one-line errors naming the user, the stack and the fix; nothing written', () => {
    const { dir, outdir, stack } = defaultSetup();
    const out = path.join(dir, 'x.ovpn');
    const keyAddress = address(stack, 'tls_private_key', 'client-key-alice');
    const cases: [Parameters<typeof vpnProfileCommand>[1], string][] = [
      // alice added to the config after the last apply: her key is not in the state.
      [{ spoke: 'shop-prod', user: 'alice', file: out, out: outdir, terraform: fakeTerraform(outdir, showJson(stack, (a) => a === keyAddress)).run }, `error: the state of ${PKI} has no ${keyAddress} (alice's private key) — apply ${PKI} first (was "alice" added or changed after its last apply?)`],
      // Never applied: terraform show prints no values.
      [{ spoke: 'shop-prod', user: 'alice', file: out, out: outdir, terraform: fakeTerraform(outdir, { format_version: '1.0' }).run }, `error: the state of ${PKI} has no ${address(stack, 'tls_self_signed_cert', 'ca-cert')} (the CA certificate) — apply ${PKI} first`],
      // Not initialized, or no access to the state.
      [
        { spoke: 'shop-prod', user: 'alice', file: out, out: outdir, terraform: () => ({ status: 1, stdout: '', stderr: TERRAFORMRC_WARNING + '\nError: Backend initialization required, please run "terraform init"\nReason: Initial configuration of the requested backend "local"\n' }) },
        `error: terraform show failed for ${PKI} — run terraform -chdir=${path.join(outdir, 'stacks', PKI)} init first; you need read access to its state file; terraform said:\n` +
          '  There are some problems with the CLI configuration:\n  Warning: Unable to open CLI configuration file\n\n  The CLI configuration file at "/root/.terraformrc" does not exist.\n\n' +
          '  Error: Backend initialization required, please run "terraform init"\n  Reason: Initial configuration of the requested backend "local"',
      ],
      // No synth in that outdir.
      [{ spoke: 'shop-prod', user: 'alice', file: out, out: path.join(dir, 'elsewhere'), terraform: fakeTerraform(outdir, showJson(stack)).run }, `error: ${path.join(dir, 'elsewhere', 'stacks', PKI, 'cdk.tf.json')} does not exist — run lz synth with this config first`],
      [{ spoke: 'shop-prod', user: 'mallory', file: out, out: outdir }, 'error: user "mallory" is not in spokes.shop-prod.clientVpn.users (alice, bob)'],
      [{ spoke: 'shop-dev', user: 'alice', file: out, out: outdir }, 'error: spoke "shop-dev" has no clientVpn'],
      [{ spoke: 'nope', user: 'alice', file: out, out: outdir }, 'error: spoke "nope" is not in the config'],
    ];
    for (const [options, message] of cases) {
      const io = capture();
      expect(vpnProfileCommand(DEFAULT, options, io)).toBe(1);
      expect(io.stderr.join('\n')).toContain(message);
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  test('the spoke outputs from a file; a missing endpoint output is named', () => {
    const { dir, outdir, stack } = defaultSetup();
    const spokeFile = path.join(dir, 'spoke.json');
    fs.writeFileSync(spokeFile, JSON.stringify({}));
    const io = capture();
    const terraform = fakeTerraform(outdir, showJson(stack));
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', file: path.join(dir, 'a.ovpn'), out: outdir, spokeOutputs: spokeFile, terraform: terraform.run }, io)).toBe(1);
    expect(io.stderr).toEqual([`error: output "client_vpn_dns_name" is missing from the ${SPOKE} outputs — apply that workspace first`]);
    // terraform ran in the PKI directory only.
    expect(terraform.calls.map((c) => c[1])).toEqual(['show']);
  });

  test('with Terraform Cloud, a failed terraform show names the workspace whose state the token must read', () => {
    const dir = tempDir('lz-vpn-tfc-');
    const config = path.join(dir, 'lz.yaml');
    fs.writeFileSync(config, configText((c) => (c.terraformCloud = { organization: 'acme', workspacePrefix: 'net-' })));
    const outdir = path.join(dir, 'cdktf.out');
    synthPki(loadConfig(config).landingZone, outdir);
    const io = capture();
    const denied = () => ({ status: 1, stdout: '', stderr: 'Error: Unauthorized\n' });
    expect(vpnProfileCommand(config, { spoke: 'shop-prod', user: 'alice', file: path.join(dir, 'a.ovpn'), out: outdir, terraform: denied }, io)).toBe(1);
    expect(io.stderr).toEqual([
      `error: terraform show failed for ${PKI} — run terraform -chdir=${path.join(outdir, 'stacks', PKI)} init first; your Terraform Cloud token needs read access to the state versions of workspace net-${PKI} (docs/client-vpn.md); terraform said:\n  Error: Unauthorized`,
    ]);
  });

  test("terraform's whole error is shown, colours and diagnostic boxes stripped, not only its first line", () => {
    const { dir, outdir } = defaultSetup();
    const stderr =
      '\x1b[31m╷\x1b[0m\x1b[0m\n\x1b[31m│\x1b[0m \x1b[0m\x1b[1m\x1b[31mError: \x1b[0m\x1b[0m\x1b[1mFailed to load state\x1b[0m\n\x1b[31m│\x1b[0m \x1b[0m\n' +
      '\x1b[31m│\x1b[0m \x1b[0mError loading state: AccessDenied: Access Denied\n\x1b[31m│\x1b[0m \x1b[0m\tstatus code: 403, request id: 8A3F\n\x1b[31m╵\x1b[0m\x1b[0m\n';
    const io = capture();
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', file: path.join(dir, 'a.ovpn'), out: outdir, terraform: () => ({ status: 1, stdout: '', stderr }) }, io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/terraform said:\n {2}Error: Failed to load state\n\n {2}Error loading state: AccessDenied: Access Denied\n {2}status code: 403, request id: 8A3F$/);
    expect(io.stderr.join('\n')).not.toContain('\x1b');
    expect(terraformMessage({ status: 1, stdout: '', stderr: '' })).toBe('terraform exited with 1');
  });

  test('an unknown spoke or user fails before terraform runs', () => {
    const { dir, outdir } = defaultSetup();
    const terraform = fakeTerraform(outdir, {});
    for (const [spoke, user] of [['shop-prd', 'alice'], ['shop-prod', 'mallory'], ['shop-dev', 'alice']]) {
      expect(vpnProfileCommand(DEFAULT, { spoke, user, file: path.join(dir, 'x.ovpn'), out: outdir, terraform: terraform.run }, capture())).toBe(1);
    }
    expect(terraform.calls).toEqual([]);
  });

  test('the profile says split or full tunnel as the synthesized endpoint is configured', () => {
    const { dir, outdir, stack } = defaultSetup();
    const profile = () => {
      const file = path.join(dir, 'alice.ovpn');
      expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', file, out: outdir, terraform: fakeTerraform(outdir, showJson(stack)).run }, capture())).toBe(0);
      return fs.readFileSync(file, 'utf8');
    };
    expect(profile()).toContain('# Split tunnel: only the routes the endpoint pushes go through the VPN.');
    writeSpokeEndpoint(outdir, false);
    expect(profile()).toContain('# Full tunnel: the endpoint routes all traffic through the VPN.');
  });

  test('a --spoke-outputs file that is not JSON is named', () => {
    const { dir, outdir, stack } = defaultSetup();
    const spokeFile = path.join(dir, 'spoke.json');
    fs.writeFileSync(spokeFile, '{ "client_vpn_dns_name": ');
    const io = capture();
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', file: path.join(dir, 'a.ovpn'), out: outdir, spokeOutputs: spokeFile, terraform: fakeTerraform(outdir, showJson(stack)).run }, io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(new RegExp(`^error: ${spokeFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid JSON \\(.+\\) — save it with terraform -chdir=.+ output -json > `));
  });
});
