/**
 * RuleSecurityGroup: rule construct ids name the peer, not the range, so editing a range is an
 * in-place update of the same Terraform address; the ids of earlier releases are moved, not replaced.
 */
import * as path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { synthesize } from '../../cli/synth';
import { portRuleIds, RuleSecurityGroup, RuleSecurityGroupProps } from '../../constructs/private/security-group';
import { readSynthAddresses } from '../../scripts/addresses';
import { loadWith } from '../helpers/config';
import { tempDir } from '../helpers/temp';

function synthGroup(props: Partial<RuleSecurityGroupProps>): Record<string, any> {
  const s = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(s, 'aws', { region: 'ap-northeast-2' });
  new RuleSecurityGroup(s, 'sg', { name: 'g', description: 'd', vpcId: 'vpc-1', ...props });
  return JSON.parse(Testing.synth(s));
}

describe('RuleSecurityGroup rule ids', () => {
  test('a single-range peer is keyed by the peer alone; a range set by peer and range', () => {
    expect(portRuleIds('egress', { protocol: 'tcp', port: 443, peer: 'ssm-endpoints', cidr: '10.254.0.0/24', description: 'x' })).toEqual([
      { id: 'egress-tcp-443-to-ssm-endpoints', legacyId: 'egress-tcp-443-10-254-0-0-24', cidr: '10.254.0.0/24' },
    ]);
    expect(portRuleIds('ingress', { protocol: 'udp', port: 0, toPort: 65535, peer: 'clients', cidrs: ['10.0.0.0/8', '192.168.0.0/16'], description: 'x' }).map((r) => [r.id, r.legacyId])).toEqual([
      ['ingress-udp-0-65535-from-clients-10-0-0-0-8', 'ingress-udp-0-65535-10-0-0-0-8'],
      ['ingress-udp-0-65535-from-clients-192-168-0-0-16', 'ingress-udp-0-65535-192-168-0-0-16'],
    ]);
  });

  test('editing the range of a single-range peer keeps the address and changes only cidr_ipv4', () => {
    const rule = (cidr: string) => synthGroup({ egress: [{ protocol: 'tcp', port: 443, peer: 'ssm-endpoints', cidr, description: 'SSM' }] }).resource.aws_vpc_security_group_egress_rule;
    const before = rule('10.254.0.0/24');
    const after = rule('10.254.4.0/24');
    expect(Object.keys(before)).toEqual(['sg_egress-tcp-443-to-ssm-endpoints_1EEF57AE']);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const body = (r: Record<string, any>) => Object.fromEntries(Object.entries(Object.values(r)[0] as object).filter(([k]) => k !== '//'));
    expect(body(after)).toEqual({ ...body(before), cidr_ipv4: '10.254.4.0/24' });
  });

  test('each rule declares a move from the address its range gave it in earlier releases', () => {
    const json = synthGroup({
      ingress: [{ protocol: 'tcp', port: 443, peer: 'allowed-clients', cidrs: ['0.0.0.0/0'], description: 'HTTPS' }],
      egress: [{ protocol: 'tcp', port: 8080, peer: 'vpc', cidr: '10.1.0.0/16', description: 'targets' }],
    });
    expect(json.moved).toEqual([
      { from: 'aws_vpc_security_group_ingress_rule.sg_ingress-tcp-443-0-0-0-0-0_1213624B', to: 'aws_vpc_security_group_ingress_rule.sg_ingress-tcp-443-from-allowed-clients-0-0-0-0-0_B7DDB1D0' },
      { from: 'aws_vpc_security_group_egress_rule.sg_egress-tcp-8080-10-1-0-0-16_4F9F4890', to: 'aws_vpc_security_group_egress_rule.sg_egress-tcp-8080-to-vpc_8ED84279' },
    ]);
  });
});

describe('tier security groups of the default landing zone', () => {
  const synthOf = (mutate?: (c: any) => void) => readSynthAddresses(synthesize(loadWith(mutate).landingZone, path.join(tempDir('lz-sg-ids-'), 'out')).outdir);
  const tierRules = (lines: readonly string[]) => lines.filter((l) => l.includes('_security_group_') && l.includes('tier-sg_'));

  test('moving the hub endpoints range keeps the address of every tier rule that points at it', () => {
    const before = tierRules(synthOf().lines);
    const after = tierRules(
      synthOf((c) => {
        c.hub.endpoints.cidr = '10.254.4.0/24';
        c.hub.dns.inbound.addresses[0].ip = '10.254.4.10';
      }).lines,
    );
    expect(before).toContain('shop-spoke-shop-prod aws_vpc_security_group_egress_rule.app-tier-sg_egress-tcp-443-to-ssm-endpoints_FDB05EAA');
    expect(before).toContain('shop-spoke-shop-dev aws_vpc_security_group_egress_rule.db-tier-sg_egress-tcp-443-to-ssm-endpoints_E8BD81D2');
    expect(after).toEqual(before);
  });

  test('the moved blocks of the default synth start at the addresses earlier releases wrote to state', () => {
    const synth = synthOf();
    const ruleMoves = synth.moves.filter((m) => m.from.startsWith('aws_vpc_security_group_'));
    expect(ruleMoves).toHaveLength(22);
    // Addresses from addresses/default.txt as committed before the rename (range-keyed ids).
    expect(ruleMoves).toEqual(
      expect.arrayContaining([
        { stack: 'shop-spoke-shop-prod', from: 'aws_vpc_security_group_ingress_rule.alb_security-group_ingress-tcp-443-0-0-0-0-0_6EBA5F04', to: 'aws_vpc_security_group_ingress_rule.alb_security-group_ingress-tcp-443-from-allowed-clients-0-0-0-0-0_D04C406F' },
        { stack: 'shop-spoke-shop-dev', from: 'aws_vpc_security_group_egress_rule.app-tier-sg_egress-tcp-443-10-254-0-0-24_B5BB6A18', to: 'aws_vpc_security_group_egress_rule.app-tier-sg_egress-tcp-443-to-ssm-endpoints_FDB05EAA' },
        { stack: 'shop-hub', from: 'aws_vpc_security_group_ingress_rule.resolver-inbound_security-group_ingress-udp-53-0-0-0-0-0_DF25DE8C', to: 'aws_vpc_security_group_ingress_rule.resolver-inbound_security-group_ingress-udp-53-from-anywhere_EC63FC01' },
      ]),
    );
    for (const m of ruleMoves) {
      expect(synth.lines).toContain(`${m.stack} ${m.to}`);
      expect(synth.lines).not.toContain(`${m.stack} ${m.from}`);
    }
  });
});
