/**
 * LZ-SECRET01: no secret leaves the workspace that holds it. Proved from the synthesized JSON of every
 * stack at once:
 * (a) a `tls_private_key` exists only in a PKI stack (tls keys and certificates, their ACM imports and
 *     published parameters, nothing else), and no other stack references one;
 * (b) no output of any stack exposes a secret (a private key, a VPN pre-shared key or device
 *     configuration, a BGP key, a sensitive variable...): `sensitive = true` only hides an output from
 *     the CLI, while every output is stored in the state and copied into the state of each reader
 *     (https://developer.hashicorp.com/terraform/language/values/outputs#sensitive);
 * (c) no stack declares a sensitive variable another stack declares too: each secret is set in one
 *     workspace;
 * (d) no stack reads (`terraform_remote_state`, `tfe_outputs`) a stack that holds secrets: reading a
 *     remote state needs access to the whole state snapshot, and HashiCorp recommends publishing the
 *     values readers need elsewhere (https://developer.hashicorp.com/terraform/language/state/remote-state-data),
 *     which the landing zone does with SSM parameters (constructs/publish). A read that cannot be
 *     matched to a stack cannot be proved harmless and is a finding too.
 */
import type { OutputRead, ResourceGraph, StackInfo, TfResource, Value } from '../../graph/types';
import { finding } from '../helpers/findings';
import type { Rule, Violation } from '../types';
import { element, listed, mentionsOf, secretHolder, secretRead, type Mentions, type TraversalCache } from './util';

/**
 * Resources that only forward a variable's value into another workspace (a Terraform Cloud workspace
 * variable): the secret belongs to that workspace, so for (c) they do not make the variable theirs.
 * https://registry.terraform.io/providers/hashicorp/tfe/latest/docs/resources/variable
 */
const FORWARDERS = new Set(['tfe_variable']);

/** Resource types a PKI stack may hold: keys, certificates, their ACM imports and the published ARNs. */
const PKI_TYPES = new Set(['tls_private_key', 'tls_self_signed_cert', 'tls_locally_signed_cert', 'tls_cert_request', 'aws_acm_certificate', 'aws_ssm_parameter']);

/** Rule LZ-SECRET01: its table entry and its check. */
export const rule: Rule = {
  id: 'LZ-SECRET01',
  title: 'Secrets stay in their workspace: tls keys only in PKI stacks, no output exposes a secret, no sensitive variable in two stacks, no read of a stack that holds secrets',
  why: 'Terraform copies every output of a stack it reads, sensitive or not, into the reader\'s state, and reading a remote state needs access to the whole snapshot: a private key, pre-shared key or BGP key that crosses a workspace boundary is readable by everyone who can read the other workspace.',
  level: 'error',
  suppressible: false,
  mappings: {},
  appliesTo: [],
  check(graph) {
    const ctx = contextOf(graph);
    return [...keyViolations(ctx), ...outputViolations(ctx), ...sharedVariables(ctx), ...readViolations(ctx)];
  },
};

/** What every part of the check needs: stacks by name, their resources, which are PKI stacks, what each resource refers to. */
interface Context {
  readonly graph: ResourceGraph;
  readonly stacks: ReadonlyMap<string, StackInfo>;
  /** Every stack name, from the stack list and the resources (tests may build graphs with no stack list). */
  readonly names: readonly string[];
  readonly resourcesOf: ReadonlyMap<string, readonly TfResource[]>;
  /** Per stack, the managed resource types a PKI stack may not hold. */
  readonly foreign: ReadonlyMap<string, readonly string[]>;
  /** What each resource's arguments refer to, by resource id. */
  readonly mentions: ReadonlyMap<string, Mentions>;
  readonly cache: TraversalCache;
}

function contextOf(graph: ResourceGraph): Context {
  const stacks = new Map(graph.stacks.map((s) => [s.name, s]));
  const resourcesOf = new Map<string, TfResource[]>();
  const cache: TraversalCache = new Map();
  const mentions = new Map<string, Mentions>();
  for (const r of graph.resources) {
    const list = resourcesOf.get(r.stack);
    if (list) list.push(r);
    else resourcesOf.set(r.stack, [r]);
    mentions.set(r.id, mentionsOf(r.attrs, stacks.get(r.stack), cache));
  }
  const names = [...new Set([...stacks.keys(), ...resourcesOf.keys()])].sort();
  const foreign = new Map(names.map((s) => [s, foreignTypes(resourcesOf.get(s) ?? [])]));
  return { graph, stacks, names, resourcesOf, foreign, mentions, cache };
}

/** A PKI stack holds tls resources and nothing a PKI stack may not hold. */
function isPki(ctx: Context, stack: string): boolean {
  return (ctx.resourcesOf.get(stack) ?? []).some((r) => r.mode === 'managed' && r.type.startsWith('tls_')) && (ctx.foreign.get(stack) ?? []).length === 0;
}

/** (a) A tls key outside a PKI stack, and every reference to a key outside the PKI stack that holds it. */
function keyViolations(ctx: Context): Violation[] {
  const out: Violation[] = [];
  for (const key of ctx.graph.byType('tls_private_key')) {
    if (isPki(ctx, key.stack)) continue;
    out.push(finding(key, `stack ${key.stack} is not a PKI stack (it also holds ${listed(ctx.foreign.get(key.stack) ?? [])}): generate keys in a stack of their own that holds only tls keys and certificates, their ACM imports and the published certificate ARNs (like <name>-spoke-<spoke>-vpn-pki)`));
  }
  for (const name of ctx.names) {
    if (isPki(ctx, name)) continue;
    const stack = ctx.stacks.get(name);
    const keysIn = (m: Mentions): string[] => {
      // A key of this stack is reported where it is declared (above); its uses add nothing.
      const refs = m.refs.flatMap((r) => {
        const target = ctx.graph.get(r.$ref);
        return target?.type === 'tls_private_key' && target.stack !== name ? [`${target.address} of stack ${target.stack}`] : [];
      });
      return [...new Set([...refs, ...m.undeclaredKeys])];
    };
    const message = (keys: string[]) => `references ${listed(keys)}: key material stays in its PKI stack; read only the certificate ARNs it publishes`;
    for (const r of ctx.resourcesOf.get(name) ?? []) {
      const keys = keysIn(ctx.mentions.get(r.id)!);
      if (keys.length) out.push(finding(r, message(keys)));
    }
    for (const [type, values] of [['local', stack?.locals], ['output', stack?.outputs]] as const) {
      for (const [item, value] of Object.entries(values ?? {})) {
        const keys = keysIn(mentionsOf(value, stack, ctx.cache));
        if (keys.length) out.push({ resource: element(name, type, item), message: message(keys) });
      }
    }
  }
  return out;
}

/** (b) Outputs of any stack that expose a secret. */
function outputViolations(ctx: Context): Violation[] {
  const out: Violation[] = [];
  for (const stack of ctx.graph.stacks) {
    for (const [output, value] of Object.entries(stack.outputs ?? {})) {
      const exposed = exposedSecrets(ctx, stack, value);
      if (exposed.length === 0) continue;
      out.push({
        resource: element(stack.name, 'output', output),
        message: `exposes ${listed(exposed)}: every workspace that reads ${stack.name}'s outputs, and anyone who runs terraform output, gets it (sensitive only hides it from the CLI) — remove the output; whoever needs the secret reads it from this workspace with access to it`,
      });
    }
  }
  return out;
}

/** (d) Reads of a stack that holds secrets, and reads no stack matches. */
function readViolations(ctx: Context): Violation[] {
  const held = new Map<string, string[]>();
  const holdings = (s: string): string[] => {
    let h = held.get(s);
    if (!h) {
      const variables = Object.entries(ctx.stacks.get(s)?.variables ?? {}).filter(([, v]) => v.sensitive).map(([n]) => `var.${n}`);
      const resources = (ctx.resourcesOf.get(s) ?? []).map((r) => secretHolder(ctx.graph, r)).filter((x): x is string => x !== undefined);
      h = [...resources, ...variables];
      held.set(s, h);
    }
    return h;
  };
  const out: Violation[] = [];
  for (const stack of ctx.graph.stacks) {
    for (const read of stack.reads ?? []) {
      const source = ctx.graph.get(read.source);
      if (!source) continue;
      const violation = readViolation(source, read, read.stack === undefined ? [] : holdings(read.stack));
      if (violation) out.push(violation);
    }
  }
  return out;
}

/** The distinct managed resource types of a stack that a PKI stack may not hold. */
function foreignTypes(resources: readonly TfResource[]): string[] {
  return [...new Set(resources.filter((r) => r.mode === 'managed' && !PKI_TYPES.has(r.type)).map((r) => r.type))].sort();
}

/** The secrets an output value exposes: secret attributes it references (in any stack) and the stack's sensitive variables it names. */
function exposedSecrets(ctx: Context, stack: StackInfo, value: Value): string[] {
  const m = mentionsOf(value, stack, ctx.cache);
  const attributes = m.refs.flatMap((r) => {
    const target = secretRead(ctx.graph, r);
    if (!target) return [];
    const what = r.attribute ? `${target.address}.${r.attribute}` : target.address;
    return [target.stack === stack.name ? what : `${what} of stack ${target.stack}`];
  });
  const variables = [...m.variables].filter((v) => stack.variables?.[v]?.sensitive).map((v) => `var.${v} (sensitive)`);
  return [...new Set([...attributes, ...variables])];
}

/**
 * (c) Variables that some stack declares sensitive and another stack declares too. When the resources
 * of exactly one of the declaring stacks use it, that stack owns it and the others are at fault;
 * otherwise every declaration is.
 */
function sharedVariables(ctx: Context): Violation[] {
  const used = new Map<string, Set<string>>();
  for (const [stack, resources] of ctx.resourcesOf) {
    const set = new Set<string>();
    for (const r of resources) if (!FORWARDERS.has(r.type)) for (const v of ctx.mentions.get(r.id)!.variables) set.add(v);
    used.set(stack, set);
  }
  const declarers = new Map<string, { stack: string; sensitive: boolean }[]>();
  for (const s of ctx.graph.stacks) for (const [name, v] of Object.entries(s.variables ?? {})) declarers.set(name, [...(declarers.get(name) ?? []), { stack: s.name, sensitive: v.sensitive }]);
  const out: Violation[] = [];
  for (const [name, list] of declarers) {
    if (list.length < 2 || !list.some((d) => d.sensitive)) continue;
    const users = list.filter((d) => used.get(d.stack)?.has(name));
    if (users.length === 1) {
      const owner = users[0].stack;
      for (const d of list.filter((x) => x.stack !== owner)) {
        out.push({
          resource: element(d.stack, 'variable', name),
          message: `declares variable ${name}, a secret of stack ${owner} (declared there${users[0].sensitive ? ' as sensitive' : ''} and used by its resources): set it in ${owner}'s workspace only and remove it from ${d.stack}`,
        });
      }
      continue;
    }
    for (const d of list) {
      const others = list.filter((x) => x.stack !== d.stack).map((x) => `${x.stack}${x.sensitive ? ' (sensitive)' : ''}`);
      out.push({
        resource: element(d.stack, 'variable', name),
        message: `${d.sensitive ? 'sensitive ' : ''}variable ${name} is declared by ${listed(others)} as well: a secret is set in one workspace — keep it in the stack whose resources use it and remove the others`,
      });
    }
  }
  return out;
}

/** The finding for one read of another stack's outputs, if any. */
function readViolation(source: TfResource, read: OutputRead, holdings: readonly string[]): Violation | undefined {
  if (read.stack === undefined) {
    return { resource: source, message: `cannot prove it reads no stack that holds secrets: ${read.reason ?? 'it matches no stack'}`, unknown: true };
  }
  if (read.stack === source.stack || holdings.length === 0) return undefined;
  const how =
    source.type === 'tfe_outputs'
      ? `tfe_outputs needs ${read.stack}'s workspace to share its state with this one`
      : `terraform_remote_state copies all of ${read.stack}'s outputs into this state and needs read access to its whole state`;
  return {
    resource: source,
    message: `reads stack ${read.stack}, which holds secrets (${listed(holdings)}); ${how} — read the non-secret values it publishes as SSM parameters instead (constructs/publish) and keep its state unshared`,
  };
}
