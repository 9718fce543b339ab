/**
 * Issue 22, "the README is true": every figure and promise of README.md that code can check is
 * checked here, against the code (counts, names, versions) or by running the example it shows.
 * When one of these fails, the README or the code changed without the other: fix the one that is wrong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Io } from '../../cli/commands';
import { COMMANDS, program, run } from '../../cli/lz';
import { RULES } from '../../analysis/rules';
import { INTENTS } from '../../analysis/intents';
import { ENDPOINT_CATALOG } from '../../lib/aws/endpoints';
import { ConfigError } from '../../config/issues';
import { loadConfig, parseConfig } from '../../config/load';
import { landingZoneStackList, StackKind } from '../../config/stack-list';
import { planLandingZone } from '../../config/ip-plan';
import { configsToVerify } from '../../verify/configs';
import { tempDir } from '../helpers/temp';

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const DEFAULT_TEXT = fs.readFileSync(path.join(ROOT, 'landing-zone.yaml'), 'utf8');

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

function lz(...args: string[]) {
  const io = capture();
  const code = run(['node', 'lz', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** The README section under `## <title>`, up to the next `## `. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect([title, start >= 0]).toEqual([title, true]);
  const end = README.indexOf('\n## ', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The fenced code blocks of a piece of Markdown, without the fences, each ending in a newline; `lang` picks one info string. */
function codeBlocks(markdown: string, lang?: string): string[] {
  const blocks: string[] = [];
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^\s*```(\S*)\s*$/.exec(line);
    if (fence && !open) open = { lang: fence[1], lines: [] };
    else if (fence && open) {
      if (lang === undefined || open.lang === lang) blocks.push(open.lines.map((l) => `${l}\n`).join(''));
      open = undefined;
    } else open?.lines.push(line);
  }
  return blocks;
}

/** Every number the README writes as `<n>` followed by `suffix` (`58-rule`, `33 services`). */
const figures = (pattern: RegExp): number[] => [...README.matchAll(pattern)].map((m) => Number(m[1].replace(/,/g, '')));

let out: string;
let synth: ReturnType<typeof lz>;

beforeAll(() => {
  out = path.join(tempDir('lz-readme-'), 'cdktf.out');
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    synth = lz('synth', '--out', out);
  } finally {
    process.chdir(cwd);
  }
});

const resourcesIn = (stack: string): number => {
  const json = JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
};

describe('README: counts from the code', () => {
  test('the rule pack: every "<n>-rule" and "<n> rules" is RULES.length', () => {
    const found = [...figures(/\b(\d+)-rule security pack/g), ...figures(/Rule pack\*\*: (\d+) rules/g)];
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(new Set(found)).toEqual(new Set([RULES.length]));
  });

  test('the endpoint catalog: "<n> services" is its size', () => {
    expect(figures(/\b(\d+) services, each with the AWS page/g)).toEqual([ENDPOINT_CATALOG.length]);
  });

  test('the intents: the layout names the range I1–I<n> of INTENTS, and the Intents paragraph describes each one', () => {
    expect(README).toContain(`intents/ (I1–I${INTENTS.length})`);
    expect(INTENTS.map((i) => i.id)).toEqual(INTENTS.map((_, n) => `I${n + 1}`));
    const paragraph = README.slice(README.indexOf('- **Intents**'), README.indexOf('- **One-way paths**'));
    expect(INTENTS.map((i) => i.id).filter((id) => !new RegExp(`\\b${id}\\b`).test(paragraph))).toEqual([]);
  });

  test('the lz commands listed in the Commands table are the commands of the program, in help order', () => {
    const listed = /the `lz` command line: ((?:`[a-z-]+`, )+`[a-z-]+`)/.exec(README)![1].match(/[a-z-]+/g);
    expect(listed).toEqual(program().commands.map((c) => c.name()));
    expect(listed).toHaveLength(COMMANDS.length);
  });

  test('every `npm run <script>` the README names is a script of package.json', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
    const named = [...new Set([...README.matchAll(/npm run ([a-z][\w:-]*[\w-])/g)].map((m) => m[1]))];
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((n) => !scripts.includes(n))).toEqual([]);
  });
});

describe('README: the stack table is the stack list', () => {
  test('one row per kind of stack, named as lib/stack-names names it', () => {
    const table = README.slice(README.indexOf('## What it builds'), README.indexOf('### Transit Gateway segments'));
    const rows = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]).sort();
    // A config that has every kind: Client VPN on a spoke and the Terraform Cloud bootstrap.
    const lz = loadConfig(path.join(ROOT, 'landing-zone.yaml')).landingZone;
    const withAll = { ...lz, name: '<name>', terraformCloud: { ...(lz.terraformCloud ?? { organization: 'o', hostname: 'app.terraform.io' }), bootstrap: true } } as typeof lz;
    const spoke = lz.spokes.find((s) => s.clientVpn)!;
    const entries = landingZoneStackList({ ...withAll, spokes: [{ ...spoke, name: '<spoke>' }] } as typeof lz);
    const kinds = new Set<StackKind>(entries.map((e) => e.kind));
    expect(kinds.size).toBe(5);
    expect(rows).toEqual(entries.map((e) => e.name).sort());
  });
});

describe('README: what npm run synth prints, and the figures of the default config', () => {
  test('the Quick start output is what lz synth prints (paths elided)', () => {
    expect(synth.code).toBe(0);
    const shown = codeBlocks(section('Quick start')).find((b) => b.startsWith('synthesized '))!;
    const printed = synth.stdout.split(out).join('/…/cdktf.out');
    expect(`${printed}\n`).toBe(shown);
  });

  test('the monthly estimate and the saving against per-VPC NAT and endpoints', () => {
    const data = JSON.parse(lz('report', '--config', path.join(ROOT, 'landing-zone.yaml'), '--out', out, '--json').stdout);
    const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(README).toContain(`about ${usd(data.costs.totalUsd)} a month in fixed charges, and centralizing NAT and\nendpoints saves ${usd(data.costs.comparison.savingUsd)} a month`);
  });

  test('the hub and log archive resource counts of the default config', () => {
    const [, hub] = /(\d+) in the default config\)/.exec(README)!;
    expect(resourcesIn('shop-hub')).toBe(Number(hub));
    const [, archive] = /and log archive \((\d+)\)/.exec(README)!;
    expect(resourcesIn('shop-log-archive')).toBe(Number(archive));
  });

  test("the hub's resource count in the bench shape is bench/RESULTS.md's (same for 10 and 1000 spokes)", () => {
    const results = fs.readFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), 'utf8');
    const row = /^\| hub resource count is the same for 10 and 1000 spokes \| met \| (\d+) and (\d+) \|$/m.exec(results);
    expect(row).not.toBeNull();
    expect(row![1]).toBe(row![2]);
    const [, readme] = /The hub \((\d+) resources in the bench shape/.exec(README)!;
    expect(Number(readme)).toBe(Number(row![1]));
    // The other sentence that states the 1,000-spoke hub agrees too.
    expect(README).toContain(`hub stack is the same file as at 10 (${row![1]} resources,`);
  });

  test('lz check on the default config: "<n> intent results" proved, no finding', () => {
    const r = lz('check', '--config', path.join(ROOT, 'landing-zone.yaml'), '--out', out, '--json');
    expect(r.code).toBe(0);
    const analysis = JSON.parse(r.stdout) as { intents: { status: string }[]; findings: unknown[] };
    const [, n] = /default config it proves (\d+) intent results and finds nothing/.exec(README)!;
    expect(analysis.intents.filter((i) => i.status === 'proved')).toHaveLength(Number(n));
    expect(analysis.intents).toHaveLength(Number(n));
    expect(analysis.findings).toEqual([]);
  });

  test('the IP plan figures of shop-prod', () => {
    const prod = planLandingZone(loadConfig(path.join(ROOT, 'landing-zone.yaml')).landingZone).find((p) => p.owner === 'spoke shop-prod')!;
    const text = section('IP plan');
    const n = (v: number) => v.toLocaleString('en-US');
    const seed = prod.subnets.filter((s) => s.tier !== 'tgw');
    const tgw = prod.subnets.filter((s) => s.tier === 'tgw');
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    expect(seed.find((s) => s.cidr.endsWith('/24'))!.usable).toBe(251);
    expect(seed.find((s) => s.cidr.endsWith('/20'))!.usable).toBe(4091);
    expect(text).toContain(`${n(sum(seed.map((s) => s.usable)))} usable in those seven subnets, which hold ${n(sum(seed.map((s) => s.total)))} addresses`);
    expect(text).toContain(`add ${n(sum(tgw.map((s) => s.total)))} addresses (${n(sum(tgw.map((s) => s.usable)))} usable), leaving ${n(prod.unallocated)}`);
  });
});

describe('README: example error messages are what lz prints', () => {
  /** The default file with `edits` applied, validated as landing-zone.yaml; the lines lz validate prints. */
  function validate(edits: [string, string][]): string[] {
    let text = DEFAULT_TEXT;
    for (const [from, to] of edits) {
      expect([from, text.split(from).length - 1]).toEqual([from, 1]);
      text = text.replace(from, to);
    }
    try {
      parseConfig(text, 'landing-zone.yaml');
    } catch (e) {
      if (e instanceof ConfigError) return e.message.split('\n');
      throw e;
    }
    return [];
  }

  /** A README line matches a printed line exactly, or up to a final `…`. */
  const matches = (shown: string, printed: string) => (shown.endsWith('…') ? printed.startsWith(shown.slice(0, -1)) : printed === shown);

  test('the Config section: a typo and two rule errors together, sorted by position', () => {
    const shown = codeBlocks(section('Config')).find((b) => b.startsWith('3 problems'))!.trimEnd().split('\n');
    const printed = validate([
      ['      egress: central\n      subnets:', '      egres: central\n      subnets:'],
      ['cidr: 172.16.160.0/20', 'cidr: 172.17.160.0/20'],
      ['cidr: 172.20.0.0/16', 'cidr: 172.16.0.0/16'],
    ]);
    expect(printed).toHaveLength(shown.length);
    shown.forEach((line, i) => expect([line, matches(line, printed[i])]).toEqual([line, true]));
  });

  test('an empty file reads as a sentence, as the Config section quotes it', () => {
    const printed = validate([[DEFAULT_TEXT, '']]);
    const quoted = /\(`(landing-zone\.yaml:1:1\s+landing-zone\.yaml is empty: [^`]*?) — …`\)/.exec(README)![1].replace(/\s+/g, ' ');
    expect(printed[1].startsWith(quoted)).toBe(true);
  });

  test.each([
    ['CIDRs parse, have no host bits', [['cidr: 172.16.1.0/24', 'cidr: 172.16.1.5/24']]],
    ['no VPC overlaps any other VPC', [['cidr: 172.20.0.0/16', 'cidr: 172.16.0.0/16']]],
    ['account ids are 12 digits', [['account: "444444444444"', 'account: "4444"']]],
    ['segment names are not', [['segment: prod\n', 'segment: prd\n']]],
  ] as [string, [string, string][]][])('the Rules table row "%s": its example message is printed', (row, edits) => {
    const line = README.split('\n').find((l) => l.startsWith(`| ${row}`))!;
    const example = /\| `([^`]+)` \|$/.exec(line)![1];
    const printed = validate(edits);
    expect(printed.some((p) => p.includes(example))).toBe(true);
  });
});

describe('README: runtime and verification', () => {
  test('Node: 22 LTS recommended (.nvmrc), 20 still works', () => {
    expect(fs.readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('22');
    expect(section('Quick start')).toMatch(/Node\.js 22 LTS \(`\.nvmrc`; Node 20 still works/);
  });

  test("the minimum Terraform and CI's version are verify's and the workflow's", () => {
    const min = /const MIN_TERRAFORM = \[(\d+), (\d+)\] as const;/.exec(fs.readFileSync(path.join(ROOT, 'verify', 'run.ts'), 'utf8'))!;
    const ci = /terraform_version: ([\d.]+)/.exec(fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'pull-request.yml'), 'utf8'))![1];
    expect(section('Quick start')).toContain(`\`terraform\` ${min[1]}.${min[2]} or later for the verification (CI uses ${ci})`);
  });

  test('npm run verify: the closing line counts the stacks of every config it verifies, and the tls and tfe stacks skipped', () => {
    let total = 0;
    let skipped = 0;
    for (const file of configsToVerify(undefined)) {
      const stacks = landingZoneStackList(loadConfig(file).landingZone);
      total += stacks.length;
      skipped += stacks.filter((s) => s.kind === 'vpn-pki' || s.kind === 'tfc-bootstrap').length;
    }
    expect(README).toContain(`It ends with \`terraform: ${total - skipped} stacks validated, ${total - skipped} mock-applied, ${skipped} skipped\`: ${total} stacks`);
  });

  test("the BGP key variable landing-zone.yaml's comment names is the one the hub declares", () => {
    const named = /variable (dx_bgp_auth_key_\w+)/.exec(DEFAULT_TEXT)![1];
    const hub = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'shop-hub', 'cdk.tf.json'), 'utf8')) as { variable: Record<string, unknown> };
    expect(Object.keys(hub.variable).filter((v) => v.startsWith('dx_bgp_auth_key_'))).toEqual([named]);
    expect(README).toContain('`dx_bgp_auth_key_<vif>`');
  });

  test('docs/first-deployment.md exists and is linked', () => {
    expect(fs.existsSync(path.join(ROOT, 'docs', 'first-deployment.md'))).toBe(true);
    expect(README).toContain('[docs/first-deployment.md](docs/first-deployment.md)');
  });
});
