/**
 * LZ-TGW04: an attachment accepter runs in another account than the attachment it accepts.
 *
 * AcceptTransitGatewayVpcAttachment needs the attachment in the pendingAcceptance state, which only an
 * attachment from another account to a shared Transit Gateway enters; the owner's own attachment needs
 * no acceptance, so an accepter in the attachment's own account fails the apply.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment_accepter
 *
 * A resource's account is the single `allowed_account_ids` entry of the provider block it uses (every
 * stack of this landing zone pins one); without it the account cannot be known offline.
 */
import type { ResourceGraph, TfResource } from '../../graph/types';
import { finding } from '../helpers/findings';
import type { Rule, Violation } from '../types';

const ACCEPTER = 'aws_ec2_transit_gateway_vpc_attachment_accepter';
const ATTACHMENT = 'aws_ec2_transit_gateway_vpc_attachment';
const CLAIM = 'the accepter runs in another account than its attachment';

/** The account a resource's provider block pins, or why it cannot be known. */
export function providerAccount(graph: ResourceGraph, resource: TfResource): { readonly account: string } | { readonly reason: string } {
  const stack = graph.stacks.find((s) => s.name === resource.stack);
  const alias = resource.provider?.replace(/^aws\./, '');
  const block = stack?.providers.find((p) => (typeof p.alias === 'string' ? p.alias : undefined) === alias);
  const label = resource.provider ?? 'aws';
  if (!block) return { reason: `provider ${label} of ${resource.stack} is not in the synthesized output` };
  const ids = block.allowed_account_ids;
  if (!Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== 'string' || !/^\d{12}$/.test(ids[0])) {
    return { reason: `provider ${label} of ${resource.stack} pins no single account (allowed_account_ids)` };
  }
  return { account: ids[0] };
}

/** Rule LZ-TGW04: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-TGW04',
  title: 'Transit Gateway attachment accepters run in the Transit Gateway account, never in the account that made the attachment',
  why: 'AWS accepts only an attachment in pendingAcceptance, which the Transit Gateway owner\'s own attachments never enter: an accepter in the attachment\'s account (a spoke in the hub account) fails the first apply.',
  level: 'error',
  suppressible: true,
  mappings: {},
  appliesTo: [ACCEPTER],
  check(graph) {
    const out: Violation[] = [];
    for (const accepter of graph.byType(ACCEPTER)) {
      const attachment = graph.deref(accepter.attrs.transit_gateway_attachment_id);
      if (!attachment || attachment.type !== ATTACHMENT) {
        out.push({ resource: accepter, message: `cannot prove ${CLAIM}: transit_gateway_attachment_id names no ${ATTACHMENT} of the synthesized output`, unknown: true });
        continue;
      }
      const mine = providerAccount(graph, accepter);
      const theirs = providerAccount(graph, attachment);
      if ('reason' in mine || 'reason' in theirs) {
        out.push({ resource: accepter, message: `cannot prove ${CLAIM}: ${'reason' in mine ? mine.reason : (theirs as { reason: string }).reason}`, unknown: true });
        continue;
      }
      if (mine.account === theirs.account) {
        out.push(finding(accepter, `accepts ${attachment.address} in account ${mine.account}, the account that creates it: AWS never puts that attachment in pendingAcceptance, so the accept fails`));
      }
    }
    return out;
  },
};
