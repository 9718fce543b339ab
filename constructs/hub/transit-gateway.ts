/**
 * The hub Transit Gateway with one route table per segment plus `egress` and `onprem`. Default route
 * table association and propagation are off and shared attachments are never auto-accepted: every
 * attachment is placed in its segment explicitly, from the spoke's own workspace.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html
 */
import { Construct } from 'constructs';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { ValidationError } from '../private/validation-error';

/**
 * Tag key every route table carries with its name (a segment, `egress` or `onprem`): a spoke
 * workspace's narrow hub role may associate and propagate only into the tables its segment allows,
 * conditioned on `ec2:ResourceTag/Segment` (constructs/tfc/spoke-hub-policy.ts).
 */
export const SEGMENT_TAG_KEY = 'Segment';

/** Props of {@link TransitGateway}. */
export interface TransitGatewayProps {
  /** Prefix of Name tags, e.g. `shop`. */
  readonly namePrefix: string;
  /** Amazon-side ASN; changing it replaces the Transit Gateway. */
  readonly asn: number;
  /**
   * Route table names, e.g. segments plus `egress` and `onprem`. Part of the Terraform address:
   * renaming one replaces that route table.
   */
  readonly routeTableNames: readonly string[];
  /**
   * More tags by route table name (e.g. the `Inspection` state of a segment); an in-place update.
   * @default none
   */
  readonly routeTableTags?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A Transit Gateway and its route tables. */
export class TransitGateway extends Construct {
  readonly transitGateway: Ec2TransitGateway;
  readonly transitGatewayId: string;
  /** Route tables by name. */
  readonly routeTables: ReadonlyMap<string, Ec2TransitGatewayRouteTable>;

  constructor(scope: Construct, id: string, props: TransitGatewayProps) {
    super(scope, id);
    const duplicate = props.routeTableNames.find((n, i) => props.routeTableNames.indexOf(n) !== i);
    if (duplicate) throw new ValidationError(this, `route table name "${duplicate}" is used twice`);

    this.transitGateway = new Ec2TransitGateway(this, 'tgw', {
      description: `${props.namePrefix} landing zone hub`,
      amazonSideAsn: props.asn,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      multicastSupport: 'disable',
      tags: { Name: `${props.namePrefix}-tgw` },
      // Every spoke attachment, route table and the Direct Connect association hang off it: a plan that
      // destroys it (destroy, a forced replacement, a changed address) must fail. Retiring it on purpose:
      // docs/retiring-protected-resources.md
      lifecycle: { preventDestroy: true },
    });
    this.transitGatewayId = this.transitGateway.id;
    this.routeTables = new Map(
      props.routeTableNames.map((name) => [
        name,
        new Ec2TransitGatewayRouteTable(this, `rt-${name}`, { transitGatewayId: this.transitGateway.id, tags: { Name: `${props.namePrefix}-${name}`, [SEGMENT_TAG_KEY]: name, ...props.routeTableTags?.[name] } }),
      ]),
    );
  }

  /** The route table of a segment (or `egress` / `onprem`). */
  routeTable(name: string): Ec2TransitGatewayRouteTable {
    const rt = this.routeTables.get(name);
    if (!rt) throw new ValidationError(this, `no route table "${name}" (have: ${[...this.routeTables.keys()].join(', ')})`);
    return rt;
  }
}
