/** Suppressions: config shape, matching, expiry, unsuppressible rules, unknown rules and stale entries. */
import { applySuppressions, isExpired, resourcePattern, SUPPRESSION_RULE } from '../../analysis/suppressions';
import type { Finding } from '../../analysis/findings';
import type { Rule } from '../../analysis/rules/types';
import { derivedSuppressions } from '../../analysis/run';
import { expectIssue, issuesWith, loadWith } from '../helpers/config';
import { fixtureLandingZone } from '../helpers/landing-zone';

const rule = (id: string, suppressible = true): Rule => ({ id, title: `title of ${id}`, why: 'why', level: 'error', suppressible, mappings: {}, appliesTo: [], check: () => [] });
const RULES = [rule('LZ-SG02'), rule('LZ-SG01', false), rule('LZ-ALB04')];
const finding = (ruleId: string, path: string, resource = `stack:aws_x.${path.split('/').pop()}`): Finding => ({
  rule: ruleId,
  title: `title of ${ruleId}`,
  level: 'error',
  resource,
  path,
  message: 'm',
  unknown: false,
});
const NOW = new Date('2026-11-23T12:00:00Z');
const ALB_SG = 'shop-spoke-shop-prod/alb/security-group/ingress-tcp-443-from-allowed-clients-0-0-0-0-0';

describe('suppressions in the config', () => {
  test('a suppression with rule, resource, reason and expiry loads', () => {
    const lz = loadWith((c) => (c.suppressions = [{ rule: 'LZ-SG02', resource: 'shop-spoke-*/alb/*', reason: 'the ALB is public by design', expires: '2027-01-31' }])).landingZone;
    expect(lz.suppressions).toEqual([{ rule: 'LZ-SG02', resource: 'shop-spoke-*/alb/*', reason: 'the ALB is public by design', expires: '2027-01-31' }]);
  });

  test('a reason shorter than 10 characters is an error naming the fix', () => {
    const issues = issuesWith((c) => (c.suppressions = [{ rule: 'LZ-SG02', resource: 'x', reason: 'because' }]));
    expectIssue(issues, { path: 'suppressions[0].reason', value: 'because', message: /at least 10 characters/, fix: /say why in at least 10 characters/, at: 'because' });
  });

  test('a malformed rule id, a missing resource and an impossible date are errors', () => {
    const issues = issuesWith((c) => (c.suppressions = [{ rule: 'SG02', resource: 'x', reason: 'long enough reason', expires: '2027-02-30' }, { rule: 'LZ-SG02', reason: 'long enough reason' }]));
    expectIssue(issues, { path: 'suppressions[0].rule', value: 'SG02', message: /rule id like LZ-SG02/, fix: /correct the value/, at: 'SG02' });
    expectIssue(issues, { path: 'suppressions[0].expires', value: '2027-02-30', message: /real calendar date/, fix: /correct the value/, at: '2027-02-30' });
    expectIssue(issues, { path: 'suppressions[1].resource', message: /is required/, fix: 'add resource', at: ['rule: LZ-SG02', 1] });
  });

  test('the default config has no suppressions', () => {
    expect(loadWith().landingZone.suppressions).toEqual([]);
  });
});

describe('resourcePattern', () => {
  test('* matches any run of characters; everything else is literal', () => {
    const m = resourcePattern('shop-spoke-*/alb/*');
    expect(m(ALB_SG)).toBe(true);
    expect(m('shop-hub/alb/x')).toBe(false);
    expect(resourcePattern('a.b')('aXb')).toBe(false);
    expect(resourcePattern(ALB_SG)(ALB_SG)).toBe(true);
  });
});

describe('isExpired', () => {
  test('holds through its last day (UTC) and expires the day after', () => {
    expect(isExpired('2026-11-23', NOW)).toBe(false);
    expect(isExpired('2026-11-22', NOW)).toBe(true);
    expect(isExpired(undefined, NOW)).toBe(false);
  });
});

describe('applySuppressions', () => {
  test('a matching suppression marks the finding suppressed with its reason; it is not dropped', () => {
    const out = applySuppressions([finding('LZ-SG02', ALB_SG)], [{ rule: 'LZ-SG02', resource: 'shop-spoke-*/alb/*', reason: 'public ALB by design' }], RULES, NOW);
    expect(out).toEqual([{ ...finding('LZ-SG02', ALB_SG), suppressed: { reason: 'public ALB by design', expires: undefined, index: 0 } }]);
  });

  test('matches the resource id as well as the construct path', () => {
    const f = finding('LZ-SG02', ALB_SG, 'shop-spoke-shop-prod:aws_vpc_security_group_ingress_rule.x');
    const [out] = applySuppressions([f], [{ rule: 'LZ-SG02', resource: 'shop-spoke-shop-prod:aws_vpc_security_group_ingress_rule.*', reason: 'public ALB by design' }], RULES, NOW);
    expect(out.suppressed?.reason).toBe('public ALB by design');
  });

  test('a suppression for another rule does not apply', () => {
    const out = applySuppressions([finding('LZ-SG02', ALB_SG)], [{ rule: 'LZ-ALB04', resource: '*', reason: 'logs elsewhere, by design' }], RULES, NOW);
    expect(out[0].suppressed).toBeUndefined();
    expect(out[1]).toEqual(expect.objectContaining({ rule: SUPPRESSION_RULE, level: 'warning', path: 'suppressions[0]', message: expect.stringMatching(/matches no LZ-ALB04 finding .* stale/) }));
  });

  test('an expired suppression does not apply and is itself an error', () => {
    const out = applySuppressions([finding('LZ-SG02', ALB_SG)], [{ rule: 'LZ-SG02', resource: '*', reason: 'public ALB by design', expires: '2026-11-01' }], RULES, NOW);
    expect(out[0].suppressed).toBeUndefined();
    expect(out[1]).toEqual(expect.objectContaining({ rule: SUPPRESSION_RULE, level: 'error', message: expect.stringContaining('expired on 2026-11-01') }));
  });

  test('a rule that cannot be suppressed stays an error, and the suppression is an error', () => {
    const out = applySuppressions([finding('LZ-SG01', 'p/ssh')], [{ rule: 'LZ-SG01', resource: '*', reason: 'we really want ssh open' }], RULES, NOW);
    expect(out[0].suppressed).toBeUndefined();
    expect(out[1]).toEqual(expect.objectContaining({ level: 'error', message: expect.stringContaining('cannot be suppressed') }));
  });

  test('an unknown rule id is an error with a did-you-mean', () => {
    const out = applySuppressions([], [{ rule: 'LZ-SG20', resource: '*', reason: 'typo in the rule id' }], RULES, NOW);
    expect(out).toEqual([expect.objectContaining({ level: 'error', message: 'names rule LZ-SG20, which does not exist — did you mean LZ-SG02?' })]);
  });
});

describe('suppressions derived from the config', () => {
  test('an endpoint opted out of the organization policy accepts LZ-VPCE01 for that endpoint, with the opt-out reason', () => {
    expect(derivedSuppressions(fixtureLandingZone('valid/per-az-and-isolated.yaml'))).toEqual([
      {
        rule: 'LZ-VPCE01',
        resource: 'acme-hub/interface-endpoints/endpoint-execute-api',
        reason: 'partner APIs in other organizations are called through this endpoint',
        origin: 'hub.endpoints.openPolicy[0]',
      },
    ]);
  });

  test('none without an opt-out', () => {
    expect(derivedSuppressions(loadWith().landingZone)).toEqual([]);
  });

  test('a load balancer accepted without TLS (alb.httpOnly) accepts LZ-ALB02 for its listener and rules, with the httpOnly reason', () => {
    const lz = loadWith((c) => (delete c.spokes[0].alb.certificateArn, (c.spokes[0].alb.httpOnly = { reason: 'TLS terminates at the CDN in front' }))).landingZone;
    expect(derivedSuppressions(lz)).toEqual([{ rule: 'LZ-ALB02', resource: 'shop-spoke-shop-prod/alb/*', reason: 'TLS terminates at the CDN in front', origin: 'spokes[0].alb.httpOnly' }]);
  });

  test('a derived suppression that matches nothing is reported stale at its origin', () => {
    const out = applySuppressions([], [{ rule: 'LZ-ALB04', resource: 'x', reason: 'derived reason', origin: 'hub.endpoints.openPolicy[0]' }], RULES, NOW);
    expect(out).toEqual([expect.objectContaining({ rule: SUPPRESSION_RULE, level: 'warning', path: 'hub.endpoints.openPolicy[0]' })]);
  });
});
