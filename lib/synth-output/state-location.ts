/**
 * Which stack a `terraform_remote_state` or `tfe_outputs` data source reads. Each stack writes its
 * state either to a local file relative to its working directory (`cdktf.out/stacks/<stack>`) or to a
 * Terraform Cloud / remote-backend workspace (stacks/backend.ts); a reader names the same file
 * relative to its own working directory, or the same workspace (stacks/hub-outputs.ts `stackOutputs`).
 * The one home of that lookup: `lz check` (analysis/graph/resolve.ts) follows references with it and
 * `npm run verify` (verify/tftest.ts) types the mock of each remote state with it.
 */
import * as path from 'node:path';

/**
 * Host of a `cloud` block or tfe provider that names none. The TF_CLOUD_HOSTNAME / TFE_HOSTNAME
 * environment variables can change it at run time; offline, the synthesized value is all there is.
 * https://developer.hashicorp.com/terraform/cli/cloud/settings
 * https://registry.terraform.io/providers/hashicorp/tfe/latest/docs#hostname
 */
export const DEFAULT_TFC_HOSTNAME = 'app.terraform.io';

/** A stack as far as state locations are concerned. */
export interface StateOwner {
  readonly name: string;
  /** Working directory relative to the output directory (`stacks/<name>`). */
  readonly workingDirectory: string;
  /** The stack's `terraform` block. */
  readonly terraform: unknown;
}

/** The stack a remote state reads, or why none does. */
export type StateMatch = { readonly stack: string } | { readonly reason: string };

/** Looks up the producing stack of remote states by local path or workspace. */
export class StateLocations {
  private readonly byFile = new Map<string, string>();
  private readonly byWorkspace = new Map<string, { readonly stack: string; readonly organization?: string; readonly hostname: string }[]>();
  private readonly names = new Set<string>();

  constructor(owners: readonly StateOwner[]) {
    for (const owner of owners) {
      this.names.add(owner.name);
      const tf = asObject(owner.terraform);
      const backend = asObject(tf?.backend);
      const cloud = asObject(tf?.cloud) ?? asObject(backend?.remote);
      if (cloud) {
        const name = asString(asObject(cloud.workspaces)?.name);
        if (name !== undefined) this.addWorkspace(name, owner.name, asString(cloud.organization), asString(cloud.hostname) ?? DEFAULT_TFC_HOSTNAME);
        continue;
      }
      if (backend && !backend.local) continue; // s3 and friends: not resolvable offline
      // No backend block at all means local state, `terraform.tfstate` in the working directory.
      const file = asString(asObject(backend?.local)?.path) ?? 'terraform.tfstate';
      this.byFile.set(path.posix.normalize(path.posix.join(owner.workingDirectory, file)), owner.name);
    }
  }

  /** The stack that `data.terraform_remote_state.<x>` (body as synthesized) of `reader` reads. */
  match(reader: StateOwner, body: unknown): StateMatch {
    const data = asObject(body);
    const backend = asString(data?.backend) ?? 'local';
    const config = asObject(data?.config) ?? {};
    if (backend === 'local') {
      const file = asString(config.path) ?? 'terraform.tfstate';
      const normalized = path.posix.normalize(path.posix.join(reader.workingDirectory, file));
      const exact = this.byFile.get(normalized);
      if (exact !== undefined) return { stack: exact };
      // An absolute or unusual path: cdktf's own convention, `<dir>/<stack>/terraform.<stack>.tfstate`.
      const named = /(?:^|\/)([^/]+)\/terraform\.\1\.tfstate$/.exec(file)?.[1];
      if (named !== undefined && this.names.has(named)) return { stack: named };
      return { reason: `it reads the local state file ${file}, which no stack writes` };
    }
    if (backend === 'remote' || backend === 'cloud') {
      const workspaces = asObject(config.workspaces);
      const name = asString(workspaces?.name) ?? (asString(data?.workspace) !== undefined ? `${asString(workspaces?.prefix) ?? ''}${asString(data?.workspace)}` : undefined);
      if (name === undefined) return { reason: `its ${backend} backend names no workspace` };
      const organization = asString(config.organization);
      const owners = (this.byWorkspace.get(name) ?? []).filter((o) => organization === undefined || o.organization === undefined || o.organization === organization);
      if (owners.length === 1) return { stack: owners[0].stack };
      if (owners.length > 1) return { reason: `workspace ${name} is written by ${owners.map((o) => o.stack).join(' and ')}` };
      return { reason: `it reads workspace ${name}${organization ? ` of ${organization}` : ''}, which no stack writes` };
    }
    return { reason: `its ${backend} backend cannot be matched to a stack offline` };
  }

  /**
   * The stack that `data.tfe_outputs.<x>` (body as synthesized) reads: the one whose `cloud` (or
   * `remote`) backend writes workspace `workspace` of `organization` (the data source's own, else its
   * tfe provider's) on the provider's host. Unlike a remote state, nothing is left to chance: the
   * organization must be known and equal.
   * https://registry.terraform.io/providers/hashicorp/tfe/latest/docs/data-sources/outputs
   *
   * @param provider the reader's `provider.tfe` configuration the data source uses (its alias), if any
   */
  matchTfeOutputs(body: unknown, provider?: unknown): StateMatch {
    const data = asObject(body);
    const tfe = asObject(provider);
    const name = literal(data?.workspace);
    if (name === undefined) return { reason: 'it names no workspace as a literal string' };
    const organization = literal(data?.organization) ?? literal(tfe?.organization);
    if (organization === undefined) return { reason: `it reads workspace ${name} but names no organization (neither its own nor its tfe provider's)` };
    const hostname = literal(tfe?.hostname) ?? DEFAULT_TFC_HOSTNAME;
    const named = (this.byWorkspace.get(name) ?? []).filter((o) => o.organization === organization);
    const owners = named.filter((o) => o.hostname === hostname);
    if (owners.length === 1) return { stack: owners[0].stack };
    if (owners.length > 1) return { reason: `workspace ${name} is written by ${owners.map((o) => o.stack).join(' and ')}` };
    if (named.length > 0) return { reason: `it reads workspace ${name} of ${organization} on ${hostname}, but ${named.map((o) => `${o.stack} writes it on ${o.hostname}`).join(' and ')}` };
    return { reason: `it reads workspace ${name} of ${organization}${hostname === DEFAULT_TFC_HOSTNAME ? '' : ` on ${hostname}`}, which no stack writes` };
  }

  private addWorkspace(name: string, stack: string, organization: string | undefined, hostname: string): void {
    const list = this.byWorkspace.get(name) ?? [];
    list.push({ stack, organization, hostname });
    this.byWorkspace.set(name, list);
  }
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A string with no interpolation (a `${...}` is known only when Terraform runs). */
function literal(v: unknown): string | undefined {
  const s = asString(v);
  return s !== undefined && !s.includes('${') ? s : undefined;
}
