/**
 * Plausible fake values for `terraform test` mocks. A mocked provider fills computed strings with
 * random 8-character text and computed collections with empty ones; the real provider still
 * validates every argument during the mock apply, so a random `arn` fed into an ARN argument
 * ("invalid ARN: arn: invalid prefix"), a random `json` fed into a policy ("not a JSON object") or
 * an empty AZ list fed into `element()` fails the run although the configuration is fine. Values
 * here are shaped by attribute name so they pass those checks.
 * https://developer.hashicorp.com/terraform/language/tests/mocking#generated-data
 */
import { AttributeSchema, CtyType } from './provider-schema';

/** Account and region a value belongs to (from the provider block it is created through). */
export interface MockContext {
  readonly region: string;
  readonly account: string;
}

/** Used when a provider block names no region or allowed account. */
export const DEFAULT_MOCK_CONTEXT: MockContext = { region: 'us-east-1', account: '123456789012' };

/** How a consumer uses a value: keys it reads and the highest index it reads. */
export interface ValueUsage {
  readonly keys: readonly string[];
  readonly maxIndex: number;
}

/** Length of a mocked list whose length nothing fixes: three, like a usual AZ count, so `[1]`/`[2]` work. */
export const MOCK_LIST_LENGTH = 3;

const NO_USAGE: ValueUsage = { keys: [], maxIndex: -1 };

/** A policy document that every aws policy validator accepts (valid JSON object with a statement). */
export const MOCK_POLICY_JSON = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Mock', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
});

/** Service part of an ARN for an aws type; ARN validators check the shape, not the service, so this is cosmetic. */
function arnService(awsType: string | undefined): string {
  const rest = (awsType ?? 'aws_mock').replace(/^aws_/, '');
  if (rest.startsWith('cloudwatch_log')) return 'logs';
  if (rest.startsWith('route53_resolver')) return 'route53resolver';
  if (/^(lb|alb)(_|$)/.test(rest)) return 'elasticloadbalancing';
  if (/^(vpc|subnet|route_|nat_|internet_|egress_only|eip|security_group|default_|network_|ec2_|flow_log|customer_gateway|vpn_)/.test(rest)) return 'ec2';
  return rest.split('_')[0];
}

/** An ARN that passes the provider's ARN validation, e.g. `arn:aws:kms:eu-west-1:111111111111:key/mock-key`. */
export function mockArn(name: string, awsType: string | undefined, ctx: MockContext, index = 0): string {
  const service = arnService(awsType);
  const resource = (awsType ?? 'mock').replace(/^aws_/, '').replace(/_/g, '-');
  const base = name.toLowerCase().replace(/_?arns?$/, '') || resource;
  const label = `mock-${base}${index > 0 ? `-${index + 1}` : ''}`.replace(/[^A-Za-z0-9-]/g, '-');
  if (service === 's3') return `arn:aws:s3:::${label}`; // S3 ARNs carry neither region nor account
  const region = ['iam', 'route53', 'organizations'].includes(service) ? '' : ctx.region;
  return `arn:aws:${service}:${region}:${ctx.account}:${resource}/${label}`;
}

/**
 * A string shaped by the attribute (or output) name, or `undefined` when the name says nothing and a
 * random string is fine. `name` is matched as snake_case, so `cross-stack-output-aws_kms_keykeyarn`
 * is an ARN. `index` keeps the elements of a set distinct.
 */
export function shapedString(name: string, awsType: string | undefined, ctx: MockContext, index = 0): string | undefined {
  const n = name.toLowerCase();
  if (/arns?$/.test(n)) return mockArn(n, awsType, ctx, index);
  if (/(^|_)(json|policy)$/.test(n)) return MOCK_POLICY_JSON;
  if (/(^|_)ipv6_cidr(_block)?$/.test(n)) return `2001:db8:${index.toString(16)}::/56`; // documentation prefix, RFC 3849
  if (/(^|_)cidr(_block)?$/.test(n)) return `10.${255 - index}.0.0/16`;
  if (/(^|_)public_ip$/.test(n)) return `203.0.113.${10 + index}`; // TEST-NET-3, RFC 5737
  if (/(^|_)(ip|ip_address|private_ip)$/.test(n)) return `10.255.0.${10 + index}`;
  if (/(^|_)(account_id|owner_id)$/.test(n)) return ctx.account;
  if (n === 'region') return ctx.region;
  return undefined;
}

/** Singular of a collection's name, for shaping its elements: `subnet_arns` -> `subnet_arn`. */
function elementName(name: string): string {
  if (/ies$/.test(name)) return name.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh)es$/.test(name)) return name.replace(/es$/, ''); // addresses -> address
  return name.replace(/s$/, '');
}

function isCollection(t: CtyType, kinds: readonly string[]): t is readonly [string, unknown] {
  return Array.isArray(t) && kinds.includes(t[0] as string);
}

/**
 * A value of cty type `type`, shaped by `name`. Lists get the consumer's highest index + 1 (at least
 * {@link MOCK_LIST_LENGTH}) elements, maps get the keys the consumer reads (or one `mock` key).
 */
export function mockValue(type: CtyType, name: string, awsType: string | undefined, ctx: MockContext, usage: ValueUsage = NO_USAGE, index = 0): unknown {
  if (type === 'number') return index + 1;
  if (type === 'bool') return false;
  if (!Array.isArray(type)) return shapedString(name, awsType, ctx, index) ?? `mock-${name}${index > 0 ? `-${index + 1}` : ''}`; // string, dynamic
  const [kind, inner] = type as readonly [string, unknown];
  if (kind === 'list' || kind === 'set') {
    const length = Math.max(MOCK_LIST_LENGTH, usage.maxIndex + 1);
    return Array.from({ length }, (_, i) => mockValue(inner as CtyType, elementName(name), awsType, ctx, NO_USAGE, i));
  }
  if (kind === 'tuple') return (inner as CtyType[]).map((t, i) => mockValue(t, elementName(name), awsType, ctx, NO_USAGE, i));
  if (kind === 'map') {
    const keys = usage.keys.length > 0 ? usage.keys : ['mock'];
    return Object.fromEntries(keys.map((k, i) => [k, mockValue(inner as CtyType, elementName(name), awsType, ctx, NO_USAGE, i)]));
  }
  if (kind === 'object') {
    const attrs = inner as Record<string, CtyType>;
    return Object.fromEntries(Object.entries(attrs).map(([k, t]) => [k, mockValue(t, k, awsType, ctx)]));
  }
  return `mock-${name}`;
}

/** Type-specific defaults where the attribute name alone is not enough. */
const TYPE_DEFAULTS: Record<string, (ctx: MockContext) => Record<string, unknown>> = {
  // Region and AZ names flow into endpoint service names and subnet placement.
  'data.aws_region': (ctx) => ({ name: ctx.region, region: ctx.region }),
  'data.aws_availability_zones': (ctx) => ({ names: ['a', 'b', 'c'].map((s) => `${ctx.region}${s}`), zone_ids: ['1', '2', '3'].map((s) => `mock-az${s}`) }),
  // Routes select a firewall endpoint by AZ from firewall_status (constructs/inspection/network-firewall.ts):
  // one sync state per AZ of the Region, so the selection finds one as it does after a real apply.
  aws_networkfirewall_firewall: (ctx) => ({
    firewall_status: [
      { sync_states: ['a', 'b', 'c', 'd'].map((s, i) => ({ availability_zone: `${ctx.region}${s}`, attachment: [{ endpoint_id: `vpce-0mock0000000000${i}`, subnet_id: `subnet-0mock000000000${i}` }] })) },
    ],
  }),
};

/**
 * `defaults` for one `mock_resource`/`mock_data` block: every computed attribute whose random mock
 * would fail validation (shaped strings) and every computed list/set (never empty).
 * Empty when the mock's own values are fine.
 */
export function computedDefaults(kind: 'resource' | 'data', awsType: string, attrs: Readonly<Record<string, AttributeSchema>>, ctx: MockContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(attrs)) {
    if (!a.computed || name === 'id') continue;
    if (a.type === 'string') {
      const v = shapedString(name, awsType, ctx);
      if (v !== undefined) out[name] = v;
    } else if (isCollection(a.type, ['list', 'set'])) {
      // Never empty: configurations index computed lists (`dns_entry[0].dns_name` of an interface endpoint).
      out[name] = mockValue(a.type, name, awsType, ctx);
    }
  }
  const specific = TYPE_DEFAULTS[`${kind === 'data' ? 'data.' : ''}${awsType}`]?.(ctx) ?? {};
  for (const [k, v] of Object.entries(specific)) if (attrs[k]?.computed) out[k] = v;
  return out;
}
