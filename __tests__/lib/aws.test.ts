/** lib/aws: one home per AWS fact. The config rules and the constructs read the same values, each with its doc link. */
import { ALB_QUOTAS } from '../../lib/aws/alb';
import * as clientVpn from '../../lib/aws/client-vpn';
import { NAME_LIMITS } from '../../lib/aws/name-limits';
import { QUOTAS } from '../../lib/aws/quotas';
import * as instanceConnect from '../../lib/aws/instance-connect';
import { LOG_RETENTION_DAYS } from '../../lib/aws/logs';
import { DNS_SUFFIX, partitionOfRegionCode, REGION_CODE } from '../../lib/aws/partitions';
import * as sessionManager from '../../lib/aws/session-manager';
import { AWS_RESERVED_PER_SUBNET, RESOLVER_ADDRESSES, TGW_ASN_RANGES, VPC_PREFIX } from '../../lib/aws/vpc';
import { NAT_ROUTED_TIERS, SUBNET_TIERS } from '../../lib/net/subnet-tiers';
import { CLIENT_VPN_CA_CN_SUFFIX, MAX_PKI_NAME } from '../../lib/names';
import { X509_NAME_MAX } from '../../lib/x509';
import * as clientVpnEndpoint from '../../constructs/access/client-vpn-endpoint';
import * as clientVpnPki from '../../constructs/access/client-vpn-pki';
import * as eice from '../../constructs/access/instance-connect-endpoint';
import * as ssmConstruct from '../../constructs/access/session-manager';
import * as awsPartition from '../../constructs/private/aws-partition';
import { CSR_RSA_BITS } from '../../config/csr';
import { AWS_RESERVED_PER_SUBNET as PLAN_RESERVED } from '../../config/ip-plan';
import { SSM_ENDPOINT_SERVICES as MODEL_SSM_SERVICES } from '../../config/model';
import * as schema from '../../config/schema';
import { MAX_PREFIX, MIN_PREFIX } from '../../config/validate/network';

describe('lib/aws values (as AWS documents them)', () => {
  test('Session Manager: idle 1-60 minutes (AWS default 20), sessions 1-1,440 minutes, three endpoints', () => {
    expect(sessionManager.IDLE_TIMEOUT_MINUTES).toEqual({ min: 1, max: 60, default: 20 });
    expect(sessionManager.MAX_SESSION_MINUTES).toEqual({ min: 1, max: 1440, default: 60 });
    expect(sessionManager.SSM_ENDPOINT_SERVICES).toEqual(['ssm', 'ssmmessages', 'ec2messages']);
    expect([sessionManager.SESSION_DOCUMENT_NAME, sessionManager.PORT_FORWARDING_DOCUMENT_NAME]).toEqual(['SSM-SessionManagerRunShell', 'AWS-StartPortForwardingSession']);
  });

  test('Client VPN: /12 to /22 client ranges, 8/10/12/24-hour sessions, ports 443 and 1194, 1,400-character banner, RSA 2048', () => {
    expect(clientVpn.CLIENT_CIDR_PREFIX).toEqual({ widest: 12, narrowest: 22 });
    expect(clientVpn.CLIENT_VPN_SESSION_TIMEOUT_HOURS).toEqual([8, 10, 12, 24]);
    expect(clientVpn.CLIENT_VPN_PORTS).toEqual([443, 1194]);
    expect(clientVpn.CLIENT_VPN_BANNER_MAX_CHARS).toBe(1400);
    expect(clientVpn.CLIENT_VPN_RSA_BITS).toBe(2048);
  });

  test('Instance Connect: tunnels of 1 to 3,600 seconds', () => {
    expect(instanceConnect.EIC_TUNNEL_SECONDS).toEqual({ min: 1, max: 3600 });
    expect(instanceConnect.EIC_MAX_TUNNEL_DURATION_SECONDS).toBe(3600);
  });

  test('VPC, Transit Gateway, Resolver and prefix-list facts', () => {
    expect(VPC_PREFIX).toEqual({ min: 16, max: 28 });
    expect(AWS_RESERVED_PER_SUBNET).toBe(5);
    expect(TGW_ASN_RANGES).toEqual([
      [64512, 65534],
      [4200000000, 4294967294],
    ]);
    expect(RESOLVER_ADDRESSES).toEqual({ min: 2, max: 6 });
    expect(QUOTAS.prefixListEntries).toMatchObject({ value: 1000, adjustable: false, doc: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists' });
    expect(LOG_RETENTION_DAYS).toContain(3653);
  });

  test('partitions: cn-* and us-gov-* Regions, DNS suffixes, Region code shape', () => {
    expect(['ap-northeast-2', 'cn-north-1', 'us-gov-west-1'].map(partitionOfRegionCode)).toEqual(['aws', 'aws-cn', 'aws-us-gov']);
    expect(DNS_SUFFIX['aws-cn']).toBe('amazonaws.com.cn');
    expect(['us-gov-west-1', 'ap-northeast-2'].every((r) => REGION_CODE.test(r))).toBe(true);
    expect(['', 'ap-northeast', 'AP-NORTHEAST-2'].some((r) => REGION_CODE.test(r))).toBe(false);
  });
});

describe('one home: the constructs and the config pipeline read the lib values, never a copy', () => {
  test.each([
    ['SessionManager endpoints', ssmConstruct.SESSION_MANAGER_ENDPOINT_SERVICES, sessionManager.SSM_ENDPOINT_SERVICES],
    ['config model SSM endpoints', MODEL_SSM_SERVICES, sessionManager.SSM_ENDPOINT_SERVICES],
    ['Client VPN ports (PKI)', clientVpnPki.CLIENT_VPN_PORTS, clientVpn.CLIENT_VPN_PORTS],
    ['partition DNS suffixes', awsPartition.DNS_SUFFIX, DNS_SUFFIX],
    ['ip plan reserved addresses', PLAN_RESERVED, AWS_RESERVED_PER_SUBNET],
    ['subnet tiers', schema.SUBNET_TIERS, SUBNET_TIERS],
    ['NAT-routed tiers', schema.NAT_ROUTED_TIERS, NAT_ROUTED_TIERS],
  ])('%s', (_label, reexported, home) => {
    expect(reexported).toBe(home);
  });

  test('the access constructs re-export no lib fact (lib/aws is the one import path)', () => {
    const facts = ['CLIENT_CIDR_PREFIX', 'CLIENT_VPN_BANNER_MAX_CHARS', 'CLIENT_VPN_PORTS', 'CLIENT_VPN_SESSION_TIMEOUT_HOURS', 'IDLE_TIMEOUT_MINUTES', 'MAX_SESSION_MINUTES', 'LOG_RETENTION_DAYS', 'EIC_QUOTAS', 'EIC_MAX_TUNNEL_DURATION_SECONDS'];
    const exported = [clientVpnEndpoint, ssmConstruct, eice].flatMap((m) => Object.keys(m)).filter((k) => facts.includes(k));
    expect(exported).toEqual([]);
  });

  test('scalar limits equal their home', () => {
    expect([clientVpnPki.CLIENT_VPN_RSA_BITS, CSR_RSA_BITS, MIN_PREFIX, MAX_PREFIX]).toEqual([
      clientVpn.CLIENT_VPN_RSA_BITS,
      clientVpn.CLIENT_VPN_RSA_BITS,
      VPC_PREFIX.min,
      VPC_PREFIX.max,
    ]);
  });

  test('the Client VPN CA name: "<name>-<spoke> Client VPN CA" fits X.509\'s 64 characters at 50', () => {
    expect(MAX_PKI_NAME).toBe(50);
    expect(`${'x'.repeat(MAX_PKI_NAME)}${CLIENT_VPN_CA_CN_SUFFIX}`).toHaveLength(X509_NAME_MAX);
  });

  test('every quota-shaped fact carries an AWS doc link', () => {
    const facts = [...Object.values(QUOTAS), ...Object.values(ALB_QUOTAS), ...Object.values(instanceConnect.EIC_QUOTAS), ...Object.values(NAME_LIMITS)];
    expect(facts.length).toBeGreaterThan(15);
    for (const q of facts) expect(q.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
});
