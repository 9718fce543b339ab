/**
 * summarizePlan over real Terraform plans of the default config (made offline, see
 * __tests__/fixtures/plans/README.md) and over plans built from the documented JSON format.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONNECTIVITY_TYPES, formatAttributePath, PlanSummary, stackFromPlan, summarizePlan } from '../../plan/summary';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plans');
const fixture = (name: string): any => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
const impacts = (s: PlanSummary) => s.connectivityImpacts.map((c) => [c.action, c.address]);
const ZERO = { create: 0, update: 0, replace: 0, delete: 0, forget: 0, move: 0, import: 0, read: 0, noOp: 0 };

/** A minimal plan in the documented format with the given resource changes. */
function plan(changes: { address: string; actions: string[]; mode?: string; previous_address?: string }[]): unknown {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: c.mode ?? 'managed',
      type: c.address.replace(/^data\./, '').split('.')[0],
      name: c.address.split('.').pop(),
      provider_name: 'registry.terraform.io/hashicorp/aws',
      ...(c.previous_address ? { previous_address: c.previous_address } : {}),
      change: { actions: c.actions, before: null, after: null },
    })),
    applyable: true,
    complete: true,
    errored: false,
  };
}

describe('summarizePlan: real Terraform plans of the default config', () => {
  test('segment change and subnet rename in shop-prod: exact counts and the five connectivity-impacting changes', () => {
    const s = summarizePlan(fixture('real-spoke-prod-resegment-rename.json'), 'shop-spoke-shop-prod');
    expect(s.counts).toEqual({ ...ZERO, create: 3, replace: 2, delete: 3, noOp: 129 });
    expect(s.connectivityImpacts.map((c) => [c.action, c.address, c.replacePaths, c.reason ?? ''])).toEqual([
      ['replace', 'aws_ec2_client_vpn_network_association.client-vpn_association-172-16-144-0-20_FC966DDE', ['subnet_id'], 'replace_because_cannot_update'],
      ['replace', 'aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C', ['transit_gateway_route_table_id'], 'replace_because_cannot_update'],
      ['delete', 'aws_ec2_transit_gateway_route_table_propagation.tgw-attachment_propagation-prod_7FAA2660', [], 'delete_because_no_resource_config'],
      ['delete', 'aws_route_table_association.app-vpc_rta-db-2_B9AC7D8D', [], 'delete_because_no_resource_config'],
      ['delete', 'aws_subnet.app-vpc_subnet-db-2_2BAF95AD', [], 'delete_because_no_resource_config'],
    ]);
    expect(s.connectivityImpacts[2].why).toBe(CONNECTIVITY_TYPES.aws_ec2_transit_gateway_route_table_propagation);
    // The creates that go with them are connectivity types too, and are not flagged.
    expect(s.changes.filter((c) => c.action === 'create').map((c) => c.address)).toEqual([
      'aws_ec2_transit_gateway_route_table_propagation.tgw-attachment_propagation-nonprod_33EAB7D5',
      'aws_route_table_association.app-vpc_rta-db-b_34E7C4FC',
      'aws_subnet.app-vpc_subnet-db-b_1286C2CB',
    ]);
  });

  test('the same rename with moved blocks: two moves and an update, nothing flagged', () => {
    const s = summarizePlan(fixture('real-spoke-prod-rename-moved.json'), 'shop-spoke-shop-prod');
    expect(s.counts).toEqual({ ...ZERO, update: 1, move: 2, noOp: 133 });
    expect(s.connectivityImpacts).toEqual([]);
    expect(s.changes.map((c) => [c.action, c.previousAddress, c.address])).toEqual([
      ['no-op', 'aws_route_table_association.app-vpc_rta-db-2_B9AC7D8D', 'aws_route_table_association.app-vpc_rta-db-b_34E7C4FC'],
      ['update', 'aws_subnet.app-vpc_subnet-db-2_2BAF95AD', 'aws_subnet.app-vpc_subnet-db-b_1286C2CB'],
    ]);
  });

  test('first deployment of the hub: creates of every connectivity type are not flagged', () => {
    const s = summarizePlan(fixture('real-hub-create.json'), 'shop-hub');
    expect(s.counts).toEqual({ ...ZERO, create: 162, read: 1 });
    expect(s.connectivityImpacts).toEqual([]);
    const created = new Set(s.changes.filter((c) => c.action === 'create').map((c) => c.type));
    for (const t of ['aws_ec2_transit_gateway', 'aws_ec2_transit_gateway_route', 'aws_dx_gateway_association', 'aws_vpn_connection', 'aws_route53_resolver_endpoint', 'aws_nat_gateway', 'aws_route53_zone_association']) {
      expect(created).toContain(t);
    }
    expect(s.changes.filter((c) => c.action === 'read').map((c) => c.address)).toEqual(['data.aws_ec2_transit_gateway_dx_gateway_attachment.direct-connect_attachment_DF33F6E1']);
  });

  test('a tag change in shop-dev: 38 in-place updates (attachment, subnets, VPC among them), nothing flagged', () => {
    const s = summarizePlan(fixture('real-spoke-dev-tags.json'), 'shop-spoke-shop-dev');
    expect(s.counts).toEqual({ ...ZERO, update: 38, noOp: 43 });
    expect(s.connectivityImpacts).toEqual([]);
    expect(s.changes.filter((c) => ['aws_ec2_transit_gateway_vpc_attachment', 'aws_vpc', 'aws_subnet'].includes(c.type))).toHaveLength(10);
  });

  test('first deployment of the log archive: 9 creates', () => {
    expect(summarizePlan(fixture('real-log-archive-create.json'), 'shop-log-archive').counts).toEqual({ ...ZERO, create: 9 });
  });

  test('every real connectivity resource of the hub is flagged when replaced, and nothing else', () => {
    const p = fixture('real-hub-create.json');
    for (const rc of p.resource_changes) if (rc.mode === 'managed') rc.change.actions = ['delete', 'create'];
    const s = summarizePlan(p, 'shop-hub');
    const byType = (list: readonly { type: string }[]) => list.reduce<Record<string, number>>((m, c) => ({ ...m, [c.type]: (m[c.type] ?? 0) + 1 }), {});
    expect(byType(s.connectivityImpacts)).toEqual({
      aws_customer_gateway: 1,
      aws_dx_gateway: 1,
      aws_dx_gateway_association: 1,
      aws_dx_transit_virtual_interface: 1,
      aws_ec2_transit_gateway: 1,
      aws_ec2_transit_gateway_route: 12,
      aws_ec2_transit_gateway_route_table: 5,
      aws_ec2_transit_gateway_route_table_association: 4,
      aws_ec2_transit_gateway_route_table_propagation: 10,
      aws_ec2_transit_gateway_vpc_attachment: 2,
      aws_eip: 3,
      aws_internet_gateway: 1,
      aws_nat_gateway: 3,
      aws_ram_principal_association: 3,
      aws_ram_resource_association: 3,
      aws_ram_resource_share: 3,
      aws_route: 16,
      aws_route53_resolver_endpoint: 2,
      aws_route53_resolver_rule: 1,
      aws_route53_zone: 8,
      aws_route53_zone_association: 8,
      aws_route_table: 10,
      aws_route_table_association: 12,
      aws_subnet: 12,
      aws_vpc: 2,
      aws_vpc_endpoint: 8,
      aws_vpn_connection: 1,
    });
    const flagged = new Set(s.connectivityImpacts.map((c) => c.address));
    const unflagged = s.changes.filter((c) => c.mode === 'managed' && !flagged.has(c.address));
    expect(Object.keys(byType(unflagged)).sort()).toEqual([
      'aws_default_security_group',
      'aws_flow_log',
      'aws_route53_record',
      'aws_route53_resolver_query_log_config',
      'aws_route53_resolver_query_log_config_association',
      'aws_security_group',
      'aws_vpc_security_group_egress_rule',
      'aws_vpc_security_group_ingress_rule',
    ]);
    expect(s.counts.replace).toBe(162);
  });
});

describe('summarizePlan: every documented action', () => {
  const s = summarizePlan(fixture('documented-every-action.json'), 'shop-hub');

  test('counts each action, moves and imports exactly', () => {
    expect(s.counts).toEqual({ create: 1, update: 2, replace: 5, delete: 3, forget: 1, move: 2, import: 1, read: 1, noOp: 3 });
    expect(s.terraformVersion).toBe('1.11.4');
    expect(s.formatVersion).toBe('1.2');
    expect(s.complete).toBe(true);
  });

  test('flags replacements (either order) and deletions of connectivity types, deposed and moved ones included', () => {
    expect(s.connectivityImpacts.map((c) => [c.action, c.actions.join(','), c.address, c.previousAddress ?? '', c.deposed ?? '', c.replacePaths.join(' ')])).toEqual([
      ['replace', 'delete,create', 'aws_route53_resolver_endpoint.resolver-inbound_endpoint_3516CAE3', '', '', 'security_group_ids'],
      ['replace', 'create,delete', 'aws_vpn_connection.vpn_vpn-dc-backup_84BEE3C0', '', '', 'customer_gateway_id'],
      ['delete', 'delete', 'aws_ec2_transit_gateway_route.segment-nonprod-egress_blackhole-10-0-0-0-8_83E7AA97', '', '', ''],
      ['replace', 'delete,create', 'aws_nat_gateway.egress_vpc_nat-public-2_46AB7B0B', 'aws_nat_gateway.egress_nat-public-2_11111111', '', 'subnet_id'],
      ['delete', 'delete', 'aws_eip.egress_vpc_nat-eip-public-3_9DE057E5', '', '00000001', ''],
    ]);
  });

  test('does not flag creates, updates, no-ops, reads, forgets or ["create","forget"] (nothing is destroyed)', () => {
    const flagged = new Set(s.connectivityImpacts.map((c) => c.address));
    const notFlagged = s.changes.filter((c) => !flagged.has(c.address)).map((c) => `${c.actions.join(',')} ${c.address}`);
    expect(notFlagged).toEqual([
      'create aws_ec2_transit_gateway_route.segment-prod-egress_default_012C4591',
      'update aws_nat_gateway.egress_vpc_nat-public-1_97DC4B6E',
      'update aws_vpc_endpoint.interface-endpoints_endpoint-ssm_E1CBA3EC',
      'read data.aws_ec2_transit_gateway_dx_gateway_attachment.direct-connect_attachment_DF33F6E1',
      'forget aws_route53_zone.endpoint-zones_zone-kms_02B17579',
      'create,forget aws_route53_zone.endpoint-zones_zone-logs_9B95E0B6',
      'no-op aws_flow_log.tgw-flow-logs_flow-log_EDAA2CBA',
      'no-op aws_route53_record.endpoint-zones_record-kms-apex_A51DF876',
      'delete,create aws_security_group.resolver-inbound_security-group_sg_4D5931D2',
      'delete aws_flow_log.egress-flow-logs_flow-log_0C013B70',
    ]);
    // The plain no-op (the Transit Gateway itself) is not listed at all.
    expect(s.changes.map((c) => c.address)).not.toContain('aws_ec2_transit_gateway.transit-gateway_tgw_FCB4C2ED');
  });

  test('a move is a move, not a replacement; an import is marked', () => {
    const moved = s.changes.find((c) => c.address === 'aws_flow_log.tgw-flow-logs_flow-log_EDAA2CBA');
    expect(moved).toMatchObject({ action: 'no-op', previousAddress: 'aws_flow_log.tgw_flow-log_0A1B2C3D', importing: false });
    expect(s.changes.find((c) => c.address === 'aws_route53_record.endpoint-zones_record-kms-apex_A51DF876')).toMatchObject({ action: 'no-op', importing: true });
  });

  test('a plan with no changes (no resource_changes at all) summarizes to zeros', () => {
    const empty = summarizePlan(fixture('documented-no-changes.json'), 'x');
    expect(empty.counts).toEqual(ZERO);
    expect(empty.changes).toEqual([]);
  });
});

describe('summarizePlan: each connectivity type', () => {
  const types = Object.keys(CONNECTIVITY_TYPES);

  test('covers the types the issue and the landing zone need', () => {
    for (const t of [
      'aws_route', 'aws_route_table', 'aws_route_table_association', 'aws_ec2_transit_gateway', 'aws_ec2_transit_gateway_route',
      'aws_ec2_transit_gateway_route_table', 'aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation',
      'aws_ec2_transit_gateway_vpc_attachment', 'aws_ec2_transit_gateway_vpc_attachment_accepter', 'aws_dx_gateway', 'aws_dx_gateway_association',
      'aws_dx_transit_virtual_interface', 'aws_vpn_connection', 'aws_route53_resolver_endpoint', 'aws_route53_resolver_rule_association',
      'aws_route53_zone_association', 'aws_ec2_client_vpn_endpoint', 'aws_ec2_client_vpn_network_association', 'aws_nat_gateway', 'aws_vpc', 'aws_subnet',
    ]) {
      expect(types).toContain(t);
    }
    for (const t of types) expect(CONNECTIVITY_TYPES[t].length).toBeGreaterThan(20);
  });

  test.each(types)('%s: deletion and both replacement orders are flagged with the exact address; other actions are not', (type) => {
    const address = (n: string) => `${type}.lz_${n}_0123ABCD`;
    const s = summarizePlan(
      plan([
        { address: address('deleted'), actions: ['delete'] },
        { address: address('replaced'), actions: ['delete', 'create'] },
        { address: address('cbd'), actions: ['create', 'delete'] },
        { address: address('created'), actions: ['create'] },
        { address: address('updated'), actions: ['update'] },
        { address: address('kept'), actions: ['no-op'] },
        { address: address('forgotten'), actions: ['forget'] },
        { address: address('moved'), actions: ['no-op'], previous_address: address('old') },
      ]),
      'stack',
    );
    expect(impacts(s)).toEqual([
      ['delete', address('deleted')],
      ['replace', address('replaced')],
      ['replace', address('cbd')],
    ]);
    expect(s.connectivityImpacts.every((c) => c.why === CONNECTIVITY_TYPES[type])).toBe(true);
  });

  test('a type outside the table (security group, hosted-zone authorization, S3 bucket) is never flagged', () => {
    const s = summarizePlan(
      plan([
        { address: 'aws_security_group.app-tier-sg_A7973197', actions: ['delete', 'create'] },
        { address: 'aws_route53_vpc_association_authorization.zone-ssm_1', actions: ['delete'] },
        { address: 'aws_s3_bucket.archive_bucket_B42367AB', actions: ['delete'] },
      ]),
      'stack',
    );
    expect(s.connectivityImpacts).toEqual([]);
    expect(s.counts).toEqual({ ...ZERO, replace: 1, delete: 2 });
  });

  test('a data source of a connectivity type being read is not flagged', () => {
    const s = summarizePlan(plan([{ address: 'data.aws_route.x', mode: 'data', actions: ['read'] }]), 'stack');
    expect(s.connectivityImpacts).toEqual([]);
    expect(s.counts.read).toBe(1);
  });
});

describe('summarizePlan: malformed input fails with what is wrong', () => {
  test.each([
    ['an array', [], /not a Terraform plan: the JSON is an array/],
    ['null', null, /the JSON is null/],
    ['a string', 'plan', /the JSON is a string/],
    ['a state rendered by terraform show -json', fixture('documented-state.json'), /this is a state \("values" but no "resource_changes"/],
    ['a raw terraform.tfstate', { version: 4, terraform_version: '1.11.4', resources: [] }, /raw state file \(terraform.tfstate/],
    ['a cdk.tf.json', { terraform: {}, provider: {}, resource: {} }, /this is Terraform configuration \(cdk.tf.json/],
    ['no format_version', { resource_changes: [] }, /"format_version" is missing/],
    ['another major format', { format_version: '2.0', resource_changes: [] }, /unsupported plan format_version "2.0": this reader knows 1.x/],
    ['no plan keys', { format_version: '1.2', terraform_version: '1.11.4' }, /none of "resource_changes", "planned_values", "configuration", "output_changes" is present/],
  ])('%s', (_name, input, message) => {
    expect(() => summarizePlan(input, 's')).toThrow(message);
  });

  test('names the resource and the missing or wrong field', () => {
    const p = plan([{ address: 'aws_vpc.app-vpc_8A0156E4', actions: ['create'] }, { address: 'aws_subnet.x_1', actions: ['create'] }]) as any;
    delete p.resource_changes[0].change.actions;
    p.resource_changes[1].mode = 'resource';
    expect(() => summarizePlan(p, 's')).toThrow(
      'not a valid Terraform plan (2 problems):\n' +
        '  resource_changes[0] (aws_vpc.app-vpc_8A0156E4).change.actions is missing (expected array)\n' +
        '  resource_changes[1] (aws_subnet.x_1).mode is "resource", expected one of "managed", "data"',
    );
  });

  test('an action list outside the documented ones is refused, not guessed', () => {
    expect(() => summarizePlan(plan([{ address: 'aws_route.r_1', actions: ['update', 'delete'] }]), 's')).toThrow(
      /resource_changes\[0\] \(aws_route.r_1\): unknown action list \["update","delete"\]; known: .*refusing to guess/,
    );
    expect(() => summarizePlan(plan([{ address: 'aws_route.r_1', actions: ['destroy'] }]), 's')).toThrow(/change.actions\[0\] is "destroy", expected one of "no-op", "create"/);
  });

  test('an errored plan is refused', () => {
    expect(() => summarizePlan({ ...(plan([]) as object), errored: true }, 's')).toThrow(/the plan errored \("errored": true\)/);
  });
});

describe('stackFromPlan', () => {
  test("reads the unaliased aws provider's Stack default tag", () => {
    expect(stackFromPlan(fixture('real-spoke-prod-resegment-rename.json'))).toBe('shop-spoke-shop-prod');
    expect(stackFromPlan(fixture('documented-every-action.json'))).toBe('shop-hub');
  });

  test('falls back to tags_all.Stack of a change, else undefined', () => {
    expect(stackFromPlan({ resource_changes: [{ change: { before: null, after: { tags_all: { Stack: 'shop-x' } } } }] })).toBe('shop-x');
    expect(stackFromPlan(plan([{ address: 'aws_vpc.v', actions: ['create'] }]))).toBeUndefined();
    expect(stackFromPlan('x')).toBeUndefined();
  });
});

describe('formatAttributePath', () => {
  test('joins attribute names with dots, list indexes and odd keys in brackets', () => {
    expect(formatAttributePath(['subnet_id'])).toBe('subnet_id');
    expect(formatAttributePath(['ingress', 0, 'cidr_blocks'])).toBe('ingress[0].cidr_blocks');
    expect(formatAttributePath(['tags', 'aws:team'])).toBe('tags["aws:team"]');
  });
});

describe('summarizePlan: Direct Connect changes a reviewer must see', () => {
  const change = (address: string, actions: string[], replacePaths: string[][] = []) => ({
    address,
    mode: 'managed',
    type: address.split('.')[0],
    name: address.split('.')[1],
    provider_name: 'registry.terraform.io/hashicorp/aws',
    ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
    change: { actions, before: {}, after: {}, ...(replacePaths.length ? { replace_paths: replacePaths } : {}) },
  });
  const planOf = (...changes: unknown[]) => ({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: changes, applyable: true, complete: true, errored: false });

  test('a new BGP key replaces the VIF: flagged with the rotation as its cause', () => {
    const s = summarizePlan(planOf(change('aws_dx_transit_virtual_interface.direct-connect_vif-kinx-seoul-1_1', ['delete', 'create'], [['bgp_auth_key']])), 'shop-hub');
    expect(s.connectivityImpacts.map((c) => [c.action, c.address, c.replacePaths.join(' ')])).toEqual([['replace', 'aws_dx_transit_virtual_interface.direct-connect_vif-kinx-seoul-1_1', 'bgp_auth_key']]);
    expect(s.connectivityImpacts[0].why).toMatch(/^BGP key rotation: the new dx_bgp_auth_key_<vif> replaces the VIF/);
  });

  test('a VIF replaced for another reason keeps the generic explanation', () => {
    const s = summarizePlan(planOf(change('aws_dx_transit_virtual_interface.v', ['delete', 'create'], [['vlan']])), 'shop-hub');
    expect(s.connectivityImpacts[0].why).toBe(CONNECTIVITY_TYPES.aws_dx_transit_virtual_interface);
  });

  test('the pre-fix allowed-prefix plan (attachment id unknown) replaces the onprem association and the propagations: all flagged', () => {
    const s = summarizePlan(
      planOf(
        change('aws_dx_gateway_association.direct-connect_association_C1DEAED5', ['update']),
        change('aws_ec2_transit_gateway_route_table_association.direct-connect_onprem-association_7361C831', ['delete', 'create'], [['transit_gateway_attachment_id']]),
        change('aws_ec2_transit_gateway_route_table_propagation.direct-connect_propagation-prod_472847F1', ['delete', 'create'], [['transit_gateway_attachment_id']]),
      ),
      'shop-hub',
    );
    expect(impacts(s)).toEqual([
      ['replace', 'aws_ec2_transit_gateway_route_table_association.direct-connect_onprem-association_7361C831'],
      ['replace', 'aws_ec2_transit_gateway_route_table_propagation.direct-connect_propagation-prod_472847F1'],
    ]);
  });

  test('the fixed allowed-prefix plan (one in-place update of the association) is not flagged', () => {
    const s = summarizePlan(planOf(change('aws_dx_gateway_association.direct-connect_association_C1DEAED5', ['update'])), 'shop-hub');
    expect(s.counts.update).toBe(1);
    expect(s.connectivityImpacts).toEqual([]);
  });
});
