/** Client VPN (with its PKI workspace) and the application load balancer of the default shop-prod spoke. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { buildLandingZone } from '../../stacks/landing-zone-app';
import { defaultLandingZone, fixtureLandingZone } from '../helpers/landing-zone';
import { loadWith } from '../helpers/config';
import { Template } from '../helpers/template';

describe('Client VPN and ALB of shop-prod', () => {
  const stacks = buildLandingZone(Testing.app(), defaultLandingZone());
  const prod = Template.fromStack(stacks.spokes[0]);
  const pki = Template.fromStack(stacks.vpnPkis[0]);

  test('the PKI workspace: a CA, a server certificate and one client certificate per user, imported into ACM', () => {
    expect(stacks.vpnPkis.map((s) => s.stackName)).toEqual(['shop-spoke-shop-prod-vpn-pki']);
    expect(pki.resources('tls_self_signed_cert')[0].props.is_ca_certificate).toBe(true);
    expect(pki.resources('tls_locally_signed_cert').map((c) => [...c.props.allowed_uses].sort().join(','))).toEqual(
      expect.arrayContaining(['client_auth,digital_signature', expect.stringContaining('server_auth')]),
    );
    expect(pki.count('tls_locally_signed_cert')).toBe(3); // server, alice, bob
    // One ACM import serves both ARNs: the client certificates come from the server certificate's CA.
    expect(pki.count('aws_acm_certificate')).toBe(1);
    expect(pki.json.output.client_root_certificate_arn.value).toBe(pki.json.output.server_certificate_arn.value);
    expect(pki.json.terraform.required_providers.tls).toBeDefined();
  });

  test('no output holds a key or a client certificate: only the ARNs, the CA certificate and the expiry dates, none sensitive', () => {
    const outputs = pki.json.output as Record<string, { value: unknown; sensitive?: boolean }>;
    expect(Object.keys(outputs).sort()).toEqual(['ca_certificate_pem', 'certificate_expiry', 'client_root_certificate_arn', 'server_certificate_arn']);
    for (const [name, o] of Object.entries(outputs)) {
      expect({ name, sensitive: o.sensitive ?? false }).toEqual({ name, sensitive: false });
      const text = JSON.stringify(o.value);
      // A key, a request or a client certificate's PEM would let the reader of an output act as a user.
      expect({ name, text }).toEqual({ name, text: expect.not.stringMatching(/tls_private_key\.|private_key_pem|tls_cert_request\.|tls_locally_signed_cert\.[^.}]+\.cert_pem/) });
    }
    expect(outputs.ca_certificate_pem.value).toBe(Template.ref(pki.resources('tls_self_signed_cert')[0], 'cert_pem'));
  });

  test('a user who brings a certificate signing request: signed as given, no key of theirs in the PKI, admitted by name', () => {
    const csr = '__tests__/fixtures/client-vpn/carol.csr';
    const lz = loadWith((c) => c.spokes[0].clientVpn.users.push({ name: 'carol', csr })).landingZone;
    const built = buildLandingZone(Testing.app(), lz);
    const pkiCarol = Template.fromStack(built.vpnPkis[0]);
    const pem = fs.readFileSync(path.join(__dirname, '..', '..', csr), 'utf8');
    expect(pkiCarol.resources('tls_locally_signed_cert').filter((r) => r.props.cert_request_pem === pem)).toHaveLength(1);
    expect(pkiCarol.count('tls_private_key')).toBe(4); // CA, server, alice, bob
    expect(pkiCarol.count('tls_cert_request')).toBe(3); // server, alice, bob
    expect(JSON.stringify(pkiCarol.json.resource.tls_private_key)).not.toContain('carol');
    expect(Template.fromStack(built.spokes[0]).resources('aws_lambda_function')[0].props.environment.variables).toEqual({ ALLOWED_COMMON_NAMES: 'alice,bob,carol' });
  });

  test('no key material and no tls provider in the spoke workspace: it reads only the certificate ARNs', () => {
    const text = JSON.stringify(prod.json);
    expect(text).not.toMatch(/tls_private_key|private_key_pem|client_private_key/);
    expect(prod.json.terraform.required_providers.tls).toBeUndefined();
    const [endpoint] = prod.resources('aws_ec2_client_vpn_endpoint');
    expect(endpoint.props.server_certificate_arn).toBe(prod.published('/landing-zone/shop/spoke/shop-prod/vpn-pki/server-certificate-arn'));
    expect(prod.json.data.terraform_remote_state['vpn-pki']).toBeUndefined();
  });

  test('the endpoint: mutual certificate auth, split tunnel, UDP 443, DNS at the VPC base + 2, portal off, logging on', () => {
    const [endpoint] = prod.resources('aws_ec2_client_vpn_endpoint');
    expect(endpoint.props).toEqual(
      expect.objectContaining({
        client_cidr_block: '10.100.0.0/22',
        split_tunnel: true,
        transport_protocol: 'udp',
        vpn_port: 443,
        dns_servers: ['172.16.0.2'],
        self_service_portal: 'disabled',
        session_timeout_hours: 8,
      }),
    );
    expect(endpoint.props.authentication_options[0].type).toBe('certificate-authentication');
    expect(endpoint.props.connection_log_options.enabled).toBe(true);
  });

  test('associated with the three DB subnets, authorized for their ranges and the hub endpoints only, one change at a time', () => {
    const dbSubnets = ['db-1', 'db-2', 'db-3'].map((n) => Template.ref(prod.byName('aws_subnet', `shop-prod-${n}`)));
    expect(prod.resources('aws_ec2_client_vpn_network_association').map((a) => a.props.subnet_id).sort()).toEqual([...dbSubnets].sort());
    // The three DB subnets, the VPC resolver (base + 2) so that DNS works through the tunnel, and the
    // hub's shared endpoints, whose addresses that resolver gives for AWS service names.
    const authorized = prod.resources('aws_ec2_client_vpn_authorization_rule').map((r) => r.props.target_network_cidr).sort();
    expect(authorized).toEqual(['10.254.0.0/24', '172.16.0.2/32', '172.16.128.0/20', '172.16.144.0/20', '172.16.160.0/20']);
    expect(prod.resources('aws_ec2_client_vpn_route').map((r) => `${r.props.destination_cidr_block} ${r.props.target_vpc_subnet_id}`).sort()).toEqual(dbSubnets.map((s) => `10.254.0.0/24 ${s}`).sort());
    // One chain: following depends_on from the one change without it visits all of them, one at a time.
    const changes = [...prod.resources('aws_ec2_client_vpn_network_association'), ...prod.resources('aws_ec2_client_vpn_authorization_rule'), ...prod.resources('aws_ec2_client_vpn_route')];
    const next = new Map(changes.filter((r) => r.props.depends_on).map((r) => [r.props.depends_on[0] as string, r.address]));
    const order = [changes.find((r) => !r.props.depends_on)!.address];
    while (next.has(order[order.length - 1])) order.push(next.get(order[order.length - 1])!);
    expect(order).toHaveLength(changes.length);
    expect(changes.every((r) => !r.props.depends_on || r.props.depends_on.length === 1)).toBe(true);
  });

  test('AWS APIs on the VPN: the VPN group reaches the hub endpoints range on 443 only', () => {
    const vpnSg = prod.resources('aws_ec2_client_vpn_endpoint')[0].props.security_group_ids[0];
    const toHub = prod.resources('aws_vpc_security_group_egress_rule').filter((r) => r.props.security_group_id === vpnSg && r.props.cidr_ipv4 === '10.254.0.0/24');
    expect(toHub.map((r) => [r.props.ip_protocol, r.props.from_port, r.props.to_port])).toEqual([['tcp', 443, 443]]);
  });

  test('the connect handler admits exactly the configured users; removing one changes only its allow-list and the PKI', () => {
    const endpoint = prod.resources('aws_ec2_client_vpn_endpoint')[0];
    const fn = prod.resources('aws_lambda_function')[0];
    expect(endpoint.props.client_connect_options).toEqual({ enabled: true, lambda_function_arn: Template.ref(fn, 'arn') });
    expect(fn.props.function_name).toBe('AWSClientVPN-shop-shop-prod');
    expect(fn.props.environment.variables).toEqual({ ALLOWED_COMMON_NAMES: 'alice,bob' });

    const base = defaultLandingZone();
    const withoutBob = { ...base, spokes: base.spokes.map((sp, i) => (i === 0 ? { ...sp, clientVpn: { ...sp.clientVpn!, users: ['alice'] } } : sp)) };
    const after = buildLandingZone(Testing.app(), withoutBob);
    const prodAfter = Template.fromStack(after.spokes[0]);
    expect(prodAfter.resources('aws_lambda_function')[0].props.environment.variables).toEqual({ ALLOWED_COMMON_NAMES: 'alice' });
    // Everything else in the spoke workspace is unchanged: bob is locked out by the handler alone.
    const strip = (t: Template) => JSON.stringify({ ...t.json, resource: { ...t.json.resource, aws_lambda_function: undefined } });
    expect(strip(prodAfter)).toBe(strip(prod));
    const pkiAfter = Template.fromStack(after.vpnPkis[0]);
    expect(pkiAfter.count('tls_locally_signed_cert')).toBe(2);
    expect(JSON.stringify(pkiAfter.json)).not.toContain('bob');
  });

  test('the DB tier admits 5432 from the app tier and the VPN group only; the app tier admits the target ports from the ALB only', () => {
    const db = prod.byName('aws_security_group', 'shop-shop-prod-db');
    const app = prod.byName('aws_security_group', 'shop-shop-prod-app');
    const vpnSg = prod.resources('aws_ec2_client_vpn_endpoint')[0].props.security_group_ids[0];
    const dbIngress = prod.resources('aws_vpc_security_group_ingress_rule').filter((r) => r.props.security_group_id === Template.ref(db));
    expect(dbIngress.map((r) => [r.props.from_port, r.props.referenced_security_group_id]).sort()).toEqual([[5432, Template.ref(app)], [5432, vpnSg]].sort());
    const appIngress = prod.resources('aws_vpc_security_group_ingress_rule').filter((r) => r.props.security_group_id === Template.ref(app));
    expect(appIngress.map((r) => r.props.from_port).sort()).toEqual([8080, 8081]);
    expect(appIngress.every((r) => r.props.referenced_security_group_id && !r.props.cidr_ipv4)).toBe(true);
  });

  test('outbound, both tiers reach the central SSM endpoints and S3 on 443; only the app tier reaches the internet, on 443', () => {
    const egressOf = (group: string) =>
      prod
        .resources('aws_vpc_security_group_egress_rule')
        .filter((r) => r.props.security_group_id === Template.ref(prod.byName('aws_security_group', group)))
        .map((r) => `${r.props.ip_protocol} ${r.props.from_port}-${r.props.to_port} ${r.props.cidr_ipv4 ?? r.props.prefix_list_id ?? r.props.referenced_security_group_id}`)
        .sort();
    const s3 = `\${${prod.resources('aws_vpc_endpoint').find((e) => e.props.vpc_endpoint_type === 'Gateway')!.address}.prefix_list_id}`;
    const db = Template.ref(prod.byName('aws_security_group', 'shop-shop-prod-db'));
    expect(egressOf('shop-shop-prod-app')).toEqual([`tcp 443-443 0.0.0.0/0`, `tcp 443-443 10.254.0.0/24`, `tcp 443-443 ${s3}`, `tcp 5432-5432 ${db}`].sort());
    expect(egressOf('shop-shop-prod-db')).toEqual([`tcp 443-443 10.254.0.0/24`, `tcp 443-443 ${s3}`].sort());
    expect(prod.byName('aws_security_group', 'shop-shop-prod-app').props.tags).toEqual({ Name: 'shop-shop-prod-app', Tier: 'app' });
    expect(prod.byName('aws_security_group', 'shop-shop-prod-db').props.tags).toEqual({ Name: 'shop-shop-prod-db', Tier: 'db' });
  });

  test('with local SSM endpoints and no internet egress, the tiers reach their own VPC and the hub endpoints on 443 and nothing on the internet', () => {
    const lz = fixtureLandingZone('valid/per-az-and-isolated.yaml');
    const index = lz.spokes.findIndex((s) => s.access.ssm.endpoints === 'local' && s.vpc.natGateways === 'none');
    expect(index).toBeGreaterThanOrEqual(0);
    const spoke = lz.spokes[index];
    const t = Template.fromStack(buildLandingZone(Testing.app(), lz).spokes[index]);
    const app = Template.ref(t.byName('aws_security_group', `${lz.name}-${spoke.name}-app`));
    const cidrs = t
      .resources('aws_vpc_security_group_egress_rule')
      .filter((r) => r.props.security_group_id === app && r.props.cidr_ipv4)
      .map((r) => `${r.props.from_port} ${r.props.cidr_ipv4}`);
    // Session Manager on its own endpoints; every other service the hub centralizes still resolves to the hub range.
    expect(lz.hub.endpoints).toBeDefined();
    expect(cidrs.sort()).toEqual([`443 ${spoke.vpc.cidr}`, `443 ${lz.hub.endpoints!.cidr}`].sort());
  });

  test('the ALB: internet-facing in the public subnets, TLS 1.3 policy, HTTP redirected, one host rule per domain', () => {
    const [lb] = prod.resources('aws_lb');
    expect(lb.props).toEqual(expect.objectContaining({ internal: false, load_balancer_type: 'application', drop_invalid_header_fields: true, enable_deletion_protection: true }));
    const https = prod.resource('aws_lb_listener', { port: 443 });
    expect(https.props.ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    const http = prod.resource('aws_lb_listener', { port: 80 });
    expect(http.props.default_action[0].redirect).toEqual(expect.objectContaining({ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' }));
    const hosts = prod.resources('aws_lb_listener_rule').map((r) => r.props.condition[0].host_header.values).flat().sort();
    expect(hosts).toEqual(['api.example.com', 'shop.example.com']);
  });
});
