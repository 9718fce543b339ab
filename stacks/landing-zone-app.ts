/** Builds every stack of a landing zone into a cdktf App. No file or environment access here. */
import { App } from 'cdktf';
import { LandingZone } from '../config/model';
import { BackendMode } from './backend';
import { HubStack } from './hub-stack';
import { LogArchiveStack } from './log-archive-stack';
import { SpokeStack } from './spoke-stack';
import { TfcBootstrapStack } from './tfc-bootstrap-stack';
import { VpnPkiStack } from './vpn-pki-stack';

/** Options of {@link buildLandingZone}. */
export interface BuildOptions {
  /** @default 'config' */
  readonly backend?: BackendMode;
}

/** The stacks of one landing zone. */
export interface LandingZoneStacks {
  readonly hub: HubStack;
  readonly logArchive: LogArchiveStack;
  readonly spokes: readonly SpokeStack[];
  /** One PKI stack per spoke with Client VPN. */
  readonly vpnPkis: readonly VpnPkiStack[];
  /** Only with `terraformCloud.bootstrap`: the workspaces, credentials and secrets (local state). */
  readonly tfcBootstrap?: TfcBootstrapStack;
}

/** Adds the hub, log-archive and one stack per spoke to `app`. */
export function buildLandingZone(app: App, lz: LandingZone, options: BuildOptions = {}): LandingZoneStacks {
  const backend = options.backend ?? 'config';
  const hub = new HubStack(app, { landingZone: lz, backend });
  const logArchive = new LogArchiveStack(app, { landingZone: lz, backend });
  // The hub writes its flow and query logs to the archive: deploy order log archive -> hub -> spokes.
  hub.addDependency(logArchive);
  const vpnPkis: VpnPkiStack[] = [];
  const spokes = lz.spokes.map((spoke) => {
    const stack = new SpokeStack(app, { landingZone: lz, spoke, backend });
    if (spoke.clientVpn) {
      // Certificates first: the spoke reads their ARNs; private keys stay in the PKI workspace.
      const pki = new VpnPkiStack(app, { landingZone: lz, spoke, backend });
      stack.addDependency(pki);
      vpnPkis.push(pki);
    }
    // Spokes read the hub's outputs: deploy order hub -> spokes (recorded in manifest.json).
    stack.addDependency(hub);
    stack.addDependency(logArchive);
    return stack;
  });
  // Built last: it reads every other stack's identities, outputs reads, dependencies and sensitive variables.
  const autoApply = new Set(lz.hub.transitGateway.segments.filter((s) => s.autoApplyRunTriggers && !s.production).map((s) => s.name));
  const tfcBootstrap = lz.terraformCloud?.bootstrap
    ? new TfcBootstrapStack(app, {
        landingZone: lz,
        stacks: [logArchive, hub, ...vpnPkis, ...spokes],
        runTriggerSources: [hub, ...vpnPkis],
        secretHolders: [hub, ...vpnPkis],
        autoApplyRunTriggers: spokes.filter((_, i) => autoApply.has(lz.spokes[i].segment)),
      })
    : undefined;
  return { hub, logArchive, spokes, vpnPkis, tfcBootstrap };
}
