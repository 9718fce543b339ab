/**
 * Generates the `terraform test` file for a mock apply of one stack: a mocked aws provider per
 * provider block (default and each alias), shaped defaults for computed attributes that the real
 * provider validates, and typed overrides for every cross-stack `terraform_remote_state`.
 * https://developer.hashicorp.com/terraform/language/tests/mocking
 */
import { hclKey, hclValue } from './hcl';
import { prefixChangeProofs, renderPrefixChange, unprovablePrefixChanges, type PrefixChangeProof } from './dx-prefix-change';
import { computedDefaults, DEFAULT_MOCK_CONTEXT, MockContext, mockValue } from './mock-values';
import { ProviderSchema } from './provider-schema';
import { findRemoteStateRefs, inferOutputType, outputAwsType, remoteStateProducers } from './remote-state';
import { awsAliases, awsProviders, awsTypesByProvider, ManifestStack, StackJson } from './stack-json';
import { PUBLISHED_PARAMETER_ROOT } from '../lib/names';

/** Name of the generated file inside the stack's working copy. */
export const TEST_FILE = 'lz-verify.tftest.hcl';

/** Name of the single run block. */
export const RUN_NAME = 'mock_apply';

/** One `mock_resource` / `mock_data` block. */
export interface MockBlock {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** One `mock_provider "aws"` block. */
export interface MockProviderSpec {
  /** `undefined` for the default provider. */
  readonly alias?: string;
  readonly mocks: readonly MockBlock[];
}

/** One `override_data` for a remote state. */
export interface RemoteStateOverride {
  readonly dataName: string;
  /** Producing stack, when it is in the same synth. */
  readonly producer?: string;
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** One `override_data` for a published value read with `data.aws_ssm_parameter` (constructs/publish). */
export interface PublishedOverride {
  readonly dataName: string;
  /** The stack whose `aws_ssm_parameter` writes the parameter. */
  readonly producer: string;
  readonly parameter: string;
  /** Mocked value, shaped like the publisher's value (an ARN for a certificate ARN). */
  readonly value: string;
}

/** Everything the test file says, before rendering. */
export interface TestPlan {
  readonly stack: string;
  readonly providers: readonly MockProviderSpec[];
  readonly overrides: readonly RemoteStateOverride[];
  /** Published values this stack reads: a mocked data source returns random text, which ARN arguments refuse. */
  readonly published?: readonly PublishedOverride[];
  /** Defects found while planning (e.g. a read of an output the producer does not declare). */
  readonly problems: readonly string[];
  /** Values for the stack's variables that have no default (sensitive keys): placeholders of their type. */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Direct Connect allowed-prefix changes to plan after the mock apply (verify/dx-prefix-change.ts). */
  readonly prefixChanges?: readonly PrefixChangeProof[];
}

/** A placeholder that passes the validations of this project's required variables (BGP keys: 6-80 characters). */
export const PLACEHOLDER_SECRET = 'lz-verify-placeholder-secret';

/** Placeholders for every variable without a default, by its declared type. */
export function requiredVariables(stack: StackJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const variables = (stack.variable ?? {}) as Record<string, { type?: string; default?: unknown }>;
  for (const [name, v] of Object.entries(variables).sort(([a], [b]) => a.localeCompare(b))) {
    if ('default' in v) continue;
    out[name] = v.type === 'number' ? 1 : v.type === 'bool' ? false : /^(list|set)/.test(v.type ?? '') ? [] : PLACEHOLDER_SECRET;
  }
  return out;
}

/** Region and account of the aws provider block with `alias` (default block when `undefined`). */
export function providerContext(stack: StackJson, alias?: string): MockContext {
  const p = awsProviders(stack).find((b) => b.alias === alias);
  return {
    region: typeof p?.region === 'string' && !p.region.includes('${') ? p.region : DEFAULT_MOCK_CONTEXT.region,
    account: p?.allowed_account_ids?.[0] ?? DEFAULT_MOCK_CONTEXT.account,
  };
}

function mockBlocks(stack: StackJson, alias: string | undefined, schema: ProviderSchema | undefined): MockBlock[] {
  const types = awsTypesByProvider(stack).get(alias ?? 'aws');
  if (!types || !schema) return [];
  const ctx = providerContext(stack, alias);
  const blocks: MockBlock[] = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const type of [...types[kind]].sort()) {
      const attrs = schema[kind][type];
      const defaults = attrs ? computedDefaults(kind, type, attrs, ctx) : {};
      if (Object.keys(defaults).length > 0) blocks.push({ kind, type, defaults });
    }
  }
  return blocks;
}

/** Plans the test file for `stack`; `stacks` are all stacks of the same synth (to type remote state outputs). */
export function planTest(stack: ManifestStack, stacks: readonly ManifestStack[], schema?: ProviderSchema): TestPlan {
  const aliases: (string | undefined)[] = [undefined, ...awsAliases(stack.json)];
  const providers = aliases.map((alias) => ({ alias, mocks: mockBlocks(stack.json, alias, schema) }));
  const problems: string[] = [];
  const overrides: RemoteStateOverride[] = [];
  const remoteBlocks = (stack.json.data?.terraform_remote_state ?? {}) as Record<string, Record<string, unknown>>;
  const producerOf = remoteStateProducers(stacks);
  for (const [dataName, keys] of [...findRemoteStateRefs(stack.json)].sort(([a], [b]) => a.localeCompare(b))) {
    const producer = producerOf(stack, remoteBlocks[dataName]);
    const declared = producer?.json.output ?? {};
    const ctx = producer ? providerContext(producer.json) : providerContext(stack.json);
    const outputs: Record<string, unknown> = {};
    for (const [key, usage] of [...keys].sort(([a], [b]) => a.localeCompare(b))) {
      if (producer && !(key in declared)) {
        problems.push(`reads output "${key}" of stack ${producer.name}, which declares no such output`);
        continue;
      }
      const value = declared[key]?.value;
      const { awsType, attr } = outputAwsType(value);
      // `ec2_transit_gateway_id` reads better in a failing run than cdktf's long output key.
      const hint = awsType && attr ? `${awsType.replace(/^aws_/, '')}_${attr}` : key;
      outputs[key] = mockValue(inferOutputType(value, usage, schema), hint, awsType, ctx, usage);
    }
    overrides.push({ dataName, producer: producer?.name, outputs });
  }
  const published = publishedOverrides(stack, stacks, problems);
  const variables = requiredVariables(stack.json);
  const prefixChanges = prefixChangeProofs(stack.json);
  problems.push(...unprovablePrefixChanges(stack.json));
  return { stack: stack.name, providers, overrides, ...(published.length ? { published } : {}), problems, ...(Object.keys(variables).length ? { variables } : {}), ...(prefixChanges.length ? { prefixChanges } : {}) };
}

/**
 * Overrides for the `data.aws_ssm_parameter` lookups of values another stack of the synth publishes,
 * typed from the publisher's `value` (`${aws_acm_certificate.c.arn}` becomes an ACM ARN of the
 * publisher's account). A lookup under the landing zone's root that no stack publishes is a problem:
 * it would fail with ParameterNotFound at the first real plan.
 */
function publishedOverrides(stack: ManifestStack, stacks: readonly ManifestStack[], problems: string[]): PublishedOverride[] {
  const reads = (stack.json.data?.aws_ssm_parameter ?? {}) as Record<string, { name?: unknown }>;
  const writers = new Map<string, { stack: ManifestStack; value: unknown }>();
  for (const other of stacks) {
    for (const body of Object.values((other.json.resource?.aws_ssm_parameter ?? {}) as Record<string, { name?: unknown; value?: unknown }>)) {
      if (typeof body.name === 'string') writers.set(body.name, { stack: other, value: body.value });
    }
  }
  const out: PublishedOverride[] = [];
  for (const [dataName, body] of Object.entries(reads).sort(([a], [b]) => a.localeCompare(b))) {
    if (typeof body.name !== 'string') continue;
    const writer = writers.get(body.name);
    if (!writer || writer.stack.name === stack.name) {
      if (body.name.startsWith(`${PUBLISHED_PARAMETER_ROOT}/`)) problems.push(`reads parameter ${body.name}, which no other stack publishes`);
      continue;
    }
    const { awsType, attr } = outputAwsType(writer.value);
    const hint = awsType && attr ? `${awsType.replace(/^aws_/, '')}_${attr}` : body.name.split('/').pop()!;
    out.push({ dataName, producer: writer.stack.name, parameter: body.name, value: String(mockValue('string', hint, awsType, providerContext(writer.stack.json))) });
  }
  return out;
}

function renderPublished(o: PublishedOverride): string {
  return [
    `# ${o.parameter}, published by stack ${o.producer}`,
    'override_data {',
    `  target = data.aws_ssm_parameter.${o.dataName}`,
    `  values = {`,
    `    insecure_value = ${hclValue(o.value)}`,
    `    value          = ${hclValue(o.value)}`,
    '  }',
    '}',
  ].join('\n');
}

function renderProvider(p: MockProviderSpec): string {
  const body: string[] = [];
  if (p.alias) body.push(`  alias = ${hclValue(p.alias)}`);
  for (const m of p.mocks) {
    const defaults = Object.entries(m.defaults)
      .map(([k, v]) => `      ${hclKey(k)} = ${hclValue(v, '      ')}`)
      .join('\n');
    body.push(`  mock_${m.kind} "${m.type}" {\n    defaults = {\n${defaults}\n    }\n  }`);
  }
  return body.length === 0 ? 'mock_provider "aws" {}' : `mock_provider "aws" {\n${body.join('\n\n')}\n}`;
}

function renderOverride(o: RemoteStateOverride): string {
  const from = o.producer ? `outputs of stack ${o.producer}, typed from its output blocks` : 'no producing stack in this synth: outputs typed from their use here';
  return [
    `# ${from}`,
    'override_data {',
    `  target = data.terraform_remote_state.${o.dataName}`,
    `  values = {`,
    `    outputs = ${hclValue(o.outputs, '    ')}`,
    '  }',
    '}',
  ].join('\n');
}

/** The `.tftest.hcl` text for a plan. */
export function renderTestFile(plan: TestPlan): string {
  const header = [
    `# Generated by verify/tftest.ts for stack ${plan.stack}: a mock apply (no credentials, no network).`,
    '# mock_resource/mock_data defaults: a mocked provider fills computed attributes with random text, but',
    '# the real provider still validates arguments, so ARNs, policy JSON, CIDRs and AZ lists are shaped',
    '# to pass (see verify/mock-values.ts).',
  ].join('\n');
  const variables = plan.variables ? [`# Required variables (sensitive keys) get placeholders.\nvariables ${hclValue(plan.variables)}`] : [];
  const sections = [header, ...variables, ...plan.providers.map(renderProvider), ...plan.overrides.map(renderOverride), ...(plan.published ?? []).map(renderPublished), `run "${RUN_NAME}" {\n  command = apply\n}`, ...renderPrefixChange(plan.prefixChanges ?? [])];
  return `${sections.join('\n\n')}\n`;
}
