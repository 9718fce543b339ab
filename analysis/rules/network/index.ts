/** The network half of the rule pack: VPC, security groups, ACLs, Network Firewall, Transit Gateway, RAM, Direct Connect, VPN, endpoints, Resolver, DNS Firewall and Block Public Access. */
import type { Rule } from '../types';
import { reasonRule as bpa02, rule as bpa01 } from './block-public-access';
import { failClosedRule as dnsfw02, rule as dnsfw01 } from './dns-firewall-every-vpc';
import { rule as dx01 } from './dx-allowed-prefixes-default';
import { rule as dx02 } from './dx-allowed-prefixes-broad';
import { rule as dx03 } from './dx-transit-vif';
import { rule as dx04 } from './dx-bgp-auth-key';
import { rule as nacl01 } from './nacl-admin-ports-world';
import { loggingRule as nfw02, rule as nfw01 } from './network-firewall';
import { rule as r53r01 } from './resolver-endpoint-security-group';
import { rule as r53r02 } from './resolver-query-logging';
import { rule as r53r03 } from './resolver-connection-tracking';
import { rule as ram01 } from './ram-share-internal';
import { rule as sg01 } from './sg-admin-ports-world';
import { rule as sg02 } from './sg-world-ingress';
import { rule as sg03 } from './sg-all-traffic-world';
import { rule as sg04 } from './sg-descriptions';
import { rule as sg05 } from './sg-egress-world';
import { rule as tgw01 } from './tgw-auto-accept';
import { rule as tgw02 } from './tgw-default-route-table';
import { rule as tgw03 } from './tgw-flow-logs';
import { rule as tgw04 } from './tgw-accepter-same-account';
import { rule as vpc01 } from './vpc-flow-logs';
import { rule as vpc02 } from './vpc-default-security-group';
import { rule as vpc03 } from './subnet-public-ip';
import { rule as vpc04 } from './vpc-dns';
import { rule as vpce01 } from './vpce-policy-org';
import { rule as vpce02 } from './vpce-security-group';
import { rule as vpce03 } from './vpce-gateway-policy';
import { rule as vpn01 } from './vpn-tunnel-crypto';
import { rule as vpn02 } from './vpn-preshared-keys';

/** Every network rule, in id order. */
export const NETWORK_RULES: readonly Rule[] = [
  bpa01, bpa02,
  dnsfw01, dnsfw02,
  dx01, dx02, dx03, dx04,
  nacl01,
  nfw01, nfw02,
  r53r01, r53r02, r53r03,
  ram01,
  sg01, sg02, sg03, sg04, sg05,
  tgw01, tgw02, tgw03, tgw04,
  vpc01, vpc02, vpc03, vpc04,
  vpce01, vpce02, vpce03,
  vpn01, vpn02,
];
