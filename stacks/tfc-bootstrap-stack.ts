/**
 * `<name>-tfc-bootstrap`: everything the landing-zone workspaces need before their first run, applied
 * once by hand (and again when stacks, accounts, segments or secrets change):
 *
 * - Terraform Cloud (tfe provider): the project, one workspace per stack, state shared only with the
 *   workspaces that read its outputs (`tfe_outputs`), run triggers along the dependencies (hub ->
 *   spokes, PKI -> its spoke), the sensitive variables of the stacks, and the environment variables
 *   that turn on dynamic AWS credentials per provider configuration;
 * - AWS, in every account a stack deploys to: the Terraform Cloud OIDC provider and, per identity the
 *   stacks record ({@link ProviderIdentity}), an apply role trusted only by the apply phase of the
 *   workspaces that use it and a read-only plan twin trusted only by their plan phase. The apply roles
 *   are the deployment roles the config names (`roleArn`, scoped deployment policy) and, per spoke,
 *   a narrow role in the hub account for the hub-side half of its connection; the hub's deployment
 *   role is trusted by the hub workspace alone.
 *
 * Everything is read from the built stacks (their identity records, their `tfe_outputs` reads, their
 * dependencies, their sensitive variables), so the bootstrap cannot drift from what the workspaces run.
 *
 * Local state: the workspaces it creates cannot hold their own creator's state. The AWS side lives
 * here, through one aliased provider per account assuming the organization's bootstrap role, rather
 * than in per-account stacks: the trust policies name workspace names that are known here, a single
 * apply from management-account credentials creates everything in order, and no account needs
 * credentials of its own before OIDC exists. It uses the tfe provider, of which no offline copy
 * exists, so offline verification lists it as skipped.
 */
import { tfcBootstrapStackName } from '../lib/stack-names';
import { Construct } from 'constructs';
import { LocalBackend, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataTfeOutputs } from '@cdktf/provider-tfe/lib/data-tfe-outputs';
import { Project } from '@cdktf/provider-tfe/lib/project';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { RunTrigger } from '@cdktf/provider-tfe/lib/run-trigger';
import { LandingZone } from '../config/model';
import { hubPublishedPath, landingZonePublishedPath, planRoleName, TFC_ROLE_PATH } from '../lib/names';
import { parseRoleArn, RoleArnParts } from '../lib/aws/role-arn';
import { DEFAULT_DEPLOY_ROLE_NAME } from '../config/schema';
import { defaultTags, MANAGED_TAG_KEYS } from '../config/tags';
import { SEGMENT_TAG_KEY } from '../constructs/hub/transit-gateway';
import { AwsDynamicCredentials } from '../constructs/tfc/aws-dynamic-credentials';
import { DeployRole } from '../constructs/tfc/deploy-role';
import { readPolicy } from '../constructs/tfc/read-policy';
import { spokeHubPolicy, spokeHubReadPolicy } from '../constructs/tfc/spoke-hub-policy';
import { StackWorkspace } from '../constructs/tfc/stack-workspace';
import { TfcOidcProvider } from '../constructs/tfc/tfc-oidc-provider';
import { WorkspaceRunRole } from '../constructs/tfc/workspace-run-role';
import { partitionOfRegion } from '../constructs/private/aws-partition';
import { ValidationError } from '../constructs/private/validation-error';
import { workspaceName } from './backend';
import { IdentityScope, LandingZoneStack, ProviderIdentity, sessionName } from './landing-zone-stack';

/** Props of {@link TfcBootstrapStack}. */
export interface TfcBootstrapStackProps {
  readonly landingZone: LandingZone;
  /** The landing-zone stacks, already built: each gets a workspace. */
  readonly stacks: readonly LandingZoneStack[];
  /** Stacks whose applies queue runs in the stacks that depend on them (the hub, the PKIs). */
  readonly runTriggerSources: readonly LandingZoneStack[];
  /**
   * Stacks whose state holds secrets (the hub: VPN and BGP keys; the PKIs: private keys): their state
   * is shared with nobody, and a stack that reads their outputs is refused.
   * @default none
   */
  readonly secretHolders?: readonly LandingZoneStack[];
  /**
   * Stacks whose workspaces apply triggered runs without confirmation (spokes of segments with
   * `autoApplyRunTriggers`, never production ones); every other workspace waits for a person.
   * @default none
   */
  readonly autoApplyRunTriggers?: readonly LandingZoneStack[];
}

/** Output names of the bootstrap stack. */
export const TFC_BOOTSTRAP_OUTPUTS = { workspaceIds: 'workspace_ids', planRoleArns: 'plan_role_arns', applyRoleArns: 'apply_role_arns', workspaceSecrets: 'workspace_secrets' } as const;

/** The tag key a spoke's hub provider puts on its hub-side attachment (a provider default tag), naming the spoke stack. */
const OWNER_TAG_KEY: (typeof MANAGED_TAG_KEYS)[number] = 'Stack';

/** What the bootstrap needs to know of one stack, read from its constructs. */
interface StackFacts {
  readonly stack: LandingZoneStack;
  readonly workspace: string;
  readonly identities: readonly ProviderIdentity[];
  /** Workspaces whose outputs it reads (`tfe_outputs`). */
  readonly reads: readonly string[];
  readonly secrets: readonly TerraformVariable[];
}

/** One apply role and the workspaces that use it. */
interface RoleUse {
  readonly arn: string;
  readonly parts: RoleArnParts;
  readonly scope: IdentityScope;
  readonly users: readonly StackFacts[];
}

/** The plan and apply role of one identity. */
interface RolePair {
  readonly planArn: string;
  readonly applyArn: string;
}

/** The bootstrap stack. */
export class TfcBootstrapStack extends TerraformStack {
  readonly stackName: string;
  /** Workspaces by stack name. */
  readonly workspaces: ReadonlyMap<string, StackWorkspace>;
  /** Deployment roles (apply roles named by the config) by ARN. */
  readonly deployRoles: ReadonlyMap<string, DeployRole>;
  /** Plan roles and spokes' hub roles, by apply role ARN then phase. */
  readonly runRoles: ReadonlyMap<string, { readonly plan: WorkspaceRunRole; readonly apply?: WorkspaceRunRole }>;

  constructor(scope: Construct, props: TfcBootstrapStackProps) {
    const lz = props.landingZone;
    const stackName = tfcBootstrapStackName(lz);
    super(scope, stackName);
    this.stackName = stackName;
    const tfc = lz.terraformCloud;
    if (!tfc?.project) throw new ValidationError(this, 'needs terraformCloud with a project: the OIDC trust of every role names it');
    const project = tfc.project;
    const bootstrapRole = tfc.bootstrapRoleName ?? DEFAULT_DEPLOY_ROLE_NAME;
    // Relative to cdktf.out/stacks/<name>-tfc-bootstrap, like every local-state stack.
    new LocalBackend(this, { path: `terraform.${stackName}.tfstate` });

    const facts = props.stacks.map((s) => this.factsOf(s, lz));
    const roles = this.roleUses(facts, bootstrapRole);
    const tags = defaultTags(lz.name, lz.tags, stackName);

    // Terraform Cloud. The token comes from `terraform login` or TFE_TOKEN, never from the config.
    const tfe = new TfeProvider(this, 'tfe', { hostname: tfc.hostname, organization: tfc.organization });
    const tfcProject = new Project(this, 'project', { provider: tfe, name: project, organization: tfc.organization, description: `Landing zone ${lz.name}` });
    const autoApply = new Set((props.autoApplyRunTriggers ?? []).map((s) => s.stackName));
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
          autoApplyRunTrigger: autoApply.has(f.stack.stackName),
        }),
      );
    }
    this.workspaces = workspaces;
    this.shareState(facts, workspaces, new Set((props.secretHolders ?? []).map((s) => s.stackName)));
    const byStack = (s: TerraformStack) => workspaces.get((s as LandingZoneStack).stackName)!;
    for (const source of props.runTriggerSources) {
      for (const reader of facts.filter((r) => r.stack.dependencies.includes(source))) {
        new RunTrigger(this, `run-trigger-${source.stackName}-${reader.stack.stackName}`, { provider: tfe, workspaceId: byStack(reader.stack).id, sourceableId: byStack(source).id });
      }
    }
    this.addSecrets(facts);

    // AWS: one provider per account, assuming the bootstrap role from management-account credentials.
    const partition = partitionOfRegion(lz.region);
    const accounts = [...new Set(roles.map((r) => r.parts.account))].sort();
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
    const oidc = new Map(accounts.map((account) => [account, new TfcOidcProvider(this, `oidc-${account}`, { provider: providers.get(account)!, hostname: tfc.hostname })]));
    const trustOf = (r: RoleUse) => ({
      oidcProviderArn: oidc.get(r.parts.account)!.arn,
      hostname: tfc.hostname,
      organization: tfc.organization,
      project,
      workspaces: r.users.map((u) => u.workspace),
    });

    const deployRoles = new Map<string, DeployRole>();
    const runRoles = new Map<string, { plan: WorkspaceRunRole; apply?: WorkspaceRunRole }>();
    const pairs = new Map<string, RolePair>();
    for (const r of roles) {
      const provider = providers.get(r.parts.account)!;
      const users = r.users.map((u) => u.stack.stackName).join(', ');
      if (r.scope.kind === 'deploy') {
        const readsHybridSecrets = r.scope.readsHybridSecrets;
        const apply = new DeployRole(this, `deploy-role-${r.parts.account}-${r.parts.name}`, {
          provider,
          roleArn: r.arn,
          trust: trustOf(r),
          namePrefix: `${lz.name}-`,
          publishedPath: landingZonePublishedPath(lz.name),
          tfcRolePath: TFC_ROLE_PATH,
          readsHybridSecrets,
        });
        const plan = new WorkspaceRunRole(this, `plan-role-${r.parts.account}-${r.parts.name}`, {
          provider,
          trust: { ...trustOf(r), phase: 'plan' },
          roleName: planRoleName(r.parts.name),
          path: TFC_ROLE_PATH,
          description: `Landing zone plans of ${users}: read-only twin of ${r.parts.name}`,
          policyName: 'landing-zone-read',
          policy: readPolicy({ partition, account: r.parts.account, namePrefix: `${lz.name}-`, publishedPath: landingZonePublishedPath(lz.name), readsHybridSecrets }),
        });
        deployRoles.set(r.arn, apply);
        runRoles.set(r.arn, { plan });
        pairs.set(r.arn, { planArn: plan.arn, applyArn: apply.arn });
      } else {
        const spoke = r.users[0].stack.stackName;
        const policyProps = {
          partition,
          region: lz.region,
          hubAccount: r.parts.account,
          hubPublishedPath: hubPublishedPath(lz.name),
          ownerTag: { key: OWNER_TAG_KEY, value: spoke },
          routeTableTagKey: SEGMENT_TAG_KEY,
          associateWith: r.scope.associateWith,
          propagateTo: r.scope.propagateTo,
        };
        const apply = new WorkspaceRunRole(this, `spoke-hub-role-${spoke}`, {
          provider,
          trust: { ...trustOf(r), phase: 'apply' },
          roleName: r.parts.name,
          path: r.parts.path,
          description: `Landing zone applies of ${spoke}: the hub-side half of its connection only`,
          policyName: 'spoke-hub',
          policy: spokeHubPolicy(policyProps),
        });
        const plan = new WorkspaceRunRole(this, `spoke-hub-plan-role-${spoke}`, {
          provider,
          trust: { ...trustOf(r), phase: 'plan' },
          roleName: planRoleName(r.parts.name),
          path: TFC_ROLE_PATH,
          description: `Landing zone plans of ${spoke}: read-only twin of ${r.parts.name}`,
          policyName: 'spoke-hub-read',
          policy: spokeHubReadPolicy(policyProps),
        });
        runRoles.set(r.arn, { plan, apply });
        pairs.set(r.arn, { planArn: plan.arn, applyArn: apply.arn });
      }
    }
    this.deployRoles = deployRoles;
    this.runRoles = runRoles;

    for (const f of facts) {
      for (const identity of f.identities) {
        const pair = pairs.get(identity.applyRoleArn)!;
        const id = identity.alias === undefined ? `aws-credentials-${f.stack.stackName}` : `aws-credentials-${f.stack.stackName}-${identity.alias}`;
        new AwsDynamicCredentials(this, id, { provider: tfe, workspaceId: workspaces.get(f.stack.stackName)!.id, planRoleArn: pair.planArn, applyRoleArn: pair.applyArn, tag: identity.alias });
      }
    }

    const byWorkspace = (pick: (p: RolePair) => string) =>
      Object.fromEntries(facts.map((f) => [f.workspace, Object.fromEntries(f.identities.map((i) => [i.alias ?? 'default', pick(pairs.get(i.applyRoleArn)!)]))]));
    new TerraformOutput(this, TFC_BOOTSTRAP_OUTPUTS.workspaceIds, { value: Object.fromEntries([...workspaces.values()].map((w) => [w.name, w.id])), description: 'Workspace ids by name' });
    new TerraformOutput(this, TFC_BOOTSTRAP_OUTPUTS.planRoleArns, { value: byWorkspace((p) => p.planArn), description: 'Read-only plan role of each workspace, by provider (default or alias)' });
    new TerraformOutput(this, TFC_BOOTSTRAP_OUTPUTS.applyRoleArns, { value: byWorkspace((p) => p.applyArn), description: 'Apply role of each workspace, by provider (default or alias)' });
  }

  /** Identities, outputs reads and secrets of a stack. */
  private factsOf(stack: LandingZoneStack, lz: LandingZone): StackFacts {
    const reads = stack.node
      .findAll()
      .filter((c): c is DataTfeOutputs => c instanceof DataTfeOutputs)
      .map((d) => {
        const name = d.workspaceInput;
        if (name === undefined || Token.isUnresolved(name)) throw new ValidationError(this, `stack ${stack.stackName}: tfe_outputs ${d.node.id} must name its workspace literally`);
        return name;
      });
    const secrets = stack.node.findAll().filter((c): c is TerraformVariable => c instanceof TerraformVariable && c.sensitive === true);
    return { stack, workspace: workspaceName(lz, stack.stackName), identities: stack.identities, reads: [...new Set(reads)].sort(), secrets };
  }

  /**
   * The apply roles, each with the workspaces that use it, refusing what would widen an identity: the
   * bootstrap's own administrator role, the hub's deployment role used by another workspace, one ARN
   * for two kinds of role, and two roles of one name in an account.
   */
  private roleUses(facts: readonly StackFacts[], bootstrapRole: string): RoleUse[] {
    const byArn = new Map<string, { scope: IdentityScope; users: StackFacts[] }>();
    for (const f of facts) {
      for (const identity of f.identities) {
        const parts = parseRoleArn(identity.applyRoleArn);
        if (!parts) throw new ValidationError(this, `stack ${f.stack.stackName}: "${identity.applyRoleArn}" is not a role ARN the bootstrap can create`);
        const use = byArn.get(identity.applyRoleArn);
        if (!use) {
          byArn.set(identity.applyRoleArn, { scope: identity.scope, users: [f] });
          continue;
        }
        if (use.scope.kind === 'deploy' && identity.scope.kind === 'deploy') {
          // The hub's role shared with another stack: refused below, naming both.
          use.scope = { kind: 'deploy', readsHybridSecrets: use.scope.readsHybridSecrets || identity.scope.readsHybridSecrets };
        } else if (JSON.stringify(use.scope) !== JSON.stringify(identity.scope)) {
          throw new ValidationError(this, `${identity.applyRoleArn} is used by ${use.users[0].stack.stackName} and ${f.stack.stackName} for different purposes; give each its own role`);
        }
        if (!use.users.includes(f)) use.users.push(f);
      }
    }
    const roles = [...byArn].sort(([a], [b]) => a.localeCompare(b)).map(([arn, u]) => ({ arn, parts: parseRoleArn(arn)!, scope: u.scope, users: u.users }));

    const admin = roles.filter((r) => r.parts.name === bootstrapRole);
    if (admin.length > 0) {
      // Every offending account at once, like the config rules.
      const problems = admin.map((r) => {
        const names = r.users.map((u) => u.stack.stackName).sort();
        return `${names.join(', ')} assume ${r.arn}; set roleArn of account ${r.parts.account} to a role the bootstrap creates, e.g. arn:${r.parts.partition}:iam::${r.parts.account}:role/network-deploy`;
      });
      throw new ValidationError(this, `the stacks must not deploy with ${bootstrapRole}, the administrator role the bootstrap itself uses (hub.roleArn, logArchive.roleArn, spokes[].roleArn): ${problems.join('; ')}`);
    }
    for (const r of roles) {
      const exclusive = r.scope.kind === 'spoke-hub' || r.scope.readsHybridSecrets;
      if (exclusive && r.users.length > 1) {
        // The owner: the stack whose own identity reads the hybrid secrets (the hub), or the spoke itself.
        const first = r.users.find((u) => u.identities.some((i) => i.applyRoleArn === r.arn && (i.scope.kind === 'spoke-hub' || i.scope.readsHybridSecrets))) ?? r.users[0];
        const [owner, ...others] = [first, ...r.users.filter((u) => u !== first)].map((u) => u.stack.stackName);
        throw new ValidationError(
          this,
          `${r.arn} is the ${r.scope.kind === 'deploy' ? "hub's deployment role (it may read the VPN pre-shared keys and the Direct Connect BGP key)" : `hub role of ${owner}`} and is trusted by the ${owner} workspace only, but ${others.join(', ')} use it too; give ${others.length > 1 ? 'them their own roles' : 'it its own role'} (e.g. logArchive.roleArn for a log archive in the hub account)`,
        );
      }
    }
    const names = new Map<string, string>();
    for (const r of roles) {
      for (const name of [r.parts.name, planRoleName(r.parts.name)]) {
        const key = `${r.parts.account}/${name}`;
        const prior = names.get(key);
        if (prior !== undefined) throw new ValidationError(this, `account ${r.parts.account} would get two roles named ${name} (for ${prior} and ${r.arn}); IAM role names are unique per account: rename one of them`);
        names.set(key, r.arn);
      }
    }
    return roles;
  }

  /**
   * Each state is readable only by the workspaces that read its outputs (`tfe_outputs`), never by
   * dependency alone; the stacks that hold secrets share theirs with nobody.
   */
  private shareState(facts: readonly StackFacts[], workspaces: ReadonlyMap<string, StackWorkspace>, secretHolders: ReadonlySet<string>): void {
    for (const f of facts) {
      const readers = facts.filter((r) => r.reads.includes(f.workspace));
      if (secretHolders.has(f.stack.stackName) && readers.length > 0) {
        throw new ValidationError(this, `${readers.map((r) => r.stack.stackName).join(', ')} read the outputs of ${f.stack.stackName}, whose state holds secrets and is shared with nobody; read its published values instead`);
      }
      workspaces.get(f.stack.stackName)!.shareStateWith(readers.map((r) => workspaces.get(r.stack.stackName)!));
    }
  }

  /**
   * The sensitive variables each workspace needs, as an output of names and descriptions only. The
   * bootstrap never carries their values: its state is a local file on an operator's machine, and a
   * `tfe_variable` it wrote would keep the BGP key and pre-shared keys in that state. An operator with
   * write access to the hub workspace sets them there as sensitive Terraform variables (UI, API or
   * `terraform` CLI), so they exist only in that workspace (lz check LZ-SECRET01).
   * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/variables/managing-variables#sensitive-values
   */
  private addSecrets(facts: readonly StackFacts[]): void {
    const owner = new Map<string, string>();
    const needed: Record<string, { name: string; required: boolean; description: string }[]> = {};
    for (const f of facts) {
      for (const secret of f.secrets) {
        const key = secret.friendlyUniqueId;
        const prior = owner.get(key);
        if (prior) throw new ValidationError(this, `stacks ${prior} and ${f.stack.stackName} both declare the sensitive variable ${key}; workspace variables must be unique`);
        owner.set(key, f.stack.stackName);
        (needed[f.workspace] ??= []).push({ name: key, required: secret.nullable === false, description: secret.description ?? key });
      }
    }
    new TerraformOutput(this, TFC_BOOTSTRAP_OUTPUTS.workspaceSecrets, {
      value: needed,
      description: 'Sensitive Terraform variables to set in each workspace by hand (required ones block its plan until set); the bootstrap never holds their values',
    });
  }
}

/** `<name>-tfc-bootstrap` */
export { tfcBootstrapStackName };
