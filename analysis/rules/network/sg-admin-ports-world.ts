/** LZ-SG01: no security group admits SSH or RDP from the internet. */
import { worldRuleViolations } from '../helpers/security-group-checks';
import { coversPort, SECURITY_GROUP_RULE_TYPES } from '../helpers/security-groups';
import type { Rule } from '../types';
import { judgedByResolverRule } from './resolver-groups';

/** Remote administration ports: SSH and RDP. */
const ADMIN_PORTS = [22, 3389] as const;
const CLAIM = 'no ingress from the internet reaches port 22 or 3389';

/** Rule LZ-SG01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-SG01',
  title: 'No security group admits ports 22 (SSH) or 3389 (RDP) from 0.0.0.0/0 or ::/0',
  why: 'Administration ports open to the internet are scanned within minutes and brute-forced for ever; this landing zone reaches instances through Session Manager and EC2 Instance Connect Endpoint instead, so there is no reason to suppress this. (The TCP/UDP rules of Route 53 Resolver endpoint groups, whose ENIs run nothing but DNS in a VPC without an internet gateway, are judged by LZ-R53R01.)',
  level: 'error',
  suppressible: false,
  mappings: {
    cdkNag: ['NIST.800.53.R5-EC2RestrictedSSH', 'NIST.800.53.R5-EC2RestrictedCommonPorts'],
    checkov: ['CKV_AWS_24', 'CKV_AWS_25'],
    securityHub: ['EC2.13', 'EC2.14'],
  },
  appliesTo: SECURITY_GROUP_RULE_TYPES,
  check: (graph) =>
    worldRuleViolations(graph, {
      // A Resolver ENI runs nothing but DNS; its untracked 0.0.0.0/0 rules are judged by LZ-R53R01.
      skip: (r) => judgedByResolverRule(graph, r),
      direction: 'ingress',
      claim: CLAIM,
      matches: (ports) => ADMIN_PORTS.some((p) => coversPort(ports, p)),
      detail: (ports) => (ports.from === ports.to ? '' : ` (opens ${ADMIN_PORTS.filter((p) => coversPort(ports, p)).join(' and ')})`),
    }),
};
