/**
 * What a spoke workspace may do in the hub account: the hub-side half of its own connection and
 * nothing else, instead of the hub's full deployment role. One role per spoke (apply) and its
 * read-only twin (plan). Which resource types and condition keys each action supports comes from the
 * Service Authorization Reference:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html
 *
 * - Published values: `ssm:GetParameter(s)` on the hub's path only.
 * - Its attachment: the hub-side attachment carries the spoke stack's `Stack` default tag (the spoke's
 *   `hub` provider sets it when accepting), so every later action on it is conditioned on
 *   `ec2:ResourceTag/Stack = <spoke stack>`. Before acceptance the attachment has no hub-side tags and
 *   its id exists only once the spoke created it, so IAM has no condition that pins acceptance to this
 *   spoke's attachment: acceptance is open to any attachment of the hub account's Region, and the
 *   first tagging must claim the untagged attachment with the spoke's own `Stack` value.
 * - Route tables (`transit-gateway-route-table`, each tagged `Segment=<name>` by the hub): association
 *   only into the spoke's segment table, propagation only into the tables its segment propagates to
 *   (config/transit-routing.ts `propagationTargets`). Disassociation and disabling a propagation only ever
 *   detach the spoke's own attachment, from any landing-zone table: the tables a spoke leaves (a new
 *   segment, a dropped peer) are by definition no longer its current ones, and the attachment is a
 *   resource of both actions (required for DisassociateTransitGatewayRouteTable, named in the request
 *   of DisableTransitGatewayRouteTablePropagation), so its `Stack` condition applies.
 * - Hosted zones: Route 53 supports no tag condition on VPC association authorizations; its only
 *   condition key, `route53:VPCs`, would need the spoke VPC's id, which exists only after the spoke's
 *   own apply. So the authorizations are scoped by resource type (`hostedzone/*`): any private hosted
 *   zone of the hub account.
 *
 * Reads without resource-level permissions (Describe/Get/List of Transit Gateway objects) take `*`.
 */
import { AwsPartition } from '../private/aws-partition';
import { PolicyDocument, PolicyStatement, policyDocument } from '../logging/policy';
import { parametersUnder } from './deploy-policy';

/** Props of {@link spokeHubPolicy} and {@link spokeHubReadPolicy}. */
export interface SpokeHubPolicyProps {
  readonly partition: AwsPartition;
  readonly region: string;
  /** The hub account. */
  readonly hubAccount: string;
  /** `/landing-zone/<name>/hub`: what the hub publishes. */
  readonly hubPublishedPath: string;
  /** Tag key and value the spoke's hub provider puts on its hub-side attachment: `Stack` = the spoke stack's name. */
  readonly ownerTag: { readonly key: string; readonly value: string };
  /** Tag key of the hub's route tables that holds their name (`Segment`). */
  readonly routeTableTagKey: string;
  /** The table the spoke's attachment is associated with: its segment. */
  readonly associateWith: string;
  /** The tables its attachment propagates into. */
  readonly propagateTo: readonly string[];
}

/** Transit Gateway reads the refresh of the accepter, association and propagations needs; none supports resource-level permissions. */
const TRANSIT_GATEWAY_READS = [
  'ec2:DescribeTransitGateways',
  'ec2:DescribeTransitGatewayAttachments',
  'ec2:DescribeTransitGatewayVpcAttachments',
  'ec2:DescribeTransitGatewayRouteTables',
  'ec2:GetTransitGatewayRouteTableAssociations',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ec2:GetTransitGatewayAttachmentPropagations',
];

/** Statements both twins share: the published values, the Transit Gateway reads, the authorizations listed. */
function readStatements(p: SpokeHubPolicyProps): PolicyStatement[] {
  return [
    { Sid: 'ReadHubPublishedValues', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: parametersUnder(p.partition, p.region, p.hubAccount, p.hubPublishedPath) },
    { Sid: 'ReadTransitGateway', Effect: 'Allow', Action: TRANSIT_GATEWAY_READS, Resource: '*' },
    { Sid: 'ReadZoneAuthorizations', Effect: 'Allow', Action: 'route53:ListVPCAssociationAuthorizations', Resource: `arn:${p.partition}:route53:::hostedzone/*` },
  ];
}

/** The apply role of a spoke workspace in the hub account. */
export function spokeHubPolicy(p: SpokeHubPolicyProps): PolicyDocument {
  const attachments = `arn:${p.partition}:ec2:${p.region}:${p.hubAccount}:transit-gateway-attachment/*`;
  const routeTables = `arn:${p.partition}:ec2:${p.region}:${p.hubAccount}:transit-gateway-route-table/*`;
  const owned = { StringEquals: { [`ec2:ResourceTag/${p.ownerTag.key}`]: p.ownerTag.value } };
  const tables = (names: readonly string[]) => ({ StringEquals: { [`ec2:ResourceTag/${p.routeTableTagKey}`]: [...new Set(names)] } });
  const statements: PolicyStatement[] = [
    ...readStatements(p),
    // No condition can name this spoke's attachment before it is accepted and tagged (see the file comment).
    { Sid: 'AcceptAttachments', Effect: 'Allow', Action: 'ec2:AcceptTransitGatewayVpcAttachment', Resource: attachments },
    {
      Sid: 'ClaimUntaggedAttachment',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: attachments,
      Condition: { Null: { [`aws:ResourceTag/${p.ownerTag.key}`]: 'true' }, StringEquals: { [`aws:RequestTag/${p.ownerTag.key}`]: p.ownerTag.value } },
    },
    // Its own attachment's tags may change, but never its owner tag.
    {
      Sid: 'TagOwnAttachment',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: attachments,
      Condition: { ...owned, StringEqualsIfExists: { [`aws:RequestTag/${p.ownerTag.key}`]: p.ownerTag.value } },
    },
    { Sid: 'UntagOwnAttachment', Effect: 'Allow', Action: 'ec2:DeleteTags', Resource: attachments, Condition: { ...owned, 'ForAllValues:StringNotEquals': { 'aws:TagKeys': [p.ownerTag.key] } } },
    // Destroying the accepter deletes the attachment (the provider calls DeleteTransitGatewayVpcAttachment).
    {
      Sid: 'ManageOwnAttachment',
      Effect: 'Allow',
      Action: [
        'ec2:DeleteTransitGatewayVpcAttachment',
        'ec2:AssociateTransitGatewayRouteTable',
        'ec2:DisassociateTransitGatewayRouteTable',
        'ec2:EnableTransitGatewayRouteTablePropagation',
        'ec2:DisableTransitGatewayRouteTablePropagation',
      ],
      Resource: attachments,
      Condition: owned,
    },
    { Sid: 'AssociateWithOwnSegment', Effect: 'Allow', Action: 'ec2:AssociateTransitGatewayRouteTable', Resource: routeTables, Condition: tables([p.associateWith]) },
    ...(p.propagateTo.length > 0 ? [{ Sid: 'PropagateIntoSegmentTargets', Effect: 'Allow' as const, Action: 'ec2:EnableTransitGatewayRouteTablePropagation', Resource: routeTables, Condition: tables(p.propagateTo) }] : []),
    // Removal only detaches its own attachment (ManageOwnAttachment), from any landing-zone table.
    {
      Sid: 'DetachFromLandingZoneTables',
      Effect: 'Allow',
      Action: ['ec2:DisassociateTransitGatewayRouteTable', 'ec2:DisableTransitGatewayRouteTablePropagation'],
      Resource: routeTables,
      Condition: { Null: { [`ec2:ResourceTag/${p.routeTableTagKey}`]: 'false' } },
    },
    // Route 53 has no tag condition for these, and route53:VPCs would need the not-yet-created VPC id: by resource type.
    { Sid: 'AuthorizeZoneAssociations', Effect: 'Allow', Action: ['route53:CreateVPCAssociationAuthorization', 'route53:DeleteVPCAssociationAuthorization'], Resource: `arn:${p.partition}:route53:::hostedzone/*` },
  ];
  return policyDocument(statements);
}

/** The plan role of a spoke workspace in the hub account: the reads of {@link spokeHubPolicy} only. */
export function spokeHubReadPolicy(p: SpokeHubPolicyProps): PolicyDocument {
  return policyDocument(readStatements(p));
}
