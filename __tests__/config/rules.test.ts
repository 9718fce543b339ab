/**
 * config/validate: one describe per rule in RULES (plus tier expansion, which runs before them),
 * each with failing cases that pin path, value, message, fix and position, and a passing case.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENDPOINT_CATALOG } from '../../lib/aws/endpoints';
import { loadConfig, parseConfig } from '../../config/load';
import { tempDir } from '../helpers/temp';
import { formatIssue, formatPath } from '../../config/issues';
import { spokeVpcName } from '../../lib/names';
import { RULES } from '../../config/validate';
import { configText, expectIssue, issuesWith, loadWith, pathsBySeverity, positionOf, RawConfig, warningsWith } from '../helpers/config';

const ROOT = path.join(__dirname, '..', '..');

/** Rule names this file has a describe for; checked against RULES at the end. */
const covered: string[] = [];
const describeRule = (name: keyof typeof RULES & string, body: () => void) => {
  covered.push(name);
  describe(name, body);
};

/**
 * A spoke with only a VPC in two AZs, one /28 app subnet (a spoke needs a private subnet:
 * spokeHasPrivateSubnets) and the two /28 attachment subnets a Transit Gateway attachment takes; no NAT.
 */
const bareSpoke = (name: string, account: string, cidr: string): RawConfig => ({
  name,
  account,
  segment: 'prod',
  vpc: { cidr, availabilityZones: ['ap-northeast-2a', 'ap-northeast-2c'], natGateways: 'none', tiers: { app: { prefixLength: 28, count: 1 } } },
});

describeRule('roleInOwnAccount', () => {
  test('a spoke role in the hub account', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].roleArn = 'arn:aws:iam::111111111111:role/Deploy')),
      {
        path: 'spokes[0].roleArn',
        value: 'arn:aws:iam::111111111111:role/Deploy',
        message: 'is in account 111111111111, but this stack deploys to account 333333333333',
        fix: 'arn:aws:iam::333333333333:role/<name>',
        at: 'arn:aws:iam::111111111111:role/Deploy',
      },
    );
  });

  test("a spoke's hub role outside the hub account; passes: one in the hub account", () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].hubRoleArn = 'arn:aws:iam::444444444444:role/HubSide')),
      { path: 'spokes[1].hubRoleArn', value: 'arn:aws:iam::444444444444:role/HubSide', message: 'is in account 444444444444, but this stack deploys to account 111111111111', fix: 'arn:aws:iam::111111111111:role/<name>', at: 'arn:aws:iam::444444444444:role/HubSide' },
    );
    const lz = loadWith((c) => (c.spokes[1].hubRoleArn = 'arn:aws:iam::111111111111:role/HubSide')).landingZone;
    expect(lz.spokes.map((s) => s.hubRoleArn)).toEqual(['arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', 'arn:aws:iam::111111111111:role/HubSide']);
  });

  test('hub and log archive roles swapped: both reported', () => {
    const outcome = issuesWith((c) => {
      c.hub.roleArn = 'arn:aws:iam::222222222222:role/Deploy';
      c.logArchive.roleArn = 'arn:aws:iam::111111111111:role/Deploy';
    });
    expect(outcome.issues).toHaveLength(2);
    expectIssue(outcome, { path: 'hub.roleArn', value: 'arn:aws:iam::222222222222:role/Deploy', message: 'deploys to account 111111111111', fix: 'use a role in 111111111111', at: 'arn:aws:iam::222222222222' });
    expectIssue(outcome, { path: 'logArchive.roleArn', value: 'arn:aws:iam::111111111111:role/Deploy', message: 'deploys to account 222222222222', fix: 'use a role in 222222222222', at: 'arn:aws:iam::111111111111' });
  });

  test('a log archive without its own account deploys to the hub account', () => {
    expectIssue(
      issuesWith((c) => {
        delete c.logArchive.account;
        c.logArchive.roleArn = 'arn:aws:iam::222222222222:role/Logs';
      }),
      { path: 'logArchive.roleArn', value: 'arn:aws:iam::222222222222:role/Logs', message: 'deploys to account 111111111111', fix: 'arn:aws:iam::111111111111:role/<name>', at: 'arn:aws' },
    );
  });

  test('passes: roles in their own accounts; a shared log archive inherits the hub role', () => {
    const lz = loadWith((c) => {
      c.hub.roleArn = 'arn:aws:iam::111111111111:role/NetworkDeploy';
      c.spokes[0].roleArn = 'arn:aws-us-gov:iam::333333333333:role/Deploy';
      delete c.logArchive.account;
    }).landingZone;
    expect(lz.logArchive).toEqual({
      account: '111111111111',
      roleArn: 'arn:aws:iam::111111111111:role/NetworkDeploy',
      // The bucket name follows the account the archive deploys to.
      bucketName: 'shop-logs-111111111111-ap-northeast-2',
      lifecycle: { transitionDays: 90, expirationDays: 400 },
      logDeliveryScope: 'accounts',
      logSourceAccounts: ['111111111111', '333333333333', '444444444444'],
    });
    expect(lz.spokes[0].roleArn).toBe('arn:aws-us-gov:iam::333333333333:role/Deploy');
  });
});

describeRule('knownRegion', () => {
  test('an unknown region suggests the closest known one', () => {
    expectIssue(
      issuesWith((c) => (c.region = 'ap-northeast-22')),
      { path: 'region', value: 'ap-northeast-22', message: 'is not a known AWS region (did you mean "ap-northeast-2"?)', fix: 'use a region code such as ap-northeast-2', at: 'region: |ap-northeast-22' },
    );
  });

  test('an unknown region is one problem, not one more per availability zone', () => {
    expect(issuesWith((c) => (c.region = 'ap-northeast-22')).issues).toHaveLength(1);
  });

  test('a name that is an Object.prototype member is unknown, not a crash', () => {
    expectIssue(issuesWith((c) => (c.region = 'constructor')), { path: 'region', value: 'constructor', message: 'is not a known AWS region', fix: 'known: af-south-1', at: 'region: |constructor' });
  });

  test('passes: another region with its own zones', () => {
    const lz = loadWith((c) => {
      c.region = 'us-east-1';
      // ACM certificates are regional: the load balancer's moves with it.
      c.spokes[0].alb.certificateArn = c.spokes[0].alb.certificateArn.replace('ap-northeast-2', 'us-east-1');
      const azs = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
      c.hub.availabilityZones = azs;
      c.spokes[0].vpc.availabilityZones = azs;
      for (const s of c.spokes[0].vpc.subnets) s.az = s.az.replace('ap-northeast-2', 'us-east-1');
      c.spokes[1].vpc.availabilityZones = ['us-east-1a', 'us-east-1f'];
      for (const a of c.hub.dns.inbound.addresses) a.az = a.az.replace('ap-northeast-2', 'us-east-1');
    }).landingZone;
    expect(lz.region).toBe('us-east-1');
    // The endpoints VPC follows the hub AZs, and its service names the region.
    expect(lz.hub.endpoints?.availabilityZones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(lz.hub.endpoints?.services[0].serviceName).toBe('com.amazonaws.us-east-1.ssm');
  });
});

describeRule('zonesInRegion', () => {
  test('an AZ of another region in a VPC list', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].vpc.availabilityZones[1] = 'us-east-1c')),
      { path: 'spokes[1].vpc.availabilityZones[1]', value: 'us-east-1c', message: 'is not an availability zone of ap-northeast-2', fix: 'ap-northeast-2 followed by a zone letter', at: 'us-east-1c' },
    );
  });

  test('a zone letter the region does not have', () => {
    expectIssue(
      issuesWith((c) => (c.hub.availabilityZones[2] = 'ap-northeast-2e')),
      { path: 'hub.availabilityZones[2]', value: 'ap-northeast-2e', message: 'does not exist in ap-northeast-2', fix: 'use one of ap-northeast-2a, ap-northeast-2b, ap-northeast-2c, ap-northeast-2d', at: 'ap-northeast-2e' },
    );
  });

  test('a zone listed twice', () => {
    expectIssue(
      issuesWith((c) => (c.hub.availabilityZones[1] = 'ap-northeast-2a')),
      { path: 'hub.availabilityZones[1]', value: 'ap-northeast-2a', message: 'is listed twice', fix: 'list each availability zone once', at: '  availabilityZones:\n    - ap-northeast-2a\n    - |ap-northeast-2a' },
    );
  });

  test('an egress VPC AZ of another region', () => {
    expectIssue(
      issuesWith((c) => (c.hub.egress.availabilityZones = ['ap-northeast-2a', 'us-east-1b'])),
      { path: 'hub.egress.availabilityZones[1]', value: 'us-east-1b', message: 'is not an availability zone of ap-northeast-2', fix: 'ap-northeast-2 followed by a zone letter', at: 'us-east-1b' },
    );
  });

  test('an endpoints VPC AZ of another region', () => {
    const outcome = issuesWith((c) => {
      c.hub.endpoints.availabilityZones = ['ap-northeast-2a', 'us-east-1b'];
      c.hub.dns.inbound = {};
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.endpoints.availabilityZones[1]', value: 'us-east-1b', message: 'is not an availability zone of ap-northeast-2', fix: 'ap-northeast-2 followed by a zone letter', at: 'us-east-1b' });
  });

  test('passes: endpoints VPC AZs of the region, not all of the hub AZs', () => {
    const lz = loadWith((c) => {
      c.hub.endpoints.availabilityZones = ['ap-northeast-2b', 'ap-northeast-2d'];
      c.hub.dns.inbound = {};
    }).landingZone;
    expect(lz.hub.endpoints?.availabilityZones).toEqual(['ap-northeast-2b', 'ap-northeast-2d']);
  });

  test('passes: egress VPC AZs of the region, a subset of the hub AZs', () => {
    const lz = loadWith((c) => (c.hub.egress.availabilityZones = ['ap-northeast-2a', 'ap-northeast-2c'])).landingZone;
    expect(lz.hub.egress?.availabilityZones).toEqual(['ap-northeast-2a', 'ap-northeast-2c']);
  });

  test('a typo suggests the zone', () => {
    expectIssue(
      issuesWith((c) => (c.hub.availabilityZones[2] = 'ap-northeast2c')),
      { path: 'hub.availabilityZones[2]', value: 'ap-northeast2c', message: '(did you mean "ap-northeast-2c"?)', fix: 'e.g. ap-northeast-2a', at: 'ap-northeast2c' },
    );
  });

  test('passes: ap-northeast-1 has a, c and d but no b', () => {
    const tokyo = (c: RawConfig, azs: string[]) => {
      c.region = 'ap-northeast-1';
      c.hub.availabilityZones = azs;
      c.spokes = [];
      // Resolver addresses default to the first two AZs of the endpoints VPC (the hub's here).
      c.hub.dns.inbound = {};
    };
    const hub = loadWith((c) => tokyo(c, ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'])).landingZone.hub;
    expect(hub.availabilityZones).toHaveLength(3);
    expect(hub.dns.inbound?.addresses).toEqual([{ az: 'ap-northeast-1a' }, { az: 'ap-northeast-1c' }]);
    expectIssue(issuesWith((c) => tokyo(c, ['ap-northeast-1a', 'ap-northeast-1b'])), {
      path: 'hub.availabilityZones[1]',
      value: 'ap-northeast-1b',
      message: 'does not exist in ap-northeast-1',
      fix: 'ap-northeast-1a, ap-northeast-1c, ap-northeast-1d',
      at: 'ap-northeast-1b',
    });
  });
});

describeRule('subnetZoneInVpc', () => {
  test('a subnet AZ of the region that the VPC does not span', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[5].az = 'ap-northeast-2d')),
      {
        path: 'spokes[0].vpc.subnets[5].az',
        value: 'ap-northeast-2d',
        message: "is not in this VPC's availabilityZones [ap-northeast-2a, ap-northeast-2b, ap-northeast-2c]",
        fix: 'add this zone to vpc.availabilityZones',
        at: 'az: |ap-northeast-2d',
      },
    );
  });

  test('a subnet AZ of another region', () => {
    const issue = expectIssue(issuesWith((c) => (c.spokes[0].vpc.subnets[0].az = 'us-east-1a')), {
      path: 'spokes[0].vpc.subnets[0].az',
      value: 'us-east-1a',
      message: "is not in this VPC's availabilityZones",
      fix: 'use one of the VPC availability zones',
      at: 'az: |us-east-1a',
    });
    expect(issue.message).not.toContain('did you mean');
  });

  test('passes: generated subnets take the VPC zones round-robin', () => {
    const dev = loadWith().landingZone.spokes[1];
    // app, db and public tiers, then the generated /28 attachment subnets, each pair over 2a and 2c.
    expect(dev.vpc.subnets.map((s) => `${s.tier} ${s.az}`)).toEqual([
      'app ap-northeast-2a',
      'app ap-northeast-2c',
      'db ap-northeast-2a',
      'db ap-northeast-2c',
      'public ap-northeast-2a',
      'public ap-northeast-2c',
      'tgw ap-northeast-2a',
      'tgw ap-northeast-2c',
    ]);
  });
});

describeRule('uniqueSpokeNames', () => {
  test('a second spoke with the same name', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].name = 'shop-prod')),
      { path: 'spokes[1].name', value: 'shop-prod', message: 'is already used by spokes[0]', fix: 'give every spoke its own name', at: ['- name: |shop-prod', 2] },
    );
  });

  test('every repeat points at the first use', () => {
    const outcome = issuesWith((c) => {
      c.spokes[1].name = 'shop-prod';
      c.spokes.push(bareSpoke('shop-prod', '555555555555', '10.0.0.0/16'));
    });
    expect(outcome.issues.filter((i) => i.severity !== 'warning').map((i) => i.message)).toEqual(['is already used by spokes[0]', 'is already used by spokes[0]']);
    // allowedPrefixes: auto takes the new 10.0.0.0/16 in: no warning, only the two errors.
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[1].name', 'spokes[2].name'], warnings: [] });
    expectIssue(outcome, { path: 'spokes[2].name', value: 'shop-prod', message: 'spokes[0]', fix: 'own name', at: ['- name: |shop-prod', 3] });
  });

  test('passes: distinct names', () => {
    expect(loadWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '10.0.0.0/16'))).landingZone.spokes).toHaveLength(3);
  });
});

describeRule('uniqueSubnetNames', () => {
  test('two explicit subnets with one name', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[4].name = 'web-1')),
      { path: 'spokes[0].vpc.subnets[4].name', value: 'web-1', message: 'is already used by the subnet at spokes[0].vpc.subnets[2]', fix: 'give every subnet in the VPC its own name', at: ['name: |web-1', 2] },
    );
  });

  test('in a VPC that also has tiers, the later subnet in the file is the duplicate', () => {
    expectIssue(
      issuesWith((c) => {
        c.spokes[1].vpc.subnets = [
          { name: 'edge', tier: 'public', cidr: '172.20.255.0/24', az: 'ap-northeast-2a' },
          { name: 'edge', tier: 'public', cidr: '172.20.254.0/24', az: 'ap-northeast-2c' },
        ];
      }),
      { path: 'spokes[1].vpc.subnets[1].name', value: 'edge', message: 'already used by the subnet at spokes[1].vpc.subnets[0]', fix: 'its own name', at: ['name: |edge', 2] },
    );
  });

  test('passes: a generated subnet steps around an explicit name instead of clashing', () => {
    const dev = loadWith((c) => {
      c.spokes[1].vpc.subnets = [{ name: 'public-1', tier: 'public', cidr: '172.20.255.0/24', az: 'ap-northeast-2a' }];
    }).landingZone.spokes[1];
    const names = dev.vpc.subnets.map((s) => s.name);
    expect(names).toEqual(['public-1', 'app-1', 'app-2', 'db-1', 'db-2', 'public-1-2', 'public-2', 'tgw-1', 'tgw-2']);
    expect(new Set(names).size).toBe(names.length);
  });

  test('passes: the same subnet name in two VPCs', () => {
    expect(() => loadWith((c) => (c.spokes[1].vpc.subnets = [{ name: 'web-1', tier: 'app', cidr: '172.20.255.0/24', az: 'ap-northeast-2a' }]))).not.toThrow();
  });
});

describeRule('workspaceNamesFit', () => {
  // "shop-spoke-shop-prod-vpn-pki" is 28 characters, "shop-spoke-shop-dev-vpn-pki" 27.
  test('a workspace name of 91 characters', () => {
    const outcome = issuesWith((c) => (c.terraformCloud = { organization: 'acme', workspacePrefix: 'p'.repeat(63) }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].name',
      value: 'shop-prod',
      message: `makes the workspace name "${'p'.repeat(63)}shop-spoke-shop-prod-vpn-pki" 91 characters long, over Terraform Cloud's 90`,
      fix: 'shorten the spoke name, the landing zone name or the workspace prefix',
      at: '- name: |shop-prod',
    });
  });

  test('passes: exactly 90 characters', () => {
    const lz = loadWith((c) => (c.terraformCloud = { organization: 'acme', workspacePrefix: 'p'.repeat(62) })).landingZone;
    expect(lz.terraformCloud?.workspacePrefix).toHaveLength(62);
  });
});

describeRule('cidrSyntaxAndSize', () => {
  test('host bits set: the network address is suggested', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[0].cidr = '172.16.1.5/24')),
      { path: 'spokes[0].vpc.subnets[0].cidr', value: '172.16.1.5/24', message: 'has host bits set (the network address of /24 is 172.16.1.0/24)', fix: 'write 172.16.1.0/24', at: 'cidr: |172.16.1.5/24' },
    );
  });

  test('host bits in the VPC CIDR', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].vpc.cidr = '172.20.5.0/16')),
      { path: 'spokes[1].vpc.cidr', value: '172.20.5.0/16', message: 'has host bits set', fix: 'write 172.20.0.0/16', at: '172.20.5.0/16' },
    );
  });

  test.each([
    ['no prefix', '172.16.1.0', 'is not a CIDR block (expected a.b.c.d/n)'],
    ['an octet above 255', '172.16.300.0/24', 'is not a valid IPv4 CIDR block'],
    ['IPv6', '2001:db8::/64', 'is not an IPv4 CIDR block in dotted-quad form'],
    ['a short form', '172.16/16', 'dotted-quad'],
  ])('%s', (_label, cidr, message) => {
    // The value of subnets[1] (public-2), whether or not YAML quotes it.
    const at = 'name: public-2\n          tier: public\n          cidr: |';
    expectIssue(issuesWith((c) => (c.spokes[0].vpc.subnets[1].cidr = cidr)), { path: 'spokes[0].vpc.subnets[1].cidr', value: cidr, message, fix: 'write an IPv4 block such as 172.16.0.0/16', at });
  });

  test('a /15 VPC is too large', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.cidr = '172.16.0.0/15')),
      { path: 'spokes[0].vpc.cidr', value: '172.16.0.0/15', message: 'is a /15, but a VPC must be between /16 and /28', fix: 'pick a prefix length from 16 to 28', at: '172.16.0.0/15' },
    );
  });

  test('a /29 VPC is too small', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0] = bareSpoke('shop-prod', '333333333333', '172.16.0.0/29'))),
      { path: 'spokes[0].vpc.cidr', value: '172.16.0.0/29', message: 'is a /29, but a VPC must be between /16 and /28', fix: 'from 16 to 28', at: '172.16.0.0/29' },
    );
  });

  test('a /29 subnet is too small', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[6].cidr = '172.16.160.0/29')),
      { path: 'spokes[0].vpc.subnets[6].cidr', value: '172.16.160.0/29', message: 'a subnet must be between /16 and /28', fix: 'from 16 to 28', at: '172.16.160.0/29' },
    );
  });

  test.each([
    ['a /25', '10.255.0.0/25', 'is a /25, but the egress VPC must be between /16 and /24'],
    ['a /15', '10.254.0.0/15', 'is a /15, but the egress VPC must be between /16 and /24'],
  ])('%s egress VPC', (_label, cidr, message) => {
    expectIssue(issuesWith((c) => (c.hub.egress.cidr = cidr)), { path: 'hub.egress.cidr', value: cidr, message, fix: 'use a /24 or larger', at: cidr });
  });

  test.each([
    ['a /25', '10.254.0.0/25', 'is a /25, but the shared-endpoints VPC must be between /16 and /24'],
    ['a /15', '10.252.0.0/15', 'is a /15, but the shared-endpoints VPC must be between /16 and /24'],
  ])('%s endpoints VPC', (_label, cidr, message) => {
    expectIssue(issuesWith((c) => (c.hub.endpoints.cidr = cidr)), { path: 'hub.endpoints.cidr', value: cidr, message, fix: 'use a /24 or larger (a /24 fits three AZs)', at: cidr });
  });

  test('passes: a /24 and a /16 endpoints VPC', () => {
    expect(loadWith().landingZone.hub.endpoints?.cidr).toBe('10.254.0.0/24');
    expect(loadWith((c) => (c.hub.endpoints.cidr = '10.254.0.0/16')).landingZone.hub.endpoints?.cidr).toBe('10.254.0.0/16');
  });

  test('an endpoints VPC that does not parse is reported once, not again by the Resolver addresses inside it', () => {
    const outcome = issuesWith((c) => (c.hub.endpoints.cidr = '10.254.0.1/24'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.endpoints.cidr', value: '10.254.0.1/24', message: 'has host bits set', fix: 'write 10.254.0.0/24', at: '10.254.0.1/24' });
  });

  test('host bits in the egress VPC', () => {
    expectIssue(issuesWith((c) => (c.hub.egress.cidr = '10.255.0.1/24')), { path: 'hub.egress.cidr', value: '10.255.0.1/24', message: 'has host bits set', fix: 'write 10.255.0.0/24', at: '10.255.0.1/24' });
  });

  test('passes: a /24 and a /16 egress VPC', () => {
    expect(loadWith().landingZone.hub.egress?.cidr).toBe('10.255.0.0/24');
    expect(loadWith((c) => (c.hub.egress.cidr = '10.255.0.0/16')).landingZone.hub.egress?.cidr).toBe('10.255.0.0/16');
  });

  test('an internal range with host bits', () => {
    expectIssue(
      issuesWith((c) => (c.hub.transitGateway.internalRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.1/16'])),
      { path: 'hub.transitGateway.internalRanges[2]', value: '192.168.0.1/16', message: 'has host bits set', fix: 'write 192.168.0.0/16', at: '192.168.0.1/16' },
    );
  });

  test('an on-premises range that is not a CIDR block', () => {
    expectIssue(
      issuesWith((c) => (c.onPremises.cidrs = ['10.10.0.0/16', '192.168.10.0'])),
      { path: 'onPremises.cidrs[1]', value: '192.168.10.0', message: 'is not a CIDR block (expected a.b.c.d/n)', fix: 'write an IPv4 block', at: '192.168.10.0' },
    );
  });

  test('passes: internal and on-premises ranges of any size (they are not VPCs)', () => {
    const lz = loadWith((c) => {
      c.hub.transitGateway.internalRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
      c.onPremises.cidrs = ['10.10.0.0/16', '10.32.0.0/11', '192.168.10.0/30'];
    }).landingZone;
    expect(lz.hub.transitGateway.internalRanges).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(lz.onPremises.cidrs).toEqual(['10.10.0.0/16', '10.32.0.0/11', '192.168.10.0/30']);
  });

  test('passes: a /16 VPC, and /28 subnets in a /26 VPC (the smallest a spoke can be: two /28 attachment subnets and a private one)', () => {
    const lz = loadWith((c) => {
      c.spokes[1] = bareSpoke('tiny', '555555555555', '172.20.0.0/26');
      delete c.spokes[1].vpc.tiers;
      c.spokes[1].vpc.subnets = [
        { name: 'attach-a', tier: 'tgw', cidr: '172.20.0.0/28', az: 'ap-northeast-2a' },
        { name: 'attach-c', tier: 'tgw', cidr: '172.20.0.16/28', az: 'ap-northeast-2c' },
        { name: 'app-a', tier: 'app', cidr: '172.20.0.32/28', az: 'ap-northeast-2a' },
      ];
    }).landingZone;
    expect(lz.spokes.map((s) => s.vpc.cidr)).toEqual(['172.16.0.0/16', '172.20.0.0/26']);
    expect(lz.spokes[1].vpc.subnets.map((s) => s.cidr)).toEqual(['172.20.0.0/28', '172.20.0.16/28', '172.20.0.32/28']);
  });

  test('a /28 VPC passes the size check but has no room for two attachment subnets', () => {
    const outcome = issuesWith((c) => (c.spokes[1] = bareSpoke('tiny', '555555555555', '172.20.0.0/28')));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[1].vpc.cidr',
      value: '172.20.0.0/28',
      message: 'has no room left for the 2 /28 Transit Gateway attachment subnets (one per AZ) after the others',
      fix: 'list tgw subnets yourself, or use a larger VPC',
      at: '172.20.0.0/28',
    });
  });
});

describeRule('subnetsInsideVpcAndDisjoint', () => {
  test('a subnet outside its VPC', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[6].cidr = '172.17.0.0/20')),
      { path: 'spokes[0].vpc.subnets[6].cidr', value: '172.17.0.0/20', message: 'is outside the VPC 172.16.0.0/16', fix: 'pick a range inside it', at: '172.17.0.0/20' },
    );
  });

  test('a subnet that straddles the VPC edge is outside', () => {
    const outcome = issuesWith((c) => {
      c.spokes[1] = bareSpoke('shop-dev', '444444444444', '172.20.0.0/17');
      c.spokes[1].vpc.subnets = [{ name: 'wide', tier: 'app', cidr: '172.20.64.0/18', az: 'ap-northeast-2a' }, { name: 'edge', tier: 'app', cidr: '172.20.0.0/16', az: 'ap-northeast-2a' }];
    });
    expectIssue(outcome, { path: 'spokes[1].vpc.subnets[1].cidr', value: '172.20.0.0/16', message: 'outside the VPC 172.20.0.0/17', fix: 'inside it', at: 'cidr: |172.20.0.0/16' });
  });

  test('overlapping subnets name the earlier one', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[6].cidr = '172.16.1.128/25')),
      {
        path: 'spokes[0].vpc.subnets[6].cidr',
        value: '172.16.1.128/25',
        message: 'overlaps subnet "public-1" (172.16.1.0/24) at spokes[0].vpc.subnets[0].cidr',
        fix: 'pick a range no other subnet uses',
        at: '172.16.1.128/25',
      },
    );
  });

  test('a subnet containing an earlier one overlaps it', () => {
    expectIssue(issuesWith((c) => (c.spokes[0].vpc.subnets[2].cidr = '172.16.0.0/20')), {
      path: 'spokes[0].vpc.subnets[2].cidr',
      value: '172.16.0.0/20',
      message: 'overlaps subnet "public-1"',
      fix: 'no other subnet uses',
      at: 'cidr: |172.16.0.0/20',
    });
  });

  test('passes: touching but disjoint subnets', () => {
    const lz = loadWith((c) => (c.spokes[0].vpc.subnets[1].cidr = '172.16.0.0/24')).landingZone;
    expect(lz.spokes[0].vpc.subnets.slice(0, 2).map((s) => s.cidr)).toEqual(['172.16.1.0/24', '172.16.0.0/24']);
  });
});

describeRule('vpcRangesDisjoint', () => {
  test('two spokes with the same VPC range', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].vpc.cidr = '172.16.0.0/16')),
      {
        path: 'spokes[1].vpc.cidr',
        value: '172.16.0.0/16',
        message: 'of spoke "shop-dev" overlaps 172.16.0.0/16 of spoke "shop-prod" at spokes[0].vpc.cidr',
        fix: 'give every VPC a range no other VPC',
        at: ['cidr: |172.16.0.0/16', 2],
      },
    );
  });

  test('the sweep catches VPCs nested in a much larger earlier one, past a smaller neighbour', () => {
    // Address order: 10.0.0.0/16, 10.0.1.0/24, 10.0.255.192/26. The last overlaps only the first.
    const outcome = issuesWith((c) => {
      c.spokes = [bareSpoke('big', '333333333333', '10.0.0.0/16'), bareSpoke('mid', '444444444444', '10.0.1.0/24'), bareSpoke('tail', '555555555555', '10.0.255.192/26')];
    });
    // allowedPrefixes: auto advertises every range, so the overlaps are the only issues.
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[1].vpc.cidr', 'spokes[2].vpc.cidr'], warnings: [] });
    expectIssue(outcome, { path: 'spokes[1].vpc.cidr', value: '10.0.1.0/24', message: 'of spoke "mid" overlaps 10.0.0.0/16 of spoke "big" at spokes[0].vpc.cidr', fix: 'range no other VPC', at: '10.0.1.0/24' });
    expectIssue(outcome, { path: 'spokes[2].vpc.cidr', value: '10.0.255.192/26', message: 'of spoke "tail" overlaps 10.0.0.0/16 of spoke "big"', fix: 'range no other VPC', at: '10.0.255.192/26' });
  });

  test('three VPCs where only the first and the third overlap', () => {
    const outcome = issuesWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '172.16.240.0/20')));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[2].vpc.cidr', value: '172.16.240.0/20', message: 'of spoke "shop-stage" overlaps 172.16.0.0/16 of spoke "shop-prod"', fix: 'range no other VPC', at: '172.16.240.0/20' });
  });

  test('the later spoke in the file is reported even when its range sorts first', () => {
    const outcome = issuesWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '172.20.0.0/16')));
    expectIssue(outcome, { path: 'spokes[2].vpc.cidr', value: '172.20.0.0/16', message: 'overlaps 172.20.0.0/16 of spoke "shop-dev" at spokes[1].vpc.cidr', fix: 'range no other VPC', at: ['cidr: |172.20.0.0/16', 2] });
  });

  test('a spoke overlapping the hub egress VPC is the one reported', () => {
    const outcome = issuesWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '10.255.0.0/16')));
    // The one issue: allowedPrefixes: auto advertises the new range, so no warning joins it.
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[2].vpc.cidr'], warnings: [] });
    expectIssue(outcome, {
      path: 'spokes[2].vpc.cidr',
      value: '10.255.0.0/16',
      message: 'of spoke "shop-stage" overlaps 10.255.0.0/24 of the hub egress VPC at hub.egress.cidr',
      fix: 'give every VPC a range no other VPC, hub VPC or on-premises network uses',
      at: '10.255.0.0/16',
    });
  });

  test('a spoke overlapping the hub endpoints VPC is the one reported', () => {
    const outcome = issuesWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '10.254.0.0/16')));
    // The one issue: allowedPrefixes: auto advertises the new range, so no warning joins it.
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[2].vpc.cidr'], warnings: [] });
    expectIssue(outcome, {
      path: 'spokes[2].vpc.cidr',
      value: '10.254.0.0/16',
      message: 'of spoke "shop-stage" overlaps 10.254.0.0/24 of the hub shared-endpoints VPC at hub.endpoints.cidr',
      fix: 'give every VPC a range no other VPC, hub VPC or on-premises network uses',
      at: '10.254.0.0/16',
    });
  });

  test('the endpoints VPC inside the egress VPC', () => {
    const outcome = issuesWith((c) => {
      c.hub.egress.cidr = '10.254.0.0/16';
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.endpoints.cidr', value: '10.254.0.0/24', message: 'of the hub shared-endpoints VPC overlaps 10.254.0.0/16 of the hub egress VPC at hub.egress.cidr', fix: 'range no other VPC', at: '10.254.0.0/24' });
  });

  test('a spoke inside an on-premises range is the one reported', () => {
    const outcome = issuesWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '10.10.5.0/24')));
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[2].vpc.cidr'], warnings: [] });
    expectIssue(outcome, { path: 'spokes[2].vpc.cidr', value: '10.10.5.0/24', message: 'of spoke "shop-stage" overlaps 10.10.0.0/16 of on-premises at onPremises.cidrs[0]', fix: 'on-premises network uses', at: '10.10.5.0/24' });
  });

  test('two overlapping on-premises ranges, and the egress VPC inside one', () => {
    const outcome = issuesWith((c) => (c.onPremises.cidrs = ['10.10.0.0/16', '10.10.128.0/17', '10.255.0.0/16']));
    expect(outcome.issues).toHaveLength(2);
    expectIssue(outcome, { path: 'onPremises.cidrs[1]', value: '10.10.128.0/17', message: 'of on-premises overlaps 10.10.0.0/16 of on-premises at onPremises.cidrs[0]', fix: 'range no other VPC', at: '10.10.128.0/17' });
    expectIssue(outcome, { path: 'onPremises.cidrs[2]', value: '10.255.0.0/16', message: 'of on-premises overlaps 10.255.0.0/24 of the hub egress VPC at hub.egress.cidr', fix: 'range no other VPC', at: '10.255.0.0/16' });
  });

  test('passes: adjacent VPCs', () => {
    expect(loadWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '172.17.0.0/16'))).landingZone.spokes).toHaveLength(3);
  });
});

describeRule('natNeedsPublicSubnets', () => {
  /** NAT gateways matter only for local egress; the default spokes leave through the hub. */
  const local = (vpc: RawConfig, natGateways?: string) => {
    vpc.egress = 'local';
    if (natGateways) vpc.natGateways = natGateways;
  };

  test('single NAT without a public subnet', () => {
    expectIssue(
      issuesWith((c) => {
        local(c.spokes[0].vpc, 'single');
        c.spokes[0].vpc.subnets.splice(0, 2);
      }),
      { path: 'spokes[0].vpc.natGateways', value: 'single', message: 'needs a public subnet for the NAT gateway, but the VPC has none', fix: 'add a subnet with tier: public, or set natGateways: none', at: 'natGateways: |single' },
    );
  });

  test('single NAT in a tier-generated VPC without a public tier', () => {
    expectIssue(
      issuesWith((c) => {
        local(c.spokes[1].vpc);
        delete c.spokes[1].vpc.tiers.public;
        c.spokes[1].vpc.natGateways = 'single';
      }),
      { path: 'spokes[1].vpc.natGateways', value: 'single', message: 'but the VPC has none', fix: 'natGateways: none', at: 'natGateways: |single' },
    );
  });

  test('per-az NAT with an AZ that has private subnets but no public one', () => {
    const outcome = issuesWith((c) => local(c.spokes[0].vpc, 'per-az'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].vpc.natGateways',
      value: 'per-az',
      message: 'needs a public subnet in ap-northeast-2b, where private subnets have no NAT of their own',
      fix: 'add a public subnet in ap-northeast-2b, or use natGateways: single',
      at: ['natGateways: |per-az', 2], // the first is hub.egress.natGateways
    });
  });

  test('passes: local egress without a public subnet and without natGateways means no NAT; with one, a single NAT', () => {
    const lz = loadWith((c) => {
      local(c.spokes[0].vpc);
      c.spokes[0].vpc.subnets.splice(0, 2);
      delete c.spokes[0].alb; // it lives in the public subnets just removed
      local(c.spokes[1].vpc);
    }).landingZone;
    expect(lz.spokes.map((s) => [s.vpc.egress, s.vpc.natGateways])).toEqual([
      ['local', 'none'],
      ['local', 'single'],
    ]);
  });

  test('passes: per-az ignores AZs that hold only tgw subnets (they never route to a NAT)', () => {
    const lz = loadWith((c) => {
      local(c.spokes[1].vpc, 'per-az');
      c.spokes[1].vpc.availabilityZones.push('ap-northeast-2b');
      c.spokes[1].vpc.subnets = ['a', 'b', 'c'].map((az, i) => ({ name: `attach-${az}`, tier: 'tgw', cidr: `172.20.255.${16 * i}/28`, az: `ap-northeast-2${az}` }));
    }).landingZone;
    expect(lz.spokes[1].vpc.natGateways).toBe('per-az');
    // 2b holds only its attachment subnet: public (and app, db) subnets went to 2a and 2c.
    expect(lz.spokes[1].vpc.subnets.filter((s) => s.az === 'ap-northeast-2b').map((s) => s.tier)).toEqual(['tgw']);
  });

  test('passes: per-az where every private AZ has a public subnet', () => {
    expect(loadWith((c) => local(c.spokes[1].vpc, 'per-az')).landingZone.spokes[1].vpc.natGateways).toBe('per-az');
  });
});

const TGW_QUOTAS = 'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html';
const VPC_QUOTAS = 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html';

describeRule('transitGatewayAsn', () => {
  test.each([64511, 65535, 4199999999, 4294967295])('%i is outside the private ranges', (asn) => {
    expectIssue(issuesWith((c) => (c.hub.transitGateway.asn = asn)), {
      path: 'hub.transitGateway.asn',
      value: asn,
      message: 'is not a private ASN a Transit Gateway accepts',
      fix: 'use 64512-65534 or 4200000000-4294967294 (default 64512)',
      at: `asn: |${asn}`,
    });
  });

  test.each([64512, 65534, 4200000000, 4294967294])('passes: %i', (asn) => {
    expect(loadWith((c) => (c.hub.transitGateway.asn = asn)).landingZone.hub.transitGateway.asn).toBe(asn);
  });

  test('passes: 64512 when not set', () => {
    expect(loadWith((c) => delete c.hub.transitGateway.asn).landingZone.hub.transitGateway.asn).toBe(64512);
  });
});

describeRule('segmentReachability', () => {
  test.each([
    ['egress', {}, 'egress: |{}'],
    ['onprem', { reaches: ['prod'] }, '      |onprem:'],
  ])('a segment named %s, a route table the hub creates', (name, segment, at) => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.segments[name] = segment));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: `hub.transitGateway.segments.${name}`,
      value: name,
      message: 'is the name of a route table the hub creates itself',
      fix: 'rename the segment (reserved: egress, onprem, inspection)',
      at,
    });
  });

  test('reaches names an unknown segment: the closest name is suggested', () => {
    expectIssue(issuesWith((c) => (c.hub.transitGateway.segments.prod.reaches = ['sharde', 'onprem'])), {
      path: 'hub.transitGateway.segments.prod.reaches[0]',
      value: 'sharde',
      message: 'is not a segment (did you mean "shared"?)',
      fix: 'use one of: prod, nonprod, shared, onprem',
      at: 'sharde',
    });
  });

  test('reaches names a segment far from every name: no suggestion', () => {
    const issue = expectIssue(issuesWith((c) => (c.hub.transitGateway.segments.shared.reaches = ['internet'])), {
      path: 'hub.transitGateway.segments.shared.reaches[0]',
      value: 'internet',
      message: 'is not a segment',
      fix: 'use one of: prod, nonprod, shared, onprem',
      at: 'internet',
    });
    expect(issue.message).not.toContain('did you mean');
  });

  test('reaches names the segment itself', () => {
    expectIssue(issuesWith((c) => (c.hub.transitGateway.segments.nonprod.reaches = ['shared', 'nonprod'])), {
      path: 'hub.transitGateway.segments.nonprod.reaches[1]',
      value: 'nonprod',
      message: 'is the segment itself',
      fix: 'remove it; spokes of one segment reach each other unless isolateAttachments is true',
      at: '- |nonprod',
    });
  });

  test('passes: reaches listed on one side only, and onprem', () => {
    const lz = loadWith((c) => {
      c.hub.transitGateway.segments = { prod: { reaches: ['onprem'] }, nonprod: { reaches: ['prod'] } };
      // The endpoints VPC needs a declared segment; nonprod reaches prod from its own side only.
      c.hub.endpoints.segment = 'prod';
    }).landingZone;
    expect(lz.hub.transitGateway.segments.map((s) => s.name)).toEqual(['prod', 'nonprod']);
    expect(lz.hub.transitGateway.segments.map((s) => [s.name, s.peers])).toEqual([
      ['prod', ['nonprod']],
      ['nonprod', ['prod']],
    ]);
  });
});

describeRule('spokeSegmentExists', () => {
  test('a spoke in a segment that is not declared: the closest name is suggested', () => {
    expectIssue(issuesWith((c) => (c.spokes[0].segment = 'prd')), {
      path: 'spokes[0].segment',
      value: 'prd',
      message: 'is not a segment of hub.transitGateway.segments (did you mean "prod"?)',
      fix: 'use one of: prod, nonprod, shared',
      at: 'segment: |prd',
    });
  });

  test('a spoke in a reserved route table is not in a segment', () => {
    expectIssue(issuesWith((c) => (c.spokes[1].segment = 'egress')), { path: 'spokes[1].segment', value: 'egress', message: 'is not a segment of hub.transitGateway.segments', fix: 'use one of: prod, nonprod, shared', at: 'segment: |egress' });
  });

  test('no segments declared at all', () => {
    const outcome = issuesWith((c) => {
      c.hub.transitGateway.segments = {};
      // Explicit summaries keep this case about segments: with no segment, auto would advertise nothing.
      c.hub.directConnect.allowedPrefixes = ['172.16.0.0/12', '10.254.0.0/23'];
    });
    // Both spokes, and the endpoints VPC (endpointsSegmentReachable, which words its fix the same way);
    // with no segment left to reach onprem, hybridHasPurpose warns that Direct Connect connects nothing.
    const { errors, warnings } = pathsBySeverity(outcome);
    expect(errors.sort()).toEqual(['hub.endpoints.segment', 'spokes[0].segment', 'spokes[1].segment']);
    expect(warnings).toEqual(['hub.directConnect']);
    expectIssue(outcome, { path: 'spokes[1].segment', value: 'nonprod', message: 'is not a segment', fix: '(none declared: add the segment under hub.transitGateway.segments)', at: 'segment: |nonprod' });
  });

  test('passes: a new segment, declared and used', () => {
    const lz = loadWith((c) => {
      c.hub.transitGateway.segments.stage = { reaches: ['shared'] };
      c.spokes[1].segment = 'stage';
    }).landingZone;
    expect(lz.spokes.map((s) => s.segment)).toEqual(['prod', 'stage']);
  });
});

describeRule('attachmentSubnets', () => {
  const tgwSubnet = (name: string, cidr: string, az: string) => ({ name, tier: 'tgw', cidr, az: `ap-northeast-2${az}` });

  test('explicit tgw subnets in one AZ only (generation is then off)', () => {
    const outcome = issuesWith((c) => (c.spokes[1].vpc.subnets = [tgwSubnet('attach-a', '172.20.255.0/28', 'a')]));
    expect(outcome.issues).toHaveLength(2);
    expectIssue(outcome, {
      path: 'spokes[1].vpc.subnets[0].az',
      value: 'ap-northeast-2a',
      message: 'is the only AZ with a Transit Gateway attachment subnet; the attachment needs at least two AZs',
      fix: 'add a tgw subnet in a second AZ',
      at: 'cidr: 172.20.255.0/28\n          az: |ap-northeast-2a',
    });
    // The tiers also put subnets in 2c, which now has no way to the Transit Gateway.
    expectIssue(outcome, {
      path: 'spokes[1].vpc.subnets',
      value: 'ap-northeast-2c',
      message: 'has subnets but no tgw subnet, so its traffic cannot reach the Transit Gateway (spoke "shop-dev")',
      fix: 'add a tgw subnet (a /28 is enough) in ap-northeast-2c',
      at: ['      |subnets:', 2],
    });
  });

  test('an AZ with app subnets but no tgw subnet', () => {
    const outcome = issuesWith((c) => {
      c.spokes[1].vpc.availabilityZones = ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'];
      c.spokes[1].vpc.subnets = [tgwSubnet('attach-a', '172.20.255.0/28', 'a'), tgwSubnet('attach-c', '172.20.255.16/28', 'c'), { name: 'batch', tier: 'app', cidr: '172.20.128.0/20', az: 'ap-northeast-2b' }];
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[1].vpc.subnets', value: 'ap-northeast-2b', message: 'has subnets but no tgw subnet', fix: 'add a tgw subnet (a /28 is enough) in ap-northeast-2b', at: ['      |subnets:', 2] });
  });

  test('a tgw tier of one subnet', () => {
    expectIssue(issuesWith((c) => (c.spokes[1].vpc.tiers.tgw = { prefixLength: 28, count: 1 })), {
      path: 'spokes[1].vpc.availabilityZones',
      value: 'ap-northeast-2a',
      message: 'is the only AZ with a Transit Gateway attachment subnet',
      fix: 'add a tgw subnet in a second AZ (or list two AZs so they are generated)',
      at: '172.20.0.0/16\n      |availabilityZones:',
    });
  });

  test('a one-AZ VPC: its generated attachment subnet is alone', () => {
    expectIssue(issuesWith((c) => (c.spokes[0].vpc = { cidr: '172.16.0.0/16', availabilityZones: ['ap-northeast-2b'], tiers: { app: { prefixLength: 20, count: 1 } } })), {
      path: 'spokes[0].vpc.availabilityZones',
      value: 'ap-northeast-2b',
      message: 'the attachment needs at least two AZs',
      fix: 'list two AZs so they are generated',
      at: '172.16.0.0/16\n      |availabilityZones:',
    });
  });

  test('passes: explicit tgw subnets in every AZ that has subnets replace the generated ones', () => {
    const lz = loadWith((c) => c.spokes[0].vpc.subnets.push(...['a', 'b', 'c'].map((az, i) => tgwSubnet(`attach-${az}`, `172.16.255.${16 * i}/28`, az)))).landingZone;
    expect(lz.spokes[0].vpc.subnets.filter((s) => s.tier === 'tgw').map((s) => `${s.name} ${s.cidr} ${s.generated}`)).toEqual([
      'attach-a 172.16.255.0/28 false',
      'attach-b 172.16.255.16/28 false',
      'attach-c 172.16.255.32/28 false',
    ]);
  });

  test('passes: a VPC AZ without any subnet needs no tgw subnet', () => {
    const lz = loadWith((c) => {
      c.spokes[1].vpc.availabilityZones.push('ap-northeast-2b');
      // Explicit subnets only in 2a and 2c (tiers would spread over 2b as well).
      delete c.spokes[1].vpc.tiers;
      c.spokes[1].vpc.subnets = [
        tgwSubnet('attach-a', '172.20.255.0/28', 'a'),
        tgwSubnet('attach-c', '172.20.255.16/28', 'c'),
        { name: 'app-a', tier: 'app', cidr: '172.20.0.0/20', az: 'ap-northeast-2a' },
        { name: 'app-c', tier: 'app', cidr: '172.20.16.0/20', az: 'ap-northeast-2c' },
      ];
    }).landingZone;
    expect(lz.spokes[1].vpc.availabilityZones).toContain('ap-northeast-2b');
    expect(lz.spokes[1].vpc.subnets.map((s) => `${s.name} ${s.az}`)).toEqual(['attach-a ap-northeast-2a', 'attach-c ap-northeast-2c', 'app-a ap-northeast-2a', 'app-c ap-northeast-2c']);
  });
});

describeRule('centralEgress', () => {
  test('central egress without hub.egress', () => {
    const outcome = issuesWith((c) => delete c.hub.egress);
    // shop-dev does not say and now defaults to local egress; only shop-prod asks for central.
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].vpc.egress', value: 'central', message: 'needs the hub egress VPC, but hub.egress is not set', fix: 'add hub.egress, or use egress: local', at: 'egress: |central' });
  });

  test('central egress with natGateways single', () => {
    const outcome = issuesWith((c) => (c.spokes[0].vpc.natGateways = 'single'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].vpc.natGateways',
      value: 'single',
      message: 'would never be used: with central egress the default route goes to the Transit Gateway',
      fix: 'remove natGateways, or use egress: local',
      at: 'natGateways: |single',
    });
  });

  test('NAT gateways where central egress is the default', () => {
    expectIssue(issuesWith((c) => (c.spokes[1].vpc.natGateways = 'single')), { path: 'spokes[1].vpc.natGateways', value: 'single', message: 'would never be used', fix: 'use egress: local', at: 'natGateways: |single' });
  });

  test('central egress in a segment with centralEgress false', () => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.segments.prod.centralEgress = false));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].vpc.egress',
      value: 'central',
      message: 'sends 0.0.0.0/0 to the Transit Gateway, but segment "prod" has centralEgress: false',
      fix: 'set centralEgress: true on segment prod, or use egress: local',
      at: 'egress: |central',
    });
  });

  test('passes: local egress with its own NAT in a segment without central egress; natGateways none with central egress', () => {
    const lz = loadWith((c) => {
      c.hub.transitGateway.segments.prod.centralEgress = false;
      Object.assign(c.spokes[0].vpc, { egress: 'local', natGateways: 'single' });
      c.spokes[1].vpc.natGateways = 'none';
    }).landingZone;
    expect(lz.spokes.map((s) => [s.vpc.egress, s.vpc.natGateways])).toEqual([
      ['local', 'single'],
      ['central', 'none'],
    ]);
    expect(lz.hub.transitGateway.segments.find((s) => s.name === 'prod')?.centralEgress).toBe(false);
  });
});

describeRule('transitGatewayShare', () => {
  test('shared with the organization without organization.managementAccount', () => {
    expectIssue(issuesWith((c) => delete c.organization.managementAccount), {
      path: 'organization.managementAccount',
      message: 'is required to share the Transit Gateway with the organization: the organization ARN of the RAM share names the management account',
      fix: 'add organization.managementAccount (the 12-digit id of the management account), or list principals in hub.transitGateway.shareWith',
      at: '|organization:',
    });
  });

  test.each([
    ['an IAM ARN', 'arn:aws:iam::123456789012:root'],
    ['an 11-digit account', '12345678901'],
    ['a bare OU id', 'ou-ab12-cd34ef56'],
    ['an OU ARN without the organization', 'arn:aws:organizations::999999999999:ou/ou-ab12-cd34ef56'],
  ])('a principal that is %s', (_label, principal) => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.shareWith = ['123456789012', principal]));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.transitGateway.shareWith[1]',
      value: principal,
      message: 'is not a RAM principal inside an organization',
      fix: 'use a 12-digit account id or an OU ARN such as arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56',
      at: 'shareWith:\n      - "123456789012"\n      - |',
    });
  });

  test('passes: the organization by default, its ARN built from the management account', () => {
    expect(loadWith().landingZone.hub.transitGateway.sharePrincipals).toEqual(['arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5']);
  });

  test('passes: account and OU principals, which need no management account', () => {
    const principals = ['123456789012', 'arn:aws:organizations::999999999999:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56', 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5'];
    const lz = loadWith((c) => {
      delete c.organization.managementAccount;
      c.hub.transitGateway.shareWith = principals;
    }).landingZone;
    expect(lz.hub.transitGateway.sharePrincipals).toEqual(principals);
  });
});

describeRule('rangesInsideInternal', () => {
  test('a spoke range outside the default internal ranges (RFC 1918)', () => {
    const outcome = issuesWith((c) => c.spokes.push(bareSpoke('cgnat', '555555555555', '100.64.0.0/16')));
    // allowedPrefixes: auto advertises the new range as well: no warning joins the error.
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[2].vpc.cidr'], warnings: [] });
    expectIssue(outcome, {
      path: 'spokes[2].vpc.cidr',
      value: '100.64.0.0/16',
      message: 'of spoke "cgnat" is in none of hub.transitGateway.internalRanges [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]',
      fix: 'add a supernet of it to internalRanges, or pick a range inside them',
      at: '100.64.0.0/16',
    });
  });

  test('narrower internal ranges leave both hub VPCs and a spoke outside', () => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.internalRanges = ['10.10.0.0/15', '172.16.0.0/16']));
    expect(outcome.issues).toHaveLength(3);
    expectIssue(outcome, { path: 'hub.egress.cidr', value: '10.255.0.0/24', message: 'of the hub egress VPC is in none of hub.transitGateway.internalRanges [10.10.0.0/15, 172.16.0.0/16]', fix: 'add a supernet', at: '10.255.0.0/24' });
    expectIssue(outcome, { path: 'hub.endpoints.cidr', value: '10.254.0.0/24', message: 'of the hub shared-endpoints VPC is in none of hub.transitGateway.internalRanges [10.10.0.0/15, 172.16.0.0/16]', fix: 'add a supernet', at: '10.254.0.0/24' });
    expectIssue(outcome, { path: 'spokes[1].vpc.cidr', value: '172.20.0.0/16', message: 'of spoke "shop-dev" is in none of', fix: 'add a supernet', at: '172.20.0.0/16' });
  });

  test('an on-premises range equal to an internal range', () => {
    const outcome = issuesWith((c) => (c.onPremises.cidrs = ['10.10.0.0/16', '192.168.0.0/16']));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'onPremises.cidrs[1]',
      value: '192.168.0.0/16',
      message: 'equals an internal range, so the static blackhole for it would override the route learned from on-premises',
      fix: 'list the on-premises networks more specifically, or widen internalRanges',
      at: '192.168.0.0/16',
    });
  });

  test('passes: internal ranges widened to take a CGNAT spoke; on-premises ranges inside, not equal', () => {
    const lz = loadWith((c) => {
      c.hub.transitGateway.internalRanges = ['10.0.0.0/8', '172.16.0.0/12', '100.64.0.0/10'];
      c.spokes.push(bareSpoke('cgnat', '555555555555', '100.64.0.0/16'));
    }).landingZone;
    expect(lz.hub.transitGateway.internalRanges).toEqual(['10.0.0.0/8', '172.16.0.0/12', '100.64.0.0/10']);
    expect(lz.spokes.map((s) => s.vpc.cidr)).toEqual(['172.16.0.0/16', '172.20.0.0/16', '100.64.0.0/16']);
  });
});

describeRule('routeQuotas', () => {
  /** The three default segments plus `extra` more. */
  const withSegments = (c: RawConfig, extra: number) => {
    for (let i = 1; i <= extra; i++) c.hub.transitGateway.segments[`seg-${i}`] = {};
  };
  /** `n` internal ranges: the two holding every default range, then /24s of 192.168. */
  const internalRanges = (n: number) => ['10.0.0.0/8', '172.16.0.0/12', ...Array.from({ length: n - 2 }, (_, i) => `192.168.${i}.0/24`)];

  test('19 segments make 21 route tables (with egress and onprem), over 20', () => {
    const outcome = issuesWith((c) => withSegments(c, 16));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.transitGateway.segments',
      value: 19,
      message: `segments make 21 route tables with egress and onprem, over the AWS quota of 20 Transit Gateway route tables per transit gateway (${TGW_QUOTAS})`,
      fix: 'merge segments or raise the quota and QUOTAS.tgwRouteTables',
      at: '    |segments:',
    });
  });

  test('passes: 18 segments make exactly 20 route tables', () => {
    expect(loadWith((c) => withSegments(c, 15)).landingZone.hub.transitGateway.segments).toHaveLength(18);
  });

  test('with hub.inspection the inspection table counts: 18 segments make 21 route tables', () => {
    const outcome = issuesWith((c) => {
      withSegments(c, 15);
      c.hub.inspection = { cidr: '10.253.0.0/25', inspect: ['east-west', 'egress'] };
    });
    expectIssue(outcome, {
      path: 'hub.transitGateway.segments',
      value: 18,
      message: `segments make 21 route tables with egress, inspection and onprem, over the AWS quota of 20 Transit Gateway route tables per transit gateway (${TGW_QUOTAS})`,
      fix: 'merge segments or raise the quota and QUOTAS.tgwRouteTables',
      at: '    |segments:',
    });
  });

  test('50 internal ranges give each spoke route table 51 routes, over 50', () => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.internalRanges = internalRanges(50)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.transitGateway.internalRanges',
      value: 50,
      message: `give each spoke route table 51 routes, over the AWS quota of 50 non-propagated routes per VPC route table (${VPC_QUOTAS})`,
      fix: 'summarize the internal ranges into fewer supernets',
      at: '    |internalRanges:',
    });
  });

  test('passes: 49 internal ranges and the default route make exactly 50', () => {
    expect(loadWith((c) => (c.hub.transitGateway.internalRanges = internalRanges(49))).landingZone.hub.transitGateway.internalRanges).toHaveLength(49);
  });

  test('on-premises routes propagated into every segment and onprem push the Transit Gateway past 10,000 routes', () => {
    // 2,500 on-premises /24s x (3 segments + onprem) = 10,000, plus the spoke and central egress routes.
    // The data-center DNS servers 10.10.0.2/.3 stay inside the on-premises ranges.
    const outcome = issuesWith((c) => (c.onPremises.cidrs = ['10.10.0.0/24', ...Array.from({ length: 2499 }, (_, i) => `10.${64 + Math.floor(i / 256)}.${i % 256}.0/24`)]));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes',
      value: 2,
      message: `make about 10020 Transit Gateway routes, over the AWS quota of 10,000 combined routes across all route tables of one transit gateway (${TGW_QUOTAS})`,
      fix: 'summarize spoke ranges, reduce segment reachability or raise the quota',
      at: '|spokes:',
    });
  });
});

describeRule('prefixListSizes', () => {
  /** `n` disjoint, non-adjacent /28s of 192.168.0.0/16 (four per /24), after the two default supernets. */
  const manyRanges = (n: number) => ['10.0.0.0/8', '172.16.0.0/12', ...Array.from({ length: n }, (_, i) => `192.168.${i >> 2}.${(i & 3) * 64}/28`)];

  test('901 internal entries and 100 spare ones need max_entries 1001, over the 1,000 a list holds', () => {
    const outcome = issuesWith((c) => {
      c.hub.transitGateway.internalRanges = manyRanges(899);
      c.hub.transitGateway.prefixLists = { spareEntries: 100 };
    });
    expectIssue(outcome, {
      path: 'hub.transitGateway.prefixLists',
      value: 1001,
      message: 'list shop-internal needs max_entries 1001 (901 entries and the spare ones), over the 1000 a prefix list holds (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists)',
      fix: 'lower spareEntries, or summarize the ranges',
      at: '    |prefixLists:',
    });
  });

  test('passes: 99 spare entries make exactly 1,000 (only the route and rule quotas object)', () => {
    const outcome = issuesWith((c) => {
      c.hub.transitGateway.internalRanges = manyRanges(899);
      c.hub.transitGateway.prefixLists = { spareEntries: 99 };
    });
    expect(outcome.issues.filter((i) => i.message.includes('a prefix list holds'))).toEqual([]);
  });
});

describeRule('prefixListQuotas', () => {
  test('3 internal entries and 47 spare ones count 51 routes in a spoke route table, over 50', () => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.prefixLists = { spareEntries: 47 }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.transitGateway.prefixLists',
      value: 50,
      message: `the internal list (max_entries 50) and a default route count 51 routes in each spoke route table, over the AWS quota of 50 non-propagated routes per VPC route table (${VPC_QUOTAS})`,
      fix: 'summarize hub.transitGateway.internalRanges or lower spareEntries',
      at: '    |prefixLists:',
    });
  });

  test('passes: 46 spare entries make exactly 50 routes; prefixLists: true takes none', () => {
    expect(loadWith((c) => (c.hub.transitGateway.prefixLists = { spareEntries: 46 })).landingZone.hub.transitGateway.prefixLists).toEqual({ spareEntries: 46 });
    const lz = loadWith((c) => (c.hub.transitGateway.prefixLists = true)).landingZone;
    expect(lz.hub.transitGateway.prefixLists).toEqual({ spareEntries: 0 });
  });

  test('max_entries 63 is 63 inbound rules in the hub endpoints security group, over 60', () => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.prefixLists = { spareEntries: 60 }));
    expect(pathsBySeverity(outcome).errors.sort()).toEqual(['hub.endpoints', 'hub.transitGateway.prefixLists']);
    expectIssue(outcome, {
      path: 'hub.endpoints',
      value: 63,
      message: `with hub.transitGateway.prefixLists its security group admits the internal list on 443, which counts 63 rules, over the AWS quota of 60 inbound rules per security group (${VPC_QUOTAS}#vpc-limits-security-groups)`,
      fix: 'summarize hub.transitGateway.internalRanges or lower spareEntries',
      at: '  |endpoints:',
    });
  });

  test('500 spokes of ten route tables each reference the internal list from 5,004 tables, over 5,000', () => {
    // Local egress without NAT: the public table and one per private tier and AZ keep the internal list (3 tiers x 3 AZs + public).
    const spoke = (i: number): RawConfig => ({
      name: `s${i}`,
      account: String(500000000000 + i),
      segment: 'nonprod',
      vpc: {
        cidr: `10.${100 + (i >> 4)}.${(i & 15) * 16}.0/20`,
        availabilityZones: ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'],
        egress: 'none',
        natGateways: 'none',
        tiers: { public: { prefixLength: 26, count: 1 }, app: { prefixLength: 26, count: 3 }, db: { prefixLength: 26, count: 3 }, endpoint: { prefixLength: 26, count: 3 } },
      },
    });
    const withSpokes = (n: number) => (c: RawConfig) => {
      c.hub.transitGateway.prefixLists = true;
      c.spokes = Array.from({ length: n }, (_, i) => spoke(i));
      delete c.hub.directConnect; // auto would list every spoke range, over 200
      c.logArchive.logDelivery = { scope: 'organization' }; // 500 accounts are more than a bucket policy lists
    };
    const outcome = issuesWith(withSpokes(500));
    expectIssue(outcome, {
      path: 'spokes',
      value: 500,
      message: `route 5004 VPC route tables to the internal prefix list, over the AWS quota of 5,000 references to one prefix list per resource type (${VPC_QUOTAS}#vpc-limits-prefix-lists)`,
      fix: 'turn prefix lists off',
      at: '|spokes:',
    });
    // Passes: 499 spokes are 4,994 tables with the hub's four.
    expect(loadWith(withSpokes(499)).landingZone.spokes).toHaveLength(499);
  });
});

describeRule('endpointServicesKnown', () => {
  test('an unknown service suggests the closest catalog name', () => {
    const outcome = issuesWith((c) => c.hub.endpoints.services.push('ssmm'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.endpoints.services[8]',
      value: 'ssmm',
      message: 'is not in the endpoint catalog (did you mean "ssm"?)',
      fix: /^use a catalog name \(config\/endpoint-catalog\.ts\): athena, autoscaling, .*ssm, ssmmessages, .*xray$/,
      at: '      - |ssmm\n',
    });
  });

  test('an unknown service far from every catalog name gets no suggestion', () => {
    const issue = expectIssue(issuesWith((c) => c.hub.endpoints.services.push('cloudtrail-data')), {
      path: 'hub.endpoints.services[8]',
      value: 'cloudtrail-data',
      message: 'is not in the endpoint catalog',
      fix: 'use a catalog name',
      at: 'cloudtrail-data',
    });
    expect(issue.message).not.toContain('did you mean');
  });

  test('dynamodb cannot be centralized, and the message says why', () => {
    const outcome = issuesWith((c) => c.hub.endpoints.services.push('dynamodb'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.endpoints.services[8]',
      value: 'dynamodb',
      message: 'cannot be centralized: its gateway endpoint serves only the VPC it is in, and its interface endpoint has no private DNS',
      fix: 'remove it from the central services and follow the alternative the message names',
      at: '- |dynamodb',
    });
  });

  test('a service listed twice points at the first listing', () => {
    const outcome = issuesWith((c) => c.hub.endpoints.services.push('kms'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.endpoints.services[8]', value: 'kms', message: 'is already listed at services[3]', fix: 'list each service once', at: ['- |kms', 2] });
  });

  test('openPolicy for a service that is not listed', () => {
    const outcome = issuesWith((c) => (c.hub.endpoints.openPolicy = [{ service: 's3', reason: 'partner accounts read our shared buckets' }]));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.endpoints.openPolicy[0].service', value: 's3', message: 'is not one of hub.endpoints.services', fix: 'name a centralized service or remove the entry', at: 'service: |s3' });
  });

  test.each([
    ['9 characters', 'a'.repeat(9)],
    ['10 characters only with the padding', '   short  '],
  ])('an openPolicy reason of %s is too short', (_label, reason) => {
    const outcome = issuesWith((c) => (c.hub.endpoints.openPolicy = [{ service: 'sts', reason }]));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.endpoints.openPolicy[0].reason',
      value: reason,
      message: 'is too short to explain opening the endpoint to principals outside the organization',
      fix: 'write at least 10 characters saying who needs it and why',
      at: 'reason: |',
    });
  });

  test('passes: a reason of exactly 10 characters, and a proper one; only the named services open up', () => {
    const lz = loadWith((c) => {
      c.hub.endpoints.openPolicy = [
        { service: 'sts', reason: 'a'.repeat(10) },
        { service: 'ecr.api', reason: 'CI runners of a partner organization pull our images' },
      ];
    }).landingZone;
    expect(lz.hub.endpoints?.services.filter((s) => s.policy === 'open').map((s) => s.name)).toEqual(['sts', 'ecr.api']);
    expect(lz.hub.endpoints?.services.find((s) => s.name === 'ssm')?.policy).toBe('organization');
  });

  test('passes: every catalog service at once', () => {
    const names = ENDPOINT_CATALOG.map((s) => s.name);
    expect(loadWith((c) => (c.hub.endpoints.services = names)).landingZone.hub.endpoints?.services.map((s) => s.name)).toEqual(names);
  });
});

describeRule('endpointsSegmentReachable', () => {
  test('an endpoints segment that is not declared suggests the closest one', () => {
    const outcome = issuesWith((c) => (c.hub.endpoints.segment = 'shraed'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.endpoints.segment', value: 'shraed', message: 'is not a segment of hub.transitGateway.segments (did you mean "shared"?)', fix: 'use one of: prod, nonprod, shared', at: 'segment: |shraed' });
  });

  test('no segments declared: the fix says so instead of listing nothing', () => {
    expectIssue(issuesWith((c) => (c.hub.transitGateway.segments = {})), {
      path: 'hub.endpoints.segment',
      value: 'shared',
      message: 'is not a segment of hub.transitGateway.segments',
      fix: 'use one of: (none declared: add the segment under hub.transitGateway.segments)',
      at: 'segment: |shared',
    });
  });

  test('a spoke segment that does not reach the endpoints segment', () => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.segments.nonprod.reaches = ['onprem']));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[1].segment',
      value: 'nonprod',
      message: 'does not reach the endpoints segment "shared", so spoke "shop-dev" cannot use the central endpoints',
      fix: 'add shared to hub.transitGateway.segments.nonprod.reaches',
      at: 'segment: |nonprod',
    });
  });

  test('passes: reachability declared on the endpoints segment\'s side only (it is symmetric)', () => {
    const lz = loadWith((c) => {
      c.hub.transitGateway.segments.nonprod.reaches = ['onprem'];
      c.hub.transitGateway.segments.shared.reaches = ['onprem', 'nonprod'];
    }).landingZone;
    expect(lz.hub.transitGateway.segments.find((s) => s.name === 'nonprod')?.peers).toEqual(['shared']);
  });

  test('an isolated endpoints segment cuts off the spokes in it', () => {
    const outcome = issuesWith((c) => {
      c.hub.transitGateway.segments.shared.isolateAttachments = true;
      c.spokes[1].segment = 'shared';
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[1].segment',
      value: 'shared',
      message: 'does not reach the endpoints segment "shared", so spoke "shop-dev" cannot use the central endpoints',
      // Not "add shared to segments.shared.reaches": a segment cannot list itself.
      fix: 'set isolateAttachments: false on segment shared, or move the spoke to a segment that reaches shared',
      at: 'segment: |shared\n    vpc',
    });
  });

  test('passes: a spoke in the endpoints segment itself; an isolated endpoints segment still serves the segments that reach it', () => {
    expect(loadWith((c) => (c.spokes[1].segment = 'shared')).landingZone.spokes[1].segment).toBe('shared');
    const lz = loadWith((c) => (c.hub.transitGateway.segments.shared.isolateAttachments = true)).landingZone;
    expect(lz.hub.transitGateway.segments.find((s) => s.name === 'shared')).toMatchObject({ isolateAttachments: true, peers: ['prod', 'nonprod'] });
  });

  test('passes: the segment defaults to shared', () => {
    expect(loadWith((c) => delete c.hub.endpoints.segment).landingZone.hub.endpoints?.segment).toBe('shared');
  });
});

describeRule('dnsNeedsEndpointsVpc', () => {
  test('inbound and outbound Resolver endpoints without hub.endpoints', () => {
    const outcome = issuesWith((c) => delete c.hub.endpoints);
    expect(outcome.issues).toHaveLength(2);
    for (const key of ['inbound', 'outbound']) {
      expectIssue(outcome, {
        path: `hub.dns.${key}`,
        message: 'needs the shared-endpoints VPC (its ENIs live there), but hub.endpoints is not set',
        fix: 'add hub.endpoints, or remove this section',
        at: `    |${key}:`,
      });
    }
  });

  test('passes: no endpoints VPC and no Resolver endpoints; no hub.dns at all', () => {
    const lz = loadWith((c) => {
      delete c.hub.endpoints;
      c.hub.dns = { sharing: 'zone-association' };
    }).landingZone;
    expect(lz.hub.endpoints).toBeUndefined();
    expect(lz.hub.dns).toEqual({ sharing: 'zone-association' });
    const bare = loadWith((c) => {
      delete c.hub.endpoints;
      delete c.hub.dns;
    }).landingZone;
    expect(bare.hub.dns).toEqual({ sharing: 'zone-association' });
  });
});

describe('endpoint and DNS warnings', () => {
  test('opening a service that takes no policy is a warning, not an error', () => {
    const { warnings } = loadWith((c) => {
      c.hub.endpoints.services.push('backup');
      c.hub.endpoints.openPolicy = [{ service: 'backup', reason: 'vault copies from a partner organization' }];
    });
    expect(warnings.map((w) => [formatPath(w.path), w.message])).toEqual([['hub.endpoints.openPolicy[0].service', 'takes no endpoint policy, so there is nothing to open']]);
  });

  test('route53-profile without hub.endpoints is a warning', () => {
    const { warnings } = loadWith((c) => {
      delete c.hub.endpoints;
      c.hub.dns = { sharing: 'route53-profile' };
    });
    expect(warnings.map((w) => [formatPath(w.path), w.severity, w.message])).toEqual([['hub.dns.sharing', 'warning', 'has no effect without hub.endpoints: there is nothing to put in the profile']]);
  });

  test('opting a service out twice is an error', () => {
    expectIssue(
      issuesWith((c) => (c.hub.endpoints.openPolicy = [{ service: 'kms', reason: 'a partner decrypts shared data' }, { service: 'kms', reason: 'a partner decrypts shared data' }])),
      { path: 'hub.endpoints.openPolicy[1].service', value: 'kms', message: 'is opted out twice', fix: 'keep one entry per service', at: ['service: |kms', 2] },
    );
  });
});

describeRule('resolverReachesOnPremises', () => {
  test('the endpoints segment must reach onprem when Resolver endpoints exist', () => {
    expectIssue(issuesWith((c) => (c.hub.transitGateway.segments.shared.reaches = [])), {
      path: 'hub.endpoints.segment',
      value: 'shared',
      message: 'does not reach onprem, so on-premises cannot query the inbound endpoint and the outbound endpoint cannot reach the data-center DNS servers',
      fix: 'add onprem to hub.transitGateway.segments.shared.reaches',
      at: 'segment: |shared',
    });
  });

  test('a forwarding target outside onPremises.cidrs has no route', () => {
    expectIssue(issuesWith((c) => (c.hub.dns.outbound.rules[0].targets[1].ip = '192.168.7.7')), {
      path: 'hub.dns.outbound.rules[0].targets[1].ip',
      value: '192.168.7.7',
      message: 'is in none of onPremises.cidrs [10.10.0.0/16], so no route leads to it',
      fix: 'add its network to onPremises.cidrs',
      at: 'ip: |192.168.7.7',
    });
  });

  test('passes: no Resolver endpoints need no on-premises reach', () => {
    const lz = loadWith((c) => {
      c.hub.transitGateway.segments.shared.reaches = [];
      delete c.hub.dns;
    }).landingZone;
    expect(lz.hub.transitGateway.segments.find((s) => s.name === 'shared')!.reachesOnPremises).toBe(false);
  });
});

describeRule('inboundResolverAddresses', () => {
  // The default endpoints VPC 10.254.0.0/24 has endpoint subnets 10.254.0.0/26 (2a), .64/26 (2b) and .128/26 (2c).
  const addressesAt = (azs: string[]) => (c: RawConfig) => (c.hub.dns.inbound.addresses = azs.map((az) => ({ az: `ap-northeast-2${az}` })));

  test('one address', () => {
    const outcome = issuesWith(addressesAt(['a']));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.dns.inbound.addresses', value: 1, message: 'addresses; a Resolver endpoint takes 2 to 6', fix: 'list 2 to 6 addresses, each in its own AZ', at: '      |addresses:' });
  });

  test('seven addresses (and the AZs they must then repeat)', () => {
    const outcome = issuesWith(addressesAt(['a', 'b', 'c', 'd', 'a', 'b', 'c']));
    expectIssue(outcome, { path: 'hub.dns.inbound.addresses', value: 7, message: 'addresses; a Resolver endpoint takes 2 to 6', fix: 'list 2 to 6 addresses', at: '      |addresses:' });
    // 2d is a zone of the region but not of the endpoints VPC; the last three repeat an AZ.
    expect(outcome.issues.map((i) => formatPath(i.path))).toEqual([
      'hub.dns.inbound.addresses',
      'hub.dns.inbound.addresses[3].az',
      'hub.dns.inbound.addresses[4].az',
      'hub.dns.inbound.addresses[5].az',
      'hub.dns.inbound.addresses[6].az',
    ]);
  });

  test('two addresses in one AZ', () => {
    const outcome = issuesWith((c) => (c.hub.dns.inbound.addresses[1].az = 'ap-northeast-2a'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.dns.inbound.addresses[1].az',
      value: 'ap-northeast-2a',
      message: 'is used by another address; each address needs its own AZ',
      fix: 'pick a different AZ of the endpoints VPC',
      at: ['az: |ap-northeast-2a', 2],
    });
  });

  test('an AZ of the hub that the endpoints VPC does not span', () => {
    const outcome = issuesWith((c) => (c.hub.endpoints.availabilityZones = ['ap-northeast-2a', 'ap-northeast-2c']));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.dns.inbound.addresses[1].az',
      value: 'ap-northeast-2b',
      message: 'is not an AZ of the endpoints VPC [ap-northeast-2a, ap-northeast-2c]',
      fix: 'use one of the endpoints VPC AZs',
      at: 'az: |ap-northeast-2b',
    });
  });

  test("a static IP in another AZ's endpoint subnet", () => {
    const outcome = issuesWith((c) => (c.hub.dns.inbound.addresses[0].ip = '10.254.0.70'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.dns.inbound.addresses[0].ip',
      value: '10.254.0.70',
      message: 'is outside the endpoint subnet 10.254.0.0/26 of ap-northeast-2a',
      fix: 'pick an address inside 10.254.0.0/26',
      at: 'ip: |10.254.0.70',
    });
  });

  test('a static IP outside the endpoints VPC', () => {
    expectIssue(issuesWith((c) => (c.hub.dns.inbound.addresses[0].ip = '10.10.0.53')), {
      path: 'hub.dns.inbound.addresses[0].ip',
      value: '10.10.0.53',
      message: 'is outside the endpoint subnet 10.254.0.0/26 of ap-northeast-2a',
      fix: 'inside 10.254.0.0/26',
      at: 'ip: |10.10.0.53',
    });
  });

  test.each([
    ['the network address', '10.254.0.64'],
    ['the VPC router (+1)', '10.254.0.65'],
    ['the DNS server (+2)', '10.254.0.66'],
    ['reserved for future use (+3)', '10.254.0.67'],
    ['the broadcast address', '10.254.0.127'],
  ])("%s of the AZ's endpoint subnet is reserved", (_label, ip) => {
    const outcome = issuesWith((c) => (c.hub.dns.inbound.addresses[1].ip = ip));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.dns.inbound.addresses[1].ip',
      value: ip,
      message: 'is one of the five addresses AWS reserves in 10.254.0.64/26 (the first four and the last)',
      fix: 'pick another address in the subnet',
      at: `ip: |${ip}`,
    });
  });

  test('passes: the first and last usable addresses of each subnet', () => {
    const set = (first: string, second: string) =>
      loadWith((c) => {
        c.hub.dns.inbound.addresses[0].ip = first;
        c.hub.dns.inbound.addresses[1].ip = second;
      }).landingZone.hub.dns.inbound?.addresses;
    expect(set('10.254.0.4', '10.254.0.126')).toEqual([
      { az: 'ap-northeast-2a', ip: '10.254.0.4' },
      { az: 'ap-northeast-2b', ip: '10.254.0.126' },
    ]);
    expect(set('10.254.0.62', '10.254.0.68')?.map((a) => a.ip)).toEqual(['10.254.0.62', '10.254.0.68']);
  });

  test.each(['10.254.0', '10.254.0.300', 'fd00::a', '010.254.0.10'])('%s is not an IPv4 address', (ip) => {
    const outcome = issuesWith((c) => (c.hub.dns.inbound.addresses[0].ip = ip));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.dns.inbound.addresses[0].ip',
      value: ip,
      message: 'is not an IPv4 address',
      fix: 'write a dotted-quad address, or omit it to let AWS assign one',
      at: 'ip: |',
    });
  });

  test('passes: six addresses, one in each AZ of a six-AZ endpoints VPC', () => {
    const azs = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`);
    const lz = loadWith((c) => {
      c.region = 'us-east-1';
      c.spokes[0].alb.certificateArn = c.spokes[0].alb.certificateArn.replace('ap-northeast-2', 'us-east-1');
      c.hub.availabilityZones = azs.slice(0, 3);
      c.spokes[0].vpc.availabilityZones = azs.slice(0, 3);
      for (const s of c.spokes[0].vpc.subnets) s.az = s.az.replace('ap-northeast-2', 'us-east-1');
      c.spokes[1].vpc.availabilityZones = ['us-east-1a', 'us-east-1c'];
      c.hub.endpoints.availabilityZones = azs;
      c.hub.dns.inbound.addresses = azs.map((az) => ({ az }));
    }).landingZone;
    expect(lz.hub.dns.inbound?.addresses.map((a) => a.az)).toEqual(azs);
  });
});

describeRule('outboundResolverRules', () => {
  test.each([
    ['an empty label', 'corp..example.internal'],
    ['a label starting with a hyphen', '-corp.example.internal'],
    ['an underscore', 'corp_dc.example.internal'],
    ['a label of 64 characters', `${'a'.repeat(64)}.example.internal`],
    ['a space', 'corp example.internal'],
  ])('a domain with %s', (_label, domain) => {
    const outcome = issuesWith((c) => (c.hub.dns.outbound.rules[0].domain = domain));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.dns.outbound.rules[0].domain',
      value: domain,
      message: 'is not a valid domain name',
      fix: 'write labels of letters, digits and hyphens separated by dots, e.g. corp.example.com',
      at: 'domain: |',
    });
  });

  test('a domain forwarded twice, differing only in case and a trailing dot', () => {
    const outcome = issuesWith((c) => c.hub.dns.outbound.rules.push({ domain: 'Corp.Example.Internal.', targets: [{ ip: '10.10.0.4' }] }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.dns.outbound.rules[1].domain', value: 'Corp.Example.Internal.', message: 'is already forwarded by rules[0]', fix: 'merge the targets into one rule', at: 'Corp.Example.Internal.' });
  });

  test('a target that is not an IPv4 address', () => {
    const outcome = issuesWith((c) => (c.hub.dns.outbound.rules[0].targets[1].ip = '10.10.0.256'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.dns.outbound.rules[0].targets[1].ip', value: '10.10.0.256', message: 'is not an IPv4 address', fix: 'write the on-premises DNS server as a dotted-quad address', at: '10.10.0.256' });
  });

  test.each([0, 65536])('port %i', (port) => {
    const outcome = issuesWith((c) => (c.hub.dns.outbound.rules[0].targets[0].port = port));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.dns.outbound.rules[0].targets[0].port', value: port, message: 'is not a TCP/UDP port', fix: 'use 1-65535 (DNS is 53)', at: `port: |${port}` });
  });

  test("a target inside the endpoints VPC: the hub's own resolver, a loop", () => {
    const outcome = issuesWith((c) => (c.hub.dns.outbound.rules[0].targets[1].ip = '10.254.0.200'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.dns.outbound.rules[0].targets[1].ip',
      value: '10.254.0.200',
      message: "is inside the shared-endpoints VPC 10.254.0.0/24: forwarding to the hub's own resolver endpoints loops",
      fix: 'target the on-premises DNS servers',
      at: '10.254.0.200',
    });
  });

  test('passes: ports 1 and 65535, port 53 by default, a fully qualified domain and a second domain', () => {
    const lz = loadWith((c) => {
      c.hub.dns.outbound.rules[0].domain = 'corp.example.internal.';
      c.hub.dns.outbound.rules[0].targets = [{ ip: '10.10.0.2', port: 1 }, { ip: '10.10.0.3', port: 65535 }];
      c.hub.dns.outbound.rules.push({ domain: 'dc1.corp.example.internal', targets: [{ ip: '192.168.1.53' }] });
      c.onPremises.cidrs.push('192.168.1.0/24');
    }).landingZone;
    expect(lz.hub.dns.outbound?.rules).toEqual([
      { domain: 'corp.example.internal', targets: [{ ip: '10.10.0.2', port: 1 }, { ip: '10.10.0.3', port: 65535 }] },
      { domain: 'dc1.corp.example.internal', targets: [{ ip: '192.168.1.53', port: 53 }] },
    ]);
  });

  test('without an endpoints VPC a target there is no loop: only dnsNeedsEndpointsVpc reports', () => {
    // Without hub.endpoints only dnsNeedsEndpointsVpc speaks; the target itself is fine.
    const outcome = issuesWith((c) => {
      delete c.hub.endpoints;
      delete c.hub.dns.inbound;
      c.hub.dns.outbound.rules[0].targets[0].ip = '10.254.0.200';
    });
    expect(outcome.issues.map((i) => formatPath(i.path))).toEqual(['hub.dns.outbound']);
  });
});

const DX_QUOTAS = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/limits.html';

/** An owned transit VIF on the default connection, without peer addresses (AWS assigns them). */
const ownedVif = (name: string, vlan: number): RawConfig => ({ name, connectionId: 'dxcon-fgexampl', vlan, customerAsn: 65010 });

describeRule('transitVifsOnly', () => {
  // The literal text AWS returns, so that a search for the console error finds this rule.
  const AWS_ERROR = 'Cannot associate Transit Gateway to Direct Connect Gateway that has Private Virtual Interfaces attached';
  // Every step, in order: delete, recreate as transit, download the new BGP sample configuration, send it to the location.
  const REMEDY = /^delete the private \(or public\) VIF, create it again as a transit VIF on the same connection, download the new BGP sample configuration \(Direct Connect console > Virtual interfaces > the VIF > Actions > Download > Sample configuration\) and send it to the network team at the Direct Connect location; then set type: transit$/;

  test.each(['private', 'public'])('a %s VIF: the AWS error, and how to replace the VIF', (type) => {
    const outcome = issuesWith((c) => (c.hub.directConnect.virtualInterfaces[0].type = type));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.virtualInterfaces[0].type',
      value: type,
      message: `cannot be used with a Transit Gateway: AWS refuses the association with "${AWS_ERROR}"`,
      fix: REMEDY,
      at: `type: |${type}`,
    });
  });

  test('only the private VIF of two is reported', () => {
    const outcome = issuesWith((c) => c.hub.directConnect.virtualInterfaces.push({ ...ownedVif('kinx-seoul-2', 102), type: 'private' }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.directConnect.virtualInterfaces[1].type', value: 'private', message: AWS_ERROR, fix: REMEDY, at: 'type: |private' });
  });

  test('passes: transit, written or by default', () => {
    const kinds = (mutate: (c: RawConfig) => void) => loadWith(mutate).landingZone.hub.directConnect?.virtualInterfaces.map((v) => [v.kind, v.name]);
    expect(kinds(() => undefined)).toEqual([['owned', 'kinx-seoul-1']]);
    expect(kinds((c) => delete c.hub.directConnect.virtualInterfaces[0].type)).toEqual([['owned', 'kinx-seoul-1']]);
  });
});

describeRule('virtualInterfaceFields', () => {
  const vif = (c: RawConfig): RawConfig => c.hub.directConnect.virtualInterfaces[0];
  const VIF = 'hub.directConnect.virtualInterfaces[0]';
  // A missing key is reported at its VIF, the list item that lacks it.
  const AT_VIF = '- |name: kinx-seoul-1';

  test.each([
    ['connectionId', 'is required for an owned VIF', 'add the dxcon-... (or dxlag-...) id of the connection'],
    ['vlan', 'is not a VLAN id from 1 to 4094', 'use the VLAN agreed with the Direct Connect location'],
    ['customerAsn', 'is not a BGP ASN (1-4294967294)', "use the on-premises router's ASN"],
  ])('an owned VIF without %s', (key, message, fix) => {
    const outcome = issuesWith((c) => delete vif(c)[key]);
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: `${VIF}.${key}`, message, fix, at: AT_VIF });
  });

  test.each([0, 4095])('VLAN %i', (vlan) => {
    const outcome = issuesWith((c) => (vif(c).vlan = vlan));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: `${VIF}.vlan`, value: vlan, message: 'is not a VLAN id from 1 to 4094', fix: 'use the VLAN agreed with the Direct Connect location', at: `vlan: |${vlan}` });
  });

  test.each([1, 4094])('passes: VLAN %i', (vlan) => {
    const dx = loadWith((c) => (vif(c).vlan = vlan)).landingZone.hub.directConnect!;
    expect(dx.virtualInterfaces[0]).toMatchObject({ kind: 'owned', vlan });
  });

  test.each([
    ['amazonAddress', 'customerAddress'],
    ['customerAddress', 'amazonAddress'],
  ])('%s missing while %s is set', (missing) => {
    const outcome = issuesWith((c) => delete vif(c)[missing]);
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: `${VIF}.${missing}`,
      message: 'must be set together with the other peer address',
      fix: 'set both amazonAddress and customerAddress, or neither (AWS then assigns them)',
      at: AT_VIF,
    });
  });

  test('the customer address equal to the Amazon address', () => {
    const outcome = issuesWith((c) => (vif(c).customerAddress = '169.254.100.1/30'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: `${VIF}.customerAddress`, value: '169.254.100.1/30', message: 'is the same address as amazonAddress', fix: 'use the other address of the /30 (or /31)', at: 'customerAddress: |169.254.100.1/30' });
  });

  test('peer addresses in different /30s', () => {
    // 169.254.100.5 is in 169.254.100.4/30, the Amazon side in 169.254.100.0/30.
    const outcome = issuesWith((c) => (vif(c).customerAddress = '169.254.100.5/30'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: `${VIF}.customerAddress`,
      value: '169.254.100.5/30',
      message: 'is not in the same /30 as amazonAddress 169.254.100.1/30',
      fix: 'put both peer addresses in one /30 or /31',
      at: 'customerAddress: |169.254.100.5/30',
    });
  });

  test('a /31 and a /30 are not one peer network', () => {
    const outcome = issuesWith((c) => {
      vif(c).amazonAddress = '169.254.100.0/31';
      vif(c).customerAddress = '169.254.100.1/30';
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: `${VIF}.customerAddress`, value: '169.254.100.1/30', message: 'is not in the same /31 as amazonAddress 169.254.100.0/31', fix: 'one /30 or /31', at: 'customerAddress: |' });
  });

  test('a /29 peer prefix', () => {
    const outcome = issuesWith((c) => (vif(c).amazonAddress = '169.254.100.1/29'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: `${VIF}.amazonAddress`, value: '169.254.100.1/29', message: 'is not an address with a /30 or /31 prefix', fix: 'write it like 169.254.100.1/30', at: 'amazonAddress: |169.254.100.1/29' });
  });

  test('a zero-padded peer prefix (/030) is not a /30: lib/net/range reads the prefix strictly', () => {
    const outcome = issuesWith((c) => (vif(c).amazonAddress = '169.254.100.1/030'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: `${VIF}.amazonAddress`, value: '169.254.100.1/030', message: 'is not an address with a /30 or /31 prefix', fix: 'write it like 169.254.100.1/30', at: 'amazonAddress: |169.254.100.1/030' });
  });

  test('a peer address without a prefix, and one that is no address: both reported', () => {
    const outcome = issuesWith((c) => {
      vif(c).amazonAddress = '169.254.100.1';
      vif(c).customerAddress = '169.254.100/30';
    });
    expect(pathsBySeverity(outcome)).toEqual({ errors: [`${VIF}.amazonAddress`, `${VIF}.customerAddress`], warnings: [] });
    expectIssue(outcome, { path: `${VIF}.amazonAddress`, value: '169.254.100.1', message: 'is not an address with a /30 or /31 prefix', fix: '169.254.100.1/30', at: 'amazonAddress: |' });
    expectIssue(outcome, { path: `${VIF}.customerAddress`, value: '169.254.100/30', message: 'is not an address with a /30 or /31 prefix', fix: '169.254.100.1/30', at: 'customerAddress: |' });
  });

  test('passes: a /31 pair, and no peer addresses at all', () => {
    const peers = (mutate: (v: RawConfig) => void) => {
      const owned = loadWith((c) => mutate(vif(c))).landingZone.hub.directConnect!.virtualInterfaces[0];
      return owned.kind === 'owned' ? [owned.amazonAddress, owned.customerAddress] : owned.kind;
    };
    expect(
      peers((v) => {
        v.amazonAddress = '169.254.100.0/31';
        v.customerAddress = '169.254.100.1/31';
      }),
    ).toEqual(['169.254.100.0/31', '169.254.100.1/31']);
    expect(
      peers((v) => {
        delete v.amazonAddress;
        delete v.customerAddress;
      }),
    ).toEqual([undefined, undefined]);
  });

  test('a hosted VIF without the id to accept', () => {
    const outcome = issuesWith((c) => (c.hub.directConnect.virtualInterfaces = [{ name: 'partner-1', ownership: 'hosted' }]));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: `${VIF}.virtualInterfaceId`, message: 'is required to accept a hosted VIF', fix: 'copy the dxvif-... id the partner gave you', at: '- |name: partner-1' });
  });

  test('passes: a hosted VIF with its id needs no connection, VLAN or ASN', () => {
    const dx = loadWith((c) => (c.hub.directConnect.virtualInterfaces = [{ name: 'partner-1', ownership: 'hosted', virtualInterfaceId: 'dxvif-ffabc123' }])).landingZone.hub.directConnect!;
    expect(dx.virtualInterfaces).toEqual([{ kind: 'hosted', name: 'partner-1', virtualInterfaceId: 'dxvif-ffabc123' }]);
  });

  test('two VIFs with one name', () => {
    const outcome = issuesWith((c) => c.hub.directConnect.virtualInterfaces.push(ownedVif('kinx-seoul-1', 102)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.directConnect.virtualInterfaces[1].name', value: 'kinx-seoul-1', message: 'is already used by another VIF', fix: 'give every VIF its own name', at: ['name: |kinx-seoul-1', 2] });
  });

  test('31 VIFs, over the quota of 30 per Direct Connect gateway', () => {
    const outcome = issuesWith((c) => (c.hub.directConnect.virtualInterfaces = Array.from({ length: 31 }, (_, i) => ownedVif(`vif-${i + 1}`, 101 + i))));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.virtualInterfaces',
      value: 31,
      message: `VIFs exceed the AWS quota of 30 virtual interfaces per Direct Connect gateway (${DX_QUOTAS})`,
      fix: 'use fewer VIFs per gateway',
      at: '    |virtualInterfaces:',
    });
  });

  test('passes: 30 VIFs', () => {
    const dx = loadWith((c) => (c.hub.directConnect.virtualInterfaces = Array.from({ length: 30 }, (_, i) => ownedVif(`vif-${i + 1}`, 101 + i)))).landingZone.hub.directConnect!;
    expect(dx.virtualInterfaces).toHaveLength(30);
  });
});

describeRule('directConnectAsn', () => {
  test.each([7224, 64511, 65535, 4199999999, 4294967295])('%i is not a private ASN', (asn) => {
    const outcome = issuesWith((c) => (c.hub.directConnect.asn = asn));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.asn',
      value: asn,
      message: 'is not a private ASN a Direct Connect gateway accepts',
      fix: 'use 64512-65534 or 4200000000-4294967294',
      at: `asn: |${asn}`,
    });
  });

  test('the Transit Gateway ASN', () => {
    const outcome = issuesWith((c) => (c.hub.directConnect.asn = 64512));
    expect(outcome.issues).toHaveLength(1);
    // The first asn: 64512 is the Transit Gateway's.
    expectIssue(outcome, { path: 'hub.directConnect.asn', value: 64512, message: 'equals the Transit Gateway ASN', fix: 'give the Direct Connect gateway its own ASN', at: ['asn: |64512', 2] });
  });

  test("a VIF's customer ASN equal to the gateway ASN", () => {
    const outcome = issuesWith((c) => (c.hub.directConnect.virtualInterfaces[0].customerAsn = 64600));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.virtualInterfaces[0].customerAsn',
      value: 64600,
      message: 'equals the Direct Connect gateway ASN; BGP would see its own AS',
      fix: 'use the on-premises ASN, different from the AWS side',
      at: 'customerAsn: |64600',
    });
  });

  test.each([
    ['the Transit Gateway', 64512],
    ['the Direct Connect gateway', 64600],
  ])('a VPN device with the ASN of %s', (_side, asn) => {
    const outcome = issuesWith((c) => (c.hub.vpn.connections[0].asn = asn));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.vpn.connections[0].asn',
      value: asn,
      message: 'equals an AWS-side ASN (Transit Gateway or Direct Connect gateway)',
      fix: 'use the on-premises ASN',
      // The first is the Transit Gateway's or the Direct Connect gateway's own.
      at: [`asn: |${asn}`, 2],
    });
  });

  test('a VPN device with the Transit Gateway ASN, without Direct Connect', () => {
    const outcome = issuesWith((c) => {
      delete c.hub.directConnect;
      c.hub.vpn.connections[0].asn = 64512;
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.vpn.connections[0].asn', value: 64512, message: 'equals an AWS-side ASN', fix: 'use the on-premises ASN', at: ['asn: |64512', 2] });
  });

  test('passes: a 4-byte private gateway ASN; the same customer ASN on Direct Connect and VPN', () => {
    const hub = loadWith((c) => (c.hub.directConnect.asn = 4200000000)).landingZone.hub;
    expect(hub.directConnect?.asn).toBe(4200000000);
    expect(hub.transitGateway.asn).toBe(64512);
    // One data center, one router ASN on both paths: allowed.
    expect(hub.directConnect?.virtualInterfaces[0]).toMatchObject({ customerAsn: 65010 });
    expect(hub.vpn?.connections[0].asn).toBe(65010);
  });
});

describeRule('allowedPrefixes', () => {
  const prefixes = (c: RawConfig, list: string[] | 'auto') => (c.hub.directConnect.allowedPrefixes = list);
  /** What auto advertises for the default config: the endpoints VPC and both spokes, each exactly. */
  const EXACT = ['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16'];
  /** Summaries of every VPC range, as the default config listed them before auto. */
  const SUMMARIES = ['172.16.0.0/12', '10.254.0.0/23'];

  test('auto with no segment reaching onprem advertises nothing: an error before synth', () => {
    const outcome = issuesWith((c) => {
      for (const seg of Object.values(c.hub.transitGateway.segments) as RawConfig[]) seg.reaches = seg.reaches.filter((r: string) => r !== 'onprem');
      delete c.hub.dns;
    });
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['hub.directConnect.allowedPrefixes'], warnings: ['hub.directConnect'] });
    expectIssue(outcome, {
      path: 'hub.directConnect.allowedPrefixes',
      value: 'auto',
      message: 'advertises nothing: no spoke segment (and not the endpoints VPC segment) reaches onprem',
      fix: 'let a segment reach onprem',
      at: 'allowedPrefixes: |auto',
    });
  });

  // vpcRanges once dropped empty ranges, so auto computed onPremisesRanges over "" and cidrOf threw "internal:" (a stack trace in the CLI).
  test.each([
    ['an empty spoke range', 'spokes[0].vpc.cidr', (c: RawConfig) => (c.spokes[0].vpc.cidr = ''), '', 'cidr: |""', 'is not a CIDR block (expected a.b.c.d/n)'],
    ['an empty endpoints VPC range', 'hub.endpoints.cidr', (c: RawConfig) => (c.hub.endpoints.cidr = ''), '', 'cidr: |""', 'is not a CIDR block (expected a.b.c.d/n)'],
    ['a spoke range with host bits', 'spokes[1].vpc.cidr', (c: RawConfig) => (c.spokes[1].vpc.cidr = '172.20.0.1/16'), '172.20.0.1/16', 'cidr: |172.20.0.1/16', 'has host bits set'],
  ])('auto over %s: only the CIDR rule reports it, nothing here and no internal error', (_label, path, mutate, value, at, message) => {
    const outcome = issuesWith(mutate);
    expect(outcome.issues.filter((i) => formatPath(i.path).startsWith('hub.directConnect'))).toEqual([]);
    expect(outcome.issues.map((i) => i.message)).not.toContainEqual(expect.stringContaining('internal'));
    expectIssue(outcome, { path, value, message, fix: /./, at });
  });

  test('a spoke of a segment that does not reach onprem is not reported outside the prefixes', () => {
    const outcome = warningsWith((c) => {
      prefixes(c, ['10.254.0.0/24', '172.16.0.0/16']);
      c.hub.transitGateway.segments.lab = { reaches: ['shared'] };
      c.spokes[1].segment = 'lab';
    });
    expect(outcome.issues.filter((i) => i.path.join('.').startsWith('spokes'))).toEqual([]);
  });

  // The syntax cases list each range exactly but one, so the VPN-preference warning stays out of them.
  test('a prefix with host bits suggests its network address', () => {
    const outcome = issuesWith((c) => prefixes(c, ['10.254.0.1/24', '172.16.0.0/16', '172.20.0.0/16']));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.allowedPrefixes[0]',
      value: '10.254.0.1/24',
      message: 'has host bits set (the network address of /24 is 10.254.0.0/24)',
      fix: 'write 10.254.0.0/24',
      at: '10.254.0.1/24',
    });
  });

  test('a prefix that is no CIDR block', () => {
    const outcome = issuesWith((c) => prefixes(c, ['10.254.0.0', '172.16.0.0/16', '172.20.0.0/16']));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.directConnect.allowedPrefixes[0]', value: '10.254.0.0', message: 'is not a CIDR block (expected a.b.c.d/n)', fix: 'write an IPv4 block', at: '- |10.254.0.0' });
  });

  /** The three VPC ranges, each exactly, then /24s of 192.168 up to `n` prefixes. */
  const many = (n: number) => [...EXACT, ...Array.from({ length: n - EXACT.length }, (_, i) => `192.168.${i}.0/24`)];

  test('201 prefixes, over the quota of 200 per Transit Gateway association', () => {
    const outcome = issuesWith((c) => prefixes(c, many(201)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.allowedPrefixes',
      value: 201,
      message: `prefixes exceed the AWS quota of 200 allowed prefixes per transit gateway association of a Direct Connect gateway (${DX_QUOTAS})`,
      fix: 'advertise summaries: allowedPrefixes: internal (or a list of summaries), with hub.vpn.customerGatewayRoutes: floating-summaries so that Direct Connect stays preferred',
      at: '    |allowedPrefixes:',
    });
  });

  test('passes: 200 prefixes', () => {
    const loaded = loadWith((c) => prefixes(c, many(200)));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(many(200));
  });

  test('a spoke outside the prefixes is a warning: the config loads', () => {
    const outcome = warningsWith((c) => {
      prefixes(c, SUMMARIES);
      c.spokes.push(bareSpoke('shop-stage', '555555555555', '10.0.0.0/16'));
    });
    // The summaries also trigger the VPN-preference warning (its own cases below).
    expect(outcome.issues.map((i) => formatPath(i.path))).toEqual(['spokes[2].vpc.cidr', 'hub.directConnect.allowedPrefixes']);
    expectIssue(outcome, {
      path: 'spokes[2].vpc.cidr',
      value: '10.0.0.0/16',
      severity: 'warning',
      message: 'is not inside hub.directConnect.allowedPrefixes, so on-premises cannot reach spoke "shop-stage" over Direct Connect',
      fix: 'add a summary that covers it to allowedPrefixes, or use allowedPrefixes: auto',
      at: '10.0.0.0/16',
    });
  });

  test('a spoke only half inside the prefixes is a warning', () => {
    const outcome = warningsWith((c) => prefixes(c, ['172.16.0.0/17', '172.20.0.0/16', '10.254.0.0/24']));
    expect(outcome.issues.map((i) => formatPath(i.path))).toEqual(['spokes[0].vpc.cidr']);
    expectIssue(outcome, { path: 'spokes[0].vpc.cidr', value: '172.16.0.0/16', severity: 'warning', message: 'cannot reach spoke "shop-prod"', fix: 'allowedPrefixes: auto', at: 'cidr: |172.16.0.0/16' });
  });

  test('passes: a spoke covered by two adjacent prefixes together', () => {
    const loaded = loadWith((c) => prefixes(c, ['172.16.0.0/17', '172.16.128.0/17', '172.20.0.0/16', '10.254.0.0/24']));
    // More specific than the VPN's 172.16.0.0/16 is fine: Direct Connect still wins.
    expect(loaded.warnings).toEqual([]);
    // Advertised as written, not merged.
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(['172.16.0.0/17', '172.16.128.0/17', '172.20.0.0/16', '10.254.0.0/24']);
  });

  test('passes: auto advertises every VPC on-premises reaches, a new spoke included, and is the default', () => {
    const withStage = (c: RawConfig) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '10.0.0.0/16'));
    // Address order, each range exactly; the egress VPC (in no segment) is not advertised.
    const expected = ['10.0.0.0/16', '10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16'];
    const auto = loadWith((c) => {
      withStage(c);
      prefixes(c, 'auto');
    });
    expect(auto.warnings).toEqual([]);
    expect(auto.landingZone.hub.directConnect?.allowedPrefixes).toEqual(expected);
    const omitted = loadWith((c) => {
      withStage(c);
      delete c.hub.directConnect.allowedPrefixes;
    });
    expect(omitted.config.hub.directConnect?.allowedPrefixes).toBe('auto');
    expect(omitted.warnings).toEqual([]);
    expect(omitted.landingZone.hub.directConnect?.allowedPrefixes).toEqual(expected);
  });

  const PREFER_VPN_FIX =
    'set hub.vpn.customerGatewayRoutes: floating-summaries (the routers drop the VPN-learned specifics and use floating static routes for the summaries; REPORT.md prints the configuration), or use allowedPrefixes: auto';

  test('passes: summaries with the VPN on floating summaries (the routers drop the VPN-learned specifics): no warning', () => {
    const loaded = loadWith((c) => {
      prefixes(c, SUMMARIES);
      c.hub.vpn.customerGatewayRoutes = 'floating-summaries';
    });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.hub.vpn?.customerGatewayRoutes).toBe('floating-summaries');
  });

  test('passes: internal advertises hub.transitGateway.internalRanges, however many spokes there are', () => {
    const loaded = loadWith((c) => {
      c.hub.directConnect.allowedPrefixes = 'internal';
      c.hub.vpn.customerGatewayRoutes = 'floating-summaries';
      for (let i = 0; i < 250; i++) c.spokes.push(bareSpoke(`s${i}`, `5${String(i).padStart(11, '0')}`, `10.${Math.floor(i / 16) + 120}.${(i % 16) * 16}.0/20`));
    });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
  });

  test('internal with a VPN that accepts the learned routes: the VPN-preference warning', () => {
    const outcome = warningsWith((c) => (c.hub.directConnect.allowedPrefixes = 'internal'));
    expect(outcome.issues.map((i) => [formatPath(i.path), i.severity])).toEqual([['hub.directConnect.allowedPrefixes', 'warning']]);
    expectIssue(outcome, { path: 'hub.directConnect.allowedPrefixes', value: 'internal', severity: 'warning', message: /^summarizes 10\.254\.0\.0\/24, 172\.16\.0\.0\/16, 172\.20\.0\.0\/16/, fix: PREFER_VPN_FIX, at: 'allowedPrefixes: |internal' });
  });

  test('summaries with a VPN backup: a warning naming every range the VPN advertises more specifically', () => {
    const outcome = warningsWith((c) => prefixes(c, SUMMARIES));
    expect(outcome.issues).toHaveLength(1);
    const issue = expectIssue(outcome, {
      path: 'hub.directConnect.allowedPrefixes',
      value: SUMMARIES,
      severity: 'warning',
      message: 'summarizes 10.254.0.0/24, 172.16.0.0/16, 172.20.0.0/16, which the VPN backup advertises exactly: the data center prefers the more specific VPN routes, so the VPN carries all traffic towards AWS',
      fix: PREFER_VPN_FIX,
      at: '    |allowedPrefixes:',
    });
    expect(issue.message).toBe('summarizes 10.254.0.0/24, 172.16.0.0/16, 172.20.0.0/16, which the VPN backup advertises exactly: the data center prefers the more specific VPN routes, so the VPN carries all traffic towards AWS');
    expect(issue.fix).toBe(PREFER_VPN_FIX);
  });

  test('only the summarized ranges on-premises reaches are named: not exact ones, nor a spoke in a segment without onprem', () => {
    const outcome = warningsWith((c) => {
      prefixes(c, ['172.16.0.0/12', '10.254.0.0/24']);
      c.hub.transitGateway.segments.lab = { reaches: ['shared'] }; // shared reaches onprem; lab does not (no transit)
      c.spokes.push({ ...bareSpoke('shop-lab', '555555555555', '172.30.0.0/16'), segment: 'lab' });
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.allowedPrefixes',
      value: ['172.16.0.0/12', '10.254.0.0/24'],
      severity: 'warning',
      message: /^summarizes 172\.16\.0\.0\/16, 172\.20\.0\.0\/16, which the VPN backup advertises exactly:/,
      fix: PREFER_VPN_FIX,
      at: '    |allowedPrefixes:',
    });
  });

  test('passes: summaries without a VPN warn about nothing (nothing more specific competes)', () => {
    const loaded = loadWith((c) => {
      prefixes(c, SUMMARIES);
      delete c.hub.vpn;
    });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(SUMMARIES);
  });

  test('passes: auto with a VPN, the default, warns about nothing', () => {
    const loaded = loadWith();
    expect(loaded.config.hub.directConnect?.allowedPrefixes).toBe('auto');
    expect(loaded.landingZone.hub.vpn?.connections).toHaveLength(1);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(EXACT);
  });

  test('passes: an explicit list naming each range exactly, with a VPN, warns about nothing', () => {
    // In another order than auto's: advertised as written.
    const loaded = loadWith((c) => prefixes(c, ['172.20.0.0/16', '172.16.0.0/16', '10.254.0.0/24']));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(['172.20.0.0/16', '172.16.0.0/16', '10.254.0.0/24']);
  });
});

describeRule('vpnTunnelCidrs', () => {
  const tunnel = (c: RawConfig, j: number, value: string) => (c.hub.vpn.connections[0].tunnelInsideCidrs[j] = value);
  const TUNNEL_0 = 'hub.vpn.connections[0].tunnelInsideCidrs[0]';

  test.each([
    ['a /29', '169.254.200.8/29'],
    ['a /31', '169.254.200.8/31'],
    ['a /30 outside 169.254.0.0/16', '192.168.0.0/30'],
  ])('%s', (_label, value) => {
    const outcome = issuesWith((c) => tunnel(c, 0, value));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: TUNNEL_0, value, message: 'is not a /30 inside 169.254.0.0/16', fix: 'pick a /30 such as 169.254.200.0/30', at: value });
  });

  test('host bits suggest the network address', () => {
    const outcome = issuesWith((c) => tunnel(c, 0, '169.254.200.1/30'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: TUNNEL_0, value: '169.254.200.1/30', message: 'has host bits set (the network address of /30 is 169.254.200.0/30)', fix: 'write 169.254.200.0/30', at: '169.254.200.1/30' });
  });

  test.each(['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'])('%s is reserved by AWS', (value) => {
    const outcome = issuesWith((c) => tunnel(c, 1, value));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.vpn.connections[0].tunnelInsideCidrs[1]',
      value,
      message: 'is reserved by AWS for tunnel inside addresses',
      fix: 'avoid 169.254.0.0/30, 169.254.1.0/30, 169.254.2.0/30, 169.254.3.0/30, 169.254.4.0/30, 169.254.5.0/30, 169.254.169.252/30',
      at: `- |${value}`,
    });
  });

  test('passes: the /30s right next to the reserved ones', () => {
    const vpn = loadWith((c) => (c.hub.vpn.connections[0].tunnelInsideCidrs = ['169.254.6.0/30', '169.254.169.248/30'])).landingZone.hub.vpn;
    expect(vpn?.connections[0].tunnelInsideCidrs).toEqual(['169.254.6.0/30', '169.254.169.248/30']);
  });

  test('a /30 used by another connection', () => {
    const outcome = issuesWith((c) => c.hub.vpn.connections.push({ name: 'dc-backup-2', ip: '203.0.113.11', asn: 65020, tunnelInsideCidrs: ['169.254.201.0/30', '169.254.200.4/30'] }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.vpn.connections[1].tunnelInsideCidrs[1]',
      value: '169.254.200.4/30',
      message: 'is already used by connections[0].tunnelInsideCidrs[1]',
      fix: 'give every tunnel its own /30',
      at: ['169.254.200.4/30', 2],
    });
  });

  test('both tunnels of one connection in the same /30', () => {
    const outcome = issuesWith((c) => tunnel(c, 1, '169.254.200.0/30'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.vpn.connections[0].tunnelInsideCidrs[1]', value: '169.254.200.0/30', message: 'is already used by connections[0].tunnelInsideCidrs[0]', fix: 'its own /30', at: ['169.254.200.0/30', 2] });
  });

  test('two connections with one name', () => {
    const outcome = issuesWith((c) => c.hub.vpn.connections.push({ name: 'dc-backup', ip: '203.0.113.11', asn: 65020 }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.vpn.connections[1].name', value: 'dc-backup', message: 'is already used by another VPN connection', fix: 'give every connection its own name', at: ['name: |dc-backup', 2] });
  });

  test.each(['203.0.113', '203.0.113.256', '2001:db8::10', '203.0.113.010'])('device address %s is not an IPv4 address', (ip) => {
    const outcome = issuesWith((c) => (c.hub.vpn.connections[0].ip = ip));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.vpn.connections[0].ip', value: ip, message: 'is not an IPv4 address', fix: "write the on-premises device's public IPv4 address", at: 'ip: |' + ip });
  });

  test('passes: the default, and a second connection whose tunnel CIDRs AWS picks', () => {
    const vpn = loadWith((c) => c.hub.vpn.connections.push({ name: 'dc-backup-2', ip: '198.51.100.20', asn: 65020 })).landingZone.hub.vpn;
    expect(vpn).toEqual({
      connections: [
        { name: 'dc-backup', ip: '203.0.113.10', asn: 65010, tunnelInsideCidrs: ['169.254.200.0/30', '169.254.200.4/30'] },
        { name: 'dc-backup-2', ip: '198.51.100.20', asn: 65020 },
      ],
      customerGatewayRoutes: 'learned',
    });
  });
});

describeRule('hybridHasPurpose', () => {
  /** No segment reaches onprem; the Resolver endpoints would need it (resolverReachesOnPremises), so hub.dns goes too. */
  const noOnPremReach = (c: RawConfig) => {
    for (const s of Object.values(c.hub.transitGateway.segments) as RawConfig[]) s.reaches = s.reaches.filter((r: string) => r !== 'onprem');
    delete c.hub.dns;
  };

  test('Direct Connect, but no segment reaches onprem: a warning', () => {
    const outcome = warningsWith((c) => {
      noOnPremReach(c);
      // Explicit summaries keep this case about hybridHasPurpose: with no segment reaching onprem, auto would advertise nothing.
      c.hub.directConnect.allowedPrefixes = ['172.16.0.0/12', '10.254.0.0/23'];
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect',
      severity: 'warning',
      message: 'connects the data center, but no segment reaches onprem',
      fix: 'add onprem to the reaches of the segments that need it',
      at: '  |directConnect:',
    });
  });

  test('VPN alone, no segment reaching onprem: the warning points at hub.vpn', () => {
    const outcome = warningsWith((c) => {
      noOnPremReach(c);
      delete c.hub.directConnect;
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.vpn', severity: 'warning', message: 'no segment reaches onprem', fix: 'add onprem', at: '  |vpn:' });
  });

  test('no on-premises ranges: a warning', () => {
    // The outbound Resolver targets would then be outside onPremises.cidrs (an error): no hub.dns here.
    const outcome = warningsWith((c) => {
      c.onPremises.cidrs = [];
      delete c.hub.dns;
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'onPremises.cidrs',
      value: [],
      severity: 'warning',
      message: 'is empty, so no security group or route admits the data center',
      fix: 'list the on-premises ranges',
      at: 'cidrs: |[]',
    });
  });

  test('passes: the default, and a hub without Direct Connect or VPN has nothing to warn about', () => {
    expect(loadWith().warnings).toEqual([]);
    const bare = loadWith((c) => {
      noOnPremReach(c);
      c.onPremises.cidrs = [];
      delete c.hub.directConnect;
      delete c.hub.vpn;
    });
    expect(bare.warnings).toEqual([]);
    expect(bare.landingZone.hub.directConnect).toBeUndefined();
    expect(bare.landingZone.hub.vpn).toBeUndefined();
  });
});

describeRule('onPremisesNeedsHybrid', () => {
  /** The default hub without Direct Connect and VPN: every segment still reaches onprem. */
  const noHybrid = (c: RawConfig) => {
    delete c.hub.directConnect;
    delete c.hub.vpn;
  };

  test('segments reach onprem, but the hub has neither Direct Connect nor VPN: an error at each segment\'s reaches', () => {
    const outcome = issuesWith(noHybrid);
    expect(pathsBySeverity(outcome)).toEqual({
      errors: ['hub.transitGateway.segments.prod.reaches', 'hub.transitGateway.segments.nonprod.reaches', 'hub.transitGateway.segments.shared.reaches'],
      warnings: [],
    });
    const expected = (segment: string, value: string[], nth: number) => ({
      path: `hub.transitGateway.segments.${segment}.reaches`,
      value,
      message: /^reaches onprem, but the hub has no Direct Connect or VPN, so nothing connects the data center$/,
      fix: /^add hub\.directConnect or hub\.vpn, or remove onprem from reaches$/,
      at: [`${segment}:\n        |reaches:`, nth] as const,
    });
    expectIssue(outcome, expected('prod', ['shared', 'onprem'], 1));
    expectIssue(outcome, expected('nonprod', ['shared', 'onprem'], 1));
    expectIssue(outcome, expected('shared', ['onprem'], 1));
  });

  test('only the segments that list onprem are reported', () => {
    const outcome = issuesWith((c) => {
      noHybrid(c);
      c.hub.transitGateway.segments.prod.reaches = ['shared'];
      c.hub.transitGateway.segments.nonprod.reaches = ['shared'];
    });
    // shared keeps onprem (the Resolver endpoints need it): the one segment reported.
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['hub.transitGateway.segments.shared.reaches'], warnings: [] });
    expectIssue(outcome, { path: 'hub.transitGateway.segments.shared.reaches', value: ['onprem'], message: 'but the hub has no Direct Connect or VPN', fix: 'add hub.directConnect or hub.vpn', at: 'shared:\n        |reaches:' });
  });

  test('passes: Direct Connect alone, or a VPN alone, connects the data center', () => {
    expect(loadWith((c) => delete c.hub.vpn).landingZone.hub.vpn).toBeUndefined();
    const vpnOnly = loadWith((c) => delete c.hub.directConnect);
    expect(vpnOnly.landingZone.hub.directConnect).toBeUndefined();
    expect(vpnOnly.warnings).toEqual([]);
  });

  test('passes: neither, when no segment reaches onprem', () => {
    const bare = loadWith((c) => {
      noHybrid(c);
      for (const seg of Object.values(c.hub.transitGateway.segments) as RawConfig[]) seg.reaches = seg.reaches.filter((r: string) => r !== 'onprem');
      delete c.hub.dns; // the Resolver endpoints need the endpoints segment to reach onprem
    });
    expect(bare.landingZone.hub.directConnect).toBeUndefined();
    expect(bare.landingZone.hub.vpn).toBeUndefined();
  });
});

describeRule('floatingSummariesNeedDirectConnect', () => {
  test('floating summaries without Direct Connect route nothing to AWS: an error', () => {
    const outcome = issuesWith((c) => {
      delete c.hub.directConnect;
      c.hub.vpn.customerGatewayRoutes = 'floating-summaries';
    });
    expect(outcome.issues.map((i) => formatPath(i.path))).toEqual(['hub.vpn.customerGatewayRoutes']);
    expectIssue(outcome, {
      path: 'hub.vpn.customerGatewayRoutes',
      value: 'floating-summaries',
      message: 'routes the Direct Connect allowed prefixes into the tunnels, but the hub has no Direct Connect, so the data center would route nothing to AWS',
      fix: 'use customerGatewayRoutes: learned, or add hub.directConnect',
      at: 'customerGatewayRoutes: |floating-summaries',
    });
  });

  test('passes: learned (the default) without Direct Connect', () => {
    const loaded = loadWith((c) => delete c.hub.directConnect);
    expect(loaded.landingZone.hub.vpn?.customerGatewayRoutes).toBe('learned');
  });
});

describeRule('sessionManagerSettings', () => {
  /** The hub's endpoint services without ec2messages, one of the three Session Manager needs. */
  const withoutEc2Messages = (c: RawConfig) => (c.hub.endpoints.services = c.hub.endpoints.services.filter((s: string) => s !== 'ec2messages'));
  /** shop-dev with only public subnets (and the generated tgw ones): nowhere private for interface endpoints. */
  const publicOnlyDev = (c: RawConfig) => (c.spokes[1].vpc.tiers = { public: { prefixLength: 24, count: 2 } });

  test.each([0, 61])('an idle timeout of %i minutes', (minutes) => {
    const outcome = issuesWith((c) => (c.spokes[0].access.ssm.idleTimeoutMinutes = minutes));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].access.ssm.idleTimeoutMinutes',
      value: minutes,
      message: 'is outside the 1-60 minutes Session Manager allows',
      fix: 'pick 1 to 60 minutes (20 is the default)',
      at: `idleTimeoutMinutes: |${minutes}`,
    });
  });

  test.each([0, 1441])('a maximum session of %i minutes', (minutes) => {
    const outcome = issuesWith((c) => (c.spokes[0].access.ssm.maxSessionMinutes = minutes));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].access.ssm.maxSessionMinutes',
      value: minutes,
      message: 'is outside the 1-1440 minutes Session Manager allows',
      fix: 'pick 1 to 1440 minutes',
      at: `maxSessionMinutes: |${minutes}`,
    });
  });

  test('both timeouts out of range in a spoke that only sets them: both reported', () => {
    const outcome = issuesWith((c) => (c.spokes[1].access = { ssm: { idleTimeoutMinutes: 61, maxSessionMinutes: 1441 } }));
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[1].access.ssm.idleTimeoutMinutes', 'spokes[1].access.ssm.maxSessionMinutes'], warnings: [] });
  });

  test('central endpoints while the hub lacks ec2messages: the message names it', () => {
    const outcome = issuesWith((c) => {
      withoutEc2Messages(c);
      c.spokes[0].access.ssm.endpoints = 'central';
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].access.ssm.endpoints',
      value: 'central',
      message: 'needs the hub to centralize ec2messages',
      fix: 'add them to hub.endpoints.services, or use endpoints: local',
      at: 'endpoints: |central',
    });
  });

  test('central endpoints and no hub endpoints VPC at all: all three are named', () => {
    const outcome = issuesWith((c) => {
      delete c.hub.endpoints;
      delete c.hub.dns; // the Resolver endpoints live in the endpoints VPC (dnsNeedsEndpointsVpc)
      c.spokes[0].access.ssm.endpoints = 'central';
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].access.ssm.endpoints', value: 'central', message: 'needs the hub to centralize ssm, ssmmessages, ec2messages', fix: 'use endpoints: local', at: 'endpoints: |central' });
  });

  test('explicit local endpoints in a VPC with only public and tgw subnets', () => {
    const outcome = issuesWith((c) => {
      publicOnlyDev(c);
      c.spokes[1].access = { ssm: { endpoints: 'local' } };
    });
    // The VPC itself is refused too (spokeHasPrivateSubnets): the S3 gateway endpoint needs a private route table.
    // Sorted by file position: the vpc comes before the explicit access.ssm.endpoints line.
    expect(pathsBySeverity(outcome).errors).toEqual(['spokes[1].vpc', 'spokes[1].access.ssm.endpoints']);
    expectIssue(outcome, {
      path: 'spokes[1].access.ssm.endpoints',
      value: 'local',
      message: 'needs a private (endpoint, app or db) subnet for the three interface endpoints',
      fix: 'add an endpoint-tier subnet, or centralize ssm, ssmmessages and ec2messages in the hub',
      at: 'endpoints: |local',
    });
  });

  test('local by default (the hub lacks a service) in a public-only VPC: reported at the spoke, which sets no access', () => {
    const outcome = issuesWith((c) => {
      withoutEc2Messages(c);
      publicOnlyDev(c);
    });
    // Sorted by file position: the access error points at the spoke's first line, before its vpc.
    expect(pathsBySeverity(outcome).errors).toEqual(['spokes[1].access.ssm.endpoints', 'spokes[1].vpc']);
    expectIssue(outcome, { path: 'spokes[1].access.ssm.endpoints', value: 'local', message: 'needs a private (endpoint, app or db) subnet', fix: 'add an endpoint-tier subnet', at: '- |name: shop-dev' });
  });

  test('a public-only VPC with central endpoints is refused by spokeHasPrivateSubnets alone (it used to load, then fail at synth)', () => {
    expect(pathsBySeverity(issuesWith(publicOnlyDev)).errors).toEqual(['spokes[1].vpc']);
  });

  test('passes: the timeout bounds 1 and 60, 1 and 1440', () => {
    const lz = loadWith((c) => {
      c.spokes[0].access.ssm = { idleTimeoutMinutes: 1, maxSessionMinutes: 1 };
      c.spokes[1].access = { ssm: { idleTimeoutMinutes: 60, maxSessionMinutes: 1440 } };
    }).landingZone;
    expect(lz.spokes.map((s) => s.access.ssm)).toEqual([
      { endpoints: 'central', idleTimeoutMinutes: 1, maxSessionMinutes: 1, adoptExistingPreferences: false },
      { endpoints: 'central', idleTimeoutMinutes: 60, maxSessionMinutes: 1440, adoptExistingPreferences: false },
    ]);
  });

  test('passes: without ec2messages in the hub the default becomes local, and both spokes have private subnets for it', () => {
    const loaded = loadWith(withoutEc2Messages);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.spokes.map((s) => s.access.ssm.endpoints)).toEqual(['local', 'local']);
  });

  test('passes: explicit local next to a hub that centralizes all three', () => {
    const lz = loadWith((c) => (c.spokes[0].access.ssm.endpoints = 'local')).landingZone;
    expect(lz.spokes.map((s) => s.access.ssm.endpoints)).toEqual(['local', 'central']);
  });
});

describeRule('instanceConnectSettings', () => {
  test('an unknown subnet suggests the closest private one', () => {
    const outcome = issuesWith((c) => (c.spokes[0].access.instanceConnect.subnet = 'web1'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].access.instanceConnect.subnet',
      value: 'web1',
      message: 'is not a subnet of this VPC (did you mean "web-1"?)',
      fix: 'use one of: web-1, web-2, db-1, db-2, db-3',
      at: 'subnet: |web1',
    });
  });

  test('a public subnet', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].access.instanceConnect.subnet = 'public-2')),
      {
        path: 'spokes[0].access.instanceConnect.subnet',
        value: 'public-2',
        message: 'is a public subnet; the endpoint belongs in a private subnet with the instances it reaches',
        fix: 'use one of: web-1, web-2, db-1, db-2, db-3',
        at: 'subnet: |public-2',
      },
    );
  });

  test('a generated Transit Gateway attachment subnet', () => {
    const outcome = issuesWith((c) => (c.spokes[0].access.instanceConnect.subnet = 'tgw-2'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].access.instanceConnect.subnet', value: 'tgw-2', message: 'is a tgw subnet; the endpoint belongs in a private subnet', fix: 'use one of: web-1, web-2, db-1, db-2, db-3', at: 'subnet: |tgw-2' });
  });

  test('a subnet of another spoke is not one of this VPC; generated names are candidates too', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].access = { instanceConnect: { subnet: 'web-1' } })),
      { path: 'spokes[1].access.instanceConnect.subnet', value: 'web-1', message: 'is not a subnet of this VPC', fix: 'use one of: app-1, app-2, db-1, db-2', at: ['subnet: |web-1', 2] },
    );
  });

  test.each([0, 3601])('a maximum tunnel of %i seconds', (seconds) => {
    const outcome = issuesWith((c) => (c.spokes[0].access.instanceConnect.maxTunnelSeconds = seconds));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].access.instanceConnect.maxTunnelSeconds',
      value: seconds,
      message: 'is outside the 1-3600 seconds AWS allows for a tunnel',
      fix: 'pick up to 3600 seconds',
      at: `maxTunnelSeconds: |${seconds}`,
    });
  });

  test('passes: the default, web-1 with a 3600-second tunnel; none in shop-dev', () => {
    expect(loadWith().landingZone.spokes.map((s) => s.access.instanceConnect)).toEqual([{ subnet: 'web-1', maxTunnelSeconds: 3600 }, undefined]);
  });

  test('passes: the bounds 1 and 3600, in a db and a generated app subnet', () => {
    const lz = loadWith((c) => {
      c.spokes[0].access.instanceConnect = { subnet: 'db-3', maxTunnelSeconds: 1 };
      c.spokes[1].access = { instanceConnect: { subnet: 'app-2', maxTunnelSeconds: 3600 } };
    }).landingZone;
    expect(lz.spokes.map((s) => s.access.instanceConnect)).toEqual([
      { subnet: 'db-3', maxTunnelSeconds: 1 },
      { subnet: 'app-2', maxTunnelSeconds: 3600 },
    ]);
  });
});

describeRule('oneSpokePerAccount', () => {
  test('two spokes in one account', () => {
    const outcome = issuesWith((c) => (c.spokes[1].account = '333333333333'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[1].account',
      value: '333333333333',
      message: 'is already the account of spoke "shop-prod"; Session Manager preferences exist once per account and Region',
      fix: 'give every spoke its own account',
      at: ['"333333333333"', 2],
    });
  });

  test('every repeat names the first spoke in that account', () => {
    const outcome = issuesWith((c) => {
      c.spokes[1].account = '333333333333';
      c.spokes.push(bareSpoke('shop-stage', '333333333333', '10.0.0.0/16'));
    });
    // allowedPrefixes: auto advertises the new 10.0.0.0/16: the two errors and nothing else.
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[1].account', 'spokes[2].account'], warnings: [] });
    expectIssue(outcome, { path: 'spokes[2].account', value: '333333333333', message: 'is already the account of spoke "shop-prod"', fix: 'its own account', at: ['"333333333333"', 3] });
  });

  test('passes: a third spoke in its own account', () => {
    expect(loadWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '10.0.0.0/16'))).landingZone.spokes.map((s) => s.account)).toEqual(['333333333333', '444444444444', '555555555555']);
  });
});

describeRule('spokeOutsideHubAccount', () => {
  test('a spoke in the hub account: its attachment accepter would fail, so the config says so', () => {
    const outcome = issuesWith((c) => (c.spokes[1].account = '111111111111'));
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[1].account'], warnings: [] });
    expectIssue(outcome, {
      path: 'spokes[1].account',
      value: '111111111111',
      message: "is the hub account; the spoke's attachment would be the Transit Gateway owner's own, which AWS never puts in pendingAcceptance",
      fix: 'give the spoke its own account',
      at: ['"111111111111"', 2],
    });
  });

  test('passes: every spoke outside the hub account, the log archive in the hub account', () => {
    expect(loadWith((c) => delete c.logArchive.account).landingZone.spokes.map((s) => s.account)).toEqual(['333333333333', '444444444444']);
  });
});

describeRule('s3GatewayEndpointBuckets', () => {
  const allow = (...entries: RawConfig[]) => (c: RawConfig) => (c.spokes[0].s3GatewayEndpoint = { allowBuckets: entries });

  test('a wildcard, a name S3 rejects and an object ARN', () => {
    const outcome = issuesWith(allow({ bucket: 'vendor-*' }, { bucket: 'Vendor_Artifacts' }, { bucket: 'arn:aws:s3:::vendor-artifacts/releases/*' }));
    expect(pathsBySeverity(outcome)).toEqual({
      errors: ['spokes[0].s3GatewayEndpoint.allowBuckets[0].bucket', 'spokes[0].s3GatewayEndpoint.allowBuckets[1].bucket', 'spokes[0].s3GatewayEndpoint.allowBuckets[2].bucket'],
      warnings: [],
    });
    expectIssue(outcome, {
      path: 'spokes[0].s3GatewayEndpoint.allowBuckets[0].bucket',
      value: 'vendor-*',
      message: 'contains a wildcard, which would admit buckets of any account',
      fix: 'write the bucket name (e.g. vendor-artifacts) or its ARN',
      at: 'bucket: |vendor-*',
    });
    expectIssue(outcome, {
      path: 'spokes[0].s3GatewayEndpoint.allowBuckets[1].bucket',
      value: 'Vendor_Artifacts',
      message: 'is not an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens',
      fix: 'one entry per bucket',
      at: 'bucket: |Vendor_Artifacts',
    });
    expectIssue(outcome, {
      path: 'spokes[0].s3GatewayEndpoint.allowBuckets[2].bucket',
      value: 'arn:aws:s3:::vendor-artifacts/releases/*',
      message: 'is not a bucket ARN (arn:aws:s3:::<bucket>, without an object key: the whole bucket is admitted)',
      fix: 'arn:aws:s3:::vendor-artifacts',
      at: 'bucket: |arn:aws:s3:::vendor-artifacts/releases/*',
    });
  });

  test('reserved names, IP-address names and access levels S3 does not have', () => {
    // The schema stops an unknown access level before the rules run.
    const outcome = issuesWith(allow({ bucket: 'xn--vendor' }, { bucket: 'logs--ol-s3' }, { bucket: '192.168.5.4' }, { bucket: 'vendor', access: 'write' }));
    expect(outcome.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual(['spokes[0].s3GatewayEndpoint.allowBuckets[3].access: is not allowed']);
    expect(outcome.issues[0].fix).toContain('read-write');
    const names = issuesWith(allow({ bucket: 'xn--vendor' }, { bucket: 'logs--ol-s3' }, { bucket: '192.168.5.4' }));
    expect(names.issues.map((i) => i.message)).toEqual([
      'is not an S3 bucket name (the prefix "xn--" is reserved)',
      'is not an S3 bucket name (the suffix "--ol-s3" is reserved)',
      'is not an S3 bucket name (it is formatted as an IP address)',
    ]);
  });

  test('the same bucket twice, once by name and once by ARN', () => {
    const outcome = issuesWith(allow({ bucket: 'vendor-artifacts' }, { bucket: 'arn:aws:s3:::vendor-artifacts', access: 'read-write' }));
    expectIssue(outcome, {
      path: 'spokes[0].s3GatewayEndpoint.allowBuckets[1].bucket',
      value: 'arn:aws:s3:::vendor-artifacts',
      message: 'is already listed at allowBuckets[0]',
      fix: 'list each bucket once, with the widest access it needs',
      at: 'bucket: |arn:aws:s3:::vendor-artifacts',
    });
  });

  test('so many buckets that the policy would pass the 20,480 characters AWS allows', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ bucket: `vendor-artifacts-bucket-${String(i).padStart(3, '0')}` }));
    const outcome = issuesWith(allow(...many));
    expectIssue(outcome, {
      path: 'spokes[0].s3GatewayEndpoint.allowBuckets',
      value: 300,
      message: /^buckets make the S3 gateway endpoint policy about \d+ characters, over the AWS quota of 20,480 characters per VPC endpoint policy/,
      fix: 'list fewer buckets',
      at: 'allowBuckets:',
    });
  });

  test('warns about an AWS-owned bucket the endpoint already admits', () => {
    const outcome = warningsWith(allow({ bucket: 'prod-ap-northeast-2-starport-layer-bucket' }));
    expectIssue(outcome, {
      path: 'spokes[0].s3GatewayEndpoint.allowBuckets[0].bucket',
      severity: 'warning',
      value: 'prod-ap-northeast-2-starport-layer-bucket',
      message: 'is an AWS-owned bucket (ecr) the endpoint already admits for reading',
      fix: 'remove the entry',
      at: 'bucket: |prod-ap-northeast-2-starport-layer-bucket',
    });
  });

  test('passes: names and ARNs, read by default, reduced to names in the model', () => {
    const lz = loadWith(allow({ bucket: 'vendor-artifacts' }, { bucket: 'arn:aws:s3:::partner.exchange', access: 'read-write' })).landingZone;
    expect(lz.spokes[0].s3GatewayEndpoint).toEqual({
      allowBuckets: [
        { bucket: 'vendor-artifacts', access: 'read' },
        { bucket: 'partner.exchange', access: 'read-write' },
      ],
    });
    expect(lz.spokes[1].s3GatewayEndpoint).toEqual({ allowBuckets: [] });
  });
});

describeRule('logArchiveLifecycle', () => {
  test('expiration before the default transition', () => {
    const outcome = issuesWith((c) => (c.logArchive.lifecycle = { expirationDays: 30 }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'logArchive.lifecycle',
      value: { transitionDays: 90, expirationDays: 30 },
      message: 'expires logs after 30 days, not after they move to Glacier Instant Retrieval at 90',
      fix: 'make expirationDays greater than transitionDays',
      at: '  |lifecycle:',
    });
  });

  test('expiration on the day of the transition', () => {
    expectIssue(
      issuesWith((c) => (c.logArchive.lifecycle = { transitionDays: 400 })),
      { path: 'logArchive.lifecycle', value: { transitionDays: 400, expirationDays: 400 }, message: 'expires logs after 400 days', fix: 'greater than transitionDays', at: '  |lifecycle:' },
    );
  });

  test('passes: expiration one day after the transition', () => {
    expect(loadWith((c) => (c.logArchive.lifecycle = { transitionDays: 365, expirationDays: 366 })).landingZone.logArchive.lifecycle).toEqual({ transitionDays: 365, expirationDays: 366 });
  });
});

const BREAK_GLASS = 'arn:aws:iam::222222222222:role/log-archive-break-glass';
/** Sets logArchive.objectLock: governance for 365 days with a break-glass role of the archive account, then `extra`. */
const objectLock = (extra: RawConfig = {}) => (c: RawConfig) => (c.logArchive.objectLock = { mode: 'governance', days: 365, breakGlassRoleArn: BREAK_GLASS, ...extra });

describeRule('logArchiveObjectLock', () => {
  test('a lock longer than the retention: lifecycle could not delete the locked versions', () => {
    const outcome = issuesWith(objectLock({ days: 401 }));
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['logArchive.objectLock.days'], warnings: [] });
    expectIssue(outcome, {
      path: 'logArchive.objectLock.days',
      value: 401,
      message: 'locks logs longer than the 400-day retention (logArchive.lifecycle.expirationDays); lifecycle cannot delete a locked version, so every log would be kept 401 days',
      fix: 'lock for at most 400 days, or raise expirationDays to 401',
      at: 'days: |401',
    });
  });

  test('compliance mode without the acknowledgement', () => {
    expectIssue(issuesWith(objectLock({ mode: 'compliance' })), {
      path: 'logArchive.objectLock.mode',
      value: 'compliance',
      message: "locks every new log version for 365 days beyond anyone's reach, the root user's included",
      fix: 'add acknowledgeComplianceMode: true to objectLock if that is intended, or use mode: governance',
      at: 'mode: |compliance',
    });
    expectIssue(issuesWith(objectLock({ mode: 'compliance', acknowledgeComplianceMode: false })), { path: 'logArchive.objectLock.mode', value: 'compliance', message: 'cannot be shortened or removed', fix: 'acknowledgeComplianceMode: true', at: 'mode: |compliance' });
  });

  test('a break-glass role of an account outside this landing zone', () => {
    expectIssue(issuesWith(objectLock({ breakGlassRoleArn: 'arn:aws:iam::777777777777:role/break-glass' })), {
      path: 'logArchive.objectLock.breakGlassRoleArn',
      value: 'arn:aws:iam::777777777777:role/break-glass',
      message: 'is in account 777777777777, which is neither the log archive account 222222222222 nor any account of this landing zone',
      fix: 'arn:aws:iam::222222222222:role/log-archive-break-glass',
      at: 'arn:aws:iam::777777777777',
    });
  });

  test('warns: a break-glass role of another account of the organization gets no Allow', () => {
    expectIssue(warningsWith(objectLock({ breakGlassRoleArn: 'arn:aws:iam::111111111111:role/break-glass' })), {
      path: 'logArchive.objectLock.breakGlassRoleArn',
      severity: 'warning',
      value: 'arn:aws:iam::111111111111:role/break-glass',
      message: 'is in account 111111111111, not the log archive account 222222222222: the bucket policy only exempts it from the Deny and grants it nothing',
      fix: 'use a role of the log archive account',
      at: 'arn:aws:iam::111111111111:role/break-glass',
    });
  });

  test('warns: the break-glass role is the deploy role, named or by default', () => {
    const named = warningsWith((c) => {
      c.logArchive.roleArn = BREAK_GLASS;
      objectLock()(c);
    });
    expectIssue(named, { path: 'logArchive.objectLock.breakGlassRoleArn', severity: 'warning', value: BREAK_GLASS, message: 'is also the role the log-archive workspace deploys with', fix: 'use a separate role', at: ['arn:aws:iam::222222222222:role/log-archive-break-glass', 2] });
    const byDefault = 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole';
    expectIssue(warningsWith(objectLock({ breakGlassRoleArn: byDefault })), { path: 'logArchive.objectLock.breakGlassRoleArn', severity: 'warning', value: byDefault, message: 'so every apply could delete logs', fix: 'use a separate role', at: byDefault });
  });

  test('the schema refuses a break-glass principal that is not an IAM role ARN', () => {
    expectIssue(issuesWith(objectLock({ breakGlassRoleArn: 'arn:aws:iam::222222222222:user/admin' })), {
      path: 'logArchive.objectLock.breakGlassRoleArn',
      value: 'arn:aws:iam::222222222222:user/admin',
      message: 'must be an IAM role ARN',
      fix: /.*/,
      at: 'arn:aws:iam::222222222222:user/admin',
    });
  });

  test('passes: governance as long as the retention; compliance acknowledged; the model carries it', () => {
    expect(loadWith(objectLock({ days: 400 })).warnings).toEqual([]);
    const lz = loadWith(objectLock({ mode: 'compliance', acknowledgeComplianceMode: true })).landingZone;
    expect(lz.logArchive.objectLock).toEqual({ mode: 'compliance', days: 365, breakGlassRoleArn: BREAK_GLASS });
    expect(loadWith().landingZone.logArchive.objectLock).toBeUndefined();
  });
});

/** `n` more spokes, each in its own account with a /24 of 172.24.0.0/14. */
const moreSpokes = (n: number) => (c: RawConfig) => {
  for (let i = 0; i < n; i++) {
    c.spokes.push({ name: `s${i}`, account: String(500000000000 + i), segment: 'prod', vpc: { cidr: `172.${24 + (i >> 8)}.${i & 255}.0/24`, availabilityZones: ['ap-northeast-2a', 'ap-northeast-2c'], natGateways: 'none' } });
  }
};

describeRule('logSourceAccountsFit', () => {
  test('more log source accounts than the bucket policy can list', () => {
    // The hub, the two default spokes and 498 more: 501 accounts.
    expectIssue(issuesWith(moreSpokes(498)), {
      path: 'spokes',
      value: '501 accounts',
      message: "deliver logs to the archive, more than the 500 its bucket policy can list as aws:SourceAccount within S3's 20 KB policy limit (logArchive.logDelivery.scope: accounts)",
      fix: /^set logArchive\.logDelivery\.scope: organization, .*Trade-off: .*aws:SourceOrgID is documented for service principals only in general.*confirm that flow logs from one spoke arrive.*or split the landing zone so that each log archive serves at most 500 accounts$/,
      at: 'spokes:',
    });
  });

  test('the same with scope accounts written out', () => {
    const outcome = issuesWith((c) => {
      moreSpokes(498)(c);
      c.logArchive.logDelivery = { scope: 'accounts' };
    });
    expectIssue(outcome, { path: 'spokes', value: '501 accounts', message: 'more than the 500', fix: 'logArchive.logDelivery.scope: organization', at: 'spokes:' });
  });

  test('passes: exactly 500 accounts (other rules aside)', () => {
    // Direct Connect allowedPrefixes: auto outgrows its own quota here; only this rule matters.
    expect(pathsBySeverity(issuesWith(moreSpokes(497))).errors).not.toContain('spokes');
  });

  test('passes: 1,001 accounts with scope organization, and the model carries the scope', () => {
    const outcome = issuesWith((c) => {
      moreSpokes(998)(c);
      c.logArchive.logDelivery = { scope: 'organization' };
    });
    expect(outcome.issues.filter((i) => i.message.includes('aws:SourceAccount'))).toEqual([]);
    expect(pathsBySeverity(outcome).errors).not.toContain('spokes');
    expect(loadWith((c) => (c.logArchive.logDelivery = { scope: 'organization' })).landingZone.logArchive.logDeliveryScope).toBe('organization');
    expect(loadWith().landingZone.logArchive.logDeliveryScope).toBe('accounts');
  });

  test('the schema refuses an unknown scope', () => {
    const outcome = issuesWith((c) => (c.logArchive.logDelivery = { scope: 'everyone' }));
    expect(outcome.issues.map((i) => formatPath(i.path))).toContain('logArchive.logDelivery.scope');
  });
});

/** Edits the default shop-prod Client VPN. */
const vpn = (edit: (v: RawConfig, c: RawConfig) => void) => (c: RawConfig) => edit(c.spokes[0].clientVpn, c);
/** Edits the default shop-prod load balancer. */
const alb = (edit: (a: RawConfig, c: RawConfig) => void) => (c: RawConfig) => edit(c.spokes[0].alb, c);

describeRule('clientVpnRange', () => {
  test.each(['10.96.0.0/11', '10.100.0.0/23'])('a client range of %s is outside /12 to /22', (cidr) => {
    const outcome = issuesWith(vpn((v) => (v.clientCidr = cidr)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].clientVpn.clientCidr',
      value: cidr,
      message: `is a /${cidr.split('/')[1]}; a Client VPN client range is /12 to /22`,
      fix: 'use a /22 (1,024 addresses) or larger up to /12',
      at: `clientCidr: |${cidr}`,
    });
  });

  // allowedPrefixes: auto lists VPC ranges only, so a client range inside a spoke VPC is reported once.
  test.each([
    ['its own spoke VPC', '172.16.200.0/22', '172.16.0.0/16 of spoke "shop-prod"'],
    ['another spoke', '172.20.100.0/22', '172.20.0.0/16 of spoke "shop-dev"'],
    ['the hub egress VPC', '10.255.0.0/22', '10.255.0.0/24 of the hub egress VPC'],
    ['an on-premises range', '10.10.0.0/22', '10.10.0.0/16 of on-premises'],
  ])('overlapping %s', (_what, cidr, clash) => {
    const outcome = issuesWith(vpn((v) => (v.clientCidr = cidr)));
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[0].clientVpn.clientCidr'], warnings: [] });
    expectIssue(outcome, { path: 'spokes[0].clientVpn.clientCidr', value: cidr, message: `overlaps ${clash}`, fix: 'pick a range no VPC or on-premises network uses', at: `clientCidr: |${cidr}` });
  });

  test('a spoke range inside the Direct Connect summary is also reported there', () => {
    const outcome = issuesWith((c) => {
      c.hub.directConnect.allowedPrefixes = ['172.16.0.0/12', '10.254.0.0/23'];
      c.spokes[0].clientVpn.clientCidr = '172.20.100.0/22';
    });
    // The overlap, the summary that contains the client range, and allowedPrefixes' own VPN-preference warning.
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['hub.directConnect.allowedPrefixes[0]', 'spokes[0].clientVpn.clientCidr'], warnings: ['hub.directConnect.allowedPrefixes'] });
    expectIssue(outcome, {
      path: 'hub.directConnect.allowedPrefixes[0]',
      value: '172.16.0.0/12',
      message: 'includes the Client VPN range 172.20.100.0/22 of spoke "shop-prod"',
      fix: 'narrow the allowed prefixes or move the client range',
      at: '- |172.16.0.0/12',
    });
  });

  test('host bits set', () => {
    const outcome = issuesWith(vpn((v) => (v.clientCidr = '10.100.0.1/22')));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].clientVpn.clientCidr',
      value: '10.100.0.1/22',
      message: 'has host bits set (the network address of /22 is 10.100.0.0/22)',
      fix: 'write 10.100.0.0/22',
      at: 'clientCidr: |10.100.0.1/22',
    });
  });

  test('an explicit Direct Connect allowed prefix that contains the client range', () => {
    // Each VPC range listed exactly (no VPN-preference warning), plus a prefix over the client range.
    const outcome = issuesWith((c) => (c.hub.directConnect.allowedPrefixes = ['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16', '10.100.0.0/16']));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.allowedPrefixes[3]',
      value: '10.100.0.0/16',
      message: 'includes the Client VPN range 10.100.0.0/22 of spoke "shop-prod", which on-premises must not route to',
      fix: 'narrow the allowed prefixes or move the client range',
      at: '- |10.100.0.0/16',
    });
  });

  test.each(['10.96.0.0/12', '10.100.0.0/22'])('passes: a client range of %s', (cidr) => {
    const loaded = loadWith(vpn((v) => (v.clientCidr = cidr)));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.spokes[0].clientVpn?.clientCidr).toBe(cidr);
  });

  test('passes: allowedPrefixes auto advertises VPC ranges only, never the client range', () => {
    const loaded = loadWith((c) => (c.hub.directConnect.allowedPrefixes = 'auto'));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.spokes[0].clientVpn?.clientCidr).toBe('10.100.0.0/22');
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
  });
});

describeRule('clientVpnSubnetsAndUsers', () => {
  test('an associated subnet that does not exist', () => {
    const outcome = issuesWith(vpn((v) => (v.subnets = ['db-1', 'db-4'])));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].clientVpn.subnets[1]', value: 'db-4', message: /^is not a subnet of this VPC \(did you mean "db-\d"\?\)$/, fix: 'name a db subnet', at: '- |db-4' });
  });

  test('an associated subnet outside the db tier', () => {
    const outcome = issuesWith(vpn((v) => (v.subnets = ['web-1', 'db-2'])));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].clientVpn.subnets[0]', value: 'web-1', message: 'is in the app tier; Client VPN associates with the db tier', fix: 'name a db subnet', at: '- |web-1' });
  });

  test('two associated subnets in one AZ', () => {
    const outcome = issuesWith((c) => {
      c.spokes[0].vpc.subnets.push({ name: 'db-4', tier: 'db', cidr: '172.16.176.0/20', az: 'ap-northeast-2a' });
      c.spokes[0].clientVpn.subnets = ['db-1', 'db-2', 'db-4'];
    });
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].clientVpn.subnets[2]', value: 'db-4', message: 'is in ap-northeast-2a like "db-1"; associations need distinct AZs', fix: 'keep one subnet per AZ', at: '- |db-4' });
  });

  test('no db subnets to associate with by default', () => {
    const outcome = issuesWith((c) => (c.spokes[0].vpc.subnets = c.spokes[0].vpc.subnets.filter((s: RawConfig) => s.tier !== 'db')));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].clientVpn', message: 'has no db subnet to associate with', fix: 'add db-tier subnets, or list subnets under clientVpn.subnets', at: '    |clientVpn:' });
  });

  test('a user listed twice', () => {
    const outcome = issuesWith(vpn((v) => (v.users = ['alice', 'bob', 'alice'])));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].clientVpn.users[2]',
      value: 'alice',
      message: 'collides with user "alice" (the same certificate name once case and punctuation are ignored)',
      fix: 'list each user once, with names that differ in more than case or punctuation',
      at: ['- |alice', 2],
    });
  });

  test.each([
    ['alice', 'Alice'],
    ['a.b', 'a_b'],
  ])('users %s and %s differ only in case or punctuation', (first, second) => {
    const outcome = issuesWith(vpn((v) => (v.users = [first, second])));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].clientVpn.users[1]', value: second, message: `collides with user "${first}"`, fix: 'differ in more than case or punctuation', at: `- |${second}` });
  });

  test.each(['alice smith', '-alice', 'x'.repeat(65)])('an invalid common name: %s', (user) => {
    const outcome = issuesWith(vpn((v) => (v.users = ['bob', user])));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].clientVpn.users[1]', value: user, message: 'is not a valid certificate common name', fix: 'use up to 64 letters, digits, dots, underscores, hyphens or @', at: `- |${user}` });
  });

  test('<name>-<spoke> longer than 50 characters with a Client VPN', () => {
    const name = 'a'.repeat(20);
    const spoke = 's'.repeat(30);
    const outcome = issuesWith((c) => {
      c.name = name;
      c.spokes[0].name = spoke;
      // Without the load balancer, whose 32-character name would be the first limit (derivedNamesFit).
      delete c.spokes[0].alb;
    });
    expectIssue(outcome, {
      path: 'spokes[0].name',
      value: spoke,
      message: `makes the VPN CA name "${name}-${spoke} Client VPN CA" longer than the 64 characters a certificate common name allows`,
      fix: 'keep "<name>-<spoke>" at 50 characters or fewer',
      at: `- name: |${spoke}`,
    });
    expect(pathsBySeverity(outcome).errors).toEqual(['spokes[0].name']);
  });

  test('passes: the same long names without a Client VPN; exactly 50 characters with one', () => {
    expect(() =>
      loadWith((c) => {
        c.name = 'a'.repeat(20);
        c.spokes[0].name = 's'.repeat(30);
        delete c.spokes[0].clientVpn;
        delete c.spokes[0].alb;
      }),
    ).not.toThrow();
    expect(loadWith((c) => ((c.name = 'a'.repeat(20)), (c.spokes[0].name = 's'.repeat(29)), delete c.spokes[0].alb)).landingZone.spokes[0].clientVpn?.serverDomain).toBe(`vpn.${'s'.repeat(29)}.${'a'.repeat(20)}.internal`);
  });

  test('more users than the connect handler allow-list holds (a 4 KB Lambda environment)', () => {
    const users = Array.from({ length: 80 }, (_, i) => `user-${String(i).padStart(2, '0')}-${'x'.repeat(44)}`);
    const outcome = issuesWith(vpn((v) => (v.users = users)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].clientVpn.users',
      value: '80 users',
      message: /^make a 4239-byte allow-list for the connect handler; with 64 bytes for the variable's name that exceeds the AWS quota of 4,096 bytes of environment variables/,
      fix: 'shorten the user names or split the users over two spokes',
      at: '  |users:',
    });
    expect(loadWith(vpn((v) => (v.users = users.slice(0, 70)))).landingZone.spokes[0].clientVpn?.users).toHaveLength(70);
  });

  test('passes: explicit subnets in distinct AZs and users that differ in more than case', () => {
    const spoke = loadWith(
      vpn((v) => {
        v.subnets = ['db-3', 'db-1'];
        v.users = ['alice', 'alice2', 'a.b', 'a-b', 'carol@example.com'];
      }),
    ).landingZone.spokes[0];
    expect(spoke.clientVpn?.subnets).toEqual(['db-3', 'db-1']);
    expect(spoke.clientVpn?.authorizedCidrs).toEqual(['172.16.160.0/20', '172.16.128.0/20']);
    expect(spoke.clientVpn?.users).toEqual(['alice', 'alice2', 'a.b', 'a-b', 'carol@example.com']);
  });
});

describeRule('clientVpnCertificateRequests', () => {
  /** Requests made with openssl (keys discarded): carol RSA 2048 (O=Example Corp, CN=carol), and the failing variants. */
  const FIXTURES = '__tests__/fixtures/client-vpn';
  const CAROL = `${FIXTURES}/carol.csr`;
  const carolText = () => fs.readFileSync(path.join(ROOT, CAROL), 'utf8');
  const withCarol = (csr: string) => vpn((v) => v.users.push({ name: 'carol', csr }));
  /** A file in a fresh temporary directory, named by its absolute path in the config. */
  const tempCsr = (text: string) => {
    const file = path.join(tempDir('lz-csr-'), 'carol.csr');
    fs.writeFileSync(file, text);
    return file;
  };
  const remake = 'have carol make a new request and send only the .csr file: openssl req -new -newkey rsa:2048 -nodes -keyout carol.key -out carol.csr -subj "/CN=carol"';
  const fails = (csr: string, message: string | RegExp, fix: string | RegExp = remake) => {
    const outcome = issuesWith(withCarol(csr));
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[0].clientVpn.users[2].csr'], warnings: [] });
    expectIssue(outcome, { path: 'spokes[0].clientVpn.users[2].csr', value: csr, message, fix, at: `csr: |${csr}` });
  };

  test('passes: a user who keeps the key, next to users whose key the PKI makes; the model has the canonical request and the names', () => {
    const vpnSpec = loadWith(withCarol(CAROL)).landingZone.spokes[0].clientVpn!;
    // The connect handler and every other reader see names only.
    expect(vpnSpec.users).toEqual(['alice', 'bob', 'carol']);
    expect(vpnSpec.csrs).toEqual({ carol: { file: CAROL, pem: carolText() } });
  });

  test('passes: the path is relative to the config file, not to the working directory', () => {
    const dir = tempDir('lz-csr-config-');
    fs.copyFileSync(path.join(ROOT, CAROL), path.join(dir, 'carol.csr'));
    const file = path.join(dir, 'lz.yaml');
    fs.writeFileSync(file, configText(withCarol('carol.csr')));
    expect(loadConfig(file).landingZone.spokes[0].clientVpn!.csrs.carol.pem).toBe(carolText());
    // The same text named as if in the working directory does not find it.
    expect(() => parseConfig(fs.readFileSync(file, 'utf8'), 'landing-zone.yaml')).toThrow(`users[2].csr: "carol.csr" does not exist (looked for ${path.join(process.cwd(), 'carol.csr')})`);
  });

  test('passes: text around the block (openssl req -text) is ignored and the PEM re-encoded', () => {
    const file = tempCsr(`Certificate Request:\n    Data: ...\n${carolText().replace(/\n/g, '\r\n')}`);
    expect(loadWith(withCarol(file)).landingZone.spokes[0].clientVpn!.csrs.carol.pem).toBe(carolText());
  });

  test('a missing file and a directory', () => {
    // The helpers name the config landing-zone.yaml in the working directory.
    fails('users/carol.csr', `does not exist (looked for ${path.join(process.cwd(), 'users/carol.csr')})`, "write the path of carol's request relative to the config file, or list carol by name only to have the PKI workspace make the key");
    fails(FIXTURES, /^is a directory/, /^write the path of carol's request/);
  });

  test('a device and an oversized file are refused without reading them', () => {
    fails('/dev/zero', 'is not a regular file (/dev/zero)', /^write the path of carol's request/);
    fails(tempCsr('x'.repeat(70 * 1024)), 'is 71680 bytes; a certificate signing request is about 1 KB (at most 65536 bytes accepted)', /^write the path of carol's request/);
  });

  test('a certificate, a legacy NEW CERTIFICATE REQUEST label and an empty file are not requests', () => {
    const body = carolText().split('\n').slice(1, -2).join('\n');
    fails(tempCsr(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`), 'is not a PEM certificate signing request (no -----BEGIN CERTIFICATE REQUEST----- block; it holds "CERTIFICATE")');
    fails(tempCsr(`-----BEGIN NEW CERTIFICATE REQUEST-----\n${body}\n-----END NEW CERTIFICATE REQUEST-----\n`), 'is not a PEM certificate signing request (no -----BEGIN CERTIFICATE REQUEST----- block; it holds "NEW CERTIFICATE REQUEST")');
    fails(tempCsr(''), 'is not a PEM certificate signing request (no -----BEGIN CERTIFICATE REQUEST----- block; it has no PEM block)');
  });

  test('a file that also holds the private key: the key is compromised', () => {
    fails(
      tempCsr(`${carolText()}-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n`),
      'holds a PRIVATE KEY block: the request must be the only thing in the file, and a key in the repository is compromised',
      `delete the file and its history from the repository, then ${remake}`,
    );
  });

  test('two requests in one file', () => {
    fails(tempCsr(carolText() + carolText()), 'holds 2 PEM blocks; the tls provider reads only the first, so keep the one CERTIFICATE REQUEST');
  });

  test('a block that is not DER, and a request whose signature does not verify (altered after signing)', () => {
    fails(tempCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n'), /^is not a valid PKCS #10 certificate signing request/);
    const lines = carolText().split('\n');
    // A byte of the modulus changed: still a well-formed request, but not the one its key signed.
    lines[4] = `${lines[4].slice(0, 10)}${lines[4][10] === 'A' ? 'B' : 'A'}${lines[4].slice(11)}`;
    fails(tempCsr(lines.join('\n')), 'has a signature that does not verify with its own public key: the file was altered or damaged');
  });

  test("a request for another user's name", () => {
    fails(`${FIXTURES}/mallory.csr`, 'asks for the common name "mallory", not "carol": the certificate copies the request\'s subject, and the connect handler admits only the listed names');
  });

  test('an EC key and a 1024-bit RSA key', () => {
    fails(`${FIXTURES}/carol-ec.csr`, /^carries an EC key; every key of this Client VPN is RSA 2048/);
    fails(`${FIXTURES}/carol-1024.csr`, 'carries a 1024-bit RSA key; every key of this Client VPN is RSA 2048 (the endpoint takes RSA 1024 or 2048 only, and 1024 bits is too weak)');
  });

  test('the mapping form: unknown and missing keys are named (did you mean csr?)', () => {
    const outcome = issuesWith(vpn((v) => v.users.push({ name: 'carol', cert: CAROL })));
    expect(pathsBySeverity(outcome).errors).toEqual(['spokes[0].clientVpn.users[2].csr', 'spokes[0].clientVpn.users[2].cert']);
    expectIssue(outcome, { path: 'spokes[0].clientVpn.users[2].cert', value: 'cert', message: 'is not a known key (did you mean "csr"?)', fix: 'remove it or use one of: name, csr', at: `cert: |${CAROL}` });
  });

  test('a user who brings a request is still checked as a user name: a case-only clash points at its name', () => {
    const outcome = issuesWith(vpn((v) => v.users.push({ name: 'Alice', csr: CAROL })));
    expectIssue(outcome, { path: 'spokes[0].clientVpn.users[2].name', value: 'Alice', message: 'collides with user "alice"', fix: 'differ in more than case or punctuation', at: 'name: |Alice' });
  });
});

describeRule('clientVpnCertificateLifetimes', () => {
  const certs = (c: RawConfig) => vpn((v) => (v.certificates = c));

  test('passes: the defaults stagger server, clients and CA and renew each 30 days early', () => {
    const loaded = loadWith();
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.spokes[0].clientVpn?.certificates).toEqual({ caValidityDays: 3650, serverValidityDays: 365, clientValidityDays: 825, earlyRenewalDays: 30 });
  });

  test('passes: every lifetime as written', () => {
    const loaded = loadWith(certs({ caValidityDays: 1825, serverValidityDays: 180, clientValidityDays: 400, earlyRenewalDays: 45 }));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.landingZone.spokes[0].clientVpn?.certificates).toEqual({ caValidityDays: 1825, serverValidityDays: 180, clientValidityDays: 400, earlyRenewalDays: 45 });
  });

  test('the deprecated certValidityDays still sets both validities, with a warning that they expire together', () => {
    const outcome = warningsWith(vpn((v) => (v.certValidityDays = 500)));
    expect(pathsBySeverity(outcome)).toEqual({ errors: [], warnings: ['spokes[0].clientVpn.certValidityDays'] });
    expectIssue(outcome, {
      path: 'spokes[0].clientVpn.certValidityDays',
      value: 500,
      severity: 'warning',
      message: 'is deprecated: the server and client certificates get one validity, so they expire on the same day',
      fix: 'use certificates.serverValidityDays and certificates.clientValidityDays',
      at: 'certValidityDays: |500',
    });
    expect(loadWith(vpn((v) => (v.certValidityDays = 500))).landingZone.spokes[0].clientVpn?.certificates).toMatchObject({ serverValidityDays: 500, clientValidityDays: 500 });
  });

  test('certValidityDays together with certificates validity', () => {
    const outcome = issuesWith(
      vpn((v) => {
        v.certValidityDays = 500;
        v.certificates = { serverValidityDays: 200 };
      }),
    );
    expect(pathsBySeverity(outcome)).toEqual({ errors: ['spokes[0].clientVpn.certValidityDays'], warnings: [] });
    expectIssue(outcome, { path: 'spokes[0].clientVpn.certValidityDays', value: 500, message: 'is set together with certificates.serverValidityDays or certificates.clientValidityDays', fix: 'remove certValidityDays', at: 'certValidityDays: |500' });
  });

  test('a client certificate that would outlive its CA', () => {
    const outcome = issuesWith(certs({ clientValidityDays: 4000 }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].clientVpn.certificates.clientValidityDays',
      value: 4000,
      message: "makes the client certificate last 4000 days, not less than the CA's 3650: it would outlive the CA that signed it",
      fix: 'shorten it below 3650 days or lengthen certificates.caValidityDays',
      at: 'clientValidityDays: |4000',
    });
  });

  test('a CA shorter than the default client validity is reported on the CA', () => {
    const outcome = issuesWith(certs({ caValidityDays: 600 }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].clientVpn.certificates.caValidityDays', value: 825, message: "makes the client certificate last 825 days, not less than the CA's 600", fix: 'lengthen certificates.caValidityDays', at: 'caValidityDays: |600' });
  });

  test('a renewal window as long as a validity would re-issue the certificates on every apply', () => {
    const outcome = issuesWith(certs({ serverValidityDays: 90, earlyRenewalDays: 90 }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].clientVpn.certificates.earlyRenewalDays',
      value: 90,
      message: 'renews certificates 90 days before expiry, not less than the shortest validity (90 days): every apply would re-issue them',
      fix: 'pick earlyRenewalDays below 90',
      at: 'earlyRenewalDays: |90',
    });
    // With the default window, the short validity itself is where the problem is reported.
    expectIssue(issuesWith(certs({ serverValidityDays: 20 })), { path: 'spokes[0].clientVpn.certificates', value: 30, message: 'not less than the shortest validity (20 days)', fix: 'below 20', at: '  |certificates:' });
  });

  test('a renewal window shorter than 30 days warns (lz check reports LZ-PKI01)', () => {
    const outcome = warningsWith(certs({ earlyRenewalDays: 14 }));
    expectIssue(outcome, {
      path: 'spokes[0].clientVpn.certificates.earlyRenewalDays',
      value: 14,
      severity: 'warning',
      message: 'leaves less than 30 days to run an apply and hand out new profiles before a certificate expires (lz check reports LZ-PKI01)',
      fix: 'use 30 or more, or suppress LZ-PKI01 with the reason',
      at: 'earlyRenewalDays: |14',
    });
  });

  test('zero early renewal (the old behaviour) is refused by the schema', () => {
    expect(pathsBySeverity(issuesWith(certs({ earlyRenewalDays: 0 }))).errors).toEqual(['spokes[0].clientVpn.certificates.earlyRenewalDays']);
  });
});

describeRule('loadBalancerRules', () => {
  test('public subnets in only one AZ', () => {
    const outcome = issuesWith((c) => (c.spokes[0].vpc.subnets = c.spokes[0].vpc.subnets.filter((s: RawConfig) => s.name !== 'public-2')));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb', message: 'needs public subnets in two AZs, but the VPC has them in 1', fix: 'add public subnets in at least two AZs', at: '    |alb:' });
  });

  test('two public subnets in the same AZ are still one AZ', () => {
    const outcome = issuesWith((c) => (c.spokes[0].vpc.subnets[1].az = 'ap-northeast-2a'));
    expectIssue(outcome, { path: 'spokes[0].alb', message: 'but the VPC has them in 1', fix: 'at least two AZs', at: '    |alb:' });
  });

  test.each(['shop_example.com', 'localhost', '-shop.example.com', 'shop.*.example.com'])('an invalid host: %s', (host) => {
    const outcome = issuesWith(alb((a) => (a.hosts[1].host = host)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.hosts[1].host', value: host, message: 'is not a valid host name', fix: 'write a domain such as shop.example.com (a leading *. is allowed)', at: `host: |${host}` });
  });

  test('a duplicate host, compared without case', () => {
    const outcome = issuesWith(alb((a) => (a.hosts[1].host = 'Shop.Example.COM')));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.hosts[1].host', value: 'Shop.Example.COM', message: 'already has a rule', fix: 'give every host one rule', at: 'host: |Shop.Example.COM' });
  });

  test('101 hosts exceed the rules per load balancer', () => {
    const outcome = issuesWith(alb((a) => (a.hosts = Array.from({ length: 101 }, (_, i) => ({ host: `h${i}.example.com`, port: 8080 })))));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.hosts', value: 101, message: 'rules exceed the 100 rules per load balancer AWS allows by default', fix: 'use wildcard hosts or a second load balancer', at: '    |hosts:' });
  });

  test.each([0, 65536])('target port %d', (port) => {
    const outcome = issuesWith(alb((a) => (a.hosts[0].port = port)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.hosts[0].port', value: port, message: 'is not a TCP port', fix: 'use 1-65535', at: `port: |${port}` });
  });

  test('an allowed CIDR with host bits', () => {
    const outcome = issuesWith(alb((a) => (a.allowedCidrs = ['0.0.0.0/0', '203.0.113.7/24'])));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.allowedCidrs[1]', value: '203.0.113.7/24', message: 'has host bits set', fix: 'write 203.0.113.0/24', at: '- |203.0.113.7/24' });
  });

  test('an allowed CIDR that is no CIDR', () => {
    expectIssue(issuesWith(alb((a) => (a.allowedCidrs = ['office']))), { path: 'spokes[0].alb.allowedCidrs[0]', value: 'office', message: 'is not a CIDR block', fix: 'write an IPv4 block', at: '- |office' });
  });

  test('a host longer than the 128 characters of a host-header condition', () => {
    const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
    const outcome = issuesWith(alb((a) => (a.hosts[1].host = host)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.hosts[1].host', value: host, message: 'is 133 characters long; a host-header condition takes at most 128', fix: 'use a shorter host name', at: `host: |${host}` });
  });

  test('an empty allowedCidrs opens the load balancer to nobody (the construct refuses it)', () => {
    const outcome = issuesWith(alb((a) => (a.allowedCidrs = [])));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.allowedCidrs', value: [], message: 'is empty, so nobody could reach the load balancer', fix: 'remove allowedCidrs for a public site', at: 'allowedCidrs: |[]' });
  });

  test('a certificate of another Region', () => {
    const arn = 'arn:aws:acm:us-east-1:333333333333:certificate/00000000-0000-0000-0000-000000000000';
    const outcome = issuesWith(alb((a) => (a.certificateArn = arn)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].alb.certificateArn',
      value: arn,
      message: 'is an ACM certificate in us-east-1, but a load balancer can only use certificates from its own Region (ap-northeast-2)',
      fix: 'request or import the certificate in ACM in ap-northeast-2 and use its ARN',
      at: `certificateArn: |${arn}`,
    });
  });

  test.each([
    ['not a web ACL ARN', 'my-acl', 'is not a WAFv2 web ACL ARN'],
    ['a CloudFront (global) web ACL', 'arn:aws:wafv2:us-east-1:333333333333:global/webacl/shop/0000-1111', 'is a CLOUDFRONT-scope (global) web ACL'],
    ['a web ACL of another Region', 'arn:aws:wafv2:us-east-1:333333333333:regional/webacl/shop/0000-1111', 'is a web ACL in us-east-1, but the load balancer is in ap-northeast-2'],
  ])('wafAclArn: %s', (_label, arn, message) => {
    const outcome = issuesWith(alb((a) => (a.wafAclArn = arn)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.wafAclArn', value: arn, message, fix: 'use the ARN of a REGIONAL web ACL created in ap-northeast-2', at: `wafAclArn: |${arn}` });
  });

  test('with an unknown Region (knownRegion says so, once) the certificate and web ACL are judged by shape and scope only', () => {
    const unknownRegion = (waf: string) => (c: RawConfig) => ((c.region = 'ap-northeast-22'), (c.spokes[0].alb.wafAclArn = waf));
    const regional = 'arn:aws:wafv2:ap-northeast-2:333333333333:regional/webacl/shop/0000-1111';
    expect(pathsBySeverity(issuesWith(unknownRegion(regional)))).toEqual({ errors: ['region'], warnings: [] });
    const global = 'arn:aws:wafv2:us-east-1:333333333333:global/webacl/shop/0000-1111';
    expect(pathsBySeverity(issuesWith(unknownRegion(global)))).toEqual({ errors: ['region', 'spokes[0].alb.wafAclArn'], warnings: [] });
  });

  test('passes: a regional web ACL of the landing zone Region, and a 128-character host', () => {
    const host = `${'a'.repeat(60)}.${'b'.repeat(55)}.example.com`;
    expect(host).toHaveLength(128);
    const spoke = loadWith(alb((a) => ((a.wafAclArn = 'arn:aws:wafv2:ap-northeast-2:333333333333:regional/webacl/shop/0000-1111'), (a.hosts[1].host = host)))).landingZone.spokes[0];
    expect(spoke.alb?.wafAclArn).toBe('arn:aws:wafv2:ap-northeast-2:333333333333:regional/webacl/shop/0000-1111');
  });

  test('passes: 100 hosts, a wildcard, ports 1 and 65535, allowed CIDRs defaulting to the internet', () => {
    const spoke = loadWith(
      alb((a) => {
        a.hosts = Array.from({ length: 98 }, (_, i) => ({ host: `h${i}.example.com`, port: 8080 }));
        a.hosts.push({ host: '*.example.com', port: 1 }, { host: 'example.com', port: 65535 });
      }),
    ).landingZone.spokes[0];
    expect(spoke.alb?.hosts).toHaveLength(100);
    expect(spoke.alb?.hosts[98]).toEqual({ host: '*.example.com', port: 1, protocol: 'HTTP', healthCheckPath: '/' });
    expect(spoke.alb?.allowedCidrs).toEqual(['0.0.0.0/0']);
  });
});

describeRule('loadBalancerWithoutTls', () => {
  // Validate and check agree: LZ-ALB02 (an error in lz check) refuses a listener that forwards plain HTTP.
  test('no certificate and no httpOnly is an error, as LZ-ALB02 is in lz check', () => {
    const outcome = issuesWith(alb((a) => delete a.certificateArn));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].alb.certificateArn',
      message: 'is not set, so the load balancer would serve plain HTTP and forward it unencrypted (lz check refuses that: LZ-ALB02)',
      fix: 'add the ARN of an ACM certificate in ap-northeast-2 for the hosts, or accept plain HTTP with httpOnly: { reason: "..." }',
      at: '    |alb:',
    });
  });

  test('httpOnly together with a certificate is a contradiction', () => {
    const outcome = issuesWith(alb((a) => (a.httpOnly = { reason: 'TLS terminates at the CDN in front' })));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].alb.httpOnly', value: { reason: 'TLS terminates at the CDN in front' }, message: 'is set together with certificateArn', fix: 'remove httpOnly, or remove certificateArn', at: '      |httpOnly:' });
  });

  test('httpOnly needs a reason of at least 10 characters (schema)', () => {
    const outcome = issuesWith(alb((a) => (delete a.certificateArn, (a.httpOnly = { reason: 'cdn' }))));
    expectIssue(outcome, { path: 'spokes[0].alb.httpOnly.reason', value: 'cdn', message: 'must explain why plain HTTP is acceptable', fix: 'say why in at least 10 characters', at: 'reason: |cdn' });
  });

  test('passes with a warning: no certificate, accepted with httpOnly and its reason', () => {
    const outcome = warningsWith(alb((a) => (delete a.certificateArn, (a.httpOnly = { reason: 'TLS terminates at the CDN in front' }))));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].alb.httpOnly',
      value: 'TLS terminates at the CDN in front',
      severity: 'warning',
      message: 'accepts a load balancer that serves plain HTTP (no TLS); lz check reports LZ-ALB02 as suppressed with this reason',
      fix: 'add certificateArn and remove httpOnly when TLS is possible',
      at: '      |httpOnly:',
    });
  });

  test('passes: no warning with a certificate, nor without a load balancer', () => {
    expect(loadWith().warnings).toEqual([]);
    expect(loadWith((c) => delete c.spokes[0].alb).warnings).toEqual([]);
  });
});

describeRule('derivedNamesFit', () => {
  test('a load balancer name over 32 characters: reported once, not again for its log bucket', () => {
    const outcome = issuesWith((c) => (c.spokes[0].name = 'shop-production-web-frontend'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].name',
      value: 'shop-production-web-frontend',
      message: 'makes the name of its load balancer "shop-shop-production-web-frontend" 33 characters long, over the 32 characters of an Application Load Balancer name',
      fix: 'shorten the spoke name or the landing zone name ("shop-shop-production-web-frontend" may be at most 32 characters)',
      at: '- name: |shop-production-web-frontend',
    });
  });

  test('the Session Manager instance role over 64 characters, even without a load balancer', () => {
    const spoke = 'd'.repeat(31);
    const outcome = issuesWith((c) => ((c.name = 'a'.repeat(20)), (c.spokes[1].name = spoke)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[1].name',
      value: spoke,
      message: `makes the name of its Session Manager instance role "${'a'.repeat(20)}-${spoke}-ssm-instance" 65 characters long, over the 64 characters of an IAM role name`,
      fix: `("${'a'.repeat(20)}-${spoke}" may be at most 51 characters)`,
      at: `- name: |${spoke}`,
    });
  });

  test('the Client VPN connect handler (AWSClientVPN-<prefix>, a Lambda function and role) over 64 characters, next to the instance role', () => {
    const spoke = 'p'.repeat(31);
    const outcome = issuesWith((c) => {
      c.name = 'a'.repeat(20);
      c.spokes[0].name = spoke;
      delete c.spokes[0].alb;
    });
    const prefix = `${'a'.repeat(20)}-${spoke}`;
    expect(outcome.issues.map((i) => i.message)).toEqual([
      `makes the name of its Session Manager instance role "${prefix}-ssm-instance" 65 characters long, over the 64 characters of an IAM role name (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)`,
      `makes the name of its Client VPN connect handler (Lambda function and IAM role) "AWSClientVPN-${prefix}" 65 characters long, over the 64 characters of a Lambda function name (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html)`,
      `makes the VPN CA name "${prefix} Client VPN CA" longer than the 64 characters a certificate common name allows`,
    ]);
  });

  test('passes: the longest prefix with a Client VPN (50 characters: the CA common name is the tightest)', () => {
    expect(() => loadWith((c) => ((c.name = 'a'.repeat(20)), (c.spokes[0].name = 'p'.repeat(29)), delete c.spokes[0].alb))).not.toThrow();
  });

  test('landing zone "internal": the load balancer name would start with "internal-"', () => {
    const outcome = issuesWith((c) => (c.name = 'internal'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].name', value: 'shop-prod', message: 'makes the name of its load balancer "internal-shop-prod", which starts with "internal-", which AWS reserves', fix: 'rename the spoke or the landing zone', at: '- name: |shop-prod' });
  });

  test('landing zone "sg": every security group name would start with "sg-"', () => {
    const outcome = issuesWith((c) => (c.name = 'sg'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'name', value: 'sg', message: 'makes every security group name start with "sg-", which AWS refuses', fix: 'pick another landing zone name', at: 'name: |sg' });
  });

  test('a landing zone name that makes a reserved bucket prefix (xn--)', () => {
    const outcome = issuesWith((c) => ((c.name = 'xn--shop'), delete c.spokes[0].alb));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'name', value: 'xn--shop', message: 'makes the log archive bucket "xn--shop-logs-222222222222-ap-northeast-2", which is not an S3 bucket name (the prefix "xn--" is reserved)', fix: 'pick another landing zone name', at: 'name: |xn--shop' });
  });

  test('passes: exactly 32 characters for the load balancer, 51 for the role prefix without one', () => {
    const lz = loadWith((c) => {
      c.name = 'a'.repeat(20);
      c.spokes[0].name = 'b'.repeat(11);
      c.spokes[1].name = 'c'.repeat(30);
    }).landingZone;
    expect(`${lz.name}-${lz.spokes[0].name}`).toHaveLength(32);
    expect(`${lz.name}-${lz.spokes[1].name}-ssm-instance`).toHaveLength(64);
  });
});

describeRule('spokeHasPrivateSubnets', () => {
  test('a spoke with only public and attachment subnets', () => {
    const outcome = issuesWith((c) => (c.spokes[1].vpc.tiers = { public: { prefixLength: 24, count: 2 } }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[1].vpc',
      message: 'has no app, db or endpoint subnet (only public, tgw): workloads, the S3 gateway endpoint and Session Manager need a private route table',
      fix: 'add app or db subnets, e.g. tiers: { app: { prefixLength: 20, count: 2 } }',
      at: ['    |vpc:', 2],
    });
  });

  test('an empty subnets list and no tiers: the message points at subnets and shows [], not (missing)', () => {
    const outcome = issuesWith((c) => {
      c.spokes[0].vpc.subnets = [];
      delete c.spokes[0].vpc.tiers;
    });
    const issue = expectIssue(outcome, {
      path: 'spokes[0].vpc.subnets',
      value: [],
      message: 'has no app, db or endpoint subnet (only tgw)',
      fix: 'add app or db subnets',
      // At the empty list itself, as for any value.
      at: (({ line, column }) => ({ line, column: column + 'subnets: '.length }))(positionOf(outcome.text, 'subnets: []')),
    });
    expect(formatIssue(issue)).toContain('spokes[0].vpc.subnets: [] has no app, db or endpoint subnet');
  });

  test('passes: an endpoint-tier subnet is private enough', () => {
    expect(loadWith((c) => (c.spokes[1].vpc.tiers = { public: { prefixLength: 24, count: 2 }, endpoint: { prefixLength: 28, count: 2 } })).landingZone.spokes[1].vpc.subnets.map((s) => s.tier)).toContain('endpoint');
  });
});

describeRule('publicIpOnLaunchNeedsPublicTier', () => {
  test('publicIpOnLaunch without a public subnet does nothing: a warning', () => {
    const outcome = warningsWith((c) => ((c.spokes[1].vpc.tiers = { app: { prefixLength: 20, count: 2 } }), (c.spokes[1].vpc.publicIpOnLaunch = true)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[1].vpc.publicIpOnLaunch', value: true, severity: 'warning', message: 'has no effect: the VPC has no public subnet', fix: 'remove it, or add public subnets', at: 'publicIpOnLaunch: |true' });
  });

  test('passes: off by default; on with public subnets it reaches the model', () => {
    const lz = loadWith((c) => (c.spokes[0].vpc.publicIpOnLaunch = true)).landingZone;
    expect(lz.spokes.map((s) => s.vpc.publicIpOnLaunch)).toEqual([true, false]);
    expect(loadWith().warnings).toEqual([]);
  });
});

describeRule('spokeVpcNamesUnique', () => {
  test('spoke "dev" and spoke "shop-dev" would both name their VPC shop-dev', () => {
    const outcome = issuesWith((c) => c.spokes.push({ ...structuredClone(c.spokes[1]), name: 'dev', account: '555555555555', vpc: { ...structuredClone(c.spokes[1].vpc), cidr: '172.21.0.0/16' } }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[2].name', value: 'dev', message: 'names its VPC "shop-dev", like spoke "shop-dev"', fix: 'rename one of the two spokes', at: '- name: |dev' });
  });

  test('passes: spoke names that start with the landing zone name are used as they are, others are prefixed', () => {
    const lz = loadWith((c) => (c.spokes[1].name = 'dev')).landingZone;
    expect(lz.spokes.map((s) => spokeVpcName(lz.name, s.name))).toEqual(['shop-prod', 'shop-dev']);
    expect(spokeVpcName('shop', 'shop')).toBe('shop');
    expect(spokeVpcName('shop', 'shopping')).toBe('shop-shopping');
  });
});

describeRule('tagKeysAndValues', () => {
  test.each([
    ['the reserved aws: prefix, in any case', 'AWS:team', 'starts with "aws:", a prefix AWS reserves for its own tags', 'drop the "aws:" prefix'],
    ['a character AWS refuses in tags', 'cost*center', 'contains "*", which AWS does not accept in tags', 'use letters, digits, spaces and _ . : / = + - @ only'],
  ])('a key with %s', (_label, key, message, fix) => {
    const outcome = issuesWith((c) => (c.tags[key] = 'x'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: `tags.${key}`, value: key, message, fix, at: `${key}: |x` });
  });

  test('a key the landing zone sets itself would be overwritten', () => {
    const outcome = issuesWith((c) => (c.tags.ManagedBy = 'terraform'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'tags.ManagedBy', value: 'ManagedBy', message: 'is a tag the landing zone sets on every resource (LandingZone, Stack, ManagedBy); this value would be overwritten', fix: 'remove it, or use another key', at: 'ManagedBy: |terraform' });
  });

  test('a value with a character AWS refuses, named by its code point when invisible', () => {
    const outcome = issuesWith((c) => (c.tags.Owner = 'team, a\u200bb'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'tags.Owner', value: 'team, a\u200bb', message: 'contains "," and U+200B, which AWS does not accept in tags', fix: 'use letters, digits, spaces and _ . : / = + - @ only', at: 'Owner: |' });
  });

  test('a value starting with aws: is a warning', () => {
    const outcome = warningsWith((c) => (c.tags.Source = 'aws:marketplace'));
    expectIssue(outcome, { path: 'tags.Source', value: 'aws:marketplace', severity: 'warning', message: 'starts with "aws:"', fix: 'drop the "aws:" prefix', at: 'Source: |aws:marketplace' });
  });

  test('46 tags: with the 5 the landing zone adds to one resource, over AWS\'s 50', () => {
    const outcome = issuesWith((c) => (c.tags = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`Tag${i}`, 'x']))));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'tags',
      value: '46 tags',
      message: 'with the up to 5 tags the landing zone adds itself (LandingZone, Stack, ManagedBy, Name and one more) exceed the 50 tags AWS allows per resource',
      fix: 'keep at most 45 tags',
      at: '|tags:',
    });
  });

  test('passes: 45 tags with keys and values at their limits, Unicode letters and every allowed symbol', () => {
    const tags = Object.fromEntries(Array.from({ length: 43 }, (_, i) => [`${String(i).padStart(2, '0')}${'k'.repeat(126)}`, 'v'.repeat(256)]));
    tags['비용 센터'] = '플랫폼';
    tags['a_b.c:d/e=f+g-h@i j'] = 'a_b.c:d/e=f+g-h@i j';
    expect(Object.keys(tags)).toHaveLength(45);
    expect(loadWith((c) => (c.tags = tags)).landingZone.tags).toEqual(tags);
  });
});

describeRule('derivedTagValues', () => {
  test('a VIF location with a comma (it becomes the Location tag)', () => {
    const outcome = issuesWith((c) => (c.hub.directConnect.virtualInterfaces[0].location = 'KINX, Seoul'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.directConnect.virtualInterfaces[0].location',
      value: 'KINX, Seoul',
      message: 'becomes the VIF\'s Location tag, and it contains ",", which AWS does not accept in tags',
      fix: 'use letters, digits, spaces and _ . : / = + - @ only (e.g. "KINX Seoul")',
      at: 'location: |KINX, Seoul',
    });
  });

  test('passes: the default location, and none', () => {
    expect(loadWith().landingZone.hub.directConnect?.virtualInterfaces[0].location).toBe('KINX Seoul');
    expect(() => loadWith((c) => delete c.hub.directConnect.virtualInterfaces[0].location)).not.toThrow();
  });
});

describeRule('bootstrapDeployRoles', () => {
  const roles = (c: RawConfig) => {
    c.terraformCloud = { organization: 'acme', project: 'network', bootstrap: true };
    c.hub.roleArn = 'arn:aws:iam::111111111111:role/network-deploy';
    c.logArchive.roleArn = 'arn:aws:iam::222222222222:role/network-deploy';
    c.spokes[0].roleArn = 'arn:aws:iam::333333333333:role/network-deploy';
    c.spokes[1].roleArn = 'arn:aws:iam::444444444444:role/network-deploy';
  };

  test('a stack without an explicit role', () => {
    const outcome = issuesWith((c) => (roles(c), delete c.spokes[1].roleArn));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[1].roleArn',
      message: "is not set: with terraformCloud.bootstrap the bootstrap creates each stack's deployment role, and the default, OrganizationAccountAccessRole, is the role the bootstrap itself assumes",
      fix: 'set it to a role the bootstrap creates, e.g. arn:aws:iam::444444444444:role/network-deploy',
      at: '- |name: shop-dev',
    });
  });

  test('a stack deploying with the bootstrap role itself', () => {
    const arn = 'arn:aws:iam::111111111111:role/LandingZoneAdmin';
    const outcome = issuesWith((c) => (roles(c), (c.terraformCloud.bootstrapRoleName = 'LandingZoneAdmin'), (c.hub.roleArn = arn)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.roleArn', value: arn, message: 'names LandingZoneAdmin, the administrator role the bootstrap itself assumes', fix: 'e.g. arn:aws:iam::111111111111:role/network-deploy', at: `roleArn: |${arn}` });
  });

  test('a role ARN the bootstrap cannot create (a path with an empty segment)', () => {
    const arn = 'arn:aws:iam::333333333333:role/network//deploy';
    const outcome = issuesWith((c) => (roles(c), (c.spokes[0].roleArn = arn)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'spokes[0].roleArn', value: arn, message: 'is not a role ARN the bootstrap can create', fix: 'write it like arn:aws:iam::333333333333:role/network-deploy', at: `roleArn: |${arn}` });
  });

  test('passes: explicit roles; a log archive in the hub account is not asked for a role here (hubRoleOnlyForHub asks); no bootstrap, no requirement', () => {
    expect(loadWith(roles).landingZone.terraformCloud?.bootstrap).toBe(true);
    const shared = issuesWith((c) => (roles(c), delete c.logArchive.account, delete c.logArchive.roleArn));
    expect(shared.issues.map((i) => formatPath(i.path))).toEqual(['logArchive']);
    expect(() => loadWith((c) => (c.terraformCloud = { organization: 'acme', project: 'network' }))).not.toThrow();
  });
});

describeRule('hubRoleOnlyForHub', () => {
  const roles = (c: RawConfig) => {
    c.terraformCloud = { organization: 'acme', project: 'network', bootstrap: true };
    c.hub.roleArn = 'arn:aws:iam::111111111111:role/network-deploy';
    c.logArchive.roleArn = 'arn:aws:iam::222222222222:role/network-deploy';
    c.spokes[0].roleArn = 'arn:aws:iam::333333333333:role/network-deploy';
    c.spokes[1].roleArn = 'arn:aws:iam::444444444444:role/network-deploy';
  };

  test('a log archive in the hub account inheriting the hub role', () => {
    const outcome = issuesWith((c) => (roles(c), delete c.logArchive.account, delete c.logArchive.roleArn));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'logArchive',
      message: 'has no roleArn, so in the hub account it would deploy with hub.roleArn (arn:aws:iam::111111111111:role/network-deploy); with terraformCloud.bootstrap that role is trusted by the hub workspace only',
      fix: 'give the log archive its own role, e.g. logArchive.roleArn: arn:aws:iam::111111111111:role/network-log-archive-deploy',
      at: 'logArchive: |{}',
    });
  });

  test('a log archive in the hub account naming the hub role', () => {
    const arn = 'arn:aws:iam::111111111111:role/network-deploy';
    const outcome = issuesWith((c) => (roles(c), delete c.logArchive.account, (c.logArchive.roleArn = arn)));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'logArchive.roleArn', value: arn, message: 'is hub.roleArn', fix: 'give the log archive its own role', at: ['roleArn: |arn:aws:iam::111111111111:role/network-deploy', 2] });
  });

  test('passes: its own role in the hub account; a log archive account of its own; no bootstrap', () => {
    const own = loadWith((c) => (roles(c), delete c.logArchive.account, (c.logArchive.roleArn = 'arn:aws:iam::111111111111:role/network-log-archive-deploy'))).landingZone;
    expect(own.logArchive.roleArn).toBe('arn:aws:iam::111111111111:role/network-log-archive-deploy');
    expect(() => loadWith(roles)).not.toThrow();
    const noBootstrap = loadWith((c) => (roles(c), (c.terraformCloud.bootstrap = false), delete c.logArchive.account, delete c.logArchive.roleArn)).landingZone;
    expect(noBootstrap.logArchive.roleArn).toBe('arn:aws:iam::111111111111:role/network-deploy');
  });
});

describeRule('productionSegmentsNeverAutoApply', () => {
  test('auto-apply on a segment named prod (production by default)', () => {
    const outcome = issuesWith((c) => (c.hub.transitGateway.segments.prod.autoApplyRunTriggers = true));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'hub.transitGateway.segments.prod.autoApplyRunTriggers',
      value: true,
      message: 'turns on auto-apply of triggered runs for prod, a production segment (its name starts with "prod")',
      fix: 'remove autoApplyRunTriggers from segment prod, or set production: false if it is not production',
      at: 'autoApplyRunTriggers: |true',
    });
  });

  test('auto-apply on a segment marked production', () => {
    const outcome = issuesWith((c) => Object.assign(c.hub.transitGateway.segments.nonprod, { production: true, autoApplyRunTriggers: true }));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, { path: 'hub.transitGateway.segments.nonprod.autoApplyRunTriggers', value: true, message: 'a production segment (production: true)', fix: 'remove autoApplyRunTriggers from segment nonprod', at: 'autoApplyRunTriggers: |true' });
  });

  test('passes: auto-apply on a non-production segment, also one named prod… that says production: false', () => {
    const lz = loadWith((c) => {
      c.hub.transitGateway.segments.nonprod.autoApplyRunTriggers = true;
      Object.assign(c.hub.transitGateway.segments.prod, { production: false, autoApplyRunTriggers: true });
    }).landingZone;
    expect(lz.hub.transitGateway.segments.map((s) => [s.name, s.production, s.autoApplyRunTriggers])).toEqual([
      ['prod', false, true],
      ['nonprod', false, true],
      ['shared', false, false],
    ]);
  });
});

describe('tiers (subnet generation, before the rules)', () => {
  test('a tier that does not fit the VPC', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[1].vpc.tiers.app.count = 20)),
      {
        path: 'spokes[1].vpc.tiers.app',
        value: { prefixLength: 20, count: 20 },
        message: 'does not fit: the VPC 172.20.0.0/16 has room for only 16 of 20 /20 subnets after the others',
        fix: 'lower the count, use a longer prefix length or a larger VPC',
        at: '        |app:',
      },
    );
  });

  test('a tier prefix shorter than the VPC prefix', () => {
    expectIssue(
      issuesWith((c) => {
        c.spokes[1].vpc.cidr = '172.20.0.0/24';
        c.spokes[1].vpc.tiers = { app: { prefixLength: 20, count: 1 } };
        c.spokes[1].vpc.natGateways = 'none';
      }),
      { path: 'spokes[1].vpc.tiers.app.prefixLength', value: 20, message: 'is larger than the VPC 172.20.0.0/24', fix: 'use a prefix length of 24 or more', at: 'prefixLength: |20' },
    );
  });

  test('passes: the default shop-dev layout, largest blocks first, then address order', () => {
    const dev = loadWith().landingZone.spokes[1];
    expect(dev.vpc.subnets.map((s) => `${s.name} ${s.tier} ${s.cidr}`)).toEqual([
      'app-1 app 172.20.0.0/20',
      'app-2 app 172.20.16.0/20',
      'db-1 db 172.20.32.0/22',
      'db-2 db 172.20.36.0/22',
      'public-1 public 172.20.40.0/24',
      'public-2 public 172.20.41.0/24',
      // No tgw subnet listed: one /28 attachment subnet per AZ, generated after every tier.
      'tgw-1 tgw 172.20.42.0/28',
      'tgw-2 tgw 172.20.42.16/28',
    ]);
    expect(dev.vpc.subnets.every((s) => s.generated)).toBe(true);
  });
});

/** A DNS Firewall block section with one managed list (the default config has none). */
const dnsFirewall = (c: RawConfig, extra: Record<string, unknown> = {}): void => {
  c.hub.dnsFirewall = { managedDomainLists: [{ name: 'AWSManagedDomainsAggregateThreatList', id: 'rslvr-fdl-0a1b2c3d4e5f6a7b' }], blockDomains: ['*.pastebin.com'], allowDomains: ['updates.example.com'], ...extra };
};

describeRule('dnsFirewallLists', () => {
  test('an unknown managed list name, with the closest name', () => {
    expectIssue(
      issuesWith((c) => dnsFirewall(c, { managedDomainLists: [{ name: 'AWSManagedDomainsMalwareDomainLst', id: 'rslvr-fdl-0a1b2c3d4e5f6a7b' }] })),
      { path: 'hub.dnsFirewall.managedDomainLists[0].name', value: 'AWSManagedDomainsMalwareDomainLst', message: 'is not an AWS managed domain list (did you mean "AWSManagedDomainsMalwareDomainList"?)', fix: 'use one of: AWSManagedDomainsMalwareDomainList', at: 'AWSManagedDomainsMalwareDomainLst' },
    );
  });
  test('a list name where its id belongs', () => {
    expectIssue(
      issuesWith((c) => dnsFirewall(c, { managedDomainLists: [{ name: 'AWSManagedDomainsMalwareDomainList', id: 'AWSManagedDomainsMalwareDomainList' }] })),
      { path: 'hub.dnsFirewall.managedDomainLists[0].id', value: 'AWSManagedDomainsMalwareDomainList', message: 'is not a DNS Firewall domain list id', fix: 'aws route53resolver list-firewall-domain-lists', at: 'id: |AWSManagedDomainsMalwareDomainList' },
    );
  });
  test('a domain both allowed and blocked, and an invalid domain', () => {
    const outcome = issuesWith((c) => dnsFirewall(c, { blockDomains: ['Updates.example.com.', 'bad domain'] }));
    expectIssue(outcome, { path: 'hub.dnsFirewall.allowDomains[0]', value: 'updates.example.com', message: 'is also in blockDomains', fix: 'remove it from one of the two lists', at: '- |updates.example.com' });
    expectIssue(outcome, { path: 'hub.dnsFirewall.blockDomains[1]', value: 'bad domain', message: 'is not a domain DNS Firewall accepts', fix: 'example.com', at: 'bad domain' });
  });
  test('more domains in one list than one UpdateFirewallDomains request takes', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `d${i}.example.com`);
    expectIssue(issuesWith((c) => dnsFirewall(c, { blockDomains: many })), { path: 'hub.dnsFirewall.blockDomains', value: '1001 domains', message: 'holds more than the 1000 domains', fix: 'keep at most 1000', at: 'blockDomains:' });
    expect(loadWith((c) => dnsFirewall(c, { blockDomains: many.slice(0, 1000) })).landingZone.hub.dnsFirewall?.blockDomains).toHaveLength(1000);
  });
  test('OVERRIDE without its answer; a firewall that blocks nothing', () => {
    expectIssue(issuesWith((c) => dnsFirewall(c, { blockResponse: 'OVERRIDE' })), { path: 'hub.dnsFirewall.blockResponse', value: 'OVERRIDE', message: 'needs blockOverride', fix: 'add blockOverride', at: 'OVERRIDE' });
    expectIssue(issuesWith((c) => (c.hub.dnsFirewall = { allowDomains: ['example.com'] })), {
      path: 'hub.dnsFirewall',
      value: { managedDomainLists: [], blockDomains: [], allowDomains: ['example.com'], failOpen: false, blockResponse: 'NXDOMAIN' },
      message: 'blocks nothing',
      fix: 'AWSManagedDomainsAggregateThreatList',
      at: 'dnsFirewall:',
    });
  });
  test('a valid firewall loads with its defaults: fail closed, NXDOMAIN, domains normalized', () => {
    const fw = loadWith((c) => dnsFirewall(c, { blockDomains: ['*.Pastebin.com.'] })).landingZone.hub.dnsFirewall;
    expect(fw).toEqual({ managedDomainLists: [{ name: 'AWSManagedDomainsAggregateThreatList', id: 'rslvr-fdl-0a1b2c3d4e5f6a7b' }], blockDomains: ['*.pastebin.com'], allowDomains: ['updates.example.com'], failOpen: false, blockResponse: 'NXDOMAIN' });
  });
});

/** Block Public Access with the exclusions the default config needs under bidirectional. */
const bpa = (c: RawConfig, mode: string, exclusions: RawConfig[]): void => {
  c.blockPublicAccess = { mode, exclusions };
};
const EGRESS_EXCLUSION = { vpc: 'egress', subnets: 'public', mode: 'allow-egress', reason: 'central egress NAT gateways' };
const ALB_EXCLUSION = { vpc: 'shop-prod', subnets: 'public', mode: 'allow-bidirectional', reason: 'internet-facing ALB of the shop' };

describeRule('blockPublicAccessExclusions', () => {
  test('an exclusion of a VPC that does not exist, with the closest name', () => {
    expectIssue(issuesWith((c) => bpa(c, 'ingress', [ALB_EXCLUSION, { ...EGRESS_EXCLUSION, vpc: 'shop-prd' }])), {
      path: 'blockPublicAccess.exclusions[1].vpc',
      value: 'shop-prd',
      message: 'is not a VPC of this landing zone that can have an internet gateway (did you mean "shop-prod"?)',
      fix: 'use one of: egress, shop-prod, shop-dev',
      at: 'vpc: |shop-prd',
    });
  });
  test('two exclusions of one VPC', () => {
    expectIssue(issuesWith((c) => bpa(c, 'ingress', [{ ...ALB_EXCLUSION }, { ...ALB_EXCLUSION }])), { path: 'blockPublicAccess.exclusions[1].vpc', value: 'shop-prod', message: 'already has an exclusion', fix: 'keep one exclusion per VPC', at: ['vpc: |shop-prod', 2] });
  });
  test('subnets: public on a spoke without public subnets', () => {
    const outcome = issuesWith((c) => {
      c.spokes[1].vpc.tiers = { app: { prefixLength: 20, count: 2 }, db: { prefixLength: 22, count: 2 } };
      bpa(c, 'ingress', [ALB_EXCLUSION, { vpc: 'shop-dev', subnets: 'public', mode: 'allow-bidirectional', reason: 'a test exclusion here' }]);
    });
    expectIssue(outcome, { path: 'blockPublicAccess.exclusions[1].subnets', value: 'public', message: 'finds nothing: spoke "shop-dev" has no public subnets', fix: 'remove the exclusion', at: ['subnets: |public', 2] });
  });
  test('subnets: public on the inspection VPC, which has none (synth used to drop the exclusion silently)', () => {
    const outcome = issuesWith(inspected((c) => bpa(c, 'ingress', [ALB_EXCLUSION, { vpc: 'inspection', subnets: 'public', mode: 'allow-bidirectional', reason: 'a test exclusion here' }])));
    expectIssue(outcome, {
      path: 'blockPublicAccess.exclusions[1].subnets',
      value: 'public',
      message: 'finds nothing: the hub inspection VPC has no public subnets (only firewall and attachment subnets, and no internet gateway)',
      fix: 'remove the exclusion: internet traffic of inspected segments leaves through the egress VPC',
      at: ['subnets: |public', 2],
    });
    expect(outcome.issues).toHaveLength(1);
  });
  test('the endpoints VPC is no exclusion target: it has no internet gateway', () => {
    expectIssue(issuesWith((c) => bpa(c, 'ingress', [ALB_EXCLUSION, { vpc: 'endpoints', subnets: 'public', mode: 'allow-egress', reason: 'a test exclusion here' }])), {
      path: 'blockPublicAccess.exclusions[1].vpc',
      value: 'endpoints',
      message: 'is not a VPC of this landing zone that can have an internet gateway',
      fix: 'use one of: egress, shop-prod, shop-dev',
      at: 'vpc: |endpoints',
    });
  });
  test('passes: the whole inspection VPC (no subnets key), subnets: public on the egress VPC and on a spoke with a public tier', () => {
    const exclusions = [EGRESS_EXCLUSION, ALB_EXCLUSION, { vpc: 'inspection', mode: 'allow-egress', reason: 'a test exclusion here' }];
    expect(loadWith(inspected((c) => bpa(c, 'bidirectional', exclusions))).landingZone.blockPublicAccess?.exclusions.map((e) => `${e.vpc} ${e.subnets}`)).toEqual(['egress public', 'shop-prod public', 'inspection all']);
  });
  test('allow-egress under ingress mode is a warning: it changes nothing', () => {
    const outcome = warningsWith((c) => bpa(c, 'ingress', [ALB_EXCLUSION, EGRESS_EXCLUSION]));
    expectIssue(outcome, { path: 'blockPublicAccess.exclusions[1].mode', value: 'allow-egress', message: 'changes nothing under mode ingress', fix: 'use allow-bidirectional', at: 'mode: |allow-egress', severity: 'warning' });
  });
  test('a short reason is refused by the schema', () => {
    expect(pathsBySeverity(issuesWith((c) => bpa(c, 'ingress', [{ ...ALB_EXCLUSION, reason: 'ALB' }]))).errors).toEqual(['blockPublicAccess.exclusions[0].reason']);
  });
});

describeRule('blockPublicAccessCoversPaths', () => {
  test('bidirectional without an egress exclusion blocks central egress', () => {
    expectIssue(issuesWith((c) => bpa(c, 'bidirectional', [ALB_EXCLUSION])), {
      path: 'blockPublicAccess.mode',
      value: 'bidirectional',
      message: 'blocks VPC Block Public Access (mode bidirectional): the NAT gateways of the hub egress VPC (central egress) need outbound internet traffic and egress has no exclusion',
      fix: 'add to blockPublicAccess.exclusions { vpc: egress, subnets: public, mode: allow-egress, reason: ... }, or use mode: ingress',
      at: 'bidirectional',
    });
  });
  test('any mode without an ALB exclusion blocks the internet-facing load balancer', () => {
    expectIssue(issuesWith((c) => bpa(c, 'ingress', [])), {
      path: 'spokes[0].alb',
      value: 'shop-prod',
      message: 'is blocked by VPC Block Public Access (mode ingress): the internet-facing load balancer of spoke "shop-prod" needs inbound internet traffic',
      fix: 'add to blockPublicAccess.exclusions { vpc: shop-prod, subnets: public, mode: allow-bidirectional, reason: ... }',
      at: 'alb:',
    });
  });
  test('an egress-only exclusion does not admit the ALB', () => {
    expectIssue(issuesWith((c) => bpa(c, 'bidirectional', [EGRESS_EXCLUSION, { ...ALB_EXCLUSION, mode: 'allow-egress' }])), {
      path: 'blockPublicAccess.exclusions[1].mode',
      value: 'allow-egress',
      message: 'admits no inbound internet traffic, which the internet-facing load balancer of spoke "shop-prod" needs',
      fix: 'use mode: allow-bidirectional',
      at: ['mode: |allow-egress', 2],
    });
  });
  test('a spoke with local NAT needs an egress exclusion under bidirectional', () => {
    const outcome = issuesWith((c) => {
      c.spokes[1].vpc.egress = 'local';
      c.spokes[1].vpc.natGateways = 'single';
      bpa(c, 'bidirectional', [EGRESS_EXCLUSION, ALB_EXCLUSION]);
    });
    expect(outcome.issues.map((i) => i.message)).toEqual([expect.stringContaining('the NAT gateways of spoke "shop-dev" (local egress) need outbound internet traffic and shop-dev has no exclusion')]);
  });
  test('ingress lets NAT egress through; with the exclusions the paths need, bidirectional loads', () => {
    expect(loadWith((c) => bpa(c, 'ingress', [ALB_EXCLUSION])).landingZone.blockPublicAccess?.mode).toBe('ingress');
    const lz = loadWith((c) => bpa(c, 'bidirectional', [EGRESS_EXCLUSION, ALB_EXCLUSION])).landingZone;
    expect(lz.blockPublicAccess).toEqual({
      mode: 'bidirectional',
      exclusions: [
        { vpc: 'egress', subnets: 'public', mode: 'allow-egress', reason: 'central egress NAT gateways', path: ['blockPublicAccess', 'exclusions', 0] },
        { vpc: 'shop-prod', subnets: 'public', mode: 'allow-bidirectional', reason: 'internet-facing ALB of the shop', path: ['blockPublicAccess', 'exclusions', 1] },
      ],
    });
  });
});

/** The default config plus inspection of east-west and egress (hub.inspection rules below). */
const inspected = (more: (c: RawConfig) => void = () => undefined) => (c: RawConfig) => {
  c.hub.inspection = { cidr: '10.253.0.0/25', inspect: ['east-west', 'egress'], policy: { egressAllowDomains: ['.example.com'], managedThreatGroups: ['ThreatSignaturesMalwareStrictOrder'] } };
  more(c);
};

describeRule('inspectionVpc', () => {
  test('a range outside RFC 1918 is refused', () => {
    // internalRanges admit it, so only this rule (not rangesInsideInternal) objects.
    const outcome = issuesWith(
      inspected((c) => {
        c.hub.inspection.cidr = '100.64.0.0/25';
        c.hub.transitGateway.internalRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
      }),
    );
    expectIssue(outcome, {
      path: 'hub.inspection.cidr',
      value: '100.64.0.0/25',
      message: 'is not inside a private (RFC 1918) range',
      fix: 'pick a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16',
      at: '100.64.0.0/25',
    });
  });

  test('a range too small for two /28s per AZ names the size that fits', () => {
    expectIssue(issuesWith(inspected((c) => (c.hub.inspection.cidr = '10.253.0.0/26'))), {
      path: 'hub.inspection.cidr',
      value: '10.253.0.0/26',
      message: 'holds 4 /28 subnets, but 3 AZs need 6 (a firewall and an attachment subnet each)',
      fix: 'use a /25 or larger, or fewer availabilityZones',
      at: '10.253.0.0/26',
    });
  });

  test('a range overlapping another VPC is refused by vpcRangesDisjoint', () => {
    expectIssue(issuesWith(inspected((c) => (c.hub.inspection.cidr = '10.255.0.0/25'))), {
      path: 'hub.inspection.cidr',
      value: '10.255.0.0/25',
      message: 'of the hub inspection VPC overlaps 10.255.0.0/24 of the hub egress VPC at hub.egress.cidr',
      fix: 'give every VPC a range no other VPC',
      at: '10.255.0.0/25',
    });
  });

  test('an AZ outside the hub AZs is refused', () => {
    expectIssue(issuesWith(inspected((c) => (c.hub.inspection.availabilityZones = ['ap-northeast-2a', 'ap-northeast-2d']))), {
      path: 'hub.inspection.availabilityZones[1]',
      value: 'ap-northeast-2d',
      message: 'is not one of hub.availabilityZones',
      fix: 'pick from ap-northeast-2a, ap-northeast-2b, ap-northeast-2c',
      at: 'ap-northeast-2d',
    });
  });

  test('egress inspection without the egress VPC is refused', () => {
    const outcome = issuesWith(
      inspected((c) => {
        delete c.hub.egress;
        for (const s of c.spokes) s.vpc.egress = 'local';
      }),
    );
    expectIssue(outcome, { path: 'hub.inspection.inspect', value: ['east-west', 'egress'], message: 'hub.egress is not set', fix: 'add hub.egress, or remove egress from inspect', at: 'inspect:' });
  });

  test('a valid inspection config loads', () => {
    expect(() => loadWith(inspected())).not.toThrow();
  });
});

describeRule('inspectionPolicy', () => {
  test('a URL is not a domain', () => {
    expectIssue(issuesWith(inspected((c) => (c.hub.inspection.policy.egressAllowDomains = ['https://example.com/x']))), {
      path: 'hub.inspection.policy.egressAllowDomains[0]',
      value: 'https://example.com/x',
      message: 'is not a domain name a Network Firewall domain list takes',
      fix: 'leading dot',
      at: 'https://example.com/x',
    });
  });

  test('an ActionOrder group is refused with its StrictOrder name; an unknown group with the catalog', () => {
    const outcome = issuesWith(inspected((c) => (c.hub.inspection.policy.managedThreatGroups = ['ThreatSignaturesMalwareActionOrder', 'NoSuchGroup'])));
    expectIssue(outcome, {
      path: 'hub.inspection.policy.managedThreatGroups[0]',
      value: 'ThreatSignaturesMalwareActionOrder',
      message: 'is an action-order group, but the policy uses strict rule order',
      fix: 'use ThreatSignaturesMalwareStrictOrder',
      at: 'ThreatSignaturesMalwareActionOrder',
    });
    expectIssue(outcome, { path: 'hub.inspection.policy.managedThreatGroups[1]', value: 'NoSuchGroup', message: 'is not an AWS managed stateful rule group', fix: 'use one of AbusedLegitMalwareDomainsStrictOrder', at: 'NoSuchGroup' });
  });

  test('a Suricata rule over 8,192 characters is refused with the quota', () => {
    const long = `alert tcp any any -> any any (msg:"${'x'.repeat(8200)}"; sid:1;)`;
    expectIssue(issuesWith(inspected((c) => (c.hub.inspection.policy.suricataRules = [long]))), {
      path: 'hub.inspection.policy.suricataRules[0]',
      value: `${long.slice(0, 40)}...`,
      message: /is \d+ characters, over the 8192 of characters of one Suricata rule \(https:\/\/docs\.aws\.amazon\.com\/network-firewall\/latest\/developerguide\/quotas\.html\)/,
      fix: 'split the rule',
      at: 'alert tcp any',
    });
  });

  test('more than 20 stateful rule groups per policy is refused', () => {
    const outcome = issuesWith(
      inspected((c) => {
        c.hub.inspection.policy.managedThreatGroups = [
          'AbusedLegitMalwareDomainsStrictOrder', 'MalwareDomainsStrictOrder', 'AbusedLegitBotNetCommandAndControlDomainsStrictOrder', 'BotNetCommandAndControlDomainsStrictOrder',
          'ThreatSignaturesBotnetStrictOrder', 'ThreatSignaturesBotnetWebStrictOrder', 'ThreatSignaturesBotnetWindowsStrictOrder', 'ThreatSignaturesIOCStrictOrder',
          'ThreatSignaturesDoSStrictOrder', 'ThreatSignaturesEmergingEventsStrictOrder', 'ThreatSignaturesExploitsStrictOrder', 'ThreatSignaturesMalwareStrictOrder',
          'ThreatSignaturesMalwareCoinminingStrictOrder', 'ThreatSignaturesMalwareMobileStrictOrder', 'ThreatSignaturesMalwareWebStrictOrder', 'ThreatSignaturesScannersStrictOrder',
          'ThreatSignaturesSuspectStrictOrder', 'ThreatSignaturesWebAttacksStrictOrder', 'ThreatSignaturesPhishingStrictOrder', 'ThreatSignaturesFUPStrictOrder',
        ];
        c.hub.inspection.policy.suricataRules = ['pass tcp any any -> any 443 (sid:1;)'];
      }),
    );
    expectIssue(outcome, { path: 'hub.inspection.policy.managedThreatGroups', value: 22, message: 'makes 22 stateful rule groups, over the 20 stateful rule groups per firewall policy', fix: 'drop some managed rule groups', at: 'managedThreatGroups:' });
  });

  test('an allow-list over a rule group\'s 30,000 capacity units is refused with the quota', () => {
    const domains = Array.from({ length: 15_001 }, (_, i) => `h${i}.example.com`);
    expectIssue(issuesWith(inspected((c) => (c.hub.inspection.policy.egressAllowDomains = domains))), {
      path: 'hub.inspection.policy.egressAllowDomains',
      value: 15_001,
      message: 'needs 30002 capacity units (two target types per domain), over the 30000 of capacity of one stateful rule group (https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html)',
      fix: 'use leading-dot domains',
      at: 'egressAllowDomains:',
    });
  });

  test('an allow-list without egress inspection would never apply', () => {
    expectIssue(issuesWith(inspected((c) => (c.hub.inspection.inspect = ['east-west']))), {
      path: 'hub.inspection.policy.egressAllowDomains',
      value: 1,
      message: 'would never apply: egress is not inspected',
      fix: 'add egress to hub.inspection.inspect',
      at: 'egressAllowDomains:',
    });
  });
});

describeRule('inspectionOptOuts', () => {
  test('inspect: false needs a reason', () => {
    expectIssue(issuesWith(inspected((c) => (c.hub.transitGateway.segments.nonprod.inspect = false))), {
      path: 'hub.transitGateway.segments.nonprod.inspectReason',
      value: null,
      message: 'must say why segment nonprod is not inspected (at least 10 characters)',
      fix: 'write the reason',
      at: 'nonprod:',
    });
  });

  test('inspect: false without hub.inspection has no effect', () => {
    const outcome = issuesWith((c) => Object.assign(c.hub.transitGateway.segments.nonprod, { inspect: false, inspectReason: 'no production data here' }));
    const key = positionOf(outcome.text, 'inspect: false');
    expectIssue(outcome, {
      path: 'hub.transitGateway.segments.nonprod.inspect',
      value: false,
      message: 'has no effect: hub.inspection is not set',
      fix: 'remove inspect, or add hub.inspection',
      at: { line: key.line, column: key.column + 'inspect: '.length },
    });
  });

  test('a reason on an inspected segment is refused', () => {
    expectIssue(issuesWith(inspected((c) => (c.hub.transitGateway.segments.nonprod.inspectReason = 'forgot to opt out'))), {
      path: 'hub.transitGateway.segments.nonprod.inspectReason',
      value: 'forgot to opt out',
      message: 'is set, but the segment is inspected',
      fix: 'set inspect: false, or remove inspectReason',
      at: 'forgot to opt out',
    });
  });

  test('"inspection" is a reserved route table name', () => {
    expectIssue(issuesWith(inspected((c) => (c.hub.transitGateway.segments.inspection = { reaches: [] }))), {
      path: 'hub.transitGateway.segments.inspection',
      value: 'inspection',
      message: 'is the name of a route table the hub creates itself',
      fix: 'rename the segment (reserved: egress, onprem, inspection)',
      at: 'inspection:',
    });
  });
});

describeRule('inspectedSpokesEgressCentrally', () => {
  test('a spoke of an inspected segment with its own NAT is warned: its egress is not inspected', () => {
    const outcome = warningsWith(
      inspected((c) => {
        const dev = c.spokes.find((s: RawConfig) => s.name === 'shop-dev');
        dev.vpc.egress = 'local';
        dev.vpc.natGateways = 'single';
      }),
    );
    expectIssue(outcome, {
      path: 'spokes[1].vpc.egress',
      value: 'local',
      message: 'leaves through NAT gateways of its own, so its internet traffic is not inspected although segment nonprod is',
      fix: 'use egress: central, or opt segment nonprod out with inspect: false and inspectReason',
      at: { line: positionOf(outcome.text, 'egress: local').line, column: positionOf(outcome.text, 'egress: local').column + 'egress: '.length },
      severity: 'warning',
    });
  });

  test('passes: central egress, or the segment opted out', () => {
    expect(warningsWith(inspected()).issues).toEqual([]);
    const optedOut = warningsWith(
      inspected((c) => {
        Object.assign(c.hub.transitGateway.segments.nonprod, { inspect: false, inspectReason: 'no production data in nonprod' });
        Object.assign(c.spokes[1].vpc, { egress: 'local', natGateways: 'single' });
      }),
    );
    expect(optedOut.issues.filter((i) => i.path.join('.') === 'spokes.1.vpc.egress')).toEqual([]);
  });
});

describe('coverage of RULES', () => {
  test('every rule listed in config/validate/index.ts has a describe here or in a sibling config test file', () => {
    // Rules of a whole feature (IPAM) keep their failing and passing cases beside the feature's other tests.
    const dir = path.join(__dirname);
    const elsewhere = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== path.basename(__filename))
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^describe(?:Rule)?\('(\w+)'/gm)].map((m) => m[1]))
      .filter((name) => name in RULES);
    expect([...new Set([...covered, ...elsewhere])].sort()).toEqual(Object.keys(RULES).sort());
  });
});
