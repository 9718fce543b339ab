/**
 * LZ-SECRET01 over small synthesized-JSON fixtures (stacks as cdktf writes them, loaded through
 * graphFromJson so references resolve across stacks): for each of its four claims a compliant and a
 * failing case, and proof that no suppression can silence it.
 */
import type { Finding } from '../../../../analysis/findings';
import { graphFromJson, type StackJson } from '../../../../analysis/graph/load';
import { RULES } from '../../../../analysis/rules';
import { rule } from '../../../../analysis/rules/state/secret-containment';
import { applySuppressions, SUPPRESSION_RULE } from '../../../../analysis/suppressions';

/** Findings as `[unknown] <subject id>: <message>`. */
const run = (...stacks: StackJson[]): string[] => rule.check(graphFromJson(stacks)).map((v) => `${v.unknown ? '[unknown] ' : ''}${v.resource.id}: ${v.message}`);

/** A stack with local state in its own working directory, as stacks/backend.ts writes it. */
const local = (name: string, json: Record<string, unknown>): StackJson => ({ name, json: { terraform: { backend: { local: { path: `terraform.${name}.tfstate` } } }, ...json } });

/** A stack in Terraform Cloud workspace `lz-<name>` of organization `acme`. */
const cloud = (name: string, json: Record<string, unknown>, organization = 'acme'): StackJson => ({ name, json: { terraform: { cloud: { organization, workspaces: { name: `lz-${name}` } } }, ...json } });

/** A local remote state of `stack`, as stacks/hub-outputs.ts writes it. */
const remoteState = (stack: string) => ({ backend: 'local', config: { path: `../${stack}/terraform.${stack}.tfstate` } });

/** The PKI of one spoke: keys, certificates, the ACM import and the published ARN. */
const pkiResources = {
  tls_private_key: { ca: { algorithm: 'RSA' }, server: { algorithm: 'RSA' }, alice: { algorithm: 'RSA' } },
  tls_self_signed_cert: { ca: { private_key_pem: '${tls_private_key.ca.private_key_pem}' } },
  tls_cert_request: { server: { private_key_pem: '${tls_private_key.server.private_key_pem}' } },
  tls_locally_signed_cert: { server: { cert_request_pem: '${tls_cert_request.server.cert_request_pem}', ca_private_key_pem: '${tls_private_key.ca.private_key_pem}', ca_cert_pem: '${tls_self_signed_cert.ca.cert_pem}' } },
  aws_acm_certificate: { server: { private_key: '${tls_private_key.server.private_key_pem}', certificate_body: '${tls_locally_signed_cert.server.cert_pem}' } },
  aws_ssm_parameter: { server: { name: '/lz/pki/server-certificate-arn', type: 'String', value: '${aws_acm_certificate.server.arn}' } },
};
const PKI = local('pki', { resource: pkiResources, output: { server_certificate_arn: { value: '${aws_acm_certificate.server.arn}' }, ca_certificate_pem: { value: '${tls_self_signed_cert.ca.cert_pem}' } } });

/** A spoke that reads the server certificate ARN the PKI publishes, as the landing zone does. */
const spoke = (extra: Record<string, any> = {}): StackJson =>
  local('spoke', {
    ...extra,
    data: { aws_ssm_parameter: { server: { name: '/lz/pki/server-certificate-arn' } }, ...extra.data },
    resource: {
      aws_vpc: { app: { cidr_block: '10.1.0.0/16' } },
      aws_ec2_client_vpn_endpoint: { vpn: { server_certificate_arn: '${data.aws_ssm_parameter.server.insecure_value}' } },
      ...extra.resource,
    },
  });

/** A hub with a VPN (pre-shared keys in its state) and a Direct Connect VIF keyed by a sensitive variable. */
const hubResources = {
  aws_vpn_connection: { dc: { customer_gateway_id: 'cgw-1', type: 'ipsec.1', tunnel1_preshared_key: '${var.psk}' } },
  aws_dx_transit_virtual_interface: { vif: { connection_id: 'dxcon-1', bgp_auth_key: '${var.bgp_key}' } },
  aws_ec2_transit_gateway: { tgw: {} },
};
const hubVariables = { psk: { type: 'string', sensitive: true, default: null }, bgp_key: { type: 'string', sensitive: true } };
const HUB = local('hub', { variable: hubVariables, resource: hubResources, output: { transit_gateway_id: { value: '${aws_ec2_transit_gateway.tgw.id}' } } });

/** The log archive: a bucket, no secret. */
const archiveJson = { resource: { aws_s3_bucket: { logs: { bucket: 'logs' } } }, output: { bucket_arn: { value: '${aws_s3_bucket.logs.arn}' } } };
const ARCHIVE = local('archive', archiveJson);

describe('LZ-SECRET01 (a) key material stays in dedicated PKI stacks', () => {
  test('passes: keys in the PKI stack, the spoke reads only the published certificate ARN', () => {
    expect(run(PKI, spoke(), HUB, ARCHIVE)).toEqual([]);
  });

  test('a tls_private_key in a stack that also holds the network is a finding naming what makes it no PKI stack', () => {
    const mixed = spoke({ resource: { tls_private_key: { client: { algorithm: 'RSA' } } } });
    expect(run(PKI, mixed)).toEqual([
      'spoke:tls_private_key.client: stack spoke is not a PKI stack (it also holds aws_ec2_client_vpn_endpoint, aws_vpc): generate keys in a stack of their own that holds only tls keys and certificates, their ACM imports and the published certificate ARNs (like <name>-spoke-<spoke>-vpn-pki)',
    ]);
  });

  test('a PKI stack that grows a network resource stops being one', () => {
    const grown = local('pki', { resource: { ...pkiResources, aws_vpc: { v: { cidr_block: '10.9.0.0/16' } } } });
    expect(run(grown)).toEqual(['ca', 'server', 'alice'].sort().map((k) => `pki:tls_private_key.${k}: stack pki is not a PKI stack (it also holds aws_vpc): generate keys in a stack of their own that holds only tls keys and certificates, their ACM imports and the published certificate ARNs (like <name>-spoke-<spoke>-vpn-pki)`));
  });

  test('a spoke reaching a PKI key through a published parameter is a finding on the resource that reads it', () => {
    const leaky = local('pki', { resource: { ...pkiResources, aws_ssm_parameter: { ...pkiResources.aws_ssm_parameter, key: { name: '/lz/pki/alice-key', type: 'String', value: '${tls_private_key.alice.private_key_pem}' } } } });
    const reader = spoke({ data: { aws_ssm_parameter: { key: { name: '/lz/pki/alice-key' } } }, resource: { aws_secretsmanager_secret: { key: {} }, aws_secretsmanager_secret_version: { key: { secret_id: '${aws_secretsmanager_secret.key.id}', secret_string: '${data.aws_ssm_parameter.key.insecure_value}' } } } });
    expect(run(leaky, reader)).toEqual([
      'spoke:aws_secretsmanager_secret_version.key: references tls_private_key.alice of stack pki: key material stays in its PKI stack; read only the certificate ARNs it publishes',
    ]);
  });

  test('a reference to a key the stack does not declare, in a local and an output, is a finding on each', () => {
    const named = spoke({ locals: { key: '${tls_private_key.client.public_key_pem}' }, output: { key: { value: '${local.key}' } } });
    expect(run(PKI, named)).toEqual([
      'spoke:local.key: references tls_private_key.client: key material stays in its PKI stack; read only the certificate ARNs it publishes',
      'spoke:output.key: references tls_private_key.client: key material stays in its PKI stack; read only the certificate ARNs it publishes',
    ]);
  });
});

describe('LZ-SECRET01 (b) no output exposes a secret', () => {
  test('passes: certificates, ARNs, public keys and ordinary variables', () => {
    const pki = local('pki', {
      variable: { name: { type: 'string' } },
      resource: pkiResources,
      output: { ca: { value: '${tls_self_signed_cert.ca.cert_pem}' }, public: { value: '${tls_private_key.alice.public_key_pem}' }, name: { value: '${var.name}' }, arn: { value: '${aws_ssm_parameter.server.value}' } },
    });
    expect(run(pki)).toEqual([]);
  });

  test('the old PKI outputs, a pre-shared key, the device configuration, a BGP key and a sensitive variable through a function and a local', () => {
    const pki = local('pki', { resource: pkiResources, output: { client_private_key_pem_alice: { sensitive: true, value: '${tls_private_key.alice.private_key_pem}' } } });
    const hub = local('hub', {
      variable: hubVariables,
      resource: hubResources,
      locals: { key: '${var.bgp_key}' },
      output: {
        psk: { sensitive: true, value: '${aws_vpn_connection.dc.tunnel1_preshared_key}' },
        device: { value: { dc: '${aws_vpn_connection.dc.customer_gateway_configuration}' } },
        vif: { value: '${aws_dx_transit_virtual_interface.vif}' },
        raw: { value: '${nonsensitive(var.psk)}' },
        via_local: { value: 'key=${local.key}' },
      },
    });
    const fix = (stack: string) => `every workspace that reads ${stack}'s outputs, and anyone who runs terraform output, gets it (sensitive only hides it from the CLI) — remove the output; whoever needs the secret reads it from this workspace with access to it`;
    expect(run(pki, hub).sort()).toEqual(
      [
        `hub:output.device: exposes aws_vpn_connection.dc.customer_gateway_configuration: ${fix('hub')}`,
        `hub:output.psk: exposes aws_vpn_connection.dc.tunnel1_preshared_key: ${fix('hub')}`,
        `hub:output.raw: exposes var.psk (sensitive): ${fix('hub')}`,
        `hub:output.via_local: exposes var.bgp_key (sensitive): ${fix('hub')}`,
        `hub:output.vif: exposes aws_dx_transit_virtual_interface.vif: ${fix('hub')}`,
        `pki:output.client_private_key_pem_alice: exposes tls_private_key.alice.private_key_pem: ${fix('pki')}`,
      ].sort(),
    );
  });

  test('a SecureString parameter value is a secret; a String one is not', () => {
    const stack = (type: string) => local('app', { resource: { aws_ssm_parameter: { p: { name: '/app/p', type, value: 'x' } } }, output: { p: { value: '${aws_ssm_parameter.p.value}' } } });
    expect(run(stack('String'))).toEqual([]);
    expect(run(stack('SecureString'))).toEqual([expect.stringMatching(/^app:output\.p: exposes aws_ssm_parameter\.p\.value: /)]);
  });
});

describe('LZ-SECRET01 (c) no stack declares another stack\'s sensitive variable', () => {
  test('passes: each secret declared once; an ordinary variable may repeat', () => {
    const spokeWithRegion = spoke({ variable: { region: { type: 'string' } } });
    const hub = local('hub', { variable: { ...hubVariables, region: { type: 'string' } }, resource: hubResources });
    expect(run(hub, spokeWithRegion)).toEqual([]);
  });

  test('a spoke declaring the hub\'s BGP key is at fault; the hub, whose VIF uses it, owns it', () => {
    const copy = spoke({ variable: { bgp_key: { type: 'string', sensitive: true } } });
    expect(run(HUB, copy)).toEqual([
      'spoke:var.bgp_key: declares variable bgp_key, a secret of stack hub (declared there as sensitive and used by its resources): set it in hub\'s workspace only and remove it from spoke',
    ]);
  });

  test('two stacks whose resources both use it are both at fault, even when one declares it without sensitive', () => {
    const other = local('hub2', { variable: { psk: { type: 'string' } }, resource: { aws_vpn_connection: { dc: { tunnel1_preshared_key: '${var.psk}' } } } });
    const found = run(HUB, other).filter((f) => f.includes(':var.'));
    expect(found).toEqual([
      'hub:var.psk: sensitive variable psk is declared by hub2 as well: a secret is set in one workspace — keep it in the stack whose resources use it and remove the others',
      'hub2:var.psk: variable psk is declared by hub (sensitive) as well: a secret is set in one workspace — keep it in the stack whose resources use it and remove the others',
    ]);
  });

  test('a stack that only forwards the secret into a workspace variable (tfe_variable) does not own it', () => {
    const bootstrap = local('bootstrap', {
      variable: { bgp_key: { type: 'string', sensitive: true } },
      resource: { tfe_variable: { 'hub-bgp_key': { key: 'bgp_key', value: '${var.bgp_key}', sensitive: true, workspace_id: 'ws-1' } } },
    });
    expect(run(HUB, bootstrap)).toEqual([
      'bootstrap:var.bgp_key: declares variable bgp_key, a secret of stack hub (declared there as sensitive and used by its resources): set it in hub\'s workspace only and remove it from bootstrap',
    ]);
  });
});

describe('LZ-SECRET01 (d) no stack reads a stack that holds secrets', () => {
  test('passes: reading the log archive, which holds no secret, with terraform_remote_state and with tfe_outputs', () => {
    const reader = spoke({ data: { terraform_remote_state: { archive: remoteState('archive') } }, resource: { aws_flow_log: { f: { log_destination: '${data.terraform_remote_state.archive.outputs.bucket_arn}' } } } });
    expect(run(PKI, ARCHIVE, reader)).toEqual([]);
    const tfcArchive = cloud('archive', archiveJson);
    const tfcReader = cloud('spoke', { provider: { tfe: [{ organization: 'acme' }] }, data: { tfe_outputs: { archive: { provider: 'tfe', workspace: 'lz-archive' } } } });
    expect(run(tfcArchive, tfcReader)).toEqual([]);
  });

  test('the old design: a spoke reading the hub and its PKI with terraform_remote_state', () => {
    const reader = spoke({ data: { terraform_remote_state: { hub: remoteState('hub'), pki: remoteState('pki') } } });
    expect(run(HUB, PKI, reader)).toEqual([
      'spoke:data.terraform_remote_state.hub: reads stack hub, which holds secrets (aws_dx_transit_virtual_interface.vif, aws_vpn_connection.dc, var.psk and 1 more); terraform_remote_state copies all of hub\'s outputs into this state and needs read access to its whole state — read the non-secret values it publishes as SSM parameters instead (constructs/publish) and keep its state unshared',
      'spoke:data.terraform_remote_state.pki: reads stack pki, which holds secrets (tls_private_key.alice, tls_private_key.ca, tls_private_key.server); terraform_remote_state copies all of pki\'s outputs into this state and needs read access to its whole state — read the non-secret values it publishes as SSM parameters instead (constructs/publish) and keep its state unshared',
    ]);
  });

  test('tfe_outputs of a workspace that holds a secret: a sensitive variable, a SecureString, a password, an access key', () => {
    const holders: [string, Record<string, unknown>, string][] = [
      ['var', { variable: { token: { type: 'string', sensitive: true } } }, 'var.token'],
      ['ssm', { resource: { aws_ssm_parameter: { p: { name: '/x', type: 'SecureString', value: 'v' } } } }, 'aws_ssm_parameter.p (SecureString)'],
      ['ssm-unknown', { variable: { t: { type: 'string' } }, resource: { aws_ssm_parameter: { p: { name: '/x', type: '${var.t}', value: 'v' } } } }, 'aws_ssm_parameter.p (its type ${var.t} is unknown before apply)'],
      ['password', { resource: { random_password: { p: { length: 32 } } } }, 'random_password.p'],
      ['key', { resource: { aws_iam_access_key: { k: { user: 'u' } }, aws_iam_user_login_profile: { l: { user: 'u' } }, aws_secretsmanager_secret_version: { s: { secret_id: 's' } } } }, 'aws_iam_access_key.k, aws_iam_user_login_profile.l, aws_secretsmanager_secret_version.s'],
      ['bgp', { resource: { aws_dx_bgp_peer: { p: { virtual_interface_id: 'dxvif-1' } } } }, 'aws_dx_bgp_peer.p'],
    ];
    for (const [name, json, held] of holders) {
      const reader = cloud('spoke', { provider: { tfe: [{ organization: 'acme' }] }, data: { tfe_outputs: { x: { provider: 'tfe', workspace: `lz-${name}` } } } });
      expect(run(cloud(name, json), reader)).toEqual([
        `spoke:data.tfe_outputs.x: reads stack ${name}, which holds secrets (${held}); tfe_outputs needs ${name}'s workspace to share its state with this one — read the non-secret values it publishes as SSM parameters instead (constructs/publish) and keep its state unshared`,
      ]);
    }
  });

  test('a String parameter, a hosted VIF accepter and a customer gateway hold no secret', () => {
    const plain = local('plain', { resource: { aws_ssm_parameter: { p: { name: '/x', type: 'String', value: 'v' } }, aws_dx_hosted_transit_virtual_interface_accepter: { a: { virtual_interface_id: 'dxvif-1' } }, aws_customer_gateway: { c: { ip_address: '198.51.100.1' } } } });
    const reader = spoke({ data: { terraform_remote_state: { plain: remoteState('plain') } } });
    expect(run(plain, reader)).toEqual([]);
  });

  test('a read no stack matches cannot be proved harmless', () => {
    const reader = cloud('spoke', { provider: { tfe: [{ organization: 'acme' }] }, data: { tfe_outputs: { gone: { provider: 'tfe', workspace: 'lz-gone' } }, terraform_remote_state: { s3: { backend: 's3', config: { bucket: 'b', key: 'k' } } } } });
    expect(run(cloud('archive', archiveJson), reader)).toEqual([
      '[unknown] spoke:data.terraform_remote_state.s3: cannot prove it reads no stack that holds secrets: its s3 backend cannot be matched to a stack offline',
      '[unknown] spoke:data.tfe_outputs.gone: cannot prove it reads no stack that holds secrets: it reads workspace lz-gone of acme, which no stack writes',
    ]);
  });
});

describe('LZ-SECRET01 cannot be suppressed', () => {
  test('is an error, not suppressible, and in the pack', () => {
    expect(rule).toEqual(expect.objectContaining({ id: 'LZ-SECRET01', level: 'error', suppressible: false }));
    expect(RULES).toContain(rule);
  });

  test('a suppression naming it is itself an error and leaves the finding unsuppressed', () => {
    const f: Finding = { rule: rule.id, title: rule.title, level: 'error', resource: 'spoke:data.terraform_remote_state.hub', path: 'spoke/hub', message: 'reads stack hub', unknown: false };
    const out = applySuppressions([f], [{ rule: 'LZ-SECRET01', resource: '*', reason: 'the hub is read by design here' }], RULES, new Date('2026-01-01T00:00:00Z'));
    expect(out).toEqual([
      f,
      expect.objectContaining({ rule: SUPPRESSION_RULE, level: 'error', path: 'suppressions[0]', message: `suppresses LZ-SECRET01 (${rule.title}), which cannot be suppressed — fix the resource instead` }),
    ]);
  });
});
