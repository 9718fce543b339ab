/** The layout checks every VPC construct makes of its subnets: valid ranges, inside the VPC, unique names, no overlap. */
import { Construct } from 'constructs';
import { contains, overlaps, parseCidr } from '../../lib/net/range';
import { ValidationError } from './validation-error';

/** Throws a {@link ValidationError} on `scope` for the first subnet that is malformed, outside `vpcCidr`, named twice or overlapping another. */
export function validateSubnetLayout(scope: Construct, vpcCidr: string, subnets: readonly { readonly name: string; readonly cidr: string }[]): void {
  const vpc = parseCidr(vpcCidr);
  if (!vpc.ok) throw new ValidationError(scope, `cidr "${vpcCidr}" ${vpc.reason}`);
  const parsed = subnets.map((s) => {
    const c = parseCidr(s.cidr);
    if (!c.ok) throw new ValidationError(scope, `subnet "${s.name}" cidr "${s.cidr}" ${c.reason}`);
    if (!contains(vpc.cidr, c.cidr)) throw new ValidationError(scope, `subnet "${s.name}" cidr ${s.cidr} is outside the VPC ${vpcCidr}`);
    return { s, c: c.cidr };
  });
  parsed.forEach((a, i) =>
    parsed.slice(i + 1).forEach((b) => {
      if (a.s.name === b.s.name) throw new ValidationError(scope, `subnet name "${a.s.name}" is used twice; subnet names must be unique`);
      if (overlaps(a.c, b.c)) throw new ValidationError(scope, `subnet "${b.s.name}" (${b.s.cidr}) overlaps subnet "${a.s.name}" (${a.s.cidr})`);
    }),
  );
}
