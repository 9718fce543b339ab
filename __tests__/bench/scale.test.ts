/**
 * Issue 21: the hub must not grow per spoke. The benchmark's default-shaped config (Direct Connect with
 * summaries, the VPN backup with floating summaries, central egress, shared endpoints and Resolver) at
 * 10 and at 60 spokes gives the same hub stack, byte for byte; `npm run bench -- --scale` checks the same
 * at 1,000 spokes with the real synth. Not timed.
 */
import { App, Testing } from 'cdktf';
import { parseConfig } from '../../config/load';
import { HubStack } from '../../stacks/hub-stack';
import { generateConfig } from '../../bench/generate';
import { countStack } from '../../bench/stack-stats';

function hubJson(spokes: number): string {
  const lz = parseConfig(generateConfig(spokes), 'bench.yaml').landingZone;
  expect(lz.spokes).toHaveLength(spokes);
  return Testing.synth(new HubStack(new App({ stackTraces: false }), { landingZone: lz }));
}

describe('hub stack at scale', () => {
  test('10 and 60 spokes: same resource count and bytes (the same JSON)', () => {
    const [ten, sixty] = [hubJson(10), hubJson(60)];
    const count = (json: string) => countStack(JSON.parse(json)).resources;
    expect([count(sixty), Buffer.byteLength(sixty)]).toEqual([count(ten), Buffer.byteLength(ten)]);
    expect(sixty).toBe(ten);
  });

  test('the generated hub has the VPN backup with floating summaries and two Direct Connect summaries', () => {
    const hub = JSON.parse(hubJson(10));
    const association = Object.values(hub.resource.aws_dx_gateway_association as Record<string, { allowed_prefixes: string[] }>);
    expect(association.map((a) => a.allowed_prefixes)).toEqual([['10.0.0.0/8', '172.31.254.0/23']]);
    expect(Object.keys(hub.resource.aws_vpn_connection)).toHaveLength(1);
    expect(Object.values(hub.resource.aws_vpn_connection as Record<string, { tags: Record<string, string> }>).map((v) => v.tags.CustomerGatewayRoutes)).toEqual(['floating-summaries']);
  });
});
