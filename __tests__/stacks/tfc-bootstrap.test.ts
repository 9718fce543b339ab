import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformDataSource, TerraformResource, Testing } from 'cdktf';
import { DataTfeOutputs } from '@cdktf/provider-tfe/lib/data-tfe-outputs';
import { formatPath } from '../../config/issues';
import { LandingZone } from '../../config/model';
import { fitRoleName, planRoleName, spokeHubRoleName } from '../../lib/names';
import { parseRoleArn } from '../../lib/aws/role-arn';
import { deployPolicy, HYBRID_SECRET_READS, RESOURCE_SERVICES, serviceOfType } from '../../constructs/tfc/deploy-policy';
import { readPolicy } from '../../constructs/tfc/read-policy';
import { runPhaseTrustPolicy, workspaceSubject } from '../../constructs/tfc/workload-identity';
import { buildLandingZone, LandingZoneStacks } from '../../stacks/landing-zone-app';
import { TfcBootstrapStack } from '../../stacks/tfc-bootstrap-stack';
import { skipReason } from '../../verify/stack-json';
import { issuesWith, loadWith, RawConfig } from '../helpers/config';
import { fixtureLandingZone } from '../helpers/landing-zone';
import { SynthResource, Template } from '../helpers/template';

const ACCOUNTS = { hub: '111111111111', log: '222222222222', prod: '333333333333', dev: '444444444444' };
const deployArn = (account: string) => `arn:aws:iam::${account}:role/network-deploy`;

/** The default config with Terraform Cloud, the bootstrap and a deployment role per account. */
const withBootstrap = (c: RawConfig) => {
  c.terraformCloud = { organization: 'acme', project: 'network', workspacePrefix: 'lz-', bootstrap: true };
  c.hub.roleArn = deployArn(c.hub.account);
  c.logArchive.roleArn = deployArn(c.logArchive.account);
  for (const s of c.spokes) s.roleArn = deployArn(s.account);
};

const STACKS = ['shop-hub', 'shop-log-archive', 'shop-spoke-shop-dev', 'shop-spoke-shop-prod', 'shop-spoke-shop-prod-vpn-pki'];

let lz: LandingZone;
let built: LandingZoneStacks;
let t: Template;

beforeAll(() => {
  lz = loadWith(withBootstrap).landingZone;
  built = buildLandingZone(Testing.app(), lz);
  t = Template.fromStack(built.tfcBootstrap!);
});

const workspace = (stack: string) => t.resource('tfe_workspace', { name: `lz-${stack}` });
const wsRef = (stack: string) => Template.ref(workspace(stack));
const role = (name: string, account: string) => t.resource('aws_iam_role', { name, provider: `aws.account_${account}` });
const policyOf = (r: SynthResource, key: string) => JSON.parse(r.props[key]);
const inlinePolicy = (r: SynthResource) => t.resources('aws_iam_role_policy').find((p) => p.props.role === Template.ref(r, 'name'))!;
const oidcRef = (account: string) => Template.ref(t.resource('aws_iam_openid_connect_provider', { provider: `aws.account_${account}` }), 'arn');
const subject = (stack: string, phase: 'plan' | 'apply') => `organization:acme:project:network:workspace:lz-${stack}:run_phase:${phase}`;
/** The exact trust policy of a role trusted by `stacks` in one phase, in `account`. */
const trust = (account: string, phase: 'plan' | 'apply', stacks: readonly string[]) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: phase === 'plan' ? 'TerraformCloudPlans' : 'TerraformCloudApplies',
      Effect: 'Allow',
      Principal: { Federated: oidcRef(account) },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity', 'app.terraform.io:sub': stacks.length === 1 ? subject(stacks[0], phase) : stacks.map((s) => subject(s, phase)) } },
    },
  ],
});

/** Per workspace: account of its default provider, and the roles (apply role name, account) of each provider. */
const IDENTITIES: Record<string, Record<string, { readonly apply: string; readonly account: string }>> = {
  'shop-hub': { default: { apply: 'network-deploy', account: ACCOUNTS.hub } },
  'shop-log-archive': { default: { apply: 'network-deploy', account: ACCOUNTS.log } },
  'shop-spoke-shop-prod-vpn-pki': { default: { apply: 'network-deploy', account: ACCOUNTS.prod } },
  'shop-spoke-shop-prod': { default: { apply: 'network-deploy', account: ACCOUNTS.prod }, hub: { apply: 'shop-spoke-shop-prod-hub', account: ACCOUNTS.hub } },
  'shop-spoke-shop-dev': { default: { apply: 'network-deploy', account: ACCOUNTS.dev }, hub: { apply: 'shop-spoke-shop-dev-hub', account: ACCOUNTS.hub } },
};

describe('config', () => {
  it('defaults the host, bootstrap to false and the bootstrap role to OrganizationAccountAccessRole', () => {
    const tfc = loadWith((c) => (c.terraformCloud = { organization: 'acme' })).landingZone.terraformCloud;
    expect(tfc).toEqual({ organization: 'acme', hostname: 'app.terraform.io', workspacePrefix: '', bootstrap: false, bootstrapRoleName: 'OrganizationAccountAccessRole' });
  });

  it('requires a project when bootstrap is true', () => {
    const { issues } = issuesWith((c) => (c.terraformCloud = { organization: 'acme', bootstrap: true }));
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([['terraformCloud.project', 'is required when bootstrap is true (the OIDC trust names the project)']]);
  });

  it('builds no bootstrap stack unless asked', () => {
    const cloud = loadWith((c) => (c.terraformCloud = { organization: 'acme', project: 'network' })).landingZone;
    expect(buildLandingZone(Testing.app(), cloud).tfcBootstrap).toBeUndefined();
  });
});

describe('TfcBootstrapStack', () => {
  it('keeps local state and uses the tfe and aws providers', () => {
    expect(built.tfcBootstrap!.stackName).toBe('shop-tfc-bootstrap');
    expect(t.json.terraform.backend).toEqual({ local: { path: 'terraform.shop-tfc-bootstrap.tfstate' } });
    expect(Object.keys(t.json.terraform.required_providers).sort()).toEqual(['aws', 'tfe']);
    expect(t.json.provider.tfe).toEqual([{ hostname: 'app.terraform.io', organization: 'acme' }]);
  });

  it('is skipped by the offline verification, naming the tfe provider', () => {
    expect(skipReason(t.json)).toBe('needs the tfe provider, which has no offline mirror');
  });

  it('reaches each account through an aliased provider assuming the bootstrap role', () => {
    expect(t.json.provider.aws.map((p: Record<string, unknown>) => [p.alias, p.allowed_account_ids, p.assume_role])).toEqual(
      Object.values(ACCOUNTS)
        .sort()
        .map((a) => [`account_${a}`, [a], [{ role_arn: `arn:aws:iam::${a}:role/OrganizationAccountAccessRole`, session_name: 'lz-shop-tfc-bootstrap' }]]),
    );
  });

  it('creates the project and exactly one workspace per stack, none auto-applying triggered runs by default', () => {
    expect(t.resource('tfe_project', {}).props).toMatchObject({ name: 'network', organization: 'acme' });
    expect(t.resources('tfe_workspace').map((w) => w.props.name).sort()).toEqual(STACKS.map((s) => `lz-${s}`));
    for (const stack of STACKS) {
      expect(workspace(stack).props).toEqual({
        name: `lz-${stack}`,
        organization: 'acme',
        project_id: '${tfe_project.project.id}',
        provider: 'tfe',
        description: `Landing zone shop: stack ${stack}`,
        working_directory: `stacks/${stack}`,
        auto_apply: false,
        auto_apply_run_trigger: false,
        queue_all_runs: false,
      });
    }
  });

  it('auto-applies triggered runs only in the spokes of a segment that asks for it', () => {
    const nonprodAuto = loadWith((c) => (withBootstrap(c), (c.hub.transitGateway.segments.nonprod.autoApplyRunTriggers = true))).landingZone;
    const tt = Template.fromStack(buildLandingZone(Testing.app(), nonprodAuto).tfcBootstrap!);
    const auto = Object.fromEntries(tt.resources('tfe_workspace').map((w) => [w.props.name, w.props.auto_apply_run_trigger]));
    expect(auto).toEqual({ 'lz-shop-hub': false, 'lz-shop-log-archive': false, 'lz-shop-spoke-shop-dev': true, 'lz-shop-spoke-shop-prod': false, 'lz-shop-spoke-shop-prod-vpn-pki': false });
  });

  it('shares only the log archive state, with the workspaces whose tfe_outputs read it; the hub and PKI share with nobody', () => {
    const consumers = (stack: string) => t.resource('tfe_workspace_settings', { workspace_id: wsRef(stack) }).props;
    const readers: Record<string, string[]> = {
      'shop-hub': [],
      'shop-log-archive': ['shop-hub', 'shop-spoke-shop-dev', 'shop-spoke-shop-prod'],
      'shop-spoke-shop-prod-vpn-pki': [],
      'shop-spoke-shop-dev': [],
      'shop-spoke-shop-prod': [],
    };
    expect(t.count('tfe_workspace_settings')).toBe(STACKS.length);
    for (const [stack, expected] of Object.entries(readers)) {
      expect(consumers(stack)).toEqual({ workspace_id: wsRef(stack), provider: 'tfe', execution_mode: 'remote', global_remote_state: false, remote_state_consumer_ids: expected.map(wsRef) });
    }
  });

  it('derives the state readers from tfe_outputs, not from dependencies, and refuses a reader of a stack that holds secrets', () => {
    // The spokes depend on the hub and the PKI, yet the test above shows neither shares its state.
    const app = Testing.app();
    const b = buildLandingZone(app, { ...lz, terraformCloud: { ...lz.terraformCloud!, bootstrap: false } });
    new DataTfeOutputs(b.spokes[0], 'hub-state', { organization: 'acme', workspace: 'lz-shop-hub' });
    const stacks = [b.logArchive, b.hub, ...b.vpnPkis, ...b.spokes];
    expect(() => new TfcBootstrapStack(app, { landingZone: lz, stacks, runTriggerSources: [b.hub], secretHolders: [b.hub, ...b.vpnPkis] })).toThrow(
      'shop-tfc-bootstrap: shop-spoke-shop-prod read the outputs of shop-hub, whose state holds secrets and is shared with nobody; read its published values instead',
    );
  });

  it('triggers runs along the dependencies: the hub into every spoke, a PKI into its spoke', () => {
    expect(t.resources('tfe_run_trigger').map((r) => [r.props.sourceable_id, r.props.workspace_id])).toEqual([
      [wsRef('shop-hub'), wsRef('shop-spoke-shop-dev')],
      [wsRef('shop-hub'), wsRef('shop-spoke-shop-prod')],
      [wsRef('shop-spoke-shop-prod-vpn-pki'), wsRef('shop-spoke-shop-prod')],
    ]);
  });

  it('never holds a secret: no bootstrap variable, no terraform-category workspace variable; it lists what to set in which workspace', () => {
    expect(t.resources('tfe_variable').filter((v) => v.props.category === 'terraform')).toEqual([]);
    expect(t.json.variable).toBeUndefined();
    const listed = t.json.output.workspace_secrets.value as Record<string, { name: string; required: boolean; description: string }[]>;
    expect(Object.keys(listed)).toEqual(['lz-shop-hub']);
    expect(listed['lz-shop-hub'].map((v) => [v.name, v.required])).toEqual([
      ['dx_bgp_auth_key_kinx_seoul_1', true],
      ['vpn_dc_backup_tunnel1_psk', false],
      ['vpn_dc_backup_tunnel2_psk', false],
    ]);
    expect(JSON.stringify(t.json)).not.toMatch(/var\.(dx_bgp|vpn_)/);
  });

  it('sets per workspace the plan and apply role of every provider configuration, the hub alias tagged _hub', () => {
    const env = t.resources('tfe_variable').filter((v) => v.props.category === 'env');
    expect(env).toHaveLength(Object.values(IDENTITIES).reduce((n, ids) => n + Object.keys(ids).length * 3, 0));
    for (const [stack, identities] of Object.entries(IDENTITIES)) {
      const mine = env.filter((v) => v.props.workspace_id === wsRef(stack)).map((v) => [v.props.key, v.props.value, v.props.sensitive]);
      const expected = Object.entries(identities).flatMap(([alias, { apply, account }]) => {
        const tag = alias === 'default' ? '' : `_${alias}`;
        return [
          [`TFC_AWS_PROVIDER_AUTH${tag}`, 'true', undefined],
          [`TFC_AWS_PLAN_ROLE_ARN${tag}`, Template.ref(role(planRoleName(apply), account), 'arn'), undefined],
          [`TFC_AWS_APPLY_ROLE_ARN${tag}`, Template.ref(role(apply, account), 'arn'), undefined],
        ];
      });
      expect(mine.sort()).toEqual(expected.sort());
    }
    // No run role that chains into others any more.
    expect(env.some((v) => v.props.key.startsWith('TFC_AWS_RUN_ROLE_ARN'))).toBe(false);
  });

  it('registers the Terraform Cloud OIDC provider once in each account, without a thumbprint', () => {
    const oidc = t.resources('aws_iam_openid_connect_provider');
    expect(oidc.map((o) => o.props.provider).sort()).toEqual(Object.values(ACCOUNTS).sort().map((a) => `aws.account_${a}`));
    for (const o of oidc) expect(o.props).toEqual({ provider: o.props.provider, url: 'https://app.terraform.io', client_id_list: ['aws.workload.identity'] });
  });

  it('trusts each apply role for run_phase:apply and each plan role for run_phase:plan of exactly the workspaces that use it', () => {
    const users: Record<string, { readonly account: string; readonly apply: string; readonly stacks: string[] }> = {};
    for (const [stack, identities] of Object.entries(IDENTITIES)) {
      for (const { apply, account } of Object.values(identities)) (users[`${account}/${apply}`] ??= { account, apply, stacks: [] }).stacks.push(stack);
    }
    expect(Object.keys(users)).toHaveLength(6);
    for (const { account, apply, stacks } of Object.values(users)) {
      const applyRole = role(apply, account);
      const planRole = role(planRoleName(apply), account);
      expect(policyOf(applyRole, 'assume_role_policy')).toEqual(trust(account, 'apply', stacks.sort()));
      expect(policyOf(planRole, 'assume_role_policy')).toEqual(trust(account, 'plan', stacks.sort()));
      expect(planRole.props.path).toBe('/tfc/');
    }
    // The spoke and its PKI share the spoke account's deployment role; nobody else does.
    expect(users[`${ACCOUNTS.prod}/network-deploy`].stacks).toEqual(['shop-spoke-shop-prod', 'shop-spoke-shop-prod-vpn-pki']);
    expect(t.count('aws_iam_role')).toBe(12);
  });

  it("trusts the hub's deployment role for the hub workspace's applies only, and gives its read-only twin alone the hybrid secrets", () => {
    const hubRole = role('network-deploy', ACCOUNTS.hub);
    expect(hubRole.props.path).toBe('/');
    expect(policyOf(hubRole, 'assume_role_policy').Statement[0].Condition.StringEquals['app.terraform.io:sub']).toBe('organization:acme:project:network:workspace:lz-shop-hub:run_phase:apply');
    // No other role of any account lets a run into the hub's deployment role.
    const trusting = t.resources('aws_iam_role').filter((r) => JSON.stringify(policyOf(r, 'assume_role_policy')).includes(':workspace:lz-shop-hub:'));
    expect(trusting.map((r) => r.props.name).sort()).toEqual(['network-deploy', 'network-deploy-plan']);
    expect(trusting.every((r) => r.props.provider === `aws.account_${ACCOUNTS.hub}`)).toBe(true);
    const denies = (r: SynthResource) => JSON.stringify(policyOf(inlinePolicy(r), 'policy')).includes('DenyHybridSecretReads');
    expect(denies(hubRole)).toBe(false);
    expect(denies(role('network-deploy-plan', ACCOUNTS.hub))).toBe(false);
    for (const account of [ACCOUNTS.log, ACCOUNTS.prod, ACCOUNTS.dev]) {
      expect(denies(role('network-deploy', account))).toBe(true);
      expect(denies(role('network-deploy-plan', account))).toBe(true);
    }
  });

  it('attaches the scoped deployment policy to every apply role and the read policy to every plan twin', () => {
    for (const account of Object.values(ACCOUNTS)) {
      const hub = account === ACCOUNTS.hub;
      const apply = inlinePolicy(role('network-deploy', account));
      expect(apply.props.name).toBe('landing-zone-deploy');
      expect(policyOf(apply, 'policy')).toEqual(
        deployPolicy({ partition: 'aws', account, namePrefix: 'shop-', publishedPath: '/landing-zone/shop', roleArn: deployArn(account), tfcRolePath: '/tfc/', readsHybridSecrets: hub }),
      );
      const plan = inlinePolicy(role('network-deploy-plan', account));
      expect(plan.props.name).toBe('landing-zone-read');
      expect(policyOf(plan, 'policy')).toEqual(readPolicy({ partition: 'aws', account, namePrefix: 'shop-', publishedPath: '/landing-zone/shop', readsHybridSecrets: hub }));
    }
  });

  it("gives each spoke a narrow hub role: its segment's tables only, its own attachment only", () => {
    const dev = policyOf(inlinePolicy(role('shop-spoke-shop-dev-hub', ACCOUNTS.hub)), 'policy').Statement;
    const bySid = Object.fromEntries(dev.map((s: { Sid: string }) => [s.Sid, s]));
    const attachments = 'arn:aws:ec2:ap-northeast-2:111111111111:transit-gateway-attachment/*';
    const tables = 'arn:aws:ec2:ap-northeast-2:111111111111:transit-gateway-route-table/*';
    expect(bySid.ReadHubPublishedValues).toEqual({ Sid: 'ReadHubPublishedValues', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: 'arn:aws:ssm:ap-northeast-2:111111111111:parameter/landing-zone/shop/hub/*' });
    // nonprod: associated with nonprod; propagated into nonprod, shared (its peer), egress and onprem.
    expect(bySid.AssociateWithOwnSegment).toEqual({ Sid: 'AssociateWithOwnSegment', Effect: 'Allow', Action: 'ec2:AssociateTransitGatewayRouteTable', Resource: tables, Condition: { StringEquals: { 'ec2:ResourceTag/Segment': ['nonprod'] } } });
    expect(bySid.PropagateIntoSegmentTargets).toEqual({
      Sid: 'PropagateIntoSegmentTargets',
      Effect: 'Allow',
      Action: 'ec2:EnableTransitGatewayRouteTablePropagation',
      Resource: tables,
      Condition: { StringEquals: { 'ec2:ResourceTag/Segment': ['nonprod', 'shared', 'egress', 'onprem'] } },
    });
    expect(bySid.ManageOwnAttachment).toMatchObject({ Resource: attachments, Condition: { StringEquals: { 'ec2:ResourceTag/Stack': 'shop-spoke-shop-dev' } } });
    expect(bySid.ClaimUntaggedAttachment.Condition).toEqual({ Null: { 'aws:ResourceTag/Stack': 'true' }, StringEquals: { 'aws:RequestTag/Stack': 'shop-spoke-shop-dev' } });
    expect(bySid.UntagOwnAttachment.Condition).toEqual({ StringEquals: { 'ec2:ResourceTag/Stack': 'shop-spoke-shop-dev' }, 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['Stack'] } });
    expect(bySid.AuthorizeZoneAssociations).toEqual({
      Sid: 'AuthorizeZoneAssociations',
      Effect: 'Allow',
      Action: ['route53:CreateVPCAssociationAuthorization', 'route53:DeleteVPCAssociationAuthorization'],
      Resource: 'arn:aws:route53:::hostedzone/*',
    });
    // Nothing of the prod segment, nor of another spoke's attachment; no write without a condition but acceptance and zone authorizations.
    const text = JSON.stringify(dev);
    expect(text).not.toContain('"prod"');
    expect(text).not.toContain('shop-spoke-shop-prod');
    const unconditionedWrites = dev.filter((s: { Condition?: unknown; Action: string | string[] }) => !s.Condition && [s.Action].flat().some((a) => !/:(Describe|Get|List)/.test(a)));
    expect(unconditionedWrites.map((s: { Sid: string }) => s.Sid)).toEqual(['AcceptAttachments', 'AuthorizeZoneAssociations']);
    // Additions only into its own tables: every add statement names tables, every table condition is of its segment.
    const prod = policyOf(inlinePolicy(role('shop-spoke-shop-prod-hub', ACCOUNTS.hub)), 'policy').Statement;
    expect(prod.find((s: { Sid: string }) => s.Sid === 'AssociateWithOwnSegment').Condition).toEqual({ StringEquals: { 'ec2:ResourceTag/Segment': ['prod'] } });
    expect(JSON.stringify(prod)).not.toContain('nonprod');
  });

  it("gives each spoke's hub plan role the reads of its apply role only", () => {
    const plan = policyOf(inlinePolicy(role('shop-spoke-shop-dev-hub-plan', ACCOUNTS.hub)), 'policy');
    expect(plan.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['ReadHubPublishedValues', 'ReadTransitGateway', 'ReadZoneAuthorizations']);
    const actions = plan.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    expect(actions.every((a: string) => /^[a-z0-9]+:(Describe|Get|List)/.test(a))).toBe(true);
  });

  it('uses terraformCloud.hostname for the tfe provider, the OIDC issuer and the condition keys', () => {
    const tfe = loadWith((c) => (withBootstrap(c), (c.terraformCloud.hostname = 'tfe.example.com'))).landingZone;
    const tt = Template.fromStack(buildLandingZone(Testing.app(), tfe).tfcBootstrap!);
    expect(tt.json.provider.tfe).toEqual([{ hostname: 'tfe.example.com', organization: 'acme' }]);
    expect(new Set(tt.resources('aws_iam_openid_connect_provider').map((o) => o.props.url))).toEqual(new Set(['https://tfe.example.com']));
    for (const r of tt.resources('aws_iam_role')) expect(Object.keys(policyOf(r, 'assume_role_policy').Statement[0].Condition.StringEquals).sort()).toEqual(['tfe.example.com:aud', 'tfe.example.com:sub']);
  });

  it('refuses, naming every account, when stacks would deploy with the administrator bootstrap role (a guard: lz validate refuses such a config first)', () => {
    const bootstrap = (c: RawConfig) => (c.terraformCloud = { organization: 'acme', project: 'network', bootstrap: true });
    // The config rule bootstrapDeployRoles refuses it with file:line for every stack...
    expect(issuesWith(bootstrap).issues.map((i) => formatPath(i.path))).toEqual(['hub.roleArn', 'logArchive.roleArn', 'spokes[0].roleArn', 'spokes[1].roleArn']);
    // ...and the stack, given the same model without validation, still refuses it.
    const admin: LandingZone = { ...loadWith().landingZone, terraformCloud: { organization: 'acme', hostname: 'app.terraform.io', project: 'network', workspacePrefix: '', bootstrap: true, bootstrapRoleName: 'OrganizationAccountAccessRole' } };
    const message = (() => {
      try {
        buildLandingZone(Testing.app(), admin);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected the bootstrap stack to refuse the administrator role');
    })();
    expect(message).toContain('shop-tfc-bootstrap: the stacks must not deploy with OrganizationAccountAccessRole, the administrator role the bootstrap itself uses');
    expect(message).toContain('shop-hub assume arn:aws:iam::111111111111:role/OrganizationAccountAccessRole; set roleArn of account 111111111111 to a role the bootstrap creates, e.g. arn:aws:iam::111111111111:role/network-deploy');
    for (const account of [ACCOUNTS.log, ACCOUNTS.prod, ACCOUNTS.dev]) expect(message).toContain(`set roleArn of account ${account} `);
  });

  it("refuses another stack using the hub's deployment role, naming the fix (a guard: lz validate refuses such a config first)", () => {
    const shared = (c: RawConfig) => (withBootstrap(c), delete c.logArchive.account, (c.logArchive.roleArn = c.hub.roleArn));
    expect(issuesWith(shared).issues.map((i) => formatPath(i.path))).toEqual(['logArchive.roleArn']);
    const base = loadWith(withBootstrap).landingZone;
    const model: LandingZone = { ...base, logArchive: { ...base.logArchive, account: ACCOUNTS.hub, roleArn: deployArn(ACCOUNTS.hub) } };
    expect(() => buildLandingZone(Testing.app(), model)).toThrow(
      "shop-tfc-bootstrap: arn:aws:iam::111111111111:role/network-deploy is the hub's deployment role (it may read the VPN pre-shared keys and the Direct Connect BGP key) and is trusted by the shop-hub workspace only, but shop-log-archive use it too; give it its own role (e.g. logArchive.roleArn for a log archive in the hub account)",
    );
  });

  it('derives workspace names from the prefix and the OIDC subjects from them', () => {
    expect(workspaceSubject('acme', 'network', 'lz-shop-hub', 'plan')).toBe('organization:acme:project:network:workspace:lz-shop-hub:run_phase:plan');
    const bare = { ...lz, terraformCloud: { ...lz.terraformCloud!, workspacePrefix: '' } };
    const stacks = [built.logArchive, built.hub, ...built.vpnPkis, ...built.spokes];
    const json = JSON.parse(Testing.synth(new TfcBootstrapStack(Testing.app(), { landingZone: bare, stacks, runTriggerSources: [built.hub] })));
    expect(Object.values(json.resource.tfe_workspace).map((w) => (w as { name: string }).name).sort()).toEqual(STACKS);
  });
});

describe('runPhaseTrustPolicy', () => {
  it('matches one exact subject, or any of several, with StringEquals and the audience', () => {
    const base = { oidcProviderArn: 'arn:aws:iam::1:oidc-provider/app.terraform.io', hostname: 'app.terraform.io', organization: 'o', project: 'p' };
    expect(runPhaseTrustPolicy({ ...base, workspaces: ['b', 'a', 'a'], phase: 'apply' }).Statement[0].Condition).toEqual({
      StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity', 'app.terraform.io:sub': ['organization:o:project:p:workspace:a:run_phase:apply', 'organization:o:project:p:workspace:b:run_phase:apply'] },
    });
    expect(JSON.stringify(runPhaseTrustPolicy({ ...base, workspaces: ['a'], phase: 'plan' }))).not.toMatch(/StringLike|\*/);
  });
});

describe('role names', () => {
  it('keeps names up to 64 characters and shortens longer ones deterministically', () => {
    expect(fitRoleName('shop-hub')).toBe('shop-hub');
    const long = `${'a'.repeat(20)}-spoke-${'b'.repeat(32)}-vpn-pki`;
    expect(long).toHaveLength(67);
    expect(fitRoleName(long)).toHaveLength(64);
    expect(fitRoleName(long)).toMatch(/^a{20}-spoke-b{28}-[0-9a-f]{8}$/);
    expect(fitRoleName(long)).toBe(fitRoleName(long));
    expect(fitRoleName(`${long}x`)).not.toBe(fitRoleName(long));
  });

  it('names a spoke hub role <name>-spoke-<spoke>-hub and a plan twin <role>-plan, within 64 characters', () => {
    expect(spokeHubRoleName('shop', 'shop-prod')).toBe('shop-spoke-shop-prod-hub');
    expect(planRoleName('network-deploy')).toBe('network-deploy-plan');
    // The longest landing zone and spoke names (20 and 32 characters) fit; their plan twin is shortened.
    const longest = spokeHubRoleName('l'.repeat(20), 'd'.repeat(32));
    expect(longest).toBe(`${'l'.repeat(20)}-spoke-${'d'.repeat(32)}-hub`);
    expect(planRoleName(longest)).toHaveLength(64);
    expect(planRoleName(longest)).toMatch(/^l{20}-spoke-d{28}-[0-9a-f]{8}$/);
  });
});

describe('parseRoleArn', () => {
  it('splits partition, account, path and name', () => {
    expect(parseRoleArn('arn:aws:iam::111111111111:role/network-deploy')).toEqual({ partition: 'aws', account: '111111111111', path: '/', name: 'network-deploy' });
    expect(parseRoleArn('arn:aws-cn:iam::111111111111:role/a/b/deploy')).toEqual({ partition: 'aws-cn', account: '111111111111', path: '/a/b/', name: 'deploy' });
    expect(parseRoleArn('arn:aws:iam::111:role/x')).toBeUndefined();
  });
});

/** Every AWS resource and data type of the default config and every fixture. */
function usedTypes(): Set<string> {
  const fixtures = fs.readdirSync(path.join(__dirname, '..', 'fixtures', 'valid')).filter((f) => f.endsWith('.yaml'));
  const builds = [built, ...fixtures.map((f) => buildLandingZone(Testing.app(), fixtureLandingZone(path.join('valid', f))))];
  const types = new Set<string>();
  for (const b of builds) {
    for (const stack of [b.hub, b.logArchive, ...b.spokes, ...b.vpnPkis]) {
      for (const c of stack.node.findAll()) if ((c instanceof TerraformResource || c instanceof TerraformDataSource) && c.terraformResourceType.startsWith('aws_')) types.add(c.terraformResourceType);
    }
  }
  return types;
}

const actionsOf = (doc: { Statement: readonly { Effect: string; Action: string | readonly string[] }[] }, effect: 'Allow' | 'Deny') => doc.Statement.filter((s) => s.Effect === effect).flatMap((s) => [s.Action].flat());

describe('deployPolicy', () => {
  const props = { partition: 'aws', account: '111111111111', namePrefix: 'shop-', publishedPath: '/landing-zone/shop', roleArn: 'arn:aws:iam::111111111111:role/shop-deploy', tfcRolePath: '/tfc/', readsHybridSecrets: true } as const;
  const doc = deployPolicy(props);

  it('grants no administrator access', () => {
    const allows = actionsOf(doc, 'Allow');
    expect(allows).not.toContain('*');
    expect(allows.filter((a) => /^[a-z0-9-]+:\*$/.test(a)).sort()).toEqual(['acm:*', 'directconnect:*', 'elasticloadbalancing:*', 'ram:*', 'route53:*', 'route53profiles:*', 'route53resolver:*', 's3:*']);
    // Lambda only for the Client VPN connect handlers this landing zone names, never InvokeFunction or AddPermission.
    const lambda = doc.Statement.filter((s) => [s.Action].flat().some((a) => a.startsWith('lambda:')));
    expect(lambda.map((s) => [s.Sid, s.Resource])).toEqual([['ClientVpnConnectHandlers', 'arn:aws:lambda:*:111111111111:function:AWSClientVPN-shop-*']]);
    expect(allows.filter((a) => /^lambda:(Invoke|AddPermission|\*)/.test(a))).toEqual([]);
    // Services that run code or hold data are not granted at all.
    for (const service of ['secretsmanager', 'sts', 'organizations:Create', 'ec2:RunInstances', 'kms:Decrypt', 'kms:CreateGrant', 'ssm:SendCommand', 'logs:GetLogEvents', 'iam:CreateUser', 'iam:CreateAccessKey']) {
      expect(allows.some((a) => a.startsWith(service))).toBe(false);
    }
  });

  it('keeps S3 at bucket level, IAM under the name prefix and SSM parameters under the published path', () => {
    const byId = (sid: string) => doc.Statement.find((s) => s.Sid === sid)!;
    expect(byId('LandingZoneBuckets').Resource).toBe('arn:aws:s3:::shop-*');
    expect(byId('LandingZoneRoles').Resource).toEqual(['arn:aws:iam::111111111111:role/shop-*', 'arn:aws:iam::111111111111:instance-profile/shop-*']);
    expect(byId('LandingZonePolicies').Resource).toBe('arn:aws:iam::111111111111:policy/shop-*');
    expect(byId('AttachKnownPolicies').Condition).toEqual({ ArnLike: { 'iam:PolicyARN': ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', 'arn:aws:iam::111111111111:policy/shop-*'] } });
    expect(byId('PassInstanceRoles').Resource).toBe('arn:aws:iam::111111111111:role/shop-*-ssm-instance');
    expect(byId('PublishedValues')).toEqual({
      Sid: 'PublishedValues',
      Effect: 'Allow',
      Action: ['ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:AddTagsToResource', 'ssm:RemoveTagsFromResource', 'ssm:ListTagsForResource'],
      Resource: 'arn:aws:ssm:*:111111111111:parameter/landing-zone/shop/*',
    });
    expect(doc.Statement.filter((s) => [s.Action].flat().some((a) => /^ssm:(Get|Put)Parameter/.test(a))).map((s) => s.Sid)).toEqual(['PublishedValues']);
  });

  it('denies changes to itself and the Terraform Cloud roles, any role chaining, and the hybrid secrets unless it is the hub', () => {
    expect(doc.Statement.filter((s) => s.Effect === 'Deny')).toEqual([
      { Sid: 'DenySelfAndTfcRoles', Effect: 'Deny', Action: 'iam:*', Resource: ['arn:aws:iam::111111111111:role/shop-deploy', 'arn:aws:iam::111111111111:role/tfc/*'] },
      { Sid: 'DenyRoleChaining', Effect: 'Deny', Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'], Resource: '*' },
    ]);
    const other = deployPolicy({ ...props, readsHybridSecrets: false });
    expect(other.Statement.at(-1)).toEqual({ Sid: 'DenyHybridSecretReads', Effect: 'Deny', Action: ['ec2:DescribeVpnConnections', 'directconnect:DescribeVirtualInterfaces', 'directconnect:DescribeRouterConfiguration'], Resource: '*' });
  });

  it('stays inside the 10,240-character limit of a role inline policy', () => {
    expect(JSON.stringify(deployPolicy({ ...props, readsHybridSecrets: false })).length).toBeLessThan(10240);
  });

  it('covers every AWS service the synthesized stacks of the default config and every fixture use', () => {
    const types = usedTypes();
    expect(types.size).toBeGreaterThan(40);
    const allowed = actionsOf(doc, 'Allow');
    const missing = [...types].sort().filter((type) => {
      const service = serviceOfType(type);
      return service === undefined || (service !== null && !allowed.some((a) => a.startsWith(`${service}:`)));
    });
    expect(missing).toEqual([]);
  });

  it('maps longer type prefixes before shorter ones', () => {
    expect(serviceOfType('aws_route53_resolver_rule')).toBe('route53resolver');
    expect(serviceOfType('aws_route53_zone')).toBe('route53');
    expect(serviceOfType('aws_route_table')).toBe('ec2');
    expect(serviceOfType('aws_iam_policy_document')).toBeNull();
    expect(serviceOfType('aws_lambda_function')).toBe('lambda');
    expect(serviceOfType('aws_sqs_queue')).toBeUndefined();
    for (const [i, [prefix]] of RESOURCE_SERVICES.entries()) {
      for (const [longer] of RESOURCE_SERVICES.slice(i + 1)) expect(longer.startsWith(prefix) && longer !== prefix).toBe(false);
    }
  });
});

describe('readPolicy', () => {
  const props = { partition: 'aws', account: '333333333333', namePrefix: 'shop-', publishedPath: '/landing-zone/shop', readsHybridSecrets: false } as const;
  const doc = readPolicy(props);
  const allows = actionsOf(doc, 'Allow');

  it('allows only Describe, Get, List and Search actions', () => {
    expect(allows.filter((a) => !/^[a-z0-9-]+:(Describe|Get|List|Search)/.test(a))).toEqual([]);
  });

  it('reads no data: no objects, decryption, log events, secrets, or parameter values outside the published path', () => {
    for (const action of ['s3:GetObject', 'kms:Decrypt', 'logs:GetLogEvents', 'logs:FilterLogEvents', 'secretsmanager:', 'acm:ExportCertificate', 'ec2:GetPasswordData', 'lambda:Invoke']) {
      expect(allows.some((a) => a.startsWith(action) || a === `${action.split(':')[0]}:*`)).toBe(false);
    }
    const parameterReads = doc.Statement.filter((s) => [s.Action].flat().some((a) => /^ssm:GetParameter/.test(a)));
    expect(parameterReads).toEqual([{ Sid: 'ReadPublishedValues', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: 'arn:aws:ssm:*:333333333333:parameter/landing-zone/shop/*' }]);
    // Bucket-level only: an object ARN (bucket/key) never matches.
    expect(doc.Statement.find((s) => s.Sid === 'ReadLandingZoneBuckets')!.Resource).toBe('arn:aws:s3:::shop-*');
    expect(actionsOf(doc, 'Deny')).toEqual(expect.arrayContaining(['ec2:DescribeInstanceAttribute', 'ec2:DescribeLaunchTemplateVersions']));
  });

  it('denies the VPN and Direct Connect secret reads to every plan role but the hub’s', () => {
    expect(actionsOf(doc, 'Deny')).toEqual(expect.arrayContaining([...HYBRID_SECRET_READS]));
    const hub = readPolicy({ ...props, readsHybridSecrets: true });
    expect(actionsOf(hub, 'Deny').some((a) => (HYBRID_SECRET_READS as readonly string[]).includes(a))).toBe(false);
    expect(actionsOf(hub, 'Allow')).toEqual(expect.arrayContaining(['ec2:Describe*', 'directconnect:Describe*']));
  });

  it('stays inside the 10,240-character limit of a role inline policy', () => {
    expect(JSON.stringify(doc).length).toBeLessThan(10240);
  });

  it('reads every AWS service the stacks use', () => {
    const missing = [...usedTypes()].sort().filter((type) => {
      const service = serviceOfType(type);
      return service === undefined || (service !== null && !allows.some((a) => a.startsWith(`${service}:`)));
    });
    expect(missing).toEqual([]);
  });
});

describe('TfcBootstrapStack props', () => {
  it('needs a project', () => {
    const noProject = { ...lz, terraformCloud: { ...lz.terraformCloud!, project: undefined } };
    expect(() => new TfcBootstrapStack(Testing.app(), { landingZone: noProject, stacks: [built.hub], runTriggerSources: [] })).toThrow(
      'shop-tfc-bootstrap: needs terraformCloud with a project: the OIDC trust of every role names it',
    );
  });
});
