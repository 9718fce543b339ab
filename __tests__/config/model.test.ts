/**
 * config/model: what the stacks receive from a valid config: symmetric segments, egress and NAT
 * defaults, generated Transit Gateway attachment subnets, the hub egress and shared-endpoints VPC
 * layouts, the resolved endpoint services, the hybrid DNS defaults, and Direct Connect and VPN with
 * their allowed prefixes, the Session Manager endpoint mode and the log archive bucket.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../config/load';
import { ENDPOINT_CATALOG } from '../../lib/aws/endpoints';
import { clientVpnSubnets, egressLayout, egressModeOf, endpointsLayout, expandSubnets, hubVpcLayout, logBucketName, natModeOf, onPremisesRanges, organizationArn, resolveLandingZone, resolveSegments, ssmEndpointModeOf, summarizeRanges, vpcRanges } from '../../config/model';
import { SpokeConfig, VpcConfig } from '../../config/schema';
import { loadWith, RawConfig } from '../helpers/config';

const line = (s: { name: string; tier: string; cidr: string; az: string }) => `${s.name} ${s.tier} ${s.cidr} ${s.az}`;

describe('resolveSegments', () => {
  test('the default: prod and nonprod reach shared and on-premises, never each other; shared (the endpoints VPC) reaches on-premises', () => {
    expect(resolveSegments(loadConfig().config)).toEqual([
      { name: 'prod', peers: ['shared'], reachesOnPremises: true, centralEgress: true, isolateAttachments: false, production: true, autoApplyRunTriggers: false },
      { name: 'nonprod', peers: ['shared'], reachesOnPremises: true, centralEgress: true, isolateAttachments: false, production: false, autoApplyRunTriggers: false },
      // On-premises resolvers forward to the inbound Resolver endpoint, and the outbound one forwards to them.
      { name: 'shared', peers: ['prod', 'nonprod'], reachesOnPremises: true, centralEgress: true, isolateAttachments: false, production: false, autoApplyRunTriggers: false },
    ]);
  });

  test('A reaches B makes both peers of each other; onprem reaches only from the segment that lists it', () => {
    const { config } = loadWith((c) => {
      c.hub.transitGateway.segments = { a: { reaches: ['b'] }, b: {}, c: { reaches: ['onprem', 'a'] }, d: {} };
      c.hub.endpoints.segment = 'a';
      delete c.hub.dns; // the Resolver endpoints would need the endpoints segment to reach onprem
      c.hub.directConnect.allowedPrefixes = ['172.16.0.0/16']; // auto: no spoke segment reaches onprem, nothing to advertise
      c.spokes[0].segment = 'a';
      c.spokes[1].segment = 'b';
    });
    const byName = Object.fromEntries(resolveSegments(config).map((s) => [s.name, s]));
    expect(Object.fromEntries(Object.entries(byName).map(([n, s]) => [n, s.peers]))).toEqual({ a: ['b', 'c'], b: ['a'], c: ['a'], d: [] });
    // c and a are peers, but only c listed onprem.
    expect(Object.fromEntries(Object.entries(byName).map(([n, s]) => [n, s.reachesOnPremises]))).toEqual({ a: false, b: false, c: true, d: false });
  });

  test('listing a peer on both sides gives it once', () => {
    const { config } = loadWith((c) => (c.hub.transitGateway.segments.shared.reaches = ['prod', 'onprem']));
    expect(resolveSegments(config).map((s) => [s.name, s.peers])).toEqual([
      ['prod', ['shared']],
      ['nonprod', ['shared']],
      ['shared', ['prod', 'nonprod']],
    ]);
    expect(resolveSegments(config).find((s) => s.name === 'shared')!.reachesOnPremises).toBe(true);
  });

  test('production defaults to a name starting with "prod", an explicit value wins; autoApplyRunTriggers defaults to false', () => {
    const { config } = loadWith((c) => {
      c.hub.transitGateway.segments['production-eu'] = { production: false };
      c.hub.transitGateway.segments.nonprod.production = true;
      c.hub.transitGateway.segments.shared.autoApplyRunTriggers = true;
    });
    expect(resolveSegments(config).map((s) => [s.name, s.production, s.autoApplyRunTriggers])).toEqual([
      ['prod', true, false],
      ['nonprod', true, false],
      ['shared', false, true],
      ['production-eu', false, false],
    ]);
  });

  test('centralEgress defaults to whether the hub has an egress VPC; explicit values and isolateAttachments are kept', () => {
    const set = loadWith((c) => {
      c.hub.transitGateway.segments.shared.centralEgress = false;
      c.hub.transitGateway.segments.nonprod.isolateAttachments = true;
    }).config;
    expect(resolveSegments(set).map((s) => [s.name, s.centralEgress, s.isolateAttachments])).toEqual([
      ['prod', true, false],
      ['nonprod', true, true],
      ['shared', false, false],
    ]);
    const noEgress = loadWith((c) => {
      delete c.hub.egress;
      c.spokes[0].vpc.egress = 'local';
      c.hub.transitGateway.segments.shared.centralEgress = true;
    }).config;
    // Explicit true without an egress VPC is kept as written; the hub stack decides what that means.
    expect(resolveSegments(noEgress).map((s) => [s.name, s.centralEgress])).toEqual([
      ['prod', false],
      ['nonprod', false],
      ['shared', true],
    ]);
  });
});

describe('egressModeOf', () => {
  test('an explicit egress wins', () => {
    const { config } = loadWith((c) => {
      c.spokes[0].vpc.egress = 'none';
      c.spokes[1].vpc.egress = 'local';
    });
    expect(config.spokes.map((s) => egressModeOf(config, s))).toEqual(['none', 'local']);
  });

  test('default: central when the hub has an egress VPC, else local', () => {
    const withHubEgress = loadWith().config;
    expect(egressModeOf(withHubEgress, withHubEgress.spokes[1])).toBe('central');
    const without = loadWith((c) => {
      delete c.hub.egress;
      c.spokes[0].vpc.egress = 'local';
    }).config;
    expect(egressModeOf(without, without.spokes[1])).toBe('local');
  });

  test('default: local in a segment that opted out of central egress', () => {
    const { config, landingZone } = loadWith((c) => (c.hub.transitGateway.segments.nonprod.centralEgress = false));
    expect(egressModeOf(config, config.spokes[1])).toBe('local');
    expect(landingZone.spokes[1].vpc.natGateways).toBe('single');
    expect(egressModeOf(config, config.spokes[0])).toBe('central');
  });
});

describe('natModeOf', () => {
  const dev = loadWith().config.spokes[1].vpc;
  const subnetsOf = (vpc: VpcConfig) => expandSubnets(vpc, ['spokes', 1, 'vpc']).subnets;
  const withoutPublic: VpcConfig = { ...dev, tiers: { app: dev.tiers!.app } };

  test('an explicit natGateways wins, whatever the egress', () => {
    for (const egress of ['central', 'local', 'none'] as const) expect(natModeOf({ ...dev, natGateways: 'per-az' }, subnetsOf(dev), egress)).toBe('per-az');
  });

  test('default for local egress: single with a public subnet, none without', () => {
    expect(natModeOf(dev, subnetsOf(dev), 'local')).toBe('single');
    expect(natModeOf(withoutPublic, subnetsOf(withoutPublic), 'local')).toBe('none');
  });

  test('default for central and no egress: none, even with public subnets', () => {
    expect(subnetsOf(dev).some((s) => s.tier === 'public')).toBe(true);
    expect(natModeOf(dev, subnetsOf(dev), 'central')).toBe('none');
    expect(natModeOf(dev, subnetsOf(dev), 'none')).toBe('none');
  });

  test('the resolved default spokes: central egress, no NAT', () => {
    expect(loadConfig().landingZone.spokes.map((s) => [s.name, s.vpc.egress, s.vpc.natGateways])).toEqual([
      ['shop-prod', 'central', 'none'],
      ['shop-dev', 'central', 'none'],
    ]);
  });
});

describe('generated Transit Gateway attachment subnets', () => {
  test('default shop-prod: one /28 per AZ from the free 172.16.0.0/24, after the explicit subnets', () => {
    const prod = loadConfig().landingZone.spokes[0];
    expect(prod.vpc.subnets.map((s) => s.name)).toEqual(['public-1', 'public-2', 'web-1', 'web-2', 'db-1', 'db-2', 'db-3', 'tgw-1', 'tgw-2', 'tgw-3']);
    const tgw = prod.vpc.subnets.filter((s) => s.tier === 'tgw');
    expect(tgw.map(line)).toEqual(['tgw-1 tgw 172.16.0.0/28 ap-northeast-2a', 'tgw-2 tgw 172.16.0.16/28 ap-northeast-2b', 'tgw-3 tgw 172.16.0.32/28 ap-northeast-2c']);
    // Generated, and traced to the VPC cidr (what an error about them points at).
    expect(tgw.map((s) => [s.generated, s.path])).toEqual(Array(3).fill([true, ['spokes', 0, 'vpc', 'cidr']]));
  });

  test('none are generated when the VPC lists a tgw subnet or a tgw tier', () => {
    const listed = expandSubnets({ cidr: '10.0.0.0/24', availabilityZones: ['a', 'b'], subnets: [{ name: 'x', tier: 'tgw', cidr: '10.0.0.0/28', az: 'a' }] }, ['v']);
    expect(listed.subnets.map((s) => s.name)).toEqual(['x']);
    const tier = expandSubnets({ cidr: '10.0.0.0/24', availabilityZones: ['a', 'b'], subnets: [], tiers: { tgw: { prefixLength: 27, count: 2 } } }, ['v']);
    expect(tier.subnets.map((s) => `${s.name} ${s.cidr}`)).toEqual(['tgw-1 10.0.0.0/27', 'tgw-2 10.0.0.32/27']);
  });

  test('they take the smallest free addresses, after the larger tiers', () => {
    const { subnets, issues } = expandSubnets({ cidr: '10.0.0.0/24', availabilityZones: ['a', 'b', 'c'], subnets: [], tiers: { app: { prefixLength: 26, count: 3 } } }, ['v']);
    expect(issues).toEqual([]);
    expect(subnets.map(line)).toEqual(['app-1 app 10.0.0.0/26 a', 'app-2 app 10.0.0.64/26 b', 'app-3 app 10.0.0.128/26 c', 'tgw-1 tgw 10.0.0.192/28 a', 'tgw-2 tgw 10.0.0.208/28 b', 'tgw-3 tgw 10.0.0.224/28 c']);
  });

  test('no room left: one issue at the VPC cidr, and the ones that fitted', () => {
    const { subnets, issues } = expandSubnets({ cidr: '10.0.0.0/24', availabilityZones: ['a', 'b', 'c'], subnets: [], tiers: { app: { prefixLength: 25, count: 1 }, db: { prefixLength: 26, count: 1 }, public: { prefixLength: 27, count: 1 } } }, ['v']);
    expect(subnets.filter((s) => s.tier === 'tgw').map((s) => s.cidr)).toEqual(['10.0.0.224/28', '10.0.0.240/28']);
    expect(issues).toEqual([
      { path: ['v', 'cidr'], value: '10.0.0.0/24', message: 'has no room left for the 3 /28 Transit Gateway attachment subnets (one per AZ) after the others', fix: 'free a /26 of space, list tgw subnets yourself, or use a larger VPC' },
    ]);
  });
});

describe('egressLayout and the resolved hub egress VPC', () => {
  test('the default: a /26 public subnet per hub AZ, then a /28 attachment subnet per AZ', () => {
    const egress = loadConfig().landingZone.hub.egress!;
    expect(egress).toMatchObject({ cidr: '10.255.0.0/24', availabilityZones: ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'], natGateways: 'per-az' });
    expect(egress.subnets.map(line)).toEqual([
      'public-1 public 10.255.0.0/26 ap-northeast-2a',
      'public-2 public 10.255.0.64/26 ap-northeast-2b',
      'public-3 public 10.255.0.128/26 ap-northeast-2c',
      'tgw-1 tgw 10.255.0.192/28 ap-northeast-2a',
      'tgw-2 tgw 10.255.0.208/28 ap-northeast-2b',
      'tgw-3 tgw 10.255.0.224/28 ap-northeast-2c',
    ]);
  });

  test('its own AZs and a single NAT', () => {
    const egress = loadWith((c) => Object.assign(c.hub.egress, { availabilityZones: ['ap-northeast-2a', 'ap-northeast-2c'], natGateways: 'single' })).landingZone.hub.egress!;
    expect(egress.natGateways).toBe('single');
    expect(egress.subnets.map(line)).toEqual([
      'public-1 public 10.255.0.0/26 ap-northeast-2a',
      'public-2 public 10.255.0.64/26 ap-northeast-2c',
      'tgw-1 tgw 10.255.0.128/28 ap-northeast-2a',
      'tgw-2 tgw 10.255.0.144/28 ap-northeast-2c',
    ]);
  });

  test('a /16 egress VPC: public subnets as large as leave room for the attachment subnets', () => {
    const egress = loadWith((c) => (c.hub.egress.cidr = '10.255.0.0/16')).landingZone.hub.egress!;
    expect(egress.subnets.map((s) => s.cidr)).toEqual(['10.255.0.0/18', '10.255.64.0/18', '10.255.128.0/18', '10.255.192.0/28', '10.255.192.16/28', '10.255.192.32/28']);
  });

  test('a /24 across the six AZs of us-east-1 still holds a public and an attachment subnet in each', () => {
    const azs = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`);
    const { config, landingZone } = loadWith((c: RawConfig) => {
      c.region = 'us-east-1';
      c.spokes[0].alb.certificateArn = c.spokes[0].alb.certificateArn.replace('ap-northeast-2', 'us-east-1');
      c.hub.availabilityZones = azs;
      c.spokes[0].vpc.availabilityZones = azs.slice(0, 3);
      for (const s of c.spokes[0].vpc.subnets) s.az = s.az.replace('ap-northeast-2', 'us-east-1');
      c.spokes[1].vpc.availabilityZones = ['us-east-1a', 'us-east-1c'];
      // The endpoints VPC spans the six AZs too, its subnets shrink to /28s: let AWS pick the Resolver addresses.
      c.hub.dns.inbound = {};
    });
    expect(expandSubnets(egressLayout(config)!, ['hub', 'egress']).issues).toEqual([]);
    const subnets = landingZone.hub.egress!.subnets;
    for (const tier of ['public', 'tgw']) expect(subnets.filter((s) => s.tier === tier).map((s) => s.az)).toEqual(azs);
    expect(subnets.filter((s) => s.tier === 'tgw').every((s) => s.cidr.endsWith('/28'))).toBe(true);
  });

  test('no hub.egress: no layout and no egress VPC', () => {
    const { config, landingZone } = loadWith((c) => {
      delete c.hub.egress;
      c.spokes[0].vpc.egress = 'local';
    });
    expect(egressLayout(config)).toBeUndefined();
    expect(landingZone.hub.egress).toBeUndefined();
  });
});

describe('hubVpcLayout', () => {
  test('the tier named, as large as leaves room for a /28 attachment subnet per AZ', () => {
    expect(hubVpcLayout('10.0.0.0/24', ['a', 'b', 'c'], 'endpoint')).toEqual({
      cidr: '10.0.0.0/24',
      availabilityZones: ['a', 'b', 'c'],
      subnets: [],
      tiers: { endpoint: { prefixLength: 26, count: 3 }, tgw: { prefixLength: 28, count: 3 } },
    });
    // Two AZs in a /24: two /26s and two /28s (two /25s would leave no room).
    expect(hubVpcLayout('10.0.0.0/24', ['a', 'b'], 'public').tiers).toEqual({ public: { prefixLength: 26, count: 2 }, tgw: { prefixLength: 28, count: 2 } });
  });

  test('egressLayout and endpointsLayout are the same shape with their own tier', () => {
    const { config } = loadWith();
    expect(egressLayout(config)?.tiers).toEqual({ public: { prefixLength: 26, count: 3 }, tgw: { prefixLength: 28, count: 3 } });
    expect(endpointsLayout(config)).toEqual({
      cidr: '10.254.0.0/24',
      availabilityZones: ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'],
      subnets: [],
      tiers: { endpoint: { prefixLength: 26, count: 3 }, tgw: { prefixLength: 28, count: 3 } },
    });
  });
});

describe('the resolved shared-endpoints VPC', () => {
  test('the default: the services in config order, resolved for ap-northeast-2', () => {
    const endpoints = loadConfig().landingZone.hub.endpoints!;
    expect(endpoints).toMatchObject({ cidr: '10.254.0.0/24', availabilityZones: ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'], segment: 'shared', natGateways: 'none' });
    expect(endpoints.services.map((s) => s.name)).toEqual(['ssm', 'ssmmessages', 'ec2messages', 'kms', 'logs', 'sts', 'ecr.api', 'ecr.dkr']);
    expect(endpoints.services.find((s) => s.name === 'ssm')).toEqual({
      name: 'ssm',
      serviceName: 'com.amazonaws.ap-northeast-2.ssm',
      zone: 'ssm.ap-northeast-2.amazonaws.com',
      records: ['ssm.ap-northeast-2.amazonaws.com'],
      policy: 'organization',
      spokesUseGateway: false,
    });
    // Docker calls <account>.dkr.ecr.<region>.amazonaws.com: a zone named after the hostname, with only the wildcard.
    expect(endpoints.services.find((s) => s.name === 'ecr.dkr')).toEqual({
      name: 'ecr.dkr',
      serviceName: 'com.amazonaws.ap-northeast-2.ecr.dkr',
      zone: 'dkr.ecr.ap-northeast-2.amazonaws.com',
      records: ['*.dkr.ecr.ap-northeast-2.amazonaws.com'],
      policy: 'organization',
      spokesUseGateway: false,
    });
  });

  test('s3 is marked for on-premises only: spokes use their own gateway endpoint', () => {
    const config = loadConfig().config;
    const withS3 = { ...config, hub: { ...config.hub, endpoints: { ...config.hub.endpoints!, services: [...config.hub.endpoints!.services, 's3'] } } };
    const services = resolveLandingZone(withS3).hub.endpoints!.services;
    expect(services.filter((s) => s.spokesUseGateway).map((s) => s.name)).toEqual(['s3']);
  });

  test('the default subnets: a /26 endpoint subnet per AZ, then a /28 attachment subnet per AZ', () => {
    const endpoints = loadConfig().landingZone.hub.endpoints!;
    expect(endpoints.subnets.map(line)).toEqual([
      'endpoint-1 endpoint 10.254.0.0/26 ap-northeast-2a',
      'endpoint-2 endpoint 10.254.0.64/26 ap-northeast-2b',
      'endpoint-3 endpoint 10.254.0.128/26 ap-northeast-2c',
      'tgw-1 tgw 10.254.0.192/28 ap-northeast-2a',
      'tgw-2 tgw 10.254.0.208/28 ap-northeast-2b',
      'tgw-3 tgw 10.254.0.224/28 ap-northeast-2c',
    ]);
    expect(endpoints.subnets.every((s) => s.generated)).toBe(true);
  });

  test('its own AZs', () => {
    const endpoints = loadWith((c) => {
      c.hub.endpoints.availabilityZones = ['ap-northeast-2a', 'ap-northeast-2c'];
      c.hub.dns.inbound.addresses[1].az = 'ap-northeast-2c';
    }).landingZone.hub.endpoints!;
    expect(endpoints.availabilityZones).toEqual(['ap-northeast-2a', 'ap-northeast-2c']);
    expect(endpoints.subnets.map(line)).toEqual([
      'endpoint-1 endpoint 10.254.0.0/26 ap-northeast-2a',
      'endpoint-2 endpoint 10.254.0.64/26 ap-northeast-2c',
      'tgw-1 tgw 10.254.0.128/28 ap-northeast-2a',
      'tgw-2 tgw 10.254.0.144/28 ap-northeast-2c',
    ]);
  });

  test('openPolicy makes that endpoint open; the others stay organization-only', () => {
    const endpoints = loadWith((c) => (c.hub.endpoints.openPolicy = [{ service: 'kms', reason: 'a partner organization decrypts with our keys' }])).landingZone.hub.endpoints!;
    const policies = Object.fromEntries(endpoints.services.map((s) => [s.name, s.policy]));
    expect(policies.kms).toBe('open');
    expect(policies.ssm).toBe('organization');
    expect(policies.sts).toBe('organization');
  });

  const noPolicy = ENDPOINT_CATALOG.find((s) => !s.supportsPolicy);
  const unsupportedName = noPolicy
    ? `a service without endpoint-policy support (${noPolicy.name}) gets no policy, even when listed in openPolicy`
    : 'SKIPPED: the catalog has no service with supportsPolicy false, so the unsupported policy cannot be shown';
  (noPolicy ? test : test.skip)(unsupportedName, () => {
    const name = noPolicy!.name;
    const policyOf = (open: boolean) =>
      loadWith((c) => {
        c.hub.endpoints.services = ['ssm', name];
        c.hub.endpoints.openPolicy = open ? [{ service: name, reason: 'checking that no policy is attached' }] : [];
      }).landingZone.hub.endpoints!.services.map((s) => [s.name, s.policy]);
    expect(policyOf(false)).toEqual([
      ['ssm', 'organization'],
      [name, 'unsupported'],
    ]);
    expect(policyOf(true)).toEqual([
      ['ssm', 'organization'],
      [name, 'unsupported'],
    ]);
  });

  test('no hub.endpoints: no layout and no endpoints VPC', () => {
    const { config, landingZone } = loadWith((c) => {
      delete c.hub.endpoints;
      c.hub.dns = {};
    });
    expect(endpointsLayout(config)).toBeUndefined();
    expect(landingZone.hub.endpoints).toBeUndefined();
  });
});

describe('the resolved hybrid DNS', () => {
  test('the default: zone association, the listed inbound addresses, outbound targets on port 53', () => {
    expect(loadConfig().landingZone.hub.dns).toEqual({
      sharing: 'zone-association',
      inbound: { addresses: [{ az: 'ap-northeast-2a', ip: '10.254.0.10' }, { az: 'ap-northeast-2b' }] },
      outbound: { rules: [{ domain: 'corp.example.internal', targets: [{ ip: '10.10.0.2', port: 53 }, { ip: '10.10.0.3', port: 53 }] }] },
    });
  });

  test('inbound without addresses: the first two AZs of the endpoints VPC, not of the hub', () => {
    expect(loadWith((c) => (c.hub.dns.inbound = {})).landingZone.hub.dns.inbound).toEqual({ addresses: [{ az: 'ap-northeast-2a' }, { az: 'ap-northeast-2b' }] });
    const own = loadWith((c) => {
      c.hub.endpoints.availabilityZones = ['ap-northeast-2c', 'ap-northeast-2b', 'ap-northeast-2a'];
      c.hub.dns.inbound = {};
    }).landingZone.hub.dns.inbound;
    expect(own).toEqual({ addresses: [{ az: 'ap-northeast-2c' }, { az: 'ap-northeast-2b' }] });
  });

  test('outbound domains are lower-cased and lose the trailing dot', () => {
    const rules = loadWith((c) => (c.hub.dns.outbound.rules[0].domain = 'Corp.Example.INTERNAL.')).landingZone.hub.dns.outbound?.rules;
    expect(rules?.map((r) => r.domain)).toEqual(['corp.example.internal']);
  });

  test('route53-profile is kept; no inbound or outbound section means none', () => {
    const dns = loadWith((c) => (c.hub.dns = { sharing: 'route53-profile' })).landingZone.hub.dns;
    expect(dns.sharing).toBe('route53-profile');
    expect(dns.inbound).toBeUndefined();
    expect(dns.outbound).toBeUndefined();
  });

  test('sharing defaults to zone-association', () => {
    expect(loadWith((c) => delete c.hub.dns.sharing).landingZone.hub.dns.sharing).toBe('zone-association');
    expect(loadWith((c) => delete c.hub.dns).landingZone.hub.dns).toEqual({ sharing: 'zone-association' });
  });
});

describe('the resolved Transit Gateway', () => {
  test('organizationArn', () => {
    expect(organizationArn('999999999999', 'o-a1b2c3d4e5')).toBe('arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5');
  });

  test('defaults: ASN 64512, RFC 1918 internal ranges, shared with the organization; on-premises ranges as listed', () => {
    const lz = loadConfig().landingZone;
    expect(lz.hub.transitGateway).toMatchObject({
      asn: 64512,
      internalRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
      sharePrincipals: ['arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5'],
    });
    expect(lz.hub.transitGateway.segments.map((s) => s.name)).toEqual(['prod', 'nonprod', 'shared']);
    expect(lz.onPremises).toEqual({ cidrs: ['10.10.0.0/16'] });
  });

  test('onPremises may be left out', () => {
    const lz = loadWith((c) => {
      delete c.onPremises;
      delete c.hub.dns; // forwarding targets must lie in onPremises.cidrs
    }).landingZone;
    expect(lz.onPremises).toEqual({ cidrs: [] });
  });
});

describe('summarizeRanges', () => {
  test.each<[string, string[], string[]]>([
    ['two aligned halves become their /23', ['10.0.0.0/24', '10.0.1.0/24'], ['10.0.0.0/23']],
    ['four quarters, unsorted, become their /22', ['10.0.3.0/24', '10.0.0.0/24', '10.0.2.0/24', '10.0.1.0/24'], ['10.0.0.0/22']],
    ['overlapping ranges merge', ['10.0.0.0/17', '10.0.64.0/18', '10.0.96.0/19', '10.0.128.0/17'], ['10.0.0.0/16']],
    ['a nested range disappears into its supernet', ['10.1.2.0/24', '10.0.0.0/8'], ['10.0.0.0/8']],
    ['a duplicate counts once', ['172.16.0.0/16', '172.16.0.0/16'], ['172.16.0.0/16']],
    // 10.0.1.0-10.0.2.255 is contiguous, but no single block starts at 10.0.1.0 and ends at 10.0.2.255.
    ['adjacent but not aligned ranges stay two blocks', ['10.0.1.0/24', '10.0.2.0/24'], ['10.0.1.0/24', '10.0.2.0/24']],
    ['a contiguous run is cut into the fewest aligned blocks', ['10.0.1.0/24', '10.0.2.0/23', '10.0.4.0/22'], ['10.0.1.0/24', '10.0.2.0/23', '10.0.4.0/22']],
    ['a gap is never filled', ['10.0.0.0/24', '10.0.2.0/24'], ['10.0.0.0/24', '10.0.2.0/24']],
    ['the two halves of the address space make 0.0.0.0/0', ['128.0.0.0/1', '0.0.0.0/1'], ['0.0.0.0/0']],
    ['the last address', ['255.255.255.254/32', '255.255.255.255/32'], ['255.255.255.254/31']],
    ['nothing', [], []],
  ])('%s', (_label, ranges, summary) => {
    expect(summarizeRanges(ranges)).toEqual(summary);
  });
});

describe('onPremisesRanges (allowedPrefixes: auto)', () => {
  /** A spoke with only a VPC in two AZs and no NAT, in `segment`. */
  // The least a spoke takes: two attachment subnets and one private (app) subnet.
  const bare = (name: string, account: string, cidr: string, segment = 'prod'): RawConfig => ({ name, account, segment, vpc: { cidr, availabilityZones: ['ap-northeast-2a', 'ap-northeast-2c'], natGateways: 'none', tiers: { app: { prefixLength: 28, count: 1 } } } });

  test('the default config: the endpoints VPC and both spokes, each exactly, in address order; the egress VPC is not advertised', () => {
    const loaded = loadWith((c) => (c.hub.directConnect.allowedPrefixes = 'auto'));
    // Egress 10.255.0.0/24 is in no segment, so the onprem route table never learns it.
    expect(onPremisesRanges(loaded.config)).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
  });

  test('adjacent VPCs are never merged: the VPN advertises each range exactly, so Direct Connect must too', () => {
    const loaded = loadWith((c) => {
      c.hub.directConnect.allowedPrefixes = 'auto';
      c.hub.egress.cidr = '10.254.1.0/24'; // next to the endpoints VPC 10.254.0.0/24, and still not advertised
      // shop-dev copies in 172.17, 172.18 and 172.19: 172.16.0.0-172.20.255.255 without a gap, which summarizeRanges would make a /14 and a /16.
      for (const n of [17, 18, 19]) c.spokes.push({ ...c.spokes[1], name: `shop-${n}`, account: `5555555555${n}`, vpc: { ...c.spokes[1].vpc, cidr: `172.${n}.0.0/16` } });
      c.spokes.push(bare('shop-low', '666666666666', '10.0.0.0/24')); // last in the file, first in address order
    });
    const expected = ['10.0.0.0/24', '10.254.0.0/24', '172.16.0.0/16', '172.17.0.0/16', '172.18.0.0/16', '172.19.0.0/16', '172.20.0.0/16'];
    expect(onPremisesRanges(loaded.config)).toEqual(expected);
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(expected);
  });

  test('a spoke in a segment that does not reach onprem is left out, even when a peer of its segment does', () => {
    const loaded = loadWith((c) => {
      c.hub.transitGateway.segments.lab = { reaches: ['shared'] }; // shared reaches onprem; lab does not (no transit)
      c.spokes.push(bare('shop-lab', '555555555555', '172.30.0.0/16', 'lab'));
    });
    expect(onPremisesRanges(loaded.config)).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
    expect(loaded.landingZone.hub.directConnect?.allowedPrefixes).toEqual(['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
  });

  test('ranges that do not parse are skipped, not thrown on: the rules run over invalid configs and the CIDR rule reports them', () => {
    const { config } = loadWith();
    const broken = {
      ...config,
      hub: { ...config.hub, endpoints: { ...config.hub.endpoints!, cidr: '' } },
      spokes: [{ ...config.spokes[0], vpc: { ...config.spokes[0].vpc, cidr: '172.16.0.1/16' } }, config.spokes[1]],
    };
    expect(onPremisesRanges(broken)).toEqual(['172.20.0.0/16']);
  });

  test('the endpoints VPC is left out when its segment does not reach onprem', () => {
    const { config } = loadWith((c) => {
      c.hub.transitGateway.segments.shared.reaches = [];
      delete c.hub.dns; // the Resolver endpoints would need the endpoints segment to reach onprem
    });
    expect(onPremisesRanges(config)).toEqual(['172.16.0.0/16', '172.20.0.0/16']);
  });
});

describe('vpcRanges', () => {
  test('the hub egress and endpoints VPCs, then the spokes in file order', () => {
    expect(vpcRanges(loadConfig().config)).toEqual(['10.255.0.0/24', '10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16']);
  });

  test('an empty range stays (only absent VPCs are left out), so a parseCidr guard over them sees it', () => {
    const { config } = loadWith();
    const broken = { ...config, spokes: [{ ...config.spokes[0], vpc: { ...config.spokes[0].vpc, cidr: '' } }, config.spokes[1]] };
    expect(vpcRanges(broken)).toEqual(['10.255.0.0/24', '10.254.0.0/24', '', '172.20.0.0/16']);
  });

  test('a hub without its own VPCs contributes none', () => {
    const { config } = loadWith((c) => {
      delete c.hub.egress;
      delete c.hub.endpoints;
      delete c.hub.dns;
      c.spokes[0].vpc.egress = 'local';
      c.spokes[1].vpc.egress = 'local';
    });
    expect(vpcRanges(config)).toEqual(['172.16.0.0/16', '172.20.0.0/16']);
  });
});

describe('the resolved Direct Connect gateway and VPN', () => {
  test('the default: gateway <name>-dx, auto\'s exact VPC ranges, one owned transit VIF with its BGP peering', () => {
    expect(loadConfig().landingZone.hub.directConnect).toEqual({
      gatewayName: 'shop-dx',
      asn: 64600,
      allowedPrefixes: ['10.254.0.0/24', '172.16.0.0/16', '172.20.0.0/16'],
      virtualInterfaces: [
        {
          kind: 'owned',
          name: 'kinx-seoul-1',
          connectionId: 'dxcon-fgexampl',
          vlan: 101,
          customerAsn: 65010,
          mtu: 8500,
          amazonAddress: '169.254.100.1/30',
          customerAddress: '169.254.100.2/30',
          location: 'KINX Seoul',
        },
      ],
    });
  });

  test('the gateway name follows the landing zone name, unless set', () => {
    expect(loadWith((c) => (c.name = 'corp')).landingZone.hub.directConnect?.gatewayName).toBe('corp-dx');
    expect(loadWith((c) => (c.hub.directConnect.gatewayName = 'seoul-dxgw')).landingZone.hub.directConnect?.gatewayName).toBe('seoul-dxgw');
  });

  test('mtu defaults to 1500', () => {
    const vif = loadWith((c) => delete c.hub.directConnect.virtualInterfaces[0].mtu).landingZone.hub.directConnect?.virtualInterfaces[0];
    expect(vif).toMatchObject({ kind: 'owned', name: 'kinx-seoul-1', mtu: 1500 });
  });

  test('owned and hosted VIFs keep their order; a hosted VIF carries only its id, name and location', () => {
    const vifs = loadWith((c) =>
      c.hub.directConnect.virtualInterfaces.unshift({ name: 'partner-1', ownership: 'hosted', virtualInterfaceId: 'dxvif-ffabc123', location: 'LG U+ Seoul', mtu: 8500 }),
    ).landingZone.hub.directConnect!.virtualInterfaces;
    expect(vifs.map((v) => [v.kind, v.name])).toEqual([
      ['hosted', 'partner-1'],
      ['owned', 'kinx-seoul-1'],
    ]);
    // No connection, VLAN, ASN or MTU: the partner's VIF has them already.
    expect(vifs[0]).toStrictEqual({ kind: 'hosted', name: 'partner-1', virtualInterfaceId: 'dxvif-ffabc123', location: 'LG U+ Seoul' });
    expect(vifs[1]).toMatchObject({ kind: 'owned', connectionId: 'dxcon-fgexampl', vlan: 101, customerAsn: 65010, mtu: 8500 });
  });

  test('an owned VIF without peer addresses leaves them to AWS', () => {
    const vif = loadWith((c) => {
      delete c.hub.directConnect.virtualInterfaces[0].amazonAddress;
      delete c.hub.directConnect.virtualInterfaces[0].customerAddress;
      delete c.hub.directConnect.virtualInterfaces[0].location;
    }).landingZone.hub.directConnect?.virtualInterfaces[0];
    expect(vif).toStrictEqual({ kind: 'owned', name: 'kinx-seoul-1', connectionId: 'dxcon-fgexampl', vlan: 101, customerAsn: 65010, mtu: 8500, amazonAddress: undefined, customerAddress: undefined, location: undefined });
  });

  test('the VPN connections as written; no section, no VPN and no gateway', () => {
    expect(loadConfig().landingZone.hub.vpn).toEqual({ connections: [{ name: 'dc-backup', ip: '203.0.113.10', asn: 65010, tunnelInsideCidrs: ['169.254.200.0/30', '169.254.200.4/30'] }], customerGatewayRoutes: 'learned' });
    const hub = loadWith((c) => {
      delete c.hub.directConnect;
      delete c.hub.vpn;
      // Without either, reaching onprem is an error (onPremisesNeedsHybrid), and so are the Resolver endpoints that need it.
      for (const s of Object.values(c.hub.transitGateway.segments) as RawConfig[]) s.reaches = s.reaches.filter((r: string) => r !== 'onprem');
      delete c.hub.dns;
    }).landingZone.hub;
    expect(hub.directConnect).toBeUndefined();
    expect(hub.vpn).toBeUndefined();
  });
});

describe('ssmEndpointModeOf', () => {
  /** The spoke with `endpoints` set, bypassing the rules (which would reject central without the hub services). */
  const withEndpoints = (spoke: SpokeConfig, endpoints: 'central' | 'local'): SpokeConfig => ({ ...spoke, access: { ...spoke.access, ssm: { ...spoke.access.ssm, endpoints } } });

  test('an explicit mode wins, whatever the hub centralizes', () => {
    const central = loadWith().config;
    expect(ssmEndpointModeOf(central, withEndpoints(central.spokes[0], 'local'))).toBe('local');
    const partial = loadWith((c) => (c.hub.endpoints.services = ['ssm', 'ssmmessages'])).config;
    expect(ssmEndpointModeOf(partial, withEndpoints(partial.spokes[0], 'central'))).toBe('central');
  });

  test('default: central when the hub centralizes ssm, ssmmessages and ec2messages', () => {
    const { config, landingZone } = loadWith();
    expect(config.spokes.map((s) => s.access.ssm.endpoints)).toEqual([undefined, undefined]);
    expect(config.spokes.map((s) => ssmEndpointModeOf(config, s))).toEqual(['central', 'central']);
    expect(landingZone.spokes.map((s) => s.access.ssm.endpoints)).toEqual(['central', 'central']);
  });

  test.each([
    ['ssm', ['ssmmessages', 'ec2messages', 'kms']],
    ['ssmmessages', ['ssm', 'ec2messages', 'kms']],
    ['ec2messages', ['ssm', 'ssmmessages', 'kms']],
  ])('default: local when the hub lacks %s', (_missing, services) => {
    const { config, landingZone } = loadWith((c) => (c.hub.endpoints.services = services));
    expect(ssmEndpointModeOf(config, config.spokes[0])).toBe('local');
    expect(landingZone.spokes.map((s) => s.access.ssm.endpoints)).toEqual(['local', 'local']);
  });

  test('default: local without a hub endpoints VPC', () => {
    const { config } = loadWith((c) => {
      delete c.hub.endpoints;
      delete c.hub.dns; // the Resolver endpoints live in the endpoints VPC
    });
    expect(ssmEndpointModeOf(config, config.spokes[1])).toBe('local');
  });

  test('the resolved access: session defaults 20 and 60 minutes, existing preferences not adopted; Instance Connect as written, its tunnel 3600 seconds by default', () => {
    expect(loadConfig().landingZone.spokes.map((s) => s.access)).toEqual([
      { ssm: { endpoints: 'central', idleTimeoutMinutes: 20, maxSessionMinutes: 60, adoptExistingPreferences: false }, instanceConnect: { subnet: 'web-1', maxTunnelSeconds: 3600 } },
      { ssm: { endpoints: 'central', idleTimeoutMinutes: 20, maxSessionMinutes: 60, adoptExistingPreferences: false }, instanceConnect: undefined },
    ]);
    expect(loadWith((c) => (c.spokes[1].access = { ssm: { adoptExistingPreferences: true } })).landingZone.spokes[1].access.ssm.adoptExistingPreferences).toBe(true);
  });

  test('the resolved S3 gateway endpoint: no listed bucket by default', () => {
    expect(loadConfig().landingZone.spokes.map((s) => s.s3GatewayEndpoint)).toEqual([{ allowBuckets: [] }, { allowBuckets: [] }]);
  });
});

describe('the resolved log archive', () => {
  test('logBucketName: <name>-logs-<account>-<region>', () => {
    expect(logBucketName('shop', '222222222222', 'ap-northeast-2')).toBe('shop-logs-222222222222-ap-northeast-2');
    expect(loadConfig().landingZone.logArchive.bucketName).toBe('shop-logs-222222222222-ap-northeast-2');
  });

  test('the bucket name follows the landing zone name, the region and the archive account (the hub account when unset)', () => {
    const lz = loadWith((c) => {
      c.name = 'acme';
      delete c.logArchive.account;
    }).landingZone;
    expect(lz.logArchive.bucketName).toBe('acme-logs-111111111111-ap-northeast-2');
  });

  test('lifecycle defaults: Glacier Instant Retrieval after 90 days, deleted after 400', () => {
    expect(loadConfig().landingZone.logArchive.lifecycle).toEqual({ transitionDays: 90, expirationDays: 400 });
    // An archive section without lifecycle, and no archive section at all, get the same defaults.
    expect(loadWith((c) => (c.logArchive = { account: '222222222222' })).landingZone.logArchive.lifecycle).toEqual({ transitionDays: 90, expirationDays: 400 });
    expect(loadWith((c) => delete c.logArchive).landingZone.logArchive.lifecycle).toEqual({ transitionDays: 90, expirationDays: 400 });
  });

  test('lifecycle overrides: both, or one with the other defaulted', () => {
    const lifecycleOf = (lifecycle: RawConfig) => loadWith((c) => (c.logArchive.lifecycle = lifecycle)).landingZone.logArchive.lifecycle;
    expect(lifecycleOf({ transitionDays: 30, expirationDays: 3650 })).toEqual({ transitionDays: 30, expirationDays: 3650 });
    expect(lifecycleOf({ expirationDays: 730 })).toEqual({ transitionDays: 90, expirationDays: 730 });
    expect(lifecycleOf({ transitionDays: 180 })).toEqual({ transitionDays: 180, expirationDays: 400 });
  });
});

describe('the resolved Client VPN, database port and load balancer', () => {
  test('default shop-prod: the server domain, the first db subnet per AZ, their CIDRs authorized, UDP 443 and 8-hour sessions', () => {
    expect(loadConfig().landingZone.spokes.map((s) => s.clientVpn)).toEqual([
      {
        clientCidr: '10.100.0.0/22',
        users: ['alice', 'bob'],
        csrs: {},
        serverDomain: 'vpn.shop-prod.shop.internal',
        transport: 'udp',
        port: 443,
        sessionTimeoutHours: 8,
        loginBanner: undefined,
        logRetentionDays: 365,
        subnets: ['db-1', 'db-2', 'db-3'],
        authorizedCidrs: ['172.16.128.0/20', '172.16.144.0/20', '172.16.160.0/20'],
        certificates: { caValidityDays: 3650, serverValidityDays: 365, clientValidityDays: 825, earlyRenewalDays: 30 },
      },
      undefined,
    ]);
  });

  test('clientVpnSubnets: only the first db subnet of an AZ; explicit subnets win', () => {
    const { config, landingZone } = loadWith((c) => c.spokes[0].vpc.subnets.push({ name: 'db-4', tier: 'db', cidr: '172.16.176.0/20', az: 'ap-northeast-2a' }));
    const prod = landingZone.spokes[0];
    expect(clientVpnSubnets(config.spokes[0], prod.vpc.subnets)).toEqual(['db-1', 'db-2', 'db-3']);
    expect(clientVpnSubnets({ ...config.spokes[0], clientVpn: { ...config.spokes[0].clientVpn!, subnets: ['db-4'] } }, prod.vpc.subnets)).toEqual(['db-4']);
  });

  test('every option as written; the server domain follows the landing zone name', () => {
    const vpn = loadWith((c) => {
      c.name = 'acme';
      c.spokes[0].clientVpn = {
        clientCidr: '10.96.0.0/12',
        // dave's key is made by the PKI; carol keeps hers and brings a request (relative to the config file).
        users: ['dave', { name: 'carol', csr: '__tests__/fixtures/client-vpn/carol.csr' }],
        serverDomain: 'vpn.example.com',
        transport: 'tcp',
        port: 1194,
        sessionTimeoutHours: 24,
        loginBanner: 'Authorized use only',
        logRetentionDays: 30,
        subnets: ['db-2'],
        authorizedCidrs: ['172.16.0.0/16', '172.20.0.0/16'],
        certificates: { caValidityDays: 1825, serverValidityDays: 180, clientValidityDays: 365, earlyRenewalDays: 45 },
      };
    }).landingZone.spokes[0].clientVpn;
    expect(vpn).toEqual({
      clientCidr: '10.96.0.0/12',
      users: ['dave', 'carol'],
      csrs: { carol: { file: '__tests__/fixtures/client-vpn/carol.csr', pem: readFileSync(path.join(__dirname, '..', 'fixtures', 'client-vpn', 'carol.csr'), 'utf8') } },
      serverDomain: 'vpn.example.com',
      transport: 'tcp',
      port: 1194,
      sessionTimeoutHours: 24,
      loginBanner: 'Authorized use only',
      logRetentionDays: 30,
      subnets: ['db-2'],
      authorizedCidrs: ['172.16.0.0/16', '172.20.0.0/16'],
      certificates: { caValidityDays: 1825, serverValidityDays: 180, clientValidityDays: 365, earlyRenewalDays: 45 },
    });
    expect(loadWith((c) => (c.name = 'acme')).landingZone.spokes[0].clientVpn?.serverDomain).toBe('vpn.shop-prod.acme.internal');
  });

  test('databasePort defaults to 5432; the default ALB with its defaults applied', () => {
    const lz = loadWith((c) => delete c.spokes[0].databasePort).landingZone;
    expect(lz.spokes.map((s) => s.databasePort)).toEqual([5432, 5432]);
    expect(lz.spokes[0].alb).toEqual({
      certificateArn: 'arn:aws:acm:ap-northeast-2:333333333333:certificate/00000000-0000-0000-0000-000000000000',
      allowedCidrs: ['0.0.0.0/0'],
      hosts: [
        { host: 'shop.example.com', port: 8080, protocol: 'HTTP', healthCheckPath: '/health' },
        { host: 'api.example.com', port: 8081, protocol: 'HTTP', healthCheckPath: '/health' },
      ],
      deletionProtection: true,
    });
    expect(lz.spokes[1].alb).toBeUndefined();
    expect(loadWith((c) => (c.spokes[1].databasePort = 3306)).landingZone.spokes[1].databasePort).toBe(3306);
  });
});
