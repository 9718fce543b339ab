/**
 * config/validate: one describe per rule in RULES (plus tier expansion, which runs before them),
 * each with failing cases that pin path, value, message, fix and position, and a passing case.
 */
import { RULES } from '../../config/validate';
import { expectIssue, issuesWith, loadWith, RawConfig } from '../helpers/config';

/** Rule names this file has a describe for; checked against RULES at the end. */
const covered: string[] = [];
const describeRule = (name: keyof typeof RULES & string, body: () => void) => {
  covered.push(name);
  describe(name, body);
};

/** A spoke with only a VPC, no subnets and no NAT. */
const bareSpoke = (name: string, account: string, cidr: string): RawConfig => ({
  name,
  account,
  segment: 'prod',
  vpc: { cidr, availabilityZones: ['ap-northeast-2a'], natGateways: 'none' },
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
    expect(lz.logArchive).toEqual({ account: '111111111111', roleArn: 'arn:aws:iam::111111111111:role/NetworkDeploy' });
    expect(lz.spokes[0].roleArn).toBe('arn:aws-us-gov:iam::333333333333:role/Deploy');
  });
});

describeRule('knownRegion', () => {
  test('an unknown region suggests the closest known one', () => {
    expectIssue(
      issuesWith((c) => (c.region = 'ap-northeast-22')),
      { path: 'region', value: 'ap-northeast-22', message: 'is not a known AWS region (did you mean "ap-northeast-2"?)', fix: 'use a region code such as ap-northeast-2', at: { line: 2, column: 9 } },
    );
  });

  test('an unknown region is one problem, not one more per availability zone', () => {
    expect(issuesWith((c) => (c.region = 'ap-northeast-22')).issues).toHaveLength(1);
  });

  test('a name that is an Object.prototype member is unknown, not a crash', () => {
    expectIssue(issuesWith((c) => (c.region = 'constructor')), { path: 'region', value: 'constructor', message: 'is not a known AWS region', fix: 'known: af-south-1', at: { line: 2, column: 9 } });
  });

  test('passes: another region with its own zones', () => {
    const lz = loadWith((c) => {
      c.region = 'us-east-1';
      const azs = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
      c.hub.availabilityZones = azs;
      c.spokes[0].vpc.availabilityZones = azs;
      for (const s of c.spokes[0].vpc.subnets) s.az = s.az.replace('ap-northeast-2', 'us-east-1');
      c.spokes[1].vpc.availabilityZones = ['us-east-1a', 'us-east-1f'];
    }).landingZone;
    expect(lz.region).toBe('us-east-1');
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
      { path: 'hub.availabilityZones[2]', value: 'ap-northeast-2e', message: 'does not exist in ap-northeast-2', fix: 'use one of ap-northeast-2a, ap-northeast-2b, ap-northeast-2c, ap-northeast-2d', at: { line: 12, column: 7 } },
    );
  });

  test('a zone listed twice', () => {
    expectIssue(
      issuesWith((c) => (c.hub.availabilityZones[1] = 'ap-northeast-2a')),
      { path: 'hub.availabilityZones[1]', value: 'ap-northeast-2a', message: 'is listed twice', fix: 'list each availability zone once', at: { line: 11, column: 7 } },
    );
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
    };
    expect(loadWith((c) => tokyo(c, ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'])).landingZone.hub.availabilityZones).toHaveLength(3);
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
      at: { line: 30, column: 15 },
    });
    expect(issue.message).not.toContain('did you mean');
  });

  test('passes: generated subnets take the VPC zones round-robin', () => {
    const dev = loadWith().landingZone.spokes[1];
    expect(dev.vpc.subnets.map((s) => s.az)).toEqual(['ap-northeast-2a', 'ap-northeast-2c', 'ap-northeast-2a', 'ap-northeast-2c', 'ap-northeast-2a', 'ap-northeast-2c']);
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
    expect(outcome.issues.map((i) => i.message)).toEqual(['is already used by spokes[0]', 'is already used by spokes[0]']);
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
    expect(names).toEqual(['public-1', 'app-1', 'app-2', 'db-1', 'db-2', 'public-1-2', 'public-2']);
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
      { path: 'spokes[0].vpc.subnets[0].cidr', value: '172.16.1.5/24', message: 'has host bits set (the network address of /24 is 172.16.1.0/24)', fix: 'write 172.16.1.0/24', at: { line: 29, column: 17 } },
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
    expectIssue(issuesWith((c) => (c.spokes[0].vpc.subnets[1].cidr = cidr)), { path: 'spokes[0].vpc.subnets[1].cidr', value: cidr, message, fix: 'write an IPv4 block such as 172.16.0.0/16', at: { line: 33, column: 17 } });
  });

  test('a /15 VPC is too large', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.cidr = '172.16.0.0/15')),
      { path: 'spokes[0].vpc.cidr', value: '172.16.0.0/15', message: 'is a /15, but a VPC must be between /16 and /28', fix: 'pick a prefix length from 16 to 28', at: { line: 20, column: 13 } },
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

  test('passes: a /16 VPC and a /28 VPC with a /28 subnet', () => {
    const lz = loadWith((c) => {
      c.spokes[1] = bareSpoke('tiny', '555555555555', '172.20.0.0/28');
      c.spokes[1].vpc.subnets = [{ name: 'only', tier: 'app', cidr: '172.20.0.0/28', az: 'ap-northeast-2a' }];
    }).landingZone;
    expect(lz.spokes.map((s) => s.vpc.cidr)).toEqual(['172.16.0.0/16', '172.20.0.0/28']);
  });
});

describeRule('subnetsInsideVpcAndDisjoint', () => {
  test('a subnet outside its VPC', () => {
    expectIssue(
      issuesWith((c) => (c.spokes[0].vpc.subnets[6].cidr = '172.17.0.0/20')),
      { path: 'spokes[0].vpc.subnets[6].cidr', value: '172.17.0.0/20', message: 'is outside the VPC 172.16.0.0/16', fix: 'pick a range inside it', at: { line: 53, column: 17 } },
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
    // Address order: 10.0.0.0/16, 10.0.1.0/24, 10.0.255.240/28. The last overlaps only the first.
    const outcome = issuesWith((c) => {
      c.spokes = [bareSpoke('big', '333333333333', '10.0.0.0/16'), bareSpoke('mid', '444444444444', '10.0.1.0/24'), bareSpoke('tail', '555555555555', '10.0.255.240/28')];
    });
    expect(outcome.issues).toHaveLength(2);
    expectIssue(outcome, { path: 'spokes[1].vpc.cidr', value: '10.0.1.0/24', message: 'of spoke "mid" overlaps 10.0.0.0/16 of spoke "big" at spokes[0].vpc.cidr', fix: 'range no other VPC', at: '10.0.1.0/24' });
    expectIssue(outcome, { path: 'spokes[2].vpc.cidr', value: '10.0.255.240/28', message: 'of spoke "tail" overlaps 10.0.0.0/16 of spoke "big"', fix: 'range no other VPC', at: '10.0.255.240/28' });
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

  test('passes: adjacent VPCs', () => {
    expect(loadWith((c) => c.spokes.push(bareSpoke('shop-stage', '555555555555', '172.17.0.0/16'))).landingZone.spokes).toHaveLength(3);
  });
});

describeRule('natNeedsPublicSubnets', () => {
  test('single NAT without a public subnet', () => {
    expectIssue(
      issuesWith((c) => c.spokes[0].vpc.subnets.splice(0, 2)),
      { path: 'spokes[0].vpc.natGateways', value: 'single', message: 'needs a public subnet for the NAT gateway, but the VPC has none', fix: 'add a subnet with tier: public, or set natGateways: none', at: 'natGateways: |single' },
    );
  });

  test('single NAT in a tier-generated VPC without a public tier', () => {
    expectIssue(
      issuesWith((c) => delete c.spokes[1].vpc.tiers.public),
      { path: 'spokes[1].vpc.natGateways', value: 'single', message: 'but the VPC has none', fix: 'natGateways: none', at: ['natGateways: |single', 2] },
    );
  });

  test('per-az NAT with an AZ that has private subnets but no public one', () => {
    const outcome = issuesWith((c) => (c.spokes[0].vpc.natGateways = 'per-az'));
    expect(outcome.issues).toHaveLength(1);
    expectIssue(outcome, {
      path: 'spokes[0].vpc.natGateways',
      value: 'per-az',
      message: 'needs a public subnet in ap-northeast-2b, where private subnets have no NAT of their own',
      fix: 'add a public subnet in ap-northeast-2b, or use natGateways: single',
      at: 'per-az',
    });
  });

  test('passes: no public subnet and no natGateways means no NAT', () => {
    const lz = loadWith((c) => {
      c.spokes[0].vpc.subnets.splice(0, 2);
      delete c.spokes[0].vpc.natGateways;
    }).landingZone;
    expect(lz.spokes[0].vpc.natGateways).toBe('none');
  });

  test('passes: per-az ignores AZs that hold only tgw subnets (they never route to a NAT)', () => {
    const lz = loadWith((c) => {
      c.spokes[1].vpc.natGateways = 'per-az';
      c.spokes[1].vpc.availabilityZones.push('ap-northeast-2b');
      c.spokes[1].vpc.subnets = [{ name: 'attach-b', tier: 'tgw', cidr: '172.20.255.0/28', az: 'ap-northeast-2b' }];
    }).landingZone;
    expect(lz.spokes[1].vpc.natGateways).toBe('per-az');
  });

  test('passes: per-az where every private AZ has a public subnet', () => {
    expect(loadWith((c) => (c.spokes[1].vpc.natGateways = 'per-az')).landingZone.spokes[1].vpc.natGateways).toBe('per-az');
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
    ]);
    expect(dev.vpc.subnets.every((s) => s.generated)).toBe(true);
  });
});

describe('coverage of RULES', () => {
  test('every rule listed in config/validate/index.ts has a describe here', () => {
    expect([...covered].sort()).toEqual(Object.keys(RULES).sort());
  });
});
