/**
 * Which stack a `terraform_remote_state` data source reads. Each stack writes its state either to a
 * local file relative to its working directory (`cdktf.out/stacks/<stack>`) or to a Terraform Cloud /
 * remote-backend workspace (stacks/backend.ts); a reader names the same file relative to its own
 * working directory, or the same workspace (stacks/hub-outputs.ts `stackRemoteState`).
 */
import * as path from 'node:path';

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
  private readonly byWorkspace = new Map<string, { readonly stack: string; readonly organization?: string }[]>();
  private readonly names = new Set<string>();

  constructor(owners: readonly StateOwner[]) {
    for (const owner of owners) {
      this.names.add(owner.name);
      const tf = asObject(owner.terraform);
      const backend = asObject(tf?.backend);
      const cloud = asObject(tf?.cloud) ?? asObject(backend?.remote);
      if (cloud) {
        const name = asString(asObject(cloud.workspaces)?.name);
        if (name !== undefined) this.addWorkspace(name, owner.name, asString(cloud.organization));
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

  private addWorkspace(name: string, stack: string, organization: string | undefined): void {
    const list = this.byWorkspace.get(name) ?? [];
    list.push({ stack, organization });
    this.byWorkspace.set(name, list);
  }
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
