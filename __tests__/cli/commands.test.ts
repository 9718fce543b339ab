import * as fs from 'node:fs';
import * as path from 'node:path';
import { ipPlanCommand, Io, synthCommand, validateCommand, vpnProfileCommand } from '../../cli/commands';
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
  const PEM = (label: string) => `-----BEGIN ${label}-----\nMIIBfake${label.replace(/ /g, '')}\n-----END ${label}-----`;
  function fixtures(dir: string, drop?: string) {
    const spoke = { client_vpn_dns_name: { value: '*.cvpn-endpoint-0123456789abcdef0.prod.clientvpn.ap-northeast-2.amazonaws.com', sensitive: false } };
    const pki: Record<string, { value: string; sensitive: boolean }> = {
      ca_certificate_pem: { value: PEM('CERTIFICATE'), sensitive: false },
      client_certificate_pem_alice: { value: PEM('CERTIFICATE'), sensitive: true },
      client_private_key_pem_alice: { value: PEM('RSA PRIVATE KEY'), sensitive: true },
    };
    if (drop) delete pki[drop];
    fs.writeFileSync(path.join(dir, 'spoke.json'), JSON.stringify(spoke));
    fs.writeFileSync(path.join(dir, 'pki.json'), JSON.stringify(pki));
    return { spokeOutputs: path.join(dir, 'spoke.json'), pkiOutputs: path.join(dir, 'pki.json') };
  }

  test("writes alice's profile with mode 0600: the endpoint, UDP 443, the inline CA, certificate and key", () => {
    const dir = tempDir('lz-vpn-');
    const out = path.join(dir, 'alice.ovpn');
    const io = capture();
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', out, ...fixtures(dir) }, io)).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(/^remote cvpn-endpoint-0123456789abcdef0\.prod\.clientvpn\.ap-northeast-2\.amazonaws\.com 443$/m);
    expect(text).toMatch(/^proto udp$/m);
    expect(text).toContain(`<ca>\n${PEM('CERTIFICATE')}\n</ca>`);
    expect(text).toContain(`<key>\n${PEM('RSA PRIVATE KEY')}\n</key>`);
    expect(io.stdout.join('\n')).toMatch(/wrote .*alice\.ovpn \(mode 0600\)/);
    expect(io.stdout.join('\n')).not.toContain('PRIVATE KEY');
  });

  test("prints when alice's certificate expires, from the PKI workspace's certificate_expiry output", () => {
    const dir = tempDir('lz-vpn-');
    const files = fixtures(dir);
    const pki = JSON.parse(fs.readFileSync(files.pkiOutputs, 'utf8'));
    pki.certificate_expiry = { value: { ca: '2036-11-20T00:00:00Z', server: '2027-11-23T00:00:00Z', 'client:alice': '2029-02-25T00:00:00Z' }, sensitive: false };
    fs.writeFileSync(files.pkiOutputs, JSON.stringify(pki));
    const io = capture();
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', out: path.join(dir, 'alice.ovpn'), ...files }, io)).toBe(0);
    expect(io.stdout).toContain("alice's certificate expires 2029-02-25T00:00:00Z; an apply in the renewal window before that issues a new one: fetch the profile again then.");
    // A PKI workspace applied before the output existed: no date, no error.
    const older = capture();
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', out: path.join(dir, 'alice2.ovpn'), ...fixtures(dir) }, older)).toBe(0);
    expect(older.stdout.join('\n')).not.toContain('expires');
  });

  test('an unknown user, a spoke without Client VPN and a missing output are one-line errors, nothing written', () => {
    const dir = tempDir('lz-vpn-');
    const out = path.join(dir, 'x.ovpn');
    const cases: [Record<string, string>, RegExp][] = [
      [{ spoke: 'shop-prod', user: 'mallory' }, /user "mallory" is not in spokes\.shop-prod\.clientVpn\.users \(alice, bob\)/],
      [{ spoke: 'shop-dev', user: 'alice' }, /spoke "shop-dev" has no clientVpn/],
      [{ spoke: 'nope', user: 'alice' }, /spoke "nope" is not in the config/],
    ];
    for (const [opts, message] of cases) {
      const io = capture();
      expect(vpnProfileCommand(DEFAULT, { ...(opts as { spoke: string; user: string }), out, ...fixtures(dir) }, io)).toBe(1);
      expect(io.stderr.join('\n')).toMatch(message);
    }
    const io = capture();
    expect(vpnProfileCommand(DEFAULT, { spoke: 'shop-prod', user: 'alice', out, ...fixtures(dir, 'client_private_key_pem_alice') }, io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/output "client_private_key_pem_alice" is missing from the shop-spoke-shop-prod-vpn-pki outputs — apply that workspace first/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
