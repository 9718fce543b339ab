import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformDataSource, TerraformResource, Testing } from 'cdktf';
import { formatPath } from '../../config/issues';
import { LandingZone } from '../../config/model';
import { deployPolicy, RESOURCE_SERVICES, serviceOfType } from '../../constructs/tfc/deploy-policy';
import { parseRoleArn } from '../../config/role-arn';
import { runRoleName } from '../../constructs/tfc/workspace-run-role';
import { workspaceSubject } from '../../constructs/tfc/workload-identity';
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
const runRole = (stack: string) => t.resource('aws_iam_role', { name: stack, path: '/tfc/' });
const policyOf = (r: SynthResource, key: string) => JSON.parse(r.props[key]);

describe('config', () => {
  it('defaults bootstrap to false and the bootstrap role to OrganizationAccountAccessRole', () => {
    const tfc = loadWith((c) => (c.terraformCloud = { organization: 'acme' })).landingZone.terraformCloud;
    expect(tfc).toEqual({ organization: 'acme', workspacePrefix: '', bootstrap: false, bootstrapRoleName: 'OrganizationAccountAccessRole' });
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

  it('creates the project and exactly one workspace per stack', () => {
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
        auto_apply_run_trigger: true,
        queue_all_runs: false,
      });
    }
  });

  it('runs remotely and shares each state only with the workspaces that read it', () => {
    const consumers = (stack: string) => t.resource('tfe_workspace_settings', { workspace_id: wsRef(stack) }).props;
    const readers: Record<string, string[]> = {
      'shop-hub': ['shop-spoke-shop-dev', 'shop-spoke-shop-prod'],
      'shop-log-archive': ['shop-hub', 'shop-spoke-shop-dev', 'shop-spoke-shop-prod'],
      'shop-spoke-shop-prod-vpn-pki': ['shop-spoke-shop-prod'],
      'shop-spoke-shop-dev': [],
      'shop-spoke-shop-prod': [],
    };
    expect(t.count('tfe_workspace_settings')).toBe(STACKS.length);
    for (const [stack, expected] of Object.entries(readers)) {
      expect(consumers(stack)).toEqual({ workspace_id: wsRef(stack), provider: 'tfe', execution_mode: 'remote', global_remote_state: false, remote_state_consumer_ids: expected.map(wsRef) });
    }
  });

  it('triggers a run in every spoke when the hub applies, and nothing else', () => {
    expect(t.resources('tfe_run_trigger').map((r) => [r.props.sourceable_id, r.props.workspace_id])).toEqual([
      [wsRef('shop-hub'), wsRef('shop-spoke-shop-dev')],
      [wsRef('shop-hub'), wsRef('shop-spoke-shop-prod')],
    ]);
  });

  it('writes the sensitive variables from bootstrap variables, never values', () => {
    const keys = ['dx_bgp_auth_key_kinx_seoul_1', 'vpn_dc_backup_tunnel1_psk', 'vpn_dc_backup_tunnel2_psk'];
    const secrets = t.resources('tfe_variable').filter((v) => v.props.category === 'terraform');
    expect(secrets.map((v) => v.props.key).sort()).toEqual(keys);
    for (const v of secrets) {
      const key = v.props.key;
      expect(v.props).toMatchObject({ workspace_id: wsRef('shop-hub'), category: 'terraform', sensitive: true, value: `\${var.${key}}` });
      // Unset locally: no workspace variable, so the hub's variable stays null and AWS generates the secret.
      expect(v.props.count).toBe(`\${nonsensitive((var.${key} != null)) ? 1 : 0}`);
      if (key.startsWith('dx_bgp_auth_key_')) {
        // Required by the hub, so required by the bootstrap: no workspace left unable to plan.
        expect(t.json.variable[key]).toMatchObject({ type: 'string', sensitive: true, nullable: false });
        expect('default' in t.json.variable[key]).toBe(false);
      } else {
        expect(t.json.variable[key]).toMatchObject({ type: 'string', sensitive: true, nullable: true, default: null });
      }
    }
    expect(Object.keys(t.json.variable).sort()).toEqual(keys);
  });

  it('turns on dynamic AWS credentials in every workspace with its own run role', () => {
    const env = t.resources('tfe_variable').filter((v) => v.props.category === 'env');
    expect(env).toHaveLength(STACKS.length * 2);
    for (const stack of STACKS) {
      const mine = env.filter((v) => v.props.workspace_id === wsRef(stack)).map((v) => [v.props.key, v.props.value, v.props.sensitive]);
      expect(mine.sort()).toEqual([
        ['TFC_AWS_PROVIDER_AUTH', 'true', undefined],
        ['TFC_AWS_RUN_ROLE_ARN', Template.ref(runRole(stack), 'arn'), undefined],
      ]);
    }
  });

  it('registers the Terraform Cloud OIDC provider once in each account, without a thumbprint', () => {
    const oidc = t.resources('aws_iam_openid_connect_provider');
    expect(oidc.map((o) => o.props.provider).sort()).toEqual(Object.values(ACCOUNTS).sort().map((a) => `aws.account_${a}`));
    for (const o of oidc) expect(o.props).toEqual({ provider: o.props.provider, url: 'https://app.terraform.io', client_id_list: ['aws.workload.identity'] });
  });

  it('gives each workspace a run role that only its own runs can assume', () => {
    const accountOf: Record<string, string> = {
      'shop-hub': ACCOUNTS.hub,
      'shop-log-archive': ACCOUNTS.log,
      'shop-spoke-shop-dev': ACCOUNTS.dev,
      'shop-spoke-shop-prod': ACCOUNTS.prod,
      'shop-spoke-shop-prod-vpn-pki': ACCOUNTS.prod,
    };
    for (const [stack, account] of Object.entries(accountOf)) {
      const role = runRole(stack);
      const oidc = t.resource('aws_iam_openid_connect_provider', { provider: `aws.account_${account}` });
      expect(role.props.provider).toBe(`aws.account_${account}`);
      expect(policyOf(role, 'assume_role_policy')).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TerraformCloudWorkspaceRuns',
            Effect: 'Allow',
            Principal: { Federated: Template.ref(oidc, 'arn') },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
              StringLike: { 'app.terraform.io:sub': `organization:acme:project:network:workspace:lz-${stack}:run_phase:*` },
            },
          },
        ],
      });
    }
  });

  it('lets a run role assume exactly the deployment roles its stack providers name', () => {
    const assumable = (stack: string) => {
      const inline = t.resources('aws_iam_role_policy').find((p) => p.props.role === Template.ref(runRole(stack), 'name'))!;
      expect(inline.props.name).toBe('assume-deploy-roles');
      return policyOf(inline, 'policy').Statement;
    };
    expect(assumable('shop-spoke-shop-prod')).toEqual([{ Sid: 'AssumeDeployRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [deployArn(ACCOUNTS.hub), deployArn(ACCOUNTS.prod)] }]);
    expect(assumable('shop-spoke-shop-prod-vpn-pki')[0].Resource).toEqual([deployArn(ACCOUNTS.prod)]);
    expect(assumable('shop-hub')[0].Resource).toEqual([deployArn(ACCOUNTS.hub)]);
    expect(assumable('shop-log-archive')[0].Resource).toEqual([deployArn(ACCOUNTS.log)]);
  });

  it('creates each deployment role once, trusted only by the run roles that use it', () => {
    const trusted = (account: string) => {
      const role = t.resource('aws_iam_role', { name: 'network-deploy', provider: `aws.account_${account}` });
      expect(role.props.path).toBe('/');
      const doc = policyOf(role, 'assume_role_policy');
      expect(doc.Statement).toHaveLength(1);
      expect(doc.Statement[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole' });
      return doc.Statement[0].Principal.AWS;
    };
    const arn = (stack: string) => Template.ref(runRole(stack), 'arn');
    expect(trusted(ACCOUNTS.hub)).toEqual([arn('shop-hub'), arn('shop-spoke-shop-dev'), arn('shop-spoke-shop-prod')]);
    expect(trusted(ACCOUNTS.log)).toEqual([arn('shop-log-archive')]);
    expect(trusted(ACCOUNTS.prod)).toEqual([arn('shop-spoke-shop-prod'), arn('shop-spoke-shop-prod-vpn-pki')]);
    expect(trusted(ACCOUNTS.dev)).toEqual([arn('shop-spoke-shop-dev')]);
    expect(t.count('aws_iam_role')).toBe(STACKS.length + 4);
  });

  it('attaches the scoped deployment policy to every deployment role', () => {
    const role = t.resource('aws_iam_role', { name: 'network-deploy', provider: `aws.account_${ACCOUNTS.hub}` });
    const inline = t.resources('aws_iam_role_policy').find((p) => p.props.role === Template.ref(role, 'name'))!;
    expect(inline.props.name).toBe('landing-zone-deploy');
    expect(policyOf(inline, 'policy')).toEqual(
      deployPolicy({ partition: 'aws', account: ACCOUNTS.hub, namePrefix: 'shop-', roleArn: deployArn(ACCOUNTS.hub), runRolePath: '/tfc/' }),
    );
  });

  it('refuses, naming every account, when stacks would deploy with the administrator bootstrap role (a guard: lz validate refuses such a config first)', () => {
    const bootstrap = (c: RawConfig) => (c.terraformCloud = { organization: 'acme', project: 'network', bootstrap: true });
    // The config rule bootstrapDeployRoles refuses it with file:line for every stack...
    expect(issuesWith(bootstrap).issues.map((i) => formatPath(i.path))).toEqual(['hub.roleArn', 'logArchive.roleArn', 'spokes[0].roleArn', 'spokes[1].roleArn']);
    // ...and the stack, given the same model without validation, still refuses it.
    const admin: LandingZone = { ...loadWith().landingZone, terraformCloud: { organization: 'acme', project: 'network', workspacePrefix: '', bootstrap: true, bootstrapRoleName: 'OrganizationAccountAccessRole' } };
    const message = (() => {
      try {
        buildLandingZone(Testing.app(), admin);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected the bootstrap stack to refuse the administrator role');
    })();
    expect(message).toContain('shop-tfc-bootstrap: the stacks must not deploy with OrganizationAccountAccessRole, the administrator role the bootstrap itself uses');
    expect(message).toContain(
      'shop-hub, shop-spoke-shop-dev, shop-spoke-shop-prod assume arn:aws:iam::111111111111:role/OrganizationAccountAccessRole; set roleArn of account 111111111111 to a role the bootstrap creates, e.g. arn:aws:iam::111111111111:role/network-deploy',
    );
    for (const account of [ACCOUNTS.log, ACCOUNTS.prod, ACCOUNTS.dev]) expect(message).toContain(`set roleArn of account ${account} `);
  });

  it('derives workspace names from the prefix and the OIDC subject from them', () => {
    expect(workspaceSubject('acme', 'network', 'lz-shop-hub')).toBe('organization:acme:project:network:workspace:lz-shop-hub:run_phase:*');
    const bare = { ...lz, terraformCloud: { ...lz.terraformCloud!, workspacePrefix: '' } };
    const stacks = [built.logArchive, built.hub, ...built.vpnPkis, ...built.spokes];
    const json = JSON.parse(Testing.synth(new TfcBootstrapStack(Testing.app(), { landingZone: bare, stacks, runTriggerSources: [built.hub] })));
    expect(Object.values(json.resource.tfe_workspace).map((w) => (w as { name: string }).name).sort()).toEqual(STACKS);
  });
});

describe('runRoleName', () => {
  it('keeps names up to 64 characters and shortens longer ones deterministically', () => {
    expect(runRoleName('shop-hub')).toBe('shop-hub');
    const long = `${'a'.repeat(20)}-spoke-${'b'.repeat(32)}-vpn-pki`;
    expect(long).toHaveLength(67);
    expect(runRoleName(long)).toHaveLength(64);
    expect(runRoleName(long)).toMatch(/^a{20}-spoke-b{28}-[0-9a-f]{8}$/);
    expect(runRoleName(long)).toBe(runRoleName(long));
    expect(runRoleName(`${long}x`)).not.toBe(runRoleName(long));
  });
});

describe('parseRoleArn', () => {
  it('splits partition, account, path and name', () => {
    expect(parseRoleArn('arn:aws:iam::111111111111:role/network-deploy')).toEqual({ partition: 'aws', account: '111111111111', path: '/', name: 'network-deploy' });
    expect(parseRoleArn('arn:aws-cn:iam::111111111111:role/a/b/deploy')).toEqual({ partition: 'aws-cn', account: '111111111111', path: '/a/b/', name: 'deploy' });
    expect(parseRoleArn('arn:aws:iam::111:role/x')).toBeUndefined();
  });
});

describe('deployPolicy', () => {
  const doc = deployPolicy({ partition: 'aws', account: '111111111111', namePrefix: 'shop-', roleArn: 'arn:aws:iam::111111111111:role/shop-deploy', runRolePath: '/tfc/' });
  const actionsOf = (effect: 'Allow' | 'Deny') => doc.Statement.filter((s) => s.Effect === effect).flatMap((s) => [s.Action].flat());

  it('grants no administrator access', () => {
    const allows = actionsOf('Allow');
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

  it('keeps S3 at bucket level and IAM under the name prefix', () => {
    const byId = (sid: string) => doc.Statement.find((s) => s.Sid === sid)!;
    expect(byId('LandingZoneBuckets').Resource).toBe('arn:aws:s3:::shop-*');
    expect(byId('LandingZoneRoles').Resource).toEqual(['arn:aws:iam::111111111111:role/shop-*', 'arn:aws:iam::111111111111:instance-profile/shop-*']);
    expect(byId('LandingZonePolicies').Resource).toBe('arn:aws:iam::111111111111:policy/shop-*');
    expect(byId('AttachKnownPolicies').Condition).toEqual({ ArnLike: { 'iam:PolicyARN': ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', 'arn:aws:iam::111111111111:policy/shop-*'] } });
    expect(byId('PassInstanceRoles').Resource).toBe('arn:aws:iam::111111111111:role/shop-*-ssm-instance');
  });

  it('denies changes to itself and the run roles, and any role chaining', () => {
    expect(doc.Statement.filter((s) => s.Effect === 'Deny')).toEqual([
      { Sid: 'DenySelfAndRunRoles', Effect: 'Deny', Action: 'iam:*', Resource: ['arn:aws:iam::111111111111:role/shop-deploy', 'arn:aws:iam::111111111111:role/tfc/*'] },
      { Sid: 'DenyRoleChaining', Effect: 'Deny', Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'], Resource: '*' },
    ]);
  });

  it('stays inside the 10,240-character limit of a role inline policy', () => {
    expect(JSON.stringify(doc).length).toBeLessThan(10240);
  });

  it('covers every AWS service the synthesized stacks of the default config and every fixture use', () => {
    const fixtures = fs.readdirSync(path.join(__dirname, '..', 'fixtures', 'valid')).filter((f) => f.endsWith('.yaml'));
    const builds = [built, ...fixtures.map((f) => buildLandingZone(Testing.app(), fixtureLandingZone(path.join('valid', f))))];
    const types = new Set<string>();
    for (const b of builds) {
      for (const stack of [b.hub, b.logArchive, ...b.spokes, ...b.vpnPkis]) {
        for (const c of stack.node.findAll()) if ((c instanceof TerraformResource || c instanceof TerraformDataSource) && c.terraformResourceType.startsWith('aws_')) types.add(c.terraformResourceType);
      }
    }
    expect(types.size).toBeGreaterThan(40);
    const allowed = actionsOf('Allow');
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

describe('TfcBootstrapStack props', () => {
  it('needs a project', () => {
    const noProject = { ...lz, terraformCloud: { ...lz.terraformCloud!, project: undefined } };
    expect(() => new TfcBootstrapStack(Testing.app(), { landingZone: noProject, stacks: [built.hub], runTriggerSources: [] })).toThrow(
      'shop-tfc-bootstrap: needs terraformCloud with a project: the OIDC trust of every run role names it',
    );
  });
});
