/** Builds every stack of a landing zone into a cdktf App. No file or environment access here. */
import { App, TerraformStack } from 'cdktf';
import { LandingZone } from '../config/model';
import { BackendMode } from './backend';
import { HubStack } from './hub-stack';
import { LogArchiveStack } from './log-archive-stack';
import { SpokeStack } from './spoke-stack';
import { landingZoneStackList } from '../config/stack-list';
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

/**
 * Adds every stack of {@link landingZoneStackList} to `app`, in its order, with its dependencies: the
 * list is the one home of which stacks exist, so `lz check` and `lz report` expect exactly these.
 */
export function buildLandingZone(app: App, lz: LandingZone, options: BuildOptions = {}): LandingZoneStacks {
  const backend = options.backend ?? 'config';
  const list = landingZoneStackList(lz);
  const spokeNamed = new Map(lz.spokes.map((s) => [s.name, s]));
  const built = new Map<string, TerraformStack>();
  let hub: HubStack | undefined;
  let logArchive: LogArchiveStack | undefined;
  const spokes: SpokeStack[] = [];
  const vpnPkis: VpnPkiStack[] = [];
  for (const entry of list) {
    const spoke = entry.spoke === undefined ? undefined : spokeNamed.get(entry.spoke)!;
    switch (entry.kind) {
      case 'hub':
        built.set(entry.name, (hub = new HubStack(app, { landingZone: lz, backend })));
        break;
      case 'log-archive':
        built.set(entry.name, (logArchive = new LogArchiveStack(app, { landingZone: lz, backend })));
        break;
      case 'spoke': {
        const stack = new SpokeStack(app, { landingZone: lz, spoke: spoke!, backend });
        spokes.push(stack);
        built.set(entry.name, stack);
        break;
      }
      case 'vpn-pki': {
        const stack = new VpnPkiStack(app, { landingZone: lz, spoke: spoke!, backend });
        vpnPkis.push(stack);
        built.set(entry.name, stack);
        break;
      }
      case 'tfc-bootstrap':
        break; // built last, below: it reads every other stack
    }
  }
  if (!hub || !logArchive) throw new Error('landingZoneStackList returned no hub or log archive stack');
  // Deploy order, recorded in manifest.json (stack-matrix and the apply workflow read it from there).
  for (const entry of list) for (const dep of entry.dependsOn) built.get(entry.name)!.addDependency(built.get(dep)!);
  // Built last: it reads every other stack's identities, outputs reads, dependencies and sensitive variables.
  const autoApply = new Set(lz.hub.transitGateway.segments.filter((s) => s.autoApplyRunTriggers && !s.production).map((s) => s.name));
  const bootstrap = list.find((e) => e.kind === 'tfc-bootstrap');
  const tfcBootstrap = bootstrap
    ? new TfcBootstrapStack(app, {
        landingZone: lz,
        stacks: [logArchive, hub, ...vpnPkis, ...spokes],
        runTriggerSources: [hub, ...vpnPkis],
        secretHolders: [hub, ...vpnPkis],
        autoApplyRunTriggers: spokes.filter((_, i) => autoApply.has(lz.spokes[i].segment)),
      })
    : undefined;
  // Each stack names itself with the same helpers; a mismatch would make the list lie to check and report.
  if (tfcBootstrap) built.set(bootstrap!.name, tfcBootstrap);
  for (const [name, stack] of built) if (stack.node.id !== name) throw new Error(`stack ${stack.node.id} was built for the entry ${name} of landingZoneStackList`);
  return { hub, logArchive, spokes, vpnPkis, tfcBootstrap };
}
