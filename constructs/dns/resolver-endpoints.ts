/**
 * Route 53 Resolver endpoints in the shared-endpoints VPC. Inbound: on-premises resolvers forward
 * AWS private names to 2-6 ENIs in distinct AZs, reachable on TCP/UDP 53 from the on-premises ranges
 * only. Outbound: FORWARD rules for on-premises domains, shared with the organization through RAM so
 * each spoke can associate them. Every ENI costs per hour, so the ENI count is a config choice.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver.html
 */
import { Construct } from 'constructs';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { RuleSecurityGroup } from '../private/security-group';
import { ValidationError } from '../private/validation-error';

/** One inbound ENI: the subnet of its AZ, and an optional static address. */
export interface ResolverAddress {
  readonly subnetId: string;
  readonly ip?: string;
}

/** Props of {@link InboundResolver}. */
export interface InboundResolverProps {
  readonly name: string;
  readonly vpcId: string;
  /** 2 to 6 addresses, each in a distinct AZ. */
  readonly addresses: readonly ResolverAddress[];
  /** Ranges allowed to query (the on-premises networks). */
  readonly clientRanges: readonly string[];
}

const checkCount = (scope: Construct, n: number) => {
  if (n < 2 || n > 6) throw new ValidationError(scope, `a Resolver endpoint takes 2 to 6 addresses, got ${n}`);
};

/** The inbound Resolver endpoint. */
export class InboundResolver extends Construct {
  readonly endpoint: Route53ResolverEndpoint;
  readonly securityGroup: RuleSecurityGroup;

  constructor(scope: Construct, id: string, props: InboundResolverProps) {
    super(scope, id);
    checkCount(this, props.addresses.length);
    this.securityGroup = new RuleSecurityGroup(this, 'security-group', {
      name: `${props.name}-inbound`,
      description: 'DNS from on-premises resolvers to the inbound Resolver endpoint',
      vpcId: props.vpcId,
      ingress: (['tcp', 'udp'] as const).map((protocol) => ({ protocol, port: 53, cidrs: props.clientRanges, description: `DNS over ${protocol.toUpperCase()} from on-premises` })),
    });
    this.endpoint = new Route53ResolverEndpoint(this, 'endpoint', {
      name: `${props.name}-inbound`,
      direction: 'INBOUND',
      resolverEndpointType: 'IPV4',
      protocols: ['Do53'],
      securityGroupIds: [this.securityGroup.id],
      ipAddress: props.addresses.map((a) => ({ subnetId: a.subnetId, ip: a.ip })),
      tags: { Name: `${props.name}-inbound` },
      // On-premises conditional forwarders point at these addresses; a recreated endpoint may get new
      // ones. Retiring it on purpose: docs/retiring-protected-resources.md
      lifecycle: { preventDestroy: true },
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
  readonly vpcId: string;
  /** One ENI per subnet (2 to 6, distinct AZs). */
  readonly subnetIds: readonly string[];
  readonly rules: readonly ForwardRuleSpec[];
}

/** Rule id of a domain: stable, Terraform-safe. */
export const ruleKey = (domain: string): string => domain.replace(/\./g, '-');

/** The outbound Resolver endpoint and its FORWARD rules. */
export class OutboundResolver extends Construct {
  readonly endpoint: Route53ResolverEndpoint;
  /** Rules by domain. */
  readonly rules: ReadonlyMap<string, Route53ResolverRule>;

  constructor(scope: Construct, id: string, props: OutboundResolverProps) {
    super(scope, id);
    checkCount(this, props.subnetIds.length);
    const targets = [...new Set(props.rules.flatMap((r) => r.targets.map((t) => `${t.ip}/32`)))].sort();
    const group = new RuleSecurityGroup(this, 'security-group', {
      name: `${props.name}-outbound`,
      description: 'DNS from the outbound Resolver endpoint to the on-premises resolvers only',
      vpcId: props.vpcId,
      egress: (['tcp', 'udp'] as const).flatMap((protocol) =>
        [...new Set(props.rules.flatMap((r) => r.targets.map((t) => t.port)))].sort((a, b) => a - b).map((port) => ({ protocol, port, cidrs: targets, description: `DNS over ${protocol.toUpperCase()} to on-premises` })),
      ),
    });
    this.endpoint = new Route53ResolverEndpoint(this, 'endpoint', {
      name: `${props.name}-outbound`,
      direction: 'OUTBOUND',
      resolverEndpointType: 'IPV4',
      protocols: ['Do53'],
      securityGroupIds: [group.id],
      ipAddress: props.subnetIds.map((subnetId) => ({ subnetId })),
      tags: { Name: `${props.name}-outbound` },
      // Every forwarding rule, shared with the organization and associated with every spoke VPC, points
      // at it. Retiring it on purpose: docs/retiring-protected-resources.md
      lifecycle: { preventDestroy: true },
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
