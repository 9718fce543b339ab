/**
 * config/load: YAML with positions, the zod schema's shape checks and how every problem is reported
 * (file:line:col, path, value, message and fix, all at once).
 */
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { ConfigError, formatIssue, formatPath } from '../../config/issues';
import { DEFAULT_CONFIG_PATH, loadConfig, parseConfig } from '../../config/load';
import { expectIssue, FILE, issuesOf, issuesWith, loadWith, positionOf } from '../helpers/config';

const defaultText = readFileSync(DEFAULT_CONFIG_PATH, 'utf8');

/** The default file with one exact piece of text replaced; positions are then found in the returned text. */
function editDefault(from: string, to: string): string {
  expect(defaultText).toContain(from);
  return defaultText.replace(from, to);
}

describe('the default landing-zone.yaml', () => {
  test('loads with no errors and no warnings', () => {
    const loaded = loadConfig();
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config.name).toBe('shop');
    expect(loaded.landingZone.spokes.map((s) => s.name)).toEqual(['shop-prod', 'shop-dev']);
  });

  test('survives the helper round trip (parse, stringify) unchanged in meaning', () => {
    expect(loadWith().config).toEqual(loadConfig().config);
  });

  test('applies defaults: log archive role, bucket name and lifecycle, default role ARNs', () => {
    const lz = loadConfig().landingZone;
    expect(lz.logArchive).toEqual({
      account: '222222222222',
      roleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
      bucketName: 'shop-logs-222222222222-ap-northeast-2',
      lifecycle: { transitionDays: 90, expirationDays: 400 },
      // The hub and both spokes deliver flow and query logs; no Object Lock unless configured.
      logSourceAccounts: ['111111111111', '333333333333', '444444444444'],
      logDeliveryScope: 'accounts',
    });
    expect(lz.spokes[0].roleArn).toBe('arn:aws:iam::333333333333:role/OrganizationAccountAccessRole');
  });
});

describe('reporting', () => {
  test('formatIssue renders file:line:col path: value message — fix', () => {
    const text = editDefault('cidr: 172.16.160.0/20', 'cidr: 172.17.0.0/20');
    const { issues } = issuesOf(text);
    const { line, column } = positionOf(text, '172.17.0.0/20');
    expect(issues.map(formatIssue)).toEqual([
      `landing-zone.yaml:${line}:${column} spokes[0].vpc.subnets[6].cidr: "172.17.0.0/20" is outside the VPC 172.16.0.0/16 — pick a range inside it`,
    ]);
  });

  test('the ConfigError message counts the problems and lists each formatted issue', () => {
    const text = editDefault('cidr: 172.16.160.0/20', 'cidr: 172.17.0.0/20');
    let error: unknown;
    try {
      parseConfig(text, FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, issues } = error as ConfigError;
    expect(message.split('\n')).toEqual(['1 problem in the landing zone config:', formatIssue(issues[0])]);
  });

  test('schema problems are all collected, not just the first', () => {
    const outcome = issuesWith((c) => {
      c.name = 'Shop';
      c.hub.account = '1';
      c.spokes[0].vpc.subnets[0].tier = 'pubic';
      c.spokes[1].vpc.tiers.db.count = 0;
    });
    expect(outcome.issues.map((i) => formatPath(i.path)).sort()).toEqual(['hub.account', 'name', 'spokes[0].vpc.subnets[0].tier', 'spokes[1].vpc.tiers.db.count']);
    expectIssue(outcome, { path: 'hub.account', value: '1', message: '12-digit', fix: '12 digits', at: '"1"' });
    expectIssue(outcome, { path: 'spokes[1].vpc.tiers.db.count', value: 0, message: 'must be >=1', fix: 'fit that range', at: 'count: |0' });
  });

  test('rule problems from different rules and spokes are all collected', () => {
    const outcome = issuesWith((c) => {
      c.spokes[1].name = 'shop-prod';
      c.spokes[0].vpc.subnets[6].cidr = '172.17.0.0/20';
      c.spokes[0].roleArn = 'arn:aws:iam::111111111111:role/Deploy';
      c.hub.availabilityZones[2] = 'ap-northeast-2e';
    });
    expect(outcome.issues.map((i) => formatPath(i.path)).sort()).toEqual([
      'hub.availabilityZones[2]',
      'spokes[0].roleArn',
      'spokes[0].vpc.subnets[6].cidr',
      'spokes[1].name',
    ]);
    expect(outcome.issues.every((i) => i.severity !== 'warning')).toBe(true);
  });
});

describe('YAML syntax and document shape', () => {
  test('a syntax error is reported at its line and column', () => {
    const text = editDefault('segment: prod', 'segment: prod: x');
    const { issues } = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: FILE, ...positionOf(text, 'segment: |prod: x'), path: [] });
    expect(issues[0].message).toContain('is not valid YAML');
    expect(issues[0].fix).toContain('fix the YAML syntax');
  });

  test('an unclosed flow list is a syntax error, not a crash', () => {
    const list = 'availabilityZones: [ap-northeast-2a, ap-northeast-2b, ap-northeast-2c]\n';
    const text = editDefault(list, list.replace(']', ''));
    const { issues } = issuesOf(text);
    expect(issues[0].message).toMatch(/is not valid YAML: Flow sequence/);
    // Reported at or after the unclosed list (the parser notices only where the list should have ended).
    expect(issues[0].line).toBeGreaterThanOrEqual(positionOf(text, 'availabilityZones: [').line);
  });

  test('a duplicate key is an error at the second occurrence, naming the key and both lines', () => {
    const text = editDefault('tags:\n', 'region: us-east-1\ntags:\n');
    const { issues } = issuesOf(text);
    expect(issues).toHaveLength(1);
    const first = positionOf(text, 'region: ap-northeast-2').line;
    const again = positionOf(text, 'region: us-east-1');
    expect(issues[0]).toMatchObject({ file: FILE, ...again, path: [], value: 'region' });
    expect(issues[0].column).toBe(1);
    expect(formatIssue(issues[0])).toBe(
      `${FILE}:${again.line}:1 "region" is a duplicate key (first at line ${first}, again at line ${again.line}); YAML would silently keep only one of the two values — remove one of them`,
    );
  });

  test('duplicate keys deep in a list item and in a nested mapping: each named with its path, together with syntax errors', () => {
    const text = editDefault('      egress: central\n', '      egress: central\n      cidr: 172.16.0.0/17\n').replace('    natGateways: per-az\n', '    natGateways: per-az\n    natGateways: single\n');
    const { issues } = issuesOf(text);
    expect(issues.map((i) => [formatPath(i.path), i.value, i.line, i.message])).toEqual([
      ['hub.egress', 'natGateways', positionOf(text, 'natGateways: single').line, expect.stringContaining(`(first at line ${positionOf(text, 'natGateways: per-az').line}, again at line ${positionOf(text, 'natGateways: single').line})`)],
      ['spokes[0].vpc', 'cidr', positionOf(text, 'cidr: 172.16.0.0/17').line, expect.stringContaining(`(first at line ${positionOf(text, 'cidr: 172.16.0.0/16').line}, again at line ${positionOf(text, 'cidr: 172.16.0.0/17').line})`)],
    ]);
    expect(issues.every((i) => i.fix === 'remove one of them')).toBe(true);
  });

  test('an empty file', () => {
    const { issues } = issuesOf('');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: FILE, line: 1, column: 1, path: [], value: null });
    expect(issues[0].message).toBe(`${path.basename(FILE)} is empty: expected a mapping with name, region, organization and hub (and usually spokes)`);
    expect(issues[0].fix).toContain('start from the embedded landing-zone.yaml');
    // A sentence about the file, not `(root): null …`.
    expect(formatIssue(issues[0])).toBe(`${FILE}:1:1 ${path.basename(FILE)} is empty: expected a mapping with name, region, organization and hub (and usually spokes) — start from the embedded landing-zone.yaml and edit it`);
  });

  test('a file with only comments is empty too', () => {
    expect(issuesOf('# nothing yet\n').issues[0].message).toMatch(/ is empty: expected a mapping with name, region/);
  });

  test('a top-level list instead of a mapping', () => {
    const { issues } = issuesOf('- name: shop\n- region: ap-northeast-2\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 1, column: 1, path: [], value: [{ name: 'shop' }, { region: 'ap-northeast-2' }] });
    expect(issues[0].message).toMatch(/ holds a list, not a mapping: expected a mapping with name, region, organization and hub/);
    expect(formatIssue(issues[0])).toBe(`${FILE}:1:1 ${path.basename(FILE)} holds a list, not a mapping: expected a mapping with name, region, organization and hub (and usually spokes) — start from the embedded landing-zone.yaml and edit it`);
  });

  test('a lone scalar: quoted, then the sentence', () => {
    expect(formatIssue(issuesOf('hello\n').issues[0])).toBe(`${FILE}:1:1 "hello" is all ${path.basename(FILE)} holds: expected a mapping with name, region, organization and hub (and usually spokes) — start from the embedded landing-zone.yaml and edit it`);
  });

  test('a missing file', () => {
    expect(() => loadConfig('nope.yaml')).toThrow(ConfigError);
    try {
      loadConfig('nope.yaml');
    } catch (e) {
      const [issue] = (e as ConfigError).issues;
      expect(issue).toMatchObject({ file: 'nope.yaml', line: 1, column: 1 });
      expect(formatIssue(issue)).toBe('nope.yaml:1:1 the config file nope.yaml does not exist — pass an existing file with --config or LZ_CONFIG');
      expect(issue.fix).toContain('--config');
    }
  });
});

describe('YAML aliases (yaml refuses them in toJS; the loader reports where)', () => {
  /** A "billion laughs" file: each of ten levels is a list of ten aliases to the level before, 10^10 values from 10 lines. */
  const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\n`;

  test('an alias bomb is refused at the alias that multiplies the most: a located ConfigError, no stack trace', () => {
    let error: unknown;
    try {
      parseConfig(bomb, FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message } = error as ConfigError;
    expect(issues).toHaveLength(1);
    // j: &j [*i, ...]: each *i stands for the 1 + 10 + ... + 10^9 values of the level below.
    expect(issues[0]).toEqual({
      file: FILE,
      ...positionOf(bomb, 'j: &j [|*i'),
      path: ['j', 0],
      value: '*i',
      message: 'expands YAML aliases beyond the limit of 100 (90 aliases in the file; this one stands for 1,111,111,111 values): yaml says "Excessive alias count indicates a resource exhaustion attack"',
      fix: 'remove the alias/anchor expansion: write the values out instead of repeating *aliases',
    });
    expect(message).toContain(`${FILE}:10:8 j[0]: "*i" expands YAML aliases beyond the limit of 100`);
    expect(message).not.toMatch(/\n\s+at /);
  });

  test('101 uses of one small anchor are over the budget too: reported at the first use', () => {
    const text = `x: &x 1\n${Array.from({ length: 101 }, (_, i) => `k${i}: *x`).join('\n')}\n`;
    const { issues } = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ ...positionOf(text, 'k0: |*x'), path: ['k0'], value: '*x', message: expect.stringContaining('(101 aliases in the file; this one stands for 1 value)') });
  });

  test('an alias to an anchor that is never defined is reported at the alias, inside a list', () => {
    const text = editDefault('availabilityZones: [ap-northeast-2a, ap-northeast-2b, ap-northeast-2c]\n  transitGateway', 'availabilityZones: [ap-northeast-2a, *zone]\n  transitGateway');
    const { issues } = issuesOf(text);
    expect(issues).toEqual([
      {
        file: FILE,
        ...positionOf(text, 'ap-northeast-2a, |*zone'),
        path: ['hub', 'availabilityZones', 1],
        value: '*zone',
        message: 'is a YAML alias, but no anchor &zone is defined before it',
        fix: 'define &zone before this alias, or write the value out',
      },
    ]);
  });

  test('an alias before its anchor is undefined too (YAML reads top down)', () => {
    const text = editDefault('region: ap-northeast-2\n', 'region: *r\nother: &r ap-northeast-2\n');
    expect(issuesOf(text).issues).toEqual([expect.objectContaining({ path: ['region'], value: '*r', message: 'is a YAML alias, but no anchor &r is defined before it', ...positionOf(text, 'region: |*r') })]);
  });

  test('passes: anchors and aliases within the budget load as the values they stand for', () => {
    const text = editDefault('availabilityZones: [ap-northeast-2a, ap-northeast-2b, ap-northeast-2c]\n  transitGateway', 'availabilityZones: &zones [ap-northeast-2a, ap-northeast-2b, ap-northeast-2c]\n  transitGateway').replace(
      'availabilityZones: [ap-northeast-2a, ap-northeast-2b, ap-northeast-2c]\n      egress: central',
      'availabilityZones: *zones\n      egress: central',
    );
    expect(text).toContain('availabilityZones: *zones');
    const loaded = parseConfig(text, FILE);
    expect(loaded.config.spokes[0].vpc.availabilityZones).toEqual(['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c']);
    expect(loaded.config).toEqual(loadConfig().config);
  });
});

describe('schema: account ids', () => {
  test('fewer than 12 digits', () => {
    expectIssue(
      issuesWith((c) => (c.hub.account = '12345')),
      { path: 'hub.account', value: '12345', message: 'must be a 12-digit AWS account id', fix: 'write the 12 digits in quotes', at: '"12345"' },
    );
  });

  test('13 digits in the log archive', () => {
    expectIssue(
      issuesWith((c) => (c.logArchive.account = '2222222222222')),
      { path: 'logArchive.account', value: '2222222222222', message: '12-digit', fix: '12 digits', at: '"2222222222222"' },
    );
  });

  test('an unquoted account id is a number, not a string', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].account = 333333333333)),
      { path: 'spokes[0].account', value: 333333333333, message: 'is a number, expected a string', fix: 'quote it in YAML', at: '333333333333' },
    );
  });

  test('quoted ids with leading zeros are accepted', () => {
    expect(loadWith((c) => (c.spokes[0].account = '012345678901')).landingZone.spokes[0].account).toBe('012345678901');
  });
});

describe('schema: organization id', () => {
  test.each([
    ['too short', 'o-abc'],
    ['too long', `o-${'a'.repeat(33)}`],
    ['upper case', 'o-A1B2C3D4E5'],
    ['no o- prefix', 'a1b2c3d4e5f6'],
  ])('%s', (_label, id) => {
    expectIssue(
      issuesWith((c) => (c.organization.id = id)),
      { path: 'organization.id', value: id, message: '"o-" then 10 to 32 lower-case letters or digits', fix: 'AWS Organizations', at: 'organization:\n  id: |' },
    );
  });

  test.each([`o-${'a'.repeat(10)}`, `o-${'0'.repeat(32)}`])('%s is accepted', (id) => {
    expect(loadWith((c) => (c.organization.id = id)).landingZone.organizationId).toBe(id);
  });
});

describe('schema: names', () => {
  test('upper case in the landing zone name', () => {
    expectIssue(
      issuesWith((c) => (c.name = 'Shop')),
      { path: 'name', value: 'Shop', message: 'must be lower-case letters, digits and hyphens', fix: 'lower-case', at: 'name: |Shop' },
    );
  });

  test('a trailing hyphen', () => {
    expectIssue(issuesWith((c) => (c.spokes[0].segment = 'prod-')), { path: 'spokes[0].segment', value: 'prod-', message: 'not end with a hyphen', fix: 'hyphens', at: 'prod-' });
  });

  test('a landing zone name longer than 20 characters', () => {
    const name = 'a'.repeat(21);
    expectIssue(issuesWith((c) => (c.name = name)), { path: 'name', value: name, message: 'must be at most 20 characters', fix: 'fit that range', at: `name: |${name}` });
  });

  test('a spoke name longer than 32 characters', () => {
    const name = `s${'x'.repeat(32)}`;
    expectIssue(issuesWith((c) => (c.spokes[1].name = name)), { path: 'spokes[1].name', value: name, message: 'at most 32 characters', fix: 'fit that range', at: name });
  });

  test('boundaries are accepted: one letter, exactly 20 characters', () => {
    expect(loadWith((c) => (c.name = 'a')).landingZone.name).toBe('a');
    expect(loadWith((c) => (c.name = 'a'.repeat(20))).landingZone.name).toHaveLength(20);
  });
});

describe('schema: enum values', () => {
  test('a misspelt tier suggests the right one', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[0].tier = 'pubic')),
      { path: 'spokes[0].vpc.subnets[0].tier', value: 'pubic', message: 'is not allowed (did you mean "public"?)', fix: 'use one of: public, app, db, tgw, endpoint', at: 'pubic' },
    );
  });

  test('"web" (the seed\'s name for app) gets no misleading suggestion', () => {
    const issue = expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[2].tier = 'web')),
      { path: 'spokes[0].vpc.subnets[2].tier', value: 'web', message: 'is not allowed', fix: 'app', at: 'web\n' },
    );
    expect(issue.message).not.toContain('did you mean');
  });

  test('a misspelt natGateways mode', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.natGateways = 'peraz')),
      { path: 'spokes[0].vpc.natGateways', value: 'peraz', message: 'did you mean "per-az"?', fix: 'use one of: none, single, per-az', at: 'peraz' },
    );
  });

  test('every tier, egress mode and NAT mode is accepted', () => {
    const loaded = loadWith((c) => {
      c.spokes[0].vpc.subnets[3].tier = 'endpoint';
      // One attachment subnet in each of the three AZs, listed instead of generated.
      c.spokes[0].vpc.subnets.push(...['a', 'b', 'c'].map((az, i) => ({ name: `attach-${az}`, tier: 'tgw', cidr: `172.16.0.${16 * i}/28`, az: `ap-northeast-2${az}` })));
      Object.assign(c.spokes[0].vpc, { egress: 'local', natGateways: 'single' });
      Object.assign(c.spokes[1].vpc, { egress: 'local', natGateways: 'per-az' });
      // Every spoke needs a private subnet (spokeHasPrivateSubnets): one app tier subnet each.
      const app = { app: { prefixLength: 24, count: 1 } };
      c.spokes.push({ name: 'shop-stage', account: '555555555555', segment: 'prod', vpc: { cidr: '172.21.0.0/16', availabilityZones: ['ap-northeast-2a', 'ap-northeast-2c'], egress: 'none', natGateways: 'none', tiers: app } });
      c.spokes.push({ name: 'shop-test', account: '666666666666', segment: 'prod', vpc: { cidr: '172.22.0.0/16', availabilityZones: ['ap-northeast-2a', 'ap-northeast-2c'], egress: 'central', tiers: app } });
    });
    expect(loaded.landingZone.spokes[0].vpc.subnets.map((s) => s.tier)).toEqual(['public', 'public', 'app', 'endpoint', 'db', 'db', 'db', 'tgw', 'tgw', 'tgw']);
    expect(loaded.landingZone.spokes.map((s) => [s.vpc.egress, s.vpc.natGateways])).toEqual([
      ['local', 'single'],
      ['local', 'per-az'],
      ['none', 'none'],
      ['central', 'none'],
    ]);
  });

  test('a misspelt egress mode', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.egress = 'centrl')),
      { path: 'spokes[0].vpc.egress', value: 'centrl', message: 'did you mean "central"?', fix: 'use one of: central, local, none', at: 'centrl' },
    );
  });
});

describe('schema: hub.endpoints and hub.dns', () => {
  test('a misspelt DNS sharing mode', () => {
    expectIssue(issuesWith((c) => (c.hub.dns.sharing = 'route53profile')), {
      path: 'hub.dns.sharing',
      value: 'route53profile',
      message: 'is not allowed (did you mean "route53-profile"?)',
      fix: 'use one of: zone-association, route53-profile',
      at: 'sharing: |route53profile',
    });
  });

  test('an empty service list', () => {
    expectIssue(issuesWith((c) => (c.hub.endpoints.services = [])), { path: 'hub.endpoints.services', value: [], message: 'must have >=1 items', fix: 'fit that range', at: 'services: |[]' });
  });

  test('an endpoints VPC in one AZ', () => {
    expectIssue(issuesWith((c) => (c.hub.endpoints.availabilityZones = ['ap-northeast-2a'])), {
      path: 'hub.endpoints.availabilityZones',
      value: ['ap-northeast-2a'],
      message: 'must have >=2 items',
      fix: 'fit that range',
      at: '    |availabilityZones:\n      - ap-northeast-2a\n  dns:', // appended after services
    });
  });

  test('a misspelt key under inbound suggests the right one', () => {
    const outcome = issuesWith((c) => (c.hub.dns.inbound = { address: [{ az: 'ap-northeast-2a' }, { az: 'ap-northeast-2b' }] }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.dns.inbound.address', value: 'address', message: 'is not a known key (did you mean "addresses"?)', fix: 'use one of: addresses', at: '|address:' });
  });

  test('an openPolicy entry without a reason', () => {
    expectIssue(issuesWith((c) => (c.hub.endpoints.openPolicy = [{ service: 'sts' }])), { path: 'hub.endpoints.openPolicy[0].reason', message: 'is required', fix: 'add reason (a string)', at: '- |service: sts' });
  });

  test('a quoted port is a string, not a number', () => {
    expectIssue(issuesWith((c) => (c.hub.dns.outbound.rules[0].targets[0].port = '53')), {
      path: 'hub.dns.outbound.rules[0].targets[0].port',
      value: '53',
      message: 'is a string, expected a number',
      fix: 'write a number',
      at: 'port: |"53"',
    });
  });

  test('a forwarding rule without targets', () => {
    expectIssue(issuesWith((c) => (c.hub.dns.outbound.rules[0].targets = [])), { path: 'hub.dns.outbound.rules[0].targets', value: [], message: 'must have >=1 items', fix: 'fit that range', at: 'targets: |[]' });
  });
});

describe('schema: unknown keys', () => {
  test('a misspelt VPC key suggests the right one and points at the key', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.natGateway = 'single')),
      { path: 'spokes[0].vpc.natGateway', value: 'natGateway', message: 'is not a known key (did you mean "natGateways"?)', fix: 'use one of: cidr, ipamPool, prefixLength, availabilityZones, subnets, tiers, natGateways, egress', at: 'natGateway: |single' },
    );
  });

  test('an unknown top-level key with a block value is located at the key line', () => {
    const outcome = issuesWith((c) => (c.hubb = { account: '111111111111' }));
    expectIssue(outcome, { path: 'hubb', value: 'hubb', message: 'did you mean "hub"?', fix: 'remove it', at: 'hubb:' });
  });

  test('an unknown tier key suggests a tier', () => {
    const outcome = issuesWith((c) => (c.spokes[1].vpc.tiers.pubic = { prefixLength: 24, count: 1 }));
    expectIssue(outcome, { path: 'spokes[1].vpc.tiers.pubic', value: 'pubic', message: 'did you mean "public"?', fix: 'public, app, db, tgw, endpoint', at: 'pubic:' });
  });

  test('an unknown subnet key far from every known one gets no suggestion', () => {
    const issue = expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[0].zone = 'ap-northeast-2a')),
      { path: 'spokes[0].vpc.subnets[0].zone', value: 'zone', message: 'is not a known key', fix: 'name, tier, cidr, az', at: 'zone: |ap-northeast-2a' },
    );
    expect(issue.message).not.toContain('did you mean');
  });
});

describe('schema: missing required fields', () => {
  test('a missing top-level key is reported at the top of the file', () => {
    expectIssue(issuesWith((c) => delete c.region), { path: 'region', message: 'is required', fix: 'add region (a string)', at: { line: 1, column: 1 } });
  });

  test('a missing nested key is reported at its parent key', () => {
    // (A missing cidr is no schema error since a VPC may take its range from an IPAM pool: __tests__/config/ipam-allocation.test.ts.)
    const outcome = issuesWith((c) => delete c.spokes[0].vpc.availabilityZones);
    expectIssue(outcome, { path: 'spokes[0].vpc.availabilityZones', message: 'is required', fix: 'add availabilityZones', at: '    |vpc:' });
  });

  test('a missing mapping says so', () => {
    expectIssue(issuesWith((c) => delete c.spokes[1].vpc), { path: 'spokes[1].vpc', message: 'is required', fix: 'add vpc (a mapping)', at: '- |name: shop-dev' });
  });

  test('a missing organization id inside an empty mapping', () => {
    expectIssue(issuesWith((c) => (c.organization = {})), { path: 'organization.id', message: 'is required', fix: 'add id', at: 'organization: |{}' });
  });
});

describe('schema: wrong types', () => {
  test('tags as a list', () => {
    expectIssue(issuesWith((c) => (c.tags = ['a'])), { path: 'tags', value: ['a'], message: 'is a list, expected a mapping', fix: 'write a mapping', at: 'tags:' });
  });

  test('availability zones as one string', () => {
    expectIssue(
      issuesWith((c) => (c.hub.availabilityZones = 'ap-northeast-2a')),
      { path: 'hub.availabilityZones', value: 'ap-northeast-2a', message: 'is a string, expected a list', fix: 'write a list', at: '  availabilityZones: |ap-northeast-2a' },
    );
  });

  test('spokes as a mapping', () => {
    expectIssue(issuesWith((c) => (c.spokes = { 'shop-prod': {} })), { path: 'spokes', value: { 'shop-prod': {} }, message: 'is a mapping, expected a list', fix: 'write a list', at: 'spokes:' });
  });

  test('an empty value where a mapping belongs', () => {
    expectIssue(issuesWith((c) => (c.organization = null)), { path: 'organization', value: null, message: 'is empty, expected a mapping', fix: 'write a mapping', at: 'organization: |' });
  });

  test('a fractional subnet count', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].vpc.tiers.app.count = 1.5)),
      { path: 'spokes[1].vpc.tiers.app.count', value: 1.5, message: 'expected an integer', fix: 'write an integer', at: '1.5' },
    );
  });
});

describe('schema: ranges and list lengths', () => {
  test('a tier prefix length below /16', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].vpc.tiers.app.prefixLength = 12)),
      { path: 'spokes[1].vpc.tiers.app.prefixLength', value: 12, message: 'must be >=16', fix: 'fit that range', at: 'prefixLength: |12' },
    );
  });

  test('a tier prefix length above /28', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].vpc.tiers.app.prefixLength = 29)),
      { path: 'spokes[1].vpc.tiers.app.prefixLength', value: 29, message: 'must be <=28', fix: 'fit that range', at: 'prefixLength: |29' },
    );
  });

  test('the hub needs two availability zones', () => {
    expectIssue(
      issuesWith((c) => (c.hub.availabilityZones = ['ap-northeast-2a'])),
      { path: 'hub.availabilityZones', value: ['ap-northeast-2a'], message: 'at least two availability zones', fix: 'fit that range', at: 'hub:\n  account: "111111111111"\n  |availabilityZones:' },
    );
  });

  test('a role ARN that is not a role', () => {
    expectIssue(
      issuesWith((c) => (c.hub.roleArn = 'arn:aws:iam::111111111111:user/deploy')),
      { path: 'hub.roleArn', value: 'arn:aws:iam::111111111111:user/deploy', message: 'must be an IAM role ARN', fix: 'role/<role name>', at: 'arn:aws' },
    );
  });

  test('a log expiration of 1 day (the transition needs a day before it)', () => {
    const outcome = issuesWith((c) => (c.logArchive.lifecycle = { transitionDays: 1, expirationDays: 1 }));
    // The schema stops here: no second report from the lifecycle rule.
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'logArchive.lifecycle.expirationDays', value: 1, message: 'must be >=2', fix: 'fit that range', at: 'expirationDays: |1' });
  });

  test('a log transition after 0 days', () => {
    expectIssue(
      issuesWith((c) => (c.logArchive.lifecycle = { transitionDays: 0 })),
      { path: 'logArchive.lifecycle.transitionDays', value: 0, message: 'must be >=1', fix: 'fit that range', at: 'transitionDays: |0' },
    );
  });

  test('accepted: the shortest lifecycle, 1 and 2 days', () => {
    expect(loadWith((c) => (c.logArchive.lifecycle = { transitionDays: 1, expirationDays: 2 })).landingZone.logArchive.lifecycle).toEqual({ transitionDays: 1, expirationDays: 2 });
  });

  test('accepted by the schema: a /16 tier prefix, which then leaves no room for the attachment subnets', () => {
    const outcome = issuesWith((c) => (c.spokes[1].vpc.tiers = { app: { prefixLength: 16, count: 1 } }));
    // The only problem is the one subnet generation reports, not the schema's range.
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[1].vpc.cidr', value: '172.20.0.0/16', message: 'has no room left for the 2 /28 Transit Gateway attachment subnets', fix: 'use a larger VPC', at: '172.20.0.0/16' });
  });

  test('accepted: a /28 tier prefix', () => {
    const small = loadWith((c) => (c.spokes[1].vpc.tiers = { app: { prefixLength: 28, count: 1 } }));
    expect(small.landingZone.spokes[1].vpc.subnets.map((s) => `${s.tier} ${s.cidr}`)).toEqual(['app 172.20.0.0/28', 'tgw 172.20.0.16/28', 'tgw 172.20.0.32/28']);
  });

  test('a one-AZ spoke VPC passes the schema, but its single attachment subnet does not', () => {
    const outcome = issuesWith((c) => (c.spokes[1].vpc.availabilityZones = ['ap-northeast-2a']));
    expect(outcome.issues.map((i) => i.message)).not.toContainEqual(expect.stringContaining('at least one availability zone'));
    expectIssue(outcome, { path: 'spokes[1].vpc.availabilityZones', value: 'ap-northeast-2a', message: 'is the only AZ with a Transit Gateway attachment subnet', fix: 'list two AZs', at: '172.20.0.0/16\n      |availabilityZones:' });
  });
});

describe('schema: a value or a list (unions)', () => {
  test('a wrong type inside a list of prefixes is reported at the element, not as "Invalid input" at the list', () => {
    const outcome = issuesWith((c) => (c.hub.directConnect.allowedPrefixes = [12345, '172.16.0.0/12']));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.directConnect.allowedPrefixes[0]', value: 12345, message: 'is a number, expected a string', fix: 'write a string (quote it in YAML)', at: '- |12345' });
  });

  test('every bad element is reported, each at its index', () => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.shareWith = ['ou-abcd-11111111', true, { id: 1 }]));
    expect(outcome.issues.map((i) => [formatPath(i.path), i.message])).toEqual([
      ['hub.transitGateway.shareWith[1]', 'is a boolean, expected a string'],
      ['hub.transitGateway.shareWith[2]', 'is a mapping, expected a string'],
    ]);
  });

  test('a misspelt keyword suggests it and names every accepted form', () => {
    expectIssue(issuesWith((c) => (c.hub.directConnect.allowedPrefixes = 'autoo')), {
      path: 'hub.directConnect.allowedPrefixes',
      value: 'autoo',
      message: 'is not allowed (did you mean "auto"?)',
      fix: 'use one of: auto, internal, a list',
      at: 'allowedPrefixes: |autoo',
    });
    expectIssue(issuesWith((c) => (c.hub.transitGateway.shareWith = 'organisation')), {
      path: 'hub.transitGateway.shareWith',
      value: 'organisation',
      message: 'is not allowed (did you mean "organization"?)',
      fix: 'use one of: organization, a list',
      at: 'shareWith: |organisation',
    });
  });

  test('a number that is none of the allowed ones lists them', () => {
    expectIssue(issuesWith((c) => (c.hub.directConnect.virtualInterfaces[0].mtu = 9001)), {
      path: 'hub.directConnect.virtualInterfaces[0].mtu',
      value: 9001,
      message: /^is not allowed$/,
      fix: 'use one of: 1500, 8500',
      at: 'mtu: |9001',
    });
  });

  test('passes: auto, an explicit list, and both MTUs', () => {
    expect(loadWith((c) => (c.hub.directConnect.allowedPrefixes = ['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16'])).landingZone.hub.directConnect?.allowedPrefixes).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
    expect(loadWith((c) => (c.hub.directConnect.virtualInterfaces[0].mtu = 1500)).landingZone.hub.directConnect?.virtualInterfaces[0]).toMatchObject({ mtu: 1500 });
  });
});

describe('schema: AWS length limits', () => {
  test('a tag key over 128 characters is reported at the key, with the key as the value', () => {
    const key = `k${'e'.repeat(128)}`;
    expectIssue(issuesWith((c) => (c.tags[key] = 'v')), { path: `tags.${key}`, value: key, message: 'must be at most 128 characters (the AWS limit for a tag key)', fix: 'shorten or rename the key', at: `${key}: |v` });
  });

  test('a tag value over 256 characters; a tag called "name" gets the tag fix, not the fix for the config key name', () => {
    const value = 'v'.repeat(257);
    expectIssue(issuesWith((c) => (c.tags.name = value)), { path: 'tags.name', value, message: 'must be at most 256 characters (the AWS limit for a tag value)', fix: 'shorten the tag value to at most 256 characters', at: `name: |${value}` });
  });

  test('passes: a 128-character tag key with a 256-character value, and an empty value', () => {
    const key = 'k'.repeat(128);
    const tags = loadWith((c) => {
      c.tags[key] = 'v'.repeat(256);
      c.tags.Empty = '';
    }).landingZone.tags;
    expect([tags[key].length, tags.Empty]).toEqual([256, '']);
  });

  test.each([
    ['over 1024 characters', `/${'h'.repeat(1024)}`, 'must be at most 1024 characters (the AWS limit for a health check path)', 'shorten the path'],
    ['without the leading slash', 'health', 'must start with "/" and contain no spaces, e.g. /health', 'write a path such as /health'],
    ['with a space', '/health check', 'must start with "/" and contain no spaces, e.g. /health', 'write a path such as /health'],
  ])('an ALB health check path %s', (_label, path, message, fix) => {
    const outcome = issuesWith((c) => (c.spokes[0].alb.hosts[1].healthCheckPath = path));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.hosts[1].healthCheckPath', value: path, message, fix, at: `healthCheckPath: |${path}` });
  });

  test('passes: a 1024-character health check path, and the default /', () => {
    const path = `/${'h'.repeat(1023)}`;
    const hosts = loadWith((c) => {
      c.spokes[0].alb.hosts[0].healthCheckPath = path;
      delete c.spokes[0].alb.hosts[1].healthCheckPath;
    }).config.spokes[0].alb!.hosts;
    expect(hosts.map((h) => h.healthCheckPath)).toEqual([path, '/']);
  });

  test('a Direct Connect location over 256 characters (only a label, but it becomes the Location tag value)', () => {
    const location = 'L'.repeat(257);
    expectIssue(issuesWith((c) => (c.hub.directConnect.virtualInterfaces[0].location = location)), {
      path: 'hub.directConnect.virtualInterfaces[0].location',
      value: location,
      message: 'must be at most 256 characters (it becomes the Location tag value)',
      fix: 'shorten it: it is only a label for people',
      at: `location: |${location}`,
    });
  });

  test('passes: a 256-character location', () => {
    const location = 'L'.repeat(256);
    expect(loadWith((c) => (c.hub.directConnect.virtualInterfaces[0].location = location)).landingZone.hub.directConnect?.virtualInterfaces[0].location).toBe(location);
  });

  test.each([
    ['amazonAddress', '169.254.100.1/30'],
    ['customerAddress', '169.254.100.2/30'],
  ])('an empty %s is an error, not an absent one', (key, example) => {
    const outcome = issuesWith((c) => (c.hub.directConnect.virtualInterfaces[0][key] = ''));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: `hub.directConnect.virtualInterfaces[0].${key}`,
      value: '',
      message: /^must not be empty$/,
      fix: `write an address with its prefix such as ${example}, or remove both peer addresses (AWS then assigns them)`,
      at: `${key}: |""`,
    });
  });
});

describe('problems in file order (issue 22)', () => {
  test('ConfigError sorts its issues by file, line and column, keeping the order of issues at one position', () => {
    const at = (line: number, column: number, message: string) => ({ file: 'lz.yaml', line, column, path: ['x'], value: 1, message, fix: 'f' });
    const e = new ConfigError([at(9, 3, 'c'), at(2, 5, 'b'), at(2, 1, 'a'), at(9, 3, 'd')]);
    expect(e.issues.map((i) => i.message)).toEqual(['a', 'b', 'c', 'd']);
    expect(e.message.split('\n').slice(1).map((l) => l.split(' ')[0])).toEqual(['lz.yaml:2:1', 'lz.yaml:2:5', 'lz.yaml:9:3', 'lz.yaml:9:3']);
  });

  test('an unknown key does not hide rule problems: both are reported, in file order', () => {
    const text = defaultText.replace('cidr: 172.20.0.0/16', 'cidr: 172.16.0.0/16').replace('      egress: central\n      subnets:', '      egres: central\n      subnets:');
    const { issues } = issuesOf(text);
    expect(issues.map((i) => formatPath(i.path))).toEqual(['spokes[0].vpc.egres', 'spokes[1].vpc.cidr']);
    expect(issues[0].line).toBeLessThan(issues[1].line);
  });

  test('any other shape problem stops before the rules', () => {
    const text = defaultText.replace('cidr: 172.20.0.0/16', 'cidr: 172.16.0.0/16').replace('account: "444444444444"', 'account: "4444"');
    expect(issuesOf(text).issues.map((i) => formatPath(i.path))).toEqual(['spokes[1].account']);
  });
});

describe('defaultConfigPath (the compiled CLI reads the project file, not its build copy)', () => {
  const { defaultConfigPath } = jest.requireActual('../../config/load') as typeof import('../../config/load');
  const fsx = jest.requireActual('node:fs') as typeof import('node:fs');
  const pathx = jest.requireActual('node:path') as typeof import('node:path');
  const osx = jest.requireActual('node:os') as typeof import('node:os');

  test('from dist/ with the project file one level up: the project file', () => {
    const root = fsx.mkdtempSync(pathx.join(osx.tmpdir(), 'lz-default-'));
    fsx.mkdirSync(pathx.join(root, 'dist'));
    fsx.writeFileSync(pathx.join(root, 'landing-zone.yaml'), 'name: a\n');
    fsx.writeFileSync(pathx.join(root, 'dist', 'landing-zone.yaml'), 'name: stale\n');
    expect(defaultConfigPath(pathx.join(root, 'dist'))).toBe(pathx.join(root, 'landing-zone.yaml'));
    fsx.rmSync(pathx.join(root, 'landing-zone.yaml'));
    // A dist/ shipped alone (the synth artifact) keeps its own copy.
    expect(defaultConfigPath(pathx.join(root, 'dist'))).toBe(pathx.join(root, 'dist', 'landing-zone.yaml'));
    fsx.rmSync(root, { recursive: true, force: true });
  });

  test('from the source tree: the file beside the code', () => {
    expect(defaultConfigPath(pathx.join('some', 'project'))).toBe(pathx.join('some', 'project', 'landing-zone.yaml'));
  });
});
