/**
 * Access section: for each spoke, the exact commands that start a Session Manager session, open an
 * EC2 Instance Connect tunnel and fetch a Client VPN profile, and what the load balancer serves.
 * Commands come from the spoke workspace's synthesized outputs, so they are the ones `terraform
 * output` will print after apply.
 */
import { LandingZone, SpokeSpec } from '../config/model';
import { PORT_FORWARDING_DOCUMENT_NAME } from '../lib/aws/session-manager';
import { spokeStackName, vpnPkiStackName } from '../lib/stack-names';
import { PKI_OUTPUTS } from '../lib/stack-outputs';
import { parseReference, scanTemplate } from '../lib/terraform/expression';
import { renderCertificates } from './certificates';
import { code, fence, plural, prose, table } from './markdown';
import { stackNamed, SynthesizedApp } from './synthesized';

/** A synthesized output value with its `${...}` interpolations shown as `<name>` placeholders. */
function outputText(app: SynthesizedApp, stack: string, output: string): string | undefined {
  const value = app.stacks.find((s) => s.name === stack)?.json.output?.[output]?.value;
  if (typeof value !== 'string') return undefined;
  // Each `${aws_<type>.<name>.<attr>}` becomes `<type-id>` (lib/terraform/expression.ts parses the template).
  const parts = scanTemplate(value);
  if (!parts) return value;
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = part.directive ? undefined : parseReference(`\${${part.expr}}`);
      if (ref?.mode === 'managed' && ref.type.startsWith('aws_')) return `<${ref.type.slice('aws_'.length).replace(/_/g, '-')}-id>`;
      return `${part.directive ? '%' : '$'}{${part.expr}}`;
    })
    .join('');
}

/** A long shell command broken before each `--option` with `\` continuations, so it reads without scrolling and still pastes. */
export function wrapCommand(command: string, width = 90): string {
  if (command.length <= width) return command;
  return command.split(/ (?=--)/).join(' \\\n    ');
}

function renderSpoke(lz: LandingZone, spoke: SpokeSpec, app: SynthesizedApp): string {
  const stack = spokeStackName(lz, spoke.name);
  const tf = (output: string) => code(`terraform -chdir=cdktf.out/stacks/${stack} output -raw ${output}`);
  const parts = [`### ${spoke.name}`, '', `Account ${code(spoke.account)}, workspace ${code(stack)}, segment ${code(spoke.segment)}.`, ''];

  const ssm = spoke.access.ssm;
  const start = outputText(app, stack, 'ssm_start_session_command') ?? `aws ssm start-session --target <instance-id> --region ${lz.region}`;
  parts.push(
    `**Session Manager** (no bastion, no inbound port): endpoints ${ssm.endpoints === 'central' ? "in the hub's shared-endpoints VPC" : 'in this VPC'}, sessions end after ${ssm.idleTimeoutMinutes} idle minutes and at most ${ssm.maxSessionMinutes} minutes, and every transcript lands in ${code(`s3://${lz.logArchive.bucketName}/ssm/${spoke.account}/`)}.`,
    '',
    fence(
      'sh',
      [
        wrapCommand(start),
        '# forward a port of the instance (e.g. an app on 8080) to localhost',
        wrapCommand(start.replace(' --region', ` --document-name ${PORT_FORWARDING_DOCUMENT_NAME} --parameters portNumber=8080,localPortNumber=8080 --region`)),
      ].join('\n'),
    ),
    '',
    `Instances need the instance profile ${code(outputText(app, stack, 'ssm_instance_profile_name') ?? '?')}; operators need the ssm-operator policy and a ${code('Team')} principal tag matching the instance's.`,
    '',
  );

  const eic = spoke.access.instanceConnect;
  if (eic) {
    const command = outputText(app, stack, 'instance_connect_command');
    parts.push(
      `**EC2 Instance Connect Endpoint** in ${code(eic.subnet)}: SSH to private instances without public addresses; tunnels last at most ${eic.maxTunnelSeconds} seconds, and instances must join the ${code('instance-connect-clients')} security group.`,
      '',
      fence('sh', command ? wrapCommand(command) : '# no instance_connect_command output in the synthesized stack'),
      '',
      `The same command with the endpoint id filled in, after apply: ${tf('instance_connect_command')}.`,
      '',
    );
  }

  const vpn = spoke.clientVpn;
  if (vpn) {
    parts.push(
      `**Client VPN** (${vpn.transport.toUpperCase()} ${vpn.port}, split tunnel, mutual certificates): clients get addresses from ${code(vpn.clientCidr)} and reach ${prose(vpn.authorizedCidrs.map(code))} through ${prose(vpn.subnets.map(code))}. ` +
        `Sessions last at most ${vpn.sessionTimeoutHours} hours. After applying ${code(vpnPkiStackName(lz, spoke.name))} and ${code(stack)}, an operator who may read the state of ${code(vpnPkiStackName(lz, spoke.name))} (nobody else can) writes each profile (mode 0600) with ${code('lz vpn-profile')}; ` +
          `a profile holds the user's private key${Object.keys(vpn.csrs).length > 0 ? ` (except for ${prose(Object.keys(vpn.csrs).map(code))}, who brought a certificate request and keep${Object.keys(vpn.csrs).length === 1 ? 's' : ''} the key)` : ''}: hand it over out of band and delete it after (docs/client-vpn.md).`,
      '',
      fence('sh', vpn.users.map((u) => `npm run lz -- vpn-profile --spoke ${spoke.name} --user ${u}`).join('\n')),
      '',
      `Import ${prose(vpn.users.map((u) => code(`${spoke.name}-${u}.ovpn`)))} into the AWS VPN Client or Tunnelblick. ` +
        'A connect handler admits only these users: a user removed from the config is refused from the next apply on, although their certificate still verifies.',
      '',
      renderCertificates(stackNamed(app, vpnPkiStackName(lz, spoke.name)), vpnPkiStackName(lz, spoke.name), PKI_OUTPUTS.certificateExpiry),
      '',
    );
  }

  const alb = spoke.alb;
  if (alb) {
    parts.push(
      `**Application load balancer** (internet-facing, public subnets): ${alb.certificateArn ? 'HTTPS on 443 with TLS 1.3 policy, 80 redirects to HTTPS' : '**HTTP only** (no certificateArn)'}, from ${prose(alb.allowedCidrs.map(code))}.`,
      '',
      table(['host', 'target port', 'protocol', 'health check'], alb.hosts.map((h) => [code(h.host), String(h.port), h.protocol, code(h.healthCheckPath)])),
      '',
      `Point each host name (CNAME or alias) at ${tf('alb_dns_name')}.`,
      '',
    );
  }
  return parts.join('\n').trimEnd();
}

/** The access section. */
export function renderAccess(lz: LandingZone, app: SynthesizedApp): string {
  const summary = table(
    ['spoke', 'Session Manager', 'Instance Connect', 'Client VPN', 'ALB'],
    lz.spokes.map((s) => [
      code(s.name),
      `${s.access.ssm.endpoints} endpoints`,
      s.access.instanceConnect ? code(s.access.instanceConnect.subnet) : '—',
      s.clientVpn ? plural(s.clientVpn.users.length, 'user') : '—',
      s.alb ? plural(s.alb.hosts.length, 'host') : '—',
    ]),
  );
  return ['## Access', '', 'No bastion hosts and no inbound SSH from the internet: operators use Session Manager or the Instance Connect Endpoint, developers the Client VPN.', '', summary, '', ...lz.spokes.flatMap((s) => [renderSpoke(lz, s, app), ''])].join('\n').trimEnd();
}
