/**
 * The Terraform Cloud workspace of one landing-zone stack: API-driven (no VCS: the pull-request
 * workflow uploads the synthesized configuration), remote execution (dynamic credentials need it),
 * state shared only with the workspaces that read its outputs, triggered runs confirmed by a person
 * unless asked otherwise.
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Workspace } from '@cdktf/provider-tfe/lib/workspace';
import { WorkspaceSettings } from '@cdktf/provider-tfe/lib/workspace-settings';

/** Execution mode of every landing-zone workspace: runs happen in Terraform Cloud, where dynamic credentials exist. */
export const WORKSPACE_EXECUTION_MODE = 'remote';

/** Props of {@link StackWorkspace}. */
export interface StackWorkspaceProps {
  readonly provider?: TerraformProvider;
  /** Workspace name (changing it replaces the workspace and loses its state). */
  readonly name: string;
  readonly organization: string;
  readonly projectId: string;
  /**
   * Directory the runs execute in, relative to the uploaded configuration: `stacks/<stack>` of the
   * whole `cdktf.out` (the manifest's `workingDirectory`). The CLI finds the same root when run from
   * `cdktf.out/stacks/<stack>`.
   */
  readonly workingDirectory: string;
  readonly description?: string;
  /**
   * Apply, without confirmation, the runs that an apply of a source workspace queues here (run
   * triggers). Production workspaces never do.
   * https://registry.terraform.io/providers/hashicorp/tfe/latest/docs/resources/workspace#auto_apply_run_trigger
   * @default false
   */
  readonly autoApplyRunTrigger?: boolean;
}

/** One workspace and its settings. */
export class StackWorkspace extends Construct {
  readonly workspace: Workspace;
  readonly settings: WorkspaceSettings;
  readonly name: string;
  /** Workspace id (`ws-...`). */
  readonly id: string;

  constructor(scope: Construct, id: string, props: StackWorkspaceProps) {
    super(scope, id);
    this.name = props.name;
    this.workspace = new Workspace(this, 'workspace', {
      provider: props.provider,
      name: props.name,
      organization: props.organization,
      projectId: props.projectId,
      description: props.description,
      workingDirectory: props.workingDirectory,
      // Applies are confirmed by the merge workflow (apply-run), never by a plan alone.
      autoApply: false,
      // A triggered run (after a hub or PKI apply) waits for confirmation unless the segment allows otherwise.
      autoApplyRunTrigger: props.autoApplyRunTrigger ?? false,
      queueAllRuns: false,
    });
    this.id = this.workspace.id;
    // execution_mode and state sharing live on tfe_workspace_settings (deprecated on tfe_workspace).
    this.settings = new WorkspaceSettings(this, 'settings', {
      provider: props.provider,
      workspaceId: this.workspace.id,
      executionMode: WORKSPACE_EXECUTION_MODE,
      globalRemoteState: false,
      remoteStateConsumerIds: [],
    });
  }

  /** Lets exactly these workspaces read this one's outputs (`tfe_outputs` needs state access), replacing any earlier list. */
  shareStateWith(readers: readonly StackWorkspace[]): void {
    this.settings.remoteStateConsumerIds = [...readers].sort((a, b) => a.name.localeCompare(b.name)).map((r) => r.id);
  }
}
