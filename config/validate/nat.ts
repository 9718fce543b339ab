/** NAT gateway rules: NAT needs a public subnet to live in and an IGW to reach. */
import { ConfigIssue } from '../issues';
import { egressModeOf, natModeOf } from '../model';
import { NAT_ROUTED_TIERS } from '../schema';
import { Rule } from './context';

/** `single` and `per-az` need a public subnet; `per-az` needs one in every AZ that has private subnets. */
export const natNeedsPublicSubnets: Rule = ({ config, spokes }) =>
  spokes.flatMap(({ spoke, path, subnets }) => {
    const egress = egressModeOf(config, spoke);
    // With central egress a NAT setting is reported by the centralEgress rule (it would never be used).
    if (egress === 'central') return [];
    const mode = natModeOf(spoke.vpc, subnets, egress);
    const at = [...path, 'vpc', 'natGateways'];
    const publicAzs = new Set(subnets.filter((s) => s.tier === 'public').map((s) => s.az));
    if (mode === 'none') return [];
    if (publicAzs.size === 0) {
      return [{ path: at, value: mode, message: 'needs a public subnet for the NAT gateway, but the VPC has none', fix: 'add a subnet with tier: public, or set natGateways: none' }];
    }
    if (mode !== 'per-az') return [];
    const issues: ConfigIssue[] = [];
    const privateAzs = [...new Set(subnets.filter((s) => NAT_ROUTED_TIERS.includes(s.tier)).map((s) => s.az))];
    for (const az of privateAzs.filter((z) => !publicAzs.has(z))) {
      issues.push({ path: at, value: mode, message: `needs a public subnet in ${az}, where private subnets have no NAT of their own`, fix: `add a public subnet in ${az}, or use natGateways: single` });
    }
    return issues;
  });
