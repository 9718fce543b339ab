import { Testing } from 'cdktf';
import { LandingZone } from '../../config/model';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { credentialSource } from '../../stacks/landing-zone-stack';
import { loadWith } from '../helpers/config';
import { Template } from '../helpers/template';

const lz = loadWith().landingZone;
const withCloud: LandingZone = { ...lz, terraformCloud: { organization: 'acme', hostname: 'app.terraform.io', project: 'network', workspacePrefix: 'lz-' } };
const tags = (stack: string) => [{ tags: { CostCenter: 'platform', LandingZone: 'shop', ManagedBy: 'cdktf', Stack: stack } }];
const assume = (account: string, stack: string) => [{ role_arn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`, session_name: `lz-${stack}` }];

describe('credentialSource', () => {
  it('is Terraform Cloud only with terraformCloud set and the backend from the config', () => {
    expect(credentialSource(withCloud, 'config')).toBe('terraform-cloud');
    expect(credentialSource(withCloud, 'local')).toBe('assumed-role');
    expect(credentialSource(lz, 'config')).toBe('assumed-role');
  });
});

describe('AWS providers with Terraform Cloud dynamic credentials', () => {
  const built = buildLandingZone(Testing.app(), withCloud);

  it('take the run credentials directly in single-provider stacks: no assume_role, account, region and tags kept', () => {
    for (const [stack, account] of [
      [built.hub, '111111111111'],
      [built.logArchive, '222222222222'],
      [built.vpnPkis[0], '333333333333'],
    ] as const) {
      const t = Template.fromStack(stack);
      expect(t.json.provider.aws).toEqual([{ allowed_account_ids: [account], region: 'ap-northeast-2', default_tags: tags(stack.stackName) }]);
      expect(t.json.variable?.tfc_aws_dynamic_credentials).toBeUndefined();
    }
  });

  it("map the spoke's default and hub configurations through var.tfc_aws_dynamic_credentials", () => {
    const t = Template.fromStack(built.spokes[0]);
    expect(t.json.provider.aws).toEqual([
      { allowed_account_ids: ['333333333333'], region: 'ap-northeast-2', default_tags: tags('shop-spoke-shop-prod'), shared_config_files: ['${var.tfc_aws_dynamic_credentials.default.shared_config_file}'] },
      { alias: 'hub', allowed_account_ids: ['111111111111'], region: 'ap-northeast-2', default_tags: tags('shop-spoke-shop-prod'), shared_config_files: ['${var.tfc_aws_dynamic_credentials.aliases.hub.shared_config_file}'] },
    ]);
    expect(t.json.variable.tfc_aws_dynamic_credentials).toEqual({
      type: 'object({ default = object({ shared_config_file = string }), aliases = map(object({ shared_config_file = string })) })',
      description: expect.stringContaining('Set by Terraform Cloud'),
    });
    expect(JSON.stringify(t.json.provider)).not.toContain('assume_role');
  });
});

describe('AWS providers with assumed roles (local state, --backend local)', () => {
  it('assume roleArn exactly as before, the spoke hub alias hub.roleArn', () => {
    for (const config of [lz, withCloud]) {
      const built = buildLandingZone(Testing.app(), config, { backend: 'local' });
      expect(Template.fromStack(built.hub).json.provider.aws).toEqual([{ allowed_account_ids: ['111111111111'], assume_role: assume('111111111111', 'shop-hub'), region: 'ap-northeast-2', default_tags: tags('shop-hub') }]);
      const spoke = Template.fromStack(built.spokes[1]);
      expect(spoke.json.provider.aws).toEqual([
        { allowed_account_ids: ['444444444444'], assume_role: assume('444444444444', 'shop-spoke-shop-dev'), region: 'ap-northeast-2', default_tags: tags('shop-spoke-shop-dev') },
        { alias: 'hub', allowed_account_ids: ['111111111111'], assume_role: assume('111111111111', 'shop-spoke-shop-dev'), region: 'ap-northeast-2', default_tags: tags('shop-spoke-shop-dev') },
      ]);
      expect(spoke.json.variable?.tfc_aws_dynamic_credentials).toBeUndefined();
    }
  });

  it('assume spokes[].hubRoleArn for the hub alias when it is set', () => {
    const narrow = loadWith((c) => (c.spokes[1].hubRoleArn = 'arn:aws:iam::111111111111:role/shop-dev-hub-side')).landingZone;
    const spoke = Template.fromStack(buildLandingZone(Testing.app(), narrow).spokes[1]);
    expect(spoke.json.provider.aws[1].assume_role).toEqual([{ role_arn: 'arn:aws:iam::111111111111:role/shop-dev-hub-side', session_name: 'lz-shop-spoke-shop-dev' }]);
  });
});

describe('identity records', () => {
  const built = buildLandingZone(Testing.app(), lz);

  it('record per provider the alias, account, apply role and scope, whatever the credential source', () => {
    expect(built.hub.identities).toEqual([{ account: '111111111111', applyRoleArn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', scope: { kind: 'deploy', readsHybridSecrets: true } }]);
    expect(built.logArchive.identities).toEqual([{ account: '222222222222', applyRoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole', scope: { kind: 'deploy', readsHybridSecrets: false } }]);
    expect(built.spokes[1].identities).toEqual([
      { account: '444444444444', applyRoleArn: 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole', scope: { kind: 'deploy', readsHybridSecrets: false } },
      {
        alias: 'hub',
        account: '111111111111',
        applyRoleArn: 'arn:aws:iam::111111111111:role/tfc/shop-spoke-shop-dev-hub',
        scope: { kind: 'spoke-hub', associateWith: 'nonprod', propagateTo: ['nonprod', 'shared', 'egress', 'onprem'] },
      },
    ]);
    const cloud = buildLandingZone(Testing.app(), withCloud);
    expect(cloud.spokes[1].identities).toEqual(built.spokes[1].identities);
  });
});
