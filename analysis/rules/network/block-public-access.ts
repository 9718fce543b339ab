/**
 * LZ-BPA01: once the landing zone sets VPC Block Public Access, every workspace that owns VPCs sets it
 * for its account (the setting is per account and Region); LZ-BPA02 (same file): every exclusion says
 * why it exists. https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html
 */
import { finding } from '../helpers/findings';
import { networkOf } from '../helpers/network';
import type { Rule, Violation } from '../types';

/** Rule LZ-BPA01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-BPA01',
  title: 'When the landing zone sets VPC Block Public Access (blockPublicAccess), every account with VPCs turns it on',
  why: 'Block Public Access is an account-wide guard against an accidental internet path (a stray route to an internet gateway, a public IP); an account left without it has no such guard, and the setting of one account never covers another. A landing zone without blockPublicAccess has no findings here.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpc'],
  check(graph, context) {
    const network = networkOf(graph, context);
    const settings = network.blockPublicAccess ?? [];
    if (settings.length === 0) return [];
    const byStack = new Map(settings.map((s) => [s.stack, s]));
    const out: Violation[] = [];
    const reported = new Set<string>();
    for (const vpc of network.vpcs) {
      if (reported.has(vpc.stack)) continue;
      const setting = byStack.get(vpc.stack);
      const resource = graph.get(setting?.id ?? vpc.id);
      if (!resource) continue;
      if (!setting) {
        reported.add(vpc.stack);
        out.push(finding(resource, `workspace ${vpc.stack} owns VPC ${vpc.name} but sets no VPC Block Public Access for its account`));
      } else if (setting.mode === 'off') {
        reported.add(vpc.stack);
        out.push(finding(resource, `internet_gateway_block_mode is off for the account of ${vpc.stack}`));
      } else if (setting.mode === 'unknown') {
        reported.add(vpc.stack);
        out.push({ resource, message: `cannot prove Block Public Access is on for the account of ${vpc.stack}: internet_gateway_block_mode is unknown before apply`, unknown: true });
      }
    }
    return out;
  },
};

/** Rule LZ-BPA02: its table entry and its check. */
export const reasonRule: Rule = {
  id: 'LZ-BPA02',
  title: 'Every VPC Block Public Access exclusion carries the reason it exists (Reason tag)',
  why: 'An exclusion is a hole in the account-wide block; without its reason nobody can tell a NAT gateway subnet that needs it from a forgotten test VPC, and REPORT.md lists every exclusion with it.',
  level: 'warning',
  suppressible: true,
  mappings: {},
  appliesTo: ['aws_vpc_block_public_access_exclusion'],
  check(graph, context) {
    const network = networkOf(graph, context);
    const out: Violation[] = [];
    for (const e of network.bpaExclusions ?? []) {
      const resource = graph.get(e.id);
      if (resource && (e.reason === undefined || e.reason.trim() === '')) out.push(finding(resource, `exclusion ${e.mode} has no Reason tag`));
    }
    return out;
  },
};
