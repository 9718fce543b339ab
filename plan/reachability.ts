/**
 * The reachability diff of `lz plan-summary`: what a plan does to the network, flow by flow. Each
 * planned stack is taken twice (plan/apply.ts): as it is deployed today (the plan's `before` values,
 * i.e. Terraform's refreshed prior state) and as the apply leaves it (the synthesized configuration
 * the plan was made from). Stacks without a plan are taken as synthesized on both sides. The network
 * model is built from each, the intents are evaluated on each with the flow matrix they probe
 * (analysis/flows/matrix.ts), and the two are compared: flows the change newly allows or denies, with
 * the component that decides it and the planned changes on their paths, and intents whose verdict
 * changes.
 *
 * The baseline is the deployed state, not the base branch's synth: the question a reviewer asks of a
 * plan is what the network does now and what it does after this apply, which includes drift and
 * changes merged but not yet applied.
 *
 * A change is a violation when a check an intent makes goes from holding (or not existing) to failing
 * or unknown: a flow an intent requires is no longer delivered, a flow an intent forbids now is, or a
 * value unknown until apply decides it. Unknown never reads as a pass.
 */
import { describeStackListMismatch, stackListMismatch } from '../config/stack-list';
import { hasManifest } from '../lib/synth-output/reader';
import type { LandingZone } from '../config/model';
import { readRecordedConfig, RecordedConfigError } from '../config/recorded';
import { evaluateFlowMatrix, flowState, type Flow, type FlowMatrix, type FlowState } from '../analysis/flows/matrix';
import { graphFromJson, readStacks, type StackJson } from '../analysis/graph/load';
import type { IntentId, IntentResult, IntentStatus } from '../analysis/intents/types';
import { buildNetwork } from '../analysis/network/build';
import type { NetworkModel, Unresolved } from '../analysis/network/types';
import { EndpointError } from '../analysis/reach/ends';
import type { CheckVerdict, Expectation } from '../analysis/reach/observe';
import { reach } from '../analysis/reach/reach';
import type { ReachResult } from '../analysis/reach/types';
import { applyPlan, PlanMismatchError, type PlannedChange } from './apply';

/** One plan to evaluate, with the stack it was mapped to. */
export interface PlanInput {
  readonly stack: string;
  /** The file it came from, for messages. */
  readonly file: string;
  /** The parsed `terraform show -json` output. */
  readonly plan: unknown;
}

/** A resource of a stack, as the plan names it. */
export interface ResourceRef {
  readonly stack: string;
  readonly address: string;
}

/** A flow's state on one side, or `absent` when that side does not probe it (a new or removed spoke). */
export type FlowSide = FlowState | 'absent';

/** One intent check on a flow, before and after. */
export interface FlowCheckChange {
  readonly intent: IntentId;
  readonly expected: Expectation;
  readonly before?: CheckVerdict;
  readonly after?: CheckVerdict;
}

/** Where a flow is decided: the component that stops it (or could not be resolved), and why. */
export interface Decider {
  /** `after`: where it stops now; `before`: where it stopped until now (a newly allowed flow). */
  readonly side: 'before' | 'after';
  readonly resource: ResourceRef | string;
  readonly reason: string;
}

/** A flow whose state changes. */
export interface FlowChange {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly port: number;
  readonly before: FlowSide;
  readonly after: FlowSide;
  /**
   * `allows`: delivered now, stopped before; `denies`: stopped now, delivered (or unknown) before;
   * `reroutes`: delivered on both sides over other resources; `other`: now unknown, one-way ↔ allowed,
   * or the same state with an intent now expecting otherwise.
   */
  readonly change: 'allows' | 'denies' | 'reroutes' | 'other';
  readonly decidedAt?: Decider;
  /** For a rerouted flow: the first hop that differs, before and after (`reply` when only the way back changes). */
  readonly via?: { readonly direction: 'request' | 'reply'; readonly before: string; readonly after: string };
  /** Planned changes on its path (either side) or at the component that decides it. */
  readonly changedBy: readonly ResourceRef[];
  readonly checks: readonly FlowCheckChange[];
  /** A check that held (or did not exist) fails or is unknown now. */
  readonly violates: boolean;
}

/** An intent result whose verdict changes. */
export interface IntentChange {
  readonly id: IntentId;
  readonly title: string;
  readonly subject: string;
  readonly before: IntentStatus | 'absent';
  readonly after: IntentStatus | 'absent';
  /** The resource at fault on the side that fails (after, else before). */
  readonly culprit?: ResourceRef | string;
  /** The first failing (or unknown) check after the change, when there is one. */
  readonly evidence?: string;
  readonly changedBy: readonly ResourceRef[];
  /** Proved (or not checked) before, refuted or unknown after. */
  readonly violates: boolean;
}

/** A value the network model reads that nobody can know until apply, new with this plan. */
export interface UnknownValue {
  readonly resource: ResourceRef | string;
  readonly field: string;
  readonly reason: string;
}

/** The evaluated diff. */
export interface ReachabilityDiff {
  readonly evaluated: true;
  /** The planned stacks. */
  readonly stacks: readonly string[];
  /** The network model is identical before and after: no flow or intent can change, and none was evaluated. */
  readonly sameNetwork: boolean;
  readonly flowsCompared: number;
  readonly intentsCompared: number;
  /** Flows that change state, in flow order; new flows that are stopped as expected are only counted ({@link newFlowsDenied}). */
  readonly flows: readonly FlowChange[];
  /** Flows only the side after the apply probes (a new spoke) that are stopped, as its intents expect. */
  readonly newFlowsDenied: number;
  /** Flows only the side before probes (a removed spoke). */
  readonly flowsGone: number;
  readonly intents: readonly IntentChange[];
  readonly unknownAfterApply: readonly UnknownValue[];
  /** Every managed resource the plans change. */
  readonly changes: readonly PlannedChange[];
}

/** Why the diff could not be evaluated. */
export interface ReachabilityUnavailable {
  readonly evaluated: false;
  readonly reason: string;
}

/** The diff, or why there is none. */
export type Reachability = ReachabilityDiff | ReachabilityUnavailable;

/** Something in the output directory or the plans keeps the diff from being evaluated; the message says what. */
export class ReachabilityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReachabilityError';
  }
}

/** True when a flow's request is delivered. */
const delivered = (s: FlowSide): boolean => s === 'allowed' || s === 'one-way';

/** `shop-hub:aws_route.x` → the stack and address; a name that is no resource id (`internet`) stays a string. */
export function resourceRef(id: string): ResourceRef | string {
  const colon = id.indexOf(':');
  return colon > 0 && id.includes('.', colon) ? { stack: id.slice(0, colon), address: id.slice(colon + 1) } : id;
}

function idsOf(result: ReachResult | undefined): string[] {
  if (!result) return [];
  const ids = [...result.path, ...result.returnPath].map((h) => h.id);
  if (result.status === 'blocked') ids.push(result.blockedBy.component);
  if (result.status === 'unknown') ids.push(result.unresolved.component);
  return ids;
}

function decider(result: ReachResult, side: 'before' | 'after'): Decider | undefined {
  if (result.status === 'reachable') return undefined;
  const stop = result.status === 'blocked' ? result.blockedBy : result.unresolved;
  return { side, resource: resourceRef(stop.component), reason: `${stop.direction === 'return' ? 'the reply: ' : ''}${stop.reason}` };
}

function classify(before: FlowSide, after: FlowSide): FlowChange['change'] {
  if (delivered(after) && !delivered(before) && before !== 'unknown') return 'allows';
  if (after === 'denied' && before !== 'denied') return 'denies';
  return 'other';
}

function mergeChecks(before: Flow | undefined, after: Flow | undefined): FlowCheckChange[] {
  const out = new Map<string, { intent: IntentId; expected: Expectation; before?: CheckVerdict; after?: CheckVerdict }>();
  for (const [side, flow] of [['before', before], ['after', after]] as const) {
    for (const c of flow?.checks ?? []) {
      const key = `${c.intent} ${c.expected}`;
      const entry = out.get(key) ?? { intent: c.intent, expected: c.expected };
      // Several checks of one intent on one flow: the worst verdict counts.
      const worst = (a: CheckVerdict | undefined, b: CheckVerdict): CheckVerdict => (a === 'fails' || b === 'fails' ? 'fails' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'holds');
      entry[side] = worst(entry[side], c.verdict);
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

/** A check that held (or was not made) before and fails or is unknown after. */
const newlyViolated = (c: FlowCheckChange): boolean => c.after !== undefined && c.after !== 'holds' && (c.before === undefined || c.before === 'holds');

/** The model ids (`stack:address`) of the planned changes. */
const idOf = (c: PlannedChange): string => `${c.stack}:${c.address}`;

function refsAmong(ids: Iterable<string>, changed: ReadonlyMap<string, PlannedChange>): ResourceRef[] {
  const out = new Map<string, ResourceRef>();
  for (const id of ids) {
    const c = changed.get(id);
    if (c) out.set(id, { stack: c.stack, address: c.address });
  }
  return [...out.values()];
}

/** The same query asked of the other model, for a flow only one side probes; undefined when an end does not exist there. */
function askAgain(model: NetworkModel, flow: Flow): Flow | undefined {
  try {
    const result = reach(model, flow.query.from, flow.query.to, flow.query.protocol, flow.query.port);
    return { ...flow, result, state: flowState(result), checks: [] };
  } catch (e) {
    if (e instanceof EndpointError) return undefined;
    throw e;
  }
}

/** The resources a delivered flow passes, in order, both ways. */
const route = (result: ReachResult): string => [...result.path, ...result.returnPath].map((h) => h.id).join(' ');

/** The first hop where two paths of one flow part, request first. */
function parting(before: ReachResult, after: ReachResult): FlowChange['via'] {
  for (const [direction, b, a] of [['request', before.path, after.path], ['reply', before.returnPath, after.returnPath]] as const) {
    const i = b.findIndex((h, n) => a[n]?.id !== h.id || a[n]?.text !== h.text);
    const at = i >= 0 ? i : b.length < a.length ? b.length : -1;
    if (at >= 0) return { direction, before: b[at]?.text ?? '(nothing)', after: a[at]?.text ?? '(nothing)' };
  }
  return undefined;
}

function compareFlows(before: FlowMatrix, after: FlowMatrix, models: { readonly before: NetworkModel; readonly after: NetworkModel }, changed: ReadonlyMap<string, PlannedChange>): { flows: FlowChange[]; newFlowsDenied: number; flowsGone: number } {
  const old = new Map(before.flows.map((f) => [f.key, f]));
  const now = new Map(after.flows.map((f) => [f.key, f]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  const flows: FlowChange[] = [];
  let newFlowsDenied = 0;
  let flowsGone = 0;
  for (const key of keys) {
    // A flow the intents probe on one side only (a range that left the Direct Connect prefixes, a new
    // spoke) is asked of the other model too: "not probed" is not "stopped".
    const b = old.get(key) ?? askAgain(models.before, now.get(key)!);
    const a = now.get(key) ?? askAgain(models.after, old.get(key)!);
    const bs: FlowSide = b?.state ?? 'absent';
    const as: FlowSide = a?.state ?? 'absent';
    const checks = mergeChecks(b, a);
    const violates = checks.some(newlyViolated);
    const rerouted = bs === as && delivered(as) && a !== undefined && b !== undefined && route(a.result) !== route(b.result);
    if (bs === as && !violates && !rerouted) continue;
    if (as === 'absent') {
      flowsGone++;
      continue;
    }
    if (bs === 'absent' && as === 'denied' && !violates) {
      newFlowsDenied++;
      continue;
    }
    const f = (a ?? b)!;
    // Where it stops now (request or reply); for a flow that now passes, where it stopped before.
    const decidedAt = (a && decider(a.result, 'after')) ?? (b && decider(b.result, 'before'));
    const via = rerouted ? parting(b!.result, a!.result) : undefined;
    flows.push({
      from: f.from,
      to: f.to,
      protocol: f.protocol,
      port: f.port,
      before: bs,
      after: as,
      change: rerouted ? 'reroutes' : classify(bs, as),
      ...(decidedAt ? { decidedAt } : {}),
      ...(via ? { via } : {}),
      changedBy: refsAmong([...idsOf(b?.result), ...idsOf(a?.result)], changed),
      checks,
      violates,
    });
  }
  return { flows, newFlowsDenied, flowsGone };
}

const subjectKey = (r: IntentResult): string => `${r.id} ${r.subject}`;

function compareIntents(before: readonly IntentResult[], after: readonly IntentResult[], flows: readonly FlowChange[], changed: ReadonlyMap<string, PlannedChange>, fallback: readonly ResourceRef[]): IntentChange[] {
  const old = new Map(before.map((r) => [subjectKey(r), r]));
  const now = new Map(after.map((r) => [subjectKey(r), r]));
  const out: IntentChange[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const b = old.get(key);
    const a = now.get(key);
    const bs = b?.status ?? 'absent';
    const as = a?.status ?? 'absent';
    if (bs === as) continue;
    const r = (a ?? b)!;
    const failing = a && a.status !== 'proved' ? a : b && b.status !== 'proved' ? b : undefined;
    const culprit = failing?.culprit;
    const fromFlows = flows.filter((f) => f.checks.some((c) => c.intent === r.id)).flatMap((f) => f.changedBy);
    const named = refsAmong([b?.culprit, a?.culprit].filter((c): c is string => c !== undefined), changed);
    const changedBy = uniqueRefs([...named, ...fromFlows]);
    out.push({
      id: r.id,
      title: r.title,
      subject: r.subject,
      before: bs,
      after: as,
      ...(culprit ? { culprit: resourceRef(culprit) } : {}),
      ...(failing ? { evidence: failing.evidence.split('\n')[0] } : {}),
      changedBy: changedBy.length > 0 ? changedBy : fallback,
      violates: (as === 'refuted' || as === 'unknown') && (bs === 'proved' || bs === 'absent'),
    });
  }
  const order = new Map(after.map((r, i) => [subjectKey(r), i]));
  return out.sort((x, y) => (order.get(`${x.id} ${x.subject}`) ?? Infinity) - (order.get(`${y.id} ${y.subject}`) ?? Infinity) || x.id.localeCompare(y.id));
}

function uniqueRefs(refs: readonly ResourceRef[]): ResourceRef[] {
  const out = new Map<string, ResourceRef>();
  for (const r of refs) out.set(`${r.stack}:${r.address}`, r);
  return [...out.values()];
}

function unresolvedKey(u: Unresolved): string {
  return `${u.source}\u0000${u.field}`;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function bodyOf(json: object, address: string): unknown {
  const [type, name] = address.split('.');
  return (json as { resource?: Record<string, Record<string, unknown>> }).resource?.[type]?.[name];
}

/**
 * The stack of `synthesized` a plan belongs to: its own name when the output has it, else the one
 * stack whose resources hold every address the plan keeps or creates.
 */
function stackFor(input: PlanInput, byName: ReadonlyMap<string, StackJson>): string {
  if (byName.has(input.stack)) return input.stack;
  const p = input.plan as { resource_changes?: { address?: string; mode?: string; change?: { actions?: string[] } }[] };
  const addresses = (p.resource_changes ?? []).filter((rc) => rc.mode === 'managed' && !(rc.change?.actions ?? []).every((a) => a === 'delete')).map((rc) => String(rc.address));
  const matches = addresses.length === 0 ? [] : [...byName.values()].filter((s) => addresses.every((a) => bodyOf(s.json, a) !== undefined));
  if (matches.length === 1) return matches[0].name;
  const why = matches.length > 1 ? `its resources are in ${matches.map((s) => s.name).join(' and ')}` : 'no stack has all its resources';
  throw new ReachabilityError(`${input.file}: the plan is for stack ${input.stack}, which the synthesized output does not have, and ${why}: name it with --stack (stacks: ${[...byName.keys()].join(', ')})`);
}

function modelsEqual(a: NetworkModel, b: NetworkModel): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Evaluates the diff over stacks already in memory (tests pass synthesized JSON they edited). Throws
 * {@link ReachabilityError} (or {@link PlanMismatchError}) when a plan cannot be placed or does not
 * belong to this synth.
 */
export function diffReachability(stacks: readonly StackJson[], lz: LandingZone, plans: readonly PlanInput[]): ReachabilityDiff {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const before = new Map<string, object>();
  const after = new Map<string, object>();
  const changes: PlannedChange[] = [];
  const planned: string[] = [];
  for (const input of plans) {
    const stack = stackFor(input, byName);
    if (before.has(stack)) throw new ReachabilityError(`two plans for stack ${stack}: pass one plan per stack`);
    let applied;
    try {
      applied = applyPlan(stack, byName.get(stack)!.json, input.plan);
    } catch (e) {
      if (e instanceof PlanMismatchError) throw new ReachabilityError(`${input.file}: ${e.message}`);
      throw e;
    }
    before.set(stack, applied.before);
    after.set(stack, applied.after);
    changes.push(...applied.changes);
    planned.push(stack);
  }
  const side = (bodies: ReadonlyMap<string, object>): StackJson[] => stacks.map((s) => ({ ...s, json: bodies.get(s.name) ?? s.json }));
  const changed = new Map(changes.map((c) => [idOf(c), c]));
  const base = { evaluated: true as const, stacks: planned, changes };
  const nothing = { flowsCompared: 0, intentsCompared: 0, flows: [], newFlowsDenied: 0, flowsGone: 0, intents: [], unknownAfterApply: [] };
  if (planned.every((s) => canonical(before.get(s)) === canonical(after.get(s)))) return { ...base, sameNetwork: true, ...nothing };

  const onPremises = { onPremises: lz.onPremises.cidrs };
  const modelBefore = buildNetwork(graphFromJson(side(before)), onPremises);
  const modelAfter = buildNetwork(graphFromJson(side(after)), onPremises);
  if (modelsEqual(modelBefore, modelAfter)) return { ...base, sameNetwork: true, ...nothing };

  const matrixBefore = evaluateFlowMatrix(modelBefore, lz);
  const matrixAfter = evaluateFlowMatrix(modelAfter, lz);
  // Changes whose resource reads differently after the apply: what an intent change no path names is laid to.
  const effective = changes
    .filter((c) => canonical(bodyOf(before.get(c.stack)!, c.address)) !== canonical(bodyOf(after.get(c.stack)!, c.address)))
    .map((c) => ({ stack: c.stack, address: c.address }));
  const { flows, newFlowsDenied, flowsGone } = compareFlows(matrixBefore, matrixAfter, { before: modelBefore, after: modelAfter }, changed);
  const withFallback = flows.map((f) => (f.violates && f.changedBy.length === 0 ? { ...f, changedBy: effective } : f));
  const known = new Set((modelBefore.unresolved ?? []).map(unresolvedKey));
  return {
    ...base,
    sameNetwork: false,
    flowsCompared: new Set([...matrixBefore.flows, ...matrixAfter.flows].map((f) => f.key)).size,
    intentsCompared: new Set([...matrixBefore.intents, ...matrixAfter.intents].map(subjectKey)).size,
    flows: withFallback,
    newFlowsDenied,
    flowsGone,
    intents: compareIntents(matrixBefore.intents, matrixAfter.intents, withFallback, changed, effective),
    unknownAfterApply: (modelAfter.unresolved ?? []).filter((u) => !known.has(unresolvedKey(u))).map((u) => ({ resource: resourceRef(u.source), field: u.field, reason: u.reason })),
  };
}

/**
 * Reads the synthesized output (`lz synth` records the config it was made from beside it) and
 * evaluates the diff of `plans`. Throws {@link ReachabilityError} saying why it cannot.
 */
export function evaluateReachability(outdir: string, plans: readonly PlanInput[]): ReachabilityDiff {
  if (!hasManifest(outdir)) throw new ReachabilityError(`${outdir} has no manifest.json: run \`lz synth --out ${outdir}\` with the config the plans were made from, or name the output with --out`);
  let lz: LandingZone;
  try {
    lz = readRecordedConfig(outdir);
  } catch (e) {
    if (e instanceof RecordedConfigError) throw new ReachabilityError(e.message);
    throw e;
  }
  let stacks: StackJson[];
  try {
    stacks = readStacks(outdir);
  } catch (e) {
    throw new ReachabilityError(`cannot read the stacks of ${outdir}: ${(e as Error).message.split('\n')[0]}`);
  }
  // Plans are mapped onto these stacks: they must be the recorded config's own list (config/stack-list.ts).
  const mismatch = stackListMismatch(lz, stacks.map((s) => s.name));
  if (mismatch) throw new ReachabilityError(`${outdir} does not hold the stacks of the config it records (${describeStackListMismatch(mismatch)}): run \`lz synth --out ${outdir}\` again`);
  return diffReachability(stacks, lz, plans);
}

/** A change that makes an intent check fail: what, and the planned changes it is laid to. */
export interface Violation {
  readonly kind: 'flow' | 'intent';
  readonly text: string;
  readonly changedBy: readonly ResourceRef[];
}

/** Every violation of the diff: flows first, then intent verdicts. */
export function violations(diff: Reachability | undefined): Violation[] {
  if (!diff?.evaluated) return [];
  return [
    ...diff.flows.filter((f) => f.violates).map((f) => ({ kind: 'flow' as const, text: `${f.from} → ${f.to} ${f.protocol}/${f.port}: ${f.before} → ${f.after}`, changedBy: f.changedBy })),
    ...diff.intents.filter((i) => i.violates).map((i) => ({ kind: 'intent' as const, text: `${i.id} ${i.subject}: ${i.before} → ${i.after}`, changedBy: i.changedBy })),
  ];
}

/** True when the diff shows nothing: no flow and no intent verdict changes. */
export function unchanged(diff: ReachabilityDiff): boolean {
  return diff.flows.length === 0 && diff.intents.length === 0 && diff.newFlowsDenied === 0 && diff.flowsGone === 0;
}
