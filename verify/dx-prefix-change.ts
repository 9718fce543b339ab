/**
 * The real-Terraform proof that editing Direct Connect allowed prefixes is an in-place update that
 * touches nothing else (issue: an allowed-prefix edit used to defer the attachment-id lookup to apply
 * time and replace the `onprem` association and every propagation keyed on it).
 *
 * For each `aws_dx_gateway_association` with a literal `allowed_prefixes`, the mock-apply copy of the
 * stack reads the list from a variable whose default is the synthesized list. The test file then adds
 * a second run that plans a changed list against the state of the mock apply and asserts that the
 * attachment id read by `aws_ec2_transit_gateway_dx_gateway_attachment` is known at plan time and
 * unchanged, and that every route table association and propagation keyed on it keeps that id. A
 * deferred read would make these conditions unknown, which `terraform test` reports as a failure
 * ("Unknown condition value"), so the run fails exactly when the defect is back.
 * https://developer.hashicorp.com/terraform/language/tests#run-blocks
 * https://developer.hashicorp.com/terraform/language/tests/mocking#overrides (override_during, Terraform 1.11)
 */
import type { StackJson } from './stack-json';

/** Name of the second run. */
export const PREFIX_CHANGE_RUN = 'allowed_prefixes_change';

/** The prefix the change adds (RFC 2544 benchmarking range: never a real network). */
export const ADDED_PREFIX = '198.18.0.0/15';

/** The attachment id the mocked lookup returns, at plan and apply time. */
export const MOCK_DX_ATTACHMENT_ID = 'tgw-attach-0d0c0ffee0d0c0ffe';

const ASSOCIATION = 'aws_dx_gateway_association';
const LOOKUP = 'aws_ec2_transit_gateway_dx_gateway_attachment';
const KEYED_TYPES = ['aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation'];

/** One association whose prefix change is planned, with what must stay as it is. */
export interface PrefixChangeProof {
  /** Resource name of the association. */
  readonly association: string;
  /** Variable that carries its allowed prefixes in the mock-apply copy. */
  readonly variable: string;
  readonly prefixes: readonly string[];
  /** Data source names of the attachment lookups. */
  readonly lookups: readonly string[];
  /** `type.name` of every resource whose attachment id comes from a lookup, with that lookup. */
  readonly keyed: readonly { readonly address: string; readonly lookup: string }[];
}

/** The proofs a stack needs: one per association with a literal prefix list (none without Direct Connect). */
export function prefixChangeProofs(json: StackJson): PrefixChangeProof[] {
  const lookups = Object.keys(json.data?.[LOOKUP] ?? {}).sort();
  if (lookups.length === 0) return [];
  const keyed: { address: string; lookup: string }[] = [];
  for (const type of KEYED_TYPES) {
    for (const [name, body] of Object.entries(json.resource?.[type] ?? {})) {
      const id = body.transit_gateway_attachment_id;
      const lookup = lookups.find((l) => id === `\${data.${LOOKUP}.${l}.id}`);
      if (lookup) keyed.push({ address: `${type}.${name}`, lookup });
    }
  }
  return Object.entries(json.resource?.[ASSOCIATION] ?? {})
    .filter(([, body]) => Array.isArray(body.allowed_prefixes) && (body.allowed_prefixes as unknown[]).every((p) => typeof p === 'string' && !p.includes('${')))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, body]) => ({ association: name, variable: `lz_verify_allowed_prefixes_${name.replace(/[^A-Za-z0-9_]/g, '_')}`, prefixes: body.allowed_prefixes as string[], lookups, keyed }));
}

/**
 * Associations the proof cannot cover (their `allowed_prefixes` is not a literal list) in a stack that
 * looks the attachment up: reported as a verification problem, never skipped silently.
 */
export function unprovablePrefixChanges(json: StackJson): string[] {
  if (Object.keys(json.data?.[LOOKUP] ?? {}).length === 0) return [];
  const proved = new Set(prefixChangeProofs(json).map((p) => p.association));
  return Object.keys(json.resource?.[ASSOCIATION] ?? {})
    .filter((name) => !proved.has(name))
    .sort()
    .map((name) => `the allowed-prefix proof cannot run: allowed_prefixes of ${ASSOCIATION}.${name} is not a literal list`);
}

/** A copy of the stack JSON whose associations read their prefixes from the proofs' variables. */
export function withPrefixVariables<T extends StackJson>(json: T, proofs: readonly PrefixChangeProof[]): T {
  if (proofs.length === 0) return json;
  const copy = JSON.parse(JSON.stringify(json)) as { resource: Record<string, Record<string, Record<string, unknown>>>; variable?: Record<string, unknown> };
  copy.variable = { ...(copy.variable ?? {}) };
  for (const p of proofs) {
    copy.resource[ASSOCIATION][p.association].allowed_prefixes = `\${var.${p.variable}}`;
    copy.variable[p.variable] = { type: 'list(string)', default: [...p.prefixes], description: 'lz verify: the synthesized allowed prefixes, as a variable so that a second run can change them' };
  }
  return copy as unknown as T;
}

/** The HCL for the proofs: the lookup overrides (at plan time too) and the run that changes the prefixes. */
export function renderPrefixChange(proofs: readonly PrefixChangeProof[]): string[] {
  if (proofs.length === 0) return [];
  const lookups = [...new Set(proofs.flatMap((p) => p.lookups))].sort();
  const overrides = lookups.map((l) =>
    [
      '# The attachment id the lookup returns; also at plan time, so a read that happens during plan is known.',
      'override_data {',
      `  target = data.${LOOKUP}.${l}`,
      `  values = { id = "${MOCK_DX_ATTACHMENT_ID}" }`,
      '  override_during = plan',
      '}',
    ].join('\n'),
  );
  const variables = proofs.map((p) => `    ${p.variable} = ${JSON.stringify([...p.prefixes, ADDED_PREFIX])}`);
  const asserts: string[] = [];
  for (const p of proofs) {
    asserts.push(assertion(`contains(aws_dx_gateway_association.${p.association}.allowed_prefixes, "${ADDED_PREFIX}")`, `the plan does not change the allowed prefixes of ${p.association}`));
  }
  for (const l of lookups) {
    asserts.push(assertion(`data.${LOOKUP}.${l}.id == "${MOCK_DX_ATTACHMENT_ID}"`, `the Direct Connect attachment lookup ${l} is not read at plan time: its id is unknown, so everything keyed on it is replaced`));
  }
  for (const k of proofs[0].keyed) {
    // Planned from config: known and equal to the applied id only when the lookup was read at plan time.
    asserts.push(assertion(`${k.address}.transit_gateway_attachment_id == "${MOCK_DX_ATTACHMENT_ID}"`, `${k.address} gets an unknown attachment id (a replacement) when only the allowed prefixes change`));
  }
  const run = [
    `# An allowed-prefix edit against the state of the mock apply: an in-place update of the association only.`,
    `run "${PREFIX_CHANGE_RUN}" {`,
    '  command = plan',
    '  variables {',
    ...variables,
    '  }',
    ...asserts,
    '}',
  ].join('\n');
  return [...overrides, run];
}

function assertion(condition: string, message: string): string {
  return ['  assert {', `    condition     = ${condition}`, `    error_message = ${JSON.stringify(message)}`, '  }'].join('\n');
}

/**
 * The negative control: the stack as it was before the fix, with each attachment lookup reading the
 * association's own attributes. `npm run verify` runs the proof on it too and requires it to FAIL, so
 * the proof is shown to catch the defect it exists for. Undefined when the stack has nothing to mutate.
 */
export function preFixLookupShape<T extends StackJson>(json: T): T | undefined {
  const proofs = prefixChangeProofs(json);
  if (proofs.length === 0) return undefined;
  const copy = JSON.parse(JSON.stringify(json)) as { data: Record<string, Record<string, Record<string, unknown>>> };
  const association = proofs[0].association;
  for (const lookup of proofs[0].lookups) {
    copy.data[LOOKUP][lookup].dx_gateway_id = `\${${ASSOCIATION}.${association}.dx_gateway_id}`;
    copy.data[LOOKUP][lookup].transit_gateway_id = `\${${ASSOCIATION}.${association}.associated_gateway_id}`;
  }
  return copy as unknown as T;
}
