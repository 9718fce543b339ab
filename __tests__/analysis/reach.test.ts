/** The reachability engine on a hand-written hub-and-spoke model (see fixtures/reach/hub-and-spoke.ts). */
import type { NaclRule, NetworkModel } from '../../analysis/network/types';
import { describeResult, formatPath } from '../../analysis/reach/format-path';
import { EndpointError } from '../../analysis/reach/ends';
import { LpmTable } from '../../analysis/reach/lpm-table';
import { reach } from '../../analysis/reach/reach';
import type { Endpoint, ReachResult } from '../../analysis/reach/types';
import { blackhole, cidrRule, hubAndSpoke, replaceById, route } from './fixtures/reach/hub-and-spoke';

const appA: Endpoint = { kind: 'subnet', subnet: 'a:app-a' };
const anyA: Endpoint = { kind: 'subnet', subnet: 'a:app-a', securityGroups: 'any' };
const anyB: Endpoint = { kind: 'subnet', subnet: 'b:app-b', securityGroups: 'any' };
const appB: Endpoint = { kind: 'subnet', subnet: 'b:app-b' };
const dbB: Endpoint = { kind: 'subnet', subnet: 'b:db-b' };
const onPremises: Endpoint = { kind: 'on-premises', address: '172.31.0.0/16' };

const ids = (r: ReachResult) => r.path.map((h) => h.id);
const kinds = (hops: ReachResult['path']) => hops.map((h) => h.kind);
function blocked(r: ReachResult) {
  if (r.status !== 'blocked') throw new Error(`expected blocked, got ${describeResult(r)}`);
  return r.blockedBy;
}

describe('longest prefix match', () => {
  test('the TGW picks the propagated /16 of spoke b over the 10.0.0.0/8 blackhole, and the reply comes back the same way', () => {
    const r = reach(hubAndSpoke(), anyA, anyB, 'tcp', 443);
    expect(r.status).toBe('reachable');
    expect(ids(r)).toEqual(['a:app-a', 'route:0.0.0.0/0', 'a:att', 'propagated:10.2.0.0/16→b:att', 'b:att', 'b:rt-tgw', 'b:app-b']);
    expect(formatPath(r.path)).toBe(
      'subnet spoke-a/app-a (10.1.1.4) → rt rt-app 0.0.0.0/0→tgw → attachment spoke-a (tgw-a) → tgw-rt spokes 10.2.0.0/16→attachment spoke-b (propagated) → attachment spoke-b (tgw-b1) → rt rt-tgw 10.2.0.0/16→local → subnet spoke-b/app-b (10.2.1.4)',
    );
    expect(r.returnPath.map((h) => h.id)).toEqual(['route:0.0.0.0/0', 'b:att', 'propagated:10.1.0.0/16→a:att', 'a:att', 'a:rt-tgw', 'a:app-a']);
  });

  test('a more specific VPC route wins over the default route: a blackholed /16 stops traffic the 0.0.0.0/0 route would carry', () => {
    const model = hubAndSpoke({
      routeTables: replaceById(hubAndSpoke().routeTables, 'a:rt-app', (t) => ({ ...t, routes: [...t.routes, route('10.2.0.0/16', { kind: 'blackhole' }, 'a:stale-route')] })),
    });
    expect(blocked(reach(model, anyA, anyB, 'tcp', 443))).toEqual({ component: 'a:stale-route', kind: 'route', reason: 'blackhole route 10.2.0.0/16 in rt-app', direction: 'forward' });
    expect(reach(model, anyA, { kind: 'internet' }, 'tcp', 443).status).toBe('reachable');
  });

  test('a static blackhole beats a propagated route of the same prefix, as AWS evaluates them', () => {
    const model = hubAndSpoke({
      tgwRouteTables: replaceById(hubAndSpoke().tgwRouteTables, 'hub:rt-spokes', (t) => ({ ...t, routes: [...t.routes, blackhole('10.2.0.0/16')] })),
    });
    const by = blocked(reach(model, anyA, anyB, 'tcp', 443));
    expect(by).toEqual({ component: 'blackhole:10.2.0.0/16', kind: 'tgw-route', reason: 'blackhole route 10.2.0.0/16 in TGW route table spokes', direction: 'forward' });
  });

  test('the LPM table ranks equal prefixes and finds the longest among thousands', () => {
    const routes = Array.from({ length: 4096 }, (_, i) => ({ destination: `10.${Math.floor(i / 16)}.${(i % 16) * 16}.0/20`, id: i }));
    const table = new LpmTable([...routes, { destination: '10.0.0.0/8', id: -1 }, { destination: '10.7.32.0/20', id: -2 }], (r) => (r.id === -2 ? 0 : 1));
    const hit = table.lookup(10 * 2 ** 24 + 7 * 2 ** 16 + 40 * 2 ** 8 + 9);
    expect(hit.kind === 'match' && hit.route.id).toBe(-2);
    const miss = table.lookup(11 * 2 ** 24);
    expect(miss.kind).toBe('none');
    expect(new LpmTable([{ destination: 'unknown' }]).lookup(1).kind).toBe('unknown');
  });
});

describe('security groups', () => {
  test('a group reference admits the referenced group in the same VPC, naming both rules', () => {
    const r = reach(hubAndSpoke(), appB, dbB, 'tcp', 5432);
    expect(r.status).toBe('reachable');
    expect(r.path.filter((h) => h.kind === 'security-group-rule').map((h) => h.text)).toEqual(['sg b-app egress tcp/5432 → sg b-db', 'sg b-db ingress tcp/5432 ← sg b-app']);
  });

  test('another group in the same VPC is refused by the destination group', () => {
    const by = blocked(reach(hubAndSpoke(), { kind: 'subnet', subnet: 'b:app-b', securityGroups: ['b:sg-other'] }, dbB, 'tcp', 5432));
    expect(by).toEqual({ component: 'b:sg-db', kind: 'security-group-rule', reason: 'no ingress rule of security group b-db allows tcp/5432 from 10.2.1.4', direction: 'forward' });
  });

  test('a reference never matches a source in another VPC, whatever its groups', () => {
    expect(blocked(reach(hubAndSpoke(), anyA, dbB, 'tcp', 5432)).component).toBe('b:sg-db');
  });

  test('the source group must allow the egress: a-app sends 443 only', () => {
    expect(blocked(reach(hubAndSpoke(), appA, anyB, 'tcp', 22))).toEqual({
      component: 'a:sg-app',
      kind: 'security-group-rule',
      reason: 'no egress rule of security group a-app allows tcp/22 to 10.2.1.4',
      direction: 'forward',
    });
  });

  test('an unknown peer on the only candidate rule makes the verdict unknown, never reachable', () => {
    const base = hubAndSpoke();
    const model = hubAndSpoke({
      securityGroups: replaceById(base.securityGroups, 'b:sg-db', (g) => ({ ...g, ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'unknown', reason: 'a variable' }, source: 'b:rule-unknown' }] })),
    });
    const r = reach(model, appB, dbB, 'tcp', 5432);
    expect(r.status).toBe('unknown');
    expect(r.reachable).toBe(false);
    expect(r.status === 'unknown' && r.unresolved.component).toBe('b:rule-unknown');
  });
});

describe('network ACLs are stateless', () => {
  const acl = (rules: NaclRule[]): Partial<NetworkModel> => ({
    networkAcls: [{ id: 'b:acl-db', vpc: 'b:vpc', subnets: ['b:db-b'], rules }],
    subnets: replaceById(hubAndSpoke().subnets, 'b:db-b', (s) => ({ ...s, nacl: 'b:acl-db' })),
  });
  const rule = (ruleNumber: number, egress: boolean, action: 'allow' | 'deny', protocol: string, fromPort: number, toPort: number, cidr: string): NaclRule => ({
    ruleNumber,
    egress,
    action,
    protocol,
    fromPort,
    toPort,
    cidr,
    source: `b:acl-db/${egress ? 'out' : 'in'}-${ruleNumber}`,
  });

  test('an outbound rule that admits only the service ports blocks the reply to the ephemeral ports', () => {
    const model = hubAndSpoke(acl([rule(100, false, 'allow', '-1', 0, 0, '0.0.0.0/0'), rule(100, true, 'allow', 'tcp', 0, 1023, '0.0.0.0/0')]));
    const r = reach(model, appB, dbB, 'tcp', 5432);
    expect(r.status).toBe('blocked');
    expect(blocked(r)).toEqual({
      component: 'b:acl-db',
      kind: 'nacl-rule',
      reason: 'network ACL b:acl-db of spoke-b/db-b outbound has no rule that allows tcp/1024-65535 to 10.2.1.4',
      direction: 'return',
    });
    // The request itself went through, NACL rule named.
    expect(r.path.map((h) => h.text)).toContain('nacl spoke-b/db-b in #100 allow');
  });

  test('the lowest-numbered matching rule decides: a deny at 50 beats the allow at 100, in the reply direction', () => {
    const model = hubAndSpoke(
      acl([rule(100, false, 'allow', '-1', 0, 0, '0.0.0.0/0'), rule(50, true, 'deny', 'tcp', 1024, 65535, '10.2.1.0/24'), rule(100, true, 'allow', '-1', 0, 0, '0.0.0.0/0')]),
    );
    const by = blocked(reach(model, appB, dbB, 'tcp', 5432));
    expect(by.component).toBe('b:acl-db/out-50');
    expect(by.direction).toBe('return');
    // Other sources are not covered by the deny.
    expect(reach(model, { kind: 'client-vpn', endpoint: 'b:cvpn' }, dbB, 'tcp', 5432).status).toBe('reachable');
  });

  test('an inbound deny on the service port blocks the request', () => {
    const model = hubAndSpoke(acl([rule(10, false, 'deny', 'tcp', 5432, 5432, '0.0.0.0/0'), rule(100, false, 'allow', '-1', 0, 0, '0.0.0.0/0'), rule(100, true, 'allow', '-1', 0, 0, '0.0.0.0/0')]));
    expect(blocked(reach(model, appB, dbB, 'tcp', 5432))).toMatchObject({ component: 'b:acl-db/in-10', direction: 'forward' });
  });
});

describe('NAT and internet gateways', () => {
  test('private egress goes through the TGW to the egress VPC NAT, then its internet gateway; the reply is translated back', () => {
    const r = reach(hubAndSpoke(), appA, { kind: 'internet' }, 'tcp', 443);
    expect(r.status).toBe('reachable');
    expect(kinds(r.path)).toEqual(['endpoint', 'security-group-rule', 'route', 'tgw-attachment', 'tgw-route', 'tgw-attachment', 'route', 'nat', 'route', 'igw', 'endpoint']);
    expect(r.path.find((h) => h.kind === 'nat')).toMatchObject({ id: 'hub:nat-e', text: 'nat egress/public-e (public) 10.1.1.4→EIP' });
    expect(r.path.find((h) => h.kind === 'igw')?.id).toBe('hub:igw-e');
    expect(formatPath(r.returnPath)).toBe(
      'igw egress → nat egress/public-e EIP→10.1.1.4 → rt rt-e-public 10.0.0.0/8→tgw → attachment egress (tgw-e) → tgw-rt egress 10.1.0.0/16→attachment spoke-a (propagated) → attachment spoke-a (tgw-a) → rt rt-tgw 10.1.0.0/16→local → subnet spoke-a/app-a',
    );
  });

  test('the internet cannot reach a private subnet even when its route table sends 0.0.0.0/0 to the internet gateway', () => {
    const model = hubAndSpoke({ subnets: replaceById(hubAndSpoke().subnets, 'a:app-a', (s) => ({ ...s, routeTable: 'a:rt-public' })) });
    expect(blocked(reach(model, { kind: 'internet' }, anyA, 'tcp', 443))).toEqual({
      component: 'a:igw',
      kind: 'igw',
      reason: 'subnet spoke-a/app-a has no public IPv4 address, so the internet gateway of spoke-a cannot deliver traffic from the internet to it',
      direction: 'forward',
    });
    // Nor does its traffic get out: the gateway only carries public addresses.
    expect(blocked(reach(model, anyA, { kind: 'internet' }, 'tcp', 443))).toMatchObject({ component: 'a:igw', reason: expect.stringContaining('has no public IPv4 address') });
  });

  test('a public subnet is reachable from the internet only while its route table sends the reply back to the gateway', () => {
    const publicA: Endpoint = { kind: 'subnet', subnet: 'a:public-a', securityGroups: 'any' };
    expect(formatPath(reach(hubAndSpoke(), { kind: 'internet' }, publicA, 'tcp', 443).returnPath)).toBe('rt rt-public 0.0.0.0/0→igw → igw spoke-a → internet 198.51.100.10');
    const model = hubAndSpoke({ routeTables: replaceById(hubAndSpoke().routeTables, 'a:rt-public', (t) => ({ ...t, routes: t.routes.filter((r) => r.destination !== '0.0.0.0/0') })) });
    expect(blocked(reach(model, { kind: 'internet' }, publicA, 'tcp', 443))).toEqual({ component: 'a:rt-public', kind: 'route', reason: 'rt-public has no route to 198.51.100.10', direction: 'return' });
  });

  test('a VPC without an internet gateway is not reachable from the internet at all', () => {
    expect(blocked(reach(hubAndSpoke(), { kind: 'internet' }, anyB, 'tcp', 443))).toMatchObject({ component: 'b:vpc', kind: 'vpc', reason: 'spoke-b has no internet gateway' });
  });
});

describe('transit gateway attachments', () => {
  test('an attachment associated with no route table drops its traffic', () => {
    const model = hubAndSpoke({ tgwAttachments: replaceById(hubAndSpoke().tgwAttachments, 'a:att', ({ associatedRouteTable: _, ...a }) => a) });
    expect(blocked(reach(model, anyA, anyB, 'tcp', 443))).toMatchObject({ component: 'a:att', kind: 'tgw-attachment', reason: expect.stringContaining('associated with no TGW route table') });
  });

  test('a subnet in an Availability Zone without an attachment subnet cannot reach the TGW', () => {
    const model = hubAndSpoke({ tgwAttachments: replaceById(hubAndSpoke().tgwAttachments, 'b:att', (a) => ({ ...a, subnets: ['b:tgw-b1'] })) });
    expect(blocked(reach(model, { kind: 'subnet', subnet: 'b:db-b', securityGroups: 'any' }, anyA, 'tcp', 443))).toEqual({
      component: 'b:att',
      kind: 'tgw-attachment',
      reason: 'attachment spoke-b has no subnet in az2, so spoke-b/db-b cannot reach the transit gateway',
      direction: 'forward',
    });
  });

  test('an unknown route target yields unknown, not reachable', () => {
    const model = hubAndSpoke({
      routeTables: replaceById(hubAndSpoke().routeTables, 'a:rt-app', (t) => ({ ...t, routes: [route('0.0.0.0/0', { kind: 'unknown', reason: 'transit_gateway_id is a variable' }, 'a:route-unknown')] })),
    });
    const r = reach(model, anyA, anyB, 'tcp', 443);
    expect(r).toMatchObject({ status: 'unknown', reachable: false, unresolved: { component: 'a:route-unknown', reason: 'route 0.0.0.0/0 in rt-app: transit_gateway_id is a variable' } });
  });

  test('an associated route table missing from the output is unknown, not blocked', () => {
    const model = hubAndSpoke({ tgwAttachments: replaceById(hubAndSpoke().tgwAttachments, 'a:att', (a) => ({ ...a, associatedRouteTable: 'unknown' })) });
    expect(reach(model, anyA, anyB, 'tcp', 443).status).toBe('unknown');
  });
});

describe('on-premises', () => {
  const dxOnly = (patch: Partial<NetworkModel> = {}) => hubAndSpoke({ tgwAttachments: hubAndSpoke().tgwAttachments.filter((a) => a.kind !== 'vpn'), ...patch });

  test('Direct Connect carries on-premises traffic to a spoke inside its allowed prefixes, and the reply back', () => {
    const r = reach(dxOnly(), onPremises, anyA, 'tcp', 443);
    expect(r.status).toBe('reachable');
    expect(r.path.map((h) => h.text).slice(0, 3)).toEqual(['on-premises 172.31.0.1', 'dx hub:dxgw advertises 10.1.0.0/16', 'dx-attachment hub:dxgw']);
    expect(r.returnPath.map((h) => h.id)).toContain('propagated:172.31.0.0/16→hub:att-dx');
  });

  test('a spoke outside the allowed prefixes is blocked at the Direct Connect gateway association', () => {
    expect(blocked(reach(dxOnly(), onPremises, anyB, 'tcp', 443))).toEqual({
      component: 'hub:dx-association',
      kind: 'dx-gateway',
      reason: 'Direct Connect gateway hub:dxgw does not advertise 10.2.1.4 to on-premises (allowed prefixes: 10.1.0.0/16)',
      direction: 'forward',
    });
    // The reply of a connection the spoke opens cannot come back either.
    expect(blocked(reach(dxOnly(), anyB, onPremises, 'tcp', 443))).toMatchObject({ component: 'hub:dx-association', direction: 'return' });
  });

  test('the VPN backup advertises every route of its TGW route table, so it reaches what Direct Connect does not', () => {
    const r = reach(hubAndSpoke(), onPremises, anyB, 'tcp', 443);
    expect(r.status).toBe('reachable');
    expect(r.path[1]).toEqual({ kind: 'vpn', id: 'hub:att-vpn', text: 'vpn hub:vpn learns 10.2.0.0/16 over BGP' });
  });

  test('the data center prefers the more specific VPN route over a Direct Connect summary', () => {
    const model = hubAndSpoke({ dxGateways: [{ id: 'hub:dxgw', asn: 64600, allowedPrefixes: ['10.0.0.0/8'], associationSource: 'hub:dx-association' }] });
    expect(reach(model, onPremises, anyA, 'tcp', 443).path[1].id).toBe('hub:att-vpn');
  });

  test('unknown allowed prefixes make on-premises reachability unknown', () => {
    const model = dxOnly({ dxGateways: [{ id: 'hub:dxgw', asn: 64600, allowedPrefixes: 'unknown', associationSource: 'hub:dx-association' }] });
    expect(reach(model, onPremises, anyA, 'tcp', 443).status).toBe('unknown');
  });
});

describe('Client VPN', () => {
  test('users reach the authorized DB subnet through the endpoint interface, admitted by group reference', () => {
    const r = reach(hubAndSpoke(), { kind: 'client-vpn', endpoint: 'b:cvpn' }, dbB, 'tcp', 5432);
    expect(r.status).toBe('reachable');
    expect(r.path.map((h) => h.text)).toEqual([
      'client-vpn b:cvpn user (10.100.0.0/22)',
      'authorized 10.2.2.0/24',
      'client-vpn eni spoke-b/db-b (10.2.2.254)',
      'sg b-vpn egress tcp/0-65535 → 10.2.2.0/24',
      'rt rt-app 10.2.0.0/16→local',
      'sg b-db ingress tcp/5432 ← sg b-vpn',
      'subnet spoke-b/db-b (10.2.2.4)',
    ]);
  });

  test('a range outside the VPC needs a Client VPN route through an associated subnet as well as an authorization', () => {
    const base = hubAndSpoke().clientVpnEndpoints[0];
    const withAuth = (routes: typeof base.routes) =>
      hubAndSpoke({ clientVpnEndpoints: [{ ...base, authorizations: [...base.authorizations, { cidr: '10.1.0.0/16', allGroups: true, source: 'b:auth-a' }], routes }] });
    expect(blocked(reach(withAuth([]), { kind: 'client-vpn', endpoint: 'b:cvpn' }, anyA, 'tcp', 443))).toEqual({
      component: 'b:cvpn',
      kind: 'client-vpn',
      reason: 'no route of Client VPN endpoint b:cvpn leads to 10.1.1.4 (routes: the VPC only)',
      direction: 'forward',
    });
    // A route through a subnet that is not associated does not count either.
    expect(blocked(reach(withAuth([{ cidr: '10.1.0.0/16', subnet: 'b:app-b', source: 'b:route-a' }]), { kind: 'client-vpn', endpoint: 'b:cvpn' }, anyA, 'tcp', 443)).reason).toMatch(/^no route of Client VPN endpoint b:cvpn leads to 10\.1\.1\.4/);
    const routed = reach(withAuth([{ cidr: '10.1.0.0/16', subnet: 'b:db-b', source: 'b:route-a' }]), { kind: 'client-vpn', endpoint: 'b:cvpn' }, anyA, 'tcp', 443);
    expect(routed.path.map((h) => h.text).slice(0, 4)).toEqual(['client-vpn b:cvpn user (10.100.0.0/22)', 'authorized 10.1.0.0/16', 'route 10.1.0.0/16', 'client-vpn eni spoke-b/db-b (10.2.2.254)']);
  });

  test('a range without an authorization rule is blocked at the endpoint', () => {
    expect(blocked(reach(hubAndSpoke(), { kind: 'client-vpn', endpoint: 'b:cvpn' }, anyB, 'tcp', 443))).toEqual({
      component: 'b:cvpn',
      kind: 'client-vpn',
      reason: 'no authorization rule of Client VPN endpoint b:cvpn covers 10.2.1.4 (authorized: 10.2.2.0/24)',
      direction: 'forward',
    });
  });
});

describe('queries', () => {
  test('an endpoint that is not in the model is an error naming it', () => {
    expect(() => reach(hubAndSpoke(), { kind: 'subnet', subnet: 'a:nope' }, anyB, 'tcp', 443)).toThrow(new EndpointError('subnet a:nope is not in the network model'));
    expect(() => reach(hubAndSpoke(), anyA, { kind: 'client-vpn', endpoint: 'b:cvpn' }, 'tcp', 443)).toThrow(EndpointError);
    expect(() => reach(hubAndSpoke(), { kind: 'internet' }, onPremises, 'tcp', 443)).toThrow('the internet can only be asked to reach an interface in a VPC');
    expect(() => reach(hubAndSpoke(), onPremises, onPremises, 'tcp', 443)).toThrow(EndpointError);
  });

  test('the default groups of a subnet are its tier workload groups', () => {
    // app-b carries b-app (egress 443 and 5432 only) by default.
    expect(blocked(reach(hubAndSpoke(), appB, anyA, 'tcp', 22)).component).toBe('b:sg-app');
    expect(reach(hubAndSpoke(), appB, anyA, 'tcp', 443).status).toBe('reachable');
  });

  test('a cidr rule admits exactly its range', () => {
    const model = hubAndSpoke({ securityGroups: [...hubAndSpoke().securityGroups, { id: 'b:sg-web', vpc: 'b:vpc', name: 'b-web', ingress: [cidrRule('tcp', 443, 443, '10.1.1.0/25')], egress: [], isDefault: false }] });
    const web: Endpoint = { kind: 'subnet', subnet: 'b:app-b', securityGroups: ['b:sg-web'] };
    expect(reach(model, anyA, web, 'tcp', 443).status).toBe('reachable');
    expect(blocked(reach(model, { kind: 'eni', subnet: 'a:app-a', securityGroups: 'any', address: '10.1.1.200', label: 'host .200' }, web, 'tcp', 443)).component).toBe('b:sg-web');
  });
});
