/**
 * Stack names and their Terraform Cloud workspace names: the one home of these strings. Typed on the
 * few fields they read, so config/validate can check them against limits before the stacks exist and
 * config/stack-list.ts builds the list of stacks from the same functions.
 */

/** What a stack name is derived from: the landing zone name. */
export interface Named {
  readonly name: string;
}

/** What a workspace name is derived from. */
export interface WorkspacePrefixed {
  readonly terraformCloud?: { readonly workspacePrefix?: string };
}

/** `<name>-hub` */
export const hubStackName = (lz: Named): string => `${lz.name}-hub`;

/** `<name>-log-archive` */
export const logArchiveStackName = (lz: Named): string => `${lz.name}-log-archive`;

/** `<name>-spoke-<spoke>` */
export const spokeStackName = (lz: Named, spoke: string): string => `${lz.name}-spoke-${spoke}`;

/** `<name>-spoke-<spoke>-vpn-pki`: the spoke's Client VPN keys and certificates (the longest stack name). */
export const vpnPkiStackName = (lz: Named, spoke: string): string => `${lz.name}-spoke-${spoke}-vpn-pki`;

/** `<name>-tfc-bootstrap`: the Terraform Cloud workspaces and identities (local state). */
export const tfcBootstrapStackName = (lz: Named): string => `${lz.name}-tfc-bootstrap`;

/** Terraform Cloud workspace name of a stack: `<workspacePrefix><stack>`. */
export const workspaceName = (lz: WorkspacePrefixed, stackName: string): string => `${lz.terraformCloud?.workspacePrefix ?? ''}${stackName}`;
