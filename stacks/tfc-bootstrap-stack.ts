/**
 * `<name>-tfc-bootstrap`: everything the landing-zone workspaces need before their first run, applied
 * once by hand (and again when stacks, accounts or secrets change):
 *
 * - Terraform Cloud (tfe provider): the project, one workspace per stack, remote state shared only
 *   with the workspaces that read it, run triggers from the hub to the spokes, the sensitive
 *   variables of the stacks, and the environment variables that turn on dynamic AWS credentials;
 * - AWS, in every account a stack deploys to: the Terraform Cloud OIDC provider, one run role per
 *   workspace that only that workspace's runs can assume, and the deployment roles the stacks'
 *   providers name (`roleArn`), with a scoped policy, trusted only by the run roles that need them.
 *
 * Everything is read from the built stacks (their providers' accounts and roles, their dependencies,
 * their sensitive variables), so the bootstrap cannot drift from what the workspaces will run.
 *
 * Local state: the workspaces it creates cannot hold their own creator's state. The AWS side lives
 * here, through one aliased provider per account assuming the organization's bootstrap role, rather
 * than in per-account stacks: the trust policies name workspace names that are known here, a single
 * apply from management-account credentials creates everything in order, and no account needs
 * credentials of its own before OIDC exists. It uses the tfe provider, of which no offline copy
 * exists, so offline verification lists it as skipped.
 */
import { Construct } from 'constructs';
import { LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Project } from '@cdktf/provider-tfe/lib/project';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { RunTrigger } from '@cdktf/provider-tfe/lib/run-trigger';
import { LandingZone } from '../config/model';
import { parseRoleArn } from '../config/role-arn';
import { DEFAULT_DEPLOY_ROLE_NAME } from '../config/schema';
import { defaultTags } from '../config/tags';
import { AwsDynamicCredentials } from '../constructs/tfc/aws-dynamic-credentials';
import { DeployRole } from '../constructs/tfc/deploy-role';
import { SensitiveWorkspaceVariable } from '../constructs/tfc/sensitive-workspace-variable';
import { StackWorkspace } from '../constructs/tfc/stack-workspace';
import { TfcOidcProvider } from '../constructs/tfc/tfc-oidc-provider';
import { TFC_HOSTNAME } from '../constructs/tfc/workload-identity';
import { RUN_ROLE_PATH, runRoleName, WorkspaceRunRole } from '../constructs/tfc/workspace-run-role';
import { partitionOfRegion } from '../constructs/private/aws-partition';
import { ValidationError } from '../constructs/private/validation-error';
import { workspaceName } from './backend';
import { LandingZoneStack, sessionName } from './landing-zone-stack';

/** Props of {@link TfcBootstrapStack}. */
export interface TfcBootstrapStackProps {
  readonly landingZone: LandingZone;
  /** The landing-zone stacks, already built: each gets a workspace. */
  readonly stacks: readonly LandingZoneStack[];
  /** Stacks whose applies queue runs in the stacks that read them (the hub). */
  readonly runTriggerSources: readonly LandingZoneStack[];
}

/** Output names of the bootstrap stack. */
export const TFC_BOOTSTRAP_OUTPUTS = { workspaceIds: 'workspace_ids', runRoleArns: 'run_role_arns', deployRoleArns: 'deploy_role_arns' } as const;

/** What the bootstrap needs to know of one stack, read from its constructs. */
interface StackFacts {
  readonly stack: LandingZoneStack;
  readonly workspace: string;
  /** The account of the stack's default provider, where its run role lives. */
  readonly account: string;
  /** Every role its AWS providers assume. */
  readonly roleArns: readonly string[];
  readonly secrets: readonly TerraformVariable[];
}

/** The bootstrap stack. */
export class TfcBootstrapStack extends TerraformStack {
  readonly stackName: string;
  /** Workspaces by stack name. */
  readonly workspaces: ReadonlyMap<string, StackWorkspace>;
  /** Run roles by stack name. */
  readonly runRoles: ReadonlyMap<string, WorkspaceRunRole>;
  /** Deployment roles by ARN. */
  readonly deployRoles: ReadonlyMap<string, DeployRole>;

  constructor(scope: Construct, props: TfcBootstrapStackProps) {
    const lz = props.landingZone;
    const stackName = tfcBootstrapStackName(lz);
    super(scope, stackName);
    this.stackName = stackName;
    const tfc = lz.terraformCloud;
    if (!tfc?.project) throw new ValidationError(this, 'needs terraformCloud with a project: the OIDC trust of every run role names it');
    const project = tfc.project;
    const bootstrapRole = tfc.bootstrapRoleName ?? DEFAULT_DEPLOY_ROLE_NAME;
    // Relative to cdktf.out/stacks/<name>-tfc-bootstrap, like every local-state stack.
    new LocalBackend(this, { path: `terraform.${stackName}.tfstate` });

    const facts = props.stacks.map((s) => this.factsOf(s, lz));
    const deployRoleArns = [...new Set(facts.flatMap((f) => f.roleArns))].sort();
    const usersOf = (roleArn: string) => facts.filter((f) => f.roleArns.includes(roleArn)).map((f) => f.stack.stackName).sort();
    const admin = deployRoleArns.filter((arn) => parseRoleArn(arn)!.name === bootstrapRole);
    if (admin.length > 0) {
      // Every offending account at once, like the config rules.
      const problems = admin.map((arn) => {
        const parts = parseRoleArn(arn)!;
        return `${usersOf(arn).join(', ')} assume ${arn}; set roleArn of account ${parts.account} to a role the bootstrap creates, e.g. arn:${parts.partition}:iam::${parts.account}:role/network-deploy`;
      });
      throw new ValidationError(this, `the stacks must not deploy with ${bootstrapRole}, the administrator role the bootstrap itself uses (hub.roleArn, logArchive.roleArn, spokes[].roleArn): ${problems.join('; ')}`);
    }
    const tags = defaultTags(lz.name, lz.tags, stackName);

    // Terraform Cloud. The token comes from `terraform login` or TFE_TOKEN, never from the config.
    const tfe = new TfeProvider(this, 'tfe', { hostname: TFC_HOSTNAME, organization: tfc.organization });
    const tfcProject = new Project(this, 'project', { provider: tfe, name: project, organization: tfc.organization, description: `Landing zone ${lz.name}` });
    const workspaces = new Map<string, StackWorkspace>();
    for (const f of facts) {
      workspaces.set(
        f.stack.stackName,
        new StackWorkspace(this, `workspace-${f.stack.stackName}`, {
          provider: tfe,
          name: f.workspace,
          organization: tfc.organization,
          projectId: tfcProject.id,
          workingDirectory: `stacks/${f.stack.stackName}`,
          description: `Landing zone ${lz.name}: stack ${f.stack.stackName}`,
        }),
      );
    }
    this.workspaces = workspaces;
    const byStack = (s: TerraformStack) => workspaces.get((s as LandingZoneStack).stackName);
    for (const f of facts) {
      // A stack that depends on another reads its outputs with terraform_remote_state: those readers only.
      const readers = facts.filter((r) => r.stack.dependencies.includes(f.stack)).map((r) => workspaces.get(r.stack.stackName)!);
      workspaces.get(f.stack.stackName)!.shareStateWith(readers);
    }
    for (const source of props.runTriggerSources) {
      for (const reader of facts.filter((r) => r.stack.dependencies.includes(source))) {
        new RunTrigger(this, `run-trigger-${source.stackName}-${reader.stack.stackName}`, {
          provider: tfe,
          workspaceId: byStack(reader.stack)!.id,
          sourceableId: byStack(source)!.id,
        });
      }
    }
    this.addSecrets(facts, workspaces, tfe);

    // AWS: one provider per account, assuming the bootstrap role from management-account credentials.
    const partition = partitionOfRegion(lz.region);
    const accounts = [...new Set([...facts.map((f) => f.account), ...facts.flatMap((f) => f.roleArns.map((arn) => parseRoleArn(arn)!.account))])].sort();
    const providers = new Map(
      accounts.map((account) => [
        account,
        new AwsProvider(this, `aws-${account}`, {
          alias: `account_${account}`,
          region: lz.region,
          allowedAccountIds: [account],
          assumeRole: [{ roleArn: `arn:${partition}:iam::${account}:role/${bootstrapRole}`, sessionName: sessionName(stackName) }],
          defaultTags: [{ tags }],
        }),
      ]),
    );
    const oidc = new Map(
      [...new Set(facts.map((f) => f.account))].map((account) => [account, new TfcOidcProvider(this, `oidc-${account}`, { provider: providers.get(account)! })]),
    );
    const runRoles = new Map<string, WorkspaceRunRole>();
    for (const f of facts) {
      const role = new WorkspaceRunRole(this, `run-role-${f.stack.stackName}`, {
        provider: providers.get(f.account)!,
        oidcProviderArn: oidc.get(f.account)!.arn,
        organization: tfc.organization,
        project,
        workspace: f.workspace,
        roleName: runRoleName(f.stack.stackName),
        deployRoleArns: f.roleArns,
      });
      runRoles.set(f.stack.stackName, role);
      new AwsDynamicCredentials(this, `aws-credentials-${f.stack.stackName}`, { provider: tfe, workspaceId: workspaces.get(f.stack.stackName)!.id, runRoleArn: role.arn });
    }
    this.runRoles = runRoles;

    const deployRoles = new Map<string, DeployRole>();
    for (const roleArn of deployRoleArns) {
      const parts = parseRoleArn(roleArn)!;
      const trusted = usersOf(roleArn).map((name) => runRoles.get(name)!.arn);
      deployRoles.set(
        roleArn,
        new DeployRole(this, `deploy-role-${parts.account}-${parts.name}`, {
          provider: providers.get(parts.account)!,
          roleArn,
          trustedRoleArns: trusted,
          namePrefix: `${lz.name}-`,
          runRolePath: RUN_ROLE_PATH,
        }),
      );
    }
    this.deployRoles = deployRoles;

    new TerraformOutput(this, TFC_BOOTSTRAP_OUTPUTS.workspaceIds, { value: Object.fromEntries([...workspaces.values()].map((w) => [w.name, w.id])), description: 'Workspace ids by name' });
    new TerraformOutput(this, TFC_BOOTSTRAP_OUTPUTS.runRoleArns, { value: Object.fromEntries([...runRoles].map(([s, r]) => [workspaces.get(s)!.name, r.arn])), description: 'Run role of each workspace' });
    new TerraformOutput(this, TFC_BOOTSTRAP_OUTPUTS.deployRoleArns, { value: [...deployRoles.keys()], description: 'Deployment roles the stacks assume' });
  }

  /** Account, assumed roles and secrets of a stack, from its providers and variables. */
  private factsOf(stack: LandingZoneStack, lz: LandingZone): StackFacts {
    const providers = stack.node.findAll().filter((c): c is AwsProvider => c instanceof AwsProvider);
    const roleArns: string[] = [];
    for (const p of providers) {
      const assume = p.assumeRole;
      const arn = Array.isArray(assume) ? assume[0]?.roleArn : undefined;
      if (typeof arn !== 'string' || !parseRoleArn(arn)) throw new ValidationError(this, `stack ${stack.stackName}: every AWS provider must assume a literal role ARN, found ${JSON.stringify(assume)}`);
      roleArns.push(arn);
    }
    const account = stack.provider.allowedAccountIds?.[0];
    if (!account) throw new ValidationError(this, `stack ${stack.stackName}: its AWS provider names no allowed account`);
    const secrets = stack.node.findAll().filter((c): c is TerraformVariable => c instanceof TerraformVariable && c.sensitive === true);
    return { stack, workspace: workspaceName(lz, stack.stackName), account, roleArns: [...new Set(roleArns)].sort(), secrets };
  }

  /**
   * One bootstrap variable per sensitive stack variable, with the same name (so `TF_VAR_<name>` is the
   * same locally and here), and a sensitive workspace variable when it is set.
   */
  private addSecrets(facts: readonly StackFacts[], workspaces: ReadonlyMap<string, StackWorkspace>, tfe: TfeProvider): void {
    const owner = new Map<string, string>();
    for (const f of facts) {
      for (const secret of f.secrets) {
        const key = secret.friendlyUniqueId;
        const prior = owner.get(key);
        if (prior) throw new ValidationError(this, `stacks ${prior} and ${f.stack.stackName} both declare the sensitive variable ${key}; bootstrap variables must be unique`);
        owner.set(key, f.stack.stackName);
        // A variable the stack requires (a Direct Connect BGP key) is required here too, so the bootstrap
        // fails at its own plan instead of leaving the workspace unable to plan.
        const required = secret.nullable === false;
        const input = new TerraformVariable(this, key, {
          type: 'string',
          sensitive: true,
          nullable: !required,
          description: `${secret.description ?? key} Written to workspace ${f.workspace}${required ? ' (required).' : '; unset: no workspace variable.'}`,
        });
        // cdktf cannot render `default: null` itself (it walks the value as an object); an override can.
        if (!required) input.addOverride('default', null);
        new SensitiveWorkspaceVariable(this, `secret-${f.stack.stackName}-${key}`, {
          provider: tfe,
          workspaceId: workspaces.get(f.stack.stackName)!.id,
          key,
          value: input.stringValue,
          description: secret.description,
        });
      }
    }
  }
}

/** `<name>-tfc-bootstrap` */
export const tfcBootstrapStackName = (lz: LandingZone): string => `${lz.name}-tfc-bootstrap`;
