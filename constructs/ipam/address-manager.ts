/**
 * Amazon VPC IPAM: the IPAM (operating in every pool locale), its pools in the private default scope
 * (top-level, regional, per segment), the CIDR provisioned to each pool, and one RAM share that hands
 * the allocatable pools (those with a locale) to the organization, so spoke accounts create VPCs from
 * them (`ipv4_ipam_pool_id`).
 *
 * Accounts: everything here is created in the IPAM account (the hub, or the delegated IPAM
 * administrator through `provider`). Prerequisites outside the landing zone, done once from the
 * management account: IPAM integrated with AWS Organizations (`aws_vpc_ipam_organization_admin_account`
 * names the IPAM account as delegated administrator; a pool can be shared through RAM only then), and
 * RAM sharing with AWS Organizations enabled, after which accounts of the organization use the share
 * without accepting an invitation. The share must be created in the IPAM's home Region, which is the
 * provider's Region here.
 * https://docs.aws.amazon.com/vpc/latest/ipam/share-pool-ipam.html
 * https://docs.aws.amazon.com/vpc/latest/ipam/enable-integ-ipam.html
 *
 * Plans: a changed pool `locale`, parent (`source_ipam_pool_id`) or provisioned `cidr` replaces the
 * pool or its CIDR (and IPAM refuses to deprovision a CIDR that still has allocations); the
 * allocation netmask rules and the operating regions update in place.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_ipam_pool
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_ipam_pool_cidr
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_ipam
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource } from 'cdktf';
import { VpcIpam } from '@cdktf/provider-aws/lib/vpc-ipam';
import { VpcIpamPool } from '@cdktf/provider-aws/lib/vpc-ipam-pool';
import { VpcIpamPoolCidr } from '@cdktf/provider-aws/lib/vpc-ipam-pool-cidr';
import { VpcIpamPoolCidrAllocation } from '@cdktf/provider-aws/lib/vpc-ipam-pool-cidr-allocation';
import { parseCidr, contains } from '../../lib/net/range';
import { ResourceShare } from '../hub/resource-share';
import { ValidationError } from '../private/validation-error';

/** One pool of {@link AddressManagerProps}. */
export interface AddressPoolProps {
  /** Unique; part of the Terraform address (renaming it replaces the pool). */
  readonly name: string;
  /** Range provisioned to the pool; changing it replaces the pool CIDR. */
  readonly cidr: string;
  /** Region VPCs allocate in; changing it replaces the pool. @default none: the pool only feeds child pools */
  readonly locale?: string;
  /** Name of the parent pool, listed earlier; changing it replaces the pool. @default none (a top-level pool) */
  readonly parent?: string;
  /** Allocation netmask rules (in-place updates). @default none */
  readonly allocation?: { readonly defaultPrefixLength: number; readonly min: number; readonly max: number };
}

/** Props of {@link AddressManager}. */
export interface AddressManagerProps {
  /** Prefix of Name tags and of the RAM share name. */
  readonly namePrefix: string;
  /** Regions the IPAM manages: the provider's (home) Region and every pool locale. */
  readonly operatingRegions: readonly string[];
  /** Parents before children. */
  readonly pools: readonly AddressPoolProps[];
  /** RAM principals of the pool share (the organization ARN). */
  readonly sharePrincipals: readonly string[];
  /** Provider of the IPAM account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /** Ranges used without allocating them from IPAM, each reserved in a pool. @default none */
  readonly reservations?: readonly AddressReservationProps[];
}

/** A range reserved in a pool (hub VPCs, on-premises ranges, written spoke ranges). */
export interface AddressReservationProps {
  /** Unique and stable: part of the Terraform address. */
  readonly key: string;
  /** Name of the pool (one of `pools`) that holds the range. */
  readonly pool: string;
  /** The range; changing it replaces the reservation. */
  readonly cidr: string;
  readonly description: string;
}

/** An IPAM with its pools, shared with the organization. */
export class AddressManager extends Construct {
  readonly ipam: VpcIpam;
  /** Pools by name. */
  readonly pools: ReadonlyMap<string, VpcIpamPool>;
  /** The share of the allocatable pools; undefined when no pool has a locale. */
  readonly share?: ResourceShare;

  constructor(scope: Construct, id: string, props: AddressManagerProps) {
    super(scope, id);
    validate(this, props);
    this.ipam = new VpcIpam(this, 'ipam', {
      description: `${props.namePrefix} landing zone IPAM`,
      // Pools in the private scope and allocations to other accounts (the spokes) need the Advanced
      // Tier, billed per active IP address; the Free Tier refuses both.
      // https://docs.aws.amazon.com/vpc/latest/ipam/mod-ipam.html
      tier: 'advanced',
      operatingRegions: props.operatingRegions.map((regionName) => ({ regionName })),
      tags: { Name: props.namePrefix },
    });
    const pools = new Map<string, VpcIpamPool>();
    const cidrs = new Map<string, VpcIpamPoolCidr>();
    for (const p of props.pools) {
      const pool = new VpcIpamPool(this, `pool-${p.name}`, {
        addressFamily: 'ipv4',
        ipamScopeId: this.ipam.privateDefaultScopeId,
        description: `${props.namePrefix} ${p.name}`,
        locale: p.locale,
        sourceIpamPoolId: p.parent ? pools.get(p.parent)!.id : undefined,
        allocationDefaultNetmaskLength: p.allocation?.defaultPrefixLength,
        allocationMinNetmaskLength: p.allocation?.min,
        allocationMaxNetmaskLength: p.allocation?.max,
        tags: { Name: `${props.namePrefix}-${p.name}` },
      });
      // A child's CIDR is allocated from its parent's, which must be provisioned first.
      const parentCidr = p.parent ? cidrs.get(p.parent) : undefined;
      cidrs.set(p.name, new VpcIpamPoolCidr(this, `pool-${p.name}-cidr`, { ipamPoolId: pool.id, cidr: p.cidr, dependsOn: parentCidr ? [parentCidr] : undefined }));
      pools.set(p.name, pool);
    }
    this.pools = pools;
    // A range the landing zone uses without allocating it (a hub VPC, an on-premises range, a spoke
    // with a written cidr) is allocated to nothing in IPAM: another account allocating from the shared
    // pool could receive it. An allocation with an explicit cidr reserves it; changing the cidr
    // replaces the reservation. https://docs.aws.amazon.com/vpc/latest/ipam/allocate-cidrs-ipam.html
    // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_ipam_pool_cidr_allocation
    for (const r of props.reservations ?? []) {
      new VpcIpamPoolCidrAllocation(this, `reserve-${r.key}`, { ipamPoolId: pools.get(r.pool)!.id, cidr: r.cidr, description: r.description, dependsOn: [cidrs.get(r.pool)!] });
    }
    const shared = props.pools.filter((p) => p.locale !== undefined);
    if (shared.length > 0) {
      this.share = new ResourceShare(this, 'share', {
        name: `${props.namePrefix}-ipam-pools`,
        resources: Object.fromEntries(shared.map((p) => [`pool-${p.name}`, pools.get(p.name)!.arn])),
        principals: props.sharePrincipals,
      });
    }
    // Every resource of the construct, the RAM share included, lives in the IPAM account.
    if (props.provider) for (const r of this.node.findAll()) if (r instanceof TerraformResource) r.provider = props.provider;
  }
}

function validate(scope: Construct, props: AddressManagerProps): void {
  if (props.operatingRegions.length === 0) throw new ValidationError(scope, 'operatingRegions must not be empty');
  const seen = new Map<string, AddressPoolProps>();
  for (const p of props.pools) {
    if (seen.has(p.name)) throw new ValidationError(scope, `pool "${p.name}" is defined twice`);
    const range = parseCidr(p.cidr);
    if (!range.ok) throw new ValidationError(scope, `pool "${p.name}" cidr ${p.cidr}: ${range.reason}`);
    if (p.locale !== undefined && !props.operatingRegions.includes(p.locale)) throw new ValidationError(scope, `pool "${p.name}" locale ${p.locale} is not an operating region of the IPAM`);
    if (p.parent !== undefined) {
      const parent = seen.get(p.parent);
      if (!parent) throw new ValidationError(scope, `pool "${p.name}" names parent "${p.parent}", which is not listed before it`);
      const outer = parseCidr(parent.cidr);
      if (outer.ok && !contains(outer.cidr, range.cidr)) throw new ValidationError(scope, `pool "${p.name}" cidr ${p.cidr} is outside its parent "${p.parent}" (${parent.cidr})`);
    }
    seen.set(p.name, p);
  }
  const keys = new Set<string>();
  for (const r of props.reservations ?? []) {
    if (keys.has(r.key)) throw new ValidationError(scope, `reservation "${r.key}" is defined twice`);
    keys.add(r.key);
    const pool = seen.get(r.pool);
    if (!pool) throw new ValidationError(scope, `reservation "${r.key}" names pool "${r.pool}", which is not a pool of this IPAM`);
    const range = parseCidr(r.cidr);
    const outer = parseCidr(pool.cidr);
    if (!range.ok || !outer.ok || !contains(outer.cidr, range.cidr)) throw new ValidationError(scope, `reservation "${r.key}" ${r.cidr} is not inside pool "${r.pool}" (${pool.cidr})`);
  }
}
