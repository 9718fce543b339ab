/**
 * Issue 21's Direct Connect figures of one synthesized (and checked) output: the allowed prefixes of
 * the hub stack's Direct Connect gateway association, and what `lz check` proved about the data
 * center preferring Direct Connect over the VPN (analysis/intents/on-premises-access.ts,
 * `directConnectPreference`: I4, subject `direct connect preference`, one check per spoke range).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readStackJson, readSynthManifest } from '../lib/synth-output/reader';
import type { StackStats } from './stack-stats';

/** The intent and subject under which `lz check` writes the Direct Connect preference checks. */
const DX_PREFERENCE_INTENT = { id: 'I4', subject: 'direct connect preference' } as const;
/** The label ending of one preference check (`on-premises → <spoke> (<address>) enters over Direct Connect`). */
const DX_PREFERENCE_CHECK = 'enters over Direct Connect';

/** What one output says about Direct Connect. */
export interface DirectConnectFigures {
  /** Allowed prefixes of the hub's Direct Connect gateway association (the largest, with several); undefined without one. */
  readonly allowedPrefixes?: number;
  /** The preference checks of analysis.json; undefined when the analysis has no such intent (or was not written). */
  readonly preference?: DxPreference;
}

/** The Direct Connect preference intent as analysis.json recorded it. */
export interface DxPreference {
  readonly status: string;
  /** Checks whose label says "enters over Direct Connect". */
  readonly checks: number;
  /** Of those, the ones that held (`✓`). */
  readonly held: number;
}

/** Allowed prefixes of the largest `aws_dx_gateway_association` of a stack's JSON, undefined without one. */
export function allowedPrefixesOf(json: { readonly resource?: { readonly [type: string]: { readonly [name: string]: { readonly [key: string]: unknown } } } }): number | undefined {
  const counts = Object.values(json.resource?.aws_dx_gateway_association ?? {}).map((a) => (Array.isArray(a.allowed_prefixes) ? a.allowed_prefixes.length : 0));
  return counts.length === 0 ? undefined : Math.max(...counts);
}

/** The Direct Connect preference intent of a parsed analysis.json, undefined when it has none. */
export function dxPreferenceOf(analysis: unknown): DxPreference | undefined {
  const intents = (analysis as { intents?: unknown } | null)?.intents;
  if (!Array.isArray(intents)) return undefined;
  const intent = intents.find((i) => i?.id === DX_PREFERENCE_INTENT.id && i?.subject === DX_PREFERENCE_INTENT.subject) as { status?: unknown; evidence?: unknown } | undefined;
  if (!intent) return undefined;
  const lines = String(intent.evidence ?? '').split('\n').filter((l) => l.includes(DX_PREFERENCE_CHECK));
  return { status: String(intent.status), checks: lines.length, held: lines.filter((l) => l.startsWith('✓')).length };
}

/** The figures of `outdir`: the hub stack (kind `hub` in `stacks`) and `analysis.json` when `lz check` wrote one. */
export function directConnectFigures(outdir: string, stacks: readonly Pick<StackStats, 'name' | 'kind'>[], analysisFile = path.join(outdir, 'analysis.json')): DirectConnectFigures {
  const hub = stacks.find((s) => s.kind === 'hub');
  const entry = hub && readSynthManifest(outdir).stacks.find((s) => s.name === hub.name);
  const allowedPrefixes = entry ? allowedPrefixesOf(readStackJson(entry)) : undefined;
  const preference = fs.existsSync(analysisFile) ? dxPreferenceOf(JSON.parse(fs.readFileSync(analysisFile, 'utf8'))) : undefined;
  return { ...(allowedPrefixes === undefined ? {} : { allowedPrefixes }), ...(preference ? { preference } : {}) };
}
