/** `lz check --explain SRC DST` through the real command line: the path of one flow on demand, exit codes. */
import * as path from 'node:path';
import { Io } from '../../cli/commands';
import { run } from '../../cli/lz';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const DEFAULT = path.join(ROOT, 'landing-zone.yaml');

function lz(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
  const code = run(['node', 'lz', ...args], io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('lz check --explain', () => {
  let out: string;
  const explain = (...args: string[]) => lz('check', '--config', DEFAULT, '--out', out, '--explain', ...args);
  beforeAll(() => {
    out = path.join(tempDir('lz-explain-'), 'cdktf.out');
    expect(lz('synth', '--config', DEFAULT, '--out', out).code).toBe(0);
  });

  test('a reachable flow: exit 0, every hop of the request and of the reply with the resource that decides it', () => {
    const r = explain('shop-prod', 'shop-endpoints/endpoint-1');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('shop-prod → shop-endpoints/endpoint-1 tcp/443: reachable: the request is delivered and the reply gets back');
    expect(lines[1]).toBe('request:');
    // The spoke name stands for its representative subnet, the one segment isolation queries from.
    expect(lines[2]).toMatch(/^ {3}1\. subnet shop-prod\/web-1 \(172\.16\.32\.4\) {2}\[endpoint shop-spoke-shop-prod:aws_subnet\./);
    expect(lines).toContainEqual(expect.stringMatching(/^ {3}\d\. tgw-rt prod 10\.254\.0\.0\/24→attachment shop-endpoints \(propagated\) {2}\[tgw-route shop-hub:aws_ec2_transit_gateway_route_table_propagation\.endpoints-attachment_propagation-prod_/));
    const reply = lines.indexOf('reply:');
    expect(reply).toBeGreaterThan(2);
    expect(lines.slice(reply + 1)).toContainEqual(expect.stringMatching(/tgw-rt shared 172\.16\.0\.0\/16→attachment shop-prod \(propagated\)/));
    expect(lines[lines.length - 1]).toMatch(/\d\. subnet shop-prod\/web-1 {2}\[endpoint /);
    expect(r.stderr).toBe('');
  });

  test('a blocked flow: exit 1, the request up to the hop that drops it, named', () => {
    const r = explain('shop-dev', 'shop-prod/web-1', '--port', '5432');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^shop-dev → shop-prod\/web-1 tcp\/5432: blocked by shop-hub:aws_ec2_transit_gateway_route\.segment-nonprod-egress_blackhole-172-16-0-0-12_\w+: blackhole route 172\.16\.0\.0\/12 in TGW route table nonprod$/);
    expect(lines[lines.length - 1]).toMatch(/^ {3}4\. tgw-rt nonprod 172\.16\.0\.0\/12→blackhole {2}\[tgw-route /);
    expect(lines).not.toContain('reply:');
  });

  test('--protocol and --port pick the flow; subnet labels of the hub VPCs are accepted', () => {
    const r = explain('on-premises', 'shop-endpoints/endpoint-1', '--protocol', 'udp', '--port', '53');
    expect(r.stdout.split('\n')[0]).toMatch(/^on-premises → shop-endpoints\/endpoint-1 udp\/53: /);
    expect(r.stdout).toMatch(/^ {3}1\. on-premises 10\.10\.0\.1 {2}\[endpoint on-premises\]$/m);
  });

  test('--json: the verdict and both directions as JSON on stdout, the same hops as the lines', () => {
    const text = explain('shop-prod', 'shop-endpoints/endpoint-1');
    const r = explain('shop-prod', 'shop-endpoints/endpoint-1', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({ src: 'shop-prod', dst: 'shop-endpoints/endpoint-1', protocol: 'tcp', port: 443, status: 'reachable', replyBlocked: false, verdict: 'reachable: the request is delivered and the reply gets back', blockedBy: null, unresolved: null });
    const lines = text.stdout.split('\n');
    const reply = lines.indexOf('reply:');
    expect(data.request.map((h: { text: string }) => h.text)).toEqual(lines.slice(2, reply).map((l) => l.replace(/^ +\d+\. (.*?) {2}\[.*$/, '$1')));
    expect(data.reply).toHaveLength(lines.length - reply - 1);

    const blocked = explain('shop-dev', 'shop-prod/web-1', '--port', '5432', '--json');
    expect(blocked.code).toBe(1);
    const b = JSON.parse(blocked.stdout);
    expect(b).toMatchObject({ status: 'blocked', port: 5432, reply: [], blockedBy: { component: expect.stringMatching(/^shop-hub:aws_ec2_transit_gateway_route\./) } });
    expect(b.verdict).toMatch(/^blocked by shop-hub:/);
  });

  test('usage errors exit 2: unknown names (listed), not two names, a bad port or protocol, --port without --explain', () => {
    const unknown = explain('shop-prod', 'nowhere', 'shop-prod/web-9');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--explain takes two names, SRC and DST (got 3: shop-prod nowhere shop-prod/web-9)');
    const names = explain('nowhere', 'shop-prod/web-9');
    expect(names.code).toBe(2);
    expect(names.stderr).toContain('error: unknown names: nowhere, shop-prod/web-9');
    expect(names.stderr).toContain('known: spoke names (shop-prod, shop-dev), subnets as spoke/subnet or vpc/subnet');
    expect(names.stdout).toBe('');
    expect(explain('shop-prod', 'shop-dev', '--protocol', 'sctp').code).toBe(2);
    expect(explain('shop-prod', 'shop-dev', '--port', '70000').stderr).toContain('--port must be an integer from 0 to 65535 (got 70000)');
    const stray = lz('check', '--config', DEFAULT, '--out', out, '--port', '22');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--port and --protocol go with --explain SRC DST');
  });

  test('an output without a synth: exit 1', () => {
    const r = lz('check', '--config', DEFAULT, '--out', path.join(tempDir('lz-explain-'), 'none'), '--explain', 'shop-prod', 'shop-dev');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no manifest.json');
  });
});
