/**
 * IP plan section: per VPC every subnet with its AZ, tier, CIDR, size and usable addresses (AWS
 * keeps five in each), the totals and the free ranges left for growth. The figures are
 * config/ip-plan.ts's, the same `lz ip-plan` prints.
 */
import { AWS_RESERVED_PER_SUBNET, planLandingZone, VpcPlan } from '../config/ip-plan';
import { LandingZone } from '../config/model';
import { code, count, table } from './markdown';

function renderVpc(plan: VpcPlan, generated: ReadonlySet<string>): string {
  const rows = plan.subnets.map((s) => [code(s.name) + (generated.has(s.name) ? ' ¹' : ''), s.az, s.tier, code(s.cidr), count(s.total), count(s.usable)]);
  rows.push(['**total**', '', '', code(plan.cidr), `**${count(plan.allocated)}**`, `**${count(plan.usable)}**`]);
  return [
    `### ${plan.owner} — ${code(plan.cidr)}`,
    '',
    table(['subnet', 'AZ', 'tier', 'CIDR', 'addresses', 'usable'], rows, ['left', 'left', 'left', 'left', 'right', 'right']),
    '',
    `${count(plan.allocated)} of ${count(plan.total)} addresses are in subnets; ${count(plan.unallocated)} are free: ${plan.unallocatedRanges.map(code).join(', ') || 'none'}.`,
  ].join('\n');
}

/** The IP plan section. */
export function renderIpPlan(lz: LandingZone): string {
  const plans = planLandingZone(lz);
  const vpcs = [lz.hub.egress, lz.hub.endpoints, ...lz.spokes.map((s) => s.vpc)].filter((v) => v !== undefined);
  const generatedOf = (plan: VpcPlan) => new Set(vpcs.find((v) => v.cidr === plan.cidr)?.subnets.filter((s) => s.generated).map((s) => s.name) ?? []);
  const summary = table(
    ['VPC', 'CIDR', 'addresses', 'in subnets', 'usable', 'free'],
    plans.map((p) => [p.owner, code(p.cidr), count(p.total), count(p.allocated), count(p.usable), count(p.unallocated)]),
    ['left', 'left', 'right', 'right', 'right', 'right'],
  );
  return [
    '## IP plan',
    '',
    `AWS reserves ${AWS_RESERVED_PER_SUBNET} addresses in every subnet (network, VPC router, DNS, future use, broadcast), so a /24 holds 251 usable addresses and a /20 holds 4,091.`,
    '',
    summary,
    '',
    ...plans.flatMap((p) => [renderVpc(p, generatedOf(p)), '']),
    '¹ generated: carved from free space by a tier spec, or a /28 Transit Gateway attachment subnet per AZ added because the VPC lists none.',
  ].join('\n');
}
