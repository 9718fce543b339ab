import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  allowListVariables,
  ClientVpnConnectHandler,
  ClientVpnConnectHandlerProps,
  CONNECT_HANDLER_CODE_DIR,
} from '../../constructs/access/client-vpn-connect-handler';
import { expectedLogGroupKeyPolicy } from '../helpers/log-group-key-policy';
import { Template } from '../helpers/template';
import { tempDir } from '../helpers/temp';

/** The deployed handler module, exactly the file that is zipped into the function. */
interface HandlerModule {
  handler(event: unknown): Promise<Record<string, unknown>>;
  decide(request: unknown, allowed: ReadonlySet<string>): Record<string, unknown>;
  allowedNames(env: Record<string, string | undefined>): Set<string>;
  SCHEMA_VERSION: string;
  DENIED_MESSAGE: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const code = require(path.join(CONNECT_HANDLER_CODE_DIR, 'index.js')) as HandlerModule;

/** A connection request as Client VPN sends it (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-authorization.html). */
const request = (commonName: unknown) => ({
  'connection-id': 'cvpn-connection-04e7e1b2f0daf9460',
  'endpoint-id': 'cvpn-endpoint-0123456789abcdef0',
  'common-name': commonName,
  username: '',
  platform: 'macos',
  'platform-version': '14.5',
  'public-ip': '198.51.100.7',
  'client-openvpn-version': '2.6.8',
  'aws-client-version': '4.1.0',
  groups: '',
  'schema-version': 'v3',
});

describe('connect handler code', () => {
  const ALLOWED = 'ALLOWED_COMMON_NAMES';
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env[ALLOWED];
    process.env[ALLOWED] = 'alice,bob.smith@example.com';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[ALLOWED];
    else process.env[ALLOWED] = saved;
  });
  const quiet = () => jest.spyOn(console, 'log').mockImplementation(() => undefined);

  test('a current user is allowed, with the response schema v1 and no message', async () => {
    quiet();
    await expect(code.handler(request('alice'))).resolves.toEqual({ allow: true, 'error-msg-on-denied-connection': '', 'posture-compliance-statuses': [], 'schema-version': 'v1' });
    await expect(code.handler(request('bob.smith@example.com'))).resolves.toMatchObject({ allow: true });
  });

  test('a user removed from the config (no longer in the list) is denied with a message', async () => {
    quiet();
    process.env[ALLOWED] = allowListVariables(['alice'])[ALLOWED];
    await expect(code.handler(request('bob.smith@example.com'))).resolves.toEqual({
      allow: false,
      'error-msg-on-denied-connection': code.DENIED_MESSAGE,
      'posture-compliance-statuses': [],
      'schema-version': 'v1',
    });
    await expect(code.handler(request('alice'))).resolves.toMatchObject({ allow: true });
  });

  test('unknown, differently cased, partial, empty or missing names are denied', async () => {
    quiet();
    for (const name of ['mallory', 'Alice', 'alic', 'alice,bob.smith@example.com', '', undefined, 42]) {
      await expect(code.handler(request(name))).resolves.toMatchObject({ allow: false, 'error-msg-on-denied-connection': code.DENIED_MESSAGE });
    }
    await expect(code.handler(null)).resolves.toMatchObject({ allow: false });
  });

  test('an empty or missing list denies everyone', async () => {
    quiet();
    process.env[ALLOWED] = '';
    await expect(code.handler(request('alice'))).resolves.toMatchObject({ allow: false });
    delete process.env[ALLOWED];
    await expect(code.handler(request('alice'))).resolves.toMatchObject({ allow: false });
  });

  test('each decision is logged with the connection id, never with more than the name', async () => {
    const log = quiet();
    await code.handler(request('mallory'));
    expect(log).toHaveBeenCalledWith(JSON.stringify({ connectionId: 'cvpn-connection-04e7e1b2f0daf9460', commonName: 'mallory', allow: false }));
  });

  test('the error message fits what the AWS client shows, and the allow-list parses as written by the construct', () => {
    expect(code.DENIED_MESSAGE.length).toBeLessThanOrEqual(255);
    expect(code.SCHEMA_VERSION).toBe('v1');
    expect([...code.allowedNames(allowListVariables(['a', 'b.c@d', 'e_f']))]).toEqual(['a', 'b.c@d', 'e_f']);
  });
});

const BASE: ClientVpnConnectHandlerProps = { name: 'shop-prod', allowedCommonNames: ['alice', 'bob'], accountId: '111122223333', region: 'ap-northeast-2' };

function build(overrides: Partial<ClientVpnConnectHandlerProps> = {}, app = Testing.app()) {
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  const handler = new ClientVpnConnectHandler(stack, 'handler', { ...BASE, ...overrides });
  return { stack, handler, t: Template.fromStack(stack) };
}

describe('ClientVpnConnectHandler', () => {
  const { t } = build();
  const fn = t.resources('aws_lambda_function')[0];
  const role = t.resources('aws_iam_role')[0];
  const logGroup = t.resources('aws_cloudwatch_log_group')[0];
  const key = t.resources('aws_kms_key')[0];

  test('exactly these resources: function, role with one inline policy, log group and its key; no resource policy', () => {
    expect(t.inventory()).toEqual({ aws_cloudwatch_log_group: 1, aws_iam_role: 1, aws_iam_role_policy: 1, aws_kms_key: 1, aws_lambda_function: 1 });
  });

  test('the function: AWSClientVPN- name, Node.js 22, the allow-list, its own log group, the zipped code', () => {
    expect(fn.props).toEqual({
      function_name: 'AWSClientVPN-shop-prod',
      description: 'Client VPN client connect handler: admits the listed certificate common names only',
      role: Template.ref(role, 'arn'),
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      filename: expect.stringMatching(/^assets\/handler_code_[0-9A-F]{8}\/[0-9A-F]{32}\/archive\.zip$/),
      source_code_hash: expect.stringMatching(/^[0-9A-F]{32}$/),
      timeout: 10,
      memory_size: 128,
      environment: { variables: { ALLOWED_COMMON_NAMES: 'alice,bob' } },
      logging_config: { log_format: 'Text', log_group: Template.ref(logGroup, 'name') },
      tags: { Name: 'AWSClientVPN-shop-prod' },
      depends_on: [t.resources('aws_iam_role_policy')[0].address],
    });
    expect(fn.props.filename).toContain(`/${fn.props.source_code_hash}/`);
  });

  test('least privilege: Lambda may assume the role, which may only write to its own log group', () => {
    expect(JSON.parse(role.props.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'LambdaAssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(role.props.name).toBe('AWSClientVPN-shop-prod');
    const policy = t.resources('aws_iam_role_policy')[0].props;
    expect(policy.role).toBe(Template.ref(role));
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'WriteOwnLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:ap-northeast-2:111122223333:log-group:/aws/lambda/AWSClientVPN-shop-prod:*' },
      ],
    });
    expect(t.count('aws_iam_role_policy_attachment')).toBe(0);
  });

  test('log group: the name Lambda writes to, KMS-encrypted with a rotating key for that group only, 365 days', () => {
    expect(logGroup.props).toEqual({ name: '/aws/lambda/AWSClientVPN-shop-prod', retention_in_days: 365, kms_key_id: Template.ref(key, 'arn'), tags: { Name: '/aws/lambda/AWSClientVPN-shop-prod' } });
    expect(key.props.enable_key_rotation).toBe(true);
    expect(JSON.parse(key.props.policy).Statement[1]).toEqual(
      expectedLogGroupKeyPolicy({ account: '111122223333', region: 'ap-northeast-2', logGroup: '/aws/lambda/AWSClientVPN-shop-prod', sid: 'AllowCloudWatchLogsForHandlerLogGroup' }).Statement[1],
    );
  });

  test('the code hash follows the code only: the same for any allow-list', () => {
    expect(build({ allowedCommonNames: ['carol'] }).t.resources('aws_lambda_function')[0].props.source_code_hash).toBe(fn.props.source_code_hash);
  });

  test('a full synth writes the zip inside the stack directory, where filename points', () => {
    const outdir = tempDir('cvpn-handler-');
    const app = new App({ outdir, skipValidation: true });
    const { stack } = build({}, app);
    app.synth();
    const stackDir = path.join(outdir, 'stacks', stack.node.id);
    const filename = Template.fromStack(stack).resources('aws_lambda_function')[0].props.filename as string;
    expect(existsSync(path.join(stackDir, filename))).toBe(true);
    expect(readdirSync(CONNECT_HANDLER_CODE_DIR)).toEqual(['index.js']);
  });

  describe('validation', () => {
    const fails = (overrides: Partial<ClientVpnConnectHandlerProps>, message: string) => expect(() => build(overrides)).toThrow(`test/handler: ${message}`);

    test('names: too long for a function name, or with other characters', () => {
      expect(() => build({ name: 'n'.repeat(51) })).not.toThrow();
      fails({ name: 'n'.repeat(52) }, `name "${'n'.repeat(52)}" must be letters, digits, "_" or "-" and make "AWSClientVPN-<name>" at most 64 characters`);
      fails({ name: 'shop prod' }, 'name "shop prod" must be letters');
    });

    test('allow-list: empty, duplicates, commas or other characters, over the environment limit', () => {
      fails({ allowedCommonNames: [] }, 'allowedCommonNames is empty — list the users whose certificates may connect');
      fails({ allowedCommonNames: ['alice', 'alice'] }, 'allowedCommonNames lists "alice" twice');
      fails({ allowedCommonNames: ['alice,bob'] }, 'allowedCommonNames entry "alice,bob" must be 1 to 64 letters, digits or . _ - @');
      const many = Array.from({ length: 80 }, (_, i) => `user-${String(i).padStart(2, '0')}-${'x'.repeat(44)}`);
      expect(() => build({ allowedCommonNames: many })).toThrow(/allowedCommonNames make \d+ bytes of environment variables, over the Lambda limit of 4096/);
      expect(() => build({ allowedCommonNames: many.slice(0, 70) })).not.toThrow();
    });

    test('account, Region, retention', () => {
      fails({ accountId: '1' }, 'accountId "1" must be the 12-digit AWS account id');
      fails({ region: 'Seoul' }, 'region "Seoul" is not a Region code');
      fails({ logRetentionDays: 2 }, 'logRetentionDays 2 is not a retention CloudWatch Logs accepts');
    });
  });
});
