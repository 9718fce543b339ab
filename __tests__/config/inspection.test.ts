/** hub.inspection and the segments' inspection opt-outs: the resolved model (the rules are in rules.test.ts). */
import { issuesWith, loadWith, RawConfig } from '../helpers/config';
import { TAG_RULES } from '../../lib/aws/tags';
import { propagationTargets } from '../../config/transit-routing';

/** The default config plus inspection of east-west and egress. */
const inspected = (more: (c: RawConfig) => void = () => undefined) => (c: RawConfig) => {
  c.hub.inspection = { cidr: '10.253.0.0/25', inspect: ['east-west', 'egress'], policy: { egressAllowDomains: ['.example.com'], managedThreatGroups: ['ThreatSignaturesMalwareStrictOrder'] } };
  more(c);
};

describe('hub.inspection model', () => {
  test('a /28 firewall and a /28 attachment subnet per hub AZ, in AZ order; segments inspected unless opted out', () => {
    const { landingZone: lz } = loadWith(
      inspected((c) => {
        c.hub.transitGateway.segments.nonprod.inspect = false;
        c.hub.transitGateway.segments.nonprod.inspectReason = 'sandbox-like: no production data here';
      }),
    );
    expect(lz.hub.inspection).toEqual({
      cidr: '10.253.0.0/25',
      availabilityZones: ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'],
      subnets: [
        { name: 'firewall-1', role: 'firewall', cidr: '10.253.0.0/28', az: 'ap-northeast-2a' },
        { name: 'firewall-2', role: 'firewall', cidr: '10.253.0.16/28', az: 'ap-northeast-2b' },
        { name: 'firewall-3', role: 'firewall', cidr: '10.253.0.32/28', az: 'ap-northeast-2c' },
        { name: 'tgw-1', role: 'tgw', cidr: '10.253.0.48/28', az: 'ap-northeast-2a' },
        { name: 'tgw-2', role: 'tgw', cidr: '10.253.0.64/28', az: 'ap-northeast-2b' },
        { name: 'tgw-3', role: 'tgw', cidr: '10.253.0.80/28', az: 'ap-northeast-2c' },
      ],
      eastWest: true,
      egress: true,
      policy: { egressAllowDomains: ['.example.com'], suricataRules: [], managedThreatGroups: ['ThreatSignaturesMalwareStrictOrder'] },
    });
    const bySegment = Object.fromEntries(lz.hub.transitGateway.segments.map((s) => [s.name, [s.inspected, s.inspectReason]]));
    expect(bySegment).toEqual({ prod: [true, undefined], nonprod: [false, 'sandbox-like: no production data here'], shared: [true, undefined] });
    // Inspected attachments propagate into the inspection table; opted-out ones do not.
    expect(propagationTargets(lz, 'prod', { egress: true })).toEqual(['prod', 'shared', 'egress', 'inspection', 'onprem']);
    expect(propagationTargets(lz, 'nonprod', { egress: true })).toEqual(['nonprod', 'shared', 'egress', 'onprem']);
  });

  test('without hub.inspection segments carry no inspection fields (the synth stays as it was)', () => {
    const { landingZone: lz } = loadWith();
    expect(lz.hub.inspection).toBeUndefined();
    expect(lz.hub.transitGateway.segments.map((s) => 'inspected' in s)).toEqual([false, false, false]);
  });

  test('an opt-out reason is a tag value: 256 characters pass, 257 are refused with the AWS limit', () => {
    const withReason = (reason: string) =>
      inspected((c) => {
        c.hub.transitGateway.segments.nonprod.inspect = false;
        c.hub.transitGateway.segments.nonprod.inspectReason = reason;
      });
    expect(TAG_RULES.maxValueLength).toBe(256);
    expect(loadWith(withReason('r'.repeat(256))).landingZone.hub.transitGateway.segments.find((s) => s.name === 'nonprod')?.inspectReason).toHaveLength(256);
    const refused = issuesWith(withReason('r'.repeat(257))).issues.filter((i) => i.path.join('.') === 'hub.transitGateway.segments.nonprod.inspectReason');
    expect(refused.map((i) => [i.message, i.fix])).toEqual([['is 257 characters, but it is stored as a tag value (256 at most)', 'shorten the reason']]);
  });
});
