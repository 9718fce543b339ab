/**
 * The workload rules on the synthesized default landing zone: no findings at all, and faults injected
 * into the real synthesized JSON (one or more per rule) come out as exactly the expected findings, so
 * every rule is shown to read the shapes cdktf really writes (object and list blocks, JSON templates).
 */
import { graphFromJson, loadGraph } from '../../../analysis/graph/load';
import type { ResourceGraph, TfResource } from '../../../analysis/graph/types';
import { WORKLOAD_RULES } from '../../../analysis/rules/workload';
import { readStacks, stackNamed, synthDefault } from '../../helpers/analysis';

const SPOKE = 'shop-spoke-shop-prod';
const ARCHIVE = 'shop-log-archive';

type Finding = { rule: string; resource: string; message: string; unknown: boolean };

function run(graph: ResourceGraph): Finding[] {
  return WORKLOAD_RULES.flatMap((r) => r.check(graph).map((v) => ({ rule: r.id, resource: v.resource.id, message: v.message, unknown: v.unknown ?? false })));
}

const order = (a: Finding, b: Finding): number => (a.rule + a.resource + a.message < b.rule + b.resource + b.message ? -1 : 1);

/** The body of the one resource of `type` synthesized at construct path `<stack>/<path>`. */
function body(stack: { name: string; json: Record<string, any> }, type: string, path: string): Record<string, any> {
  const found = Object.values<Record<string, any>>(stack.json.resource[type] ?? {}).filter((r) => r['//']?.metadata?.path === `${stack.name}/${path}`);
  if (found.length !== 1) throw new Error(`expected one ${type} at ${stack.name}/${path}, found ${found.length}`);
  return found[0];
}

/** The one resource of the graph at a construct path. */
function atPath(graph: ResourceGraph, path: string): TfResource {
  const found = graph.resources.filter((r) => r.path === path);
  if (found.length !== 1) throw new Error(`expected one resource at ${path}, found ${found.length}`);
  return found[0];
}

let dir: string;

beforeAll(() => {
  dir = synthDefault();
});

describe('workload rules on the default landing zone', () => {
  test('find nothing', () => {
    expect(run(loadGraph(dir))).toEqual([]);
  });

  test('find every fault injected into the synthesized JSON, and nothing else', () => {
    const stacks = readStacks(dir);
    const spoke = stackNamed(stacks, SPOKE);
    const archive = stackNamed(stacks, ARCHIVE);
    const policyOf = (r: Record<string, any>) => JSON.parse(r.policy);

    const lb = body(spoke, 'aws_lb', 'alb/load-balancer');
    delete lb.drop_invalid_header_fields;
    lb.enable_deletion_protection = false;
    lb.desync_mitigation_mode = 'monitor';
    lb.access_logs.enabled = false;
    body(spoke, 'aws_lb_listener', 'alb/https-listener').ssl_policy = 'ELBSecurityPolicy-TLS-1-1-2017-01';
    body(spoke, 'aws_lb_listener', 'alb/http-listener').default_action[0].redirect.protocol = 'HTTP';

    const endpoint = body(spoke, 'aws_ec2_client_vpn_endpoint', 'client-vpn/endpoint');
    endpoint.split_tunnel = false;
    endpoint.connection_log_options.enabled = false;
    endpoint.authentication_options = [{ type: 'directory-service-authentication', active_directory_id: 'd-1234567890' }];
    body(spoke, 'aws_ec2_client_vpn_authorization_rule', 'client-vpn/authorize-172-16-128-0-20').target_network_cidr = '172.16.0.0/12';

    body(spoke, 'aws_s3_bucket_public_access_block', 'alb/access-log-public-access-block').restrict_public_buckets = false;
    const albPolicy = body(spoke, 'aws_s3_bucket_policy', 'alb/access-log-policy');
    const albDoc = policyOf(albPolicy);
    albDoc.Statement = albDoc.Statement.filter((s: { Sid: string }) => s.Sid !== 'DenyInsecureTransport');
    albPolicy.policy = JSON.stringify(albDoc);
    body(spoke, 'aws_s3_bucket_server_side_encryption_configuration', 'alb/access-log-encryption').rule[0].apply_server_side_encryption_by_default = { sse_algorithm: 'aws:kms' };
    body(spoke, 'aws_s3_bucket_versioning', 'alb/access-log-versioning').versioning_configuration.status = 'Suspended';
    body(spoke, 'aws_s3_bucket_ownership_controls', 'alb/access-log-ownership').rule.object_ownership = 'BucketOwnerPreferred';
    const archivePolicy = body(archive, 'aws_s3_bucket_policy', 'archive/policy');
    const archiveDoc = policyOf(archivePolicy);
    archiveDoc.Statement.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop-logs-222222222222-ap-northeast-2/*' });
    archivePolicy.policy = JSON.stringify(archiveDoc);

    body(archive, 'aws_kms_key', 'archive/key').enable_key_rotation = false;
    const sessionKey = body(spoke, 'aws_kms_key', 'session-manager/session-key');
    const keyDoc = policyOf(sessionKey);
    keyDoc.Statement.push({ Sid: 'Operators', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:role/Operators' }, Action: 'kms:*', Resource: '*' });
    sessionKey.policy = JSON.stringify(keyDoc);

    const operator = body(spoke, 'aws_iam_policy', 'session-manager/operator-policy');
    const operatorDoc = policyOf(operator);
    operatorDoc.Statement.push({ Sid: 'BreakGlass', Effect: 'Allow', Action: '*', Resource: '*' });
    operator.policy = JSON.stringify(operatorDoc);
    body(spoke, 'aws_iam_role_policy_attachment', 'session-manager/managed-instance-core').policy_arn = 'arn:aws:iam::aws:policy/AdministratorAccess';
    const role = body(spoke, 'aws_iam_role', 'session-manager/role');
    role.assume_role_policy = role.assume_role_policy.replace('{"Service":"ec2.amazonaws.com"}', '{"AWS":"*"}');

    const prefs = body(spoke, 'aws_ssm_document', 'session-manager/session-preferences');
    const content: string = prefs.content;
    prefs.content = content
      .replace(/"kmsKeyId":"\$\{[^}]+\}"/, '"kmsKeyId":""')
      .replace('"cloudWatchEncryptionEnabled":true', '"cloudWatchEncryptionEnabled":false')
      .replace('"maxSessionDuration":"60"', '"maxSessionDuration":""');
    expect(prefs.content).not.toBe(content);

    const vpnLogs = body(spoke, 'aws_cloudwatch_log_group', 'client-vpn/log-group');
    delete vpnLogs.kms_key_id;
    vpnLogs.retention_in_days = 30;

    const graph = graphFromJson(stacks);
    const id = (path: string) => atPath(graph, path).id;
    const address = (path: string) => atPath(graph, path).address;
    const f = (rule: string, path: string, message: string): Finding => ({ rule, resource: id(path), message, unknown: false });
    const at = (p: string) => `${SPOKE}/${p}`;

    expect(run(graph).sort(order)).toEqual(
      [
        f('LZ-ALB01', at('alb/https-listener'), 'HTTPS listener uses ssl_policy ELBSecurityPolicy-TLS-1-1-2017-01; use ELBSecurityPolicy-TLS13-1-2-2021-06 or a stricter TLS 1.3 policy'),
        f('LZ-ALB02', at('alb/http-listener'), 'HTTP listener: default_action[0] redirects to protocol HTTP, not HTTPS'),
        f('LZ-ALB03', at('alb/load-balancer'), 'drop_invalid_header_fields is not set (default false), so requests with invalid header fields reach the targets'),
        f('LZ-ALB04', at('alb/load-balancer'), 'access_logs.enabled is false, so no request is recorded'),
        f('LZ-ALB05', at('alb/load-balancer'), 'enable_deletion_protection is false'),
        f('LZ-ALB06', at('alb/load-balancer'), 'desync_mitigation_mode is monitor, which forwards requests that risk HTTP desync; use defensive or strictest'),
        f('LZ-CVPN01', at('client-vpn/endpoint'), 'connection_log_options.enabled is false, so client connections are not logged'),
        f('LZ-CVPN02', at('client-vpn/authorize-172-16-128-0-20'), 'authorizes all groups to 172.16.0.0/12, wider than a /16: narrow the range or restrict it to an access_group_id'),
        f('LZ-CVPN03', at('client-vpn/endpoint'), 'split_tunnel is false, so all client traffic, internet included, goes through the VPC'),
        f('LZ-CVPN04', at('client-vpn/endpoint'), 'authenticates with directory-service-authentication only: add certificate-authentication so every client also needs a certificate from your CA'),
        f('LZ-IAM01', at('session-manager/operator-policy'), 'statement BreakGlass allows "*" on "*": full administrator access'),
        f('LZ-IAM02', at('session-manager/managed-instance-core'), 'attaches arn:aws:iam::aws:policy/AdministratorAccess: administrator access'),
        f('LZ-IAM03', at('session-manager/role'), 'statement Ec2AssumeRole lets any principal ("*") assume the role'),
        f('LZ-IAM04', at('session-manager/operator-policy'), 'statement BreakGlass allows every action of a service: *'),
        f('LZ-KMS01', `${ARCHIVE}/archive/key`, 'enable_key_rotation is false'),
        f('LZ-KMS02', at('session-manager/session-key'), 'statement Operators grants kms:* to arn:aws:iam::333333333333:role/Operators; only the account root may hold kms:*'),
        f('LZ-LOG01', at('client-vpn/log-group'), 'kms_key_id is not set, so the log group is not encrypted with a KMS key'),
        f('LZ-LOG02', at('client-vpn/log-group'), 'retention_in_days is 30, less than 365'),
        f('LZ-S301', at('alb/access-log-bucket'), `${address(at('alb/access-log-public-access-block'))} leaves restrict_public_buckets off`),
        f('LZ-S302', at('alb/access-log-bucket'), `bucket policy ${address(at('alb/access-log-policy'))} has no statement denying s3:* on ${address(at('alb/access-log-bucket'))} and its objects to every principal when aws:SecureTransport is false`),
        f('LZ-S303', at('alb/access-log-bucket'), `is the access-log bucket of ${address(at('alb/load-balancer'))}, and Application Load Balancers deliver only to SSE-S3 (AES256) buckets, but it uses aws:kms`),
        f('LZ-S304', at('alb/access-log-bucket'), `${address(at('alb/access-log-versioning'))} sets status Suspended, not Enabled`),
        f('LZ-S305', at('alb/access-log-bucket'), `${address(at('alb/access-log-ownership'))} sets object_ownership BucketOwnerPreferred, so ACLs still grant access`),
        f('LZ-S306', `${ARCHIVE}/archive/policy`, 'statement PublicRead allows s3:GetObject to any principal ("*") without an organization or account condition'),
        f('LZ-SSM01', at('session-manager/session-preferences'), 'inputs.kmsKeyId is empty, so session data is not encrypted with a KMS key'),
        f('LZ-SSM02', at('session-manager/session-preferences'), 'inputs.cloudWatchEncryptionEnabled is not true, so session logs may be written to /aws/ssm/sessions/shop-shop-prod unencrypted'),
        f('LZ-SSM03', at('session-manager/session-preferences'), 'inputs.maxSessionDuration is empty, so sessions have no maximum duration'),
      ].sort(order),
    );
  });
});
