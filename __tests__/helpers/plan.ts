/**
 * Terraform plans built from synthesized stacks, in the shape `terraform show -json` prints (format
 * 1.2, Terraform 1.11.4; https://developer.hashicorp.com/terraform/internals/json-format): the
 * "deployed" synth stands for the prior state, the "pull request" synth of one stack for the
 * configuration planned. Like a real plan (see __tests__/fixtures/plans/make-real-plans.ts, which made
 * the `real-*` fixtures with Terraform itself):
 *
 * - `resource_changes` lists every managed resource (no-ops too) with `address`, `mode`, `type`,
 *   `name`, `provider_name` and `change.actions/before/after/after_unknown/before_sensitive/after_sensitive`;
 *   every attribute either side sets appears on both, null where unset;
 * - references are concrete: ids (`vpc-…`, `subnet-…`, `tgw-…`) and ARNs are fake but stable, values
 *   another stack publishes (`data.aws_ssm_parameter`) are the publishing stack's values;
 * - a value known only after apply (the id of a resource created or replaced by this plan) is absent
 *   from `after` and `true` in `after_unknown`;
 * - `prior_state` holds the deployed resources and the data sources read during planning.
 */
import { createHash } from 'node:crypto';
import type { StackJson } from '../../analysis/graph/load';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const AWS = 'registry.terraform.io/hashicorp/aws';
const META = new Set(['//', 'depends_on', 'provider', 'lifecycle']);
const UNKNOWN = Symbol('unknown');
type Value = Json | typeof UNKNOWN | Value[] | { [key: string]: Value };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stable fake id for a resource, with the prefix AWS uses for its kind. */
export function fakeId(stack: string, address: string): string {
  const type = address.split('.')[0];
  const prefixes: Record<string, string> = {
    aws_vpc: 'vpc',
    aws_subnet: 'subnet',
    aws_route_table: 'rtb',
    aws_internet_gateway: 'igw',
    aws_nat_gateway: 'nat',
    aws_security_group: 'sg',
    aws_default_security_group: 'sg',
    aws_ec2_transit_gateway: 'tgw',
    aws_ec2_transit_gateway_route_table: 'tgw-rtb',
    aws_ec2_transit_gateway_vpc_attachment: 'tgw-attach',
    aws_ec2_transit_gateway_vpc_attachment_accepter: 'tgw-attach',
    aws_vpc_endpoint: 'vpce',
    aws_route53_zone: 'Z',
    aws_eip: 'eipalloc',
    aws_network_acl: 'acl',
    aws_dx_gateway: 'dxgw',
    aws_vpn_connection: 'vpn',
    aws_customer_gateway: 'cgw',
    aws_ec2_client_vpn_endpoint: 'cvpn-endpoint',
    aws_lb: 'arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:loadbalancer/app/lb',
  };
  const h = createHash('sha256').update(`${stack}:${address}`).digest('hex').slice(0, 17);
  const prefix = prefixes[type] ?? type.replace(/^aws_/, '').replace(/_/g, '-');
  return prefix === 'Z' ? `Z${h.toUpperCase()}` : `${prefix}-${h}`;
}

function fakeArn(stack: string, address: string): string {
  return `arn:aws:${address.split('.')[0].replace(/^aws_/, '')}:ap-northeast-2:000000000000:${fakeId(stack, address)}`;
}

interface Side {
  readonly stacks: ReadonlyMap<string, Obj>;
  /** Addresses of `stack` whose ids are unknown on this side (created or replaced by the plan). */
  readonly unknownIds: ReadonlySet<string>;
}

/** Evaluates a synthesized value on one side, as Terraform would with the fake ids. */
class Evaluator {
  constructor(
    private readonly side: Side,
    private readonly stack: string,
  ) {}

  value(raw: unknown): Value {
    if (typeof raw === 'string') return this.string(raw);
    if (Array.isArray(raw)) return raw.map((e) => this.value(e));
    if (isObj(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, this.value(v)]));
    return (raw ?? null) as Json;
  }

  private string(s: string): Value {
    const whole = /^\$\{([^{}]+)\}$/.exec(s);
    if (whole) return this.expression(whole[1].trim());
    let unknown = false;
    const text = s.replace(/(^|[^$])\$\{([^{}]+)\}/g, (_, pre: string, expr: string) => {
      const v = this.expression(expr.trim());
      if (v === UNKNOWN) unknown = true;
      return `${pre}${typeof v === 'string' ? v : JSON.stringify(v)}`;
    });
    return unknown ? UNKNOWN : text.replace(/\$\$\{/g, '${');
  }

  private expression(expr: string): Value {
    const m = /^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.?([\w.[\]"-]*)$/.exec(expr);
    if (!m || ['var', 'local'].includes(m[2])) {
      // A function of a value known only after apply is itself known only after apply.
      const inner = [...expr.matchAll(/\b([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.(id|arn|zone_id)\b/g)];
      if (inner.some(([, type, name]) => this.side.unknownIds.has(`${type}.${name}`))) return UNKNOWN;
      return `computed:${createHash('sha256').update(expr).digest('hex').slice(0, 8)}`;
    }
    const [, data, type, name, rest] = m;
    const json = this.side.stacks.get(this.stack)!;
    const address = `${data ?? ''}${type}.${name}`;
    if (data) return this.data(type, name, rest, json);
    if (this.side.unknownIds.has(address) && /^(id|arn|zone_id)$/.test(rest)) return UNKNOWN;
    if (rest === 'id') return fakeId(this.stack, address);
    if (rest === 'arn') return fakeArn(this.stack, address);
    if (rest === 'zone_id') return fakeId(this.stack, address);
    const body = (json.resource as Obj | undefined)?.[type] as Obj | undefined;
    const own = body?.[name] as Obj | undefined;
    if (own && rest in own) return this.value(own[rest]);
    return `${address}.${rest}`;
  }

  private data(type: string, name: string, rest: string, json: Obj): Value {
    const body = ((json.data as Obj | undefined)?.[type] as Obj | undefined)?.[name] as Obj | undefined;
    if (type === 'aws_ssm_parameter' && (rest === 'insecure_value' || rest === 'value')) return publishedValue(this.side, String(body?.name));
    return `${type}.${name}.${rest}`;
  }
}

/** The value of the `aws_ssm_parameter` some stack publishes under `name`, evaluated in that stack. */
function publishedValue(side: Side, name: string): Value {
  for (const [stack, json] of side.stacks) {
    for (const body of Object.values(((json.resource as Obj | undefined)?.aws_ssm_parameter ?? {}) as Obj)) {
      if (isObj(body) && body.name === name) return new Evaluator(side, stack).value(body.value);
    }
  }
  return `unpublished:${name}`;
}

/** Splits a value with unknowns into `after` (unknown object keys left out, unknown list items null) and `after_unknown`. */
function split(v: Value): { known: Json; unknown: Json } {
  if (v === UNKNOWN) return { known: null, unknown: true };
  if (Array.isArray(v)) {
    const parts = v.map(split);
    return { known: parts.map((p) => p.known), unknown: parts.some((p) => p.unknown !== false) ? parts.map((p) => p.unknown) : false };
  }
  if (isObj(v)) {
    const known: Obj = {};
    const unknown: Obj = {};
    for (const [k, e] of Object.entries(v)) {
      const p = split(e as Value);
      if (p.unknown !== true) known[k] = p.known;
      if (p.unknown !== false) unknown[k] = p.unknown;
    }
    return { known, unknown: Object.keys(unknown).length > 0 ? unknown : false };
  }
  return { known: v, unknown: false };
}

function attributes(body: Obj | undefined, evaluator: Evaluator): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  for (const [k, v] of Object.entries(body ?? {})) if (!META.has(k)) out[k] = evaluator.value(v);
  return out;
}

function resourcesOf(json: Obj): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const [type, byName] of Object.entries((json.resource ?? {}) as Obj)) for (const [name, body] of Object.entries(byName as Obj)) out.set(`${type}.${name}`, body as Obj);
  return out;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return v === UNKNOWN ? '?' : JSON.stringify(v ?? null);
}

/** Options of {@link planBetween}. */
export interface PlanOptions {
  /** The stack planned. */
  readonly stack: string;
  /** Every stack as deployed (the prior state, and the values other stacks publish). */
  readonly deployed: readonly StackJson[];
  /** The stack's synthesized JSON in the pull request. */
  readonly proposed: object;
  /** Addresses Terraform replaces although nothing forces it (`-replace`, `replace_triggered_by`), with the `action_reason`. */
  readonly replace?: Readonly<Record<string, 'replace_by_request' | 'replace_by_triggers'>>;
}

/** A `terraform show -json` plan of `stack` from its deployed synth to `proposed`. */
export function planBetween(options: PlanOptions): Obj {
  const { stack } = options;
  const deployedStacks = new Map(options.deployed.map((s) => [s.name, s.json as Obj]));
  const proposedStacks = new Map(deployedStacks);
  proposedStacks.set(stack, options.proposed as Obj);
  const old = resourcesOf(deployedStacks.get(stack)!);
  const now = resourcesOf(options.proposed as Obj);
  const beforeSide: Side = { stacks: deployedStacks, unknownIds: new Set() };
  const beforeValues = new Map([...old].map(([address, body]) => [address, attributes(body, new Evaluator(beforeSide, stack))]));
  // Replacements first: an id that changes makes everything referencing it unknown, which may replace more.
  const unknownIds = new Set<string>([...now.keys()].filter((a) => !old.has(a) || options.replace?.[a] !== undefined));
  const afterSide: Side = { stacks: proposedStacks, unknownIds };
  const afterValues = new Map([...now].map(([address, body]) => [address, attributes(body, new Evaluator(afterSide, stack))]));
  const addresses = [...new Set([...old.keys(), ...now.keys()])].sort();
  const resource_changes = addresses.map((address) => {
    const [type, name] = address.split('.');
    const b = beforeValues.get(address);
    const a = afterValues.get(address);
    const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].sort();
    const before: Obj | null = b ? { ...Object.fromEntries(keys.map((k) => [k, (b[k] ?? null) as Json])), id: fakeId(stack, address) } : null;
    let after: Json = null;
    let afterUnknown: Json = {};
    if (a) {
      const replaced = !b || options.replace?.[address] !== undefined;
      const full: { [key: string]: Value } = { ...Object.fromEntries(keys.map((k) => [k, a[k] ?? null])), id: replaced ? UNKNOWN : fakeId(stack, address) };
      const parts = split(full);
      after = parts.known;
      afterUnknown = parts.unknown === false ? {} : parts.unknown;
    }
    const same = b && a && canonical(b) === canonical(a) && options.replace?.[address] === undefined;
    const actions = !b ? ['create'] : !a ? ['delete'] : options.replace?.[address] !== undefined ? ['delete', 'create'] : same ? ['no-op'] : ['update'];
    return {
      address,
      mode: 'managed',
      type,
      name,
      provider_name: AWS,
      change: { actions, before, after, after_unknown: afterUnknown, before_sensitive: b ? {} : false, after_sensitive: a ? {} : false },
      ...(options.replace?.[address] !== undefined ? { action_reason: options.replace[address] } : !a ? { action_reason: 'delete_because_no_resource_config' } : {}),
    };
  });
  // Data sources are read while planning, from the configuration planned.
  const data = ((options.proposed as Obj).data ?? {}) as Obj;
  const dataResources = Object.entries(data).flatMap(([type, byName]) =>
    Object.entries(byName as Obj).map(([name, body]) => {
      const address = `data.${type}.${name}`;
      const values: Obj = { id: type === 'aws_ssm_parameter' ? String((body as Obj).name) : fakeId(stack, address) };
      if (type === 'aws_ssm_parameter') {
        const v = publishedValue(beforeSide, String((body as Obj).name)) as Json;
        Object.assign(values, { name: (body as Obj).name, insecure_value: v, value: v, type: 'String' });
      }
      return { address, mode: 'data', type, name, provider_name: AWS, schema_version: 0, values, sensitive_values: {} };
    }),
  );
  const managed = [...old.keys()].map((address) => {
    const [type, name] = address.split('.');
    return { address, mode: 'managed', type, name, provider_name: AWS, schema_version: 0, values: { ...(beforeValues.get(address) as Obj), id: fakeId(stack, address) }, sensitive_values: {} };
  });
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes,
    prior_state: { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: [...managed, ...dataResources] } } },
    configuration: { provider_config: { aws: { name: 'aws', full_name: AWS, expressions: { default_tags: [{ tags: { constant_value: { Stack: stack } } }] } } } },
    timestamp: '2026-12-05T12:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  } as Obj;
}
