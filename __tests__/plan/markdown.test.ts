/** The pull-request comment and the terminal text rendered from plan summaries. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAcknowledgement } from '../../plan/acknowledgement';
import { renderPlanSummaryMarkdown } from '../../plan/markdown';
import { PlanSummary, summarizePlan } from '../../plan/summary';
import { renderPlanSummaryText } from '../../plan/text';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plans');
const summary = (file: string, stack: string): PlanSummary => summarizePlan(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')), stack);

const HEADER = '| create | update | replace | delete | move | import | forget | read | no-op |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';

describe('renderPlanSummaryMarkdown', () => {
  const everyAction = summary('documented-every-action.json', 'shop-hub');
  const noChanges = summary('documented-no-changes.json', 'shop-log-archive');

  test('a table per stack, then each connectivity-impacting address with action, cause and why', () => {
    expect(renderPlanSummaryMarkdown([everyAction, noChanges])).toBe(
      [
        '## Terraform plan summary',
        '',
        '❌ 5 connectivity-impacting changes in shop-hub: review them, then re-run with `--allow-connectivity-impact` if they are intended.',
        '',
        '### `shop-hub` ⚠',
        '',
        HEADER,
        '| 1 | 2 | 5 | 3 | 2 | 1 | 1 | 1 | 3 |',
        '',
        '**⚠ connectivity-impacting** (5)',
        '',
        '- `aws_route53_resolver_endpoint.resolver-inbound_endpoint_3516CAE3` — **replace** (forced by `security_group_ids`): a Route 53 Resolver endpoint: on-premises lookups of AWS private names (inbound) or AWS lookups of on-premises names (outbound) fail, and inbound addresses may change',
        '- `aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0` — **replace** (forced by `customer_gateway_id`): a Site-to-Site VPN connection: both tunnels go down, and a new one has new outside addresses and keys the data center must configure',
        '- `aws_ec2_transit_gateway_route.segment-nonprod-egress_blackhole-10-0-0-0-8_83E7AA97` — **delete** (removed from the configuration; renamed without a `moved` block?): a static Transit Gateway route: a default route to egress disappears, or an isolating blackhole stops blocking',
        '- `aws_nat_gateway.egress_vpc_nat-public-2_46AB7B0B` — **replace** (forced by `subnet_id`; moved from `aws_nat_gateway.egress_nat-public-2_11111111`): a NAT gateway: internet egress of every subnet routed to it stops',
        '- `aws_eip.egress_vpc_nat-eip-public-3_9DE057E5` — **delete** (deposed object 00000001, left by an earlier create_before_destroy): an Elastic IP: a NAT gateway or VPN address changes, so allowlists outside AWS stop matching',
        '',
        '**Other replacements, deletions and forgets** (4)',
        '',
        '- `aws_route53_zone.endpoint-zones_zone-kms_02B17579` — **forget** (removed from state only; the object stays in AWS)',
        '- `aws_route53_zone.endpoint-zones_zone-logs_9B95E0B6` — **replace** (the old object stays in AWS, unmanaged)',
        '- `aws_security_group.resolver-inbound_security-group_sg_4D5931D2` — **replace** (forced by `name`)',
        '- `aws_flow_log.egress-flow-logs_flow-log_0C013B70` — **delete** (removed from the configuration; renamed without a `moved` block?)',
        '',
        '**Moved** (2, kept in place by a `moved` block)',
        '',
        '- `aws_flow_log.tgw_flow-log_0A1B2C3D` → `aws_flow_log.tgw-flow-logs_flow-log_EDAA2CBA`',
        '- `aws_nat_gateway.egress_nat-public-2_11111111` → `aws_nat_gateway.egress_vpc_nat-public-2_46AB7B0B` (then **replace**)',
        '',
        '### `shop-log-archive`',
        '',
        HEADER,
        '| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
        '',
      ].join('\n'),
    );
  });

  test('the verdict: allowed impact, no impact, several stacks', () => {
    const prod = summary('real-spoke-prod-resegment-rename.json', 'shop-spoke-shop-prod');
    const dev = summary('real-spoke-dev-tags.json', 'shop-spoke-shop-dev');
    const verdictLine = (md: string) => md.split('\n')[2];
    expect(verdictLine(renderPlanSummaryMarkdown([prod, dev], { allowConnectivityImpact: true }))).toBe(
      '⚠ 5 connectivity-impacting changes in shop-spoke-shop-prod, allowed with `--allow-connectivity-impact`.',
    );
    expect(verdictLine(renderPlanSummaryMarkdown([dev, noChanges]))).toBe('✅ no connectivity-impacting change in 2 stacks.');
    expect(verdictLine(renderPlanSummaryMarkdown([prod, everyAction]))).toBe(
      '❌ 10 connectivity-impacting changes in shop-spoke-shop-prod (5), shop-hub (5): review them, then re-run with `--allow-connectivity-impact` if they are intended.',
    );
  });

  test('an acknowledgement file: acknowledged changes marked, the rest still fail, typos listed, and a file for another pull request noted', () => {
    const hub = everyAction;
    const ack = parseAcknowledgement(
      [
        'pullRequest: 7',
        'reason: replace the backup VPN (CHG-9)',
        'stacks:',
        '  shop-hub:',
        '    - aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0',
        '    - aws_route.typo',
        '  shop-spoke-shop-dev:',
        '    - aws_route.not_in_this_run',
        '',
      ].join('\n'),
      'connectivity-ack.yaml',
    );
    const md = renderPlanSummaryMarkdown([hub], { acknowledgement: ack, pullRequest: 7 });
    expect(md.split('\n')[2]).toBe(
      '❌ 5 connectivity-impacting changes in shop-hub, 4 not acknowledged in connectivity-ack.yaml (pull request #7): review them, then add them to it or re-run with `--allow-connectivity-impact` if they are intended.',
    );
    expect(md).toContain(
      '- `aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0` — **replace**, acknowledged (forced by `customer_gateway_id`): a Site-to-Site VPN connection: both tunnels go down',
    );
    expect(md).toContain('- `aws_ec2_transit_gateway_route.segment-nonprod-egress_blackhole-10-0-0-0-8_83E7AA97` — **delete** (removed');
    // Only stacks of this run: shop-spoke-shop-dev was not summarized here.
    expect(md).toContain('**Acknowledged but not replaced or deleted by this plan** (1: a typo, or no longer needed)\n\n- `aws_route.typo`\n');
    expect(md).not.toContain('not_in_this_run');
    const other = renderPlanSummaryMarkdown([hub], { acknowledgement: ack, pullRequest: 8 });
    expect(other.split('\n').slice(2, 5)).toEqual([
      '❌ 5 connectivity-impacting changes in shop-hub: review them, then re-run with `--allow-connectivity-impact` if they are intended (connectivity-ack.yaml acknowledges pull request #7, not #8).',
      '',
      '_connectivity-ack.yaml acknowledges pull request #7, not #8: it acknowledges nothing here (delete it or update it)._',
    ]);
    expect(other).not.toContain(', acknowledged');
  });

  test('real moved plan: the moves are listed and nothing is flagged', () => {
    const md = renderPlanSummaryMarkdown([summary('real-spoke-prod-rename-moved.json', 'shop-spoke-shop-prod')]);
    expect(md).toContain('| 0 | 1 | 0 | 0 | 2 | 0 | 0 | 0 | 133 |');
    expect(md).toContain('- `aws_subnet.app-vpc_subnet-db-2_2BAF95AD` → `aws_subnet.app-vpc_subnet-db-b_1286C2CB` (then **update**)');
    expect(md).not.toContain('connectivity-impacting**');
  });

  test('an address holding a backtick stays one code span', () => {
    const s: PlanSummary = { ...noChanges, connectivityImpacts: [{ ...everyAction.connectivityImpacts[2], address: 'aws_route.r["a`b"]' }] };
    expect(renderPlanSummaryMarkdown([s])).toContain('- `` aws_route.r["a`b"] `` — **delete**');
  });

  test('an incomplete plan says so', () => {
    expect(renderPlanSummaryMarkdown([{ ...noChanges, complete: false }])).toContain('_The plan is incomplete: Terraform deferred some changes to a later plan, which this summary cannot show._');
  });
});

describe('renderPlanSummaryText', () => {
  test('counts, each flagged change with why, and the verdict last', () => {
    const text = renderPlanSummaryText([summary('real-spoke-prod-resegment-rename.json', 'shop-spoke-shop-prod')]);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'shop-spoke-shop-prod: 3 create, 0 update, 2 replace, 3 delete, 0 move, 0 import, 0 forget, 0 read, 129 no-op',
      '  ⚠ connectivity-impacting (5):',
      '    replace aws_ec2_client_vpn_network_association.client-vpn_association-172-16-144-0-20_FC966DDE  (forced by subnet_id)',
      '        why: a Client VPN subnet association: clients lose that path into the VPC (with none left, the endpoint is unavailable)',
    ]);
    expect(text).toContain('    delete  aws_subnet.app-vpc_subnet-db-2_2BAF95AD  (removed from the configuration; renamed without a `moved` block?)\n');
    expect(text.trimEnd().split('\n').pop()).toBe('FAIL: 5 connectivity-impacting changes in shop-spoke-shop-prod: review them, then re-run with --allow-connectivity-impact if they are intended');
    expect(renderPlanSummaryText([summary('real-spoke-dev-tags.json', 'shop-spoke-shop-dev')], false)).toBe(
      'shop-spoke-shop-dev: 0 create, 38 update, 0 replace, 0 delete, 0 move, 0 import, 0 forget, 0 read, 43 no-op\nok: no connectivity-impacting change in 1 stack\n',
    );
  });
});
