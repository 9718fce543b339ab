import { parseTraversal, scanTemplate, terraformDataOutputKey, traversalsIn } from '../../lib/terraform/expression';
import { graphFromJson, loadGraph } from '../../analysis/graph/load';
import { isTemplate, type ResourceGraph, type TfResource } from '../../analysis/graph/types';
import { buildNetwork } from '../../analysis/network/build';
import { readStacks, stackNamed, synthDefault, synthFixture } from '../helpers/analysis';

const HUB = 'shop-hub';
const SPOKE = 'shop-spoke-shop-prod';
const TGW = 'shop-hub:aws_ec2_transit_gateway.transit-gateway_tgw_FCB4C2ED';
const RT_EGRESS = 'shop-hub:aws_ec2_transit_gateway_route_table.transit-gateway_rt-egress_ED02023F';

/** The one resource synthesized at a construct path. */
function atPath(graph: ResourceGraph, path: string): TfResource {
  const found = graph.resources.filter((r) => r.path === path);
  if (found.length !== 1) throw new Error(`expected one resource at ${path}, found ${found.length}`);
  return found[0];
}

let dir: string;
let graph: ResourceGraph;

beforeAll(() => {
  dir = synthDefault();
  graph = loadGraph(dir);
});

describe('loadGraph: stacks and resources', () => {
  test('lists every stack of the manifest with its dependencies, file, providers and resolved outputs', () => {
    expect(graph.stacks.map((s) => [s.name, [...s.dependencies].sort(), s.file])).toEqual([
      ['shop-hub', ['shop-log-archive'], 'stacks/shop-hub/cdk.tf.json'],
      ['shop-log-archive', [], 'stacks/shop-log-archive/cdk.tf.json'],
      ['shop-spoke-shop-dev', ['shop-hub', 'shop-log-archive'], 'stacks/shop-spoke-shop-dev/cdk.tf.json'],
      ['shop-spoke-shop-prod', ['shop-hub', 'shop-log-archive', 'shop-spoke-shop-prod-vpn-pki'], 'stacks/shop-spoke-shop-prod/cdk.tf.json'],
      ['shop-spoke-shop-prod-vpn-pki', [], 'stacks/shop-spoke-shop-prod-vpn-pki/cdk.tf.json'],
    ]);
    const spoke = graph.stacks.find((s) => s.name === SPOKE)!;
    expect(spoke.providers.map((p) => [p.alias ?? 'default', p.allowed_account_ids])).toEqual([
      ['default', ['333333333333']],
      ['hub', ['111111111111']],
    ]);
    expect(graph.stacks.find((s) => s.name === HUB)!.outputs!.transit_gateway_id).toEqual({ $ref: TGW, attribute: 'id' });
  });

  test('ids, addresses, paths, providers, depends_on and lifecycle come out of the meta-arguments', () => {
    const association = atPath(graph, `${SPOKE}/tgw-attachment/association`);
    expect(association).toMatchObject({
      id: `${SPOKE}:aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C`,
      stack: SPOKE,
      mode: 'managed',
      type: 'aws_ec2_transit_gateway_route_table_association',
      name: 'tgw-attachment_association_F1F5D92C',
      address: 'aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_F1F5D92C',
      provider: 'aws.hub',
    });
    expect(Object.keys(association.attrs).sort()).toEqual(['transit_gateway_attachment_id', 'transit_gateway_route_table_id']);

    const route = atPath(graph, `${SPOKE}/app-vpc/rt-app-ap-northeast-2a-default`);
    expect(route.dependsOn).toContain(association.id);
    expect(route.dependsOn.every((id) => graph.get(id) !== undefined)).toBe(true);
    expect(Object.keys(route.attrs)).not.toContain('depends_on');

    const bucket = atPath(graph, 'shop-log-archive/archive/bucket');
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(Object.keys(bucket.attrs)).not.toContain('lifecycle');
    expect(Object.keys(bucket.attrs)).not.toContain('//');

    const dx = atPath(graph, `${HUB}/direct-connect/attachment`);
    expect(dx.id).toBe(`${HUB}:data.aws_ec2_transit_gateway_dx_gateway_attachment.direct-connect_attachment_DF33F6E1`);
    expect(dx.mode).toBe('data');
    expect(graph.byType('aws_ec2_transit_gateway_dx_gateway_attachment')).toEqual([]); // byType lists managed resources only
  });
});

describe('loadGraph: references', () => {
  test("the spoke's transit_gateway_id (a value the hub publishes as an SSM parameter) resolves to the hub's Transit Gateway", () => {
    const attachment = atPath(graph, `${SPOKE}/tgw-attachment/attachment`);
    expect(attachment.attrs.transit_gateway_id).toEqual({ $ref: TGW, attribute: 'id' });
    expect(graph.deref(attachment.attrs.transit_gateway_id)).toMatchObject({ stack: HUB, type: 'aws_ec2_transit_gateway' });
    expect(attachment.attrs.vpc_id).toEqual({ $ref: `${SPOKE}:aws_vpc.app-vpc_8A0156E4`, attribute: 'id' });
  });

  test('a published route table id (route-table-egress) resolves to the egress route table', () => {
    const propagation = atPath(graph, `${SPOKE}/tgw-attachment/propagation-egress`);
    expect(propagation.attrs.transit_gateway_route_table_id).toEqual({ $ref: RT_EGRESS, attribute: 'id' });
    expect(graph.get(RT_EGRESS)!.attrs.tags).toEqual({ Name: 'shop-egress', Segment: 'egress' });
  });

  test('a published forwarding rule id resolves to the hub rule', () => {
    const association = atPath(graph, `${SPOKE}/hub-dns/rule-corp-example-internal`);
    expect(association.attrs.resolver_rule_id).toEqual({ $ref: 'shop-hub:aws_route53_resolver_rule.resolver-outbound_rule-corp-example-internal_B365B1FC', attribute: 'id' });
  });

  test('an index into a resource attribute is a Ref that keeps the index', () => {
    const record = atPath(graph, `${HUB}/endpoint-zones/record-ssm-apex`);
    expect(record.attrs.alias).toEqual({
      evaluate_target_health: false,
      name: { $ref: 'shop-hub:aws_vpc_endpoint.interface-endpoints_endpoint-ssm_E1CBA3EC', attribute: 'dns_entry[0].dns_name' },
      zone_id: { $ref: 'shop-hub:aws_vpc_endpoint.interface-endpoints_endpoint-ssm_E1CBA3EC', attribute: 'dns_entry[0].hosted_zone_id' },
    });
  });

  test('a policy mixing text and references is a Template whose refs cross stacks', () => {
    const policy = atPath(graph, `${SPOKE}/session-manager/session-logging-policy`).attrs.policy;
    if (!isTemplate(policy)) throw new Error(`expected a Template, got ${JSON.stringify(policy)}`);
    expect(policy.$template).toContain('${data.terraform_remote_state.log-archive.outputs.log_key_arn}');
    expect(policy.refs).toEqual([
      { $ref: 'shop-log-archive:aws_kms_key.archive_key_26435480', attribute: 'arn' },
      { $ref: `${SPOKE}:aws_kms_key.session-manager_session-key_33DF7DD0`, attribute: 'arn' },
    ]);
  });

  test('a string whose interpolations are all literal outputs becomes the plain string, escapes undone', () => {
    const endpoint = atPath(graph, `${SPOKE}/session-manager/s3-gateway-endpoint`);
    const policy = JSON.parse(endpoint.attrs.policy as string);
    expect(policy.Statement[0].Resource).toBe('arn:aws:s3:::shop-logs-222222222222-ap-northeast-2/ssm/333333333333/*');
    const bucketPolicy = atPath(graph, 'shop-log-archive/archive/policy').attrs.policy;
    expect(typeof bucketPolicy).toBe('string');
    expect(bucketPolicy as string).toContain('ssm/${aws:PrincipalAccount}/');
    expect(bucketPolicy as string).not.toContain('$${');
  });

  test('a variable, a function call and a whole-list output are Unknown with their reason', () => {
    const vpn = atPath(graph, `${HUB}/vpn/vpn-dc-backup`);
    expect(vpn.attrs.tunnel1_preshared_key).toEqual({ $unknown: '${var.vpn_dc_backup_tunnel1_psk}', kind: 'variable', reason: 'var.vpn_dc_backup_tunnel1_psk is a variable: its value is set only when Terraform runs' });
    expect(graph.stacks.find((s) => s.name === HUB)!.outputs!.resolver_inbound_ips).toEqual({
      $unknown: '${tolist(aws_route53_resolver_endpoint.resolver-inbound_endpoint_3516CAE3.ip_address)}',
      kind: 'function',
      reason: 'tolist(...) is computed by Terraform at plan time',
      refs: [{ $ref: 'shop-hub:aws_route53_resolver_endpoint.resolver-inbound_endpoint_3516CAE3', attribute: 'ip_address' }],
    });
  });

  test('referrers() finds the resources of every stack that point at a target', () => {
    const egress = graph.get(RT_EGRESS)!;
    expect(graph.referrers(egress, 'aws_ec2_transit_gateway_route_table_propagation', 'transit_gateway_route_table_id').map((r) => r.path)).toEqual([
      'shop-spoke-shop-dev/tgw-attachment/propagation-egress',
      'shop-spoke-shop-prod/tgw-attachment/propagation-egress',
    ]);
    const tgw = graph.get(TGW)!;
    expect(graph.referrers(tgw, 'aws_ec2_transit_gateway_vpc_attachment', 'transit_gateway_id').map((r) => r.stack)).toEqual([HUB, HUB, 'shop-spoke-shop-dev', SPOKE]);
    expect(graph.referrers(tgw, 'aws_ec2_transit_gateway_vpc_attachment', 'vpc_id')).toEqual([]);
  });
});

describe('graphFromJson: what cannot be resolved is Unknown, with a precise reason', () => {
  // The log archive holds no secret, so its outputs are read with terraform_remote_state.
  const flowLogOf = (g: ResourceGraph) => atPath(g, `${SPOKE}/flow-logs/flow-log`).attrs.log_destination;
  const READ = '${data.terraform_remote_state.log-archive.outputs.flow_logs_destination_arn}';
  const ARCHIVE = 'shop-log-archive';

  test('the remote-state output resolves into the log archive', () => {
    expect(flowLogOf(graph)).toBe('arn:aws:s3:::shop-logs-222222222222-ap-northeast-2/flow-logs/');
  });

  test('a missing output', () => {
    const stacks = readStacks(dir);
    delete stackNamed(stacks, ARCHIVE).json.output.flow_logs_destination_arn;
    expect(flowLogOf(graphFromJson(stacks))).toEqual({
      $unknown: READ,
      kind: 'missing-output',
      reason: 'stack shop-log-archive has no output "flow_logs_destination_arn" (read by shop-spoke-shop-prod through data.terraform_remote_state.log-archive)',
    });
  });

  test('a missing key of a map output', () => {
    const stacks = readStacks(dir);
    stackNamed(stacks, ARCHIVE).json.output.flow_logs_destination_arn.value = { other: 'x' };
    stackNamed(stacks, SPOKE).json.resource.aws_flow_log['flow-logs_flow-log_2E4F04EC'].log_destination = '${data.terraform_remote_state.log-archive.outputs.flow_logs_destination_arn.egress}';
    expect(flowLogOf(graphFromJson(stacks))).toEqual({
      $unknown: '${data.terraform_remote_state.log-archive.outputs.flow_logs_destination_arn.egress}',
      kind: 'missing-key',
      reason: 'output "flow_logs_destination_arn" of stack shop-log-archive has no key "egress"',
    });
  });

  test('a remote state that no stack writes', () => {
    const stacks = readStacks(dir).filter((s) => s.name !== ARCHIVE);
    expect(flowLogOf(graphFromJson(stacks))).toEqual({
      $unknown: READ,
      kind: 'remote-state',
      reason: 'data.terraform_remote_state.log-archive of stack shop-spoke-shop-prod cannot be resolved: it reads the local state file ../shop-log-archive/terraform.shop-log-archive.tfstate, which no stack writes',
    });
  });

  test('an output that is itself computed keeps the reader expression and says why', () => {
    const stacks = readStacks(dir);
    stackNamed(stacks, ARCHIVE).json.output.flow_logs_destination_arn.value = '${tolist(aws_s3_bucket.archive_bucket_8D4DB0E5.arn)}';
    expect(flowLogOf(graphFromJson(stacks))).toMatchObject({
      $unknown: READ,
      kind: 'function',
      reason: 'output "flow_logs_destination_arn" of stack shop-log-archive is ${tolist(aws_s3_bucket.archive_bucket_8D4DB0E5.arn)}: tolist(...) is computed by Terraform at plan time',
    });
  });

  test('a reference to an address the stack does not declare, a local value and a splat', () => {
    const stacks = readStacks(dir);
    const attachment = stackNamed(stacks, SPOKE).json.resource.aws_ec2_transit_gateway_vpc_attachment['tgw-attachment_055E2F6B'];
    attachment.vpc_id = '${aws_vpc.missing.id}';
    attachment.tags = { Name: '${local.name}', Ids: '${aws_subnet.app-vpc_subnet-tgw-1_82B119F6[*].id}' };
    const attrs = atPath(graphFromJson(stacks), `${SPOKE}/tgw-attachment/attachment`).attrs;
    expect(attrs.vpc_id).toEqual({ $unknown: '${aws_vpc.missing.id}', kind: 'undeclared', reason: 'aws_vpc.missing is not declared in stack shop-spoke-shop-prod' });
    expect(attrs.tags).toEqual({
      Name: { $unknown: '${local.name}', kind: 'local', reason: 'local.name is a local value, not resolved offline' },
      Ids: {
        $unknown: '${aws_subnet.app-vpc_subnet-tgw-1_82B119F6[*].id}',
        kind: 'splat',
        reason: 'a splat expression is computed by Terraform at plan time',
        refs: [{ $ref: `${SPOKE}:aws_subnet.app-vpc_subnet-tgw-1_82B119F6`, attribute: '' }],
      },
    });
  });

  test('an output that refers to itself through another stack is a cycle, not a crash', () => {
    const stacks = readStacks(dir);
    const archive = stackNamed(stacks, ARCHIVE).json;
    archive.data = { terraform_remote_state: { self: { backend: 'local', config: { path: '../shop-log-archive/terraform.shop-log-archive.tfstate' } } } };
    archive.output.flow_logs_destination_arn.value = '${data.terraform_remote_state.self.outputs.flow_logs_destination_arn}';
    expect(flowLogOf(graphFromJson(stacks))).toMatchObject({ kind: 'cycle', reason: 'output "flow_logs_destination_arn" of stack shop-log-archive refers back to itself' });
  });
});

describe('graphFromJson: published values (SSM parameters)', () => {
  const tgwOf = (g: ResourceGraph) => atPath(g, `${SPOKE}/tgw-attachment/attachment`).attrs.transit_gateway_id;
  const PUBLISHED = 'published_transit-gateway-id_A7CB2B06';

  test('the spoke reads the parameter through its hub provider; the hub writes it from the Transit Gateway id', () => {
    const stacks = readStacks(dir);
    const reads = Object.values(stackNamed(stacks, SPOKE).json.data.aws_ssm_parameter as Record<string, { name: string; provider?: string }>);
    expect(reads.find((r) => r.name === '/landing-zone/shop/hub/transit-gateway-id')).toMatchObject({ provider: 'aws.hub' });
    const writers = Object.values(stackNamed(stacks, HUB).json.resource.aws_ssm_parameter as Record<string, { name: string; value: string; type: string }>);
    expect(writers.find((w) => w.name === '/landing-zone/shop/hub/transit-gateway-id')).toMatchObject({ type: 'String', value: '${aws_ec2_transit_gateway.transit-gateway_tgw_FCB4C2ED.id}' });
  });

  test('a parameter no stack publishes stays the data source attribute (it is not the hub)', () => {
    const stacks = readStacks(dir);
    const hub = stackNamed(stacks, HUB).json.resource.aws_ssm_parameter;
    const key = Object.keys(hub).find((k) => hub[k].name.endsWith('/transit-gateway-id'))!;
    expect(key).toBe(PUBLISHED);
    delete hub[key];
    const v = tgwOf(graphFromJson(stacks));
    expect(v).toMatchObject({ $ref: expect.stringMatching(/^shop-spoke-shop-prod:data\.aws_ssm_parameter\.hub-published_transit-gateway-id_/), attribute: 'insecure_value' });
  });

  test('a parameter two stacks publish is Unknown, naming both', () => {
    const stacks = readStacks(dir);
    const hub = stackNamed(stacks, HUB).json.resource.aws_ssm_parameter;
    stackNamed(stacks, ARCHIVE_OF(stacks)).json.resource.aws_ssm_parameter = { copy: { ...hub[PUBLISHED] } };
    expect(tgwOf(graphFromJson(stacks))).toMatchObject({ kind: 'remote-state', reason: expect.stringContaining('parameter /landing-zone/shop/hub/transit-gateway-id is published by shop-hub and shop-log-archive') });
  });
});

/** The log archive's name (a second publisher in the test above). */
const ARCHIVE_OF = (stacks: ReturnType<typeof readStacks>) => stacks.find((s) => s.name.endsWith('-log-archive'))!.name;

describe('graphFromJson: Terraform Cloud workspaces', () => {
  let tfc: ReturnType<typeof readStacks>;
  beforeAll(() => {
    tfc = readStacks(synthFixture('valid/per-az-and-isolated.yaml'));
  });

  test('a spoke reads the log archive workspace with tfe_outputs, resolved to the archive resources; the hub through published values', () => {
    const spoke = stackNamed(tfc, 'acme-spoke-payments').json;
    expect(spoke.data.terraform_remote_state).toBeUndefined();
    expect(spoke.data.tfe_outputs['log-archive']).toMatchObject({ organization: 'acme-platform', workspace: 'lz-acme-log-archive' });
    expect(stackNamed(tfc, 'acme-log-archive').json.terraform.cloud.workspaces.name).toBe('lz-acme-log-archive');
    const g = graphFromJson(tfc);
    expect(atPath(g, 'acme-spoke-payments/flow-logs/flow-log').attrs.log_destination).toBe('arn:aws:s3:::acme-logs-123456789012-us-east-1/flow-logs/');
    expect(atPath(g, 'acme-spoke-payments/tgw-attachment/attachment').attrs.transit_gateway_id).toEqual({ $ref: 'acme-hub:aws_ec2_transit_gateway.transit-gateway_tgw_FCB4C2ED', attribute: 'id' });
    expect(atPath(g, 'acme-spoke-batch/tgw-attachment/association').attrs.transit_gateway_route_table_id).toEqual({ $ref: 'acme-hub:aws_ec2_transit_gateway_route_table.transit-gateway_rt-isolated_CCF43939', attribute: 'id' });
    expect(atPath(g, 'acme-spoke-payments/hub-dns/profile').attrs.profile_id).toEqual({ $ref: 'acme-hub:aws_route53profiles_profile.dns-profile_C3B3E14D', attribute: 'id' });
  });

  test('a workspace no stack writes, or another organization, is Unknown', () => {
    const renamed = readStacks(synthFixture('valid/per-az-and-isolated.yaml'));
    stackNamed(renamed, 'acme-spoke-payments').json.data.tfe_outputs['log-archive'].workspace = 'lz-acme-log-archivee';
    stackNamed(renamed, 'acme-spoke-batch').json.data.tfe_outputs['log-archive'].organization = 'other-org';
    const g = graphFromJson(renamed);
    expect(atPath(g, 'acme-spoke-payments/flow-logs/flow-log').attrs.log_destination).toMatchObject({
      kind: 'remote-state',
      reason: 'data.tfe_outputs.log-archive of stack acme-spoke-payments cannot be resolved: it reads workspace lz-acme-log-archivee of acme-platform, which no stack writes',
    });
    expect(atPath(g, 'acme-spoke-batch/flow-logs/flow-log').attrs.log_destination).toMatchObject({ kind: 'remote-state', reason: expect.stringContaining('it reads workspace lz-acme-log-archive of other-org, which no stack writes') });
  });
});

describe('graphFromJson: scale', () => {
  // Behaviour at scale only; the time it takes is measured by `npm run bench`, not asserted here.
  test('100 spokes (about 8,000 resources) load and each clone resolves to the one hub', () => {
    const base = readStacks(dir);
    const spoke = stackNamed(base, 'shop-spoke-shop-dev');
    const clones = Array.from({ length: 100 }, (_, i) => ({ name: `shop-spoke-clone-${i}`, dependencies: [HUB], json: structuredClone(spoke.json) }));
    const g = graphFromJson([...base, ...clones]);
    expect(g.resources.length).toBeGreaterThan(8000);
    expect(g.get('shop-spoke-clone-99:aws_ec2_transit_gateway_vpc_attachment.tgw-attachment_055E2F6B')!.attrs.transit_gateway_id).toEqual({ $ref: TGW, attribute: 'id' });
  });
});

describe('expression syntax', () => {
  test('scanTemplate splits text and interpolations, skipping braces inside strings and undoing escapes', () => {
    expect(scanTemplate('no interpolation')).toBeUndefined();
    expect(scanTemplate('only $${escaped} and %%{this}')).toBeUndefined();
    expect(scanTemplate('a ${lookup(m, "}")} $${b} ${x.y.z}')).toEqual(['a ', { expr: 'lookup(m, "}")', directive: false }, ' ${b} ', { expr: 'x.y.z', directive: false }]);
    expect(scanTemplate('%{ if x }y%{ endif }')).toEqual([{ expr: ' if x ', directive: true }, 'y', { expr: ' endif ', directive: true }]);
    expect(scanTemplate('unterminated ${x.y')).toBeUndefined();
  });

  test('parseTraversal reads attributes, numeric and string indexes, and rejects anything else', () => {
    expect(parseTraversal('data.terraform_remote_state.hub.outputs.ids["ecr.api"]')).toEqual([{ attr: 'data' }, { attr: 'terraform_remote_state' }, { attr: 'hub' }, { attr: 'outputs' }, { attr: 'ids' }, { index: 'ecr.api' }]);
    expect(parseTraversal('aws_x.my-name_1.list[0].sub.0')).toEqual([{ attr: 'aws_x' }, { attr: 'my-name_1' }, { attr: 'list' }, { index: 0 }, { attr: 'sub' }, { index: 0 }]);
    expect(parseTraversal('tolist(aws_x.y.z)')).toBeUndefined();
    expect(parseTraversal('a.b[*].c')).toBeUndefined();
    expect(parseTraversal('a.b + 1')).toBeUndefined();
  });

  test('traversalsIn lists the references inside a call, not the string literals', () => {
    expect(traversalsIn('trimprefix(aws_vpc_endpoint.e.dns_entry[0].dns_name, "*.x.y")')).toEqual(['aws_vpc_endpoint.e.dns_entry[0].dns_name']);
    expect(traversalsIn('lookup(data.terraform_remote_state.hub.outputs.ids["a.b"], var.k)')).toEqual(['data.terraform_remote_state.hub.outputs.ids["a.b"]', 'var.k']);
  });
});

describe('terraformDataOutputKey', () => {
  test('names the input key an output traversal reads, in both spellings; nothing for other attributes', () => {
    expect(terraformDataOutputKey('output["dx_gateway_id"]')).toBe('dx_gateway_id');
    expect(terraformDataOutputKey('output.transit_gateway_id')).toBe('transit_gateway_id');
    expect(terraformDataOutputKey('output')).toBeUndefined();
    expect(terraformDataOutputKey('input["dx_gateway_id"]')).toBeUndefined();
    expect(terraformDataOutputKey('output["a"].b')).toBeUndefined();
  });
});

describe('the Direct Connect attachment lookup through terraform_data', () => {
  test("the model follows the lookup's terraform_data to the gateway, so the attachment's peer is the aws_dx_gateway", () => {
    const model = buildNetwork(graph, { onPremises: ['10.10.0.0/16'] });
    const dx = model.tgwAttachments.filter((a) => a.kind === 'dx-gateway');
    expect(dx.map((a) => a.peer)).toEqual(['shop-hub:aws_dx_gateway.direct-connect_gateway_D247F3A6']);
  });
});
