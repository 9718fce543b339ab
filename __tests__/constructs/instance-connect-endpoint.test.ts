import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { InstanceConnectEndpoint, InstanceConnectEndpointProps } from '../../constructs/access/instance-connect-endpoint';
import { EIC_MAX_TUNNEL_DURATION_SECONDS, EIC_QUOTAS } from '../../lib/aws/instance-connect';
import { SecurityGroupLink } from '../../constructs/private/security-group-link';
import { Template } from '../helpers/template';
import { fakeVpc } from '../helpers/vpc-ref';

/** Two private subnets and a public one; the endpoint selects one by name. */
const vpcOf = (cidr: string) =>
  fakeVpc('vpc-1', cidr, [
    { id: 'subnet-private-a', name: 'app-a', az: 'ap-northeast-2a', tier: 'app', cidr: cidr.replace(/\/\d+$/, '/24') },
    { id: 'subnet-private-c', name: 'app-c', az: 'ap-northeast-2c', tier: 'app', cidr: cidr.replace(/\.0\.0\/\d+$/, '.1.0/24') },
    { id: 'subnet-public-a', name: 'public-a', az: 'ap-northeast-2a', tier: 'public', cidr: cidr.replace(/\.0\.0\/\d+$/, '.2.0/24') },
  ]);

const BASE: InstanceConnectEndpointProps = {
  name: 'shop',
  vpc: vpcOf('10.20.0.0/16'),
  subnet: { names: ['app-a'] },
  accountId: '111122223333',
  region: 'ap-northeast-2',
};

function build(overrides: Partial<InstanceConnectEndpointProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  const eice = new InstanceConnectEndpoint(stack, 'eice', { ...BASE, ...overrides });
  return { stack, eice, t: Template.fromStack(stack) };
}

/** The synthesized operator policy, parsed. */
const policyOf = (t: Template) => JSON.parse(t.resources('aws_iam_policy')[0].props.policy);

/** The policy Terraform receives: `$${` is Terraform's escape for a literal `${` (the IAM policy variable). */
const expectedPolicy = (o: { endpointArn: string; duration: string; osUsers: string[]; tagKey: string; principalTag: string; instanceArn: string; cidr: string }) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OpenTunnelSshIntoThisVpcOnly',
      Effect: 'Allow',
      Action: 'ec2-instance-connect:OpenTunnel',
      Resource: o.endpointArn,
      Condition: {
        NumericEquals: { 'ec2-instance-connect:remotePort': '22' },
        IpAddress: { 'ec2-instance-connect:privateIpAddress': o.cidr },
        NumericLessThanEquals: { 'ec2-instance-connect:maxTunnelDuration': o.duration },
      },
    },
    {
      Sid: 'SendSshPublicKeyToOwnTeamInstancesOnly',
      Effect: 'Allow',
      Action: 'ec2-instance-connect:SendSSHPublicKey',
      Resource: o.instanceArn,
      Condition: { StringEquals: { 'ec2:osuser': o.osUsers, [`aws:ResourceTag/${o.tagKey}`]: o.principalTag } },
    },
    {
      Sid: 'DescribeActionsCannotBeScopedToResources',
      Effect: 'Allow',
      Action: ['ec2:DescribeInstances', 'ec2:DescribeInstanceConnectEndpoints'],
      Resource: '*',
    },
  ],
});

describe('InstanceConnectEndpoint', () => {
  describe('defaults', () => {
    const { t, eice } = build();
    const endpointSg = t.byName('aws_security_group', 'shop-eice');
    const clientsSg = t.byName('aws_security_group', 'shop-instance-connect-clients');
    const endpoint = t.resources('aws_ec2_instance_connect_endpoint');

    test('exactly these resources', () => {
      expect(t.inventory()).toEqual({
        aws_ec2_instance_connect_endpoint: 1,
        aws_iam_policy: 1,
        aws_security_group: 2,
        aws_vpc_security_group_egress_rule: 1,
        aws_vpc_security_group_ingress_rule: 1,
      });
    });

    test('two groups in the VPC, neither with inline rules (so the default allow-all egress is removed)', () => {
      expect(endpointSg.props).toEqual({ name: 'shop-eice', description: 'EC2 Instance Connect Endpoint: SSH out to instance-connect clients only', vpc_id: 'vpc-1', tags: { Name: 'shop-eice' } });
      expect(clientsSg.props).toEqual({
        name: 'shop-instance-connect-clients',
        description: 'Instances reachable through EC2 Instance Connect Endpoint: SSH in from the endpoint only',
        vpc_id: 'vpc-1',
        tags: { Name: 'shop-instance-connect-clients' },
      });
    });

    test('the endpoint group: one egress rule, TCP 22 to the clients group; no ingress', () => {
      const egress = t.resources('aws_vpc_security_group_egress_rule');
      expect(egress.map((r) => r.props)).toEqual([
        { security_group_id: Template.ref(endpointSg), referenced_security_group_id: Template.ref(clientsSg), ip_protocol: 'tcp', from_port: 22, to_port: 22, description: 'SSH through EC2 Instance Connect Endpoint' },
      ]);
      expect(t.resources('aws_vpc_security_group_ingress_rule').filter((r) => r.props.security_group_id === Template.ref(endpointSg))).toEqual([]);
    });

    test('the clients group: one ingress rule, TCP 22 from the endpoint group; no egress', () => {
      const ingress = t.resources('aws_vpc_security_group_ingress_rule');
      expect(ingress.map((r) => r.props)).toEqual([
        { security_group_id: Template.ref(clientsSg), referenced_security_group_id: Template.ref(endpointSg), ip_protocol: 'tcp', from_port: 22, to_port: 22, description: 'SSH through EC2 Instance Connect Endpoint' },
      ]);
      expect(t.resources('aws_vpc_security_group_egress_rule').filter((r) => r.props.security_group_id === Template.ref(clientsSg))).toEqual([]);
    });

    test('no CIDR anywhere in the rules, and no 0.0.0.0/0 anywhere in the stack', () => {
      const rules = [...t.resources('aws_vpc_security_group_egress_rule'), ...t.resources('aws_vpc_security_group_ingress_rule')];
      for (const r of rules) {
        expect(r.props).not.toHaveProperty('cidr_ipv4');
        expect(r.props).not.toHaveProperty('cidr_ipv6');
        expect(r.props).not.toHaveProperty('prefix_list_id');
      }
      expect(JSON.stringify(t.json)).not.toContain('0.0.0.0/0');
      expect(JSON.stringify(t.json)).not.toContain('::/0');
    });

    test('the endpoint: in the private subnet, with the endpoint group only, client IP not preserved', () => {
      expect(endpoint).toHaveLength(1);
      expect(endpoint[0].props).toEqual({ subnet_id: 'subnet-private-a', security_group_ids: [Template.ref(endpointSg)], preserve_client_ip: false, tags: { Name: 'shop-eice' } });
    });

    test('exact operator policy', () => {
      const policy = t.resources('aws_iam_policy')[0];
      expect(policy.props.name).toBe('shop-instance-connect-operator');
      expect(policy.props.description).toBe('SSH through EC2 Instance Connect Endpoint shop-eice to own-team instances in its VPC');
      expect(policyOf(t)).toEqual(
        expectedPolicy({
          endpointArn: Template.ref(endpoint[0], 'arn'),
          duration: '3600',
          osUsers: ['ec2-user', 'ubuntu'],
          tagKey: 'Team',
          principalTag: '$${aws:PrincipalTag/Team}',
          instanceArn: 'arn:aws:ec2:ap-northeast-2:111122223333:instance/*',
          cidr: '10.20.0.0/16',
        }),
      );
    });

    test('policy JSON text is deterministic: same props, same string', () => {
      expect(build().t.resources('aws_iam_policy')[0].props.policy).toBe(t.resources('aws_iam_policy')[0].props.policy);
    });

    test('policyDocument holds the IAM policy variable unescaped; only the Terraform argument escapes it', () => {
      const send = eice.policyDocument.Statement[1];
      expect(send.Condition?.StringEquals['aws:ResourceTag/Team']).toBe('${aws:PrincipalTag/Team}');
      const raw: string = t.resources('aws_iam_policy')[0].props.policy;
      expect(raw.match(/\$\$\{aws:PrincipalTag\/Team\}/g)).toHaveLength(1);
      expect(raw).not.toMatch(/[^$]\$\{aws:/);
    });

    test('attributes: defaults resolved, ids and ARN from the resources', () => {
      expect(eice.maxTunnelDurationSeconds).toBe(3600);
      expect(eice.osUsers).toEqual(['ec2-user', 'ubuntu']);
      // Each attribute access mints a new token: compare what they synthesize to.
      const { stack, eice: e } = build();
      const attrs = { endpointId: e.endpointId, endpointArn: e.endpointArn, securityGroupId: e.securityGroupId, clientsSecurityGroupId: e.clientsSecurityGroupId };
      for (const [k, v] of Object.entries(attrs)) new TerraformOutput(stack, k, { value: v });
      const out = Template.fromStack(stack).json.output;
      expect(Object.fromEntries(Object.keys(attrs).map((k) => [k, out[k].value]))).toEqual({
        endpointId: Template.ref(endpoint[0]),
        endpointArn: Template.ref(endpoint[0], 'arn'),
        securityGroupId: Template.ref(endpointSg),
        clientsSecurityGroupId: Template.ref(clientsSg),
      });
    });
  });

  describe('openTunnelCommand', () => {
    const synthCommand = (args: [string, string?], overrides: Partial<InstanceConnectEndpointProps> = {}) => {
      const { stack, eice } = build(overrides);
      new TerraformOutput(stack, 'connect', { value: eice.openTunnelCommand(...args) });
      const t = Template.fromStack(stack);
      return { value: t.json.output.connect.value as string, endpoint: t.resources('aws_ec2_instance_connect_endpoint')[0] };
    };

    test('the AWS CLI eice shape: endpoint id, duration cap, first OS user, Region', () => {
      const { value, endpoint } = synthCommand(['i-0123456789abcdef0']);
      expect(value).toBe(
        `aws ec2-instance-connect ssh --instance-id i-0123456789abcdef0 --os-user ec2-user --connection-type eice --eice-options endpointId=${Template.ref(endpoint)},maxTunnelDuration=3600 --region ap-northeast-2`,
      );
    });

    test('a chosen OS user and a shorter cap', () => {
      const { value } = synthCommand(['i-01234567', 'ubuntu'], { maxTunnelDurationSeconds: 600 });
      expect(value).toMatch(/--instance-id i-01234567 --os-user ubuntu .*,maxTunnelDuration=600 /);
    });

    test('refuses a malformed instance id and an OS user the policy would deny', () => {
      const { eice } = build();
      expect(() => eice.openTunnelCommand('web-1')).toThrow('test/eice: openTunnelCommand: "web-1" is not an instance id (i- and 8 or 17 hex digits)');
      expect(() => eice.openTunnelCommand('i-0123456789abcdef0', 'admin')).toThrow('test/eice: openTunnelCommand: OS user "admin" is not one of osUsers (ec2-user, ubuntu); the policy would deny the key');
    });
  });

  test('all options', () => {
    const { t, eice } = build({
      name: 'pay-prod',
      vpc: vpcOf('172.16.0.0/20'),
      subnet: { names: ['app-c'] },
      maxTunnelDurationSeconds: 900,
      osUsers: ['ubuntu', 'admin', 'ubuntu'],
      teamTagKey: 'CostCenter',
      preserveClientIp: true,
      accountId: '444455556666',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
    });
    const endpoint = t.resources('aws_ec2_instance_connect_endpoint')[0];
    const endpointSg = t.byName('aws_security_group', 'pay-prod-eice');
    t.byName('aws_security_group', 'pay-prod-instance-connect-clients');
    expect(endpoint.props).toEqual({ subnet_id: 'subnet-private-c', security_group_ids: [Template.ref(endpointSg)], preserve_client_ip: true, tags: { Name: 'pay-prod-eice' } });
    expect(t.resources('aws_iam_policy')[0].props.name).toBe('pay-prod-instance-connect-operator');
    expect(policyOf(t)).toEqual(
      expectedPolicy({
        endpointArn: Template.ref(endpoint, 'arn'),
        duration: '900',
        osUsers: ['admin', 'ubuntu'],
        tagKey: 'CostCenter',
        principalTag: '$${aws:PrincipalTag/CostCenter}',
        instanceArn: 'arn:aws-us-gov:ec2:us-gov-west-1:444455556666:instance/*',
        cidr: '172.16.0.0/20',
      }),
    );
    // Duplicates dropped, given order kept (the command's default user is the first one).
    expect(eice.osUsers).toEqual(['ubuntu', 'admin']);
    expect(eice.maxTunnelDurationSeconds).toBe(900);
  });

  test('the duration cap accepts both ends of the AWS range', () => {
    expect(() => build({ maxTunnelDurationSeconds: 1 })).not.toThrow();
    expect(() => build({ maxTunnelDurationSeconds: EIC_MAX_TUNNEL_DURATION_SECONDS })).not.toThrow();
  });

  describe('validation', () => {
    const fails = (overrides: Partial<InstanceConnectEndpointProps>, message: string) => expect(() => build(overrides)).toThrow(`test/eice: ${message}`);
    const durationError = (d: number) => `maxTunnelDurationSeconds ${d} must be a whole number of seconds from 1 to 3600 (the AWS maximum, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/permissions-for-ec2-instance-connect-endpoint.html#iam-OpenTunnel)`;

    test('duration above the AWS maximum, zero, negative, fractional', () => {
      fails({ maxTunnelDurationSeconds: 3601 }, durationError(3601));
      fails({ maxTunnelDurationSeconds: 0 }, durationError(0));
      fails({ maxTunnelDurationSeconds: -60 }, durationError(-60));
      fails({ maxTunnelDurationSeconds: 90.5 }, durationError(90.5));
    });

    test('no OS user', () => {
      fails({ osUsers: [] }, 'osUsers is empty — list at least one OS user, e.g. ["ec2-user"] for Amazon Linux or ["ubuntu"] for Ubuntu');
    });

    test('invalid OS user names', () => {
      const bad = (u: string) => `osUsers entry "${u}" is not a Linux user name (lower-case letter or _ first, then a-z 0-9 _ -, at most 32 characters)`;
      fails({ osUsers: ['EC2-User'] }, bad('EC2-User'));
      fails({ osUsers: ['1admin'] }, bad('1admin'));
      fails({ osUsers: ['ec2 user'] }, bad('ec2 user'));
      fails({ osUsers: ['*'] }, bad('*'));
      fails({ osUsers: ['a'.repeat(33)] }, bad('a'.repeat(33)));
    });

    test('root is refused', () => {
      fails({ osUsers: ['ec2-user', 'root'] }, 'osUsers must not include "root" — log in as the AMI default user and use sudo');
    });

    test('team tag key that IAM rejects or that would break the policy variable', () => {
      const bad = (k: string) => `teamTagKey "${k}" must be 1 to 128 letters, digits, spaces or _ . : / = + - @, not starting with "aws:"`;
      fails({ teamTagKey: '' }, bad(''));
      fails({ teamTagKey: 'aws:team' }, bad('aws:team'));
      fails({ teamTagKey: 'Team}' }, bad('Team}'));
      fails({ teamTagKey: 'T'.repeat(129) }, bad('T'.repeat(129)));
    });

    test('VPC CIDR that is not a canonical IPv4 block', () => {
      fails({ vpc: { ...vpcOf('10.20.0.0/16'), cidr: '10.20.0.1/16' } }, 'vpc.cidr "10.20.0.1/16" has host bits set (the network address of /16 is 10.20.0.0/16) — use 10.20.0.0/16');
      fails({ vpc: { ...vpcOf('10.20.0.0/16'), cidr: '10.20.0.0' } }, 'vpc.cidr "10.20.0.0" is not a CIDR block (expected a.b.c.d/n)');
    });

    test('a subnet selection that does not pick exactly one subnet of the VPC', () => {
      fails({ subnet: { tiers: ['app'] } }, 'subnet { tiers: [app] } selects 2 subnets (app-a, app-c) of the VPC — select exactly one, e.g. { names: ["<subnet>"] }');
      fails({ subnet: { names: ['db-a'] } }, 'subnet { names: [db-a] } selects no subnet of the VPC — select exactly one, e.g. { names: ["<subnet>"] }');
    });

    test('name, account, Region, partition', () => {
      fails({ name: 'shop prod' }, 'name "shop prod" must be 1 to 102 characters of A-Z a-z 0-9 + = , . @ _ - (it prefixes an IAM policy name)');
      fails({ name: 'x'.repeat(103) }, `name "${'x'.repeat(103)}" must be 1 to 102 characters`);
      fails({ name: 'sg-shop' }, 'name "sg-shop" must not start with "sg-" (it prefixes security group names)');
      fails({ accountId: '1111-2222-3333' }, 'accountId "1111-2222-3333" must be the 12-digit AWS account id');
      fails({ region: 'Seoul' }, 'region "Seoul" is not a Region code such as ap-northeast-2');
      fails({ partition: 'amazon' }, 'partition "amazon" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)');
    });

    test('every problem is reported at once, before any resource exists', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      expect(() => new InstanceConnectEndpoint(stack, 'eice', { ...BASE, maxTunnelDurationSeconds: 7200, osUsers: ['root'], region: 'Seoul' })).toThrow(
        /maxTunnelDurationSeconds 7200 .*; osUsers must not include "root".*; region "Seoul"/,
      );
      expect(stack.node.findAll().filter((c) => c !== stack).map((c) => c.node.path)).toEqual(['test/eice']);
    });

    test('unresolved tokens are not checked at synth time', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
      const first = new InstanceConnectEndpoint(stack, 'first', { ...BASE, name: 'first' });
      expect(() => new InstanceConnectEndpoint(stack, 'second', { ...BASE, name: 'second', vpc: { ...BASE.vpc, cidr: first.endpoint.vpcId }, accountId: first.endpoint.ownerId })).not.toThrow();
    });
  });

  test('EIC_QUOTAS: one endpoint per VPC and per subnet, five per account and Region, each with its source', () => {
    expect(EIC_QUOTAS.endpointsPerVpc.value).toBe(1);
    expect(EIC_QUOTAS.endpointsPerSubnet.value).toBe(1);
    expect(EIC_QUOTAS.endpointsPerAccountPerRegion.value).toBe(5);
    expect(EIC_QUOTAS.concurrentConnectionsPerEndpoint.value).toBe(20);
    for (const q of Object.values(EIC_QUOTAS)) expect(q.doc).toBe('https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-quotas.html');
  });
});

describe('SecurityGroupLink', () => {
  const link = (port: number, toPort?: number) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new SecurityGroupLink(stack, 'link', { fromSecurityGroupId: 'sg-from', toSecurityGroupId: 'sg-to', protocol: 'udp', port, toPort, description: 'd' });
    return Template.fromStack(stack);
  };

  test('egress on the source to the destination, ingress on the destination from the source, a port range kept', () => {
    const t = link(8000, 8080);
    const common = { ip_protocol: 'udp', from_port: 8000, to_port: 8080, description: 'd' };
    expect(t.resources('aws_vpc_security_group_egress_rule').map((r) => r.props)).toEqual([{ ...common, security_group_id: 'sg-from', referenced_security_group_id: 'sg-to' }]);
    expect(t.resources('aws_vpc_security_group_ingress_rule').map((r) => r.props)).toEqual([{ ...common, security_group_id: 'sg-to', referenced_security_group_id: 'sg-from' }]);
  });

  test('a port outside 0-65535 or a reversed range is refused', () => {
    expect(() => link(70000)).toThrow('test/link: port range 70000-70000 is not a range of TCP/UDP ports (0-65535, first <= last)');
    expect(() => link(443, 80)).toThrow('test/link: port range 443-80 is not a range of TCP/UDP ports (0-65535, first <= last)');
  });
});
