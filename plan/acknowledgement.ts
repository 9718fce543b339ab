/**
 * A reviewer's acknowledgement of deliberate connectivity-impacting changes, committed with the pull
 * request that makes them: `connectivity-ack.yaml` at the repository root names the pull request, why,
 * and per stack the Terraform addresses whose replacement or deletion is intended. `lz plan-summary
 * --allow-connectivity-impact-from` lets exactly those through the blast-radius guard; any other
 * connectivity-impacting change still fails it.
 *
 * The file is bound to one pull request: once merged it stays in the repository, and an address it
 * names must not be waved through again by a later pull request that replaces the same resource for
 * another reason. A file for another pull request acknowledges nothing.
 *
 * ```yaml
 * pullRequest: 42
 * reason: Move shop-prod to the prod segment in the 2025-07-01 window (CHG-1234)
 * stacks:
 *   shop-spoke-shop-prod:
 *     - aws_ec2_transit_gateway_route_table_association.tgw-attachment_association_0D2A5C1B
 * ```
 */
import { readFileSync } from 'node:fs';
import { Document, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigPath, formatPath, formatValue } from '../config/issues';
import { locatorFor } from '../config/load';

/** Where the workflows look for the acknowledgement file, relative to the repository root. */
export const ACK_FILE = 'connectivity-ack.yaml';

/** The pull-request label by which a reviewer acknowledges every connectivity-impacting change of the pull request. */
export const ACK_LABEL = 'connectivity-change-acknowledged';

/** One acknowledged resource: a Terraform address in one stack. */
export interface AcknowledgedAddress {
  readonly stack: string;
  readonly address: string;
}

/** A parsed, valid acknowledgement file. */
export interface ConnectivityAcknowledgement {
  /** The file as it was named, for messages. */
  readonly file: string;
  /** The only pull request whose plans it acknowledges. */
  readonly pullRequest: number;
  /** Why the changes are intended (change ticket, window): the review trail. */
  readonly reason: string;
  /** Stack name → the addresses in that stack that may be replaced or deleted. */
  readonly stacks: Readonly<Record<string, readonly string[]>>;
}

/** The file cannot be read or is not a valid acknowledgement; `message` lists every problem with file:line:col. */
export class AcknowledgementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AcknowledgementError';
  }
}

const EXAMPLE = `pullRequest: <number>, reason: <why>, stacks: { <stack>: [<address>, ...] }`;

// Stack names are `<name>-hub`, `<name>-spoke-<spoke>`, ... (config/names.ts): letters, digits and dashes.
const stackName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'is not a stack name: use the name `lz synth` prints, e.g. shop-spoke-shop-prod' });
// A managed resource instance address as `terraform show -json` prints it (`resource_changes[].address`),
// e.g. `aws_route.r["a"]` or `module.m.aws_route.r[0]`: data sources never carry a connectivity impact.
// https://developer.hashicorp.com/terraform/cli/state/resource-addressing
const ADDRESS = /^(module\.[A-Za-z0-9_-]+(\[[^\]]+\])?\.)*[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?$/;
const address = z.string().superRefine((a, ctx) => {
  if (/^(module\.[^.]+\.)*data\./.test(a)) ctx.addIssue({ code: 'custom', message: 'is a data source: only managed resources are connectivity-impacting' });
  else if (!ADDRESS.test(a)) ctx.addIssue({ code: 'custom', message: 'is not a resource address: copy it from the plan summary, e.g. aws_route.private_default_0A1B2C3D' });
});

const PULL_REQUEST = 'must be the number of the pull request that makes the changes';
const REASON = 'must say why the changes are intended (change ticket, window)';
const addresses = z
  .array(address, { error: 'must list the acknowledged addresses of this stack' })
  .min(1, { error: 'names no address: list the addresses or remove the stack' })
  .refine((list) => new Set(list).size === list.length, { error: 'names an address twice' });
const ackSchema = z.strictObject(
  {
    pullRequest: z.number({ error: PULL_REQUEST }).int({ error: PULL_REQUEST }).positive({ error: PULL_REQUEST }),
    reason: z.string({ error: REASON }).trim().min(1, { error: REASON }),
    stacks: z
      .record(stackName, addresses, { error: 'must map each stack to the addresses acknowledged in it' })
      .refine((r) => Object.keys(r).length > 0, { error: 'names no stack: an acknowledgement must name what may change' }),
  },
  { error: 'must be a mapping of pullRequest, reason and stacks' },
);

/** `line:col` of the node at `p` (the nearest existing parent when `p` is missing), as config errors locate theirs. */
function position(doc: Document, counter: LineCounter, p: readonly PropertyKey[]): string {
  const { line, column } = locatorFor(doc, counter)(p as ConfigPath);
  return `${line}:${column}`;
}

function valueAt(root: unknown, p: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const part of p) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[part] : undefined;
  return v;
}

/** Parses the text of an acknowledgement file; throws {@link AcknowledgementError} listing every problem. */
export function parseAcknowledgement(text: string, file: string): ConnectivityAcknowledgement {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const pos = counter.linePos(e.pos[0]);
      return `  ${file}:${pos.line}:${pos.col} not valid YAML: ${e.message.split('\n')[0]}`;
    });
    throw new AcknowledgementError(`${file} cannot be parsed:\n${lines.join('\n')}`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 10 });
  if (data === null || data === undefined) {
    throw new AcknowledgementError(`${file} names nothing: it is empty; write ${EXAMPLE}, or delete the file`);
  }
  const parsed = ackSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const where = (p: readonly PropertyKey[]) => `  ${file}:${position(doc, counter, p)}`;
      const pathText = formatPath(i.path as (string | number)[]);
      if (i.code === 'unrecognized_keys') return `${where([...i.path, i.keys[0]])} ${pathText}: unknown key ${i.keys.map((k) => `"${k}"`).join(', ')}: only pullRequest, reason and stacks`;
      // A bad stack name: the path ends in the key itself, which is the value to show.
      if (i.code === 'invalid_key') return `${where(i.path)} ${formatPath(i.path.slice(0, -1) as (string | number)[])}: ${formatValue(i.path[i.path.length - 1])} ${i.issues[0]?.message ?? i.message}`;
      return `${where(i.path)} ${pathText}: ${formatValue(valueAt(data, i.path))} ${i.message}`;
    });
    throw new AcknowledgementError(`${file} is not a valid connectivity acknowledgement (${EXAMPLE}):\n${lines.join('\n')}`);
  }
  return { file, ...parsed.data };
}

/** Reads and parses an acknowledgement file. */
export function readAcknowledgement(file: string): ConnectivityAcknowledgement {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AcknowledgementError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseAcknowledgement(text.replace(/^\uFEFF/, ''), file);
}

/** True when the file may acknowledge the plans of `pullRequest` (any run when no pull request is named, e.g. locally). */
export function appliesTo(ack: ConnectivityAcknowledgement, pullRequest: number | undefined): boolean {
  return pullRequest === undefined || ack.pullRequest === pullRequest;
}

/** True when the file names `address` in `stack`. */
export function acknowledges(ack: ConnectivityAcknowledgement, stack: string, addr: string): boolean {
  return ack.stacks[stack]?.includes(addr) ?? false;
}

/** Every acknowledged address, in file order. */
export function acknowledgedAddresses(ack: ConnectivityAcknowledgement): AcknowledgedAddress[] {
  return Object.entries(ack.stacks).flatMap(([stack, list]) => list.map((a) => ({ stack, address: a })));
}
