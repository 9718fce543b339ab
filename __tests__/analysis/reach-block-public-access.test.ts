/** The reachability engine under VPC Block Public Access, on the hand-written hub-and-spoke model. */
import type { BlockPublicAccessSetting, BpaExclusion } from '../../analysis/network/types';
import { describeResult } from '../../analysis/reach/format-path';
import { reach } from '../../analysis/reach/reach';
import type { Endpoint, ReachResult } from '../../analysis/reach/types';
import { hubAndSpoke } from './fixtures/reach/hub-and-spoke';

const appA: Endpoint = { kind: 'subnet', subnet: 'a:app-a' };
const publicA: Endpoint = { kind: 'subnet', subnet: 'a:public-a', securityGroups: 'any' };

function blocked(r: ReachResult) {
  if (r.status !== 'blocked') throw new Error(`expected blocked, got ${describeResult(r)}`);
  return r.blockedBy;
}

const setting = (stack: string, mode: BlockPublicAccessSetting['mode']): BlockPublicAccessSetting => ({ id: `${stack}:bpa`, stack, mode });
const exclusion = (id: string, target: { vpc?: string; subnet?: string }, mode: BpaExclusion['mode']): BpaExclusion => ({ id, stack: id.split(':')[0], ...target, mode });
const withBpa = (blockPublicAccess: BlockPublicAccessSetting[], bpaExclusions: BpaExclusion[] = []) => hubAndSpoke({ blockPublicAccess, bpaExclusions });

describe('central egress under Block Public Access', () => {
  test('without BPA the spoke reaches the internet through the hub NAT (the default config)', () => {
    expect(reach(hubAndSpoke(), appA, { kind: 'internet' }, 'tcp', 443).status).toBe('reachable');
  });

  test('bidirectional in the hub account cuts the NAT gateway off, naming the setting', () => {
    expect(blocked(reach(withBpa([setting('hub', 'block-bidirectional')]), appA, { kind: 'internet' }, 'tcp', 443))).toEqual({
      component: 'hub:bpa',
      kind: 'igw',
      reason: 'VPC Block Public Access (block-bidirectional) of hub blocks the NAT gateway traffic of public-e: no exclusion (allow-egress) covers it',
      direction: 'forward',
    });
  });

  test('an allow-egress exclusion of the NAT subnet restores it; ingress mode lets NAT traffic through without one', () => {
    expect(reach(withBpa([setting('hub', 'block-bidirectional')], [exclusion('hub:excl-public-e', { subnet: 'hub:public-e' }, 'allow-egress')]), appA, { kind: 'internet' }, 'tcp', 443).status).toBe('reachable');
    expect(reach(withBpa([setting('hub', 'block-ingress')]), appA, { kind: 'internet' }, 'tcp', 443).status).toBe('reachable');
  });

  test('a setting of another account does not apply to the hub VPC', () => {
    expect(reach(withBpa([setting('a', 'block-bidirectional')]), appA, { kind: 'internet' }, 'tcp', 443).status).toBe('reachable');
  });

  test('an unknown mode is unknown, never reachable', () => {
    expect(reach(withBpa([setting('hub', 'unknown')]), appA, { kind: 'internet' }, 'tcp', 443).status).toBe('unknown');
  });
});

describe('public subnets under Block Public Access', () => {
  test('ingress mode blocks the internet from a public subnet, and an allow-egress exclusion does not lift it', () => {
    expect(reach(hubAndSpoke(), { kind: 'internet' }, publicA, 'tcp', 443).status).toBe('reachable');
    expect(blocked(reach(withBpa([setting('a', 'block-ingress')]), { kind: 'internet' }, publicA, 'tcp', 443))).toMatchObject({
      component: 'a:bpa',
      reason: 'VPC Block Public Access (block-ingress) of a blocks inbound internet traffic to public-a: no exclusion (allow-bidirectional) covers it',
    });
    expect(blocked(reach(withBpa([setting('a', 'block-bidirectional')], [exclusion('a:excl', { vpc: 'a:vpc' }, 'allow-egress')]), { kind: 'internet' }, publicA, 'tcp', 443))).toMatchObject({
      component: 'a:excl',
      reason: expect.stringContaining('its allow-egress exclusion does not lift that'),
    });
  });

  test('an allow-bidirectional exclusion of the VPC admits it again', () => {
    expect(reach(withBpa([setting('a', 'block-bidirectional')], [exclusion('a:excl', { vpc: 'a:vpc' }, 'allow-bidirectional')]), { kind: 'internet' }, publicA, 'tcp', 443).status).toBe('reachable');
  });

  test("ingress mode also blocks a public instance's own outbound traffic (only NAT gateway traffic passes)", () => {
    expect(reach(hubAndSpoke(), publicA, { kind: 'internet' }, 'tcp', 443).status).toBe('reachable');
    expect(blocked(reach(withBpa([setting('a', 'block-ingress')]), publicA, { kind: 'internet' }, 'tcp', 443))).toMatchObject({
      component: 'a:bpa',
      reason: 'VPC Block Public Access (block-ingress) of a blocks internet traffic from the public addresses of public-a: no exclusion (allow-bidirectional) covers it',
    });
  });
});
