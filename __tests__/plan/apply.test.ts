/** plan/apply.ts: a plan applied to its stack's synthesized JSON gives the stack today and after the apply. */
import { applyPlan, PlanMismatchError, type PlannedChange } from '../../plan/apply';

type Json = Record<string, any>;

/** {@link applyPlan} with the stack bodies typed loosely, for reading in assertions. */
const apply = (stack: string, synthesized: Json, plan: Json) => applyPlan(stack, synthesized, plan) as unknown as { before: Json; after: Json; changes: PlannedChange[] };

/** A small stack: a VPC, a route table, an internet gateway, a route, a published Transit Gateway id. */
function synth(): Json {
  return {
    resource: {
      aws_vpc: { vpc: { cidr_block: '${var.cidr}' } },
      aws_route_table: { rt: { vpc_id: '${aws_vpc.vpc.id}' } },
      aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.vpc.id}' } },
      aws_route: { default: { route_table_id: '${aws_route_table.rt.id}', destination_cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.igw.id}', depends_on: ['aws_route_table.rt'] } },
    },
    data: { aws_ssm_parameter: { tgw: { name: '/lz/hub/transit-gateway-id' } } },
  };
}

const change = (address: string, actions: string[], before: Json | null, after: Json | null, afterUnknown: Json = {}) => {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions, before, after, after_unknown: afterUnknown, before_sensitive: {}, after_sensitive: {} } };
};

const VPC = { cidr_block: '10.0.0.0/16', id: 'vpc-0a' };
const RT = { vpc_id: 'vpc-0a', id: 'rtb-0a' };
const IGW = { vpc_id: 'vpc-0a', id: 'igw-0a' };

/** The route moves from the Transit Gateway (published by the hub) to the internet gateway. */
function retarget(extra: Json[] = []): Json {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: [
      change('aws_vpc.vpc', ['no-op'], VPC, VPC),
      change('aws_route_table.rt', ['no-op'], RT, RT),
      change('aws_internet_gateway.igw', ['no-op'], IGW, IGW),
      change(
        'aws_route.default',
        ['update'],
        { route_table_id: 'rtb-0a', destination_cidr_block: '0.0.0.0/0', gateway_id: null, transit_gateway_id: 'tgw-0hub', network_interface_id: null, id: 'r-1' },
        { route_table_id: 'rtb-0a', destination_cidr_block: '0.0.0.0/0', gateway_id: 'igw-0a', transit_gateway_id: null, network_interface_id: null, id: 'r-1' },
      ),
      ...extra,
    ],
    prior_state: {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [{ address: 'data.aws_ssm_parameter.tgw', mode: 'data', type: 'aws_ssm_parameter', name: 'tgw', values: { name: '/lz/hub/transit-gateway-id', insecure_value: 'tgw-0hub', value: 'tgw-0hub', id: '/lz/hub/transit-gateway-id' } }],
        },
      },
    },
  };
}

describe('applyPlan', () => {
  test('an in-place update: before has the old value as the reference it stood for, after keeps the synthesized configuration', () => {
    const s = synth();
    const { before, after, changes } = apply('spoke', s, retarget());
    expect(before.resource.aws_route.default).toEqual({
      route_table_id: '${aws_route_table.rt.id}',
      destination_cidr_block: '0.0.0.0/0',
      transit_gateway_id: '${data.aws_ssm_parameter.tgw.insecure_value}',
      depends_on: ['aws_route_table.rt'],
    });
    expect(after.resource.aws_route.default).toEqual(s.resource.aws_route.default);
    expect(changes).toEqual([{ stack: 'spoke', address: 'aws_route.default', type: 'aws_route', action: 'update' }]);
    // The input is not touched.
    expect(s).toEqual(synth());
  });

  test('what the analysis cannot evaluate (a variable, a function) takes the value the plan knows, on both sides', () => {
    const { before, after } = apply('spoke', synth(), retarget());
    expect(before.resource.aws_vpc.vpc).toEqual({ cidr_block: '10.0.0.0/16' });
    expect(after.resource.aws_vpc.vpc).toEqual({ cidr_block: '10.0.0.0/16' });
  });

  test('a create is absent before; a delete is present before only, its ids turned back into references', () => {
    const s = synth();
    s.resource.aws_security_group = { web: { vpc_id: '${aws_vpc.vpc.id}' } };
    const plan = retarget([
      change('aws_security_group.web', ['create'], null, { vpc_id: 'vpc-0a' }, { id: true, arn: true }),
      change('aws_route.old', ['delete'], { route_table_id: 'rtb-0a', destination_cidr_block: '10.0.0.0/8', transit_gateway_id: 'tgw-0hub', gateway_id: null, id: 'r-2' }, null),
    ]);
    const { before, after, changes } = apply('spoke', s, plan);
    expect(before.resource.aws_security_group).toBeUndefined();
    expect(after.resource.aws_security_group.web).toEqual({ vpc_id: '${aws_vpc.vpc.id}' });
    expect(before.resource.aws_route.old).toEqual({ route_table_id: '${aws_route_table.rt.id}', destination_cidr_block: '10.0.0.0/8', transit_gateway_id: '${data.aws_ssm_parameter.tgw.insecure_value}' });
    expect(after.resource.aws_route.old).toBeUndefined();
    expect(changes.map((c) => `${c.action} ${c.address}`)).toEqual(['update aws_route.default', 'create aws_security_group.web', 'delete aws_route.old']);
  });

  test('a value unknown until apply keeps the synthesized reference, which names the object Terraform creates', () => {
    const s = synth();
    s.resource.aws_internet_gateway.igw2 = { vpc_id: '${aws_vpc.vpc.id}' };
    s.resource.aws_route.default.gateway_id = '${aws_internet_gateway.igw2.id}';
    const plan = retarget([change('aws_internet_gateway.igw2', ['create'], null, { vpc_id: 'vpc-0a' }, { id: true, arn: true })]);
    const route = plan.resource_changes.find((rc: Json) => rc.address === 'aws_route.default').change;
    delete route.after.gateway_id;
    route.after_unknown = { gateway_id: true };
    const { before, after } = apply('spoke', s, plan);
    expect(after.resource.aws_route.default.gateway_id).toBe('${aws_internet_gateway.igw2.id}');
    expect(before.resource.aws_route.default.gateway_id).toBeUndefined();
    expect(before.resource.aws_internet_gateway.igw2).toBeUndefined();
  });

  test('a replacement with the same configuration reads the same on both sides (its new id is the provider\'s business)', () => {
    const plan = retarget([]);
    plan.resource_changes[1] = change('aws_route_table.rt', ['delete', 'create'], RT, { vpc_id: 'vpc-0a' }, { id: true, arn: true, owner_id: true });
    const { before, after } = apply('spoke', synth(), plan);
    expect(before.resource.aws_route_table.rt).toEqual(after.resource.aws_route_table.rt);
  });

  test('an id two objects share (an attachment and its accepter) becomes the reference the synth makes there, else the base resource', () => {
    const s = synth();
    s.resource.aws_ec2_transit_gateway_vpc_attachment = { a: { vpc_id: '${aws_vpc.vpc.id}', transit_gateway_id: '${data.aws_ssm_parameter.tgw.insecure_value}' } };
    s.resource.aws_ec2_transit_gateway_vpc_attachment_accepter = { a: { transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.a.id}' } };
    s.resource.aws_ec2_transit_gateway_route_table_association = {
      hinted: { transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment_accepter.a.transit_gateway_attachment_id}', transit_gateway_route_table_id: 'tgw-rtb-new' },
    };
    s.resource.aws_ec2_transit_gateway_route = { gone: { destination_cidr_block: '10.0.0.0/8' } };
    const attachment = { vpc_id: 'vpc-0a', transit_gateway_id: 'tgw-0hub', id: 'tgw-attach-1' };
    const plan = retarget([
      change('aws_ec2_transit_gateway_vpc_attachment.a', ['no-op'], attachment, attachment),
      change('aws_ec2_transit_gateway_vpc_attachment_accepter.a', ['no-op'], { transit_gateway_attachment_id: 'tgw-attach-1', id: 'tgw-attach-1' }, { transit_gateway_attachment_id: 'tgw-attach-1', id: 'tgw-attach-1' }),
      change(
        'aws_ec2_transit_gateway_route_table_association.hinted',
        ['delete', 'create'],
        { transit_gateway_attachment_id: 'tgw-attach-1', transit_gateway_route_table_id: 'tgw-rtb-old' },
        { transit_gateway_attachment_id: 'tgw-attach-1', transit_gateway_route_table_id: 'tgw-rtb-new' },
      ),
      change('aws_ec2_transit_gateway_route.gone', ['update'], { destination_cidr_block: '10.0.0.0/8', transit_gateway_attachment_id: 'tgw-attach-1' }, { destination_cidr_block: '10.0.0.0/8', transit_gateway_attachment_id: null }),
    ]);
    const { before } = apply('spoke', s, plan);
    expect(before.resource.aws_ec2_transit_gateway_route_table_association.hinted.transit_gateway_route_table_id).toBe('tgw-rtb-old');
    // No hint at this place: the attachment, not its accepter.
    expect(before.resource.aws_ec2_transit_gateway_route.gone.transit_gateway_attachment_id).toBe('${aws_ec2_transit_gateway_vpc_attachment.a.id}');
  });

  test('a literal of the plan that looks like an interpolation stays a literal', () => {
    const plan = retarget();
    plan.resource_changes[3].change.before.destination_cidr_block = '${not-a-reference}';
    plan.resource_changes[3].change.after.destination_cidr_block = '${not-a-reference}';
    const s = synth();
    s.resource.aws_route.default.destination_cidr_block = '$${not-a-reference}';
    expect(apply('spoke', s, plan).before.resource.aws_route.default.destination_cidr_block).toBe('$${not-a-reference}');
  });

  test('a plan not made from this synth is refused, naming what differs', () => {
    const stale = synth();
    stale.resource.aws_route.default = { route_table_id: '${aws_route_table.rt.id}', destination_cidr_block: '0.0.0.0/0', transit_gateway_id: '${data.aws_ssm_parameter.tgw.insecure_value}' };
    expect(() => applyPlan('spoke', stale, retarget())).toThrow(
      new PlanMismatchError(
        'the plan of spoke was not made from this synthesized output:\n  aws_route.default.transit_gateway_id: the plan sets null, the synth "${data.aws_ssm_parameter.tgw.insecure_value}"',
      ),
    );
    const s = synth();
    expect(() => applyPlan('spoke', s, retarget([change('aws_vpc.vpc', ['delete'], VPC, null)]))).toThrow(/aws_vpc\.vpc: the plan deletes it, the synth still declares it/);
    expect(() => applyPlan('spoke', s, retarget([change('aws_nat_gateway.n', ['update'], {}, {})]))).toThrow(/aws_nat_gateway\.n: the plan updates it, the synth has no such resource/);
    expect(() => applyPlan('spoke', s, retarget([change('module.m.aws_route.r', ['no-op'], {}, {})]))).toThrow(/module\.m\.aws_route\.r: not a resource of a synthesized stack/);
    const literal = retarget();
    literal.resource_changes[3].change.before.destination_cidr_block = '10.0.0.0/8';
    literal.resource_changes[3].change.after.destination_cidr_block = '192.168.0.0/16';
    expect(() => applyPlan('spoke', s, literal)).toThrow(/aws_route\.default\.destination_cidr_block: the plan sets "192\.168\.0\.0\/16", the synth "0\.0\.0\.0\/0"/);
  });

  test('a plan without prior_state (pruned) cannot place its old values', () => {
    const plan = retarget();
    delete plan.prior_state;
    expect(() => applyPlan('spoke', synth(), plan)).toThrow(/the plan of spoke has no prior_state, so its old values cannot be placed/);
  });
});
