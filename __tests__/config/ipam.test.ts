import { formatPath } from '../../config/issues';
import { parseConfig } from '../../config/load';
import { configText, FILE, RawConfig } from '../helpers/config';

const RECORDED = { allocations: [{ spoke: 'shop-dev', pool: 'nonprod', cidr: '172.20.0.0/16' }], issues: [] };

/** The default config with an IPAM plan; shop-dev takes 172.20.0.0/16 (recorded) from the nonprod pool. */
function text(mutate: (c: RawConfig) => void = () => undefined): string {
  return configText((c) => {
    c.ipam = {
      pools: [
        { name: 'org', cidr: '172.16.0.0/12' },
        { name: 'prod', parent: 'org', segment: 'prod', cidr: '172.16.0.0/14', allocation: { defaultPrefixLength: 16, min: 16, max: 24 } },
        { name: 'nonprod', parent: 'org', segment: 'nonprod', cidr: '172.20.0.0/14', allocation: { defaultPrefixLength: 20, min: 16, max: 24 } },
      ],
    };
    const dev = c.spokes[1];
    delete dev.vpc.cidr;
    dev.vpc.ipamPool = 'nonprod';
    mutate(c);
  });
}

/** `path: message` of every error and warning. */
function problems(mutate: (c: RawConfig) => void, allocations = RECORDED): string[] {
  try {
    const loaded = parseConfig(text(mutate), FILE, { allocations });
    return loaded.warnings.map((i) => `${formatPath(i.path)}: ${i.message}`);
  } catch (e) {
    return (e as { issues: { path: (string | number)[]; message: string }[] }).issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  }
}

describe('ipamPoolTree', () => {
  it('passes a well-formed tree', () => {
    expect(problems(() => undefined)).toEqual([]);
  });
  it('refuses a duplicated pool name', () => {
    expect(problems((c) => c.ipam.pools.push({ name: 'prod', cidr: '10.0.0.0/8' }))).toContain('ipam.pools[3].name: is also the name of ipam.pools[1]');
  });
  it('refuses an unknown region', () => {
    expect(problems((c) => (c.ipam.pools[0].region = 'ap-northeast-9'))).toContainEqual(expect.stringMatching(/^ipam\.pools\[0\]\.region: is not a known AWS region/));
  });
  it('refuses a parent that is missing or listed later, and a child outside its parent', () => {
    expect(problems((c) => (c.ipam.pools[1].parent = 'orgg'))).toContain('ipam.pools[1].parent: is not a pool (did you mean "org"?)');
    expect(problems((c) => (c.ipam.pools[1].parent = 'nonprod'))).toContain('ipam.pools[1].parent: is listed after this pool (or is this pool)');
    expect(problems((c) => (c.ipam.pools[1].cidr = '10.16.0.0/14'))).toContain('ipam.pools[1].cidr: is outside its parent pool "org" (172.16.0.0/12)');
  });
  it('refuses overlapping sibling pools', () => {
    expect(problems((c) => (c.ipam.pools[2].cidr = '172.18.0.0/15'))).toContain('ipam.pools[2].cidr: overlaps pool "prod" (172.16.0.0/14)');
  });
  it("accepts the issue's tree without parent: each pool's parent is the smallest earlier pool holding it", () => {
    const issueShape = (c: RawConfig) => {
      c.ipam.pools = [
        { name: 'org', cidr: '172.16.0.0/12' },
        { name: 'apne2', region: 'ap-northeast-2', cidr: '172.16.0.0/13' },
        { name: 'prod', segment: 'prod', cidr: '172.16.0.0/14', allocation: { defaultPrefixLength: 16, min: 16, max: 24 } },
        { name: 'nonprod', segment: 'nonprod', cidr: '172.20.0.0/14', allocation: { defaultPrefixLength: 20, min: 16, max: 24 } },
      ];
    };
    expect(problems(issueShape)).toEqual([]);
    const ipam = parseConfig(text(issueShape), FILE, { allocations: RECORDED }).landingZone.ipam!;
    expect(ipam.pools.map((p) => [p.name, p.parent, p.locale])).toEqual([
      ['org', undefined, undefined],
      ['apne2', 'org', 'ap-northeast-2'],
      ['prod', 'apne2', 'ap-northeast-2'],
      ['nonprod', 'apne2', 'ap-northeast-2'],
    ]);
  });
  it('keeps an explicit parent as an override, and still refuses genuinely overlapping siblings', () => {
    const explicit = (c: RawConfig) => c.ipam.pools.push({ name: 'dev', parent: 'nonprod', cidr: '172.22.0.0/16' });
    expect(problems(explicit)).toEqual([]);
    expect(parseConfig(text(explicit), FILE, { allocations: RECORDED }).landingZone.ipam!.pools.find((p) => p.name === 'dev')!.parent).toBe('nonprod');
    const out = problems((c) => c.ipam.pools.push({ name: 'wide', parent: 'org', cidr: '172.16.0.0/13' }));
    expect(out).toContain('ipam.pools[3].cidr: overlaps pool "prod" (172.16.0.0/14)');
    // Inferred parents: two top-level pools that overlap without containing each other.
    expect(problems((c) => c.ipam.pools.push({ name: 'other', cidr: '172.0.0.0/11' }))).toContain('ipam.pools[3].cidr: overlaps pool "org" (172.16.0.0/12)');
  });
  it('names parent in the sibling-overlap fix', () => {
    try {
      parseConfig(text((c) => (c.ipam.pools[2].cidr = '172.18.0.0/15')), FILE, { allocations: RECORDED });
      throw new Error('expected an error');
    } catch (e) {
      const issue = (e as { issues: { message: string; fix: string }[] }).issues.find((i) => i.message.startsWith('overlaps pool'))!;
      expect(issue.fix).toBe('give sibling pools disjoint ranges, or set parent: prod if this pool is carved from it (without parent, a pool\'s parent is the smallest earlier pool holding its range)');
    }
  });
  it('refuses allocation rules out of order', () => {
    expect(problems((c) => (c.ipam.pools[1].allocation = { defaultPrefixLength: 26, min: 16, max: 24 }))).toContain('ipam.pools[1].allocation: must satisfy min <= defaultPrefixLength <= max (got 16, 26, 24)');
  });
  it('refuses an unknown segment, two pools for one segment, and a segment pool of another region', () => {
    expect(problems((c) => (c.ipam.pools[1].segment = 'prd'))).toContain('ipam.pools[1].segment: is not a segment of hub.transitGateway.segments (did you mean "prod"?)');
    expect(problems((c) => c.ipam.pools.push({ name: 'prod2', parent: 'org', segment: 'prod', cidr: '172.24.0.0/14' }))).toContain('ipam.pools[3].segment: already has pool ipam.pools[1]');
    expect(problems((c) => (c.ipam.pools[1].region = 'us-east-1'))).toContain("ipam.pools[1].region: makes the pool's locale us-east-1, but the segment's VPCs are in ap-northeast-2");
  });
});

describe('ipamAccount', () => {
  it('needs the management account for the organization share', () => {
    expect(problems((c) => delete c.organization.managementAccount)).toContain('organization.managementAccount: is required with ipam: the pools are shared with the organization ARN, which names the management account');
  });
  it('refuses a delegated IPAM account with Terraform Cloud, and accepts it without', () => {
    const delegated = (c: RawConfig) => (c.ipam.account = '777777777777');
    expect(problems(delegated)).toEqual([]);
    expect(problems((c) => {
      delegated(c);
      c.terraformCloud = { organization: 'acme' };
    })).toContainEqual(expect.stringMatching(/^ipam\.account: is not the hub account/));
  });
});

describe('spokeRangesInPools', () => {
  it('refuses an explicit cidr outside its segment pool', () => {
    expect(problems((c) => (c.spokes[0].vpc.cidr = '172.24.0.0/16'))).toContain('spokes[0].vpc.cidr: is outside the pool "prod" (172.16.0.0/14) of segment "prod"');
  });
  it('refuses an allocation from a pool other than the segment pool', () => {
    const out = problems((c) => {
      c.ipam.pools[2].segment = undefined;
      c.ipam.pools[2].region = 'ap-northeast-2';
      c.ipam.pools.push({ name: 'np2', parent: 'org', segment: 'nonprod', cidr: '172.24.0.0/14' });
    });
    expect(out).toContain('spokes[1].vpc.ipamPool: takes 172.20.0.0/16, which is outside the pool "np2" (172.24.0.0/14) of segment "nonprod"');
  });
  it('refuses a prefix outside the pool min/max', () => {
    expect(problems((c) => (c.ipam.pools[2].allocation = { defaultPrefixLength: 20, min: 18, max: 24 }))).toContain('spokes[1].vpc.ipamPool: is a /16, outside the pool "nonprod" allocation rules /18 to /24');
  });
  it('refuses a pool without a locale in the landing zone region', () => {
    const fromOrg = { allocations: [{ spoke: 'shop-dev', pool: 'org', cidr: '172.20.0.0/16' }], issues: [] };
    expect(problems((c) => (c.spokes[1].vpc.ipamPool = 'org'), fromOrg)).toContain(
      'spokes[1].vpc.ipamPool: has locale (none), but a VPC in ap-northeast-2 can only allocate from a pool whose locale is ap-northeast-2',
    );
  });
  it('applies the segment pool min/max to a written cidr', () => {
    expect(problems((c) => (c.spokes[0].vpc.cidr = '172.16.0.0/15'))).toContain('spokes[0].vpc.cidr: is a /15, outside the allocation rules /16 to /24 of the pool "prod" of segment "prod"');
    expect(problems(() => undefined)).toEqual([]);
  });
  it('sees pinned ranges in the organization-wide overlap check', () => {
    expect(problems((c) => (c.onPremises.cidrs = ['172.20.0.0/16']))).toContainEqual(expect.stringMatching(/^spokes\[1\]\.vpc\.cidr: of spoke "shop-dev" overlaps 172\.20\.0\.0\/16 of on-premises/));
  });
});

describe('hubRangesInPools', () => {
  it('refuses a hub VPC of a segment outside the segment pool', () => {
    const shared = (c: RawConfig) => c.ipam.pools.push({ name: 'shared', parent: 'org', segment: 'shared', cidr: '172.24.0.0/14' });
    expect(problems(shared)).toContain('hub.endpoints.cidr: is outside the pool "shared" (172.24.0.0/14) of segment "shared"');
  });
  it('passes when the endpoints segment has no pool (the example) or its pool holds the endpoints VPC', () => {
    expect(problems(() => undefined)).toEqual([]);
    const holding = (c: RawConfig) => {
      c.ipam.pools.push({ name: 'shared', segment: 'shared', cidr: '10.254.0.0/23' });
    };
    expect(problems(holding).filter((p) => p.startsWith('hub.endpoints.cidr'))).toEqual([]);
  });
});

describe('unreservedRangesOutsidePools', () => {
  it('refuses a range that overlaps an allocatable pool without lying inside it, or swallows one', () => {
    // prod is 172.16.0.0/14: 172.18.0.0/15 lies inside it, 172.19.0.0/16 too, 172.16.0.0/13 straddles prod and nonprod.
    const straddling = problems((c) => (c.onPremises.cidrs = ['172.16.0.0/13']));
    expect(straddling).toContainEqual(expect.stringMatching(/^onPremises\.cidrs\[0\]: (overlaps|contains) allocatable pool (prod|nonprod)/));
    const swallowing = problems((c) => (c.hub.egress.cidr = '172.16.0.0/12'));
    expect(swallowing).toContainEqual(expect.stringMatching(/^hub\.egress\.cidr: contains allocatable pool prod \(172\.16\.0\.0\/14\)/));
  });

  it('passes on-premises and hub ranges inside one allocatable pool: they are reserved there (model and constructs)', () => {
    const mutate = (c: RawConfig) => {
      c.onPremises.cidrs = [...c.onPremises.cidrs, '172.22.0.0/16'];
      c.hub.egress.cidr = '172.19.255.0/24';
    };
    expect(problems(mutate).filter((p) => p.startsWith('onPremises') || p.startsWith('hub.egress'))).toEqual([]);
    const ipam = parseConfig(text(mutate), FILE, { allocations: RECORDED }).landingZone.ipam!;
    expect(ipam.reservations).toEqual(
      expect.arrayContaining([
        { key: 'hub-egress', pool: 'prod', cidr: '172.19.255.0/24', description: 'hub egress VPC' },
        { key: 'onprem-172-22-0-0-16', pool: 'nonprod', cidr: '172.22.0.0/16', description: 'on-premises 172.22.0.0/16' },
        // shop-prod writes its cidr (172.16.0.0/16) inside the prod pool: reserved too; shop-dev allocates from IPAM itself.
        { key: 'spoke-shop-prod', pool: 'prod', cidr: '172.16.0.0/16', description: 'spoke shop-prod VPC (written cidr)', spoke: 'shop-prod' },
      ]),
    );
    expect(ipam.reservations.map((r) => r.key)).not.toContain('spoke-shop-dev');
    // org has no locale: nothing allocates from it directly, nothing to reserve there.
    expect(problems((c) => c.onPremises.cidrs.push('172.30.0.0/16'))).toEqual([]);
  });
});

describe('resolved IPAM (model)', () => {
  const ipamOf = (mutate: (c: RawConfig) => void = () => undefined) => parseConfig(text(mutate), FILE, { allocations: RECORDED }).landingZone.ipam!;

  it('defaults to the hub account and role, shares with the organization, and operates in the landing zone region', () => {
    expect(ipamOf()).toMatchObject({
      account: '111111111111',
      roleArn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
      delegated: false,
      operatingRegions: ['ap-northeast-2'],
      sharePrincipals: ['arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5'],
    });
  });

  it('gives a segment pool the landing zone region, a child its parent locale, and adds every locale to the operating regions', () => {
    const ipam = ipamOf((c) => {
      c.ipam.pools.push({ name: 'tokyo', parent: 'org', region: 'ap-northeast-1', cidr: '172.28.0.0/14' }, { name: 'tokyo-apps', parent: 'tokyo', cidr: '172.28.0.0/16' });
    });
    expect(ipam.pools.map((p) => [p.name, p.locale])).toEqual([
      ['org', undefined],
      ['prod', 'ap-northeast-2'],
      ['nonprod', 'ap-northeast-2'],
      ['tokyo', 'ap-northeast-1'],
      ['tokyo-apps', 'ap-northeast-1'],
    ]);
    expect(ipam.operatingRegions).toEqual(['ap-northeast-2', 'ap-northeast-1']);
  });

  it('assumes the default role of a delegated IPAM account', () => {
    expect(ipamOf((c) => (c.ipam.account = '777777777777'))).toMatchObject({ account: '777777777777', roleArn: 'arn:aws:iam::777777777777:role/OrganizationAccountAccessRole', delegated: true });
  });
});
