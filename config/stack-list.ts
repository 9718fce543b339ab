/**
 * The one list of stacks a landing zone synthesizes (names from lib/stack-names.ts). In config/ because analysis, report and
 * plan read it too, and they may not import stacks/ (docs/ARCHITECTURE.md, "Layers"). The app builds
 * its stacks from {@link landingZoneStackList}, and `lz check`, `lz report`, plan, bench and scripts
 * ask the same function which stacks to expect, so they cannot disagree (a copied list once made
 * `lz check` reject every synth with `terraformCloud.bootstrap`). Pure: no cdktf, no constructs, so
 * the CLI can import it without loading the providers.
 */
import { LandingZone } from './model';
import { hubStackName, logArchiveStackName, spokeStackName, tfcBootstrapStackName, vpnPkiStackName, workspaceName } from '../lib/stack-names';

/** What a stack holds. */
export type StackKind = 'log-archive' | 'hub' | 'vpn-pki' | 'spoke' | 'tfc-bootstrap';

/** One stack of a landing zone, as synthesis creates it. */
export interface StackEntry {
  readonly name: string;
  readonly kind: StackKind;
  /** The account its default provider deploys into; undefined for the bootstrap, which spans accounts. */
  readonly account?: string;
  /** The spoke, for `spoke` and `vpn-pki` stacks. */
  readonly spoke?: string;
  /** The spoke's Transit Gateway segment, for `spoke` and `vpn-pki` stacks. */
  readonly segment?: string;
  /**
   * Apply order: 0 the bootstrap (it creates the workspaces), 1 log archive and PKI stacks, 2 the hub,
   * 3 the spokes. One more than the latest phase of {@link StackEntry.dependsOn}.
   */
  readonly phase: number;
  /** Stacks that must be applied first (the manifest's `dependencies`). */
  readonly dependsOn: readonly string[];
  /** Its Terraform Cloud workspace when `terraformCloud` is set; undefined for local state (always for the bootstrap). */
  readonly workspace?: string;
}

/**
 * Every stack a synth of `lz` produces, in creation order (`manifest.json` lists them sorted by name):
 * hub, log archive, then per spoke the spoke and its PKI stack (with Client VPN), then the bootstrap
 * (with `terraformCloud.bootstrap`), which reads every other stack and so is built last.
 */
export function landingZoneStackList(lz: LandingZone): StackEntry[] {
  const ws = (name: string) => (lz.terraformCloud ? { workspace: workspaceName(lz, name) } : {});
  const archive = logArchiveStackName(lz);
  const hub = hubStackName(lz);
  const out: StackEntry[] = [
    // The hub writes its flow and query logs to the archive: log archive first.
    { name: hub, kind: 'hub', account: lz.hub.account, phase: 2, dependsOn: [archive], ...ws(hub) },
    { name: archive, kind: 'log-archive', account: lz.logArchive.account, phase: 1, dependsOn: [], ...ws(archive) },
  ];
  for (const spoke of lz.spokes) {
    const name = spokeStackName(lz, spoke.name);
    const at = { account: spoke.account, spoke: spoke.name, segment: spoke.segment };
    const pki = spoke.clientVpn ? vpnPkiStackName(lz, spoke.name) : undefined;
    // Certificates first: the spoke reads their ARNs; private keys stay in the PKI workspace. The spoke
    // also reads the hub's and the archive's outputs.
    out.push({ name, kind: 'spoke', ...at, phase: 3, dependsOn: [...(pki ? [pki] : []), hub, archive], ...ws(name) });
    if (pki) out.push({ name: pki, kind: 'vpn-pki', ...at, phase: 1, dependsOn: [], ...ws(pki) });
  }
  if (lz.terraformCloud?.bootstrap) out.push({ name: tfcBootstrapStackName(lz), kind: 'tfc-bootstrap', phase: 0, dependsOn: [] });
  return out;
}

/** Names of {@link landingZoneStackList}, sorted: what `manifest.json` of a synth of `lz` lists. */
export const stackNames = (lz: LandingZone): string[] => landingZoneStackList(lz).map((s) => s.name).sort();

/** How a synthesized output's stacks differ from {@link stackNames}: expected but absent, present but not expected. */
export interface StackListMismatch {
  readonly found: readonly string[];
  readonly expected: readonly string[];
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

/**
 * Compares the stacks a synth holds (its manifest) with {@link stackNames} of `lz`: undefined when they
 * are the same set. `lz check`, `lz report` and `lz plan-summary` all refuse an output that differs.
 */
export function stackListMismatch(lz: LandingZone, found: readonly string[]): StackListMismatch | undefined {
  const expected = stackNames(lz);
  const have = new Set(found);
  const want = new Set(expected);
  const missing = expected.filter((s) => !have.has(s));
  const extra = [...have].filter((s) => !want.has(s)).sort();
  if (missing.length === 0 && extra.length === 0) return undefined;
  return { found: [...have].sort(), expected, missing, extra };
}

/** One line for a {@link StackListMismatch}: `missing a, b; not in the config: c`. */
export const describeStackListMismatch = (m: StackListMismatch): string =>
  [m.missing.length > 0 ? `missing ${m.missing.join(', ')}` : '', m.extra.length > 0 ? `not in the config: ${m.extra.join(', ')}` : ''].filter(Boolean).join('; ');
