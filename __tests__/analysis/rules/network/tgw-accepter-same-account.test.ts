import { Graph, ref } from '../../../../analysis/graph/graph';
import type { StackInfo } from '../../../../analysis/graph/types';
import { rule } from '../../../../analysis/rules/network/tgw-accepter-same-account';
import { resource } from '../../../helpers/rule-fixtures';

/** A spoke stack whose default provider pins `spoke` and whose `hub` alias pins `hub`. */
const stack = (spoke: unknown, hub: unknown): StackInfo => ({
  name: 'spoke',
  dependencies: [],
  file: 'stacks/spoke/cdk.tf.json',
  providers: [
    { region: 'ap-northeast-2', ...(spoke === undefined ? {} : { allowed_account_ids: spoke }) },
    { alias: 'hub', region: 'ap-northeast-2', ...(hub === undefined ? {} : { allowed_account_ids: hub }) },
  ],
});
const attachment = resource('spoke', 'aws_ec2_transit_gateway_vpc_attachment', 'att', { transit_gateway_id: 'tgw-1', vpc_id: 'vpc-1' });
const accepter = (target: unknown = ref(attachment.id)) => resource('spoke', 'aws_ec2_transit_gateway_vpc_attachment_accepter', 'acc', { transit_gateway_attachment_id: target as never }, { provider: 'aws.hub' });
const run = (info: StackInfo, ...resources: ReturnType<typeof resource>[]) =>
  rule.check(new Graph([info], resources)).map((v) => ({ resource: v.resource.id, message: v.message, ...(v.unknown ? { unknown: true } : {}) }));

describe('LZ-TGW04 attachment accepters run in another account than the attachment', () => {
  it('passes the spoke-and-hub layout: the attachment in the spoke account, the accepter in the hub account', () => {
    expect(run(stack(['333333333333'], ['111111111111']), attachment, accepter())).toEqual([]);
  });

  it('reports an accepter in the account that creates the attachment (a spoke in the hub account)', () => {
    expect(run(stack(['111111111111'], ['111111111111']), attachment, accepter())).toEqual([
      {
        resource: 'spoke:aws_ec2_transit_gateway_vpc_attachment_accepter.acc',
        message: 'accepts aws_ec2_transit_gateway_vpc_attachment.att in account 111111111111, the account that creates it: AWS never puts that attachment in pendingAcceptance, so the accept fails',
      },
    ]);
  });

  it('cannot prove it without a pinned account, or without the attachment', () => {
    expect(run(stack(undefined, ['111111111111']), attachment, accepter())).toEqual([
      { resource: 'spoke:aws_ec2_transit_gateway_vpc_attachment_accepter.acc', message: 'cannot prove the accepter runs in another account than its attachment: provider aws of spoke pins no single account (allowed_account_ids)', unknown: true },
    ]);
    expect(run(stack(['333333333333'], ['111111111111', '222222222222']), attachment, accepter())).toEqual([
      { resource: 'spoke:aws_ec2_transit_gateway_vpc_attachment_accepter.acc', message: 'cannot prove the accepter runs in another account than its attachment: provider aws.hub of spoke pins no single account (allowed_account_ids)', unknown: true },
    ]);
    expect(run(stack(['333333333333'], ['111111111111']), accepter('tgw-attach-0123456789abcdef0'))).toEqual([
      {
        resource: 'spoke:aws_ec2_transit_gateway_vpc_attachment_accepter.acc',
        message: 'cannot prove the accepter runs in another account than its attachment: transit_gateway_attachment_id names no aws_ec2_transit_gateway_vpc_attachment of the synthesized output',
        unknown: true,
      },
    ]);
  });

  it('finds nothing to check without accepters', () => {
    expect(run(stack(['111111111111'], ['111111111111']), attachment)).toEqual([]);
  });
});
