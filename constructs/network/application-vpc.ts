/**
 * The spoke application VPC: subnets per tier and AZ, an IGW and public route table only when a
 * public tier exists (a VPC without public subnets has no path to or from the internet of its own),
 * public IPs on launch only when asked for, NAT gateways placed by a `NatProvider`, private route
 * tables per tier and AZ, and the default security group adopted with every rule removed.
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { NAT_ROUTED_TIERS, SubnetTier } from '../../lib/net/subnet-tiers';
import { ValidationError } from '../private/validation-error';
import { validateSubnetLayout } from '../private/subnet-layout';
import { NatProvider } from './nat-provider';
import { selectFrom, SelectedSubnet, SelectedSubnets, SubnetSelection, VpcRef } from './vpc-ref';

/** One subnet of the VPC. */
export interface ApplicationSubnetProps {
  /** Unique within the VPC; part of the Terraform address, so renaming it replaces the subnet. */
  readonly name: string;
  readonly tier: SubnetTier;
  /** Changing it replaces the subnet. */
  readonly cidr: string;
  /** Changing it replaces the subnet. */
  readonly az: string;
}

/** Props of {@link ApplicationVpc}. */
export interface ApplicationVpcProps {
  /** Prefix of every Name tag, e.g. `shop-shop-prod`. */
  readonly namePrefix: string;
  /** VPC IPv4 range; changing it replaces the VPC. */
  readonly cidr: string;
  readonly subnets: readonly ApplicationSubnetProps[];
  /**
   * NAT gateway layout.
   * @default NatProvider.none()
   */
  readonly natProvider?: NatProvider;
  /**
   * Tiers whose route tables take the default route to the NAT of their AZ.
   * @default ['app', 'db', 'endpoint'] (the egress VPC uses ['tgw'])
   */
  readonly natRoutedTiers?: readonly SubnetTier[];
  /**
   * Give instances launched into the public tier a public IPv4 address. Off by default: load balancer
   * nodes and NAT gateways get their addresses without it, and an instance that needs one can still
   * ask for it at launch. Changing it is an in-place update of the subnets (ModifySubnetAttribute).
   * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/subnet
   * @default false
   */
  readonly mapPublicIpOnLaunch?: boolean;
}

/** Options of {@link ApplicationVpc.routeToTransitGateway}. */
export interface TransitGatewayRoutesOptions {
  /** Ranges routed to the Transit Gateway from every route table except the attachment subnets' and those sending 0.0.0.0/0 there. */
  readonly destinations: readonly string[];
  /**
   * Prefix lists routed to the Transit Gateway from the same tables, by a stable key (part of the route's
   * address: `rt-<table>-tgw-pl-<key>`). A route to a prefix list counts the list's max_entries against
   * the table's route quota; changing `destination_prefix_list_id` replaces the route.
   * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists
   * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html#route-priority-managed-prefix-list
   * @default none
   */
  readonly destinationPrefixLists?: Readonly<Record<string, string>>;
  /**
   * Tiers whose route tables send 0.0.0.0/0 to the Transit Gateway (central egress).
   * @default none
   */
  readonly defaultRouteTiers?: readonly SubnetTier[];
  /** Resources the routes must wait for (the attachment must be available before a route can target it). */
  readonly dependsOn?: ITerraformDependable[];
}

/** A subnet as created, with its tier and AZ. */
export interface CreatedSubnet {
  readonly name: string;
  readonly tier: SubnetTier;
  readonly az: string;
  readonly subnet: Subnet;
}

/** The application VPC of a spoke. */
export class ApplicationVpc extends Construct implements VpcRef {
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly cidr: string;
  readonly subnets: readonly CreatedSubnet[];
  readonly internetGateway?: InternetGateway;
  /** NAT gateways keyed by the public subnet that hosts them. */
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  /** Route tables keyed `public` or `<tier>-<az>`. */
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  /** The 0.0.0.0/0 route of each route table that has one, by route table key. */
  private readonly defaultRoutes = new Map<string, Route>();
  private readonly tierOfTable = new Map<string, SubnetTier>();
  /** Every subnet with its route table, for {@link selectSubnets}. */
  private readonly selectable: SelectedSubnet[] = [];

  constructor(scope: Construct, id: string, props: ApplicationVpcProps) {
    super(scope, id);
    validate(this, props);

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      // Both are required for private hosted zones, interface endpoints with private DNS and Session Manager.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.namePrefix },
    });
    this.vpcId = this.vpc.id;
    this.cidr = props.cidr;

    // Adopt the default security group and leave it without rules, so nothing lands in an open group by accident
    // (Security Hub EC2.2).
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: this.vpc.id, tags: { Name: `${props.namePrefix}-default-do-not-use` } });

    this.subnets = props.subnets.map((s) => ({
      name: s.name,
      tier: s.tier,
      az: s.az,
      subnet: new Subnet(this, `subnet-${s.name}`, {
        vpcId: this.vpc.id,
        cidrBlock: s.cidr,
        availabilityZone: s.az,
        mapPublicIpOnLaunch: s.tier === 'public' && (props.mapPublicIpOnLaunch ?? false),
        tags: { Name: `${props.namePrefix}-${s.name}`, Tier: s.tier },
      }),
    }));

    const routeTables = new Map<string, RouteTable>();
    const publicSubnets = this.subnets.filter((s) => s.tier === 'public');
    if (publicSubnets.length > 0) {
      this.internetGateway = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: { Name: `${props.namePrefix}-igw` } });
      const rt = new RouteTable(this, 'rt-public', { vpcId: this.vpc.id, tags: { Name: `${props.namePrefix}-public` } });
      this.defaultRoutes.set('public', new Route(this, 'rt-public-default', { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: this.internetGateway.id }));
      for (const s of publicSubnets) new RouteTableAssociation(this, `rta-${s.name}`, { subnetId: s.subnet.id, routeTableId: rt.id });
      routeTables.set('public', rt);
    }

    const natPlan = (props.natProvider ?? NatProvider.none()).plan(publicSubnets);
    const nats = new Map<string, NatGateway>();
    for (const host of natPlan.hosts) {
      const subnet = publicSubnets.find((s) => s.name === host)!;
      const eip = new Eip(this, `nat-eip-${host}`, { domain: 'vpc', tags: { Name: `${props.namePrefix}-nat-${host}` } });
      nats.set(
        host,
        new NatGateway(this, `nat-${host}`, {
          allocationId: eip.allocationId,
          subnetId: subnet.subnet.id,
          connectivityType: 'public',
          tags: { Name: `${props.namePrefix}-nat-${host}` },
          dependsOn: [this.internetGateway!],
        }),
      );
    }
    this.natGateways = nats;

    // One route table per tier and AZ: a tier's routing can then differ per AZ (its own NAT) and per tier
    // (later: DB tiers without a default route) without touching the others.
    const privateGroups = new Map<string, CreatedSubnet[]>();
    for (const s of this.subnets.filter((x) => x.tier !== 'public')) {
      const key = `${s.tier}-${s.az}`;
      privateGroups.set(key, [...(privateGroups.get(key) ?? []), s]);
    }
    for (const [key, members] of privateGroups) {
      const rt = new RouteTable(this, `rt-${key}`, { vpcId: this.vpc.id, tags: { Name: `${props.namePrefix}-${key}` } });
      // Transit Gateway attachment subnets hold only the attachment ENIs and never egress through a NAT.
      const natHost = (props.natRoutedTiers ?? NAT_ROUTED_TIERS).includes(members[0].tier) ? natPlan.natHostFor(members[0].az) : undefined;
      if (natHost) this.defaultRoutes.set(key, new Route(this, `rt-${key}-default`, { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nats.get(natHost)!.id }));
      for (const s of members) new RouteTableAssociation(this, `rta-${s.name}`, { subnetId: s.subnet.id, routeTableId: rt.id });
      routeTables.set(key, rt);
      this.tierOfTable.set(key, members[0].tier);
    }
    this.routeTables = routeTables;
    // Each `.id` read makes a new token string: read every table's once, so a selection lists a shared table once.
    const tableIds = new Map([...routeTables].map(([key, rt]) => [key, rt.id]));
    const cidrOf = new Map(props.subnets.map((s) => [s.name, s.cidr]));
    for (const s of this.subnets) {
      const routeTableId = tableIds.get(s.tier === 'public' ? 'public' : `${s.tier}-${s.az}`)!;
      this.selectable.push({ id: s.subnet.id, name: s.name, az: s.az, tier: s.tier, cidr: cidrOf.get(s.name)!, routeTableId });
    }
  }

  /**
   * Takes the VPC's range from an Amazon VPC IPAM pool (shared through RAM): `ipv4_ipam_pool_id` with
   * the pinned `cidr_block` asks IPAM for exactly that CIDR, so the range is the one the config
   * recorded (config/ipam-allocation.ts) and the offline proofs hold. Both arguments force a new VPC
   * when changed, so adding the pool to an existing VPC replaces it. CreateVpc takes both together
   * (aws-cdk's VpcIpamOptions: cidrBlock "when Ipam has concrete allocation available for static Vpc").
   * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc
   * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.VpcIpamOptions.html
   */
  allocateFromIpamPool(poolId: string): void {
    this.vpc.ipv4IpamPoolId = poolId;
  }

  /** Subnets by tier and AZ with their route tables, in config order. */
  selectSubnets(selection?: SubnetSelection): SelectedSubnets {
    return selectFrom(this.selectable, selection);
  }

  /**
   * Routes `destinations` to the Transit Gateway from every route table except the attachment
   * subnets' (which only need the local route), and 0.0.0.0/0 from the tiers in `defaultRouteTiers`.
   * Route ids derive from the table and the destination, so the default route keeps its address when
   * egress moves between a local NAT and the Transit Gateway (an in-place update, not a replacement).
   */
  routeToTransitGateway(transitGatewayId: string, options: TransitGatewayRoutesOptions): Route[] {
    const routes: Route[] = [];
    for (const [key, rt] of this.routeTables) {
      const tier = this.tierOfTable.get(key) ?? 'public';
      if (tier === 'tgw') continue;
      if (options.defaultRouteTiers?.includes(tier)) {
        if (this.defaultRoutes.has(key)) throw new ValidationError(this, `route table ${key} already has a default route; it cannot also send 0.0.0.0/0 to the Transit Gateway`);
        const route = new Route(this, `rt-${key}-default`, { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', transitGatewayId, dependsOn: options.dependsOn });
        this.defaultRoutes.set(key, route);
        routes.push(route);
        continue; // 0.0.0.0/0 already takes every destination to the Transit Gateway
      }
      for (const destination of options.destinations) {
        routes.push(new Route(this, `rt-${key}-tgw-${destination.replace(/[./]/g, '-')}`, { routeTableId: rt.id, destinationCidrBlock: destination, transitGatewayId, dependsOn: options.dependsOn }));
      }
      for (const [list, prefixListId] of Object.entries(options.destinationPrefixLists ?? {})) {
        routes.push(new Route(this, `rt-${key}-tgw-pl-${list}`, { routeTableId: rt.id, destinationPrefixListId: prefixListId, transitGatewayId, dependsOn: options.dependsOn }));
      }
    }
    return routes;
  }

  /** Subnet ids of one tier, in config order. */
  subnetIds(tier: SubnetTier): string[] {
    return this.subnets.filter((s) => s.tier === tier).map((s) => s.subnet.id);
  }
}

function validate(scope: Construct, props: ApplicationVpcProps): void {
  validateSubnetLayout(scope, props.cidr, props.subnets);
}
