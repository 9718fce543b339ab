/**
 * `lz check --explain SRC DST`: the full hop-by-hop path of one flow, request and reply, computed on
 * demand from the synthesized output. `lz check` keeps one witness path per kind of check (evidence
 * proportional to the landing zone); this prints any other pair's path when a reviewer asks for it.
 */
import { hasManifest } from '../lib/synth-output/reader';
import type { LandingZone } from '../config/model';
import { loadGraph } from '../analysis/graph/load';
import { intentContext, spokeSubnetLabel } from '../analysis/intents/context';
import { buildNetwork } from '../analysis/network/build';
import { EndpointError } from '../analysis/reach/ends';
import { reach, requestDelivered } from '../analysis/reach/reach';
import type { Endpoint, Hop, Protocol, ReachResult } from '../analysis/reach/types';
import { subnetLabel } from '../analysis/reach/model-index';
import { SynthesizedReadError } from '../report/synthesized';
import { EXIT } from './errors';
import { jsonText } from './json';
import { ReportError, reportInput } from './report';
import type { Io } from './io';

/** Options of {@link explainFlow}. */
export interface ExplainOptions {
  /** Synthesized output to read. @default 'cdktf.out' */
  readonly out?: string;
  /** Destination port. @default 443 */
  readonly port?: string;
  /** `tcp`, `udp` or `icmp`. @default 'tcp' */
  readonly protocol?: string;
  /** Print {@link explanationJson} on stdout instead of the lines. */
  readonly json?: boolean;
}

const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'icmp'];

/**
 * The names a flow end may be given by: each spoke name (its representative subnet, the one segment
 * isolation queries from), each subnet as `spoke/subnet` (`shop-prod/web-1`) or, outside spokes,
 * `vpc/subnet` (`shop-endpoints/endpoint-1`), `internet` and `on-premises` (the first on-premises range).
 * Workload ends carry any security group (`'any'`): the path proves the network layers, as the intents do.
 */
export function flowEnds(context: ReturnType<typeof intentContext>): Map<string, Endpoint> {
  const ends = new Map<string, Endpoint>();
  const inSpoke = new Set<string>();
  for (const view of context.spokes) {
    if (view.representative) ends.set(view.spoke.name, { kind: 'subnet', subnet: view.representative.id, securityGroups: 'any' });
    for (const subnet of view.subnets) {
      ends.set(spokeSubnetLabel(view, subnet), { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' });
      inSpoke.add(subnet.id);
    }
  }
  for (const subnet of context.model.subnets) {
    if (!inSpoke.has(subnet.id)) ends.set(subnetLabel(context.index, subnet), { kind: 'subnet', subnet: subnet.id, securityGroups: 'any' });
  }
  ends.set('internet', { kind: 'internet' });
  const [onPremises] = context.lz.onPremises.cidrs;
  if (onPremises) ends.set('on-premises', { kind: 'on-premises', address: onPremises });
  return ends;
}

function hopLines(hops: readonly Hop[]): string[] {
  return hops.map((h, i) => `  ${String(i + 1).padStart(2)}. ${h.text}  [${h.kind} ${h.id}]`);
}

/** The verdict and both directions, one hop a line. */
export function renderExplanation(src: string, dst: string, protocol: Protocol, port: number, result: ReachResult): string[] {
  const flow = `${src} → ${dst} ${protocol}/${port}`;
  const verdict =
    result.status === 'reachable'
      ? 'reachable: the request is delivered and the reply gets back'
      : result.status === 'blocked'
        ? requestDelivered(result)
          ? `reply blocked: the request is delivered, its reply is dropped by ${result.blockedBy.component}: ${result.blockedBy.reason}`
          : `blocked by ${result.blockedBy.component}: ${result.blockedBy.reason}`
        : `unknown before apply at ${result.unresolved.component}: ${result.unresolved.reason}`;
  const lines = [`${flow}: ${verdict}`, 'request:', ...hopLines(result.path)];
  if (result.returnPath.length > 0) lines.push('reply:', ...hopLines(result.returnPath));
  return lines;
}

/** What `lz check --explain SRC DST --json` prints: the verdict line's parts and both directions' hops. */
function explanationJson(src: string, dst: string, protocol: Protocol, port: number, result: ReachResult) {
  const [first] = renderExplanation(src, dst, protocol, port, result);
  return {
    src,
    dst,
    protocol,
    port,
    status: result.status,
    replyBlocked: result.status === 'blocked' && requestDelivered(result),
    verdict: first.slice(first.indexOf(': ') + 2),
    blockedBy: result.status === 'blocked' ? result.blockedBy : null,
    unresolved: result.status === 'unknown' ? result.unresolved : null,
    request: result.path,
    reply: result.returnPath,
  };
}

/**
 * `lz check --explain SRC DST`: prints the path of one flow (as JSON with `json`). Exit 0 when it is reachable (there and
 * back), 1 when blocked or unknown (or the output is missing or stale), 2 for unknown names, a bad
 * port or protocol, or a pair the engine cannot query (e.g. from the internet to a private subnet).
 */
export function explainFlow(lz: LandingZone, configName: string, ends: readonly string[], options: ExplainOptions, io: Io): number {
  const outdir = options.out ?? 'cdktf.out';
  const protocol = (options.protocol ?? 'tcp').toLowerCase() as Protocol;
  const port = Number(options.port ?? 443);
  if (ends.length !== 2) {
    io.err(`error: --explain takes two names, SRC and DST (got ${ends.length}: ${ends.join(' ') || 'none'})`);
    return EXIT.usage;
  }
  if (!PROTOCOLS.includes(protocol)) {
    io.err(`error: --protocol must be one of ${PROTOCOLS.join(', ')} (got ${options.protocol})`);
    return EXIT.usage;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`error: --port must be an integer from 0 to 65535 (got ${options.port})`);
    return EXIT.usage;
  }
  if (!hasManifest(outdir)) {
    io.err(`error: ${outdir} has no manifest.json — run \`lz synth\` first (or \`lz check --synth\`)`);
    return EXIT.failed;
  }
  let result: ReachResult;
  try {
    // The path must be of this config's synth, as for lz check.
    reportInput(lz, configName, outdir);
    const model = buildNetwork(loadGraph(outdir), { onPremises: lz.onPremises.cidrs });
    const known = flowEnds(intentContext(model, lz));
    const unknown = ends.filter((e) => !known.has(e));
    if (unknown.length > 0) {
      io.err(`error: unknown ${unknown.length === 1 ? 'name' : 'names'}: ${unknown.join(', ')}`);
      io.err(`known: spoke names (${lz.spokes.slice(0, 10).map((s) => s.name).join(', ')}${lz.spokes.length > 10 ? ', …' : ''}), subnets as spoke/subnet or vpc/subnet (e.g. ${[...known.keys()].find((k) => k.includes('/')) ?? 'none'}), internet, on-premises`);
      return EXIT.usage;
    }
    result = reach(model, known.get(ends[0])!, known.get(ends[1])!, protocol, port);
  } catch (e) {
    if (e instanceof EndpointError) {
      io.err(`error: ${e.message}`);
      return EXIT.usage;
    }
    if (!(e instanceof ReportError) && !(e instanceof SynthesizedReadError)) throw e;
    io.err(`error: ${e.message}`);
    return EXIT.failed;
  }
  if (options.json) io.out(jsonText(explanationJson(ends[0], ends[1], protocol, port, result)));
  else for (const line of renderExplanation(ends[0], ends[1], protocol, port, result)) io.out(line);
  return result.status === 'reachable' ? EXIT.ok : EXIT.failed;
}
