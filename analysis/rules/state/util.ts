/**
 * What the state rules know about secrets: which resource attributes are secrets, which resources put
 * a secret in their stack's state, and what a value refers to (resource references resolved across
 * stacks, plus the variables, local values and undeclared keys named in the expressions Terraform
 * evaluates itself).
 */
import { scanTemplate, traversalsIn, parseTraversal } from '../../../lib/terraform/expression';
import { isRef, isTemplate, isUnknown, type Ref, type ResourceGraph, type StackInfo, type TfResource, type Value } from '../../graph/types';
import { stringOf } from '../helpers/values';
import type { StackElement } from '../types';

/**
 * Direct Connect resources that carry a BGP MD5 key (`bgp_auth_key`, computed: AWS generates one when
 * none is given, so it is in the state either way). The accepter side of a hosted VIF has no key.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dx_transit_virtual_interface
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dx_bgp_peer
 */
export const DX_KEYED_TYPES: readonly string[] = [
  'aws_dx_bgp_peer',
  'aws_dx_hosted_private_virtual_interface',
  'aws_dx_hosted_public_virtual_interface',
  'aws_dx_hosted_transit_virtual_interface',
  'aws_dx_private_virtual_interface',
  'aws_dx_public_virtual_interface',
  'aws_dx_transit_virtual_interface',
];

/**
 * Attributes that are secrets, by resource type (the attributes the provider schemas mark sensitive,
 * plus `bgp_auth_key`, which the aws provider does not). An `aws_ssm_parameter`'s value is a secret
 * only for a SecureString. `customer_gateway_configuration` is the device configuration AWS returns,
 * pre-shared keys included (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html).
 */
const SECRET_ATTRIBUTES: { readonly [type: string]: readonly string[] } = {
  tls_private_key: ['private_key_pem', 'private_key_pem_pkcs8', 'private_key_openssh'],
  aws_vpn_connection: ['tunnel1_preshared_key', 'tunnel2_preshared_key', 'customer_gateway_configuration'],
  ...Object.fromEntries(DX_KEYED_TYPES.map((t) => [t, ['bgp_auth_key']])),
  random_password: ['result', 'bcrypt_hash'],
  aws_iam_access_key: ['secret', 'ses_smtp_password_v4'],
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
  aws_iam_user_login_profile: ['password'],
  aws_ssm_parameter: ['value'],
};

/** Data sources whose attributes are secrets (read into the reader's state). */
const SECRET_DATA_ATTRIBUTES: { readonly [type: string]: readonly string[] } = {
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
};

/**
 * Why a parameter holds a secret: a SecureString, or a type unknown before apply (it might be one);
 * undefined for a String or StringList parameter.
 */
function secureParameter(graph: ResourceGraph, parameter: TfResource): string | undefined {
  const type = stringOf(graph, parameter.attrs.type);
  if (isUnknown(type)) return `its type ${type.$unknown} is unknown before apply`;
  return type === 'SecureString' ? 'SecureString' : undefined;
}

/**
 * The secret a reference reads, as `<address>.<attribute>`, or undefined when it reads none. A
 * reference to a whole resource (no attribute) reads its secrets too.
 */
export function secretRead(graph: ResourceGraph, ref: Ref): TfResource | undefined {
  const target = graph.get(ref.$ref);
  if (!target) return undefined;
  const table = target.mode === 'data' ? SECRET_DATA_ATTRIBUTES : SECRET_ATTRIBUTES;
  const attributes = table[target.type];
  if (!attributes) return undefined;
  const head = /^[^.[]*/.exec(ref.attribute)![0];
  if (head !== '' && !attributes.includes(head)) return undefined;
  if (target.mode === 'managed' && target.type === 'aws_ssm_parameter' && secureParameter(graph, target) === undefined) return undefined;
  return target;
}

/**
 * Resources whose state holds a secret, with why: tls private keys; VPN connections (the tunnel
 * pre-shared keys are always in the state, AWS-generated or not); Direct Connect interfaces and BGP
 * peers (`bgp_auth_key`); SecureString parameters; generated passwords, access keys, secret versions
 * and console passwords.
 */
export function secretHolder(graph: ResourceGraph, r: TfResource): string | undefined {
  if (r.mode !== 'managed') return undefined;
  if (r.type === 'aws_ssm_parameter') {
    const why = secureParameter(graph, r);
    return why === undefined ? undefined : `${r.address} (${why})`;
  }
  return SECRET_ATTRIBUTES[r.type] ? r.address : undefined;
}

/** A stack's output, variable or local value as the subject of a finding. */
export function element(stack: string, type: StackElement['type'], name: string): StackElement {
  const prefix = type === 'variable' ? 'var' : type;
  return { id: `${stack}:${prefix}.${name}`, stack, type, name, path: `${stack}/${prefix}.${name}` };
}

/** What a value refers to. */
export interface Mentions {
  /** References to resources and data sources, resolved (across stacks where the value was read from another). */
  readonly refs: readonly Ref[];
  /** Input variables named in the expressions (`var.<name>`). */
  readonly variables: ReadonlySet<string>;
  /** `tls_private_key.<name>` traversals that resolve to no resource (the stack does not declare the key). */
  readonly undeclaredKeys: ReadonlySet<string>;
}

/** Parsed expressions by text, shared by the calls of one check (100 spokes repeat the same strings). */
export type TraversalCache = Map<string, readonly (readonly string[])[]>;

/** The traversals (as their first three names) inside the `${...}` of a synthesized expression, cached. */
function traversalsOf(text: string, traversals: TraversalCache): readonly (readonly string[])[] {
  let found = traversals.get(text);
  if (found) return found;
  const parts = scanTemplate(text);
  const exprs = parts ? parts.flatMap((p) => (typeof p === 'string' ? [] : [p.expr])) : [text];
  found = exprs
    .flatMap((e) => traversalsIn(e))
    .map((t) => parseTraversal(t) ?? [])
    .map((steps) => steps.slice(0, 3).map((s) => ('attr' in s ? s.attr : '')));
  traversals.set(text, found);
  return found;
}

/**
 * What `value` (in stack `stack`) refers to, following the stack's local values (`local.<name>`) to
 * what they refer to in turn.
 */
export function mentionsOf(value: Value | undefined, stack?: StackInfo, cache: TraversalCache = new Map()): Mentions {
  const refs: Ref[] = [];
  const variables = new Set<string>();
  const undeclaredKeys = new Set<string>();
  const visitedLocals = new Set<string>();
  const text = (t: string): void => {
    for (const [root, second] of traversalsOf(t, cache)) {
      if (root === 'var' && second) variables.add(second);
      else if (root === 'tls_private_key' && second) undeclaredKeys.add(`tls_private_key.${second}`);
      else if (root === 'local' && second && !visitedLocals.has(second)) {
        visitedLocals.add(second);
        walk(stack?.locals?.[second]);
      }
    }
  };
  const walk = (v: Value | undefined): void => {
    if (v === undefined || v === null || typeof v !== 'object') return;
    if (isRef(v)) refs.push(v);
    else if (isTemplate(v)) {
      text(v.$template);
      for (const r of v.refs) walk(r);
    } else if (isUnknown(v)) {
      text(v.$unknown);
      for (const r of v.refs ?? []) refs.push(r);
    } else if (Array.isArray(v)) for (const e of v as readonly Value[]) walk(e);
    else for (const e of Object.values(v as { readonly [k: string]: Value })) walk(e);
  };
  walk(value);
  // A key the stack declares is a Ref already; only the others are undeclared.
  for (const r of refs) {
    const m = /:(tls_private_key\.[^.]+)$/.exec(r.$ref);
    if (m) undeclaredKeys.delete(m[1]);
  }
  return { refs, variables, undeclaredKeys };
}

/** At most `n` items, then `and <k> more`. */
export function listed(items: readonly string[], n = 3): string {
  const shown = items.slice(0, n).join(', ');
  return items.length > n ? `${shown} and ${items.length - n} more` : shown;
}
