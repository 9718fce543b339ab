/** Where each stack keeps its state: local files by default, a Terraform Cloud workspace when configured. */
import { workspaceName } from '../lib/stack-names';
import { CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformStack } from 'cdktf';
import { LandingZone } from '../config/model';

/** Which backend to synthesize. `config` follows `terraformCloud`; `local` forces local state (offline verification). */
export type BackendMode = 'config' | 'local';

/** Workspace name of a stack: `<workspacePrefix><stack>`. */
export { workspaceName };

/** Adds the backend block to a stack. */
export function configureBackend(stack: TerraformStack, lz: LandingZone, stackName: string, mode: BackendMode): void {
  if (mode === 'config' && lz.terraformCloud) {
    new CloudBackend(stack, {
      hostname: lz.terraformCloud.hostname,
      organization: lz.terraformCloud.organization,
      workspaces: new NamedCloudWorkspace(workspaceName(lz, stackName), lz.terraformCloud.project),
    });
    return;
  }
  // Relative to the stack's working directory (cdktf.out/stacks/<stack>), so each stack has its own file.
  new LocalBackend(stack, { path: `terraform.${stackName}.tfstate` });
}
