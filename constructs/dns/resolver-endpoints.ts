/**
 * Route 53 Resolver endpoints in the shared-endpoints VPC, created by the hub stack in the network
 * hub account (the rules reach the spokes through RAM). Inbound: on-premises resolvers forward
 * AWS private names to 2-6 ENIs in distinct AZs. Outbound: FORWARD rules for on-premises domains,
 * shared with the organization through RAM so each spoke can associate them. Every ENI costs per
 * hour, so the ENI count is a config choice; so is capacity (see "Untracked security group rules").
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver.html
 *
 * Untracked security group rules. Security groups track connections, and an ENI can track only so
 * many: with tracked rules an inbound ENI can answer as few as 1,500 queries per second, against
 * 10,000 untracked. AWS recommends rules that leave DNS untracked: the query direction open to
 * 0.0.0.0/0 on the DNS port and the reply direction open to 0.0.0.0/0 on every port, per protocol.
 * A flow is untracked only when both rules name the whole address space; a narrower range in either
 * direction makes it tracked again.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html#untracked-connections
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-entities-resolver
 * The trade-off: the groups no longer name the on-premises ranges. What reaches these ENIs is decided
 * by routing instead: the shared-endpoints VPC has no internet gateway, so 0.0.0.0/0 here means "any
 * routed internal address" (the spokes and on-premises, through the Transit Gateway). LZ-R53R01 checks
 * exactly that (DNS ports only, world-open only in a VPC without an internet gateway, the group used
 * by nothing but Resolver endpoints), and LZ-R53R03 reports a group that is tracked after all.
 */
import { Construct } from 'constructs';
import { Ec2SubnetCidrReservation } from '@cdktf/provider-aws/lib/ec2-subnet-cidr-reservation';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { PortRule, RuleSecurityGroup } from '../private/security-group';
import { ValidationError } from '../private/validation-error';
import { SubnetSelection, VpcRef } from '../network/vpc-ref';
import { RESOLVER_ADDRESSES } from '../../lib/aws/vpc';

/** The whole IPv4 space: what makes a security group rule eligible for untracked connections. */
const ANYWHERE = '0.0.0.0/0';
const PROTOCOLS = ['tcp', 'udp'] as const;

/** One inbound ENI: its AZ (the ENI goes into the first selected subnet there), and an optional static address. */
export interface ResolverAddress {
  readonly az: string;
  readonly ip?: string;
  /**
   * Stable name of the address (its AZ), part of the Terraform address of the IP reservation that a
   * static `ip` gets. Changing it replaces the reservation, not the endpoint.
   * @default its position in `addresses`
   */
  readonly key?: string;
}

/** Props of {@link InboundResolver}. */
export interface InboundResolverProps {
  readonly name: string;
  /** The shared-endpoints VPC. */
  readonly vpc: VpcRef;
  /**
   * Subnets the addresses' ENIs go into (the first one of each address's AZ).
   * @default the `endpoint` tier
   */
  readonly subnets?: SubnetSelection;
  /** 2 to 6 addresses, each in a distinct AZ. */
  readonly addresses: readonly ResolverAddress[];
}

const checkCount = (scope: Construct, n: number) => {
  if (n < RESOLVER_ADDRESSES.min || n > RESOLVER_ADDRESSES.max) throw new ValidationError(scope, `a Resolver endpoint takes ${RESOLVER_ADDRESSES.min} to ${RESOLVER_ADDRESSES.max} addresses, got ${n}`);
};

/** Rules that keep DNS untracked: the query direction to `port`s from or to anywhere, the reply direction on every port. */
function untrackedRules(ports: readonly number[], what: (protocol: string) => string): { query: PortRule[]; reply: PortRule[] } {
  return {
    query: PROTOCOLS.flatMap((protocol) => ports.map((port) => ({ protocol, port, peer: 'anywhere', cidr: ANYWHERE, description: `${what(protocol.toUpperCase())} (untracked: 0.0.0.0/0, reachable only through routes)` }))),
    reply: PROTOCOLS.map((protocol) => ({ protocol, port: 0, toPort: 65535, peer: 'anywhere', cidr: ANYWHERE, description: `DNS replies over ${protocol.toUpperCase()} (every port: keeps the queries untracked)` })),
  };
}

/** The inbound Resolver endpoint. */
export class InboundResolver extends Construct {
  readonly endpoint: Route53ResolverEndpoint;
  readonly securityGroup: RuleSecurityGroup;
  /**
   * One explicit subnet CIDR reservation (/32) per static address. AWS assigns no address of an
   * explicit reservation on its own, so the ENIs of interface endpoints or the outbound Resolver
   * created in the same subnet cannot take it first; create those after these (`dependsOn`).
   * Existing users of an address keep it when the reservation is created.
   * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-cidr-reservation.html
   * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnetCidrReservation.html
   */
  readonly addressReservations: readonly Ec2SubnetCidrReservation[];

  constructor(scope: Construct, id: string, props: InboundResolverProps) {
    super(scope, id);
    checkCount(this, props.addresses.length);
    const selected = props.vpc.selectSubnets({ ...(props.subnets ?? { tiers: ['endpoint'] }), onePerAz: true }).subnets;
    const addresses = props.addresses.map((a) => {
      const subnet = selected.find((s) => s.az === a.az);
      if (!subnet) throw new ValidationError(this, `no selected subnet in ${a.az} for a Resolver address (subnets in ${selected.map((s) => s.az).join(', ') || 'no AZ'})`);
      return { ...a, subnetId: subnet.id };
    });
    const rules = untrackedRules([53], (p) => `DNS queries over ${p}`);
    this.securityGroup = new RuleSecurityGroup(this, 'security-group', {
      name: `${props.name}-inbound`,
      // Unchanged since the first release on purpose: a new description replaces the group, and a new
      // group replaces the endpoint (its security_group_ids force replacement), which prevent_destroy stops.
      description: 'DNS from on-premises resolvers to the inbound Resolver endpoint',
      vpcId: props.vpc.vpcId,
      ingress: rules.query,
      egress: rules.reply,
    });
    // Every argument of a reservation forces its replacement; the IP in use is never unassigned by that.
    this.addressReservations = addresses.flatMap((a, i) =>
      a.ip === undefined ? [] : [new Ec2SubnetCidrReservation(this, `address-${a.key ?? i}`, { subnetId: a.subnetId, cidrBlock: `${a.ip}/32`, reservationType: 'explicit', description: `Inbound Resolver address of ${props.name}` })],
    );
    this.endpoint = new Route53ResolverEndpoint(this, 'endpoint', {
      name: `${props.name}-inbound`,
      direction: 'INBOUND',
      resolverEndpointType: 'IPV4',
      protocols: ['Do53'],
      securityGroupIds: [this.securityGroup.id],
      ipAddress: addresses.map((a) => ({ subnetId: a.subnetId, ip: a.ip })),
      tags: { Name: `${props.name}-inbound` },
      // On-premises conditional forwarders point at these addresses; a recreated endpoint may get new
      // ones. Retiring it on purpose: docs/retiring-protected-resources.md
      // `direction` and `security_group_ids` force replacement; `ip_address` changes apply in place (the
      // provider associates new addresses before it disassociates old ones, keeping at least two).
      // https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/route53resolver/endpoint.go
      lifecycle: { preventDestroy: true },
      dependsOn: [...this.addressReservations],
    });
  }
}

/** One forwarding rule. */
export interface ForwardRuleSpec {
  readonly domain: string;
  readonly targets: readonly { readonly ip: string; readonly port: number }[];
}

/** Props of {@link OutboundResolver}. */
export interface OutboundResolverProps {
  readonly name: string;
  /** The shared-endpoints VPC. */
  readonly vpc: VpcRef;
  /**
   * One ENI per selected subnet (2 to 6, distinct AZs).
   * @default the `endpoint` tier
   */
  readonly subnets?: SubnetSelection;
  readonly rules: readonly ForwardRuleSpec[];
  /**
   * Resources the ENIs must be created after (the inbound endpoint's address reservations in the same subnets).
   * @default none
   */
  readonly dependsOn?: readonly Ec2SubnetCidrReservation[];
}

/** Rule id of a domain: stable, Terraform-safe. */
export const ruleKey = (domain: string): string => domain.replace(/\./g, '-');

/** The outbound Resolver endpoint and its FORWARD rules. */
export class OutboundResolver extends Construct {
  readonly endpoint: Route53ResolverEndpoint;
  readonly securityGroup: RuleSecurityGroup;
  /** Rules by domain. */
  readonly rules: ReadonlyMap<string, Route53ResolverRule>;

  constructor(scope: Construct, id: string, props: OutboundResolverProps) {
    super(scope, id);
    const subnetIds = props.vpc.selectSubnets(props.subnets ?? { tiers: ['endpoint'] }).subnetIds;
    checkCount(this, subnetIds.length);
    // Queries leave on the targets' ports (53 unless a rule says otherwise); which addresses they go to
    // is the forwarding rules' and the routes' business (config rule: targets lie in the on-premises ranges).
    const ports = [...new Set(props.rules.flatMap((r) => r.targets.map((t) => t.port)))].sort((a, b) => a - b);
    const rules = untrackedRules(ports.length > 0 ? ports : [53], (p) => `DNS queries over ${p} to the forwarding targets`);
    this.securityGroup = new RuleSecurityGroup(this, 'security-group', {
      name: `${props.name}-outbound`,
      // Unchanged on purpose, as for the inbound group: a new description would replace the endpoint.
      description: 'DNS from the outbound Resolver endpoint to the on-premises resolvers only',
      vpcId: props.vpc.vpcId,
      egress: rules.query,
      ingress: rules.reply,
    });
    this.endpoint = new Route53ResolverEndpoint(this, 'endpoint', {
      name: `${props.name}-outbound`,
      direction: 'OUTBOUND',
      resolverEndpointType: 'IPV4',
      protocols: ['Do53'],
      securityGroupIds: [this.securityGroup.id],
      ipAddress: subnetIds.map((subnetId) => ({ subnetId })),
      tags: { Name: `${props.name}-outbound` },
      // Every forwarding rule, shared with the organization and associated with every spoke VPC, points
      // at it. Retiring it on purpose: docs/retiring-protected-resources.md
      lifecycle: { preventDestroy: true },
      ...(props.dependsOn && props.dependsOn.length > 0 ? { dependsOn: [...props.dependsOn] } : {}),
    });
    this.rules = new Map(
      props.rules.map((r) => [
        r.domain,
        new Route53ResolverRule(this, `rule-${ruleKey(r.domain)}`, {
          name: `${props.name}-${ruleKey(r.domain)}`.slice(0, 64),
          domainName: r.domain,
          ruleType: 'FORWARD',
          resolverEndpointId: this.endpoint.id,
          targetIp: r.targets.map((t) => ({ ip: t.ip, port: t.port })),
          tags: { Name: r.domain },
        }),
      ]),
    );
  }
}
