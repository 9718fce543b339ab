/**
 * Diagram section: a Mermaid flowchart GitHub renders inline, and a segment reachability matrix. The topology shows the accounts,
 * VPCs, the Transit Gateway, Direct Connect and VPN, central egress, the inspection VPC and its
 * firewall, shared endpoints and Resolver,
 * the log archive, and each spoke's access paths (Session Manager, Instance Connect, Client VPN,
 * ALB). The segment matrix shows which route tables reach which, so isolation is visible at a glance.
 */
import { LandingZone, SpokeSpec } from '../config/model';
import { subnetsOf, vpcWithCidr } from '../analysis/intents/context';
import { reach } from '../analysis/reach/reach';
import { reportNetwork } from './network';
import { SynthesizedApp } from './synthesized';
import { EGRESS_ROUTE_TABLE, INSPECTION_ROUTE_TABLE, ON_PREMISES_ROUTE_TABLE } from '../config/transit-routing';
import { fence, plural, table } from './markdown';

/** A Mermaid node id: letters, digits and underscores, prefixed so no id is a keyword (`end`, `graph`). */
export function nodeId(...parts: string[]): string {
  return `n_${parts.join('_').replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** A quoted Mermaid label; `<br/>` separates lines, double quotes become entities. */
export function label(...lines: string[]): string {
  return `"${lines.map((l) => l.replace(/"/g, '#quot;')).join('<br/>')}"`;
}

const indent = (lines: string[], depth = 1): string[] => lines.map((l) => `${'  '.repeat(depth)}${l}`);

function spokeSubgraph(s: SpokeSpec): string[] {
  const id = (kind: string) => nodeId(kind, s.name);
  const tiers = [...new Set(s.vpc.subnets.map((x) => x.tier))];
  const body = [
    `${id('vpc')}[${label(`VPC ${s.vpc.cidr}`, plural(s.vpc.availabilityZones.length, 'AZ'), tiers.join(' · '), s.vpc.egress === 'central' ? 'egress via hub' : s.vpc.egress === 'local' ? `own NAT (${s.vpc.natGateways})` : 'no internet egress')}]`,
    `${id('ssm')}[${label('Session Manager', `${s.access.ssm.endpoints} endpoints`)}]`,
  ];
  if (s.access.instanceConnect) body.push(`${id('eic')}[${label(`Instance Connect endpoint`, `in ${s.access.instanceConnect.subnet}`)}]`);
  if (s.clientVpn) body.push(`${id('cvpn')}[${label(`Client VPN ${s.clientVpn.clientCidr}`, `→ ${s.clientVpn.subnets.join(', ')}`)}]`);
  if (s.alb) body.push(`${id('alb')}[${label('ALB', ...s.alb.hosts.map((h) => h.host))}]`);
  return [`subgraph ${nodeId('spoke', s.name)}[${label(`${s.name} · account ${s.account} · segment ${s.segment}`)}]`, ...indent(body), 'end'];
}

/** The topology flowchart as Mermaid text. */
export function topologyMermaid(lz: LandingZone): string {
  const hub = lz.hub;
  const tgw = nodeId('tgw');
  // The order of the hub stack's route tables (stacks/hub-stack.ts).
  const tables = [...hub.transitGateway.segments.map((s) => s.name), ...(hub.egress ? [EGRESS_ROUTE_TABLE] : []), ...(hub.inspection ? [INSPECTION_ROUTE_TABLE] : []), ON_PREMISES_ROUTE_TABLE];
  const hubBody: string[] = [`${tgw}{{${label('Transit Gateway', `ASN ${hub.transitGateway.asn}`, `route tables: ${tables.join(', ')}`)}}}`];
  const edges: string[] = [];
  const lines = ['%%{init: {"flowchart": {"wrappingWidth": 260}}}%%', 'flowchart TB'];

  if (hub.directConnect || hub.vpn) {
    const dc = nodeId('dc');
    const dnsTargets = hub.dns.outbound?.rules.flatMap((r) => r.targets.map((t) => t.ip)) ?? [];
    lines.push(
      ...indent([
        `subgraph ${nodeId('onprem')}[${label(`On-premises · ${lz.onPremises.cidrs.join(', ') || 'no ranges listed'}`)}]`,
        `  ${dc}[${label('Data center', ...(dnsTargets.length > 0 ? [`DNS ${[...new Set(dnsTargets)].join(', ')}`] : []))}]`,
        'end',
      ]),
    );
    if (hub.directConnect) {
      const dx = hub.directConnect;
      hubBody.push(`${nodeId('dxgw')}[${label('Direct Connect gateway', `${dx.gatewayName} · ASN ${dx.asn}`, ...dx.virtualInterfaces.map((v) => `transit VIF ${v.name}${v.kind === 'owned' ? ` · VLAN ${v.vlan}` : ' (hosted)'}`))}]`);
      edges.push(`${dc} ==>|${label('Direct Connect')}| ${nodeId('dxgw')}`, `${nodeId('dxgw')} === ${tgw}`);
    }
    if (hub.vpn) {
      hubBody.push(`${nodeId('s2s')}[${label('Site-to-Site VPN', ...hub.vpn.connections.map((c) => `${c.name} · BGP ASN ${c.asn}`))}]`);
      edges.push(`${dc} -.->|${label('IPsec backup')}| ${nodeId('s2s')}`, `${nodeId('s2s')} -.- ${tgw}`);
    }
  }
  if (hub.egress) {
    const nats = hub.egress.natGateways === 'per-az' ? hub.egress.availabilityZones.length : 1;
    hubBody.push(
      `subgraph ${nodeId('egressvpc')}[${label(`egress VPC ${hub.egress.cidr}`)}]`,
      `  ${nodeId('nat')}[${label(`${plural(nats, 'NAT gateway')}`, hub.egress.natGateways === 'per-az' ? 'one per AZ' : 'single')}]`,
      'end',
    );
    edges.push(`${tgw} ---|${label(EGRESS_ROUTE_TABLE)}| ${nodeId('nat')}`, `${nodeId('nat')} --> ${nodeId('internet')}`);
  }
  if (hub.inspection) {
    const i = hub.inspection;
    const optedOut = hub.transitGateway.segments.filter((s) => s.inspected === false).map((s) => s.name);
    hubBody.push(
      `subgraph ${nodeId('inspectionvpc')}[${label(`inspection VPC ${i.cidr}`)}]`,
      `  ${nodeId('firewall')}[${label('AWS Network Firewall', `${plural(i.availabilityZones.length, 'firewall endpoint')}, one per AZ · appliance mode on`, `inspects ${[...(i.eastWest ? ['east-west'] : []), ...(i.egress ? ['egress'] : [])].join(' and ') || 'nothing'}`, ...(optedOut.length > 0 ? [`opted out: ${optedOut.join(', ')}`] : []))}]`,
      'end',
    );
    edges.push(`${tgw} ---|${label(INSPECTION_ROUTE_TABLE)}| ${nodeId('firewall')}`);
  }
  if (hub.endpoints) {
    const e = hub.endpoints;
    const resolver = [
      ...(hub.dns.inbound ? [`inbound · ${plural(hub.dns.inbound.addresses.length, 'ENI')}`] : []),
      ...(hub.dns.outbound ? ['outbound forwards', ...hub.dns.outbound.rules.map((r) => r.domain)] : []),
    ];
    hubBody.push(
      `subgraph ${nodeId('endpointsvpc')}[${label(`shared endpoints VPC ${e.cidr} · segment ${e.segment}`)}]`,
      `  ${nodeId('vpce')}[${label(`${plural(e.services.length, 'interface endpoint')}`, e.services.map((s) => s.name).join(', '))}]`,
      `  ${nodeId('zones')}[${label(hub.dns.sharing === 'zone-association' ? plural(e.services.length, 'private hosted zone') : 'Route 53 Profile', 'shared with every spoke')}]`,
      ...(resolver.length > 0 ? [`  ${nodeId('resolver')}[${label('Route 53 Resolver', ...resolver)}]`] : []),
      'end',
    );
    edges.push(`${tgw} ---|${label(e.segment)}| ${nodeId('vpce')}`);
    if (hub.dns.inbound && (hub.directConnect || hub.vpn)) edges.push(`${nodeId('dc')} -.->|${label('DNS queries')}| ${nodeId('resolver')}`);
  }
  lines.push(...indent([`subgraph ${nodeId('hub')}[${label(`Hub account ${hub.account}`)}]`, ...indent(hubBody), 'end']));
  lines.push(...indent([`subgraph ${nodeId('logacct')}[${label(`Log archive account ${lz.logArchive.account}`)}]`, `  ${nodeId('logs')}[(${label(lz.logArchive.bucketName, 'flow logs, DNS query logs and', 'session transcripts of every VPC')})]`, 'end']));
  for (const s of lz.spokes) {
    lines.push(...indent(spokeSubgraph(s)));
    edges.push(`${tgw} ---|${label(s.segment)}| ${nodeId('vpc', s.name)}`);
    if (s.alb) edges.push(`${nodeId('internet')} -->|${label('HTTPS')}| ${nodeId('alb', s.name)}`);
    edges.push(`${nodeId('operators')} -->|${label('SSM')}| ${nodeId('ssm', s.name)}`);
    if (s.access.instanceConnect) edges.push(`${nodeId('operators')} -->|${label('SSH')}| ${nodeId('eic', s.name)}`);
    if (s.clientVpn) edges.push(`${nodeId('developers')} -->|${label('OpenVPN')}| ${nodeId('cvpn', s.name)}`);
  }
  const people = [
    ...(hub.egress || lz.spokes.some((s) => s.alb) ? [`${nodeId('internet')}((${label('Internet')}))`] : []),
    `${nodeId('operators')}([${label('Operators')}])`,
    ...(lz.spokes.some((s) => s.clientVpn) ? [`${nodeId('developers')}([${label('Developers')}])`] : []),
  ];
  lines.push(...indent(people), ...indent(edges));
  lines.push(...indent([`${nodeId('hub')} -.->|${label('logs')}| ${nodeId('logs')}`]));
  return lines.join('\n');
}

/**
 * Which attachment VPCs reach the internet, by member label (spoke name or `endpoints VPC`), read from
 * the network model of the synthesized output (the one `lz check` proves on), not from the config: a
 * VPC reaches the internet when some subnet of it has a route out (an internet gateway, a NAT gateway,
 * or the Transit Gateway towards the hub egress VPC). A segment's central-egress flag says nothing
 * about a VPC whose subnets have no default route, such as the shared-endpoints VPC. Undefined for a
 * VPC the model does not hold.
 */
export function internetReach(lz: LandingZone, app: SynthesizedApp): Map<string, boolean | undefined> {
  // The one model of the report (report/network.ts), not a second graph of the same stacks.
  const model = reportNetwork(app, lz.onPremises.cidrs).network;
  const reaches = (cidr: string): boolean | undefined => {
    const vpc = vpcWithCidr(model, cidr);
    if (!vpc) return undefined;
    // The route is the question, not the groups of a particular workload (as in intent I2).
    return subnetsOf(model, vpc).some((s) => reach(model, { kind: 'subnet', subnet: s.id, securityGroups: 'any' }, { kind: 'internet' }, 'tcp', 443).reachable);
  };
  return new Map([...lz.spokes.map((s) => [s.name, reaches(s.vpc.cidr)] as const), ...(lz.hub.endpoints ? [[ENDPOINTS_MEMBER, reaches(lz.hub.endpoints.cidr)] as const] : [])]);
}

/** How the shared-endpoints VPC appears among a segment's attachments. */
const ENDPOINTS_MEMBER = 'endpoints VPC';

/**
 * Segment reachability as a matrix: who may open connections to whom through the Transit Gateway, and,
 * given {@link internetReach}, which attachments reach the internet (✓ all, ✗ none, or each named).
 */
export function segmentMatrix(lz: LandingZone, internet?: ReadonlyMap<string, boolean | undefined>): { header: string[]; rows: string[][] } {
  const segments = lz.hub.transitGateway.segments;
  const members = (segment: string) => [
    ...lz.spokes.filter((s) => s.segment === segment).map((s) => s.name),
    ...(lz.hub.endpoints?.segment === segment ? [ENDPOINTS_MEMBER] : []),
  ];
  const onprem = segments.some((s) => s.reachesOnPremises);
  const internetCell = (segment: string): string => {
    const verdicts = members(segment).map((m) => [m, internet?.get(m)] as const);
    if (verdicts.length === 0) return '—';
    if (verdicts.every(([, v]) => v === true)) return '✓';
    if (verdicts.every(([, v]) => v === false)) return '✗';
    return verdicts.map(([m, v]) => `${v === undefined ? '?' : v ? '✓' : '✗'} ${m}`).join(', ');
  };
  const showInternet = internet !== undefined && [...internet.values()].some((v) => v !== false);
  const header = ['segment (attachments)', ...segments.map((s) => s.name), ...(onprem ? ['on-premises'] : []), ...(showInternet ? ['internet'] : [])];
  const rows = segments.map((s) => [
    `**${s.name}** (${members(s.name).join(', ') || 'none'})`,
    ...segments.map((o) => (o.name === s.name ? (s.isolateAttachments ? '✗ (isolated attachments)' : '✓') : s.peers.includes(o.name) ? '✓' : '✗')),
    ...(onprem ? [s.reachesOnPremises ? '✓' : '✗'] : []),
    ...(showInternet ? [internetCell(s.name)] : []),
  ]);
  return { header, rows };
}

/** The diagram section; the internet column comes from the synthesized output. */
export function renderDiagram(lz: LandingZone, app: SynthesizedApp): string {
  const matrix = segmentMatrix(lz, internetReach(lz, app));
  return [
    '## Diagram',
    '',
    fence('mermaid', topologyMermaid(lz)),
    '',
    '### Segment reachability',
    '',
    'Each segment is a Transit Gateway route table. ✓: attachments of the row may reach those of the column (reachability is symmetric); ✗: no route, the traffic is dropped at the Transit Gateway. Internet: whether the VPCs of the row have a route out (hub NAT, their own NAT or an internet gateway), read from the synthesized routes.',
    '',
    table(matrix.header, matrix.rows),
  ].join('\n');
}
